# The README's first command on a pristine Debian 12 root: as a user with
# neither root nor sudo it says which packages to ask for; as root it
# installs what is missing, builds, makes the demo store and runs carnet
# (`./scripts/start --version`, `./scripts/start summary`: arguments go to
# carnet, so no terminal is needed).
. "$(dirname "$0")/lib.sh"
fresh_require
fresh_bare || { fail "mmdebstrap could not make a Debian 12 root"; finish; }

mapfile -t quick < <(readme_commands "Quick start (Debian 12, as root)")
expect_eq "${quick[0]:-}" "./scripts/start" "the README's first command"
expect_eq "${quick[1]:-}" "./scripts/test" "the README's second command"

root=$(fresh_root start) || { fail "could not make the root"; finish; }
version=$(carnet_version)

# A user who is not root, on a machine without sudo.
in_root "$root" "useradd -m camille && cp -r /root/carnet /home/camille/ && chown -R camille: /home/camille/carnet"
expect_root_ok "adding a user to the root"
in_root "$root" --user camille "cd ~/carnet && ${quick[0]} --version"
expect_ne "$status" 0 "start without root nor sudo fails"
expect_match "$stderr" "sudo is not installed" "it says that sudo is missing"
expect_match "$stderr" "apt-get install .*cmake.*libsqlite3-dev" "it names the packages to install"
expect_no_match "$stderr" "(command not found|line [0-9]+:|unbound variable)" "no shell error"

# The first command as root, as a French user: installs, builds, makes the
# demo store, and says so on lines of its own (no apt, debconf or perl
# chatter about a locale not made yet).
in_root "$root" "LANG=fr_FR.UTF-8 ${quick[0]} --version"
expect_root_ok "./scripts/start --version on a fresh root"
# (French puts a narrow no-break space before the colon: "carnet : ...")
expect_eq "$(grep -Ev "^carnet( |$(printf '\xe2\x80\xaf'))?: " "$ERR")" "" "every line start prints is carnet's own (carnet: ...)"
expect_eq "$stdout" "carnet $version" "./scripts/start --version prints the version"
expect_match "$stderr" "carnet: installing .*cmake" "it says it installs"
expect_match "$stderr" "carnet: building" "it says it builds"
expect_match "$stderr" "carnet: making a demo store at /root/.local/share/carnet/carnet.db" "it says it makes the demo store"
in_root "$root" "test ! -e build/tests && ! grep -q '^CARNET_TESTS:BOOL=ON' build/CMakeCache.txt && ! dpkg -s libcmocka-dev >/dev/null 2>&1"
expect_root_ok "the user build configured no test and installed no test package"

in_root "$root" "${quick[0]} summary"
expect_root_ok "./scripts/start summary"
expect_match "$stdout" "Store +Démonstration" "the demo store is opened"
expect_match "$stdout" "initiatives +[1-9][0-9]*" "the demo store holds initiatives"
expect_eq "$(grep -c 'carnet: \(installing\|building\|making\)' "$ERR")" 0 "a second start installs, builds and makes nothing"

finish
