#!/usr/bin/env bash
# The federation's report (issue 17): carnet --db URI report computes the
# yearly report on the hub, in PostgreSQL, for one centre, one dataset or
# every dataset the role may read. For each centre, in French and in
# English, every format (text, Markdown, CSV, HTML, xlsx) equals line for
# line the report of carnet report --centre NAME on the centre's own store
# (but the store's name, which a hub report has not, and the xlsx's data
# sheets of the store's records); a dataset's report
# equals its store's; the report of every dataset adds theirs up; a reader
# of one dataset gets that dataset's figures only (row-level security);
# a name held in two datasets asks for --dataset; bad options say what
# to give.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"

for tool in python3 sqlite3; do
    command -v "$tool" >/dev/null || { echo "$tool is needed (scripts/deps.sh test installs it)" >&2; exit 1; }
done
pg_start
"$PG_BIN/createuser" fedadmin
"$PG_BIN/createdb" -O fedadmin federation
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE reader_a LOGIN; CREATE ROLE metabase LOGIN;" && pass ||
    fail "the roles"
cd "$tmp" || exit 2
as() { printf 'postgresql:///federation?host=%s&user=%s' "$pg_dir" "$1"; }
owner=$(as fedadmin)
export CARNET_TODAY=2026-11-15

# Two centres' stores: the demo's (three centres, two years), and a second
# demo whose centres have the same names.
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 400 --seed 5
db=$tmp/b.db
carnet_ok init --name B
carnet_ok demo --records 150 --seed 8
ds_a=$(sqlite3 a.db "select value from meta where key='dataset_id'")
ds_b=$(sqlite3 b.db "select value from meta where key='dataset_id'")
run "$CARNET" hub init "$owner"
expect_status 0 "hub init"
for s in a b; do
    run "$CARNET" --db "$s.db" sync "$owner"
    expect_status 0 "store $s synced with the hub"
done
run "$CARNET" hub grant "$owner" reader_a --dataset "$ds_a"
expect_status 0 "reader_a reads dataset A"
run "$CARNET" hub grant "$owner" metabase --all-datasets
expect_status 0 "metabase reads every dataset"

# without_store FORMAT FILE: the report without the store's name (a line
# of text, Markdown and CSV, a row of the HTML's header).
without_store() {
    case $1 in
    html) sed -E 's#<tr><td>(Store|Base)</td><td>[^<]*</td></tr>##' "$2" ;;
    *) grep -Ev '^(  Store |  Base |- (Store|Base)[^:]*: |report,store,)' "$2" ;;
    esac
}
# xlsx_cells FILE: every sheet's cells (name, then each row's values), the
# store's row left out.
xlsx_cells() {
    python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = z.namelist()
strings = []
if 'xl/sharedStrings.xml' in names:
    strings = [re.sub(r'<[^>]+>', '', s) for s in
               re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
for i, sheet in enumerate(re.findall(r'<sheet name="([^"]+)"', z.read('xl/workbook.xml').decode()), 1):
    print('==', sheet)
    for r in re.findall(r'<row [^>]*>(.*?)</row>', z.read(f'xl/worksheets/sheet{i}.xml').decode(), re.S):
        cells = []
        for attrs, v, inline in re.findall(r'<c ([^>]*?)/?>(?:<v>([^<]*)</v>|<is><t[^>]*>([^<]*)</t></is>)?', r):
            t = re.search(r't="(\w+)"', attrs)
            cells.append(strings[int(v)] if t and t.group(1) == 's' else inline or v)
        if cells and cells[0] in ('Store', 'Base'):
            continue
        print('\t'.join(cells))
PY
}
# same WHAT STORE_FILE HUB_FILE FORMAT: the two reports agree.
same() {
    if [ "$4" = xlsx ]; then
        # The store's workbook adds a data sheet per logbook (its records),
        # which the hub's leaves to its federation views: the hub's sheets
        # are the store's first ones.
        xlsx_cells "$3" >"$3.cells"
        xlsx_cells "$2" | head -n "$(wc -l <"$3.cells")" >"$2.cells"
        diff "$2.cells" "$3.cells" >"$tmp/diff" && [ -s "$2.cells" ] &&
            [ "$(grep -c '^== ' "$3.cells")" -eq 6 ]
    else
        without_store "$4" "$2" >"$2.cmp" && without_store "$4" "$3" >"$3.cmp"
        diff "$2.cmp" "$3.cmp" >"$tmp/diff" && [ -s "$2.cmp" ]
    fi && pass || { fail "$1: the hub's report differs from the store's"; head -20 "$tmp/diff" >&2; }
}

# --- each centre, every format, French and English ---------------------------------
mapfile -t centres < <(sqlite3 a.db "select name from centre where deleted = 0 order by name")
expect_eq "${#centres[@]}" 3 "the demo's three centres"
# Under valgrind (CARNET_VALGRIND=1), one locale and the formats with code of their own.
locales="fr_FR.UTF-8 C.UTF-8" formats="text markdown csv html xlsx"
[ -n "${CARNET_VALGRIND:-}" ] && locales=fr_FR.UTF-8 formats="text html xlsx"
n=0
for lc in $locales; do
    for c in "${centres[@]}"; do
        for f in $formats; do
            n=$((n + 1))
            LC_ALL=$lc "$CARNET" --db a.db report --year 2026 --centre "$c" --format $f -o "store$n.$f" 2>"$tmp/err" ||
                fail "the store's report of $c ($f, $lc): $(cat "$tmp/err")"
            LC_ALL=$lc "$CARNET" --db "$owner" report --year 2026 --dataset "$ds_a" --centre "$c" --format $f \
                -o "hub$n.$f" 2>"$tmp/err" || fail "the hub's report of $c ($f, $lc): $(cat "$tmp/err")"
            same "$c, $f, $lc" "store$n.$f" "hub$n.$f" $f
        done
    done
done
# Last year's, compared with 2024 (no data: said so, not divided by zero).
LC_ALL=fr_FR.UTF-8 "$CARNET" --db a.db report --year 2025 --centre "${centres[0]}" --format csv >store-2025.csv
LC_ALL=fr_FR.UTF-8 "$CARNET" --db "$owner" report --year 2025 --dataset "$ds_a" --centre "${centres[0]}" \
    --format csv >hub-2025.csv
same "2025" store-2025.csv hub-2025.csv csv
grep -q '^governance,sittings,,' hub-2025.csv && pass || fail "the CSV has the governance figures"

# --- a whole dataset; every dataset --------------------------------------------------
"$CARNET" --db a.db report --year 2026 --format text >store-a.txt
"$CARNET" --db "$owner" report --year 2026 --dataset "$ds_a" --format text >hub-a.txt
same "dataset A" store-a.txt hub-a.txt text
"$CARNET" --db b.db report --year 2026 --format csv >store-b.csv
"$CARNET" --db "$owner" report --year 2026 --dataset "$ds_b" --format csv >hub-b.csv
same "dataset B" store-b.csv hub-b.csv csv
# figure FILE SECTION CODE: a figure's value in a CSV report.
figure() { awk -F, -v s="$2" -v c="$3" '$1 == s && $2 == c && $3 == "" { print $5; exit }' "$1"; }
"$CARNET" --db a.db report --year 2026 --format csv >store-a.csv
"$CARNET" --db "$owner" report --year 2026 --format csv >hub-all.csv
for code in initiatives,started governance,sittings governance,seats actions,held difficulties,raised; do
    sec=${code%,*} ind=${code#*,}
    expect_eq "$(figure hub-all.csv "$sec" "$ind")" \
        "$(($(figure store-a.csv "$sec" "$ind") + $(figure store-b.csv "$sec" "$ind")))" \
        "every dataset: $code is the sum of the two centres' stores"
done
"$CARNET" --db "$(as metabase)" report --year 2026 --format csv >metabase.csv
same "metabase, every dataset" hub-all.csv metabase.csv csv

# --- row-level security: a reader of dataset A ---------------------------------------
"$CARNET" --db "$(as reader_a)" report --year 2026 --format text >reader.txt
same "reader_a, every dataset it may read" store-a.txt reader.txt text
run "$CARNET" --db "$(as reader_a)" report --year 2026 --dataset "$ds_b"
expect_status 1
expect_stderr_contains "holds no dataset $ds_b that you may read"

# --- a name in two datasets; bad options -----------------------------------------------
if sqlite3 b.db "select 1 from centre where name = '${centres[0]//\'/\'\'}' and deleted = 0" | grep -q 1; then
    run "$CARNET" --db "$owner" report --year 2026 --centre "${centres[0]}"
    expect_status 1
    expect_stderr_contains "give the dataset with --dataset ID"
else
    fail "the second demo was to have a centre named ${centres[0]}"
fi
run "$CARNET" --db "$owner" report --year 2026 --dataset "$ds_a" --centre "Centre inconnu"
expect_status 1
expect_stderr_contains "the dataset $ds_a of the hub"
expect_stderr_contains "has no centre named 'Centre inconnu'"
run "$CARNET" --db a.db report --dataset "$ds_a"
expect_status 2
expect_stderr_contains "give the hub's address with --db URI"
run "$CARNET" --db "$owner" report --dataset 12
expect_status 2
expect_stderr_contains "--dataset 12: expected a dataset's id"
finish
