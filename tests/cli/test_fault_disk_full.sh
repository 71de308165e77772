# A store on a full disk (a 2 MB tmpfs mounted by the test, so root is
# needed): `carnet add` and `carnet import` say the disk is full and that
# nothing was saved, exit 1, the store stays intact, and writes work again
# once space is freed.
. "$(dirname "$0")/lib.sh"

mnt=$tmp/small
mkdir "$mnt"
if ! mount -t tmpfs -o size=2m tmpfs "$mnt" 2>"$tmp/mount.err"; then
    fail "cannot mount a tmpfs (this test needs root): $(cat "$tmp/mount.err")"
    finish
fi
# Unmount before lib.sh removes $tmp, keeping the exit status it reports.
trap 'rc=$?; umount -l "$mnt" 2>/dev/null; (exit $rc); _lib_exit' EXIT

db=$mnt/carnet.db
carnet_ok init --name "Plein"
carnet_ok add centre name=C1 kind=centre_social
python3 -c "
print('title,centre,status,carried_by,started_on,themes')
for i in range(400):
    print(f'Import {i},C1,ongoing,inhabitants,2026-01-{i % 28 + 1:02d},solidarity')
" >"$tmp/rows.csv"

# fill KB: leaves about KB kilobytes free on the tmpfs.
fill() {
    rm -f "$mnt/filler"
    local free_blocks
    free_blocks=$(stat -f -c %a "$mnt")
    dd if=/dev/zero of="$mnt/filler" bs=4k count=$((free_blocks - $1 / 4)) 2>/dev/null
}
FULL_MSG="the disk is full; nothing was saved"

# The disk is full before carnet starts (not even room for its -shm file).
before=$(store_digest "$db")
fill 0
carnet add initiative title="Plein" centre=C1 status=idea carried_by=inhabitants started_on=2026-01-01
expect_status 1 "add on a full disk"
expect_stderr_contains "$FULL_MSG"
expect_stdout_empty "add on a full disk: no id printed"
carnet import initiative "$tmp/rows.csv"
expect_status 1 "import on a full disk"
expect_stderr_contains "$FULL_MSG"

# The disk fills up in the middle of an import (the WAL grows).
fill 40
carnet import initiative "$tmp/rows.csv"
expect_status 1 "import that fills the disk"
expect_stderr_contains "$FULL_MSG"
expect_stderr_contains "nothing was imported"

# Space is freed: the store is intact and takes writes again.
rm -f "$mnt/filler"
expect_eq "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok" "integrity after a full disk"
carnet_ok check
expect_eq "$(store_digest "$db")" "$before" "nothing of the refused writes was saved"
carnet_ok import initiative "$tmp/rows.csv"
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM initiative WHERE title LIKE 'Import %'")" 400 "the import once space is freed"
carnet_ok add initiative title="Libre" centre=C1 status=idea carried_by=inhabitants started_on=2026-01-01
expect_match "$stdout" "$UUID_RE" "add prints the new id once space is freed"
carnet_ok check

finish
