#!/bin/bash
# carnet report --format xlsx: the workbook is opened by LibreOffice in
# headless mode (every sheet converted to CSV) and its figures equal the
# CSV report's; number, percentage and date cells are typed (read in the
# workbook's own XML); the header row is frozen and the columns sized.
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

# Typed cells, frozen header, sized columns: the workbook's XML.
types_check=$(python3 - "$tmp/bilan.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
wb = z.read('xl/workbook.xml').decode()
sheets = re.findall(r'<sheet name="([^"]+)"', wb)
strings = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
styles = z.read('xl/styles.xml').decode()
fmts = {m[0]: m[1].replace('&quot;', '"') for m in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
xfs = re.findall(r'<xf [^>]*numFmtId="(\d+)"', styles.split('<cellXfs')[1])
bad = []
def rows(i):
    xml = z.read(f'xl/worksheets/sheet{i}.xml').decode()
    out = []
    for r in re.findall(r'<row [^>]*>(.*?)</row>', xml, re.S):
        cells = {}
        for ref, attrs, v in re.findall(r'<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)</v>)?', r):
            t = re.search(r't="(\w+)"', attrs)
            s = re.search(r's="(\d+)"', attrs)
            fmt = fmts.get(xfs[int(s.group(1))], 'general') if s else 'general'
            val = strings[int(v)] if t and t.group(1) == 's' else v
            cells[ref] = (t.group(1) if t else 'n', val, fmt)
        out.append(cells)
    return out, xml
def find(i, code):
    for cells in rows(i)[0]:
        if cells.get('G', (0, None))[1] == code:
            return cells
    bad.append(f'sheet {i}: no row {code}')
    return {}
if len(sheets) != 6:
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
expect_eq "$(ls "$tmp/csv" | wc -l)" 6 "LibreOffice read six sheets"

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

finish
