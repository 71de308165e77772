# In a record's history, p puts one old value back: a picker of the changes
# (newest first, in words), a question naming the field and the value, then
# a new change that the store keeps and u undoes. A change whose old value
# is the current one is not offered. In French, then in English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24

put_back() {
    local lang=$1 title=$2 pick=$3 line=$4 question=$5 done=$6 undone=$7 none=$8
    db=$tmp/store-$lang.db
    make_store
    carnet_ok add initiative title="$title" status=idea centre="$centre_id" volunteer_hours=2.5
    local id=$stdout
    carnet_ok edit "$id" title="$title bis" volunteer_hours=12.5
    carnet_ok edit "$id" status=ongoing
    start_carnet "LANG=$lang"
    expect_screen "E2E"
    send_keys 2
    expect_screen "$title bis"
    send_keys Enter
    expect_screen "$title bis"
    send_keys p
    expect_screen "$pick" "$lang: p opens the picker of the changes"
    expect_screen "$line" "$lang: a change in words, values as the locale shows them"
    type_text "$title"
    send_keys Enter
    expect_screen "$question" "$lang: asks before putting the old title back"
    send_keys y
    expect_screen "$done" "$lang: says what was put back"
    expect_eq "$(json_field "$id" title)" "$title" "$lang: the old title is stored"
    expect_eq "$(json_field "$id" status)" "ongoing" "$lang: the other fields keep their values"
    expect_eq "$(json_field "$id" volunteer_hours)" "12.5" "$lang: the hours keep theirs"
    send_keys u
    expect_screen "$undone" "$lang: u undoes the putting back"
    expect_eq "$(json_field "$id" title)" "$title bis" "$lang: the title is back to the newer value"
    carnet_ok edit "$id" status=idea
    carnet_ok edit "$id" status=ongoing
    send_keys q
    send_keys Enter p
    expect_screen "$pick"
    # Status has been idea -> ongoing -> idea -> ongoing: the first change's
    # old value (idea) differs, and is offered once per change it went
    # through; a change whose old value is the current one (ongoing) is not.
    local n
    n=$(screen_text | grep -c "$none" || true)
    expect_eq "$n" "0" "$lang: no change offers the current value"
    send_keys Escape
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

put_back fr_FR.UTF-8 "Rucher" "Remettre la valeur d'avant quelle modification" \
    "Heures de bénévolat : 2,5 → 12,5" "Remettre Titre : Rucher ?" "Remis : Titre : Rucher" \
    "Annulé : la modification de" "État : en cours →"
put_back en_US.UTF-8 "Atelier" "Put back the value from before which change" \
    "Volunteer hours: 2.5 → 12.5" "Put back Title: Atelier?" "Put back: Title: Atelier" \
    "Undone: the edit of" "Status: ongoing →"
finish
