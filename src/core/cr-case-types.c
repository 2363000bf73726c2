/* cr-case-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-case-private.h"
#include "cr-case-types.h"

/* Enum nicks are the interchange ids; the GEnum tables double as the
 * string tables of the JSON reader and writer. */

static const GEnumValue applicant_role_values[] = {
  { CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE, "CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE", "legal_representative" },
  { CR_APPLICANT_ROLE_AGENT, "CR_APPLICANT_ROLE_AGENT", "agent" },
  { 0, NULL, NULL },
};

static const GEnumValue record_kind_values[] = {
  { CR_RECORD_KIND_ADMINISTRATIVE_PENALTY, "CR_RECORD_KIND_ADMINISTRATIVE_PENALTY", "administrative_penalty" },
  { CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST, "CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST", "serious_dishonesty_list" },
  { CR_RECORD_KIND_OTHER, "CR_RECORD_KIND_OTHER", "other" },
  { 0, NULL, NULL },
};

static const GEnumValue severity_class_values[] = {
  { CR_SEVERITY_CLASS_UNKNOWN, "CR_SEVERITY_CLASS_UNKNOWN", "unknown" },
  { CR_SEVERITY_CLASS_MINOR, "CR_SEVERITY_CLASS_MINOR", "minor" },
  { CR_SEVERITY_CLASS_GENERAL, "CR_SEVERITY_CLASS_GENERAL", "general" },
  { CR_SEVERITY_CLASS_SERIOUS, "CR_SEVERITY_CLASS_SERIOUS", "serious" },
  { CR_SEVERITY_CLASS_SPECIFIC_SERIOUS, "CR_SEVERITY_CLASS_SPECIFIC_SERIOUS", "specific_serious" },
  { 0, NULL, NULL },
};

static const GEnumValue tristate_values[] = {
  { CR_TRISTATE_UNKNOWN, "CR_TRISTATE_UNKNOWN", "unknown" },
  { CR_TRISTATE_NO, "CR_TRISTATE_NO", "no" },
  { CR_TRISTATE_YES, "CR_TRISTATE_YES", "yes" },
  { 0, NULL, NULL },
};

#define DEFINE_ENUM_TYPE(func, name, values)                           \
  GType                                                                \
  func (void)                                                          \
  {                                                                    \
    static gsize type_id = 0;                                          \
                                                                       \
    if (g_once_init_enter (&type_id))                                  \
      {                                                                \
        GType id = g_enum_register_static (g_intern_static_string (name), values); \
        g_once_init_leave (&type_id, id);                              \
      }                                                                \
                                                                       \
    return type_id;                                                    \
  }

DEFINE_ENUM_TYPE (cr_applicant_role_get_type, "CrApplicantRole", applicant_role_values)
DEFINE_ENUM_TYPE (cr_record_kind_get_type, "CrRecordKind", record_kind_values)
DEFINE_ENUM_TYPE (cr_severity_class_get_type, "CrSeverityClass", severity_class_values)
DEFINE_ENUM_TYPE (cr_tristate_get_type, "CrTristate", tristate_values)

static const char *
value_to_nick (const GEnumValue *values,
               int               value)
{
  for (guint i = 0; values[i].value_nick != NULL; i++)
    {
      if (values[i].value == value)
        return values[i].value_nick;
    }

  return NULL;
}

static gboolean
nick_to_value (const GEnumValue *values,
               const char       *text,
               int              *out)
{
  for (guint i = 0; text != NULL && values[i].value_nick != NULL; i++)
    {
      if (g_str_equal (values[i].value_nick, text))
        {
          *out = values[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
cr_applicant_role_to_string (CrApplicantRole role)
{
  return value_to_nick (applicant_role_values, role);
}

gboolean
cr_applicant_role_from_string (const char      *text,
                               CrApplicantRole *out)
{
  int value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!nick_to_value (applicant_role_values, text, &value))
    return FALSE;

  *out = (CrApplicantRole) value;
  return TRUE;
}

const char *
cr_record_kind_to_string (CrRecordKind kind)
{
  return value_to_nick (record_kind_values, kind);
}

gboolean
cr_record_kind_from_string (const char   *text,
                            CrRecordKind *out)
{
  int value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!nick_to_value (record_kind_values, text, &value))
    return FALSE;

  *out = (CrRecordKind) value;
  return TRUE;
}

/**
 * cr_severity_class_to_string:
 *
 * Returns: (nullable): the interchange id, or NULL for
 * %CR_SEVERITY_CLASS_UNKNOWN, which the format writes as null.
 */
const char *
cr_severity_class_to_string (CrSeverityClass severity)
{
  if (severity == CR_SEVERITY_CLASS_UNKNOWN)
    return NULL;

  return value_to_nick (severity_class_values, severity);
}

/**
 * cr_severity_class_from_string:
 *
 * Accepts the four classes of the format; "unknown" is not an id of the
 * format (it is written as null) and is refused.
 */
gboolean
cr_severity_class_from_string (const char      *text,
                               CrSeverityClass *out)
{
  int value;

  g_return_val_if_fail (out != NULL, FALSE);

  if (!nick_to_value (severity_class_values, text, &value) ||
      value == CR_SEVERITY_CLASS_UNKNOWN)
    return FALSE;

  *out = (CrSeverityClass) value;
  return TRUE;
}

const char *
cr_applicant_role_get_label (CrApplicantRole role)
{
  switch (role)
    {
    case CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE:
      return _("Legal representative");
    case CR_APPLICANT_ROLE_AGENT:
      return _("Authorised agent");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cr_record_kind_get_label (CrRecordKind kind)
{
  switch (kind)
    {
    case CR_RECORD_KIND_ADMINISTRATIVE_PENALTY:
      return _("Administrative penalty");
    case CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST:
      return _("Serious dishonesty list entry");
    case CR_RECORD_KIND_OTHER:
      return C_("record kind", "Other");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cr_severity_class_get_label (CrSeverityClass severity)
{
  switch (severity)
    {
    case CR_SEVERITY_CLASS_UNKNOWN:
      return C_("severity class", "Not known yet");
    case CR_SEVERITY_CLASS_MINOR:
      return C_("severity class", "Minor");
    case CR_SEVERITY_CLASS_GENERAL:
      return C_("severity class", "General");
    case CR_SEVERITY_CLASS_SERIOUS:
      return C_("severity class", "Serious");
    case CR_SEVERITY_CLASS_SPECIFIC_SERIOUS:
      return C_("severity class", "Specific serious");
    default:
      g_return_val_if_reached (NULL);
    }
}

typedef struct
{
  const char *id;
  const char *label;   /* marked with NC_() */
} Entry;

static const Entry domains[] = {
  { "market_regulation", NC_("domain", "Market regulation") },
  { "food", NC_("domain", "Food") },
  { "drug", NC_("domain", "Drugs") },
  { "special_equipment", NC_("domain", "Special equipment") },
  { "work_safety", NC_("domain", "Work safety") },
  { "fire", NC_("domain", "Fire safety") },
  { "environment", NC_("domain", "Environment") },
  { "construction_quality", NC_("domain", "Construction quality") },
  { "product_certification", NC_("domain", "Product certification") },
  { "transport", NC_("domain", "Transport") },
  { "tax", NC_("domain", "Tax") },
  { "customs", NC_("domain", "Customs") },
  { "labour", NC_("domain", "Labour") },
  { "other", NC_("domain", "Other") },
};

static const Entry penalty_types[] = {
  { "warning", NC_("penalty type", "Warning") },
  { "circulated_criticism", NC_("penalty type", "Circulated criticism") },
  { "fine", NC_("penalty type", "Fine") },
  { "confiscation_of_illegal_gains", NC_("penalty type", "Confiscation of illegal gains") },
  { "confiscation_of_illegal_property", NC_("penalty type", "Confiscation of illegal property") },
  { "license_suspension", NC_("penalty type", "Suspension of a licence") },
  { "qualification_downgrade", NC_("penalty type", "Downgrading of qualification") },
  { "license_revocation", NC_("penalty type", "Revocation of a licence") },
  { "business_restriction", NC_("penalty type", "Restriction of business activities") },
  { "production_suspension", NC_("penalty type", "Order to suspend production or business") },
  { "closure", NC_("penalty type", "Order to close") },
  { "employment_restriction", NC_("penalty type", "Restriction of employment") },
  { "detention", NC_("penalty type", "Administrative detention") },
  { "other", NC_("penalty type", "Other") },
};

static const Entry slots[] = {
  { "identity_proof", NC_("slot", "Identity proof") },
  { "payment_proof", NC_("slot", "Payment proof") },
  { "rectification_proof", NC_("slot", "Rectification proof") },
  { "commitment", NC_("slot", "Commitment letter") },
  { "application_form", NC_("slot", "Application form") },
  { "business_license", NC_("slot", "Business licence") },
  { "training_certificate", NC_("slot", "Training certificate") },
  { "credit_report", NC_("slot", "Credit report") },
  { "other", NC_("slot", "Other") },
};

static const char * const domain_ids[] = {
  "market_regulation", "food", "drug", "special_equipment", "work_safety", "fire",
  "environment", "construction_quality", "product_certification", "transport", "tax",
  "customs", "labour", "other", NULL,
};

static const char * const penalty_type_ids[] = {
  "warning", "circulated_criticism", "fine", "confiscation_of_illegal_gains",
  "confiscation_of_illegal_property", "license_suspension", "qualification_downgrade",
  "license_revocation", "business_restriction", "production_suspension", "closure",
  "employment_restriction", "detention", "other", NULL,
};

static const char * const slot_ids[] = {
  "identity_proof", "payment_proof", "rectification_proof", "commitment", "application_form",
  "business_license", "training_certificate", "credit_report", "other", NULL,
};

G_STATIC_ASSERT (G_N_ELEMENTS (domain_ids) == G_N_ELEMENTS (domains) + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (penalty_type_ids) == G_N_ELEMENTS (penalty_types) + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (slot_ids) == G_N_ELEMENTS (slots) + 1);

static const Entry *
find_entry (const Entry *entries,
            guint        n_entries,
            const char  *id)
{
  for (guint i = 0; id != NULL && i < n_entries; i++)
    {
      if (g_str_equal (entries[i].id, id))
        return &entries[i];
    }

  return NULL;
}

/* NC_() expands to the message alone, so the context is given again here. */
static const char *
entry_label (const Entry *entry,
             const char  *context,
             const char  *fallback)
{
  if (entry == NULL)
    return fallback;

  return g_dpgettext2 (GETTEXT_PACKAGE, context, entry->label);
}

/**
 * cr_domain_get_all:
 *
 * Returns: (transfer none) (array zero-terminated=1): the domain ids.
 */
const char * const *
cr_domain_get_all (void)
{
  return domain_ids;
}

gboolean
cr_domain_is_valid (const char *domain)
{
  return find_entry (domains, G_N_ELEMENTS (domains), domain) != NULL;
}

/**
 * cr_domain_get_label:
 *
 * Returns: the translated name of @domain, or @domain itself when it is
 * not a domain of the format.
 */
const char *
cr_domain_get_label (const char *domain)
{
  return entry_label (find_entry (domains, G_N_ELEMENTS (domains), domain), "domain", domain);
}

/**
 * cr_penalty_type_get_all:
 *
 * Returns: (transfer none) (array zero-terminated=1): the penalty type ids.
 */
const char * const *
cr_penalty_type_get_all (void)
{
  return penalty_type_ids;
}

gboolean
cr_penalty_type_is_valid (const char *type)
{
  return find_entry (penalty_types, G_N_ELEMENTS (penalty_types), type) != NULL;
}

const char *
cr_penalty_type_get_label (const char *type)
{
  return entry_label (find_entry (penalty_types, G_N_ELEMENTS (penalty_types), type),
                      "penalty type", type);
}

gboolean
cr_penalty_type_has_amount (const char *type)
{
  return g_strcmp0 (type, "fine") == 0 ||
         g_strcmp0 (type, "confiscation_of_illegal_gains") == 0 ||
         g_strcmp0 (type, "confiscation_of_illegal_property") == 0;
}

/**
 * cr_slot_get_standard:
 *
 * Returns: (transfer none) (array zero-terminated=1): the slot ids the
 * format defines. Rule sets may use more.
 */
const char * const *
cr_slot_get_standard (void)
{
  return slot_ids;
}

gboolean
cr_slot_is_standard (const char *slot)
{
  return find_entry (slots, G_N_ELEMENTS (slots), slot) != NULL;
}

gboolean
cr_slot_id_is_valid (const char *slot)
{
  gsize len;

  if (slot == NULL || !g_ascii_islower (slot[0]))
    return FALSE;

  for (len = 0; slot[len] != '\0'; len++)
    {
      if (!g_ascii_islower (slot[len]) && !g_ascii_isdigit (slot[len]) && slot[len] != '_')
        return FALSE;
    }

  return len <= 64;
}

const char *
cr_slot_get_label (const char *slot)
{
  return entry_label (find_entry (slots, G_N_ELEMENTS (slots), slot), "slot", slot);
}

/* CrPenalty */

struct _CrPenalty
{
  char       *type;
  gint64      amount;
  JsonObject *extra;  /* unknown keys, kept for the round trip; nullable */
};

G_DEFINE_BOXED_TYPE (CrPenalty, cr_penalty, cr_penalty_copy, cr_penalty_free)

/**
 * cr_penalty_new:
 * @type: a penalty type id
 * @amount: the amount in fen, or -1 for none
 */
CrPenalty *
cr_penalty_new (const char *type,
                gint64      amount)
{
  return cr_penalty_new_full (type, amount, NULL);
}

CrPenalty *
cr_penalty_new_full (const char *type,
                     gint64      amount,
                     JsonObject *extra)
{
  CrPenalty *penalty;

  g_return_val_if_fail (amount >= -1, NULL);

  penalty = g_new0 (CrPenalty, 1);
  penalty->type = g_strdup (type);
  penalty->amount = amount;
  penalty->extra = extra != NULL ? json_object_ref (extra) : NULL;

  return penalty;
}

CrPenalty *
cr_penalty_copy (const CrPenalty *penalty)
{
  g_return_val_if_fail (penalty != NULL, NULL);

  return cr_penalty_new_full (penalty->type, penalty->amount, penalty->extra);
}

void
cr_penalty_free (CrPenalty *penalty)
{
  if (penalty == NULL)
    return;

  g_free (penalty->type);
  g_clear_pointer (&penalty->extra, json_object_unref);
  g_free (penalty);
}

/**
 * cr_penalty_get_penalty_type:
 *
 * Returns: (nullable): the penalty type id, NULL while it is not chosen.
 */
const char *
cr_penalty_get_penalty_type (const CrPenalty *penalty)
{
  g_return_val_if_fail (penalty != NULL, NULL);

  return penalty->type;
}

/**
 * cr_penalty_get_amount:
 *
 * Returns: the amount in fen, or -1 when there is none.
 */
gint64
cr_penalty_get_amount (const CrPenalty *penalty)
{
  g_return_val_if_fail (penalty != NULL, -1);

  return penalty->amount;
}

JsonObject *
cr_penalty_get_extra (const CrPenalty *penalty)
{
  g_return_val_if_fail (penalty != NULL, NULL);

  return penalty->extra;
}
