-- Outgoing webhooks: endpoints admins and sellers register, one delivery per (endpoint, event)
-- with the exact body to sign and send, and every attempt to send it.
CREATE SCHEMA IF NOT EXISTS webhooks;

CREATE TABLE webhooks.endpoints (
    id                       uuid                     NOT NULL,
    owner_id                 uuid                     NOT NULL,
    scope                    character varying(16)    NOT NULL,
    url                      character varying(2000)  NOT NULL,
    description              character varying(200),
    events                   text[]                   NOT NULL,
    secret                   character varying(1000)  NOT NULL,
    status                   character varying(16)    NOT NULL,
    disabled_reason          character varying(300),
    failing_since            timestamp with time zone,
    consecutive_dead_letters integer                  NOT NULL,
    created_at               timestamp with time zone NOT NULL,
    updated_at               timestamp with time zone NOT NULL,
    CONSTRAINT pk_endpoints PRIMARY KEY (id)
);
CREATE INDEX ix_endpoints_scope_owner_id ON webhooks.endpoints (scope, owner_id);

CREATE TABLE webhooks.deliveries (
    id               uuid                     NOT NULL,
    endpoint_id      uuid                     NOT NULL,
    event_type       character varying(40)    NOT NULL,
    event_key        character varying(200)   NOT NULL,
    body             text                     NOT NULL,
    status           character varying(16)    NOT NULL,
    attempt_count    integer                  NOT NULL,
    next_attempt_at  timestamp with time zone NOT NULL,
    locked_until     timestamp with time zone,
    last_status_code integer,
    last_error       character varying(500),
    replay_of        uuid,
    created_at       timestamp with time zone NOT NULL,
    completed_at     timestamp with time zone,
    CONSTRAINT pk_deliveries PRIMARY KEY (id),
    CONSTRAINT fk_deliveries_endpoints_endpoint_id FOREIGN KEY (endpoint_id) REFERENCES webhooks.endpoints (id) ON DELETE CASCADE
);
-- An event redelivered to the publisher makes no second delivery.
CREATE UNIQUE INDEX ix_deliveries_endpoint_id_event_key ON webhooks.deliveries (endpoint_id, event_key);
CREATE INDEX ix_deliveries_endpoint_id_id ON webhooks.deliveries (endpoint_id, id);
-- Workers only ever scan what is still to be sent.
CREATE INDEX ix_deliveries_pending ON webhooks.deliveries (next_attempt_at) WHERE status = 'pending';

CREATE TABLE webhooks.attempts (
    id               bigint GENERATED ALWAYS AS IDENTITY,
    delivery_id      uuid                     NOT NULL,
    number           integer                  NOT NULL,
    attempted_at     timestamp with time zone NOT NULL,
    status_code      integer,
    latency_ms       integer                  NOT NULL,
    response_excerpt character varying(1024),
    error            character varying(500),
    succeeded        boolean                  NOT NULL,
    CONSTRAINT pk_attempts PRIMARY KEY (id),
    CONSTRAINT fk_attempts_deliveries_delivery_id FOREIGN KEY (delivery_id) REFERENCES webhooks.deliveries (id) ON DELETE CASCADE
);
CREATE INDEX ix_attempts_delivery_id ON webhooks.attempts (delivery_id);

-- Wakes every instance's delivery worker when deliveries are queued (sent at commit, once per statement).
CREATE FUNCTION webhooks.notify_deliveries() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_webhooks', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER deliveries_notify
    AFTER INSERT ON webhooks.deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION webhooks.notify_deliveries();
