#!/usr/bin/env bash
# Hub benchmark (issue 16), against a private PostgreSQL 15 on a Unix socket
# with fsync on: push 100,000 new records of one dataset, clone them back,
# a no-op sync (beside the cost of a connection alone), another centre's
# sync while one pushes 100,000, and 4 datasets pushed at once against one.
# The limit beside each figure is a COPY of the same rows into bare tables.
# Prints each figure with the command that produced it.
# Usage: bench/hub.sh [CARNET]   (as root: the cluster runs as carnet-pgtest)
# Targets: push < 5 s, clone < 3 s, no-op < 50 ms + the connection, the
# other centre waits < 100 ms, 4 at once >= 1.5 x the rate of one.
set -uo pipefail
CARNET=$(realpath "${1:-${CARNET:-build/carnet}}")
export CARNET
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tests/cli/lib.sh"
PG_FSYNC=on
. "$src/tests/cli/pg_common.sh"
pg_start
hub=$(pg_db fed)
cd "$tmp"
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
say() { printf '%-58s %s\n' "$1" "$2"; }
kinds="territory centre member body seat person initiative meeting attendance action difficulty"
"$CARNET" hub init "$hub" 2>/dev/null
records=${HUB_BENCH_RECORDS:-100000}

"$CARNET" --db a.db init --name A 2>/dev/null
t0=$(now)
"$CARNET" --db a.db demo --records "$records" --seed 1 >/dev/null 2>&1
say "setup: carnet --db a.db demo --records $records" "$(ms "$t0" "$(now)") ms"
rows=$(for t in $kinds; do sqlite3 a.db "select count(*) from $t"; done | paste -sd+ | bc)
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")

# Another centre, with a little data, syncing in a loop while a pushes.
"$CARNET" --db e.db init --name E 2>/dev/null
"$CARNET" --db e.db add territory name=Ailleurs >/dev/null
"$CARNET" --db e.db sync "$hub" 2>/dev/null
other() {
    local a b worst=0 n=0
    while [ ! -e done ]; do
        "$CARNET" --db e.db add territory "name=Pendant $n" >/dev/null
        a=$(now)
        "$CARNET" --db e.db sync "$hub" 2>/dev/null
        b=$(now)
        [ $(( (b - a) / 1000000 )) -gt "$worst" ] && worst=$(( (b - a) / 1000000 ))
        n=$((n + 1))
    done
    echo "$worst $n" > other.txt
}
other &
opid=$!
t0=$(now)
"$CARNET" --db a.db sync "$hub" 2>/dev/null
t1=$(now)
touch done
wait "$opid"
push_ms=$(ms "$t0" "$t1")
say "push $rows rows ($records records): carnet --db a.db sync URI" "$push_ms ms ($(( rows * 1000 / (push_ms + 1) )) rows/s)"
read -r worst n < other.txt
rm -f done
# The other centre's sync alone, for comparison.
t0=$(now); "$CARNET" --db e.db sync "$hub" 2>/dev/null; t1=$(now)
say "other centre's sync during the push: worst of $n" "$worst ms (alone: $(ms "$t0" "$t1") ms)"

t0=$(now)
"$CARNET" clone "$hub" b.db --dataset "$ds" 2>/dev/null
say "clone: carnet clone URI b.db --dataset ID" "$(ms "$t0" "$(now)") ms"

"$CARNET" --db a.db sync "$hub" 2>/dev/null     # a after the clone (nothing comes back)
t0=$(now)
"$CARNET" --db a.db sync "$hub" 2>/dev/null
say "no-op sync: carnet --db a.db sync URI" "$(ms "$t0" "$(now)") ms"
t0=$(now)
"$PG_BIN/psql" -X -q -d fed -c 'select 1' >/dev/null
say "the connection alone: psql -c 'select 1'" "$(ms "$t0" "$(now)") ms"

# The limit: the same rows copied into bare tables (no keys, no merge).
for t in $kinds; do
    "$PG_BIN/psql" -X -q -d fed -c "\\copy (select * from carnet.$t) to '$tmp/$t.copy' (format binary)"
    "$PG_BIN/psql" -X -q -d fed -c "create table public.bare_$t as select * from carnet.$t with no data"
done
t0=$(now)
for t in $kinds; do
    "$PG_BIN/psql" -X -q -d fed -c "\\copy public.bare_$t from '$tmp/$t.copy' (format binary)"
done
say "limit: COPY of the same $rows rows into bare tables (psql)" "$(ms "$t0" "$(now)") ms"

# 4 datasets at once against one alone (a quarter each).
q=$((records / 4))
for i in 1 2 3 4 5; do
    "$CARNET" --db "p$i.db" init --name "P$i" 2>/dev/null
    "$CARNET" --db "p$i.db" demo --records "$q" --seed "$((10 + i))" >/dev/null 2>&1
done
prow=$(for t in $kinds; do sqlite3 p5.db "select count(*) from $t"; done | paste -sd+ | bc)
t0=$(now); "$CARNET" --db p5.db sync "$hub" 2>/dev/null; t1=$(now)
one=$(( prow * 1000 / ($(ms "$t0" "$t1") + 1) ))
say "one dataset alone: carnet --db p5.db sync URI ($prow rows)" "$(ms "$t0" "$t1") ms ($one rows/s)"
t0=$(now)
for i in 1 2 3 4; do "$CARNET" --db "p$i.db" sync "$hub" 2>/dev/null & done
wait
t1=$(now)
all=$(for i in 1 2 3 4; do for t in $kinds; do sqlite3 "p$i.db" "select count(*) from $t"; done; done | paste -sd+ | bc)
four=$(( all * 1000 / ($(ms "$t0" "$t1") + 1) ))
say "4 datasets at once: 4 x carnet --db pN.db sync URI ($all rows)" "$(ms "$t0" "$t1") ms ($four rows/s, $(echo "scale=2; $four / $one" | bc) x)"
# A benchmark prints figures and checks nothing: leave through lib.sh's
# exit handler (it stops the cluster) without its test summary.
finished=1
exit 0
