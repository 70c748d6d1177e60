-- One payment record per attempt, and every event a provider sent about it (verified or not).
CREATE SCHEMA IF NOT EXISTS payments;

CREATE TABLE payments.payments (
    id                 uuid                     NOT NULL,
    order_id           uuid                     NOT NULL,
    provider           character varying(32)    NOT NULL,
    amount             numeric(12,2)            NOT NULL,
    currency           character varying(3)     NOT NULL,
    status             character varying(24)    NOT NULL,
    provider_reference character varying(200),
    failure_reason     character varying(500),
    refunded_amount    numeric(12,2)            NOT NULL,
    created_at         timestamp with time zone NOT NULL,
    updated_at         timestamp with time zone NOT NULL,
    CONSTRAINT pk_payments PRIMARY KEY (id),
    CONSTRAINT ck_payments_refunds CHECK (refunded_amount >= 0 AND refunded_amount <= amount)
);
CREATE INDEX ix_payments_order_id ON payments.payments (order_id);
CREATE INDEX ix_payments_status_created_at ON payments.payments (status, created_at);

-- A provider's event id is recorded once: a redelivered callback finds it and changes nothing.
CREATE TABLE payments.payment_events (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    provider    character varying(32)    NOT NULL,
    event_id    character varying(200)   NOT NULL,
    payment_id  uuid,
    type        character varying(64)    NOT NULL,
    payload     text                     NOT NULL,
    outcome     character varying(200)   NOT NULL,
    received_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_payment_events PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_payment_events_provider_event_id ON payments.payment_events (provider, event_id);
CREATE INDEX ix_payment_events_payment_id ON payments.payment_events (payment_id);
