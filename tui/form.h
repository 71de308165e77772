/* A form over an array of field descriptions supplied by the caller. Values
 * go in and out as UTF-8 strings in their stored form: ISO dates
 * (YYYY-MM-DD), decimal numbers with '.', a set as sorted comma-separated
 * codes, yes/no as "1"/"0"; numbers and dates are shown and typed in the
 * locale's forms through util/numdate. The form checks the shape of values (dates,
 * numbers, required); the caller checks meaning and reports errors back per
 * field with tui_form_set_error. No curses in the value functions, so they
 * are unit-tested; tui_form_draw and pickers need the terminal. */
#ifndef CARNET_TUI_FORM_H
#define CARNET_TUI_FORM_H

#include "tui/dialog.h"
#include "tui/draw.h"

#include <stdbool.h>
#include <stddef.h>

enum tui_field_kind {
    TUI_FIELD_TEXT,         /* one line */
    TUI_FIELD_MULTILINE,    /* several lines; Enter inserts a newline */
    TUI_FIELD_DATE,         /* typed dd/mm/yyyy, d/m/yyyy or yyyy-mm-dd */
    TUI_FIELD_INTEGER,
    TUI_FIELD_REAL,         /* ',' or '.' as decimal separator */
    TUI_FIELD_CHOICE,       /* one of choices; Left/Right cycle, Enter picks */
    TUI_FIELD_SET,          /* any of choices; Enter opens a searchable picker */
    TUI_FIELD_YESNO,        /* Space toggles */
};

struct tui_field_desc {
    const char *label;                  /* an N_() string, translated when drawn */
    enum tui_field_kind kind;
    const struct tui_choice *choices;   /* CHOICE and SET */
    size_t nchoices;
    size_t max_len;                     /* characters; 0 = no limit */
    bool required;
    int lines;                          /* MULTILINE height; 0 = 4 */
    bool tail;                          /* TEXT too long for its line: shown by its end
                                           while another field is edited (a path) */
};

struct tui_form;

enum tui_form_result {
    TUI_FORM_IGNORED,       /* the key is not for the form */
    TUI_FORM_CHANGED,       /* redraw */
    TUI_FORM_SAVE,          /* ^S/F2 and every field has a valid shape: validate, save */
    TUI_FORM_CANCEL,        /* Esc: ask first if tui_form_dirty */
};

/* A new form over fields[0..n) (the array must outlive the form), all
 * values empty, the cursor on the first field. title is copied. */
struct tui_form *tui_form_new(const char *title, const struct tui_field_desc *fields, size_t n);
void tui_form_free(struct tui_form *f);

/* Sets field i from its stored form (NULL = empty). An unknown choice code
 * is kept and shown as is. Values set here are the baseline for
 * tui_form_dirty. Returns 0, or -1 when i is out of range. */
int tui_form_set_value(struct tui_form *f, size_t i, const char *value);

/* The value of field i in stored form; a date or number that does not parse
 * is returned as typed (tui_form_check reports it). The caller frees it. */
char *tui_form_value(const struct tui_form *f, size_t i);

/* True when some value differs from what tui_form_set_value gave. */
bool tui_form_dirty(const struct tui_form *f);

/* Checks required fields, dates and numbers, replacing the errors of all
 * fields. Returns the number of fields in error; the cursor moves to the
 * first of them. tui_form_handle runs it before answering TUI_FORM_SAVE. */
int tui_form_check(struct tui_form *f);

/* Sets (copy) or clears (NULL) the error shown under field i; the first call
 * after a save request that sets an error moves the cursor there. Editing a
 * field clears its error. */
void tui_form_set_error(struct tui_form *f, size_t i, const char *message);
const char *tui_form_error(const struct tui_form *f, size_t i);

/* The number of fields. */
size_t tui_form_fields(const struct tui_form *f);

/* The field under the cursor; moving it. */
size_t tui_form_focus(const struct tui_form *f);
void tui_form_set_focus(struct tui_form *f, size_t i);

/* A save request, as ^S: checks the shapes (tui_form_check) and answers
 * TUI_FORM_SAVE when every field is valid, else TUI_FORM_CHANGED with the
 * errors shown. For a caller that saves on another key (Enter in a dialog). */
enum tui_form_result tui_form_submit(struct tui_form *f);

/* Handles one key: editing of the focused field, Tab/Shift-Tab/Down/Up
 * between fields, pickers, ^S/F2, Esc. */
enum tui_form_result tui_form_handle(struct tui_form *f, int key);

/* Places the form in r (title line, then one line per field, more for
 * multi-line fields and errors; it scrolls when they do not fit) and draws
 * it with the terminal cursor on the field being edited. Content is kept
 * across any number of layouts (resizes). */
void tui_form_layout(struct tui_form *f, struct tui_rect r);
void tui_form_draw(struct tui_form *f);

/* The text of typed field i as the user sees it (a number or date in the
 * locale's form: 242,5 and 02/12/2026 in French); "" for other kinds. */
const char *tui_form_text(const struct tui_form *f, size_t i);

#endif
