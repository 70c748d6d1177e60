-- The admin's "awaiting fulfilment" list reads the oldest few orders of this partial index instead of
-- walking every order ever placed until it finds some that wait.
CREATE INDEX ix_orders_awaiting_fulfilment ON ordering.orders (placed_at)
    WHERE status IN ('paid', 'processing') OR (status = 'pendingpayment' AND payment_method = 'cod');

-- A seller's "to ship" list: its open shipments in order id order (version 7 ids, so oldest first).
CREATE INDEX ix_fulfillments_open_seller_id_order_id ON ordering.fulfillments (seller_id, order_id)
    WHERE status IN ('pending', 'processing');

-- Sales by category per day: one row per category and day, however many products sell.
CREATE TABLE analytics.category_sales (
    day date NOT NULL,
    category_id uuid NOT NULL,
    gross numeric(16,2) NOT NULL,
    refunds numeric(16,2) NOT NULL,
    units integer NOT NULL,
    CONSTRAINT pk_category_sales PRIMARY KEY (day, category_id)
);

-- Product sales per calendar month: long periods read their whole months here and only the days at
-- either end from product_sales.
CREATE TABLE analytics.product_sales_monthly (
    month date NOT NULL,
    seller_id uuid NOT NULL,
    product_id uuid NOT NULL,
    orders integer NOT NULL,
    gross numeric(16,2) NOT NULL,
    refunds numeric(16,2) NOT NULL,
    units integer NOT NULL,
    CONSTRAINT pk_product_sales_monthly PRIMARY KEY (month, seller_id, product_id)
);
CREATE INDEX ix_product_sales_monthly_seller_id_month ON analytics.product_sales_monthly (seller_id, month);

-- Both start from the daily product rows already counted, so upgrading needs no rebuild.
INSERT INTO analytics.category_sales (day, category_id, gross, refunds, units)
SELECT day, category_id, sum(gross), sum(refunds), sum(units) FROM analytics.product_sales GROUP BY day, category_id;
INSERT INTO analytics.product_sales_monthly (month, seller_id, product_id, orders, gross, refunds, units)
SELECT date_trunc('month', day)::date, seller_id, product_id, sum(orders), sum(gross), sum(refunds), sum(units)
  FROM analytics.product_sales GROUP BY 1, 2, 3;
