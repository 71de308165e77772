# Keys from one list: the screen-specific keys (t, h, F, S, o, <, >, c, w,
# D) are actions, so ? lists them with their help and : runs them by name;
# the help names no key for a section that does not exist. In French and
# in English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" carried_by=centre status=idea started_on=2026-01-05

helpkeys() {
    local lang=$1 trash_help=$2 trash_title=$3 year_help=$4 freq_help=$5 hist_help=$6 section=$7
    start_carnet "LANG=$lang"
    expect_screen "E2E"
    send_keys 2
    expect_screen "Jardin partagé"
    send_keys '?'
    expect_screen "$trash_help" "$lang: ? lists t for the trash"
    expect_no_screen "$section 8" "$lang: no key for a section 8 that does not exist"
    send_keys Escape
    expect_no_screen "$trash_help"
    send_keys : ; type_text "trash"; send_keys Enter
    expect_screen "$trash_title" "$lang: :trash runs the action by its name"
    send_keys t
    expect_no_screen "$trash_title" "$lang: t leaves the trash"
    send_keys Enter
    expect_screen "Jardin partagé"
    send_keys '?'
    expect_screen "$hist_help" "$lang: the record's help lists h"
    send_keys Escape
    send_keys 5 '?'
    expect_screen "$freq_help" "$lang: Browse's help lists F"
    send_keys Escape
    send_keys 6 '?'
    expect_screen "$year_help" "$lang: the Dashboard's help lists <"
    send_keys Escape Q
    wait_exit && pass || fail "$lang: leaves"
}

helpkeys fr_FR.UTF-8 "Afficher la corbeille" "Initiatives — corbeille" "L'année précédente" "Compter les lignes" \
    "Afficher ou masquer l'historique" "rubrique"
helpkeys en_US.UTF-8 "Show the trash" "Initiatives — trash" "The year before" "Count the rows" \
    "Show or hide the history" "section"
finish
