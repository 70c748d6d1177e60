-- Shipping methods with regional rates, tax rates by category and region, and coupons.
CREATE SCHEMA IF NOT EXISTS pricing;

CREATE TABLE pricing.shipping_methods (
    id                uuid                   NOT NULL,
    code              character varying(32)  NOT NULL,
    name              character varying(100) NOT NULL,
    delivery_estimate character varying(100),
    base_rate         numeric(12,2)          NOT NULL,
    per_kg_rate       numeric(12,2)          NOT NULL,
    free_over         numeric(12,2),
    is_active         boolean                NOT NULL,
    sort_order        integer                NOT NULL,
    CONSTRAINT pk_shipping_methods PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_shipping_methods_code ON pricing.shipping_methods (code);

-- A rate for a region: a state, or a postal-code prefix (the longest matching prefix wins over the state).
CREATE TABLE pricing.shipping_rates (
    id            uuid                   NOT NULL,
    method_id     uuid                   NOT NULL,
    state         character varying(100),
    postal_prefix character varying(10),
    base_rate     numeric(12,2)          NOT NULL,
    per_kg_rate   numeric(12,2)          NOT NULL,
    CONSTRAINT pk_shipping_rates PRIMARY KEY (id),
    CONSTRAINT fk_shipping_rates_shipping_methods_method_id FOREIGN KEY (method_id) REFERENCES pricing.shipping_methods (id) ON DELETE CASCADE
);
CREATE INDEX ix_shipping_rates_method_id ON pricing.shipping_rates (method_id);

-- A tax rate for a category (and its subcategories) and/or a state; the most specific match applies.
CREATE TABLE pricing.tax_rates (
    id          uuid                   NOT NULL,
    name        character varying(100) NOT NULL,
    percent     numeric(5,2)           NOT NULL,
    category_id uuid,
    state       character varying(100),
    CONSTRAINT pk_tax_rates PRIMARY KEY (id)
);

CREATE TABLE pricing.coupons (
    id                 uuid                     NOT NULL,
    code               character varying(40)    NOT NULL,
    description        character varying(200)   NOT NULL,
    kind               character varying(16)    NOT NULL,
    amount             numeric(12,2)            NOT NULL,
    scope              character varying(16)    NOT NULL,
    scope_id           uuid,
    minimum_order      numeric(12,2),
    starts_at          timestamp with time zone,
    ends_at            timestamp with time zone,
    usage_limit        integer,
    per_customer_limit integer,
    used_count         integer                  NOT NULL,
    is_active          boolean                  NOT NULL,
    created_at         timestamp with time zone NOT NULL,
    CONSTRAINT pk_coupons PRIMARY KEY (id),
    -- The database itself refuses a use beyond the limit.
    CONSTRAINT ck_coupons_usage CHECK (usage_limit IS NULL OR used_count <= usage_limit)
);
CREATE UNIQUE INDEX ix_coupons_code ON pricing.coupons (code);

CREATE TABLE pricing.coupon_redemptions (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    coupon_id   uuid                     NOT NULL,
    customer_id uuid,
    email       character varying(256)   NOT NULL,
    order_id    uuid                     NOT NULL,
    discount    numeric(12,2)            NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_coupon_redemptions PRIMARY KEY (id),
    CONSTRAINT fk_coupon_redemptions_coupons_coupon_id FOREIGN KEY (coupon_id) REFERENCES pricing.coupons (id) ON DELETE RESTRICT
);
CREATE INDEX ix_coupon_redemptions_coupon_id_email ON pricing.coupon_redemptions (coupon_id, email);
CREATE UNIQUE INDEX ix_coupon_redemptions_order_id ON pricing.coupon_redemptions (order_id);
