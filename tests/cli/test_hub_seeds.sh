#!/usr/bin/env bash
# The first sync of a dataset makes its seeds in a store aside, in a
# folder of $TMPDIR, which nothing leaves behind: not four first syncs at
# once, not a first sync stopped by SIGTERM or SIGHUP while it
# seeds (the signal waits until the folder is gone), and what a SIGKILL
# leaves, the next first sync removes. The datasets of the stopped syncs
# are made by their next sync.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"

hub_world
seeds=$tmp/seeds-tmp
mkdir "$seeds"
leftovers() { find "$seeds" -mindepth 1 | sed "s|^$seeds/||" | paste -sd' '; }

# --- four first syncs at once ------------------------------------------------
for i in 1 2 3 4; do
    "$CARNET" --db "s$i.db" init --name "S$i" 2>/dev/null
done
for i in 1 2 3 4; do
    TMPDIR=$seeds "$CARNET" --db "s$i.db" sync "$hub" >"s$i.out" 2>&1 &
done
ok=0
for job in $(jobs -p); do wait "$job" && ok=$((ok + 1)); done
expect_eq "$ok" 4 "four first syncs at once succeed" "$(cat s1.out s2.out s3.out s4.out)"
expect_eq "$(leftovers)" "" "four first syncs at once leave nothing in TMPDIR"

# --- a first sync stopped while it seeds -------------------------------------
# stop_seeding SIGNAL STORE: starts the first sync of STORE, sends SIGNAL as
# soon as its seeds' folder appears; $seen says whether it did.
# Each case starts from an empty folder: what an earlier one left (it
# failed then) is removed first.
stop_seeding() {
    local pid deadline=$((SECONDS + 120))
    rm -rf "${seeds:?}"/*
    TMPDIR=$seeds "$CARNET" --db "$2" sync "$hub" >/dev/null 2>&1 &
    pid=$!
    seen=0
    # Bounded by time, not by a count of polls: under memcheck the sync
    # takes seconds to reach its seeds, more polls than a count allows.
    while ((SECONDS < deadline)); do
        if compgen -G "$seeds/carnet-seeds-*" >/dev/null; then
            kill "-$1" "$pid" 2>/dev/null && seen=1
            break
        fi
        kill -0 "$pid" 2>/dev/null || break
    done
    wait "$pid" 2>/dev/null
}
for sig in TERM HUP; do
    n=$(echo "$sig" | tr A-Z a-z)
    "$CARNET" --db "$n.db" init --name "$sig" 2>/dev/null
    stop_seeding "$sig" "$n.db"
    expect_eq "$seen" 1 "SIG$sig came while the first sync seeded"
    expect_eq "$(leftovers)" "" "a first sync stopped by SIG$sig while it seeds leaves nothing in TMPDIR"
done
"$CARNET" --db kill.db init --name KILL 2>/dev/null
stop_seeding KILL kill.db
expect_eq "$seen" 1 "SIGKILL came while the first sync seeded"
# The next first sync (of another dataset) removes what the killed one left.
"$CARNET" --db next.db init --name NEXT 2>/dev/null
TMPDIR=$seeds run "$CARNET" --db next.db sync "$hub"
expect_status 0
expect_eq "$(leftovers)" "" "the next first sync removes the seeds a SIGKILL left"

# --- the stopped syncs' datasets come at their next sync -----------------------
for n in term hup kill; do
    run "$CARNET" --db "$n.db" sync "$hub"
    expect_status 0 "the next sync of $n.db"
    ds=$(sqlite3 "$n.db" "select value from meta where key='dataset_id'")
    expect_eq "$(psql_q fed "select count(*) from carnet.criterion where dataset = '$ds'")" \
        "$(sqlite3 "$n.db" "select count(*) from criterion")" "the hub seeded $n.db's dataset"
done
expect_eq "$(leftovers)" "" "nothing left in TMPDIR at the end"

finish
