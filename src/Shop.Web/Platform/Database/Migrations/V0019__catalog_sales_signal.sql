-- Every order raises its products' sales counts. That moves only the best-selling order, so it no
-- longer empties every instance's listing cache: it sends its own signal ('sales'), and instances
-- take new sales counts into their listing index at a slower pace. Any other change still signals
-- at once.
DROP TRIGGER products_changed ON catalog.products;
CREATE TRIGGER products_changed AFTER INSERT OR DELETE ON catalog.products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_changed();
CREATE TRIGGER products_updated AFTER UPDATE ON catalog.products
    FOR EACH ROW WHEN (OLD.sold_count = NEW.sold_count) EXECUTE FUNCTION catalog.notify_changed();

CREATE FUNCTION catalog.notify_sold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_catalog', 'sales');
    RETURN NULL;
END
$$;
CREATE TRIGGER products_sold AFTER UPDATE OF sold_count ON catalog.products
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_sold();
