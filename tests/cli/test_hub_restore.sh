#!/usr/bin/env bash
# A hub restored from an older pg_dump gets everything back from its peers,
# and they get everything it lost back from one another through it; nothing
# is skipped silently. Two ways: restored into a new database (a new server:
# the hub sees another identity and takes new site ids, so peers pull it
# all again and its own restored watermarks make them send again), and
# restored in place (same database: a peer's watermark above what the hub
# holds gives a message to sync again, and the next sync completes).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

hub_world
carnet_ok demo --records 200 --seed 2
run "$CARNET" --db a.db sync "$hub"
expect_status 0
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
run "$CARNET" clone "$hub" b.db --dataset "$ds"
expect_status 0
"$PG_BIN/pg_dump" -Fc -d fed -f old.dump || fail "pg_dump"

# After the backup: another centre's dataset arrives (it takes change
# numbers: the hub numbers all its datasets from one sequence), then
# changes on both stores, all through the hub.
run "$CARNET" --db o.db init --name O
run "$CARNET" --db o.db demo --records 100 --seed 9
run "$CARNET" --db o.db sync "$hub"
expect_status 0
x=$("$CARNET" --db a.db add territory name=AprèsA)
y=$("$CARNET" --db b.db add territory name=AprèsB)
i=$(sqlite3 a.db "select id from initiative order by id limit 1")
"$CARNET" --db b.db edit "$i" title="Titre après la sauvegarde" >/dev/null
for s in a.db b.db a.db; do
    run "$CARNET" --db "$s" sync "$hub"
    expect_status 0
done

# --- into a new database ------------------------------------------------------
hub2=$(pg_db fed_restored)
"$PG_BIN/pg_restore" -d fed_restored old.dump || fail "pg_restore"
expect_eq "$(psql_q fed_restored "select count(*) from carnet.territory where id in ('$x', '$y')")" 0 \
    "the restored hub lacks the later changes"
# A change after the restore: its change number on the hub is one that b's
# watermark (from before) has passed already.
w=$("$CARNET" --db a.db add territory name=AprèsRestauration)
for s in a.db b.db a.db; do
    run "$CARNET" --db "$s" sync "$hub2"
    expect_status 0 "sync of $s with the restored hub"
done
expect_eq "$(psql_q fed_restored "select count(*) from carnet.territory where id in ('$x', '$y')")" 2 \
    "the restored hub got the later records back"
expect_eq "$(psql_q fed_restored "select title from carnet.initiative where id = '$i'")" "Titre après la sauvegarde" \
    "and the later edit"
expect_eq "$(sqlite3 b.db "select name from territory where id = '$w'")" "AprèsRestauration" \
    "b received the change made after the restore"
want=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a"
expect_eq "$("$CARNET_HASH" "$hub2" "$ds")" "$want" "the restored hub equals the stores"

# --- in place -----------------------------------------------------------------
z=$("$CARNET" --db a.db add territory name=AvantRestauration)
run "$CARNET" --db a.db sync "$hub"
expect_status 0
"$PG_BIN/pg_restore" --clean --if-exists -d fed old.dump || fail "pg_restore in place"
run "$CARNET" --db b.db sync "$hub"
expect_status 1
expect_stderr_contains "restored from a backup"
expect_stderr_contains "Run the sync again"
for s in b.db a.db b.db; do
    run "$CARNET" --db "$s" sync "$hub"
    expect_status 0 "sync of $s after the message"
done
expect_eq "$(psql_q fed "select count(*) from carnet.territory where id in ('$x', '$y', '$z')")" 3 \
    "the hub restored in place got the later records back"
v=$("$CARNET" --db a.db add territory name=AprèsEnPlace)
for s in a.db b.db; do
    run "$CARNET" --db "$s" sync "$hub"
    expect_status 0
done
expect_eq "$(sqlite3 b.db "select name from territory where id = '$v'")" "AprèsEnPlace" \
    "b received the change made after the restore in place"
want=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a"
expect_eq "$("$CARNET_HASH" "$hub" "$ds")" "$want" "the hub restored in place equals the stores"
finish
