#!/usr/bin/env bash
# The progress of a long sync (issue 16): on a terminal, from the first
# second on, the phase (receiving, then sending), the counts and the rate,
# redrawn at most ten times a second however small the batches; into a
# file or a pipe, nothing of it (only the summary). The terminal is a pty
# of script(1).
. "$(dirname "$0")/lib.sh"

cd "$tmp"
db=$tmp/a.db
carnet_ok init --name A
run "$CARNET" clone a.db b.db
expect_status 0
run "$CARNET" clone a.db c.db
expect_status 0
records=20000
[ "${CARNET_VALGRIND:-0}" = 1 ] && records=2000
carnet_ok demo --records "$records" --seed 4

# Into a file: the summary only.
run "$CARNET" --db b.db sync --batch 20 a.db
expect_status 0
[[ "$stderr" != *$'\r'* ]] && pass || fail_run "progress went into a file"
expect_stderr_contains "synced with a.db"

# On a terminal, in batches of 20 rows (a thousand batches and more).
start=$(date +%s%N)
script -qefc "'$CARNET' --db c.db sync --batch 20 a.db" /dev/null > tty.out 2>&1 < /dev/null
end=$(date +%s%N)
expect_eq "$("$CARNET" --db c.db list initiative --format csv | wc -l)" \
    "$("$CARNET" --db a.db list initiative --format csv | wc -l)" "the sync under a pty completed"
draws=$(tr -cd '\r' < tty.out | wc -c)
secs=$(( (end - start) / 1000000000 + 1 ))
if [ "$secs" -ge 2 ]; then
    [ "$draws" -ge 1 ] && pass || fail "no progress on a terminal during a ${secs}-second sync" "$(head -c 300 tty.out)"
    grep -aEq "(receiving|sending)\.\.\. [0-9]+ received, 0 sent \([0-9]+ records/s\)" tty.out && pass ||
        fail "the progress line names the phase, the counts and the rate" "$(tr '\r' '\n' < tty.out | head -3)"
fi
# A \r per redraw, plus the terminal's own line ends (one per line).
lines=$(wc -l < tty.out)
[ "$draws" -le $((secs * 10 + lines + 2)) ] && pass || fail "$draws redraws in $secs s: more than ten a second"
echo "note: $draws redraws in about $secs s"
finish
