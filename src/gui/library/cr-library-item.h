/* cr-library-item.h: one case of the library, as the sidebar lists it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cr-case-status.h"
#include "cr-case-store.h"

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY_ITEM (cr_library_item_get_type ())

G_DECLARE_FINAL_TYPE (CrLibraryItem, cr_library_item, CR, LIBRARY_ITEM, GObject)

CrLibraryItem      *cr_library_item_new                  (CrCaseStore   *store,
                                                          CrCaseSummary *summary);
CrLibraryItem      *cr_library_item_new_for_case         (CrCaseStore   *store,
                                                          CrCase        *kase);

CrCaseStore        *cr_library_item_get_store            (CrLibraryItem *self);
CrCaseSummary      *cr_library_item_get_summary          (CrLibraryItem *self);
const char         *cr_library_item_get_folder           (CrLibraryItem *self);
const char         *cr_library_item_get_name             (CrLibraryItem *self);
const char         *cr_library_item_get_company_name     (CrLibraryItem *self);
const char         *cr_library_item_get_title            (CrLibraryItem *self);
const char         *cr_library_item_get_uscc             (CrLibraryItem *self);
const char * const *cr_library_item_get_decision_numbers (CrLibraryItem *self);
const char         *cr_library_item_get_error            (CrLibraryItem *self);
gboolean            cr_library_item_get_has_recovery     (CrLibraryItem *self);
CrCaseStatus        cr_library_item_get_status           (CrLibraryItem *self);
const GDate        *cr_library_item_get_next_date        (CrLibraryItem *self);
char               *cr_library_item_dup_details          (CrLibraryItem *self);

void                cr_library_item_set_status           (CrLibraryItem *self,
                                                          CrCaseStatus   status,
                                                          const GDate   *next_date,
                                                          gboolean       approximate);
gboolean            cr_library_item_get_next_date_approximate (CrLibraryItem *self);
void                cr_library_item_update_from_case     (CrLibraryItem *self,
                                                          CrCase        *kase);
gboolean            cr_library_item_update_from_summary  (CrLibraryItem *self,
                                                          CrCaseSummary *summary);
void                cr_library_item_set_folder           (CrLibraryItem *self,
                                                          const char    *folder);

gboolean            cr_library_item_matches              (CrLibraryItem *self,
                                                          const char    *query);
int                 cr_library_item_compare_by_company   (CrLibraryItem *a,
                                                          CrLibraryItem *b);
int                 cr_library_item_compare_by_date      (CrLibraryItem *a,
                                                          CrLibraryItem *b);

G_END_DECLS
