-- Facet counts of active products per category, pre-aggregated so the big unfiltered listings
-- (a whole department) do not scan thousands of rows per page view. Refreshed in the background
-- shortly after the catalog changes.
CREATE TABLE catalog.facet_counts (
    category_id uuid                   NOT NULL,
    term        character varying(300) NOT NULL,
    count       integer                NOT NULL,
    CONSTRAINT pk_facet_counts PRIMARY KEY (category_id, term)
);

CREATE FUNCTION catalog.refresh_facet_counts() RETURNS void LANGUAGE sql AS $$
    DELETE FROM catalog.facet_counts;
    INSERT INTO catalog.facet_counts (category_id, term, count)
    SELECT p.category_id, left(t.term, 300), count(*)::int
      FROM catalog.products p
     CROSS JOIN LATERAL (
           SELECT 'all'
           UNION ALL SELECT 'brand:' || p.brand
           UNION ALL SELECT 'seller:' || p.seller_id
           UNION ALL SELECT 'stock' WHERE p.in_stock
           UNION ALL SELECT 'rating:' || r FROM generate_series(1, 4) r WHERE p.rating_average >= r
           UNION ALL SELECT 'option:' || o FROM unnest(p.option_values) o
           UNION ALL SELECT 'price:' || CASE
                 WHEN p.min_price < 500 THEN '0-500' WHEN p.min_price < 1000 THEN '500-1000' WHEN p.min_price < 2500 THEN '1000-2500'
                 WHEN p.min_price < 5000 THEN '2500-5000' WHEN p.min_price < 10000 THEN '5000-10000'
                 WHEN p.min_price < 25000 THEN '10000-25000' ELSE '25000-' END
           ) t(term)
     WHERE p.status = 'active'
     GROUP BY p.category_id, t.term;
$$;
