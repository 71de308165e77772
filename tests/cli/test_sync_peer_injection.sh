#!/usr/bin/env bash
# A sync peer cannot inject options or commands (issue 12, defect 3): a host
# that begins with '-' is refused before ssh runs, with a message; ssh gets
# "--" before the host; the remote path reaches the remote carnet as one
# argument whatever it holds. Once with the real ssh, once with a stand-in
# ssh that acts on options the way ssh does (it runs a ProxyCommand).
. "$(dirname "$0")/lib.sh"

cd "$tmp"
db=$tmp/a.db
carnet_ok init --name A

# The real ssh: nothing runs, nothing is created, a message says why.
unset CARNET_SSH CARNET_REMOTE
carnet sync -- '-oProxyCommand=touch pwned:x'
expect_status 1
expect_stderr_contains "begins with '-'"
expect_stdout_empty
[ ! -e pwned ] && pass || fail "the ProxyCommand ran: $tmp/pwned exists"

# A stand-in ssh: it logs its arguments, runs a ProxyCommand given before
# "--" (as ssh would), then runs the remote command through sh, where
# CARNET_REMOTE logs what the remote carnet would receive.
cat > fake-ssh <<'EOS'
#!/bin/sh
printf '%s\n' "$@" > "$FAKE_DIR/ssh.args"
while [ $# -gt 0 ]; do
    case "$1" in
        --) shift; break ;;
        -oProxyCommand=*) sh -c "${1#-oProxyCommand=}" ;;
        -o|-p|-i|-l) shift ;;
    esac
    shift
done
[ $# -ge 2 ] || exit 255
shift
exec sh -c "$*"
EOS
cat > fake-carnet <<'EOS'
#!/bin/sh
printf '[%s]' "$@" > "$FAKE_DIR/remote.args"
exit 1
EOS
chmod 755 fake-ssh fake-carnet
export FAKE_DIR=$tmp CARNET_SSH=$tmp/fake-ssh CARNET_REMOTE=$tmp/fake-carnet

carnet sync -- '-oProxyCommand=touch pwned:x'
expect_status 1
expect_stderr_contains "begins with '-'"
[ ! -e ssh.args ] && pass || fail "ssh was started for a host that begins with '-'" "$(cat ssh.args)"
[ ! -e pwned ] && pass || fail "the ProxyCommand ran"

run "$CARNET" --db "$db" clone '-oProxyCommand=touch pwned:x' new.db
expect_status 1
expect_stderr_contains "begins with '-'"
[ ! -e pwned ] && [ ! -e new.db ] && [ ! -e ssh.args ] && pass || fail "clone ran ssh or made a file"

# A hostile remote path: one argument for the remote carnet, nothing run.
hostile='/srv/$(touch pwned)`touch pwned` it'"'"'s
touch pwned; -x.db'
carnet sync "server:$hostile"
expect_status 1
expect_eq "$(sed -n '/^--$/{n;p;}' ssh.args)" "server" "the host comes right after --"
expect_eq "$(cat remote.args)" "[sync][--serve=$hostile]" "what the remote carnet receives"
[ ! -e pwned ] && pass || fail "the remote path ran a command"

finish
