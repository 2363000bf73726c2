/* cr-materials-page.h: the Materials page of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"
#include "cr-check-controller.h"
#include "cr-checker.h"

G_BEGIN_DECLS

#define CR_TYPE_MATERIALS_PAGE (cr_materials_page_get_type ())

G_DECLARE_FINAL_TYPE (CrMaterialsPage, cr_materials_page, CR, MATERIALS_PAGE, GtkWidget)

CrMaterialsPage   *cr_materials_page_new              (void);
CrCase            *cr_materials_page_get_case         (CrMaterialsPage   *self);
void               cr_materials_page_set_case         (CrMaterialsPage   *self,
                                                       CrCase            *case_);
CrCheckResult     *cr_materials_page_get_check_result (CrMaterialsPage   *self);
void               cr_materials_page_set_check_result (CrMaterialsPage   *self,
                                                       CrCheckResult     *result);
CrCheckController *cr_materials_page_get_controller   (CrMaterialsPage   *self);
void               cr_materials_page_set_controller   (CrMaterialsPage   *self,
                                                       CrCheckController *controller);
gboolean           cr_materials_page_focus_slot       (CrMaterialsPage   *self,
                                                       const char        *record_id,
                                                       const char        *slot_id);

G_END_DECLS
