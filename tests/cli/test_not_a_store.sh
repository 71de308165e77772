# Paths that are not stores. A sync peer (carnet sync PATH, and the server
# side, sync --serve PATH) that is an empty file, a text file, a folder, a
# device, an SQLite database of another program or an empty one, or nothing
# at all is refused and left exactly as it was (content, size, mode), with
# nothing created beside it. Every command given such a path with --db,
# init included, says in one sentence what the path is, in English and in
# French, and creates nothing.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 2
db=w.db
carnet_ok init --name "Centre"
: >empty.db
chmod 644 empty.db
printf 'Compte rendu de la réunion du 3 mars\n' >notes.txt
chmod 644 notes.txt
mkdir folder
sqlite3 recipes.db "CREATE TABLE recipe (name TEXT); INSERT INTO recipe VALUES ('tarte')"
sqlite3 blank.db "PRAGMA journal_mode=WAL" >/dev/null
chmod 644 recipes.db blank.db
# (as root, SQLite made /dev/null-journal; compared, as another run may have left one)
devnull=$(stat -c '%s %Y' /dev/null-journal 2>/dev/null)

# state PATH: what a path is, to the byte (content, size, mode), and what
# lies beside it.
state() {
    if [ -f "$1" ]; then
        printf '%s %s ' "$(sha256sum <"$1" | cut -d' ' -f1)" "$(stat -c '%s %a' "$1")"
    elif [ -d "$1" ]; then
        printf 'folder %s [%s] ' "$(stat -c %a "$1")" "$(ls -A "$1")"
    elif [ -e "$1" ]; then
        printf 'other %s ' "$(stat -c %F "$1")"
    else
        printf 'missing '
    fi
    ls -d "$1"-wal "$1"-shm "$1"-journal 2>/dev/null | tr '\n' ' '
}

# peer PATH SAYS: sync with PATH and sync --serve PATH both fail, say SAYS,
# and leave PATH (and the store) as they were.
peer() {
    local p=$1 says=$2 before ours
    before=$(state "$p")
    ours=$(store_digest w.db)
    carnet sync "$p"
    expect_status 1 "sync $p"
    expect_stderr_contains "$says" "sync $p: the message"
    expect_eq "$(state "$p")" "$before" "sync $p: $p is as it was"
    # (its standard output is the protocol: a refusal frame, binary)
    run sh -c '"$0" --db w.db sync --serve "$1" >/dev/null' "$CARNET" "$p"
    expect_status 1 "sync --serve $p"
    expect_stderr_contains "$says" "sync --serve $p: the message"
    expect_eq "$(state "$p")" "$before" "sync --serve $p: $p is as it was"
    expect_eq "$(store_digest w.db)" "$ours" "sync $p: the store is as it was"
}
peer empty.db "empty.db is an empty file, not a carnet store"
peer notes.txt "notes.txt is a file that is not a carnet store"
peer folder "folder is a folder"
peer missing.db "there is no store at missing.db"
peer recipes.db "recipes.db is an SQLite database but not a carnet store"
peer blank.db "blank.db is an SQLite database with nothing in it"
peer /dev/null "/dev/null is a device"
expect_eq "$(stat -c '%s %Y' /dev/null-journal 2>/dev/null)" "$devnull" "nothing made beside /dev/null"

# --db PATH for init and for any command: one sentence naming what the path is.
# says PATH SAYS: init, list, add and summary on --db PATH all fail with SAYS.
says() {
    local p=$1 msg=$2 before
    before=$(state "$p")
    for cmd in "init" "list initiative" "add territory name=X" "summary" "check"; do
        # shellcheck disable=SC2086
        run "$CARNET" --db "$p" $cmd
        expect_status 1 "--db $p $cmd"
        expect_stderr_contains "$msg" "--db $p $cmd: the message"
        expect_stdout_empty "--db $p $cmd: nothing on stdout"
        expect_eq "$(state "$p")" "$before" "--db $p $cmd: $p is as it was"
    done
}
says folder "folder is a folder; give the path of a store file (e.g. folder/carnet.db)"
says /dev/null "/dev/null is a device, not a store file"
says empty.db "empty.db is an empty file, not a carnet store"
says notes.txt "notes.txt is a file that is not a carnet store"
says blank.db "blank.db is an SQLite database with nothing in it"
expect_eq "$(stat -c '%s %Y' /dev/null-journal 2>/dev/null)" "$devnull" "nothing made beside /dev/null"
run "$CARNET" --db w.db init
expect_status 1 "init on an existing store"
expect_stderr_contains "a store exists already at w.db"

# A missing path: refused by every command but init (and demo, which fills a
# new store); init makes the store there.
for cmd in "list initiative" "summary" "sync w.db"; do
    # shellcheck disable=SC2086
    run "$CARNET" --db new.db $cmd
    expect_status 1 "--db new.db $cmd"
    expect_stderr_contains "there is no store at new.db; create one with 'carnet init'"
    [ ! -e new.db ] && pass || fail "--db new.db $cmd created new.db"
done
run "$CARNET" --db new.db init
expect_status 0 "init on a missing path"

# In French.
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db empty.db list initiative
expect_stderr_contains "empty.db est un fichier vide, pas une base carnet" "the empty file, in French"
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db /dev/null summary
expect_stderr_contains "/dev/null est un périphérique" "the device, in French"
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db w.db sync notes.txt
expect_stderr_contains "notes.txt est un fichier qui n'est pas une base carnet" "the text file, in French"
finish
