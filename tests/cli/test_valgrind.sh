# A representative set of commands under valgrind's memcheck: no invalid
# read or write, no use of uninitialised memory, no definite leak. Skipped
# for a sanitizer build (valgrind cannot run an ASan binary; ASan checks it).
. "$(dirname "$0")/lib.sh"

if ldd "$CARNET" 2>/dev/null | grep -q libasan; then
    echo "test_valgrind: not run on a sanitizer build (ASan does this job there)"
    finish
fi
if ! command -v valgrind >/dev/null; then
    fail "valgrind is missing (scripts/deps.sh installs it)"
    finish
fi

# vg STATUS ARGS...: carnet ARGS under memcheck on $db, expecting STATUS
# (99 is memcheck's own, so it cannot be mistaken for carnet's).
vg() {
    local want=$1
    shift
    RUN_TIMEOUT=120 run valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
        --show-leak-kinds=definite "$CARNET" --db "$db" "$@"
    if [ "$status" = "$want" ]; then
        pass
    else
        fail "valgrind carnet $*: exit status $status, expected $want" "$(printf '%.3000s' "$stderr")"
    fi
}

db=$tmp/carnet.db
vg 0 init --name "Mémoire"
vg 0 add territory name="Quartier Nord" city=Lyon qpv_code=QN06901M
vg 0 add centre name="Centre Nord" kind=centre_social territory="Quartier Nord"
vg 0 add initiative title="Jardin partagé" centre="Centre Nord" status=idea carried_by=inhabitants \
    started_on=14/03/2026 themes=solidarity,environment innovative=oui
id=$(printf '%s' "$stdout" | tail -1)
vg 0 add action title="Atelier égalité" centre="Centre Nord" held_on=2026-05-01 kind=awareness \
    criteria=origin,sex domain=employment audience=adults participants=12
vg 1 add initiative title="" centre=Nowhere status=fini started_on=2026-02-30
vg 2 add
vg 0 edit "$id" status=ongoing volunteers=4
vg 0 show "$id"
vg 0 show "$id" --format json
vg 0 demo --records 200 --seed 2
vg 0 list initiative --where status=ongoing --from 2026-01-01 --limit 20
vg 0 list action --where criteria=origin --format csv
vg 0 list meeting --format json --limit 5
vg 0 search egalite
vg 0 delete "$id"
vg 0 restore "$id"
vg 0 history "$id"
vg 0 export --format json -o "$tmp/all.json"
vg 0 export initiative --format csv -o "$tmp/initiatives.csv"
vg 0 export --format csv -o "$tmp/csv"
vg 0 summary
vg 0 check
vg 0 backup "$tmp/copy.bak"
vg 0 member add alice --role manager --name Alice
vg 0 member list
vg 0 erase "$id" --yes

other=$tmp/other.db
run "$CARNET" --db "$other" init
run "$CARNET" --db "$other" import territory "$tmp/csv/territory.csv"
run "$CARNET" --db "$other" import centre "$tmp/csv/centre.csv"
db=$other
vg 0 import initiative "$tmp/initiatives.csv"
vg 1 import initiative "$CARNET_SRC/README.md"
db=$tmp/carnet.db
vg 0 clone "$tmp/carnet.db" "$tmp/replica.db"
vg 0 add initiative title="Après le clone" centre="Centre Nord" status=idea carried_by=inhabitants started_on=2026-07-01
vg 0 sync "$tmp/replica.db"
vg 0 sync --peers
vg 0 --help
vg 0 list --help
vg 2 nope
finish
