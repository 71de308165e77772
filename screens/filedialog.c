/* Writing a file from a screen (the report dialog, the Browse export): one
 * small form over the screen asks the format and the file, in the
 * documents folder by default; the extension follows the format; a file is
 * never replaced without asking (No first); a folder that cannot take the
 * file keeps the dialog open with what was typed; the caller shows the
 * whole path of what was written. What the file holds is the caller's. */
#include "screens/screens.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "util/i18n.h"
#include "util/outfile.h"
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

struct file_dialog {
    const struct screens_file_dialog *d;
    char *written;              /* the file written, once it is */
};

char *screens_file_name_part(const char *name)
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

/* The file offered: the documents folder (else the current one), base and
 * the extension of the first format. */
static char *default_path(const char *base, const char *ext)
{
    char *dir = userdirs_documents();
    if (strcmp(dir, ".") == 0) {
        char *cwd = getcwd(NULL, 0);
        if (cwd) {
            free(dir);
            dir = cwd;
        }
    }
    char *path = xasprintf("%s%s%s.%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", base, ext);
    free(dir);
    return path;
}

static size_t chosen_format(const struct screens_file_dialog *d, struct tui_form *f)
{
    char *code = tui_form_value(f, F_FORMAT);
    size_t i = 0;
    while (i < d->nformats && strcmp(d->formats[i].name, code) != 0)
        i++;
    free(code);
    return i < d->nformats ? i : 0;
}

/* The file's extension follows the format, when it is one of the formats'
 * (or there is none): a name the user gave another extension keeps it. */
static void format_changed(void *ctx, struct tui_form *f, size_t i)
{
    const struct screens_file_dialog *d = ((struct file_dialog *)ctx)->d;
    if (i != F_FORMAT)
        return;
    char *path = tui_form_value(f, F_PATH);
    char *slash = strrchr(path, '/');
    char *base = slash ? slash + 1 : path;
    char *dot = strrchr(base, '.');
    bool ours = !dot || dot == base;
    for (size_t k = 0; dot && dot != base && k < d->nformats; k++)
        ours = ours || strcmp(dot + 1, d->formats[k].ext) == 0;
    if (ours && *base) {
        if (dot && dot != base)
            *dot = '\0';
        char *next = xasprintf("%s.%s", path, d->formats[chosen_format(d, f)].ext);
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

static bool write_file(struct file_dialog *fd, struct tui_form *f, const char *path)
{
    const struct screens_file_dialog *d = fd->d;
    struct store *s = screens_store();
    struct error err;
    error_clear(&err);
    struct strbuf b;
    strbuf_init(&b);
    if (!d->make(d->ctx, chosen_format(d, f), &b, &err)) {
        tui_dialog_message(d->failed_title, err.msg);
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
        tui_dialog_message(d->unwritten_title, file.error);
        return false;
    }
    char *real = realpath(path, NULL);
    fd->written = real ? real : xstrdup(path);
    return true;
}

static bool submit(void *ctx, struct tui_form *f)
{
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
        done = write_file(ctx, f, path);
    free(path);
    return done;
}

char *screens_file_dialog(const struct screens_file_dialog *d)
{
    struct tui_choice choices[SCREENS_FILE_FORMATS];
    size_t n = d->nformats < SCREENS_FILE_FORMATS ? d->nformats : SCREENS_FILE_FORMATS;
    for (size_t i = 0; i < n; i++)
        choices[i] = (struct tui_choice){d->formats[i].name, d->formats[i].label};
    const struct tui_field_desc fields[NFIELDS] = {
        [F_FORMAT] = {.label = N_("Format"), .kind = TUI_FIELD_CHOICE, .choices = choices, .nchoices = n},
        [F_PATH] = {.label = N_("File"), .kind = TUI_FIELD_TEXT, .required = true, .tail = true},
    };
    struct tui_form *f = tui_form_new(d->title, fields, NFIELDS);
    char *path = default_path(d->base, d->formats[0].ext);
    tui_form_set_value(f, F_FORMAT, d->formats[0].name);
    tui_form_set_value(f, F_PATH, path);
    free(path);
    struct file_dialog fd = {d, NULL};
    /* TRANSLATORS: what Enter does in the dialog that writes a file. */
    if (!tui_dialog_form(f, _("write"), submit, format_changed, &fd)) {
        free(fd.written);
        fd.written = NULL;
    }
    tui_form_free(f);
    return fd.written;
}
