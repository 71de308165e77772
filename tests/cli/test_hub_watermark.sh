#!/usr/bin/env bash
# The watermark hazard (issue 16): a change number taken at write time can
# commit after a later one, and a reader whose watermark passed the later
# one would skip the earlier forever. Writers of a dataset are serialized
# by its row, locked before the first number. The interleaving is forced:
# a psql session holds the row of store A's watermark, so A's sync stops
# after taking its numbers and before its commit; B pushes meanwhile, and
# reader C syncs. Without the lock B commits first and C's watermark passes
# A's number: C never receives A's record (the failure this test shows when
# the FOR UPDATE in model/hub.c is removed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"

hub_world
carnet_ok add territory name=Base
run "$CARNET" --db a.db sync "$hub"
expect_status 0
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
site_a=$(sqlite3 a.db "select value from meta where key='site_id'")
run "$CARNET" clone "$hub" b.db --dataset "$ds"
expect_status 0
run "$CARNET" clone "$hub" c.db --dataset "$ds"
expect_status 0
ta=$("$CARNET" --db a.db add territory name=DeA)
tb=$("$CARNET" --db b.db add territory name=DeB)

# wait_for SQL WANT: polls (10 s at most) until the query gives WANT.
wait_for() {
    local i
    for i in $(seq 1 200); do
        [ "$(psql_q fed "$1")" = "$2" ] && return 0
        sleep 0.05
    done
    return 1
}
waiting_locks="select count(*) from pg_stat_activity where wait_event_type = 'Lock'"

mkfifo psql.in
"$PG_BIN/psql" -X -q -d fed < psql.in > psql.out 2>&1 &
psql_pid=$!
exec 3> psql.in
echo "BEGIN; SELECT 1 FROM carnet.sync_peer WHERE dataset = '$ds' AND site_id = '$site_a' FOR UPDATE;" >&3
wait_for "select count(*) from pg_stat_activity where state = 'idle in transaction'" 1 && pass ||
    fail "the psql session did not take its lock"

timeout 60 "$CARNET" --db a.db sync "$hub" > a.out 2>&1 &
a_pid=$!
wait_for "$waiting_locks" 1 && pass || fail "A's sync did not stop at the watermark"
timeout 60 "$CARNET" --db b.db sync "$hub" > b.out 2>&1 &
b_pid=$!
# B either finishes (no lock) or waits for the dataset's row (the lock).
for i in $(seq 1 200); do
    kill -0 "$b_pid" 2>/dev/null || break
    [ "$(psql_q fed "$waiting_locks")" = 2 ] && break
    sleep 0.05
done
run "$CARNET" --db c.db sync "$hub"
expect_status 0

echo "COMMIT;" >&3
exec 3>&-
wait "$psql_pid" || true
wait "$a_pid" && pass || fail "A's sync failed" "$(cat a.out)"
wait "$b_pid" && pass || fail "B's sync failed" "$(cat b.out)"

run "$CARNET" --db c.db sync "$hub"
expect_status 0
expect_eq "$(sqlite3 c.db "select name from territory where id = '$tb'")" "DeB" "C received B's record"
expect_eq "$(sqlite3 c.db "select name from territory where id = '$ta'")" "DeA" "C received A's record, committed after B's"
# And again later: it never comes (the watermark is past it).
run "$CARNET" --db c.db sync "$hub"
expect_eq "$(sqlite3 c.db "select count(*) from territory where id = '$ta'")" 1 "A's record, after another sync"

finish
