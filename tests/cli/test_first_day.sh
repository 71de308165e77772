# A facilitator's first day on the command line: init --centre creates the
# centre and attaches its creator; in a terminal init asks for it; without
# one and without --centre no centre is made. `add` takes the defaults the
# forms take (model/kinds.c): an initiative needs only its title on a store
# with one centre; a default that cannot be decided stays "required".
. "$(dirname "$0")/lib.sh"

export CARNET_TODAY=2026-12-02
me=$(id -un)

# --- init --centre ------------------------------------------------------------
db=$tmp/glycines.db
carnet init --name "Centre social Les Glycines" --centre "Centre social Les Glycines"
expect_status 0
expect_stderr_contains 'centre "Centre social Les Glycines" created'
expect_eq "$(sql "$db" "select name || '|' || kind from centre where deleted = 0")" \
    "Centre social Les Glycines|centre_social" "init --centre creates one social centre"
expect_eq "$(sql "$db" "select c.name from member m join centre c on c.id = m.centre where m.login = '$me'")" \
    "Centre social Les Glycines" "the creator belongs to the new centre"

# A blank centre is a usage error, before any store is made.
db=$tmp/blank.db
carnet init --centre "  "
expect_status 2
expect_stderr_contains "--centre needs the centre's name"
expect_eq "$(ls "$db" 2>/dev/null)" "" "no store made"
db=$tmp/glycines.db

# --- add with the defaults ----------------------------------------------------
carnet_ok add initiative "title=Repair café"
id=$stdout
expect_match "$id" "$UUID_RE" "add prints the new id"
expect_eq "$(sql "$db" "select i.status || '|' || i.started_on || '|' || c.name from initiative i join centre c on c.id = i.centre where i.id = '$id'")" \
    "idea|2026-12-02|Centre social Les Glycines" "status idea, started today, the writer's centre"
carnet_ok add action "title=Atelier CV anonyme"
expect_eq "$(sql "$db" "select held_on || '|' || kind from action where id = '$stdout'")" "2026-12-02|awareness" \
    "an action is held today"
carnet_ok add difficulty "summary=Chaudière en panne"
expect_eq "$(sql "$db" "select raised_on || '|' || status from difficulty where id = '$stdout'")" "2026-12-02|open" \
    "a difficulty is raised today, open"
# What is given wins over the default, an empty value included.
carnet_ok add initiative "title=Jardin" status=ongoing started_on=2026-03-01
expect_eq "$(sql "$db" "select status || '|' || started_on from initiative where id = '$stdout'")" "ongoing|2026-03-01" \
    "given values win over the defaults"
carnet add initiative "title=Sans date" started_on=
expect_status 1
expect_stderr_contains "Started on: required"

# The writer's own centre wins over the only one: a second centre that is
# not hers does not change what she gets.
carnet_ok add centre "name=Espace de vie Les Tilleuls" kind=evs
tilleuls=$stdout
carnet_ok add initiative "title=Fête de quartier"
expect_eq "$(sql "$db" "select c.name from initiative i join centre c on c.id = i.centre where i.id = '$stdout'")" \
    "Centre social Les Glycines" "her own centre, not the alphabetically first (Espace...)"

# --- without a centre of one's own ----------------------------------------------
db=$tmp/bare.db
carnet init --name "Sans centre"
expect_status 0
expect_eq "$(sql "$db" "select count(*) from centre")" "0" "without a terminal and --centre, no centre"
carnet add initiative "title=Repair café"
expect_status 1
expect_stderr_contains "Centre: required"
expect_stdout_empty
carnet_ok add centre "name=Centre social Les Glycines"
carnet_ok add initiative "title=Repair café"
expect_eq "$(sql "$db" "select c.name || '|' || i.status from initiative i join centre c on c.id = i.centre where i.id = '$stdout'")" \
    "Centre social Les Glycines|idea" "the only centre when the writer has none"
carnet_ok add centre "name=Centre social Arc-en-ciel"
carnet add initiative "title=Repair café"
expect_status 1
expect_stderr_contains "Centre: required" "two centres and none her own: required, never the first by name"

# --- init asks in a terminal --------------------------------------------------
db=$tmp/asked.db
printf 'Centre social La Sauvegarde\n' | script -qec "$(printf '%q ' "$CARNET" --db "$db" init)" /dev/null >"$tmp/script.out" 2>&1
expect_eq "$(grep -c "Name of your centre" "$tmp/script.out")" "1" "init in a terminal asks for the centre"
expect_eq "$(sql "$db" "select c.name from member m join centre c on c.id = m.centre where m.login = '$me'")" \
    "Centre social La Sauvegarde" "the centre typed is created and the creator attached"
db=$tmp/asked-none.db
printf '\n' | script -qec "$(printf '%q ' "$CARNET" --db "$db" init)" /dev/null >"$tmp/script.out" 2>&1
expect_eq "$(sql "$db" "select count(*) from centre")" "0" "Enter alone: no centre"

finish
