/* Tables expanded from TUI_ACTIONS; nothing here may list actions by hand. */
#include "tui/action.h"
#include "util/i18n.h"

#include <string.h>

static const char *const names[TUI_ACT_COUNT] = {
#define TUI_ACTION_NAME(id, name, help, hint) [TUI_ACT_##id] = name,
    TUI_ACTIONS(TUI_ACTION_NAME)
#undef TUI_ACTION_NAME
};

static const char *const helps[TUI_ACT_COUNT] = {
#define TUI_ACTION_HELP(id, name, help, hint) [TUI_ACT_##id] = help,
    TUI_ACTIONS(TUI_ACTION_HELP)
#undef TUI_ACTION_HELP
};

static const char *const hints[TUI_ACT_COUNT] = {
#define TUI_ACTION_HINT(id, name, help, hint) [TUI_ACT_##id] = hint,
    TUI_ACTIONS(TUI_ACTION_HINT)
#undef TUI_ACTION_HINT
};

const char *tui_action_hint(int action)
{
    return action > 0 && action < TUI_ACT_COUNT && *hints[action] ? C_(hints[action]) : "";
}

int tui_action_section(int action)
{
    return action >= TUI_ACT_SECTION_0 && action <= TUI_ACT_SECTION_9
        ? action - TUI_ACT_SECTION_0 : -1;
}

const char *tui_action_name(int action)
{
    return action > 0 && action < TUI_ACT_COUNT ? names[action] : "";
}

int tui_action_by_name(const char *name)
{
    for (int a = 1; name && a < TUI_ACT_COUNT; a++)
        if (strcmp(names[a], name) == 0)
            return a;
    return TUI_ACT_NONE;
}

const char *tui_action_help(int action, const char *const *section_labels)
{
    int s = tui_action_section(action);
    if (s >= 0 && section_labels && section_labels[s])
        return section_labels[s];
    return action > 0 && action < TUI_ACT_COUNT ? _(helps[action]) : "";
}
