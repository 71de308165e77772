# The sections from anywhere: Home with counts, 2 and 4 the logbooks, 3
# governance, 5 Browse, 6 the Dashboard, 0 administration with its
# lists of reference data; the status bar names the screen.
. "$(dirname "$0")/lib.sh"

make_store
carnet_ok add action title="Atelier CV anonyme" centre="$centre_id" held_on=2024-02-01 kind=training
carnet_ok add difficulty summary="Salle polyvalente inondée" centre="$centre_id" raised_on=2026-01-10 \
    kind=premises severity=high status=open
carnet_ok add difficulty summary="Retard de la subvention" centre="$centre_id" raised_on=2025-03-02 \
    kind=finance severity=medium status=resolved resolved_on=2025-05-01
start_carnet
expect_screen "carnet — E2E"
expect_screen "Latest entries" "Home lists the latest entries"
expect_screen "Atelier CV anonyme" "the latest action is on Home"
expect_screen "1 open difficulty" "Home counts the open difficulties (not the resolved one)"
expect_screen "Salle polyvalente inondée" "and shows the latest open one"
expect_screen "Home" "the status bar names the screen"

send_keys 5
expect_screen "Browse: every logbook" "5 opens Browse"
send_keys 6
expect_screen "Dashboard" "6 opens the Dashboard"
send_keys 4
expect_screen "Atelier CV anonyme" "4 opens the actions"
send_keys 3
expect_no_screen "Atelier CV anonyme" "3 leaves the actions for governance"

send_keys 0
expect_screen "Administration"
expect_screen "Territories (QPV codes)"
send_keys Enter
expect_screen "Centre social Tilleuls" "the centres list"
send_keys q
expect_screen "Members and roles"
send_keys Down Enter
expect_screen "Les Tilleuls" "the territories list"
expect_screen "QN06901M" "the QPV code is a column"
# An admin adds a territory with its QPV code.
send_keys a
expect_screen "New territory"
type_text "La Duchère"
send_keys Tab Tab
type_text "QN06902M"
send_keys C-s
expect_screen "Saved: La Duchère"
expect_eq "$("$CARNET" --db "$db" list territory --where qpv_code=QN06902M --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["name"])')" "La Duchère" "the territory is stored"

# The filter dialog: filter actions by kind, shown in the status bar.
send_keys 4
expect_screen "Atelier CV anonyme"
send_keys f
expect_screen "Filter on"
type_text "Kind"
send_keys Enter
type_text "awar"
send_keys Enter
expect_screen "filter: Kind: awareness" "the status bar shows the filter"
expect_no_screen "Atelier CV anonyme" "the training is filtered out"
send_keys f
send_keys Enter
expect_screen "Atelier CV anonyme" "no filter: everything again"

# Search within the kind.
send_keys /
type_text "anonyme"
send_keys Enter
expect_screen 'search "anonyme"'
expect_screen "Atelier CV anonyme"

send_keys 1 q
expect_screen "Leave carnet?"
send_keys n
expect_no_screen "Leave carnet?"
expect_screen "This year" "n stays on Home"
send_keys Q
wait_exit && pass || fail "leaves"
finish
