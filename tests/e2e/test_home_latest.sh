# Home's latest entries: initiatives and actions together, newest first by
# their own date (started on, held on) whatever the order they were typed
# in, in French and in English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
initiative() {
    carnet_ok add initiative title="$1" centre="$centre_id" carried_by=centre status=idea started_on="$2"
}
action() {
    carnet_ok add action title="$1" centre="$centre_id" kind=awareness held_on="$2"
}
# Typed in an order that is neither the dates' nor their reverse.
initiative "Jardin partagé" 2026-03-10
action "Ciné-débat" 2026-05-02
initiative "Repair café" 2026-01-15
action "Forum emploi" 2026-04-20
initiative "Boîte à livres" 2026-06-01

# latest LANG: the entries' lines on Home, top to bottom, are the titles
# newest first, each line's date as the language writes it.
latest() {
    local lang=$1 first_date=$2
    start_carnet "LANG=$lang"
    expect_screen "Boîte à livres" "$lang: Home lists the latest entries"
    expect_screen "$first_date" "$lang: the dates as the language writes them"
    local order
    order=$(screen_text | grep -o 'Boîte à livres\|Ciné-débat\|Forum emploi\|Jardin partagé\|Repair café' | paste -sd '|')
    expect_eq "$order" "Boîte à livres|Ciné-débat|Forum emploi|Jardin partagé|Repair café" \
        "$lang: the latest entries are newest first"
    send_keys Q
}
latest fr_FR.UTF-8 "01/06/2026"
latest en_US.UTF-8 "2026-06-01"
finish
