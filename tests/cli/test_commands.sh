# The happy path of every command of the command line, run on the real
# binary: init, demo, add/edit/show, list and its filters and pages, search,
# the trash, erase, history, export/import, summary, check, backup, members.
. "$(dirname "$0")/lib.sh"

db=$tmp/a.db
me=$(id -un)

# --- version and help ---------------------------------------------------
run "$CARNET" --version
expect_status 0
expect_match "$stdout" '^carnet [0-9]' "--version prints carnet and a version"
run "$CARNET" --help
expect_status 0
expect_stdout_contains "Usage: carnet"
expect_stdout_contains "init"

# --- init -----------------------------------------------------------------
carnet_ok init --name "Centre d'essai"
expect_stderr_contains "you ($me) are its administrator"
expect_eq "$(stat -c %a "$db")" 600 "a new store is 0600"
expect_eq "$(sql "$db" "select value from meta where key='name'")" "Centre d'essai" "init --name sets the store's name"
carnet_ok member list
expect_match "$stdout" "^$me +admin" "the creator is an admin member"
carnet_ok summary
expect_stdout_contains "Centre d'essai"
expect_stdout_contains "administrator"
expect_match "$stdout" $'criteria +26\n' "a new store holds the 26 criteria"
expect_match "$stdout" $'themes +15\n' "a new store holds the 15 themes"

# Without --db the store lives under XDG_DATA_HOME.
run "$CARNET" init
expect_status 0 "init at the default path"
[ -f "$XDG_DATA_HOME/carnet/carnet.db" ] && pass || fail "init without --db creates \$XDG_DATA_HOME/carnet/carnet.db"
expect_eq "$(stat -c %a "$XDG_DATA_HOME/carnet")" 700 "the default store's folder is 0700"
run env CARNET_DB="$db" "$CARNET" summary
expect_stdout_contains "Centre d'essai" "CARNET_DB selects the store"

# --- demo: realistic and deterministic -------------------------------------
carnet_ok demo --records 200 --seed 7
n_init=$(sql "$db" "select count(*) from initiative where deleted=0")
[ "$n_init" -ge 30 ] && pass || fail "demo --records 200 makes initiatives (got $n_init)"
for k in territory centre body seat person meeting action; do
    n=$(sql "$db" "select count(*) from $k")
    [ "$n" -gt 0 ] && pass || fail "demo fills $k"
done
expect_match "$(sql "$db" "select group_concat(title, '|') from initiative")" '[éèàç]' "demo text is French"

db2=$tmp/b.db
run "$CARNET" --db "$db2" init --name "Centre d'essai"
run "$CARNET" --db "$db2" demo --records 200 --seed 7
expect_status 0
run "$CARNET" --db "$db" export --format json
strip_json $AUDIT_TIMES <"$OUT" >"$tmp/a.json"
run "$CARNET" --db "$db2" export --format json
strip_json $AUDIT_TIMES <"$OUT" >"$tmp/b.json"
expect_files_eq "$tmp/a.json" "$tmp/b.json" "two demo stores with the same seed hold the same records"
[ "$(pyjson 'len(d["initiative"])' <"$tmp/a.json")" = "$n_init" ] && pass || fail "the export holds every initiative"
db3=$tmp/c.db
run "$CARNET" --db "$db3" demo --records 200 --seed 8
expect_status 0 "demo creates a store when there is none"
run "$CARNET" --db "$db3" export initiative --format json
strip_json $AUDIT_TIMES <"$OUT" >"$tmp/c.json"
run python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))["initiative"]
c = json.load(open(sys.argv[2]))
sys.exit(0 if a != c else 1)' "$tmp/a.json" "$tmp/c.json"
expect_status 0 "another seed gives other records"

# --- add, show, edit ------------------------------------------------------
centre_id=$(sql "$db" "select id from centre where deleted=0 order by name limit 1")
centre_name=$(sql "$db" "select name from centre where id='$centre_id'")
carnet_ok add initiative "title=Jardin partagé des Tilleuls" "centre=$centre_name" status=ongoing \
    carried_by=inhabitants started_on=2026-03-14 themes=youth,environment inhabitants_involved=12 \
    "description=Un jardin au pied des immeubles." innovative=1
expect_match "$stdout" "$UUID_RE" "add prints a UUID"
id=$stdout
expect_eq "$(sql "$db" "select centre from initiative where id='$id'")" "$centre_id" "a reference given by name is stored as the id"

carnet_ok show "$id"
expect_stdout_contains "Jardin partagé des Tilleuls"
expect_stdout_contains "$centre_name" "show names the centre"
carnet_ok show "$id" --format json
expect_eq "$(pyjson '[d["record_kind"], d["title"], d["status"], d["started_on"], d["inhabitants_involved"], d["innovative"], ",".join(d["themes"])]' <"$OUT" | paste -sd'|')" \
    "initiative|Jardin partagé des Tilleuls|ongoing|2026-03-14|12|True|environment,youth" "show --format json gives the fields, sets as sorted arrays"

carnet_ok edit "$id" status=completed ended_on=2026-09-30 description=
carnet_ok show "$id" --format json
expect_eq "$(pyjson '[d["status"], d["ended_on"], d["description"]]' <"$OUT" | paste -sd'|')" \
    "completed|2026-09-30|None" "edit changes fields, field= empties one"

carnet_ok history "$id"
expect_match "$stdout" "$me +Status: ongoing → completed" "history shows who changed what, in words"
expect_stdout_contains "Ended on: ∅ → 2026-09-30"

# --- list: formats, filters, pages ----------------------------------------
n_init=$((n_init + 1))
carnet_ok list initiative
expect_stdout_contains "Title" "the table has a header"
expect_stdout_contains "($n_init shown of $n_init)"
carnet_ok list initiative --format csv
expect_match "$(head -1 "$OUT")" '^id,title,centre,territory,description,status,' "CSV starts with a header of field names"
carnet_ok list initiative --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" "$n_init" "list --format json gives every live initiative"
pyjson '[r["id"] for r in d]' <"$OUT" >"$tmp/all.ids"
pyjson '[r["started_on"] for r in d]' <"$OUT" >"$tmp/dates"
sort -r "$tmp/dates" | cmp -s - "$tmp/dates" && pass || fail "initiatives are listed newest first"

carnet_ok list initiative --where status=ongoing --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" "$(sql "$db" "select count(*) from initiative where deleted=0 and status='ongoing'")" "--where on a choice"
expect_eq "$(pyjson 'sorted(set(r["status"] for r in d))' <"$OUT")" ongoing "--where status=ongoing gives only ongoing ones"

carnet_ok list initiative --where "centre=$centre_name" --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" "$(sql "$db" "select count(*) from initiative where deleted=0 and centre='$centre_id'")" "--where on a reference given by name"
expect_eq "$(pyjson 'sorted(set(r["centre"] for r in d))' <"$OUT")" "$centre_id"

carnet_ok list initiative --where themes=youth --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" "$(sql "$db" "select count(*) from initiative where deleted=0 and ','||themes||',' like '%,youth,%'")" "--where on a set member"
expect_eq "$(pyjson 'all("youth" in r["themes"] for r in d)' <"$OUT")" True "every row holds the theme"

carnet_ok list initiative --from 2025-01-01 --to 2025-12-31 --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" "$(sql "$db" "select count(*) from initiative where deleted=0 and started_on between '2025-01-01' and '2025-12-31'")" "--from/--to"
expect_eq "$(pyjson 'all("2025-01-01" <= r["started_on"] <= "2025-12-31" for r in d)' <"$OUT")" True "--from/--to are inclusive bounds"

carnet_ok list initiative --limit 5 --format csv
expect_eq "$(($(wc -l <"$OUT") - 1))" 5 "--limit 5 gives 5 rows"
carnet_ok list initiative --limit 5
expect_stdout_contains "(5 shown of $n_init)"

# Walk every initiative in pages of 7 with --after: the same list, no row
# skipped or repeated.
: >"$tmp/paged.ids"
after=()
pages=0
while :; do
    carnet list initiative --limit 7 --format json "${after[@]}"
    [ "$status" = 0 ] || { fail "list --after page $pages"; break; }
    pyjson '[r["id"] for r in d]' <"$OUT" >"$tmp/page"
    n=$(wc -l <"$tmp/page")
    [ "$n" -le 7 ] || fail "a page holds at most 7 rows"
    cat "$tmp/page" >>"$tmp/paged.ids"
    pages=$((pages + 1))
    [ "$n" = 7 ] && [ "$pages" -lt 100 ] || break
    after=(--after "$(tail -1 "$tmp/page")")
done
expect_files_eq "$tmp/paged.ids" "$tmp/all.ids" "pages of 7 with --after give the full list"
expect_eq "$pages" "$(( n_init / 7 + 1 ))" "the number of pages"

# --- search -----------------------------------------------------------------
carnet_ok add action "title=Semaine de l'égalité au collège" "centre=$centre_id" held_on=2026-04-02 kind=awareness criteria=origin
action_id=$stdout
carnet_ok search egalite
expect_stdout_contains "$action_id" "egalite finds égalité"
carnet_ok search ÉGALITÉ --format json
expect_eq "$(pyjson '[r["id"] for r in d if r["id"] == "'"$action_id"'"]' <"$OUT")" "$action_id" "search is blind to case and accents"
carnet_ok search jardin tilleuls --kind initiative --format csv
expect_stdout_contains "$id"
carnet_ok search egalite --kind initiative --format json
expect_eq "$(pyjson "'$action_id' in [r['id'] for r in d]" <"$OUT")" False "--kind limits the search"

# --- trash ---------------------------------------------------------------------
carnet_ok delete "$id"
carnet_ok list initiative --format json
expect_eq "$(pyjson "'$id' in [r['id'] for r in d]" <"$OUT")" False "a deleted record leaves the list"
carnet_ok list initiative --trash --format json
expect_eq "$(pyjson '[r["id"] for r in d]' <"$OUT")" "$id" "list --trash shows it"
carnet_ok restore "$id"
carnet_ok list initiative --trash --format json
expect_eq "$(pyjson 'len(d)' <"$OUT")" 0 "restored: the trash is empty"
carnet_ok list initiative --format json
expect_eq "$(pyjson "'$id' in [r['id'] for r in d]" <"$OUT")" True "restored: back in the list"

# --- erase: the personal fields of a person are blanked ----------------------
person=$(sql "$db" "select id from person where deleted=0 and consent_on is not null order by id limit 1")
carnet_ok erase "$person" --yes
carnet_ok show "$person" --format json
expect_eq "$(pyjson '[d["pseudonym"], d["territory"], d["age_band"], d["consent_on"], d["deleted"]]' <"$OUT" | paste -sd'|')" \
    "None|None|None|None|True" "erase blanks every personal field and deletes"
expect_eq "$(sql "$db" "select count(*) from person where id='$person' and pseudonym is null")" 1 "the store no longer holds the pseudonym"
person2=$(sql "$db" "select id from person where deleted=0 order by id limit 1")
run "$CARNET" --db "$db" erase "$person2" </dev/null
expect_status 0 "erase without --yes when stdin is not a terminal"

# --- export -----------------------------------------------------------------------
carnet_ok export initiative --format csv
expect_eq "$(head -1 "$OUT" | cut -d, -f1-3)" "id,title,centre" "export KIND as CSV"
carnet_ok export initiative
expect_eq "$(head -1 "$OUT" | cut -d, -f1-3)" "id,title,centre" "export is CSV by default"
carnet_ok export initiative --format json -o "$tmp/i.json"
expect_stdout_empty "export -o writes nothing on stdout"
expect_eq "$(pyjson 'len(d)' <"$tmp/i.json")" "$n_init" "export KIND --format json -o FILE"
expect_eq "$(stat -c %a "$tmp/i.json")" 600 "an export file is 0600"
carnet_ok export --format json
expect_eq "$(pyjson 'sorted(d)' <"$OUT" | paste -sd,)" \
    "action,attendance,body,centre,criterion,difficulty,initiative,meeting,member,partner,person,seat,territory,theme" \
    "export --format json holds every kind"
carnet_ok export -o "$tmp/csv" --format csv
for k in $IMPORT_ORDER; do
    [ -s "$tmp/csv/$k.csv" ] && pass || fail "export -o DIR writes $k.csv"
done
expect_eq "$(($(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1]))))' "$tmp/csv/initiative.csv") - 1))" \
    "$n_init" "initiative.csv holds every initiative"
carnet_ok export action --from 2026-04-01 --to 2026-04-30 --format json
expect_eq "$(pyjson "'$action_id' in [r['id'] for r in d]" <"$OUT")" True "export --from/--to"

# --- import ------------------------------------------------------------------------
printf 'name,city,qpv_code\nLes Peupliers,Lyon,QN06901M\n"Saint-Jean, bas",Lyon,\n' >"$tmp/terr.csv"
carnet_ok import territory "$tmp/terr.csv"
expect_stderr_contains "2 created"
expect_eq "$(sql "$db" "select city||'/'||qpv_code from territory where name='Les Peupliers'")" "Lyon/QN06901M" "import creates records"
carnet_ok export territory --where "name=Saint-Jean, bas" -o "$tmp/one.csv"
carnet_ok import territory "$tmp/one.csv"
expect_stderr_contains "1 unchanged" "rows with an existing id and the same values are unchanged"
sed -i 's/,Lyon,,/,Villeurbanne,,/' "$tmp/one.csv"
carnet_ok import territory "$tmp/one.csv"
expect_stderr_contains "1 updated" "rows with an existing id update"
expect_eq "$(sql "$db" "select city from territory where name='Saint-Jean, bas'")" Villeurbanne

# --- summary, check, backup -------------------------------------------------------
carnet_ok summary
expect_match "$stdout" "initiatives +$n_init"$'\n' "summary counts the initiatives"
carnet_ok check
expect_stdout_contains "ok"
carnet_ok backup "$tmp/backup.db"
for t in territory centre member body seat person criterion theme initiative meeting attendance action difficulty history; do
    expect_eq "$(sql "$tmp/backup.db" "select count(*) from $t")" "$(sql "$db" "select count(*) from $t")" "the backup holds as many $t rows"
done
run "$CARNET" --db "$tmp/backup.db" check
expect_status 0 "the backup is a sound store"
run "$CARNET" --db "$db" backup "$tmp/backup.db"
expect_status 1 "backup over an existing file"
expect_stderr_contains "exists already"

# --- members ---------------------------------------------------------------------
carnet_ok member add alice --role facilitator --name "Alice Martin"
expect_match "$stdout" "$UUID_RE" "member add prints the id"
carnet_ok member list
expect_match "$stdout" 'alice +facilitator +Alice Martin' "member list"
carnet_ok member set-role alice manager
carnet_ok member list
expect_match "$stdout" 'alice +manager' "member set-role"
carnet_ok member remove alice
carnet_ok member list
expect_stdout_not_contains "alice" "member remove"
run "$CARNET" --db "$db" member remove nobody_here
expect_status 1 "removing a login that is not a member"
expect_stderr_contains "nobody_here"

finish
