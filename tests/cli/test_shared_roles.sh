# A shared store used by several Unix users: init --shared sets the modes
# and the group (and refuses a wrong group), a facilitator writes under its
# own login, a manager reads but cannot add, edit or delete, and a login the
# store does not know gets the message naming the administrators and
# nothing else. Creates its users and group, runs carnet as them (runuser);
# needs root, as in CI.
set -u
: "${CARNET:?CARNET must name the carnet binary}"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "this test creates Unix users: run it as root (CI does)"

tag="ct$$r$RANDOM"
group="${tag}g"
fac="${tag}f"       # facilitator
mgr="${tag}m"       # manager
who="${tag}u"       # in the group, unknown to the store
tmp=$(mktemp -d)
cleanup() {
    for u in "$fac" "$mgr" "$who"; do
        id "$u" >/dev/null 2>&1 && userdel -r "$u" >/dev/null 2>&1
    done
    getent group "$group" >/dev/null && groupdel "$group"
    rm -rf "$tmp"
}
trap cleanup EXIT

groupadd "$group" || fail "groupadd"
for u in "$fac" "$mgr" "$who"; do
    useradd -m -G "$group" -s /bin/sh "$u" || fail "useradd $u"
done
chmod 755 "$tmp"
dir="$tmp/shared"
db="$dir/carnet.db"

# as USER CMD...: carnet run by USER (its HOME, a clean environment);
# stdout to $tmp/out, stderr to $tmp/err, returns carnet's status.
as() {
    local u=$1
    shift
    runuser -u "$u" -- env -i HOME="/home/$u" PATH=/usr/bin:/bin TZ=UTC LC_ALL=C.UTF-8 \
        ${ASAN_OPTIONS:+ASAN_OPTIONS=$ASAN_OPTIONS} "$CARNET" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err"
}
expect_modes() {    # path mode: stat says "mode group"
    local got
    got=$(stat -c '%a %G' "$1") || fail "stat $1"
    [ "$got" = "$2 $group" ] || fail "$1: mode and group '$got', expected '$2 $group'"
}

# init --shared refuses a group that does not exist, and a file as folder.
if "$CARNET" init --shared "$tmp/nogroup" --group "${tag}none" 2>"$tmp/err"; then fail "init accepted an unknown group"; fi
grep -q "no group '${tag}none'" "$tmp/err" || fail "unknown group message: $(cat "$tmp/err")"
[ ! -e "$tmp/nogroup" ] || fail "init with an unknown group created the folder"
touch "$tmp/afile"
if "$CARNET" init --shared "$tmp/afile" --group "$group" 2>"$tmp/err"; then fail "init accepted a file as folder"; fi
grep -q "is a file" "$tmp/err" || fail "file message: $(cat "$tmp/err")"

# init --shared as root: the folder and the store get their modes and group.
"$CARNET" init --shared "$dir" --group "$group" --name "Centre partagé" 2>"$tmp/err" || fail "init --shared: $(cat "$tmp/err")"
expect_modes "$dir" 2770
expect_modes "$db" 660
if "$CARNET" init --shared "$dir" --group "$group" 2>"$tmp/err"; then fail "init --shared twice on one folder"; fi
"$CARNET" --db "$db" member add "$fac" --role facilitator >/dev/null || fail "member add facilitator"
"$CARNET" --db "$db" member add "$mgr" --role manager >/dev/null || fail "member add manager"
"$CARNET" --db "$db" add territory name=Quartier >/dev/null || fail "territory"
"$CARNET" --db "$db" add centre name=Centre kind=centre_social territory=Quartier >/dev/null || fail "centre"

# A folder of another owner and group, which a plain user cannot give to
# the group, is refused (and left as it was).
mkdir "$tmp/other" && chmod 777 "$tmp/other"
if as "$fac" init --shared "$tmp/other" --group "$group"; then fail "init --shared in a folder it cannot fix"; fi
grep -q "belongs to group root and cannot be given to group $group" "$tmp/err" || fail "other folder message: $(cat "$tmp/err")"
[ ! -e "$tmp/other/carnet.db" ] || fail "a store was made in a folder of the wrong group"

# The facilitator adds, edits and deletes, under its own login.
as "$fac" add initiative title=Jardin centre=Centre status=idea carried_by=inhabitants started_on=2024-03-01 ||
    fail "facilitator add: $(cat "$tmp/err")"
id1=$(cat "$tmp/out")
as "$fac" add initiative title=Repair centre=Centre status=idea carried_by=centre started_on=2024-03-02 ||
    fail "facilitator add 2: $(cat "$tmp/err")"
id2=$(cat "$tmp/out")
as "$fac" edit "$id1" status=ongoing || fail "facilitator edit: $(cat "$tmp/err")"
as "$fac" delete "$id2" || fail "facilitator delete: $(cat "$tmp/err")"
[ ! -s "$tmp/err" ] || fail "facilitator saw: $(cat "$tmp/err")"
row=$(sqlite3 "$db" "SELECT created_by, updated_by, status FROM initiative WHERE id = '$id1'")
[ "$row" = "$fac|$fac|ongoing" ] || fail "record 1 is '$row', expected '$fac|$fac|ongoing'"
row=$(sqlite3 "$db" "SELECT created_by, deleted FROM initiative WHERE id = '$id2'")
[ "$row" = "$fac|1" ] || fail "record 2 is '$row', expected '$fac|1'"
hist=$(sqlite3 "$db" "SELECT count(*) FROM history WHERE rec_id = '$id1' AND login = '$fac'")
[ "$hist" -ge 2 ] || fail "history of record 1 by $fac: $hist rows"
# A facilitator does not manage members.
if as "$fac" member add "$who" --role admin; then fail "a facilitator added a member"; fi

# After a write by the facilitator the WAL and SHM have the store's modes.
expect_modes "$db" 660
expect_modes "$db-wal" 660
expect_modes "$db-shm" 660
# A backup written next to the store by a member keeps them too.
as "$fac" backup "$dir/copy.db" || fail "backup: $(cat "$tmp/err")"
expect_modes "$dir/copy.db" 660

# The manager reads everything and changes nothing.
as "$mgr" list initiative || fail "manager list: $(cat "$tmp/err")"
grep -q Jardin "$tmp/out" || fail "manager list does not show the record"
as "$mgr" show "$id1" || fail "manager show: $(cat "$tmp/err")"
for cmd in "add initiative title=Non centre=Centre status=idea carried_by=centre started_on=2024-01-01" \
           "edit $id1 title=Changed" "delete $id1" "restore $id2"; do
    # shellcheck disable=SC2086
    as "$mgr" $cmd
    status=$?
    [ "$status" = 1 ] || fail "manager '$cmd': exit status $status, expected 1"
    grep -q "is a manager" "$tmp/err" || fail "manager '$cmd' message: $(cat "$tmp/err")"
done
row=$(sqlite3 "$db" "SELECT title, deleted FROM initiative WHERE id = '$id1'")
[ "$row" = "Jardin|0" ] || fail "the manager changed record 1: $row"
[ "$(sqlite3 "$db" "SELECT count(*) FROM initiative")" = 2 ] || fail "the manager added a record"

# An administrator changes roles: the manager made facilitator writes; once
# removed, it is a stranger.
"$CARNET" --db "$db" member set-role "$mgr" facilitator 2>"$tmp/err" || fail "set-role: $(cat "$tmp/err")"
as "$mgr" edit "$id1" title=Potager || fail "promoted manager edit: $(cat "$tmp/err")"
"$CARNET" --db "$db" member remove "$mgr" 2>"$tmp/err" || fail "member remove: $(cat "$tmp/err")"
if as "$mgr" list initiative; then fail "a removed member still reads"; fi
grep -q "is not a member of this store" "$tmp/err" || fail "removed member message: $(cat "$tmp/err")"

# A login the store does not know gets the message naming whom to ask, and
# nothing else: no list, no record.
for cmd in "list initiative" "show $id1" "summary" \
           "add initiative title=Non centre=Centre status=idea carried_by=centre started_on=2024-01-01"; do
    # shellcheck disable=SC2086
    if as "$who" $cmd; then fail "unknown login could: $cmd"; fi
    grep -q "your login '$who' is not a member of this store; ask an administrator (root)" "$tmp/err" ||
        fail "unknown login '$cmd' message: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "unknown login '$cmd' got output: $(cat "$tmp/out")"
done
# ...but check, --help and --version still work for it.
as "$who" check || fail "check by an unknown login: $(cat "$tmp/err")"
as "$who" --version || fail "--version by an unknown login"
as "$who" list --help || fail "list --help by an unknown login"

# A user outside the group cannot even reach the folder, and is told so.
useradd -m -s /bin/sh "$tag" || fail "useradd $tag"
trap 'userdel -r "$tag" >/dev/null 2>&1; cleanup' EXIT
if as "$tag" list initiative; then fail "a user outside the group read the store"; fi
grep -q "permission denied" "$tmp/err" || fail "outsider message: $(cat "$tmp/err")"

# carnet check reports a store others can read.
"$CARNET" --db "$db" check >/dev/null 2>&1 || fail "check of the shared store"
chmod o+r "$db"
if "$CARNET" --db "$db" check >/dev/null 2>"$tmp/err"; then fail "check accepted a world-readable store"; fi
grep -q "can be read by every user" "$tmp/err" || fail "check message: $(cat "$tmp/err")"
chmod o-r "$db"
echo "PASS"
