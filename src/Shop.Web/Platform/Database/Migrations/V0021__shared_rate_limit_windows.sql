-- Rate-limit windows every instance counts in, so the limits that protect accounts hold across the cluster.
CREATE TABLE platform.rate_limit_windows (
    key          text                     NOT NULL,
    window_start timestamp with time zone NOT NULL,
    window_end   timestamp with time zone NOT NULL,
    hits         integer                  NOT NULL,
    CONSTRAINT pk_rate_limit_windows PRIMARY KEY (key, window_start)
);

-- The clean-up deletes windows that ended.
CREATE INDEX ix_rate_limit_windows_window_end ON platform.rate_limit_windows (window_end);

-- Tax rates of categories deleted before a category's rates went with it: they could never apply again.
DELETE FROM pricing.tax_rates r
 WHERE r.category_id IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM catalog.categories c WHERE c.id = r.category_id);
