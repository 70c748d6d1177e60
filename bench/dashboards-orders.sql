-- One chunk of the dashboards benchmark's order history, written straight into the tables (no outbox
-- messages: the rollups are recounted by `analytics rebuild` afterwards). Run by bench/dashboards.sh with
--   -v first=N      number of the chunk's first order (1-based; order numbers and customers derive from it)
--   -v count=N      orders in the chunk
--   -v customers=N  signed-in customers to draw from (repeat buyers), guests=N  guest emails to draw from
-- Orders are spread over the last 730 days, denser towards today (a growing shop); products are drawn
-- from the seeded catalog's variants, the best sellers more often.
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_variants ON COMMIT DROP AS
SELECT row_number() OVER (ORDER BY v.id) AS rn, v.id, v.product_id, p.seller_id, p.category_id, p.title, p.slug, v.sku, v.price,
       coalesce((SELECT string_agg(value, ' / ' ORDER BY key) FROM jsonb_each_text(v.options)), 'Default') AS label
FROM catalog.variants v JOIN catalog.products p ON p.id = v.product_id
WHERE p.status = 'active';
SELECT count(*) AS variants FROM bench_variants \gset

-- The chunk's orders: when, who, how they paid, where they stand now, how many lines.
CREATE TEMP TABLE bench_orders ON COMMIT DROP AS
SELECT n, placed_at, age,
       -- A version 7 uuid from the moment it was placed, as the app makes them.
       (lpad(to_hex((extract(epoch FROM placed_at) * 1000)::bigint), 12, '0') || '7' || substr(md5(n::text || 'a'), 1, 3)
        || to_hex(8 + (n % 4)) || substr(md5(n::text || 'b'), 1, 15))::uuid AS id,
       CASE WHEN who < 0.6 THEN md5('bench-customer-' || customer)::uuid END AS customer_id,
       CASE WHEN who < 0.6 THEN 'customer' || customer || '@example.com' ELSE 'guest' || guest || '@example.net' END AS email,
       CASE WHEN who < 0.6 THEN 'Customer ' || customer ELSE 'Guest ' || guest END AS customer_name,
       CASE WHEN pay < 0.30 THEN 'cod' WHEN pay < 0.68 THEN 'razorpay' WHEN pay < 0.95 THEN 'stripe' ELSE 'sandbox' END AS payment_method,
       CASE WHEN fate < 0.06 THEN 'cancelled'
            WHEN fate < 0.09 AND age > 14 THEN 'returned'
            WHEN age < 0.3 AND fate > 0.97 THEN 'pendingpayment'
            WHEN age < 2 THEN 'paid'
            WHEN age < 6 THEN 'shipped'
            ELSE 'delivered' END AS status,
       partial_refund < 0.02 AS partially_refunded,
       1 + floor(4 * power(lines, 1.6))::int AS line_count,
       express < 0.15 AS express
FROM (
    SELECT n, now() - make_interval(secs => 730 * 86400 * power(random(), 1.3)) AS placed_at,
           random() AS who, 1 + floor(:customers * power(random(), 1.5))::int AS customer, 1 + floor(:guests * random())::int AS guest,
           random() AS pay, random() AS fate, random() AS partial_refund, random() AS lines, random() AS express
    FROM generate_series(:first, :first + :count - 1) AS n
) drawn
CROSS JOIN LATERAL (SELECT extract(epoch FROM now() - placed_at) / 86400 AS age) a;

-- Lines: the best sellers drawn more often; a variant appears once per order.
CREATE TEMP TABLE bench_lines ON COMMIT DROP AS
SELECT DISTINCT ON (o.id, v.id) o.id AS order_id, o.status, v.*, 1 + floor(3 * power(random(), 3))::int AS quantity
FROM bench_orders o
CROSS JOIN LATERAL (SELECT 1 + floor(:variants * power(random(), 2.5))::int AS pick FROM generate_series(1, o.line_count)) k
JOIN bench_variants v ON v.rn = k.pick;

INSERT INTO ordering.orders (id, number, customer_id, email, customer_name, status, payment_method, paid_at, currency, subtotal, discount, tax,
    shipping, total, prices_include_tax, coupon_code, shipping_method_code, shipping_method_name, shipping_address, billing_address, placed_at, updated_at)
SELECT o.id, 'SH-' || to_char(o.placed_at, 'YYYY') || '-' || lpad(o.n::text, 8, '0'), o.customer_id, o.email, o.customer_name, o.status, o.payment_method,
       CASE WHEN o.payment_method <> 'cod' AND o.status <> 'pendingpayment' THEN o.placed_at + interval '2 minutes'
            WHEN o.status IN ('delivered', 'returned') THEN o.placed_at + interval '5 days' END,
       'INR', l.subtotal, 0, round(l.subtotal * 18 / 118, 2), s.shipping, l.subtotal + s.shipping, true, NULL,
       CASE WHEN o.express THEN 'express' ELSE 'standard' END, CASE WHEN o.express THEN 'Express' ELSE 'Standard' END,
       a.address, a.address, o.placed_at, o.placed_at + interval '1 day'
FROM bench_orders o
JOIN (SELECT order_id, sum(price * quantity) AS subtotal FROM bench_lines GROUP BY order_id) l ON l.order_id = o.id
CROSS JOIN LATERAL (SELECT CASE WHEN o.express THEN 149.00 WHEN l.subtotal >= 499 THEN 0 ELSE 49.00 END AS shipping) s
CROSS JOIN LATERAL (SELECT jsonb_build_object('FullName', o.customer_name, 'Phone', '+91 98450 ' || lpad((o.n % 100000)::text, 5, '0'),
    'Line1', (o.n % 300 + 1) || ' MG Road', 'Line2', NULL, 'City', (ARRAY['Bengaluru', 'Mumbai', 'Delhi', 'Chennai', 'Kochi', 'Pune'])[o.n % 6 + 1],
    'State', (ARRAY['Karnataka', 'Maharashtra', 'Delhi', 'Tamil Nadu', 'Kerala', 'Maharashtra'])[o.n % 6 + 1], 'PostalCode', '5600' || lpad((o.n % 100)::text, 2, '0'),
    'Country', 'IN') AS address) a;

-- One fulfilment per seller in the order, following the order's status.
INSERT INTO ordering.fulfillments (id, order_id, seller_id, status, carrier, tracking_number, shipped_at, delivered_at, updated_at)
SELECT md5(f.order_id::text || f.seller_id::text)::uuid, f.order_id, f.seller_id,
       CASE o.status WHEN 'cancelled' THEN 'cancelled' WHEN 'pendingpayment' THEN 'pending' WHEN 'paid' THEN 'processing'
                     WHEN 'shipped' THEN 'shipped' ELSE 'delivered' END,
       CASE WHEN o.status IN ('shipped', 'delivered', 'returned') THEN 'Delhivery' END,
       CASE WHEN o.status IN ('shipped', 'delivered', 'returned') THEN 'DL' || lpad(o.n::text, 10, '0') END,
       CASE WHEN o.status IN ('shipped', 'delivered', 'returned') THEN o.placed_at + interval '1 day' END,
       CASE WHEN o.status IN ('delivered', 'returned') THEN o.placed_at + interval '5 days' END,
       o.placed_at + interval '1 day'
FROM (SELECT DISTINCT order_id, seller_id FROM bench_lines) f JOIN bench_orders o ON o.id = f.order_id;

INSERT INTO ordering.order_lines (id, order_id, fulfillment_id, variant_id, product_id, seller_id, category_id, product_title, product_slug, variant_label,
    sku, image_url, unit_price, quantity, subtotal, discount, tax_percent, tax, total)
SELECT gen_random_uuid(), l.order_id, md5(l.order_id::text || l.seller_id::text)::uuid, l.id, l.product_id, l.seller_id, l.category_id, l.title, l.slug,
       left(l.label, 200), l.sku, NULL, l.price, l.quantity, l.price * l.quantity, 0, 18, round(l.price * l.quantity * 18 / 118, 2), l.price * l.quantity
FROM bench_lines l;

-- The timeline steps the figures depend on: cancellations, returns, and cash-on-delivery refunds (made offline).
INSERT INTO ordering.order_events (order_id, kind, message, actor_id, is_internal, created_at)
SELECT o.id, e.kind, e.message, NULL, false, e.at
FROM bench_orders o
CROSS JOIN LATERAL (VALUES
    ('cancelled', 'Order cancelled by the customer.', o.placed_at + interval '3 hours', o.status = 'cancelled'),
    ('returned', 'Return received.', o.placed_at + interval '12 days', o.status = 'returned'),
    ('refunded', 'Refunded offline.', o.placed_at + interval '13 days', o.status = 'returned' AND o.payment_method = 'cod')
) AS e(kind, message, at, applies)
WHERE e.applies AND e.at < now();

-- Online payments: succeeded, refunded (returns, and cancellations after payment), partly refunded, or failed and abandoned.
CREATE TEMP TABLE bench_payments ON COMMIT DROP AS
SELECT md5(o.id::text || 'payment')::uuid AS id, o.id AS order_id, o.n, o.payment_method, x.total, o.placed_at, o.status,
       CASE WHEN o.status IN ('returned', 'cancelled') THEN x.total
            WHEN o.partially_refunded AND o.status = 'delivered' THEN round(x.total * (0.1 + (o.n % 5) / 10.0), 2)
            ELSE 0 END AS refunded,
       CASE WHEN o.status = 'returned' THEN o.placed_at + interval '13 days'
            WHEN o.status = 'cancelled' THEN o.placed_at + interval '4 hours'
            ELSE o.placed_at + interval '8 days' END AS refunded_at
FROM bench_orders o JOIN ordering.orders x ON x.id = o.id
WHERE o.payment_method <> 'cod';

INSERT INTO payments.payments (id, order_id, provider, amount, currency, status, provider_reference, failure_reason, refunded_amount, created_at, updated_at)
SELECT id, order_id, payment_method, total, 'INR',
       CASE WHEN status = 'pendingpayment' THEN 'failed' WHEN refunded = total THEN 'refunded' WHEN refunded > 0 THEN 'partially_refunded' ELSE 'succeeded' END,
       'pay_' || n, CASE WHEN status = 'pendingpayment' THEN 'Card declined by the issuer.' END,
       CASE WHEN status = 'pendingpayment' THEN 0 ELSE refunded END, placed_at, CASE WHEN refunded > 0 THEN least(refunded_at, now()) ELSE placed_at + interval '2 minutes' END
FROM bench_payments;

INSERT INTO payments.refunds (id, payment_id, order_id, amount, refunded_at)
SELECT md5(id::text || 'refund')::uuid, id, order_id, refunded, refunded_at
FROM bench_payments
WHERE refunded > 0 AND status <> 'pendingpayment' AND refunded_at < now();

COMMIT;
