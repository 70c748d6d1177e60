-- Big listings are answered from each instance's in-memory listing index now; the per-category
-- facet counts it replaces are no longer kept.
DROP FUNCTION catalog.refresh_facet_counts();
DROP TABLE catalog.facet_counts;
