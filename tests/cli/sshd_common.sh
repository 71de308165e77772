# Helpers sourced by the ssh tests (not a test itself): a private sshd on a
# free loopback port, with its own host key, configuration and authorized
# client key in a folder, letting one user in by key only. Needs root.
sshd_pid=

# sshd_start DIR USER [LINE...]: writes the keys and the configuration into
# DIR (extra configuration lines after USER, e.g. "ForceCommand X"), starts
# sshd (sshd_pid), exports CARNET_SSH, the ssh command carnet runs, and
# waits until USER gets in. 1 when USER is not in within 10 s (the server's
# messages are in DIR/sshd.log).
sshd_start() {
    local dir=$1 user=$2 port k
    shift 2
    ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key" || return 1
    ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key" || return 1
    install -m 644 "$dir/client_key.pub" "$dir/authorized_keys" || return 1
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    {
        cat <<EOS
Port $port
ListenAddress 127.0.0.1
HostKey $dir/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
PubkeyAuthentication yes
UsePAM no
StrictModes no
AllowUsers $user
EOS
        [ $# -eq 0 ] || printf '%s\n' "$@"
    } >"$dir/sshd_config"
    mkdir -p /run/sshd
    /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
    sshd_pid=$!
    export CARNET_SSH="ssh -p $port -i $dir/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR"
    for ((k = 0; k < 100; k++)); do
        $CARNET_SSH -T -o BatchMode=yes "$user@127.0.0.1" true >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    return 1
}

# sshd_stop: stops the server sshd_start started, if any (also under set -e).
sshd_stop() {
    if [ -n "$sshd_pid" ]; then
        kill "$sshd_pid" 2>/dev/null || true
        wait "$sshd_pid" 2>/dev/null || true
    fi
    sshd_pid=
    return 0
}
