-- Orders with snapshots of what was bought, where it goes and what it cost; one fulfilment per
-- seller; a timeline of every change.
CREATE SCHEMA IF NOT EXISTS ordering;

CREATE TABLE ordering.orders (
    id                   uuid                     NOT NULL,
    number               character varying(20)    NOT NULL,
    customer_id          uuid,
    email                character varying(256)   NOT NULL,
    customer_name        character varying(100)   NOT NULL,
    status               character varying(16)    NOT NULL,
    payment_method       character varying(32)    NOT NULL,
    paid_at              timestamp with time zone,
    currency             character varying(3)     NOT NULL,
    subtotal             numeric(12,2)            NOT NULL,
    discount             numeric(12,2)            NOT NULL,
    tax                  numeric(12,2)            NOT NULL,
    shipping             numeric(12,2)            NOT NULL,
    total                numeric(12,2)            NOT NULL,
    prices_include_tax   boolean                  NOT NULL,
    coupon_code          character varying(40),
    shipping_method_code character varying(32)    NOT NULL,
    shipping_method_name character varying(100)   NOT NULL,
    shipping_address     jsonb                    NOT NULL,
    billing_address      jsonb                    NOT NULL,
    idempotency_scope    character varying(60),
    idempotency_key      character varying(100),
    placed_at            timestamp with time zone NOT NULL,
    updated_at           timestamp with time zone NOT NULL,
    CONSTRAINT pk_orders PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_orders_number ON ordering.orders (number);
-- A retried checkout (same buyer, same key) finds the order it already placed.
CREATE UNIQUE INDEX ix_orders_idempotency_scope_idempotency_key ON ordering.orders (idempotency_scope, idempotency_key);
CREATE INDEX ix_orders_customer_id_placed_at ON ordering.orders (customer_id, placed_at);
CREATE INDEX ix_orders_status_placed_at ON ordering.orders (status, placed_at);
CREATE INDEX ix_orders_email ON ordering.orders (email);

CREATE TABLE ordering.fulfillments (
    id              uuid                     NOT NULL,
    order_id        uuid                     NOT NULL,
    seller_id       uuid                     NOT NULL,
    status          character varying(16)    NOT NULL,
    carrier         character varying(100),
    tracking_number character varying(100),
    shipped_at      timestamp with time zone,
    delivered_at    timestamp with time zone,
    updated_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_fulfillments PRIMARY KEY (id),
    CONSTRAINT fk_fulfillments_orders_order_id FOREIGN KEY (order_id) REFERENCES ordering.orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_fulfillments_order_id ON ordering.fulfillments (order_id);
CREATE INDEX ix_fulfillments_seller_id_status ON ordering.fulfillments (seller_id, status);

CREATE TABLE ordering.order_lines (
    id             uuid                   NOT NULL,
    order_id       uuid                   NOT NULL,
    fulfillment_id uuid                   NOT NULL,
    variant_id     uuid                   NOT NULL,
    product_id     uuid                   NOT NULL,
    seller_id      uuid                   NOT NULL,
    product_title  character varying(200) NOT NULL,
    product_slug   character varying(220) NOT NULL,
    variant_label  character varying(200) NOT NULL,
    sku            character varying(64)  NOT NULL,
    image_url      character varying(100),
    unit_price     numeric(12,2)          NOT NULL,
    quantity       integer                NOT NULL,
    subtotal       numeric(12,2)          NOT NULL,
    discount       numeric(12,2)          NOT NULL,
    tax_percent    numeric(5,2)           NOT NULL,
    tax            numeric(12,2)          NOT NULL,
    total          numeric(12,2)          NOT NULL,
    CONSTRAINT pk_order_lines PRIMARY KEY (id),
    CONSTRAINT fk_order_lines_orders_order_id FOREIGN KEY (order_id) REFERENCES ordering.orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_lines_order_id ON ordering.order_lines (order_id);

CREATE TABLE ordering.order_events (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    order_id    uuid                     NOT NULL,
    kind        character varying(24)    NOT NULL,
    message     character varying(1000)  NOT NULL,
    actor_id    uuid,
    is_internal boolean                  NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_order_events PRIMARY KEY (id),
    CONSTRAINT fk_order_events_orders_order_id FOREIGN KEY (order_id) REFERENCES ordering.orders (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_events_order_id ON ordering.order_events (order_id);
