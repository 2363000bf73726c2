/* cr-record-editor.h: the form of one record of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case-record.h"

G_BEGIN_DECLS

#define CR_TYPE_RECORD_EDITOR (cr_record_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrRecordEditor, cr_record_editor, CR, RECORD_EDITOR, AdwPreferencesPage)

GtkWidget    *cr_record_editor_new           (void);
CrCaseRecord *cr_record_editor_get_record    (CrRecordEditor *self);
void          cr_record_editor_set_record    (CrRecordEditor *self,
                                              CrCaseRecord   *record);
gboolean      cr_record_editor_focus_field   (CrRecordEditor *self,
                                              const char     *field);

G_END_DECLS
