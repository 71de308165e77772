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

# The detail of a record with its history: labels, local times, words.
carnet_ok add initiative title="Jardin partagé" centre="$centre" status=idea carried_by=inhabitants started_on=2026-03-01
init=$stdout
carnet_ok edit "$init" status=ongoing
carnet_ok delete "$init"
carnet_ok restore "$init"
send_keys Escape
wait_for "Abandonner" 2 && send_keys o Enter
send_keys 2
expect_screen "Jardin partagé"
send_keys Enter
expect_screen "Portée par"
send_keys h
expect_screen "Historique"
expect_screen "initiative${nnbsp:-$(printf '\xe2\x80\xaf')}: Jardin partagé" "the detail's title, French typography"
day='[0-3][0-9]/[01][0-9]/20[0-9][0-9] à [0-2][0-9]:[0-5][0-9]'
expect_match "$screen" "État +en cours" "the status in words"
expect_match "$screen" "$day [a-z_]+ +État${nnbsp:-$(printf '\xe2\x80\xaf')}: idée → en cours" "a change in labels, at a local time"
expect_match "$screen" "$day [a-z_]+ +Supprimé" "a deletion in words"
expect_match "$screen" "$day [a-z_]+ +Rétabli" "a restoration in words"
expect_no_match "$screen" "status|deleted|ongoing|inhabitants|[0-9]T[0-9]" "no code, no raw timestamp on the detail"
printf '%s\n' "$screen" > "$tmp/detail_history.txt"
[ -n "${WORDS_CAPTURE_DETAIL:-}" ] && cp "$tmp/detail_history.txt" "$WORDS_CAPTURE_DETAIL"
send_keys Escape

# A logbook's own filter, in words with French typography.
send_keys f
expect_screen "Filtrer sur"
type_text "État"
send_keys Enter
type_text "en cours"
send_keys Enter
expect_screen "État${nnbsp:-$(printf '\xe2\x80\xaf')}: en cours" "the list's filter in words, French typography"

# Browse: the filters offer labels to pick and show what is active in words.
send_keys 5
expect_screen "Parcourir"
send_keys f
expect_screen "Filtrer sur"
type_text "Journal"
send_keys Enter
expect_screen "séance" "the logbooks to pick, by their names"
type_text "séance"
send_keys Enter
expect_screen "Journal${nnbsp:-$(printf '\xe2\x80\xaf')}: séances" "the active filter in words"
expect_no_screen "logbook=" "no filter code"
send_keys f
expect_screen "Filtrer sur"
type_text "Thème"
send_keys Enter
expect_screen "Jeunesse" "the themes to pick, by their French labels"
type_text "Jeunesse"
send_keys Enter
expect_screen "Thème${nnbsp:-$(printf '\xe2\x80\xaf')}: Jeunesse" "two filters, in words"

# ":" takes French names beside the English ones, and completes them.
send_keys 1
expect_screen "Accueil"
send_keys :
type_text "rapp"
send_keys Tab
expect_screen ": rapport " "Tab completes a French command"
send_keys Enter
expect_screen "Document imprimable (HTML)" ":rapport opens the report dialog"
send_keys Escape
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
