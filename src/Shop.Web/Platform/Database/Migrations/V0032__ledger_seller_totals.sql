-- Each seller's entries added up by kind, kept by the database as entries are added (they are never
-- changed or removed): a balance, the seller dashboard and the admin's balances read a few rows instead
-- of every entry a seller ever had.
CREATE TABLE ledger.seller_totals (
    seller_id uuid                  NOT NULL,
    kind      character varying(16) NOT NULL,
    total     numeric(16,2)         NOT NULL,
    CONSTRAINT pk_seller_totals PRIMARY KEY (seller_id, kind)
);

CREATE FUNCTION ledger.add_to_seller_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ledger.seller_totals AS t (seller_id, kind, total) VALUES (NEW.seller_id, NEW.kind, NEW.amount)
    ON CONFLICT (seller_id, kind) DO UPDATE SET total = t.total + excluded.total;
    RETURN NULL;
END $$;
CREATE TRIGGER entries_seller_totals AFTER INSERT ON ledger.entries FOR EACH ROW EXECUTE FUNCTION ledger.add_to_seller_totals();

INSERT INTO ledger.seller_totals (seller_id, kind, total)
SELECT seller_id, kind, sum(amount) FROM ledger.entries GROUP BY seller_id, kind;

-- A seller's last payout, without walking back through its sales when it never had one.
CREATE INDEX ix_entries_payouts ON ledger.entries (seller_id, id) WHERE kind = 'payout';
