#!/usr/bin/env bash
# carnet sync host:postgresql://… through a real sshd: the test starts its
# own sshd on 127.0.0.1 (a free port, a throw-away host key, one authorized
# key, all in a temporary folder) for a user it creates, and a PostgreSQL
# that lets that user in only by peer authentication on its Unix socket
# (the login is the role, no password anywhere). Over ssh, carnet runs
# `carnet sync --serve=URI` on the hub's host: a role without access, or
# that may only read, is refused with the hub's message and nothing changes; once granted, a store
# syncs both ways and clones through ssh, and the hub's dataset has the
# stores' content hash. A URI naming another role is refused by peer
# authentication, said as such. sshd and the user go at exit, whatever
# happens; the cluster with them (pg_common.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
. "$(dirname "$0")/sshd_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"
[ "$(id -u)" -eq 0 ] || skip "this test creates a user and runs sshd: run it as root"
[ -x /usr/sbin/sshd ] || { fail "sshd is missing: scripts/deps.sh installs openssh-server"; finish; }

user="carnethub$$"
sdir=
_ssh_exit() {
    local rc=$?
    sshd_stop
    userdel "$user" >/dev/null 2>&1
    [ -z "$sdir" ] || rm -rf "$sdir"
    (exit "$rc")
    _pg_exit
}
trap _ssh_exit EXIT

# --- the hub: the test's own role by trust, every other by peer --------------
pg_start
hub=$(pg_db federation)
cd "$tmp" || exit 2
run "$CARNET" hub init "$hub"
expect_status 0 "carnet hub init"
printf 'local all carnet trust\nlocal all all peer\n' >"$pg_dir/data/pg_hba.conf"
psql_q postgres "SELECT pg_reload_conf()" >/dev/null
"$PG_BIN/createuser" "$user" || fail "createuser $user"

# --- sshd for the user, on loopback ------------------------------------------
sdir=$(mktemp -d /tmp/carnet-sshd.XXXXXX)
chmod 755 "$sdir"
useradd -M -d "$sdir" -s /bin/sh "$user" || { fail "useradd $user"; finish; }
usermod -p '*' "$user"      # no password, but not locked (sshd refuses a locked account)
# carnet on the hub's host: the binary under test, which every user may run.
export CARNET_REMOTE=$CARNET
up=0
sshd_start "$sdir" "$user" && up=1
expect_eq "$up" 1 "sshd lets the user in" "$(tail -5 "$sdir/sshd.log")"

# The hub as the user reaches it on its own host: the socket, no user name.
remote="$user@127.0.0.1:postgresql:///federation?host=$pg_dir"

# --- the store, its dataset on the hub ---------------------------------------
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 150 --seed 4
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
run "$CARNET" --db a.db sync "$hub"
expect_status 0 "the owner's first sync"
t=$("$CARNET" --db a.db add territory name=ParSsh)

# --- a role without access: refused, nothing changed -------------------------
before=$("$CARNET_HASH" "$hub" "$ds")
run "$CARNET" --db a.db sync "$remote"
expect_status 1 "a sync through ssh by a role without access"
expect_stderr_contains "the role $user has no access to the hub"
expect_stderr_contains "carnet hub grant"
# Read only: refused too, and said so.
run "$CARNET" hub grant "$hub" "$user" --dataset "$ds"
expect_status 0 "hub grant, read only"
run "$CARNET" --db a.db sync "$remote"
expect_status 1 "a sync through ssh by a role that may only read"
expect_stderr_contains "the role $user may only read the dataset $ds"
# In French here; the hub's own words come in the hub host's language.
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db a.db sync "$remote"
expect_status 1 "the same refusal, in French"
expect_stderr_contains "a arrêté la synchronisation"
expect_stderr_contains "$user"
expect_eq "$("$CARNET_HASH" "$hub" "$ds")" "$before" "the refused syncs changed nothing on the hub"
expect_eq "$(psql_q federation "select count(*) from carnet.territory where id = '$t'")" 0 \
    "the refused store's change is not on the hub"

# --- granted: sync and clone through ssh -------------------------------------
run "$CARNET" hub grant "$hub" "$user" --dataset "$ds" --write
expect_status 0 "hub grant"
run "$CARNET" --db a.db sync "$remote"
expect_status 0 "a sync through ssh, peer authentication on the hub's host"
expect_stderr_contains "sent: 1 territory"
expect_eq "$(psql_q federation "select name from carnet.territory where id = '$t'")" "ParSsh" \
    "the row reached the hub through ssh"
expect_eq "$(psql_q federation "select distinct usename from pg_stat_activity where usename = '$user'")" "" \
    "the remote session has ended"
run "$CARNET" clone "$remote" b.db --dataset "$ds"
expect_status 0 "a clone through ssh"
u=$("$CARNET" --db b.db add territory name=DeB)
"$CARNET" --db a.db edit "$t" name=ParSshModifié >/dev/null
run "$CARNET" --db b.db sync "$remote"
expect_status 0 "b's sync through ssh"
run "$CARNET" --db a.db sync "$remote"
expect_status 0 "a's sync through ssh"
expect_stderr_contains "received: 1 territory"
expect_eq "$(sqlite3 a.db "select name from territory where id = '$u'")" "DeB" "a received b's change through ssh"
run "$CARNET" --db b.db sync "$remote"
expect_status 0
expect_eq "$(sqlite3 b.db "select name from territory where id = '$t'")" "ParSshModifié" "b received a's edit"
want=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" b.db)" "$want" "b equals a"
expect_eq "$("$CARNET_HASH" "$hub" "$ds")" "$want" "the hub's dataset equals the stores"

# --- another role than the login: peer authentication refuses ----------------
run "$CARNET" --db a.db sync "$user@127.0.0.1:postgresql:///federation?host=$pg_dir&user=carnet_autre"
expect_status 1 "a URI naming another role than the ssh login"
expect_stderr_contains 'Peer authentication failed for user "carnet_autre"'
finish
