#!/usr/bin/env bash
# Scaling benchmark: the catalog listing and checkout scenarios through nginx against 1, 2 and 3
# instances of the app, and against one instance directly (what nginx itself costs).
# Called by `./shop bench cluster`, which prepares the database and passes BENCH_CONNECTION,
# BENCH_DLL and BENCH_PSQL (see run.sh). Optional: DURATION (default 10s), CONNECTIONS (default 16),
# PORT (first instance port, default 5111), COUNTS (default "1 2 3").
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-5111}"
COUNTS="${COUNTS:-1 2 3}"
LB_PORT=$((PORT + 20))
OUT="$HERE/results"
NGINX="${NGINX:-/usr/sbin/nginx}"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is required (apt-get install wrk)" >&2; exit 1; }
[ -x "$NGINX" ] || { echo "bench: nginx is required (apt-get install nginx)" >&2; exit 1; }
. "$HERE/lib.sh"

# nginx unprivileged, in a folder of its own (as root: as nobody).
PREFIX=$(mktemp -d /tmp/shop-bench-nginx-XXXXXX)
mkdir -p "$PREFIX/logs" "$PREFIX/tmp" "$PREFIX/cache"
as_nobody() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$@"; else "$@"; fi; }
PIDS=()
stop_all() {
  [ -f "$PREFIX/nginx.pid" ] && kill -QUIT "$(cat "$PREFIX/nginx.pid")" 2>/dev/null || true
  [ ${#PIDS[@]} -gt 0 ] && { kill "${PIDS[@]}" 2>/dev/null || true; wait "${PIDS[@]}" 2>/dev/null || true; }
  PIDS=()
  sleep 1
}
trap 'stop_all; cp "$PREFIX/logs/error.log" "$OUT/nginx-error.log" 2>/dev/null; rm -rf "$PREFIX"' EXIT

VARIANTS=$("$BENCH_PSQL" -d shop_bench -tAc "SELECT string_agg(variant_id::text, ',') FROM (SELECT variant_id FROM inventory.stock_items ORDER BY variant_id LIMIT 200) v")
"$BENCH_PSQL" -d shop_bench -qc "UPDATE inventory.stock_items SET on_hand = reserved + 1000000 WHERE variant_id = ANY(string_to_array('$VARIANTS', ',')::uuid[])"
LISTING="/api/v1/catalog/products?category=fashion"
PAGE="/c/fashion"

TABLE="$OUT/cluster-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "| instances | API listing req/s | p50 | p99 | HTML listing req/s | p50 | p99 | checkout orders/s | failures |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} > "$TABLE"

# Orders of the previous row leave events behind (sales counts), and each sales-count change empties
# every instance's listing cache: measure listings only once the outbox is drained and each instance
# has built its listing index and cache.
settle() {
  wait_outbox_drained
  for base in "$@"; do
    for _ in 1 2 3; do curl -fs "$base$LISTING" >/dev/null; curl -fs "$base$PAGE" >/dev/null; done
  done
}

row() {  # $1 label, $2 base URL
  measure "$2$LISTING"; local api="$RPS | $P50 | $P99" api_errors=${ERRORS:-0}
  measure "$2$PAGE"; local html="$RPS | $P50 | $P99" html_errors=${ERRORS:-0}
  local result
  result=$(python3 "$HERE/checkout.py" "$2" "$VARIANTS" "${DURATION%s}" "$CONNECTIONS" | tail -1)
  local orders failures
  orders=$(echo "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["orders_per_second"])')
  failures=$(echo "$result" | python3 -c 'import json,sys; print(json.load(sys.stdin)["failures"])')
  echo "| $1 | $api | $html | $orders | $((failures + api_errors + html_errors)) |" | tee -a "$TABLE"
}

echo "Direct to one instance (no nginx)"
start_instance "$PORT" 30; PIDS+=("$LAST_PID")
wait_ready "http://127.0.0.1:$PORT"
settle "http://127.0.0.1:$PORT"
row "1, direct" "http://127.0.0.1:$PORT"
stop_all

for n in $COUNTS; do
  echo "$n instance(s) behind nginx"
  servers=()
  for i in $(seq 0 $((n - 1))); do
    start_instance $((PORT + i)) 30; PIDS+=("$LAST_PID")
    servers+=("127.0.0.1:$((PORT + i))")
  done
  for s in "${servers[@]}"; do wait_ready "http://$s"; done
  settle "${servers[@]/#/http://}"
  "$HERE/../deploy/nginx/render.sh" --listen "127.0.0.1:$LB_PORT" --standalone "$PREFIX" "${servers[@]}" > "$PREFIX/nginx.conf"
  [ "$(id -u)" -eq 0 ] && chown -R nobody: "$PREFIX"
  as_nobody "$NGINX" -p "$PREFIX" -e "$PREFIX/logs/error.log" -c "$PREFIX/nginx.conf" < /dev/null > /dev/null 2>&1
  wait_ready "http://127.0.0.1:$LB_PORT"
  row "$n, nginx" "http://127.0.0.1:$LB_PORT"
  stop_all
done
{
  echo
  echo "wrk -t2 -c$CONNECTIONS -d$DURATION per listing; checkout.py with $CONNECTIONS shoppers for ${DURATION%s} s over 200 variants; $(nproc) cores shared by the load generators, nginx, the instances and PostgreSQL."
} >> "$TABLE"
echo
cat "$TABLE"
echo "Saved to $TABLE"
