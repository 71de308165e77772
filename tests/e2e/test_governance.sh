# Governance through the terminal: the bodies with their composition and the
# citizens' council warning, a body's view, a sitting added through the form,
# edited, deleted and brought back, a planned sitting recorded with its
# deterministic id, and a term of a seat ended; each checked in the store.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

carnet_ok init --name "E2E"
carnet_ok demo --records 300

# A centre of our own (so the screen opens on it), and a citizens' council
# with 1 inhabitant among 4 seats: fewer than half.
carnet_ok add centre name="Centre d'essai" kind=centre_social city=Lyon
centre=$stdout
carnet_ok add body centre="$centre" name="Conseil citoyen Essai" kind=citizens_council meets_every=quarter
body=$stdout
carnet_ok add seat body="$body" college=inhabitants woman=1 from_qpv=1 term_start=2024-01-01
carnet_ok add seat body="$body" college=users woman=0 term_start=2024-01-01
carnet_ok add seat body="$body" college=users woman=1 term_start=2024-01-01
carnet_ok add seat body="$body" college=partners woman=0 term_start=2024-01-01
carnet_ok list member --where login="$(id -un)" --format json
member=$(printf '%s' "$stdout" | pyjson 'd[0]["id"]')
carnet_ok edit "$member" centre="$centre"

meetings() {   # meetings: the sittings of the body as JSON, live ones
    "$CARNET" --db "$db" list meeting --where body="$body" --format json
}

start_carnet
send_keys 3
# The member's centre: our body only, 4 seats, 25% inhabitants, 50% women.
expect_screen "Governance — Centre d'essai"
expect_screen "⚠ warning" "the council with few inhabitants is flagged"
line=$(printf '%s\n' "$screen" | grep "Conseil citoyen Essai")
expect_match "$line" "citizens' council .* 4 +25% +50% ⚠ warning" "its line gives kind, seats, shares and the flag"

# c switches to all centres: the demo bodies show with their composition.
send_keys c
expect_screen "All centres"
type_text "all cent"
send_keys Enter
expect_screen "Governance — all centres"
expect_screen "board of directors"
expect_match "$(printf '%s\n' "$screen" | grep -c "Conseil citoyen ")" "^[4-9]$" "every centre's council is listed"
send_keys c
expect_screen "Centre d'essai"
type_text "essai"
send_keys Enter
expect_screen "Governance — Centre d'essai"

# The body view: composition by college, the warning in words.
send_keys Enter
expect_screen "Warning: inhabitants hold 25% of the seats, fewer than half."
expect_screen "By college: inhabitants 1, users 2, partners 1"
expect_screen "No sitting yet: press a to add one."

# Add a sitting through the form.
send_keys a
expect_screen "New sitting"
send_keys C-u
type_text "15/03/2025"
send_keys Tab
type_text "12"
send_keys Tab
type_text "7"
send_keys Tab
type_text "2"
send_keys C-s
expect_screen "2025-03-15       12       7     2"
json=$(meetings)
expect_eq "$(printf '%s' "$json" | pyjson 'len(d)')" "1" "one sitting stored"
expect_eq "$(printf '%s' "$json" | pyjson '"%s %s %s %s" % (d[0]["held_on"], d[0]["attendees"], d[0]["inhabitants_present"], d[0]["first_timers"])')" \
    "2025-03-15 12 7 2" "the sitting holds what was typed"
sitting=$(printf '%s' "$json" | pyjson 'd[0]["id"]')

# Edit it: attendees 12 -> 15.
send_keys e
expect_screen "Edit sitting"
send_keys Tab C-u
type_text "15"
send_keys C-s
expect_screen "2025-03-15       15       7     2"
expect_eq "$(json_field "$sitting" attendees)" "15" "the edit is stored"

# Delete it, then undo.
send_keys d
expect_screen "deleted (u to undo)"
expect_eq "$(meetings | pyjson 'len(d)')" "0" "the deleted sitting is gone from the list"
expect_eq "$(json_field "$sitting" deleted)" "True" "it is in the trash"
send_keys u
expect_screen "Undone: the deletion of"
expect_screen "2025-03-15       15       7     2"
expect_eq "$(meetings | pyjson 'len(d)')" "1" "undo brings it back"

# The seats: d ends a current term today.
send_keys Tab
expect_screen "[Seats 4]"
send_keys d
expect_screen "End the term of this seat today?"
send_keys y
expect_screen "Term ended today (u to undo)"
expect_screen "Seats: 3 |"
today=$(date -u +%F)
carnet_ok list seat --where body="$body" --where term_end="$today" --format json
expect_eq "$(printf '%s' "$stdout" | pyjson 'len(d)')" "1" "one seat's term ends today"
# u walks the session's one journal back: the term just ended, then the
# sitting's edit made in its form.
send_keys u
expect_screen "Undone: the edit of"
expect_screen "Seats: 4 |"
carnet_ok list seat --where body="$body" --where term_end="$today" --format json
expect_eq "$(printf '%s' "$stdout" | pyjson 'len(d)')" "0" "u gives the seat its open term back"
send_keys u
expect_screen "Undone: the edit of"
expect_eq "$(json_field "$sitting" attendees)" "12" "u again undoes the sitting's edit, made in its form"

# Planned sittings: record the first one of this year on its planned date.
send_keys Tab
expect_screen "[Planned, not held"
year=$(date -u +%Y)
expect_screen "$year-01-01"
# (g: the list grew when the 2025 sitting moved the plan's start back, and
# the selection stayed on the period it was on)
send_keys g Enter
expect_screen "New sitting"
expect_screen "$year-01-01"
send_keys C-s
expect_screen "[Sittings 2]"
carnet_ok list meeting --where body="$body" --where held_on="$year-01-01" --format json
planned_id=$(printf '%s' "$stdout" | pyjson 'd[0]["id"]')
expect_match "$planned_id" '^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-' "the planned sitting has a UUID v5 id"
# The same body and date from the command line is the same record.
carnet add meeting body="$body" held_on="$year-01-01"
expect_status 1 "a second sitting on the planned date"
expect_stderr_contains "$planned_id"

send_keys q
expect_screen "Governance — Centre d'essai"
send_keys Q
wait_exit || fail "carnet did not quit"
expect_screen "[carnet exited 0]" "carnet quits cleanly (no sanitizer report)"
finish
