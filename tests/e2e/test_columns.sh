# Columns that tell rows apart: when every centre's name starts with
# "Centre social" and the column cannot hold them, the list shows the rest
# ("…Les Tilleuls"); > scrolls the columns sideways (the first one hides,
# the others widen, the header says "<"), < scrolls back. In French and in
# English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
carnet_ok add centre name="Centre social et culturel Mosaïque des Quatre Vents" kind=centre_social city=Lyon
mosaique=$stdout
carnet_ok edit "$centre_id" name="Centre social et culturel Les Tilleuls du Moulin"
carnet_ok add body centre="$centre_id" name="Conseil citoyen" kind=citizens_council
carnet_ok add body centre="$mosaique" name="Conseil citoyen" kind=citizens_council

columns() {
    local lang=$1 header=$2 kind=$3
    start_carnet "LANG=$lang"
    expect_screen "E2E"
    send_keys 3
    expect_screen "$header"
    expect_screen "…Mosaïque" "$lang: the centre column shows what tells the rows apart"
    expect_screen "…Les Tilleul" "$lang: for each row"
    expect_screen "$kind" "$lang: a value the same on every row is cut as usual, from its end"
    expect_no_screen "Centre soci" "$lang: not the words all rows share"
    send_keys '>'
    expect_screen "< " "$lang: > scrolls the columns, the header says so"
    send_keys '>'
    expect_screen "Mosaïque des Quatre" "$lang: the centre column widened"
    send_keys '<' '<'
    expect_screen "$header" "$lang: < scrolls back"
    expect_no_screen "< " "$lang: back at the first column"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

columns fr_FR.UTF-8 "Instance" "Conseil cito"
columns en_US.UTF-8 "Body" "citizens' co"
finish
