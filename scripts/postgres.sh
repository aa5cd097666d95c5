#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the test suite, installing Debian's postgresql if it
# is missing. Prints the server's URL on standard output; everything else goes to stderr.
set -euo pipefail
PORT=${COORDINA_TEST_PG_PORT:-54329}
DATA=${COORDINA_TEST_PG_DATA:-/tmp/coordina-pg-$PORT}
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN=$(pg_bin)
if [ -z "$BIN" ]; then
  echo "== installing PostgreSQL (Debian package postgresql)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(pg_bin)
fi
id postgres >/dev/null 2>&1 || useradd --system --home "$DATA" postgres
if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "== starting PostgreSQL on 127.0.0.1:$PORT" >&2
  rm -rf "$DATA" && mkdir -p "$DATA" && chown postgres "$DATA"
  su postgres -s /bin/sh -c "'$BIN/initdb' -D '$DATA/db' -A trust -U postgres --no-sync" >/dev/null
  su postgres -s /bin/sh -c "'$BIN/pg_ctl' -D '$DATA/db' -l '$DATA/server.log' -w \
    -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off' start" >/dev/null
fi
echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
