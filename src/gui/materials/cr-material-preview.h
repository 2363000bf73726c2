/* cr-material-preview.h: a larger view of an attached file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-material.h"

G_BEGIN_DECLS

#define CR_TYPE_MATERIAL_PREVIEW (cr_material_preview_get_type ())

G_DECLARE_FINAL_TYPE (CrMaterialPreview, cr_material_preview, CR, MATERIAL_PREVIEW, AdwWindow)

CrMaterialPreview *cr_material_preview_new         (GtkWindow         *parent,
                                                    CrMaterialInfo    *info);
gboolean           cr_material_preview_get_loaded  (CrMaterialPreview *self);

G_END_DECLS
