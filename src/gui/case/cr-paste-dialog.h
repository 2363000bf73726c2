/* cr-paste-dialog.h: review penalty records pasted from Credit China or read from CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"
#include "cr-csv-import.h"

G_BEGIN_DECLS

#define CR_TYPE_PASTE_DIALOG (cr_paste_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrPasteDialog, cr_paste_dialog, CR, PASTE_DIALOG, AdwWindow)

CrPasteDialog *cr_paste_dialog_new          (CrCase        *kase);
CrPasteDialog *cr_paste_dialog_new_for_csv  (CrCase        *kase,
                                             CrCsvResult   *result,
                                             const char    *file_name);
void           cr_paste_dialog_set_text     (CrPasteDialog *self,
                                             const char    *text);
guint          cr_paste_dialog_get_n_records (CrPasteDialog *self);
gboolean       cr_paste_dialog_add_records  (CrPasteDialog *self,
                                             GError       **error);

G_END_DECLS
