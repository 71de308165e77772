#!/usr/bin/env bash
# What $CARNET is under tests/cli/memcheck.sh, which copies this file next
# to the logs and calls it with MEMCHECK_DIR, MEMCHECK_CARNET (the binary),
# MEMCHECK_VALGRIND and MEMCHECK_REPEATS set.
#
# Memcheck costs a second or two per process whatever the process does,
# and a script runs the same command many times (test_hub syncs 45 times).
# Each command line's shape (its words, option names and field names, not
# their values: `sync`, `add territory name=`, `report --format xlsx -o`)
# runs under memcheck the first MEMCHECK_REPEATS times in a script (0:
# always), then plainly; the sanitizer build runs every one of them
# (scripts/test). A shape's turns are folders made with mkdir, which one
# process wins even when a script starts many at once.
shape=
skip=0
for a in "$@"; do
    if [ "$skip" = 1 ]; then
        skip=0
        continue
    fi
    if [ "$a" = --db ]; then
        skip=1
    elif [[ "$a" =~ ^--db= ]]; then
        :
    elif [[ "$a" =~ ^-{0,2}[A-Za-z][A-Za-z0-9_-]*$ ]]; then
        shape="$shape $a"
    elif [[ "$a" =~ ^(-{0,2}[A-Za-z_][A-Za-z0-9_-]*)= ]]; then
        shape="$shape ${BASH_REMATCH[1]}="
    fi
done
if [ "$MEMCHECK_REPEATS" != 0 ]; then
    key=$(printf '%s' "$shape" | cksum | cut -d' ' -f1)
    turn=0
    for ((n = 1; n <= MEMCHECK_REPEATS; n++)); do
        if mkdir "$MEMCHECK_DIR/shapes/$key.$n" 2>/dev/null; then
            turn=$n
            break
        fi
    done
    if [ "$turn" = 0 ]; then
        printf '%s\n' "${shape# }" >>"$MEMCHECK_DIR/plain.log"
        exec "$MEMCHECK_CARNET" "$@"
    fi
fi
exec "$MEMCHECK_VALGRIND" -q --vgdb=no --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite --log-file="$MEMCHECK_DIR/logs/%p.log" "$MEMCHECK_CARNET" "$@"
