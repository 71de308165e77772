# Helpers for the fresh-machine tests: pristine Debian 12 roots made by
# mmdebstrap, the checkout copied in as `git archive HEAD` (so an untracked
# file cannot make a test pass), and commands run inside a root as a new
# machine's root user would run them.
#
# The bare root (minbase, nothing of carnet's) is cached as a tarball in the
# build tree ($CARNET_FRESH_CACHE), so a rerun costs seconds; every test
# extracts its own copy, and nothing installed in a root is ever kept.
# Each root runs in its own mount and PID namespaces: when the command ends,
# every process it started is killed and every mount it used is gone.

. "$(dirname "${BASH_SOURCE[0]}")/../cli/lib.sh"

RUN_TIMEOUT=${RUN_TIMEOUT:-900}
FRESH_SUITE=bookworm
FRESH_CACHE=${CARNET_FRESH_CACHE:-$CARNET_SRC/build/fresh-cache}
FRESH_BARE=$FRESH_CACHE/$FRESH_SUITE-minbase.tar

_fresh_exit() {
    local rc=$? m
    # Never remove a root while anything is mounted in it.
    while read -r m; do
        umount -R -l "$m" 2>/dev/null
    done < <(awk -v t="$tmp/" 'index($2, t) == 1 { print $2 }' /proc/mounts | sort -r)
    (exit $rc)
    _lib_exit
}
trap _fresh_exit EXIT

# The test cannot work without these; it fails, it never skips.
fresh_require() {
    if [ "$(id -u)" != 0 ]; then
        fail "the fresh-machine tests make Debian roots and chroot into them: they need root"
        finish
    fi
    local t
    for t in mmdebstrap unshare chroot git tar; do
        if ! command -v "$t" >/dev/null; then
            fail "$t is missing: scripts/deps.sh installs mmdebstrap (and util-linux, coreutils, git)"
            finish
        fi
    done
    if ! unshare --mount --pid --fork true 2>"$tmp/unshare.err"; then
        fail "cannot make a mount and PID namespace for a root: $(cat "$tmp/unshare.err")"
        finish
    fi
    if [ ! -d "$CARNET_SRC/.git" ] && ! git -C "$CARNET_SRC" rev-parse HEAD >/dev/null 2>&1; then
        fail "$CARNET_SRC is not a git checkout: the test copies git archive HEAD"
        finish
    fi
}

# fresh_bare: makes the cached bare root once (several tests may ask at once).
fresh_bare() {
    mkdir -p "$FRESH_CACHE"
    (
        flock 9
        if [ ! -s "$FRESH_BARE" ]; then
            echo "fresh: making a bare Debian 12 root (mmdebstrap --variant=minbase)"
            if ! mmdebstrap --quiet --variant=minbase --mode=root --format=tar "$FRESH_SUITE" "$FRESH_BARE.part" \
                >"$FRESH_CACHE/mmdebstrap.log" 2>&1; then
                cat "$FRESH_CACHE/mmdebstrap.log"
                rm -f "$FRESH_BARE.part"
                exit 1
            fi
            mv "$FRESH_BARE.part" "$FRESH_BARE"
        fi
    ) 9>"$FRESH_CACHE/lock"
}

# fresh_root NAME: prints the path of a new root made from the bare one, with
# this machine's apt sources (it reaches what this machine reaches), no
# service started by a package's install, and the checkout in /root/carnet.
fresh_root() {
    local r=$tmp/$1 f
    mkdir "$r"
    tar -xf "$FRESH_BARE" -C "$r" || return 1
    if ls /etc/apt/sources.list.d/*.sources >/dev/null 2>&1 || [ -s /etc/apt/sources.list ]; then
        rm -f "$r/etc/apt/sources.list"
        [ -s /etc/apt/sources.list ] && cp /etc/apt/sources.list "$r/etc/apt/"
        for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
            [ -e "$f" ] && cp "$f" "$r/etc/apt/sources.list.d/"
        done
    fi
    # What this machine's apt is told about its network (proxies, validity).
    for f in /etc/apt/apt.conf.d/*; do
        grep -q '^ *Acquire::' "$f" 2>/dev/null && cp "$f" "$r/etc/apt/apt.conf.d/"
    done
    cp /etc/resolv.conf "$r/etc/resolv.conf" 2>/dev/null
    printf '#!/bin/sh\nexit 101\n' >"$r/usr/sbin/policy-rc.d"
    chmod 755 "$r/usr/sbin/policy-rc.d"
    mkdir "$r/root/carnet"
    git -C "$CARNET_SRC" archive HEAD | tar -x -C "$r/root/carnet" || return 1
    echo "$r"
}

# in_root ROOT [--user USER] COMMAND: runs the shell COMMAND in ROOT, in
# /root/carnet, with the environment of a login on a new machine (no
# terminal, so nothing asks). Sets status, stdout and stderr like `run`.
in_root() {
    local r=$1 user=root
    shift
    if [ "$1" = --user ]; then
        user=$2
        shift 2
    fi
    local cmd=$1
    run unshare --mount --pid --fork -- /bin/bash -c '
        r=$1 user=$2 cmd=$3
        mount --rbind /dev "$r/dev" && mount --make-rslave "$r/dev" &&
            mount -t proc proc "$r/proc" && mount -t sysfs sysfs "$r/sys" &&
            mount -t tmpfs tmpfs "$r/tmp" || exit 125
        home=/root
        [ "$user" = root ] || home=$(chroot "$r" getent passwd "$user" | cut -d: -f6)
        exec chroot "$r" /usr/sbin/runuser -u "$user" -- /usr/bin/env -i HOME="$home" USER="$user" \
            PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
            /bin/bash -c "cd /root/carnet 2>/dev/null || cd; $cmd" </dev/null
    ' _ "$r" "$user" "$cmd"
}

# expect_root_ok STEP: the last in_root command succeeded, else the step
# fails with its output.
expect_root_ok() {
    if [ "$status" = 0 ]; then
        pass
    else
        fail "$1: exit status $status" "stdout: $(tail -c 3000 "$OUT")" "stderr: $(tail -c 6000 "$ERR")"
    fi
}

# readme_commands HEADING: the commands of the first ```sh block under the
# README's "## HEADING", one a line, comments and blank lines left out; so
# the test runs the README's words, not a copy of them.
readme_commands() {
    awk -v h="## $1" '
        $0 == h { inside = 1; next }
        inside && /^## / { exit }
        inside && /^```sh$/ { block = 1; next }
        block && /^```$/ { exit }
        block { sub(/[ \t]+#.*$/, ""); if ($0 !~ /^[ \t]*(#|$)/) print }
    ' "$CARNET_SRC/README.md"
}

carnet_version() {
    sed -n 's/^project(carnet VERSION \([0-9.]*\).*/\1/p' "$CARNET_SRC/CMakeLists.txt"
}
