# kill -9 at a random moment (fixed seed) during `carnet import` of 20,000
# rows and during `carnet demo --records 50000`, five times each: the file
# stays intact, `carnet check` passes, an import is all or nothing, and every
# demo batch is whole (its records, their search index, sets and clock).
. "$(dirname "$0")/lib.sh"

RANDOM=7                     # the moments are random, but the same every run
ROWS=20000

db=$tmp/base.db
carnet_ok init --name "Kill"
carnet_ok add centre name=C1 kind=centre_social
python3 -c "
print('title,centre,status,carried_by,started_on,themes')
for i in range($ROWS):
    print(f'Import {i},C1,ongoing,inhabitants,2026-01-{i % 28 + 1:02d},solidarity')
" >"$tmp/big.csv"

# start_killed MS READY CMD...: runs CMD in the background, waits until the
# shell condition READY holds (polling, at most 10 s), then MS more
# milliseconds, and kills it with SIGKILL. Sets $killed to 1 when it was
# still running when killed.
start_killed() {
    local ms=$1 ready=$2 i
    shift 2
    "$@" >/dev/null 2>"$tmp/killed.err" &
    local pid=$!
    for ((i = 0; i < 1000; i++)); do
        ! eval "$ready" && kill -0 "$pid" 2>/dev/null || break
        sleep 0.01
    done
    sleep "$(printf '0.%03d' "$ms")"
    killed=0
    if kill -9 "$pid" 2>/dev/null; then killed=1; fi
    wait "$pid" 2>/dev/null
}

# The checks every killed store must pass.
expect_intact() {
    local what=$1
    expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok" "$what: integrity_check"
    carnet check
    expect_status 0 "$what: carnet check"
}

interrupted=0
for round in 1 2 3 4 5; do
    cp "$tmp/base.db" "$tmp/import.db"
    db=$tmp/import.db
    start_killed $((RANDOM % 1000)) '[ -s "$db-wal" ]' "$CARNET" --db "$db" import initiative "$tmp/big.csv"
    interrupted=$((interrupted + killed))
    expect_intact "import round $round"
    n=$(sqlite3 "$db" "SELECT count(*) FROM initiative")
    if [ "$n" = 0 ] || [ "$n" = "$ROWS" ]; then pass; else fail "import round $round: $n initiatives, expected 0 or $ROWS"; fi
    echo "import round $round: killed=$killed, $n initiatives"
    sets=$(sqlite3 "$db" "SELECT count(*) FROM set_member WHERE field = 'initiative.themes'")
    expect_eq "$sets" "$n" "import round $round: one theme row per initiative"
    # A later write works: the store is not left locked or half-migrated.
    carnet_ok add initiative title="After" centre=C1 status=idea carried_by=inhabitants started_on=2026-02-01
    rm -f "$db" "$db-wal" "$db-shm"
done
# A kill after the import ended proves nothing: most rounds must interrupt it.
if [ "$interrupted" -ge 3 ]; then pass; else fail "only $interrupted of 5 imports were interrupted"; fi

# Kinds with a search index, by their number in the kinds table (model/kinds.c).
FTS_CHECK="
SELECT 'initiative', count(*) FROM initiative t WHERE NOT EXISTS (SELECT 1 FROM fts WHERE rowid = t.row_seq * 32 + 8)
UNION ALL SELECT 'action', count(*) FROM action t WHERE NOT EXISTS (SELECT 1 FROM fts WHERE rowid = t.row_seq * 32 + 11)
UNION ALL SELECT 'meeting', count(*) FROM meeting t WHERE NOT EXISTS (SELECT 1 FROM fts WHERE rowid = t.row_seq * 32 + 9);"
ALL_SEQS=""
for kind in $IMPORT_ORDER; do
    ALL_SEQS="$ALL_SEQS${ALL_SEQS:+ UNION ALL }SELECT max(row_seq) s FROM $kind"
done
interrupted=0
for round in 1 2 3 4 5; do
    cp "$tmp/base.db" "$tmp/demo.db"
    db=$tmp/demo.db
    # Once the logs are being written (the reference data comes first).
    start_killed $((RANDOM % 1000 + round * 200)) \
        '[ "$(sqlite3 "$db" "SELECT count(*) FROM initiative" 2>/dev/null)" -gt 0 ] 2>/dev/null' \
        "$CARNET" --db "$db" demo --records 50000 --seed "$round"
    interrupted=$((interrupted + killed))
    expect_intact "demo round $round"
    echo "demo round $round: killed=$killed, $(sqlite3 "$db" "SELECT count(*) FROM initiative") initiatives"
    expect_eq "$(sqlite3 "$db" "$FTS_CHECK" | tr '\n' ' ')" "initiative|0 action|0 meeting|0 " \
        "demo round $round: records without their search entry"
    # The clock and the change number are saved with each batch.
    max_seq=$(sqlite3 "$db" "SELECT max(s) FROM ($ALL_SEQS)")
    expect_eq "$(sqlite3 "$db" "SELECT value FROM meta WHERE key = 'seq'")" "$max_seq" "demo round $round: meta seq"
    # Every set value has its index rows, no more, no less.
    expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM initiative WHERE themes IS NOT NULL AND themes != '' AND id NOT IN
        (SELECT rec_id FROM set_member WHERE field = 'initiative.themes')")" 0 "demo round $round: themes indexed"
    carnet_ok add initiative title="After" centre=C1 status=idea carried_by=inhabitants started_on=2026-02-01
    rm -f "$db" "$db-wal" "$db-shm"
done
if [ "$interrupted" -ge 3 ]; then pass; else fail "only $interrupted of 5 demos were interrupted"; fi

finish
