/* cr-materials-page-private.h: what the tests drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-materials-page.h"
#include "cr-slot-row.h"

G_BEGIN_DECLS

GPtrArray *cr_materials_page_get_slot_rows       (CrMaterialsPage *self);
CrSlotRow *cr_materials_page_find_slot_row       (CrMaterialsPage *self,
                                                  const char      *record_id,
                                                  const char      *slot_id);
guint      cr_materials_page_get_n_pending       (CrMaterialsPage *self);
AdwToast  *cr_materials_page_get_undo_toast      (CrMaterialsPage *self);
const char *cr_materials_page_get_summary        (CrMaterialsPage *self);
/* What the file chooser does with the file it was given. */
void       cr_materials_page_replace_material    (CrMaterialsPage *self,
                                                  CrCaseMaterial  *material,
                                                  GFile           *file);

G_END_DECLS
