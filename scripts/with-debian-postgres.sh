#!/usr/bin/env bash
# Runs a command against a throwaway Debian PostgreSQL 15 cluster (the oldest version we support):
#   scripts/with-debian-postgres.sh npm run test:e2e
# Installs the server when missing, starts it on a free port as the `postgres` user, exports
# TEST_DATABASE_URL for the command, and always stops and removes the cluster afterwards.
set -euo pipefail

PG_BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$PG_BIN/initdb" ]; then
  echo "installing Debian's postgresql-15"
  apt-get update -qq
  apt-get install -y -qq postgresql-15 >/dev/null
fi
id postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home postgres

dir=$(mktemp -d /tmp/hostaliases-pg15-XXXXXX)
chmod 755 "$dir"
chown postgres:postgres "$dir"
port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
password=pg15-test-password
as_postgres() { runuser -u postgres -- "$@"; }

cleanup() {
  as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

printf '%s\n' "$password" > "$dir/pwfile"
chown postgres:postgres "$dir/pwfile"
as_postgres "$PG_BIN/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
  --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -c listen_addresses=127.0.0.1 -k $dir" start >/dev/null
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"

export TEST_DATABASE_URL="postgresql://postgres:$password@127.0.0.1:$port/postgres"
"$@"
