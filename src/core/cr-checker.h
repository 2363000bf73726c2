/* cr-checker.h: evaluates a case against the rule set in force on a date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checker is pure and deterministic: the same case, application date,
 * rule set and language give the same result, and the same JSON byte for
 * byte. It reads nothing but its arguments (materials are matched by slot
 * and record; whether their files exist is the packer's business).
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cr-case.h"
#include "cr-problem.h"
#include "cr-rule-set.h"

G_BEGIN_DECLS

#define CR_CHECKER_ERROR (cr_checker_error_quark ())

typedef enum
{
  CR_CHECKER_ERROR_NO_RULE_SET,  /* no rule set covers the application date */
  CR_CHECKER_ERROR_INVALID_CASE, /* a value of the wrong type or outside the format */
} CrCheckerError;

typedef enum
{
  CR_RECORD_STATUS_UNKNOWN,          /* cannot be evaluated yet (JSON null) */
  CR_RECORD_STATUS_WRONG_CHANNEL,
  CR_RECORD_STATUS_NOT_PUBLISHED,
  CR_RECORD_STATUS_EXPIRED,
  CR_RECORD_STATUS_NOT_REPAIRABLE,
  CR_RECORD_STATUS_NOT_YET_ELIGIBLE,
  CR_RECORD_STATUS_ELIGIBLE,
} CrRecordStatus;

/* The id of the rule of the findings the checker itself makes when a record
 * lacks a value it needs (kind, domain, decision date, id). */
#define CR_CHECKER_RULE_INCOMPLETE "CASE-INCOMPLETE"

typedef struct
{
  guint           index;            /* position in /records */
  char           *id;               /* nullable only in an incomplete case */
  char           *decision_number;  /* nullable */
  char           *severity;         /* nullable: the class as given */
  char           *suggested_severity; /* nullable: the rule set's suggestion */
  CrRecordStatus  status;
  char           *period;           /* id of the period row applied, or NULL */
  GDate           decision_date;    /* cleared when not given */
  GDate           earliest_application_date; /* cleared when not applicable */
  GDate           display_end_date;          /* cleared when not applicable */
  GStrv           required_slots;   /* slots error rules require, in rule order */
  GStrv           missing_slots;    /* those of them (and of warning rules) without material */
} CrCheckRecord;

typedef struct
{
  char       *rule;
  CrSeverity  severity;
  char       *record;      /* nullable: case-wide */
  int         record_index; /* -1 for case-wide */
  char       *slot;        /* nullable */
  char       *field;       /* nullable: JSON pointer into the case */
  char       *message;     /* in the result's language */
  char       *fix;         /* in the result's language */
  CrBasis     basis;       /* title and url NULL for CASE-INCOMPLETE */
  gboolean    verified;
} CrFinding;

#define CR_TYPE_CHECK_RESULT (cr_check_result_get_type ())
G_DECLARE_FINAL_TYPE (CrCheckResult, cr_check_result, CR, CHECK_RESULT, GObject)

GQuark               cr_checker_error_quark            (void);

const char          *cr_record_status_to_string        (CrRecordStatus        status);
gboolean             cr_record_status_from_string      (const char           *text,
                                                        CrRecordStatus       *out);
const char          *cr_record_status_get_label        (CrRecordStatus        status);

CrCheckResult       *cr_checker_check_json             (CrRuleSetCollection  *rules,
                                                        JsonObject           *case_root,
                                                        const char           *base_dir,
                                                        const GDate          *on,
                                                        CrLanguage            language,
                                                        GError              **error);
CrCheckResult       *cr_checker_check_json_with_rule_set (CrRuleSet          *rule_set,
                                                          JsonObject         *case_root,
                                                          const char         *base_dir,
                                                          const GDate        *on,
                                                          CrLanguage          language,
                                                          GError            **error);
CrCheckResult       *cr_checker_check_case             (CrRuleSetCollection  *rules,
                                                        CrCase               *case_,
                                                        const GDate          *on,
                                                        CrLanguage            language,
                                                        GError              **error);
CrCheckResult       *cr_checker_check_case_with_rule_set (CrRuleSet          *rule_set,
                                                          CrCase             *case_,
                                                          const GDate        *on,
                                                          CrLanguage          language,
                                                          GError            **error);

CrRuleSet           *cr_check_result_get_rule_set      (CrCheckResult        *self);
const char          *cr_check_result_get_regime        (CrCheckResult        *self);
const GDate         *cr_check_result_get_on            (CrCheckResult        *self);
CrLanguage           cr_check_result_get_language      (CrCheckResult        *self);
gboolean             cr_check_result_get_ready         (CrCheckResult        *self);
guint                cr_check_result_get_n_records     (CrCheckResult        *self);
const CrCheckRecord *cr_check_result_get_record        (CrCheckResult        *self,
                                                        guint                 index);
const CrCheckRecord *cr_check_result_lookup_record     (CrCheckResult        *self,
                                                        const char           *record_id);
guint                cr_check_result_get_n_findings    (CrCheckResult        *self);
const CrFinding     *cr_check_result_get_finding       (CrCheckResult        *self,
                                                        guint                 index);
guint                cr_check_result_count_findings    (CrCheckResult        *self,
                                                        CrSeverity            severity);
JsonNode            *cr_check_result_to_json_node      (CrCheckResult        *self,
                                                        const char           *case_name);
char                *cr_check_result_to_json           (CrCheckResult        *self,
                                                        const char           *case_name);

G_END_DECLS
