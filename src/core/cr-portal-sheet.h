/* cr-portal-sheet.h: the values to type into the portal's application form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Credit China repair form asks for the subject, its 统一社会信用代码,
 * per record the 行政处罚决定书文号, the deciding authority and the
 * decision date, and the applicant's contact details. The Submit page
 * shows them with copy buttons; the package holds them as a plain-text
 * and an HTML sheet. The ID number is personal data: the sheets show only
 * its last four characters.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  char     *key;      /* stable id: "subject_name", "uscc", "decision_number" … */
  char     *record;   /* the record id, or NULL for the subject and applicant */
  char     *label;    /* in the user's language, with the portal's own term */
  char     *value;    /* "" when the case does not give it */
  gboolean  personal; /* personal data, masked unless asked otherwise */
} CrPortalValue;

void       cr_portal_value_free        (CrPortalValue *value);
char      *cr_portal_mask              (const char    *value,
                                        guint          keep_last);
GPtrArray *cr_portal_values_collect    (JsonObject    *case_root,
                                        gboolean       mask_personal);
char      *cr_portal_sheet_to_text     (GPtrArray     *values);
char      *cr_portal_sheet_to_html     (GPtrArray     *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPortalValue, cr_portal_value_free)

G_END_DECLS
