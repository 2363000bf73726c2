/* cr-library-row.h: a case in the sidebar list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-library-item.h"

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY_ROW (cr_library_row_get_type ())

G_DECLARE_FINAL_TYPE (CrLibraryRow, cr_library_row, CR, LIBRARY_ROW, AdwBin)

GtkWidget     *cr_library_row_new      (void);
CrLibraryItem *cr_library_row_get_item (CrLibraryRow  *self);
void           cr_library_row_set_item (CrLibraryRow  *self,
                                        CrLibraryItem *item);

G_END_DECLS
