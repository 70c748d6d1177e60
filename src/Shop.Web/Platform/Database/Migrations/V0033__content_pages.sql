-- The shop's own pages (about, help, shipping, returns, privacy, terms): Markdown that admins edit,
-- shown at /pages/{slug} and linked from the footer column each names.
CREATE SCHEMA IF NOT EXISTS content;

CREATE TABLE content.pages (
    id            uuid                     NOT NULL,
    slug          character varying(80)    NOT NULL,
    title         character varying(120)   NOT NULL,
    body          text                     NOT NULL,
    footer_column character varying(16)    NOT NULL,
    is_published  boolean                  NOT NULL,
    created_at    timestamp with time zone NOT NULL,
    updated_at    timestamp with time zone NOT NULL,
    CONSTRAINT pk_pages PRIMARY KEY (id),
    CONSTRAINT ck_pages_slug CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    CONSTRAINT ck_pages_body CHECK (length(body) <= 100000)
);
CREATE UNIQUE INDEX ix_pages_slug ON content.pages (slug);

-- Every instance reloads the footer's list of pages when a page changes.
CREATE FUNCTION content.notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_content', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER pages_changed AFTER INSERT OR UPDATE OR DELETE ON content.pages
    FOR EACH STATEMENT EXECUTE FUNCTION content.notify_changed();
