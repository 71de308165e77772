#!/usr/bin/env bash
# The terminal application's benchmark (issue: the terminal application):
# on a 1,000,000-record demo store, the time from start to the first drawn
# screen, the time of one page down in the initiatives list, and the peak
# resident memory, all measured through a pseudo-terminal by a small Python
# driver (pty.fork; no tmux in the measured path).
# Usage: bench/tui.sh [RECORDS] (default 1000000); BENCH_DB=FILE reuses a store.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
records=${1:-1000000}
bench_build
work=$(mktemp -d /tmp/carnet-bench-tui-XXXXXX)
trap 'rm -rf "$work"' EXIT
db=${BENCH_DB:-$work/carnet.db}
if [ ! -s "$db" ]; then
    "$CARNET" --db "$db" init --name "Benchmark" 2>/dev/null
    "$CARNET" --db "$db" demo --records "$records" --seed 7 2>/dev/null
fi
echo "carnet terminal benchmark: $("$CARNET" --db "$db" list initiative --limit 1 --format csv >/dev/null; echo "$records") records, $(nproc) cores"
echo "binary: $CARNET"
echo "store:  $db"

python3 - "$CARNET" "$db" <<'PY'
import os, pty, re, select, statistics, struct, sys, time, fcntl, termios

carnet, db = sys.argv[1], sys.argv[2]
ROWS, COLS = 30, 100

def read_until(fd, pred, timeout=10.0):
    """Reads the pty until pred(all bytes read) is true; returns them."""
    buf = b""
    end = time.perf_counter() + timeout
    while not pred(buf):
        left = end - time.perf_counter()
        if left <= 0:
            raise SystemExit("timed out; last output: %r" % buf[-400:])
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                raise SystemExit("carnet ended early: %r" % buf[-400:])
            buf += chunk
    return buf

def drain(fd, quiet=0.2):
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 65536)

env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8", TZ="UTC")
start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    os.execve(carnet, [carnet, "--db", db], env)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
read_until(fd, lambda b: b"This year" in b and b"help" in b)
first_ms = (time.perf_counter() - start) * 1000
drain(fd)

os.write(fd, b"2")
read_until(fd, lambda b: re.search(rb"\d+/\d+", b) is not None)
drain(fd)

def response(fd, quiet=0.01):
    """Waits for the redraw a key causes; returns the time its last byte
    arrived (output stops for `quiet` seconds once it has started)."""
    if not select.select([fd], [], [], 10)[0]:
        raise SystemExit("no redraw after a key")
    last = time.perf_counter()
    os.read(fd, 65536)
    while select.select([fd], [], [], quiet)[0]:
        os.read(fd, 65536)
        last = time.perf_counter()
    return last

times = []
for i in range(40):
    t0 = time.perf_counter()
    os.write(fd, b"\x1b[6~")            # Page Down
    times.append((response(fd) - t0) * 1000)
with open("/proc/%d/status" % pid) as f:
    hwm = next(l for l in f if l.startswith("VmHWM")).split()[1]
os.write(fd, b"Q")
os.waitpid(pid, 0)

def row(label, value, unit, target):
    verdict = "ok" if value <= target else "OVER TARGET"
    print("%-52s %10.1f %s   target %6s %s   %s" % (label, value, unit, target, unit, verdict))

print("command: %s --db %s  (pty %dx%d, TERM=xterm-256color)" % (carnet, db, COLS, ROWS))
row("start to first drawn screen (Home)", first_ms, "ms", 100)
row("page down in initiatives (median of %d)" % len(times), statistics.median(times), "ms", 5)
row("page down in initiatives (worst)", max(times), "ms", 50)
row("peak resident memory (VmHWM)", int(hwm) / 1024, "MB", 20)
PY
