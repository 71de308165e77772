# A new facilitator's first day, every step by keys, in French at 80x24,
# on an empty store: init asks for her centre; Home says what is missing;
# a territory with its QPV code; a body from Governance, a seat and a
# sitting in it; an initiative that needs only its title; the CAF as a
# partner (Administration); a difficulty reported to it from section 8; back on Home, the day is counted and
# nothing is left to set up. Each screen and the store are checked.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || fail "the fr_FR.UTF-8 locale is missing: run scripts/deps.sh"
E2E_W=80
E2E_H=24
FR=(LANG=fr_FR.UTF-8 CARNET_TODAY=2026-12-02)

# --- init, in a terminal: it asks for the centre -----------------------------------
start_carnet "${FR[@]}" -- init --name "Les Glycines"
expect_screen "Nom de votre centre" "init asks for the centre in a terminal"
type_text "Centre social Les Glycines"
send_keys Enter
expect_screen "centre « Centre social Les Glycines » créé"
wait_exit && pass || fail "init ends well"
expect_eq "$(sql "$db" "select c.name from member m join centre c on c.id = m.centre where m.login = '$(id -un)'")" \
    "Centre social Les Glycines" "she belongs to her centre"

# --- Home: her centre, and what is missing ---------------------------------------------
start_carnet "${FR[@]}"
expect_screen "Centre : Centre social Les Glycines"
expect_screen "Aucun territoire : 0 Administration → Territoires, puis a pour ajouter."
expect_screen "Aucune instance : 3 Gouvernance, puis a pour ajouter."
expect_no_screen "Aucun centre :" "her centre exists"

# --- A territory with its QPV code (Administration) -------------------------------------
send_keys 0
expect_screen "Territoires (codes QPV)"
send_keys Down Enter
expect_screen "Rien ici pour l'instant"
send_keys a
expect_screen "Nouvelle fiche : territoire"
type_text "Les Tilleuls"
send_keys Tab
type_text "Lyon"
send_keys Tab
type_text "QN06901M"
send_keys C-s
expect_screen "Enregistré : Les Tilleuls"
expect_screen "QN06901M" "the territory's line shows its QPV code"
expect_eq "$(sql "$db" "select qpv_code from territory where name = 'Les Tilleuls'")" "QN06901M" "the QPV code is stored"

# --- A body (Governance), a seat and a sitting in it -------------------------------------
send_keys 3
expect_screen "Gouvernance — Centre social Les Glycines"
send_keys a
expect_screen "Nouvelle fiche : instance"
type_text "Conseil citoyen"    # straight into the name: the centre is given
send_keys C-s
expect_screen "Enregistré : Conseil citoyen"
send_keys Enter
expect_screen "Aucune séance pour l'instant" "the body's view opens"
send_keys Tab
expect_screen "[Sièges 0]"
send_keys a
expect_screen "Nouvelle fiche : siège"
send_keys C-s
expect_screen "[Sièges 1]" "the seat is added"
send_keys BTab
expect_screen "[Séances 0]"
send_keys a
expect_screen "Nouvelle fiche : séance"
expect_screen "02/12/2026" "the sitting is held today by default"
send_keys Tab
type_text "14"
send_keys C-s
expect_screen "[Séances 1]" "the sitting is added"
expect_eq "$(sql "$db" "select m.held_on || '|' || m.attendees || '|' || count(s.id) from meeting m join body b on b.id = m.body join seat s on s.body = b.id where b.name = 'Conseil citoyen'")" \
    "2026-12-02|14|1" "the sitting and the seat are stored on the body"

# --- An initiative: its title is enough --------------------------------------------------
send_keys 2
expect_screen "Initiatives"
send_keys a
expect_screen "Nouvelle fiche : initiative"
type_text "Repair café"
send_keys C-s
expect_screen "Enregistré : Repair café"
expect_eq "$(sql "$db" "select i.status || '|' || i.started_on || '|' || c.name from initiative i join centre c on c.id = i.centre")" \
    "idea|2026-12-02|Centre social Les Glycines" "idea, started today, at her centre"

# --- The CAF, a partner (Administration) ----------------------------------------------------
send_keys 0
expect_screen "Partenaires"
send_keys Down Down Down Down Down Enter
expect_screen "Rien ici pour l'instant"
send_keys a
expect_screen "Nouvelle fiche : partenaire"
type_text "CAF du Rhône"
send_keys Tab
expect_screen "Autre" "a new partner is of type Autre until told"
send_keys Enter
expect_screen "Bailleur social" "the types to pick, in French"
type_text "CAF"
send_keys Enter
send_keys C-s
expect_screen "Enregistré : CAF du Rhône"
caf=$(sql "$db" "select id from partner where name = 'CAF du Rhône' and type = 'caf'")
expect_match "$caf" "$UUID_RE" "the partner, of type CAF"

# --- A difficulty reported to the CAF (section 8) -----------------------------------------
send_keys 8
expect_screen "Difficultés"
send_keys a
expect_screen "Nouvelle fiche : difficulté"
type_text "Chaudière en panne"
send_keys Tab Tab Tab Tab Tab
send_keys Enter
expect_screen "CAF du Rhône" "the partners to pick, by their names"
type_text "CAF"
send_keys Tab Enter
send_keys Tab
type_text "02/12/2026"
send_keys C-s
expect_screen "Enregistré : Chaudière en panne"
expect_eq "$(sql "$db" "select status || '|' || partners_informed || '|' || informed_on from difficulty")" \
    "open|$caf|2026-12-02" "open, the CAF informed today"

# --- Back on Home: the day counted, nothing left to set up ----------------------------------
send_keys 1
expect_screen "Dernières entrées"
expect_match "$(printf '%s\n' "$screen" | grep '^ initiatives')" " 1 +1$" "one initiative this month and year"
expect_match "$(printf '%s\n' "$screen" | grep '^ séances')" " 1 +1$" "one sitting"
expect_match "$(printf '%s\n' "$screen" | grep '^ difficultés')" " 1 +1$" "one difficulty"
expect_screen "Repair café" "the initiative among the latest entries"
expect_screen "1 difficulté en cours" "the open difficulty is in sight"
expect_no_screen "À faire ensuite" "nothing left to set up"
send_keys q
expect_screen "Quitter carnet ?"
send_keys o
wait_exit && pass || fail "carnet leaves"
finish
