-- Carts for guests (a token, stored as its SHA-256) and customers (one each), and wishlists.
CREATE SCHEMA IF NOT EXISTS cart;

CREATE TABLE cart.carts (
    id          uuid                     NOT NULL,
    customer_id uuid,
    token_hash  character varying(64),
    coupon_code character varying(40),
    created_at  timestamp with time zone NOT NULL,
    updated_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_carts PRIMARY KEY (id),
    CONSTRAINT ck_carts_owner CHECK ((customer_id IS NULL) <> (token_hash IS NULL))
);
CREATE UNIQUE INDEX ix_carts_customer_id ON cart.carts (customer_id);
CREATE UNIQUE INDEX ix_carts_token_hash ON cart.carts (token_hash);
-- Guest carts nobody came back to are removed by age.
CREATE INDEX ix_carts_updated_at ON cart.carts (updated_at) WHERE customer_id IS NULL;

CREATE TABLE cart.cart_lines (
    cart_id          uuid                     NOT NULL,
    variant_id       uuid                     NOT NULL,
    quantity         integer                  NOT NULL,
    price_when_added numeric(12,2)            NOT NULL,
    added_at         timestamp with time zone NOT NULL,
    CONSTRAINT pk_cart_lines PRIMARY KEY (cart_id, variant_id),
    CONSTRAINT fk_cart_lines_carts_cart_id FOREIGN KEY (cart_id) REFERENCES cart.carts (id) ON DELETE CASCADE,
    CONSTRAINT ck_cart_lines_quantity CHECK (quantity > 0)
);

CREATE TABLE cart.wishlist_items (
    customer_id uuid                     NOT NULL,
    variant_id  uuid                     NOT NULL,
    added_at    timestamp with time zone NOT NULL,
    CONSTRAINT pk_wishlist_items PRIMARY KEY (customer_id, variant_id)
);
