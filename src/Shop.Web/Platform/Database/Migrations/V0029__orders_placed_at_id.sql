-- The orders exports walk orders oldest first in pages, resuming after the last (placed_at, id) written:
-- this index makes every page an index range read, however far into the history it is.
CREATE INDEX ix_orders_placed_at_id ON ordering.orders (placed_at, id);
