# Two terminal sessions on one store (two tmux sessions, each its own pty):
# what one writes, or another process writes, shows up in the other's list,
# Home and record detail within 2 s without a key press. Then the
# concurrent edit in a form: A edits, another process changes the record,
# A saves and chooses: keep mine (A's title and the other's status both
# stay), or take theirs (A's title change is dropped). Screen and store.
. "$(dirname "$0")/lib.sh"

session=e2e
# The lib's helpers read and type into the session named here.
screen_text() { tm capture-pane -p -t "$session"; }
send_keys() { tm send-keys -t "$session" "$@"; }
type_text() { tm send-keys -t "$session" -l "$1"; }
on() { session=$1; }

# start_second NAME: a second carnet on the same store, in its own session
# (so its own pty) of the server start_carnet made.
start_second() {
    local cmd
    cmd=$(printf '%q ' env "TERM=$TERM" "LANG=$LANG" "TZ=UTC" "HOME=$HOME" "XDG_DATA_HOME=$XDG_DATA_HOME" \
        "$CARNET" --db "$db")
    tm new-session -d -x "$E2E_W" -y "$E2E_H" -s "$1" "$cmd; rc=\$?; echo; echo \"[carnet exited \$rc]\"; sleep 30"
    on "$1"
    wait_for "" || fail "the second carnet did not start"
}

# within_2s TEXT DESCRIPTION: TEXT must appear on the current session's
# screen within 2 s, nobody pressing a key. One assertion.
within_2s() {
    local start=${EPOCHREALTIME/[.,]/} now
    while :; do
        screen=$(screen_text)
        if [[ "$screen" == *"$1"* ]]; then
            pass
            return
        fi
        now=${EPOCHREALTIME/[.,]/}
        if [ $((now - start)) -ge 2000000 ]; then
            fail "$2 (not within 2 s)" "screen:" "$(printf '%s\n' "$screen" | sed 's/^/    |/')"
            return
        fi
        sleep 0.05
    done
}

add_initiative() {   # add_initiative TITLE: through the CLI, a third process
    carnet_ok add initiative title="$1" centre="$centre_id" status=ongoing carried_by=centre started_on="$(date -u +%F)"
}

make_store
add_initiative "Atelier couture"
start_carnet
on e2e
send_keys 2
expect_screen "Atelier couture" "A shows the list"
start_second b
send_keys 2
expect_screen "Atelier couture" "B shows the list"

# ---- Live refresh ----------------------------------------------------------

# Added through A's form: B's list shows it with no key pressed.
on e2e
send_keys a
expect_screen "New initiative"
type_text "Jardin partagé"
send_keys C-s
expect_screen "Saved: Jardin partagé"
on b
within_2s "Jardin partagé" "B's list shows what A added"

# Added by a third process: both lists.
add_initiative "Fête des voisins"
on e2e
within_2s "Fête des voisins" "A's list shows what another process added"
on b
within_2s "Fête des voisins" "B's list shows what another process added"

# The detail follows an edit by another process, and so does the list under
# it once back.
send_keys '/'
type_text "couture"
send_keys Enter
expect_screen "search \"couture\""
send_keys Enter
expect_screen "initiative: Atelier couture" "B opens the detail"
couture=$("$CARNET" --db "$db" list initiative --format json |
    python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["title"] == "Atelier couture"][0])')
carnet_ok edit "$couture" title="Atelier couture et tricot"
within_2s "initiative: Atelier couture et tricot" "B's detail shows the new title"
send_keys q
expect_screen "search \"couture\""
expect_screen "Atelier couture et tricot" "the list under the detail caught up"
send_keys q
expect_no_screen "search \"couture\""

# Home counts what another process adds.
send_keys 1
expect_screen "This year"
expect_screen "$(printf '%-28s %12d %12d' initiatives 3 3)" "B's Home counts three initiatives"
add_initiative "Repair café"
within_2s "$(printf '%-28s %12d %12d' initiatives 4 4)" "B's Home counts the fourth without a key"

# ---- The concurrent edit ----------------------------------------------------

# conflict TITLE: A finds TITLE, opens its form and types a new title; the
# other process marks it completed; A saves and the dialog appears. Prints
# nothing; leaves $cid set.
conflict() {
    add_initiative "$1"
    cid=$stdout
    on e2e
    send_keys 2
    send_keys '/'
    type_text "$1"
    send_keys Enter
    expect_screen "search \"$1\""
    send_keys e
    expect_screen "Edit initiative"
    send_keys C-u
    type_text "$1 (titre de A)"
    carnet_ok edit "$cid" status=completed
    send_keys C-s
    expect_screen "changed this record while you were editing it" "A is asked before overwriting"
    expect_screen "Keep mine"
    expect_screen "Take theirs"
    expect_screen "See both"
    expect_eq "$(json_field "$cid" title)" "$1" "nothing written before the answer"
}

# Keep mine, after seeing both: A's title over the other's status.
conflict "Conflit un"
send_keys Down Down Enter
expect_screen "Mine and theirs" "see both shows the comparison"
expect_screen "Conflit un (titre de A)" "mine is shown"
expect_screen "completed" "theirs is shown"
expect_screen "ongoing" "the status as A would leave it is shown"
send_keys Escape
expect_screen "Keep mine" "back to the choice"
send_keys Enter
expect_screen "Saved: Conflit un (titre de A)" "keep mine saves"
expect_eq "$(json_field "$cid" title)" "Conflit un (titre de A)" "keep mine: A's title stored"
expect_eq "$(json_field "$cid" status)" "completed" "keep mine: the other's status kept"
send_keys q
expect_no_screen "search \""

# Take theirs: the form shows their values, A's title is dropped.
conflict "Conflit deux"
send_keys Down Enter
expect_screen "Their version is back in the form" "take theirs says so"
expect_screen "Edit initiative" "the form stays open"
expect_no_screen "(titre de A)" "A's title left the form"
expect_screen "completed" "the form shows their status"
send_keys Escape
expect_no_screen "Discard the changes?" "nothing left to discard"
expect_screen "search \"Conflit deux\"" "back to the list"
expect_eq "$(json_field "$cid" title)" "Conflit deux" "take theirs: the title is theirs"
expect_eq "$(json_field "$cid" status)" "completed" "take theirs: the status is theirs"

# Esc in the dialog goes back to the form; nothing is written.
conflict "Conflit trois"
send_keys Escape
expect_no_screen "changed this record while"
expect_screen "Conflit trois (titre de A)" "the typed title stays in the form"
expect_eq "$(json_field "$cid" title)" "Conflit trois" "nothing written after Esc"
send_keys Escape
expect_screen "Discard the changes?"
send_keys y
expect_screen "search \"Conflit trois\""

# Both leave cleanly.
for s in e2e b; do
    on $s
    send_keys 1
    expect_screen "This year"
    send_keys q
    expect_screen "Leave carnet?"
    send_keys y
    wait_exit && pass || fail "carnet in session $s should leave normally"
done

finish
