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

# carnet add --help alone keeps the general help.
carnet add --help
expect_status 0
expect_stdout_not_contains "Champs" "no field list without a kind"

finish
