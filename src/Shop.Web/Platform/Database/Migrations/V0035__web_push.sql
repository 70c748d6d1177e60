-- Web push: the shop's VAPID key pair (made once, at setup, shared by every instance), the devices people
-- turned push on for, and one row per message per device, so each is retried on its own and sent once.
CREATE TABLE notifications.push_keys (
    id          smallint                 NOT NULL DEFAULT 1,
    public_key  character varying(100)   NOT NULL,
    -- Protected with the shop's data-protection keys: a copy of the table alone cannot sign for the shop.
    private_key text                     NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_push_keys PRIMARY KEY (id),
    CONSTRAINT ck_push_keys_single CHECK (id = 1)
);

CREATE TABLE notifications.push_subscriptions (
    id         uuid                     NOT NULL,
    user_id    uuid                     NOT NULL,
    endpoint   character varying(1000)  NOT NULL,
    p256dh     character varying(100)   NOT NULL,
    auth       character varying(40)    NOT NULL,
    device     character varying(200)   NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_push_subscriptions PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_push_subscriptions_endpoint ON notifications.push_subscriptions (endpoint);
CREATE INDEX ix_push_subscriptions_user_id ON notifications.push_subscriptions (user_id);

CREATE TABLE notifications.pushes (
    id              uuid                     NOT NULL,
    kind            character varying(40)    NOT NULL,
    dedup_key       character varying(200)   NOT NULL,
    subscription_id uuid                     NOT NULL,
    title           character varying(300)   NOT NULL,
    body            character varying(500)   NOT NULL,
    link            character varying(500),
    created_at      timestamp with time zone NOT NULL,
    sent_at         timestamp with time zone,
    CONSTRAINT pk_pushes PRIMARY KEY (id),
    CONSTRAINT fk_pushes_subscription FOREIGN KEY (subscription_id) REFERENCES notifications.push_subscriptions (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX ix_pushes_dedup_key_subscription_id ON notifications.pushes (dedup_key, subscription_id);
CREATE INDEX ix_pushes_subscription_id ON notifications.pushes (subscription_id);

-- Push is on for every kind that has it once a device is turned on; people turn kinds off here.
ALTER TABLE notifications.preferences ADD COLUMN push boolean NOT NULL DEFAULT true;
