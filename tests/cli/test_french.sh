# The whole French path with decimals and dates, under fr_FR.UTF-8 (where
# strtod and printf want "12,5"): add with 12,5 and 12.5, show, an edit of
# another field, CSV export, import of that export, the report; and demo
# stores the same data in C, en_US.UTF-8 and fr_FR.UTF-8 (issue 13).
. "$(dirname "$0")/lib.sh"

for l in fr_FR en_US; do
    if ! locale -a 2>/dev/null | grep -qi "^$l\.utf-\?8$"; then
        fail "the $l.UTF-8 locale is missing: run scripts/deps.sh"
        finish
    fi
done
# lib.sh pins LC_ALL=C.UTF-8; this test speaks French.
export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 CARNET_TODAY=2026-12-02

db=$tmp/a.db
carnet_ok init --name "Centre d'essai"
carnet_ok add territory "name=Les Pentes" city=Lyon
carnet_ok add centre "name=Centre des Tilleuls" kind=centre_social "territory=Les Pentes"
ok=("centre=Centre des Tilleuls" status=ongoing carried_by=centre)

# --- add: both decimal separators, and dates as French people write them -----------
carnet_ok add initiative "title=Jardin partagé" "${ok[@]}" started_on=2/3/2026 volunteer_hours=12,5
comma=$stdout
carnet_ok add initiative "title=Repair café" "${ok[@]}" started_on=2026-03-14 volunteer_hours=12.5
dot=$stdout
expect_eq "$(sql "$db" "select typeof(volunteer_hours) || ' ' || volunteer_hours from initiative where id='$comma'")" \
    "real 12.5" "volunteer_hours=12,5 is stored as the number 12.5"
expect_eq "$(sql "$db" "select typeof(volunteer_hours) || ' ' || volunteer_hours from initiative where id='$dot'")" \
    "real 12.5" "volunteer_hours=12.5 is stored as the number 12.5"
expect_eq "$(sql "$db" "select started_on from initiative where id='$comma'")" 2026-03-02 "started_on=2/3/2026 is 2 March"

carnet add initiative title=x "${ok[@]}" started_on=31/11/2026
expect_status 1
expect_stderr_contains "Date de début : « 31/11/2026 » n'existe pas" "an impossible date does not exist"
for d in 0001-01-01 2200-01-01 9999-12-31; do
    carnet add initiative title=x "${ok[@]}" started_on=$d
    expect_status 1
    expect_stderr_contains "« $d » est refusée : l'année doit être entre 1900 et 2199" \
        "a date outside the accepted years names the range"
done
carnet add initiative title=x "${ok[@]}" started_on=2026-03-01 "volunteer_hours=1 234,5"
expect_status 1
expect_stderr_contains "« 1 234,5 » a ses chiffres groupés ; écrivez le nombre sans espaces ni séparateurs de milliers" \
    "grouped thousands are refused, not misread"
carnet list initiative --where volunteer_hours=12,5 --format csv
expect_status 0
expect_eq "$(grep -c "$comma\|$dot" <<<"$stdout")" 2 "--where volunteer_hours=12,5 finds both"

# --- show: the French decimal comma -------------------------------------------------
carnet_ok show "$dot"
expect_match "$stdout" $'\nHeures de bénévolat +12,5\n' "show writes 12,5 in French"
carnet_ok show "$dot" --format json
expect_eq "$(pyjson 'd["volunteer_hours"]' <"$OUT")" 12.5 "show --format json keeps the number 12.5"

# --- edit of another field: the hours stay as they are --------------------------------
carnet_ok edit "$dot" "title=Repair café du samedi"
expect_eq "$(sql "$db" "select volunteer_hours from initiative where id='$dot'")" 12.5 "an edit of the title keeps 12.5"
expect_eq "$(sql "$db" "select count(*) from history where rec_id='$dot' and field='volunteer_hours'")" 0 \
    "an edit of the title writes no change of the hours"
carnet_ok edit "$comma" volunteer_hours=2,5
expect_eq "$(sql "$db" "select volunteer_hours from initiative where id='$comma'")" 2.5 "edit volunteer_hours=2,5"
carnet_ok edit "$comma" volunteer_hours=12.5

# --- export, and import of that export, in French -------------------------------------
carnet_ok export -o "$tmp/csv" --format csv
hours=$(python3 -c '
import csv, sys
print(" ".join(sorted(r["volunteer_hours"] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))))
' "$tmp/csv/initiative.csv")
expect_eq "$hours" "12.5 12.5" "the CSV export writes 12.5"
carnet_ok export --format json
expect_eq "$(pyjson '[r["volunteer_hours"] for r in d["initiative"]]' <"$OUT" | sort -u)" 12.5 "the JSON export writes 12.5"

db=$tmp/b.db
carnet_ok init --name "Copie"
for k in territory centre initiative; do
    carnet import "$k" "$tmp/csv/$k.csv"
    expect_status 0 "import $k of the French export, in French"
done
run "$CARNET" --db "$tmp/a.db" export --format json
strip_json $AUDIT_TIMES <"$OUT" | pyjson 'json.dumps([d["territory"], d["centre"], d["initiative"]], sort_keys=True)' >"$tmp/a.json"
run "$CARNET" --db "$tmp/b.db" export --format json
strip_json $AUDIT_TIMES <"$OUT" | pyjson 'json.dumps([d["territory"], d["centre"], d["initiative"]], sort_keys=True)' >"$tmp/b.json"
expect_files_eq "$tmp/a.json" "$tmp/b.json" "the export imported in French gives the same records"

# --- the report: French decimals for people, 12.5 for machines ---------------------------
db=$tmp/a.db
carnet_ok report --year 2026
expect_match "$stdout" "Heures de bénévolat +25,0 heures" "the text report writes 25,0 in French"
carnet_ok report --year 2026 --format markdown
expect_stdout_contains "**25,0** heures" "the Markdown report writes 25,0 in French"
carnet_ok report --year 2026 --format csv
expect_match "$stdout" $'volunteer_hours,,[^,]*,25\\.0,' "the CSV report writes 25.0 in French"
LC_ALL=en_US.UTF-8 LANG=en_US.UTF-8 carnet_ok report --year 2026
expect_match "$stdout" "Volunteer hours +25\\.0 hours" "the text report writes 25.0 in English"
# A figure without data is "n.d." for a French reader, n/a for a machine.
carnet_ok report --year 2031
expect_match "$stdout" "Part en territoires QPV +n\\.d\\." "the text report: n.d. in French"
expect_no_match "$stdout" "n/a" "the text report: no n/a in French"
carnet_ok report --year 2031 --format csv
expect_match "$stdout" "in_qpv_share,,[^,]*,n/a," "the CSV report keeps n/a"

# --- demo: the same data in every locale ---------------------------------------------------
# records_dump DB: every row of the record tables, deleted ones included, each
# value typed by quote() (13.5 and 13.0, '13.5' and 13.5 differ), without what
# comes from the wall clock or the site id: clocks, audit times, row_seq.
records_dump() {
    local k cols
    for k in $IMPORT_ORDER; do
        cols=$(sql "$1" "select group_concat('quote(' || name || ')', ' || ''|'' || ') from pragma_table_info('$k')
                         where name not like '%\_clk' escape '\' and name not in ('created_at', 'updated_at', 'row_seq')")
        echo "== $k"
        sql "$1" "select $cols from $k order by id"
    done
}
for l in C en_US.UTF-8 fr_FR.UTF-8; do
    db=$tmp/demo-$l.db
    LC_ALL=$l LANG=$l carnet_ok init --name "Démo"
    LC_ALL=$l LANG=$l carnet_ok demo --seed 1 --records 300
    # Hours are drawn as n.5: a locale that cut them would store n.0.
    expect_eq "$(sql "$db" "select count(*) from initiative where volunteer_hours is not null
                            and volunteer_hours - cast(volunteer_hours as integer) <> 0.5")" 0 \
        "demo under $l stores its hours with their half"
    # Ids and content come from the seed; audit times and clocks from the wall clock.
    records_dump "$db" >"$tmp/demo-$l.sql"
    LC_ALL=C run "$CARNET" --db "$db" export --format json
    strip_json $AUDIT_TIMES <"$OUT" >"$tmp/demo-$l.json"
done
expect_ne "$(grep -c "^'" "$tmp/demo-C.sql")" 0 "the dump of the demo store holds rows"
for l in en_US.UTF-8 fr_FR.UTF-8; do
    expect_files_eq "$tmp/demo-C.sql" "$tmp/demo-$l.sql" "demo --seed 1 stores the same rows in C and $l"
    expect_files_eq "$tmp/demo-C.json" "$tmp/demo-$l.json" "demo --seed 1 exports the same records in C and $l"
done

finish
