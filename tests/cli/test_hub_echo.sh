#!/usr/bin/env bash
# What a store sends to the hub does not come back to it: the sync after a
# push receives no rows from the hub (counted on the wire, through an ssh
# stand-in that keeps the bytes the hub's side writes), unless something
# newer won on the hub. Two stores of one dataset edit different fields
# of the same records: each gets the other's edits, not its own, and both
# stores and the hub end with one content hash; a clone gets everything.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

hub_world

# The stand-in runs the remote command here, as sshd would on the hub's
# host, and keeps a copy of what the hub's side says in $WIRE.
cat > count-ssh <<'EOS'
#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift 2
sh -c "$*" | tee "$WIRE"
EOS
chmod 755 count-ssh
# wire_sync STORE: syncs STORE with the hub through the stand-in; $bytes
# gets the number of bytes the hub sent.
wire_sync() {
    run env CARNET_SSH="$tmp/count-ssh" CARNET_REMOTE="$CARNET" WIRE="$tmp/wire" "$CARNET" --db "$1" sync "hubhost:$hub"
    expect_status 0 "carnet --db $1 sync through ssh"
    bytes=$(wc -c < "$tmp/wire")
}

# --- a push does not come back ------------------------------------------------
carnet_ok demo --records 200 --seed 5
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
wire_sync a.db
expect_stderr_contains "sent:"
wire_sync a.db
pushed_back=$bytes
wire_sync a.db
noop=$bytes
expect_eq "$pushed_back" "$noop" "the sync after a push receives nothing back from the hub (bytes from the hub, the push's next sync and a no-op sync)"
# Directly (both sides in one process), the same: the hub sends no row.
run "$CARNET" --db a.db edit "$(sqlite3 a.db "select id from territory where deleted = 0 order by id limit 1")" name=Directe
run "$CARNET" --db a.db sync "$hub"
expect_status 0
expect_stderr_contains "sent: 1 territory"
wire_sync a.db
expect_eq "$bytes" "$noop" "after a direct push too, the next sync receives nothing back"

# --- edits of two stores ------------------------------------------------------
run "$CARNET" clone "$hub" b.db --dataset "$ds"
expect_status 0 "a clone of the dataset"
expect_eq "$("$CARNET_HASH" b.db)" "$("$CARNET_HASH" a.db)" "the clone holds what a pushed"
wire_sync b.db
expect_eq "$bytes" "$noop" "the clone's first sync receives nothing more"
t=$(sqlite3 a.db "select id from territory where deleted = 0 order by id limit 1 offset 1")
i=$(sqlite3 a.db "select id from initiative where deleted = 0 order by id limit 1")
carnet_ok edit "$t" name=Nord
db=$tmp/b.db
carnet_ok edit "$t" city=Lille
carnet_ok edit "$i" title=Jardins
db=$tmp/a.db
run "$CARNET" --db a.db sync "$hub"
expect_status 0
run "$CARNET" --db b.db sync "$hub"
expect_status 0
expect_stderr_contains "received: 1 territory"
expect_eq "$(sqlite3 b.db "select name || ' ' || city from territory where id = '$t'")" "Nord Lille" \
    "b has a's name and its own city"
# b's push made the hub's rows b's copies: a gets them back, since they
# hold what a does not have yet.
run "$CARNET" --db a.db sync "$hub"
expect_status 0
expect_stderr_contains "received: 1 territory, 1 initiative"
expect_eq "$(sqlite3 a.db "select name || ' ' || city from territory where id = '$t'")" "Nord Lille" \
    "a has its own name and b's city"
expect_eq "$(sqlite3 a.db "select title from initiative where id = '$i'")" "Jardins" "a has b's title"
wire_sync b.db
expect_eq "$bytes" "$noop" "b then receives nothing (a only took what b had)"
wire_sync a.db
expect_eq "$bytes" "$noop" "a receives nothing either"
h=$("$CARNET_HASH" "$hub" "$ds")
expect_eq "$("$CARNET_HASH" a.db)" "$h" "a equals the hub's dataset"
expect_eq "$("$CARNET_HASH" b.db)" "$h" "b equals the hub's dataset"
run "$CARNET" clone "$hub" c.db --dataset "$ds"
expect_status 0
expect_eq "$("$CARNET_HASH" c.db)" "$h" "a new clone equals the hub's dataset"

finish
