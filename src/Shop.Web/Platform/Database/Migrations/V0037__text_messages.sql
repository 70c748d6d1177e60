-- Text messages (SMS): one row per message per phone number, unique per fact, so a repeated event texts
-- nobody twice; the provider's id and the last delivery status its callbacks reported.
CREATE TABLE notifications.text_messages (
    id          uuid                     NOT NULL,
    kind        character varying(40)    NOT NULL,
    dedup_key   character varying(200)   NOT NULL,
    -- E.164: a plus and at most 15 digits.
    recipient   character varying(16)    NOT NULL,
    user_id     uuid,
    body        character varying(1600)  NOT NULL,
    status      character varying(20)    NOT NULL,
    provider_id character varying(64),
    error_code  character varying(20),
    error       character varying(500),
    created_at  timestamp with time zone NOT NULL,
    sent_at     timestamp with time zone,
    status_at   timestamp with time zone,
    CONSTRAINT pk_text_messages PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_text_messages_dedup_key_recipient ON notifications.text_messages (dedup_key, recipient);
CREATE UNIQUE INDEX ix_text_messages_provider_id ON notifications.text_messages (provider_id);
CREATE INDEX ix_text_messages_created_at ON notifications.text_messages (created_at);

-- Text messages cost money and reach a phone at any hour: off until the user turns a kind on.
ALTER TABLE notifications.preferences ADD COLUMN sms boolean NOT NULL DEFAULT false;
