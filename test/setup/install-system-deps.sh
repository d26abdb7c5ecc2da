#!/bin/sh
# Debian packages the tests need (the browser test drives Debian's chromium; the Redis tests start
# Debian's redis-server; the monitoring tests run Debian's prometheus and promtool). Installed only when
# missing; needs root, as on CI.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
{ command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing="$missing prometheus"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "missing Debian packages:$missing; install them with: sudo apt-get install -y$missing" >&2
  exit 1
fi
echo "installing Debian packages:$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
