#!/bin/bash
# Many people on one store: 4 writer processes (`carnet add`, one process
# per record, as a facilitator's command would be) and 1 reader paging
# through initiatives (`carnet list initiative --limit 50 --after ID`) for
# 30 s on a store of 1,000,000 demo records. Prints writes per second, the
# worst write latency and the reader's worst page time (each measured around
# the whole carnet process: start, open, work, exit).
#
# Usage: bench/shared.sh [CARNET]   (a Release build; also $CARNET)
# Env: RECORDS (1000000), SECONDS_RUN (30), WRITERS (4), STORE (reuse a
# demo store there instead of making one; it is not deleted).
set -eu
CARNET=${1:-${CARNET:-build-rel/carnet}}
RECORDS=${RECORDS:-1000000}
RUN=${SECONDS_RUN:-30}
WRITERS=${WRITERS:-4}
[ -x "$CARNET" ] || { echo "no carnet binary at $CARNET; build Release first" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ -n "${STORE:-}" ] && [ -f "$STORE" ]; then
    db=$STORE
else
    db=${STORE:-$tmp/carnet.db}
    "$CARNET" --db "$db" init 2>/dev/null
    t0=$EPOCHREALTIME
    "$CARNET" --db "$db" demo --records "$RECORDS" --seed 1 2>/dev/null
    echo "demo store of $RECORDS records made in $(echo "$EPOCHREALTIME - $t0" | bc) s"
fi
centre=$(sqlite3 "$db" "SELECT id FROM centre WHERE deleted = 0 LIMIT 1")

# ms since an $EPOCHREALTIME value.
since_ms() { echo "($EPOCHREALTIME - $1) * 1000" | bc; }

writer() {
    local w=$1 end=$2 i=0 t
    while (($(date +%s) < end)); do
        t=$EPOCHREALTIME
        "$CARNET" --db "$db" add initiative title="bench $w $i" centre="$centre" status=ongoing \
            carried_by=inhabitants started_on=2024-01-01 >/dev/null 2>>"$tmp/errors"
        since_ms "$t"
        i=$((i + 1))
    done >"$tmp/write$w"
}

reader() {
    local end=$1 after="" t last
    while (($(date +%s) < end)); do
        t=$EPOCHREALTIME
        if [ -n "$after" ]; then
            "$CARNET" --db "$db" list initiative --limit 50 --after "$after" --format csv >"$tmp/page" 2>>"$tmp/errors"
        else
            "$CARNET" --db "$db" list initiative --limit 50 --format csv >"$tmp/page" 2>>"$tmp/errors"
        fi
        since_ms "$t"
        last=$(tail -n 1 "$tmp/page" | cut -d, -f1)
        # From the top again at the end of the list.
        if [ "$(wc -l <"$tmp/page")" -le 1 ]; then after=""; else after=$last; fi
    done >"$tmp/read"
}

: >"$tmp/errors"
end=$(($(date +%s) + RUN))
pids=()
for ((w = 1; w <= WRITERS; w++)); do
    writer "$w" "$end" &
    pids+=($!)
done
reader "$end" &
pids+=($!)
for p in "${pids[@]}"; do wait "$p"; done

writes=$(cat "$tmp"/write* | wc -l)
worst_write=$(cat "$tmp"/write* | sort -g | tail -n 1)
median_write=$(cat "$tmp"/write* | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
pages=$(wc -l <"$tmp/read")
worst_page=$(sort -g "$tmp/read" | tail -n 1)
median_page=$(sort -g "$tmp/read" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
echo "command: $0 $CARNET  (RECORDS=$RECORDS SECONDS_RUN=$RUN WRITERS=$WRITERS; $(nproc) cores)"
echo "store: $db, $(sqlite3 "$db" "SELECT count(*) FROM initiative") initiatives"
printf 'writes: %d in %d s = %.1f writes/s (carnet add, one process each)\n' "$writes" "$RUN" "$(echo "$writes / $RUN" | bc -l)"
printf 'write latency: median %.1f ms, worst %.1f ms\n' "$median_write" "$worst_write"
printf 'reader: %d pages of 50; page time median %.1f ms, worst %.1f ms\n' "$pages" "$median_page" "$worst_page"
if [ -s "$tmp/errors" ]; then
    echo "errors seen ($(wc -l <"$tmp/errors") lines):"
    sort "$tmp/errors" | uniq -c | head -5
    exit 1
fi
echo "errors seen: none"
