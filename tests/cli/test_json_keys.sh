# JSON for machines: every object carnet writes holds each key once, for
# every kind, in list, show, export, search and browse; the record's kind is
# under "record_kind", so it survives a parser that keeps the last of two
# equal keys, and the field "kind" of an action keeps its own key.
. "$(dirname "$0")/lib.sh"

# unique_keys WHAT [KIND]: the JSON in $OUT parses with no key twice in any
# object; with KIND, every record in it says record_kind = KIND.
unique_keys() {
    cp "$OUT" "$tmp/keys.json"
    run python3 -c '
import json, sys
def once(pairs):
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        sys.exit("key(s) twice in one object: %s in %s" % (", ".join(dup), dict(pairs).get("id", "?")))
    return dict(pairs)
d = json.load(open(sys.argv[1], encoding="utf-8"), object_pairs_hook=once)
rows = d if isinstance(d, list) else [d] if "id" in d else [r for v in d.values() for r in v]
assert rows, "no record in the output"
for r in rows:
    assert "record_kind" in r, "no record_kind in %r" % r
    if sys.argv[2]:
        assert r["record_kind"] == sys.argv[2], (r["record_kind"], sys.argv[2])' "$tmp/keys.json" "${2:-}"
    expect_status 0 "$1: each key once"
}

db=$tmp/a.db
carnet_ok init --name "Clés"
carnet_ok demo --records 150 --seed 3
for k in $IMPORT_ORDER; do
    carnet_ok list "$k" --format json --limit 20
    unique_keys "list $k --format json" "$k"
    id=$(sql "$db" "select id from $k where deleted = 0 order by id limit 1")
    carnet_ok show "$id" --format json
    unique_keys "show of a $k --format json" "$k"
    carnet_ok export "$k" --format json
    unique_keys "export $k --format json" "$k"
done
carnet_ok export --format json
unique_keys "export --format json (every kind)"
expect_eq "$(pyjson '[k for k, v in d.items() for r in v if r["record_kind"] != k] or len(d)' <"$tmp/keys.json")" \
    "$(echo "$IMPORT_ORDER" | wc -w)" "in the whole export each record sits under its own kind"
carnet_ok search atelier --format json
unique_keys "search --format json"
carnet_ok browse --format json --limit 30
unique_keys "browse --format json"

# An action: its kind of record and its field "kind", side by side.
id=$(sql "$db" "select id from action where deleted = 0 order by id limit 1")
want=$(sql "$db" "select kind from action where id = '$id'")
carnet_ok show "$id" --format json
expect_eq "$(pyjson '[d["record_kind"], d["kind"]]' <"$OUT" | paste -sd'|')" "action|$want" \
    "an action's JSON gives record_kind=action and its field kind"

finish
