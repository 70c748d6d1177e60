#!/usr/bin/env bash
# Runs this server's instances (systemd units shop@PORT, ports listed in /etc/shop/instances).
#   deploy.sh start | stop | restart | status | rolling-restart
# rolling-restart restarts one instance at a time and waits until it is ready before the next, so
# nginx always has instances to send requests to: the way to roll out a new build or configuration.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

units() { for port in $(instance_ports); do echo "shop@$port"; done; }

case "${1:-}" in
  start)
    systemctl enable --now $(units)
    for port in $(instance_ports); do wait_ready "$port" || die "shop@$port is not ready: journalctl -u shop@$port"; done
    echo "started: $(units | tr '\n' ' ')" ;;
  stop) systemctl stop $(units) ;;
  restart)
    systemctl restart $(units)
    for port in $(instance_ports); do wait_ready "$port" || die "shop@$port is not ready: journalctl -u shop@$port"; done ;;
  rolling-restart)
    for port in $(instance_ports); do
      echo "restarting shop@$port"
      systemctl restart "shop@$port"
      wait_ready "$port" 120 || die "shop@$port did not become ready; the others still serve. See journalctl -u shop@$port"
    done
    echo "all instances restarted" ;;
  status)
    systemctl --no-pager --lines=0 status $(units) || true
    "$(dirname "$0")/healthcheck.sh" ;;
  *) sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
