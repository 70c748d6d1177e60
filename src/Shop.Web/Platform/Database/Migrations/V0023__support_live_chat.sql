-- Live chat: the page a customer is on while chatting (agents see it), the agents who take chats
-- (their chosen status and how many open chats each takes at once) and their live connections, one row
-- per connection with the instance holding it, so a stopped instance's connections expire by last_seen_at.
ALTER TABLE support.conversations ADD COLUMN customer_page character varying(500);
-- An agent's load: their open and pending conversations.
CREATE INDEX ix_conversations_assignee_id_status ON support.conversations (assignee_id, status);

CREATE TABLE support.agents (
    user_id         uuid                     NOT NULL,
    name            character varying(100)   NOT NULL,
    status          character varying(16)    NOT NULL,
    max_open_chats  integer                  NOT NULL,
    updated_at      timestamp with time zone NOT NULL,
    CONSTRAINT pk_agents PRIMARY KEY (user_id),
    CONSTRAINT ck_agents_max_open_chats CHECK (max_open_chats BETWEEN 0 AND 100)
);

CREATE TABLE support.agent_connections (
    connection_id   character varying(64)    NOT NULL,
    agent_id        uuid                     NOT NULL,
    instance        character varying(200)   NOT NULL,
    connected_at    timestamp with time zone NOT NULL,
    last_seen_at    timestamp with time zone NOT NULL,
    CONSTRAINT pk_agent_connections PRIMARY KEY (connection_id),
    CONSTRAINT fk_agent_connections_agents_agent_id FOREIGN KEY (agent_id) REFERENCES support.agents (user_id) ON DELETE CASCADE
);
CREATE INDEX ix_agent_connections_agent_id ON support.agent_connections (agent_id);
CREATE INDEX ix_agent_connections_instance ON support.agent_connections (instance);
