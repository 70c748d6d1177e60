#!/usr/bin/env bash
# Dashboards benchmark: a shop with a long order history, its sales figures recounted by `analytics rebuild`,
# then every analytics API call and dashboard page under wrk, and the admin orders export streamed whole.
# Called by `./shop bench dashboards` once per history size, which prepares the database (demo accounts,
# a small catalog) and passes BENCH_CONNECTION, BENCH_DLL, BENCH_PSQL (see run.sh) and:
#   BENCH_DB   the database's name          ORDERS   orders its history holds
#   TABLE      the Markdown file the rows are appended to
# Optional: DURATION (default 10s per URL), CONNECTIONS (default 16), PORT (default 5097),
#           CHUNK (orders generated per transaction, default 100000), EXPORT_SECONDS (the export is
#           stopped after this long and its rate taken from the rows received, default 600).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DURATION="${DURATION:-10s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${PORT:-5097}"
CHUNK="${CHUNK:-100000}"
BASE="http://127.0.0.1:$PORT"
OUT="$HERE/results"
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "bench: wrk is required (apt-get install wrk)" >&2; exit 1; }
. "$HERE/lib.sh"

sql() { "$BENCH_PSQL" -d "$BENCH_DB" -v ON_ERROR_STOP=1 "$@"; }
now() { date +%s.%N; }
calc() { python3 -c "print($1)"; }
grouped() { python3 -c "print(f'{int($1):,}')"; }

# 1. The order history, written in SQL chunk by chunk (each chunk commits, so an interrupted run resumes).
HAVE=$(sql -tAc "SELECT count(*) FROM ordering.orders")
GENERATED=""
if [ "$HAVE" -ge "$ORDERS" ]; then
  echo "$BENCH_DB already holds $(grouped "$HAVE") orders: not generating"
else
  echo "Generating $(grouped $((ORDERS - HAVE))) orders in $BENCH_DB"
  # About four orders per signed-in customer (some buy far more often) and three per guest email.
  CUSTOMERS=$(( ORDERS / 4 > 10 ? ORDERS / 4 : 10 ))
  GUESTS=$(( ORDERS / 3 > 10 ? ORDERS / 3 : 10 ))
  START=$(now)
  next=$((HAVE + 1))
  while [ "$next" -le "$ORDERS" ]; do
    count=$(( ORDERS - next + 1 < CHUNK ? ORDERS - next + 1 : CHUNK ))
    sql -q -v first="$next" -v count="$count" -v customers="$CUSTOMERS" -v guests="$GUESTS" -f "$HERE/dashboards-orders.sql"
    next=$((next + count))
    ELAPSED=$(calc "$(now) - $START")
    printf '  %s / %s orders, %.0f s (%s orders/s)\n' "$(grouped $((next - 1)))" "$(grouped "$ORDERS")" "$ELAPSED" \
      "$(grouped "$(calc "int($((next - 1 - HAVE)) / $ELAPSED)")")"
  done
  sql -qc "VACUUM ANALYZE ordering.orders, ordering.order_lines, ordering.fulfillments, ordering.order_events, payments.payments, payments.refunds"
  GENERATED=$(calc "round($(now) - $START, 1)") GENERATED_RATE=$(calc "int($((ORDERS - HAVE)) / ($(now) - $START))")
  echo "Generated $(grouped $((ORDERS - HAVE))) orders in $GENERATED s (with VACUUM ANALYZE)"
fi
TOTAL=$(sql -tAc "SELECT count(*) FROM ordering.orders")
LINES=$(sql -tAc "SELECT count(*) FROM ordering.order_lines")

# 2. The rebuild: every order and refund read back through the app's own code.
echo "Rebuilding the sales figures of $(grouped "$TOTAL") orders"
START=$(now)
(cd "$HERE/../src/Shop.Web" && ConnectionStrings__Shop="$BENCH_CONNECTION" dotnet "$BENCH_DLL" analytics rebuild --Logging:LogLevel:Default=Warning) |
  tee "$OUT/dash-rebuild"
REBUILT=$(calc "round($(now) - $START, 1)")
# The command's own time (without the app's start), from its last line: "Rebuilt … from N orders in 12.3 s."
REBUILD=$(sed -n 's/.* in \([0-9.,]*\) s\.$/\1/p' "$OUT/dash-rebuild" | tr -d ,)
rm -f "$OUT/dash-rebuild"
REBUILD_RATE=$(calc "int($TOTAL / max($REBUILD, 0.001))")

# 3. One instance; the admin and a seller signed in through the API (bearer) and the sign-in page (cookie).
echo "Starting the shop (Release, Production) on $BASE"
export RateLimits__AuthenticationPermitsPerMinute=100000000 RateLimits__AccountAttemptsPerWindow=100000000
start_instance "$PORT" 30; APP=$LAST_PID
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null || true; rm -f "$OUT"/dash-jar-*' EXIT
wait_ready "$BASE"

PASSWORD="Bazaar-Demo-2026"
token() {
  curl -fsS -H 'Content-Type: application/json' -d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])'
}
# The sign-in form as a browser posts it; prints the Cookie header the session then sends.
cookie() {
  local jar="$OUT/dash-jar-$1" form
  form=$(curl -fsS -c "$jar" "$BASE/account/sign-in" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
  curl -sS -o /dev/null -b "$jar" -c "$jar" --data-urlencode "_handler=sign-in" --data-urlencode "__RequestVerificationToken=$form" \
    --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=$PASSWORD" "$BASE/account/sign-in"
  awk -F'\t' 'NF == 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) {printf "%s%s=%s", sep, $6, $7; sep = "; "}' "$jar"
}
ADMIN_AUTH="Authorization: Bearer $(token admin@bazaar.local)"
SELLER_AUTH="Authorization: Bearer $(token priya@bazaar.local)"
ADMIN_COOKIE="Cookie: $(cookie admin@bazaar.local)"
SELLER_COOKIE="Cookie: $(cookie priya@bazaar.local)"

declare -a NAMES URLS HEADERS
add() { NAMES+=("$1"); URLS+=("$BASE$2"); HEADERS+=("$3"); }
for period in 30d 12m; do
  for report in summary series top-products sellers categories payment-methods statuses funnel searches; do
    add "API admin $report, $period" "/api/v1/admin/analytics/$report?period=$period" "$ADMIN_AUTH"
  done
  for report in summary series top-products; do
    add "API seller $report, $period" "/api/v1/seller/analytics/$report?period=$period" "$SELLER_AUTH"
  done
  add "HTML /admin, $period" "/admin?period=$period" "$ADMIN_COOKIE"
  add "HTML /seller, $period" "/seller?period=$period" "$SELLER_COOKIE"
done
for i in "${!URLS[@]}"; do   # every request must be answered, not redirected to the sign-in page
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "${HEADERS[$i]}" "${URLS[$i]}")
  [ "$status" = 200 ] || { echo "bench: ${URLS[$i]} answered $status" >&2; exit 1; }
done

# Time to first byte of single requests, one at a time (warm): the median of five.
single() {
  for _ in 1 2 3 4 5; do curl -fsS -o /dev/null -H "$2" -w '%{time_starttransfer}\n' "$1"; done |
    sort -n | sed -n 3p | awk '{printf "%.1f ms", $1 * 1000}'
}

{
  echo
  echo "### $(grouped "$TOTAL") orders ($(grouped "$LINES") lines)"
  echo
  echo "| request | requests/s | p50 | p99 | one at a time (first byte) |"
  echo "| --- | ---: | ---: | ---: | ---: |"
} >> "$TABLE"
for i in "${!URLS[@]}"; do
  printf '%-40s ' "${NAMES[$i]}"
  measure "${URLS[$i]}" -H "${HEADERS[$i]}"
  ONE=$(single "${URLS[$i]}" "${HEADERS[$i]}")
  echo "$RPS req/s  p50 $P50  p99 $P99  single $ONE ${ERRORS:+ errors: $ERRORS}"
  echo "| ${NAMES[$i]} | ${RPS%.*} | $P50 | $P99 | $ONE |" >> "$TABLE"
done

# 4. The admin orders export of every order, streamed: rows/s, first byte, and the instance's memory.
rss() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$APP/status"; }
sleep 2
RSS_BEFORE=$(rss)
echo "Exporting all $(grouped "$TOTAL") orders (RSS before: $RSS_BEFORE MiB)"
( peak=0; while kill -0 "$APP" 2>/dev/null; do r=$(rss); [ "$r" -gt "$peak" ] && { peak=$r; echo "$peak" > "$OUT/dash-peak"; }; sleep 0.2; done ) &
SAMPLER=$!
{ curl -sS --max-time "${EXPORT_SECONDS:-600}" -H "$ADMIN_AUTH" -w '%{stderr}%{http_code} %{time_starttransfer} %{time_total} %{size_download}\n' \
    "$BASE/api/v1/admin/orders/export" | wc -l > "$OUT/dash-rows"; } 2> "$OUT/dash-timing" || true
kill $SAMPLER 2>/dev/null; wait $SAMPLER 2>/dev/null || true
sleep 1
RSS_AFTER=$(rss)
RSS_PEAK=$(cat "$OUT/dash-peak"); ROWS=$(( $(cat "$OUT/dash-rows") - 1 ))
read -r CODE FIRST_BYTE EXPORT_TIME EXPORT_BYTES < <(tail -1 "$OUT/dash-timing")
[ "$CODE" = 200 ] || { echo "bench: the export answered $CODE" >&2; cat "$OUT/dash-timing" >&2; exit 1; }
rm -f "$OUT/dash-peak" "$OUT/dash-rows" "$OUT/dash-timing"
EXPORT_RATE=$(calc "int($ROWS / $EXPORT_TIME)")
echo "Exported $(grouped "$ROWS") rows in $EXPORT_TIME s ($(grouped "$EXPORT_RATE") rows/s), first byte after $FIRST_BYTE s; RSS $RSS_BEFORE → peak $RSS_PEAK → $RSS_AFTER MiB"
STOPPED=""
[ "$ROWS" -lt "$TOTAL" ] && STOPPED=" (stopped after $(calc "f'{$EXPORT_TIME:.0f}'") s)" && echo "bench: the export sent $ROWS of $TOTAL rows in ${EXPORT_SECONDS:-600} s" >&2

{
  echo
  echo "| orders export (admin, all orders) | rows | first byte | total | rows/s | MiB | RSS before | peak | after |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| $(grouped "$TOTAL") orders$STOPPED | $(grouped "$ROWS") | $(calc "f'{$FIRST_BYTE * 1000:.0f}'") ms | $(calc "f'{$EXPORT_TIME:.1f}'") s | $(grouped "$EXPORT_RATE") | $(calc "f'{$EXPORT_BYTES / 1048576:.0f}'") | $RSS_BEFORE MiB | $RSS_PEAK MiB | $RSS_AFTER MiB |"
  echo
  echo "${GENERATED:+Order history generated in $GENERATED s ($(grouped "$GENERATED_RATE") orders/s, including VACUUM ANALYZE). }Sales figures rebuilt in $REBUILD s ($(grouped "$REBUILD_RATE") orders/s; $REBUILT s with the app's start). wrk -t2 -c$CONNECTIONS -d$DURATION per row; $(nproc) cores shared by wrk, the app and PostgreSQL."
} >> "$TABLE"
