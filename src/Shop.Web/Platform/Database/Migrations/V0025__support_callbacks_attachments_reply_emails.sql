-- Support: call-back requests (a phone number and a slot, then the agent's outcome), files attached to
-- messages, and how far each conversation's replies have been emailed to its customer.

-- One row per call-back conversation. reminded_at is set once, by whichever instance claims the reminder.
CREATE TABLE support.callbacks (
    conversation_id uuid                     NOT NULL,
    phone           character varying(20)    NOT NULL,
    slot_start      timestamp with time zone NOT NULL,
    outcome         character varying(16),
    reminded_at     timestamp with time zone,
    created_at      timestamp with time zone NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_callbacks PRIMARY KEY (conversation_id),
    CONSTRAINT fk_callbacks_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE
);
-- The agents' list by slot, and the reminder job's scan of upcoming slots not yet reminded.
CREATE INDEX ix_callbacks_slot_start ON support.callbacks (slot_start);
CREATE INDEX ix_callbacks_due_reminders ON support.callbacks (slot_start) WHERE reminded_at IS NULL;

-- Pictures and PDFs attached to a message, checked by content. Private to the conversation, so kept
-- here rather than in the public media.files (whose files anyone may fetch by hash).
CREATE TABLE support.attachments (
    id              uuid                     NOT NULL,
    conversation_id uuid                     NOT NULL,
    message_id      bigint                   NOT NULL,
    file_name       character varying(200)   NOT NULL,
    content_type    character varying(64)    NOT NULL,
    size_bytes      integer                  NOT NULL,
    sha256          character varying(64)    NOT NULL,
    content         bytea                    NOT NULL,
    created_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_attachments PRIMARY KEY (id),
    CONSTRAINT fk_attachments_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE,
    CONSTRAINT fk_attachments_messages_message_id FOREIGN KEY (message_id) REFERENCES support.messages (id) ON DELETE CASCADE
);
CREATE INDEX ix_attachments_message_id ON support.attachments (message_id);
CREATE INDEX ix_attachments_conversation_id ON support.attachments (conversation_id);

-- The last reply of support or a seller that went out to the customer by email, per conversation.
CREATE TABLE support.reply_emails (
    conversation_id          uuid                     NOT NULL,
    last_emailed_message_id  bigint                   NOT NULL,
    emailed_at               timestamp with time zone NOT NULL,
    CONSTRAINT pk_reply_emails PRIMARY KEY (conversation_id),
    CONSTRAINT fk_reply_emails_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE
);
-- The reply-email job looks at recent replies of support and sellers.
CREATE INDEX ix_messages_author_kind_created_at ON support.messages (author_kind, created_at);
