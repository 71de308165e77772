/* Numbers and dates: the one parser of what people type (the command line,
 * forms, imported files) and the one formatter of what they read and of
 * what the store keeps. The stored forms ("12.5", "2026-12-02") never
 * depend on the locale; only the forms for people do (12,5 and 02/12/2026
 * in French). Knows nothing of curses or SQL. */
#ifndef CARNET_UTIL_NUMDATE_H
#define CARNET_UTIL_NUMDATE_H

#include <stdbool.h>
#include <stddef.h>

/* The years a date may have (the store refuses others). The message of
 * NUMDATE_YEAR_RANGE names them, so change both together. */
#define NUMDATE_YEAR_MIN 1900
#define NUMDATE_YEAR_MAX 2199

enum numdate_status {
    NUMDATE_OK = 0,
    NUMDATE_EMPTY,          /* nothing but spaces */
    NUMDATE_BAD,            /* not a number (a whole number) or not a date of an accepted form */
    NUMDATE_GROUPED,        /* digits grouped by thousands: 1 234,5  1.234,5  1,234.5 */
    NUMDATE_NO_SUCH_DAY,    /* a date of the right form that the calendar does not have: 31/11/2026 */
    NUMDATE_YEAR_RANGE,     /* a real date outside NUMDATE_YEAR_MIN..NUMDATE_YEAR_MAX */
};

/* A number as typed, in any locale: spaces around, an optional sign, digits
 * and, unless whole, one decimal separator ',' or '.' followed by digits
 * ("12,5", "12.5", ",5"). No exponent, no grouping of thousands. On
 * NUMDATE_OK *out is the number with '.' and no leading zeros ("12.5",
 * "-3", "0.50"), owned by the caller; otherwise *out is NULL. */
int numdate_parse_number(const char *text, bool whole, char **out);

/* The value of a number in the stored or parsed form ("12.5", "-3", "1.0e+20"),
 * whatever LC_NUMERIC says. Returns 0, or -1 when text is not one whole. */
int numdate_to_double(const char *text, double *out);

/* x in the form the store keeps and SQLite gives back ("%.15g" in the C
 * locale, "13.0" for a whole value), so an unchanged value compares equal. */
void numdate_real_text(double x, char out[32]);

/* x with decimals digits after the separator: the locale's separator when
 * human (screens, text and Markdown reports), '.' otherwise (CSV, JSON). */
void numdate_fixed(double x, int decimals, bool human, char out[48]);

/* x with decimals digits and its thousands grouped, as people read it in
 * a text for them (screens, reports): "45,086.5" in English, "45 086,5" in
 * French (U+202F narrow no-break spaces between the groups), whatever
 * LC_NUMERIC says: french chooses. */
void numdate_grouped(double x, int decimals, bool french, char out[64]);

/* A stored number ("12.5", "13.0", "42") as a person reads it in the
 * locale: "12,5", "13", "42" in French. The caller frees it. */
char *numdate_number_display(const char *stored);

/* A date as typed, in any locale: yyyy-mm-dd, dd/mm/yyyy or d/m/yyyy ('.'
 * also separates day first: 14.07.2024), spaces around. On NUMDATE_OK iso
 * holds yyyy-mm-dd. */
int numdate_parse_date(const char *text, char iso[11]);

/* True when s is a date in the stored form yyyy-mm-dd, real, in the years. */
bool numdate_date_valid(const char *s);

/* True when the locale writes dates day first (fr_FR: %d/%m/%Y). */
bool numdate_day_first(void);

/* A stored date as a person reads it: dd/mm/yyyy where the locale puts the
 * day first, else yyyy-mm-dd; "" for NULL; text that is not a stored date
 * is copied (cut to 10 bytes). */
void numdate_date_display(const char *iso, char out[11]);

/* What is wrong with a value refused with status, as words that follow the
 * quoted value ("'31/11/2026' does not exist"): an untranslated message id
 * (pass it to _()); NULL for NUMDATE_OK. date: the value was a date;
 * whole: a whole number was wanted. */
const char *numdate_why(int status, bool date, bool whole);

#endif
