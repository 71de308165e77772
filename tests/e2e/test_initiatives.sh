# Initiatives through the terminal application: add, edit, open, delete,
# undo, trash, a validation error that keeps the typed text, Home's counts,
# and leaving from Home. Each step is checked on screen and in the store.
. "$(dirname "$0")/lib.sh"

make_store
start_carnet

expect_screen "carnet — E2E" "Home shows the store's name"
expect_screen "This year" "Home shows the counts"

# An empty list offers to add.
send_keys 2
expect_screen "Nothing here yet" "an empty list says how to add"

# Add: the form opens on the title; defaults fill the rest.
send_keys a
expect_screen "New initiative"
read -r cy cx <<<"$(cursor_pos)"
expect_eq "$cy" "1" "the cursor starts on the title line"
type_text "Jardin partagé"
send_keys C-s
expect_screen "Saved: Jardin partagé"
expect_screen "1/1" "the status bar shows the position"
id=$(only_id initiative)
expect_match "$id" "$UUID_RE" "one initiative in the store"
expect_eq "$(json_field "$id" title)" "Jardin partagé" "stored title"
expect_eq "$(json_field "$id" centre)" "$centre_id" "the only centre is the default"
expect_eq "$(json_field "$id" status)" "idea" "status default"

# Edit: Ctrl-U empties the title, the new one replaces it.
send_keys e
expect_screen "Edit initiative"
send_keys C-u
type_text "Jardin des Tilleuls"
send_keys C-s
expect_screen "Saved: Jardin des Tilleuls"
expect_eq "$(json_field "$id" title)" "Jardin des Tilleuls" "edited title stored"

# Detail: labels, the centre by name, the history on h.
send_keys Enter
expect_screen "initiative: Jardin des Tilleuls" "the detail's title"
expect_screen "Centre social Tilleuls" "the reference is shown by name"
send_keys h
expect_screen "History" "h shows the history"
expect_screen "Jardin partagé → Jardin des Tilleuls" "the history shows the change"
send_keys q
expect_screen "Started on" "back to the list"

# Delete, then undo.
send_keys d
expect_screen "Deleted: Jardin des Tilleuls"
expect_screen "Nothing here yet" "the list is empty after the delete"
expect_eq "$(only_id initiative)" "" "no live initiative after the delete"
expect_eq "$(only_id initiative trash)" "$id" "the initiative is in the trash"
send_keys u
expect_screen "Undone: the deletion of Jardin des Tilleuls."
expect_screen "Jardin des Tilleuls"
expect_eq "$(only_id initiative)" "$id" "undo brought it back"

# The trash view, and restore from it.
send_keys d
expect_screen "Deleted:"
send_keys t
expect_screen "Initiatives — trash" "t shows the trash"
expect_screen "Jardin des Tilleuls" "the deleted initiative is in the trash"
send_keys u
expect_screen "Restored."
send_keys t
expect_no_screen "— trash"
expect_screen "Jardin des Tilleuls"
expect_eq "$(only_id initiative)" "$id" "restored from the trash"

# A validation error: "ended on" before "started on". The form stays, the
# message sits by the field, the typed title is kept, nothing is stored.
send_keys a
expect_screen "New initiative"
type_text "Fête des voisins"
for _ in 1 2 3 4 5 6 7; do send_keys Tab; done
type_text "2000-01-01"
send_keys C-s
expect_screen "Nothing was saved" "the status line says nothing was saved"
expect_screen "Fête des voisins" "the typed title is kept"
expect_screen "New initiative" "the form stays open"
count=$("$CARNET" --db "$db" list initiative --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$count" "1" "nothing stored after the refused save"
# Fix it and save.
send_keys C-u
send_keys C-s
expect_screen "Saved: Fête des voisins"
count=$("$CARNET" --db "$db" list initiative --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_eq "$count" "2" "saved once fixed"

# Esc on a changed form asks first.
send_keys a
expect_screen "New initiative"
type_text "Brouillon"
send_keys Escape
expect_screen "Discard the changes?"
send_keys y
expect_screen "Fête des voisins" "back to the list"
expect_no_screen "Brouillon"

# Sort cycles, and says on what.
send_keys s
expect_screen "Sorted by"

# Home counts what was added this year (both were dated today).
send_keys 1
expect_screen "This year"
expect_match "$(screen_text)" "initiatives +2 +2" "Home counts this month's and this year's initiatives"

# q on Home asks, then leaves.
send_keys q
expect_screen "Leave carnet?"
send_keys y
wait_exit && pass || fail "carnet should leave after the confirmation"
expect_screen "[carnet exited 0]" "a normal exit"

finish
