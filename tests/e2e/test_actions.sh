# Anti-discrimination actions through the terminal application: add with a
# kind and criteria picked from the dated list, edit, delete and undo, a
# follow-up past due marked in the list; and a manager, who sees no writing
# keys and is told why when pressing one.
. "$(dirname "$0")/lib.sh"

make_store
start_carnet
expect_screen "carnet — E2E"

send_keys 4
expect_screen "Actions"
expect_screen "Nothing here yet"

# Add: title, then Tab to the kind (cycled with Right) and the criteria
# (a searchable picker: typing filters, Tab ticks, Enter confirms).
send_keys a
expect_screen "New action"
type_text "Sensibilisation au logement"
for _ in 1 2 3 4; do send_keys Tab; done      # title centre territory held_on -> kind
send_keys Right                               # awareness -> training
expect_screen "training" "Right cycles the kind"
send_keys Tab Enter
expect_screen "Criteria" "Enter opens the criteria picker"
type_text "residence"
expect_screen "Place of residence" "typing filters the criteria"
send_keys Tab Enter
expect_screen "Place of residence" "the ticked criterion is shown in the form"
send_keys C-s
expect_screen "Saved: Sensibilisation au logement"
id=$(only_id action)
expect_match "$id" "$UUID_RE" "one action stored"
expect_eq "$(json_field "$id" kind)" "training" "kind stored"
expect_eq "$(json_field "$id" criteria)" "place_of_residence" "criterion stored by its code"
expect_eq "$(json_field "$id" centre)" "$centre_id" "centre stored"

# Edit: a participants count, typed in its field.
send_keys e
expect_screen "Edit action"
for _ in 1 2 3 4 5 6 7 8; do send_keys Tab; done   # -> participants
type_text "25"
send_keys C-s
expect_screen "Saved: Sensibilisation au logement"
expect_eq "$(json_field "$id" participants)" "25" "participants stored"

# A follow-up past due is marked in the list (not by colour alone).
"$CARNET" --db "$db" edit "$id" follow_up="Rappeler le bailleur" follow_up_due=2099-01-01 >/dev/null
"$CARNET" --db "$db" edit "$id" held_on=2020-01-01 follow_up_due=2020-02-01 >/dev/null
expect_screen "! Sensibilisation" "a past follow-up is marked (live refresh)"

# Delete and undo.
send_keys d
expect_screen "Deleted: ! Sensibilisation au logement"
expect_eq "$(only_id action)" "" "deleted in the store"
send_keys u
expect_screen "Undone: the deletion of Sensibilisation au logement."
expect_eq "$(only_id action)" "$id" "undo restores it"

send_keys Q
wait_exit && pass || fail "Q leaves"

# A manager: no writing keys in the help, and a message when one is pressed.
carnet_ok member add alice --role admin
carnet_ok member set-role root manager
start_carnet
expect_screen "carnet — E2E"
send_keys 4
expect_screen "Sensibilisation au logement"
send_keys '?'
expect_screen "Filter the list" "the help lists the keys of the list"
expect_no_screen "Undo your last change" "a manager's help has no undo"
[[ "$screen" != *"Delete"* ]] && pass || fail "a manager's help has no delete"
send_keys Escape
expect_no_screen "Filter the list"
send_keys a
expect_screen "manager" "pressing a tells a manager why not"
send_keys d
expect_screen "manager"
expect_eq "$(only_id action)" "$id" "nothing deleted by a manager"

send_keys Q
wait_exit && pass || fail "leaves with status 0"

finish
