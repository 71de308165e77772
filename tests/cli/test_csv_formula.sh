# CSV formula injection: text that a spreadsheet would run as a formula
# (=, +, -, @, tab, CR first) leaves carnet neutralised by a leading ',
# in every CSV carnet writes (list, export, browse, report), while numbers
# keep their sign; and an export imported into a fresh store gives back the
# same records byte for byte, including text that itself begins with '.
. "$(dirname "$0")/lib.sh"

# check_cells FILE WHAT: no cell of the CSV in FILE would run as a formula;
# a cell may begin with - only when it is a number.
check_cells() {
    run python3 -c '
import csv, re, sys
bad = []
for n, row in enumerate(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")), 1):
    for cell in row:
        if cell[:1] in ("=", "+", "@", "\t", "\r") or (cell[:1] == "-" and not re.fullmatch(r"-[0-9]+(\.[0-9]+)?", cell)):
            bad.append("row %d: %r" % (n, cell))
sys.exit("\n".join(bad) or None)' "$1"
    expect_status 0 "$2: no cell begins like a formula"
}

db=$tmp/a.db
carnet_ok init --name "Source"
carnet_ok add territory "name=@Quartier" qpv_code=QN091
carnet_ok add centre "name==Centre(1)" kind=centre_social territory=@Quartier
centre=$stdout
carnet_ok add partner "name=-CAF" type=caf     # a name a spreadsheet would run too
titles=('=HYPERLINK("http://x","y")' '@SUM(A1)' '+1' '-1' "'=x" "'plain" "''-x")
descs=($'\tx' $'=1+1\nsecond line' '-2' "'@" '+' "l'été" '@')
for i in "${!titles[@]}"; do
    carnet_ok add initiative "title=${titles[$i]}" "description=${descs[$i]}" "centre=$centre" status=idea \
        carried_by=shared started_on=2026-05-0$((i + 1)) volunteer_hours=2.5 partners=-CAF
done

carnet_ok export --format csv -o "$tmp/csv"
for k in territory centre partner initiative; do
    check_cells "$tmp/csv/$k.csv" "export $k"
done
grep -qF "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" "$tmp/csv/initiative.csv" && pass ||
    fail "the HYPERLINK title is written with a ' in front" "$(cat "$tmp/csv/initiative.csv")"
grep -qF ",''=x," "$tmp/csv/initiative.csv" && pass || fail "a title that begins with '= gets one more '"
grep -qF ",'plain," "$tmp/csv/initiative.csv" && pass || fail "'plain is written as it is"
grep -qF ",2.5," "$tmp/csv/initiative.csv" && pass || fail "a number is written as a number"

carnet_ok list initiative --format csv
cp "$OUT" "$tmp/list.csv"
check_cells "$tmp/list.csv" "list --format csv"
carnet_ok browse --format csv
cp "$OUT" "$tmp/browse.csv"
check_cells "$tmp/browse.csv" "browse --format csv"
carnet_ok report --year 2026 --format csv -o "$tmp/report.csv"
check_cells "$tmp/report.csv" "report --format csv"

# Into a fresh store, and back out: the same records, byte for byte.
db=$tmp/b.db
carnet_ok init --name "Copie"
for k in territory centre partner initiative; do
    carnet_ok import "$k" "$tmp/csv/$k.csv"
done
for f in a b; do
    run "$CARNET" --db "$tmp/$f.db" export --format json
    expect_status 0 "export --format json of $f"
    strip_json $AUDIT_TIMES <"$OUT" >"$tmp/$f.json"
done
expect_files_eq "$tmp/a.json" "$tmp/b.json" "an export with formula-like text imported into a fresh store gives the same records"
for i in "${!titles[@]}"; do
    got=$(sql "$tmp/b.db" "select hex(title) || ':' || hex(description) from initiative where started_on = '2026-05-0$((i + 1))'")
    want=$(printf '%s' "${titles[$i]}" | od -An -tx1 | tr -d ' \n' | tr a-f A-F):$(printf '%s' "${descs[$i]}" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)
    expect_eq "$got" "$want" "title and description ${titles[$i]} come back byte for byte"
done
expect_eq "$(sql "$tmp/b.db" "select name from centre")" "=Centre(1)" "the centre's name comes back"
# The same files imported again into the store they came from change nothing.
db=$tmp/a.db
carnet_ok import initiative "$tmp/csv/initiative.csv"
expect_stderr_contains "0 created, 0 updated, 7 unchanged"

finish
