# Shared by the benchmark scripts.

# Starts one instance of the app (Release, Production) on port $1 with the listing cache kept $2
# seconds (0: off), logging to $OUT/app-$1.log; sets LAST_PID. Request logging is off: the
# benchmark measures serving, not writing a log line per request.
start_instance() {
  env ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Shop="$BENCH_CONNECTION" Outbox__PollInterval=00:00:30 \
    Logging__LogLevel__Default=Warning "Logging__LogLevel__Microsoft.AspNetCore.HttpLogging.HttpLoggingMiddleware=Warning" \
    RateLimits__ApiPermitsPerMinute=100000000 Catalog__ListingCacheSeconds="$2" Instance__Name="bench-$1" Instance__DrainDelay=00:00:00 \
    dotnet "$BENCH_DLL" --urls "http://127.0.0.1:$1" > "$OUT/app-$1.log" 2>&1 &
  LAST_PID=$!
}

wait_ready() {
  for _ in $(seq 1 120); do curl -fs "$1/health/ready" >/dev/null && return 0; sleep 0.5; done
  echo "bench: $1 did not become ready" >&2
  return 1
}

# Runs wrk against $1 and sets RPS, P50, P99 and ERRORS from its report; further arguments (-H "Name: value")
# go to both curl and wrk.
measure() {
  local url=$1
  shift
  curl -fs "$@" "$url" >/dev/null   # warm the path once
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$@" "$url" > "$OUT/wrk.txt"
  RPS=$(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt")
  P50=$(awk '$1 == "50%" {print $2}' "$OUT/wrk.txt")
  P99=$(awk '$1 == "99%" {print $2}' "$OUT/wrk.txt")
  ERRORS=$(awk '/Non-2xx or 3xx responses:/ {print $5}' "$OUT/wrk.txt")
}

# Waits (up to two minutes) until the outbox holds no undelivered events, such as those a previous
# run's orders left behind, so that their handling does not share the cores with the measurement.
wait_outbox_drained() {
  for _ in $(seq 1 240); do
    [ "$("$BENCH_PSQL" -d shop_bench -tAc "SELECT count(*) FROM platform.outbox_messages WHERE processed_at IS NULL AND dead_lettered_at IS NULL")" = 0 ] && return 0
    sleep 0.5
  done
}
