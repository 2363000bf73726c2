/* cr-check-text.h: a check result in plain words, for the check pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-checker.h"

G_BEGIN_DECLS

char       *cr_check_text_format_date         (const GDate         *date);
char       *cr_check_text_record_title        (const CrCheckRecord *record);
char       *cr_check_text_record_class        (CrCheckResult       *result,
                                               const CrCheckRecord *record);
char       *cr_check_text_status_explanation  (CrCheckResult       *result,
                                               const CrCheckRecord *record);
const char *cr_check_text_status_style_class  (CrRecordStatus       status);
const char *cr_check_text_status_icon_name    (CrRecordStatus       status);
gboolean    cr_check_text_status_blocks       (CrRecordStatus       status);
gboolean    cr_check_text_ready               (CrCheckResult       *result);
char       *cr_check_text_verdict_title       (CrCheckResult       *result);
char       *cr_check_text_verdict_description (CrCheckResult       *result);
char       *cr_check_text_slot_name           (CrCheckResult       *result,
                                               const char          *slot);
const char *cr_check_text_severity_label      (CrSeverity           severity);
const char *cr_check_text_severity_style_class (CrSeverity          severity);
const char *cr_check_text_severity_icon_name  (CrSeverity           severity);

G_END_DECLS
