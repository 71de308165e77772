# Text from the store cannot drive the terminal: a title and a description
# holding ESC[2J (clear screen), OSC 52 (write the clipboard), OSC 0 (set
# the window title), BEL, backspace, CR, a C1 CSI and bidi overrides,
# written straight into the SQLite file, reach the terminal neutralised.
# The check reads the raw bytes carnet writes to its terminal (tmux
# pipe-pane, started before carnet draws anything), not the screen that
# capture-pane renders, which never shows an escape byte; carnet's own
# sequences (cursor moves, colours) are there, the planted ones are not.
. "$(dirname "$0")/lib.sh"

make_store
carnet_ok add initiative title="Sentinel first row" centre="$centre_id" status=idea carried_by=centre started_on=2024-01-02
carnet_ok add initiative title="Placeholder" centre="$centre_id" status=idea carried_by=centre started_on=2024-01-01
bad=$stdout
# Each planted sequence is followed by a marker (zq1...) that carnet never
# draws after a sequence of its own: "ESC[2J then zq1" in the raw bytes can
# only be the planted one.
python3 - "$db" "$bad" <<'PY'
import sqlite3, sys
evil = ("Evil\x1b[2Jzq1\x1b]52;c;cHduZWQ=\x07zq2\x1b]0;pwned\x07zq3\x1b[31mzq4bell\x07zq5"
        "bs\x08zq6cr\rzq7\x9b2Jzq8\u202ezq9\u2066zq0")
db = sqlite3.connect(sys.argv[1])
db.create_function("use_carnet_to_write", 0, lambda: 1)
db.create_function("use_carnet_to_write", 1, lambda seq: 1)
db.execute("UPDATE initiative SET title = ?, description = ? WHERE id = ?", (evil, evil, sys.argv[2]))
db.commit()
PY
expect_match "$(sqlite3 "$db" "SELECT hex(title) FROM initiative WHERE id = '$bad'")" "1B5B324A" "the raw title holds ESC[2J"

# carnet waits until the pipe is in place, so that every byte it writes to
# the terminal, from the first, is read.
raw=$tmp/terminal.raw
go=$tmp/go
real=$CARNET
CARNET=$tmp/carnet-after-pipe
printf '#!/bin/sh\necho waiting for the pipe\nwhile [ ! -e %q ]; do sleep 0.05; done\nexec %q "$@"\n' "$go" "$real" >"$CARNET"
chmod +x "$CARNET"
start_carnet
tm pipe-pane -t e2e -o "cat >> $(printf %q "$raw")"
touch "$go"
expect_screen "carnet — E2E"
send_keys 2
expect_screen "Evil" "the row with escapes is listed"
# Neutralised, not interpreted: the text stays in order on its line (ncurses
# alone would show ESC as ^[ but move the cursor for CR and backspace).
expect_screen "Evilzq1zq2zq3zq4bell" "the title is drawn as plain text, in order"
expect_screen "Sentinel first row" "the rest of the screen is still there"
expect_screen "Started on" "the header is still there"
send_keys Down Enter
expect_screen "initiative: Evil" "the detail shows it too"
expect_screen "Centre social Tilleuls" "and the rest of the detail"
expect_screen "zq9" "and its description"
# The form draws the same text cleaned, and saving a new title is not
# refused because of the description the user did not touch (an edit
# checks only what it changes): such a record is repaired field by field.
send_keys e
expect_screen "Edit initiative"
send_keys C-u
type_text "Titre propre"
send_keys C-s
expect_screen "Saved: Titre propre"
expect_eq "$(sqlite3 "$db" "SELECT title || '|' || (instr(description, char(27)) > 0) FROM initiative WHERE id = '$bad'")" \
    "Titre propre|1" "the title is repaired, the description the user did not touch is as it was"
send_keys Q
wait_exit && pass || fail "leaves"
tm pipe-pane -t e2e
CARNET=$real

# check_raw FILE: what reached the terminal.
problems=$(python3 - "$raw" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
out = []
planted = {
    b"\x1b[2Jzq1": "the planted clear screen (ESC[2J)",
    b"\x1b]52;": "an OSC 52 (clipboard write)",
    b"\x1b]0;pwned": "the planted window title (OSC 0)",
    b"\x1b[31mzq4": "the planted colour",
    b"\x07zq5": "the planted BEL",
    b"\x08zq6": "the planted backspace",
    b"\rzq7": "the planted CR",
    b"\xc2\x9b": "a C1 CSI",
}
for seq, what in planted.items():
    if seq in data:
        out.append(f"{what} reached the terminal")
for seq, what in ((b"\xe2\x80\xae", "U+202E RLO"), (b"\xe2\x81\xa6", "U+2066 LRI")):
    if seq in data:
        out.append(f"the bidi control {what} reached the terminal")
# The title was drawn (so the bytes were read while it was on screen), and
# carnet's own sequences are there: cursor positions and attributes.
if b"Evil" not in data or b"zq9" not in data:
    out.append("the raw output does not hold the record's text: the pipe read nothing useful")
if len(re.findall(rb"\x1b\[[0-9;]*H", data)) < 5 or not re.search(rb"\x1b\[[0-9;]*m", data):
    out.append("carnet's own cursor moves and attributes are missing from the raw output")
print("\n".join(out))
PY
)
[ -z "$problems" ] && pass || fail "the raw bytes written to the terminal" "$problems" "($(stat -c %s "$raw") bytes read)"

finish
