#!/bin/bash
# carnet report --format html, checked in a real browser: headless Chromium
# prints the document to PDF and pdftotext (poppler-utils) reads it back.
# The key figures of each section in the PDF equal `report --format csv`;
# the HTML asks for nothing outside itself (its markup, and Chromium's own
# network log: a canary page proves that check can fail); record text is
# escaped; each section starts a page; French is written in French.
. "$(dirname "$0")/lib.sh"

for tool in chromium pdftotext python3; do
    command -v "$tool" >/dev/null || { fail "$tool is missing: run scripts/deps.sh test"; finish; }
done

db=$tmp/report.db
export CARNET_TODAY=2025-06-15

report_data
# Record text that would be markup if it were not escaped.
carnet_ok add difficulty 'summary=<script>alert(1)</script> & "co" <img src=x>' "centre=Centre A" \
    raised_on=2025-09-01 kind=other severity=low status=open

# pdf HTML PDF: prints HTML with Chromium, its network log in PDF.netlog.
pdf() {
    rm -f "$2" "$2.netlog"
    timeout 90 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d "$tmp/chromium.XXXXXX")" --log-net-log="$2.netlog" \
        --no-pdf-header-footer --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
    [ -s "$2" ]
}

# requests NETLOG FILE: the URLs the page FILE asked for (Chromium's own
# background requests have no origin and are not the page's).
requests() {
    python3 - "$1" "file://$2" <<'PY'
import json, sys
log = json.load(open(sys.argv[1]))
names = {v: k for k, v in log['constants']['logEventTypes'].items()}
seen = set()
for e in log['events']:
    p = e.get('params') or {}
    if names.get(e['type']) != 'URL_REQUEST_START_JOB' or 'url' not in p:
        continue
    if p.get('initiator') == 'not an origin' or p['url'] == sys.argv[2]:
        continue
    seen.add(p['url'])
print('\n'.join(sorted(seen)))
PY
}

# The checks must be able to fail: a page with an image and a CSS
# background to load is caught by the network log.
printf '%s' '<!DOCTYPE html><p>x</p><img src="http://127.0.0.1:9/a.png"><div style="background:url(http://127.0.0.1:9/b.png)">y</div>' \
    >"$tmp/canary.html"
if pdf "$tmp/canary.html" "$tmp/canary.pdf"; then
    expect_match "$(requests "$tmp/canary.pdf.netlog" "$tmp/canary.html")" "127.0.0.1:9/a.png" \
        "the network log shows a page's request (canary)"
else
    fail "chromium printed nothing for the canary page"
fi

carnet_ok report --year 2025 --format html -o "$tmp/bilan-2025.html"
expect_stdout_empty "report --format html -o: stdout"
html=$(cat "$tmp/bilan-2025.html")
expect_match "$html" "^<!DOCTYPE html>" "an HTML document"
# Nothing to load and no script in the markup: its tags and attributes
# (the SVG namespace is a name, not a load).
markup_check=$(python3 - "$tmp/bilan-2025.html" <<'PY'
import html.parser, re, sys
bad = []
class Check(html.parser.HTMLParser):
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'link', 'img', 'iframe', 'frame', 'object', 'embed', 'base', 'audio', 'video',
                   'source', 'track', 'image', 'use', 'foreignobject', 'form', 'input'):
            bad.append(f'<{tag}>')
        for k, v in attrs:
            if k in ('src', 'href', 'xlink:href', 'srcset', 'action', 'poster', 'data', 'background') \
                    or k.startswith('on') or re.search(r'url\(|@import|expression\(', v or '', re.I):
                bad.append(f'<{tag} {k}={v!r}>')
    def handle_data(self, data):
        if self.lasttag == 'style' and re.search(r'url\(|@import|@font-face', data, re.I):
            bad.append('style loads something')
Check().feed(open(sys.argv[1], encoding='utf-8').read())
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$markup_check" ok "the markup loads nothing and has no script"
expect_eq "$(grep -o 'https\?://[^"]*' "$tmp/bilan-2025.html" | sort -u)" "http://www.w3.org/2000/svg" \
    "no address but the SVG namespace"
expect_match "$html" "&lt;script&gt;alert\\(1\\)&lt;/script&gt; &amp; &quot;co&quot; &lt;img src=x&gt;" \
    "record text is escaped"
expect_match "$html" "@media print" "a print stylesheet"
expect_match "$html" "size:A4" "printed on A4"
expect_match "$html" "name=\"viewport\"" "readable on a phone"
expect_match "$html" "<svg" "charts as inline SVG"

if ! pdf "$tmp/bilan-2025.html" "$tmp/bilan.pdf"; then
    fail "chromium printed no PDF of the report"
    finish
fi
expect_eq "$(requests "$tmp/bilan.pdf.netlog" "$tmp/bilan-2025.html")" "" "the report asks Chromium for nothing"
pdftotext -layout "$tmp/bilan.pdf" "$tmp/bilan.txt"

# The key figures of each section, as the CSV report gives them, are in
# the PDF on the line of their label.
carnet_ok report --year 2025 --format csv
csv=$OUT
figures_check=$(python3 - "$csv" "$tmp/bilan.txt" <<'PY'
import csv, re, sys
rows = {(r[0], r[1], r[2]): r for r in csv.reader(open(sys.argv[1], newline='', encoding='utf-8'))}
text = open(sys.argv[2], encoding='utf-8').read()
lines = [' '.join(l.split()) for l in text.splitlines()]
keys = [('initiatives', 'started', ''), ('initiatives', 'volunteer_hours', ''), ('initiatives', 'in_qpv_share', ''),
        ('governance', 'seats', ''), ('governance', 'women_share', ''), ('governance', 'sittings', ''),
        ('governance', 'avg_attendees', ''),
        ('actions', 'held', ''), ('actions', 'participants', ''), ('actions', 'follow_ups_past_due', ''),
        ('difficulties', 'raised', ''), ('difficulties', 'open', ''), ('difficulties', 'avg_days_to_inform', '')]
bad = []
for k in keys:
    r = rows[k]
    label, value, unit, prev = r[3], r[4], r[5], r[6]
    # the CSV's unit is the plural; a person reads 1 in the singular
    one = {'people': 'person'}.get(unit, unit[:-3] + 'y' if unit.endswith('ies') else unit.rstrip('s'))
    shown = value + ('%' if unit == '%' else ' ' + (one if value in ('1', '1.0') else unit))
    if not any(label in l and shown in l and (not prev or prev in l) for l in lines):
        bad.append(f'{k}: no line with {label!r} and {shown!r} (last year {prev!r})')
# The monthly table's totals.
total = [l for l in lines if l.startswith('Total ')]
want = 'Total ' + ' '.join(rows[('monthly', 'per_month.' + c, 'Total')][4]
                           for c in ('initiatives', 'sittings', 'actions', 'difficulties'))
if want not in total:
    bad.append(f'monthly totals: {want!r} not in {total!r}')
# Every open difficulty's summary (the escaped one read back as typed).
for s in ('Départ animatrice', '<script>alert(1)'):
    if s not in text:
        bad.append(f'open difficulty {s!r} missing')
print('\n'.join(bad) if bad else 'ok')
PY
)
expect_eq "$figures_check" ok "the PDF holds the CSV's figures"

# A page break before each section: the first follows the title on
# page 1, each other title opens a page.
pages=$(python3 - "$tmp/bilan.txt" <<'PY'
import sys
pages = open(sys.argv[1], encoding='utf-8').read().split('\f')
print('\n'.join(p.strip().splitlines()[0].strip() for p in pages if p.strip()))
PY
)
expect_eq "$(printf '%s\n' "$pages" | head -1)" "Activity report 2025" "page 1: the title"
expect_match "$(pdftotext -f 1 -l 1 "$tmp/bilan.pdf" -)" "1. Local initiatives" "page 1: the first section"
for title in "2. Participation of inhabitants in governance" \
    "3. Actions against discrimination" "4. Difficulties and partners informed" "5. Activity per month" \
    "Definitions"; do
    if printf '%s\n' "$pages" | grep -qxF "$title"; then pass; else fail "'$title' opens a page" "$pages"; fi
done

# French: dates, numbers, quotes and no-break spaces.
LANGUAGE=fr LC_ALL=fr_FR.UTF-8 carnet_ok report --year 2025 --format html -o "$tmp/bilan-fr.html"
fr=$(cat "$tmp/bilan-fr.html")
nb=$'\u00a0' nn=$'\u202f'
expect_match "$fr" "<html lang=\"fr\">" "French: the document's language"
expect_match "$fr" "du 1er janvier 2025 au 31 décembre 2025" "French: dates in words"
expect_match "$fr" "«${nb}Fédération test${nb}»" "French: « » quotes"
expect_match "$fr" "48,5${nb}heures" "French: a decimal comma"
expect_match "$fr" "50${nn}%" "French: a narrow no-break space before %"
expect_match "$fr" "sous 50${nn}%" "French: in labels too"
expect_no_match "$fr" "[0-9] %" "French: no breakable space before %"
if pdf "$tmp/bilan-fr.html" "$tmp/bilan-fr.pdf"; then
    pdftotext -layout "$tmp/bilan-fr.pdf" "$tmp/bilan-fr.txt"
    expect_match "$(cat "$tmp/bilan-fr.txt")" "Heures de bénévolat +48,5 heures +0,0 heure" "French PDF: a figure and last year's, each with its plural (0 is singular in French)"
    expect_eq "$(requests "$tmp/bilan-fr.pdf.netlog" "$tmp/bilan-fr.html")" "" "the French report asks for nothing"
else
    fail "chromium printed no PDF of the French report"
fi

finish
