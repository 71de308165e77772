# Typing accented, ligatured, wide (CJK) characters and an emoji into a
# title stores exactly those bytes, and the list keeps its columns aligned
# (measured in display columns, a wide character taking two).
. "$(dirname "$0")/lib.sh"

make_store
carnet_ok add initiative title="Plain title" centre="$centre_id" status=ongoing carried_by=centre started_on=2024-05-01
start_carnet
expect_screen "carnet — E2E"
send_keys 2
expect_screen "Plain title"

title="égalité Œuvre 日本 🎉"
send_keys a
expect_screen "New initiative"
type_text "$title"
expect_screen "$title" "the typed text is echoed"
# Editing by character: Left over the emoji and a wide character, insert.
send_keys Left Left Left
type_text "x"
expect_screen "égalité Œuvre 日x本 🎉" "insertion between wide characters"
send_keys BSpace
send_keys C-s
expect_screen "Saved: $title"

id=$("$CARNET" --db "$db" list initiative --format json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["title"] != "Plain title"][0])')
got=$("$CARNET" --db "$db" show "$id" --format json | python3 -c 'import json,sys; sys.stdout.buffer.write(json.load(sys.stdin)["title"].encode("utf-8").hex().encode())')
want=$(printf '%s' "$title" | od -An -tx1 | tr -d ' \n')
expect_eq "$got" "$want" "the stored bytes are exactly the typed ones"

# Alignment: the status column starts at the same display column on both rows.
cols=$(screen_text | python3 -c '
import sys, unicodedata
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
out = []
for line in sys.stdin.read().split("\n"):
    for word in ("idea", "ongoing"):
        i = line.find(" " + word + " ")
        if i >= 0 and ("Plain title" in line or "日本" in line):
            out.append(str(width(line[:i + 1])))
print(" ".join(out))')
read -r c1 c2 <<<"$cols"
echo "status columns: $cols"
expect_ne "${c1:-}" "" "the status of the first row was found"
expect_eq "${c1:-}" "${c2:-x}" "columns aligned after wide characters"

send_keys Q
wait_exit && pass || fail "leaves with status 0"

finish
