# The column headers of the list screens at 80x24 (issue 13): French labels
# are longer than English ones ("Date de début", "Centre ou instance"); a
# header is shown whole while the line can hold it, and cut with an
# ellipsis only on a terminal too narrow for it. In French, then English.
E2E_W=80
E2E_H=24
. "$(dirname "$0")/lib.sh"

export CARNET_TODAY=2026-12-31
carnet_ok init --name "E2E"
carnet_ok demo --records 300

# header KEY TITLE: the header line of the list that KEY opens (its title
# on the first line, the header on the second).
header() {
    send_keys "$1"
    expect_screen "$2" "$2 opens" >/dev/null
    # "Initiatives" is on Home too: wait until the list's header is drawn.
    local start=$SECONDS
    while header_line=$(screen_text | sed -n 2p); [ -z "${header_line// /}" ] || [[ "$header_line" == *"Vous"* ]]; do
        [ $((SECONDS - start)) -ge "$WAIT_TIMEOUT" ] && break
        sleep 0.05
    done
}

start_carnet LANG=fr_FR.UTF-8 "CARNET_TODAY=$CARNET_TODAY"
header 2 "Initiatives"
expect_match "$header_line" "^Date de début +Titre +État +Centre" "initiatives: every header whole"
header 4 "Actions"
expect_match "$header_line" "^Tenue le +Titre +Type +Centre" "actions: every header whole"
header 8 "Difficultés"
expect_match "$header_line" "^Signalée le +Résumé +État +Centre" "difficulties: every header whole"
header 5 "Parcourir"
expect_match "$header_line" "Journal +Titre +Centre ou instance +Par" "browse: every header whole"
for screen_key in 2 4 5 8; do
    header "$screen_key" ""
    expect_no_match "$header_line" "…" "key $screen_key: no header cut in French at 80 columns"
done

start_carnet LANG=C.UTF-8 "CARNET_TODAY=$CARNET_TODAY"
header 5 "Browse"
expect_match "$header_line" "Logbook +Title +Centre or body +By" "English: the same headers whole"
header 2 "Initiatives"
expect_no_match "$header_line" "…" "English: no header cut"

# Too narrow for them all: cut, with an ellipsis, never silently.
E2E_W=30
start_carnet LANG=fr_FR.UTF-8 "CARNET_TODAY=$CARNET_TODAY"
header 2 "Initiatives"
expect_match "$header_line" "…" "30 columns: a header that does not fit ends with an ellipsis"

finish
