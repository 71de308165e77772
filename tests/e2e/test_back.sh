# q and Esc go back one screen: from a section opened with a digit to Home,
# from a record's detail to its list; only Home asks before leaving. Ctrl-C
# in a form asks like Esc and never loses the typed text. In English, then
# in French.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
carnet_ok add initiative title="Jardin partagé" centre="$centre_id" started_on=2026-01-05 status=idea carried_by=centre

walk() {
    local lang=$1 changed=$2 leave=$3 discard=$4 latest=$5 tick_or_choose=$6
    start_carnet "LANG=$lang"
    expect_screen "$latest" "$lang: Home first"

    # A section opened with a digit: q, then Esc, lead back to Home.
    send_keys 2
    expect_screen "Jardin partagé"
    expect_no_screen "$latest" "$lang: 2 leaves Home"
    send_keys q
    expect_screen "$latest" "$lang: q on a section goes back to Home"
    expect_no_screen "[carnet exited" "$lang: q on a section does not quit"
    send_keys 4
    expect_no_screen "$latest"
    send_keys Escape
    expect_screen "$latest" "$lang: Esc on a section goes back to Home"
    send_keys 3
    expect_no_screen "$latest"
    send_keys q
    expect_screen "$latest" "$lang: q on Governance goes back to Home"

    # One screen at a time: the detail goes back to its list, the list to Home.
    send_keys 2
    expect_screen "Jardin partagé"
    send_keys Enter
    expect_screen "$changed" "$lang: Enter opens the detail"
    send_keys q
    expect_screen "Jardin partagé"
    expect_no_screen "$changed" "$lang: q on the detail goes back to the list"
    expect_no_screen "$latest" "$lang: ... not to Home"

    # Only Home asks before leaving.
    send_keys q
    expect_screen "$latest"
    send_keys q
    expect_screen "$leave" "$lang: q on Home asks"
    send_keys n
    expect_no_screen "$leave"
    expect_screen "$latest" "$lang: n stays on Home"
    send_keys Escape
    expect_screen "$leave" "$lang: Esc on Home asks too"
    send_keys y
    wait_exit && pass || fail "$lang: y leaves carnet"

    # Q quits from a section at once.
    start_carnet "LANG=$lang"
    expect_screen "$latest"
    send_keys 4 Q
    wait_exit && pass || fail "$lang: Q quits from a section"

    # Ctrl-C (a SIGINT, which the pane's shell gets too: the end is checked
    # on screen, not by the shell's word) in a form with typed text.
    start_carnet "LANG=$lang"
    expect_screen "$latest"
    send_keys 2
    expect_screen "Jardin partagé"
    # Ctrl-C in a form with typed text asks, and "no" keeps the text.
    send_keys a
    type_text "Repair café"
    # A signal overtakes the keys still waiting to be read: wait for them.
    expect_screen "Repair café"
    send_keys C-c
    expect_screen "$discard" "$lang: Ctrl-C in a form asks before losing the text"
    send_keys n
    expect_no_screen "$discard"
    expect_screen "Repair café" "$lang: the typed text is still there"
    expect_no_screen "[carnet exited" "$lang: Ctrl-C did not quit"
    # Ctrl-C in a picker of the form closes the picker only.
    send_keys Tab Enter
    expect_screen "$tick_or_choose" "$lang: Enter opens the centre's picker"
    send_keys C-c
    expect_no_screen "$tick_or_choose" "$lang: Ctrl-C closes the picker"
    expect_screen "Repair café" "$lang: ... and the form keeps its text"
    send_keys Escape
    expect_screen "$discard" "$lang: Esc asks the same"
    send_keys y
    expect_no_screen "Repair café" "$lang: yes discards"
    expect_screen "Jardin partagé"

    send_keys Q
    expect_no_screen "Jardin partagé" "$lang: Q leaves"
}

walk en_US.UTF-8 Changed "Leave carnet?" "Discard the changes?" "Latest entries" "Enter: choose"
walk fr_FR.UTF-8 Modification "Quitter carnet ?" "Abandonner les modifications ?" "Dernières entrées" "Entrée : choisir"
carnet_ok list initiative --format csv
expect_match "$stdout" "Jardin partagé" "the store is listed"
[[ "$stdout" != *"Repair café"* ]] && pass || fail "nothing discarded was saved"

finish
