-- Platform: the transactional outbox and the shared Data Protection key ring.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.outbox_messages (
    id               uuid                     NOT NULL,
    type             text                     NOT NULL,
    payload          jsonb                    NOT NULL,
    occurred_at      timestamp with time zone NOT NULL,
    available_at     timestamp with time zone NOT NULL,
    attempts         integer                  NOT NULL DEFAULT 0,
    locked_until     timestamp with time zone,
    processed_at     timestamp with time zone,
    dead_lettered_at timestamp with time zone,
    last_error       text,
    CONSTRAINT pk_outbox_messages PRIMARY KEY (id)
);

-- Dispatchers only ever scan what is still to be delivered.
CREATE INDEX ix_outbox_messages_pending ON platform.outbox_messages (available_at)
    WHERE processed_at IS NULL AND dead_lettered_at IS NULL;

CREATE TABLE platform.outbox_handled (
    message_id uuid                     NOT NULL,
    handler    text                     NOT NULL,
    handled_at timestamp with time zone NOT NULL DEFAULT (now()),
    CONSTRAINT pk_outbox_handled PRIMARY KEY (message_id, handler)
);

-- Wakes every instance's dispatcher when events commit (delivered at commit, once per statement).
CREATE FUNCTION platform.notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_outbox', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER outbox_messages_notify
    AFTER INSERT ON platform.outbox_messages
    FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_outbox();

CREATE TABLE platform.data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY,
    friendly_name text,
    xml           text NOT NULL,
    CONSTRAINT pk_data_protection_keys PRIMARY KEY (id)
);
