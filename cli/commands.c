/* The table of commands: name, usage, summary and options, which also make
 * carnet --help and carnet COMMAND --help. */
#include "cli/cli.h"
#include "util/i18n.h"

int cmd_add(struct cli *c);
int cmd_edit(struct cli *c);
int cmd_show(struct cli *c);
int cmd_list(struct cli *c);
int cmd_search(struct cli *c);
int cmd_delete(struct cli *c);
int cmd_restore(struct cli *c);
int cmd_erase(struct cli *c);
int cmd_history(struct cli *c);
int cmd_export(struct cli *c);
int cmd_import(struct cli *c);
int cmd_demo(struct cli *c);
int cmd_init(struct cli *c);
int cmd_open(struct cli *c);
int cmd_summary(struct cli *c);
int cmd_check(struct cli *c);
int cmd_backup(struct cli *c);
int cmd_member(struct cli *c);
int cmd_sync(struct cli *c);
int cmd_clone(struct cli *c);
int cmd_hub(struct cli *c);
int cmd_report(struct cli *c);
int cmd_browse(struct cli *c);

#define LIST_OPTIONS \
    N_("  --where FIELD=VALUE  only records whose field has this value (repeatable;\n" \
       "                       for themes and criteria: records that include the code)\n" \
       "  --from DATE, --to DATE  only records dated within (YYYY-MM-DD, inclusive)\n" \
       "  --sort FIELD         order by this field; --asc or --desc for the direction\n" \
       "  --trash              records in the trash; --all: live and in the trash\n")

const struct command cli_commands[] = {
    {"init", cmd_init, "[--shared DIR --group G] [--name NAME] [--centre NAME]",
     N_("Create a new store; you become its administrator."),
     N_("  --name NAME    the store's display name (e.g. the centre's name)\n"
        "  --centre NAME  create your centre and attach you to it (asked in a terminal)\n"
        "  --shared DIR   a store for several Unix users: DIR/carnet.db in a setgid folder\n"
        "                 (mode 2770, files 0660) of the group given by --group G")},
    {"demo", cmd_demo, "[--records N] [--seed S]", N_("Add realistic French demo data (the same for the same seed)."),
     N_("  --records N    how many log records (default 2000)\n  --seed S       the seed (default 1)")},
    {"add", cmd_add, "KIND field=value...", N_("Add a record and print its id."),
     N_("  KIND is one of: territory, centre, member, body, seat, person, criterion, theme,\n"
        "  initiative, meeting, attendance, action, difficulty. References take an id or a name;\n"
        "  sets take comma-separated codes; dates YYYY-MM-DD or DD/MM/YYYY; yes/no as 1/0.\n"
        "  A field left out takes the form's default (today, idea, open, your centre).")},
    {"edit", cmd_edit, "ID field=value...", N_("Change fields of a record (field= empties a field)."), NULL},
    {"show", cmd_show, "ID [--format text|json]", N_("Show one record."), NULL},
    {"list", cmd_list, "KIND [options] [--limit N] [--after ID] [--format table|csv|json]",
     N_("List records, newest first (names in alphabetical order)."), LIST_OPTIONS},
    {"search", cmd_search, "WORDS... [--kind KIND] [--limit N] [--format table|csv|json]",
     N_("Full-text search; accents and case do not matter."), NULL},
    {"delete", cmd_delete, "ID", N_("Put a record in the trash (carnet restore brings it back)."), NULL},
    {"restore", cmd_restore, "ID", N_("Bring a record back from the trash."), NULL},
    {"erase", cmd_erase, "ID [--yes]", N_("Erase a record's personal data and notes for good (and delete it)."), NULL},
    {"history", cmd_history, "ID", N_("Show who changed what in a record, and when."), NULL},
    {"export", cmd_export, "[KIND] [options] [--format csv|json|xlsx] [-o FILE|DIR]",
     N_("Export records as CSV or JSON (all kinds: JSON, or CSV files in a folder), or one kind as an xlsx workbook of labels for a spreadsheet."),
     LIST_OPTIONS},
    {"import", cmd_import, "KIND FILE.csv | territory --qpv FILE.csv", N_("Import records from CSV: all rows or none; ids update records."), NULL},
    {"browse", cmd_browse, "[--where FILTER=VALUE]... [--search TEXT] [--limit N] [--count-by FIELD] [--format table|csv|json]",
     N_("Every logbook in one timeline, newest first (the Browse screen)."),
     N_("  --where F=V    filters: from, to (dates), logbook (kinds, comma-separated), centre,\n"
        "                 territory, qpv (1 or 0), facilitator (login), theme, criterion, status, body\n"
        "  --search TEXT  only records matching TEXT (accents optional)\n"
        "  --limit N      at most N records (default 50; 0: all)\n"
        "  --count-by F   the number of records per value of field F instead (logbook: per kind)")},
    {"report", cmd_report,
     "[--year Y] [--compare Y|none] [--centre C] [--dataset ID] [--format text|markdown|csv|html|xlsx] [-o FILE]",
     N_("The yearly report for funders: initiatives, governance, actions, difficulties."),
     N_("  --year Y       the calendar year (default: this year)\n"
        "  --compare Y    the year each figure is compared with (default: the year before; none: no comparison)\n"
        "  --centre C     one centre (a name or an id; default: every centre)\n"
        "  --format F     text (default), markdown, csv (section,indicator,item,label,value,unit,previous,change)\n"
        "                 html (a printable document with charts) or xlsx (a workbook)\n"
        "  -o FILE        write to FILE instead of the standard output\n"
        "  --db URI       of a federation hub (postgresql://...): its report, computed by the hub, for every\n"
        "                 centre the role may read; --dataset ID: one dataset only\n"
        "  CARNET_TODAY   a date (YYYY-MM-DD) to use as today: the production date and \"past due\"")},
    {"summary", cmd_summary, "", N_("Show the store's name, your role and how many records it holds."), NULL},
    {"check", cmd_check, "", N_("Check the store: file integrity, schema, references, permissions."), NULL},
    {"backup", cmd_backup, "FILE", N_("Write a consistent copy of the store to FILE, even while in use."), NULL},
    {"member", cmd_member, "add LOGIN --role ROLE [--name NAME] | list | set-role LOGIN ROLE | remove LOGIN",
     N_("Manage who may use the store (roles: facilitator, manager, admin)."), NULL},
    {"sync", cmd_sync, "PEER | --serve PATH | --conflicts [tsv] | --peers",
     N_("Sync both ways with another replica: a store file, [user@]host:PATH over ssh, or a hub."),
     N_("  PEER           another store file (e.g. on a USB stick), or [user@]host:PATH,\n"
        "                 reached with: ssh -T -o BatchMode=yes -- host carnet sync --serve=PATH\n"
        "                 or a hub: postgresql://..., postgres://... or service=NAME\n"
        "                 (host:postgresql://... runs the hub's side on its host through ssh)\n"
        "  --serve PATH   speak the sync protocol on stdin/stdout for the store PATH\n"
        "  --batch N      rows per batch (default 500)\n"
        "  --conflicts    list the values that lost a concurrent edit (kept for review), in words\n"
        "  --conflicts tsv  the same for scripts, tab-separated: id, time (UTC), kind, record id,\n"
        "                 field, value that lost, value kept (codes and stored values)\n"
        "  --peers        list the known peers, their last sync and the changes they have not received\n"
        "  CARNET_SSH     the ssh command to use (split on spaces), e.g. \"ssh -p 2222\"\n"
        "  CARNET_REMOTE  the carnet command on the remote host (default: carnet)")},
    {"clone", cmd_clone, "PEER PATH [--dataset ID | --centre NAME]",
     N_("Make a new replica of a store (a file or [user@]host:PATH) at PATH."),
     N_("  --dataset ID   from a hub (which holds many datasets): the dataset to clone,\n"
        "                 as carnet hub status URI lists them\n"
        "  --centre NAME  from a hub's postgresql:// address: the dataset of that centre")},
    {"hub", cmd_hub,
     "init URI | status URI | sync URI_A URI_B | grant URI ROLE --dataset ID... [--write] | revoke URI ROLE "
     "[--dataset ID...]",
     N_("Set up and watch a federation hub: a PostgreSQL database that centres sync with."),
     N_("  init URI       create the hub's schema in the PostgreSQL database URI, or upgrade it\n"
        "  status URI     its datasets, their centres and records, each peer's last sync and\n"
        "                 the changes it has not received\n"
        "  sync URI_A URI_B every dataset of hub A synced both ways with hub B (a region's\n"
        "                 hub with the nation's): clocks unchanged, again or B to A changes nothing\n"
        "  grant URI ROLE the PostgreSQL role ROLE may read these datasets, and write none:\n"
        "    --dataset ID   a dataset (again for each), as hub status lists them\n"
        "    --centre NAME  the dataset of that centre\n"
        "    --all-datasets every dataset, for a federation-wide reader\n"
        "    --write        sync them instead (read and write), and no other dataset\n"
        "  revoke URI ROLE take back what grant gave ROLE, for --dataset ID or --centre NAME, or\n"
        "                 everything (--all-datasets, or nothing said)\n"
        "  URI            postgresql://[user@]host/database[?sslmode=...], postgres://..., or\n"
        "                 service=NAME; passwords from ~/.pgpass, PGPASSWORD or the service file")},
    {"open", cmd_open, "", N_("Open the store (what carnet does without a command)."), NULL},
    {NULL, NULL, NULL, NULL, NULL},
};
