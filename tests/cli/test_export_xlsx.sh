#!/bin/bash
# carnet export KIND --format xlsx: a workbook for a spreadsheet, in French
# and in English. One sheet named by the kind, a header of field labels,
# choices and sets as labels, references as names, real date and number
# cells, Yes/No, header frozen, autofilter, columns sized, no id or code;
# the same records as the CSV export (its filters). LibreOffice opens it
# (headless, to CSV) and the workbook's own XML is read for the cell types.
# No workbook to a terminal; no workbook of every kind.
. "$(dirname "$0")/lib.sh"

for tool in soffice python3 script; do
    command -v "$tool" >/dev/null || { fail "$tool is missing: run scripts/deps.sh test"; finish; }
done

# check_workbook FILE LANG: the XML of the workbook, as a spreadsheet reads
# it (tests/cli/workbook.py).
export PYTHONPATH=$CARNET_SRC/tests/cli PYTHONDONTWRITEBYTECODE=1
check_workbook() {
    python3 - "$1" "$2" <<'PY'
import re, sys
from workbook import Workbook
wb = Workbook(sys.argv[1])
fr = sys.argv[2] == 'fr'
bad = []
sheets = wb.sheets
if sheets != (['Initiatives']):
    bad.append(f'sheets: {sheets}')
rows, xml = wb.rows(1)
if len(rows) != 3:
    bad.append(f'{len(rows)} rows, expected a header and 2 records')
header = {v[1]: k for k, v in rows[0].items()} if rows else {}
want = {'Titre': 'title', 'Territoire': 'territory', 'État': 'status', 'Date de début': 'started_on',
        'Heures de bénévolat': 'volunteer_hours', 'Bénévoles': 'volunteers', 'Thèmes': 'themes',
        'Innovante': 'innovative', 'Portée par': 'carried_by'} if fr else \
       {'Title': 'title', 'Territory': 'territory', 'Status': 'status', 'Started on': 'started_on',
        'Volunteer hours': 'volunteer_hours', 'Volunteers': 'volunteers', 'Themes': 'themes',
        'Innovative': 'innovative', 'Carried by': 'carried_by'}
col = {}
for label, field in want.items():
    if label in header:
        col[field] = header[label]
    else:
        bad.append(f'no header {label!r} in {sorted(header)}')
# The garden (started 15/03/2026) is the newer: first, as in the CSV export.
garden = rows[1] if len(rows) > 1 else {}
def cell(field):
    return garden.get(col.get(field, '?'), ('missing', '', ''))
if cell('title')[1] != 'Jardin partagé':
    bad.append(f'first row: {cell("title")}')
hours = cell('volunteer_hours')
if hours[0] != 'n' or float(hours[1] or 'nan') != 12.5:
    bad.append(f'volunteer hours not the number 12.5: {hours}')
vol = cell('volunteers')
if vol[0] != 'n' or vol[1] != '4':
    bad.append(f'volunteers not the number 4: {vol}')
date = cell('started_on')
if date[0] != 'n' or not date[1] or float(date[1]) != 46096:
    bad.append(f'started_on not the date serial of 2026-03-15 (46096): {date}')
if date[2] != ('dd/mm/yyyy' if fr else 'yyyy-mm-dd'):
    bad.append(f'started_on format: {date[2]}')
for field, value in (('status', 'en cours' if fr else 'ongoing'),
                     ('carried_by', 'le centre' if fr else 'the centre'),
                     ('territory', 'Les Tilleuls'),
                     ('themes', 'Santé, Jeunesse' if fr else 'Health, Youth'),
                     ('innovative', 'Oui' if fr else 'Yes')):
    c = cell(field)
    if c[0] == 'n' or c[1] != value:
        bad.append(f'{field}: {c}, expected the text {value!r}')
other = rows[2] if len(rows) > 2 else {}
if other.get(col.get('innovative', '?'), ('', ''))[1] != ('Non' if fr else 'No'):
    bad.append(f'innovative=0: {other.get(col.get("innovative", "?"))}')
# No id, no code, no clock, no audit column anywhere in the sheet.
texts = [v[1] for r in rows for v in r.values() if v[0] != 'n']
for t in texts:
    if re.search(r'[0-9a-f]{8}-[0-9a-f]{4}-', t):
        bad.append(f'an id in a cell: {t!r}')
codes = ['youth', 'health', 'health,youth', 'the_centre', 'centre_social', 'inhabitants_involved',
         'volunteer_hours', 'started_on', 'created_at', 'updated_by', 'root']
if fr:
    codes += ['ongoing', 'completed', 'centre', 'inhabitants', 'yes', 'no', 'Yes', 'No']
for t in texts:
    if t in codes or re.match(r'\d{4}-\d\d-\d\dT', t):
        bad.append(f'a code or a timestamp in a cell: {t!r}')
if 'state="frozen"' not in xml or 'ySplit="1"' not in xml:
    bad.append('header not frozen')
if '<autoFilter ref="A1:' not in xml:
    bad.append('no autofilter')
if '<col ' not in xml:
    bad.append('columns not sized')
print('\n'.join(bad) if bad else 'ok')
PY
}

# lo_csv FILE DIR: LibreOffice's CSV of the workbook, cells as shown (so
# a date reads as its format writes it; numbers have no format to show).
lo_csv() {
    mkdir -p "$tmp/lo" "$2"
    run env HOME="$tmp/lo" timeout 180 soffice --headless --norestore "-env:UserInstallation=file://$tmp/lo/profile" \
        --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1' \
        --outdir "$2" "$1"
    expect_status 0 "soffice --convert-to csv"
}

for lang in fr en; do
    if [ $lang = fr ]; then
        export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
        hours=12,5 day=15/03/2026 older=02/02/2026
    else
        export LANG=en_US.UTF-8 LC_ALL=en_US.UTF-8
        hours=12.5 day=2026-03-15 older=2026-02-02
    fi
    export CARNET_TODAY=2026-12-03
    db=$tmp/$lang.db
    carnet_ok init --name "Centre test"
    carnet_ok add territory name="Les Tilleuls" city=Lyon qpv_code=QN06912M
    territory=$stdout
    carnet_ok add centre name="Centre social Les Tilleuls" kind=centre_social territory="$territory"
    centre=$stdout
    carnet_ok add initiative title="Jardin partagé" centre="$centre" territory="$territory" status=ongoing \
        carried_by=centre started_on=$day volunteers=4 volunteer_hours=$hours themes=youth,health innovative=1
    carnet_ok add initiative title="Repair café" centre="$centre" status=idea started_on=$older innovative=0
    carnet_ok add initiative title="Ancien projet" centre="$centre" status=completed started_on=2024-01-10

    # The same records as the CSV export: its filters hold.
    book=$tmp/$lang/initiatives.xlsx
    mkdir -p "$tmp/$lang"
    carnet_ok export initiative --from 2026-01-01 --format xlsx -o "$book"
    expect_stdout_empty "export --format xlsx -o ($lang): stdout"
    expect_eq "$(head -c 2 "$book")" "PK" "the workbook is a zip ($lang)"
    expect_eq "$(stat -c %a "$book")" 600 "the workbook's mode ($lang)"
    expect_eq "$(check_workbook "$book" $lang)" ok "cells, labels and layout ($lang)"

    lo_csv "$book" "$tmp/$lang/csv"
    csv=$tmp/$lang/csv/initiatives-Initiatives.csv   # BOOK-SHEET.csv
    lo_check=$(python3 - "$csv" $lang <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))
fr = sys.argv[2] == 'fr'
bad = []
if len(rows) != 3:
    bad.append(f'{len(rows)} rows: {rows}')
else:
    h, garden, repair = rows
    rec = dict(zip(h, garden))
    want = {'Titre': 'Jardin partagé', 'Centre': 'Centre social Les Tilleuls', 'Territoire': 'Les Tilleuls',
            'État': 'en cours', 'Portée par': 'le centre', 'Bénévoles': '4', 'Heures de bénévolat': '12,5',
            'Thèmes': 'Santé, Jeunesse', 'Innovante': 'Oui', 'Date de début': '15/03/2026'} if fr else \
           {'Title': 'Jardin partagé', 'Centre': 'Centre social Les Tilleuls', 'Territory': 'Les Tilleuls',
            'Status': 'ongoing', 'Carried by': 'the centre', 'Volunteers': '4', 'Volunteer hours': '12.5',
            'Themes': 'Health, Youth', 'Innovative': 'Yes', 'Started on': '2026-03-15'}
    for k, v in want.items():
        if rec.get(k) != v:
            bad.append(f'{k}: {rec.get(k)!r}, expected {v!r}')
    if dict(zip(h, repair)).get('Titre' if fr else 'Title') != 'Repair café':
        bad.append(f'second row: {repair}')
print('\n'.join(bad) if bad else 'ok')
PY
)
    expect_eq "$lo_check" ok "LibreOffice reads the labels, names and values ($lang)"

    # A workbook is for a file: not to a terminal, and one kind at a time.
    run script -qec "$(printf '%q ' "$CARNET" --db "$db" export initiative --format xlsx)" /dev/null
    expect_status 2 "export --format xlsx to a terminal ($lang)"
    expect_stdout_contains "-o" "the refusal says to give -o FILE ($lang)"
    expect_stdout_not_contains "PK" "no workbook on the terminal ($lang)"
    carnet export --format xlsx -o "$tmp/$lang/all.xlsx"
    expect_status 2 "export --format xlsx of every kind ($lang)"
    expect_stderr_contains "KIND" "the refusal asks for a KIND ($lang)"
    expect_eq "$(ls "$tmp/$lang/all.xlsx" 2>/dev/null)" "" "no file for a refused export ($lang)"
done

finish
