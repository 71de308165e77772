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

/* French names typed at ":" beside the English ones (a French facilitator
 * types :aide, :quitter). Generic words only, like the actions. */
static const struct {
    const char *name;
    int action;
} aliases[] = {
    {"haut", TUI_ACT_MOVE_UP}, {"bas", TUI_ACT_MOVE_DOWN}, {"gauche", TUI_ACT_MOVE_LEFT},
    {"droite", TUI_ACT_MOVE_RIGHT}, {"page-precedente", TUI_ACT_PAGE_UP}, {"page-suivante", TUI_ACT_PAGE_DOWN},
    {"debut", TUI_ACT_TOP}, {"fin", TUI_ACT_BOTTOM}, {"ouvrir", TUI_ACT_OPEN}, {"retour", TUI_ACT_BACK},
    {"quitter", TUI_ACT_QUIT}, {"ajouter", TUI_ACT_ADD}, {"modifier", TUI_ACT_EDIT},
    {"supprimer", TUI_ACT_DELETE}, {"defaire", TUI_ACT_UNDO}, {"chercher", TUI_ACT_SEARCH},
    {"suivant", TUI_ACT_SEARCH_NEXT}, {"precedent", TUI_ACT_SEARCH_PREV}, {"filtrer", TUI_ACT_FILTER},
    {"trier", TUI_ACT_SORT}, {"cocher", TUI_ACT_TOGGLE}, {"exporter", TUI_ACT_EXPORT},
    {"actualiser", TUI_ACT_REFRESH}, {"aide", TUI_ACT_HELP}, {"enregistrer", TUI_ACT_SAVE},
    {"annuler", TUI_ACT_CANCEL}, {"champ-suivant", TUI_ACT_NEXT_FIELD},
    {"champ-precedent", TUI_ACT_PREV_FIELD}, {"choisir", TUI_ACT_PICK},
    {"rapport", TUI_ACT_REPORT},
};

const char *tui_action_alias(size_t i, int *action)
{
    if (i >= sizeof aliases / sizeof aliases[0])
        return NULL;
    if (action)
        *action = aliases[i].action;
    return aliases[i].name;
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
    int a;
    for (size_t i = 0; name && tui_action_alias(i, &a); i++)
        if (strcmp(aliases[i].name, name) == 0)
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
