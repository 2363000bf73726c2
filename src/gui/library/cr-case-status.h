/* cr-case-status.h: the status badge of a case, and its tracking after submission
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the case library shows about a case: whether it is still being
 * typed in (draft), waiting for the minimum publication period (not yet
 * eligible), ready to submit, submitted, repaired or returned, and the next
 * date that matters for it.
 *
 * The steps after submission are the user's to record; they are kept in the
 * case file under the app's own key CR_CASE_TRACKING_KEY (an extension of
 * the format, see cr_case_set_extension(); interchange exports leave it out):
 *
 *   "app_tracking": { "status": "submitted", "submitted_date": "2026-06-01",
 *                     "repaired_date": null, "returned_date": null }
 *
 * Nothing here uses GTK, so that it can run in worker threads.
 */

#pragma once

#include "cr-case.h"
#include "cr-rule-set.h"

G_BEGIN_DECLS

#define CR_CASE_TRACKING_KEY CR_CASE_EXTENSION_PREFIX "tracking"

typedef enum
{
  CR_TRACKING_NONE,
  CR_TRACKING_SUBMITTED,
  CR_TRACKING_REPAIRED,
  CR_TRACKING_RETURNED,
} CrTracking;

typedef enum
{
  CR_CASE_STATUS_DRAFT,
  CR_CASE_STATUS_NOT_YET_ELIGIBLE,
  CR_CASE_STATUS_READY,
  CR_CASE_STATUS_SUBMITTED,
  CR_CASE_STATUS_REPAIRED,
  CR_CASE_STATUS_RETURNED,
  CR_CASE_STATUS_UNREADABLE,
} CrCaseStatus;

/* Credit China answers within 10 working days of an application, counted
 * by the calendar of the rule set in force (cr_rule_set_add_working_days()). */
#define CR_ANSWER_WORKING_DAYS 10

const char *cr_case_status_get_label      (CrCaseStatus  status);
const char *cr_case_status_get_style      (CrCaseStatus  status);

CrTracking  cr_case_get_tracking          (CrCase       *kase,
                                           GDate        *date);
gboolean    cr_case_set_tracking          (CrCase       *kase,
                                           CrTracking    tracking,
                                           const GDate  *date);

/* @rules may be NULL (no checker verdict: a case without tracking is a
 * draft; the answer to a submitted case is due after 10 days counted Monday
 * to Friday). @next_date is cleared when no date matters. */
CrCaseStatus cr_case_status_compute       (CrCase              *kase,
                                           CrRuleSetCollection *rules,
                                           const GDate         *today,
                                           GDate               *next_date,
                                           gboolean            *approximate);
/* "Can apply from 2026-06-10" … for the date cr_case_status_compute()
 * gave, or NULL when @date is not set. */
char        *cr_case_status_describe_date (CrCaseStatus         status,
                                           const GDate         *date,
                                           gboolean             approximate);

G_END_DECLS
