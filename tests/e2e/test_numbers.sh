# Counts as people read them (issue 13): thousands grouped on Home and on
# the Dashboard, with a narrow no-break space in French (1 165) and a comma
# in English (1,165), as the report writes them. A demo store of 10000
# records, today pinned to the last day of a year: more than a thousand
# initiatives were started in that year.
E2E_W=100
. "$(dirname "$0")/lib.sh"

export CARNET_TODAY=2026-12-31
nnbsp=$(printf '\xe2\x80\xaf')
carnet_ok init --name "E2E"
carnet_ok demo --records 10000
carnet_ok list initiative --from 2026-01-01 --to 2026-12-31 --format json
n=$(printf '%s' "$stdout" | pyjson 'len(d)')
expect_eq "$((n >= 1000))" "1" "more than a thousand initiatives in 2026 ($n)"
fr="$((n / 1000))${nnbsp}$(printf '%03d' $((n % 1000)))"
en="$((n / 1000)),$(printf '%03d' $((n % 1000)))"

# grouped LANG NUMBER STARTED: Home's count and the Dashboard's total and
# indicators' line, NUMBER grouped as the language writes it.
grouped() {
    local lang=$1 n=$2 started=$3
    start_carnet "LANG=$lang" "CARNET_TODAY=$CARNET_TODAY"
    expect_screen "initiatives " "$lang: Home"
    line=$(printf '%s\n' "$screen" | grep -E '^ *initiatives ' | head -1)
    expect_match "$line" "^ *initiatives .* $n *\$" "$lang: Home: this year's initiatives grouped"
    send_keys 6
    expect_screen $'\n '"$n " "$lang: Dashboard: the year's total grouped, under its label"
    expect_screen "$started" "$lang: Dashboard: the indicators' line grouped too"
}

grouped fr_FR.UTF-8 "$fr" "Initiatives${nnbsp}: lancées $fr"
grouped C.UTF-8 "$en" "Initiatives: $en started"

finish
