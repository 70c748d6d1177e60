-- Listing filters and facets read only the products table: each product carries its category's
-- path (so a subtree is a prefix) and the distinct "name:value" options of its variants.
ALTER TABLE catalog.products ADD COLUMN category_path character varying(1000) NOT NULL DEFAULT '';
ALTER TABLE catalog.products ADD COLUMN option_values text[] NOT NULL DEFAULT '{}';
UPDATE catalog.products p SET category_path = c.path FROM catalog.categories c WHERE c.id = p.category_id;
UPDATE catalog.products p
   SET option_values = coalesce((SELECT array_agg(DISTINCT o.key || ':' || o.value ORDER BY o.key || ':' || o.value)
                                   FROM catalog.variants v, jsonb_each_text(v.options) o WHERE v.product_id = p.id), '{}');
ALTER TABLE catalog.products ALTER COLUMN category_path DROP DEFAULT;
ALTER TABLE catalog.products ALTER COLUMN option_values DROP DEFAULT;
CREATE INDEX ix_products_active_category_path ON catalog.products (category_path varchar_pattern_ops, created_at DESC) WHERE status = 'active';
CREATE INDEX ix_products_option_values ON catalog.products USING gin (option_values);

-- Every instance drops its cached listings when the catalog changes.
CREATE FUNCTION catalog.notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_catalog', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE ON catalog.products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_changed();
CREATE TRIGGER categories_changed AFTER INSERT OR UPDATE OR DELETE ON catalog.categories
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_changed();
