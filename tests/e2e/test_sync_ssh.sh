#!/usr/bin/env bash
# A real SSH sync: the test starts its own sshd on 127.0.0.1 (own host key,
# config and authorized key) for a test user it creates, whose remote
# shell prints a login banner first; a laptop store is cloned from and then
# synced with a server store through it (CARNET_SSH), both ways; then sshd
# is shut down and the user removed. Needs root (CI runs as root).
set -euo pipefail
: "${CARNET:?}" "${CARNET_SRC:?}"
. "$CARNET_SRC/tests/cli/sync_common.sh"
. "$CARNET_SRC/tests/cli/sshd_common.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "this test creates a user and runs sshd: run it as root"
command -v /usr/sbin/sshd >/dev/null || fail "sshd is missing: scripts/deps.sh installs openssh-server"

dir=$(mktemp -d /tmp/carnet-ssh-XXXXXX)
chmod 755 "$dir"
user="carnetssh$$"
cleanup() {
    sshd_stop
    userdel -r "$user" >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

useradd -m -d "$dir/home" -s /bin/bash "$user"
usermod -p '*' "$user"        # no password, but not a locked account (sshd refuses those)
# The binary under test, where the user can run it.
install -m 755 "$CARNET" "$dir/carnet"

# The remote shell greets before running the command: a banner on stdout.
cat > "$dir/login" <<'EOS'
#!/bin/sh
echo "Bienvenue sur le serveur du centre social !"
echo "CARNET-SYNC is not the start of the protocol"
exec /bin/sh -c "$SSH_ORIGINAL_COMMAND"
EOS
chmod 755 "$dir/login"
export CARNET_REMOTE="$dir/carnet"
sshd_start "$dir" "$user" "ForceCommand $dir/login" || { cat "$dir/sshd.log"; fail "sshd did not start"; }

# The server's store belongs to the test user, who lets root in.
srv="$dir/home/centre.db"
as_user() { runuser -u "$user" -- "$@"; }
as_user "$dir/carnet" --db "$srv" init --name Centre 2>/dev/null
as_user "$dir/carnet" --db "$srv" member add root --role admin >/dev/null
as_user "$dir/carnet" --db "$srv" demo --records 200 >/dev/null 2>&1

cd "$dir"
timeout 60 "$CARNET" clone "$user@127.0.0.1:$srv" laptop.db 2> clone.txt || { cat clone.txt; fail "clone over ssh"; }
grep -q "new replica" clone.txt || fail "no clone summary"
t=$("$CARNET" --db laptop.db add territory name=Vénissieux qpv_code=QN06930M)
s=$(as_user "$dir/carnet" --db "$srv" add territory name=Bron)
timeout 60 "$CARNET" --db laptop.db sync "$user@127.0.0.1:$srv" 2> sync.txt || { cat sync.txt; fail "sync over ssh"; }
grep -q "received: 1 territory" sync.txt || { cat sync.txt; fail "the server's change did not arrive"; }
grep -q "sent: 1 territory" sync.txt || { cat sync.txt; fail "the laptop's change was not sent"; }
as_user "$dir/carnet" --db "$srv" show "$t" >/dev/null || fail "the laptop's record is not on the server"
"$CARNET" --db laptop.db show "$s" >/dev/null || fail "the server's record is not on the laptop"
cp "$srv" server-copy.db 2>/dev/null; [ ! -e "$srv-wal" ] || cp "$srv-wal" server-copy.db-wal
[ "$(sync_dump laptop.db)" = "$(sync_dump server-copy.db)" ] || fail "the replicas differ"
# A refusal travels back through ssh as a message.
"$CARNET" --db other.db init 2>/dev/null
! timeout 60 "$CARNET" --db other.db sync "$user@127.0.0.1:$srv" 2> refused.txt || fail "a foreign dataset synced"
grep -q "different datasets" refused.txt || { cat refused.txt; fail "no refusal message through ssh"; }
echo "ok"
