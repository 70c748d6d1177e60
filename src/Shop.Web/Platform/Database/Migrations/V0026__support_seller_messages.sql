-- Buyer-seller messages: order threads are conversations with a seller (channel orderthread), listed by
-- seller for the seller's inbox; either side may report a message to the admins, once per message.
CREATE INDEX ix_conversations_seller_id_last_message_at ON support.conversations (seller_id, last_message_at);

CREATE TABLE support.message_reports (
    id              uuid                     NOT NULL,
    message_id      bigint                   NOT NULL,
    conversation_id uuid                     NOT NULL,
    reporter_id     uuid                     NOT NULL,
    reporter_side   character varying(16)    NOT NULL,
    reason          character varying(500)   NOT NULL,
    status          character varying(16)    NOT NULL,
    resolution_note character varying(1000),
    resolved_by     uuid,
    resolved_at     timestamp with time zone,
    created_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_message_reports PRIMARY KEY (id),
    CONSTRAINT fk_message_reports_messages_message_id FOREIGN KEY (message_id) REFERENCES support.messages (id) ON DELETE CASCADE
);
-- One report per reporter and message.
CREATE UNIQUE INDEX ix_message_reports_message_id_reporter_id ON support.message_reports (message_id, reporter_id);
-- The admins' queue: open reports, oldest first.
CREATE INDEX ix_message_reports_status_created_at ON support.message_reports (status, created_at);
