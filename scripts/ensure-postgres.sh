#!/usr/bin/env bash
# Makes the local PostgreSQL test cluster usable by the storage tests (run as root; idempotent):
#   1. installs Debian's postgresql when pg_ctlcluster is missing;
#   2. starts the cluster when it is down;
#   3. lets root connect as role `postgres` over the unix socket (/var/run/postgresql), which is
#      what the tests use by default (BATON_TEST_PG_URL overrides that).
# Step 3 CHANGES THE LOCAL CLUSTER: it adds `local all postgres trust` to pg_hba.conf, so any
# local OS user can act as the postgres superuser over the socket. That is fine for a throwaway
# test/CI machine and wrong for anything else, so it only happens when CI or BATON_TEST_PG is set.
#
# It exits at once when the server the tests will use already answers (BATON_TEST_PG_URL if set).
# Usage: BATON_TEST_PG=1 scripts/ensure-postgres.sh
set -euo pipefail

SOCKET_DIR=/var/run/postgresql
MARKER='# baton-test: trust the postgres role over the local socket (scripts/ensure-postgres.sh)'

log() { echo "ensure-postgres: $*" >&2; }

# Nothing to do when the server the tests will use already answers (any user, any machine).
if [ -n "${BATON_TEST_PG_URL:-}" ]; then
  if psql "$BATON_TEST_PG_URL" -Atqc 'SELECT 1' >/dev/null 2>&1; then
    log "BATON_TEST_PG_URL answers; leaving the local cluster alone"; exit 0
  fi
  log "BATON_TEST_PG_URL is set but does not answer: $BATON_TEST_PG_URL"; exit 1
fi
if command -v psql >/dev/null 2>&1 && psql -h "$SOCKET_DIR" -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  log "PostgreSQL already ready at postgresql://postgres@/postgres?host=$SOCKET_DIR"; exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  log "must run as root (installs packages, edits pg_hba.conf)"; exit 1
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

# The newest cluster on the machine (Debian 12: 15 main); create one if apt did not.
read -r VERSION CLUSTER < <(pg_lsclusters -h | sort -V | tail -n1 | awk '{print $1, $2}') || true
if [ -z "${VERSION:-}" ]; then
  VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  CLUSTER=main
  log "creating cluster $VERSION/$CLUSTER"
  pg_createcluster "$VERSION" "$CLUSTER" >/dev/null
fi
HBA=/etc/postgresql/$VERSION/$CLUSTER/pg_hba.conf

status() { pg_lsclusters -h | awk -v v="$VERSION" -v c="$CLUSTER" '$1==v && $2==c {print $4}'; }

if [ "$(status)" != "online" ]; then
  log "starting cluster $VERSION/$CLUSTER"
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" start
fi

if ! grep -qF "$MARKER" "$HBA"; then
  if [ -n "${CI:-}" ] || [ -n "${BATON_TEST_PG:-}" ]; then
    log "adding a trust line for role postgres on the local socket to $HBA"
    # pg_hba is first-match: the line must come before Debian's `local all postgres peer`.
    tmp=$(mktemp)
    { echo "$MARKER"; echo "local all postgres trust"; cat "$HBA"; } >"$tmp"
    cat "$tmp" >"$HBA" && rm -f "$tmp"
    pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$CLUSTER" reload
  else
    log "not touching $HBA (set CI=1 or BATON_TEST_PG=1 to let root connect as postgres over the socket)"
  fi
fi

# Wait until the server answers on the socket (a fresh start takes a moment).
for _ in $(seq 1 50); do
  if pg_isready -q -h "$SOCKET_DIR"; then break; fi
  sleep 0.2
done
if ! psql -h "$SOCKET_DIR" -U postgres -d postgres -Atqc 'SELECT 1' >/dev/null 2>&1; then
  log "PostgreSQL $VERSION/$CLUSTER is running but root cannot connect as postgres via $SOCKET_DIR"
  log "run with BATON_TEST_PG=1, or set BATON_TEST_PG_URL to a database the tests may use"
  exit 1
fi
log "PostgreSQL $VERSION/$CLUSTER ready at postgresql://postgres@/postgres?host=$SOCKET_DIR"
