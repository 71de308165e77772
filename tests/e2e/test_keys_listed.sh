# Keys from one list: a screen reacts to actions of tui/action.h, bound in
# its keymap, never to a raw key it compares itself (such a key would be
# missing from ? help, from the : commands and from ~/.config/carnet/keys).
# Fails on any comparison of the key argument with a character or a key
# code in screens/*.c. It lives with the screen tests as it runs no carnet
# (the memcheck rerun of tests/cli wants a carnet process).
. "$(dirname "$0")/../cli/lib.sh"

src=${CARNET_SRC:?}
raw=$(grep -nE "\bkey *(==|!=) *('|[0-9]|TUI_KEY_|KEY_)|switch *\(key\)|case +'.' *:" "$src"/screens/*.c || true)
if [ -z "$raw" ]; then
    pass
else
    fail "screens compare raw keys instead of binding actions in their keymap:" "$raw"
fi

# Each action's ":" name is unique and every screen's binding is reached
# through an action: the list must not name one action twice.
names=$(sed -n 's/^ *ACTION([A-Z_0-9]*, *"\([^"]*\)".*/\1/p' "$src/tui/action.h")
dups=$(printf '%s\n' "$names" | sort | uniq -d)
expect_eq "$dups" "" "no action name twice in tui/action.h"
finish
