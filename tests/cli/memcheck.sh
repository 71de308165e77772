#!/usr/bin/env bash
# Runs one tests/cli/test_*.sh with $CARNET under valgrind's memcheck: each
# carnet process (also those run as other users, and forked sync servers)
# writes its own log, and a log that is not empty fails the test, whatever
# the script checked of that run. Used by the valgrind/* ctest entries.
set -u
script=${1:?usage: memcheck.sh tests/cli/test_NAME.sh}
: "${CARNET:?CARNET must name the carnet binary under test}"
name=$(basename "$script" .sh)

valgrind=$(command -v valgrind) || {
    echo "FAIL: $name: valgrind is missing (scripts/deps.sh installs it)"
    exit 1
}
# A wrapper rather than the binary itself: the test scripts start carnet in
# every way (run, runuser, in the background to kill it), and all of them
# only know $CARNET. It lives in a folder every user may read, and its logs
# in one every user may write (test_shared_roles, test_fault_readonly).
dir=$(mktemp -d "${TMPDIR:-/tmp}/carnet-memcheck-$name.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
mkdir -m 1777 "$dir/logs"
# No --error-exitcode: the scripts check carnet's own exit statuses; errors
# are found in the logs instead. --vgdb=no leaves no FIFO behind in /tmp
# when a test kills carnet on purpose. memcheck-wrap.sh says which
# processes memcheck runs: each shape of command line its first
# CARNET_MEMCHECK_REPEATS (2) times in the script, 0 for every process.
repeats=${CARNET_MEMCHECK_REPEATS:-2}
mkdir -m 1777 "$dir/shapes"
touch "$dir/plain.log"
chmod 666 "$dir/plain.log"
cp "$(dirname "$0")/memcheck-wrap.sh" "$dir/wrap.sh"
chmod 755 "$dir/wrap.sh"
cat >"$dir/carnet" <<EOF
#!/bin/sh
MEMCHECK_DIR='$dir' MEMCHECK_CARNET='$CARNET' MEMCHECK_VALGRIND='$valgrind' MEMCHECK_REPEATS='$repeats' \\
    exec '$dir/wrap.sh' "\$@"
EOF
chmod 755 "$dir/carnet"

CARNET=$dir/carnet CARNET_VALGRIND=1 bash "$script"
rc=$?

# A process killed with SIGKILL on purpose leaves a log cut short, empty
# when it found nothing until then; memcheck stays quiet (-q) about a death
# by a signal unless the signal is a crash (SIGSEGV and the like). One ended
# by SIGTERM (a `timeout`, a failure anyway) still runs its leak check.
logs=0
bad=0
for log in "$dir"/logs/*.log; do
    [ -e "$log" ] || continue
    logs=$((logs + 1))
    [ -s "$log" ] || continue
    bad=$((bad + 1))
    echo "FAIL: memcheck: carnet process $(basename "$log" .log) has errors or definite leaks:"
    head -60 "$log" | sed 's/^/  /'
done
plain=$(wc -l <"$dir/plain.log")
echo "$name under memcheck: $logs carnet processes, $bad with errors; $plain more run plainly (a shape of command line memcheck had run $repeats times)"
if [ "$logs" = 0 ]; then
    echo "FAIL: $name ran no carnet process through \$CARNET"
    bad=1
fi
[ "$rc" = 0 ] && [ "$bad" = 0 ]
