# The Dashboard on small terminals: at 80x24 the year's figures are below
# the charts and the view scrolls to them (PgDn, G; g and PgUp back), wrapped
# rather than cut; at 60x20 the months shown end with the current one, and
# Left walks back to the first months. In French and in English.
. "$(dirname "$0")/lib.sh"

export CARNET_TODAY=2026-12-15
make_store
carnet_ok demo --seed 1

dash() {
    local lang=$1 initiatives=$2 difficulties=$3 dec=$4 jan=$5 may=$6
    E2E_W=80 E2E_H=24
    start_carnet "LANG=$lang" "CARNET_TODAY=$CARNET_TODAY"
    expect_screen "E2E"
    send_keys 6
    expect_screen "$dec"
    expect_no_screen "$initiatives" "$lang: at 80x24 the figures are below the charts"
    send_keys NPage
    expect_screen "$initiatives" "$lang: PgDn scrolls to the year's figures"
    send_keys G
    expect_screen "$difficulties" "$lang: G shows the last of them"
    expect_eq "$(screen_text | sed -n 2p | grep -c " $jan .* $dec")" "1" "$lang: the months' names stay under the title"
    send_keys g
    expect_no_screen "$initiatives" "$lang: g goes back to the top"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"

    E2E_W=60 E2E_H=20
    start_carnet "LANG=$lang" "CARNET_TODAY=$CARNET_TODAY"
    expect_screen "E2E"
    send_keys 6
    expect_screen "$dec" "$lang: at 60x20 the current month is shown"
    expect_no_screen " $jan " "$lang: the first months give way to it"
    send_keys Left Left Left Left Left Left Left Left Left Left Left
    expect_screen " $jan " "$lang: Left walks back to January"
    expect_no_screen "$dec" "$lang: and December gives way"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

dash fr_FR.UTF-8 "Initiatives : " "Difficultés : " "déc" "janv" "mai"
dash en_US.UTF-8 "Initiatives: " "Difficulties: " "Dec" "Jan" "May"
finish
