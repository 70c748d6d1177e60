-- Sales and shopping figures kept as daily rollups by outbox handlers (docs/adr/0023), so a dashboard
-- reads a few hundred rows whatever the number of orders. Days are the shop's time zone's days.
CREATE SCHEMA IF NOT EXISTS analytics;

-- The whole shop per day. orders/gross/units drop when an order is cancelled; orders_placed does not (the funnel's last step).
CREATE TABLE analytics.daily_sales (
    day              date           NOT NULL,
    orders           integer        NOT NULL,
    orders_placed    integer        NOT NULL,
    gross            numeric(16,2)  NOT NULL,
    refunds          numeric(16,2)  NOT NULL,
    units            integer        NOT NULL,
    new_customers    integer        NOT NULL,
    returning_orders integer        NOT NULL,
    CONSTRAINT pk_daily_sales PRIMARY KEY (day)
);

CREATE TABLE analytics.seller_sales (
    day       date          NOT NULL,
    seller_id uuid          NOT NULL,
    orders    integer       NOT NULL,
    gross     numeric(16,2) NOT NULL,
    refunds   numeric(16,2) NOT NULL,
    units     integer       NOT NULL,
    CONSTRAINT pk_seller_sales PRIMARY KEY (day, seller_id)
);
CREATE INDEX ix_seller_sales_seller_id_day ON analytics.seller_sales (seller_id, day);

-- category_id is the empty uuid for lines ordered before order lines kept their category.
CREATE TABLE analytics.product_sales (
    day         date          NOT NULL,
    seller_id   uuid          NOT NULL,
    category_id uuid          NOT NULL,
    product_id  uuid          NOT NULL,
    orders      integer       NOT NULL,
    gross       numeric(16,2) NOT NULL,
    refunds     numeric(16,2) NOT NULL,
    units       integer       NOT NULL,
    CONSTRAINT pk_product_sales PRIMARY KEY (day, seller_id, category_id, product_id)
);
CREATE INDEX ix_product_sales_seller_id_day ON analytics.product_sales (seller_id, day);

CREATE TABLE analytics.payment_method_sales (
    day    date                  NOT NULL,
    method character varying(32) NOT NULL,
    orders integer               NOT NULL,
    gross  numeric(16,2)         NOT NULL,
    CONSTRAINT pk_payment_method_sales PRIMARY KEY (day, method)
);

-- Orders placed on a day by the status they are in now.
CREATE TABLE analytics.status_counts (
    day    date                  NOT NULL,
    status character varying(16) NOT NULL,
    orders integer               NOT NULL,
    CONSTRAINT pk_status_counts PRIMARY KEY (day, status)
);

-- What each order has been counted for, so every later event adjusts exactly what changed.
CREATE TABLE analytics.counted_orders (
    order_id         uuid                  NOT NULL,
    day              date                  NOT NULL,
    status           character varying(16) NOT NULL,
    cancelled        boolean               NOT NULL,
    returned         boolean               NOT NULL,
    refunded_offline boolean               NOT NULL,
    CONSTRAINT pk_counted_orders PRIMARY KEY (order_id)
);

-- Each customer's first order (signed-in customers by id, guests by email), for new and returning customers.
CREATE TABLE analytics.customers (
    customer_key    character varying(330)   NOT NULL,
    first_order_id  uuid                     NOT NULL,
    first_placed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_customers PRIMARY KEY (customer_key)
);

-- Shopping steps, counted in memory and written in batches (not derived from orders, so a rebuild keeps them).
CREATE TABLE analytics.funnel_daily (
    day               date   NOT NULL,
    product_views     bigint NOT NULL,
    cart_adds         bigint NOT NULL,
    checkouts_started bigint NOT NULL,
    CONSTRAINT pk_funnel_daily PRIMARY KEY (day)
);

CREATE TABLE analytics.seller_views (
    day       date   NOT NULL,
    seller_id uuid   NOT NULL,
    views     bigint NOT NULL,
    CONSTRAINT pk_seller_views PRIMARY KEY (day, seller_id)
);

CREATE TABLE analytics.searches (
    day          date                   NOT NULL,
    query        character varying(200) NOT NULL,
    searches     integer                NOT NULL,
    zero_results integer                NOT NULL,
    last_results integer                NOT NULL,
    CONSTRAINT pk_searches PRIMARY KEY (day, query)
);

-- Each refund of an online payment with its moment (payments so far kept only the refunded total).
CREATE TABLE payments.refunds (
    id          uuid                     NOT NULL,
    payment_id  uuid                     NOT NULL,
    order_id    uuid                     NOT NULL,
    amount      numeric(12,2)            NOT NULL,
    refunded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_refunds PRIMARY KEY (id)
);
CREATE INDEX ix_refunds_order_id ON payments.refunds (order_id);
-- Refunds issued before this history existed become one refund each, at the payment's last change.
INSERT INTO payments.refunds (id, payment_id, order_id, amount, refunded_at)
SELECT gen_random_uuid(), id, order_id, refunded_amount, updated_at FROM payments.payments WHERE refunded_amount > 0;
