# The words a French social worker reads on the command line (issue 13):
# carnet add KIND --help lists KIND's fields from the descriptor (label,
# type, required, choices) in the user's language. Run in French, then English.
. "$(dirname "$0")/lib.sh"
export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
db=$tmp/s.db
nnbsp=$(printf '\xe2\x80\xaf')

carnet add initiative --help
expect_status 0 "carnet add initiative --help"
expect_match "$stdout" $'\n  title +Titre, texte, obligatoire, 200 caractères au plus\n' "a text field: label, type, required, limit"
expect_match "$stdout" $'\n  status +État, choix, obligatoire\n' "a choice field"
expect_stdout_contains "choix${nnbsp}: idea (idée), emerging (émergente)" "its choices, code and French label"
expect_match "$stdout" $'\n  started_on +Date de début, date, obligatoire' "a date field"
expect_match "$stdout" $'\n  volunteer_hours +Heures de bénévolat, nombre\n' "a number field, not required"
expect_stdout_contains "carnet list theme" "a set says where its codes are"
# Every field of the descriptor is there, none is invented.
fields=$(printf '%s\n' "$stdout" | sed -n '/^Champs/,$p' | grep -E '^  [a-z_0-9]+ ' | awk '{print $1}' | tr '\n' ' ')
expect_eq "$fields" "title centre territory description status carried_by started_on ended_on inhabitants_involved volunteers volunteer_hours partners themes innovative outcome " \
    "the fields of an initiative, in the descriptor's order"
expect_stdout_not_contains "Volunteer hours" "no English label in French"

carnet add meeting --help
expect_stdout_contains "co_decision (co-décision)" "a sitting's participation levels"

LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet add initiative --help
expect_match "$stdout" $'\n  title +Title, text, required, at most 200 characters\n' "the same in English"
expect_stdout_contains "choices: idea (idea), emerging (emerging)" "English choices"

# --- choices as labels, times as local date and time, sittings by name -------
carnet_ok init
carnet_ok add centre name="Centre social Tilleuls" kind=centre_social city=Lyon
centre=$stdout
carnet_ok add initiative title="Jardin partagé" centre="$centre" status=idea carried_by=inhabitants started_on=2026-03-01
id=$stdout
carnet_ok edit "$id" status=ongoing
carnet_ok delete "$id"
carnet_ok restore "$id"
carnet_ok history "$id"
day='[0-3][0-9]/[01][0-9]/20[0-9][0-9] à [0-2][0-9]:[0-5][0-9]'
expect_match "$stdout" "^$day +[a-z_]+ +Création" "the creation, at a local date and time"
expect_stdout_contains "État${nnbsp}: idée → en cours" "a change of choice in labels"
expect_match "$stdout" "$day +[a-z_]+ +Supprimé" "a deletion in words"
expect_match "$stdout" "$day +[a-z_]+ +Rétabli" "a restoration in words"
expect_no_match "$stdout" "status|deleted|ongoing|T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z" "no field code, no English code, no raw timestamp"

carnet_ok show "$id"
expect_match "$stdout" $'\nCréation +'"$day" "show: the time of creation, local"
expect_match "$stdout" $'\nDate de début +01/03/2026' "show: a date as jj/mm/aaaa"
expect_match "$stdout" $'\nÉtat +en cours\n' "show: a choice by its label only"
expect_no_match "$stdout" "20[0-9][0-9]-[01][0-9]-[0-3][0-9]|\\((ongoing|inhabitants)\\)" "show: no ISO date, no (code)"
carnet_ok show "$id" --format json
expect_match "$stdout" '"started_on": ?"2026-03-01"' "show --json keeps the ISO date"
carnet_ok list initiative
expect_match "$stdout" "01/03/2026 Jardin partagé +en cours" "list: the status in words"
expect_stdout_contains "(1 affiché sur 1)" "a count in the singular (ngettext)"
carnet_ok list initiative --format csv
expect_stdout_contains ",ongoing," "CSV keeps the code"
carnet_ok list initiative --format json
expect_match "$stdout" '"status": ?"ongoing"' "JSON keeps the code"

carnet_ok add body centre="$centre" name="Conseil citoyen" kind=citizens_council
body=$stdout
carnet_ok add meeting body="$body" held_on=2026-12-01
carnet_ok show "$stdout"
expect_match "$stdout" "^séance +Conseil citoyen — 01/12/2026" "a sitting is titled by its body and date"
carnet_ok add seat body="$body" college=inhabitants
carnet_ok show "$stdout"
expect_match "$stdout" "^siège +habitants" "a seat is titled by its college, in words"

# --- a kind is named by its label, a command to type keeps its code ---------
carnet add meeting body="Conseil inconnu" held_on=2026-12-02
expect_status 1 "a sitting of an unknown body"
expect_stderr_contains "instance «${nnbsp}Conseil inconnu${nnbsp}» introuvable (voir${nnbsp}: carnet list body)" "the kind by its label, the command by its code"
carnet add initiative title=X centre="$centre" territory="Nulle part" status=idea carried_by=inhabitants started_on=2026-03-01
expect_stderr_contains "territoire «${nnbsp}Nulle part${nnbsp}» introuvable" "a territory by its French label"
carnet add action title=Y centre="$centre" held_on=2026-03-01 kind=awareness domain=other audience=mixed criteria=foo
expect_stderr_contains "«${nnbsp}foo${nnbsp}» ne fait pas partie des critères (voir${nnbsp}: carnet list criterion)" "a set code by the plural label"
carnet add action title=Y centre="$centre" held_on=2020-03-01 kind=awareness domain=other audience=mixed criteria=whistleblower
expect_stderr_contains "(action du 01/03/2020)" "a dated code: the kind by its label, the date in French"
carnet_ok add body centre="$centre" name="Conseil dissous" kind=board
old=$stdout
carnet_ok delete "$old"
carnet add meeting body="$old" held_on=2026-12-02
expect_stderr_contains "instance «${nnbsp}$old${nnbsp}» est dans la corbeille" "a body in the trash, by its label"
carnet add meeting id=00000000-0000-4000-8000-000000000000 body="$body" held_on=2026-12-01
expect_stderr_contains "ce champ n'existe pas pour les séances${nnbsp}; les champs sont${nnbsp}: body, held_on" "an unknown field: the kind by its label, the fields to type by their codes"
carnet list meeting --after "$body"
expect_stderr_contains "n'est pas l'identifiant d'un enregistrement de cette liste (séances)" "--after: the kind by its label"
expect_no_match "$stderr" "type (body|meeting|criterion|territory)" "no kind code as a word"
# A natural key (a sitting: its body and date) by its fields' labels.
printf 'id,body,held_on\n00000000-0000-4000-8000-000000000001,%s,2026-10-01\n' "$body" >"$tmp/m.csv"
carnet import meeting "$tmp/m.csv"
expect_stderr_contains "ne correspond pas à la clé (Instance, Tenue le) de cet enregistrement (séance)" "a natural key by its labels"
printf 'body,held_on\n%s,2026-12-01\n' "$body" >"$tmp/m.csv"
carnet import meeting "$tmp/m.csv"
expect_stderr_contains "cet enregistrement (séance) existe déjà (mêmes Instance, Tenue le${nnbsp};" "an existing sitting, by its key's labels"
expect_no_match "$stderr" "body,held_on|meeting" "no field or kind code"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet add meeting body="Unknown council" held_on=2026-12-02
expect_stderr_contains "no body named 'Unknown council' (see: carnet list body)" "the same in English"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet list meeting --after "$body"
expect_stderr_contains "not the id of one of the sittings" "--after in English: the label"

# --- show: a set by its labels, as the detail screen -------------------------
carnet_ok add initiative title="Atelier numérique" centre="$centre" status=idea carried_by=inhabitants started_on=2026-03-01 themes=youth,digital
set_id=$stdout
carnet_ok show "$set_id"
expect_match "$stdout" $'\nThèmes +Numérique, Jeunesse\n' "show: a set of themes by their French labels"
expect_no_match "$stdout" "youth|digital" "show: no theme code"
carnet_ok add action title="Sensibilisation" centre="$centre" held_on=2026-03-01 kind=awareness domain=other audience=mixed criteria=age,surname
carnet_ok show "$stdout"
expect_match "$stdout" $'\nCritères +Âge, Patronyme\n' "show: a set of criteria by their French labels"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet_ok show "$set_id"
expect_match "$stdout" $'\nThemes +Digital, Youth\n' "show in English: the English labels"
carnet_ok show "$set_id" --format json
expect_match "$stdout" '"themes": ?\["digital", ?"youth"\]' "show --json keeps the codes"

# --- show: a reference by its name, never its id ----------------------------
# As the detail screen shows it: the name alone, a word when the record is
# in the trash or missing; --format json keeps the id, for programs.
carnet_ok add territory name="Les Tilleuls" city=Lyon
territory=$stdout
carnet_ok add initiative title="Fête de quartier" centre="$centre" territory="$territory" status=idea carried_by=inhabitants started_on=2026-06-01
ref_id=$stdout
carnet_ok show "$ref_id"
expect_match "$stdout" $'\nCentre +Centre social Tilleuls\n' "show: the centre by its name only"
expect_match "$stdout" $'\nTerritoire +Les Tilleuls\n' "show: the territory by its name only"
expect_stdout_not_contains "$centre" "show: no centre id"
expect_stdout_not_contains "$territory" "show: no territory id"
carnet_ok show "$ref_id" --format json
expect_match "$stdout" "\"centre\": ?\"$centre\"" "show --format json keeps the centre's id"
carnet_ok delete "$territory"
carnet_ok show "$ref_id"
expect_match "$stdout" $'\nTerritoire +Les Tilleuls \\(dans la corbeille\\)\n' "show: a reference in the trash says so"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet_ok show "$ref_id"
expect_match "$stdout" $'\nTerritory +Les Tilleuls \\(in the trash\\)\n' "show in English: in the trash"
expect_match "$stdout" $'\nCentre +Centre social Tilleuls\n' "show in English: the centre by its name only"
# A reference to a record this store does not hold (written behind
# carnet's back, or a sync that has not brought it yet).
run python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.create_function("use_carnet_to_write", 0, lambda: 1)
c.create_function("use_carnet_to_write", 1, lambda seq: 1)
c.execute("update initiative set territory = ? where id = ?", ("0123abcd-0000-4000-8000-000000000000", sys.argv[2]))
c.commit()' "$db" "$ref_id"
expect_status 0 "a dangling territory, planted through python3's sqlite3"
carnet_ok show "$ref_id"
expect_match "$stdout" $'\nTerritoire +\\(territoire\u202f: fiche absente de ce carnet\\)\n' "show: a missing record in words"
expect_stdout_not_contains "0123abcd" "show: not the missing record's id, not even a part"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet_ok show "$ref_id"
expect_match "$stdout" $'\nTerritory +\\(territory: a record not in this store\\)\n' "show in English: a missing record in words"

# --- browse and search, for people: local dates, kinds and values in words --
carnet_ok browse
expect_match "$stdout" "01/03/2026  initiative  Atelier numérique" "browse: a local date and the kind's label"
expect_match "$stdout" "01/12/2026  séance +Conseil citoyen" "browse: a sitting by its French label"
expect_no_match "$stdout" "20[0-9][0-9]-[01][0-9]-[0-3][0-9]|meeting" "browse: no ISO date, no kind code"
carnet_ok browse --count-by logbook
expect_match "$stdout" "[0-9]  séances($'\n'|\$)" "browse --count-by logbook: the kinds' plural labels"
carnet_ok browse --count-by centre
expect_match "$stdout" "[0-9]  Centre social Tilleuls" "browse --count-by centre: the centre's name, not its id"
carnet_ok browse --count-by status
expect_match "$stdout" "[0-9]  en cours($'\n'|\$)" "browse --count-by status: the choice's label"
expect_no_match "$stdout" "ongoing|idea" "browse --count-by: no choice code"
carnet_ok search Atelier
expect_match "$stdout" " initiative +Atelier numérique" "search: the kind's label"
carnet_ok search Sensibilisation
expect_match "$stdout" " action +Sensibilisation" "search: an action"
carnet_ok add meeting body="$body" held_on=2026-11-05 topics="Budget participatif"
carnet_ok search Budget
expect_match "$stdout" " séance +Conseil citoyen — 05/11/2026" "search: a sitting by the kind's French label"
expect_no_match "$stdout" "meeting" "search: no kind code"
carnet_ok browse --count-by logbook --format csv
expect_stdout_contains "meeting," "browse CSV keeps the codes"

# --- a facilitator told what only admins change, by its French plural ------
# (last: this login stops being an administrator)
carnet_ok add member login=autre_admin display_name="Autre" role=admin
carnet_ok member set-role "$(id -un)" facilitator
carnet add territory name="Quartier" city=Lyon
expect_status 1 "a facilitator cannot add a territory"
expect_stderr_contains "peuvent modifier les territoires" "the kind by its French plural"
expect_stderr_not_contains "territories" "no English plural"
LANG=C.UTF-8 LC_ALL=C.UTF-8 carnet add territory name="Quartier" city=Lyon
expect_stderr_contains "can change territories" "English: the English plural"

# carnet add --help alone keeps the general help.
carnet add --help
expect_status 0
expect_stdout_not_contains "Champs" "no field list without a kind"

finish
