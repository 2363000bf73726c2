/* cr-records-page.h: the records of a case, a list beside an editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"

G_BEGIN_DECLS

#define CR_TYPE_RECORDS_PAGE (cr_records_page_get_type ())

G_DECLARE_FINAL_TYPE (CrRecordsPage, cr_records_page, CR, RECORDS_PAGE, AdwBin)

CrCase       *cr_records_page_get_case        (CrRecordsPage *self);
void          cr_records_page_set_case        (CrRecordsPage *self,
                                               CrCase        *kase);
gboolean      cr_records_page_focus_pointer   (CrRecordsPage *self,
                                               const char    *pointer);
CrCaseRecord *cr_records_page_get_selected    (CrRecordsPage *self);
void          cr_records_page_select          (CrRecordsPage *self,
                                               guint          position);
void          cr_records_page_add_record      (CrRecordsPage *self);
void          cr_records_page_remove_selected (CrRecordsPage *self);
void          cr_records_page_paste           (CrRecordsPage *self);
void          cr_records_page_import_csv      (CrRecordsPage *self);

G_END_DECLS
