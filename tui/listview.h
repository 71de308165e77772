/* A virtual list: it never holds the table, only the rows on screen plus a
 * margin of about one page on each side, fetched through the caller's
 * callbacks around an anchor row (keyset pagination). Rows are known by an
 * opaque key string chosen by the caller, so the selection survives reloads.
 *
 * The paging logic (what to fetch, where the selection lands) works without
 * a terminal: tui_listview_set_height + the move functions + the accessors
 * are what the unit tests drive. Only tui_listview_draw touches curses. */
#ifndef CARNET_TUI_LISTVIEW_H
#define CARNET_TUI_LISTVIEW_H

#include "tui/draw.h"

#include <stdbool.h>
#include <stddef.h>

struct tui_list_row {
    char *key;              /* malloc'd by the source; the list owns and frees it */
    char **cells;           /* ncols malloc'd strings, NULL = empty; owned likewise */
    int style;              /* an enum tui_color_elem for the row; 0 = normal */
};

/* For sources: sets row->key to a copy of key and row->cells to ncols NULLs,
 * to be filled with malloc'd strings (xstrdup). */
void tui_list_row_init(struct tui_list_row *row, const char *key, size_t ncols);

struct tui_list_source {
    /* Fills out[0..max) with rows near the row keyed anchor, nearest first:
     *   dir > 0  rows strictly after anchor (anchor NULL: from the first row);
     *   dir < 0  rows strictly before anchor, going backwards (anchor NULL:
     *            from the last row);
     *   dir == 0 the anchor row itself then the rows after it; when the
     *            anchor row is gone, the rows after where it stood.
     * Returns how many rows it filled (fewer than max: the list ends there),
     * or a negative number on error (nothing filled). Each filled row is
     * set up with tui_list_row_init. Required. */
    int (*fetch)(void *ctx, const char *anchor, int dir, size_t max,
                 struct tui_list_row *out);
    /* Number of rows, or negative if unknown. Optional (NULL). Called on
     * reloads only. */
    long (*count)(void *ctx);
    /* 0-based position of the row keyed key, or negative if unknown.
     * Optional; without it the position is known only from the top. */
    long (*index_of)(void *ctx, const char *key);
    void *ctx;
};

struct tui_list_column {
    const char *title;      /* an N_() string, translated when drawn */
    int width;              /* fixed width in columns (at least the header's), or 0 to use weight */
    int weight;             /* share of the width left by the fixed columns */
    enum tui_align align;
};

struct tui_listview;

/* A new list over src (copied) with ncols columns (the array must outlive
 * the list). Nothing is fetched until the first set_height/layout. */
struct tui_listview *tui_listview_new(const struct tui_list_source *src,
                                      const struct tui_list_column *cols, size_t ncols);
void tui_listview_free(struct tui_listview *lv);

/* Text shown when the list is empty ("Nothing yet: press a to add"); copied. */
void tui_listview_set_empty_text(struct tui_listview *lv, const char *text);

/* Sets the number of visible rows (at least 1), keeping the selection in
 * view; the first call loads the first page. Returns 0 or a fetch error. */
int tui_listview_set_height(struct tui_listview *lv, int rows);

/* Places the list in r: header on the first line, rows below, scrollbar in
 * the last column. Calls tui_listview_set_height(r.h - 1). */
int tui_listview_layout(struct tui_listview *lv, struct tui_rect r);

/* Moves. move: by delta rows; page: by a page (dir +1 / -1), the view
 * scrolling with it; top/bottom: the first / last row. Each stops at the
 * ends of the list and returns 0 or a fetch error (the list keeps what it
 * held, or is empty after a failed top/bottom/reload). */
int tui_listview_move(struct tui_listview *lv, long delta);
int tui_listview_page(struct tui_listview *lv, int dir);
int tui_listview_top(struct tui_listview *lv);
int tui_listview_bottom(struct tui_listview *lv);

/* Fetches again around the selected row, keeping it selected at the same
 * screen line when its key still exists, else selecting the row that
 * followed it (or the last row). Recounts. 0 or a fetch error. */
int tui_listview_reload(struct tui_listview *lv);

/* Like reload, anchored at key instead (after an add, or a search hit). */
int tui_listview_select_key(struct tui_listview *lv, const char *key);

/* Selects the row nearest the selection in direction dir (dir 0: the
 * selection itself first) whose cells hold every word of text (accents and
 * case ignored, tui_dialog_matches_words), walking the source past what is
 * held and wrapping around the ends once (*wrapped tells). For lists whose
 * source has no index to search; a few thousand rows at most. Returns 1
 * when found, 0 when not (the selection stays), or a fetch error. */
int tui_listview_find(struct tui_listview *lv, const char *text, int dir, bool *wrapped);

/* Applies a navigation action (up, down, page and half page up/down, top,
 * bottom). Returns
 * 1 when it was one (then the list needs redrawing), 0 when the action is
 * not for the list, negative on a fetch error. */
int tui_listview_handle(struct tui_listview *lv, int action);

/* The selected row and its key; NULL when the list is empty. Owned by the
 * list, valid until the next move or reload. */
const struct tui_list_row *tui_listview_selected(const struct tui_listview *lv);
const char *tui_listview_selected_key(const struct tui_listview *lv);

/* The rows on screen: *rows points into the list (valid until the next
 * call); returns their number. *sel_line, when not NULL, gets the screen
 * line of the selection (0-based, below the header). */
size_t tui_listview_visible(const struct tui_listview *lv,
                            const struct tui_list_row **rows, size_t *sel_line);

/* 0-based index of the selected row, -1 when unknown; total rows from the
 * last count, -1 when unknown. */
long tui_listview_position(const struct tui_listview *lv);
long tui_listview_count(const struct tui_listview *lv);

/* "12/340", "12", "340" or "" for the status bar. The caller frees it. */
char *tui_listview_position_text(const struct tui_listview *lv);

/* Rows currently held (page plus margins): never more than about three
 * pages, whatever the size of the table. For tests. */
size_t tui_listview_held(const struct tui_listview *lv);

/* Draws header, rows and scrollbar in the rectangle given to layout, and
 * leaves the terminal cursor at the start of the selected row. */
void tui_listview_draw(const struct tui_listview *lv);

#endif
