# Helpers for the command-line tests: a private temporary world per script
# (HOME, XDG_DATA_HOME, locale, time zone), `run` to capture a command, and
# assertions that count, say what failed, and end with one summary line.
# Sourced by tests/cli/test_*.sh; it must not run carnet by itself.

set -u

if [ -z "${CARNET:-}" ] || [ ! -x "$CARNET" ]; then
    echo "CARNET must name the carnet binary under test (got '${CARNET:-}')" >&2
    exit 2
fi
CARNET_SRC=${CARNET_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

TEST_NAME=$(basename "$0" .sh)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/carnet-$TEST_NAME.XXXXXX") || exit 2
# Nothing may touch the real home or pick up a store from the environment.
export LC_ALL=C.UTF-8 TZ=UTC HOME=$tmp XDG_DATA_HOME=$tmp/xdg
unset CARNET_DB LANGUAGE NO_COLOR

passed=0
failed=0
finished=0
status=0
stdout=
stderr=
# Under memcheck (tests/cli/memcheck.sh sets CARNET_VALGRIND=1) a command
# runs 20 to 50 times slower: a wider limit for `run`.
if [ "${CARNET_VALGRIND:-0}" = 1 ]; then
    RUN_TIMEOUT=${RUN_TIMEOUT:-300}
fi
# Files holding the last run's raw output (byte-exact, unlike $stdout).
OUT=$tmp/.run.out
ERR=$tmp/.run.err

_lib_exit() {
    local rc=$?
    if [ "$finished" = 0 ]; then
        echo "FAIL: $TEST_NAME stopped before its end (exit status $rc)"
        failed=$((failed + 1))
        echo "$TEST_NAME: $passed passed, $failed failed"
    fi
    chmod -R u+rwX "$tmp" 2>/dev/null
    rm -rf "$tmp"
    [ "$rc" = 77 ] && [ "$failed" = 0 ] && exit 77
    [ "$failed" = 0 ] && [ "$rc" = 0 ] || exit 1
}
trap _lib_exit EXIT

# Call last: prints the summary; the exit status is 1 when anything failed,
# or when nothing was checked at all (a test that asserts nothing is broken).
finish() {
    finished=1
    if [ "$passed" = 0 ] && [ "$failed" = 0 ]; then
        echo "FAIL: $TEST_NAME checked nothing"
        failed=1
    fi
    echo "$TEST_NAME: $passed passed, $failed failed"
    [ "$failed" = 0 ] || exit 1
    exit 0
}

# skip REASON: this script does not apply to this build; ctest shows it as
# skipped (SKIP_RETURN_CODE 77 in tests/CMakeLists.txt), never as passed.
# Not for a missing tool: that is a failure (scripts/deps.sh installs it).
skip() {
    finished=1
    echo "SKIP: $TEST_NAME: $1"
    exit 77
}

pass() {
    passed=$((passed + 1))
}

# fail DESCRIPTION [DETAILS...]: records a failure and says where.
fail() {
    failed=$((failed + 1))
    # The line of the script that asked, not of this file.
    local i line=?
    for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
        if [ "${BASH_SOURCE[i]}" != "${BASH_SOURCE[0]}" ]; then
            line=${BASH_LINENO[i - 1]}
            break
        fi
    done
    echo "FAIL: $1 (line $line)"
    shift
    local d
    for d in "$@"; do
        printf '  %s\n' "$d"
    done
}

# fail_run DESCRIPTION: a failure about the last run, shown with its output.
fail_run() {
    fail "$1" "command: $(printf '%.300s' "$last_cmd")" "exit status: $status" \
        "stdout: $(printf '%.600s' "$stdout")" "stderr: $(printf '%.600s' "$stderr")"
}

# run CMD [ARGS...]: runs a command with stdin from /dev/null (or from the
# file in $RUN_STDIN) and a time limit; sets $status, $stdout, $stderr.
run() {
    last_cmd="$*"
    timeout -k 5 "${RUN_TIMEOUT:-60}" "$@" <"${RUN_STDIN:-/dev/null}" >"$OUT" 2>"$ERR"
    status=$?
    stdout=$(cat "$OUT")
    stderr=$(cat "$ERR")
    [ "$status" != 124 ] || echo "note: '$last_cmd' timed out"
}

# carnet ARGS...: runs the binary under test on the store $db.
carnet() {
    run "$CARNET" --db "$db" "$@"
}

# report_data: the store $db holding the fixed dataset of the report tests
# (tests/cli/data/report/), imported as a user would.
report_data() {
    carnet_ok init --name "Fédération test"
    local k
    for k in territory centre body seat partner initiative meeting action difficulty; do
        carnet_ok import "$k" "$CARNET_SRC/tests/cli/data/report/$k.csv"
    done
}

# carnet_ok ARGS...: carnet that must succeed (one assertion).
carnet_ok() {
    carnet "$@"
    expect_status 0 "carnet $*"
}

expect_status() {
    local want=$1 what=${2:-$last_cmd}
    if [ "$status" = "$want" ]; then pass; else fail_run "$what: exit status $status, expected $want"; fi
}

expect_stdout_contains() {
    if [[ "$stdout" == *"$1"* ]]; then pass; else fail_run "${2:-stdout} should contain '$1'"; fi
}

expect_stdout_not_contains() {
    if [[ "$stdout" != *"$1"* ]]; then pass; else fail_run "${2:-stdout} should not contain '$1'"; fi
}

expect_stderr_contains() {
    if [[ "$stderr" == *"$1"* ]]; then pass; else fail_run "${2:-stderr} should contain '$1'"; fi
}

expect_stderr_not_contains() {
    if [[ "$stderr" != *"$1"* ]]; then pass; else fail_run "${2:-stderr} should not contain '$1'"; fi
}

# Messages go to stderr, machine output to stdout: a failing command prints
# nothing on stdout.
expect_stdout_empty() {
    if [ -z "$stdout" ]; then pass; else fail_run "${1:-stdout} should be empty"; fi
}

expect_stderr_empty() {
    if [ -z "$stderr" ]; then pass; else fail_run "${1:-stderr} should be empty"; fi
}

# expect_eq ACTUAL EXPECTED [DESCRIPTION]
expect_eq() {
    if [ "$1" == "$2" ]; then
        pass
    else
        fail "${3:-values differ}" "actual:   $(printf '%.300s' "$1")" "expected: $(printf '%.300s' "$2")"
    fi
}

expect_ne() {
    if [ "$1" != "$2" ]; then pass; else fail "${3:-values should differ}" "both: $(printf '%.300s' "$1")"; fi
}

# expect_match ACTUAL REGEX [DESCRIPTION] (bash extended regex)
expect_match() {
    if [[ "$1" =~ $2 ]]; then pass; else fail "${3:-no match}" "actual: $(printf '%.300s' "$1")" "regex:  $2"; fi
}

# expect_no_match ACTUAL REGEX [DESCRIPTION]
expect_no_match() {
    if [[ "$1" =~ $2 ]]; then fail "${3:-unexpected match}" "actual: $(printf '%.300s' "$1")" "regex:  $2"; else pass; fi
}

# expect_files_eq A B [DESCRIPTION]: byte-exact.
expect_files_eq() {
    if cmp -s "$1" "$2"; then
        pass
    else
        fail "${3:-files differ}: $1 $2" "$(diff "$1" "$2" 2>&1 | head -20)"
    fi
}

UUID_RE='^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'

# A digest of everything a store holds (its SQL dump): equal before and after
# a refused command means nothing was written.
store_digest() {
    sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1
}

# sql DB QUERY: one query through the sqlite3 shell, read-only.
sql() {
    sqlite3 -readonly "$1" "$2"
}

# strip_json FIELDS...: reads carnet's JSON on stdin (an array, or an object
# of arrays per kind) and prints it with those keys removed, keys sorted,
# arrays sorted by id, so two stores can be compared.
strip_json() {
    python3 -c '
import json, sys
drop = set(sys.argv[1:])
def clean(rows):
    rows = [{k: v for k, v in r.items() if k not in drop} for r in rows]
    return sorted(rows, key=lambda r: r.get("id", ""))
data = json.load(sys.stdin)
if isinstance(data, dict):
    data = {k: clean(v) for k, v in data.items()}
else:
    data = clean(data)
print(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1))
' "$@"
}

AUDIT_TIMES="created_at updated_at"
AUDIT_ALL="created_at updated_at created_by updated_by"

# The order an import needs: each kind after those it refers to.
IMPORT_ORDER="territory centre member body seat person criterion theme partner initiative meeting attendance action difficulty"

# pyjson EXPRESSION < FILE: evaluates a Python expression over the JSON
# document d read from stdin and prints the result (lists one item a line).
pyjson() {
    python3 -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
if isinstance(v, (list, tuple)):
    for x in v:
        print(x)
elif v is not None:
    print(v)
' "$1"
}
