-- Display currencies: prices are shown converted at rates admins set, while orders are charged and the
-- ledger kept in the shop's currency (INR), except where a provider may charge in the shopper's currency.
CREATE SCHEMA currencies;

CREATE TABLE currencies.display_currencies (
    code               character varying(3)     NOT NULL,
    -- How much of the shop's currency one unit of this currency is worth (83.25 for USD against INR).
    rate               numeric(18,6)            NOT NULL,
    is_enabled         boolean                  NOT NULL,
    -- Card payments through a provider that can charge in this currency are charged in it, at the rate of the moment.
    charge_in_currency boolean                  NOT NULL,
    rate_set_at        timestamp with time zone NOT NULL,
    -- The admin who set the rate; null for rates the shop's setup wrote (demo data).
    rate_set_by        uuid,
    CONSTRAINT pk_display_currencies PRIMARY KEY (code),
    CONSTRAINT ck_display_currencies_rate CHECK (rate > 0)
);

-- A signed-in shopper's display currency, so it follows them to other devices.
CREATE TABLE currencies.shopper_currencies (
    user_id    uuid                     NOT NULL,
    currency   character varying(3)     NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_shopper_currencies PRIMARY KEY (user_id)
);

-- Every instance keeps the enabled currencies in memory and drops them when they change.
CREATE FUNCTION currencies.notify_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('shop_currencies', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER display_currencies_changed AFTER INSERT OR UPDATE OR DELETE ON currencies.display_currencies
    FOR EACH STATEMENT EXECUTE FUNCTION currencies.notify_changed();

-- A payment charged in another currency records what was charged and the rate it was converted at;
-- amount and refunded_amount stay in the shop's currency.
ALTER TABLE payments.payments
    ADD COLUMN charged_currency character varying(3),
    ADD COLUMN charged_amount   numeric(15,3),
    ADD COLUMN charged_rate     numeric(18,6),
    ADD CONSTRAINT ck_payments_charged CHECK ((charged_currency IS NULL) = (charged_amount IS NULL) AND (charged_currency IS NULL) = (charged_rate IS NULL));
