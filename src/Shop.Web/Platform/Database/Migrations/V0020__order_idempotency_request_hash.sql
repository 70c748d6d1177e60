-- The request an Idempotency-Key was first used with, so the same key with a different request is refused (422).
ALTER TABLE ordering.orders ADD COLUMN idempotency_request_hash character varying(64);
