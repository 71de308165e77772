# Keys a user can change: $XDG_CONFIG_HOME/carnet/keys (else
# ~/.config/carnet/keys) binds keys like tig's tigrc; carnet starts with a
# bad line and names it by its line number, the good lines work and ? shows
# them. In French and in English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store
for i in $(seq 1 30); do
    carnet_ok add initiative title="$(printf "Réunion %02d" "$i")" centre="$centre_id" carried_by=centre status=idea \
        started_on="$(date -u -d "2026-01-01 + $i days" +%F)"
done

mkdir -p "$tmp/config/carnet"
cat >"$tmp/config/carnet/keys" <<'KEYS'
# my keys, as in less
bind list J page-down

bind lsit K move-up
bind list K jump
bind global ^E bottom
bind record H history
bind list R undo
bind admin N down
bind admin L open
KEYS

userkeys() {
    local lang=$1 bad_screen=$2 history_hint=$3 pagedown=$4 trash_hint=$5 admin_hint=$6 territories=$7
    start_carnet "LANG=$lang" "XDG_CONFIG_HOME=$tmp/config"
    expect_screen "E2E" "$lang: carnet starts despite the bad lines"
    expect_screen "${bad_screen%%:*}" "$lang: the first bad line is named with its number"
    send_keys m                 # the message is longer than the bar
    expect_screen "$bad_screen" "$lang: the whole message, in its box"
    send_keys Escape
    send_keys 2
    expect_screen " 1/30"
    send_keys J
    expect_screen " 22/30" "$lang: J, bound in the keys file, pages down"
    send_keys k
    expect_screen " 21/30" "$lang: the defaults stay"
    send_keys K
    expect_screen " 21/30" "$lang: K of the bad lines does nothing"
    send_keys C-e
    expect_screen " 30/30" "$lang: a global binding works in the list"
    send_keys Enter
    expect_screen "$history_hint" "$lang: the record's status hint names the user's key for the history"
    send_keys q
    send_keys t
    expect_screen "$trash_hint" "$lang: the trash's hint names the user's key for restoring"
    send_keys t
    send_keys 0
    expect_screen "$admin_hint" "$lang: the Administration hint names the user's keys"
    send_keys N
    expect_screen " 2/8" "$lang: N, bound in the keys file, moves down in Administration"
    send_keys L
    expect_screen "$territories" "$lang: L, bound in the keys file, opens the entry"
    send_keys 2
    send_keys '?'
    expect_screen "$pagedown"
    [[ "$screen" =~ \ J\ +$pagedown ]] && pass || fail "$lang: ? shows the user's J for the next page" "$screen"
    send_keys Escape Q
    wait_exit && pass || fail "$lang: leaves"
}

userkeys fr_FR.UTF-8 "Fichier des touches, ligne 4 : « lsit » n'est pas un écran" "H historique, ? aide" "Page suivante" "R rétablir, t quitter la corbeille" \
    "Haut/N choisir, L ouvrir, ? aide" "Territoires (codes QPV)"
userkeys en_US.UTF-8 "Keys file, line 4: \"lsit\" is no screen" "H history, ? help" "Next page" "R restore, t leave the trash" \
    "Up/N choose, L open, ? help" "Territories (QPV codes)"

# Without XDG_CONFIG_HOME, ~/.config/carnet/keys.
mkdir -p "$HOME/.config/carnet"
printf 'bind list J bottom\n' >"$HOME/.config/carnet/keys"
start_carnet "LANG=en_US.UTF-8"
expect_screen "E2E"
send_keys 2 J
expect_screen " 30/30" "~/.config/carnet/keys is read without XDG_CONFIG_HOME"
send_keys Q
wait_exit && pass || fail "leaves"
finish
