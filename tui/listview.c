/* The virtual list. It holds a window of consecutive rows, rows[0..n), that
 * covers the visible page [top, top + height) plus up to a page of margin
 * on each side; moving past either edge fetches from the key of the edge
 * row, and trim() drops what drifted too far. at_start / at_end record that
 * the window touches an end of the list (a fetch returned fewer rows than
 * asked). base, the absolute index of rows[0], is known from the top or
 * from the source's index_of; it is only used for the "12/340" display. */
#include "tui/listview.h"
#include "tui/action.h"
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/text.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct tui_listview {
    struct tui_list_source src;
    const struct tui_list_column *cols;
    size_t ncols;
    char *empty_text;
    struct tui_rect rect;

    struct tui_list_row *rows;
    size_t n, cap;
    size_t top, sel;        /* window indices */
    size_t height;
    bool at_start, at_end;
    bool loaded;
    long base;              /* absolute index of rows[0], -1 unknown */
    long count;             /* last count, -1 unknown */
    size_t first_col;       /* columns before it are scrolled away (>) */
};

void tui_list_row_init(struct tui_list_row *row, const char *key, size_t ncols)
{
    row->key = xstrdup(key ? key : "");
    row->cells = xcalloc(ncols ? ncols : 1, sizeof(char *));
    row->style = 0;
}

static void row_free(const struct tui_listview *lv, struct tui_list_row *row)
{
    if (row->cells)
        for (size_t c = 0; c < lv->ncols; c++)
            free(row->cells[c]);
    free(row->cells);
    free(row->key);
    memset(row, 0, sizeof(*row));
}

static void drop(struct tui_listview *lv, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        row_free(lv, &lv->rows[i]);
    if (to > from && to < lv->n)
        memmove(lv->rows + from, lv->rows + to, (lv->n - to) * sizeof(*lv->rows));
    lv->n -= to - from;
}

static void clear_window(struct tui_listview *lv)
{
    drop(lv, 0, lv->n);
    lv->top = lv->sel = 0;
    lv->at_start = lv->at_end = false;
    lv->base = -1;
}

struct tui_listview *tui_listview_new(const struct tui_list_source *src,
                                      const struct tui_list_column *cols, size_t ncols)
{
    struct tui_listview *lv = xcalloc(1, sizeof(*lv));
    lv->src = *src;
    lv->cols = cols;
    lv->ncols = ncols;
    lv->height = 1;
    lv->base = lv->count = -1;
    return lv;
}

void tui_listview_free(struct tui_listview *lv)
{
    if (!lv)
        return;
    clear_window(lv);
    free(lv->rows);
    free(lv->empty_text);
    free(lv);
}

void tui_listview_set_empty_text(struct tui_listview *lv, const char *text)
{
    free(lv->empty_text);
    lv->empty_text = xstrdup(text);
}

static size_t margin(const struct tui_listview *lv)
{
    return lv->height < 8 ? 8 : lv->height;
}

/* Asks the source for up to want rows from anchor in direction dir, and
 * inserts them at the end (dir >= 0) or the start (dir < 0) of the window in
 * list order. Returns the number inserted or a negative error. */
static int fetch(struct tui_listview *lv, const char *anchor, int dir, size_t want)
{
    struct tui_list_row *got = xcalloc(want, sizeof(*got));
    int k = lv->src.fetch(lv->src.ctx, anchor, dir, want, got);
    if (k < 0) {
        free(got);
        return k;
    }
    if ((size_t)k > want)
        k = (int)want;
    if (lv->n + (size_t)k > lv->cap) {
        lv->cap = (lv->n + (size_t)k) * 2;
        lv->rows = xrealloc(lv->rows, lv->cap * sizeof(*lv->rows));
    }
    if (k == 0) {
        /* nothing to insert */
    } else if (dir >= 0) {
        memcpy(lv->rows + lv->n, got, (size_t)k * sizeof(*got));
    } else {
        memmove(lv->rows + k, lv->rows, lv->n * sizeof(*lv->rows));
        for (int i = 0; i < k; i++)
            lv->rows[k - 1 - i] = got[i];
        lv->top += (size_t)k;
        lv->sel += (size_t)k;
        if (lv->base >= 0)
            lv->base -= k;
    }
    lv->n += (size_t)k;
    free(got);
    if ((size_t)k < want) {
        if (dir >= 0)
            lv->at_end = true;
        else
            lv->at_start = true;
    }
    if (lv->at_start)
        lv->base = 0;
    return k;
}

static int fetch_after(struct tui_listview *lv, size_t want)
{
    if (lv->at_end || want == 0)
        return 0;
    if (lv->n == 0)
        lv->at_start = true;        /* a NULL anchor reads from the first row */
    return fetch(lv, lv->n ? lv->rows[lv->n - 1].key : NULL, +1, want);
}

static int fetch_before(struct tui_listview *lv, size_t want)
{
    if (lv->at_start || want == 0)
        return 0;
    if (lv->n == 0)
        lv->at_end = true;
    return fetch(lv, lv->n ? lv->rows[0].key : NULL, -1, want);
}

/* Drops rows more than a margin away from the visible page. */
static void trim(struct tui_listview *lv)
{
    size_t m = margin(lv);
    if (lv->top > m) {
        size_t d = lv->top - m;
        drop(lv, 0, d);
        lv->top -= d;
        lv->sel -= d;
        if (lv->base >= 0)
            lv->base += (long)d;
        lv->at_start = false;
    }
    if (lv->n > lv->top + lv->height + m) {
        drop(lv, lv->top + lv->height + m, lv->n);
        lv->at_end = false;
    }
}

/* Makes the window hold the whole page from top when the list has the rows,
 * and keeps the selection on screen. */
static int settle(struct tui_listview *lv)
{
    if (lv->n < lv->top + lv->height + margin(lv) / 2) {
        int rc = fetch_after(lv, lv->top + lv->height + margin(lv) - lv->n);
        if (rc < 0)
            return rc;
    }
    if (lv->n && lv->sel >= lv->n)
        lv->sel = lv->n - 1;
    /* No blank lines at the bottom while rows exist above the page. */
    if (lv->at_end && lv->n - lv->top < lv->height && (lv->top > 0 || !lv->at_start)) {
        if (lv->top < lv->height) {
            int rc = fetch_before(lv, lv->height + margin(lv));
            if (rc < 0)
                return rc;
        }
        lv->top = lv->n > lv->height ? lv->n - lv->height : 0;
    }
    if (lv->sel < lv->top)
        lv->top = lv->sel;
    if (lv->sel >= lv->top + lv->height)
        lv->top = lv->sel - lv->height + 1;
    trim(lv);
    return 0;
}

static void recount(struct tui_listview *lv)
{
    lv->count = lv->src.count ? lv->src.count(lv->src.ctx) : -1;
    if (lv->count < 0)
        lv->count = -1;
}

int tui_listview_top(struct tui_listview *lv)
{
    clear_window(lv);
    lv->loaded = true;
    int rc = fetch_after(lv, lv->height + margin(lv));
    return rc < 0 ? rc : settle(lv);
}

int tui_listview_bottom(struct tui_listview *lv)
{
    clear_window(lv);
    lv->loaded = true;
    int rc = fetch_before(lv, lv->height + margin(lv));
    if (rc < 0)
        return rc;
    if (lv->base < 0 && lv->count >= (long)lv->n)
        lv->base = lv->count - (long)lv->n;
    lv->sel = lv->n ? lv->n - 1 : 0;
    lv->top = lv->n > lv->height ? lv->n - lv->height : 0;
    return settle(lv);
}

/* Rebuilds the window around anchor, the selection at screen line `line`. */
static int load_at(struct tui_listview *lv, const char *anchor, size_t line)
{
    char *key = xstrdup(anchor);
    clear_window(lv);
    lv->loaded = true;
    int rc = fetch(lv, key, 0, lv->height + margin(lv));
    if (rc == 0) {
        free(key);
        return tui_listview_bottom(lv);
    }
    if (rc > 0)
        rc = fetch_before(lv, line + margin(lv));
    if (rc >= 0 && lv->base < 0 && lv->src.index_of && lv->n) {
        long idx = lv->src.index_of(lv->src.ctx, lv->rows[lv->sel].key);
        lv->base = idx >= 0 ? idx - (long)lv->sel : -1;
    }
    free(key);
    if (rc < 0)
        return rc;
    lv->top = lv->sel > line ? lv->sel - line : 0;
    return settle(lv);
}

int tui_listview_select_key(struct tui_listview *lv, const char *key)
{
    size_t line = lv->n ? lv->sel - lv->top : 0;
    recount(lv);
    if (!key)
        return tui_listview_top(lv);
    return load_at(lv, key, line);
}

int tui_listview_reload(struct tui_listview *lv)
{
    return tui_listview_select_key(lv, lv->n ? lv->rows[lv->sel].key : NULL);
}

int tui_listview_set_height(struct tui_listview *lv, int rows)
{
    lv->height = rows < 1 ? 1 : (size_t)rows;
    if (!lv->loaded) {
        recount(lv);
        return tui_listview_top(lv);
    }
    return settle(lv);
}

int tui_listview_layout(struct tui_listview *lv, struct tui_rect r)
{
    lv->rect = r;
    return tui_listview_set_height(lv, r.h - 1);
}

int tui_listview_move(struct tui_listview *lv, long delta)
{
    if (lv->n == 0)
        return 0;
    if (delta > 0 && lv->sel + (size_t)delta >= lv->n) {
        int rc = fetch_after(lv, lv->sel + (size_t)delta - lv->n + 1 + margin(lv));
        if (rc < 0)
            return rc;
    }
    if (delta < 0 && (size_t)-delta > lv->sel) {
        int rc = fetch_before(lv, (size_t)-delta - lv->sel + margin(lv));
        if (rc < 0)
            return rc;
    }
    long target = (long)lv->sel + delta;
    if (target < 0)
        target = 0;
    if (target >= (long)lv->n)
        target = (long)lv->n - 1;
    lv->sel = (size_t)target;
    return settle(lv);
}

int tui_listview_page(struct tui_listview *lv, int dir)
{
    size_t h = lv->height;
    if (lv->n == 0)
        return 0;
    if (dir > 0) {
        if (lv->n < lv->top + 2 * h) {
            int rc = fetch_after(lv, lv->top + 2 * h - lv->n + margin(lv));
            if (rc < 0)
                return rc;
        }
        size_t last_top = lv->n > h ? lv->n - h : 0;
        lv->top = lv->top + h > last_top ? last_top : lv->top + h;
        lv->sel = lv->sel + h >= lv->n ? lv->n - 1 : lv->sel + h;
    } else {
        if (lv->top < h) {
            int rc = fetch_before(lv, h - lv->top + margin(lv));
            if (rc < 0)
                return rc;
        }
        lv->top = lv->top > h ? lv->top - h : 0;
        lv->sel = lv->sel > h ? lv->sel - h : 0;
    }
    return settle(lv);
}

#define FIND_BATCH 64
#define FIND_MAX 100000         /* rows walked at most by one search */

static bool row_matches(const struct tui_listview *lv, const struct tui_list_row *row, const char *text)
{
    for (size_t c = 0; c < lv->ncols; c++)
        if (row->cells[c] && tui_dialog_matches_words(row->cells[c], text))
            return true;
    return false;
}

/* Walks the source from anchor in direction dir by batches, until a row
 * matches text (its key goes to *found), the row keyed stop comes back, or
 * the list ends. Returns the rows walked, or a fetch error. */
static long walk_find(struct tui_listview *lv, const char *anchor, int dir, const char *stop,
                      const char *text, char **found)
{
    struct tui_list_row rows[FIND_BATCH];
    char *from = anchor ? xstrdup(anchor) : NULL;
    long walked = 0;
    bool done = false;
    while (!done && !*found && walked < FIND_MAX) {
        int n = lv->src.fetch(lv->src.ctx, from, dir, FIND_BATCH, rows);
        if (n < 0) {
            free(from);
            return n;
        }
        for (int i = 0; i < n; i++) {
            if (!done && !*found) {
                if (row_matches(lv, &rows[i], text))
                    *found = xstrdup(rows[i].key);      /* the start itself, when the only one */
                else if (stop && strcmp(rows[i].key, stop) == 0)
                    done = true;
            }
            if (i == n - 1) {
                free(from);
                from = xstrdup(rows[i].key);
            }
        }
        for (int i = 0; i < n; i++)
            row_free(lv, &rows[i]);
        walked += n;
        done = done || n < FIND_BATCH;
    }
    free(from);
    return walked;
}

int tui_listview_find(struct tui_listview *lv, const char *text, int dir, bool *wrapped)
{
    *wrapped = false;
    const struct tui_list_row *sel = tui_listview_selected(lv);
    if (!sel || !text || !*text)
        return 0;
    if (dir == 0 && row_matches(lv, sel, text))
        return 1;
    char *start = xstrdup(sel->key), *found = NULL;
    int d = dir < 0 ? -1 : +1;
    long rc = walk_find(lv, start, d, NULL, text, &found);
    if (rc >= 0 && !found) {
        rc = walk_find(lv, NULL, d, start, text, &found);      /* from the other end */
        *wrapped = found != NULL;
    }
    if (found)
        rc = tui_listview_select_key(lv, found);
    free(found);
    free(start);
    return rc < 0 ? (int)rc : found ? 1 : 0;
}

/* Ctrl-D / Ctrl-U move by half the rows shown, as in less and vim. */
static size_t half_page(const struct tui_listview *lv)
{
    return lv->height > 1 ? lv->height / 2 : 1;
}

int tui_listview_handle(struct tui_listview *lv, int action)
{
    int rc;
    switch (action) {
    case TUI_ACT_MOVE_UP:   rc = tui_listview_move(lv, -1); break;
    case TUI_ACT_MOVE_DOWN: rc = tui_listview_move(lv, +1); break;
    case TUI_ACT_PAGE_UP:   rc = tui_listview_page(lv, -1); break;
    case TUI_ACT_PAGE_DOWN: rc = tui_listview_page(lv, +1); break;
    case TUI_ACT_HALF_PAGE_UP:   rc = tui_listview_move(lv, -(long)half_page(lv)); break;
    case TUI_ACT_HALF_PAGE_DOWN: rc = tui_listview_move(lv, (long)half_page(lv)); break;
    case TUI_ACT_TOP:       rc = tui_listview_top(lv); break;
    case TUI_ACT_BOTTOM:    rc = tui_listview_bottom(lv); break;
    case TUI_ACT_COLUMN_RIGHT:
        rc = 0;
        if (lv->first_col + 1 < lv->ncols)
            lv->first_col++;
        break;
    case TUI_ACT_COLUMN_LEFT:
        rc = 0;
        if (lv->first_col > 0)
            lv->first_col--;
        break;
    default:
        return 0;
    }
    return rc < 0 ? rc : 1;
}

const struct tui_list_row *tui_listview_selected(const struct tui_listview *lv)
{
    return lv->n ? &lv->rows[lv->sel] : NULL;
}

const char *tui_listview_selected_key(const struct tui_listview *lv)
{
    return lv->n ? lv->rows[lv->sel].key : NULL;
}

size_t tui_listview_visible(const struct tui_listview *lv,
                            const struct tui_list_row **rows, size_t *sel_line)
{
    size_t shown = lv->n - lv->top < lv->height ? lv->n - lv->top : lv->height;
    *rows = lv->rows + lv->top;
    if (sel_line)
        *sel_line = lv->sel - lv->top;
    return lv->n ? shown : 0;
}

long tui_listview_position(const struct tui_listview *lv)
{
    return lv->base >= 0 && lv->n ? lv->base + (long)lv->sel : -1;
}

long tui_listview_count(const struct tui_listview *lv)
{
    return lv->count;
}

char *tui_listview_position_text(const struct tui_listview *lv)
{
    long pos = tui_listview_position(lv), count = lv->count;
    if (pos >= 0 && count >= 0)
        return xasprintf("%ld/%ld", pos + 1, count);
    if (pos >= 0)
        return xasprintf("%ld", pos + 1);
    if (count >= 0)
        return xasprintf("%ld", count);
    return xstrdup("");
}

size_t tui_listview_held(const struct tui_listview *lv)
{
    return lv->n;
}

/* The width of column c's header, translated: what it needs not to be cut. */
static int title_width(const struct tui_list_column *col)
{
    return col->title ? (int)tui_text_width(_(col->title)) : 0;
}

/* Column widths for a line of w columns: fixed columns first, in order,
 * each at least as wide as its header; then the weighted ones share what
 * is left, and one narrower than its header takes the columns it lacks
 * from the one with the most to spare above its own header, so that a
 * header ("Date de début", "Centre ou instance") is cut only when the line
 * cannot hold them all. A column with no room gets 0 and is not drawn, and
 * so are the columns scrolled away (>). One space separates columns. */
static void column_widths(const struct tui_listview *lv, int w, int *out)
{
    int left = w, weights = 0;
    for (size_t c = 0; c < lv->ncols; c++) {
        int sep = c > lv->first_col ? 1 : 0, want = lv->cols[c].width;
        out[c] = 0;
        if (c < lv->first_col)
            continue;
        if (want > 0 && title_width(&lv->cols[c]) > want)
            want = title_width(&lv->cols[c]);
        if (want > 0 && left > sep) {
            out[c] = want < left - sep ? want : left - sep;
            left -= out[c] + sep;
        } else if (want <= 0) {
            weights += lv->cols[c].weight > 0 ? lv->cols[c].weight : 1;
            left -= sep;
        }
    }
    int share = left > 0 ? left : 0, given = 0, seen = 0;
    for (size_t c = lv->first_col; c < lv->ncols; c++) {
        if (lv->cols[c].width > 0)
            continue;
        seen += lv->cols[c].weight > 0 ? lv->cols[c].weight : 1;
        int upto = weights ? share * seen / weights : 0;   /* rounding goes to the last */
        out[c] = upto - given;
        given = upto;
    }
    for (size_t c = lv->first_col; c < lv->ncols; c++) {
        if (lv->cols[c].width > 0)
            continue;
        for (int lack = title_width(&lv->cols[c]) - out[c]; lack > 0; lack--) {
            size_t from = c;
            int most = 0;
            for (size_t d = lv->first_col; d < lv->ncols; d++)
                if (d != c && lv->cols[d].width <= 0 && out[d] - title_width(&lv->cols[d]) > most) {
                    most = out[d] - title_width(&lv->cols[d]);
                    from = d;
                }
            if (from == c)
                break;
            out[from]--;
            out[c]++;
        }
    }
}

/* One line; skip[c] bytes of cell c (the words all rows share) are shown
 * as an ellipsis, skip NULL for none. */
static void draw_line(const struct tui_listview *lv, int y, const int *widths, const size_t *skip,
                      const char *const *cells, attr_t attr)
{
    struct tui_rect r = lv->rect;
    int x = r.x, end = r.x + r.w - 1;
    for (size_t c = 0; c < lv->ncols && x < end; c++) {
        if (widths[c] <= 0)
            continue;
        if (x > r.x)
            tui_draw_text(y, x++, 1, " ", TUI_ALIGN_LEFT, attr);
        int w = widths[c] < end - x ? widths[c] : end - x;
        const char *cell = cells[c] ? cells[c] : "";
        if (skip && skip[c] && *cell)
            tui_draw_textf(y, x, w, attr, "%s%s", tui_text_ellipsis(), cell + skip[c]);
        else
            tui_draw_text(y, x, w, cell, lv->cols[c].align, attr);
        x += w;
    }
    if (x < end)
        tui_draw_text(y, x, end - x, "", TUI_ALIGN_LEFT, attr);
}

/* For each left-aligned column too narrow for one of the rows shown: the
 * bytes of the words that all of them begin with ("Centre social "), to be
 * left out so that what tells the rows apart is seen. The caller frees it. */
static size_t *common_words(const struct tui_listview *lv, const int *widths, const struct tui_list_row *rows,
                            size_t shown)
{
    size_t *skip = xcalloc(lv->ncols ? lv->ncols : 1, sizeof *skip);
    const char **cells = xcalloc(shown ? shown : 1, sizeof *cells);
    for (size_t c = 0; c < lv->ncols; c++) {
        if (widths[c] <= 0 || lv->cols[c].align != TUI_ALIGN_LEFT)
            continue;
        bool cut = false;
        for (size_t i = 0; i < shown; i++) {
            cells[i] = rows[i].cells[c];
            cut = cut || (cells[i] && tui_text_width(cells[i]) > (size_t)widths[c]);
        }
        if (cut)
            skip[c] = tui_text_common_words(cells, shown);
    }
    free(cells);
    return skip;
}

void tui_listview_draw(const struct tui_listview *lv)
{
    struct tui_rect r = lv->rect;
    if (r.h < 1 || r.w < 2)
        return;
    int *widths = xcalloc(lv->ncols ? lv->ncols : 1, sizeof(int));
    const char **titles = xcalloc(lv->ncols ? lv->ncols : 1, sizeof(char *));
    column_widths(lv, r.w - 1, widths);
    char *scrolled = NULL;      /* "< Title": columns are hidden on the left */
    for (size_t c = 0; c < lv->ncols; c++)
        titles[c] = lv->cols[c].title ? _(lv->cols[c].title) : "";
    if (lv->first_col > 0)
        titles[lv->first_col] = scrolled = xasprintf("< %s", titles[lv->first_col]);
    draw_line(lv, r.y, widths, NULL, titles, tui_attr(TUI_C_HEADER));
    free(scrolled);
    tui_draw_text(r.y, r.x + r.w - 1, 1, "", TUI_ALIGN_LEFT, tui_attr(TUI_C_HEADER));

    const struct tui_list_row *rows;
    size_t sel_line = 0, shown = tui_listview_visible(lv, &rows, &sel_line);
    size_t *skip = common_words(lv, widths, rows, shown);
    for (int i = 0; i < r.h - 1; i++) {
        int y = r.y + 1 + i;
        if ((size_t)i < shown) {
            attr_t a = (size_t)i == sel_line ? tui_attr(TUI_C_SELECTED) : tui_attr(rows[i].style);
            draw_line(lv, y, widths, skip, (const char *const *)rows[i].cells, a);
        } else if (i == 0 && shown == 0) {
            tui_draw_text(y, r.x, r.w - 1, lv->empty_text ? lv->empty_text : _("(empty)"),
                          TUI_ALIGN_CENTER, tui_attr(TUI_C_MUTED));
        } else {
            tui_draw_text(y, r.x, r.w - 1, "", TUI_ALIGN_LEFT, tui_attr(TUI_C_NORMAL));
        }
    }
    /* Scrollbar: exact with a count and a known position, else from what the
     * window knows about the ends of the list. */
    long first = lv->base >= 0 ? lv->base + (long)lv->top : -1, total = lv->count;
    if (first < 0 || total < 0) {
        total = 3 * (long)lv->height;
        first = lv->at_start && lv->top == 0 ? 0 : lv->at_end ? 2 * (long)lv->height : (long)lv->height;
        if (lv->at_start && lv->at_end)
            total = (long)lv->n, first = (long)lv->top;
    }
    tui_draw_scrollbar(r.y + 1, r.x + r.w - 1, r.h - 1, first, (long)lv->height, total,
                       tui_attr(TUI_C_BAR));
    tui_draw_cursor(r.y + 1 + (int)sel_line, r.x);
    free(skip);
    free(titles);
    free(widths);
}
