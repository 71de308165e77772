# u undoes the last change of this session, whatever it was, and repeated
# walks back further: a delete (restored), an edit (the field takes its old
# value back, as a new change), an add (to the trash); the status bar says
# what was undone. In English, then in French, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store

walk_back() {
    local lang=$1 saved=$2 deleted=$3 undel=$4 unedit=$5 unadd=$6 nothing=$7 title=$8
    start_carnet "LANG=$lang"
    expect_screen "E2E"
    send_keys 2 a
    type_text "$title"
    send_keys C-s
    expect_screen "$saved $title"
    local id
    id=$("$CARNET" --db "$db" list initiative --where title="$title" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
    send_keys e C-u
    type_text "$title partagé"
    send_keys C-s
    expect_screen "$saved $title partagé"
    expect_eq "$(json_field "$id" title)" "$title partagé" "$lang: the edit is stored"
    send_keys d
    expect_screen "$deleted"
    expect_eq "$(json_field "$id" deleted)" "True" "$lang: the delete is stored"

    send_keys u
    expect_screen "$undel $title partagé." "$lang: u undoes the delete first"
    expect_eq "$(json_field "$id" deleted)" "False" "$lang: restored in the store"
    send_keys u
    expect_screen "$unedit" "$lang: u again undoes the edit"
    expect_eq "$(json_field "$id" title)" "$title" "$lang: the title has its old value back"
    send_keys u
    expect_screen "$unadd" "$lang: u again undoes the add"
    expect_eq "$(json_field "$id" deleted)" "True" "$lang: the record added is in the trash"
    send_keys u
    expect_screen "$nothing" "$lang: then nothing is left to undo"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

walk_back en_US.UTF-8 "Saved:" "Deleted:" "Undone: the deletion of" "Undone: the edit of Atelier (1 field back)." \
    "Undone: the adding of Atelier, now in the trash." "Nothing to undo." "Atelier"
walk_back fr_FR.UTF-8 "Enregistré :" "Supprimé :" "Annulé : la suppression de" \
    "Annulé : la modification de Rucher (1 champ rétabli)." "Annulé : l'ajout de Rucher" "Rien à annuler." "Rucher"
finish
