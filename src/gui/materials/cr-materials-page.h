/* cr-materials-page.h: the Materials page of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-checked-page.h"

G_BEGIN_DECLS

#define CR_TYPE_MATERIALS_PAGE (cr_materials_page_get_type ())

G_DECLARE_FINAL_TYPE (CrMaterialsPage, cr_materials_page, CR, MATERIALS_PAGE, CrCheckedPage)

CrMaterialsPage *cr_materials_page_new        (void);
gboolean         cr_materials_page_focus_slot (CrMaterialsPage *self,
                                               const char      *record_id,
                                               const char      *slot_id);

G_END_DECLS
