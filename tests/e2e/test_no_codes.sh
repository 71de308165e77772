# No internal word on a French screen (issue 13): a capture of each section,
# of the logbooks' forms, of a record's detail and the yearly report, all in
# fr_FR.UTF-8, holds no field name of model/kinds.c and no English choice
# code. The list of codes is read from model/kinds.c itself, so a new field
# or choice is checked without editing this test; words that are also
# French words are allowed, and listed here.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

kinds_c=$CARNET_SRC/model/kinds.c
# Field names ({"name", FT_...) and choice codes ({"code", N_(...)).
codes=$(grep -oE '\{"[a-z0-9_]+", (FT_[A-Z]+|N_\()' "$kinds_c" | sed -E 's/^\{"([a-z0-9_]+)".*/\1/' | sort -u)
expect_match "$(printf '%s\n' "$codes" | wc -l)" "^[0-9]{3}$" "the codes come from model/kinds.c (100 or more)"
# Also French words, spelt the same (or the French text shows them on purpose).
french="action actions associations audience bureau centre code commission communication concertation
consultation description finance information notes participants seniors autre type"
check=$(printf '%s\n' "$codes" | grep -vxF -f <(printf '%s\n' $french))

# no_codes WHAT TEXT: TEXT (a capture) holds no code as a whole word.
no_codes() {
    local found
    found=$(printf '%s\n' "$2" | grep -owF -f <(printf '%s\n' "$check") | sort -u | tr '\n' ' ')
    expect_eq "$found" "" "$1: no field or choice code in French"
}

# The check itself finds codes (so that a silent grep cannot pass).
expect_eq "$(printf 'État : ongoing, carried_by\n' | grep -owF -f <(printf '%s\n' "$check") | sort -u | tr '\n' ' ')" \
    "carried_by ongoing " "the check finds a field name and a choice code"

carnet_ok init --name "E2E"
carnet_ok demo --records 300
start_carnet LANG=fr_FR.UTF-8
expect_screen "Accueil"
no_codes "Home" "$screen"
for s in 2:Initiatives 3:Gouvernance 4:Actions 5:Parcourir 6:Tableau 7:Synchro 0:Administration; do
    send_keys "${s%%:*}"
    expect_screen "${s#*:}" "section ${s%%:*}"
    no_codes "section ${s%%:*} (${s#*:})" "$screen"
done

# The forms of the logbooks, and a record's detail with its history.
send_keys 2
expect_screen "Initiatives"
send_keys a
expect_screen "Date de début"
no_codes "the initiative form" "$screen"
send_keys Escape
wait_for "Abandonner" 2 && send_keys o Enter
send_keys Enter
expect_screen "Portée par"
send_keys h
expect_screen "Historique"
no_codes "an initiative's detail" "$screen"
send_keys Escape
send_keys 4
expect_screen "Actions"
send_keys a
expect_screen "Public"
no_codes "the action form" "$screen"
send_keys Escape
wait_for "Abandonner" 2 && send_keys o Enter
send_keys 3
expect_screen "Gouvernance"
send_keys Enter
expect_screen "collège"
no_codes "a body" "$screen"
send_keys a
expect_screen "Nouveaux participants"
no_codes "the sitting form" "$screen"

# The yearly report, as a funder reads it.
year=$("$CARNET" --db "$db" list initiative --format json | pyjson 'max(r["started_on"] for r in d)[:4]')
run env LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 "$CARNET" --db "$db" report --year "$year"
expect_status 0 "carnet report in French"
no_codes "the report" "$stdout"

finish
