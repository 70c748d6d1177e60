#!/usr/bin/env bash
# Catalog benchmark: runs wrk against a shop serving a large catalog and prints a Markdown table.
# Called by `./shop bench`, which prepares the database and passes:
#   BENCH_CONNECTION   connection string of the seeded benchmark database
#   BENCH_DLL          the Release build of Shop.Web
# Optional: DURATION (default 10s per URL), CONNECTIONS (default 16), PORT (default 5099),
#           ONLY=checkout to skip the catalog rows.
set -euo pipefail

DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-5099}"
BASE="http://127.0.0.1:$PORT"
OUT="$(dirname "$0")/results"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is required (apt-get install wrk)" >&2; exit 1; }

. "$(dirname "$0")/lib.sh"

# Two instances of the same build: one as configured (listing cache on), one with the cache off,
# whose rows show what a listing costs the database when nobody asked for it in the last seconds.
COLD_PORT=$((PORT + 1))
COLD="http://127.0.0.1:$COLD_PORT"
echo "Starting the shop (Release, Production) on $BASE, and with the listing cache off on $COLD"
start_instance "$PORT" 30; APP=$LAST_PID
start_instance "$COLD_PORT" 0; COLD_APP=$LAST_PID
trap 'kill $APP $COLD_APP 2>/dev/null; wait $APP $COLD_APP 2>/dev/null || true' EXIT
wait_ready "$BASE"
wait_ready "$COLD"
wait_outbox_drained

api() { curl -fs "$BASE$1"; }
SLUG=$(api "/api/v1/catalog/products?category=fashion&sort=newest&pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["slug"])')
TOTAL=$(api "/api/v1/catalog/products?pageSize=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
echo "Catalog: $TOTAL active products; product page: $SLUG"

declare -a NAMES URLS
add() { NAMES+=("$1"); URLS+=("$BASE$2"); }
cold() { NAMES+=("$1 (cache off)"); URLS+=("$COLD$2"); }
add "health/live (ceiling)"                 "/health/live"
add "API category listing, page 1"          "/api/v1/catalog/products?category=fashion"
add "API category listing, page 200"        "/api/v1/catalog/products?category=fashion&page=200"
add "API filtered + sorted listing"         "/api/v1/catalog/products?category=electronics&brand=Sony&minPrice=1000&maxPrice=50000&inStock=true&sort=price-asc"
add "API product"                           "/api/v1/catalog/products/$SLUG"
add "API search"                            "/api/v1/catalog/products?q=cotton%20kurta"
add "API suggestions"                       "/api/v1/catalog/suggest?q=kur"
add "HTML home"                             "/"
add "HTML category page 1"                  "/c/fashion"
add "HTML category page 200"                "/c/fashion?page=200"
add "HTML filtered + sorted listing"        "/c/electronics?brand=Sony&minPrice=1000&maxPrice=50000&inStock=true&sort=price-asc"
add "HTML product page"                     "/p/$SLUG"
add "HTML search"                           "/search?q=cotton+kurta"
cold "API category listing, page 1"         "/api/v1/catalog/products?category=fashion"
cold "API category listing, page 200"       "/api/v1/catalog/products?category=fashion&page=200"
cold "API filtered + sorted listing"        "/api/v1/catalog/products?category=electronics&brand=Sony&minPrice=1000&maxPrice=50000&inStock=true&sort=price-asc"
cold "API search, matches known"            "/api/v1/catalog/products?q=cotton%20kurta"
cold "API suggestions"                      "/api/v1/catalog/suggest?q=kur"
cold "HTML category page 1"                 "/c/fashion"

TABLE="$OUT/catalog-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "| scenario | requests/s | p50 | p99 | vs ceiling |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} > "$TABLE"
CEILING=""
for i in "${!URLS[@]}"; do
  [ "${ONLY:-}" = checkout ] && break
  printf '%-36s ' "${NAMES[$i]}"
  measure "${URLS[$i]}"
  [ -z "$CEILING" ] && CEILING=$RPS
  RATIO=$(python3 -c "print(f'{$RPS / $CEILING:.2f}')")
  echo "$RPS req/s  p50 $P50  p99 $P99  ${ERRORS:+errors: $ERRORS}"
  echo "| ${NAMES[$i]} | ${RPS%.*} | $P50 | $P99 | $RATIO |" >> "$TABLE"
done
# Single requests, one at a time, to the instance with the cache off: 200 words of the catalog's
# vocabulary, each searched for the first time (PostgreSQL matches and ranks it), then again on page
# 2 and filtered (answered from the matches the listing index keeps per search). Before checkout,
# whose orders keep the outbox busy for a while.
if [ "${ONLY:-}" != checkout ]; then
  echo "Searching $COLD for 200 words, one request at a time"
  WORDS=$("$BENCH_PSQL" -d shop_bench -tAc "SELECT word FROM ts_stat('SELECT search_vector FROM catalog.products WHERE status = ''active''') WHERE ndoc BETWEEN 200 AND 20000 AND word ~ '^[a-z]+$' ORDER BY ndoc DESC, word LIMIT 200")
  timed() { for word in $WORDS; do curl -fs -o /dev/null -w '%{time_total}\n' "$COLD/api/v1/catalog/products?q=$word$1"; done; }
  percentiles() { python3 -c 'import sys; t = sorted(float(x) * 1000 for x in sys.stdin); q = lambda p: t[min(len(t) - 1, int(p * len(t)))]; print("| %s | %d | %.1fms | %.1fms | %.1fms |" % (sys.argv[1], len(t), q(0.5), q(0.9), t[-1]))' "$1"; }
  for word in $WORDS; do curl -fs -o /dev/null "$COLD/api/v1/catalog/products?q=${word}%20-zzz"; done   # warms the code, not these searches
  {
    echo
    echo "| one request at a time, cache off | requests | p50 | p90 | max |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    timed "" | percentiles "search, first time (matched and ranked)"
    timed "&page=2" | percentiles "the same search, page 2"
    timed "&sort=price-asc&inStock=true" | percentiles "the same search, in stock, by price"
  } >> "$TABLE"
  tail -n 3 "$TABLE"
fi

# Checkout: guests add one unit and place the order with cash on delivery, first all buying the same
# variant (every order waits for the one stock row: a flash sale), then spread over 200 variants.
VARIANTS=$("$BENCH_PSQL" -d shop_bench -tAc "SELECT string_agg(variant_id::text, ',') FROM (SELECT variant_id FROM inventory.stock_items ORDER BY variant_id LIMIT 200) v")
"$BENCH_PSQL" -d shop_bench -qc "UPDATE inventory.stock_items SET on_hand = reserved + 1000000 WHERE variant_id = ANY(string_to_array('$VARIANTS', ',')::uuid[])"
{
  echo
  echo "| checkout ($CONNECTIONS shoppers, ${DURATION%s} s) | orders/s | place order p50 | p99 | add + place p50 | p99 | failures |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
} >> "$TABLE"
for scenario in "one variant:${VARIANTS%%,*}" "200 variants:$VARIANTS"; do
  echo "Checkout, ${scenario%%:*}: ${DURATION%s} s with $CONNECTIONS shoppers"
  RESULT=$(python3 "$(dirname "$0")/checkout.py" "$BASE" "${scenario#*:}" "${DURATION%s}" "$CONNECTIONS" | tail -1)
  echo "$RESULT"
  echo "$RESULT" | python3 -c 'import json,sys; r = json.load(sys.stdin); print("| %s | %s | %sms | %sms | %sms | %sms | %s |" % (sys.argv[1], r["orders_per_second"], r["place_p50_ms"], r["place_p99_ms"], r["visit_p50_ms"], r["visit_p99_ms"], r["failures"]))' "${scenario%%:*}" >> "$TABLE"
done

RSS=$(ps -o rss= -p "$APP" | awk '{printf "%.0f", $1/1024}')
COLD_RSS=$(ps -o rss= -p "$COLD_APP" | awk '{printf "%.0f", $1/1024}')
{
  echo
  echo "App memory after the run: ${RSS} MiB resident (cache on), ${COLD_RSS} MiB (cache off). $TOTAL products; wrk -t2 -c$CONNECTIONS -d$DURATION per row; $(nproc) cores shared by wrk, the app and PostgreSQL."
} >> "$TABLE"
echo
cat "$TABLE"
echo "Saved to $TABLE"
