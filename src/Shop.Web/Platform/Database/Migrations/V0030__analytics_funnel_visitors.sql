-- The conversion funnel counts distinct visitors per step and day instead of steps taken.

-- Who took each step on each of the last few days (the flush deletes older days), so that a visitor
-- counts once a day per step whichever instance served them: a row inserted for the first time adds
-- one to funnel_daily in the same transaction; a row already there adds nothing.
CREATE TABLE analytics.funnel_visitors (
    day        date                  NOT NULL,
    step       character varying(16) NOT NULL,
    visitor_id uuid                  NOT NULL,
    CONSTRAINT pk_funnel_visitors PRIMARY KEY (day, step, visitor_id),
    CONSTRAINT ck_funnel_visitors_step CHECK (step IN ('viewed', 'added_to_cart', 'checkout_started', 'ordered'))
);

-- The last step is now kept with the others: visitors who placed an order that day.
ALTER TABLE analytics.funnel_daily ADD COLUMN ordered bigint NOT NULL DEFAULT 0;

-- Days before this one counted orders placed as the last step (and steps taken, not visitors, for the
-- others); they keep the figures they showed.
INSERT INTO analytics.funnel_daily (day, product_views, cart_adds, checkouts_started, ordered)
SELECT day, 0, 0, 0, orders_placed FROM analytics.daily_sales WHERE orders_placed > 0
ON CONFLICT (day) DO UPDATE SET ordered = excluded.ordered;

ALTER TABLE analytics.funnel_daily ALTER COLUMN ordered DROP DEFAULT;

COMMENT ON TABLE analytics.funnel_daily IS
    'Distinct visitors per funnel step and day (from funnel_visitors); days before V0030 hold steps taken and orders placed.';
