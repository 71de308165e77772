# The edit form in French (fr_FR.UTF-8, where strtod and printf want "12,5"):
# an initiative with hours opens showing 242,5 and saves unchanged; 2,5 and
# 12.5 are both taken, and the detail and its history show 12,5; an
# impossible date says it does not exist, a year outside the range names the
# range; all checked on screen and in the store.
. "$(dirname "$0")/lib.sh"

if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    fail "the fr_FR.UTF-8 locale is missing: run scripts/deps.sh"
    finish
fi

make_store
carnet_ok add initiative "title=Jardin partagé" "centre=$centre_id" status=ongoing carried_by=centre \
    started_on=2026-03-02 volunteer_hours=242.5
id=$stdout
start_carnet LANG=fr_FR.UTF-8

send_keys 2
expect_screen "Jardin partagé" "the initiative is listed"
expect_screen "02/03/2026" "the list shows the date the French way"

# Open, save without any change: accepted, and nothing is written.
send_keys e
expect_screen "Modifier la fiche" "the edit form opens, in French"
expect_screen "242,5" "the form shows the stored 242.5 as 242,5"
expect_no_screen "242.5"
send_keys C-s
expect_screen "Enregistré : Jardin partagé" "saving the unchanged form succeeds"
expect_eq "$(json_field "$id" volunteer_hours)" 242.5 "the hours are unchanged"
expect_eq "$(sql "$db" "select count(*) from history where rec_id='$id' and field <> '*'")" 0 \
    "an unchanged save writes no change"

# 2,5 typed in the hours (the 11th field: ten tabs from the title).
send_keys e
expect_screen "Modifier la fiche"
for _ in 1 2 3 4 5 6 7 8 9 10; do send_keys Tab; done
send_keys C-u
type_text "2,5"
send_keys C-s
expect_screen "Enregistré : Jardin partagé" "2,5 is accepted"
expect_eq "$(json_field "$id" volunteer_hours)" 2.5 "2,5 is stored as 2.5"

# 12.5 as well.
send_keys e
expect_screen "2,5" "the form shows the new hours as 2,5"
for _ in 1 2 3 4 5 6 7 8 9 10; do send_keys Tab; done
send_keys C-u
type_text "12.5"
send_keys C-s
expect_screen "Enregistré : Jardin partagé" "12.5 is accepted too"
expect_eq "$(json_field "$id" volunteer_hours)" 12.5 "12.5 is stored as 12.5"

# The detail and its history write the hours the French way too.
send_keys Enter
expect_screen "Heures de bénévolat" "the detail opens"
expect_screen "12,5" "the detail shows 12,5"
send_keys h
expect_screen "2,5 → 12,5" "the history shows 2,5 → 12,5"
send_keys q
expect_no_screen "Heures de bénévolat" "back to the list"

# An impossible date, then a year out of range: said as such, by the field.
send_keys e
expect_screen "02/03/2026" "the form shows the date the French way"
for _ in 1 2 3 4 5 6; do send_keys Tab; done
send_keys C-u
type_text "31/11/2026"
send_keys C-s
expect_screen "31/11/2026 n'existe pas." "an impossible date does not exist"
send_keys C-u
type_text "01/01/2200"
send_keys C-s
expect_screen "l'année doit être entre 1900 et 2199" "a year outside the range names the range"
send_keys C-u
type_text "1/4/2026"
send_keys C-s
expect_screen "Enregistré : Jardin partagé" "1/4/2026 is accepted"
expect_eq "$(json_field "$id" started_on)" 2026-04-01 "1/4/2026 is 1 April"

send_keys q
send_keys q
finish
