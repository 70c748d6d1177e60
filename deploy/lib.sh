# Shared by the deploy scripts: configuration, PostgreSQL client binaries, readiness.
SHOP_ENV="${SHOP_ENV:-/etc/shop/shop.env}"
SHOP_INSTANCES="${SHOP_INSTANCES:-/etc/shop/instances}"

# The environment file (written by install.sh) carries PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE.
if [ -r "$SHOP_ENV" ]; then set -a; . "$SHOP_ENV"; set +a; fi

die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# The newest PostgreSQL client programs (Debian keeps them in /usr/lib/postgresql/<major>/bin).
pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/pg_dump" ] && { echo "$dir"; return; }
  dirname "$(command -v pg_dump || die "pg_dump not found (apt-get install postgresql-client)")"
}

# The ports of this server's instances, one per line.
instance_ports() {
  [ -r "$SHOP_INSTANCES" ] || die "$SHOP_INSTANCES is missing (deploy/install.sh writes it)"
  grep -E '^[0-9]+$' "$SHOP_INSTANCES"
}

# Waits until the instance on port $1 says it is ready, for at most $2 seconds (default 60).
wait_ready() {
  local port=$1 limit=${2:-60}
  for _ in $(seq 1 $((limit * 2))); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}
