# The Sync screen (section 7): two replicas (a clone) changed on both sides,
# with one concurrent edit of the same field; the peer listed after the
# clone, a sync with it from the screen, the summary, the records on both
# sides; the conflict list, taking the value that lost; a failed sync shown
# in a dialog; a sync over "ssh" (a fake one that writes on its stderr,
# which must not reach the terminal); the status bar's counter.
. "$(dirname "$0")/lib.sh"

db=$tmp/a.db
b=$tmp/b.db
make_store
ini="status=idea carried_by=centre started_on=2024-01-02"
# shellcheck disable=SC2086  # $ini: several field=value words
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" $ini
shared=$stdout
carnet_ok clone "$db" "$b"

# Changes on both sides; the title of the shared one edited on both, b
# last (its clock wins).
carnet_ok add initiative title="Repair café" centre="$centre_id" $ini
carnet_ok edit "$shared" title="Jardin des Tilleuls"
run "$CARNET" --db "$b" add initiative title="Fête des voisins" centre="$centre_id" $ini
expect_status 0 "add on b"
run "$CARNET" --db "$b" edit "$shared" title="Jardin du Parc"
expect_status 0 "edit on b"

start_carnet
# The counter stands in the status bar of every screen, not only Sync's.
expect_screen "2 to send" "Home's status bar counts the changes b has not received"
send_keys 2
expect_screen "2 to send" "so does the list of initiatives"
send_keys 7
expect_screen "Sync — peers of this store (1)" "the clone made b known to a"
expect_screen "address unknown" "a served the clone: it does not know b's address"
expect_screen "2 to send" "the status bar counts the changes b has not received"

# A sync with a file that is no store: a dialog, then the screen again.
send_keys Enter
expect_screen "Peer (a store file" "Enter on a peer without address asks for one"
type_text "$tmp/nowhere.db"
send_keys Enter
expect_screen "Sync failed" "a failed sync is said in a dialog"
send_keys Enter
expect_no_screen "Sync failed"
expect_screen "The sync with $tmp/nowhere.db failed."

# The real peer.
send_keys a
expect_screen "Peer (a store file"
type_text "$b"
send_keys Enter
expect_screen "Synced with $b in" "the summary names the peer"
expect_screen "Received: 2 initiatives" "the new record and the winning title were received"
expect_screen "Sent: 1 initiative" "the new record was sent (b has the winning title)"
expect_screen "1 concurrent edit resolved" "the concurrent edit is counted"
expect_screen "0 to send" "nothing waits after the sync"
expect_screen "$b " "b is listed by its path now"
expect_no_screen "address unknown"

run "$CARNET" --db "$b" list initiative --format csv
expect_stdout_contains "Repair café" "b has a's new initiative"
carnet_ok list initiative --format csv
expect_stdout_contains "Fête des voisins" "a has b's new initiative"
expect_eq "$(json_field "$shared" title)" "Jardin du Parc" "the later edit won on a"
expect_eq "$(db=$b json_field "$shared" title)" "Jardin du Parc" "and on b"

# The conflicts: the value that lost, the one kept; take the lost one.
send_keys c
expect_screen "Sync — conflicts resolved (1)" "c shows the conflicts"
expect_screen "Jardin des Tilleuls" "the value that lost is listed"
expect_match "$(screen_text)" "initiative +Jardin du Parc +Title +Jardin des Tilleuls +Jardin du Parc" \
    "kind, record, field, value lost, value kept"
send_keys Enter
expect_screen "Put back \"Jardin des Tilleuls\""
send_keys y
expect_screen "Taken: Jardin des Tilleuls"
expect_screen "No conflict kept." "the conflict is gone from the list"
expect_eq "$(json_field "$shared" title)" "Jardin des Tilleuls" "the value that lost is back in a"
carnet_ok sync --conflicts
expect_stdout_empty "no conflict left in the store"
expect_screen "1 to send" "the counter counts the new write"

# Back to the peers; Enter syncs with the selected one at once, through a
# fake ssh that says something on its stderr first.
cat >"$tmp/fakessh" <<'EOF'
#!/bin/sh
echo "Welcome to the fake server" >&2
for last; do :; done
exec sh -c "$last"
EOF
chmod +x "$tmp/fakessh"
send_keys q
expect_screen "Sync — peers of this store (1)" "q goes back to the peers"
send_keys Enter
expect_screen "Synced with $b in" "Enter syncs with the selected peer"
expect_screen "0 to send"
expect_eq "$(db=$b json_field "$shared" title)" "Jardin des Tilleuls" "the taken value reached b"
tm kill-server
start_carnet "CARNET_SSH=$tmp/fakessh" "CARNET_REMOTE=$CARNET"
send_keys 7
expect_screen "Sync — peers"
run "$CARNET" --db "$b" add initiative title="Vide-grenier" centre="$centre_id" $ini
send_keys a
expect_screen "Peer (a store file"
type_text "server:$b"
send_keys Enter
expect_screen "Synced with server:$b in" "a sync over ssh"
expect_screen "Received: 1 initiative" "it received b's new record"
expect_no_screen "Welcome to the fake server" "ssh's stderr never reaches the terminal"
expect_screen "Sync — peers of this store (1)" "still one peer: the same site"
expect_screen "server:$b " "now known by its ssh address"
carnet_ok list initiative --format csv
expect_stdout_contains "Vide-grenier" "a has it"

# Another concurrent edit, synced over ssh with Enter; dismissing its
# conflict keeps the winning value.
carnet_ok edit "$shared" description="Bacs en bois"
run "$CARNET" --db "$b" edit "$shared" description="Bacs en pierre"
expect_status 0 "edit on b"
send_keys Enter
expect_screen "1 concurrent edit resolved"
send_keys c
expect_screen "Bacs en bois" "the new conflict is listed"
send_keys d
expect_screen "Dismissed: the value kept stays."
expect_screen "No conflict kept."
expect_eq "$(json_field "$shared" description)" "Bacs en pierre" "dismissing keeps the winning value"
carnet_ok sync --conflicts
expect_stdout_empty "the dismissed conflict is gone from the store"
send_keys q

# ssh failing: its message is shown in the dialog.
send_keys a
expect_screen "Peer (a store file"
type_text "server:$tmp/none/x.db"
send_keys Enter
expect_screen "Sync failed"
expect_screen "Welcome to the fake server" "what ssh said is in the dialog"
send_keys Enter
expect_no_screen "Sync failed"

send_keys Q
wait_exit && pass || fail "carnet should leave cleanly"
finish
