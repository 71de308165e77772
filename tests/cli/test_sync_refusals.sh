#!/usr/bin/env bash
# carnet sync refuses, with a message that says what to do and without
# changing either store: a foreign dataset, a copied file (same site id), a
# peer clock more than 5 minutes ahead, another protocol version, and
# truncated or corrupted streams (on the client's side and on the server's).
set -euo pipefail
: "${CARNET:?}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }
snap() { sqlite3 "$1" .dump | sha256sum; }

"$CARNET" --db a.db init --name A 2>/dev/null
"$CARNET" --db a.db add territory name=Tilleuls >/dev/null
"$CARNET" --db c.db init --name C 2>/dev/null
"$CARNET" --db a.db clone a.db b.db 2>/dev/null
"$CARNET" --db b.db add territory name=Duchère >/dev/null

# expect_refusal WORDS -- COMMAND...: exit 1, each word in stderr, a and b unchanged.
expect_refusal() {
    local words=()
    while [ "$1" != "--" ]; do words+=("$1"); shift; done
    shift
    local sa sb sc status=0
    sa=$(snap a.db); sb=$(snap b.db); sc=$(snap c.db)
    timeout 30 "$@" 2>err.txt >/dev/null || status=$?
    [ "$status" -eq 1 ] || { cat err.txt; fail "'$*' exited $status, expected 1"; }
    for w in "${words[@]}"; do
        grep -qi -- "$w" err.txt || { cat err.txt; fail "'$*': no '$w' in the message"; }
    done
    [ "$(snap a.db)" = "$sa" ] && [ "$(snap b.db)" = "$sb" ] && [ "$(snap c.db)" = "$sc" ] \
        || fail "'$*' changed a store"
}

# A foreign dataset, both ways.
expect_refusal "different datasets" "carnet clone" -- "$CARNET" --db a.db sync c.db
expect_refusal "different datasets" -- "$CARNET" --db c.db sync a.db

# A copied file: same site id.
"$CARNET" --db a.db backup copy.db
expect_refusal "same site id" "copy" "carnet clone" -- "$CARNET" --db a.db sync copy.db

# A peer whose clock is 10 minutes ahead wrote a change; a refuses it, and
# b (ahead) is refused by a when it calls.
CARNET_CLOCK_SKEW_MS=600000 "$CARNET" --db b.db add territory name=Futur >/dev/null
expect_refusal "10 minutes ahead" "date or time" -- "$CARNET" --db a.db sync b.db
expect_refusal "10 minutes ahead" -- "$CARNET" --db b.db sync a.db
# Within 5 minutes is fine (the clocks of two laptops are rarely equal).
"$CARNET" --db c.db backup c2.db
CARNET_CLOCK_SKEW_MS=240000 "$CARNET" --db c.db add territory name=Proche >/dev/null
"$CARNET" --db c.db clone c.db c3.db 2>/dev/null
"$CARNET" --db c3.db sync c.db 2>/dev/null || fail "a clock 4 minutes ahead was refused"

# Fake peers through CARNET_SSH: a script that ignores ssh's arguments.
fake() {
    printf '#!/bin/sh\n%s\n' "$1" > fakessh
    chmod +x fakessh
}
export CARNET_SSH="$dir/fakessh"

fake 'printf "CARNET-SYNC 2\n"; cat >/dev/null'
expect_refusal "version 2" "version 1" "same carnet version" -- "$CARNET" --db a.db sync host:/x

# The right magic, but a hello for protocol versions 2 to 3.
site=$(sqlite3 a.db "select value from meta where key='site_id'")
data=$(sqlite3 a.db "select value from meta where key='dataset_id'")
python3 - "$data" <<'EOF' > hello2.bin
import struct, sys, uuid
ds = sys.argv[1].encode()
site = str(uuid.uuid4()).encode()
p = struct.pack(">HHII", 2, 3, 3, 0) + struct.pack(">I", len(ds)) + ds + struct.pack(">I", len(site)) + site + struct.pack(">QQ", 0, 0)
sys.stdout.buffer.write(b"CARNET-SYNC 1\n" + struct.pack(">IB", len(p) + 1, 1) + p)
EOF
fake "cat '$dir/hello2.bin'; cat >/dev/null"
expect_refusal "versions 2 to 3" "1 to 1" -- "$CARNET" --db a.db sync host:/x

# Truncated: the hello cut in the middle; nothing at all.
head -c 40 hello2.bin > cut.bin
fake "cat '$dir/cut.bin'"
expect_refusal "truncated" -- "$CARNET" --db a.db sync host:/x
fake 'exit 0'
expect_refusal "without a word" -- "$CARNET" --db a.db sync host:/x

# Corrupted: a frame length over the limit; a frame of unknown type.
printf 'CARNET-SYNC 1\n\377\377\377\377\001' > big.bin
fake "cat '$dir/big.bin'; cat >/dev/null"
expect_refusal "damaged" "limit" -- "$CARNET" --db a.db sync host:/x
printf 'CARNET-SYNC 1\n\000\000\000\001\052' > odd.bin
fake "cat '$dir/odd.bin'; cat >/dev/null"
expect_refusal "damaged" -- "$CARNET" --db a.db sync host:/x

# The real server, its rows cut after a few kilobytes: the client keeps
# nothing half-applied, the server is unchanged.
"$CARNET" --db b.db demo --records 300 >/dev/null 2>&1 || true
# (the pipeline in the background and our stdout closed: only head holds
# the client's end, so the client sees the cut when head exits)
fake "'$CARNET' sync --serve '$dir/b.db' | head -c 3000 & exec >&-; wait"
sa=$(snap a.db)
status=0
CARNET_CLOCK_SKEW_MS=600000 timeout 30 "$CARNET" --db a.db sync host:/x 2>err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "truncated\|cut" err.txt || { cat err.txt; fail "a stream cut in the rows was not reported"; }
[ "$(snap a.db)" = "$sa" ] || fail "a half-received batch changed the store"

# The server's side: truncated and corrupted input on stdin.
sb=$(snap b.db)
status=0
timeout 30 "$CARNET" sync --serve b.db < cut.bin > /dev/null 2> err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "truncated" err.txt || { cat err.txt; fail "serve: truncation not reported"; }
status=0
timeout 30 "$CARNET" sync --serve b.db < big.bin > /dev/null 2> err.txt || status=$?
[ "$status" -eq 1 ] && grep -q "damaged" err.txt || { cat err.txt; fail "serve: corruption not reported"; }
[ "$(snap b.db)" = "$sb" ] || fail "serve changed its store on bad input"
echo "ok"
