/* Numbers and dates by hand, so that what is accepted and what is stored
 * never follow LC_NUMERIC: the terminal application and the command line run
 * under setlocale(LC_ALL, ""), where strtod and printf want "12,5" in French
 * and stop at the '.' of "12.5". Only the conversions between text and double
 * go through the C library, inside the C locale (uselocale). */
#include "util/numdate.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(NUMDATE_YEAR_MIN == 1900 && NUMDATE_YEAR_MAX == 2199,
               "the message of NUMDATE_YEAR_RANGE names the years: change it with them");

/* ---- the C locale, for strtod and printf ---------------------------------- */

static locale_t c_locale(void)
{
    static locale_t c = (locale_t)0;
    if (!c)
        c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return c;
}

/* The current locale's decimal separator, for people ("," in French). */
static const char *radix(void)
{
    const char *r = localeconv()->decimal_point;
    return r && *r ? r : ".";
}

/* A copy of s where each '.' is the string with. The caller frees it. */
static char *replace_dot(const char *s, const char *with)
{
    size_t n = strlen(s), w = strlen(with), dots = 0;
    for (const char *p = s; *p; p++)
        dots += *p == '.';
    char *out = xmalloc(n + dots * w + 1), *o = out;
    for (const char *p = s; *p; p++) {
        if (*p == '.') {
            memcpy(o, with, w);
            o += w;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

int numdate_to_double(const char *text, double *out)
{
    if (!text || !*text || isspace((unsigned char)*text))
        return -1;
    char *end;
    double v;
    locale_t c = c_locale();
    if (c) {
        locale_t old = uselocale(c);
        v = strtod(text, &end);
        uselocale(old);
        if (*end)
            return -1;
    } else {                            /* no C locale object: speak the current one */
        char *copy = replace_dot(text, radix());
        v = strtod(copy, &end);
        bool bad = *end != '\0';
        free(copy);
        if (bad)
            return -1;
    }
    *out = v;
    return 0;
}

/* printf of one double in the C locale: fmt has one '*' precision and one
 * floating conversion. */
static void c_printf(char *out, size_t size, const char *fmt, int precision, double x)
{
    locale_t c = c_locale();
    if (c) {
        locale_t old = uselocale(c);
        snprintf(out, size, fmt, precision, x);
        uselocale(old);
        return;
    }
    snprintf(out, size, fmt, precision, x);
    const char *r = radix();
    char *at = strstr(out, r);
    if (at && strcmp(r, ".") != 0) {
        *at = '.';
        memmove(at + 1, at + strlen(r), strlen(at + strlen(r)) + 1);
    }
}

void numdate_real_text(double x, char out[32])
{
    c_printf(out, 32, "%.*g", 15, x);
    if (!strpbrk(out, ".eEn") && strlen(out) + 2 < 32)
        strcat(out, ".0");
}

void numdate_fixed(double x, int decimals, bool human, char out[48])
{
    c_printf(out, 48, "%.*f", decimals, x);
    if (human && strcmp(radix(), ".") != 0) {
        char *s = replace_dot(out, radix());
        snprintf(out, 48, "%s", s);
        free(s);
    }
}

void numdate_grouped(double x, int decimals, bool french, char out[64])
{
    char raw[48];
    numdate_fixed(x, decimals, false, raw);
    const char *sep = french ? "\u202f" : ",", *dot = french ? "," : ".";
    const char *p = raw, *end = strchr(raw, '.');
    size_t intlen = end ? (size_t)(end - raw) : strlen(raw), o = 0;
    if (*p == '-') {
        out[o++] = *p++;
        intlen--;
    }
    /* a separator takes 3 bytes in French: an integer part of more than
     * about 45 digits would not fit, and is cut rather than overflow */
    for (size_t i = 0; i < intlen && o + 8 < 64; i++) {
        if (i && (intlen - i) % 3 == 0)
            o += (size_t)snprintf(out + o, 64 - o, "%s", sep);
        out[o++] = p[i];
    }
    out[o] = '\0';
    if (end)
        snprintf(out + o, 64 - o, "%s%s", dot, end + 1);
}

char *numdate_number_display(const char *stored)
{
    if (!stored)
        return xstrdup("");
    char *s = xstrdup(stored);
    char *dot = strchr(s, '.');
    if (dot && !strpbrk(s, "eE")) {     /* "13.0" reads 13 */
        const char *p = dot + 1;
        while (*p == '0')
            p++;
        if (!*p)
            *dot = '\0';
    }
    char *out = replace_dot(s, radix());
    free(s);
    return out;
}

/* ---- numbers as typed ------------------------------------------------------ */

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

/* [*p, *e) is text without the spaces and tabs around it; false when
 * nothing is left (or text is NULL). */
static bool trim(const char *text, const char **p, const char **e)
{
    if (!text)
        return false;
    *p = text;
    *e = text + strlen(text);
    while (*p < *e && (**p == ' ' || **p == '\t'))
        (*p)++;
    while (*e > *p && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
        (*e)--;
    return *p < *e;
}

/* Bytes of a space or thousands mark at p: ' ', '\'', U+00A0, U+2009,
 * U+202F (the spaces French writes 1 234 with), U+2019; 0 for others. */
static size_t group_mark(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    if (p[0] == ' ' || p[0] == '\'')
        return 1;
    if (p[0] == 0xC2 && p[1] == 0xA0)
        return 2;
    if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x89 || p[2] == 0xAF || p[2] == 0x99))
        return 3;
    return 0;
}

/* True when [p, e) is digits grouped by thousands: digits with marks or
 * several separators between them, such as 1 234,5 or 1.234,5 or 1,234.5. */
static bool grouped(const char *p, const char *e)
{
    if (p < e && (*p == '-' || *p == '+'))
        p++;
    int marks = 0, seps = 0;
    bool after_digit = false;
    while (p < e) {
        size_t n = 0;
        if (digit(*p)) {
            after_digit = true;
            p++;
            continue;
        }
        if (*p == '.' || *p == ',')
            seps++, n = 1;
        else if ((n = group_mark(p)) != 0)
            marks++;
        else
            return false;
        if (!after_digit || p + n >= e || !digit(p[n]))
            return false;           /* a mark between two digits only */
        after_digit = false;
        p += n;
    }
    return marks > 0 || seps > 1;
}

int numdate_parse_number(const char *text, bool whole, char **out)
{
    *out = NULL;
    const char *p, *e;
    if (!trim(text, &p, &e))
        return NUMDATE_EMPTY;
    const char *q = p;
    bool negative = false;
    if (*q == '-' || *q == '+')
        negative = *q++ == '-';
    const char *int_at = q;
    while (q < e && digit(*q))
        q++;
    size_t int_len = (size_t)(q - int_at);
    const char *frac_at = NULL;
    size_t frac_len = 0;
    if (q < e && (*q == '.' || *q == ',')) {
        frac_at = ++q;
        while (q < e && digit(*q))
            q++;
        frac_len = (size_t)(q - frac_at);
    }
    bool shaped = q == e && (int_len || frac_len) && (!frac_at || frac_len);
    if (!shaped || (whole && frac_at)) {
        /* A whole number written 1.234 or 1,234 is a grouped 1234. */
        if (grouped(p, e) || (whole && shaped && frac_len == 3 && int_len >= 1 && int_len <= 3))
            return NUMDATE_GROUPED;
        return NUMDATE_BAD;
    }
    while (int_len > 1 && *int_at == '0') {
        int_at++;
        int_len--;
    }
    bool zero = true;
    for (const char *d = int_at; d < int_at + int_len; d++)
        zero = zero && *d == '0';
    for (const char *d = frac_at; d && d < frac_at + frac_len; d++)
        zero = zero && *d == '0';
    if (!int_len) {                     /* ",5" */
        int_at = "0";
        int_len = 1;
    }
    *out = xasprintf("%s%.*s%s%.*s", negative && !zero ? "-" : "", (int)int_len, int_at,
                     frac_at ? "." : "", (int)frac_len, frac_at ? frac_at : "");
    return NUMDATE_OK;
}

/* ---- dates ------------------------------------------------------------------- */

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

static int check_ymd(int y, int m, int d)
{
    if (y < NUMDATE_YEAR_MIN || y > NUMDATE_YEAR_MAX)
        return NUMDATE_YEAR_RANGE;
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return NUMDATE_NO_SUCH_DAY;
    return NUMDATE_OK;
}

/* The number of the n digits at p, or -1 when they are not all digits. */
static int number_at(const char *p, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!digit(p[i]))
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

/* yyyy-mm-dd exactly, its parts into y, m, d; false for another shape. */
static bool iso_shape(const char *s, size_t len, int *y, int *m, int *d)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return false;
    *y = number_at(s, 4);
    *m = number_at(s + 5, 2);
    *d = number_at(s + 8, 2);
    return *y >= 0 && *m >= 0 && *d >= 0;
}

/* One or two digits at *p, moved past them; -1 when there are none. */
static int short_number(const char **p, const char *e)
{
    int n = 0, v = 0;
    while (*p < e && digit(**p) && n < 2) {
        v = v * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    return n ? v : -1;
}

int numdate_parse_date(const char *text, char iso[11])
{
    const char *p, *e;
    if (!trim(text, &p, &e))
        return NUMDATE_EMPTY;
    int y, m, d;
    if (!iso_shape(p, (size_t)(e - p), &y, &m, &d)) {
        const char *q = p;
        d = short_number(&q, e);
        char sep = q < e ? *q : '\0';
        if (d < 0 || !sep || !strchr("/.-", sep))
            return NUMDATE_BAD;
        q++;
        m = short_number(&q, e);
        if (m < 0 || q >= e || *q != sep || e - (q + 1) != 4 || (y = number_at(q + 1, 4)) < 0)
            return NUMDATE_BAD;
    }
    int rc = check_ymd(y, m, d);
    if (rc == NUMDATE_OK) {
        char buf[32];
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
        memcpy(iso, buf, 11);
    }
    return rc;
}

bool numdate_date_valid(const char *s)
{
    int y, m, d;
    return s && iso_shape(s, strlen(s), &y, &m, &d) && check_ymd(y, m, d) == NUMDATE_OK;
}

bool numdate_day_first(void)
{
    const char *fmt = nl_langinfo(D_FMT);
    return fmt && strncmp(fmt, "%d", 2) == 0;
}

void numdate_date_display(const char *iso, char out[11])
{
    out[0] = '\0';
    if (!iso)
        return;
    if (numdate_day_first() && numdate_date_valid(iso))
        snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else
        snprintf(out, 11, "%s", iso);
}

/* ---- messages ---------------------------------------------------------------- */

const char *numdate_why(int status, bool date, bool whole)
{
    switch (status) {
    case NUMDATE_OK:
        return NULL;
    case NUMDATE_EMPTY:
        return N_("is empty");
    case NUMDATE_GROUPED:
        return N_("has its digits grouped; write the number without spaces or thousands separators "
                  "(for example 1234.5)");
    case NUMDATE_NO_SUCH_DAY:
        return N_("does not exist");
    case NUMDATE_YEAR_RANGE:
        return N_("is refused: the year must be between 1900 and 2199");
    default:
        if (date)
            return N_("is not a date; write it as dd/mm/yyyy or yyyy-mm-dd");
        return whole ? N_("is not a whole number") : N_("is not a number; write it as 12.5 or 12,5");
    }
}
