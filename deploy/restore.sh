#!/usr/bin/env bash
# Restores a backup into a NEW database (never over a live one); point the app at it afterwards.
#   restore.sh BACKUP.dump NEW_DATABASE
# Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD from the environment or /etc/shop/shop.env; the
# user needs CREATEDB (the shop's role has it) and becomes the owner of what is restored.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 2 ] || die "usage: restore.sh BACKUP.dump NEW_DATABASE"
dump=$1 target=$2
[ -r "$dump" ] || die "cannot read $dump"
[[ "$target" =~ ^[a-z_][a-z0-9_]*$ ]] || die "use a plain lower-case database name"
bin=$(pg_bin)
if [ "$("$bin/psql" -d postgres -tAc "SELECT count(*) FROM pg_database WHERE datname = '$target'")" != 0 ]; then
  die "database $target exists; restore into a new one"
fi
"$bin/psql" -d postgres -qc "CREATE DATABASE $target"
"$bin/pg_restore" --exit-on-error --no-owner --no-privileges --single-transaction -d "$target" "$dump"
echo "Restored $dump into $target. To use it: set Database=$target in ConnectionStrings__Shop (and PGDATABASE) in $SHOP_ENV, then ./deploy.sh rolling-restart."
