# The terminal application on a path where there is no store (a mistyped
# --db) asks before making one there: "no" (and Enter, and Esc) leaves with a
# message and creates nothing, not even the missing folders; "yes" (o in
# French) makes the store at that exact path and opens it. A path that is not
# a store (an empty file) is refused with its message and left as it was.
. "$(dirname "$0")/lib.sh"

db=$tmp/x/typo.db

# answer_no KEY DESCRIPTION: starts carnet on $db, answers KEY to the question.
answer_no() {
    start_carnet
    expect_screen "There is no store at" "$2: the question"
    expect_screen "$db" "$2: the question names the path"
    expect_screen "[ No ]"
    send_keys "$1"
    wait_for "[carnet exited" || fail "$2: carnet did not leave"
    expect_screen "[carnet exited 1]" "$2: exit status 1"
    expect_screen "no store was created at $db" "$2: says nothing was created"
    [ ! -e "$tmp/x" ] && pass || fail "$2: nothing was created" "$(find "$tmp/x" 2>&1)"
}
answer_no n "n"
answer_no Enter "Enter (No is the default)"
answer_no Escape "Esc"

# Yes, in French: the store is made there, and opens.
start_carnet LANG=fr_FR.UTF-8
expect_screen "Il n'y a pas de base à l'emplacement" "the question in French"
send_keys o
expect_screen "carnet" "the application opens on the new store"
wait_gone "Il n'y a pas de base" || fail "the question went away"
[ -f "$db" ] && pass || fail "the store was created at $db"
expect_eq "$(stat -c %a "$db")" 600 "the new store is private"
send_keys Q
wait_exit && pass || fail "leaves with status 0"
run "$CARNET" --db "$db" check
expect_status 0 "the new store is a sound store"

# An empty file is not a store: refused with its message, left untouched.
: >"$tmp/empty.db"
chmod 644 "$tmp/empty.db"
db=$tmp/empty.db
start_carnet
wait_for "[carnet exited" || fail "carnet on an empty file did not leave"
expect_screen "[carnet exited 1]" "an empty file: exit status 1"
expect_screen "is an empty file, not a carnet store" "an empty file is named as such"
expect_eq "$(stat -c '%s %a' "$tmp/empty.db")" "0 644" "the empty file is as it was"
[ ! -e "$tmp/empty.db-journal" ] && [ ! -e "$tmp/empty.db-wal" ] && pass || fail "nothing created beside it"
finish
