#!/usr/bin/env bash
# The upgrade to schema version 7 of stores made by carnet at version 6
# (tests/cli/data/v6/, dumps of two replicas: a, and b cloned from it, each
# edited after the clone): every partner name typed as free text becomes a
# partner of type autre (split on commas and semicolons, trimmed, one
# partner per name whatever its case, the first spelling kept), the fields
# become sets of their ids, nothing typed is lost, a backup of the version
# 6 store is left beside it; and the two replicas, upgraded each on its
# own at different times, converge when they sync: the same partners with
# the same ids, no duplicate, the later edit of b kept, and an edit made on
# a after its upgrade (a partner's type) not undone by b's later upgrade.
. "$(dirname "$0")/lib.sh"
: "${CARNET_HASH:?CARNET_HASH must name the carnet_hash tool (built beside carnet)}"
. "$CARNET_SRC/tests/cli/sync_common.sh"
SYNC_TABLES="$SYNC_TABLES partner"
umask 077
me=$(id -un)

# A v6 replica restored from its dump, made for this login (the dumps were
# made by root: the member and the audit fields).
restore() {    # NAME
    sed "s/'root'/'$me'/g" "$CARNET_SRC/tests/cli/data/v6/replica-$1.sql" | sqlite3 "$tmp/$1.db"
}
restore a
restore b
expect_eq "$(sqlite3 "$tmp/a.db" 'PRAGMA user_version')" 6 "the fixture is a version 6 store"
I1=2de0277a-8203-4004-9e46-1bcf6dbd23e2    # Jardin partagé: Mairie, CAF 93; Collège Jaurès
I2=762ed6c5-044e-4d93-b100-d9713d6a37a2    # Repair café: mairie;École Ferry (b: MAIRIE, École Ferry, Bailleur Est)
I3=06b760ab-a7a6-4e70-98c3-0a74de4367e7    # Troc (deleted): Amicale des locataires
I4=76ce937f-c9db-43ee-8be4-30f9141435be    # Sans partenaire
A1=3437951c-e0f1-4474-af1e-7fbc5ef12cc7    # Théâtre-forum: CAF 93
D1=be02e5cc-f4d2-47f3-abb1-6014e6385ea8    # Subvention en retard: Mairie,Préfecture

# ---- a alone ----
db=$tmp/a.db
carnet list partner --format csv
expect_status 0 "a reading command upgrades the store"
partners_a=$(printf '%s\n' "$stdout" | tail -n +2 | cut -d, -f2,3 | sort)
expect_eq "$partners_a" "$(printf '%s\n' "Amicale des locataires,autre" "CAF 93,autre" "Collège Jaurès,autre" \
    "Mairie,autre" "Préfecture,autre" "École Ferry,autre" | sort)" "every name once, first spelling, type autre"
expect_eq "$(sqlite3 "$db" 'PRAGMA user_version')" 7 "a is at version 7"
bak=$(ls "$tmp"/a.db.v6-*.bak 2>/dev/null | head -1)
if [ -n "$bak" ]; then pass; else fail "no backup a.db.v6-*.bak beside the store"; fi
[ -n "$bak" ] && expect_eq "$(sqlite3 "$bak" 'PRAGMA user_version')" 6 "the backup is the version 6 store"
[ -n "$bak" ] && expect_eq "$(sqlite3 "$bak" "SELECT partners FROM initiative WHERE id = '$I1'")" \
    "Mairie, CAF 93; Collège Jaurès" "the backup holds the text as typed"

# The fields, as people read them: the names of their partners.
show_field() {   # ID FIELD-LABEL: the value `carnet show` gives
    carnet show "$1"
    printf '%s\n' "$stdout" | sed -n "s/^$2  *//p"
}
names_of() {     # ID FIELD: the names of the partners in a record's set, sorted
    local ids
    ids=$(sqlite3 "$db" "SELECT $2 FROM $(sqlite3 "$db" "SELECT 'initiative' FROM initiative WHERE id = '$1'
        UNION ALL SELECT 'action' FROM action WHERE id = '$1' UNION ALL SELECT 'difficulty' FROM difficulty
        WHERE id = '$1'") WHERE id = '$1'")
    local id out=
    for id in ${ids//,/ }; do
        out+="$(sqlite3 "$db" "SELECT name FROM partner WHERE id = '$id'")"$'\n'
    done
    printf '%s' "$out" | sort | paste -sd'|'
}
expect_eq "$(names_of $I1 partners)" "CAF 93|Collège Jaurès|Mairie" "initiative 1: its three names"
expect_eq "$(names_of $I2 partners)" "Mairie|École Ferry" "initiative 2: 'mairie' is Mairie, the empty piece dropped"
expect_eq "$(names_of $I3 partners)" "Amicale des locataires" "a deleted initiative keeps its partner"
expect_eq "$(sqlite3 "$db" "SELECT quote(partners) FROM initiative WHERE id = '$I4'")" NULL "no partner stays none"
expect_eq "$(names_of $A1 partners)" "CAF 93" "the action's partner"
expect_eq "$(names_of $D1 partners_informed)" "Mairie|Préfecture" "the difficulty's partners informed"
expect_match "$(show_field $I1 Partners)" "Mairie" "show names the partners"
expect_no_match "$(show_field $I1 Partners)" "[0-9a-f]{8}-" "show gives no id"
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM set_member WHERE field = 'initiative.partners'")" 6 \
    "the set index holds the initiatives' partners"
carnet list initiative --where partners=mairie --format csv
expect_eq "$(printf '%s\n' "$stdout" | tail -n +2 | wc -l)" 2 "a filter by a partner's name finds both initiatives"
carnet check
expect_status 0 "check finds nothing wrong after the upgrade"
carnet search Tilleuls
expect_stdout_contains "$I1" "the text index was made again"
# Valid clocks, never the zero clock of the seeds; ids of the names' keys.
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM partner WHERE length(name_clk) = 24 AND substr(hex(name_clk), 1, 16)
    <> '0000000000000000' AND length(created_clk) = 24")" 6 "every partner has valid clocks"
# A new partner typed on the command line, by name in a set.
carnet_ok add partner name="CAF 93 bis" type=caf
carnet_ok edit $A1 partners="CAF 93, caf 93 bis"
expect_eq "$(names_of $A1 partners)" "CAF 93|CAF 93 bis" "partners by name on the command line"
carnet edit $A1 partners="CAF 93, Inconnu"
expect_status 1
expect_stderr_contains "no partner named 'Inconnu'" "an unknown name is refused with its name"
expect_eq "$(names_of $A1 partners)" "CAF 93|CAF 93 bis" "and nothing was changed"
# An edit on a after its upgrade, before b upgrades: CAF 93 is the CAF.
caf=$(sqlite3 "$db" "SELECT id FROM partner WHERE name = 'CAF 93'")
carnet_ok edit "$caf" type=caf

# ---- b, later, alone ----
db=$tmp/b.db
carnet_ok list partner
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM partner")" 7 "b: its names, Bailleur Est too"
expect_eq "$(names_of $I2 partners)" "Bailleur Est|Mairie|École Ferry" "b: its own edit of initiative 2"
expect_eq "$(sqlite3 "$db" "SELECT count(*) FROM action WHERE partners = (SELECT id FROM partner WHERE name = 'École Ferry')")" \
    1 "b: 'ÉCOLE  FERRY' is École Ferry"
same_ids=$(sqlite3 "$tmp/a.db" "ATTACH '$tmp/b.db' AS b; SELECT count(*) FROM partner p JOIN b.partner q ON q.id = p.id
    AND q.name = p.name AND q.name_clk = p.name_clk AND q.created_at = p.created_at")
# The same rows where both hold the oldest value naming the partner; École
# Ferry is the exception: b edited the only value that named it, so its row
# comes from a later clock (the sync then settles it, below).
expect_eq "$same_ids" 5 "a and b made the same rows for the names whose first value they share"

# ---- sync ----
db=$tmp/a.db
carnet_ok sync "$tmp/b.db"
carnet_ok sync "$tmp/b.db"
expect_eq "$(sqlite3 "$tmp/a.db" "SELECT count(*) || ' ' || count(DISTINCT lower(name)) FROM partner")" "8 8" \
    "after the sync: 8 partners, no name twice"
expect_eq "$(sync_dump "$tmp/a.db")" "$(sync_dump "$tmp/b.db")" "a and b hold the same rows and clocks"
expect_eq "$("$CARNET_HASH" "$tmp/a.db")" "$("$CARNET_HASH" "$tmp/b.db")" "a and b have the same content hash"
db=$tmp/b.db
expect_eq "$(names_of $I2 partners)" "Bailleur Est|Mairie|École Ferry" "b's later edit of initiative 2 wins on both"
expect_eq "$(sqlite3 "$tmp/b.db" "SELECT type FROM partner WHERE id = '$caf'")" caf \
    "a's edit made after its upgrade survives b's later upgrade"
db=$tmp/a.db
expect_eq "$(names_of $I1 partners)" "CAF 93|Collège Jaurès|Mairie" "initiative 1 as it was"
expect_eq "$(sqlite3 "$tmp/a.db" "SELECT title FROM initiative WHERE id = '$I1'")" "Jardin partagé des Tilleuls" \
    "a's other edit is there"
finish
