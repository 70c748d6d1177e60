#!/usr/bin/env bash
# Live-chat benchmark: two instances behind nginx with the Redis backplane and PostgreSQL, many real
# WebSocket connections spread over both, and conversations sent on one instance and received on the other.
# Called by `./shop bench chat`, which prepares the database and passes BENCH_CONNECTION, BENCH_DLL and
# BENCH_PSQL (see run.sh). Optional: CONNECTIONS (default 5000), ACTIVE (sending conversations, default
# 400), RATES (messages/s, default "500 1000 2000 3000"), RATE_SECONDS (per rate, default 20), PORT (first
# instance port, default 5151).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
CONNECTIONS="${CONNECTIONS:-5000}"
ACTIVE="${ACTIVE:-400}"
RATES="${RATES:-500 1000 2000 3000}"
# Not SECONDS: bash keeps that one counting the shell's own seconds, so it is always set.
SECONDS_PER_RATE="${RATE_SECONDS:-20}"
PORT="${PORT:-5151}"
LB_PORT=$((PORT + 20))
REDIS_PORT=$((PORT + 21))
OUT="$HERE/results"
NGINX="${NGINX:-/usr/sbin/nginx}"
LOAD_DLL="$HERE/ChatLoad/bin/Release/net10.0/ChatLoad.dll"
mkdir -p "$OUT"
[ -x "$NGINX" ] || { echo "bench: nginx is required (apt-get install nginx)" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "bench: redis-server is required (apt-get install redis-server)" >&2; exit 1; }
. "$HERE/lib.sh"

# Thousands of sockets in every process (root may raise its own limit; the children inherit it).
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

PREFIX=$(mktemp -d /tmp/shop-bench-chat-XXXXXX)
mkdir -p "$PREFIX/logs" "$PREFIX/tmp" "$PREFIX/cache" "$PREFIX/redis"
as_nobody() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$@"; else "$@"; fi; }
PIDS=()
REDIS_PID=""
stop_all() {
  [ -f "$PREFIX/nginx.pid" ] && kill -QUIT "$(cat "$PREFIX/nginx.pid")" 2>/dev/null || true
  [ ${#PIDS[@]} -gt 0 ] && { kill "${PIDS[@]}" 2>/dev/null || true; wait "${PIDS[@]}" 2>/dev/null || true; }
  PIDS=()
  # Redis last: the instances unsubscribe as they stop.
  [ -n "$REDIS_PID" ] && { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; }
  REDIS_PID=""
}
trap 'stop_all; cp "$PREFIX/logs/error.log" "$OUT/chat-nginx-error.log" 2>/dev/null; rm -rf "$PREFIX"' EXIT

echo "Building the load generator"
dotnet build "$HERE/ChatLoad/ChatLoad.csproj" -c Release -nologo -v quiet -clp:ErrorsOnly -clp:NoSummary

echo "Starting Redis on 127.0.0.1:$REDIS_PORT"
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --dir "$PREFIX/redis" \
  --logfile "$PREFIX/redis/redis.log" --maxclients 10000 > /dev/null 2>&1 &
REDIS_PID=$!

# Conversations of earlier runs stay in shop_bench (they are real data); each run starts its own.
servers=()
APP_PIDS=()
# As deployed (deploy/compose.yaml): 40 database connections per instance, within PostgreSQL's 100.
BENCH_CONNECTION="$BENCH_CONNECTION;Maximum Pool Size=40"
export ConnectionStrings__Redis="127.0.0.1:$REDIS_PORT" RateLimits__AuthenticationPermitsPerMinute=100000000 \
  RateLimits__AccountAttemptsPerWindow=100000000
for i in 0 1; do
  start_instance $((PORT + i)) 30
  PIDS+=("$LAST_PID"); APP_PIDS+=("$LAST_PID")
  servers+=("127.0.0.1:$((PORT + i))")
done
for s in "${servers[@]}"; do wait_ready "http://$s"; done
# Each proxied WebSocket takes two of a worker's connections; a worker cannot open more files than the hard limit.
WORKER_CONNECTIONS=$((CONNECTIONS * 2 + 1024))
HARD=$(ulimit -Hn)
[ "$HARD" != unlimited ] && [ "$WORKER_CONNECTIONS" -gt $(( (HARD - 64) / 2 )) ] && WORKER_CONNECTIONS=$(( (HARD - 64) / 2 ))
"$HERE/../deploy/nginx/render.sh" --listen "127.0.0.1:$LB_PORT" --standalone "$PREFIX" --worker-connections "$WORKER_CONNECTIONS" "${servers[@]}" > "$PREFIX/nginx.conf"
[ "$(id -u)" -eq 0 ] && chown -R nobody: "$PREFIX"
as_nobody "$NGINX" -p "$PREFIX" -e "$PREFIX/logs/error.log" -c "$PREFIX/nginx.conf" < /dev/null > /dev/null 2>&1
wait_ready "http://127.0.0.1:$LB_PORT"

TABLE="$OUT/chat-$(date -u +%Y%m%dT%H%M%SZ).md"
echo "Running the load (saved to $TABLE)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
stats() { "$BENCH_PSQL" -d postgres -tAc "SELECT xact_commit, tup_inserted, tup_updated FROM pg_stat_database WHERE datname = 'shop_bench'"; }
before=$(stats)
messages_before=$("$BENCH_PSQL" -d shop_bench -tAc "SELECT count(*) FROM support.messages")
dotnet "$LOAD_DLL" --site "http://127.0.0.1:$LB_PORT" --pids "$(IFS=,; echo "${APP_PIDS[*]}")" --state "$OUT/chat-conversations.txt" \
  --connections "$CONNECTIONS" --active "$ACTIVE" --rates "$(echo $RATES | tr ' ' ',')" --seconds "$SECONDS_PER_RATE" | tee "$TABLE"
after=$(stats)
messages=$(( $("$BENCH_PSQL" -d shop_bench -tAc "SELECT count(*) FROM support.messages") - messages_before ))
{
  # What each stored message cost PostgreSQL (conversations started in this run included).
  echo "$before $after $messages" | awk -F'[| ]' '$7 > 0 { printf "PostgreSQL per message stored: %.1f transactions, %.1f rows inserted, %.1f rows updated (%d messages; includes the outbox and its handlers).\n", ($4-$1)/$7, ($5-$2)/$7, ($6-$3)/$7, $7 }'
  echo "Load average (1, 5, 15 min) before the load: $LOAD_BEFORE; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); the load generator, nginx, Redis, both instances and PostgreSQL share them."
  echo "Messages stored in PostgreSQL: $("$BENCH_PSQL" -d shop_bench -tAc "SELECT count(*) FROM support.messages")"
} | tee -a "$TABLE"
