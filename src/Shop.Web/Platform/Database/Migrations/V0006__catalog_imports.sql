-- CSV imports, processed in the background with their progress and per-row errors.
CREATE TABLE catalog.import_jobs (
    id                uuid                     NOT NULL,
    seller_id         uuid                     NOT NULL,
    file_name         character varying(200)   NOT NULL,
    status            character varying(16)    NOT NULL,
    total_rows        integer                  NOT NULL,
    processed_rows    integer                  NOT NULL,
    created_products  integer                  NOT NULL,
    updated_products  integer                  NOT NULL,
    errors            jsonb                    NOT NULL,
    content           text                     NOT NULL,
    created_at        timestamp with time zone NOT NULL,
    finished_at       timestamp with time zone,
    locked_until      timestamp with time zone,
    CONSTRAINT pk_import_jobs PRIMARY KEY (id)
);
CREATE INDEX ix_import_jobs_seller_id_created_at ON catalog.import_jobs (seller_id, created_at);
CREATE INDEX ix_import_jobs_waiting ON catalog.import_jobs (created_at) WHERE status IN ('queued', 'running');
