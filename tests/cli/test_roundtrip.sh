# Round trips: a store exported as CSV and imported into a fresh store holds
# the same records; French text with accents, apostrophes, commas, quotes
# and newlines comes back byte for byte through add, CSV, import and JSON.
. "$(dirname "$0")/lib.sh"

# --- a whole demo store through CSV --------------------------------------------
db=$tmp/a.db
carnet_ok init --name "Source"
carnet_ok demo --records 150 --seed 5
for k in $IMPORT_ORDER; do
    n=$(sql "$db" "select count(*) from $k where deleted=0")
    [ "$n" -gt 0 ] && pass || fail "the demo store holds some $k records"
done
carnet_ok export -o "$tmp/csv" --format csv

db=$tmp/b.db
carnet_ok init --name "Copie"
for k in $IMPORT_ORDER; do
    carnet import "$k" "$tmp/csv/$k.csv"
    expect_status 0 "import $k"
    expect_match "$stderr" "[0-9]+ created, [0-9]+ updated, [0-9]+ unchanged" "import $k reports what it did"
done
# A fresh store already holds the seeded criteria and themes and its creator.
carnet import criterion "$tmp/csv/criterion.csv"
expect_stderr_contains "0 created, 0 updated, 26 unchanged" "the seeded criteria are the same rows"

run "$CARNET" --db "$tmp/a.db" export --format json
strip_json $AUDIT_TIMES <"$OUT" >"$tmp/a.json"
run "$CARNET" --db "$tmp/b.db" export --format json
strip_json $AUDIT_TIMES <"$OUT" >"$tmp/b.json"
expect_files_eq "$tmp/a.json" "$tmp/b.json" "a CSV export imported into a fresh store gives the same records"
for k in initiative meeting action seat; do
    expect_eq "$(pyjson "len(d['$k'])" <"$tmp/b.json")" "$(sql "$tmp/a.db" "select count(*) from $k where deleted=0")" "every $k came back"
done

# Importing the same files again changes nothing.
before=$(store_digest "$db")
for k in $IMPORT_ORDER; do
    n=$(sql "$db" "select count(*) from $k where deleted=0")
    carnet import "$k" "$tmp/csv/$k.csv"
    expect_stderr_contains "0 created, 0 updated, $n unchanged" "import $k a second time"
done
expect_eq "$(store_digest "$db")" "$before" "a second import writes nothing"
carnet_ok check

# --- French text, byte for byte ----------------------------------------------------
title="L'atelier « Égalité » : “parlons-en”, d’accord \"oui\""
desc=$'Première ligne, avec une virgule ; l\'apostrophe droite et l’apostrophe courbe.\nDeuxième ligne : « guillemets » et "doubles", "" vides.\n\nAprès une ligne vide : ça, où, œuvre, Noël, naïve, 10 €.'
partner="Mairie d'Évry « CAF » \"Essonne\" ; Bailleur’s"
outcome=$'"Entre guillemets"\nfin'
printf '%s' "$title" >"$tmp/want.title"
printf '%s' "$desc" >"$tmp/want.description"
printf '%s' "$partner" >"$tmp/want.name"
printf '%s' "$outcome" >"$tmp/want.outcome"

db=$tmp/a.db
centre=$(sql "$db" "select id from centre where deleted=0 order by id limit 1")
carnet_ok add partner "name=$partner"
pid=$stdout
carnet_ok add initiative "title=$title" "description=$desc" "partners=$partner" "outcome=$outcome" \
    "centre=$centre" status=idea carried_by=shared started_on=2026-05-01
id=$stdout

# expect_text FILE_OF_JSON WHERE: each field equals the bytes first given.
expect_text() {
    local f
    for f in ${3:-title description outcome}; do
        run python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = open(sys.argv[2], "rb").read()
got = d[sys.argv[3]].encode("utf-8")
sys.exit(0 if got == want else "got %r, want %r" % (got, want))' "$1" "$tmp/want.$f" "$f"
        expect_status 0 "$f is byte-exact $2"
    done
}

carnet_ok show "$id" --format json
cp "$OUT" "$tmp/show-a.json"
expect_text "$tmp/show-a.json" "after add"
carnet_ok show "$pid" --format json
cp "$OUT" "$tmp/partner-a.json"
expect_text "$tmp/partner-a.json" "after add" name

carnet_ok export initiative --where "id=$id" -o "$tmp/one.csv"
run python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
assert len(rows) == 1, rows
for f in ("title", "description", "outcome"):
    want = open(sys.argv[2] + "." + f, "rb").read().decode("utf-8")
    assert rows[0][f] == want, (f, rows[0][f], want)' "$tmp/one.csv" "$tmp/want"
expect_status 0 "the CSV export is RFC 4180 that a CSV reader reads back exactly"
grep -qF "\"L'atelier « Égalité » : “parlons-en”, d’accord \"\"oui\"\"\"" "$tmp/one.csv" && pass ||
    fail "the title is quoted with doubled quotes in the CSV"

db=$tmp/c.db
carnet_ok init
carnet_ok export centre --where "id=$centre" -o "$tmp/centre.csv" --db "$tmp/a.db"
run "$CARNET" --db "$tmp/a.db" export territory -o "$tmp/territory.csv"
run "$CARNET" --db "$tmp/a.db" export partner --where "id=$pid" -o "$tmp/partner.csv"
carnet_ok import territory "$tmp/territory.csv"
carnet_ok import centre "$tmp/centre.csv"
carnet_ok import partner "$tmp/partner.csv"
carnet_ok import initiative "$tmp/one.csv"
expect_stderr_contains "1 created"
carnet_ok show "$id" --format json
cp "$OUT" "$tmp/show-c.json"
expect_text "$tmp/show-c.json" "after export as CSV and import into another store"
carnet_ok show "$pid" --format json
cp "$OUT" "$tmp/partner-c.json"
expect_text "$tmp/partner-c.json" "after export as CSV and import into another store" name
carnet_ok search egalite parlons
expect_stdout_contains "$id" "the imported text is searchable without accents"

# And the table for people keeps the text on one line each.
carnet_ok list initiative
expect_stdout_contains "L'atelier « Égalité »"

finish
