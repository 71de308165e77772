# Bad input of every sort: empty strings, huge text, invalid UTF-8, escape
# sequences, impossible dates, negative counts, unknown names, files that are
# not stores, a read-only store, a missing folder, init over a store. Each
# gets a clear message and writes nothing.
. "$(dirname "$0")/lib.sh"

db=$tmp/s.db
carnet_ok init
carnet_ok demo --records 20 --seed 11
centre=$(sql "$db" "select id from centre where deleted=0 order by id limit 1")
ok=("centre=$centre" status=ongoing carried_by=centre started_on=2026-01-10)

# expect_refused STATUS 'MESSAGE[|MESSAGE...]' ARGS...: carnet ARGS exits
# with STATUS, says each MESSAGE on stderr and leaves the store as it was.
expect_refused() {
    local want=$1 says=$2 before m
    shift 2
    before=$(store_digest "$db")
    carnet "$@"
    expect_status "$want" "carnet $(printf '%.200s' "$*")"
    IFS='|' read -r -a msgs <<<"$says"
    for m in "${msgs[@]}"; do
        expect_stderr_contains "$m" "carnet $(printf '%.100s' "$*"): stderr"
    done
    expect_stdout_empty "carnet $(printf '%.100s' "$*"): stdout"
    expect_eq "$(store_digest "$db")" "$before" "carnet $(printf '%.100s' "$*"): nothing written"
}

# --- empty strings ------------------------------------------------------------------
expect_refused 1 "Title: required" add initiative title= "${ok[@]}"
expect_refused 1 "Name: required" add territory name=
expect_refused 1 "Started on: required" add initiative title=x "${ok[@]}" started_on=
id=$(sql "$db" "select id from initiative where deleted=0 order by id limit 1")
expect_refused 1 "Title: required" edit "$id" title=
expect_refused 1 "no record with id ''" show ""

# --- a 1 MB title: refused as too long, quickly -----------------------------------
# The kernel caps one argument at 128 KiB, so 1 MB travels in a CSV file.
python3 -c '
import csv, sys
w = csv.writer(open(sys.argv[1], "w", newline=""))
w.writerow(["title", "centre", "status", "carried_by", "started_on"])
w.writerow(["é" * 500000, sys.argv[2], "ongoing", "centre", "2026-01-01"])' "$tmp/big.csv" "$centre"
[ "$(stat -c %s "$tmp/big.csv")" -gt 1000000 ] && pass || fail "the CSV holds a 1 MB title"
start=$(date +%s%N)
expect_refused 1 "line 2: Title: too long (500000 characters, at most 200)" import initiative "$tmp/big.csv"
ms=$((($(date +%s%N) - start) / 1000000))
# Under memcheck (CARNET_VALGRIND=1) everything is 20 to 50 times slower.
limit=5000
[ "${CARNET_VALGRIND:-0}" = 1 ] && limit=120000
[ "$ms" -lt "$limit" ] && pass || fail "a 1 MB title is refused quickly (took $ms ms, limit $limit)"
big=$(head -c 100000 /dev/zero | tr '\0' a)
expect_refused 1 "Title: too long (100000 characters, at most 200)" add initiative "title=$big" "${ok[@]}"
expect_refused 1 "Description: too long (100000 characters, at most 10000)" add initiative title=x "description=$big" "${ok[@]}"

# --- invalid UTF-8 ----------------------------------------------------------------------
expect_refused 1 "Title: the text is not valid UTF-8" add initiative "title=$(printf '\xff')" "${ok[@]}"
expect_refused 1 "Title: the text is not valid UTF-8" add initiative "title=caf$(printf '\xc3')" "${ok[@]}"
expect_refused 1 "Description: the text is not valid UTF-8" edit "$id" "description=$(printf 'a\xc0\xafb')"
printf 'name,city\nLatin1 %b,Lyon\n' '\xe9' >"$tmp/latin1.csv"
expect_refused 1 "line 2: the file is not UTF-8 text" import territory "$tmp/latin1.csv"

# --- escape sequences and control characters ---------------------------------------------
expect_refused 1 "Title: contains an Escape character" add initiative "title=$(printf 'a\e[2Jb')" "${ok[@]}"
expect_refused 1 "Description: contains an Escape character" edit "$id" "description=$(printf 'x\e]0;pwned\a')"
expect_refused 1 "Title:" add initiative "title=$(printf 'bell\a')" "${ok[@]}"
expect_refused 1 "Title:" add initiative "title=$(printf 'two\nlines')" "${ok[@]}"
printf 'name,city\n"Evil\e[2J",Lyon\n' >"$tmp/esc.csv"
expect_refused 1 "line 2: Name: contains an Escape character" import territory "$tmp/esc.csv"
# Messages that quote a bad value do not replay its escape sequence.
carnet add initiative title=x "${ok[@]}" "status=$(printf '\e[2J')"
expect_status 1
[[ "$stderr" != *$'\e'* ]] && pass || fail_run "an error message carries an ESC byte"

# A value written behind carnet's back (a raw SQLite write that pretends to
# be carnet) never reaches the terminal as an escape sequence.
run python3 -c '
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.create_function("use_carnet_to_write", 0, lambda: 1)
c.create_function("use_carnet_to_write", 1, lambda seq: 1)
c.execute("update initiative set title = ?, description = ? where id = ?",
          ("Evil\x1b[2J\x1b]0;pwned\x07 title", "red \x1b[31m text", sys.argv[2]))
c.execute("update member set display_name = ?", ("Root\x1b[2J",))
c.execute("update centre set name = ? where id = ?", ("Centre\x1b[2J", sys.argv[3]))
c.commit()' "$db" "$id" "$centre"
expect_status 0 "a raw write through python3's sqlite3"
for args in "list initiative" "show $id" "show $id --format json" "search Evil" "history $id" "member list" "list centre" "summary"; do
    # shellcheck disable=SC2086
    carnet $args
    expect_status 0 "carnet $args"
    [[ "$stdout$stderr" != *$'\e'* ]] && pass || fail_run "carnet $args prints an ESC byte"
done
carnet list initiative
expect_stdout_contains "Evil title" "the title is shown without its escape sequences"

# --- dates, counts, unknown names ------------------------------------------------------------
expect_refused 1 "Started on: '2026-02-30' does not exist" add initiative title=x "${ok[@]}" started_on=2026-02-30
expect_refused 1 "Volunteers: '-1' must be 0 or more" add initiative title=x "${ok[@]}" volunteers=-1
expect_refused 1 "Attendees: '-5' must be 0 or more" add meeting "body=$(sql "$db" "select id from body limit 1")" held_on=2026-01-01 attendees=-5
expect_refused 2 "'initiatives' is not a kind of record; the kinds are: territory" add initiatives title=x
expect_refused 2 "titre: no such field for initiatives; the fields are: title" add initiative titre=x
expect_refused 1 "Status: 'en_cours' is not one of the choices; expected one of: idea" add initiative title=x "${ok[@]}" status=en_cours

# --- a file that is not a store -----------------------------------------------------------------
printf 'Ceci est un fichier texte, pas une base.\n' >"$tmp/notes.txt"
sum=$(sha256sum <"$tmp/notes.txt")
for args in "list initiative" "add territory name=x" "summary" "check"; do
    # shellcheck disable=SC2086
    run "$CARNET" --db "$tmp/notes.txt" $args
    expect_status 1 "--db a text file: $args"
    expect_stderr_contains "is not a carnet store"
done
expect_eq "$(sha256sum <"$tmp/notes.txt")" "$sum" "the text file is unchanged"
[ ! -e "$tmp/notes.txt-wal" ] && [ ! -e "$tmp/notes.txt-journal" ] && pass || fail "no journal was made beside the text file"

sqlite3 "$tmp/other.db" "create table recettes(nom text); insert into recettes values ('tarte')"
sum=$(sha256sum <"$tmp/other.db")
run "$CARNET" --db "$tmp/other.db" add territory name=x
expect_status 1 "--db another SQLite database"
expect_stderr_contains "is an SQLite database but not a carnet store"
expect_eq "$(sha256sum <"$tmp/other.db")" "$sum" "the other database is unchanged"

# --- a missing folder, a folder -------------------------------------------------------------------
for args in "list initiative" "add territory name=x" "summary" "show $id" "import territory $tmp/esc.csv" "backup $tmp/b.db"; do
    # shellcheck disable=SC2086
    run "$CARNET" --db "$tmp/nowhere/carnet.db" $args
    expect_status 1 "--db in a missing folder: $args"
    expect_stderr_contains "there is no store at $tmp/nowhere/carnet.db; create one with 'carnet init'"
done
[ ! -e "$tmp/nowhere" ] && pass || fail "a command that does not create made the folder"
[ ! -e "$tmp/b.db" ] && pass || fail "backup of a missing store wrote a file"
run "$CARNET" --db "$tmp" list initiative
expect_status 1 "--db a folder"
expect_stderr_contains "is a folder"

# --- init over an existing store ---------------------------------------------------------------------
expect_refused 1 "a store exists already at $db" init
expect_refused 1 "a store exists already" init --name "Autre"
run "$CARNET" --db "$tmp/notes.txt" init
expect_status 1 "init over a file that is not a store"
expect_eq "$(sha256sum <"$tmp/notes.txt")" "$(printf 'Ceci est un fichier texte, pas une base.\n' | sha256sum)" "init left the file alone"

# --- a read-only store -----------------------------------------------------------------------------------
# Root ignores permission bits, so the write is tried as an unprivileged
# user who is a member of the store, on a copy in a folder it can read.
carnet_ok member add nobody --role facilitator
ro=$tmp/ro
mkdir "$ro" "$tmp/bin"
cp "$CARNET" "$tmp/bin/carnet"
chmod 0755 "$tmp/bin" "$tmp/bin/carnet"
chmod 0711 "$tmp"
sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$db" "$ro/s.db"
chmod 0444 "$ro/s.db"
chmod 0555 "$ro"
as_user=()
if [ "$(id -u)" = 0 ]; then
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
sum=$(sha256sum <"$ro/s.db")
for args in "add territory name=Interdit" "edit $id title=Interdit" "delete $id" "member add bob --role facilitator" "import territory $tmp/latin1.csv"; do
    # shellcheck disable=SC2086
    run "${as_user[@]}" "$tmp/bin/carnet" --db "$ro/s.db" $args
    expect_status 1 "a read-only store: $args"
    expect_stderr_contains "read-only" "a read-only store: $args"
    expect_stdout_empty
done
expect_eq "$(sha256sum <"$ro/s.db")" "$sum" "the read-only store's file is unchanged"
expect_eq "$(ls -A "$ro")" "s.db" "nothing was created beside the read-only store"
chmod 0755 "$ro"
chmod 0700 "$tmp"

finish
