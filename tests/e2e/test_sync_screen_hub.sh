# The Sync screen with a federation hub (a PostgreSQL started by the test):
# a sync typed in with a password in the address, which the screen never
# shows (nor keeps); the hub listed as a peer like any other, with its last
# sync and the changes waiting; a second sync from the list that receives
# what another store sent to the hub.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../cli/pg_common.sh"

pg_start
hub=$(pg_db fed)
run "$CARNET" hub init "$hub"
expect_status 0
db=$tmp/a.db
make_store
ini="status=idea carried_by=centre started_on=2024-01-02"
# shellcheck disable=SC2086  # $ini: several field=value words
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" $ini

start_carnet
send_keys 7
send_keys a
expect_screen "Peer (a store file" "a new peer is asked for"
type_text "postgresql://carnet:s3cr3tPW@/fed?host=$pg_dir"
send_keys Enter
expect_screen "Synced with postgresql://carnet:***@/fed" "the summary names the hub, password masked"
expect_screen "Sent: 1 territory, 1 centre" "the store's records went to the hub"
expect_no_screen "s3cr3tPW" "the password is never on the screen"
expect_screen "0 to send" "nothing waits after the sync"
[ "$(sqlite3 "$db" "select count(*) from sync_peer where address like '%s3cr3tPW%'")" = 0 ] && pass ||
    fail "the password was kept in sync_peer"
expect_eq "$(psql_q fed "select title from carnet.initiative")" "Jardin partagé" "the hub holds the initiative"

# Another store of the dataset sends a record through the hub.
ds=$(sqlite3 "$db" "select value from meta where key='dataset_id'")
run "$CARNET" clone "$hub" "$tmp/b.db" --dataset "$ds"
expect_status 0
# shellcheck disable=SC2086
run "$CARNET" --db "$tmp/b.db" add initiative title="Repair café" centre="$centre_id" $ini
expect_status 0
run "$CARNET" --db "$tmp/b.db" sync "$hub"
expect_status 0

# The hub from the list (Enter on the selected peer).
send_keys Enter
expect_screen "Received: 1 initiative" "the record b sent through the hub arrived"
run "$CARNET" --db "$db" list initiative --format csv
expect_stdout_contains "Repair café" "a has b's initiative"
send_keys Q   # q goes back to Home; Q leaves from anywhere
wait_exit && pass || fail "carnet did not exit cleanly"
finish
