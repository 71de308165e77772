# A store file damaged on disk (pages in the middle overwritten with
# garbage): `carnet check` says it is damaged and exits 1, `carnet add`
# refuses to write to it and points at the latest backup beside it (or says
# there is none and how to make one), and following that advice works.
. "$(dirname "$0")/lib.sh"

db=$tmp/carnet.db
carnet_ok init --name "Abîmé"
carnet_ok demo --records 300 --seed 4
centre=$(sql "$db" "SELECT name FROM centre ORDER BY name LIMIT 1")
carnet_ok backup "$tmp/carnet.db.2026-11-01.bak"
carnet_ok add initiative title="Après la copie" centre="$centre" status=idea carried_by=inhabitants started_on=2026-11-02
# An older backup, to be passed over for the newest.
cp "$tmp/carnet.db.2026-11-01.bak" "$tmp/old.bak"
touch -d "2020-01-01" "$tmp/old.bak"

# The middle third of the pages, overwritten with garbage (fixed seed).
python3 - "$db" <<'PY'
import os, random, sys
random.seed(11)
path = sys.argv[1]
pages = os.path.getsize(path) // 4096
with open(path, "r+b") as f:
    for p in range(pages // 3, 2 * pages // 3):
        f.seek(p * 4096)
        f.write(bytes(random.getrandbits(8) for _ in range(4096)))
PY
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
finish
