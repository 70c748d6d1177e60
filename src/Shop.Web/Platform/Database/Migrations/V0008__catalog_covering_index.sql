-- Facet counts over a department read only this index (index-only scans): the columns they group
-- and filter by ride along with the category path.
DROP INDEX catalog.ix_products_active_category_path;
CREATE INDEX ix_products_active_category_path ON catalog.products (category_path varchar_pattern_ops, created_at DESC)
    INCLUDE (brand, seller_id, min_price, in_stock, rating_average, option_values) WHERE status = 'active';
