# The first day, in French at 80x24: on a store with no centre, no
# territory and no body, Home says what to do next and with which keys; the
# Administration menu has no digits (they are the section keys); the form
# starts on the writer's own centre, else the only one, else none (never the
# first by name); Governance adds a body with a; the difficulties are
# section 8, named by Home and by ?; Home's latest entries are in date order.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' || fail "the fr_FR.UTF-8 locale is missing: run scripts/deps.sh"
E2E_W=80
E2E_H=24

# leave_form: Esc on a form she did not touch closes it at once: its
# defaults are not changes to discard.
leave_form() {
    send_keys Escape
    expect_no_screen "Nouvelle fiche" "Esc closes the untouched form"
    expect_no_screen "Abandonner les modifications" "without asking to discard anything"
}
FR=(LANG=fr_FR.UTF-8 CARNET_TODAY=2026-12-02)
carnet_ok init --name "Les Glycines"
carnet_ok list member --where login="$(id -un)" --format json
member=$(printf '%s' "$stdout" | pyjson 'd[0]["id"]')

# --- Home on an empty store -----------------------------------------------------
start_carnet "${FR[@]}"
expect_screen "Centre : (aucun)"
expect_screen "Vous : " "French typography on Home: a narrow no-break space before the colon"
expect_screen "Aucun centre : 0 Administration → Centres, puis a pour ajouter." "Home: no centre, and the keys"
expect_screen "Aucun territoire : 0 Administration → Territoires, puis a pour ajouter." "Home: no territory"
expect_screen "8 Difficultés" "Home names the difficulties' section"

# --- The Administration menu: no numbers; a centre added there --------------------
send_keys 0
expect_screen "Haut/Bas choisir, Entrée ouvrir, ? aide" "the menu says how to choose, with its keys (the arrows)"
expect_no_screen "1. Centres" "no digit before the entries"
expect_no_screen "2. Territoires" "no digit before the entries"
send_keys Down Enter
expect_screen "Territoires (codes QPV)" "Down and Enter open the territories"
send_keys q
expect_screen "Haut/Bas choisir"
send_keys Up Enter
send_keys a
expect_screen "Nouvelle fiche : centre"
type_text "Centre social Les Glycines"
send_keys C-s
expect_screen "Enregistré : Centre social Les Glycines"

# Home: the centre exists, the writer has none, no body yet.
send_keys 1
expect_screen "Vous n'avez pas de centre : 0 Administration → Membres et rôles, puis e."
expect_screen "Aucune instance : 3 Gouvernance, puis a pour ajouter."
expect_no_screen "Aucun centre :" "the centre hint is gone"

# --- The form's centre ----------------------------------------------------------
# The only centre, though not hers.
send_keys 2 a
expect_screen "Nouvelle fiche : initiative"
expect_match "$(printf '%s\n' "$screen" | grep '^Centre \*')" "Centre social Les Glycines" "the only centre by default"
expect_match "$(printf '%s\n' "$screen" | grep '^État \*')" "idée" "status idea by default"
expect_match "$(printf '%s\n' "$screen" | grep '^Date de début \*')" "02/12/2026" "started today by default"
leave_form
send_keys Q
wait_exit || fail "carnet leaves"

# Two centres, none hers: the field starts empty (not "Arc-en-ciel", first by name).
carnet_ok add centre "name=Centre social Arc-en-ciel" kind=centre_social
arc=$stdout
start_carnet "${FR[@]}"
send_keys 2 a
expect_screen "Nouvelle fiche : initiative"
expect_no_match "$(printf '%s\n' "$screen" | grep '^Centre \*')" "Arc-en-ciel|Glycines" "two centres, none hers: empty"
send_keys C-s
expect_screen "Ce champ est obligatoire."
expect_match "$(printf '%s\n' "$screen" | grep -A1 '^Centre \*' | tail -1)" "Ce champ est obligatoire" \
    "saving without a centre is refused at the centre"
leave_form
send_keys Q
wait_exit || fail "carnet leaves"

# Hers, whatever the others.
carnet_ok edit "$member" centre="$arc"
start_carnet "${FR[@]}"
expect_screen "Centre : Centre social Arc-en-ciel"
send_keys 4 a
expect_screen "Nouvelle fiche : action"
expect_match "$(printf '%s\n' "$screen" | grep '^Centre \*')" "Arc-en-ciel" "the writer's own centre"
leave_form

# --- Governance: a adds a body ------------------------------------------------------
send_keys 3
expect_screen "a ajoute" "the status bar names a"
send_keys a
expect_screen "Nouvelle fiche : instance" "a opens a new body"
expect_match "$(printf '%s\n' "$screen" | grep '^Centre \*')" "Arc-en-ciel" "the body is of the centre shown"
type_text "Bureau"             # the cursor is on the name: the centre is given
send_keys C-s
expect_screen "Enregistré : Bureau"
expect_match "$(printf '%s\n' "$screen" | sed -n 3p)" "^Bureau +assemblée" "the new body is listed"
expect_eq "$(sql "$db" "select count(*) from body b join centre c on c.id = b.centre where c.name = 'Centre social Arc-en-ciel'")" \
    "1" "the body is stored with its centre"

# --- Difficulties: section 8, and ? names it --------------------------------------------
send_keys 8
expect_screen "Difficultés" "8 opens the difficulties"
send_keys a
expect_screen "Nouvelle fiche : difficulté"
type_text "Chaudière en panne"
send_keys C-s
expect_screen "Enregistré : Chaudière en panne"
send_keys '?'
expect_screen "Touches"
for _ in 1 2 3; do send_keys PageDown; done
expect_screen "Difficultés" "help names section 8"
expect_match "$(printf '%s\n' "$screen" | grep -c '  8  ')" "^[1-9]" "help gives the key 8" 
send_keys Escape
send_keys Q
wait_exit || fail "carnet leaves"

# --- Home: latest entries in date order, whatever their kind --------------------------
# (every field given: this part needs no default)
carnet_ok add initiative "title=Jardin partagé" started_on=2026-01-10 centre="$arc" status=idea carried_by=centre
carnet_ok add action "title=Atelier CV anonyme" held_on=2026-03-05 centre="$arc" kind=training
carnet_ok add initiative "title=Repair café" started_on=2026-02-01 centre="$arc" status=idea carried_by=centre
start_carnet "${FR[@]}"
expect_screen "Dernières entrées"
order=$(printf '%s\n' "$screen" | grep -oE "Atelier CV anonyme|Repair café|Jardin partagé" | tr '\n' '|')
expect_eq "$order" "Atelier CV anonyme|Repair café|Jardin partagé|" "newest first, the action between the initiatives"
send_keys Q
wait_exit || fail "carnet leaves"
# --- A facilitator without a centre cannot attach herself: whom to ask --------------
carnet_ok edit "$member" centre=
carnet_ok member add someone --role admin
carnet_ok member set-role "$(id -un)" facilitator
start_carnet "${FR[@]}"
expect_screen "Vous n'avez pas de centre : un·e administrateur·rice peut vous rattacher."
expect_no_screen "0 Administration → Membres" "not a way she cannot take"
send_keys Q
wait_exit || fail "carnet leaves"
finish
