#!/bin/bash
# carnet report --format xlsx: the workbook is opened by LibreOffice in
# headless mode (every sheet converted to CSV) and its figures equal the
# CSV report's; number, percentage and date cells are typed (read in the
# workbook's own XML); the header row is frozen and the columns sized. A
# data sheet per logbook lists the records the report counts (its rows are
# the figure), as the records' xlsx export writes them.
. "$(dirname "$0")/lib.sh"

for tool in soffice python3; do
    command -v "$tool" >/dev/null || { fail "$tool is missing: run scripts/deps.sh test"; finish; }
done

db=$tmp/report.db
export CARNET_TODAY=2025-06-15
report_data

carnet_ok report --year 2025 --format xlsx -o "$tmp/bilan.xlsx"
expect_stdout_empty "report --format xlsx -o: stdout"
expect_eq "$(stat -c %a "$tmp/bilan.xlsx")" 600 "the workbook's mode"
# Without -o (not a terminal) the same workbook goes to stdout.
carnet_ok report --year 2025 --format xlsx
expect_eq "$(head -c 2 "$OUT")" "PK" "xlsx on stdout: a zip"

# The workbook's XML as a spreadsheet reads it (tests/cli/workbook.py).
export PYTHONPATH=$CARNET_SRC/tests/cli PYTHONDONTWRITEBYTECODE=1

# Typed cells, frozen header, sized columns: the workbook's XML.
types_check=$(python3 - "$tmp/bilan.xlsx" <<'PY'
import sys
from workbook import Workbook
wb = Workbook(sys.argv[1])
sheets, rows = wb.sheets, wb.rows
bad = []
def find(i, code):
    for cells in rows(i)[0]:
        if cells.get('G', (0, None))[1] == code:
            return cells
    bad.append(f'sheet {i}: no row {code}')
    return {}
if len(sheets) != 10:
    bad.append(f'sheets: {sheets}')
started = find(2, 'started')
if started and (started['C'][0] != 'n' or started['C'][2] != '#,##0' or started['C'][1] != '4'):
    bad.append(f'started is not a number: {started.get("C")}')
hours = find(2, 'volunteer_hours')
if hours and (hours['C'][0] != 'n' or hours['C'][2] != '#,##0.0' or float(hours['C'][1]) != 48.5):
    bad.append(f'volunteer_hours: {hours.get("C")}')
share = find(2, 'in_qpv_share')
if share and (share['C'][0] != 'n' or share['C'][2] != '0%' or float(share['C'][1]) != 0.5):
    bad.append(f'in_qpv_share is not a percentage: {share.get("C")}')
if share and share.get('E', (0, 0, ''))[2].find('pts') < 0:
    bad.append(f'a share changes in points: {share.get("E")}')
change = started.get('E')
if not change or change[0] != 'n' or float(change[1]) != 1.0 or '%' not in change[2]:
    bad.append(f'a change is a percentage: {change}')
date = find(3, 'composition_date')
if date and (date['C'][0] != 'n' or 'yy' not in date['C'][2]):
    bad.append(f'composition_date is not a date: {date.get("C")}')
months, _ = rows(6)
month = [c for c in months if 'A' in c and c['A'][2] == 'yyyy-mm']
if len(month) != 12 or any(c['A'][0] != 'n' for c in month):
    bad.append(f'the months are not dates: {len(month)}')
for i in range(2, 7):
    xml = rows(i)[1]
    if 'state="frozen"' not in xml or 'ySplit="1"' not in xml:
        bad.append(f'sheet {i}: header not frozen')
    if '<col ' not in xml:
        bad.append(f'sheet {i}: columns not sized')
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$types_check" ok "typed cells, frozen header, sized columns"

# In French too the workbook's numbers are written with a point: the XML
# is not for people, and 12,5 in a <v> is read as 125 or refused.
LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025 --format xlsx -o "$tmp/bilan-fr.xlsx"
commas=$(python3 - "$tmp/bilan-fr.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = []
for n in z.namelist():
    if n.startswith('xl/worksheets/'):
        xml = z.read(n).decode()
        bad += re.findall(r'<v>[^<]*,[^<]*</v>|(?:width|left|right|top|bottom)="[^"]*,[^"]*"', xml)
print(' '.join(bad[:5]) if bad else 'ok')
PY
)
expect_eq "$commas" ok "numbers in the workbook's XML, under a French locale"

# LibreOffice opens it: every sheet to CSV, raw values.
mkdir -p "$tmp/lo" "$tmp/csv"
run env HOME="$tmp/lo" timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo/profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$tmp/csv" "$tmp/bilan.xlsx"
expect_status 0 "soffice --convert-to csv"
expect_eq "$(ls "$tmp/csv" | wc -l)" 10 "LibreOffice read ten sheets: the heading, five sections, four logbooks"

# Its figures equal the CSV report's: every figure and breakdown item of
# the four sections, this year's and last year's.
carnet_ok report --year 2025 --format csv
figures_check=$(python3 - "$OUT" "$tmp/csv" <<'PY'
import csv, glob, os, sys
report = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))[1:]
sheets = {}
for path in glob.glob(os.path.join(sys.argv[2], '*.csv')):
    number = os.path.basename(path).split('-', 1)[1].split('.', 1)[0]
    sheets[number] = {r[6]: r for r in csv.reader(open(path, newline='', encoding='utf-8')) if len(r) > 6}
section = {'initiatives': '1', 'governance': '2', 'actions': '3', 'difficulties': '4'}
def num(s):
    s = s.strip()
    if len(s) == 10 and s[4] == '-':    # a date, shown as ISO by both
        return s
    if s.endswith('%'):
        return round(float(s[:-1]), 6)
    return round(float(s), 6) if s not in ('', 'n/a', 'no data') else s
def same(cell, want):
    """cell (exact, shown rounded by its format) equals want (as the CSV rounds it)"""
    a, b = num(cell), num(want)
    if isinstance(a, float) and isinstance(b, float) and '.' in want:
        return round(a, len(want.split('.')[1])) == b
    return a == b
bad, seen = [], 0
for sec, ind, item, label, value, unit, prev, change in report:
    if sec not in section or '.' in ind:
        continue
    # a figure's code, or a breakdown's and its item's ("" for "not given")
    code = ind if ind in sheets[section[sec]] and not item else f'{ind}.{item}'
    row = sheets[section[sec]].get(code)
    if row is None:
        bad.append(f'{sec} {code}: not in the workbook')
        continue
    seen += 1
    try:
        if not same(row[2], value):
            bad.append(f'{sec} {code}: {row[2]!r} != {value!r}')
        if prev and not same(row[3], prev):
            bad.append(f'{sec} {code} last year: {row[3]!r} != {prev!r}')
    except ValueError as e:
        bad.append(f'{sec} {code}: {e}')
if seen < 60:
    bad.append(f'only {seen} figures compared')
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$figures_check" ok "the workbook's figures are the CSV report's"

# data_check XLSX REPORT.csv LANG [ABSENT]: the workbook's data sheets, one
# per logbook after the sections, in LANG's words: as many rows as the
# report's figure for that logbook (and its monthly total), typed date
# cells in the year in the locale's format, names not ids, no code, the
# header frozen, an autofilter and sized columns; ABSENT (a title) in none.
data_check() {
    python3 - "$@" <<'PY'
import csv, re, sys
from workbook import Workbook
wb = Workbook(sys.argv[1])
fr = sys.argv[3] == 'fr'
absent = sys.argv[4] if len(sys.argv) > 4 else None
report = list(csv.reader(open(sys.argv[2], newline='', encoding='utf-8')))[1:]
fig = {(r[0], r[1]): r[4] for r in report if not r[2]}
monthly = {}
for r in report:
    if r[0] == 'monthly' and r[1].startswith('per_month.') and re.match(r'\d{4}-\d\d$', r[2]):
        monthly[r[1][10:]] = monthly.get(r[1][10:], 0) + int(r[4])
names = ['Initiatives lancées', 'Séances', 'Actions', 'Difficultés signalées'] if fr else \
        ['Initiatives started', 'Sittings', 'Actions', 'Difficulties raised']
# logbook: its sheet's name, the report's figure, the date column's label
logs = [('initiatives', fig.get(('initiatives', 'started')), 'Date de début' if fr else 'Started on'),
        ('sittings', fig.get(('governance', 'sittings')), 'Tenue le' if fr else 'Held on'),
        ('actions', fig.get(('actions', 'held')), 'Tenue le' if fr else 'Held on'),
        ('difficulties', fig.get(('difficulties', 'raised')), 'Signalée le' if fr else 'Raised on')]
bad = []
if wb.sheets[6:] != names:
    bad.append(f'data sheets: {wb.sheets[6:]}, expected {names}')
year = re.search(r'(\d{4})', wb.sheets[0]).group(1)
first, last = {'2025': (45658, 46022), '2024': (45292, 45657)}[year]
for n, (log, figure, date_label) in enumerate(logs):
    rows, xml = wb.rows(7 + n)
    records = rows[1:]
    if figure is None or len(records) != int(figure) or len(records) != monthly.get(log):
        bad.append(f'{names[n]}: {len(records)} rows, the report counts {figure} (monthly {monthly.get(log)})')
    header = {v[1]: k for k, v in rows[0].items()} if rows else {}
    col = header.get(date_label)
    if not col:
        bad.append(f'{names[n]}: no column {date_label!r} in {sorted(header)}')
    for r in records:
        d = r.get(col, ('missing', '', ''))
        if d[0] != 'n' or not d[1] or not first <= float(d[1]) <= last or \
           d[2] != ('dd/mm/yyyy' if fr else 'yyyy-mm-dd'):
            bad.append(f'{names[n]}: {date_label} is not a date of {year}: {d}')
    texts = [v[1] for r in rows for v in r.values() if v[0] != 'n']
    for t in texts:
        if re.search(r'[0-9a-f]{8}-[0-9a-f]{4}-', t):
            bad.append(f'{names[n]}: an id in a cell: {t!r}')
        if t in ('started_on', 'held_on', 'created_at', 'updated_by', 'root', 'centre_social') or \
           (fr and t in ('ongoing', 'completed', 'inhabitants', 'co_decision', 'finance', 'high', 'open')):
            bad.append(f'{names[n]}: a code in a cell: {t!r}')
        if absent and t == absent:
            bad.append(f'{names[n]}: {absent!r} is listed')
    if 'state="frozen"' not in xml or 'ySplit="1"' not in xml:
        bad.append(f'{names[n]}: header not frozen')
    if '<autoFilter ref="A1:' not in xml:
        bad.append(f'{names[n]}: no autofilter')
    if '<col ' not in xml:
        bad.append(f'{names[n]}: columns not sized')
centre = {v[1]: k for k, v in wb.rows(7)[0][0].items()}.get('Centre')
if not centre or 'Centre A' not in [r.get(centre, (0, ''))[1] for r in wb.rows(7)[0][1:]]:
    bad.append('initiatives: the centre is not shown by its name')
print('\n'.join(bad) if bad else 'ok')
PY
}

# A data sheet per logbook: the records the report counts.
carnet_ok report --year 2025 --format csv -o "$tmp/bilan.csv"
expect_eq "$(data_check "$tmp/bilan.xlsx" "$tmp/bilan.csv" en)" ok "data sheets, English"
expect_eq "$(data_check "$tmp/bilan-fr.xlsx" "$tmp/bilan.csv" fr)" ok "data sheets, French"
# LibreOffice reads the same rows.
expect_eq "$(($(wc -l <"$tmp/csv/bilan-Initiatives started.csv") - 1))" 4 \
    "LibreOffice: the initiatives' data sheet holds the 4 initiatives started"

# The scope of one centre, without a deleted record: the same records as
# the figures, whose WHERE is the lists'.
carnet_ok report --year 2025 --centre "Centre A" --format csv
before=$(printf '%s\n' "$stdout" | grep '^initiatives,started,,' | cut -d, -f5)
carnet_ok list initiative --where title="Repair café" --format csv
repair=$(printf '%s\n' "$stdout" | sed -n 2p | cut -d, -f1)
carnet_ok delete "$repair"
carnet_ok report --year 2025 --centre "Centre A" --format xlsx -o "$tmp/centre.xlsx"
carnet_ok report --year 2025 --centre "Centre A" --format csv -o "$tmp/centre.csv"
expect_eq "$(data_check "$tmp/centre.xlsx" "$tmp/centre.csv" en "Repair café")" ok "data sheets of one centre"
expect_eq "$(grep '^initiatives,started,,' "$tmp/centre.csv" | cut -d, -f5)" $((before - 1)) \
    "Centre A started one initiative fewer once one is deleted"

finish
