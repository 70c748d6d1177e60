-- A timeline step taken by one seller's shipment names it, so each seller sees only its own steps.
ALTER TABLE ordering.order_events ADD COLUMN fulfillment_id uuid;
