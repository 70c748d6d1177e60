-- The agents' console: searching messages, waking snoozed conversations, canned replies and the
-- customers' ratings of the help they got.

-- Agents search message text (their notes included) with ILIKE '%words%'; trigrams make that an index scan.
CREATE INDEX ix_messages_body_trigram ON support.messages USING gin (body gin_trgm_ops);

-- The wake-up job finds snoozed conversations whose time has come.
CREATE INDEX ix_conversations_status_snoozed_until ON support.conversations (status, snoozed_until);

-- Prepared answers, called up in the reply box by their shortcut ("/returns").
CREATE TABLE support.canned_replies (
    id         uuid                     NOT NULL,
    shortcut   character varying(32)    NOT NULL,
    title      character varying(100)   NOT NULL,
    body       character varying(4000)  NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_canned_replies PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_canned_replies_shortcut ON support.canned_replies (shortcut);

-- One rating per resolution (the "Resolved" system message that ended it); rating again replaces it.
CREATE TABLE support.ratings (
    conversation_id       uuid                     NOT NULL,
    resolution_message_id bigint                   NOT NULL,
    agent_id              uuid,
    score                 integer                  NOT NULL,
    comment               character varying(1000),
    rated_at              timestamp with time zone NOT NULL,
    CONSTRAINT pk_ratings PRIMARY KEY (conversation_id, resolution_message_id),
    CONSTRAINT fk_ratings_conversations_conversation_id FOREIGN KEY (conversation_id) REFERENCES support.conversations (id) ON DELETE CASCADE,
    CONSTRAINT ck_ratings_score CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX ix_ratings_agent_id_rated_at ON support.ratings (agent_id, rated_at);
