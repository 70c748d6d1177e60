-- Every picture in the widths the pages use, as WebP and as the picture's own format (JPEG or PNG).
CREATE TABLE media.renditions (
    hash         character varying(64)  NOT NULL,
    width        integer                NOT NULL,
    webp         boolean                NOT NULL,
    content_type character varying(32)  NOT NULL,
    content      bytea                  NOT NULL,
    CONSTRAINT pk_renditions PRIMARY KEY (hash, width, webp),
    CONSTRAINT fk_renditions_files_hash FOREIGN KEY (hash) REFERENCES media.files (hash) ON DELETE CASCADE
);

-- Files kept before pictures were prepared still hold the upload as it came; the conversion command redoes them.
ALTER TABLE media.files ADD COLUMN prepared boolean NOT NULL DEFAULT false;
