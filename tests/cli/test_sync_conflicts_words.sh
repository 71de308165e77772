#!/bin/bash
# carnet sync --conflicts for people: each value that lost a concurrent
# edit in words (when, the record by its kind and title, the field by its
# label, choices by their labels), in French and in English; --conflicts
# tsv keeps the tab-separated codes for scripts.
. "$(dirname "$0")/lib.sh"

nnbsp=$(printf '\xe2\x80\xaf') nl=$'\n'
a=$tmp/a.db b=$tmp/b.db
db=$a
carnet_ok init --name "Centre A"
carnet_ok add centre "name=Centre X" kind=evs
centre=$stdout
carnet_ok add initiative title=Jardin "centre=$centre" status=idea carried_by=centre started_on=2026-01-01
id=$stdout
carnet_ok clone "$a" "$b"
carnet_ok edit "$id" "title=Jardin A" status=ongoing started_on=2026-02-01 volunteer_hours=12.5
db=$b
carnet_ok edit "$id" "title=Jardin B" status=completed started_on=2026-03-01 volunteer_hours=7.25
db=$a
carnet_ok sync "$b"
expect_stderr_contains "4 concurrent edits resolved"

# a's edits were the earlier: they lost on a, which keeps them for review.
run env LC_ALL=fr_FR.UTF-8 "$CARNET" --db "$a" sync --conflicts
expect_status 0 "--conflicts in French"
expect_stdout_contains "initiative «${nnbsp}Jardin B${nnbsp}», Titre${nnbsp}: «${nnbsp}Jardin A${nnbsp}» a perdu, valeur gardée${nnbsp}: «${nnbsp}Jardin B${nnbsp}»" \
    "French: the record by its title, the field by its label"
expect_stdout_contains "État${nnbsp}: «${nnbsp}en cours${nnbsp}» a perdu, valeur gardée${nnbsp}: «${nnbsp}réalisée${nnbsp}»" "French: choices by their labels"
expect_stdout_contains "«${nnbsp}01/02/2026${nnbsp}» a perdu, valeur gardée${nnbsp}: «${nnbsp}01/03/2026${nnbsp}»" "French: dates as people write them"
expect_stdout_contains "«${nnbsp}12,5${nnbsp}» a perdu, valeur gardée${nnbsp}: «${nnbsp}7,25${nnbsp}»" "French: decimals with a comma"
expect_match "$stdout" "^[0-3][0-9]/[01][0-9]/20[0-9][0-9] à [0-2][0-9]:[0-5][0-9] " "French: local date and time first"
expect_no_match "$stdout" "$id|	|ongoing|completed|title|status" "French: no id, tab, code or field name"

run env LC_ALL=en_US.UTF-8 "$CARNET" --db "$a" sync --conflicts
expect_status 0 "--conflicts in English"
expect_stdout_contains 'initiative "Jardin B", Title: "Jardin A" lost, value kept: "Jardin B"' "English: in words"
expect_stdout_contains 'Status: "ongoing" lost, value kept: "completed"' "English: choices by their labels"

# For scripts: tab-separated codes, as --conflicts tsv or --conflicts=tsv.
for opt in "--conflicts tsv" "--conflicts=tsv"; do
    carnet_ok sync $opt
    expect_match "$stdout" "(^|$nl)[0-9]+	2026-[0-9-]+T[0-9:]+Z	initiative	$id	title	Jardin A	Jardin B($nl|\$)" "$opt: the title's line"
    expect_match "$stdout" "	status	ongoing	completed" "$opt: codes"
done
carnet sync --conflicts=csv
expect_status 2 "--conflicts=csv: usage"
expect_stderr_contains "--conflicts takes text (the default) or tsv, not 'csv'"
finish
