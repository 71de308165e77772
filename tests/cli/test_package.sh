# The Debian package: a Release build in a temporary folder, `cpack -G DEB`,
# its control fields (version from CMakeLists.txt, dependencies, maintainer),
# installed with apt-get (offline: a local file whose dependencies are there),
# then /usr/bin/carnet --version, a CLI round trip, the man page, the bash
# completion and the French translation; finally the package is removed.
. "$(dirname "$0")/lib.sh"

# The package is built from the sources without sanitizers: under the ASan
# run of the suite this would repeat the same test for nothing.
if ldd "$CARNET" 2>/dev/null | grep -q libasan; then
    skip "not repeated for a sanitizer build (the package is a Release build)"
fi
if [ "$(id -u)" != 0 ]; then
    fail "this test installs a package: it needs root"
    finish
fi
if dpkg-query -W -f='${Status}' carnet 2>/dev/null | grep -q 'install ok installed'; then
    fail "a carnet package is installed already; remove it first (apt-get remove carnet)"
    finish
fi

build=$tmp/build
RUN_TIMEOUT=300
# Only the binary and the translations: the package needs nothing else.
run cmake -S "$CARNET_SRC" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
expect_status 0 "cmake configure"
run cmake --build "$build" -j"$(nproc)" --target carnet translations
expect_status 0 "build carnet"
run bash -c "cd '$build' && cpack -G DEB"
expect_status 0 "cpack -G DEB"
RUN_TIMEOUT=60

version=$(sed -n 's/^project(carnet VERSION \([0-9.]*\).*/\1/p' "$CARNET_SRC/CMakeLists.txt")
deb=$(ls "$build"/carnet_*.deb 2>/dev/null | head -1)
expect_eq "$(basename "$deb")" "carnet_${version}_$(dpkg --print-architecture).deb" "the package's file name"

if [ -f "$deb" ]; then
    expect_eq "$(dpkg-deb -f "$deb" Version)" "$version" "the package version is CMakeLists.txt's"
    depends=$(dpkg-deb -f "$deb" Depends)
    for lib in libc6 libncursesw6 libsqlite3-0 libuuid1 libpq5 "libxlsxwriter[0-9]+"; do
        expect_match "$depends" "(^|, )$lib( |,|$)" "Depends names $lib"
    done
    expect_match "$(dpkg-deb -f "$deb" Maintainer)" "<.+@.+>" "the package has a maintainer"
    expect_ne "$(dpkg-deb -f "$deb" Description)" "" "the package has a description"
    files=$(dpkg-deb -c "$deb")
    for f in ./usr/bin/carnet ./usr/share/man/man1/carnet.1 ./usr/share/bash-completion/completions/carnet \
        ./usr/share/locale/fr/LC_MESSAGES/carnet.mo; do
        if [[ "$files" == *" $f"* ]]; then pass; else fail "the package holds no $f" "$files"; fi
    done

    run env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb"
    expect_status 0 "apt-get install ./carnet.deb"
    installed=$status
    run /usr/bin/carnet --version
    expect_status 0 "/usr/bin/carnet --version"
    expect_eq "$stdout" "carnet $version" "the installed version"

    db=$tmp/store.db
    run /usr/bin/carnet --db "$db" init --name "Paquet"
    expect_status 0 "init with the installed carnet"
    run /usr/bin/carnet --db "$db" add centre name="Centre du paquet" kind=centre_social
    expect_status 0 "add with the installed carnet"
    run /usr/bin/carnet --db "$db" add initiative title="Jardin partagé" centre="Centre du paquet" \
        status=idea carried_by=inhabitants started_on=2026-03-14
    expect_status 0 "add an initiative"
    run /usr/bin/carnet --db "$db" list initiative --format json
    expect_status 0 "list --format json"
    expect_eq "$(printf '%s' "$stdout" | pyjson 'd[0]["title"]')" "Jardin partagé" "the round trip"
    # The translation is found where the package put it.
    run env LC_ALL=fr_FR.UTF-8 LANGUAGE= /usr/bin/carnet --help
    expect_stdout_contains "Commandes"
    run bash -n /usr/share/bash-completion/completions/carnet
    expect_status 0 "the bash completion parses"

    if [ "$installed" = 0 ]; then
        run env DEBIAN_FRONTEND=noninteractive apt-get remove -y carnet
        expect_status 0 "apt-get remove carnet"
        if [ -e /usr/bin/carnet ]; then fail "/usr/bin/carnet is still there after the removal"; else pass; fi
    fi
fi
finish
