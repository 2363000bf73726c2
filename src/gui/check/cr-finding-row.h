/* cr-finding-row.h: one finding of a check, in the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cr-checker.h"

G_BEGIN_DECLS

#define CR_TYPE_FINDING_ROW (cr_finding_row_get_type ())

G_DECLARE_FINAL_TYPE (CrFindingRow, cr_finding_row, CR, FINDING_ROW, GtkListBoxRow)

GtkWidget  *cr_finding_row_new          (CrCheckResult *result,
                                         guint          index);
CrSeverity  cr_finding_row_get_severity (CrFindingRow  *self);
const char *cr_finding_row_get_rule     (CrFindingRow  *self);
const char *cr_finding_row_get_message  (CrFindingRow  *self);
const char *cr_finding_row_get_field    (CrFindingRow  *self);
const char *cr_finding_row_get_pointer  (CrFindingRow  *self);
const char *cr_finding_row_get_record   (CrFindingRow  *self);
const char *cr_finding_row_get_slot     (CrFindingRow  *self);
const char *cr_finding_row_get_slot_record (CrFindingRow *self);
gboolean    cr_finding_row_get_verified (CrFindingRow  *self);
gboolean    cr_finding_row_get_navigable (CrFindingRow *self);

G_END_DECLS
