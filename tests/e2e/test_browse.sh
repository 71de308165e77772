# Browse (5): the timeline of every logbook on the fixed dataset of the
# report test (22 live records), filters combined and shown in the status
# bar, agreeing with carnet list; a saved filter reopened; search without
# accents finding accented titles, n wrapping around; the frequency view
# (F) matching carnet list and filtering with Enter; the export (x) equal
# to carnet export with the same filter.
E2E_W=140
. "$(dirname "$0")/lib.sh"

data=$CARNET_SRC/tests/cli/data/report
carnet_ok init --name "E2E"
for k in territory centre body seat partner initiative meeting action difficulty; do
    carnet_ok import "$k" "$data/$k.csv"
done

start_carnet
send_keys 5
expect_screen "Browse: every logbook, newest first"
expect_screen "1/22" "the timeline holds every live record of the logbooks"
expect_screen "Projet 2026" "the newest record first"

# Two filters combined: a centre, then in a QPV.
send_keys f
expect_screen "Filter on"
type_text "Centre"
send_keys Enter
expect_screen "Centre:"
type_text "Espace Bellevue"
send_keys Enter
expect_screen "Centre: Espace Bellevue" "the filter is in the status bar, in words"
expect_screen "1/6"
expect_screen "Médiation bailleur"
expect_no_screen "Jardin partagé" "another centre's initiative is filtered out"
n=0
for k in initiative meeting action difficulty; do
    carnet_ok list "$k" --where "centre=Espace Bellevue" --format csv
    n=$((n + $(wc -l <"$OUT") - 1))
done
expect_eq "$n" 6 "carnet list agrees on the centre's records"
send_keys f
type_text "QPV"
send_keys Enter
expect_screen "In a QPV"
type_text "yes"
send_keys Enter
expect_screen "Centre: Espace Bellevue, In a QPV: yes"
expect_screen "1/1"
expect_screen "Santé au quartier"
carnet_ok list initiative --where "centre=Espace Bellevue" --where qpv=1 --format csv
expect_eq "$(($(wc -l <"$OUT") - 1))" 1 "carnet list agrees on both filters"

# Saved, cleared, reopened.
send_keys S
expect_screen "Save this filter as:"
type_text "Bellevue QPV"
send_keys Enter
expect_screen "Filter saved as Bellevue QPV"
send_keys f
expect_screen "Filter on"
send_keys Enter
expect_screen "1/22" "the filters cleared"
send_keys o
expect_screen "Open a saved filter"
send_keys Enter
expect_screen "Centre: Espace Bellevue, In a QPV: yes" "the saved filter reopens"
expect_screen "1/1"
send_keys f
expect_screen "Filter on"
send_keys Enter
expect_screen "1/22"

# Search without accents; Enter opens the record found.
send_keys /
expect_screen "Search:"
type_text "mediation"
send_keys Enter
expect_screen "/mediation" "the search is shown with the filter"
send_keys Enter
expect_screen "Follow-up due" "the detail of the action found"
expect_screen "Médiation bailleur"
send_keys q
expect_screen "Browse: every logbook"
send_keys n
expect_screen "Search wrapped around" "one match: n comes back to it"

# The frequency view of the logbooks, then Enter filters on a value.
send_keys F
expect_screen "Frequency of which column?"
send_keys Enter
expect_screen "Frequency: Logbook (4 values, 22 records)"
for k in initiative difficulty action meeting; do
    carnet_ok list "$k" --format csv
    want=$(($(wc -l <"$OUT") - 1))
    case $k in initiative) label=initiatives ;; difficulty) label=difficulties ;; action) label=actions ;; meeting) label=sittings ;; esac
    if wait_for "$label"; then
        line=$(printf '%s\n' "$screen" | grep -m1 "^$label ")
        expect_match "$line" "^$label +$want " "frequency of $k matches carnet list ($want)"
    else
        fail "frequency view should list $label"
    fi
done
send_keys Down Enter
expect_screen "Logbook: difficulties"
expect_screen "1/6"

# Export of the filtered list as CSV: the same file as carnet export
# (the dialog itself: tests/e2e/test_export_dialog.sh).
send_keys x
expect_screen "Spreadsheet (xlsx)"
send_keys Right
csv=$HOME/difficulties-$(date -u +%F).csv
expect_screen "${csv##*/}" "the CSV of the one logbook listed"
send_keys Enter
expect_box_path "List exported" "$csv"
expect_screen "6 records are in"
carnet_ok export difficulty --format csv
expect_files_eq "$csv" "$OUT" "the screen's export is carnet export's"

finish
