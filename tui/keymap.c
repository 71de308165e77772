/* Default key bindings, their lookup, and the help they generate. A keymap
 * is parsed at lookup time: a few dozen short words per key press costs
 * microseconds and keeps the tables plain const data. To change a default,
 * edit a table below; the help follows by itself. */
#include "tui/keymap.h"
#include "tui/text.h"
#include "util/i18n.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define END_OF_MAP {TUI_ACT_NONE, NULL}

static const struct tui_keybind global_binds[] = {
    {TUI_ACT_MOVE_UP, "UP k ^P"},     /* the arrows first: hints name them */
    {TUI_ACT_MOVE_DOWN, "DOWN j ^N"},
    {TUI_ACT_PAGE_UP, "PGUP ^B"},
    {TUI_ACT_PAGE_DOWN, "PGDN SPACE ^F"},
    {TUI_ACT_HALF_PAGE_UP, "^U"},
    {TUI_ACT_HALF_PAGE_DOWN, "^D"},
    {TUI_ACT_TOP, "g HOME"},
    {TUI_ACT_BOTTOM, "G END"},
    {TUI_ACT_BACK, "q ESC"},
    {TUI_ACT_QUIT, "Q ^C"},
    {TUI_ACT_HELP, "? F1"},
    {TUI_ACT_COMMAND, ":"},
    {TUI_ACT_MESSAGE, "m ^G"},
    {TUI_ACT_REFRESH, "^L F5"},
    {TUI_ACT_SECTION_1, "1"},
    {TUI_ACT_SECTION_2, "2"},
    {TUI_ACT_SECTION_3, "3"},
    {TUI_ACT_SECTION_4, "4"},
    {TUI_ACT_SECTION_5, "5"},
    {TUI_ACT_SECTION_6, "6"},
    {TUI_ACT_SECTION_7, "7"},
    {TUI_ACT_SECTION_8, "8"},
    {TUI_ACT_SECTION_9, "9"},
    {TUI_ACT_SECTION_0, "0"},
    END_OF_MAP,
};

static const struct tui_keybind list_binds[] = {
    {TUI_ACT_OPEN, "ENTER RIGHT"},
    {TUI_ACT_ADD, "a"},
    {TUI_ACT_EDIT, "e"},
    {TUI_ACT_DELETE, "d DEL"},
    {TUI_ACT_UNDO, "u"},
    {TUI_ACT_SEARCH, "/"},
    {TUI_ACT_SEARCH_NEXT, "n"},
    {TUI_ACT_SEARCH_PREV, "N"},
    {TUI_ACT_FILTER, "f"},
    {TUI_ACT_SORT, "s"},
    {TUI_ACT_EXPORT, "x"},
    TUI_LIST_COLUMN_KEYS,
    END_OF_MAP,
};

static const struct tui_keybind form_binds[] = {
    {TUI_ACT_NEXT_FIELD, "TAB DOWN"},
    {TUI_ACT_PREV_FIELD, "BTAB UP"},
    {TUI_ACT_PICK, "ENTER"},
    {TUI_ACT_TOGGLE, "SPACE"},
    {TUI_ACT_SAVE, "^S F2"},
    {TUI_ACT_CANCEL, "ESC ^C"},
    END_OF_MAP,
};

/* Moves in dialogs and pickers: no letters, which a picker's search takes. */
#define DIALOG_MOVES \
    {TUI_ACT_MOVE_UP, "UP ^P"}, {TUI_ACT_MOVE_DOWN, "DOWN ^N"}, {TUI_ACT_PAGE_UP, "PGUP"}, \
    {TUI_ACT_PAGE_DOWN, "PGDN"}, {TUI_ACT_TOP, "HOME"}, {TUI_ACT_BOTTOM, "END"}

static const struct tui_keybind dialog_binds[] = {
    DIALOG_MOVES,
    {TUI_ACT_TOGGLE, "SPACE"},
    {TUI_ACT_OPEN, "ENTER"},
    {TUI_ACT_CANCEL, "ESC ^C"},
    END_OF_MAP,
};

/* In a picker, printable keys and Space go to the search box: ticking must
 * be a key nobody types into a search. */
static const struct tui_keybind picker_binds[] = {
    DIALOG_MOVES,
    {TUI_ACT_TOGGLE, "TAB ^T"},
    {TUI_ACT_OPEN, "ENTER"},
    {TUI_ACT_CANCEL, "ESC ^C"},
    END_OF_MAP,
};

const struct tui_keymap tui_keymap_global = {N_("Everywhere"), global_binds, "global"};
const struct tui_keymap tui_keymap_picker = {N_("In pickers"), picker_binds, "picker"};
const struct tui_keymap tui_keymap_list = {N_("In lists"), list_binds, "list"};
const struct tui_keymap tui_keymap_form = {N_("In forms"), form_binds, "form"};
const struct tui_keymap tui_keymap_dialog = {N_("In dialogs"), dialog_binds, "dialog"};

/* Walks the words of a key string: returns the next word's start, its length
 * in *len, or NULL at the end. */
static const char *next_word(const char *s, size_t *len)
{
    while (*s == ' ')
        s++;
    if (!*s)
        return NULL;
    *len = strcspn(s, " ");
    return s;
}

static bool binds_key(const char *keys, int key)
{
    size_t len;
    for (const char *w = keys; (w = next_word(w, &len)); w += len)
        if (tui_key_parse(w, len) == key)
            return true;
    return false;
}

/* ---- The user's bindings --------------------------------------------- */

struct user_bind {
    char *map;                  /* a keymap id */
    struct tui_keybind bind;    /* keys: one key word, owned */
};

static struct user_bind *user;
static size_t nuser;

void tui_keymap_free_user(void)
{
    for (size_t i = 0; i < nuser; i++) {
        free(user[i].map);
        free((char *)user[i].bind.keys);
    }
    free(user);
    user = NULL;
    nuser = 0;
}

static bool known_id(const char *w, const char *const *ids, size_t nids)
{
    for (size_t i = 0; i < nids; i++)
        if (strcmp(ids[i], w) == 0)
            return true;
    return false;
}

/* Checks one line's words; NULL when good, else what is wrong (new). */
static char *user_line(char **w, int nw, const char *const *ids, size_t nids, int *action)
{
    if (nw != 4 || strcmp(w[0], "bind") != 0)
        return xstrdup(_("write it as \"bind SCREEN KEY ACTION\", for example \"bind list J page-down\""));
    if (!known_id(w[1], ids, nids)) {
        struct strbuf b;
        strbuf_init(&b);
        for (size_t i = 0; i < nids; i++)
            strbuf_addf(&b, "%s%s", i ? ", " : "", ids[i]);
        char *msg = xasprintf(_("\"%s\" is no screen (screens: %s)"), w[1], b.s ? b.s : "");
        strbuf_free(&b);
        return msg;
    }
    if (tui_key_parse(w[2], strlen(w[2])) == TUI_KEY_NONE)
        return xasprintf(_("\"%s\" is no key (a character, ^X, F1 to F12, or a name such as PGDN or HOME)"), w[2]);
    *action = tui_action_by_name(w[3]);
    if (*action == TUI_ACT_NONE)
        return xasprintf(_("\"%s\" is no action (press : in carnet and Tab to list them)"), w[3]);
    return NULL;
}

int tui_keymap_load_user(const char *path, const char *const *ids, size_t nids, char **report)
{
    tui_keymap_free_user();
    *report = NULL;
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    struct strbuf rep;
    strbuf_init(&rep);
    int bad = 0, lineno = 0;
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "#\r\n")] = '\0';
        char *w[5];
        int nw = 0;
        for (char *t = strtok(line, " \t"); t; t = strtok(NULL, " \t"))
            if (nw < 5)
                w[nw++] = t;
            else
                nw = 5;
        if (nw == 0)
            continue;
        int action = TUI_ACT_NONE;
        char *why = user_line(w, nw, ids, nids, &action);
        if (why) {
            strbuf_addf(&rep, "%s", rep.len ? "\n" : "");
            strbuf_addf(&rep, _("line %d: %s"), lineno, why);
            free(why);
            bad++;
            continue;
        }
        user = xrealloc(user, (nuser + 1) * sizeof(*user));
        user[nuser++] = (struct user_bind){xstrdup(w[1]), {action, xstrdup(w[2])}};
    }
    fclose(f);
    *report = rep.len ? strbuf_detach(&rep) : NULL;
    if (!*report)
        strbuf_free(&rep);
    return bad;
}

static int user_lookup(const struct tui_keymap *km, int key)
{
    for (size_t i = nuser; km->id && i-- > 0;)     /* the last line wins */
        if (strcmp(user[i].map, km->id) == 0 && binds_key(user[i].bind.keys, key))
            return user[i].bind.action;
    return TUI_ACT_NONE;
}

int tui_keymap_lookup(const struct tui_keymap *km, int key)
{
    if (!km || key == TUI_KEY_NONE)
        return TUI_ACT_NONE;
    int mine = user_lookup(km, key);
    if (mine != TUI_ACT_NONE)
        return mine;
    for (const struct tui_keybind *b = km->binds; b->keys; b++)
        if (binds_key(b->keys, key))
            return b->action;
    return TUI_ACT_NONE;
}

static int user_lookup(const struct tui_keymap *km, int key);

/* The first key word of b for action that may be shown; NULL if none. */
static char *bind_key_name(const struct tui_keymap *km, const struct tui_keybind *b, int action, bool typing)
{
    size_t len;
    if (b->action != action)
        return NULL;
    for (const char *w = b->keys; (w = next_word(w, &len)); w += len) {
        int key = tui_key_parse(w, len);
        if (key != TUI_KEY_NONE && !(typing && tui_key_printable(key)) &&
            tui_keymap_lookup(km, key) == action)
            return tui_key_name(key);
    }
    return NULL;
}

char *tui_keymap_key_name(const struct tui_keymap *km, int action, bool typing)
{
    for (size_t i = 0; km && km->id && i < nuser; i++) {
        char *name = strcmp(user[i].map, km->id) == 0 ? bind_key_name(km, &user[i].bind, action, typing) : NULL;
        if (name)
            return name;
    }
    for (const struct tui_keybind *b = km ? km->binds : NULL; b && b->keys; b++) {
        char *name = bind_key_name(km, b, action, typing);
        if (name)
            return name;
    }
    return NULL;
}

char *tui_keymap_hint(const struct tui_keymap *const *maps, size_t nmaps, const int *actions, size_t nactions,
                      bool typing)
{
    return tui_keymap_hint_words(maps, nmaps, actions, NULL, nactions, typing);
}

char *tui_keymap_hint_words(const struct tui_keymap *const *maps, size_t nmaps, const int *actions,
                            const char *const *words, size_t nactions, bool typing)
{
    struct strbuf b;
    strbuf_init(&b);
    size_t keys = 0;    /* keys named for the word being written */
    for (size_t a = 0; a < nactions; a++) {
        const char *word = words && words[a] ? words[a] : tui_action_hint(actions[a]);
        char *key = NULL;
        for (size_t m = 0; *word && !key && m < nmaps; m++)
            key = tui_keymap_key_name(maps[m], actions[a], typing);
        if (key)
            strbuf_addf(&b, "%s%s", keys ? "/" : b.len ? ", " : "", key);
        keys += key != NULL;
        free(key);
        const char *next = a + 1 < nactions ? words && words[a + 1] ? words[a + 1] : tui_action_hint(actions[a + 1])
                                            : NULL;
        if (keys && (!next || strcmp(next, word) != 0)) {
            strbuf_addf(&b, " %s", word);
            keys = 0;
        }
    }
    if (!b.len) {
        strbuf_free(&b);
        return xstrdup("");
    }
    return strbuf_detach(&b);
}

int tui_keymap_resolve(const struct tui_keymap *screen,
                       const struct tui_keymap *global, int key)
{
    int a = tui_keymap_lookup(screen, key);
    return a != TUI_ACT_NONE ? a : tui_keymap_lookup(global, key);
}

int tui_keymap_check(const struct tui_keymap *km, char **bad)
{
    for (const struct tui_keybind *b = km->binds; b->keys; b++) {
        size_t len;
        bool ok = b->action > TUI_ACT_NONE && b->action < TUI_ACT_COUNT;
        for (const char *w = b->keys; ok && (w = next_word(w, &len)); w += len)
            ok = tui_key_parse(w, len) != TUI_KEY_NONE;
        if (!ok) {
            if (bad)
                *bad = xasprintf("%s: \"%s\"", tui_action_name(b->action), b->keys);
            return -1;
        }
    }
    return 0;
}

/* Whether key reaches maps[i]: not taken by an earlier map, and not typed
 * into a field. */
static bool key_reaches(const struct tui_keymap *const *maps, size_t i,
                        bool text_input, int key)
{
    if (i > 0 && text_input && tui_key_printable(key))
        return false;
    for (size_t j = 0; j < i; j++)
        if (tui_keymap_lookup(maps[j], key) != TUI_ACT_NONE)
            return false;
    return true;
}

/* The names of the keys of b that work, joined by ", "; NULL if none. */
static char *binding_keys(const struct tui_keymap *const *maps, size_t i,
                          bool text_input, const struct tui_keybind *b)
{
    struct strbuf s;
    size_t len;
    strbuf_init(&s);
    for (const char *w = b->keys; (w = next_word(w, &len)); w += len) {
        int key = tui_key_parse(w, len);
        if (key == TUI_KEY_NONE || !key_reaches(maps, i, text_input, key) ||
            tui_keymap_lookup(maps[i], key) != b->action)   /* rebound by the user */
            continue;
        char *name = tui_key_name(key);
        strbuf_addf(&s, "%s%s", s.len ? ", " : "", name);
        free(name);
    }
    if (s.len == 0) {
        strbuf_free(&s);
        return NULL;
    }
    return strbuf_detach(&s);
}

static void push_line(struct tui_help_line **lines, size_t *n, size_t *cap,
                      char *text, bool heading)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        *lines = xrealloc(*lines, *cap * sizeof(**lines));
    }
    (*lines)[(*n)++] = (struct tui_help_line){text, heading};
}

struct tui_help_line *tui_keymap_help(const struct tui_keymap *const *maps, size_t nmaps,
                                      bool text_input, const char *const *section_labels,
                                      size_t *n)
{
    struct tui_help_line *lines = NULL;
    size_t cap = 0, keycol = 0;
    *n = 0;
    /* First pass measures the key column so that descriptions line up. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < nmaps; i++) {
            if (!maps[i])
                continue;
            bool titled = false;
            /* The user's bindings of this map first, then the defaults. */
            size_t nb = 0, k = 0;
            while (maps[i]->binds[nb].keys)
                nb++;
            struct tui_keybind *all = xcalloc(nuser + nb + 1, sizeof(*all));
            for (size_t u = 0; maps[i]->id && u < nuser; u++)
                if (strcmp(user[u].map, maps[i]->id) == 0)
                    all[k++] = user[u].bind;
            memcpy(all + k, maps[i]->binds, nb * sizeof(*all));
            for (const struct tui_keybind *b = all; b->keys; b++) {
                int sec = tui_action_section(b->action);
                if (sec >= 0 && section_labels && !section_labels[sec])
                    continue;       /* no such section: no key for it */
                char *keys = binding_keys(maps, i, text_input, b);
                if (!keys)
                    continue;
                size_t w = tui_text_width(keys);
                if (pass == 0) {
                    keycol = w > keycol ? w : keycol;
                    free(keys);
                    continue;
                }
                if (!titled) {
                    push_line(&lines, n, &cap, xstrdup(_(maps[i]->title)), true);
                    titled = true;
                }
                char *text = xasprintf("  %s%*s  %s", keys, (int)(w < keycol ? keycol - w : 0), "",
                                       tui_action_help(b->action, section_labels));
                free(keys);
                push_line(&lines, n, &cap, text, false);
            }
            free(all);
        }
        if (keycol > 24)
            keycol = 24;
    }
    return lines;
}

void tui_keymap_help_free(struct tui_help_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(lines[i].text);
    free(lines);
}
