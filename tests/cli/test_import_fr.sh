# Spreadsheets as French offices save them (issue 13): a "CSV" from a French
# LibreOffice or Excel is ';'-separated, may start with a byte order mark and
# ends its lines with CRLF; ANCT's list of the priority neighbourhoods
# (listeqp2024-cog2024.csv) fills the territories. Run in French.
# (Comma decimals in such files are the number module's part, not tested here.)
. "$(dirname "$0")/lib.sh"
export LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8

db=$tmp/s.db
carnet_ok init
carnet_ok add centre name="Centre social Tilleuls" kind=centre_social city=Lyon
carnet_ok add partner "name=Mairie; bailleur" type=commune
partner=$stdout

# --- ';', BOM, CRLF ----------------------------------------------------------
printf '\xef\xbb\xbftitle;centre;status;carried_by;started_on;partners\r\n' > "$tmp/fr.csv"
printf 'Jardin partagé;Centre social Tilleuls;ongoing;inhabitants;2026-03-01;"Mairie; bailleur"\r\n' >> "$tmp/fr.csv"
printf 'Repair café;Centre social Tilleuls;idea;centre;2026-04-02;\r\n' >> "$tmp/fr.csv"
carnet import initiative "$tmp/fr.csv"
expect_status 0 "a ';'-separated file with a BOM and CRLF is imported"
expect_stderr_contains "2 créés, 0 mis à jour, 0 inchangé" "each count with its plural, in French"
expect_eq "$(sql "$db" "select count(*) from initiative")" "2" "both lines are initiatives"
expect_eq "$(sql "$db" "select partners from initiative where title='Jardin partagé'")" "$partner" \
    "a quoted cell keeps its ';' (the partner of that name)"
expect_eq "$(sql "$db" "select started_on from initiative where title='Repair café'")" "2026-04-02" \
    "the last cell of a CRLF line has no stray CR"

# A comma file still reads as before.
printf 'name,city,qpv_code\nLes Buers,Villeurbanne,QN06902M\n' > "$tmp/comma.csv"
carnet_ok import territory "$tmp/comma.csv"
expect_eq "$(sql "$db" "select city from territory where qpv_code='QN06902M'")" "Villeurbanne" "a ',' file still imports"

# --- ANCT's list of QPV --------------------------------------------------------
hdr='code_qp;lib_qp;insee_reg;lib_reg;insee_dep;lib_dep;insee_com;lib_com;siren_epci;lib_epci'
{
    printf '\xef\xbb\xbf%s\r\n' "$hdr"
    printf 'QN07501M;Porte Saint-Denis - Paradis;11;Île-de-France;75;Paris;75110;Paris 10e Arrondissement;200054781;Métropole du Grand Paris\r\n'
    printf 'QN06902M;Les Buers Nord;84;Auvergne-Rhône-Alpes;69;Rhône;69266;Villeurbanne;200046977;Métropole de Lyon\r\n'
    printf 'QN09301M;Grand Quartier;11;Île-de-France;93;Seine-Saint-Denis;"93010; 93066";"Bondy; Saint-Denis";200054781;Métropole du Grand Paris\r\n'
} > "$tmp/listeqp2024-cog2024.csv"
carnet import territory --qpv "$tmp/listeqp2024-cog2024.csv"
expect_status 0 "carnet import territory --qpv"
expect_stderr_contains "2 territoires ajoutés, 1 mis à jour, 0 inchangé" "it says how many were added and updated, in French"
expect_eq "$(sql "$db" "select count(*) from territory")" "3" "one territory per QPV code"
expect_eq "$(sql "$db" "select name || '|' || city from territory where qpv_code='QN06902M'")" \
    "Les Buers Nord|Villeurbanne" "the known code is updated with the file's name"
expect_eq "$(sql "$db" "select city from territory where qpv_code='QN09301M'")" "Bondy; Saint-Denis" \
    "a QPV over two communes names both"
expect_eq "$(sql "$db" "select name from territory where qpv_code='QN07501M'")" "Porte Saint-Denis - Paradis" "a new QPV"

# Again: nothing changes; a code not in the file is never deleted.
carnet_ok add territory name="Hors liste" qpv_code=QN99999X
carnet import territory --qpv "$tmp/listeqp2024-cog2024.csv"
expect_status 0 "the same list again"
expect_stderr_contains "0 territoire ajouté, 0 mis à jour, 3 inchangés" "a second import changes nothing"
expect_eq "$(sql "$db" "select count(*) from territory where deleted=0")" "4" "the territory not in the list stays"

# All or nothing: a line without its code refuses the whole file.
before=$(store_digest "$db")
{
    printf '%s\r\n' "$hdr"
    printf 'QN01301M;Nouveau quartier;93;Provence;13;Bouches-du-Rhône;13201;Marseille 1er;200054807;Aix-Marseille\r\n'
    printf ';Sans code;93;Provence;13;Bouches-du-Rhône;13201;Marseille 1er;200054807;Aix-Marseille\r\n'
} > "$tmp/bad.csv"
carnet import territory --qpv "$tmp/bad.csv"
expect_status 1 "a line without code_qp"
expect_stderr_contains "ligne 3" "the message names the line"
expect_eq "$(store_digest "$db")" "$before" "nothing was imported"

# Not the list: said so.
carnet import territory --qpv "$tmp/comma.csv"
expect_status 1 "a file that is not the list of QPV"
expect_stderr_contains "code_qp" "the message names the missing columns"
carnet import initiative --qpv "$tmp/listeqp2024-cog2024.csv"
expect_status 2 "--qpv is for territories only"

finish
