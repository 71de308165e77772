# The keys a less/vim/tig user tries, in a list at 80x24, in French and in
# English: Ctrl-D/Ctrl-U half pages; Home/End as PuTTY and the Linux
# console send them (ESC[1~, ESC[4~); an unknown escape sequence ignored
# whole (never Esc, which would go back, plus typed characters); / finds
# without narrowing the list and n/N repeat it, also in the next list; in a
# form '?' is a character and the status bar names F1 for help.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
for i in $(seq 1 30); do
    title=$(printf "Réunion %02d" "$i")
    [ "$i" = 25 ] && title="Jardin nord"
    [ "$i" = 10 ] && title="Jardin sud"
    carnet_ok add initiative title="$title" centre="$centre_id" carried_by=centre status=idea \
        started_on="$(date -u -d "2026-01-01 + $i days" +%F)"
done
carnet_ok add action title="Atelier jardin" centre="$centre_id" held_on=2026-03-01 kind=training
carnet_ok add body centre="$centre_id" name="Bureau" kind=bureau meets_every=month
carnet_ok add body centre="$centre_id" name="Comité des usagers" kind=users_committee meets_every=quarter
carnet_ok add body centre="$centre_id" name="Conseil d'administration" kind=board meets_every=quarter

keys() {
    local lang=$1 latest=$2 help=$3
    start_carnet "LANG=$lang"
    expect_screen "$latest"
    send_keys 2
    expect_screen " 1/30" "$lang: the list starts on its first row"
    send_keys C-d
    expect_screen " 11/30" "$lang: Ctrl-D moves half a page down"
    send_keys C-u
    expect_screen " 1/30" "$lang: Ctrl-U moves half a page up"
    tm send-keys -t e2e -l $'\e[4~'
    expect_screen " 30/30" "$lang: ESC[4~ is End"
    tm send-keys -t e2e -l $'\e[1~'
    expect_screen " 1/30" "$lang: ESC[1~ is Home"
    send_keys j
    expect_screen " 2/30"
    tm send-keys -t e2e -l $'\e[25~'
    tm send-keys -t e2e -l $'\e[1;2Q'
    send_keys j
    expect_screen " 3/30" "$lang: unknown sequences are ignored whole (no Esc, no typed keys)"
    expect_no_screen "$latest" "$lang: ... so the list is still there"

    # / finds, the list keeps its other rows; n and N walk the matches.
    send_keys /
    type_text "jardin"
    send_keys Enter
    expect_screen " 6/30" "$lang: / goes to the first match after the selection (Jardin nord)"
    expect_screen "Réunion 24" "$lang: the list is not narrowed"
    send_keys n
    expect_screen " 21/30" "$lang: n goes to the next match (Jardin sud)"
    send_keys n
    expect_screen " 6/30" "$lang: n wraps around"
    send_keys N
    expect_screen " 21/30" "$lang: N goes back"
    # The next list: n repeats the same search.
    send_keys 4
    expect_screen "Atelier jardin"
    send_keys j n
    expect_screen " 1/1" "$lang: n in another list repeats the last search"

    # Governance's list of bodies searches the same way.
    send_keys 3
    expect_screen "Comité des usagers"
    expect_screen " 1/3"
    send_keys /
    type_text "usagers"
    send_keys Enter
    expect_screen " 2/3" "$lang: / in Governance goes to the body found"
    send_keys g
    expect_screen " 1/3"
    send_keys N
    expect_screen " 2/3" "$lang: N in Governance goes to the match before, around the top"

    # A form: '?' is typed, F1 is named for help.
    send_keys 2 a
    expect_screen "$help" "$lang: the form's status bar names F1"
    type_text "Pourquoi ? Comment ?"
    expect_screen "Pourquoi ? Comment ?" "$lang: ? is a character in a text field"
    send_keys F1
    expect_screen "Ctrl-S" "$lang: F1 opens the help"
    send_keys Escape
    send_keys Escape
    send_keys y
    send_keys Q
    wait_exit && pass || fail "$lang: leaves" "$(screen_text)"
}

keys fr_FR.UTF-8 "Dernières entrées" "F1 aide"
keys en_US.UTF-8 "Latest entries" "F1 help"
finish
