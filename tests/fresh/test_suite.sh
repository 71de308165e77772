# The README's second command on a pristine Debian 12 root, as far as it
# does not repeat the main run: `./scripts/test unit` is the same script
# (its install step, configure, build) stopping after the unit tests.
. "$(dirname "$0")/lib.sh"
fresh_require
fresh_bare || { fail "mmdebstrap could not make a Debian 12 root"; finish; }

mapfile -t quick < <(readme_commands "Quick start (Debian 12, as root)")
expect_eq "${quick[1]:-}" "./scripts/test" "the README's second command"
root=$(fresh_root suite) || { fail "could not make the root"; finish; }

in_root "$root" "${quick[1]} unit"
expect_root_ok "./scripts/test unit on a fresh root"
expect_match "$stdout" "100% tests passed, 0 tests failed out of [1-9][0-9]*" "the unit tests pass"
expect_match "$stdout" "unit/test_store" "the unit tests ran"

finish
