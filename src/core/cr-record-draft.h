/* cr-record-draft.h: a penalty record as text, on its way to the interchange format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The paste and CSV importers both collect a record's fields as text the
 * way people write them (2025年3月10日, 0.5 万元, 警告、罚款, 市场监督管理局)
 * and turn them into an interchange v1 record object (spec/case-format.md)
 * here, so that both understand the same spellings.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cr-problem.h"

G_BEGIN_DECLS

typedef enum
{
  CR_RECORD_FIELD_ID,
  CR_RECORD_FIELD_KIND,
  CR_RECORD_FIELD_DECISION_NUMBER,
  CR_RECORD_FIELD_AUTHORITY,
  CR_RECORD_FIELD_DECISION_DATE,
  CR_RECORD_FIELD_PUBLICATION_DATE,
  CR_RECORD_FIELD_DOMAIN,
  CR_RECORD_FIELD_PENALTIES,
  CR_RECORD_FIELD_FINE_AMOUNT,
  CR_RECORD_FIELD_CONFISCATION_AMOUNT,
  CR_RECORD_FIELD_CONTENT,
  CR_RECORD_FIELD_SEVERITY,
  CR_RECORD_FIELD_SIMPLE_PROCEDURE,
  CR_RECORD_FIELD_RECTIFICATION_ORDERED,
  CR_RECORD_FIELD_FINE_PAID_AMOUNT,
  CR_RECORD_FIELD_FINE_PAID_DATE,
  CR_RECORD_FIELD_RECTIFICATION_COMPLETED,
  CR_RECORD_N_FIELDS,
} CrRecordField;

typedef struct
{
  /* Text as written, or NULL when absent. CONTENT (处罚内容) has no
   * interchange key: it only feeds guesses. */
  char     *values[CR_RECORD_N_FIELDS];
  /* Amounts written in 万元 (ten thousand yuan) unless the value itself
   * says 元. */
  gboolean  fine_amount_in_wan;
  gboolean  confiscation_amount_in_wan;
} CrRecordDraft;

typedef enum
{
  /* CSV: every field is in its column, so an empty required field or a
   * value that cannot be read is an error, and nothing is guessed but the
   * domain of an empty domain column. */
  CR_RECORD_DRAFT_STRICT,
  /* Paste: the text is a starting point for the user, so such problems
   * are warnings, the field is left out, and penalties and the
   * rectification order are also guessed from 处罚内容 and the amounts. */
  CR_RECORD_DRAFT_LENIENT,
} CrRecordDraftMode;

/* Called for each problem; @field is the interchange field concerned
 * (CONTENT for 处罚内容) and @message is translated. */
typedef void (*CrRecordDraftReportFunc) (gpointer       user_data,
                                         CrSeverity     severity,
                                         const char    *code,
                                         CrRecordField  field,
                                         const char    *message);

const char *cr_record_field_get_key   (CrRecordField      field);

CrRecordDraft *cr_record_draft_new    (void);
void        cr_record_draft_free      (CrRecordDraft     *draft);
void        cr_record_draft_set       (CrRecordDraft     *draft,
                                       CrRecordField      field,
                                       const char        *value);
gboolean    cr_record_draft_is_empty  (const CrRecordDraft *draft);

/* Builds the record object. @guessed receives (as static strings) the
 * interchange keys whose value is a guess ("domain", "penalties",
 * "rectification_ordered"). */
JsonObject *cr_record_draft_build     (const CrRecordDraft     *draft,
                                       CrRecordDraftMode        mode,
                                       CrRecordDraftReportFunc  report,
                                       gpointer                 user_data,
                                       GPtrArray               *guessed);

/* The vocabulary, exposed for the importers and their tests. Each returns
 * an interchange id, or NULL when @text is not understood. */
const char *cr_record_penalty_type_from_text (const char *text);
const char *cr_record_domain_from_text       (const char *text);
const char *cr_record_domain_guess           (const char *authority);
const char *cr_record_kind_from_text         (const char *text);
gboolean    cr_record_severity_from_text     (const char  *text,
                                              const char **severity);
gboolean    cr_record_boolean_from_text      (const char *text,
                                              gboolean   *value);
gboolean    cr_record_parse_amount           (const char  *text,
                                              gboolean     in_wan,
                                              gint64      *fen,
                                              GError     **error);
char       *cr_record_parse_date             (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRecordDraft, cr_record_draft_free)

G_END_DECLS
