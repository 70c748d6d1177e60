#!/usr/bin/env bash
# Is the site up? Checks each instance's readiness and the site through nginx; exit 1 if anything is down.
#   healthcheck.sh [SITE_URL]      default http://127.0.0.1 (nginx on this server)
set -uo pipefail
. "$(dirname "$0")/lib.sh"

site="${1:-http://127.0.0.1}"
status=0
for port in $(instance_ports); do
  if answer=$(curl -fsS --max-time 5 "http://127.0.0.1:$port/health/ready" 2>&1); then
    echo "ok    instance 127.0.0.1:$port"
  else
    echo "DOWN  instance 127.0.0.1:$port: $answer"; status=1
  fi
done
if curl -fsS --max-time 5 -o /dev/null "$site/health/ready"; then echo "ok    site $site"; else echo "DOWN  site $site"; status=1; fi
exit $status
