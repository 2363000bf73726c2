/* cr-result-view.h: one check result: verdict, rules in force, records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cr-check-controller.h"

G_BEGIN_DECLS

#define CR_TYPE_RESULT_VIEW (cr_result_view_get_type ())

G_DECLARE_FINAL_TYPE (CrResultView, cr_result_view, CR, RESULT_VIEW, GtkWidget)

GtkWidget         *cr_result_view_new                (void);
CrCheckController *cr_result_view_get_controller     (CrResultView      *self);
void               cr_result_view_set_controller     (CrResultView      *self,
                                                      CrCheckController *controller);

/* What is shown, for tests and accessibility checks. */
const char        *cr_result_view_get_verdict        (CrResultView      *self);
const char        *cr_result_view_get_rules_text     (CrResultView      *self);
guint              cr_result_view_get_n_records      (CrResultView      *self);
const char        *cr_result_view_get_record_status  (CrResultView      *self,
                                                      guint              index);
const char        *cr_result_view_get_record_timeline (CrResultView     *self,
                                                       guint             index);

G_END_DECLS
