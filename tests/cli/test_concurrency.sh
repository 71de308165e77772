# Eight processes each add 500 initiatives to one store at the same time,
# one `carnet add` per record: all 4,000 arrive, nobody sees an error (no
# "database is locked"), and SQLite finds the file intact.
set -u
: "${CARNET:?CARNET must name the carnet binary}"
# Under memcheck (CARNET_VALGRIND=1, tests/cli/memcheck.sh) one add takes
# about a second of CPU instead of 2 ms: 4 writers x 10 adds there.
if [ "${CARNET_VALGRIND:-0}" = 1 ]; then
    WRITERS=${WRITERS:-4}
    PER_WRITER=${PER_WRITER:-10}
fi
WRITERS=${WRITERS:-8}
PER_WRITER=${PER_WRITER:-500}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/carnet.db"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$CARNET" --db "$db" init 2>/dev/null || fail "init"
"$CARNET" --db "$db" add territory name=Quartier >/dev/null || fail "territory"
"$CARNET" --db "$db" add centre name=Centre kind=centre_social territory=Quartier >/dev/null || fail "centre"

writer() {
    local w=$1 i
    for ((i = 1; i <= PER_WRITER; i++)); do
        "$CARNET" --db "$db" add initiative title="w$w-$i" centre=Centre status=ongoing \
            carried_by=inhabitants started_on=2024-01-01 >/dev/null || echo "exit $? at w$w-$i" >&2
    done
}

start=$(date +%s)
pids=()
for ((w = 1; w <= WRITERS; w++)); do
    writer "$w" 2>"$tmp/err$w" &
    pids+=($!)
done
for p in "${pids[@]}"; do wait "$p"; done
echo "$WRITERS x $PER_WRITER adds in $(($(date +%s) - start)) s"

for ((w = 1; w <= WRITERS; w++)); do
    if [ -s "$tmp/err$w" ]; then
        head -5 "$tmp/err$w" >&2
        fail "writer $w printed errors ($(wc -l <"$tmp/err$w") lines)"
    fi
done

want=$((WRITERS * PER_WRITER))
got=$(sqlite3 "$db" "SELECT count(*) FROM initiative")
[ "$got" = "$want" ] || fail "$got initiatives, expected $want"
distinct=$(sqlite3 "$db" "SELECT count(DISTINCT title) FROM initiative")
[ "$distinct" = "$want" ] || fail "$distinct distinct titles, expected $want"
seqs=$(sqlite3 "$db" "SELECT count(DISTINCT row_seq) FROM initiative")
[ "$seqs" = "$want" ] || fail "$seqs distinct change numbers, expected $want (a lost clock update)"
ok=$(sqlite3 "$db" "PRAGMA integrity_check")
[ "$ok" = "ok" ] || fail "integrity_check: $ok"
"$CARNET" --db "$db" check >/dev/null || fail "carnet check"
echo "PASS: $want records, no error"
