/* cr-material-row.h: one attached file in the materials checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case-material.h"
#include "cr-material.h"

G_BEGIN_DECLS

#define CR_TYPE_MATERIAL_ROW (cr_material_row_get_type ())

G_DECLARE_FINAL_TYPE (CrMaterialRow, cr_material_row, CR, MATERIAL_ROW, GtkListBoxRow)

CrMaterialRow  *cr_material_row_new           (CrCaseMaterial *material);
CrCaseMaterial *cr_material_row_get_material  (CrMaterialRow  *self);
CrMaterialInfo *cr_material_row_get_info      (CrMaterialRow  *self);
void            cr_material_row_set_info      (CrMaterialRow  *self,
                                               CrMaterialInfo *info,
                                               GPtrArray      *problems);
GPtrArray      *cr_material_row_get_problems  (CrMaterialRow  *self);
void            cr_material_row_set_thumbnail (CrMaterialRow  *self,
                                               GdkTexture     *texture);
GdkTexture     *cr_material_row_get_thumbnail (CrMaterialRow  *self);

G_END_DECLS
