# Terminal injection through the command line: text a peer or a raw write
# planted in the store (records, the store's name, history, conflicts) and
# what the user typed (an unknown field, an unknown id, a CSV header) never
# reaches the terminal as a control character, an escape sequence or a bidi
# control, whatever the command; CSV and JSON keep the exact bytes. A record
# that arrives by sync with such text can be repaired one field at a time.
. "$(dirname "$0")/lib.sh"

# check_clean WHAT FILE...: the raw bytes of FILE (od/python, not a shell
# variable that would drop bytes) hold no C0 control but newline and tab, no
# DEL, no C1 (U+0080-U+009F), no bidi control, and are valid UTF-8.
check_clean() {
    local what=$1 problems
    shift
    problems=$(python3 - "$@" <<'PY'
import sys
bidi = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) | {0x200E, 0x200F, 0x061C}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    for b in (0x1b, 0x07, 0x08, 0x0d, 0x7f):
        if b in data:
            print(f"{path}: byte 0x{b:02x} at offset {data.index(b)}")
    other = [b for b in data if b < 0x20 and b not in (0x0a, 0x09, 0x1b, 0x07, 0x08, 0x0d)]
    if other:
        print(f"{path}: control bytes {sorted(set(other))}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        print(f"{path}: not valid UTF-8 ({e})")
        continue
    for ch in text:
        if 0x80 <= ord(ch) <= 0x9f:
            print(f"{path}: C1 control U+{ord(ch):04X}")
        if ord(ch) in bidi:
            print(f"{path}: bidi control U+{ord(ch):04X}")
PY
)
    if [ -z "$problems" ]; then
        pass
    else
        fail "$what: the output can drive the terminal" "$problems" "stdout: $(printf '%.300q' "$stdout")" \
            "stderr: $(printf '%.300q' "$stderr")"
    fi
}

# human CMD...: a command for people: its stdout and stderr are clean.
human() {
    carnet "$@"
    check_clean "carnet $(printf '%q ' "$@")" "$OUT" "$ERR"
}

# The hostile text: clear screen, OSC 52 (write the clipboard), BEL,
# backspace, CR, DEL, a C1 CSI, RLO and LRI (bidi), and a title-setting OSC 0.
PAYLOAD_PY='"Evil A\x1b[2JB\x1b]52;c;cHduZWQ=\x07C\x07D\x08E\rF\x7fG\x9b2JH\u202eI\u2066J\x1b]0;pwned\x07K"'
payload=$(python3 -c "import sys; sys.stdout.write($PAYLOAD_PY)")

# plant DB SQL ARGS...: a raw write that pretends to be carnet (the triggers
# let it through), as a peer or the sqlite3 shell could leave it.
plant() {
    python3 - "$@" <<PY
import sqlite3, sys
p = $PAYLOAD_PY
db = sqlite3.connect(sys.argv[1])
db.create_function("use_carnet_to_write", 0, lambda: 1)
db.create_function("use_carnet_to_write", 1, lambda seq: 1)
db.execute(sys.argv[2].replace("@P", "?"), [p] * sys.argv[2].count("@P") + sys.argv[3:])
db.commit()
PY
}

db=$tmp/a.db
carnet_ok init --name "Centre A"
carnet_ok add territory name="Les Tilleuls" city=Lyon
carnet_ok add centre name="Centre social Tilleuls" kind=centre_social city=Lyon territory="$stdout"
centre=$stdout
carnet_ok add initiative title="Jardin partagé" centre="$centre" status=idea carried_by=centre started_on=2026-01-02
id=$stdout
carnet_ok edit "$id" status=ongoing
carnet_ok clone "$db" "$tmp/b.db"

plant "$db" "UPDATE initiative SET title = @P, description = @P WHERE id = ?" "$id"
plant "$db" "UPDATE meta SET value = @P WHERE key = 'name'"
plant "$db" "UPDATE history SET login = @P, field = @P, old = @P, new = @P WHERE rec_id = ?" "$id"
expect_eq "$(sql "$db" "SELECT instr(title, char(27)) > 0 FROM initiative WHERE id = '$id'")" 1 "the title holds ESC"

# --- every human output of the planted record ---------------------------------------
human list initiative
expect_stdout_contains "Evil A" "list shows the title"
human show "$id"
expect_stdout_contains "Evil A" "show shows the title"
human search Evil
expect_stdout_contains "Evil A" "search finds it"
human history "$id"
human browse
expect_stdout_contains "Evil A" "browse shows the title"
human browse --count-by title
expect_stdout_contains "Evil A" "browse --count-by shows the title"
human summary
expect_stdout_contains "Evil A" "summary shows the store's name"
human check
human list centre
human member list

# --- what the user typed ---------------------------------------------------------------
printf 'title,%s,centre\nx,y,%s\n' "$payload" "$centre" >"$tmp/bad.csv"
human import initiative "$tmp/bad.csv"
expect_status 1 "import with a hostile header"
expect_stderr_contains "Evil A" "the message quotes the header"
human edit "$id" "ti${payload}tle=x"
expect_status 2 "edit with a hostile field name"
human edit "$id" "title=New $payload"
expect_status 1 "edit with a hostile value"
human show "id$payload"
expect_status 1 "show with a hostile id"
expect_stderr_contains "Evil A" "the message quotes the id"
human history "id$payload"
expect_status 1 "history with a hostile id"
human list "kind$payload"
expect_status 2 "list with a hostile kind"
human list initiative --where "status=$payload"
human list initiative --format "$payload"
human add initiative "title=$payload" centre="$centre"
human "cmd$payload"
expect_status 2 "an unknown command"
run "$CARNET" "--opt$payload"
check_clean "an unknown global option" "$OUT" "$ERR"

# --- the same in French ------------------------------------------------------------------
# french CMD...: human, under fr_FR.UTF-8 (the translated messages quote the
# same values).
french() {
    run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db "$db" "$@"
    check_clean "LC_ALL=fr_FR.UTF-8 carnet $(printf '%q ' "$@")" "$OUT" "$ERR"
}
french summary
expect_stdout_contains "Base" "summary in French"
french import initiative "$tmp/bad.csv"
expect_stderr_contains "rien n'a été importé" "the import message in French"
french show "id$payload"
french edit "$id" "ti${payload}tle=x"
french browse --count-by title
french sync --conflicts

# --- machine formats keep the exact bytes --------------------------------------------
# exact_title FORMAT: the title read back from the output file is the payload.
exact_title() {
    python3 - "$1" "$OUT" "$id" <<PY
import csv, io, json, sys
fmt, path, rid = sys.argv[1:]
p = $PAYLOAD_PY
raw = open(path, "rb").read()
if fmt == "json":
    assert b"\\\\u001b" in raw, "ESC is written \\\\u001b"
    d = json.loads(raw.decode("utf-8"))
    rows = d if isinstance(d, list) else [d]
else:
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
titles = [r["title"] for r in rows if r.get("id") == rid]
assert titles == [p], f"titles {titles!r}"
PY
}
for args in "list initiative --format json" "list initiative --format csv" "show $id --format json" \
    "export initiative --format csv" "export initiative --format json" "browse --format json" \
    "browse --format csv" "search Evil --format json" "search Evil --kind initiative --format csv"; do
    # shellcheck disable=SC2086
    carnet $args
    expect_status 0 "carnet $args"
    if err=$(exact_title "${args##* }" 2>&1); then pass; else fail "carnet $args keeps the exact bytes" "$err"; fi
done

# --- a conflict whose values are hostile ---------------------------------------------
db=$tmp/b.db
carnet_ok edit "$id" title="Titre de B"
plant "$db" "UPDATE initiative SET title = @P WHERE id = ?" "$id"
db=$tmp/a.db
carnet_ok edit "$id" title="Titre de A"
human sync "$tmp/b.db"
# The edit that lost is B's: its value is kept there.
db=$tmp/b.db
human sync --conflicts
expect_stdout_contains "Evil A" "sync --conflicts shows the losing or winning value"
human sync --peers
db=$tmp/a.db

# --- a peer whose file name is hostile ------------------------------------------------
evil_path="$tmp/evil${payload//\//_}.db"
human clone "$db" "$evil_path"
[ -f "$evil_path" ] && pass || fail "clone to a hostile file name"
human sync "$evil_path"
expect_stderr_contains "synced with" "the sync names the peer"

# --- one output path: no command writes to a stream but through cli/output.c ---------
direct=$(grep -nE '\b(printf|fprintf|vfprintf|fputs|puts|fputc|putc|putchar|fwrite|dprintf|perror)\s*\(' \
    "$CARNET_SRC"/cli/*.c | grep -v '^[^:]*/cli/output\.c:')
expect_eq "$direct" "" "cli/ prints only through cli_out, cli_err, cli_print, cli_progress or cli_data (cli/output.c)"

# --- a record from a peer that local validation would refuse ---------------------------
# Sync stores the peer's bytes as they are; an edit checks only the fields it
# changes, so the user repairs such a record one field at a time.
db=$tmp/c.db
carnet_ok clone "$tmp/a.db" "$db"
db=$tmp/a.db
carnet_ok add initiative title="Arrivera" centre="$centre" status=idea carried_by=centre started_on=2026-02-01
id2=$stdout
plant "$db" "UPDATE initiative SET title = @P, description = @P WHERE id = ?" "$id2"
db=$tmp/c.db
carnet_ok sync "$tmp/a.db"
expect_eq "$(sql "$db" "SELECT instr(title, char(27)) > 0 AND instr(description, char(27)) > 0 FROM initiative WHERE id = '$id2'")" 1 \
    "the peer's title and description arrive as they are"
carnet edit "$id2" title="Propre"
expect_status 0 "edit title= on a record whose description holds ESC"
check_clean "edit title=" "$OUT" "$ERR"
expect_eq "$(json_title=$(sql "$db" "SELECT title FROM initiative WHERE id = '$id2'"); echo "$json_title")" "Propre" "the title is repaired"
carnet edit "$id2" description="Description propre"
expect_status 0 "edit description= then"
expect_eq "$(sql "$db" "SELECT description FROM initiative WHERE id = '$id2'")" "Description propre" "the description is repaired"
carnet edit "$id2" "description=$(printf 'x\e[2J')"
expect_status 1 "a changed field is still checked"
expect_stderr_contains "Description: contains an Escape character"
carnet_ok sync "$tmp/a.db"
db=$tmp/a.db
expect_eq "$(sql "$db" "SELECT title || '|' || description FROM initiative WHERE id = '$id2'")" "Propre|Description propre" \
    "the repair travels back to the peer"

finish
