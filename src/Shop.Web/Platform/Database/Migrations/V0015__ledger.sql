-- The marketplace's money per seller: commission rules and an append-only ledger whose sum per
-- seller is the seller's balance. Order lines remember their product's category for commission rules.
ALTER TABLE ordering.order_lines ADD COLUMN category_id uuid;

CREATE SCHEMA IF NOT EXISTS ledger;

CREATE TABLE ledger.commission_rules (
    id          uuid                     NOT NULL,
    seller_id   uuid,
    category_id uuid,
    percent     numeric(5,2)             NOT NULL,
    updated_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_commission_rules PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_commission_rules_seller_id_category_id ON ledger.commission_rules (seller_id, category_id) NULLS NOT DISTINCT;

CREATE TABLE ledger.entries (
    id          bigint GENERATED ALWAYS AS IDENTITY,
    seller_id   uuid                     NOT NULL,
    order_id    uuid,
    kind        character varying(16)    NOT NULL,
    amount      numeric(12,2)            NOT NULL,
    currency    character varying(3)     NOT NULL,
    description character varying(300)   NOT NULL,
    source      character varying(120)   NOT NULL,
    created_at  timestamp with time zone NOT NULL,
    CONSTRAINT pk_entries PRIMARY KEY (id)
);
-- Each business fact posts once, however often its event is delivered.
CREATE UNIQUE INDEX ix_entries_source ON ledger.entries (source);
CREATE INDEX ix_entries_seller_id_id ON ledger.entries (seller_id, id);
CREATE INDEX ix_entries_order_id ON ledger.entries (order_id);
-- Entries are never changed or removed.
CREATE FUNCTION ledger.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger entries are append-only';
END $$;
CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE ON ledger.entries FOR EACH ROW EXECUTE FUNCTION ledger.refuse_change();
