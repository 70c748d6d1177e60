-- Reviews: one per product and customer, moderated before anyone else sees it; helpful votes; and
-- each product's tally of approved ratings, kept in step with every moderation in its transaction.
CREATE SCHEMA IF NOT EXISTS reviews;

CREATE TABLE reviews.reviews (
    id               uuid                     NOT NULL,
    product_id       uuid                     NOT NULL,
    seller_id        uuid                     NOT NULL,
    customer_id      uuid                     NOT NULL,
    author_name      character varying(100)   NOT NULL,
    rating           smallint                 NOT NULL,
    title            character varying(120)   NOT NULL,
    body             character varying(4000)  NOT NULL,
    status           character varying(16)    NOT NULL,
    rejection_reason character varying(500),
    helpful_count    integer                  NOT NULL,
    created_at       timestamp with time zone NOT NULL,
    updated_at       timestamp with time zone NOT NULL,
    moderated_at     timestamp with time zone,
    moderated_by     uuid,
    CONSTRAINT pk_reviews PRIMARY KEY (id),
    CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5)
);
CREATE UNIQUE INDEX ix_reviews_product_id_customer_id ON reviews.reviews (product_id, customer_id);
-- A product page's reviews.
CREATE INDEX ix_reviews_approved ON reviews.reviews (product_id, created_at) WHERE status = 'approved';
-- The moderation queue, oldest first per status.
CREATE INDEX ix_reviews_status_updated_at ON reviews.reviews (status, updated_at);
CREATE INDEX ix_reviews_customer_id ON reviews.reviews (customer_id);

CREATE TABLE reviews.helpful_votes (
    review_id  uuid                     NOT NULL,
    user_id    uuid                     NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_helpful_votes PRIMARY KEY (review_id, user_id),
    CONSTRAINT fk_helpful_votes_reviews_review_id FOREIGN KEY (review_id) REFERENCES reviews.reviews (id) ON DELETE CASCADE
);

CREATE TABLE reviews.product_ratings (
    product_id   uuid    NOT NULL,
    seller_id    uuid    NOT NULL,
    review_count integer NOT NULL,
    rating_total integer NOT NULL,
    one_star     integer NOT NULL,
    two_stars    integer NOT NULL,
    three_stars  integer NOT NULL,
    four_stars   integer NOT NULL,
    five_stars   integer NOT NULL,
    CONSTRAINT pk_product_ratings PRIMARY KEY (product_id)
);
CREATE INDEX ix_product_ratings_seller_id ON reviews.product_ratings (seller_id);

-- Recommendations, from real behaviour. Views are kept per visitor and product (a count and the
-- latest time), not per page view, and trimmed to each visitor's most recent ones.
CREATE TABLE catalog.product_views (
    visitor_key    character varying(40)    NOT NULL,
    product_id     uuid                     NOT NULL,
    views          integer                  NOT NULL,
    last_viewed_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_product_views PRIMARY KEY (visitor_key, product_id)
);
CREATE INDEX ix_product_views_visitor_key_last_viewed_at ON catalog.product_views (visitor_key, last_viewed_at);
CREATE INDEX ix_product_views_last_viewed_at ON catalog.product_views (last_viewed_at);

-- Orders counted per product and per pair of products bought together, once per order (outbox).
CREATE TABLE catalog.product_order_counts (
    product_id uuid    NOT NULL,
    orders     integer NOT NULL,
    CONSTRAINT pk_product_order_counts PRIMARY KEY (product_id)
);

CREATE TABLE catalog.product_pairs (
    product_id       uuid    NOT NULL,
    other_product_id uuid    NOT NULL,
    orders_together  integer NOT NULL,
    CONSTRAINT pk_product_pairs PRIMARY KEY (product_id, other_product_id)
);
