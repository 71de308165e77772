# A manager browses the screens read-only: in the Initiatives list a, e and
# d write nothing and say why, the form never opens, and the ? help does not
# offer adding, editing or deleting. The store is compared before and after.
. "$(dirname "$0")/lib.sh"

# snapshot: every record, live and in the trash, with its audit fields.
snapshot() {
    "$CARNET" --db "$db" export --all --format json
}

make_store
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" status=ongoing carried_by=centre started_on=2024-03-01
id=$stdout
me=$(id -un)
# The creator is the only admin: another admin first, then the demotion.
carnet_ok member add someone --role admin
carnet_ok member set-role "$me" manager
carnet_ok summary
expect_match "$stdout" "manager" "the login is a manager now"
before=$(snapshot)
expect_match "$before" "Jardin partagé" "the snapshot holds the initiative"

start_carnet
expect_screen "carnet — E2E"
send_keys 2
expect_screen "Jardin partagé" "the manager sees the initiatives"
expect_no_screen "press a to add" "no offer to add"

for key in a e d; do
    # A harmless key first clears the previous key's message.
    send_keys Down
    expect_no_screen "is a manager"
    send_keys "$key"
    expect_screen "is a manager" "'$key' says managers read only"
    expect_no_screen "New initiative" "'$key' opens no form"
    expect_no_screen "Edit initiative" "'$key' opens no edit form"
    expect_no_screen "Deleted:" "'$key' deletes nothing"
    expect_eq "$(snapshot)" "$before" "'$key' leaves the store unchanged"
done
# The detail's e is refused the same way.
send_keys Enter
expect_screen "initiative: Jardin partagé"
expect_no_screen "is a manager"
send_keys e
expect_screen "is a manager" "e in the detail says managers read only"
expect_no_screen "Edit initiative" "the detail opens no form"
send_keys q
expect_screen "Started on"

# The help of the list offers no writing keys.
send_keys '?'
expect_screen "In lists" "the help shows the list's keys"
# Drawn in full (its frame's last line, a line after the list's keys).
expect_screen "Esc: close"
expect_screen "Show the keys of this screen"
help=$screen
for word in Add Edit Delete "Undo your last change"; do
    if [[ "$help" == *"$word"* ]]; then
        fail "the manager's help should not list '$word'" "$(printf '%s\n' "$help" | sed 's/^/    |/')"
    else
        pass
    fi
done
send_keys Escape
expect_no_screen "In lists"

expect_eq "$(snapshot)" "$before" "the store is unchanged after the session"
expect_eq "$(json_field "$id" title)" "Jardin partagé" "the initiative is as it was"
send_keys 1
expect_screen "This year"
send_keys q
expect_screen "Leave carnet?"
send_keys y
wait_exit && pass || fail "carnet should leave normally"

finish
