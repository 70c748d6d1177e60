-- Languages: the one a person chose for their account (signing in brings it back), and the one an order was
-- placed in, so a guest's order messages speak it too.
ALTER TABLE identity.users ADD COLUMN language character varying(10);
ALTER TABLE ordering.orders ADD COLUMN language character varying(10) NOT NULL DEFAULT 'en-IN';
ALTER TABLE ordering.orders ALTER COLUMN language DROP DEFAULT;
