#!/usr/bin/env bash
# Sync benchmark: 100,000 new records from one store to another (with a
# concurrent writer on the receiving store, whose longest wait is printed),
# an incremental sync of 100 changed records, and a no-op sync. Prints each
# figure with the command that produced it. Usage: bench/sync.sh [CARNET]
# Targets (DESIGN section 7): 100k < 5 s, incremental < 1 s, no-op < 50 ms,
# writers never waiting more than 100 ms.
set -euo pipefail
carnet=$(realpath "${1:-${CARNET:-build/carnet}}")
dir=$(mktemp -d /tmp/carnet-bench-sync-XXXXXX)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
say() { printf '%-44s %s\n' "$1" "$2"; }

# The concurrent writer: carnet add in a loop on b.db, each timed whole
# (process start included), until the sync ends.
writer() {
    local i=0 a b worst=0
    while [ ! -e done ]; do
        a=$(now)
        "$carnet" --db b.db add initiative "title=Pendant la synchro $i" "centre=$centre" status=idea \
            carried_by=centre started_on=2025-01-01 >/dev/null
        b=$(now)
        [ $(( (b - a) / 1000000 )) -gt "$worst" ] && worst=$(( (b - a) / 1000000 ))
        i=$((i + 1))
    done
    echo "$worst $i" > writer.txt
}

# Big sync: b is a replica made before the demo data existed.
"$carnet" --db a.db init 2>/dev/null
"$carnet" --db a.db clone a.db b.db 2>/dev/null
t0=$(now)
"$carnet" --db a.db demo --records 100000 >/dev/null 2>&1
say "setup: carnet --db a.db demo --records 100000" "$(ms "$t0" "$(now)") ms"
rows=$(for t in territory centre member body seat person initiative meeting attendance action difficulty; do
    sqlite3 a.db "select count(*) from $t"; done | paste -sd+ | bc)
"$carnet" --db a.db list centre --limit 1 --format csv > c.csv
centre=$(sed -n 2p c.csv | cut -d, -f1)
"$carnet" --db b.db add territory name=Avant >/dev/null
t0=$(now)
( "$carnet" --db b.db sync a.db 2> big.txt; now > done_at; touch done ) &
sync_pid=$!
# The writer needs the centre on b: it waits for the first batches.
while ! "$carnet" --db b.db show "$centre" >/dev/null 2>&1 && [ ! -e done ]; do sleep 0.01; done
writer
wait "$sync_pid"
big_ms=$(ms "$t0" "$(cat done_at)")
read -r worst writes < writer.txt
say "carnet --db b.db sync a.db (100k records)" "$big_ms ms, $rows rows, $(( rows * 1000 / (big_ms > 0 ? big_ms : 1) )) rows/s"
say "  concurrent 'carnet add' on b.db" "$writes writes, longest $worst ms (whole process)"

# Incremental: 100 changed records on a.
"$carnet" --db b.db sync a.db 2>/dev/null
"$carnet" --db a.db list initiative --limit 100 --format csv | sed 1d | cut -d, -f1 > ids.txt
while read -r id; do "$carnet" --db a.db edit "$id" volunteers=42; done < ids.txt
t0=$(now)
"$carnet" --db b.db sync a.db 2> inc.txt
say "carnet --db b.db sync a.db (100 changed)" "$(ms "$t0" "$(now)") ms"
# No-op: nothing changed on either side (the first sync after one brings
# back the echo of what the other side applied).
"$carnet" --db b.db sync a.db 2>/dev/null
t0=$(now)
"$carnet" --db b.db sync a.db 2> noop.txt
say "carnet --db b.db sync a.db (no-op)" "$(ms "$t0" "$(now)") ms (process included)"
sed 's/^/  /' big.txt
