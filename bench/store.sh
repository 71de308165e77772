#!/usr/bin/env bash
# The store's benchmark (issue: the store, the record model and the command
# line): a Release build, a 1,000,000-record demo store, then the time of the
# commands a manager runs, each beside the sqlite3 shell running the same SQL
# on the same store. Usage: bench/store.sh [RECORDS] (default 1000000).
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

echo "carnet store benchmark: $records records, median of $runs runs, $(nproc) cores"
echo "binary: $CARNET"
"$CARNET" init --name "Benchmark" 2>/dev/null
start=$EPOCHREALTIME
"$CARNET" demo --records "$records" --seed 7 2>/dev/null
demo_ms=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }')
bench_row "demo --records $records" "$demo_ms" 60000

# One record with a word nobody else uses, for the rare search.
add_ms=$(bench_ms $runs "$CARNET" add initiative title="Atelier zanzibar" centre="Centre social Les Tilleuls" \
    status=idea carried_by=inhabitants started_on=2026-01-15)
bench_row "add initiative (one record)" "$add_ms" 10

first_sql="SELECT id, started_on, title FROM initiative WHERE deleted = 0 ORDER BY started_on DESC, id DESC LIMIT 50;"
bench_row "list initiative --limit 50 (first page)" "$(bench_ms $runs "$CARNET" list initiative --limit 50 --format csv)" 50
bench_row "  sqlite3 shell, same SQL" "$(bench_ms $runs sqlite3 "$db" "$first_sql")" ""

# The cursor 10,000 rows deep: the last row of the first 10,000.
cursor=$("$CARNET" list initiative --limit 10000 --format csv | tail -n 1 | cut -d, -f1)
cdate=$(sqlite3 "$db" "SELECT started_on FROM initiative WHERE id = '$cursor'")
deep_sql="SELECT id, started_on, title FROM initiative WHERE deleted = 0 AND (started_on, id) < ('$cdate', '$cursor') ORDER BY started_on DESC, id DESC LIMIT 50;"
bench_row "list initiative --limit 50 --after (10,000 rows deep)" "$(bench_ms $runs "$CARNET" list initiative --limit 50 --after "$cursor" --format csv)" 50
bench_row "  sqlite3 shell, same SQL" "$(bench_ms $runs sqlite3 "$db" "$deep_sql")" ""

# Search: the index holds rowid = row_seq * 32 + kind number (model/kind.h).
search_sql() { echo "SELECT rowid FROM fts WHERE fts MATCH '\"$1\"*' ORDER BY rowid DESC LIMIT 50;"; }
bench_row "search zanzibar (rare word)" "$(bench_ms $runs "$CARNET" search zanzibar --limit 50 --format json)" 50
bench_row "  sqlite3 shell, same SQL" "$(bench_ms $runs sqlite3 "$db" "$(search_sql zanzibar)")" ""
bench_row "search quartier (common word)" "$(bench_ms $runs "$CARNET" search quartier --limit 50 --format json)" 50
bench_row "  sqlite3 shell, same SQL" "$(bench_ms $runs sqlite3 "$db" "$(search_sql quartier)")" ""

sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
size=$(stat -c %s "$db")
printf '%-58s %10s MB\n' "store size" "$(awk -v s="$size" 'BEGIN { printf "%.0f", s / 1048576 }')"
echo "command: bench/store.sh $records"
