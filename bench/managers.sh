#!/usr/bin/env bash
# The managers' benchmark (issue 6): on a demo store of RECORDS records
# (default 1,000,000; Release build), the time of what Browse, the frequency
# view, the Dashboard and the yearly report cost, through the commands that
# run the same model functions as the screens: carnet browse (the timeline,
# its search and --count-by, the frequency view) and carnet report (every
# indicator of the Dashboard, plus layout). Each figure is the median of a
# few runs of the whole process, start-up included.
# Usage: bench/managers.sh [RECORDS]; BENCH_DB=FILE reuses a demo store made
# before (a copy is timed, the file is not changed) instead of making one.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
records=${1:-1000000}
runs=5
bench_build
work=$(mktemp -d /tmp/carnet-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
db="$work/carnet.db"
export CARNET_DB="$db"

echo "carnet managers' benchmark: $records records, median of $runs runs, $(nproc) cores"
echo "binary: $CARNET"
if [ -n "${BENCH_DB:-}" ]; then
    cp "$BENCH_DB" "$db"
    echo "store: a copy of $BENCH_DB ($(sqlite3 "$db" "SELECT (SELECT count(*) FROM initiative) + (SELECT count(*) FROM meeting) + (SELECT count(*) FROM action) + (SELECT count(*) FROM difficulty)") log records)"
else
    "$CARNET" init --name "Benchmark" 2>/dev/null
    start=$EPOCHREALTIME
    "$CARNET" demo --records "$records" --seed 7 2>/dev/null
    demo_ms=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
    bench_row "demo --records $records" "$demo_ms" ""
fi

# A year the demo data covers well, and its busiest centre.
year=$(sqlite3 "$db" "SELECT substr(started_on, 1, 4) FROM initiative WHERE deleted = 0 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
centre=$(sqlite3 "$db" "SELECT c.name FROM centre c JOIN initiative i ON i.centre = c.id GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
echo "year: $year, centre: $centre"

bench_row "timeline, first page (browse --limit 50)" \
    "$(bench_ms $runs "$CARNET" browse --limit 50 --format csv)" 100
bench_row "timeline, first page, centre + QPV filter" \
    "$(bench_ms $runs "$CARNET" browse --limit 50 --where "centre=$centre" --where qpv=1 --format csv)" 100
bench_row "timeline, first page, theme + year" \
    "$(bench_ms $runs "$CARNET" browse --limit 50 --where theme=youth --where from="$year-01-01" --where to="$year-12-31" --format csv)" 100
bench_row "timeline search 'quartier' (common word, first page)" \
    "$(bench_ms $runs "$CARNET" browse --limit 50 --search quartier --format csv)" 100
bench_row "timeline search 'zanzibar' (rare word, first page)" \
    "$(bench_ms $runs "$CARNET" browse --limit 50 --search zanzibar --format csv)" 100
bench_row "frequency view: logbook (browse --count-by logbook)" \
    "$(bench_ms $runs "$CARNET" browse --count-by logbook)" 500
bench_row "frequency view: status" "$(bench_ms $runs "$CARNET" browse --count-by status)" 500
bench_row "frequency view: centre, one year" \
    "$(bench_ms $runs "$CARNET" browse --count-by centre --where from="$year-01-01" --where to="$year-12-31")" 500
bench_row "dashboard of a centre: report $year --centre (all indicators)" \
    "$(bench_ms $runs "$CARNET" report --year "$year" --centre "$centre" --format csv)" 500
bench_row "dashboard's monthly bars: one logbook, one year (list count)" \
    "$(bench_ms $runs "$CARNET" browse --count-by logbook --where from="$year-01-01" --where to="$year-12-31")" 500
bench_row "carnet report --year $year (every centre)" \
    "$(bench_ms $runs "$CARNET" report --year "$year")" 2000
bench_row "carnet report --year $year --format html -o FILE (issue 14)" \
    "$(bench_ms $runs "$CARNET" report --year "$year" --format html -o "$work/bilan.html")" 2000
bench_row "carnet report --year $year --format xlsx -o FILE (issue 14)" \
    "$(bench_ms $runs "$CARNET" report --year "$year" --format xlsx -o "$work/bilan.xlsx")" 5000
echo "command: bench/managers.sh $records"
