# Helpers for the end-to-end tests: the real carnet binary runs inside a
# private tmux server (its own socket, fixed size, pinned TERM, locale, time
# zone and HOME); keys are sent with send-keys and the screen is read back
# with capture-pane. Waits poll every 50 ms up to a timeout, never sleep a
# fixed time. The assertions (expect_*, pass, fail, finish) and the
# temporary world come from tests/cli/lib.sh.

# shellcheck source=../cli/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

command -v tmux >/dev/null || { echo "tmux is needed for the end-to-end tests" >&2; exit 2; }

# The locale is set by LANG per test (LC_ALL, set by the cli helpers, would
# override it).
unset LC_ALL
export LANG=C.UTF-8 TERM=xterm-256color
TMUX_SOCKET=carnet-e2e-$$
e2e_starts=0
TMUX_TMPDIR=$tmp
export TMUX_TMPDIR
unset TMUX
E2E_W=${E2E_W:-100}
E2E_H=${E2E_H:-30}
WAIT_TIMEOUT=${WAIT_TIMEOUT:-10}
db=$tmp/store.db

_e2e_exit() {
    local rc=$?
    tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null
    (exit $rc)
    _lib_exit
}
trap _e2e_exit EXIT

tm() {
    tmux -L "$TMUX_SOCKET" "$@"
}

# start_carnet [ENV=VALUE...] [-- ARGS...]: starts carnet on $db in a new
# (give the locale as LANG=... here: tmux itself needs a UTF-8 locale)
# tmux server of E2E_W x E2E_H, with the environment given (LANG, NO_COLOR,
# TERM...). Waits until something is drawn.
start_carnet() {
    local envs=() args=()
    while [ $# -gt 0 ]; do
        if [ "$1" = -- ]; then
            shift
            args=("$@")
            break
        fi
        envs+=("$1")
        shift
    done
    # A new server (socket) per start: a new session on a server still
    # shutting down after kill-server can find it gone ("server exited
    # unexpectedly").
    tm kill-server 2>/dev/null
    e2e_starts=$((e2e_starts + 1))
    TMUX_SOCKET=carnet-e2e-$$-$e2e_starts
    local cmd
    cmd=$(printf '%q ' env "TERM=$TERM" "LANG=$LANG" "TZ=UTC" "HOME=$HOME" "XDG_DATA_HOME=$XDG_DATA_HOME" \
        "${envs[@]}" "$CARNET" --db "$db" "${args[@]}")
    # remain-on-exit keeps the pane (and what carnet said) after it ends;
    # rc keeps the exit status of carnet itself ($? after an echo is the echo's).
    tm -f /dev/null new-session -d -x "$E2E_W" -y "$E2E_H" -s e2e \
        "$cmd; rc=\$?; echo; echo \"[carnet exited \$rc]\"; sleep 30"
    tm set-option -t e2e status off >/dev/null
    wait_for "" || fail "carnet did not start"
}

# send_keys KEY...: tmux key names (Enter, Escape, C-s, Down, Tab, F2...).
send_keys() {
    tm send-keys -t e2e "$@"
}

# type_text TEXT: literal text, UTF-8 included.
type_text() {
    tm send-keys -t e2e -l "$1"
}

screen_text() {
    tm capture-pane -p -t e2e
}

# wait_for TEXT [TIMEOUT]: polls the screen until it contains TEXT ("" waits
# for anything drawn). Returns 1 (and leaves the screen in $screen) on
# timeout.
wait_for() {
    local want=$1 limit=${2:-$WAIT_TIMEOUT} start=$SECONDS
    while :; do
        screen=$(screen_text)
        if [ -z "$want" ]; then
            [ -n "${screen//[[:space:]]/}" ] && return 0
        elif [[ "$screen" == *"$want"* ]]; then
            return 0
        fi
        [ $((SECONDS - start)) -ge "$limit" ] && return 1
        sleep 0.05
    done
}

# wait_gone TEXT [TIMEOUT]: polls until TEXT is no longer on screen.
wait_gone() {
    local want=$1 limit=${2:-$WAIT_TIMEOUT} start=$SECONDS
    while :; do
        screen=$(screen_text)
        [[ "$screen" != *"$want"* ]] && return 0
        [ $((SECONDS - start)) -ge "$limit" ] && return 1
        sleep 0.05
    done
}

# expect_screen TEXT [DESCRIPTION]: waits for TEXT; one assertion.
expect_screen() {
    if wait_for "$1"; then
        pass
    else
        fail "${2:-screen should show '$1'}" "screen:" "$(printf '%s\n' "$screen" | sed 's/^/    |/')"
    fi
}

# expect_no_screen TEXT [DESCRIPTION]: TEXT must have left the screen.
expect_no_screen() {
    if wait_gone "$1"; then
        pass
    else
        fail "${2:-screen should not show '$1'}" "screen:" "$(printf '%s\n' "$screen" | sed 's/^/    |/')"
    fi
}

# resize W H: the terminal changes size (carnet gets SIGWINCH).
resize() {
    tm resize-window -t e2e -x "$1" -y "$2"
}

# cursor_pos: "row col" of the terminal cursor (0-based).
cursor_pos() {
    tm display-message -p -t e2e '#{cursor_y} #{cursor_x}'
}

# wait_exit [TIMEOUT]: waits until carnet has left (the pane says so) and
# returns 0 only if it left with status 0 (under ASan, a leak makes it 1).
wait_exit() {
    wait_for "[carnet exited" "${1:-$WAIT_TIMEOUT}" || return 1
    [[ "$screen" == *"[carnet exited 0]"* ]] && return 0
    printf '%s\n' "$screen" | sed 's/^/    |/' | tail -25
    return 1
}

# A store with one territory and one centre, the login as administrator.
make_store() {
    carnet_ok init --name "E2E"
    carnet_ok add territory name="Les Tilleuls" city=Lyon qpv_code=QN06901M
    territory_id=$stdout
    carnet_ok add centre name="Centre social Tilleuls" kind=centre_social city=Lyon territory="$territory_id"
    centre_id=$stdout
}

# json_field ID FIELD: one field of a record, from carnet show --format json.
json_field() {
    "$CARNET" --db "$db" show "$1" --format json | python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print("" if v is None else v if not isinstance(v, list) else ",".join(v))' "$2"
}

# only_id KIND [TRASH]: the id of the only live record of KIND ("" if not one).
only_id() {
    "$CARNET" --db "$db" list "$1" ${2:+--trash} --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[0]["id"] if len(d) == 1 else "")'
}

# box_text TITLE: the text inside the box whose top border holds TITLE on
# the screen, its lines joined (a path wrapped over two lines comes back whole).
box_text() {
    printf '%s\n' "$screen" | python3 -c '
import sys
title, lines = sys.argv[1], sys.stdin.read().split("\n")
out, left, right = [], None, None
for line in lines:
    if left is None:
        i = line.find(" " + title + " ")
        if i > 0:
            left = line.rfind("┌", 0, i)
            right = line.find("┐", i)
        continue
    if line[left:left + 1] == "└":
        break
    out.append(line[left + 1:right].strip())
print("".join(out))' "$1"
}

# expect_box_path TITLE PATH: the box shows the whole of PATH.
expect_box_path() {
    # The box may be caught half drawn: read it again until it holds the
    # path or the wait is over.
    local text start=$SECONDS
    while :; do
        wait_for "$1"
        text=$(box_text "$1")
        [[ "$text" == *"$2"* ]] || [ $((SECONDS - start)) -ge "$WAIT_TIMEOUT" ] && break
        sleep 0.05
    done
    if [[ "$text" == *"$2"* ]]; then
        pass
    else
        fail "the box should show the whole path $2" "box: $text" "screen:" "$(printf '%s\n' "$screen" | sed 's/^/    |/')"
    fi
}

# expect_file_start FILE TEXT: FILE exists and begins with TEXT.
expect_file_start() {
    if [ -f "$1" ] && [ "$(head -c ${#2} "$1")" = "$2" ]; then
        pass
    else
        fail "$1 should exist and start with $2"
    fi
}
