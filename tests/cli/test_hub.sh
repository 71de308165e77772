#!/usr/bin/env bash
# The federation hub on a real PostgreSQL (started by the test, socket
# only): hub init (creates, is idempotent, refuses a newer schema
# untouched); stores of one dataset that sync only through hubs converge
# (two hubs, a store relaying between them; random adds, edits, deletes and
# restores; every replica equals a reference of the last write of each
# field, and each hub's dataset has the content hash of every store); a
# second dataset stays apart; clone --dataset; hub status; sync --serve
# against a hub through an ssh stand-in; passwords never shown.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

pg_start
h1=$(pg_db fed1)
h2=$(pg_db fed2)
cd "$tmp"

# --- hub init ----------------------------------------------------------------
run "$CARNET" hub status "$h1"
expect_status 1
expect_stderr_contains "is not a carnet hub yet"
expect_stderr_contains "carnet hub init"
run "$CARNET" hub init "$h1"
expect_status 0
expect_stderr_contains "is now a carnet hub"
expect_stderr_empty_of_notices() { [[ "$stderr" != *NOTICE* ]] && pass || fail_run "PostgreSQL notices on stderr"; }
run "$CARNET" hub init "$h1"
expect_status 0
expect_stderr_contains "up to date"
expect_stderr_empty_of_notices
run "$CARNET" hub init "$h2"
expect_status 0
store_version=$("$CARNET" --db "$tmp/v.db" init >/dev/null 2>&1; sqlite3 "$tmp/v.db" 'pragma user_version')
expect_eq "$(psql_q fed1 "select value from carnet.meta where key='kinds_version'")" "$store_version" \
    "the hub's columns follow the store's schema version"
expect_eq "$(psql_q fed1 "select value from carnet.meta where key='schema_version'")" "$((store_version + 3))" \
    "the hub's schema version is the store's plus three (its access, its federation views, the origin of rows)"
# A field's clock is bytea of 24 bytes beside it; keys (dataset, id).
expect_eq "$(psql_q fed1 "select data_type from information_schema.columns where table_schema='carnet' and table_name='initiative' and column_name='title_clk'")" "bytea"
expect_eq "$(psql_q fed1 "select count(*) from information_schema.tables where table_schema='carnet'")" \
    "$((4 + $(sqlite3 "$tmp/v.db" "select count(*) from sqlite_master where type='table' and name in ('territory','centre','member','body','seat','person','criterion','theme','initiative','meeting','attendance','action','difficulty','partner')")))" \
    "one table per kind, plus meta, dataset, sync_peer and access"

# --- convergence through hubs ------------------------------------------------
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 120 --seed 3
ds=$(sqlite3 a.db "select value from meta where key='dataset_id'")
run "$CARNET" --db a.db sync "$h1"
expect_status 0
expect_stderr_contains "synced with"
run "$CARNET" clone "$h1" b.db
expect_status 2
expect_stderr_contains "--dataset"
run "$CARNET" clone "$h1" b.db --dataset 00000000-0000-4000-8000-000000000000
expect_status 1
expect_stderr_contains "holds no dataset"
[ ! -e b.db ] && pass || fail "a failed clone left b.db"
run "$CARNET" clone "$h1" b.db --dataset "$ds"
expect_status 0
expect_stderr_contains "new replica"
run "$CARNET" clone "$h1" c.db --centre "Centre social Les Tilleuls"
expect_status 0 "a clone by the name of a centre"
expect_eq "$(sqlite3 c.db "select value from meta where key='dataset_id'")" "$ds" "the centre's dataset"
run "$CARNET" clone "$h1" x.db --centre "Nulle part"
expect_status 1
expect_stderr_contains "no centre named 'Nulle part'"
run "$CARNET" --db c.db sync "$h2"
expect_status 0
run "$CARNET" clone "$h2" d.db --dataset "$ds"
expect_status 0
stores="a.db b.db c.db d.db"
# Which hubs each store syncs with: c relays between the two.
hubs_of() { case $1 in a.db|b.db) echo "$h1" ;; c.db) echo "$h1 $h2" ;; d.db) echo "$h2" ;; esac; }

# The reference: the last value written of each field, in time order.
declare -A city deleted
RANDOM=16
sync_errors=0
# Under memcheck (CARNET_VALGRIND=1) a command is 20 to 50 times slower:
# the first 12 rounds, which hold every operation (add, edit, delete,
# restore) and syncs through both hubs; the 40 elsewhere.
rounds=40
[ "${CARNET_VALGRIND:-0}" = 1 ] && rounds=12
for round in $(seq 1 "$rounds"); do
    set -- $stores
    shift $((RANDOM % 4))
    s=$1
    mapfile -t ids < <(sqlite3 "$s" "select id from territory order by id")
    op=$((RANDOM % 5))
    if [ "$op" = 0 ] || [ "${#ids[@]}" = 0 ]; then
        id=$("$CARNET" --db "$s" add territory "name=T$round" "city=C$round") || fail "add on $s"
        city[$id]="C$round"
        deleted[$id]=0
    else
        id=${ids[$((RANDOM % ${#ids[@]}))]}
        [ -n "${deleted[$id]+x}" ] || deleted[$id]=$(sqlite3 "$s" "select deleted from territory where id='$id'")
        [ -n "${city[$id]+x}" ] || city[$id]=$(sqlite3 "$s" "select coalesce(city,'') from territory where id='$id'")
        cur=$(sqlite3 "$s" "select deleted from territory where id='$id'")
        case $op in
            1|2) if [ "$cur" = 0 ]; then
                     "$CARNET" --db "$s" edit "$id" "city=E$round" >/dev/null 2>&1 && city[$id]="E$round"
                 fi ;;
            3) [ "$cur" = 0 ] && "$CARNET" --db "$s" delete "$id" >/dev/null 2>&1 && deleted[$id]=1 ;;
            4) [ "$cur" = 1 ] && "$CARNET" --db "$s" restore "$id" >/dev/null 2>&1 && deleted[$id]=0 ;;
        esac
    fi
    # A random sync through a random hub of a random store.
    set -- $stores
    shift $((RANDOM % 4))
    for h in $(hubs_of "$1"); do
        [ $((RANDOM % 2)) = 0 ] || continue
        timeout 60 "$CARNET" --db "$1" sync "$h" >/dev/null 2>"$tmp/sync.err" || {
            sync_errors=$((sync_errors + 1)); cat "$tmp/sync.err"; }
    done
done
expect_eq "$sync_errors" 0 "syncs that failed during the random rounds"
# Final: every store with each of its hubs, as many rounds as the longest
# path (d -> hub 2 -> c -> hub 1 -> a) needs.
for i in 1 2 3 4; do
    for s in $stores; do
        for h in $(hubs_of "$s"); do
            timeout 60 "$CARNET" --db "$s" sync "$h" >/dev/null 2>"$tmp/sync.err" || fail "final sync $s $h" "$(cat "$tmp/sync.err")"
        done
    done
done
ref=$(for id in "${!city[@]}"; do printf '%s|%s|%s\n' "$id" "${city[$id]}" "${deleted[$id]}"; done | sort)
for s in $stores; do
    got=$(sqlite3 "$s" "select id, coalesce(city,''), deleted from territory order by id" | sort | grep -F -f <(printf '%s\n' "${!city[@]}"))
    expect_eq "$got" "$ref" "$s holds the last write of every field"
done
want=$("$CARNET_HASH" a.db)
expect_eq "${want#* }" "$ds" "the hash tool reads the dataset"
for s in b.db c.db d.db; do
    expect_eq "$("$CARNET_HASH" "$s")" "$want" "$s has a's content hash"
done
expect_eq "$("$CARNET_HASH" "$h1" "$ds")" "$want" "hub 1's dataset has the stores' content hash"
expect_eq "$("$CARNET_HASH" "$h2" "$ds")" "$want" "hub 2's dataset has the stores' content hash"
# A second no-op sync changes nothing and says so.
run "$CARNET" --db a.db sync "$h1"
expect_status 0
expect_stderr_contains "received: nothing"
expect_stderr_contains "sent: nothing"

# --- another dataset stays apart ----------------------------------------------
run "$CARNET" --db e.db init --name E
run "$CARNET" --db e.db add territory name=Ailleurs
ds_e=$(sqlite3 e.db "select value from meta where key='dataset_id'")
run "$CARNET" --db e.db sync "$h1"
expect_status 0
expect_stderr_contains "received: nothing"
run "$CARNET" --db a.db sync "$h1"
expect_status 0
expect_eq "$(sqlite3 a.db "select count(*) from territory where name='Ailleurs'")" 0 "a received nothing of e's dataset"
expect_eq "$(psql_q fed1 "select count(distinct dataset) from carnet.territory")" 2 "the hub holds both datasets"
run "$CARNET" hub status "$h1"
expect_status 0
expect_stdout_contains "dataset $ds"
expect_stdout_contains "dataset $ds_e"
expect_stdout_contains "Centre social"
expect_stdout_contains "pending: 0"
expect_eq "$("$CARNET_HASH" "$h1" "$ds_e")" "$("$CARNET_HASH" e.db)" "e's dataset on the hub has e's hash"

# --- the same refusals and conflicts as a store sync ----------------------
# A change written by a clock 10 minutes ahead: the hub refuses it.
run "$CARNET" clone "$h1" f.db --dataset "$ds"
expect_status 0
CARNET_CLOCK_SKEW_MS=600000 "$CARNET" --db f.db add territory name=Futur >/dev/null
run "$CARNET" --db f.db sync "$h1"
expect_status 1
expect_stderr_contains "10 minutes ahead"
expect_eq "$(psql_q fed1 "select count(*) from carnet.territory where name = 'Futur'")" 0 "the hub took nothing of it"
# A concurrent edit of one field on a and c: the later wins, the other is kept.
i=$("$CARNET" --db a.db add territory name=Conflit city=Avant)
run "$CARNET" --db a.db sync "$h1"
run "$CARNET" --db c.db sync "$h1"
run "$CARNET" --db a.db edit "$i" "city=Ville de a"
expect_status 0 "edit on a"
run "$CARNET" --db c.db edit "$i" "city=Ville de c"
expect_status 0 "edit on c"
run "$CARNET" --db c.db sync "$h1"
expect_status 0
# c's edit is the later: a's value, not sent yet, loses on a, which keeps
# it for review.
run "$CARNET" --db a.db sync "$h1"
expect_status 0
expect_stderr_contains "1 concurrent edit resolved"
run "$CARNET" --db a.db sync --conflicts tsv
expect_stdout_contains "$i	city	Ville de a	Ville de c"
expect_eq "$(sqlite3 a.db "select city from territory where id = '$i'")" "Ville de c" "the later edit won on a, through the hub"
expect_eq "$(sqlite3 c.db "select city from territory where id = '$i'")" "Ville de c" "and stayed on c"

# --- a newer hub schema is refused, untouched ---------------------------------
psql_q fed2 "update carnet.meta set value='99' where key='schema_version'" >/dev/null
# (pg_dump's \restrict lines carry a random key: left out.)
pg_dump_data() { "$PG_BIN/pg_dump" -d "$1" | grep -v '^\\\(un\)\?restrict '; }
pg_dump_data fed2 > before.sql
run "$CARNET" hub init "$h2"
expect_status 1
expect_stderr_contains "install a newer carnet"
run "$CARNET" --db d.db sync "$h2"
expect_status 1
expect_stderr_contains "schema version 99"
pg_dump_data fed2 > after.sql
expect_eq "$(diff before.sql after.sql)" "" "the newer hub is untouched"

# --- an older hub schema is upgraded: the kinds and fields added since -----
h3=$(pg_db fed3)
run "$CARNET" hub init "$h3"
psql_q fed3 "drop schema federation cascade; drop table carnet.initiative; alter table carnet.difficulty drop column follow_up, drop column follow_up_clk;
             update carnet.meta set value = '1' where key = 'schema_version';
             delete from carnet.meta where key = 'kinds_version'" >/dev/null
run "$CARNET" --db a.db sync "$h3"
expect_status 1
expect_stderr_contains "carnet hub init"
run "$CARNET" hub init "$h3"
expect_status 0
expect_stderr_contains "upgraded from schema version 1 to"
expect_eq "$(psql_q fed3 "select count(*) from information_schema.columns where table_schema = 'carnet' and
    ((table_name = 'difficulty' and column_name in ('follow_up', 'follow_up_clk')) or table_name = 'initiative' and column_name = 'title')")" 3 \
    "the upgrade made the missing table and columns"
run "$CARNET" --db a.db sync "$h3"
expect_status 0
expect_eq "$("$CARNET_HASH" "$h3" "$ds")" "$("$CARNET_HASH" a.db)" "the upgraded hub holds a's dataset"

# --- through ssh: carnet sync --serve URI on the hub's host -------------------
# The stand-in runs the remote command here, as sshd would on the hub's host.
cat > fake-ssh <<'EOS'
#!/bin/sh
while [ $# -gt 0 ] && [ "$1" != "--" ]; do shift; done
shift 2
exec sh -c "$*"
EOS
chmod 755 fake-ssh
t=$("$CARNET" --db b.db add territory name=ParSsh)
run env CARNET_SSH="$tmp/fake-ssh" CARNET_REMOTE="$CARNET" "$CARNET" --db b.db sync "hubhost:$h1"
expect_status 0
expect_stderr_contains "sent: 1 territory"
expect_eq "$(psql_q fed1 "select name from carnet.territory where id='$t'")" "ParSsh" "the row reached the hub through --serve"
run env CARNET_SSH="$tmp/fake-ssh" CARNET_REMOTE="$CARNET" "$CARNET" clone "hubhost:$h1" s.db --dataset "$ds"
expect_status 0 "a clone from the hub through ssh"
expect_eq "$(sqlite3 s.db "select name from territory where id='$t'")" "ParSsh" "the ssh clone holds the hub's rows"

# --- the README's set-up: an owner role for the hub, a role per centre -------
"$PG_BIN/createuser" fedadmin
"$PG_BIN/createdb" -O fedadmin federation
"$PG_BIN/createuser" centre_tilleuls
run "$CARNET" hub init "postgresql://fedadmin@/federation?host=$pg_dir"
expect_status 0
centre="postgresql://centre_tilleuls@/federation?host=$pg_dir"
run "$CARNET" --db a.db sync "$centre"
expect_status 1 "a centre's role without a grant"
expect_stderr_contains "carnet hub grant"
run "$CARNET" hub grant "postgresql://fedadmin@/federation?host=$pg_dir" centre_tilleuls --dataset "$ds" --write
expect_status 0 "the README's grant"
run "$CARNET" --db a.db sync "$centre"
expect_status 0 "a centre's role syncs"
run "$CARNET" clone "$centre" r.db --dataset "$ds"
expect_status 0 "a centre's role clones its dataset"
expect_eq "$("$CARNET_HASH" r.db)" "$("$CARNET_HASH" a.db)" "the recovered store equals a"

# --- passwords are never shown ------------------------------------------------
secret="postgresql://carnet:s3cr3tPW@/fed1?host=$pg_dir"
run "$CARNET" --db a.db sync "$secret"
expect_status 0
[[ "$stderr" != *s3cr3tPW* ]] && pass || fail_run "the password was printed"
expect_stderr_contains "carnet:***@"
run "$CARNET" --db a.db sync --peers
[[ "$stdout" != *s3cr3tPW* ]] && pass || fail_run "sync --peers shows the password"
run "$CARNET" --db a.db sync "postgresql://carnet:s3cr3tPW@/nosuchdb?host=$pg_dir"
expect_status 1
[[ "$stderr" != *s3cr3tPW* ]] && pass || fail_run "the password was printed in an error"
expect_stderr_contains "nosuchdb"
run "$CARNET" hub status "host=$pg_dir dbname=fed1 password=s3cr3tPW"
expect_status 2
run "$CARNET" hub status "service=nosuchservice password=s3cr3tPW"
expect_status 1
[[ "$stderr" != *s3cr3tPW* ]] && pass || fail_run "the password was printed (service=)"

finish
