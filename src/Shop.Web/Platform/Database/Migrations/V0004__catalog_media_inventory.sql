-- Catalog, media and inventory.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA IF NOT EXISTS media;

-- Uploaded files, stored once per content hash and served to every instance from here.
CREATE TABLE media.files (
    hash         character varying(64)    NOT NULL,
    content_type character varying(32)    NOT NULL,
    extension    character varying(8)     NOT NULL,
    width        integer                  NOT NULL,
    height       integer                  NOT NULL,
    size_bytes   integer                  NOT NULL,
    content      bytea                    NOT NULL,
    created_at   timestamp with time zone NOT NULL,
    CONSTRAINT pk_files PRIMARY KEY (hash)
);

CREATE SCHEMA IF NOT EXISTS catalog;

CREATE TABLE catalog.categories (
    id          uuid                   NOT NULL,
    parent_id   uuid,
    name        character varying(100) NOT NULL,
    slug        character varying(120) NOT NULL,
    description character varying(2000),
    sort_order  integer                NOT NULL,
    image_hash  character varying(64),
    -- Materialised path of ids ("/<root>/<child>/"): a subtree is one prefix range.
    path        character varying(1000) NOT NULL,
    depth       integer                NOT NULL,
    CONSTRAINT pk_categories PRIMARY KEY (id),
    CONSTRAINT fk_categories_categories_parent_id FOREIGN KEY (parent_id) REFERENCES catalog.categories (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_categories_slug ON catalog.categories (slug);
CREATE INDEX ix_categories_parent_id ON catalog.categories (parent_id);
CREATE INDEX ix_categories_path ON catalog.categories (path varchar_pattern_ops);

CREATE TABLE catalog.products (
    id              uuid                     NOT NULL,
    seller_id       uuid                     NOT NULL,
    category_id     uuid                     NOT NULL,
    title           character varying(200)   NOT NULL,
    slug            character varying(220)   NOT NULL,
    brand           character varying(100)   NOT NULL,
    description     character varying(20000) NOT NULL,
    attributes      jsonb                    NOT NULL,
    status          character varying(16)    NOT NULL,
    currency        character varying(3)     NOT NULL,
    min_price       numeric(12,2)            NOT NULL,
    max_price       numeric(12,2)            NOT NULL,
    in_stock        boolean                  NOT NULL,
    rating_average  numeric(3,2)             NOT NULL,
    rating_count    integer                  NOT NULL,
    sold_count      integer                  NOT NULL,
    primary_image   character varying(64),
    category_names  character varying(1000)  NOT NULL,
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    -- Weighted search document: title, then brand, then category names, then description.
    search_vector   tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(brand, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(category_names, '')), 'C') ||
        setweight(to_tsvector('english', left(coalesce(description, ''), 4000)), 'D')) STORED NOT NULL,
    CONSTRAINT pk_products PRIMARY KEY (id),
    CONSTRAINT fk_products_categories_category_id FOREIGN KEY (category_id) REFERENCES catalog.categories (id) ON DELETE RESTRICT
);
CREATE UNIQUE INDEX ix_products_slug ON catalog.products (slug);
CREATE INDEX ix_products_category_id ON catalog.products (category_id);
CREATE INDEX ix_products_seller_id ON catalog.products (seller_id);
CREATE INDEX ix_products_search_vector ON catalog.products USING gin (search_vector);
CREATE INDEX ix_products_title_trigram ON catalog.products USING gin (title gin_trgm_ops);
CREATE INDEX ix_products_brand_trigram ON catalog.products USING gin (brand gin_trgm_ops);
-- Storefront listings read only active products, in each of their sort orders.
CREATE INDEX ix_products_active_created ON catalog.products (created_at DESC, id) WHERE status = 'active';
CREATE INDEX ix_products_active_price ON catalog.products (min_price, id) WHERE status = 'active';
CREATE INDEX ix_products_active_category_created ON catalog.products (category_id, created_at DESC) WHERE status = 'active';

CREATE TABLE catalog.variants (
    id               uuid                   NOT NULL,
    product_id       uuid                   NOT NULL,
    sku              character varying(64)  NOT NULL,
    options          jsonb                  NOT NULL,
    price            numeric(12,2)          NOT NULL,
    compare_at_price numeric(12,2),
    weight_grams     integer                NOT NULL,
    position         integer                NOT NULL,
    CONSTRAINT pk_variants PRIMARY KEY (id),
    CONSTRAINT fk_variants_products_product_id FOREIGN KEY (product_id) REFERENCES catalog.products (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_variants_sku ON catalog.variants (sku);
-- One variant per combination of option values within a product.
CREATE UNIQUE INDEX ix_variants_product_id_options ON catalog.variants (product_id, options);
CREATE INDEX ix_variants_options ON catalog.variants USING gin (options jsonb_path_ops);

CREATE TABLE catalog.product_images (
    id         uuid                   NOT NULL,
    product_id uuid                   NOT NULL,
    media_hash character varying(64)  NOT NULL,
    alt_text   character varying(200),
    position   integer                NOT NULL,
    CONSTRAINT pk_product_images PRIMARY KEY (id),
    CONSTRAINT fk_product_images_products_product_id FOREIGN KEY (product_id) REFERENCES catalog.products (id) ON DELETE CASCADE
);
CREATE INDEX ix_product_images_product_id ON catalog.product_images (product_id);

CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.stock_items (
    variant_id          uuid                     NOT NULL,
    product_id          uuid                     NOT NULL,
    seller_id           uuid                     NOT NULL,
    sku                 character varying(64)    NOT NULL,
    on_hand             integer                  NOT NULL,
    reserved            integer                  NOT NULL,
    low_stock_threshold integer                  NOT NULL,
    updated_at          timestamp with time zone NOT NULL,
    CONSTRAINT pk_stock_items PRIMARY KEY (variant_id),
    -- The database itself refuses a state that would oversell.
    CONSTRAINT ck_stock_items_quantities CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
);
CREATE INDEX ix_stock_items_product_id ON inventory.stock_items (product_id);
CREATE INDEX ix_stock_items_seller_id ON inventory.stock_items (seller_id);

CREATE TABLE inventory.stock_movements (
    id              bigint GENERATED ALWAYS AS IDENTITY,
    variant_id      uuid                     NOT NULL,
    kind            character varying(16)    NOT NULL,
    on_hand_before  integer                  NOT NULL,
    on_hand_after   integer                  NOT NULL,
    reserved_before integer                  NOT NULL,
    reserved_after  integer                  NOT NULL,
    reason          character varying(500)   NOT NULL,
    reference       character varying(100),
    actor_id        uuid,
    created_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_stock_movements PRIMARY KEY (id)
);
CREATE INDEX ix_stock_movements_variant_id_created_at ON inventory.stock_movements (variant_id, created_at);

-- Every word of active product titles and brands, for "did you mean" spelling correction.
CREATE TABLE catalog.search_terms (
    term character varying(40) NOT NULL,
    CONSTRAINT pk_search_terms PRIMARY KEY (term)
);
CREATE INDEX ix_search_terms_trigram ON catalog.search_terms USING gin (term gin_trgm_ops);
