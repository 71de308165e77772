# The words a French social worker reads (issue 13): in fr_FR.UTF-8, a value
# the model refuses in a form is explained beside its field, with the
# fields' French labels and never their codes, and the cursor moves there.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

carnet_ok init --name "E2E"
carnet_ok add centre name="Centre d'essai" kind=centre_social city=Lyon
centre=$stdout
carnet_ok add body centre="$centre" name="Conseil citoyen Essai" kind=citizens_council meets_every=quarter
body=$stdout
carnet_ok list member --where login="$(id -un)" --format json
member=$(printf '%s' "$stdout" | pyjson 'd[0]["id"]')
carnet_ok edit "$member" centre="$centre"

start_carnet LANG=fr_FR.UTF-8
send_keys 3
expect_screen "Conseil citoyen Essai"
send_keys Enter
send_keys a
expect_screen "Nouveaux participants"
send_keys C-u
type_text "15/03/2025"
send_keys Tab
type_text "20"
send_keys Tab
type_text "14"
send_keys Tab
type_text "16"
# Back to the first field, so that the cursor has to move to the refusal.
send_keys BTab BTab BTab
send_keys C-s
expect_screen "16 ne peut pas dépasser Habitants présents (14)" "the refusal in words, with the other field's label"
expect_no_match "$screen" "first_timers|inhabitants_present" "no field code on the screen"
# The message is under its field and the cursor is on that field.
label_row=$(printf '%s\n' "$screen" | grep -n "Nouveaux participants" | head -1 | cut -d: -f1)
msg_row=$(printf '%s\n' "$screen" | grep -n "ne peut pas dépasser" | head -1 | cut -d: -f1)
read -r cur_row _ < <(cursor_pos)
expect_eq "$((msg_row - label_row <= 2 && msg_row > label_row))" "1" "the message is right under Nouveaux participants"
expect_eq "$((cur_row + 1))" "$label_row" "the cursor moved to Nouveaux participants"
expect_eq "$("$CARNET" --db "$db" list meeting --format json | pyjson 'len(d)')" "0" "nothing was saved"
printf '%s\n' "$screen" > "$tmp/form_refused.txt"
[ -n "${WORDS_CAPTURE:-}" ] && cp "$tmp/form_refused.txt" "$WORDS_CAPTURE"

# ":" takes French names beside the English ones, and completes them.
send_keys Escape
wait_for "Abandonner" 2 && send_keys o Enter
send_keys 1
expect_screen "Accueil"
send_keys :
type_text "rapp"
send_keys Tab
expect_screen ": rapport " "Tab completes a French command"
send_keys Enter
expect_screen "Tableau de bord" ":rapport opens the dashboard, where the report is"
send_keys :
type_text "aide"
send_keys Enter
expect_screen "Touches" ":aide opens the help"
send_keys Escape
send_keys :
type_text "gouvernance"
send_keys Enter
expect_screen "Conseil citoyen Essai" ":gouvernance goes to the section"
send_keys :
type_text "quitter"
send_keys Enter
wait_exit
expect_eq "$?" "0" ":quitter leaves carnet"

finish
