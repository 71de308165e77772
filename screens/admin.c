/* Administration: a menu of the reference data an administrator keeps
 * (centres, territories, members and roles, themes, partners, bodies,
 * people, criteria); each entry opens the generic list of that kind, which offers
 * editing only to those allowed to write it. */
#include "screens/screens.h"
#include "tui/color.h"
#include "util/i18n.h"
#include "util/xalloc.h"

static const struct {
    const char *kind;
    const char *label;      /* N_() */
} entries[] = {
    {"centre", N_("Centres")},
    {"territory", N_("Territories (QPV codes)")},
    {"member", N_("Members and roles")},
    {"theme", N_("Themes")},
    {"criterion", N_("Discrimination criteria")},
    {"partner", N_("Partners")},
    {"body", N_("Governance bodies")},
    {"person", N_("People (pseudonymous)")},
};
#define NENTRIES (sizeof entries / sizeof entries[0])

struct admin_state {
    size_t sel;
    char pos[16];
};

static const struct tui_keybind admin_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"}, {TUI_ACT_NONE, NULL},
};
static const struct tui_keymap admin_keys = {N_("In menus"), admin_binds, "admin"};

static int admin_open(void *state, void *arg)
{
    (void)state, (void)arg;
    return 0;
}

static void admin_draw(void *state)
{
    struct admin_state *st = state;
    struct tui_rect a = tui_screen_area();
    tui_draw_text(a.y, a.x, a.w, _("Administration"), TUI_ALIGN_LEFT, tui_attr(TUI_C_TITLE));
    for (size_t i = 0; i < NENTRIES && (int)i + 2 < a.h; i++) {
        /* No numbers: digits are the section keys, and typing "1" for
         * the first entry would go Home instead. */
        tui_draw_text(a.y + 2 + (int)i, a.x + 2, a.w - 2, _(entries[i].label), TUI_ALIGN_LEFT,
                      tui_attr(i == st->sel ? TUI_C_SELECTED : TUI_C_NORMAL));
    }
    tui_draw_cursor(a.y + 2 + (int)st->sel, a.x + 2);
}

static int admin_handle(void *state, int action, int key)
{
    struct admin_state *st = state;
    (void)key;
    switch (action) {
    case TUI_ACT_MOVE_UP:   st->sel = st->sel ? st->sel - 1 : 0; return TUI_REDRAW;
    case TUI_ACT_MOVE_DOWN: st->sel = st->sel + 1 < NENTRIES ? st->sel + 1 : st->sel; return TUI_REDRAW;
    case TUI_ACT_TOP:       st->sel = 0; return TUI_REDRAW;
    case TUI_ACT_BOTTOM:    st->sel = NENTRIES - 1; return TUI_REDRAW;
    case TUI_ACT_OPEN: {
        struct records_arg a = {.kind = kind_find(entries[st->sel].kind), .title = _(entries[st->sel].label)};
        tui_screen_push(&records_screen, &a);
        return TUI_DONE;
    }
    default:
        return TUI_PASS;
    }
}

static void admin_status(void *state, struct tui_status *s)
{
    struct admin_state *st = state;
    snprintf(st->pos, sizeof st->pos, "%zu/%zu", st->sel + 1, NENTRIES);
    s->position = st->pos;
    const char *choose = C_(NC_("hint", "choose"));
    s->hint = SCREENS_HINT_WORDS(&admin_keys, {TUI_ACT_MOVE_UP, choose}, {TUI_ACT_MOVE_DOWN, choose},
                                 {TUI_ACT_OPEN, NULL}, {TUI_ACT_HELP, NULL});
}

const struct tui_screen_ops admin_screen = {
    .name = N_("Administration"), .state_size = sizeof(struct admin_state), .open = admin_open,
    .draw = admin_draw, .handle = admin_handle, .status = admin_status, .keys = &admin_keys,
};
