#!/usr/bin/env bash
# Federation benchmark (issue 17), against a private PostgreSQL 15 on a Unix
# socket with fsync on: DATASETS centres' stores of RECORDS demo records
# each, pushed 4 at a time; then, through the federation views, one
# centre's year of initiatives and of indicators, and every centre's
# indicators of a year (what a federation's yearly overview reads), each
# alone and while another centre pushes 100,000 records.
# Prints each figure with the command that produced it; checks nothing.
# Usage: bench/federation.sh [CARNET]; FED_DATASETS (200), FED_RECORDS
# (1000), FED_BIG (100000: the other centre's push).
# Targets: a view query of one centre's year < 100 ms during the push.
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
say() { printf '%-64s %s\n' "$1" "$2"; }
datasets=${FED_DATASETS:-200} records=${FED_RECORDS:-1000} big=${FED_BIG:-100000}
"$CARNET" hub init "$hub" 2>/dev/null

t0=$(now)
for ((i = 1; i <= datasets; i++)); do
    "$CARNET" --db "c$i.db" init --name "Centre $i" --centre "Centre social n° $i" 2>/dev/null
    "$CARNET" --db "c$i.db" demo --records "$records" --seed "$i" >/dev/null 2>&1
done
say "setup: $datasets x (carnet init; carnet demo --records $records)" "$(ms "$t0" "$(now)") ms"
t0=$(now)
for ((i = 1; i <= datasets; i += 4)); do
    for ((j = i; j < i + 4 && j <= datasets; j++)); do "$CARNET" --db "c$j.db" sync "$hub" 2>/dev/null & done
    wait
done
say "push $datasets datasets, 4 at a time (carnet --db cN.db sync URI)" "$(ms "$t0" "$(now)") ms"
rows=$("$PG_BIN/psql" -X -qtA -d fed -c "select count(*) from carnet.initiative")
say "initiatives on the hub" "$rows"

year=$("$PG_BIN/psql" -X -qtA -d fed -c "select extract(year from started_on)::int from federation.initiative
    group by 1 order by count(*) desc limit 1")
# One centre: a dataset's busiest centre (demo stores share centre names).
read -r ds cid < <("$PG_BIN/psql" -X -qtA -F ' ' -d fed -c "select dataset, centre_id from federation.initiative
    group by 1, 2 order by count(*) desc limit 1")
q_one="select count(*), sum(volunteer_hours) from federation.initiative where dataset = '$ds'
    and centre_id = '$cid' and started_on between '$year-01-01' and '$year-12-31'"
q_ind="select code, value from federation.indicators where dataset = '$ds' and centre_id = '$cid' and year = $year"
q_all="select centre, code, value from federation.indicators where year = $year"
# median of 5 runs of psql -c, in ms (the connection included)
query_ms() {
    local times=() i a
    for ((i = 0; i < 5; i++)); do
        a=$(now)
        "$PG_BIN/psql" -X -qtA -d fed -c "$1" >/dev/null
        times+=("$(ms "$a" "$(now)")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
views() {
    say "$1: one centre's year of initiatives (federation.initiative)" "$(query_ms "$q_one") ms"
    say "$1: one centre's indicators of a year (federation.indicators)" "$(query_ms "$q_ind") ms"
    say "$1: every centre's indicators of a year (federation.indicators)" "$(query_ms "$q_all") ms"
}
t0=$(now); "$PG_BIN/psql" -X -q -d fed -c 'select 1' >/dev/null
say "the connection alone: psql -c 'select 1'" "$(ms "$t0" "$(now)") ms"
views "alone"

# The federation's report, computed by the hub (carnet --db URI report):
# every dataset in each format, and one centre's (median of 3 runs).
report_ms() {
    local times=() i a
    for ((i = 0; i < 3; i++)); do
        a=$(now)
        "$CARNET" --db "$hub" report --year "$year" "$@" -o "$tmp/report.out" 2>/dev/null || echo "report failed: $*" >&2
        times+=("$(ms "$a" "$(now)")")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n 2p
}
for f in text csv html xlsx; do
    say "the federation's report, every centre: carnet --db URI report --format $f" "$(report_ms --format "$f") ms"
done
say "one centre's report: carnet --db URI report --dataset ID --centre NAME" \
    "$(report_ms --dataset "$ds" --centre "$cid" --format html) ms"

"$CARNET" --db big.db init --name Big --centre "Centre social du grand nombre" 2>/dev/null
"$CARNET" --db big.db demo --records "$big" --seed 999 >/dev/null 2>&1
"$CARNET" --db big.db sync "$hub" 2>/dev/null &
pid=$!
sleep 2                          # into the merge of its batches
views "during a push of $big records"
wait "$pid"
finished=1
exit 0
