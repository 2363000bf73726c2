/* cr-case-types.h: the enumerations and value types of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Closed enumerations of the interchange format (applicant role, record
 * kind, severity class, yes/no/unknown) are C enums registered as GEnum
 * types whose nicks are the interchange ids, so that GObject properties,
 * GUI drop-downs and the JSON reader share one table.
 *
 * Domains, penalty types and material slots stay strings: the format lists
 * the valid domain and penalty-type ids (checked on load), and rule sets may
 * add their own slot ids (only the id's spelling is checked on load).
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE,
  CR_APPLICANT_ROLE_AGENT,
} CrApplicantRole;

typedef enum
{
  CR_RECORD_KIND_ADMINISTRATIVE_PENALTY,
  CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST,
  CR_RECORD_KIND_OTHER,
} CrRecordKind;

/* The class of the dishonest act; UNKNOWN is JSON null ("not known yet"). */
typedef enum
{
  CR_SEVERITY_CLASS_UNKNOWN,
  CR_SEVERITY_CLASS_MINOR,
  CR_SEVERITY_CLASS_GENERAL,
  CR_SEVERITY_CLASS_SERIOUS,
  CR_SEVERITY_CLASS_SPECIFIC_SERIOUS,
} CrSeverityClass;

/* A boolean that may be unknown (JSON true, false or null). */
typedef enum
{
  CR_TRISTATE_UNKNOWN,
  CR_TRISTATE_NO,
  CR_TRISTATE_YES,
} CrTristate;

#define CR_TYPE_APPLICANT_ROLE (cr_applicant_role_get_type ())
#define CR_TYPE_RECORD_KIND    (cr_record_kind_get_type ())
#define CR_TYPE_SEVERITY_CLASS (cr_severity_class_get_type ())
#define CR_TYPE_TRISTATE       (cr_tristate_get_type ())

GType cr_applicant_role_get_type (void) G_GNUC_CONST;
GType cr_record_kind_get_type    (void) G_GNUC_CONST;
GType cr_severity_class_get_type (void) G_GNUC_CONST;
GType cr_tristate_get_type       (void) G_GNUC_CONST;

/* Interchange ids ("agent", "serious_dishonesty_list", "general" …).
 * cr_severity_class_to_string (UNKNOWN) is NULL (JSON null). The
 * from_string functions return FALSE for anything outside the format. */
const char *cr_applicant_role_to_string   (CrApplicantRole  role);
gboolean    cr_applicant_role_from_string (const char      *text,
                                           CrApplicantRole *out);
const char *cr_record_kind_to_string      (CrRecordKind     kind);
gboolean    cr_record_kind_from_string    (const char      *text,
                                           CrRecordKind    *out);
const char *cr_severity_class_to_string   (CrSeverityClass  severity);
gboolean    cr_severity_class_from_string (const char      *text,
                                           CrSeverityClass *out);

/* Labels in the user's language, for the GUI and reports. */
const char *cr_applicant_role_get_label (CrApplicantRole role);
const char *cr_record_kind_get_label    (CrRecordKind    kind);
const char *cr_severity_class_get_label (CrSeverityClass severity);

/* Domains ("market_regulation", "food" …), in the format's order. */
const char * const *cr_domain_get_all   (void);
gboolean            cr_domain_is_valid  (const char *domain);
const char         *cr_domain_get_label (const char *domain);

/* Penalty types (行政处罚法 art. 9), in the format's order. */
const char * const *cr_penalty_type_get_all   (void);
gboolean            cr_penalty_type_is_valid  (const char *type);
const char         *cr_penalty_type_get_label (const char *type);
/* TRUE for fines and confiscations, which carry an amount. */
gboolean cr_penalty_type_has_amount (const char *type);

/* Slots: the standard ones in the format's order; rule sets may add more.
 * A valid slot id is 1–64 characters of a–z, 0–9 and "_", starting with a
 * letter. Unknown slot ids get their id as label. */
const char * const *cr_slot_get_standard (void);
gboolean            cr_slot_is_standard  (const char *slot);
gboolean            cr_slot_id_is_valid  (const char *slot);
const char         *cr_slot_get_label    (const char *slot);

/* One penalty of a record: an immutable value. @amount is in fen, or -1
 * when the decision states none. */
#define CR_TYPE_PENALTY (cr_penalty_get_type ())

typedef struct _CrPenalty CrPenalty;

GType       cr_penalty_get_type         (void) G_GNUC_CONST;
CrPenalty  *cr_penalty_new              (const char      *type,
                                         gint64           amount);
CrPenalty  *cr_penalty_copy             (const CrPenalty *penalty);
void        cr_penalty_free             (CrPenalty       *penalty);
const char *cr_penalty_get_penalty_type (const CrPenalty *penalty);
gint64      cr_penalty_get_amount       (const CrPenalty *penalty);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPenalty, cr_penalty_free)

G_END_DECLS
