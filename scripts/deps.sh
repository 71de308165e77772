#!/usr/bin/env bash
# Installs, through apt-get, what carnet needs: to build it (the README's
# first command, scripts/start), to build its Debian package, and to run its
# tests (scripts/test). Idempotent and quick when everything is there:
# apt-get runs only for what is missing.
#
# Sourced by scripts/start and scripts/test; run by hand as
#   ./scripts/deps.sh build|package|test
# (the README's package section uses `./scripts/deps.sh package`).

# What the first command needs, and nothing more: a user's build never needs
# a test package (tests/ is configured only with -DCARNET_TESTS=ON).
CARNET_BUILD_PKGS="build-essential cmake pkg-config libncurses-dev libsqlite3-dev uuid-dev libpq-dev libxlsxwriter-dev zlib1g-dev gettext locales"
# cpack -G DEB: dpkg-shlibdeps (dpkg-dev) and file find the libraries' packages.
CARNET_PACKAGE_PKGS="dpkg-dev file"
CARNET_TEST_PKGS="libcmocka-dev tmux sqlite3 sqlite3-tools python3 clang libclang-rt-14-dev openssh-server openssh-client groff-base man-db valgrind dpkg-dev file mmdebstrap postgresql-15 chromium poppler-utils libreoffice-calc-nogui"

carnet_missing() {
    local p missing=""
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
    done
    echo "$missing"
}

# carnet_quietly DESCRIPTION COMMAND...: runs COMMAND with its output in a
# log that is shown only if it fails (apt's and debconf's chatter is no
# news to a user; their errors are).
carnet_quietly() {
    local what=$1 log rc=0
    shift
    log=$(mktemp)
    "$@" >"$log" 2>&1 || rc=$?
    if [ "$rc" != 0 ]; then
        cat "$log" >&2
        echo "carnet: $what failed (its output is above)" >&2
    fi
    rm -f "$log"
    return "$rc"
}

# carnet_sudo: prints how to become root ("" when root already, "sudo"), or
# fails when neither is possible.
carnet_sudo() {
    if [ "$(id -u)" -eq 0 ]; then
        echo ""
    elif command -v sudo >/dev/null 2>&1; then
        echo sudo
    else
        return 1
    fi
}

carnet_deps() {
    local missing sudo
    missing=$(carnet_missing "$@")
    if [ -n "$missing" ]; then
        if ! sudo=$(carnet_sudo); then
            echo "carnet: these packages are missing:$missing" >&2
            echo "carnet: installing them needs root, and sudo is not installed; ask an administrator to run, as root:" >&2
            echo "    apt-get install$missing" >&2
            return 1
        fi
        echo "carnet: installing$missing (a few minutes the first time)" >&2
        # LC_ALL: the locale asked for may not exist yet (made below).
        carnet_quietly "apt-get update" $sudo env LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
            apt-get update -qq || return 1
        # shellcheck disable=SC2086
        carnet_quietly "installing the packages" $sudo env LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -qq --no-install-recommends $missing || return 1
    fi
    # The French locale: the interface follows LANG, and the tests check
    # French. Not fatal: carnet then speaks English (test_i18n fails).
    if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$'; then
        if sudo=$(carnet_sudo); then
            echo "carnet: making the French locale (fr_FR.UTF-8)" >&2
            $sudo sed -i 's/^# *fr_FR.UTF-8 UTF-8/fr_FR.UTF-8 UTF-8/; s/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
            carnet_quietly "locale-gen" $sudo env LC_ALL=C.UTF-8 locale-gen
        else
            echo "carnet: the French locale (fr_FR.UTF-8) is missing, so carnet speaks English; an administrator can add it with dpkg-reconfigure locales" >&2
        fi
    fi
}

# Run as a script: install one of the lists.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    case "${1:-}" in
    build) carnet_deps $CARNET_BUILD_PKGS ;;
    package) carnet_deps $CARNET_BUILD_PKGS $CARNET_PACKAGE_PKGS ;;
    test) carnet_deps $CARNET_BUILD_PKGS $CARNET_TEST_PKGS ;;
    *)
        echo "usage: $0 build|package|test" >&2
        exit 2
        ;;
    esac
fi
