/* The report dialog: the yearly report of model/report.h written to a file
 * from inside the application, by the Dashboard's report key (its year and
 * centre) or by ":report" from any screen (this year, every centre). The
 * format and the file are asked by the file dialog of screens/filedialog.c;
 * the whole path is shown at the end. */
#include "screens/screens.h"
#include "model/format.h"
#include "model/report.h"
#include "tui/dialog.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct report_dialog {
    int year;
    const char *centre;         /* a centre id, or NULL for every centre */
};

static bool make_report(void *ctx, size_t format, struct strbuf *out, struct error *err)
{
    struct report_dialog *d = ctx;
    struct report_opts o = {.year = d->year, .centre = d->centre, .format = report_formats[format].format,
                            .label_column = format_label_column()};
    return report_write(screens_store(), &o, out, err) == 0;
}

int screens_report(int year, const char *centre_id, const char *centre_name)
{
    struct report_dialog rd = {year, centre_id};
    struct screens_file_dialog d = {.make = make_report, .ctx = &rd,
                                    .failed_title = _("The report could not be made"),
                                    .unwritten_title = _("The report was not written")};
    for (size_t i = 0; i < report_nformats && i < SCREENS_FILE_FORMATS; i++, d.nformats++)
        d.formats[i] = (struct screens_file_format){report_formats[i].name, report_formats[i].label,
                                                    report_formats[i].ext};
    char *title = xasprintf(_("The report of %d — %s"), year, centre_name ? centre_name : _("All centres"));
    /* TRANSLATORS: the name of the report's file, before its extension; no
     * spaces or slashes. */
    char *year_part = xasprintf(_("report-%d"), year);
    char *part = centre_name ? screens_file_name_part(centre_name) : xstrdup("");
    char *base = xasprintf("%s%s%s", year_part, *part ? "-" : "", part);
    d.title = title;
    d.base = base;
    char *written = screens_file_dialog(&d);
    if (written) {
        char *text = xasprintf(_("The report is in:\n%s"), written);
        tui_dialog_message(_("Report written"), text);
        free(text);
    }
    free(written);
    free(base);
    free(part);
    free(year_part);
    free(title);
    return TUI_REDRAW;
}
