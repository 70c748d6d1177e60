#!/usr/bin/env bash
# Installs the shop on a fresh Debian or Ubuntu server, as root:
#   deploy/install.sh [--instances N] [--first-port 5001] [--server-name shop.example.in]
# Installs PostgreSQL, nginx and Redis (the live-chat backplane, on loopback), creates the 'shop' system user, /opt/shop/app, /etc/shop,
# /var/lib/shop and /var/backups/shop, a database and role with a generated password, and
# /etc/shop/shop.env with generated secrets; publishes this checkout to /opt/shop/app (needs the
# .NET 10 SDK; the server itself needs only the ASP.NET Core 10 runtime), migrates, writes the nginx
# site and the systemd units, starts N instances (default 3) and checks the site. Safe to run again:
# what exists is kept (the database password and secrets too), the app is republished and rolled.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
. "$HERE/lib.sh"

instances=3 first_port=5001 server_name=_
while [ $# -gt 0 ]; do
  case "$1" in
    --instances) instances=$2; shift 2 ;;
    --first-port) first_port=$2; shift 2 ;;
    --server-name) server_name=$2; shift 2 ;;
    *) die "unknown option $1" ;;
  esac
done
[ "$(id -u)" -eq 0 ] || die "run as root"
command -v dotnet >/dev/null || die "the .NET 10 SDK is needed to publish (https://dot.net); install it, or publish elsewhere and copy to /opt/shop/app"

echo "==> Packages"
DEBIAN_FRONTEND=noninteractive apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql nginx redis-server curl >/dev/null

echo "==> User and folders"
id shop >/dev/null 2>&1 || useradd --system --home-dir /var/lib/shop --shell /usr/sbin/nologin shop
install -d -o root -g shop -m 750 /etc/shop
install -d -o shop -g shop -m 750 /var/lib/shop /var/lib/shop/mail
install -d -o root -g root -m 755 /opt/shop /opt/shop/app
install -d -o root -g root -m 700 /var/backups/shop
install -d -o www-data -g www-data -m 700 /var/cache/nginx/shop

echo "==> Database"
# The catalog's hot tables and indexes should stay in PostgreSQL's own buffers (searches visit one
# heap page per match): a quarter of the memory, as PostgreSQL's documentation suggests.
pg_conf=$(ls -d /etc/postgresql/*/main 2>/dev/null | sort -V | tail -n 1)
if [ -n "$pg_conf" ] && [ ! -f "$pg_conf/conf.d/shop.conf" ]; then
  memory_mb=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
  printf 'shared_buffers = %dMB\neffective_cache_size = %dMB\n' $((memory_mb / 4)) $((memory_mb / 2)) > "$pg_conf/conf.d/shop.conf"
  systemctl restart postgresql
fi
if [ ! -f "$SHOP_ENV" ]; then
  password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  runuser -u postgres -- psql -qc "CREATE ROLE shop LOGIN CREATEDB PASSWORD '$password'"
  runuser -u postgres -- psql -qc "CREATE DATABASE shop OWNER shop"
  secret() { head -c 32 /dev/urandom | base64 | tr -d '/+='; }
  umask 027
  cat > "$SHOP_ENV" <<ENV
# Written by deploy/install.sh. Secrets live here only; readable by root and the shop group.
ASPNETCORE_ENVIRONMENT="Production"
ConnectionStrings__Shop="Host=127.0.0.1;Port=5432;Database=shop;Username=shop;Password=$password;Maximum Pool Size=40"
PGHOST="127.0.0.1"
PGPORT="5432"
PGUSER="shop"
PGPASSWORD="$password"
PGDATABASE="shop"
Metrics__BearerToken="$(secret)"
Payments__Sandbox__WebhookSecret="$(secret)"
Email__Delivery="Pickup"
Email__PickupDirectory="/var/lib/shop/mail"
Instance__DrainDelay="00:00:05"
ENV
  chgrp shop "$SHOP_ENV"
  umask 022
fi

echo "==> Redis (live chat between instances)"
# Loopback only (Debian's default), a password, no snapshots: it carries pushes, never data that matters.
redis_conf=/etc/redis/redis.conf
if ! grep -q '^# shop:' "$redis_conf"; then
  redis_password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  printf '\n# shop: pub/sub for the live-chat backplane only\nbind 127.0.0.1 -::1\nrequirepass %s\nsave ""\nappendonly no\n' "$redis_password" >> "$redis_conf"
  systemctl restart redis-server
fi
if ! grep -q '^ConnectionStrings__Redis=' "$SHOP_ENV"; then
  redis_password=$(awk '$1 == "requirepass" { p = $2 } END { print p }' "$redis_conf")
  echo "ConnectionStrings__Redis=\"127.0.0.1:6379,password=$redis_password\"" >> "$SHOP_ENV"
fi
systemctl enable --now redis-server >/dev/null 2>&1 || true

set -a; . "$SHOP_ENV"; set +a

echo "==> Publishing to /opt/shop/app"
dotnet publish "$ROOT/src/Shop.Web/Shop.Web.csproj" -c Release -o /opt/shop/app -nologo -v quiet
# Migrates and creates the first admin (its generated password is printed once, below).
(cd /opt/shop/app && runuser -u shop -- bash -c "set -a; . '$SHOP_ENV'; exec dotnet /opt/shop/app/Shop.Web.dll setup")

echo "==> Instances and nginx"
: > "$SHOP_INSTANCES"
servers=()
for i in $(seq 0 $((instances - 1))); do
  echo $((first_port + i)) >> "$SHOP_INSTANCES"
  servers+=("127.0.0.1:$((first_port + i))")
done
install -m 644 "$HERE/systemd/shop@.service" /etc/systemd/system/shop@.service
systemctl daemon-reload
"$HERE/nginx/render.sh" --listen 80 --cache /var/cache/nginx/shop "${servers[@]}" | sed "s/server_name _;/server_name $server_name;/" > /etc/nginx/conf.d/shop.conf
rm -f /etc/nginx/sites-enabled/default
nginx -t -q
systemctl reload nginx 2>/dev/null || systemctl restart nginx
# Instances no longer listed are stopped; the listed ones are started, or rolled when running.
for unit in $(systemctl list-units --plain --no-legend 'shop@*' | awk '{print $1}'); do
  port=${unit#shop@}
  grep -qx "${port%.service}" "$SHOP_INSTANCES" || systemctl disable --now "$unit"
done
if systemctl is-active --quiet "shop@$first_port"; then "$HERE/deploy.sh" rolling-restart; else "$HERE/deploy.sh" start; fi

echo "==> Backups: daily at 02:30 into /var/backups/shop"
cat > /etc/cron.d/shop-backup <<CRON
30 2 * * * root SHOP_ENV=$SHOP_ENV $HERE/backup.sh /var/backups/shop >/dev/null
CRON
"$HERE/healthcheck.sh" http://127.0.0.1
echo "Installed. Site: http://${server_name/_/this-server}/  Metrics token: in $SHOP_ENV (Metrics__BearerToken)."
