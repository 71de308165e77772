# man/carnet.1 renders without a warning (groff and man), names every
# command of `carnet --help` and every option of `carnet COMMAND --help`,
# the environment variables, and carries the version `carnet --version` prints.
. "$(dirname "$0")/lib.sh"

page=$CARNET_SRC/man/carnet.1
if ! command -v groff >/dev/null; then
    fail "groff is missing (scripts/deps.sh installs groff-base)"
    finish
fi

run groff -man -Tutf8 -t -ww -z "$page"
expect_status 0 "groff"
expect_stderr_empty "groff warnings"
if command -v man >/dev/null; then
    run env MANWIDTH=80 man --warnings -l "$page"
    expect_status 0 "man -l"
    expect_stderr_empty "man warnings"
    expect_stdout_contains "EXIT STATUS"
else
    fail "man is missing: scripts/deps.sh installs man-db"
fi
# The text as a reader sees it, without hyphenation or bold.
text=$(MANWIDTH=200 groff -man -Tutf8 -t -rLL=200n -P-cbou "$page" 2>/dev/null | tr -s ' ')

run "$CARNET" --help
expect_status 0 "carnet --help"
commands=$(printf '%s\n' "$stdout" | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
expect_ne "$commands" "" "commands listed by carnet --help"
for cmd in $commands; do
    if [[ "$text" =~ (^|$'\n')" "+"$cmd"($|[ $'\n']) ]]; then pass; else fail "the man page has no entry for the command '$cmd'"; fi
    run "$CARNET" "$cmd" --help
    for opt in $(printf '%s\n' "$stdout" | grep -o -- '--[a-z][a-z-]*' | sort -u); do
        if [[ "$text" == *"$opt"* ]]; then pass; else fail "the man page does not mention $opt of '$cmd'"; fi
    done
done
for word in CARNET_DB CARNET_SSH CARNET_REMOTE NO_COLOR XDG_DATA_HOME LANG "EXIT STATUS" EXAMPLES FILES; do
    if [[ "$text" == *"$word"* ]]; then pass; else fail "the man page does not mention $word"; fi
done

run "$CARNET" --version
version=${stdout#carnet }
expect_match "$(grep '^\.TH' "$page")" "\"carnet $version\"" "the man page's version is carnet --version's"
finish
