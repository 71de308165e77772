# A private PostgreSQL for the hub tests, sourced after lib.sh: pg_start
# makes a cluster in a temporary folder with initdb, run by an unprivileged
# user (the server refuses root), listening only on a Unix socket in that
# folder (no TCP), and stops it and removes the folder at exit whatever
# happens. No PostgreSQL is a failure, never a skip: scripts/deps.sh
# installs postgresql-15.

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_USER_SYS=carnet-pgtest
pg_dir=
pg_sdir=
pg_owner=

# _pg_drop DIR: stops the server of a cluster folder if it runs, removes it.
_pg_drop() {
    [ -n "$1" ] || return 0
    if [ -f "$1/data/postmaster.pid" ]; then
        _pg_as "$PG_BIN/pg_ctl" -D "$1/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$1"
}

# Stops and removes the cluster and its standby (pg_standby_start), if any.
pg_stop() {
    _pg_drop "$pg_sdir"
    _pg_drop "$pg_dir"
    pg_sdir=
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

# pg_standby_start: a streaming-replication standby of the running cluster
# (pg_basebackup -R), in a temporary folder of its own ($pg_sdir, also its
# socket folder: same port, no TCP), named "standby1" for
# synchronous_standby_names, stopped and removed by pg_stop. Returns once it
# has replayed all the primary has written.
pg_standby_start() {
    pg_sdir=$(mktemp -d /tmp/carnet-pgs.XXXXXX)
    chmod 755 "$pg_sdir"
    [ -z "$pg_owner" ] || chown "$pg_owner" "$pg_sdir"
    if ! _pg_as "$PG_BIN/pg_basebackup" -D "$pg_sdir/data" -R -h "$pg_dir" -p "$PGPORT" -U carnet -c fast \
        --no-sync >"$pg_sdir/basebackup.log" 2>&1; then
        fail "pg_basebackup failed" "$(tail -5 "$pg_sdir/basebackup.log")"
        finish
    fi
    if ! _pg_as "$PG_BIN/pg_ctl" -D "$pg_sdir/data" -l "$pg_sdir/server.log" -w -t 30 \
        -o "-k $pg_sdir -c listen_addresses='' -c fsync=${PG_FSYNC:-off} -c max_connections=60 -c cluster_name=standby1" \
        start >/dev/null 2>&1; then
        fail "the standby did not start" "$(tail -5 "$pg_sdir/server.log")"
        finish
    fi
    pg_standby_wait
}

# pg_standby_wait: waits (30 s at most) until the standby has replayed
# everything the primary has written so far.
pg_standby_wait() {
    local lsn i
    lsn=$(psql_q postgres "select pg_current_wal_lsn()")
    for ((i = 0; i < 300; i++)); do
        [ "$(psql_q "dbname=postgres host=$pg_sdir" "select coalesce(pg_last_wal_replay_lsn() >= '$lsn', false)")" = t ] &&
            return 0
        sleep 0.1
    done
    fail "the standby did not catch up with the primary in 30 s" "$(tail -5 "$pg_sdir/server.log")"
}

# pg_promote: stops the primary (fast; MODE immediate for a crash) and
# promotes the standby, which then takes writes on its socket ($pg_sdir).
pg_promote() {
    _pg_as "$PG_BIN/pg_ctl" -D "$pg_dir/data" -m "${1:-fast}" -w stop >/dev/null 2>&1 || fail "stopping the primary"
    _pg_as "$PG_BIN/pg_ctl" -D "$pg_sdir/data" -w -t 30 promote >/dev/null 2>&1 ||
        fail "promoting the standby" "$(tail -5 "$pg_sdir/server.log")"
    [ "$(psql_q "dbname=postgres host=$pg_sdir" "select pg_is_in_recovery()")" = f ] ||
        fail "the promoted standby is still in recovery"
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
