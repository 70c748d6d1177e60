#!/usr/bin/env bash
# Backs up the shop's database in pg_dump's custom format (compressed; restore.sh reads it).
#   backup.sh [DIRECTORY]     default /var/backups/shop; keeps the newest $BACKUP_KEEP (default 14)
# Connection: PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, from the environment or /etc/shop/shop.env.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

dir="${1:-/var/backups/shop}"
keep="${BACKUP_KEEP:-14}"
[ -n "${PGDATABASE:-}" ] || die "PGDATABASE is not set (nor in $SHOP_ENV)"
mkdir -p "$dir"
file="$dir/${PGDATABASE}-$(date -u +%Y%m%dT%H%M%SZ).dump"
# Written under a temporary name first: a failed dump never looks like a backup.
(umask 077; "$(pg_bin)/pg_dump" --format=custom --compress=6 --no-owner --file="$file.partial" "$PGDATABASE")
mv "$file.partial" "$file"
ls -1t "$dir/${PGDATABASE}"-*.dump | tail -n +"$((keep + 1))" | xargs -r rm -f
echo "$file"
