# No output option writes over a store: report -o, export -o (one kind, every
# kind as JSON, every kind as CSV into a folder) and backup, each given the
# store in use under every spelling (relative, ./, absolute, ../, symbolic
# link, hard link, its -wal and -shm while another process holds it open, a
# -journal name), another store, and another store's companions. Each is
# refused with a message, and every store stays byte for byte as it was.
# Files that are written are complete or absent (never half written) and
# private (0600) even where they replace a file others could read.
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 2
db=w.db
carnet_ok init --name "Protégé"
carnet_ok demo --records 200 --seed 2
run "$CARNET" --db other.db init
expect_status 0 "init another store"
ln -s w.db link.db
ln w.db hard.db
mkdir sub
ln -s ../w.db sub/initiative.csv     # for export -o sub (one CSV per kind)

sums() {
    sha256sum w.db other.db | tr '\n' ' '
}
before=$(sums)

# refused WHAT TARGET CMD...: the command (with TARGET in it) exits 1 with
# a message naming TARGET, and no store changed.
refused() {
    local what=$1 target=$2
    shift 2
    carnet "$@"
    expect_status 1 "$what"
    expect_stderr_contains "$target" "$what: the message names the file"
    expect_stderr_contains "file name" "$what: the message says what to do"
    expect_eq "$(sums)" "$before" "$what: the stores are byte for byte as they were"
}

targets=(w.db ./w.db "$tmp/w.db" "../$(basename "$tmp")/w.db" link.db hard.db w.db-journal w.db-wal other.db
    ./other.db-wal other.db-shm)
# Under memcheck (CARNET_VALGRIND=1) one spelling of each kind: the same
# code paths, a fifth of the time.
[ "${CARNET_VALGRIND:-0}" = 1 ] && targets=(w.db link.db hard.db w.db-wal other.db-shm)
for t in "${targets[@]}"; do
    refused "report -o $t" "$t" report --year 2026 -o "$t"
    refused "export initiative -o $t" "$t" export initiative -o "$t"
    refused "export --format json -o $t" "$t" export --format json -o "$t"
    refused "backup $t" "$t" backup "$t"
done
carnet export --format csv -o sub
expect_status 1 "export -o DIR where DIR/initiative.csv is a link to the store"
expect_stderr_contains "sub/initiative.csv"
expect_eq "$(sums)" "$before" "export -o DIR: the stores are as they were"
expect_eq "$(readlink sub/initiative.csv)" "../w.db" "the link is still there"
carnet export --format csv -o w.db
expect_status 1 "export -o STORE as the folder of the CSV files"
expect_stderr_contains "w.db is not a folder"
expect_eq "$(sums)" "$before" "export -o STORE (folder): the stores are as they were"

# While another process holds the store open, its -wal and -shm exist: the
# -wal may be empty (nothing to recognise it by) but is the store's own.
mkfifo hold
python3 -c '
import sqlite3, sys
db = sqlite3.connect("w.db")
db.execute("SELECT count(*) FROM meta").fetchall()
open("hold").read()
' &
holder=$!
for _ in $(seq 100); do [ -e w.db-shm ] && break; sleep 0.05; done
[ -e w.db-wal ] && [ -e w.db-shm ] && pass || fail "the -wal and -shm files exist while the store is held open"
ln w.db-wal wal-copy
ln w.db-shm shm-copy
before=$(sums)
wal=$(sha256sum <w.db-wal)
shm=$(sha256sum <w.db-shm)
for t in w.db-wal w.db-shm wal-copy shm-copy; do
    refused "report -o $t (held open)" "$t" report --year 2026 -o "$t"
    refused "export initiative -o $t (held open)" "$t" export initiative -o "$t"
done
expect_eq "$(sha256sum <w.db-wal)" "$wal" "the -wal file is as it was"
expect_eq "$(sha256sum <w.db-shm)" "$shm" "the -shm file is as it was"
timeout 5 sh -c 'echo >hold' || kill "$holder" 2>/dev/null
wait "$holder"
rm -f wal-copy shm-copy

# Nothing was left behind by the refusals: no temporary file, no new file.
expect_eq "$(find . -name '.carnet-*' | wc -l)" 0 "no temporary file left"
[ ! -e w.db-journal ] && [ ! -e other.db-wal ] && pass || fail "no companion file was created"

# A replaced file is private and whole.
printf 'old report\n' >shared.txt
chmod 644 shared.txt
carnet_ok report --year 2026 -o shared.txt
expect_eq "$(stat -c %a shared.txt)" 600 "a report over a file others could read is 0600"
carnet_ok report --year 2026
expect_files_eq shared.txt "$OUT" "the replaced file holds the whole report"
printf 'old export\n' >shared.json
chmod 664 shared.json
carnet_ok export --format json -o shared.json
expect_eq "$(stat -c %a shared.json)" 600 "an export over a file others could read is 0600"
carnet_ok export initiative -o link-out.csv.target
ln -s link-out.csv.target link-out.csv
chmod 644 link-out.csv.target
carnet_ok export action -o link-out.csv
[ -L link-out.csv ] && pass || fail "writing through a symbolic link keeps the link"
expect_eq "$(head -1 link-out.csv.target | cut -d, -f1-2)" "id,title" "the file it points to holds the new export"
expect_eq "$(stat -c %a link-out.csv.target)" 600 "and is 0600"

# Cut short (a file size limit, as a full disk would): the old file stays
# whole, no temporary file is left, and the command fails.
printf 'precious\n' >cut.json
run bash -c 'trap "" XFSZ; ulimit -f 100; exec "$@"' limit "$CARNET" --db "$db" export --format json -o cut.json
expect_status 1 "an export cut short by the file size limit fails"
expect_stderr_contains "cut.json" "the failure names the file"
expect_eq "$(cat cut.json)" "precious" "an export cut short leaves the old file as it was"
expect_eq "$(find . -name '.carnet-*' | wc -l)" 0 "no temporary file left after a failed write"
expect_eq "$(sums)" "$before" "the stores are as they were at the end"

# The same in French.
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db "$db" report -o hard.db
expect_status 1 "report -o in French"
expect_stderr_contains "ne remplace jamais" "the message is in French"
finish
