#!/usr/bin/env bash
# Page weight and speed on a phone: the demo store's home, a category and a product page, each visited
# cold and again warm in Debian's Chromium, measured over the DevTools protocol (bench/pages/pages.mjs).
# Called by `./shop bench pages`, which prepares the database (the demo store: demo accounts and the
# 240-product demo catalog with its pictures) and passes BENCH_CONNECTION, BENCH_DLL and BENCH_PSQL
# (see run.sh).
#
# By default the pages come as a deployed shop serves them: through nginx with the site file of
# deploy/nginx/ (which gzips HTML), and the CSS and JavaScript from the build's precompressed copies,
# as a published app serves them. VIA=app measures the instance directly, as the build output (and so
# `./shop run`) serves it: HTML uncompressed, and CSS and JavaScript re-encoded on every request without
# compression by ASP.NET's development-time handler for a build's (not a publish's) assets manifest.
#
# Optional: RUNS (cold visits per page, default 5), VIA (nginx or app), CPU_SLOWDOWN (N: the pages'
# CPU work N times slower, DevTools' CPU throttling; default 1, none), PORT (the instance, default
# 5095; nginx listens on PORT + 1), CHROMIUM (default /usr/bin/chromium), CATEGORY (a category slug,
# default fashion), PRODUCT (a product slug, default the newest product in CATEGORY with the most pictures).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
RUNS="${RUNS:-5}"
PORT="${PORT:-5095}"
VIA="${VIA:-nginx}"
NGINX="${NGINX:-/usr/sbin/nginx}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
CPU_SLOWDOWN="${CPU_SLOWDOWN:-1}"
CATEGORY="${CATEGORY:-fashion}"
APP_URL="http://127.0.0.1:$PORT"
OUT="$HERE/results"
mkdir -p "$OUT"
[ -x "$CHROMIUM" ] || { echo "bench: Chromium is required (apt-get install chromium)" >&2; exit 1; }
command -v node >/dev/null || { echo "bench: Node.js is required (apt-get install nodejs npm)" >&2; exit 1; }
case "$VIA" in
  nginx) [ -x "$NGINX" ] || { echo "bench: nginx is required (apt-get install nginx), or VIA=app" >&2; exit 1; } ;;
  app) ;;
  *) echo "bench: VIA is nginx or app" >&2; exit 2 ;;
esac
. "$HERE/lib.sh"

# The DevTools client, pinned in bench/pages/package-lock.json (no browser download: it drives $CHROMIUM).
if [ ! -f "$HERE/pages/node_modules/.package-lock.json" ] || [ "$HERE/pages/package-lock.json" -nt "$HERE/pages/node_modules/.package-lock.json" ]; then
  echo "Installing the DevTools client (npm ci in bench/pages)"
  (cd "$HERE/pages" && npm ci --no-audit --no-fund --loglevel=error)
fi

for port in "$PORT" $([ "$VIA" = nginx ] && echo $((PORT + 1))); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "bench: port $port is taken (PORT=... picks others)" >&2; exit 1; }
done

APP=""
PREFIX=""
stop_all() {
  if [ -n "$PREFIX" ] && [ -f "$PREFIX/nginx.pid" ]; then
    local pid
    pid=$(cat "$PREFIX/nginx.pid")
    kill -QUIT "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$APP" ] && { kill "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; }
  [ -n "$PREFIX" ] && rm -rf "$PREFIX"
  return 0
}
trap stop_all EXIT

# A build's manifest turns on ASP.NET's development-time handler for static assets, which answers
# gzip requests with an uncompressed gzip stream; a published app serves its precompressed copies.
[ "$VIA" = nginx ] && export ReloadStaticAssetsAtRuntime=false
echo "Starting the shop (Release, Production) on $APP_URL"
start_instance "$PORT" 30; APP=$LAST_PID
wait_ready "$APP_URL"
BASE=$APP_URL
if [ "$VIA" = nginx ]; then
  PREFIX=$(mktemp -d /tmp/shop-bench-pages-XXXXXX)
  mkdir -p "$PREFIX/logs" "$PREFIX/tmp" "$PREFIX/cache"
  as_nobody() { if [ "$(id -u)" -eq 0 ]; then setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups -- "$@"; else "$@"; fi; }
  "$HERE/../deploy/nginx/render.sh" --listen "127.0.0.1:$((PORT + 1))" --standalone "$PREFIX" "127.0.0.1:$PORT" > "$PREFIX/nginx.conf"
  [ "$(id -u)" -eq 0 ] && chown -R nobody: "$PREFIX"
  as_nobody "$NGINX" -p "$PREFIX" -e "$PREFIX/logs/error.log" -c "$PREFIX/nginx.conf" < /dev/null > /dev/null 2>&1
  BASE="http://127.0.0.1:$((PORT + 1))"
  echo "nginx on $BASE in front of it (deploy/nginx/shop.conf)"
  wait_ready "$BASE"
fi

# The product page: by default the newest product of the category among those with the most pictures
# (the gallery is the heaviest part of a product page).
PRODUCT="${PRODUCT:-$("$BENCH_PSQL" -d "${BENCH_DB:-shop_bench_pages}" -tAc "
  SELECT p.slug FROM catalog.products p
   WHERE p.status = 'active' AND p.category_path LIKE '%' || (SELECT replace(id::text, '-', '') FROM catalog.categories WHERE slug = '$CATEGORY') || '%'
   ORDER BY (SELECT count(*) FROM catalog.product_images i WHERE i.product_id = p.id) DESC, p.created_at DESC LIMIT 1")}"
[ -n "$PRODUCT" ] || { echo "bench: no active product in category $CATEGORY" >&2; exit 1; }

TABLE="$OUT/pages-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "## Page weight and speed ($(date -u '+%Y-%m-%d %H:%M') UTC)"
  echo
  echo "Served $([ "$VIA" = nginx ] && echo "through nginx (deploy/nginx/shop.conf, gzip) with precompressed CSS and JavaScript, as deployed" || echo "by the instance directly (VIA=app: the build output, HTML, CSS and JavaScript uncompressed)")."
  echo "Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}') headless, phone profile (390x844 CSS px, device scale 3, mobile, touch), loopback, no network throttling, $([ "$CPU_SLOWDOWN" = 1 ] && echo "no CPU throttling" || echo "CPU ${CPU_SLOWDOWN}x slower");"
  echo "median of $RUNS cold visits per page (fresh context, empty cache) after one visit that warms the server;"
  echo "$(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)) shared by Chromium, the app and PostgreSQL; load average before the run $(cut -d' ' -f1-3 /proc/loadavg)."
  echo
} > "$TABLE"
echo "Visiting $BASE/, /c/$CATEGORY and /p/$PRODUCT $RUNS times each (saved to $TABLE)"
node "$HERE/pages/pages.mjs" --base "$BASE" --runs "$RUNS" --chromium "$CHROMIUM" --cpu-slowdown "$CPU_SLOWDOWN" --out "$TABLE" \
  --page "home=/" --page "category=/c/$CATEGORY" --page "product=/p/$PRODUCT"
echo "Saved to $TABLE"
