/* cr-case-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-case-private.h"
#include "cr-case-record.h"

struct _CrCaseRecord
{
  GObject          parent_instance;

  char            *id;
  CrRecordKind     kind;
  char            *decision_number;
  char            *authority;
  GDate            decision_date;     /* invalid while unset */
  GDate            publication_date;
  char            *domain;            /* NULL while unset */
  CrSeverityClass  severity;
  gboolean         simple_procedure;
  gboolean         rectification_ordered;
  gint64           fine_paid_amount;  /* fen, -1 while unset */
  GDate            fine_paid_date;
  CrTristate       rectification_completed;
  GPtrArray       *penalties;         /* of CrPenalty */

  /* Unknown keys, kept for the round trip. */
  JsonObject      *extra;
  JsonObject      *performance_extra;
};

G_DEFINE_FINAL_TYPE (CrCaseRecord, cr_case_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_DECISION_NUMBER,
  PROP_AUTHORITY,
  PROP_DECISION_DATE,
  PROP_PUBLICATION_DATE,
  PROP_DOMAIN,
  PROP_SEVERITY,
  PROP_SIMPLE_PROCEDURE,
  PROP_RECTIFICATION_ORDERED,
  PROP_FINE_PAID_AMOUNT,
  PROP_FINE_PAID_DATE,
  PROP_RECTIFICATION_COMPLETED,
  PROP_N_PENALTIES,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
changed (CrCaseRecord *self,
         guint     prop_id)
{
  if (prop_id != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static gboolean
set_string (CrCaseRecord    *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  changed (self, prop_id);
  return TRUE;
}

static gboolean
date_equal (const GDate *a,
            const GDate *b)
{
  gboolean a_set = a != NULL && g_date_valid (a);
  gboolean b_set = b != NULL && g_date_valid (b);

  if (a_set != b_set)
    return FALSE;

  return !a_set || g_date_compare (a, b) == 0;
}

static void
set_date (CrCaseRecord    *self,
          GDate       *field,
          const GDate *value,
          guint        prop_id)
{
  if (date_equal (field, value))
    return;

  if (value != NULL && g_date_valid (value))
    *field = *value;
  else
    g_date_clear (field, 1);

  changed (self, prop_id);
}

static const GDate *
get_date (const GDate *field)
{
  return g_date_valid (field) ? field : NULL;
}

static void
cr_case_record_finalize (GObject *object)
{
  CrCaseRecord *self = (CrCaseRecord *) object;

  g_free (self->id);
  g_free (self->decision_number);
  g_free (self->authority);
  g_free (self->domain);
  g_ptr_array_unref (self->penalties);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->performance_extra, json_object_unref);

  G_OBJECT_CLASS (cr_case_record_parent_class)->finalize (object);
}

static void
cr_case_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CrCaseRecord *self = CR_CASE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_DECISION_NUMBER:
      g_value_set_string (value, self->decision_number);
      break;
    case PROP_AUTHORITY:
      g_value_set_string (value, self->authority);
      break;
    case PROP_DECISION_DATE:
      g_value_set_boxed (value, get_date (&self->decision_date));
      break;
    case PROP_PUBLICATION_DATE:
      g_value_set_boxed (value, get_date (&self->publication_date));
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, self->severity);
      break;
    case PROP_SIMPLE_PROCEDURE:
      g_value_set_boolean (value, self->simple_procedure);
      break;
    case PROP_RECTIFICATION_ORDERED:
      g_value_set_boolean (value, self->rectification_ordered);
      break;
    case PROP_FINE_PAID_AMOUNT:
      g_value_set_int64 (value, self->fine_paid_amount);
      break;
    case PROP_FINE_PAID_DATE:
      g_value_set_boxed (value, get_date (&self->fine_paid_date));
      break;
    case PROP_RECTIFICATION_COMPLETED:
      g_value_set_enum (value, self->rectification_completed);
      break;
    case PROP_N_PENALTIES:
      g_value_set_uint (value, self->penalties->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_record_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CrCaseRecord *self = CR_CASE_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      cr_case_record_set_id (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      cr_case_record_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_DECISION_NUMBER:
      cr_case_record_set_decision_number (self, g_value_get_string (value));
      break;
    case PROP_AUTHORITY:
      cr_case_record_set_authority (self, g_value_get_string (value));
      break;
    case PROP_DECISION_DATE:
      cr_case_record_set_decision_date (self, g_value_get_boxed (value));
      break;
    case PROP_PUBLICATION_DATE:
      cr_case_record_set_publication_date (self, g_value_get_boxed (value));
      break;
    case PROP_DOMAIN:
      cr_case_record_set_domain (self, g_value_get_string (value));
      break;
    case PROP_SEVERITY:
      cr_case_record_set_severity (self, g_value_get_enum (value));
      break;
    case PROP_SIMPLE_PROCEDURE:
      cr_case_record_set_simple_procedure (self, g_value_get_boolean (value));
      break;
    case PROP_RECTIFICATION_ORDERED:
      cr_case_record_set_rectification_ordered (self, g_value_get_boolean (value));
      break;
    case PROP_FINE_PAID_AMOUNT:
      cr_case_record_set_fine_paid_amount (self, g_value_get_int64 (value));
      break;
    case PROP_FINE_PAID_DATE:
      cr_case_record_set_fine_paid_date (self, g_value_get_boxed (value));
      break;
    case PROP_RECTIFICATION_COMPLETED:
      cr_case_record_set_rectification_completed (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_record_class_init (CrCaseRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cr_case_record_finalize;
  object_class->get_property = cr_case_record_get_property;
  object_class->set_property = cr_case_record_set_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, "", flags);
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CR_TYPE_RECORD_KIND,
                       CR_RECORD_KIND_ADMINISTRATIVE_PENALTY, flags);
  properties[PROP_DECISION_NUMBER] = g_param_spec_string ("decision-number", NULL, NULL, "", flags);
  properties[PROP_AUTHORITY] = g_param_spec_string ("authority", NULL, NULL, "", flags);
  properties[PROP_DECISION_DATE] =
    g_param_spec_boxed ("decision-date", NULL, NULL, G_TYPE_DATE, flags);
  properties[PROP_PUBLICATION_DATE] =
    g_param_spec_boxed ("publication-date", NULL, NULL, G_TYPE_DATE, flags);
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, CR_TYPE_SEVERITY_CLASS,
                       CR_SEVERITY_CLASS_UNKNOWN, flags);
  properties[PROP_SIMPLE_PROCEDURE] =
    g_param_spec_boolean ("simple-procedure", NULL, NULL, FALSE, flags);
  properties[PROP_RECTIFICATION_ORDERED] =
    g_param_spec_boolean ("rectification-ordered", NULL, NULL, FALSE, flags);
  properties[PROP_FINE_PAID_AMOUNT] =
    g_param_spec_int64 ("fine-paid-amount", NULL, NULL, -1, G_MAXINT64, -1, flags);
  properties[PROP_FINE_PAID_DATE] =
    g_param_spec_boxed ("fine-paid-date", NULL, NULL, G_TYPE_DATE, flags);
  properties[PROP_RECTIFICATION_COMPLETED] =
    g_param_spec_enum ("rectification-completed", NULL, NULL, CR_TYPE_TRISTATE,
                       CR_TRISTATE_UNKNOWN, flags);
  properties[PROP_N_PENALTIES] =
    g_param_spec_uint ("n-penalties", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrCaseRecord::changed:
   *
   * Emitted after any change to the record, including its penalties.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_case_record_init (CrCaseRecord *self)
{
  self->id = g_strdup ("");
  self->decision_number = g_strdup ("");
  self->authority = g_strdup ("");
  self->kind = CR_RECORD_KIND_ADMINISTRATIVE_PENALTY;
  self->severity = CR_SEVERITY_CLASS_UNKNOWN;
  self->rectification_completed = CR_TRISTATE_UNKNOWN;
  self->fine_paid_amount = -1;
  g_date_clear (&self->decision_date, 1);
  g_date_clear (&self->publication_date, 1);
  g_date_clear (&self->fine_paid_date, 1);
  self->penalties = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_penalty_free);
}

/**
 * cr_case_record_new:
 * @id: (nullable): the record id, unique within its case
 *
 * Returns: (transfer full): an empty administrative-penalty record.
 */
CrCaseRecord *
cr_case_record_new (const char *id)
{
  CrCaseRecord *self = g_object_new (CR_TYPE_CASE_RECORD, NULL);

  if (id != NULL)
    {
      g_free (self->id);
      self->id = g_strdup (id);
    }

  return self;
}

const char *
cr_case_record_get_id (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return self->id;
}

void
cr_case_record_set_id (CrCaseRecord   *self,
                  const char *id)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_string (self, &self->id, id != NULL ? id : "", PROP_ID);
}

CrRecordKind
cr_case_record_get_kind (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), CR_RECORD_KIND_ADMINISTRATIVE_PENALTY);

  return self->kind;
}

void
cr_case_record_set_kind (CrCaseRecord     *self,
                    CrRecordKind  kind)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (cr_record_kind_to_string (kind) != NULL);

  if (self->kind == kind)
    return;

  self->kind = kind;
  changed (self, PROP_KIND);
}

const char *
cr_case_record_get_decision_number (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return self->decision_number;
}

void
cr_case_record_set_decision_number (CrCaseRecord   *self,
                               const char *decision_number)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_string (self, &self->decision_number, decision_number != NULL ? decision_number : "",
              PROP_DECISION_NUMBER);
}

const char *
cr_case_record_get_authority (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return self->authority;
}

void
cr_case_record_set_authority (CrCaseRecord   *self,
                         const char *authority)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_string (self, &self->authority, authority != NULL ? authority : "", PROP_AUTHORITY);
}

/**
 * cr_case_record_get_decision_date:
 *
 * Returns: (nullable): the decision date, or NULL while it is unset.
 */
const GDate *
cr_case_record_get_decision_date (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return get_date (&self->decision_date);
}

/**
 * cr_case_record_set_decision_date:
 * @date: (nullable): the date, or NULL (or an invalid GDate) to unset it
 */
void
cr_case_record_set_decision_date (CrCaseRecord    *self,
                             const GDate *date)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_date (self, &self->decision_date, date, PROP_DECISION_DATE);
}

const GDate *
cr_case_record_get_publication_date (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return get_date (&self->publication_date);
}

void
cr_case_record_set_publication_date (CrCaseRecord    *self,
                                const GDate *date)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_date (self, &self->publication_date, date, PROP_PUBLICATION_DATE);
}

/**
 * cr_case_record_get_domain:
 *
 * Returns: (nullable): the domain id, NULL while unset.
 */
const char *
cr_case_record_get_domain (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return self->domain;
}

/**
 * cr_case_record_set_domain:
 * @domain: (nullable): a domain id of the format (see cr_domain_is_valid())
 */
void
cr_case_record_set_domain (CrCaseRecord   *self,
                      const char *domain)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (domain == NULL || cr_domain_is_valid (domain));

  set_string (self, &self->domain, domain, PROP_DOMAIN);
}

CrSeverityClass
cr_case_record_get_severity (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), CR_SEVERITY_CLASS_UNKNOWN);

  return self->severity;
}

void
cr_case_record_set_severity (CrCaseRecord        *self,
                        CrSeverityClass  severity)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (severity <= CR_SEVERITY_CLASS_SPECIFIC_SERIOUS);

  if (self->severity == severity)
    return;

  self->severity = severity;
  changed (self, PROP_SEVERITY);
}

gboolean
cr_case_record_get_simple_procedure (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), FALSE);

  return self->simple_procedure;
}

void
cr_case_record_set_simple_procedure (CrCaseRecord *self,
                                gboolean  simple_procedure)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  simple_procedure = !!simple_procedure;
  if (self->simple_procedure == simple_procedure)
    return;

  self->simple_procedure = simple_procedure;
  changed (self, PROP_SIMPLE_PROCEDURE);
}

gboolean
cr_case_record_get_rectification_ordered (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), FALSE);

  return self->rectification_ordered;
}

void
cr_case_record_set_rectification_ordered (CrCaseRecord *self,
                                     gboolean  rectification_ordered)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  rectification_ordered = !!rectification_ordered;
  if (self->rectification_ordered == rectification_ordered)
    return;

  self->rectification_ordered = rectification_ordered;
  changed (self, PROP_RECTIFICATION_ORDERED);
}

/**
 * cr_case_record_get_fine_paid_amount:
 *
 * Returns: the amount paid in fen, or -1 while unknown.
 */
gint64
cr_case_record_get_fine_paid_amount (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), -1);

  return self->fine_paid_amount;
}

void
cr_case_record_set_fine_paid_amount (CrCaseRecord *self,
                                gint64    fen)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (fen >= -1);

  if (self->fine_paid_amount == fen)
    return;

  self->fine_paid_amount = fen;
  changed (self, PROP_FINE_PAID_AMOUNT);
}

const GDate *
cr_case_record_get_fine_paid_date (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);

  return get_date (&self->fine_paid_date);
}

void
cr_case_record_set_fine_paid_date (CrCaseRecord    *self,
                              const GDate *date)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));

  set_date (self, &self->fine_paid_date, date, PROP_FINE_PAID_DATE);
}

CrTristate
cr_case_record_get_rectification_completed (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), CR_TRISTATE_UNKNOWN);

  return self->rectification_completed;
}

void
cr_case_record_set_rectification_completed (CrCaseRecord   *self,
                                       CrTristate  completed)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (completed <= CR_TRISTATE_YES);

  if (self->rectification_completed == completed)
    return;

  self->rectification_completed = completed;
  changed (self, PROP_RECTIFICATION_COMPLETED);
}

guint
cr_case_record_get_n_penalties (CrCaseRecord *self)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), 0);

  return self->penalties->len;
}

/**
 * cr_case_record_get_penalty:
 *
 * Returns: (transfer none): the penalty at @position; valid until the
 * record's penalties change.
 */
const CrPenalty *
cr_case_record_get_penalty (CrCaseRecord *self,
                       guint     position)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), NULL);
  g_return_val_if_fail (position < self->penalties->len, NULL);

  return g_ptr_array_index (self->penalties, position);
}

/**
 * cr_case_record_add_penalty:
 * @type: (nullable): a penalty type id, NULL while not chosen
 * @amount: in fen, or -1 for none
 */
void
cr_case_record_add_penalty (CrCaseRecord   *self,
                       const char *type,
                       gint64      amount)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (type == NULL || cr_penalty_type_is_valid (type));
  g_return_if_fail (amount >= -1);

  g_ptr_array_add (self->penalties, cr_penalty_new (type, amount));
  changed (self, PROP_N_PENALTIES);
}

/**
 * cr_case_record_set_penalty:
 *
 * Replaces the penalty at @position, keeping the unknown keys it was read
 * with.
 */
void
cr_case_record_set_penalty (CrCaseRecord   *self,
                       guint       position,
                       const char *type,
                       gint64      amount)
{
  CrPenalty *old;

  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (position < self->penalties->len);
  g_return_if_fail (type == NULL || cr_penalty_type_is_valid (type));
  g_return_if_fail (amount >= -1);

  old = g_ptr_array_index (self->penalties, position);
  if (g_strcmp0 (cr_penalty_get_penalty_type (old), type) == 0 &&
      cr_penalty_get_amount (old) == amount)
    return;

  g_ptr_array_index (self->penalties, position) =
    cr_penalty_new_full (type, amount, cr_penalty_get_extra (old));
  cr_penalty_free (old);
  changed (self, PROP_0);
}

void
cr_case_record_remove_penalty (CrCaseRecord *self,
                          guint     position)
{
  g_return_if_fail (CR_IS_CASE_RECORD (self));
  g_return_if_fail (position < self->penalties->len);

  g_ptr_array_remove_index (self->penalties, position);
  changed (self, PROP_N_PENALTIES);
}

gboolean
cr_case_record_has_penalty_type (CrCaseRecord   *self,
                            const char *type)
{
  g_return_val_if_fail (CR_IS_CASE_RECORD (self), FALSE);

  for (guint i = 0; i < self->penalties->len; i++)
    {
      if (g_strcmp0 (cr_penalty_get_penalty_type (g_ptr_array_index (self->penalties, i)),
                     type) == 0)
        return TRUE;
    }

  return FALSE;
}

gint64
cr_case_record_get_fines_total (CrCaseRecord *self,
                           gboolean  with_confiscations)
{
  gint64 total = 0;

  g_return_val_if_fail (CR_IS_CASE_RECORD (self), 0);

  for (guint i = 0; i < self->penalties->len; i++)
    {
      const CrPenalty *penalty = g_ptr_array_index (self->penalties, i);
      const char *type = cr_penalty_get_penalty_type (penalty);
      gboolean counts = with_confiscations ? cr_penalty_type_has_amount (type)
                                           : g_strcmp0 (type, "fine") == 0;

      if (counts && cr_penalty_get_amount (penalty) > 0)
        total += cr_penalty_get_amount (penalty);
    }

  return total;
}

/* Private API for the reader and writer. */

void
cr_case_record_take_penalty (CrCaseRecord  *self,
                        CrPenalty *penalty)
{
  g_ptr_array_add (self->penalties, penalty);
}

JsonObject *
cr_case_record_get_extra (CrCaseRecord *self)
{
  return self->extra;
}

void
cr_case_record_set_extra (CrCaseRecord   *self,
                     JsonObject *extra)
{
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra != NULL ? json_object_ref (extra) : NULL;
}

JsonObject *
cr_case_record_get_performance_extra (CrCaseRecord *self)
{
  return self->performance_extra;
}

void
cr_case_record_set_performance_extra (CrCaseRecord   *self,
                                 JsonObject *extra)
{
  g_clear_pointer (&self->performance_extra, json_object_unref);
  self->performance_extra = extra != NULL ? json_object_ref (extra) : NULL;
}
