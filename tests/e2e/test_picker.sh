# The criteria picker at 80x24: a space typed in the search box is a space
# (two words both narrow the list), ticking is the key the picker's own
# line names, and what is ticked is shown whole before confirming. In
# French, then in English.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store

pick() {
    local lang=$1 words=$2 other=$3 tickhint=$4 ticked=$5 nothing=$6 end=$7
    start_carnet "LANG=$lang"
    expect_screen "carnet — E2E"
    send_keys 4 a
    type_text "Atelier $lang"
    for _ in 1 2 3 4 5; do send_keys Tab; done      # title centre territory held_on kind -> criteria
    send_keys Enter
    expect_screen "$tickhint" "$lang: the picker names its tick key"
    expect_screen "$nothing" "$lang: nothing ticked yet, and the picker says so"
    type_text "$words"
    expect_screen "$words" "$lang: the space went into the search box"
    expect_no_screen "$other" "$lang: both words narrow the list"
    expect_no_screen "[x]" "$lang: typing a space ticked nothing"
    send_keys Tab
    expect_screen "[x]" "$lang: Tab ticks the highlighted criterion"
    expect_screen "$ticked" "$lang: the ticked criterion is named before confirming"
    expect_screen "$end" "$lang: ... with the end of its label"
    send_keys Enter
    expect_no_screen "$tickhint"
    send_keys C-s
    expect_screen "Atelier $lang"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

pick fr_FR.UTF-8 "appartenance religion" "une ethnie" "Tab : cocher" "Coché :" "Rien n'est coché." "religion déterminée"
id=$("$CARNET" --db "$db" list action --where title="Atelier fr_FR.UTF-8" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_eq "$(json_field "$id" criteria)" "religion" "fr: the criterion searched for is the one saved"

pick en_US.UTF-8 "membership religion" "ethnic group" "Tab: tick" "Ticked:" "Nothing is ticked." "of a given religion"
id=$("$CARNET" --db "$db" list action --where title="Atelier en_US.UTF-8" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
expect_eq "$(json_field "$id" criteria)" "religion" "en: the criterion searched for is the one saved"

finish
