/* A demo of the tui/ widgets with no store: a list of 100,000 generated rows
 * and a form with every field kind. Used to drive the widgets through a
 * pseudo-terminal (tmux) by hand or by an end-to-end script; it is not part
 * of carnet and is not built by the main CMakeLists (see README.md here). */
#include "tui/color.h"
#include "tui/dialog.h"
#include "tui/form.h"
#include "tui/listview.h"
#include "tui/screen.h"
#include "tui/term.h"
#include "util/xalloc.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NROWS 100000

static int demo_fetch(void *ctx, const char *anchor, int dir, size_t max, struct tui_list_row *out)
{
    (void)ctx;
    int step = dir < 0 ? -1 : 1;
    int i = anchor ? atoi(anchor) + (dir == 0 ? 0 : step) : (dir < 0 ? NROWS - 1 : 0);
    size_t k = 0;
    for (; k < max && i >= 0 && i < NROWS; i += step, k++) {
        char key[16];
        snprintf(key, sizeof(key), "%d", i);
        tui_list_row_init(&out[k], key, 3);
        out[k].cells[0] = xasprintf("%06d", i);
        out[k].cells[1] = xasprintf("Ligne n°%d — égalité 日本 \x1b[31mrouge", i);
        out[k].cells[2] = xstrdup(i % 7 ? "ouvert" : "clos");
        out[k].style = i % 7 ? 0 : TUI_C_MUTED;
    }
    return (int)k;
}

static long demo_count(void *ctx) { (void)ctx; return NROWS; }
static long demo_index(void *ctx, const char *key) { (void)ctx; return atol(key); }

static const struct tui_list_column columns[] = {
    {"Number", 6, 0, TUI_ALIGN_RIGHT},
    {"Title", 0, 3, TUI_ALIGN_LEFT},
    {"Status", 8, 0, TUI_ALIGN_LEFT},
};

struct list_state {
    struct tui_listview *lv;
    char *pos;
};

static const struct tui_screen_ops form_screen;

static int list_open(void *state, void *arg)
{
    struct list_state *s = state;
    (void)arg;
    struct tui_list_source src = {demo_fetch, demo_count, demo_index, NULL};
    s->lv = tui_listview_new(&src, columns, 3);
    return 0;
}

static void list_layout(void *state, struct tui_rect area)
{
    struct list_state *s = state;
    area.y += 1;
    area.h -= 1;
    tui_listview_layout(s->lv, area);
}

static void list_draw(void *state)
{
    struct list_state *s = state;
    tui_draw_text(0, 0, COLS, "Demo list", TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    tui_listview_draw(s->lv);
}

static int list_handle(void *state, int action, int key)
{
    struct list_state *s = state;
    (void)key;
    int r = tui_listview_handle(s->lv, action);
    if (r)
        return TUI_REDRAW;
    if (action == TUI_ACT_EDIT || action == TUI_ACT_ADD) {
        tui_screen_push(&form_screen, NULL);
        return TUI_DONE;
    }
    if (action == TUI_ACT_DELETE) {
        if (tui_dialog_confirm("Supprimer cette ligne ?", false))
            tui_screen_message(TUI_MSG_INFO, "Supprimé (pas vraiment)");
        return TUI_REDRAW;
    }
    return TUI_PASS;
}

static void list_status(void *state, struct tui_status *st)
{
    struct list_state *s = state;
    free(s->pos);
    s->pos = tui_listview_position_text(s->lv);
    st->position = s->pos;
}

static void list_close(void *state)
{
    struct list_state *s = state;
    tui_listview_free(s->lv);
    free(s->pos);
}

static const struct tui_screen_ops list_screen = {
    .name = "List", .state_size = sizeof(struct list_state), .open = list_open,
    .layout = list_layout, .draw = list_draw, .handle = list_handle,
    .status = list_status, .close = list_close, .keys = &tui_keymap_list,
};

static const struct tui_choice kinds[] = {
    {"a", "Awareness"}, {"b", "Training"}, {"c", "Mediation"},
};

static const struct tui_choice criteria[] = {
    {"origin", "Origin, whether real or supposed, of the person concerned"},
    {"sex", "Sex"}, {"family", "Family situation"}, {"pregnancy", "Pregnancy"},
    {"appearance", "Physical appearance"}, {"vulnerability", "Particular vulnerability resulting from economic situation"},
    {"name", "Surname"}, {"residence", "Place of residence"}, {"health", "State of health"},
    {"autonomy", "Loss of autonomy"}, {"disability", "Disability"}, {"genetic", "Genetic characteristics"},
    {"morals", "Morals"}, {"orientation", "Sexual orientation"}, {"identity", "Gender identity"},
    {"age", "Age"}, {"opinions", "Political opinions"}, {"union", "Union activities"},
    {"whistle", "Status of whistleblower or facilitator"}, {"language", "Ability to express oneself in a language other than French"},
    {"ethnicity", "Membership or non-membership, real or supposed, of an ethnic group"},
    {"nation", "A nation"}, {"race", "A so-called race"}, {"religion", "A specific religion"},
    {"bank", "Bank domiciliation"}, {"harass", "Sexual harassment (225-1-1)"},
};

static const struct tui_field_desc demo_fields[] = {
    {"Title", TUI_FIELD_TEXT, NULL, 0, 200, true, 0},
    {"Held on", TUI_FIELD_DATE, NULL, 0, 0, true, 0},
    {"Kind", TUI_FIELD_CHOICE, kinds, 3, 0, false, 0},
    {"Criteria", TUI_FIELD_SET, criteria, sizeof(criteria) / sizeof(criteria[0]), 0, false, 0},
    {"Participants", TUI_FIELD_INTEGER, NULL, 0, 0, false, 0},
    {"Hours", TUI_FIELD_REAL, NULL, 0, 0, false, 0},
    {"Innovative", TUI_FIELD_YESNO, NULL, 0, 0, false, 0},
    {"Outcome", TUI_FIELD_MULTILINE, NULL, 0, 0, false, 4},
    {"Partners", TUI_FIELD_TEXT, NULL, 0, 0, false, 0},
    {"Follow-up", TUI_FIELD_TEXT, NULL, 0, 0, false, 0},
    {"Follow-up due", TUI_FIELD_DATE, NULL, 0, 0, false, 0},
};

struct form_state {
    struct tui_form *form;
};

static int form_open(void *state, void *arg)
{
    struct form_state *s = state;
    (void)arg;
    s->form = tui_form_new("New action", demo_fields, sizeof(demo_fields) / sizeof(demo_fields[0]));
    return 0;
}

static void form_layout(void *state, struct tui_rect area)
{
    struct form_state *s = state;
    tui_form_layout(s->form, area);
}

static void form_draw(void *state)
{
    struct form_state *s = state;
    tui_form_draw(s->form);
}

static int form_handle(void *state, int action, int key)
{
    struct form_state *s = state;
    (void)action;
    switch (tui_form_handle(s->form, key)) {
    case TUI_FORM_CHANGED:
        return TUI_REDRAW;
    case TUI_FORM_SAVE: {
        char *title = tui_form_value(s->form, 0);
        tui_screen_message(TUI_MSG_INFO, "Saved: %s", title);
        free(title);
        return TUI_BACK;
    }
    case TUI_FORM_CANCEL:
        if (!tui_form_dirty(s->form) || tui_dialog_confirm("Abandonner les modifications ?", false))
            return TUI_BACK;
        return TUI_REDRAW;
    default:
        return TUI_PASS;
    }
}

static void form_close(void *state)
{
    struct form_state *s = state;
    tui_form_free(s->form);
}

static const struct tui_screen_ops form_screen = {
    .name = "Form", .state_size = sizeof(struct form_state), .open = form_open,
    .layout = form_layout, .draw = form_draw, .handle = form_handle,
    .close = form_close, .keys = &tui_keymap_form, .text_input = true,
};

int main(void)
{
    setlocale(LC_ALL, "");
    tui_init();
    static const char *const labels[10] = {"Admin", "Home", "List"};
    struct tui_app app = {.section_labels = labels};
    int rc = tui_screen_run(&app, &list_screen, NULL);
    tui_end();
    return rc < 0;
}
