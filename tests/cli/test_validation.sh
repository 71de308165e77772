# Validation errors: exit 1, one message line per problem on stderr naming
# the field and what is expected, nothing on stdout, and the store unchanged
# (its whole SQL dump compared before and after).
. "$(dirname "$0")/lib.sh"

db=$tmp/s.db
carnet_ok init
carnet_ok demo --records 20 --seed 3
centre=$(sql "$db" "select name from centre where deleted=0 order by name limit 1")
body=$(sql "$db" "select id from body where deleted=0 order by id limit 1")
carnet_ok add initiative "title=Repair café" "centre=$centre" status=ongoing carried_by=centre \
    started_on=2026-01-10 ended_on=2026-03-01
init_id=$stdout
carnet_ok add meeting "body=$body" held_on=2026-02-02 attendees=10 inhabitants_present=6 first_timers=2
meeting_id=$stdout

# expect_invalid 'MESSAGE[|MESSAGE...]' ARGS...: carnet ARGS fails with exit
# 1, says every MESSAGE on stderr, prints nothing on stdout, writes nothing.
expect_invalid() {
    local says=$1 before m
    shift
    before=$(store_digest "$db")
    carnet "$@"
    expect_status 1 "carnet $*"
    IFS='|' read -r -a msgs <<<"$says"
    for m in "${msgs[@]}"; do
        expect_stderr_contains "$m" "carnet $*: stderr"
    done
    expect_stdout_empty "carnet $*: stdout"
    expect_eq "$(store_digest "$db")" "$before" "carnet $*: the store is unchanged"
}

ok=("centre=$centre" status=ongoing carried_by=centre started_on=2026-01-10)

# --- required fields, all reported together -----------------------------------
# (given empty: a field left out takes its default, see test_first_day)
expect_invalid "Title: required|Centre: required|Status: required|Carried by: required|Started on: required" \
    add initiative description=x status= carried_by= started_on=
expect_invalid "Title: required" add initiative title= "${ok[@]}"
expect_invalid "Title: required" add initiative "title=   " "${ok[@]}"
expect_invalid "Body: required|Held on: required" add meeting attendees=3 held_on=
expect_invalid "Name: required|Kind: required" add centre city=Lyon kind=

# --- dates -------------------------------------------------------------------------
expect_invalid "Started on: '2026-02-30' does not exist" add initiative title=x "${ok[@]}" started_on=2026-02-30
expect_invalid "Started on: '2025-02-29' does not exist" add initiative title=x "${ok[@]}" started_on=2025-02-29
expect_invalid "Started on: '2026-13-01' does not exist" add initiative title=x "${ok[@]}" started_on=2026-13-01
expect_invalid "Started on: 'hier' is not a date" add initiative title=x "${ok[@]}" started_on=hier
expect_invalid "Started on: '31/11/2026' does not exist" add initiative title=x "${ok[@]}" started_on=31/11/2026
# A real date outside the years the store takes names the range (issue 12, defect 9).
for d in 0001-01-01 2200-01-01 9999-12-31 31/12/1899; do
    expect_invalid "Started on: '$d' is refused: the year must be between 1900 and 2199" \
        add initiative title=x "${ok[@]}" started_on=$d
done
expect_invalid "Held on: '2026-04-31' does not exist" add meeting "body=$body" held_on=2026-04-31
expect_invalid "Ended on: 2026-01-01 cannot be before Started on (2026-01-10)" \
    add initiative title=x "${ok[@]}" ended_on=2026-01-01
expect_invalid "Ended on: 2026-03-01 cannot be before Started on (2026-04-01)" edit "$init_id" started_on=2026-04-01
expect_invalid "Ended on: '2026-02-30' does not exist" edit "$init_id" ended_on=2026-02-30

# --- counts -------------------------------------------------------------------------
expect_invalid "Volunteers: '-3' must be 0 or more" add initiative title=x "${ok[@]}" volunteers=-3
expect_invalid "Volunteer hours: '-1.5' must be 0 or more" add initiative title=x "${ok[@]}" volunteer_hours=-1.5
expect_invalid "Volunteers: 'abc' is not a whole number" add initiative title=x "${ok[@]}" volunteers=abc
# Grouped thousands are refused, never misread as a decimal.
for n in "1 234,5" "1.234,5" "1,234.5"; do
    expect_invalid "Volunteer hours: '$n' has its digits grouped; write the number without spaces or thousands separators" \
        add initiative title=x "${ok[@]}" "volunteer_hours=$n"
done
expect_invalid "Inhabitants involved: '2000000' is too large (at most 1000000)" \
    add initiative title=x "${ok[@]}" inhabitants_involved=2000000
expect_invalid "Attendees: '-1' must be 0 or more" add meeting "body=$body" held_on=2026-05-05 attendees=-1
expect_invalid "Inhabitants present: 12 cannot be more than Attendees (10)" edit "$meeting_id" inhabitants_present=12
expect_invalid "Inhabitants present: 5 cannot be more than Attendees (3)" \
    add meeting "body=$body" held_on=2026-05-05 attendees=3 inhabitants_present=5
expect_invalid "First-timers: 7 cannot be more than Inhabitants present (6)" edit "$meeting_id" first_timers=7
expect_invalid "Women: 11 cannot be more than Attendees (10)" edit "$meeting_id" women=11

# --- choices, sets, references, yes/no -----------------------------------------------
expect_invalid "Status: 'bof' is not one of the choices; expected one of: idea, emerging, ongoing, completed, abandoned" \
    add initiative title=x "${ok[@]}" status=bof
expect_invalid "Participation level: 'vote' is not one of the choices" edit "$meeting_id" participation_level=vote
expect_invalid "Themes: 'astrologie' is not one of the themes" add initiative title=x "${ok[@]}" themes=youth,astrologie
expect_invalid "Criteria: 'martian' is not one of the criteria" \
    add action title=x "centre=$centre" held_on=2026-01-01 kind=awareness criteria=origin,martian
expect_invalid "Centre: no centre named 'Nulle part'" add initiative title=x "${ok[@]}" "centre=Nulle part"
expect_invalid "Innovative: 'maybe' expected yes or no" add initiative title=x "${ok[@]}" innovative=maybe
expect_invalid "Title: too long (201 characters, at most 200)" \
    add initiative "title=$(printf 'é%.0s' {1..201})" "${ok[@]}"

# --- several problems in one command: each named ---------------------------------------
expect_invalid "Started on: '2026-02-30' does not exist|Status: 'bof'|Volunteers: '-2' must be 0 or more|Themes: 'foo'" \
    add initiative title=x "${ok[@]}" started_on=2026-02-30 status=bof volunteers=-2 themes=foo

# --- records and members -----------------------------------------------------------
expect_invalid "no record with id 'nope'" edit nope title=x
expect_invalid "no record with id '9f1c2d5e-0000-4000-8000-000000000000'" delete 9f1c2d5e-0000-4000-8000-000000000000
expect_invalid "no record with id 'nope'" show nope
expect_invalid "Role: 'boss' is not one of the choices; expected one of: facilitator, manager, admin" member add bob --role boss
expect_invalid "Login: 'Bad Login' is not a Unix login" member add "Bad Login" --role facilitator
expect_invalid "'ghost' is not a member of this store" member set-role ghost admin

# --- import: every bad row reported by line, all or nothing ------------------------------
printf 'title,centre,status,carried_by,started_on\nBon,%s,ongoing,centre,2026-01-01\nMauvais,%s,bof,centre,2026-02-30\n,Nowhere,idea,centre,2026-01-01\n' \
    "$centre" "$centre" >"$tmp/i.csv"
expect_invalid "nothing was imported|line 3: Started on: '2026-02-30' does not exist|line 3: Status: 'bof'|line 4: Title: required|line 4: Centre: no centre named 'Nowhere'" \
    import initiative "$tmp/i.csv"
expect_eq "$(sql "$db" "select count(*) from initiative where title='Bon'")" 0 "the good row was not imported either"
printf 'title,couleur\nx,y\n' >"$tmp/j.csv"
expect_invalid "line 1: column couleur: no such field for initiatives; the fields are: title, centre" import initiative "$tmp/j.csv"
: >"$tmp/k.csv"
expect_invalid "the file is empty" import initiative "$tmp/k.csv"
expect_invalid "cannot read $tmp/none.csv" import initiative "$tmp/none.csv"

# Still a sound store.
carnet_ok check

finish
