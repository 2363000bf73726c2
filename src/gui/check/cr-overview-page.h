/* cr-overview-page.h: a case at a glance: verdict, rules, record timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cr-check-controller.h"
#include "cr-result-view.h"

G_BEGIN_DECLS

#define CR_TYPE_OVERVIEW_PAGE (cr_overview_page_get_type ())

G_DECLARE_FINAL_TYPE (CrOverviewPage, cr_overview_page, CR, OVERVIEW_PAGE, GtkWidget)

GtkWidget         *cr_overview_page_new                   (void);
CrCheckController *cr_overview_page_get_controller        (CrOverviewPage    *self);
void               cr_overview_page_set_controller        (CrOverviewPage    *self,
                                                           CrCheckController *controller);
gboolean           cr_overview_page_get_compare           (CrOverviewPage    *self);
void               cr_overview_page_set_compare           (CrOverviewPage    *self,
                                                           gboolean           compare);
CrCheckController *cr_overview_page_get_compare_controller (CrOverviewPage   *self);
CrResultView      *cr_overview_page_get_result_view       (CrOverviewPage    *self,
                                                           guint              column);

G_END_DECLS
