#!/usr/bin/env bash
# Stacking hubs (issue 17): carnet hub sync A B syncs every dataset of hub A
# (a region's) with hub B (the nation's), both ways, clocks unchanged. Two
# centres' stores sync with A; after the stacking each dataset has the same
# content hash on A, on B and in its store, and a clone from B equals the
# original store; a change made on B reaches A and the centre's store; a
# concurrent edit of one field ends the same everywhere; a second run and
# the cycle (B back into A) change nothing: same hashes, same rows, no new
# change number. Bad input (one hub twice, an unreachable hub, a hub of
# another schema version) is refused with a message, nothing changed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

pg_start
ha=$(pg_db region)
hb=$(pg_db nation)
cd "$tmp" || exit 2
for h in "$ha" "$hb"; do
    run "$CARNET" hub init "$h"
    expect_status 0 "carnet hub init"
done

# Two centres' stores, each its own dataset, synced with the region's hub.
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 80 --seed 7
ds_a=$(sqlite3 a.db "select value from meta where key='dataset_id'")
db=$tmp/e.db
carnet_ok init --name E
carnet_ok add territory name=Ailleurs city=Loin
ds_e=$(sqlite3 e.db "select value from meta where key='dataset_id'")
for s in a.db e.db; do
    run "$CARNET" --db "$s" sync "$ha"
    expect_status 0 "$s syncs with the region's hub"
done

# state DB: every row of every kind with its change number, and the
# datasets (what must not move when nothing changes).
kind_tables=$(psql_q region "select string_agg(table_name, ' ' order by table_name) from information_schema.columns
    where table_schema = 'carnet' and column_name = 'row_seq'")
state() {
    local t q=""
    for t in $kind_tables; do
        q="$q${q:+ union all }select '$t', dataset::text, id, row_seq from carnet.$t"
    done
    psql_q "$1" "select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) || ' ' || count(*) from ($q) x"
    psql_q "$1" "select dataset, site, hlc from carnet.dataset order by dataset"
}
hashes() {
    local ds
    for ds in "$ds_a" "$ds_e"; do "$CARNET_HASH" "$1" "$ds"; done
}

# --- bad input: refused, nothing changed ----------------------------------------
region_before=$(state region)
nation_before=$(state nation)
run "$CARNET" hub sync "$ha" "$ha"
expect_status 2
expect_stderr_contains "two different hubs"
run "$CARNET" hub sync "$ha" "$ha&application_name=autre"
expect_status 1
expect_stderr_contains "are the same database"
expect_stderr_contains "nothing was changed"
run "$CARNET" hub sync "$ha" "postgresql:///nation?host=$tmp/nowhere"
expect_status 1
expect_stderr_contains "failed while connecting"
run "$CARNET" hub sync "$ha" a.db
expect_status 2
expect_stderr_contains "is not a PostgreSQL address"
run "$CARNET" hub sync "$ha"
expect_status 2
expect_stderr_contains "the two hubs' addresses"
hv=$(pg_db vieux)
run "$CARNET" hub init "$hv"
expect_status 0
version=$(psql_q vieux "select value from carnet.meta where key = 'schema_version'")
psql_q vieux "update carnet.meta set value = '$((version + 1))' where key = 'schema_version'" >/dev/null
run "$CARNET" hub sync "$ha" "$hv"
expect_status 1
expect_stderr_contains "install a newer carnet"
expect_eq "$(psql_q vieux "select count(*) from carnet.dataset")" 0 "a hub of a newer schema got no dataset"
psql_q vieux "update carnet.meta set value = '$((version - 1))' where key = 'schema_version'" >/dev/null
run "$CARNET" hub sync "$hv" "$ha"
expect_status 1
expect_stderr_contains "carnet hub init"
expect_eq "$(state region)" "$region_before" "the refusals left the region's hub as it was"
expect_eq "$(state nation)" "$nation_before" "the refusals left the nation's hub as it was"
expect_eq "$(psql_q nation "select count(*) from carnet.dataset")" 0 "the nation's hub holds no dataset yet"

# --- the first stacking ---------------------------------------------------------
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0 "carnet hub sync region nation"
expect_stderr_contains "the dataset $ds_a (Centre social"
expect_stderr_contains "the dataset $ds_e ("
expect_stderr_contains "sent: 1 territory"
expect_stderr_contains "2 datasets of the hub"
want_a=$("$CARNET_HASH" a.db)
want_e=$("$CARNET_HASH" e.db)
expect_eq "$("$CARNET_HASH" "$ha" "$ds_a")" "$want_a" "the region's hub holds A's store"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_a")" "$want_a" "the nation's hub holds A's store"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_e")" "$want_e" "the nation's hub holds E's store"
# Clocks travel unchanged: each field's clock on B is the one on A.
clocks() { psql_q "$1" "select string_agg(id || ':' || encode(city_clk, 'hex'), ',' order by id) from carnet.territory where dataset = '$ds_a'"; }
expect_eq "$(clocks nation)" "$(clocks region)" "the nation's hub has the region's clocks"
expect_ne "$(psql_q nation "select site from carnet.dataset where dataset = '$ds_a'")" \
    "$(psql_q region "select site from carnet.dataset where dataset = '$ds_a'")" "each hub has its own site id"
# Seeds keep their zero clocks on B (never sent, never given new clocks).
zero=$(printf '0%.0s' $(seq 1 48))
expect_eq "$(psql_q nation "select count(*) from carnet.criterion where dataset = '$ds_a' and encode(deleted_clk, 'hex') = '$zero'")" \
    "$(psql_q region "select count(*) from carnet.criterion where dataset = '$ds_a' and encode(deleted_clk, 'hex') = '$zero'")" \
    "the seeds have zero clocks on both hubs"
run "$CARNET" clone "$hb" a2.db --dataset "$ds_a"
expect_status 0
expect_eq "$("$CARNET_HASH" a2.db)" "$want_a" "a store cloned from the nation's hub equals A's store"
run "$CARNET" clone "$hb" e2.db --dataset "$ds_e"
expect_status 0
expect_eq "$("$CARNET_HASH" e2.db)" "$want_e" "a store cloned from the nation's hub equals E's store"

# --- again, and the cycle: nothing changes --------------------------------------
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
region_before=$(state region)
nation_before=$(state nation)
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0 "a second run"
expect_no_match "$stderr" "received: [0-9]" "a second run receives nothing"
expect_no_match "$stderr" "sent: [0-9]" "a second run sends nothing"
expect_stderr_contains "sent: nothing"
run "$CARNET" hub sync "$hb" "$ha"
expect_status 0 "the cycle: the nation's hub back into the region's"
expect_no_match "$stderr" "(received|sent): [0-9]" "the cycle moves nothing"
expect_eq "$(state region)" "$region_before" "the cycle left the region's hub's rows and change numbers"
expect_eq "$(state nation)" "$nation_before" "the cycle left the nation's hub's rows and change numbers"
expect_eq "$(hashes "$ha")" "$want_a"$'\n'"$want_e" "the region's hashes after the cycle"
expect_eq "$(hashes "$hb")" "$want_a"$'\n'"$want_e" "the nation's hashes after the cycle"

# --- a change made on B reaches A and the centre's store -----------------------
mapfile -t tids < <(sqlite3 a.db "select id from territory where deleted = 0 order by id limit 2")
t1=${tids[0]}
t2=${tids[1]}
new=$("$CARNET" --db a2.db add territory name=DuNational) || fail "add on a2.db"
"$CARNET" --db a2.db edit "$t1" city=Paris >/dev/null 2>&1 || fail "edit on a2.db"
run "$CARNET" --db a2.db sync "$hb"
expect_status 0
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
expect_stderr_contains "received: 2 territories"
run "$CARNET" --db a.db sync "$ha"
expect_status 0
expect_eq "$(sqlite3 a.db "select name from territory where id = '$new'")" "DuNational" "B's new record reached A's store"
expect_eq "$(sqlite3 a.db "select city from territory where id = '$t1'")" "Paris" "B's edit reached A's store"
want_a=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" a2.db)" "$want_a" "the store on B equals the store on A"
expect_eq "$("$CARNET_HASH" "$ha" "$ds_a")" "$want_a" "the region's hub has B's change"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_a")" "$want_a" "the nation's hub has the same"

# --- concurrent edits of one field: the later wins everywhere -------------------
converge() {
    run "$CARNET" --db a.db sync "$ha"
    expect_status 0
    run "$CARNET" --db a2.db sync "$hb"
    expect_status 0
    run "$CARNET" hub sync "$ha" "$hb"
    expect_status 0
    run "$CARNET" --db a.db sync "$ha"
    expect_status 0
    run "$CARNET" --db a2.db sync "$hb"
    expect_status 0
}
"$CARNET" --db a.db edit "$t1" city=DeA >/dev/null 2>&1 || fail "edit on a.db"
sleep 0.01
"$CARNET" --db a2.db edit "$t1" city=DeB >/dev/null 2>&1 || fail "edit on a2.db"
"$CARNET" --db a2.db edit "$t2" city=AvantB >/dev/null 2>&1 || fail "edit on a2.db"
sleep 0.01
"$CARNET" --db a.db edit "$t2" city=ApresA >/dev/null 2>&1 || fail "edit on a.db"
converge
for s in a.db a2.db; do
    expect_eq "$(sqlite3 "$s" "select city from territory where id = '$t1'")" "DeB" "$s: B's later edit won"
    expect_eq "$(sqlite3 "$s" "select city from territory where id = '$t2'")" "ApresA" "$s: A's later edit won"
done
want_a=$("$CARNET_HASH" a.db)
expect_eq "$("$CARNET_HASH" a2.db)" "$want_a" "both stores the same after concurrent edits"
expect_eq "$("$CARNET_HASH" "$ha" "$ds_a")" "$want_a" "the region's hub the same"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_a")" "$want_a" "the nation's hub the same"

# Once the echoes are back, a run and the cycle change nothing again.
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
region_before=$(state region)
nation_before=$(state nation)
run "$CARNET" hub sync "$hb" "$ha"
expect_status 0
expect_no_match "$stderr" "(received|sent): [0-9]" "the cycle moves nothing"
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
expect_no_match "$stderr" "(received|sent): [0-9]" "a run moves nothing"
expect_eq "$(state region)" "$region_before" "the region's hub is as it was"
expect_eq "$(state nation)" "$nation_before" "the nation's hub is as it was"

# A dataset the nation's hub holds from elsewhere stays out of the region's.
db=$tmp/o.db
carnet_ok init --name O
carnet_ok add territory name=AutreRegion
ds_o=$(sqlite3 o.db "select value from meta where key='dataset_id'")
run "$CARNET" --db o.db sync "$hb"
expect_status 0
run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
expect_stderr_not_contains "$ds_o"
expect_eq "$(psql_q region "select count(*) from carnet.territory where dataset = '$ds_o'")" 0 \
    "the region's hub holds nothing of another region's dataset"

# --- as a role that may sync every dataset of both hubs, not their owner -------
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE stacker LOGIN" && pass || fail "the role"
for h in "$ha" "$hb"; do
    run "$CARNET" hub grant "$h" stacker --all-datasets --write
    expect_status 0
done
db=$tmp/x.db
carnet_ok init --name X
carnet_ok add territory name=Nouveau
ds_x=$(sqlite3 x.db "select value from meta where key='dataset_id'")
run "$CARNET" --db x.db sync "$ha"
expect_status 0
run "$CARNET" hub sync "$ha&user=stacker" "$hb&user=stacker"
expect_status 0 "hub sync as a role granted every dataset with --write"
expect_stderr_contains "3 datasets of the hub"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_x")" "$("$CARNET_HASH" x.db)" "the new centre's dataset reached the nation's hub"

# A dataset the role may not sync on B is refused with its message; the
# others are synced, and the exit status says one failed.
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -c "CREATE ROLE partial LOGIN" && pass || fail "the role"
run "$CARNET" hub grant "$ha" partial --all-datasets --write
expect_status 0
run "$CARNET" hub grant "$hb" partial --dataset "$ds_a" --write
expect_status 0
carnet_ok add territory name=Encore
run "$CARNET" --db x.db sync "$ha"
expect_status 0
nation_x=$("$CARNET_HASH" "$hb" "$ds_x")
run "$CARNET" hub sync "$ha&user=partial" "$hb&user=partial"
expect_status 1 "hub sync with a dataset the role may not sync on B"
expect_stderr_contains "the dataset $ds_x (no centre) was not synced"
expect_stderr_contains "may not sync the dataset $ds_x"
expect_stderr_contains "the dataset $ds_a (Centre social"
expect_stderr_contains "2 datasets of the hub"
expect_stderr_contains "were not synced with"
expect_eq "$("$CARNET_HASH" "$hb" "$ds_x")" "$nation_x" "the refused dataset is unchanged on B"

# --- in French ------------------------------------------------------------------
LC_ALL=fr_FR.UTF-8 LANGUAGE=fr run "$CARNET" hub sync "$ha" "$hb"
expect_status 0
expect_stderr_contains "le jeu de données $ds_a (Centre social"
expect_stderr_contains "(aucun centre) est synchronisé avec"
expect_stderr_contains "envoyé : rien"
expect_stderr_contains "3 jeux de données du hub"
LC_ALL=fr_FR.UTF-8 LANGUAGE=fr run "$CARNET" hub sync "$ha" "$ha"
expect_status 2
expect_stderr_contains "deux hubs différents"

finish
