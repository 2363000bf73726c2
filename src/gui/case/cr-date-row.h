/* cr-date-row.h: an entry row for a calendar date, with a calendar popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CR_TYPE_DATE_ROW (cr_date_row_get_type ())

G_DECLARE_FINAL_TYPE (CrDateRow, cr_date_row, CR, DATE_ROW, AdwEntryRow)

GtkWidget   *cr_date_row_new       (void);
const GDate *cr_date_row_get_date  (CrDateRow   *self);
void         cr_date_row_set_date  (CrDateRow   *self,
                                    const GDate *date);
const char  *cr_date_row_get_error (CrDateRow   *self);
gboolean     cr_date_row_is_empty  (CrDateRow   *self);

G_END_DECLS
