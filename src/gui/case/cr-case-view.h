/* cr-case-view.h: the pages of one case (company, records, overview, report …)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"

G_BEGIN_DECLS

#define CR_TYPE_CASE_VIEW (cr_case_view_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseView, cr_case_view, CR, CASE_VIEW, AdwBin)

GtkWidget    *cr_case_view_new            (void);
CrCase       *cr_case_view_get_case       (CrCaseView *self);
void          cr_case_view_set_case       (CrCaseView *self,
                                           CrCase     *kase);
gboolean      cr_case_view_focus_pointer  (CrCaseView *self,
                                           const char *json_pointer);
AdwViewStack *cr_case_view_get_stack      (CrCaseView *self);
GtkWidget    *cr_case_view_get_page       (CrCaseView *self,
                                           const char *name);
void          cr_case_view_add_record     (CrCaseView *self);
void          cr_case_view_paste_records  (CrCaseView *self);
void          cr_case_view_import_records (CrCaseView *self);

G_END_DECLS
