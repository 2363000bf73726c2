/* cr-slot-row.h: one upload slot of the materials checklist
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-rule-set.h"
#include "cr-material-row.h"

G_BEGIN_DECLS

typedef enum
{
  CR_SLOT_STATE_MISSING,     /* required, nothing attached */
  CR_SLOT_STATE_OPTIONAL,    /* not required, nothing attached */
  CR_SLOT_STATE_INSPECTING,  /* attached, inspection running */
  CR_SLOT_STATE_ATTACHED,    /* attached, no problems */
  CR_SLOT_STATE_WARNINGS,    /* attached, with warnings */
  CR_SLOT_STATE_ERRORS,      /* attached, with errors */
} CrSlotState;

#define CR_TYPE_SLOT_ROW (cr_slot_row_get_type ())

G_DECLARE_FINAL_TYPE (CrSlotRow, cr_slot_row, CR, SLOT_ROW, AdwExpanderRow)

CrSlotRow     *cr_slot_row_new                 (const char      *slot_id,
                                                const char      *record_id);
const char    *cr_slot_row_get_slot_id         (CrSlotRow       *self);
const char    *cr_slot_row_get_record_id       (CrSlotRow       *self);
void           cr_slot_row_set_definition      (CrSlotRow       *self,
                                                CrRuleSet       *rule_set,
                                                const CrSlotDef *slot,
                                                const CrRule    *reason,
                                                gboolean         required,
                                                CrLanguage       language);
const CrSlotDef *cr_slot_row_get_definition    (CrSlotRow       *self);
gboolean       cr_slot_row_get_required        (CrSlotRow       *self);
CrSlotState    cr_slot_row_get_state           (CrSlotRow       *self);
void           cr_slot_row_set_state           (CrSlotRow       *self,
                                                CrSlotState      state,
                                                guint            n_problems);
GtkDropTarget *cr_slot_row_get_drop_target     (CrSlotRow       *self);

/* The rows of the files attached, in order. */
GPtrArray     *cr_slot_row_get_material_rows   (CrSlotRow       *self);
void           cr_slot_row_set_material_rows   (CrSlotRow       *self,
                                                GPtrArray       *rows);

G_END_DECLS
