# Resizing in the middle of a form, down to 20x6 and back, keeps the form
# and what was typed; an even smaller terminal gets a notice, not a crash;
# 60x20 stays readable.
. "$(dirname "$0")/lib.sh"

make_store
start_carnet
expect_screen "carnet — E2E"
send_keys 2 a
expect_screen "New initiative"
type_text "Repair café"
send_keys Tab Tab Tab
type_text "Un atelier où l'on répare ensemble"

resize 20 6
wait_gone "Description" && pass || fail "the form is laid out again at 20x6"
resize 12 4
expect_screen "Terminal too" "below 20x6 a notice replaces the screen"
resize 60 20
expect_screen "Un atelier" "the description survived the resizes"
send_keys BTab BTab BTab
expect_screen "New initiative" "the form is back at 60x20"
expect_screen "Repair café" "the title survived the resizes"
resize 80 24
send_keys C-s
expect_screen "Saved: Repair café"
id=$(only_id initiative)
expect_eq "$(json_field "$id" description)" "Un atelier où l'on répare ensemble" "stored after the resizes"

# The list and Home at 60x20.
resize 60 20
expect_screen "Repair café"
send_keys 1
expect_screen "This year" "Home at 60x20"
resize 20 6
expect_screen "carnet" "Home at 20x6"
resize 100 30
expect_screen "This year"
send_keys Q
wait_exit && pass || fail "leaves after the resizes"
expect_screen "[carnet exited 0]"

finish
