# The README's package section on a pristine Debian 12 root, word for word:
# its commands build the .deb and install it with apt-get; then the
# installed carnet makes a store, adds a record, and has its manual page.
. "$(dirname "$0")/lib.sh"
fresh_require
fresh_bare || { fail "mmdebstrap could not make a Debian 12 root"; finish; }

root=$(fresh_root package) || { fail "could not make the root"; finish; }
version=$(carnet_version)
mapfile -t cmds < <(readme_commands "Installing the Debian package")
expect_ne "${#cmds[@]}" 0 "the README's package section has commands"
for c in "${cmds[@]}"; do
    in_root "$root" "$c"
    expect_root_ok "README: $c"
    [ "$status" = 0 ] || finish
done
expect_match "${cmds[*]}" "apt-get install ./build-deb/carnet_" "the README installs the package with apt-get"

in_root "$root" "dpkg -s carnet | sed -n 's/^Version: //p'"
expect_eq "$stdout" "$version" "the package is installed"
in_root "$root" "cd /tmp && carnet --version"
expect_eq "$stdout" "carnet $version" "carnet --version"
in_root "$root" "cd /tmp && carnet init --name 'Centre social Les Glycines' && carnet add territory name='Les Glycines' city=Lyon >/dev/null && carnet list territory"
expect_root_ok "carnet init, add and list with the installed binary"
expect_match "$stdout" "Les Glycines" "the record added is listed"
# minbase has no man-db; a standard Debian 12 installation has it.
in_root "$root" "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq man-db >/dev/null && man -w carnet"
expect_root_ok "man -w carnet"
expect_match "$stdout" "^/usr/share/man/man1/carnet\.1(\.gz)?$" "the manual page is installed"
in_root "$root" "MANWIDTH=80 man carnet 2>&1 | grep -c 'EXIT STATUS'"
expect_eq "$stdout" 1 "man carnet shows the page"
in_root "$root" "LANG=fr_FR.UTF-8 carnet --help | head -3"
expect_root_ok "carnet --help in French"

finish
