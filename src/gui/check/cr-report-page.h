/* cr-report-page.h: every finding of a check, by record and severity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cr-check-controller.h"
#include "cr-finding-row.h"

G_BEGIN_DECLS

#define CR_TYPE_REPORT_PAGE (cr_report_page_get_type ())

G_DECLARE_FINAL_TYPE (CrReportPage, cr_report_page, CR, REPORT_PAGE, GtkWidget)

GtkWidget         *cr_report_page_new            (void);
CrCheckController *cr_report_page_get_controller (CrReportPage      *self);
void               cr_report_page_set_controller (CrReportPage      *self,
                                                  CrCheckController *controller);

/* What is shown, for tests. */
const char        *cr_report_page_get_summary    (CrReportPage      *self);
guint              cr_report_page_get_n_groups   (CrReportPage      *self);
const char        *cr_report_page_get_group_title (CrReportPage     *self,
                                                   guint             group);
guint              cr_report_page_get_n_rows     (CrReportPage      *self);
CrFindingRow      *cr_report_page_get_row        (CrReportPage      *self,
                                                  guint              index);
CrFindingRow      *cr_report_page_find_row       (CrReportPage      *self,
                                                  const char        *rule,
                                                  const char        *record);

G_END_DECLS
