# A message longer than the status bar can be read whole: the bar cuts it
# and names the key (m) that opens it in a box, where it is wrapped whole,
# end included. In French and in English, at 80x24.
. "$(dirname "$0")/lib.sh"

E2E_W=80 E2E_H=24
make_store

long_message() {
    local lang=$1 unknown=$2 more=$3 title=$4 none=$5
    start_carnet "LANG=$lang"
    expect_screen "E2E"
    send_keys m
    expect_screen "$none" "$lang: m with no message yet says so"
    local word
    word=$(printf 'commande%.0s' $(seq 1 14))fin-du-message
    send_keys :
    type_text "$word"
    send_keys Enter
    expect_screen "$unknown" "$lang: the unknown command is said"
    expect_screen "$more" "$lang: the bar names the key that shows the message whole"
    expect_no_screen "fin-du-message" "$lang: the bar cannot hold the end"
    send_keys m
    expect_screen "$title" "$lang: m opens the message in a box"
    expect_screen "fin-du-message" "$lang: the box shows the end of the message"
    send_keys Enter
    expect_no_screen "fin-du-message" "$lang: Enter closes the box"
    send_keys Q
    wait_exit && pass || fail "$lang: leaves"
}

long_message fr_FR.UTF-8 "Commande inconnue" "m message entier" "Erreur" "Aucun message à afficher"
long_message en_US.UTF-8 "Unknown command" "m whole message" "Error" "No message to show yet"
finish
