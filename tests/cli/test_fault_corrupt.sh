# A store file damaged on disk (pages overwritten with garbage): `carnet
# check` says it is damaged and exits 1, `carnet add` refuses to write to it
# and points at the latest backup beside it (or says there is none and how
# to make one), and following that advice works. Damage to the pages of the
# records and damage to the pages of the schema are both tried.
. "$(dirname "$0")/lib.sh"

db=$tmp/carnet.db
carnet_ok init --name "Abîmé"
carnet_ok demo --records 300 --seed 4
centre=$(sql "$db" "SELECT name FROM centre ORDER BY name LIMIT 1")
carnet_ok backup "$tmp/carnet.db.2026-11-01.bak"
carnet_ok add initiative title="Après la copie" centre="$centre" status=idea carried_by=inhabitants started_on=2026-11-03
# An older backup, to be passed over for the newest.
cp "$tmp/carnet.db.2026-11-01.bak" "$tmp/old.bak"
touch -d "2020-01-01" "$tmp/old.bak"
intact=$tmp/intact.db
cp "$db" "$intact"

# garble FILE PAGE...: those pages overwritten with garbage (fixed seed).
garble() {
    python3 - "$@" <<'PY'
import random, sys
random.seed(11)
with open(sys.argv[1], "r+b") as f:
    for p in sys.argv[2:]:
        f.seek((int(p) - 1) * 4096)
        f.write(bytes(random.getrandbits(8) for _ in range(4096)))
PY
}
# The pages holding the records (dbstat knows which page belongs to what).
record_pages=$(sql "$db" "SELECT pageno FROM dbstat WHERE name IN ('initiative', 'action', 'meeting')")
[ -n "$record_pages" ] && pass || fail "dbstat lists the pages of the records"
garble "$db" $record_pages
damaged=$(sha256sum <"$db")

carnet check
expect_status 1 "check on a damaged store"
expect_stderr_contains "the file is damaged"
expect_stderr_contains "The latest backup is $tmp/carnet.db.2026-11-01.bak"
expect_stdout_empty "check on a damaged store: nothing on stdout"

carnet add initiative title="Refusée" centre="$centre" status=idea carried_by=inhabitants started_on=2026-11-03
expect_status 1 "add to a damaged store"
expect_stderr_contains "is damaged"
expect_stderr_contains "nothing was saved"
expect_stderr_contains "The latest backup is $tmp/carnet.db.2026-11-01.bak"
expect_stdout_empty "a refused add prints no id"
expect_eq "$(sha256sum <"$db")" "$damaged" "the damaged file was not written to"

# No backup at all: say so, and how to have one next time.
mkdir "$tmp/aside"
mv "$tmp"/*.bak "$tmp/aside/"
carnet add initiative title="Refusée" centre="$centre" status=idea carried_by=inhabitants started_on=2026-11-03
expect_status 1 "add to a damaged store without a backup"
expect_stderr_contains "There is no backup (*.bak) in $tmp"
expect_stderr_contains "carnet backup FILE.bak"

# The advice, followed: the damaged file aside, the backup in its place.
mv "$db" "$tmp/aside/carnet.db.damaged"
rm -f "$db-wal" "$db-shm"
cp "$tmp/aside/carnet.db.2026-11-01.bak" "$db"
carnet_ok check
carnet_ok add initiative title="Reprise" centre="$centre" status=idea carried_by=inhabitants started_on=2026-11-04
expect_match "$stdout" "$UUID_RE" "a write after restoring the backup"
expect_eq "$(sql "$db" "SELECT count(*) FROM initiative WHERE title = 'Après la copie'")" 0 \
    "the backup holds what was there when it was made"

# The schema's own pages damaged (the table of tables beyond its first
# page): carnet cannot even read what the store holds, and says so.
schema_pages=$(sql "$intact" "SELECT pageno FROM dbstat WHERE name = 'sqlite_schema' AND pageno > 1")
[ -n "$schema_pages" ] && pass || fail "the schema spans several pages"
garble "$intact" $schema_pages
cp "$tmp/aside/carnet.db.2026-11-01.bak" "$tmp/"
damaged=$(sha256sum <"$intact")
run "$CARNET" --db "$intact" check
expect_status 1 "check on a store whose schema is damaged"
expect_stderr_contains "is damaged"
expect_stderr_contains "The latest backup is $tmp/carnet.db.2026-11-01.bak"
run "$CARNET" --db "$intact" add initiative title="Refusée" centre="$centre" status=idea carried_by=inhabitants \
    started_on=2026-11-03
expect_status 1 "add to a store whose schema is damaged"
expect_stderr_contains "is damaged"
expect_eq "$(sha256sum <"$intact")" "$damaged" "the damaged file was not written to"
finish
