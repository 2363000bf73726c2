/* cr-case-material.h: one attached file of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A material serves one upload slot, for one record (by record id) or, with
 * a NULL record, for the whole case. Its path is relative to the case's
 * base directory unless it is absolute (see cr_case_resolve_path()).
 * Setters notify and emit CrCaseMaterial::changed.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CR_TYPE_CASE_MATERIAL (cr_case_material_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseMaterial, cr_case_material, CR, CASE_MATERIAL, GObject)

CrCaseMaterial *cr_case_material_new (const char *slot,
                                      const char *record,
                                      const char *path);

const char *cr_case_material_get_slot   (CrCaseMaterial *self);
void        cr_case_material_set_slot   (CrCaseMaterial *self,
                                         const char     *slot);
const char *cr_case_material_get_record (CrCaseMaterial *self);
void        cr_case_material_set_record (CrCaseMaterial *self,
                                         const char     *record);
const char *cr_case_material_get_path   (CrCaseMaterial *self);
void        cr_case_material_set_path   (CrCaseMaterial *self,
                                         const char     *path);

G_END_DECLS
