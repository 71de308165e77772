# The Dashboard (6): a year's monthly bars and indicators on the fixed
# dataset of the report test (tests/cli/data/report), drill-down from a bar
# to exactly the records of that month, moving between centres and years,
# the open difficulties (D), and the report written to a file equal to
# carnet report's. CARNET_TODAY pins today (2025-06-15): the dashboard
# opens on 2025, June selected.
E2E_W=160
. "$(dirname "$0")/lib.sh"

data=$CARNET_SRC/tests/cli/data/report
export CARNET_TODAY=2025-06-15
carnet_ok init --name "E2E"
for k in territory centre body seat partner initiative meeting action difficulty; do
    carnet_ok import "$k" "$data/$k.csv"
done

start_carnet "CARNET_TODAY=$CARNET_TODAY"
send_keys 6
expect_screen "Dashboard 2025 — All centres"
expect_screen "Initiatives: 4 started (5 active), 2 innovative, 34 inhabitants"
expect_screen "Actions: 4 held, 50 participants, follow-ups 2 open, 1 past due"
expect_screen "Difficulties: 4 raised, 3 open (2 high), 2 resolved"
expect_screen "Governance: 2 bodies, 3 sittings (3 of 16 planned held)"
expect_screen "2025 · All centres" "the scope is in the status bar"
expect_screen "█" "bars drawn with block characters"

# Drill-down: initiatives of March 2025 (June is selected: three to the left).
send_keys Left Left Left Enter
expect_screen "initiatives 2025-03"
expect_screen "Repair café"
expect_screen "Boîte à livres"
expect_no_screen "Jardin partagé" "a January initiative is not in March's list"
carnet_ok list initiative --from 2025-03-01 --to 2025-03-31 --format csv
expect_eq "$(($(wc -l <"$OUT") - 1))" 2 "carnet list agrees: two initiatives in March"
send_keys q
expect_screen "Dashboard 2025"

# Actions of June (down two logbooks, right three months): two actions.
send_keys Down Down Right Right Right Enter
expect_screen "Accès au logement"
expect_screen "Médiation bailleur"
expect_no_screen "Sensibilisation emploi"
send_keys q

# Centre A, then the previous year.
send_keys c
expect_screen "Dashboard 2025 — Centre A"
expect_screen "Initiatives: 3 started (4 active)"
send_keys "<"
expect_screen "Dashboard 2024 — Centre A"
expect_screen "Initiatives: 2 started (2 active)"
send_keys ">"
expect_screen "Dashboard 2025 — Centre A"

# The open difficulties of the centre (D): raised before or during the
# year and still open; resolving one (e) takes it off the list.
send_keys D
expect_screen "Open difficulties — Centre A"
expect_screen "Subvention en retard"
expect_screen "Incidents"
expect_no_screen "Dégât des eaux" "a resolved difficulty is not listed"
send_keys q
expect_screen "Dashboard 2025 — Centre A"

# The report of the year and centre, through the report dialog (tested in
# full by test_report_dialog): Markdown, in the home folder here (no
# documents folder), named after the centre; the box shows where.
send_keys w
expect_screen "Printable document (HTML)"
send_keys Right Right
expect_screen "Markdown"
report=$HOME/report-2025-centre-a.md
expect_screen "$report"
send_keys Enter
expect_screen "Report written"
expect_screen "$report"
send_keys Enter
expect_no_screen "Report written"
carnet_ok report --year 2025 --centre "Centre A" --format markdown
if [ -f "$report" ]; then expect_files_eq "$report" "$OUT" "the dashboard's report is carnet report's"; else fail "no report file at $report"; fi

# The indicator lines count in words, singular or plural as the number
# wants it (French: 0 and 1 singular), in English and in French.
expect_screen "Governance: 1 body, 2 sittings" "Centre A: one body, singular"
expect_screen "1 citizens' council below 50%" "one citizens' council, singular"
nnbsp=$(printf '\xe2\x80\xaf')
start_carnet "CARNET_TODAY=$CARNET_TODAY" "LANG=fr_FR.UTF-8"
send_keys 6
expect_screen "Tableau de bord 2025"
expect_screen "Gouvernance${nnbsp}: 2 instances, 3 séances (prévues 16, tenues 3)"
expect_screen "1 conseil citoyen sous 50${nnbsp}%" "un conseil citoyen, au singulier"
expect_screen "Initiatives${nnbsp}: lancées 4 (actives 5), innovantes 2, 34 habitants"
expect_screen "Actions${nnbsp}: menées 4, 50 participants, suites en cours 2, en retard 1"
expect_no_screen "(s)" "no plural left to the reader"
send_keys c
expect_screen "Gouvernance${nnbsp}: 1 instance, 2 séances" "une instance, au singulier"
expect_screen "partenaires informés pour 3 difficultés, en 1,0 jour en moyenne"

# Without UTF-8, the bars fall back to ASCII.
start_carnet "CARNET_TODAY=$CARNET_TODAY" "LANG=C"
send_keys 6
expect_screen "Dashboard 2025"
expect_screen "###" "ASCII bars"
expect_no_screen "█"

finish
