# The Browse screen's export (x), in French and in English at 80x24: it
# asks the format and the file instead of writing a fixed file. A list of
# one logbook offers the workbook first (labels, names, real numbers), then
# the CSV of carnet export; a list of several logbooks, JSON. The file is
# offered in the documents folder of user-dirs.dirs, named by the logbook
# in the language and today's date; an existing file is never replaced
# without asking (No first); a folder that does not exist keeps what was
# typed; the whole path is shown in a box.
E2E_W=80
E2E_H=24
. "$(dirname "$0")/lib.sh"

export HOME=$tmp/home
conf=$tmp/config
docs=$HOME/Documents-du-centre-social-pour-les-exports
mkdir -p "$docs" "$conf"
printf 'XDG_DOCUMENTS_DIR="$HOME/%s"\n' "${docs##*/}" >"$conf/user-dirs.dirs"
today=$(date -u +%F)
make_store
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" territory="$territory_id" status=ongoing \
    carried_by=centre started_on=2026-03-15 volunteers=4 volunteer_hours=12.5 themes=youth,health innovative=1
garden=$stdout
carnet_ok add initiative title="Repair café" centre="$centre_id" status=idea started_on=2026-02-02
carnet_ok add action title="Atelier droits" centre="$centre_id" held_on=2026-04-01 kind=awareness \
    domain=employment audience=adults

# check_book FILE: the workbook of the two initiatives, read in its XML.
check_book() {
    python3 - "$1" "$garden" "$territory_id" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
xml = z.read('xl/worksheets/sheet1.xml').decode()
wb = z.read('xl/workbook.xml').decode()
bad = []
if '<sheet name="Initiatives"' not in wb:
    bad.append('no sheet Initiatives')
for want in ('Jardin partagé', 'Repair café', 'Les Tilleuls', 'Centre social Tilleuls', '<v>12.5</v>', 'state="frozen"'):
    if want not in xml:
        bad.append(f'{want} is not in the sheet')
for id in sys.argv[2:]:
    if id in xml:
        bad.append(f'the id {id} is in the sheet')
print('\n'.join(bad) if bad else 'ok')
PY
}

# filter_initiatives: Browse filtered to the initiatives (2 records).
filter_initiatives() {
    send_keys f
    wait_for "$1"
    type_text "$2"
    send_keys Enter
    type_text initiative
    send_keys Enter
    expect_screen "1/2" "the list holds the two initiatives"
}

# ---- French ---------------------------------------------------------------------
start_carnet "LANG=fr_FR.UTF-8" "XDG_CONFIG_HOME=$conf"
send_keys 5
expect_screen "Parcourir"
expect_screen "1/3"

# Several logbooks: JSON only.
send_keys x
expect_screen "JSON (plusieurs journaux)" "several logbooks: JSON"
expect_screen "enregistrements-$today.json" "a French file name with today's date"
send_keys Enter
expect_box_path "Liste exportée" "$docs/enregistrements-$today.json"
expect_eq "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$docs/enregistrements-$today.json" 2>&1)" 3 \
    "the JSON holds the three records"
send_keys Enter
expect_no_screen "Liste exportée" "the box is dismissed"

# One logbook: the workbook first, named by the logbook in French.
filter_initiatives "Filtrer sur" Journal
send_keys x
expect_screen "Classeur (xlsx)" "one logbook: the workbook first"
expect_screen "initiatives-$today.xlsx" "the logbook's name and today's date"
send_keys Enter
book=$docs/initiatives-$today.xlsx
expect_box_path "Liste exportée" "$book"
expect_screen "2 enregistrements" "the box says how many records"
expect_file_start "$book" "PK"
expect_eq "$(stat -c %a "$book" 2>/dev/null)" 600 "the export is private (0600)"
expect_eq "$(check_book "$book")" ok "the workbook: labels, names, numbers, no id"
send_keys Enter
[ ! -e "$HOME/carnet-browse.csv" ] && [ ! -e "$HOME/carnet-browse.json" ] && pass || fail "no fixed file in HOME"

# Again: asked first, No by default, the file untouched.
before=$(md5sum <"$book")
send_keys x
expect_screen "initiatives-$today.xlsx"
send_keys Enter
expect_screen "Remplacer" "an existing file: carnet asks first"
send_keys Enter
expect_screen "Ce fichier existe" "Enter answers No: the dialog stays open and says why"
expect_eq "$(md5sum <"$book")" "$before" "the file was not written over"
send_keys Escape
expect_no_screen "Fichier" "Esc closes the dialog"

# CSV: the extension follows, the file is carnet export's.
send_keys x
expect_screen "Classeur (xlsx)"
send_keys Right
expect_screen "CSV (pour carnet import)" "Right chooses CSV"
expect_screen "initiatives-$today.csv" "the extension follows the format"
send_keys Enter
expect_box_path "Liste exportée" "$docs/initiatives-$today.csv"
carnet_ok export initiative --format csv
expect_files_eq "$docs/initiatives-$today.csv" "$OUT" "the screen's CSV is carnet export's"
send_keys Enter

# A folder that does not exist: a message, and what was typed stays.
send_keys x
expect_screen "Classeur (xlsx)"
send_keys Tab C-u
type_text "$tmp/absent/liste.xlsx"
send_keys Enter
expect_screen "Ce dossier n’existe pas" "a clear message"
expect_screen "$tmp/absent/liste.xlsx" "the path typed is kept"
[ ! -e "$tmp/absent" ] && pass || fail "nothing is created for a missing folder"
send_keys Escape
expect_screen "Abandonner les modifications" "Esc on a typed path asks first"
send_keys n
expect_screen "$tmp/absent/liste.xlsx" "No: the typed path stays"
send_keys Escape o
expect_no_screen "Fichier" "Yes (o): the dialog closes"

# ---- English -----------------------------------------------------------------------
start_carnet "LANG=C.UTF-8" "XDG_CONFIG_HOME=$conf"
send_keys 5
expect_screen "Browse"
send_keys x
expect_screen "JSON (several logbooks)"
expect_screen "records-$today.json" "an English file name"
send_keys Escape
filter_initiatives "Filter on" Logbook
send_keys x
expect_screen "Spreadsheet (xlsx)"
expect_screen "initiatives-$today.xlsx"
send_keys Enter
expect_screen "Replace it?" "English: asked before replacing"
send_keys y
expect_box_path "List exported" "$book"
expect_screen "2 records are in" "English: how many"
expect_eq "$(check_book "$book")" ok "the workbook written again"
send_keys Enter

finish
