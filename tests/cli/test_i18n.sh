# The French translation: with LANG=fr_FR.UTF-8 the help, a validation error
# and the labels of `carnet show` are French; with LANG=C.UTF-8 they are
# English; and po/fr.po translates every message of the sources.
#
# If this test fails on "untranslated" or "fuzzy": a user-visible string was
# added or changed without its French. Remedy: run scripts/update-po, then
# translate the new entries of po/fr.po (msgstr), and rebuild.
. "$(dirname "$0")/lib.sh"

# lib.sh pins LC_ALL=C.UTF-8; here the language must follow LANG.
unset LC_ALL LC_MESSAGES LANGUAGE
db=$tmp/s.db

if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
    fail "the fr_FR.UTF-8 locale is missing: run scripts/deps.sh"
    finish
fi

# lang LANG ARGS...: carnet ARGS under the locale LANG.
lang() {
    local l=$1
    shift
    run env LANG="$l" "$CARNET" --db "$db" "$@"
}

nnbsp=$(printf '\xe2\x80\xaf')   # U+202F, before : ; ! ? % in French
LANG=C.UTF-8 carnet_ok init
LANG=C.UTF-8 carnet_ok demo --records 10 --seed 1
init_id=$(sql "$db" "select id from initiative where deleted=0 and status='ongoing' order by id limit 1")
expect_ne "$init_id" "" "the demo holds an ongoing initiative"

# --- French ---------------------------------------------------------------------
lang fr_FR.UTF-8 --help
expect_status 0
expect_stdout_contains "Utilisation" "carnet --help in French"
expect_stdout_contains "Commandes${nnbsp}:" "carnet --help in French, a narrow no-break space before the colon"
expect_stdout_contains "Afficher un enregistrement." "a command's summary in French"
expect_stdout_not_contains "Show one record." "no English summary in French"

lang fr_FR.UTF-8 add initiative description=x started_on=   # (given empty: no default)
expect_status 1
# A person reads the message: the field's French label, never its code, and
# a narrow no-break space before the colon.
expect_stderr_contains "Titre${nnbsp}: obligatoire" "a missing required field, in French"
expect_stderr_contains "Date de début${nnbsp}: obligatoire" "a missing required field, in French"
expect_stderr_not_contains "started_on" "no field code in a French message"

body_id=$(sql "$db" "select id from body where deleted=0 order by id limit 1")
lang fr_FR.UTF-8 add meeting "body=$body_id" held_on=2026-01-05 attendees=20 inhabitants_present=14 first_timers=16
expect_status 1
expect_stderr_contains "Nouveaux participants${nnbsp}: 16 ne peut pas dépasser Habitants présents (14)" \
    "a rule between two fields, with both labels, in French"
expect_stderr_not_contains "first_timers" "no field code in a French message"
expect_stderr_not_contains "inhabitants_present" "no field code in a French message"

lang fr_FR.UTF-8 add initiative title=x status=maybe
expect_status 1
expect_stderr_contains "«${nnbsp}maybe${nnbsp}» ne fait pas partie des choix" "a wrong choice, in French, between « »"

lang fr_FR.UTF-8 show "$init_id"
expect_status 0
expect_stdout_contains "Titre " "field labels in French"
expect_stdout_contains "Portée par " "field labels in French"
expect_stdout_contains "Heures de bénévolat " "field labels in French"
expect_stdout_contains "en cours" "choice labels in French"
expect_stdout_not_contains "(ongoing)" "no English code in French"
expect_stdout_not_contains "Volunteer hours" "no English label in French"
# Labels are padded to the same column whatever their accents.
expect_match "$stdout" $'\nDate de début          [0-9]' "accented labels aligned by columns"

# French typography in every translation: a narrow no-break space (U+202F),
# never an ordinary one, before : ; ! ? and %, and inside « ».
bad=$(python3 - "$CARNET_SRC/po/fr.po" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for block in text.split("\n\n"):
    strs = re.findall(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block + "\n", re.M)
    for raw in strs:
        s = "".join(re.findall(r'"(.*)"', raw))
        if re.search(r' [:;!?]| %%|« | »', s):
            print(s)
PY
)
expect_eq "$bad" "" "po/fr.po: no ordinary space before : ; ! ? % or inside « »"

# --- English --------------------------------------------------------------------
lang C.UTF-8 --help
expect_status 0
expect_stdout_contains "Usage" "carnet --help in English"
expect_stdout_contains "Show one record." "carnet --help in English"
expect_stdout_not_contains "Afficher un enregistrement." "no French in English"

lang C.UTF-8 add initiative description=x
expect_status 1
expect_stderr_contains "Title: required" "a missing required field, in English"
lang C.UTF-8 add meeting "body=$body_id" held_on=2026-01-05 attendees=20 inhabitants_present=14 first_timers=16
expect_stderr_contains "First-timers: 16 cannot be more than Inhabitants present (14)" "a rule between two fields, in English"

lang C.UTF-8 show "$init_id"
expect_status 0
expect_stdout_contains "Volunteer hours " "field labels in English"
expect_stdout_contains "ongoing" "choice labels in English"
expect_stdout_not_contains "(ongoing)" "the label only, no code"
expect_stdout_not_contains "Titre " "no French label in English"

# --- Every message translated -------------------------------------------------------
# po/fr.po itself: valid formats (c-format checked), nothing untranslated or fuzzy.
run msgfmt --check --statistics -o /dev/null "$CARNET_SRC/po/fr.po"
expect_status 0 "msgfmt --check po/fr.po"
expect_match "$stderr" "[0-9]+ translated messages" "po/fr.po has translations"
expect_eq "$(grep -Ec 'untranslated|fuzzy' <<<"$stderr")" 0 "po/fr.po: no untranslated or fuzzy message (run scripts/update-po, then translate)"
# The sources against po/fr.po, so a string added without running
# scripts/update-po is caught too (the script changes nothing with --check).
if command -v xgettext >/dev/null; then
    run bash "$CARNET_SRC/scripts/update-po" --check
    expect_status 0 "every message of the sources is translated (run scripts/update-po, then translate)"
else
    fail "xgettext is missing: scripts/deps.sh installs gettext"
fi

finish
