#!/usr/bin/env bash
# sqldiff (sqlite3-tools) between two converged replicas finds no
# difference in the data tables. row_seq is each store's own local change
# number (it orders changes for pulls and differs by design), so the check
# is made two ways: on the tables themselves, where every difference
# sqldiff reports must be a row_seq and nothing else; and on copies of each
# table without row_seq, where sqldiff must report nothing at all. A store
# that missed one edit shows that the check does see differences.
set -euo pipefail
: "${CARNET:?}" "${CARNET_SRC:?}"
. "$CARNET_SRC/tests/cli/sync_common.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$CARNET" --db a.db init 2>/dev/null
"$CARNET" --db a.db demo --records 300 >/dev/null 2>&1
"$CARNET" --db a.db clone a.db b.db 2>/dev/null
"$CARNET" --db a.db clone a.db c.db 2>/dev/null
t=$("$CARNET" --db b.db add territory name=Vaulx qpv_code=QN06921M)
"$CARNET" --db a.db edit "$t" city=Lyon 2>/dev/null || true   # not there yet: refused
i=$("$CARNET" --db a.db list initiative --limit 1 --format csv | sed -n 2p | cut -d, -f1)
"$CARNET" --db a.db edit "$i" volunteers=12
"$CARNET" --db b.db edit "$i" title="Fête des voisins" 
"$CARNET" --db c.db delete "$i"
for pair in "a.db b.db" "b.db c.db" "a.db b.db" "a.db c.db"; do
    set -- $pair
    timeout 60 "$CARNET" --db "$1" sync "$2" 2>/dev/null || fail "sync $pair"
done

# What a keeps of its peers (site, address, last sync, changes waiting): b
# and c, with nothing waiting; and no conflict (no field changed on two sides).
peers=$("$CARNET" --db a.db sync --peers | cut -f2,4 | sort | tr '\t\n' ': ')
[ "$peers" = "b.db:0 c.db:0 " ] || fail "sync --peers: '$peers'"
[ -z "$("$CARNET" --db a.db sync --conflicts 2>/dev/null)" ] || fail "sync --conflicts listed conflicts"

# sqldiff keys ordinary tables by rowid, which is local storage order (rows
# arrive in any order); keyed_copy puts each table in a copy of the store
# keyed by id (WITHOUT ROWID) twice: key_T with every column, and cmp_T
# without row_seq.
keyed_copy() {     # DB: writes DB.cmp
    local t all rest
    sqlite3 "$1" ".backup $1.cmp"
    for t in $SYNC_TABLES; do
        all=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name <> 'id'")
        rest=$(sqlite3 "$1" "SELECT group_concat(name, ', ') FROM pragma_table_info('$t') WHERE name NOT IN ('id', 'row_seq')")
        sqlite3 "$1.cmp" "CREATE TABLE key_$t (id TEXT PRIMARY KEY, $all) WITHOUT ROWID;
                          INSERT INTO key_$t SELECT id, $all FROM $t;
                          CREATE TABLE cmp_$t (id TEXT PRIMARY KEY, $rest) WITHOUT ROWID;
                          INSERT INTO cmp_$t SELECT id, $rest FROM $t;"
    done
}
# only_row_seq A B: every difference sqldiff finds sets row_seq, nothing else.
only_row_seq() {
    local t out
    keyed_copy "$1"
    keyed_copy "$2"
    for t in $SYNC_TABLES; do
        out=$(sqldiff --table "key_$t" "$1.cmp" "$2.cmp")
        if echo "$out" | grep -v '^$' | grep -qv "^UPDATE key_$t SET row_seq=[0-9]* WHERE id='[0-9a-f-]*';\$"; then
            echo "$out" | grep -v "SET row_seq=[0-9]* WHERE" | head -5 >&2
            return 1
        fi
    done
}
# no_diff A B: without row_seq, sqldiff finds nothing at all.
no_diff() {
    local t
    keyed_copy "$1"
    keyed_copy "$2"
    for t in $SYNC_TABLES; do
        [ -z "$(sqldiff --table "cmp_$t" "$1.cmp" "$2.cmp")" ] || return 1
    done
}

only_row_seq a.db b.db || fail "sqldiff finds differences other than row_seq between a and b"
only_row_seq a.db c.db || fail "sqldiff finds differences other than row_seq between a and c"
no_diff a.db b.db || fail "sqldiff finds differences between a and b without row_seq"
no_diff b.db c.db || fail "sqldiff finds differences between b and c without row_seq"
[ "$(sqlite3 a.db "select deleted from initiative where id='$i'")" = 1 ] || fail "the delete did not travel"

# The check sees a difference when there is one.
"$CARNET" --db c.db edit "$t" city=Vaulx-en-Velin
! only_row_seq a.db c.db 2>/dev/null || fail "sqldiff missed an unsynced edit"
! no_diff a.db c.db || fail "sqldiff missed an unsynced edit (without row_seq)"
echo "ok"
