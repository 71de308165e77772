#!/usr/bin/env bash
# A carnet sync with a hub killed (SIGKILL) at random points, 20 times,
# pushing and pulling in small batches: each next sync completes and in the
# end nothing is lost (the stores and the hub's dataset have one content
# hash). Then two stores of one dataset sync with the hub at the same time,
# several times: nothing is lost either.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

hub_world
records=3000 rounds=20 per=20
# Under memcheck (CARNET_VALGRIND=1) a sync is 20 to 50 times slower: fewer
# rounds of smaller work, the same kills and checks.
[ "${CARNET_VALGRIND:-0}" = 1 ] && records=300 rounds=6 per=5
carnet_ok demo --records "$records" --seed 5
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
# b: cloned from the hub once a has pushed something, then its pulls are
# killed too.

RANDOM=7
kills=0
for i in $(seq 1 "$rounds"); do
    if [ $((i % 2)) = 1 ] || [ ! -e b.db ]; then
        # New work every round, so a kill lands in the middle of a sync
        # however fast the machine (a no-op sync ends before any kill).
        "$CARNET" --db a.db demo --records "$((records / 10))" --seed "$((100 + i))" >/dev/null 2>&1
        cmd=("$CARNET" --db a.db sync --batch 50 "$hub")
    else
        cmd=("$CARNET" --db b.db sync --batch 50 "$hub")
    fi
    "${cmd[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "0.$(printf '%03d' $((RANDOM % 150)))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null || true
    if [ ! -e b.db ]; then
        run "$CARNET" clone "$hub" b.db --dataset "$ds"
        [ "$status" = 0 ] || rm -f b.db b.db-wal b.db-shm
    fi
    # Both stores stay sound after each kill.
    [ "$(sqlite3 a.db 'pragma integrity_check')" = ok ] || fail "a.db damaged after kill $i"
done
note=$kills
[ "$kills" -ge $((rounds / 2)) ] && pass || fail "only $kills of the $rounds syncs were killed in the middle (too fast?)"
# (Under valgrind every sync may have been killed before a's first one
# made the dataset on the hub: a completes first, then b is cloned.)
run "$CARNET" --db a.db sync "$hub"
expect_status 0 "the sync of a after the kills"
[ -e b.db ] || { run "$CARNET" clone "$hub" b.db --dataset "$ds"; expect_status 0; }
for s in b.db a.db; do
    run "$CARNET" --db "$s" sync "$hub"
    expect_status 0 "the sync of $s after the kills"
done
want=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a after the kills"
expect_eq "$("$CARNET_HASH" "$hub" "$ds")" "$want" "the hub's dataset equals a after the kills"
expect_eq "$(sqlite3 b.db "select count(*) from initiative")" "$(sqlite3 a.db "select count(*) from initiative")" \
    "every initiative reached b"

# Two stores of one dataset at once.
for round in 1 2 3; do
    for n in $(seq 1 "$per"); do
        "$CARNET" --db a.db add territory "name=A$round-$n" >/dev/null
        "$CARNET" --db b.db add territory "name=B$round-$n" >/dev/null
    done
    "$CARNET" --db a.db sync --batch 5 "$hub" > a.out 2>&1 &
    pa=$!
    "$CARNET" --db b.db sync --batch 5 "$hub" > b.out 2>&1 &
    pb=$!
    wait "$pa" && pass || fail "a's concurrent sync failed" "$(cat a.out)"
    wait "$pb" && pass || fail "b's concurrent sync failed" "$(cat b.out)"
done
for s in a.db b.db a.db; do
    run "$CARNET" --db "$s" sync "$hub"
    expect_status 0
done
expect_eq "$(sqlite3 b.db "select count(*) from territory where name glob '[AB][1-3]-*'")" $((6 * per)) "b holds every territory"
expect_eq "$(sqlite3 a.db "select count(*) from territory where name glob '[AB][1-3]-*'")" $((6 * per)) "a holds every territory"
want=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a after the concurrent syncs"
expect_eq "$("$CARNET_HASH" "$hub" "$ds")" "$want" "the hub equals a after the concurrent syncs"
echo "note: $note of 20 syncs killed in the middle"
finish
