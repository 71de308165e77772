#!/bin/bash
# carnet report on a fixed dataset (tests/cli/data/report/, imported as a
# user would): text and Markdown compared byte for byte with the expected
# files, the CSV parsed back with Python's csv module, options and errors.
# CARNET_TODAY pins the production date and "past due". Also carnet
# browse (the timeline) on the same records.
. "$(dirname "$0")/lib.sh"

db=$tmp/report.db
expected=$CARNET_SRC/tests/cli/expected
export CARNET_TODAY=2025-06-15

report_data
# A deleted initiative counts nowhere.
carnet_ok add initiative title=Supprimée "centre=Centre A" status=ongoing carried_by=centre \
    started_on=2025-04-01 inhabitants_involved=99 themes=youth
carnet_ok delete "$stdout"

# Text and Markdown, all centres and one centre, against the expected files.
for args in "text all" "markdown all" "text centre" "markdown centre"; do
    set -- $args
    opts=(--year 2025 --format "$1")
    [ "$2" = centre ] && opts+=(--centre "Centre A")
    carnet_ok report "${opts[@]}"
    ext=txt
    [ "$1" = markdown ] && ext=md
    expect_files_eq "$OUT" "$expected/report_2025_$2.$ext" "report --format $1 ($2)"
    expect_stderr_empty "report --format $1 ($2): stderr"
done

# -o FILE writes the same bytes, mode 0600, nothing on stdout.
carnet_ok report --year 2025 --format text -o "$tmp/r.txt"
expect_stdout_empty "report -o: stdout"
expect_files_eq "$tmp/r.txt" "$expected/report_2025_all.txt" "report -o FILE"
expect_eq "$(stat -c %a "$tmp/r.txt")" 600 "report file mode"

# CSV: parsed back; figures checked by (section, indicator, item).
carnet_ok report --year 2025 --format csv
csv_check=$(python3 - "$OUT" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
assert head == ['section', 'indicator', 'item', 'label', 'value', 'unit', 'previous', 'change'], head
assert all(len(r) == 8 for r in body), [r for r in body if len(r) != 8]
v = {(r[0], r[1], r[2]): r[4] for r in body}
want = {
    ('report', 'period_from', ''): '2025-01-01', ('report', 'period_to', ''): '2025-12-31',
    ('report', 'centre', ''): 'All centres', ('report', 'store', ''): 'Fédération test',
    ('report', 'produced_on', ''): '2025-06-15',
    ('initiatives', 'started', ''): '4', ('initiatives', 'active', ''): '5',
    ('initiatives', 'innovative', ''): '2', ('initiatives', 'inhabitants_involved', ''): '34',
    ('initiatives', 'volunteers', ''): '10', ('initiatives', 'volunteer_hours', ''): '48.5',
    ('initiatives', 'in_qpv_share', ''): '50', ('initiatives', 'by_status', 'ongoing'): '2',
    ('initiatives', 'by_carried_by', 'inhabitants'): '2', ('initiatives', 'by_theme', 'youth'): '3',
    ('governance', 'bodies', ''): '2', ('governance', 'seats', ''): '7',
    ('governance', 'inhabitants_share', ''): '14', ('governance', 'women_share', ''): '43',
    ('governance', 'sittings', ''): '3', ('governance', 'planned', ''): '16',
    ('governance', 'planned_held', ''): '3', ('governance', 'avg_attendees', ''): '7.7',
    ('governance', 'avg_inhabitants', ''): '5.5', ('governance', 'first_timers', ''): '3',
    ('governance', 'councils_few_inhabitants', ''): '1',
    ('governance', 'participation_levels', 'co_decision'): '1',
    ('governance', 'body_activity.planned', 'Conseil citoyen Nord'): '4',
    ('governance', 'body_composition.check', 'Conseil citoyen Nord'): 'inhabitants below 50%',
    ('actions', 'held', ''): '4', ('actions', 'participants', ''): '50',
    ('actions', 'follow_ups_open', ''): '2', ('actions', 'follow_ups_past_due', ''): '1',
    ('actions', 'by_kind', 'awareness'): '2', ('actions', 'by_criterion', 'origin'): '2',
    ('actions', 'by_domain', 'employment'): '2',
    ('difficulties', 'raised', ''): '4', ('difficulties', 'open', ''): '3',
    ('difficulties', 'resolved', ''): '2', ('difficulties', 'avg_days_to_inform', ''): '1.0',
    ('difficulties', 'partners_informed', 'ca000000-0000-4000-8000-000000000001'): '2',
    ('difficulties', 'partners_by_type', 'caf'): '1', ('difficulties', 'partners_by_type', 'commune'): '1',
    ('difficulties', 'partners_by_type', 'etat'): '0', ('difficulties', 'partners_by_type', 'autre'): '0',
    ('initiatives', 'partners_by_type', 'caf'): '0', ('actions', 'partners_by_type', 'caf'): '0',
    ('difficulties', 'open.summary', '2025-05-05'): 'Départ animatrice',
    ('monthly', 'per_month.initiatives', '2025-03'): '2', ('monthly', 'per_month.actions', 'Total'): '4',
}
bad = [f'{k}: {v.get(k)!r} != {w!r}' for k, w in want.items() if v.get(k) != w]
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$csv_check" ok "CSV parsed back"

# Year on year: the data hold 2024 too (2 initiatives started, 7
# inhabitants, both in a QPV; 2 difficulties informed in 10 days on
# average...): each figure has 2024's value and the change, in percent
# (points for a share), none when last year's value is 0.
yoy_check=$(python3 - "$OUT" <<'PY'
import csv, sys
with open(sys.argv[1], newline='', encoding='utf-8') as f:
    rows = list(csv.reader(f))[1:]
v = {(r[0], r[1], r[2]): (r[6], r[7]) for r in rows}
want = {
    ('report', 'compared_with', ''): ('', ''),
    ('initiatives', 'started', ''): ('2', '100'),
    ('initiatives', 'active', ''): ('2', '150'),
    ('initiatives', 'inhabitants_involved', ''): ('7', '386'),
    ('initiatives', 'innovative', ''): ('0', ''),
    ('initiatives', 'volunteer_hours', ''): ('0.0', ''),
    ('initiatives', 'in_qpv_share', ''): ('100', '-50'),
    ('initiatives', 'by_status', 'ongoing'): ('1', '100'),
    ('initiatives', 'by_carried_by', 'shared'): ('1', '-100'),
    ('governance', 'sittings', ''): ('1', '200'),
    ('governance', 'avg_attendees', ''): ('40.0', '-81'),
    ('actions', 'held', ''): ('1', '300'),
    ('actions', 'participants', ''): ('50', '0'),
    ('difficulties', 'raised', ''): ('2', '100'),
    ('difficulties', 'informed_share', ''): ('50', '25'),
    ('difficulties', 'avg_days_to_inform', ''): ('10.0', '-90'),
    ('difficulties', 'max_days_to_inform', ''): ('10', '-80'),
    ('difficulties', 'by_kind', 'safety'): ('1', '-100'),
    ('difficulties', 'partners_by_type', 'etat'): ('1', '-100'),
    ('difficulties', 'partners_by_type', 'caf'): ('0', ''),
}
bad = [f'{k}: {v.get(k)!r} != {w!r}' for k, w in want.items() if v.get(k) != w]
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$yoy_check" ok "CSV: last year's values and the changes"
expect_match "$(cat "$OUT")" "compared_with,,Compared with,2024" "CSV: the year compared with"
# --compare picks the year; a year without records says so, no division.
carnet_ok report --year 2025 --compare 2023
expect_match "$stdout" "Initiatives started in the year +4 initiatives \(no data in 2023\)" "--compare 2023: no data"
expect_match "$stdout" "Share in QPV territories +50% \(no data in 2023\)" "--compare 2023: a share without data"
carnet_ok report --year 2025 --compare none
expect_stdout_not_contains "Compared with" "--compare none"
expect_stdout_not_contains "(2024" "--compare none: no comparison"
carnet report --compare soon
expect_status 2
# In French: French numbers and typography (no-break spaces before : ; %).
nb=$'\u00a0' nn=$'\u202f'
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025
expect_stdout_contains "4 initiatives (2024${nb}: 2${nn}; +100${nn}%)" "French: the change"
expect_stdout_contains "48,5 heures (2024${nb}: 0,0)" "French: decimal comma"
expect_stdout_contains "50${nn}% (2024${nb}: 100${nn}%${nn}; -50${nb}pts)" "French: a share in points"
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025 --compare 2023
expect_stdout_contains "(pas de données en 2023)" "French: no data"
# Dates as a French reader writes them, French shares and unknowns in the
# tables, a narrow no-break space before each colon, Markdown too.
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025
expect_stdout_contains "Bilan d'activité 2025${nn}: Tous les centres" "French: the title's colon"
expect_stdout_contains "du 01/01/2025 au 31/12/2025" "French: the period's dates"
expect_stdout_not_contains "2025-12-31" "French: no ISO date in the text report"
expect_match "$stdout" "[0-9]${nn}%  " "French: a share in the bodies' table"
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025 --format markdown
expect_stdout_contains "- Période${nn}: **du 01/01/2025 au 31/12/2025**" "French Markdown: colon and dates"
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025 --format csv
expect_stdout_contains "report,period_to,,Au,2025-12-31" "French CSV: dates stay ISO for machines"

# The figures agree with carnet list on the same filters.
carnet_ok list initiative --from 2025-01-01 --to 2025-12-31 --format csv
expect_eq "$(($(wc -l <"$OUT") - 1))" 4 "initiatives started in 2025 (list)"

# Another year, and the default year is CARNET_TODAY's.
carnet_ok report --format text
expect_stdout_contains "Activity report 2025: All centres"
carnet_ok report --year 2024 --centre "Espace Bellevue"
expect_stdout_contains "Activity report 2024: Espace Bellevue"
expect_match "$stdout" "Difficulties resolved in the year +0 difficulties" "2024, Espace Bellevue: none resolved"

# carnet browse, the Browse screen's timeline, on the same records.
carnet_ok browse --limit 0 --format csv
expect_eq "$(($(wc -l <"$OUT") - 1))" 22 "browse: every live record of the four logbooks"
expect_eq "$(sed -n 2p "$OUT" | cut -d, -f1,2)" "2026-01-05,initiative" "browse: newest first"
carnet_ok browse --where "centre=Espace Bellevue" --where qpv=1 --format csv
expect_eq "$(sed -n '2,$p' "$OUT" | cut -d, -f4 | tr -d '\r')" "Santé au quartier" "browse: filters combined"
carnet_ok browse --search mediation --format csv
expect_eq "$(sed -n '2,$p' "$OUT" | cut -d, -f4 | tr -d '\r')" "Médiation bailleur" "browse: search without accents"
carnet_ok browse --count-by logbook --format csv
expect_eq "$(tr -d '\r' <"$OUT" | tr '\n' ' ')" "value,count initiative,7 difficulty,6 action,5 meeting,4 " "browse --count-by"
carnet browse --where colour=red
expect_status 2

# Errors: usage (2) and an unknown centre (1), nothing on stdout.
carnet report --format pdf
expect_status 2
expect_stdout_empty
carnet report --year soon
expect_status 2
carnet report --centre "Centre Z"
expect_status 1
expect_stderr_contains "Centre Z"
expect_stdout_empty

finish
