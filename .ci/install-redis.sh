#!/bin/sh
# Installs Debian's redis-server for the distributed-run tests (test/simulation/queue*.int.test.ts);
# does nothing when present.
set -eu
REDIS="${REDIS_SERVER_PATH:-$(command -v redis-server || echo /usr/bin/redis-server)}"
if [ -x "$REDIS" ]; then
  echo "install-redis: $REDIS present ($("$REDIS" --version 2>/dev/null || echo 'version unknown'))"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-redis: no redis-server and no apt-get; install Redis and set REDIS_SERVER_PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends redis-server
/usr/bin/redis-server --version
