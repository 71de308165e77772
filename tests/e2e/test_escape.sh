# Text from the store cannot drive the terminal: a title holding ESC[2J
# (clear screen) and other control characters, written straight into the
# SQLite file, is shown neutralised and the rest of the screen stays.
. "$(dirname "$0")/lib.sh"

make_store
carnet_ok add initiative title="Sentinel first row" centre="$centre_id" status=idea carried_by=centre started_on=2024-01-02
carnet_ok add initiative title="Placeholder" centre="$centre_id" status=idea carried_by=centre started_on=2024-01-01
bad=$stdout
python3 - "$db" "$bad" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.create_function("use_carnet_to_write", 0, lambda: 1)
db.create_function("use_carnet_to_write", 1, lambda seq: 1)
db.execute("UPDATE initiative SET title = ? WHERE id = ?", ("Evil\x1b[2J\x1b[31mred\x07bell", sys.argv[2]))
db.commit()
PY
expect_match "$(sqlite3 "$db" "SELECT hex(title) FROM initiative WHERE id = '$bad'")" "1B5B324A" "the raw title holds ESC[2J"

start_carnet
expect_screen "carnet — E2E"
send_keys 2
expect_screen "Evil" "the row with escapes is listed"
expect_screen "Sentinel first row" "the rest of the screen is still there"
expect_screen "Started on" "the header is still there"
[[ "$screen" != *$'\e'* ]] && pass || fail "no escape character reached the screen"
send_keys Down Enter
expect_screen "initiative: Evil" "the detail shows it too"
expect_screen "Centre social Tilleuls" "and the rest of the detail"
send_keys Q
wait_exit && pass || fail "leaves"

finish
