/* Record kinds described as data: one descriptor per kind drives the schema,
 * validation, the command line's field=value, CSV/JSON columns, forms and
 * sync. Adding a field is one line in model/kinds.c (with the schema version
 * that adds it). Nothing here touches SQLite. */
#ifndef CARNET_MODEL_KIND_H
#define CARNET_MODEL_KIND_H

#include <stdbool.h>

enum field_type {
    FT_TEXT,      /* one line of text */
    FT_LONGTEXT,  /* several lines */
    FT_INT,       /* a count: integer >= 0 */
    FT_REAL,      /* a quantity: decimal >= 0 */
    FT_BOOL,      /* 0 or 1 */
    FT_DATE,      /* ISO YYYY-MM-DD, a real calendar date */
    FT_CHOICE,    /* one code of field.choices */
    FT_SET,       /* sorted comma-separated keys (kind_set_key) of the kind named by ref, or free names */
    FT_REF,       /* the id of a record of the kind named by ref */
};

enum field_flag {
    F_REQUIRED = 1u << 0,
    F_PERSONAL = 1u << 1,   /* blanked when a person's data is erased */
    F_FTS = 1u << 2,        /* searched by full-text search */
    F_SORT = 1u << 3,       /* lists can be sorted on it (it has an index) */
    F_INDEXED = 1u << 4,    /* filters on it use an index (sets: set_member) */
    F_CODE = 1u << 5,       /* a code: lowercase letters, digits, underscore */
    F_LOGIN = 1u << 6,      /* a Unix login */
};

/* What a new record's field starts with, in a form and on the command line
 * (record_defaults resolves it; a value given by the user always wins). */
enum field_default {
    DFLT_NONE = 0,
    DFLT_TODAY,         /* today's date (store_today) */
    DFLT_VALUE,         /* the constant dflt_value (a choice code, "0"...) */
    DFLT_ONLY,          /* REF: the only live record of its kind, if there is exactly one */
    DFLT_MY_CENTRE,     /* REF centre: the writer's own centre, else as DFLT_ONLY */
};

struct choice {
    const char *code;       /* stable English code, stored */
    const char *label;      /* English label, translated with gettext */
};

struct field {
    const char *name;       /* SQL column, CLI field, CSV header, JSON key */
    enum field_type type;
    const char *label;      /* English, N_() */
    unsigned flags;
    int max;                /* TEXT: most characters; INT: largest value (0: none) */
    const struct choice *choices;   /* CHOICE (and SET of fixed codes): {NULL} ended */
    const char *ref;        /* REF: target kind; SET: kind whose codes are members */
    const char *not_above;  /* INT: a field of the same record it cannot exceed */
    const char *not_before; /* DATE: a field of the same record it cannot precede */
    int since;              /* schema version that added it */
    enum field_default dflt;/* the default of a new record */
    const char *dflt_value; /* DFLT_VALUE: the value */
};

enum kind_flag {
    K_LOG = 1u << 0,        /* one of the logbooks */
    K_ADMIN = 1u << 1,      /* only admins write it */
    K_SEEDED = 1u << 2,     /* rows seeded by the schema (criteria, themes) */
};

struct kind {
    const char *name;       /* table name and CLI kind */
    const char *label;      /* N_("initiative") */
    const char *plural;     /* N_("initiatives") */
    const struct field *fields;
    int nfields;
    const char *date_field; /* list order and --from/--to; NULL: order by title */
    const char *title_field;/* what names a record in lists */
    const char *natural_key;/* "a,b": ids are UUID v5 of these fields; NULL: v4 */
    unsigned flags;
    int since;
};

/* NULL ended, in creation order. The position of a kind is its number,
 * stored in the full-text index: new kinds go at the end, never between. */
extern const struct kind *const kinds[];
#define FTS_KINDS 32                        /* room for this many kinds */
extern const int kinds_count;

const struct kind *kind_find(const char *name);
/* The position of k in kinds[]. */
int kind_number(const struct kind *k);
const struct field *kind_field(const struct kind *k, const char *name);
int kind_field_index(const struct kind *k, const char *name);
/* The label of a choice code, English (untranslated), or NULL. */
const char *field_choice_label(const struct field *f, const char *code);
/* The field whose values are the members of a set of kind k: its natural
 * key when that is one field (a theme's code), else its id (a partner). */
const char *kind_set_key(const struct kind *k);
/* The field that orders lists: date_field, else title_field. */
const struct field *kind_sort_field(const struct kind *k);
/* The name of a type for people, English (N_): translate it with _(). */
const char *field_type_name(enum field_type t);

#endif
