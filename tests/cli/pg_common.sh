# A private PostgreSQL for the hub tests, sourced after lib.sh: pg_start
# makes a cluster in a temporary folder with initdb, run by an unprivileged
# user (the server refuses root), listening only on a Unix socket in that
# folder (no TCP), and stops it and removes the folder at exit whatever
# happens. No PostgreSQL is a failure, never a skip: scripts/deps.sh
# installs postgresql-15.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER_SYS=carnet-pgtest
pg_dir=
pg_owner=

pg_stop() {
    [ -n "$pg_dir" ] || return 0
    if [ -f "$pg_dir/data/postmaster.pid" ]; then
        _pg_as "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$pg_dir"
    pg_dir=
}

# Stops the cluster, then the exit handler of lib.sh (or of the e2e lib),
# which must see the script's own exit status.
_pg_exit() {
    local rc=$? next=_lib_exit
    pg_stop
    declare -F _e2e_exit >/dev/null && next=_e2e_exit
    (exit "$rc")
    "$next"
}
trap _pg_exit EXIT

# Runs a command as the cluster's owner.
_pg_as() {
    if [ -n "$pg_owner" ]; then
        runuser -u "$pg_owner" -- "$@"
    else
        "$@"
    fi
}

# pg_start: a running cluster; exports PGHOST (its socket folder), PGPORT,
# PGUSER (carnet, the cluster's superuser) and PGDATABASE (postgres).
pg_start() {
    if [ ! -x "$PG_BIN/initdb" ]; then
        fail "PostgreSQL is missing ($PG_BIN/initdb): run scripts/deps.sh (postgresql-15)"
        finish
    fi
    if [ "$(id -u)" -eq 0 ]; then
        id "$PG_USER_SYS" >/dev/null 2>&1 ||
            useradd -r -M -d /nonexistent -s /usr/sbin/nologin "$PG_USER_SYS" 2>/dev/null || id "$PG_USER_SYS" >/dev/null
        pg_owner=$PG_USER_SYS
    fi
    pg_dir=$(mktemp -d /tmp/carnet-pg.XXXXXX)
    chmod 755 "$pg_dir"
    [ -z "$pg_owner" ] || chown "$pg_owner" "$pg_dir"
    if ! _pg_as "$PG_BIN/initdb" -D "$pg_dir/data" -A trust -U carnet -E UTF8 --locale=C.UTF-8 --no-sync \
        >"$pg_dir/initdb.log" 2>&1; then
        fail "initdb failed" "$(tail -5 "$pg_dir/initdb.log")"
        finish
    fi
    local fsync=${PG_FSYNC:-off}
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 30 \
        -o "-k $pg_dir -c listen_addresses='' -c fsync=$fsync -c max_connections=60" start >/dev/null 2>&1; then
        fail "the PostgreSQL server did not start" "$(tail -5 "$pg_dir/server.log")"
        finish
    fi
    export PGHOST=$pg_dir PGPORT=5432 PGUSER=carnet PGDATABASE=postgres
    unset PGPASSWORD PGSERVICE PGSERVICEFILE PGPASSFILE
}

# pg_db NAME: a new database; prints its URI (the socket folder as host).
pg_db() {
    "$PG_BIN/createdb" "$1" || { fail "createdb $1"; finish; }
    printf 'postgresql:///%s?host=%s' "$1" "$pg_dir"
}

# psql_q DB SQL: one value (unaligned, no header).
psql_q() {
    "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}

# hub_world: what most hub tests start from: a cluster, a hub "fed" made
# by carnet hub init ($hub, its URI), the current folder $tmp, and a new
# store a.db ($db) named A.
hub_world() {
    pg_start
    hub=$(pg_db fed)
    cd "$tmp" || exit 2
    run "$CARNET" hub init "$hub"
    expect_status 0 "carnet hub init"
    db=$tmp/a.db
    carnet_ok init --name A
}

# hub_upgrade URI STORE: the hub at URI (the owner's address), made a
# schema older by hand, refuses a sync of STORE and asks for hub init;
# hub init upgrades it and keeps its data (read with psql: carnet_hash
# refuses a hub of an older schema).
hub_upgrade() {
    local rows
    rows=$(_hub_rows "$1")
    run "$CARNET" --db "$2" sync "$1"
    expect_status 1 "a sync with a hub of the previous schema"
    expect_stderr_contains "carnet hub init"
    run "$CARNET" hub init "$1"
    expect_status 0
    expect_stderr_contains "upgraded from schema version"
    expect_eq "$(_hub_rows "$1")" "$rows" "the upgraded hub keeps its data"
}
_hub_rows() {
    "$PG_BIN/psql" -X -q -A -t -d "$1" -c "select md5(string_agg(x::text, '|' order by x.id))
        || (select count(*) from carnet.territory) from carnet.initiative x"
}
