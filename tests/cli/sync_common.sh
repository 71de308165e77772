# Helpers sourced by the sync shell tests (not a test itself): the synced
# tables, and a dump of their rows without row_seq, which is each store's
# own local change number and differs between converged replicas.
SYNC_TABLES="territory centre member body seat person criterion theme initiative meeting attendance action difficulty"

sync_columns() {   # DB TABLE: the columns except row_seq, each quoted (clocks in hex)
    sqlite3 "$1" "SELECT group_concat('quote(' || name || ')', ', ') FROM pragma_table_info('$2') WHERE name <> 'row_seq'"
}

sync_dump() {      # DB: every synced row, columns and clocks (hex), by id
    local t cols
    for t in $SYNC_TABLES; do
        cols=$(sync_columns "$1" "$t")
        echo "== $t"
        sqlite3 -bail -cmd '.timeout 10000' "$1" "SELECT $cols FROM $t ORDER BY id" || echo "ERROR dumping $t"
    done
}

integrity_ok() {   # DB
    [ "$(sqlite3 -cmd '.timeout 10000' "$1" 'PRAGMA integrity_check')" = "ok" ]
}
