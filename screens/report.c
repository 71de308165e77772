/* The report dialog: the yearly report of model/report.h written to a file
 * from inside the application, by the Dashboard's report key (its year and
 * centre) or by ":report" from any screen (this year, every centre). The
 * format and the file are asked in one small form over the screen; a file
 * is never replaced without asking, a folder that cannot take it keeps the
 * dialog open with what was typed, and the whole path is shown at the end. */
#include "screens/screens.h"
#include "model/format.h"
#include "model/report.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/strbuf.h"
#include "util/userdirs.h"
#include "util/utf8.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wctype.h>

enum { F_FORMAT, F_PATH, NFIELDS };

struct report_dialog {
    int year;
    const char *centre;         /* a centre id, or NULL for every centre */
    char *written;              /* the file written, once it is */
};

/* The centre's name as a file name part: lower case, words joined by
 * hyphens, letters with their accents ("Centre social Les Épis" gives
 * "centre-social-les-épis"). */
static char *name_part(const char *name)
{
    struct strbuf b;
    strbuf_init(&b);
    size_t len = strlen(name);
    for (size_t i = 0; i < len && b.len < 48;) {
        uint32_t cp;
        int n = utf8_decode(name + i, len - i, &cp);
        i += n > 0 ? (size_t)n : 1;
        char enc[4];
        int k = n > 0 && iswalnum((wint_t)cp) ? utf8_encode((uint32_t)towlower((wint_t)cp), enc) : 0;
        if (k > 0)
            strbuf_add(&b, enc, (size_t)k);
        else if (b.len && b.s[b.len - 1] != '-')
            strbuf_addc(&b, '-');
    }
    while (b.len && b.s[b.len - 1] == '-')
        b.s[--b.len] = '\0';
    return strbuf_detach(&b);
}

/* The file offered: the documents folder, then "bilan-2026" in French
 * ("report-2026" in English), the centre's name when there is one, and the
 * extension of the format. */
static char *default_path(int year, const char *centre_name, const char *ext)
{
    char *dir = userdirs_documents();
    if (strcmp(dir, ".") == 0) {
        char *cwd = getcwd(NULL, 0);
        if (cwd) {
            free(dir);
            dir = cwd;
        }
    }
    /* TRANSLATORS: the name of the report's file, before its extension; no
     * spaces or slashes. */
    char *base = xasprintf(_("report-%d"), year);
    char *part = centre_name ? name_part(centre_name) : xstrdup("");
    char *path = xasprintf("%s%s%s%s%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", base, *part ? "-" : "",
                           part, ext);
    free(part);
    free(base);
    free(dir);
    return path;
}

static const struct report_format_desc *chosen_format(struct tui_form *f)
{
    char *code = tui_form_value(f, F_FORMAT);
    const struct report_format_desc *d = report_format_by_name(code);
    free(code);
    return d ? d : &report_formats[0];
}

/* The file's extension follows the format, when it is one of the formats'
 * (or there is none): a name the user gave another extension keeps it. */
static void format_changed(void *ctx, struct tui_form *f, size_t i)
{
    (void)ctx;
    if (i != F_FORMAT)
        return;
    char *path = tui_form_value(f, F_PATH);
    char *slash = strrchr(path, '/');
    char *base = slash ? slash + 1 : path;
    char *dot = strrchr(base, '.');
    bool ours = !dot || dot == base;
    for (size_t k = 0; dot && dot != base && k < report_nformats; k++)
        ours = ours || strcmp(dot + 1, report_formats[k].ext) == 0;
    if (ours && *base) {
        if (dot && dot != base)
            *dot = '\0';
        char *next = xasprintf("%s.%s", path, chosen_format(f)->ext);
        tui_form_set_value(f, F_PATH, next);
        free(next);
    }
    free(path);
}

/* What was typed, with a leading ~/ for the home folder. */
static char *typed_path(struct tui_form *f)
{
    char *p = tui_form_value(f, F_PATH);
    const char *home = getenv("HOME");
    if (p[0] == '~' && (p[1] == '/' || !p[1]) && home && *home) {
        char *full = xasprintf("%s%s", home, p + 1);
        free(p);
        p = full;
    }
    return p;
}

/* Why the folder of path cannot take a new file (a sentence short enough
 * for the line under the field, which shows the path above it), or NULL. */
static const char *folder_problem(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash == path ? xstrdup("/") : slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    struct stat st;
    const char *why = NULL;
    if (stat(dir, &st) != 0)
        why = errno == ENOENT || errno == ENOTDIR ? _("This folder does not exist: choose another one.")
                                                  : _("This folder cannot be read: choose another one.");
    else if (!S_ISDIR(st.st_mode))
        why = _("This folder is a file: choose another folder.");
    else if (access(dir, W_OK | X_OK) != 0)
        why = _("You may not write in this folder: choose another one.");
    free(dir);
    return why;
}

static bool write_file(struct report_dialog *d, struct tui_form *f, const char *path)
{
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    struct report_opts o = {.year = d->year, .centre = d->centre, .format = chosen_format(f)->format,
                            .label_column = format_label_column()};
    struct strbuf b;
    strbuf_init(&b);
    if (report_write(s, &o, &b, &err) != 0) {
        tui_dialog_message(_("The report could not be made"), err.msg);
        strbuf_free(&b);
        return false;
    }
    struct outfile file;
    bool ok = outfile_open(&file, path, store_path(s)) == 0;
    if (ok) {
        fwrite(b.s, 1, b.len, file.f);
        ok = outfile_commit(&file, store_path(s)) == 0;
    }
    strbuf_free(&b);
    if (!ok) {
        tui_form_set_error(f, F_PATH, _("This file cannot be written: choose another name."));
        tui_dialog_message(_("The report was not written"), file.error);
        return false;
    }
    char *real = realpath(path, NULL);
    d->written = real ? real : xstrdup(path);
    return true;
}

static bool submit(void *ctx, struct tui_form *f)
{
    struct report_dialog *d = ctx;
    char *path = typed_path(f);
    const char *why = NULL;
    struct stat st;
    if (path[strlen(path) - 1] == '/')
        why = _("Give the name of the file after the folder.");
    else if ((why = folder_problem(path)) != NULL)
        ;
    else if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        why = _("This is a folder: give the name of a file in it.");
    else if (stat(path, &st) == 0) {
        char *q = xasprintf(_("%s already exists. Replace it?"), path);
        bool yes = tui_dialog_confirm(q, false);
        free(q);
        if (!yes)
            why = _("This file exists: choose another name, or replace it.");
    }
    bool done = false;
    if (why)
        tui_form_set_error(f, F_PATH, why);
    else
        done = write_file(d, f, path);
    free(path);
    return done;
}

int screens_report(int year, const char *centre_id, const char *centre_name)
{
    struct tui_choice choices[8];
    size_t n = report_nformats < 8 ? report_nformats : 8;
    for (size_t i = 0; i < n; i++)
        choices[i] = (struct tui_choice){report_formats[i].name, report_formats[i].label};
    const struct tui_field_desc fields[NFIELDS] = {
        [F_FORMAT] = {.label = N_("Format"), .kind = TUI_FIELD_CHOICE, .choices = choices, .nchoices = n},
        [F_PATH] = {.label = N_("File"), .kind = TUI_FIELD_TEXT, .required = true, .tail = true},
    };
    char *title = xasprintf(_("The report of %d — %s"), year, centre_name ? centre_name : _("All centres"));
    struct tui_form *f = tui_form_new(title, fields, NFIELDS);
    free(title);
    char *path = default_path(year, centre_name, report_formats[0].ext);
    tui_form_set_value(f, F_FORMAT, report_formats[0].name);
    tui_form_set_value(f, F_PATH, path);
    free(path);
    struct report_dialog d = {year, centre_id, NULL};
    /* TRANSLATORS: what Enter does in the report dialog. */
    if (tui_dialog_form(f, _("write"), submit, format_changed, &d)) {
        char *text = xasprintf(_("The report is in:\n%s"), d.written);
        tui_dialog_message(_("Report written"), text);
        free(text);
    }
    free(d.written);
    tui_form_free(f);
    return TUI_REDRAW;
}
