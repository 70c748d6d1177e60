-- Notifications: rendered emails awaiting delivery (one outbox event each), the in-app notification
-- centre, and each user's choices for the kinds they may turn off.
CREATE SCHEMA IF NOT EXISTS notifications;

CREATE TABLE notifications.emails (
    id         uuid                     NOT NULL,
    kind       character varying(40)    NOT NULL,
    dedup_key  character varying(200)   NOT NULL,
    recipient  character varying(256)   NOT NULL,
    user_id    uuid,
    subject    character varying(300)   NOT NULL,
    text_body  text                     NOT NULL,
    html_body  text                     NOT NULL,
    created_at timestamp with time zone NOT NULL,
    sent_at    timestamp with time zone,
    CONSTRAINT pk_emails PRIMARY KEY (id)
);
-- One message per business fact and recipient, however often the event arrives.
CREATE UNIQUE INDEX ix_emails_dedup_key_recipient ON notifications.emails (dedup_key, recipient);
CREATE INDEX ix_emails_created_at ON notifications.emails (created_at);

CREATE TABLE notifications.inbox (
    id         uuid                     NOT NULL,
    user_id    uuid                     NOT NULL,
    kind       character varying(40)    NOT NULL,
    dedup_key  character varying(200)   NOT NULL,
    title      character varying(300)   NOT NULL,
    summary    character varying(500)   NOT NULL,
    link       character varying(500),
    created_at timestamp with time zone NOT NULL,
    read_at    timestamp with time zone,
    CONSTRAINT pk_inbox PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_inbox_user_id_dedup_key ON notifications.inbox (user_id, dedup_key);
CREATE INDEX ix_inbox_user_id_created_at ON notifications.inbox (user_id, created_at);
-- The header bell counts these on every page.
CREATE INDEX ix_inbox_unread ON notifications.inbox (user_id) WHERE read_at IS NULL;

CREATE TABLE notifications.preferences (
    user_id uuid                  NOT NULL,
    kind    character varying(40) NOT NULL,
    email   boolean               NOT NULL,
    in_app  boolean               NOT NULL,
    CONSTRAINT pk_preferences PRIMARY KEY (user_id, kind)
);
