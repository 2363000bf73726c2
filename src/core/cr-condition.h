/* cr-condition.h: the small, strict condition language of rule sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rule sets say *when* something applies with declarative JSON conditions
 * (`{"all": […]}`, `{"lt": ["$on", "$record.earliest_application_date"]}`,
 * `{"has_penalty": ["fine"]}` …; see data/rules/FORMAT.md). This module
 * compiles such a condition once, checking every operator, variable, type and
 * enumeration value, and evaluates the compiled form against the facts of a
 * case. It knows nothing about regulations: those live in the data.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CR_CONDITION_ERROR (cr_condition_error_quark ())

typedef enum
{
  CR_CONDITION_ERROR_INVALID,
} CrConditionError;

/* Where a condition is evaluated: once per case, or once per record. */
typedef enum
{
  CR_SCOPE_CASE,
  CR_SCOPE_RECORD,
} CrScope;

/* What is known when a condition is evaluated. Period rows see only the
 * case's own facts; status rows also the period's results; rules see all. */
typedef enum
{
  CR_PHASE_FACTS,
  CR_PHASE_PERIOD,
  CR_PHASE_STATUS,
} CrPhase;

typedef struct _CrCondition CrCondition;

/* The facts of one record, filled in by the checker. Dates that are not
 * known are cleared GDates (g_date_valid() is FALSE). */
typedef struct
{
  guint        index;             /* position in /records */
  const char  *id;
  const char  *kind;
  const char  *decision_number;
  const char  *domain;
  const char  *severity;          /* NULL: not known yet */
  GDate        decision_date;
  GDate        publication_date;
  gboolean     simple_procedure;
  gboolean     rectification_ordered;
  gboolean     fine_total_known;  /* FALSE when a fine has no amount */
  gint64       fine_total;        /* fen */
  guint        n_penalties;
  const char **penalty_types;     /* n_penalties entries */
  gboolean     fine_paid_amount_known;
  gint64       fine_paid_amount;  /* fen */
  GDate        fine_paid_date;
  int          rectification_completed; /* -1 null, 0 false, 1 true */

  /* Derived by the checker, phase by phase. */
  const char  *period_id;
  const char  *period_earliest_kind; /* "months", "never", "not_published" or NULL */
  GDate        earliest_application_date;
  GDate        display_end_date;
  const char  *status;               /* NULL: cannot be evaluated */
  const char  *suggested_severity;
} CrRecordFacts;

typedef struct
{
  const char *slot;
  const char *record;             /* NULL: serves the whole case */
} CrMaterialFacts;

typedef struct
{
  GDate            on;
  const char      *applicant_role; /* NULL if not given */
  guint            n_records;
  CrRecordFacts   *records;
  guint            n_materials;
  CrMaterialFacts *materials;
  GHashTable      *case_wide_slots; /* slot ids served by a material without record */
} CrCaseFacts;

/* What a condition may use where it is compiled. */
typedef struct
{
  CrScope      scope;
  CrPhase      phase;
  GHashTable  *definitions;  /* name → CrCondition* compiled earlier, or NULL */
  GHashTable  *slots;        /* known slot ids (set), or NULL for any */
} CrConditionEnv;

GQuark            cr_condition_error_quark  (void);

CrCondition      *cr_condition_compile      (JsonNode              *node,
                                             const CrConditionEnv  *env,
                                             const char            *pointer,
                                             GError               **error);
gboolean          cr_condition_evaluate     (const CrCondition     *condition,
                                             const CrCaseFacts     *facts,
                                             const CrRecordFacts   *record);
CrScope           cr_condition_get_scope    (const CrCondition     *condition);
CrPhase           cr_condition_get_phase    (const CrCondition     *condition);
CrCondition      *cr_condition_ref          (CrCondition           *condition);
void              cr_condition_unref        (CrCondition           *condition);

/* The fixed enumerations of the case format, shared with the rule-set
 * loader and the checker (NULL-terminated). */
const char * const *cr_condition_get_kinds         (void);
const char * const *cr_condition_get_domains       (void);
const char * const *cr_condition_get_classes       (void);
const char * const *cr_condition_get_penalty_types (void);
const char * const *cr_condition_get_statuses      (void);
gboolean            cr_condition_enum_contains     (const char * const *values,
                                                    const char         *value);

/* JSON pointer helpers: appends "/" + @token, escaped per RFC 6901. */
char             *cr_json_pointer_append    (const char            *pointer,
                                             const char            *token);
char             *cr_json_pointer_append_index (const char         *pointer,
                                                guint               index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrCondition, cr_condition_unref)

G_END_DECLS
