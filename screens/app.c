/* The application shell: runs the screen stack on the store, routes the
 * section keys (1 Home ... 7 Sync, 8 Difficulties, 0 Administration) from anywhere, and
 * holds the small helpers every screen shares (dates per locale, values as
 * people read them, write permission, "something was written"). */
#include "screens/screens.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "model/format.h"
#include "model/query.h"
#include "model/sync.h"
#include "tui/dialog.h"
#include "tui/term.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* Weak while screens/governance.c is being written in parallel: a build
 * without it shows section 3 as not available instead of failing to link.
 * Harmless once it exists (the strong definition wins). */
#pragma weak governance_screen

static struct store *app_store;
static unsigned generation;
static char touched_id[37];

struct store *screens_store(void)
{
    return app_store;
}

void screens_touch(const char *id)
{
    generation++;
    snprintf(touched_id, sizeof touched_id, "%s", id ? id : "");
}

unsigned screens_generation(void)
{
    return generation;
}

const char *screens_touched_id(void)
{
    return touched_id;
}

static struct undo_log *undo_journal;

struct undo_log *screens_undo_log(void)
{
    return undo_journal;
}

int screens_undo(void)
{
    char id[37];
    enum undo_change what;
    int nfields;
    struct error err;
    error_clear(&err);
    int rc = undo_last(app_store, undo_journal, id, &what, &nfields, &err);
    if (rc == 1) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("Nothing to undo."));
        return TUI_REDRAW;
    }
    if (rc < 0) {
        screens_error_message(&err);
        return TUI_REDRAW;
    }
    screens_touch(id);
    struct record *r = record_load(app_store, id, &err);
    char *name = r ? record_title(app_store, r) : xstrdup(id);
    record_free(r);
    switch (what) {
    case UNDO_CHANGE_ADD:
        tui_screen_message(TUI_MSG_INFO, _("Undone: the adding of %s, now in the trash."), name);
        break;
    case UNDO_CHANGE_DELETE:
        tui_screen_message(TUI_MSG_INFO, _("Undone: the deletion of %s."), name);
        break;
    case UNDO_CHANGE_RESTORE:
        tui_screen_message(TUI_MSG_INFO, _("Undone: the restoring of %s, back in the trash."), name);
        break;
    default:
        tui_screen_message(TUI_MSG_INFO, ngettext("Undone: the edit of %s (%d field back).",
                                                  "Undone: the edit of %s (%d fields back).", nfields),
                           name, nfields);
        break;
    }
    free(name);
    return TUI_RELOAD;
}

static char *last_search;

const char *screens_last_search(void)
{
    return last_search;
}

void screens_set_last_search(const char *text)
{
    char *copy = text && *text ? xstrdup(text) : NULL;
    free(last_search);
    last_search = copy;
}

int screens_list_find(struct tui_listview *lv, int action)
{
    if (action == TUI_ACT_SEARCH) {
        char *text = tui_dialog_prompt(_("Search:"), NULL, NULL, 0);
        if (!text)
            return TUI_REDRAW;
        screens_set_last_search(text);
        free(text);
    } else if (action != TUI_ACT_SEARCH_NEXT && action != TUI_ACT_SEARCH_PREV) {
        return TUI_PASS;
    }
    if (!last_search) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("Search first with /"));
        return TUI_REDRAW;
    }
    bool wrapped;
    int dir = action == TUI_ACT_SEARCH ? 0 : action == TUI_ACT_SEARCH_NEXT ? +1 : -1;
    int rc = tui_listview_find(lv, last_search, dir, &wrapped);
    if (rc == 0)
        tui_screen_message(TUI_MSG_INFO, _("No match for %s"), last_search);
    else if (rc > 0 && wrapped)
        tui_screen_message(TUI_MSG_INFO, "%s", _("Search wrapped around"));
    return TUI_REDRAW;
}

static char *hint_text;

const char *screens_hint(const struct tui_keymap *km, const int *actions, size_t n)
{
    const struct tui_keymap *maps[] = {km, &tui_keymap_global};
    free(hint_text);
    hint_text = tui_keymap_hint(maps, 2, actions, n, false);
    return hint_text;
}

const char *screens_hint_words(const struct tui_keymap *km, const struct screens_hint_word *items, size_t n)
{
    int *actions = xcalloc(n ? n : 1, sizeof *actions);
    const char **words = xcalloc(n ? n : 1, sizeof *words);
    for (size_t i = 0; i < n; i++)
        actions[i] = items[i].action, words[i] = items[i].word;
    const struct tui_keymap *maps[] = {km, &tui_keymap_global};
    free(hint_text);
    hint_text = tui_keymap_hint_words(maps, 2, actions, words, n, false);
    free(actions);
    free(words);
    return hint_text;
}

/* ---- Values as people read them --------------------------------------- */

bool screens_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

struct record *screens_member(void)
{
    struct query q;
    struct record *m = NULL;
    struct error err;
    error_clear(&err);
    query_init(&q, kind_find("member"));
    if (query_where_add(&q, "login", store_login(app_store), &err) == 0)
        m = query_first(app_store, &q, &err);
    return m;
}

bool screens_may_write(const struct kind *k, bool say)
{
    struct error err;
    error_clear(&err);
    if (store_readonly(app_store)) {
        if (say) {
            const char *why = store_readonly_reason(app_store);
            tui_screen_message(TUI_MSG_ERROR, "%s", why ? why : _("This store is open read-only."));
        }
        return false;
    }
    if (store_may_write(app_store, k ? k->name : NULL, &err) != 0) {
        if (say)
            tui_screen_message(TUI_MSG_ERROR, "%s", err.msg);
        return false;
    }
    return true;
}

void screens_error_message(const struct error *err)
{
    switch (err->code) {
    case ERR_FULL:
        tui_screen_message(TUI_MSG_ERROR, "%s", _("The disk is full: nothing was saved. Free some space and save again."));
        return;
    case ERR_BUSY:
        tui_screen_message(TUI_MSG_ERROR, "%s", _("The store is busy: nothing was saved. Save again in a moment."));
        return;
    case ERR_READONLY:
        tui_screen_message(TUI_MSG_ERROR, "%s", _("This store is open read-only: nothing was saved."));
        return;
    default: {
        size_t len = strcspn(err->msg, "\n");
        tui_screen_message(TUI_MSG_ERROR, "%.*s", (int)len, err->msg);
    }
    }
}

/* ---- Changes waiting to be sent ------------------------------------------ */

static const char *sync_counter_extra(void *ctx)
{
    (void)ctx;
    return screens_sync_counter();
}

const char *screens_sync_counter(void)
{
    /* Counted again after a write of this process, else at most once a
     * second (writes of other processes): the count walks row_seq indexes. */
    static char text[48];
    static unsigned seen_gen;
    static time_t seen_at;
    time_t now = time(NULL);
    if (seen_at && seen_gen == generation && seen_at == now)
        return text;
    seen_gen = generation;
    seen_at = now;
    text[0] = '\0';
    struct sync_peer_info *p;
    int n;
    struct error err;
    error_clear(&err);
    if (app_store && sync_peers(app_store, &p, &n, &err) == 0) {
        if (n)
            snprintf(text, sizeof text, _("%ld to send"), sync_waiting(app_store));
        sync_peers_free(p, n);
    }
    return text;
}

/* ---- Sections whose issue has not landed -------------------------------- */

struct pending_state {
    const char *section;    /* N_() name */
};

static int pending_open(void *state, void *arg)
{
    struct pending_state *p = state;
    p->section = arg;
    return 0;
}

static void pending_draw(void *state)
{
    struct pending_state *p = state;
    struct tui_rect a = tui_screen_area();
    tui_draw_text(a.y, a.x, a.w, _(p->section), TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    size_t n;
    char **lines = tui_text_wrap(_("This section is not available yet in this version of carnet. "
                                   "Press 1 for Home or q to go back."),
                                 (size_t)(a.w > 4 ? a.w - 4 : 1), &n);
    for (size_t i = 0; i < n && (int)i + 2 < a.h; i++)
        tui_draw_text(a.y + 2 + (int)i, a.x + 2, a.w - 2, lines[i], TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
    tui_text_lines_free(lines, n);
    tui_draw_cursor(a.y + 2, a.x + 2);
}

static int pending_handle(void *state, int action, int key)
{
    (void)state, (void)action, (void)key;
    return TUI_PASS;
}

static const struct tui_screen_ops pending_screen = {
    .name = N_("Not available yet"), .state_size = sizeof(struct pending_state),
    .open = pending_open, .draw = pending_draw, .handle = pending_handle,
};

/* ---- The application ----------------------------------------------------- */

static const char *const section_names[10] = {
    N_("Administration"), N_("Home"), N_("Initiatives"), N_("Governance"), N_("Actions"),
    N_("Browse"), N_("Dashboard"), N_("Sync"), N_("Difficulties"), NULL,
};

const char *screens_section_name(int n)
{
    return n >= 0 && n < 10 && section_names[n] ? _(section_names[n]) : "";
}

static int go_section(int n)
{
    switch (n) {
    case 1:
        tui_screen_reset(&home_screen, NULL);
        return TUI_RELAYOUT;
    case 2:
    case 4:
    case 8: {
        struct records_arg a = {.kind = kind_find(n == 2 ? "initiative" : n == 4 ? "action" : "difficulty")};
        tui_screen_reset(&records_screen, &a);
        return TUI_RELAYOUT;
    }
    case 3:
        if (&governance_screen != NULL)
            tui_screen_reset(&governance_screen, NULL);
        else
            tui_screen_reset(&pending_screen, (void *)section_names[n]);
        return TUI_RELAYOUT;
    case 5:
        tui_screen_reset(&browse_screen, NULL);
        return TUI_RELAYOUT;
    case 6:
        tui_screen_reset(&dashboard_screen, NULL);
        return TUI_RELAYOUT;
    case 7:
        tui_screen_reset(&sync_screen, NULL);
        return TUI_RELAYOUT;
    case 0:
        tui_screen_reset(&admin_screen, NULL);
        return TUI_RELAYOUT;
    default:
        return TUI_PASS;
    }
}

/* The sections by name at ":", in English and in French. (":report" is an
 * action: the Dashboard writes its year and centre, other screens leave it
 * to app_handle.) */
static const struct {
    const char *name;
    int section;
} section_commands[] = {
    {"home", 1}, {"accueil", 1}, {"initiatives", 2}, {"governance", 3}, {"gouvernance", 3},
    {"actions", 4}, {"browse", 5}, {"parcourir", 5}, {"dashboard", 6}, {"tableau-de-bord", 6},
    {"sync", 7}, {"synchroniser", 7}, {"admin", 0}, {"administration", 0},
};
#define NSECTION_COMMANDS (sizeof section_commands / sizeof section_commands[0])

static int app_handle(void *ctx, int action, int key)
{
    (void)ctx, (void)key;
    if (action == TUI_ACT_COMMAND) {
        const char *cmd = tui_screen_command();
        for (size_t i = 0; cmd && i < NSECTION_COMMANDS; i++)
            if (strcmp(section_commands[i].name, cmd) == 0)
                return go_section(section_commands[i].section);
        return TUI_PASS;
    }
    if (action == TUI_ACT_REPORT) {        /* from a screen without a year of its own: this one */
        char today[11];
        store_today(today);
        return screens_report(atoi(today), NULL, NULL);
    }
    int n = tui_action_section(action);
    return n >= 0 ? go_section(n) : TUI_PASS;
}

bool screens_confirm_new_store(const char *path)
{
    tui_init();
    char *question = xasprintf(_("There is no store at %s. Create a new, empty store there?"), path);
    bool yes = tui_dialog_confirm(question, false);
    free(question);
    if (!yes)
        tui_end();
    return yes;
}

void screens_end(void)
{
    tui_end();
}

/* The SCREEN words of the keys file: the ids of the keymaps. */
static const char *const keymap_ids[] = {
    "global", "list", "form", "dialog", "picker", "record", "browse", "governance", "body",
    "dashboard", "sync", "admin",
};

/* $XDG_CONFIG_HOME/carnet/keys, else ~/.config/carnet/keys. A bad line is
 * said on the status bar of the first screen; its keys keep their defaults. */
static void load_keys(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char *path = xdg && *xdg ? xasprintf("%s/carnet/keys", xdg)
               : home && *home ? xasprintf("%s/.config/carnet/keys", home) : NULL;
    if (!path)
        return;
    char *report = NULL;
    int bad = tui_keymap_load_user(path, keymap_ids, sizeof keymap_ids / sizeof *keymap_ids, &report);
    if (bad > 0) {
        size_t first = strcspn(report, "\n");
        tui_screen_message(TUI_MSG_ERROR, ngettext("Keys file, %.*s. The default stays for that key.",
                                                   "Keys file, %.*s. The defaults stay for the %d bad lines.", bad),
                           (int)first, report, bad);
    }
    free(report);
    free(path);
}

int screens_run(struct store *s)
{
    app_store = s;
    const char *labels[10];
    for (int i = 0; i < 10; i++)
        labels[i] = section_names[i] ? _(section_names[i]) : NULL;
    const char *commands[NSECTION_COMMANDS];
    for (size_t i = 0; i < NSECTION_COMMANDS; i++)
        commands[i] = section_commands[i].name;
    struct tui_app app = {
        .handle = app_handle, .section_labels = labels, .root = &home_screen, .min_lines = 6, .min_cols = 20,
        .status_extra = sync_counter_extra, .commands = commands, .ncommands = NSECTION_COMMANDS,
    };
    tui_init();
    /* Takes the reference version now, so that only later commits by other
     * processes count as changes. */
    store_data_changed(s);
    if (store_readonly(s)) {
        const char *why = store_readonly_reason(s);
        tui_screen_message(TUI_MSG_INFO, _("Read-only: %s"), why ? why : _("changes cannot be saved"));
    }
    load_keys();
    undo_journal = undo_log_new();
    int rc = tui_screen_run(&app, &home_screen, NULL);
    undo_log_free(undo_journal);
    undo_journal = NULL;
    tui_keymap_free_user();
    screens_set_last_search(NULL);
    free(hint_text);
    hint_text = NULL;
    tui_end();
    app_store = NULL;
    return rc < 0 ? 1 : 0;
}
