/* cr-case-record.h: one record of a case (a penalty decision or list entry)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every setter notifies its property (only when the value changes) and then
 * emits CrCaseRecord::changed, which the owning CrCase forwards as its own
 * ::changed. Dates are GDate values, NULL while unset; money is in fen,
 * -1 while unset.
 */

#pragma once

#include <glib-object.h>

#include "cr-case-types.h"

G_BEGIN_DECLS

#define CR_TYPE_CASE_RECORD (cr_case_record_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseRecord, cr_case_record, CR, CASE_RECORD, GObject)

CrCaseRecord *cr_case_record_new (const char *id);

const char      *cr_case_record_get_id                    (CrCaseRecord    *self);
void             cr_case_record_set_id                    (CrCaseRecord    *self,
                                                           const char      *id);
CrRecordKind     cr_case_record_get_kind                  (CrCaseRecord    *self);
void             cr_case_record_set_kind                  (CrCaseRecord    *self,
                                                           CrRecordKind     kind);
const char      *cr_case_record_get_decision_number       (CrCaseRecord    *self);
void             cr_case_record_set_decision_number       (CrCaseRecord    *self,
                                                           const char      *decision_number);
const char      *cr_case_record_get_authority             (CrCaseRecord    *self);
void             cr_case_record_set_authority             (CrCaseRecord    *self,
                                                           const char      *authority);
const GDate     *cr_case_record_get_decision_date         (CrCaseRecord    *self);
void             cr_case_record_set_decision_date         (CrCaseRecord    *self,
                                                           const GDate     *date);
const GDate     *cr_case_record_get_publication_date      (CrCaseRecord    *self);
void             cr_case_record_set_publication_date      (CrCaseRecord    *self,
                                                           const GDate     *date);
const char      *cr_case_record_get_domain                (CrCaseRecord    *self);
void             cr_case_record_set_domain                (CrCaseRecord    *self,
                                                           const char      *domain);
CrSeverityClass  cr_case_record_get_severity              (CrCaseRecord    *self);
void             cr_case_record_set_severity              (CrCaseRecord    *self,
                                                           CrSeverityClass  severity);
gboolean         cr_case_record_get_simple_procedure      (CrCaseRecord    *self);
void             cr_case_record_set_simple_procedure      (CrCaseRecord    *self,
                                                           gboolean         simple_procedure);
gboolean         cr_case_record_get_rectification_ordered (CrCaseRecord    *self);
void             cr_case_record_set_rectification_ordered (CrCaseRecord    *self,
                                                           gboolean         rectification_ordered);

/* performance */
gint64       cr_case_record_get_fine_paid_amount        (CrCaseRecord *self);
void         cr_case_record_set_fine_paid_amount        (CrCaseRecord *self,
                                                         gint64        fen);
const GDate *cr_case_record_get_fine_paid_date          (CrCaseRecord *self);
void         cr_case_record_set_fine_paid_date          (CrCaseRecord *self,
                                                         const GDate  *date);
CrTristate   cr_case_record_get_rectification_completed (CrCaseRecord *self);
void         cr_case_record_set_rectification_completed (CrCaseRecord *self,
                                                         CrTristate    completed);

/* penalties (emit ::changed; "n-penalties" is notified when the count changes) */
guint            cr_case_record_get_n_penalties  (CrCaseRecord *self);
const CrPenalty *cr_case_record_get_penalty      (CrCaseRecord *self,
                                                  guint         position);
void             cr_case_record_add_penalty      (CrCaseRecord *self,
                                                  const char   *type,
                                                  gint64        amount);
void             cr_case_record_set_penalty      (CrCaseRecord *self,
                                                  guint         position,
                                                  const char   *type,
                                                  gint64        amount);
void             cr_case_record_remove_penalty   (CrCaseRecord *self,
                                                  guint         position);
gboolean         cr_case_record_has_penalty_type (CrCaseRecord *self,
                                                  const char   *type);
/* Sum of the amounts of fines, or of fines and confiscations. */
gint64 cr_case_record_get_fines_total (CrCaseRecord *self,
                                       gboolean      with_confiscations);

G_END_DECLS
