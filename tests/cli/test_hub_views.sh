#!/usr/bin/env bash
# The hub's federation views for BI tools (issue 17, Browsing), with real
# PostgreSQL roles: every view of the schema federation is security_invoker
# (the catalog check fails on any that is not), every kind but people and
# members has its view, no view shows a clock, a change number or the
# deleted flag; two centres' stores synced to the hub; a reader of one
# dataset sees only that dataset's rows through every view, a reader of
# every dataset (the README's metabase) sees both; names, French labels
# (whatever the locale of hub init), dates, numbers, booleans and arrays
# are right and deleted records absent; a date that is not one reads as
# NULL; hub init again keeps the grants; and a hub of the previous schema
# (no views) gets them through hub init, its data and grants kept.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_common.sh"

pg_start
"$PG_BIN/createuser" fedadmin
"$PG_BIN/createdb" -O fedadmin federation
"$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -c "
CREATE ROLE centre_a LOGIN; CREATE ROLE centre_b LOGIN; CREATE ROLE reader_a LOGIN;
CREATE ROLE metabase LOGIN; CREATE ROLE outsider LOGIN;" && pass || fail "the roles"
cd "$tmp" || exit 2
as() { printf 'postgresql:///federation?host=%s&user=%s' "$pg_dir" "$1"; }
owner=$(as fedadmin)
# psql_as ROLE SQL [DB]: the values, unaligned, as ROLE (errors on stderr).
psql_as() { "$PG_BIN/psql" -X -q -A -t -v ON_ERROR_STOP=1 -U "$1" -d "${3:-federation}" -c "$2"; }

# In English: the labels are French all the same.
run env LC_ALL=C.UTF-8 "$CARNET" hub init "$owner"
expect_status 0 "hub init by its owner, in English"

# --- the catalog ------------------------------------------------------------------
# views_not_invoker DB: the views of the schema federation that are not
# security_invoker (they would read with their owner's rights, past the
# row-level security of every reader).
views_not_invoker() {
    psql_as fedadmin "select coalesce(string_agg(c.relname, ' ' order by c.relname), '') from pg_class c
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'federation' and c.relkind in ('v', 'm')
        and not exists (select 1 from unnest(c.reloptions) o where o ~* '^security_invoker=(true|on|yes|1)$')" "$1"
}
views() {
    psql_as fedadmin "select coalesce(string_agg(c.relname, ' ' order by c.relname), '') from pg_class c
        join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'federation' and c.relkind = 'v'" "${1:-federation}"
}
# The kinds: the hub's tables but its own four; people and members (personal
# data, logins) have no view.
kinds=$(psql_as fedadmin "select string_agg(c.relname, ' ' order by c.relname) from pg_class c join pg_namespace n
    on n.oid = c.relnamespace where n.nspname = 'carnet' and c.relkind = 'r'
    and c.relname not in ('meta', 'access', 'dataset', 'sync_peer', 'person', 'member')")
expect_eq "$kinds" "action attendance body centre criterion difficulty initiative meeting partner seat territory theme" "the kinds"
all_views=$(printf '%s\n' $kinds indicators | sort | paste -sd ' ')
expect_eq "$(views)" "$all_views" "every kind has its view, people and members none, and the indicators theirs"
expect_eq "$(views_not_invoker federation)" "" "every view of the schema federation is security_invoker"
expect_eq "$(psql_as fedadmin "select count(*) from information_schema.columns where table_schema = 'federation'
    and (column_name like '%\_clk' or column_name in ('row_seq', 'deleted', 'created_by', 'updated_by'))")" 0 \
    "no view has a clock, a change number, the deleted flag or a login"
expect_eq "$(psql_as fedadmin "select count(*) from information_schema.columns where table_schema = 'federation'
    and column_name = 'pseudonym'")" 0 "no view shows a person's pseudonym"

# --- two centres ------------------------------------------------------------------
db=$tmp/a.db
carnet_ok init --name A
carnet_ok demo --records 60 --seed 5
ds_a=$(sqlite3 a.db "select value from meta where key='dataset_id'")
db=$tmp/b.db
carnet_ok init --name B --centre "Centre social Les Buis"
carnet_ok add territory name="Les Buis" city=Valence
carnet_ok add initiative title="Jardin partagé" territory="Les Buis" status=ongoing carried_by=shared \
    started_on=02/03/2026 volunteer_hours=12,5 volunteers=4 themes=parenting,housing innovative=1
carnet_ok add partner name=CAF type=caf
carnet_ok add partner name=Ville type=commune
carnet_ok add difficulty summary="Local trop petit" kind=premises severity=high raised_on=2026-01-15 \
    partners_informed="CAF,Ville"
carnet_ok add initiative title="Supprimée" started_on=2026-01-01
gone=$stdout
carnet_ok delete "$gone"
ds_b=$(sqlite3 b.db "select value from meta where key='dataset_id'")

run "$CARNET" hub grant "$owner" centre_a --dataset "$ds_a" --write
expect_status 0
run "$CARNET" hub grant "$owner" centre_b --dataset "$ds_b" --write
expect_status 0
run "$CARNET" hub grant "$owner" reader_a --dataset "$ds_a"
expect_status 0
run "$CARNET" hub grant "$owner" metabase --all-datasets
expect_status 0 "the README's grant for a BI tool"
run "$CARNET" --db a.db sync "$(as centre_a)"
expect_status 0 "A syncs"
run "$CARNET" --db b.db sync "$(as centre_b)"
expect_status 0 "B syncs"

# --- who sees what through the views ----------------------------------------------
# live ROLE VIEW DATASET: the view's rows of that dataset as ROLE.
live() { psql_as "$1" "select count(*) from federation.$2 where dataset = '$3'"; }
# owned KIND DATASET: the live records of the kind, as the owner reads the table.
owned() { psql_as fedadmin "select count(*) from carnet.$1 where dataset = '$2' and deleted = 0"; }
for v in $kinds; do
    expect_eq "$(live reader_a "$v" "$ds_b")" 0 "reader_a sees none of B's $v"
    expect_eq "$(live reader_a "$v" "$ds_a")" "$(owned "$v" "$ds_a")" "reader_a sees all of A's live $v"
    expect_eq "$(live metabase "$v" "$ds_a")" "$(owned "$v" "$ds_a")" "metabase sees A's live $v"
    expect_eq "$(live metabase "$v" "$ds_b")" "$(owned "$v" "$ds_b")" "metabase sees B's live $v"
    expect_eq "$(live centre_b "$v" "$ds_a")" 0 "centre_b sees none of A's $v"
done
expect_ne "$(live reader_a initiative "$ds_a")" 0 "A has initiatives"
expect_eq "$(psql_as metabase "select count(distinct dataset) from federation.initiative")" 2 "metabase: both datasets"
expect_eq "$(psql_as reader_a "select count(distinct dataset) from federation.initiative")" 1 "reader_a: one dataset"
# The views read with the reader's own rights: a role given SELECT on them
# by hand, without a hub grant, gets nothing through them (a view with
# its owner's rights would read the tables for it).
psql_as fedadmin "GRANT USAGE ON SCHEMA federation TO outsider; GRANT SELECT ON ALL TABLES IN SCHEMA federation TO outsider" \
    >/dev/null
psql_as outsider "select count(*) from federation.territory" >/dev/null 2>err.txt &&
    fail "outsider read through a view without a hub grant" || pass
expect_match "$(cat err.txt)" "permission denied for table territory" "refused: the table's privileges are the reader's"
psql_as reader_a "delete from federation.initiative" >/dev/null 2>&1 && fail "reader_a deleted through a view" || pass
psql_as metabase "update federation.territory set name = 'x'" >/dev/null 2>&1 && fail "metabase updated through a view" || pass

# --- what a row reads like -----------------------------------------------------------
row=$(psql_as metabase "select concat_ws('|', dataset_centre, title, centre, territory, status, status_label,
    carried_by_label, started_on, pg_typeof(started_on), volunteer_hours, pg_typeof(volunteer_hours), volunteers,
    innovative, pg_typeof(innovative), themes, pg_typeof(themes), themes_codes, ended_on is null)
    from federation.initiative where dataset = '$ds_b'")
expect_eq "$row" "Centre social Les Buis|Jardin partagé|Centre social Les Buis|Les Buis|ongoing|en cours|partagé|2026-03-02|date|12.5|numeric|4|t|boolean|{Logement,Parentalité}|text[]|{housing,parenting}|t" \
    "an initiative: names, French labels, a date, a numeric, a boolean, an array of labels"
expect_eq "$(psql_as metabase "select concat_ws('|', kind_label, severity_label, status_label, raised_on,
    (select array_agg(p order by p) from unnest(partners_informed) p), pg_typeof(partners_informed)) from
    federation.difficulty where dataset = '$ds_b'")" \
    "locaux|élevée|ouverte|2026-01-15|{CAF,Ville}|text[]" "a difficulty: labels, its partners by name as an array"
expect_eq "$(psql_as metabase "select concat_ws('|', name, type, type_label) from federation.partner where dataset = '$ds_b'
    order by name")" "$(printf '%s\n' 'CAF|caf|CAF' 'Ville|commune|Commune')" "partners: their names and types in French"
expect_eq "$(psql_as metabase "select count(*) from federation.initiative where id = '$gone'")" 0 "a deleted record is absent"
expect_eq "$(psql_as fedadmin "select count(*) from carnet.initiative where id = '$gone' and deleted <> 0")" 1 \
    "though the hub holds it"
expect_eq "$(psql_as metabase "select concat_ws('|', territory, territory_id is not null, centre)
    from federation.initiative where dataset = '$ds_b'")" "Les Buis|t|Centre social Les Buis" "a reference: its name and its id"
expect_eq "$(psql_as metabase "select count(*) from information_schema.columns where table_schema = 'federation'
    and table_name = 'seat' and column_name in ('holder', 'holder_id')")" 1 "a seat's holder (a person): the id only"
# A date that is not one, in the hub's table (a replica written by hand):
# NULL through the view, which keeps working.
psql_as fedadmin "update carnet.initiative set started_on = '2026-02-30' where dataset = '$ds_b' and title = 'Jardin partagé'" \
    >/dev/null
expect_eq "$(psql_as metabase "select coalesce(started_on::text, 'null') from federation.initiative where dataset = '$ds_b'")" \
    null "a date that is not one reads as NULL"
expect_eq "$(psql_as metabase "select count(*) from federation.initiative where started_on is not null")" \
    "$(owned initiative "$ds_a")" "and the other dates still read"
psql_as fedadmin "update carnet.initiative set started_on = '2026-03-02' where dataset = '$ds_b' and title = 'Jardin partagé'" \
    >/dev/null

# --- the indicators: per centre and year, the report's figures --------------------
# For each centre of A and each year: the view's figures (as metabase) and
# the same codes of carnet report --centre on A's own store agree, "n/a"
# for an average over nothing (the longest time, unknown, the report
# leaves out), decimals to the report's precision.
for year in $(psql_as metabase "select distinct year from federation.indicators where dataset = '$ds_a' order by 1"); do
    for centre in "Centre social Les Tilleuls" "Centre social La Source"; do
        hubs=$(psql_as metabase "select section || ',' || code || ',' || coalesce(round(value, 1)::float8::text, 'n/a')
            from federation.indicators where centre = '$centre' and year = $year
            and not (code = 'max_days_to_inform' and value is null) order by section, code")
        db=$tmp/a.db
        carnet report --year "$year" --centre "$centre" --format csv
        wanted=$(printf '%s\n' "$stdout" | awk -F, -v codes="$(printf '%s\n' "$hubs" | cut -d, -f1,2 | tr '\n' ' ')" '
            BEGIN { n = split(codes, c, " "); for (i = 1; i <= n; i++) want[c[i]] = 1 }
            ($1 "," $2) in want && $3 == "" { v = $5; if (v != "n/a") v = sprintf("%.1f", v) + 0; print $1 "," $2 "," v }' |
            sort)
        [ -z "${FV_DEBUG:-}" ] || diff <(printf '%s\n' "$hubs" | sort) <(printf '%s\n' "$wanted") >&2
        expect_eq "$(printf '%s\n' "$hubs" | sort)" "$wanted" "the indicators of $centre in $year are the report's"
    done
done
expect_ne "$(psql_as metabase "select count(*) from federation.indicators where dataset = '$ds_a'
    and centre in ('Centre social Les Tilleuls', 'Centre social La Source') and code = 'avg_days_to_inform'
    and value is not null")" 0 "some of the compared averages are known"
expect_eq "$(psql_as metabase "select value from federation.indicators where dataset = '$ds_b' and year = 2026
    and code = 'started'")" 1 "B's initiatives started in 2026, its deleted one left out"
expect_eq "$(psql_as metabase "select count(*) from federation.indicators where label = 'Initiatives lancées dans l''année'
    and unit = 'initiatives'")" "$(psql_as metabase "select count(*) from federation.indicators where code = 'started'")" \
    "French labels and units"
expect_eq "$(psql_as reader_a "select count(distinct dataset) || ' ' || count(*) filter (where dataset = '$ds_b')
    from federation.indicators")" "1 0" "reader_a: A's indicators only"

# A query of one centre's year computes only that: the filters reach the
# centres' table and the years' dates (no y computed for every centre and
# year, then filtered).
plan=$(psql_as metabase "explain analyze select code, value from federation.indicators
    where centre = 'Centre social Les Buis' and year = 2026")
[ -z "${FV_DEBUG:-}" ] || printf '%s\n' "$plan" >&2
expect_eq "$(printf '%s\n' "$plan" | grep -c 'CTE Scan')" 0 "one centre's year: no CTE computed in full and then filtered"
expect_eq "$(printf '%s\n' "$plan" | grep -E ' on centre c ' | grep -oE 'actual time=[^ ]+ rows=[0-9]+' |
    sed 's/.*rows=//' | paste -sd ' ')" 1 "one centre's year: the centres' scan returns only that centre"
# The logbooks kept by a centre (initiatives, actions, difficulties): each
# has its index (dataset, centre, date), and the year reaches the scan of
# each one's dates.
logs="'initiative', 'action', 'difficulty'"
expect_eq "$(psql_as fedadmin "select string_agg(tablename, ' ' order by tablename) from pg_indexes
    where schemaname = 'carnet' and tablename in ($logs)
    and indexdef ~ '\\(dataset, centre, (started_on|held_on|raised_on)\\)$'")" "action difficulty initiative" \
    "each logbook kept by a centre has its index (dataset, centre, date)"
expect_eq "$(printf '%s\n' "$plan" | grep -cE 'Filter: .*::integer = 2026\)')" 3 \
    "one centre's year: the year reaches the scan of each logbook's dates"

# The README's example query, as metabase.
readme_query="SELECT centre, status_label, count(*) AS initiatives FROM federation.initiative
WHERE started_on >= date '2026-01-01' GROUP BY centre, status_label ORDER BY centre, status_label;"
expect_match "$(psql_as metabase "$readme_query")" $'(^|\n)Centre social Les Buis\|en cours\|1($|\n)' "the README's example query"
readme_query="SELECT label, value, unit FROM federation.indicators
WHERE centre = 'Centre social Les Buis' AND year = 2026 ORDER BY section, code;"
expect_match "$(psql_as metabase "$readme_query")" $'(^|\n)Initiatives lancées dans l\'année\|1\|initiatives($|\n)' \
    "the README's second example query"

# --- hub init again, in French: the same views, the grants kept --------------------
defs() { psql_as fedadmin "select md5(string_agg(viewname || pg_get_viewdef(format('federation.%I', viewname)::regclass), '|'
    order by viewname)) from pg_views where schemaname = 'federation'" "${1:-federation}"; }
before=$(defs)
psql_as fedadmin "CREATE VIEW public.mine AS SELECT centre, count(*) AS n FROM federation.initiative GROUP BY centre" \
    >/dev/null
run env LC_ALL=fr_FR.UTF-8 "$CARNET" hub init "$owner"
expect_status 0 "hub init again, in French, with a view of the owner's on one of them"
expect_eq "$(psql_as fedadmin "select sum(n) from public.mine")" "$(psql_as fedadmin "select count(*) from federation.initiative")" \
    "the owner's view is kept"
expect_eq "$(defs)" "$before" "the same views whatever the locale"
expect_eq "$(live reader_a initiative "$ds_a")" "$(owned initiative "$ds_a")" "reader_a still reads the views made again"
expect_eq "$(live metabase initiative "$ds_b")" 1 "and metabase too"

# --- revoke ------------------------------------------------------------------------
run "$CARNET" hub revoke "$owner" reader_a --all-datasets
expect_status 0
psql_as reader_a "select count(*) from federation.initiative" >/dev/null 2>&1 && fail "reader_a still reads the views" || pass

# --- a hub of the previous schema (no federation views) is upgraded -----------------
"$PG_BIN/createdb" -O fedadmin old
old="postgresql:///old?host=$pg_dir&user=fedadmin"
run "$CARNET" hub init "$old"
expect_status 0
run "$CARNET" hub grant "$old" metabase --all-datasets
expect_status 0
run "$CARNET" --db a.db sync "$old"
expect_status 0
version=$(psql_as fedadmin "select value from carnet.meta where key = 'schema_version'" old)
psql_as fedadmin "DROP SCHEMA federation CASCADE;
    UPDATE carnet.meta SET value = '$((version - 1))' WHERE key = 'schema_version';" old >/dev/null &&
    pass || fail "making a hub of the previous schema"
hub_upgrade "$old" a.db
expect_stderr_contains "upgraded from schema version $((version - 1))"
expect_eq "$(views old)" "$all_views" "the upgrade made every view"
expect_eq "$(views_not_invoker old)" "" "all security_invoker"
expect_eq "$(defs old)" "$before" "the same views as a new hub's"
expect_eq "$(psql_as metabase "select count(*) from federation.initiative" old)" "$(owned initiative "$ds_a")" \
    "metabase, granted before the upgrade, reads them"
run "$CARNET" --db a.db sync "$old"
expect_status 0 "a sync with the upgraded hub"

finish
