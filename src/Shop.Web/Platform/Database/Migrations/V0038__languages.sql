-- Languages: the one a person chose for their account (signing in brings it back), and the one an order was
-- placed in, so a guest's order messages speak it too.
ALTER TABLE identity.users ADD COLUMN language character varying(10);
ALTER TABLE ordering.orders ADD COLUMN language character varying(10) NOT NULL DEFAULT 'en-IN';
ALTER TABLE ordering.orders ALTER COLUMN language DROP DEFAULT;

-- A product's title and description in other languages, by language code: {"hi": {"Title": …, "Description": …}}.
-- Search reads them too (word for word: the English stemmer has nothing to say about Hindi).
ALTER TABLE catalog.products ADD COLUMN translations jsonb NOT NULL DEFAULT '{}';
ALTER TABLE catalog.products ALTER COLUMN translations DROP DEFAULT;
ALTER TABLE catalog.products DROP COLUMN search_vector;
ALTER TABLE catalog.products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
    setweight(to_tsvector('simple', jsonb_path_query_array(translations, '$.*.Title')::text), 'A') ||
    setweight(to_tsvector('english', coalesce(brand, '')), 'B') ||
    setweight(to_tsvector('english', coalesce(category_names, '')), 'C') ||
    setweight(to_tsvector('english', left(coalesce(description, ''), 4000)), 'D') ||
    setweight(to_tsvector('simple', left(jsonb_path_query_array(translations, '$.*.Description')::text, 4000)), 'D')) STORED NOT NULL;
CREATE INDEX ix_products_search_vector ON catalog.products USING gin (search_vector);
