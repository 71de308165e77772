# A store on a path with spaces and accents (`Mes documents/carnet été.db`):
# every command works on it, through --db and CARNET_DB, and its backups and
# migration copies land beside it.
. "$(dirname "$0")/lib.sh"

dir="$tmp/x/Mes documents"
db="$dir/carnet été.db"
carnet_ok init --name "Été à Saint-Éloi"
expect_eq "$(stat -c %a "$db")" "600" "the store is private"
carnet_ok add centre name="Centre Éloi" kind=centre_social
carnet_ok add initiative title="Fête d'été" centre="Centre Éloi" status=idea carried_by=inhabitants started_on=2026-06-21
id=$stdout
carnet_ok edit "$id" status=ongoing
carnet_ok show "$id" --format json
expect_stdout_contains '"status":"ongoing"'
carnet_ok search fete
expect_stdout_contains "Fête d'été"
carnet_ok demo --records 50 --seed 3
carnet_ok export --format json -o "$dir/export été.json"
expect_stdout_empty "export to a file prints nothing"
carnet_ok export initiative --format csv -o "$dir/initiatives été.csv"
carnet_ok backup "$dir/copie été.bak"
expect_eq "$(sqlite3 "$dir/copie été.bak" "SELECT count(*) FROM initiative")" \
    "$(sqlite3 "$db" "SELECT count(*) FROM initiative")" "the backup holds every initiative"
carnet_ok check
expect_stdout_contains "carnet été.db: ok"

# The same store named by CARNET_DB.
run env CARNET_DB="$db" "$CARNET" list initiative --where status=ongoing --format csv
expect_status 0 "list through CARNET_DB"
expect_stdout_contains "Fête d'été"

# Another store in the same folder takes an import of the export.
other="$dir/autre été.db"
run "$CARNET" --db "$other" init
expect_status 0 "init a second store beside it"
for kind in territory centre partner; do
    carnet export "$kind" --format csv -o "$dir/$kind été.csv"
    run "$CARNET" --db "$other" import "$kind" "$dir/$kind été.csv"
    expect_status 0 "import $kind from a path with spaces and accents"
done
run "$CARNET" --db "$other" import initiative "$dir/initiatives été.csv"
expect_status 0 "import initiatives from a path with spaces and accents"
expect_eq "$(sqlite3 "$other" "SELECT count(*) FROM initiative")" "$(sqlite3 "$db" "SELECT count(*) FROM initiative")" \
    "every initiative imported"
finish
