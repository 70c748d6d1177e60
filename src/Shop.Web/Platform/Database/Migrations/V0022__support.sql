-- Support: every question a customer asks is one conversation, whichever door it came through
-- (contact form now; live chat, call-backs and order threads later). Messages have bigint ids that
-- only grow, so a client catches up with "everything after the last id I saw".
CREATE SCHEMA IF NOT EXISTS support;

CREATE TABLE support.conversations (
    id              uuid                     NOT NULL,
    channel         character varying(16)    NOT NULL,
    status          character varying(16)    NOT NULL,
    priority        character varying(16)    NOT NULL,
    snoozed_until   timestamp with time zone,
    assignee_id     uuid,
    customer_id     uuid,
    guest_name      character varying(100),
    guest_email     character varying(256),
    topic           character varying(16)    NOT NULL,
    order_id        uuid,
    product_id      uuid,
    seller_id       uuid,
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    last_message_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_conversations PRIMARY KEY (id),
    CONSTRAINT ck_conversations_customer_or_guest CHECK (customer_id IS NOT NULL OR (guest_name IS NOT NULL AND guest_email IS NOT NULL))
);
-- A customer's conversations, latest first.
CREATE INDEX ix_conversations_customer_id_last_message_at ON support.conversations (customer_id, last_message_at);
-- The agents' queues: by status, oldest waiting first.
CREATE INDEX ix_conversations_status_last_message_at ON support.conversations (status, last_message_at);

CREATE TABLE support.messages (
    id              bigint                   GENERATED ALWAYS AS IDENTITY,
    conversation_id uuid                     NOT NULL,
    author_kind     character varying(16)    NOT NULL,
    author_id       uuid,
    body            character varying(4000)  NOT NULL,
    created_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_messages PRIMARY KEY (id),
    CONSTRAINT fk_messages_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE
);
CREATE INDEX ix_messages_conversation_id_id ON support.messages (conversation_id, id);

-- How far each participant has read: "customer" for the customer's side, a user id for staff.
CREATE TABLE support.read_positions (
    conversation_id      uuid                  NOT NULL,
    participant_key      character varying(64) NOT NULL,
    last_read_message_id bigint                NOT NULL,
    CONSTRAINT pk_read_positions PRIMARY KEY (conversation_id, participant_key),
    CONSTRAINT fk_read_positions_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE
);
