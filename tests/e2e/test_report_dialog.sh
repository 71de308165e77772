# The report dialog, in French and in English, at 80x24 and 60x20: the
# Dashboard's report key (w) asks the format (the printable document first)
# and the file (in the documents folder of user-dirs.dirs, named bilan-YEAR /
# report-YEAR, the centre's name when one is chosen); the file is written
# 0600 and its whole path shown in a box; an existing file is never replaced
# silently; xlsx to another folder; a folder that does not exist keeps the
# dialog open with what was typed; :rapport / :report open it anywhere.
E2E_W=80
E2E_H=24
. "$(dirname "$0")/lib.sh"

export HOME=$tmp/home
conf=$tmp/config
# Long enough that the whole path does not fit on one line of the box.
docs=$HOME/Documents-du-centre-social-pour-les-bilans-annuels-remis-aux-financeurs
mkdir -p "$docs" "$conf" "$tmp/autre"
printf 'XDG_DESKTOP_DIR="$HOME/Bureau"\nXDG_DOCUMENTS_DIR="$HOME/%s"\n' "${docs##*/}" >"$conf/user-dirs.dirs"
year=$(date -u +%Y)
make_store

# ---- French, 80x24 ----------------------------------------------------------
start_carnet "LANG=fr_FR.UTF-8" "XDG_CONFIG_HOME=$conf"
send_keys 6
expect_screen "Tableau de bord $year"
send_keys w
expect_screen "Document imprimable (HTML)" "the printable document is the default format"
expect_screen "Fichier" "the file, in French"
expect_screen "bilan-$year.html" "a French file name"
send_keys Enter
report=$docs/bilan-$year.html
expect_box_path "Bilan écrit" "$report"
expect_file_start "$report" "<!DOCTYPE html>"
expect_eq "$(stat -c %a "$report" 2>/dev/null)" 600 "the report is private (0600)"
send_keys Enter
expect_no_screen "Bilan écrit" "the box is dismissed"

# Again: the file is there, it is not replaced without asking.
echo "ancien contenu" >"$report"
send_keys w
expect_screen "bilan-$year.html"
send_keys Enter
expect_screen "Remplacer" "an existing file: carnet asks first"
send_keys n
expect_screen "Ce fichier existe" "no: the dialog stays open and says why"
expect_eq "$(cat "$report")" "ancien contenu" "the file was not written over"
send_keys Escape
expect_no_screen "Fichier" "Esc closes the dialog"

# xlsx, in another folder: the extension follows the format.
send_keys w
expect_screen "Document imprimable"
send_keys Right
expect_screen "Classeur (xlsx)" "Right chooses the next format"
expect_screen "bilan-$year.xlsx" "the extension follows the format"
send_keys Tab C-u
type_text "$tmp/autre/chiffres.xlsx"
send_keys Enter
expect_box_path "Bilan écrit" "$tmp/autre/chiffres.xlsx"
expect_file_start "$tmp/autre/chiffres.xlsx" "PK"
send_keys Escape

# A folder that does not exist: a message, and what was typed stays.
send_keys w
expect_screen "Document imprimable"
send_keys Tab C-u
type_text "$tmp/absent/bilan.html"
send_keys Enter
expect_screen "Ce dossier n’existe pas" "a clear message"
expect_screen "$tmp/absent/bilan.html" "the path typed is kept"
[ ! -e "$tmp/absent" ] && pass || fail "nothing is created for a missing folder"
# Esc on a typed path asks first; No keeps the dialog and the path.
send_keys Escape
expect_screen "Abandonner les modifications" "Esc on what was typed asks first"
send_keys n
expect_screen "$tmp/absent/bilan.html" "No: the dialog and the typed path stay"
send_keys Escape
expect_screen "Abandonner les modifications"
send_keys o
expect_no_screen "Fichier" "Yes (o): the dialog closes"

# :rapport from another screen: the same dialog, this year, every centre.
send_keys 1
expect_screen "Accueil"
send_keys :
type_text "rapport"
send_keys Enter
expect_screen "Le bilan $year — Tous les centres" ":rapport opens the report dialog"
expect_screen "Document imprimable (HTML)"
send_keys Escape
expect_screen "Accueil"

# ---- French, 60x20: the box wraps the path to its width ------------------------
resize 60 20
send_keys 6
expect_screen "Tableau de bord"
send_keys w
expect_screen "Document imprimable"
send_keys Right Right
expect_screen "Markdown"
send_keys Enter
expect_box_path "Bilan écrit" "$docs/bilan-$year.md"
expect_file_start "$docs/bilan-$year.md" "#"
send_keys Enter

# ---- English, with a centre: its name in the file name -----------------------------
start_carnet "LANG=C.UTF-8" "XDG_CONFIG_HOME=$conf"
send_keys 6
expect_screen "Dashboard $year"
send_keys c
expect_screen "Centre social Tilleuls"
send_keys w
expect_screen "Printable document (HTML)"
expect_screen "report-$year-centre-social-tilleuls.html" "the centre in the file name"
send_keys Enter
expect_box_path "Report written" "$docs/report-$year-centre-social-tilleuls.html"
expect_file_start "$docs/report-$year-centre-social-tilleuls.html" "<!DOCTYPE html>"
send_keys Enter
send_keys w
send_keys Enter
expect_screen "Replace it?" "English: asked before replacing"
send_keys n
expect_screen "This file exists" "English: the dialog says why it stays"
send_keys Escape
send_keys w Tab C-u
type_text "$tmp/typed.html"
send_keys Escape
expect_screen "Discard the changes?" "English: Esc on a typed path asks first"
send_keys y
expect_no_screen "Printable document" "English: yes closes the dialog"
send_keys 1
send_keys :
type_text "report"
send_keys Enter
expect_screen "The report of $year — All centres" ":report opens the report dialog"
send_keys Escape

# Without a user-dirs file: the home folder.
start_carnet "LANG=C.UTF-8" "XDG_CONFIG_HOME=$tmp/none"
send_keys 6 w
expect_screen "$HOME/report-$year.html" "no documents folder: the home folder"
send_keys Escape

finish
