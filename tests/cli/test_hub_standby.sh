#!/usr/bin/env bash
# Fail-over of the hub to a streaming-replication standby, on this machine
# only (two clusters on Unix sockets in temporary folders).
#
# A standby that lags: its link to the primary is cut (a network partition;
# pausing the replay is not enough, since a promotion replays all the WAL
# the standby has received), the stores sync more changes to the primary,
# the primary stops and the standby is promoted, holding less than the
# stores received from the hub. The hub sees its new timeline at the first
# sync, whatever store comes first: a centre's role is refused until the
# owner's hub init gives every dataset a new identity, and then the syncs
# send everything again: the hub's dataset equals the stores, nothing
# skipped, and a store cloned from the new hub equals them. The first to
# sync is c, which synced nothing while the standby lagged, with 60 changes:
# with only the watermark check of a restore in place (hub_side_want), its
# numbers, which a and b's watermarks have passed, lift the hub's highest
# above those watermarks and a and b never get them. The later changes
# take more than 32 change numbers (a standby's sequence may be up to 32
# numbers ahead of the rows it holds) for few records (what the stores send
# again takes few numbers).
#
# Synchronous replication, as the README recommends it (synchronous_commit
# = on, synchronous_standby_names = 'ANY 1 (standby1)'): a sync cannot
# commit ahead of the standby (with its link cut, the sync waits), and after
# the primary crashes right after a sync, the promoted standby holds
# everything: no message, nothing sent again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

# standby_q SQL: one value from the standby's hub database.
standby_q() { psql_q "dbname=fed host=$pg_sdir" "$1"; }

# world DIR: a primary with its standby, a hub "fed" on the primary ($hub;
# $hub_s on the standby), and in DIR a store a.db of 200 demo records synced
# to the hub, b.db and c.db cloned from it; $ds the dataset, $i and $j
# initiatives; a role centre_c that may sync it.
world() {
    pg_start
    pg_standby_start
    [ "$1" = sync ] && {
        psql_q postgres "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby1)'" >/dev/null
        psql_q postgres "ALTER SYSTEM SET synchronous_commit = 'on'" >/dev/null
        psql_q postgres "SELECT pg_reload_conf()" >/dev/null
    }
    hub=$(pg_db fed)
    hub_s="postgresql:///fed?host=$pg_sdir"
    mkdir -p "$tmp/$1"
    cd "$tmp/$1" || exit 2
    run "$CARNET" hub init "$hub"
    expect_status 0 "carnet hub init"
    db=$PWD/a.db
    carnet_ok init --name A
    carnet_ok demo --records 200 --seed 2
    run "$CARNET" --db a.db sync "$hub"
    expect_status 0
    ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
    run "$CARNET" clone "$hub" b.db --dataset "$ds"
    expect_status 0
    run "$CARNET" clone "$hub" c.db --dataset "$ds"
    expect_status 0
    "$PG_BIN/createuser" centre_c || fail "createuser centre_c"
    run "$CARNET" hub grant "$hub" centre_c --dataset "$ds" --write
    expect_status 0 "hub grant to centre_c"
    i=$(sqlite3 a.db "select id from initiative order by id limit 1")
    j=$(sqlite3 a.db "select id from initiative order by id limit 1 offset 1")
    pg_standby_wait
}

# later_changes N: a edits the title of $j N times, each synced with the
# primary (N change numbers for one record, which every store holds: a
# store sends it again once, the numbers given out after the fail-over stay
# below the watermarks); then a adds $x, b adds $y and edits $i; synced a,
# b, a.
later_changes() {
    local k bad=0
    for ((k = 1; k <= $1; k++)); do
        "$CARNET" --db a.db edit "$j" title="Version $k" >/dev/null &&
            "$CARNET" --db a.db sync "$hub" 2>/dev/null || bad=$((bad + 1))
    done
    expect_eq "$bad" 0 "$1 edits of one record, each synced with the primary"
    x=$("$CARNET" --db a.db add territory name=AprèsA)
    y=$("$CARNET" --db b.db add territory name=AprèsB)
    "$CARNET" --db b.db edit "$i" title="Titre avant la bascule" >/dev/null
    for s in a.db b.db a.db; do
        run "$CARNET" --db "$s" sync "$hub"
        expect_status 0 "sync of $s with the primary"
    done
    expect_eq "$(psql_q fed "select count(*) from carnet.territory where id in ('$x', '$y')")" 2 \
        "the primary holds the later changes"
}

# converged HUB: both stores, the hub's dataset and a store cloned from the
# hub have one content hash.
converged() {
    local want
    want=$("$CARNET_HASH" a.db)
    expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a"
    expect_eq "$("$CARNET_HASH" "$1" "$ds")" "$want" "the hub's dataset equals the stores"
    rm -f c.db
    run "$CARNET" clone "$1" c.db --dataset "$ds"
    expect_status 0 "clone from the new hub"
    expect_eq "$("$CARNET_HASH" c.db)" "$want" "a store cloned from the new hub equals the stores"
}

# link_cut: the standby loses its primary (a network partition): it
# receives nothing more until link_back.
link_cut() {
    link=$(standby_q "show primary_conninfo")
    standby_q "ALTER SYSTEM SET primary_conninfo = ''" >/dev/null
    standby_q "SELECT pg_reload_conf()" >/dev/null
    for ((k = 0; k < 100; k++)); do
        [ "$(standby_q "select count(*) from pg_stat_wal_receiver")" = 0 ] && break
        sleep 0.1
    done
    expect_eq "$(standby_q "select count(*) from pg_stat_wal_receiver")" 0 "the standby's link is cut"
}
link_back() {
    standby_q "ALTER SYSTEM SET primary_conninfo = '${link//\'/\'\'}'" >/dev/null
    standby_q "SELECT pg_reload_conf()" >/dev/null
}

# --- a standby that lags ------------------------------------------------------
world async
link_cut
# Under memcheck, fewer: the detection itself needs a lag of one change.
later_changes "$([ "${CARNET_VALGRIND:-0}" = 1 ] && echo 3 || echo 40)"
pg_promote fast
expect_eq "$(standby_q "select count(*) from carnet.territory where id in ('$x', '$y')")" 0 \
    "the promoted standby lacks the later changes"
# A change after the fail-over, and c (which synced nothing while the
# standby lagged) with 60 changes: numbers the new hub gives out that a's
# and b's watermarks have passed already, and enough of them to pass the
# hub's highest number beyond those watermarks.
w=$("$CARNET" --db a.db add territory name=AprèsBascule)
{
    echo "name,city,qpv_code"
    for ((k = 1; k <= 60; k++)); do echo "DeC $k,Lyon,"; done
} >c.csv
run "$CARNET" --db c.db import territory c.csv
expect_status 0 "import of 60 territories into c"
# The new timeline: a centre's role is refused until the owner renews the
# hub, whatever store comes first.
run "$CARNET" --db c.db sync "postgresql:///fed?host=$pg_sdir&user=centre_c"
expect_status 1 "a centre's first sync with the promoted standby"
expect_stderr_contains "is a standby that took over"
expect_stderr_contains "carnet hub init"
expect_eq "$(standby_q "select count(*) from carnet.territory where name like 'DeC %'")" 0 \
    "the refused sync changed nothing"
run "$CARNET" hub init "$hub_s"
expect_status 0 "hub init on the promoted standby"
# c first: the store that lagged, whose watermark is below the hub's.
for s in c.db a.db b.db c.db a.db b.db; do
    run "$CARNET" --db "$s" sync "$hub_s"
    expect_status 0 "sync of $s with the promoted standby"
done
expect_eq "$(standby_q "select count(*) from carnet.territory where id in ('$x', '$y', '$w')")" 3 \
    "the new hub got the later records back"
expect_eq "$(standby_q "select title from carnet.initiative where id = '$i'")" "Titre avant la bascule" \
    "and the later edit"
expect_eq "$(sqlite3 b.db "select name from territory where id = '$w'")" "AprèsBascule" \
    "b received the change made after the fail-over"
expect_eq "$(sqlite3 a.db "select name from territory where id = '$y'")" "AprèsB" \
    "a received b's change the new hub had lost"
for s in a.db b.db; do
    expect_eq "$(sqlite3 "$s" "select count(*) from territory where name like 'DeC %'")" 60 \
        "$s received all of c's changes made after the fail-over"
done
expect_eq "$("$CARNET_HASH" c.db)" "$("$CARNET_HASH" a.db)" "c equals a"
converged "$hub_s"
pg_stop

# --- synchronous replication --------------------------------------------------
world sync
expect_eq "$(psql_q postgres "select sync_state from pg_stat_replication")" quorum "the standby is synchronous"
# A hub made by an older carnet keeps no timeline: its centres are not
# refused, and hub init gives it one without a new identity.
psql_q fed "DELETE FROM carnet.meta WHERE key = 'timeline'" >/dev/null
site=$(psql_q fed "select site from carnet.dataset where dataset = '$ds'")
run "$CARNET" --db c.db sync "postgresql:///fed?host=$pg_dir&user=centre_c"
expect_status 0 "a centre's sync with a hub without a timeline"
run "$CARNET" hub init "$hub"
expect_status 0
expect_eq "$(psql_q fed "select count(*) from carnet.meta where key = 'timeline'")" 1 "hub init keeps the timeline"
expect_eq "$(psql_q fed "select site from carnet.dataset where dataset = '$ds'")" "$site" \
    "and gives the dataset no new identity"
# With its link cut, a sync cannot commit ahead of it: it waits. Killed
# after 5 s (SIGKILL, as memcheck expects of a kill on purpose).
link_cut
z=$("$CARNET" --db a.db add territory name=EnAttente)
{ timeout -s KILL 5 "$CARNET" --db a.db sync "$hub"; } 2>/dev/null
expect_eq "$?" 137 "a sync waits while the synchronous standby is cut off"
link_back
run "$CARNET" --db a.db sync "$hub"
expect_status 0 "the sync once the standby is back"
later_changes 3
# The primary crashes right after the last sync; the standby takes over.
pg_promote immediate
expect_eq "$(standby_q "select count(*) from carnet.territory where id in ('$x', '$y', '$z')")" 3 \
    "the promoted synchronous standby holds every change"
for s in b.db a.db; do
    run "$CARNET" --db "$s" sync "$hub_s"
    expect_status 0 "sync of $s with the promoted standby"
    expect_stderr_not_contains "lagged"
    expect_stderr_contains "received: nothing" "nothing to receive again: stderr"
    expect_stderr_contains "sent: nothing" "nothing to send again: stderr"
done
converged "$hub_s"
finish
