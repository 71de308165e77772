# Usage errors exit 2 with a message on stderr that names the problem, and
# print nothing on stdout; --help and COMMAND --help exit 0 with the usage.
. "$(dirname "$0")/lib.sh"

db=$tmp/s.db

# expect_usage WHAT_STDERR_SAYS ARGS...: carnet ARGS is a usage error.
expect_usage() {
    local says=$1
    shift
    carnet "$@"
    expect_status 2 "carnet $*"
    expect_stderr_contains "$says" "carnet $*: stderr"
    expect_stdout_empty "carnet $*: stdout"
}

# --- help ---------------------------------------------------------------------
run "$CARNET" --help
expect_status 0
expect_stdout_contains "Usage: carnet"
commands=$(sed -n '/^Commands:/,/^$/p' "$OUT" | awk 'NF && !/Commands:/ {print $1}')
for cmd in init demo add edit show list search delete restore erase history export import summary check backup member; do
    [[ $'\n'"$commands"$'\n' == *$'\n'"$cmd"$'\n'* ]] && pass || fail "carnet --help lists $cmd"
done
for cmd in $commands; do
    run "$CARNET" "$cmd" --help
    expect_status 0 "carnet $cmd --help"
    expect_stdout_contains "Usage: carnet $cmd" "carnet $cmd --help"
    expect_stdout_contains "--db PATH" "carnet $cmd --help"
done
run "$CARNET" list --help
expect_stdout_contains "--where FIELD=VALUE" "list --help tells the options"
run "$CARNET" add --help
expect_stdout_contains "initiative" "add --help lists the kinds"
run "$CARNET" -h
expect_status 0 "-h"
# Help never needs a store.
[ ! -e "$XDG_DATA_HOME" ] && pass || fail "--help created the default store"

# --- errors before any store exists ------------------------------------------
expect_usage "'frobnicate' is not a carnet command" frobnicate
run "$CARNET" --bogus
expect_status 2 "unknown global option"
expect_stderr_contains "unknown option --bogus"
[ ! -e "$db" ] && pass || fail "a usage error created the store"

carnet_ok init
digest=$(store_digest "$db")

# --- unknown options and missing arguments -------------------------------------
expect_usage "unknown option or missing value: --bogus" list initiative --bogus
expect_usage "unknown option" show --bogus x
expect_usage "unknown option or missing value: --limit" list initiative --limit
expect_usage "unknown option or missing value: --format" list initiative --format
expect_usage "give a kind of record" add
expect_usage "expected field=value" add initiative title
expect_usage "expected field=value" add initiative =x
expect_usage "give an id and field=value pairs" edit
expect_usage "give an id and field=value pairs" edit 9f1c2d5e-0000-4000-8000-000000000000
expect_usage "give one record id" show
expect_usage "give one record id" show a b
expect_usage "give one record id" delete
expect_usage "give one record id" restore
expect_usage "give one record id" erase --yes
expect_usage "give one record id" history
expect_usage "give a kind of record" list
expect_usage "unexpected argument 'extra'" list initiative extra
expect_usage "give the words to search for" search
expect_usage "give a kind of record and a CSV file" import initiative
expect_usage "give the file to write the backup to" backup
expect_usage "unexpected argument 'extra'" summary extra
expect_usage "unexpected argument 'extra'" check extra
expect_usage "unexpected argument 'extra'" init extra
expect_usage "unexpected argument 'extra'" demo extra
expect_usage "expected: member add LOGIN" member
expect_usage "give the role" member add bob
expect_usage "'frob': expected add, list, set-role or remove" member frob bob

# --- unknown kinds: the message lists the kinds --------------------------------
kinds="territory, centre, member, body, seat, person, criterion, theme, initiative, meeting, attendance, action, difficulty"
for args in "list widget" "add widget x=1" "export widget" "import widget f.csv" "search x --kind widget"; do
    # shellcheck disable=SC2086
    expect_usage "'widget' is not a kind of record; the kinds are: $kinds" $args
done
expect_usage "give a kind of record: $kinds" list

# --- bad option values ------------------------------------------------------------
expect_usage "--format xml: expected one of table, csv, json" list initiative --format xml
expect_usage "--format xml: expected one of text, json" show x --format xml
expect_usage "--format xml: expected one of csv, json" export initiative --format xml
expect_usage "--format xml" search x --format xml
expect_usage "--limit abc: give a whole number" list initiative --limit abc
expect_usage "--limit -1: give a whole number" list initiative --limit -1
expect_usage "--limit abc: give a whole number" search x --limit abc
expect_usage "--records -1: give a whole number" demo --records -1
expect_usage "--records lots: give a whole number" demo --records lots
expect_usage "--seed x: give a whole number" demo --seed x
expect_usage "--where status: expected field=value" list initiative --where status
expect_usage "titre: no such field for initiatives" list initiative --where titre=x
expect_usage "status: 'bof' is not one of the choices" list initiative --where status=bof
expect_usage "status: 'bof' is not one of the choices" list initiative --where status=bof --format json
expect_usage "status: 'bof' is not one of the choices" export initiative --where status=bof --format json
expect_usage "no centre named 'Nowhere'" list initiative --where centre=Nowhere
expect_usage "--from: '2026-02-30' does not exist" list initiative --from 2026-02-30 --format csv
expect_usage "--to: 'demain' is not a date" list initiative --to demain
expect_usage "have no date: --from and --to do not apply" list centre --from 2026-01-01
expect_usage "cannot sort initiatives on 'bogus'; sort on one of: title, status, started_on" list initiative --sort bogus
expect_usage "--after nope: not the id of one of the initiatives" list initiative --after nope
expect_usage "CSV holds one kind of record" export
# list writes no file: a -o given to it says so, and where export is.
expect_usage "list shows records on the screen and writes no file: to write $tmp/out.csv, use carnet export initiative -o $tmp/out.csv" \
    list initiative -o "$tmp/out.csv"
[ ! -e "$tmp/out.csv" ] && pass || fail "list -o wrote a file"
expect_usage "CSV holds one kind of record: add --kind KIND" search x --format csv

# --- unknown fields in add: exit 2, the message lists the fields ----------------
expect_usage "titre: no such field for initiatives; the fields are: title, centre, territory, description, status, carried_by, started_on, ended_on" \
    add initiative titre=x
expect_usage "couleur: no such field for centres; the fields are: name, kind, city, territory" add centre name=x couleur=bleu
id=$(sql "$db" "select id from theme limit 1")
expect_usage "titre: no such field for themes" edit "$id" titre=x

expect_eq "$(store_digest "$db")" "$digest" "no usage error changed the store"

finish
