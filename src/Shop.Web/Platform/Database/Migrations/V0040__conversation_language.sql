-- The language a conversation was started in, so a guest's support emails speak it (an account's follow the account).
-- Conversations started before it have none and keep the default.
ALTER TABLE support.conversations ADD COLUMN language character varying(10);
