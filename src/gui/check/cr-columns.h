/* cr-columns.h: children side by side when there is room, else stacked
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CR_TYPE_COLUMNS (cr_columns_get_type ())

G_DECLARE_FINAL_TYPE (CrColumns, cr_columns, CR, COLUMNS, GtkWidget)

GtkWidget *cr_columns_new              (void);
gboolean   cr_columns_get_side_by_side (CrColumns *self);

G_END_DECLS
