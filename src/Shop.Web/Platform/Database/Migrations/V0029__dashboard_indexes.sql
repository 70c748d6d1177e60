-- The orders exports walk orders oldest first in pages, resuming after the last (placed_at, id) written:
-- this index makes every page an index range read, however far into the history it is.
CREATE INDEX ix_orders_placed_at_id ON ordering.orders (placed_at, id);

-- The dashboards' low-stock lists read only the variants that are low, however many the shop has.
CREATE INDEX ix_stock_items_low_sku ON inventory.stock_items (sku) WHERE on_hand - reserved <= low_stock_threshold;
