#!/usr/bin/env bash
# Installs, through apt-get, what carnet needs to build and to run its tests.
# Idempotent and quick when everything is there: apt-get runs only for what is missing.
set -euo pipefail

CARNET_BUILD_PKGS="build-essential cmake pkg-config libncurses-dev libsqlite3-dev uuid-dev libpq-dev gettext locales"
CARNET_TEST_PKGS="libcmocka-dev tmux sqlite3 sqlite3-tools python3 clang libclang-rt-14-dev openssh-server openssh-client groff-base valgrind dpkg-dev file postgresql-15"

carnet_missing() {
    local p missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
    done
    echo "$missing"
}

carnet_deps() {
    local missing
    missing=$(carnet_missing "$@")
    if [ -n "$missing" ]; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        echo "carnet: installing$missing" >&2
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        # shellcheck disable=SC2086
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    fi
    # The French locale: the interface follows LANG, and the tests check French.
    if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
        local sudo=""
        [ "$(id -u)" -eq 0 ] || sudo="sudo"
        $sudo sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/; s/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
        $sudo locale-gen >/dev/null
    fi
}
