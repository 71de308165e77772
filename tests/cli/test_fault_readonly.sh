# A store its reader may not write, in a folder it may not write either (so
# SQLite cannot make the WAL's -shm file): it opens read-only, reads work,
# writes are refused with the reason, and nothing changes. Run as `nobody`
# through runuser, since root ignores permission bits.
. "$(dirname "$0")/lib.sh"

if ! runuser -u nobody -- true 2>/dev/null; then
    fail "this test needs root and runuser to act as the user nobody"
    finish
fi

chmod 711 "$tmp"               # nobody may pass through, not list
mkdir "$tmp/ro"
db=$tmp/ro/carnet.db
carnet_ok init --name "Lecture seule"
carnet_ok member add nobody --role facilitator
carnet_ok add centre name="Centre Lumière" kind=centre_social
carnet_ok add initiative title="Jardin partagé" centre="Centre Lumière" status=idea carried_by=inhabitants started_on=2026-03-14
chmod 0444 "$db"
chmod 0555 "$tmp/ro"
before=$(store_digest "$db")

as_nobody() {
    run runuser -u nobody -- "$CARNET" --db "$db" "$@"
}

as_nobody list initiative --format json
expect_status 0 "list as nobody on a read-only store"
expect_stdout_contains '"title":"Jardin partagé"'
as_nobody search jardin
expect_status 0 "search as nobody on a read-only store"
expect_stdout_contains "Jardin partagé"
as_nobody summary
expect_status 0 "summary as nobody"

as_nobody add initiative title="Refusée" centre="Centre Lumière" status=idea carried_by=inhabitants started_on=2026-03-15
expect_status 1 "add as nobody on a read-only store"
expect_stderr_contains "read-only"
expect_stderr_contains "you cannot write to the file"
expect_stderr_contains "changes made by others while it is open will not be seen"
expect_stdout_empty "a refused add prints no id"
as_nobody import initiative /dev/null
expect_status 1 "import as nobody on a read-only store"

# A store that is read-only only for its file (the folder is writable):
# SQLite can make its -shm, so it reads live and the reason says no more.
chmod 0755 "$tmp/ro"
chmod 0444 "$db"
as_nobody add initiative title="Refusée" centre="Centre Lumière" status=idea carried_by=inhabitants started_on=2026-03-15
expect_status 1 "add as nobody, folder writable"
expect_stderr_contains "you cannot write to the file"
expect_stdout_empty
chmod 0555 "$tmp/ro"

expect_eq "$(store_digest "$db")" "$before" "nothing changed in the read-only store"
finish
