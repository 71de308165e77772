#!/usr/bin/env bash
# The words of a sync's summary (issue 13): each count with its plural in
# French and English, never "modification(s) concurrente(s)"; French
# typography (narrow no-break space before the colon and the semicolon).
. "$(dirname "$0")/lib.sh"

cd "$tmp"
db=$tmp/a.db
nb=$'\u202f'
carnet_ok init --name A
run "$CARNET" clone a.db b.db
expect_status 0

# n concurrent edits: b's are the later, so a's values lose on a.
conflicts() {
    local n=$1 k ids=()
    for k in $(seq "$n"); do
        ids+=("$("$CARNET" --db a.db add territory "name=Conflit $RANDOM$k" city=Avant)")
    done
    run "$CARNET" --db b.db sync a.db
    expect_status 0
    for k in "${ids[@]}"; do
        "$CARNET" --db a.db edit "$k" "city=Ville de a" >/dev/null || fail "edit on a"
        "$CARNET" --db b.db edit "$k" "city=Ville de b" >/dev/null || fail "edit on b"
    done
}

conflicts 1
LC_ALL=fr_FR.UTF-8 run "$CARNET" --db a.db sync b.db
expect_status 0
expect_stderr_contains "carnet${nb}:   1 modification concurrente résolue${nb}; les valeurs perdantes sont gardées"
expect_stderr_contains "carnet${nb}:   reçu${nb}: 1 territoire"
expect_stderr_not_contains "(s)"

conflicts 2
LC_ALL=fr_FR.UTF-8 run "$CARNET" --db a.db sync b.db
expect_status 0
expect_stderr_contains "carnet${nb}:   2 modifications concurrentes résolues${nb};"
expect_stderr_not_contains "(s)"

conflicts 1
LC_ALL=C.UTF-8 run "$CARNET" --db a.db sync b.db
expect_status 0
expect_stderr_contains "carnet:   1 concurrent edit resolved; the values that lost are kept"
expect_stderr_not_contains "(s)"
finish
