/* Sync (section 7): the peers this store knows (address, last sync, changes
 * waiting for each), a sync with one of them or with a new one typed in, its
 * summary, and the review list of the conflicts the syncs resolved, where
 * the value that lost can be taken after all or the conflict dismissed. */
#include "screens/screens.h"
#include "model/format.h"
#include "model/hub.h"
#include "model/peer.h"
#include "model/sync.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/listview.h"
#include "util/i18n.h"
#include "util/numdate.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define INFO_LINES 5
#define PEER_COLS 3
#define CONFLICT_COLS 6

/* Rows built on each reload and served to a list by index: peers and
 * conflicts are a few dozen rows, never a table to page through. */
struct table {
    char **keys;
    char ***cells;
    size_t n, ncols;
};

struct sync_state {
    struct table peers, conflicts;
    struct tui_listview *peer_lv, *conflict_lv;
    bool show_conflicts;
    char *info[INFO_LINES];     /* the last sync's summary, or a message */
    int info_style;
    struct tui_rect area;
    unsigned gen;
    char *pos;
};

static const struct tui_list_column peer_cols[PEER_COLS] = {
    {N_("Peer"), 0, 1, TUI_ALIGN_LEFT},
    {N_("Last sync"), 17, 0, TUI_ALIGN_LEFT},
    {N_("Waiting"), 10, 0, TUI_ALIGN_RIGHT},
};
static const struct tui_list_column conflict_cols[CONFLICT_COLS] = {
    {N_("Kind"), 0, 2, TUI_ALIGN_LEFT},   {N_("Record"), 0, 3, TUI_ALIGN_LEFT},
    {N_("Field"), 0, 2, TUI_ALIGN_LEFT},  {N_("Value that lost"), 0, 4, TUI_ALIGN_LEFT},
    {N_("Value kept"), 0, 4, TUI_ALIGN_LEFT}, {N_("When"), 17, 0, TUI_ALIGN_LEFT},
};

static const struct tui_keybind peer_binds[] = {
    {TUI_ACT_OPEN, "ENTER s"}, {TUI_ACT_ADD, "a"}, {TUI_ACT_SEARCH, "/"},
    {TUI_ACT_SEARCH_NEXT, "n"}, {TUI_ACT_SEARCH_PREV, "N"}, {TUI_ACT_CONFLICTS, "c"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
static const struct tui_keybind conflict_binds[] = {
    {TUI_ACT_OPEN, "ENTER t"}, {TUI_ACT_DELETE, "d DEL"}, {TUI_ACT_CONFLICTS, "c"}, TUI_LIST_COLUMN_KEYS, {TUI_ACT_NONE, NULL},
};
/* Not const: draw() points it at the bindings of the list shown. */
static struct tui_keymap sync_keys = {N_("Sync"), peer_binds, "sync"};

/* ---- The in-memory list source ---------------------------------------- */

static void table_clear(struct table *t)
{
    for (size_t i = 0; i < t->n; i++) {
        for (size_t c = 0; c < t->ncols; c++)
            free(t->cells[i][c]);
        free(t->cells[i]);
        free(t->keys[i]);
    }
    free(t->cells);
    free(t->keys);
    t->cells = NULL;
    t->keys = NULL;
    t->n = 0;
}

/* Appends a row; takes the cells (malloc'd strings). */
static void table_add(struct table *t, const char *key, char **cells)
{
    t->keys = xrealloc(t->keys, (t->n + 1) * sizeof *t->keys);
    t->cells = xrealloc(t->cells, (t->n + 1) * sizeof *t->cells);
    t->keys[t->n] = xstrdup(key);
    t->cells[t->n] = cells;
    t->n++;
}

static int table_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    struct table *t = ctx;
    long at = -1;
    for (size_t i = 0; anchor && i < t->n; i++)
        if (strcmp(t->keys[i], anchor) == 0)
            at = (long)i;
    long i = at < 0 ? (dir < 0 ? (long)t->n - 1 : 0) : at + (dir > 0) - (dir < 0);
    int step = dir < 0 ? -1 : 1;
    size_t k = 0;
    for (; i >= 0 && i < (long)t->n && k < max; i += step, k++) {
        tui_list_row_init(&out[k], t->keys[i], t->ncols);
        for (size_t c = 0; c < t->ncols; c++)
            out[k].cells[c] = xstrdup(t->cells[i][c] ? t->cells[i][c] : "");
    }
    return (int)k;
}

static long table_count(void *ctx)
{
    return (long)((struct table *)ctx)->n;
}

/* ---- What the rows show --------------------------------------------------- */

/* An ISO 8601 UTC time as the locale shows it, in local time: the date as
 * every screen shows dates, then hours and minutes. */
static char *when_text(const char *iso)
{
    int y, mo, d, h, mi, s;
    if (!iso || sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
        return xstrdup(iso ? iso : _("never"));
    /* Days since 1970 of a civil date (timegm is not POSIX). */
    long yy = y - (mo <= 2), era = (yy >= 0 ? yy : yy - 399) / 400, yoe = yy - era * 400;
    long doy = (153L * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
    long days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    time_t t = (time_t)(days * 86400L + h * 3600L + mi * 60L + s);
    struct tm tm;
    char day[11], shown[11];
    localtime_r(&t, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    numdate_date_display(day, shown);
    return xasprintf("%s %02d:%02d", shown, tm.tm_hour, tm.tm_min);
}

static void load_peers(struct sync_state *st)
{
    struct sync_peer_info *p;
    int n;
    struct error err;
    error_clear(&err);
    table_clear(&st->peers);
    st->peers.ncols = PEER_COLS;
    if (sync_peers(screens_store(), &p, &n, &err) != 0) {
        screens_error_message(&err);
        return;
    }
    for (int i = 0; i < n; i++) {
        char **cells = xcalloc(PEER_COLS, sizeof *cells);
        cells[0] = p[i].address ? xstrdup(p[i].address)
                                : xasprintf(_("site %.8s (address unknown)"), p[i].site_id);
        cells[1] = when_text(p[i].last_sync_at);
        cells[2] = xasprintf("%ld", p[i].waiting);
        table_add(&st->peers, p[i].site_id, cells);
    }
    sync_peers_free(p, n);
}

static void load_conflicts(struct sync_state *st)
{
    struct store *s = screens_store();
    struct sync_conflict *c;
    int n;
    struct error err;
    error_clear(&err);
    table_clear(&st->conflicts);
    st->conflicts.ncols = CONFLICT_COLS;
    if (sync_conflicts(s, 0, &c, &n, &err) != 0) {
        screens_error_message(&err);
        return;
    }
    for (int i = 0; i < n; i++) {
        char **cells = xcalloc(CONFLICT_COLS, sizeof *cells);
        struct record *r = record_load(s, c[i].rec_id, NULL);
        cells[0] = xstrdup(_(c[i].kind->label));
        cells[1] = r ? record_title(s, r) : format_missing_record(c[i].kind);
        cells[2] = xstrdup(_(c[i].field->label));
        cells[3] = format_value_text(s, c[i].field, c[i].losing_value);
        cells[4] = format_value_text(s, c[i].field, c[i].winning_value);
        cells[5] = when_text(c[i].at);
        record_free(r);
        char key[24];
        snprintf(key, sizeof key, "%lld", (long long)c[i].id);
        table_add(&st->conflicts, key, cells);
    }
    sync_conflicts_free(c, n);
}

static int sync_reload(void *state)
{
    struct sync_state *st = state;
    load_peers(st);
    load_conflicts(st);
    tui_listview_reload(st->peer_lv);
    tui_listview_reload(st->conflict_lv);
    return TUI_REDRAW;
}

/* ---- The summary panel ----------------------------------------------------- */

static void info_clear(struct sync_state *st)
{
    for (int i = 0; i < INFO_LINES; i++) {
        free(st->info[i]);
        st->info[i] = NULL;
    }
}

static char *kinds_text(const char *label, const long *counts, long total)
{
    struct strbuf b;
    strbuf_init(&b);
    strbuf_addf(&b, "%s ", label);
    if (!total)
        strbuf_adds(&b, _("nothing"));
    for (int i = 0, first = 1; kinds[i] && i < SYNC_KINDS_MAX; i++)
        if (counts[i]) {
            strbuf_addf(&b, "%s%ld %s", first ? "" : ", ", counts[i],
                        counts[i] == 1 ? _(kinds[i]->label) : _(kinds[i]->plural));
            first = 0;
        }
    return strbuf_detach(&b);
}

static void show_summary(struct sync_state *st, const char *peer, const struct sync_summary *sum)
{
    info_clear(st);
    st->info_style = TUI_C_NORMAL;
    st->info[0] = xasprintf(_("Synced with %s in %.2f s."), peer, sum->seconds);
    st->info[1] = kinds_text(_("Received:"), sum->received, sum->received_total);
    st->info[2] = kinds_text(_("Sent:"), sum->sent, sum->sent_total);
    if (sum->conflicts) {
        char *resolved = sync_conflicts_text(sum->conflicts);
        st->info[3] = xasprintf(_("%s: press c to review the values that lost."), resolved);
        free(resolved);
    } else {
        st->info[3] = xstrdup(_("No concurrent edit."));
    }
}

/* ---- Running a sync -------------------------------------------------------- */

struct progress {
    const char *peer;
};

/* The sync holds the screen loop: its progress goes straight to the status
 * line, and to the terminal at once. */
static void show_progress(const struct sync_summary *sum, void *ctx)
{
    struct progress *p = ctx;
    char *counts = sync_counts_text(sum ? sum->received_total : 0, sum ? sum->sent_total : 0);
    tui_draw_textf(LINES - 1, 0, COLS, tui_attr(TUI_C_STATUS), _("Syncing with %s... %s"), p->peer, counts);
    free(counts);
    refresh();
}

/* What ssh wrote on its stderr, without the trailing newline ("" when
 * nothing). The caller frees it. */
static char *slurp(FILE *f)
{
    struct strbuf b;
    strbuf_init(&b);
    char buf[512];
    size_t got;
    rewind(f);
    while (b.len < 4096 && (got = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_add(&b, buf, got);
    while (b.len && (b.s[b.len - 1] == '\n' || b.s[b.len - 1] == '\r'))
        b.s[--b.len] = '\0';
    return strbuf_detach(&b);
}

static int sync_remote(struct store *s, const struct peer *peer, const struct sync_opts *o,
                       struct sync_summary *sum, struct error *err, char **said)
{
    FILE *errf = tmpfile();
    if (!errf)
        return error_add(err, ERR_IO, _("cannot start ssh: %s"), strerror(errno));
    struct peer_proc proc;
    if (peer_ssh_start(peer, fileno(errf), &proc, err) != 0) {
        fclose(errf);
        return err->code;
    }
    /* A peer that goes away must be an error, not a signal that kills
     * carnet with the terminal in curses mode. */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old);
    int rc = sync_client(s, proc.in, proc.out, o, sum, err);
    rc = peer_ssh_end(&proc, rc, err);
    sigaction(SIGPIPE, &old, NULL);
    *said = slurp(errf);
    fclose(errf);
    return rc;
}

/* A file peer is synced in this process: both stores open here. */
static int sync_file(struct store *s, const char *peer, const struct sync_opts *o, struct sync_summary *sum,
                     struct error *err)
{
    struct store *other = store_open(peer, 0, err);
    if (!other)
        return err->code ? err->code : ERR_IO;
    int rc = sync_stores(s, other, o, sum, err);
    store_close(other);
    return rc;
}

static int run_sync(struct sync_state *st, const char *peer)
{
    struct store *s = screens_store();
    if (store_readonly(s)) {
        screens_may_write(NULL, true);
        return TUI_REDRAW;
    }
    struct sync_summary sum;
    struct error err;
    memset(&sum, 0, sizeof sum);
    error_clear(&err);
    struct peer pp;
    if (peer_parse(peer, &pp, &err) != 0) {
        tui_dialog_message(_("Sync failed"), err.msg);
        return TUI_REDRAW;
    }
    /* A file is known by its full path: the next sync may start elsewhere.
     * A hub's address is shown and kept without its password. */
    char full[PATH_MAX];
    char *shown = peer_display(peer);
    const char *address = pp.type == PEER_FILE && realpath(peer, full) ? full : shown;
    struct progress p = {address};
    struct sync_opts o = {.address = address, .progress = show_progress, .ctx = &p};
    char *said = NULL;
    show_progress(NULL, &p);
    int rc;
    if (pp.type == PEER_SSH)
        rc = sync_remote(s, &pp, &o, &sum, &err, &said);
    else if (pp.type == PEER_HUB)
        rc = hub_sync_uri(s, peer, &o, &sum, &err);
    else
        rc = sync_file(s, address, &o, &sum, &err);
    peer_free(&pp);
    screens_touch(NULL);
    sync_reload(st);
    if (rc != 0) {
        info_clear(st);
        st->info_style = TUI_C_ERROR;
        st->info[0] = xasprintf(_("The sync with %s failed."), address);
        char *text = said && *said ? xasprintf("%s\n\n%s", err.msg, said) : xstrdup(err.msg);
        tui_dialog_message(_("Sync failed"), text);
        free(text);
    } else {
        show_summary(st, address, &sum);
        char *counts = sync_counts_text(sum.received_total, sum.sent_total);
        tui_screen_message(TUI_MSG_INFO, _("Synced with %s: %s."), address, counts);
        free(counts);
        tui_listview_select_key(st->peer_lv, st->peers.n ? st->peers.keys[0] : NULL);
    }
    free(said);
    free(shown);
    return TUI_RELAYOUT;
}

/* The selected peer, or a new one typed in when there is none or its
 * address is unknown (a store that synced with us as the server). */
static int sync_selected(struct sync_state *st, bool ask)
{
    const struct tui_list_row *row = tui_listview_selected(st->peer_lv);
    struct sync_peer_info *p = NULL;
    int n = 0;
    char *address = NULL;
    struct error err;
    error_clear(&err);
    if (!ask && row && sync_peers(screens_store(), &p, &n, &err) == 0)
        for (int i = 0; i < n; i++)
            if (strcmp(p[i].site_id, row->key) == 0 && p[i].address)
                address = xstrdup(p[i].address);
    sync_peers_free(p, n);
    if (!address)
        address = tui_dialog_prompt(_("Peer (a store file, [user@]host:PATH, or a hub's postgresql:// address):"), NULL, NULL, 0);
    int r = TUI_REDRAW;
    if (address && *address)
        r = run_sync(st, address);
    free(address);
    return r;
}

/* ---- Conflicts -------------------------------------------------------------- */

static int conflict_act(struct sync_state *st, bool take)
{
    const char *key = tui_listview_selected_key(st->conflict_lv);
    if (!key) {
        tui_screen_message(TUI_MSG_INFO, "%s", _("No conflict to review."));
        return TUI_REDRAW;
    }
    struct store *s = screens_store();
    int64_t id = strtoll(key, NULL, 10);
    struct error err;
    error_clear(&err);
    const struct tui_list_row *row = tui_listview_selected(st->conflict_lv);
    const struct kind *k = NULL;
    struct sync_conflict *c;
    int n;
    if (sync_conflicts(s, 0, &c, &n, &err) == 0) {
        for (int i = 0; i < n; i++)
            if (c[i].id == id)
                k = c[i].kind;
        sync_conflicts_free(c, n);
    }
    if (!screens_may_write(take ? k : NULL, true))
        return TUI_REDRAW;
    /* Copied first: a resize under the dialog refetches the rows. */
    char *what = xstrdup(row->cells[3]);
    if (take) {
        char *q = xasprintf(_("Put back \"%s\" in %s of %s?"), what, row->cells[2], row->cells[1]);
        bool yes = tui_dialog_confirm(q, true);
        free(q);
        if (!yes) {
            free(what);
            return TUI_REDRAW;
        }
    }
    int rc = take ? sync_conflict_take(s, id, &err) : sync_conflict_dismiss(s, id, &err);
    if (rc != 0) {
        screens_error_message(&err);
    } else {
        if (take)
            tui_screen_message(TUI_MSG_INFO, _("Taken: %s"), what);
        else
            tui_screen_message(TUI_MSG_INFO, "%s", _("Dismissed: the value kept stays."));
        screens_touch(NULL);
    }
    free(what);
    sync_reload(st);
    return TUI_REDRAW;
}

/* ---- The screen ------------------------------------------------------------- */

static int sync_open(void *state, void *arg)
{
    struct sync_state *st = state;
    (void)arg;
    struct tui_list_source ps = {table_fetch, table_count, NULL, &st->peers};
    struct tui_list_source cs = {table_fetch, table_count, NULL, &st->conflicts};
    st->peers.ncols = PEER_COLS;
    st->conflicts.ncols = CONFLICT_COLS;
    load_peers(st);
    load_conflicts(st);
    st->peer_lv = tui_listview_new(&ps, peer_cols, PEER_COLS);
    st->conflict_lv = tui_listview_new(&cs, conflict_cols, CONFLICT_COLS);
    tui_listview_set_empty_text(st->peer_lv, _("No peer yet: press a to sync with a store file or [user@]host:PATH."));
    tui_listview_set_empty_text(st->conflict_lv, _("No conflict kept."));
    st->gen = screens_generation();
    return 0;
}

static void sync_layout(void *state, struct tui_rect area)
{
    struct sync_state *st = state;
    st->area = area;
    /* Title line, the list, then the summary panel when there is room. */
    int info = area.h >= 12 ? INFO_LINES : 0;
    struct tui_rect list = {area.y + 1, area.x, area.h - 1 - info, area.w};
    if (list.h < 2)
        list.h = 2;
    tui_listview_layout(st->peer_lv, list);
    tui_listview_layout(st->conflict_lv, list);
}

static void sync_draw(void *state)
{
    struct sync_state *st = state;
    struct tui_rect a = st->area;
    sync_keys.binds = st->show_conflicts ? conflict_binds : peer_binds;
    tui_draw_fill(a, tui_attr(TUI_C_NORMAL));
    char *title = st->show_conflicts ? xasprintf(_("Sync — conflicts resolved (%zu)"), st->conflicts.n)
                                     : xasprintf(_("Sync — peers of this store (%zu)"), st->peers.n);
    tui_draw_text(a.y, a.x, a.w, title, TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    free(title);
    if (a.h >= 12)
        for (int i = 0; i < INFO_LINES - 1; i++)
            tui_draw_text(a.y + a.h - INFO_LINES + 1 + i, a.x + 1, a.w - 1, st->info[i] ? st->info[i] : "",
                          TUI_ALIGN_LEFT, tui_attr(st->info_style ? st->info_style : TUI_C_NORMAL));
    tui_listview_draw(st->show_conflicts ? st->conflict_lv : st->peer_lv);
}

static int sync_handle(void *state, int action, int key)
{
    (void)key;
    struct sync_state *st = state;
    struct tui_listview *lv = st->show_conflicts ? st->conflict_lv : st->peer_lv;
    if (tui_listview_handle(lv, action))
        return TUI_REDRAW;
    int found = screens_list_find(lv, action);
    if (found != TUI_PASS)
        return found;
    if (st->show_conflicts) {
        switch (action) {
        case TUI_ACT_OPEN:
            return conflict_act(st, true);
        case TUI_ACT_DELETE:
            return conflict_act(st, false);
        case TUI_ACT_BACK:
            st->show_conflicts = false;
            return TUI_REDRAW;
        default:
            break;
        }
    } else if (action == TUI_ACT_OPEN || action == TUI_ACT_ADD) {
        return sync_selected(st, action == TUI_ACT_ADD || !st->peers.n);
    }
    if (action == TUI_ACT_CONFLICTS) {
        st->show_conflicts = !st->show_conflicts;
        return TUI_REDRAW;
    }
    return TUI_PASS;
}

static int sync_idle(void *state)
{
    struct sync_state *st = state;
    if (!store_data_changed(screens_store()) && st->gen == screens_generation())
        return TUI_DONE;
    st->gen = screens_generation();
    return sync_reload(st);
}

static void sync_status(void *state, struct tui_status *s)
{
    struct sync_state *st = state;
    /* The counter of changes to send is added by the application (app.c). */
    free(st->pos);
    st->pos = tui_listview_position_text(st->show_conflicts ? st->conflict_lv : st->peer_lv);
    s->position = st->pos;
    s->hint = st->show_conflicts
                  ? SCREENS_HINT_WORDS(&sync_keys, {TUI_ACT_OPEN, C_(NC_("hint", "take the value that lost"))},
                                       {TUI_ACT_DELETE, C_(NC_("hint", "dismiss"))}, {TUI_ACT_BACK, C_(NC_("hint", "peers"))})
                  : SCREENS_HINT_WORDS(&sync_keys, {TUI_ACT_OPEN, C_(NC_("hint", "sync"))},
                                       {TUI_ACT_ADD, C_(NC_("hint", "new peer"))}, {TUI_ACT_CONFLICTS, NULL},
                                       {TUI_ACT_HELP, NULL});
}

static void sync_close(void *state)
{
    struct sync_state *st = state;
    tui_listview_free(st->peer_lv);
    tui_listview_free(st->conflict_lv);
    table_clear(&st->peers);
    table_clear(&st->conflicts);
    info_clear(st);
    free(st->pos);
}

const struct tui_screen_ops sync_screen = {
    .name = N_("Sync"), .state_size = sizeof(struct sync_state), .open = sync_open,
    .layout = sync_layout, .draw = sync_draw, .handle = sync_handle, .reload = sync_reload,
    .idle = sync_idle, .status = sync_status, .close = sync_close, .keys = &sync_keys,
};
