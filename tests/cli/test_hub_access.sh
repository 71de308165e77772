#!/usr/bin/env bash
# Who may do what on the hub (issue 17, Access), with real PostgreSQL roles:
# the hub's owner is a plain role (not a superuser, who would bypass
# row-level security); centre_a may sync dataset A only (hub grant
# --write); a store of dataset B syncing as centre_a is refused, in English
# and in French, naming the role and the dataset, and nothing changes on
# either side; reader_a may read A (hub grant by --centre) and write
# nothing, through carnet or psql; fed_readers, a group role, reads every
# dataset (--all-datasets) and so does its member bi_tool; hand-written SQL
# as a role sees only its datasets' rows; revoke takes it back; every hub
# table has row-level security enabled and forced; and a hub of the
# previous schema version (no security) keeps its data through hub init.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"

pg_start
"$PG_BIN/createuser" fedadmin
"$PG_BIN/createdb" -O fedadmin federation
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -c "
CREATE ROLE centre_a LOGIN; CREATE ROLE centre_b LOGIN; CREATE ROLE reader_a LOGIN;
CREATE ROLE fed_readers NOLOGIN; CREATE ROLE bi_tool LOGIN IN ROLE fed_readers;" && pass || fail "the roles"
cd "$tmp" || exit 2
as() { printf 'postgresql:///federation?host=%s&user=%s' "$pg_dir" "$1"; }
owner=$(as fedadmin)
# psql_as ROLE SQL: one value, as ROLE (errors on stderr, status kept).
psql_as() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -U "$1" -d federation -c "$2"; }

run "$CARNET" hub init "$owner"
expect_status 0 "hub init by its owner"

# --- every hub table: row-level security enabled and forced -------------------
expect_eq "$(psql_as fedadmin "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'carnet' and c.relkind = 'r' and not (c.relrowsecurity and c.relforcerowsecurity)")" 0 \
    "every table of the schema carnet has row-level security enabled and forced"
expect_eq "$(psql_as fedadmin "select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'carnet' and c.relkind = 'r'")" \
    "$(psql_as fedadmin "select count(distinct tablename) from pg_policies where schemaname = 'carnet' and policyname = 'carnet_owner'")" \
    "every table has the owner's policy"

# --- two centres, each its own dataset ---------------------------------------
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 60 --seed 5
ds_a=$(sqlite3 a.db "select value from meta where key='dataset_id'")
db=$tmp/b.db
carnet_ok init --name B
carnet_ok add territory name=DeB
carnet_ok add territory name=AussiDeB
ds_b=$(sqlite3 b.db "select value from meta where key='dataset_id'")

run "$CARNET" --db a.db sync "$(as centre_a)"
expect_status 1 "centre_a without a grant"
expect_stderr_contains "centre_a has no access"
expect_stderr_contains "carnet hub grant"
run "$CARNET" hub grant "$(as centre_a)" centre_a --dataset "$ds_a" --write
expect_status 1 "a grant by a role that is not the owner"
run "$CARNET" hub grant "$owner" centre_a --dataset "$ds_a" --write
expect_status 0 "grant --write"
expect_stderr_contains "centre_a may now sync the dataset $ds_a"
run "$CARNET" hub grant "$owner" nosuchrole --dataset "$ds_a"
expect_status 1
expect_stderr_contains "no PostgreSQL role named 'nosuchrole'"
run "$CARNET" hub grant "$owner" centre_a --dataset not-an-id
expect_status 1
expect_stderr_contains "'not-an-id' is not a dataset id"
run "$CARNET" hub grant "$owner" centre_a
expect_status 2 "grant without datasets"
run "$CARNET" hub grant "$owner" centre_a --all-datasets --dataset "$ds_a"
expect_status 2 "--all-datasets and --dataset"
run "$CARNET" hub grant "$owner" centre_b --dataset "$ds_b" --write
expect_status 0

run "$CARNET" --db a.db sync "$(as centre_a)"
expect_status 0 "centre_a syncs its dataset"
run "$CARNET" --db b.db sync "$(as centre_b)"
expect_status 0 "centre_b syncs its dataset"
expect_eq "$("$CARNET_HASH" "$owner" "$ds_a")" "$("$CARNET_HASH" a.db)" "the hub holds A"
expect_eq "$("$CARNET_HASH" "$owner" "$ds_b")" "$("$CARNET_HASH" b.db)" "the hub holds B"
expect_eq "$(psql_as fedadmin "select count(distinct dataset) from carnet.territory")" 2 "the owner sees both datasets"
run "$CARNET" hub status "$owner"
expect_status 0
expect_stdout_contains "$ds_a"
expect_stdout_contains "$ds_b"

# --- another dataset as centre_a: refused, nothing changes ---------------------
hub_b=$("$CARNET_HASH" "$owner" "$ds_b")
store_b=$("$CARNET_HASH" b.db)
carnet_ok add territory name=Nouveau
store_b=$("$CARNET_HASH" b.db)
digest_b=$(store_digest b.db)
run "$CARNET" --db b.db sync "$(as centre_a)"
expect_status 1 "B's store syncing as centre_a"
expect_stderr_contains "the role centre_a may not sync the dataset $ds_b"
expect_stderr_contains "nothing was changed"
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db b.db sync "$(as centre_a)"
expect_status 1
expect_stderr_contains "le rôle centre_a ne peut pas synchroniser le jeu de données $ds_b"
expect_eq "$("$CARNET_HASH" "$owner" "$ds_b")" "$hub_b" "the hub's B is unchanged"
expect_eq "$("$CARNET_HASH" b.db)" "$store_b" "B's store is unchanged"
expect_eq "$(store_digest b.db)" "$digest_b" "B's store file is unchanged"
expect_eq "$(psql_as fedadmin "select count(*) from carnet.territory where name = 'Nouveau'")" 0 "nothing of B reached the hub"
# A new dataset neither: the hub does not gain it.
db=$tmp/c.db
carnet_ok init --name C
run "$CARNET" --db c.db sync "$(as centre_a)"
expect_status 1 "a new dataset as centre_a"
expect_eq "$(psql_as fedadmin "select count(*) from carnet.dataset")" 2 "the hub holds no new dataset"

# --- hand-written SQL as a centre's role ---------------------------------------
expect_eq "$(psql_as centre_a "select count(*) from carnet.territory")" \
    "$(psql_as fedadmin "select count(*) from carnet.territory where dataset = '$ds_a'")" "centre_a counts only A's territories"
expect_eq "$(psql_as centre_a "select count(*) from carnet.territory where dataset = '$ds_b'")" 0 "centre_a sees none of B's"
expect_eq "$(psql_as centre_a "select count(*) from carnet.dataset")" 1 "centre_a sees one dataset"
expect_eq "$(psql_as centre_a "select count(*) from carnet.sync_peer where dataset <> '$ds_a'")" 0 "nor B's peers"
expect_eq "$(psql_as centre_a "select count(*) from carnet.access")" 1 "centre_a sees its own grant only"
expect_eq "$(psql_as centre_a "update carnet.territory set name = 'pris' where dataset = '$ds_b'")" "" "an update of B's rows"
expect_eq "$(psql_as fedadmin "select count(*) from carnet.territory where name = 'pris'")" 0 "changes none of them"
psql_as centre_a "insert into carnet.territory (dataset, id, name, row_seq)
    values ('$ds_b', 'x', 'intrus', 1)" >/dev/null 2>err.txt && fail "centre_a inserted a row into B" || pass
expect_match "$(cat err.txt)" "row-level security" "refused by row-level security"
psql_as centre_a "insert into carnet.access values ('centre_a', null, true)" >/dev/null 2>&1 &&
    fail "centre_a granted itself every dataset" || pass

# --- a reader: reads, writes nothing ------------------------------------------
run "$CARNET" hub grant "$owner" reader_a --centre "Centre social Les Tilleuls"
expect_status 0 "grant by the centre's name"
expect_stderr_contains "reader_a may now read the dataset $ds_a"
expect_eq "$(psql_as reader_a "select count(*) from carnet.initiative")" \
    "$(psql_as fedadmin "select count(*) from carnet.initiative where dataset = '$ds_a'")" "reader_a reads A's initiatives"
expect_ne "$(psql_as reader_a "select count(*) from carnet.initiative")" 0 "and there are some"
expect_eq "$(psql_as reader_a "select count(*) from carnet.territory where dataset = '$ds_b'")" 0 "reader_a sees none of B's"
psql_as reader_a "update carnet.territory set name = 'lu' where dataset = '$ds_a'" >/dev/null 2>&1 &&
    fail "reader_a updated a row" || pass
psql_as reader_a "insert into carnet.territory (dataset, id, name, row_seq) values ('$ds_a', 'y', 'lu', 1)" \
    >/dev/null 2>&1 && fail "reader_a inserted a row" || pass
hub_a=$("$CARNET_HASH" "$owner" "$ds_a")
db=$tmp/a.db
carnet_ok add territory name=ParLecteur
store_a=$("$CARNET_HASH" a.db)
run "$CARNET" --db a.db sync "$(as reader_a)"
expect_status 1 "a reader syncing"
expect_stderr_contains "the role reader_a may only read the dataset $ds_a"
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db a.db sync "$(as reader_a)"
expect_status 1
expect_stderr_contains "le rôle reader_a peut seulement lire le jeu de données $ds_a"
expect_eq "$("$CARNET_HASH" "$owner" "$ds_a")" "$hub_a" "the hub's A is unchanged"
expect_eq "$("$CARNET_HASH" a.db)" "$store_a" "A's store is unchanged"
run "$CARNET" clone "$(as reader_a)" r.db --dataset "$ds_a"
expect_status 1 "a reader cloning (a clone records its watermark)"
# A grant without --write after one with it: read only.
run "$CARNET" hub grant "$owner" reader_a --dataset "$ds_a" --write
expect_status 0
run "$CARNET" hub grant "$owner" reader_a --dataset "$ds_a"
expect_status 0
run "$CARNET" --db a.db sync "$(as reader_a)"
expect_status 1 "read only again"
psql_as reader_a "insert into carnet.territory (dataset, id, name, row_seq) values ('$ds_a', 'y', 'lu', 1)" \
    >/dev/null 2>&1 && fail "reader_a inserted a row after going back to read only" || pass

# --- a federation-wide reader, through a group role ----------------------------
run "$CARNET" hub grant "$owner" fed_readers --all-datasets
expect_status 0
expect_stderr_contains "fed_readers may now read every dataset"
expect_eq "$(psql_as bi_tool "select count(distinct dataset) from carnet.territory")" 2 "bi_tool, a member, reads both datasets"
expect_eq "$(psql_as bi_tool "select count(*) from carnet.territory")" \
    "$(psql_as fedadmin "select count(*) from carnet.territory")" "every row"
psql_as bi_tool "update carnet.territory set name = 'lu'" >/dev/null 2>&1 && fail "bi_tool updated rows" || pass

# --- revoke --------------------------------------------------------------------
run "$CARNET" hub revoke "$owner" centre_a --dataset "$ds_a"
expect_status 0
expect_stderr_contains "centre_a may no longer read or sync the dataset $ds_a"
run "$CARNET" --db a.db sync "$(as centre_a)"
expect_status 1 "centre_a after revoke"
expect_stderr_contains "centre_a has no access"
psql_as centre_a "select count(*) from carnet.territory" >/dev/null 2>&1 && fail "centre_a still reads" || pass
run "$CARNET" hub revoke "$owner" centre_a --dataset "$ds_a"
expect_status 1 "a second revoke"
expect_stderr_contains "no grant for the dataset $ds_a"
run "$CARNET" hub revoke "$owner" fed_readers --all-datasets
expect_status 0
psql_as bi_tool "select count(*) from carnet.territory" >/dev/null 2>&1 && fail "bi_tool still reads" || pass
run "$CARNET" hub grant "$owner" centre_a --dataset "$ds_a" --write
expect_status 0
run "$CARNET" --db a.db sync "$(as centre_a)"
expect_status 0 "centre_a granted again"
expect_eq "$("$CARNET_HASH" "$owner" "$ds_a")" "$("$CARNET_HASH" a.db)" "the hub holds A again"

# --- a hub of the previous schema (no row-level security) is upgraded ---------
"$PG_BIN/createdb" -O fedadmin old
old="postgresql:///old?host=$pg_dir&user=fedadmin"
run "$CARNET" hub init "$old"
expect_status 0
run "$CARNET" --db a.db sync "$old"
expect_status 0
"$PG_BIN/psql" -X -q -U fedadmin -d old -v ON_ERROR_STOP=1 -c "
DO \$\$ DECLARE p record; BEGIN
  FOR p IN SELECT * FROM pg_policies WHERE schemaname = 'carnet' LOOP
    EXECUTE format('DROP POLICY %I ON carnet.%I', p.policyname, p.tablename);
  END LOOP;
  FOR p IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'carnet' AND c.relkind = 'r' LOOP
    EXECUTE format('ALTER TABLE carnet.%I NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY', p.relname);
  END LOOP;
END \$\$;
DROP TABLE carnet.access;
DELETE FROM carnet.meta WHERE key = 'kinds_version';
UPDATE carnet.meta SET value = '$(( $(psql_as fedadmin "select value from carnet.meta where key = 'schema_version'") - 1 ))'
  WHERE key = 'schema_version';" && pass || fail "making a hub of the previous schema"
hub_upgrade "$old" a.db
expect_eq "$("$PG_BIN/psql" -X -q -A -t -U fedadmin -d old -c "select count(*) from pg_class c join pg_namespace n
    on n.oid = c.relnamespace where n.nspname = 'carnet' and c.relkind = 'r' and not (c.relrowsecurity and c.relforcerowsecurity)")" 0 \
    "the upgrade secured every table"
run "$CARNET" --db a.db sync "postgresql:///old?host=$pg_dir&user=centre_a"
expect_status 1 "centre_a on the upgraded hub, without a grant"
run "$CARNET" hub grant "$old" centre_a --dataset "$ds_a" --write
expect_status 0
run "$CARNET" --db a.db sync "postgresql:///old?host=$pg_dir&user=centre_a"
expect_status 0 "centre_a on the upgraded hub, granted"
expect_eq "$("$CARNET_HASH" "$old" "$ds_a")" "$("$CARNET_HASH" a.db)" "the upgraded hub holds A"

finish
