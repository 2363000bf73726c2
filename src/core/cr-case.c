/* cr-case.c: the case model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading and writing live in cr-case-json.c, validation in
 * cr-case-validate.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cr-case-private.h"
#include "cr-case.h"

struct _CrCase
{
  GObject          parent_instance;

  char            *company_name;
  char            *company_uscc;
  char            *company_legal_representative;  /* optional strings: NULL when absent */
  char            *company_address;
  char            *company_phone;

  CrApplicantRole  applicant_role;
  char            *applicant_name;
  char            *applicant_id_number;
  char            *applicant_phone;
  char            *applicant_email;

  GListStore      *records;    /* of CrCaseRecord */
  GListStore      *materials;  /* of CrCaseMaterial */

  char            *base_dir;
  guint64          generation;
  guint64          saved_generation;

  JsonObject      *extra[CR_CASE_N_EXTRAS];
};

G_DEFINE_FINAL_TYPE (CrCase, cr_case, G_TYPE_OBJECT)

G_DEFINE_QUARK (cr-case-error-quark, cr_case_error)

enum {
  PROP_0,
  PROP_COMPANY_NAME,
  PROP_COMPANY_USCC,
  PROP_COMPANY_LEGAL_REPRESENTATIVE,
  PROP_COMPANY_ADDRESS,
  PROP_COMPANY_PHONE,
  PROP_APPLICANT_ROLE,
  PROP_APPLICANT_NAME,
  PROP_APPLICANT_ID_NUMBER,
  PROP_APPLICANT_PHONE,
  PROP_APPLICANT_EMAIL,
  PROP_BASE_DIR,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
bump (CrCase *self)
{
  gboolean was_modified = cr_case_get_modified (self);

  self->generation++;
  g_signal_emit (self, signals[CHANGED], 0);
  if (!was_modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_string (CrCase      *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  bump (self);
}

static void
child_changed_cb (GObject *child,
                  CrCase  *self)
{
  bump (self);
}

static void
watch_child (CrCase  *self,
             GObject *child)
{
  g_signal_connect_object (child, "changed", G_CALLBACK (child_changed_cb), self, 0);
}

static void
unwatch_child (CrCase  *self,
               GObject *child)
{
  g_signal_handlers_disconnect_by_func (child, child_changed_cb, self);
}

static void
cr_case_dispose (GObject *object)
{
  CrCase *self = (CrCase *) object;

  if (self->records != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->records)); i++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (G_LIST_MODEL (self->records), i);
          unwatch_child (self, child);
        }
    }
  if (self->materials != NULL)
    {
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->materials)); i++)
        {
          g_autoptr(GObject) child = g_list_model_get_item (G_LIST_MODEL (self->materials), i);
          unwatch_child (self, child);
        }
    }
  g_clear_object (&self->records);
  g_clear_object (&self->materials);

  G_OBJECT_CLASS (cr_case_parent_class)->dispose (object);
}

static void
cr_case_finalize (GObject *object)
{
  CrCase *self = (CrCase *) object;

  g_free (self->company_name);
  g_free (self->company_uscc);
  g_free (self->company_legal_representative);
  g_free (self->company_address);
  g_free (self->company_phone);
  g_free (self->applicant_name);
  g_free (self->applicant_id_number);
  g_free (self->applicant_phone);
  g_free (self->applicant_email);
  g_free (self->base_dir);
  for (guint i = 0; i < CR_CASE_N_EXTRAS; i++)
    g_clear_pointer (&self->extra[i], json_object_unref);

  G_OBJECT_CLASS (cr_case_parent_class)->finalize (object);
}

static void
cr_case_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  CrCase *self = CR_CASE (object);

  switch (prop_id)
    {
    case PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;
    case PROP_COMPANY_USCC:
      g_value_set_string (value, self->company_uscc);
      break;
    case PROP_COMPANY_LEGAL_REPRESENTATIVE:
      g_value_set_string (value, self->company_legal_representative);
      break;
    case PROP_COMPANY_ADDRESS:
      g_value_set_string (value, self->company_address);
      break;
    case PROP_COMPANY_PHONE:
      g_value_set_string (value, self->company_phone);
      break;
    case PROP_APPLICANT_ROLE:
      g_value_set_enum (value, self->applicant_role);
      break;
    case PROP_APPLICANT_NAME:
      g_value_set_string (value, self->applicant_name);
      break;
    case PROP_APPLICANT_ID_NUMBER:
      g_value_set_string (value, self->applicant_id_number);
      break;
    case PROP_APPLICANT_PHONE:
      g_value_set_string (value, self->applicant_phone);
      break;
    case PROP_APPLICANT_EMAIL:
      g_value_set_string (value, self->applicant_email);
      break;
    case PROP_BASE_DIR:
      g_value_set_string (value, self->base_dir);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, cr_case_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  CrCase *self = CR_CASE (object);

  switch (prop_id)
    {
    case PROP_COMPANY_NAME:
      cr_case_set_company_name (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_USCC:
      cr_case_set_company_uscc (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_LEGAL_REPRESENTATIVE:
      cr_case_set_company_legal_representative (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_ADDRESS:
      cr_case_set_company_address (self, g_value_get_string (value));
      break;
    case PROP_COMPANY_PHONE:
      cr_case_set_company_phone (self, g_value_get_string (value));
      break;
    case PROP_APPLICANT_ROLE:
      cr_case_set_applicant_role (self, g_value_get_enum (value));
      break;
    case PROP_APPLICANT_NAME:
      cr_case_set_applicant_name (self, g_value_get_string (value));
      break;
    case PROP_APPLICANT_ID_NUMBER:
      cr_case_set_applicant_id_number (self, g_value_get_string (value));
      break;
    case PROP_APPLICANT_PHONE:
      cr_case_set_applicant_phone (self, g_value_get_string (value));
      break;
    case PROP_APPLICANT_EMAIL:
      cr_case_set_applicant_email (self, g_value_get_string (value));
      break;
    case PROP_BASE_DIR:
      cr_case_set_base_dir (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_class_init (CrCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = cr_case_dispose;
  object_class->finalize = cr_case_finalize;
  object_class->get_property = cr_case_get_property;
  object_class->set_property = cr_case_set_property;

  properties[PROP_COMPANY_NAME] = g_param_spec_string ("company-name", NULL, NULL, "", flags);
  properties[PROP_COMPANY_USCC] = g_param_spec_string ("company-uscc", NULL, NULL, "", flags);
  properties[PROP_COMPANY_LEGAL_REPRESENTATIVE] =
    g_param_spec_string ("company-legal-representative", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY_ADDRESS] =
    g_param_spec_string ("company-address", NULL, NULL, NULL, flags);
  properties[PROP_COMPANY_PHONE] = g_param_spec_string ("company-phone", NULL, NULL, NULL, flags);
  properties[PROP_APPLICANT_ROLE] =
    g_param_spec_enum ("applicant-role", NULL, NULL, CR_TYPE_APPLICANT_ROLE,
                       CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE, flags);
  properties[PROP_APPLICANT_NAME] =
    g_param_spec_string ("applicant-name", NULL, NULL, NULL, flags);
  properties[PROP_APPLICANT_ID_NUMBER] =
    g_param_spec_string ("applicant-id-number", NULL, NULL, NULL, flags);
  properties[PROP_APPLICANT_PHONE] =
    g_param_spec_string ("applicant-phone", NULL, NULL, NULL, flags);
  properties[PROP_APPLICANT_EMAIL] =
    g_param_spec_string ("applicant-email", NULL, NULL, NULL, flags);
  properties[PROP_BASE_DIR] = g_param_spec_string ("base-dir", NULL, NULL, NULL, flags);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrCase::changed:
   *
   * Emitted after any change to the case, its records or its materials
   * (not for base-dir or the saved generation). Autosave hooks here.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_case_init (CrCase *self)
{
  self->company_name = g_strdup ("");
  self->company_uscc = g_strdup ("");
  self->applicant_role = CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE;
  self->records = g_list_store_new (CR_TYPE_CASE_RECORD);
  self->materials = g_list_store_new (CR_TYPE_CASE_MATERIAL);
}

/**
 * cr_case_new:
 *
 * Returns: (transfer full): an empty case, not modified.
 */
CrCase *
cr_case_new (void)
{
  return g_object_new (CR_TYPE_CASE, NULL);
}

/**
 * cr_case_copy:
 *
 * Returns: (transfer full): a deep copy of @self with the same base
 * directory, unknown keys included, not modified.
 */
CrCase *
cr_case_copy (CrCase *self)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  CrCase *copy;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  node = cr_case_to_json_node (self);
  copy = cr_case_load_from_node (node, self->base_dir, NULL, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                 NULL, &error);
  /* What the writer writes, the lenient reader reads. */
  g_assert_no_error (error);

  return copy;
}

/**
 * cr_case_equal:
 *
 * Returns: whether @a and @b would be written identically.
 */
gboolean
cr_case_equal (CrCase *a,
               CrCase *b)
{
  g_autofree char *data_a = NULL;
  g_autofree char *data_b = NULL;

  g_return_val_if_fail (CR_IS_CASE (a), FALSE);
  g_return_val_if_fail (CR_IS_CASE (b), FALSE);

  data_a = cr_case_to_data (a, NULL);
  data_b = cr_case_to_data (b, NULL);

  return g_str_equal (data_a, data_b);
}

/**
 * cr_case_get_base_dir:
 *
 * Returns: (nullable): the directory holding the case file, against which
 * relative material paths are resolved.
 */
const char *
cr_case_get_base_dir (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  return self->base_dir;
}

void
cr_case_set_base_dir (CrCase     *self,
                      const char *base_dir)
{
  g_return_if_fail (CR_IS_CASE (self));

  if (g_strcmp0 (self->base_dir, base_dir) == 0)
    return;

  g_free (self->base_dir);
  self->base_dir = g_strdup (base_dir);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_DIR]);
}

/**
 * cr_case_resolve_path:
 * @path: a material path
 *
 * Returns: (transfer full) (nullable): @path made absolute against the
 * base directory, or NULL when @path is relative and there is no base
 * directory (or @path is empty).
 */
char *
cr_case_resolve_path (CrCase     *self,
                      const char *path)
{
  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  if (path == NULL || *path == '\0')
    return NULL;

  if (g_path_is_absolute (path))
    return g_canonicalize_filename (path, NULL);

  if (self->base_dir == NULL)
    return NULL;

  return g_canonicalize_filename (path, self->base_dir);
}

/**
 * cr_case_get_generation:
 *
 * Returns: a counter that grows with every change.
 */
guint64
cr_case_get_generation (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), 0);

  return self->generation;
}

/**
 * cr_case_get_modified:
 *
 * Returns: whether the case changed since the generation last passed to
 * cr_case_set_saved_generation() (the store does that on load and save).
 */
gboolean
cr_case_get_modified (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), FALSE);

  return self->generation != self->saved_generation;
}

/**
 * cr_case_set_saved_generation:
 * @generation: the generation that was written to disk, as returned by
 *   cr_case_get_generation() when the data was taken
 */
void
cr_case_set_saved_generation (CrCase  *self,
                              guint64  generation)
{
  gboolean was_modified;

  g_return_if_fail (CR_IS_CASE (self));

  was_modified = cr_case_get_modified (self);
  self->saved_generation = generation;
  if (was_modified != cr_case_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

/**
 * cr_case_get_extension:
 * @key: a top-level key, by convention starting with %CR_CASE_EXTENSION_PREFIX
 *
 * Returns: (transfer none) (nullable): the value of the extension @key as
 * read from the file or set with cr_case_set_extension(), or NULL.
 */
JsonNode *
cr_case_get_extension (CrCase     *self,
                       const char *key)
{
  JsonObject *extra;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  extra = self->extra[CR_CASE_EXTRA_ROOT];
  return extra != NULL ? json_object_get_member (extra, key) : NULL;
}

/**
 * cr_case_set_extension:
 * @key: a top-level key that is not a key of the format; use
 *   %CR_CASE_EXTENSION_PREFIX so that readers do not warn about it
 * @value: (nullable): the value (copied), or NULL to remove the key
 *
 * Stores data of the app's own in the case file (the status after
 * submission, notes …). A changed value counts as an edit (CrCase::changed).
 * Interchange exports (%CR_CASE_WRITE_DROP_UNKNOWN) leave it out.
 */
void
cr_case_set_extension (CrCase     *self,
                       const char *key,
                       JsonNode   *value)
{
  static const char * const format_keys[] = {
    "format", "format_version", "company", "applicant", "records", "materials", NULL
  };
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *old;
  JsonNode *current;
  gboolean replaced = FALSE;

  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (key != NULL && !g_strv_contains (format_keys, key));

  current = cr_case_get_extension (self, key);
  if ((current == NULL && value == NULL) ||
      (current != NULL && value != NULL && json_node_equal (current, value)))
    return;

  /* A new object, so that copies sharing the old one are not affected;
   * the key keeps its place. */
  extra = json_object_new ();
  old = self->extra[CR_CASE_EXTRA_ROOT];
  if (old != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      json_object_iter_init_ordered (&iter, old);
      while (json_object_iter_next_ordered (&iter, &name, &node))
        {
          if (!g_str_equal (name, key))
            json_object_set_member (extra, name, json_node_copy (node));
          else if (value != NULL)
            {
              json_object_set_member (extra, name, json_node_copy (value));
              replaced = TRUE;
            }
        }
    }
  if (!replaced && value != NULL)
    json_object_set_member (extra, key, json_node_copy (value));

  cr_case_set_extra (self, CR_CASE_EXTRA_ROOT,
                     json_object_get_size (extra) > 0 ? extra : NULL);
  bump (self);
}

#define STRING_ACCESSORS(field, PROP, required)                        \
  const char *                                                         \
  cr_case_get_##field (CrCase *self)                                   \
  {                                                                    \
    g_return_val_if_fail (CR_IS_CASE (self), NULL);                    \
    return self->field;                                                \
  }                                                                    \
                                                                       \
  void                                                                 \
  cr_case_set_##field (CrCase     *self,                               \
                       const char *value)                              \
  {                                                                    \
    g_return_if_fail (CR_IS_CASE (self));                              \
    if ((required) && value == NULL)                                   \
      value = "";                                                      \
    set_string (self, &self->field, value, PROP);                      \
  }

/* Required strings are "" when empty; optional ones are NULL when absent. */
STRING_ACCESSORS (company_name, PROP_COMPANY_NAME, TRUE)
STRING_ACCESSORS (company_uscc, PROP_COMPANY_USCC, TRUE)
STRING_ACCESSORS (company_legal_representative, PROP_COMPANY_LEGAL_REPRESENTATIVE, FALSE)
STRING_ACCESSORS (company_address, PROP_COMPANY_ADDRESS, FALSE)
STRING_ACCESSORS (company_phone, PROP_COMPANY_PHONE, FALSE)
STRING_ACCESSORS (applicant_name, PROP_APPLICANT_NAME, FALSE)
STRING_ACCESSORS (applicant_id_number, PROP_APPLICANT_ID_NUMBER, FALSE)
STRING_ACCESSORS (applicant_phone, PROP_APPLICANT_PHONE, FALSE)
STRING_ACCESSORS (applicant_email, PROP_APPLICANT_EMAIL, FALSE)

#undef STRING_ACCESSORS

CrApplicantRole
cr_case_get_applicant_role (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE);

  return self->applicant_role;
}

void
cr_case_set_applicant_role (CrCase          *self,
                            CrApplicantRole  role)
{
  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (cr_applicant_role_to_string (role) != NULL);

  if (self->applicant_role == role)
    return;

  self->applicant_role = role;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_APPLICANT_ROLE]);
  bump (self);
}

/**
 * cr_case_get_records:
 *
 * Returns: (transfer none): the records, a list model of CrCaseRecord. Change
 * it only through cr_case_add_record() and friends.
 */
GListModel *
cr_case_get_records (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->records);
}

guint
cr_case_get_n_records (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->records));
}

/**
 * cr_case_get_record:
 *
 * Returns: (transfer none) (nullable): the record at @position.
 */
CrCaseRecord *
cr_case_get_record (CrCase *self,
                    guint   position)
{
  g_autoptr(CrCaseRecord) record = NULL;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  record = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  /* The store keeps its reference. */
  return record;
}

/**
 * cr_case_find_record:
 *
 * Returns: (transfer none) (nullable): the first record with id @id.
 */
CrCaseRecord *
cr_case_find_record (CrCase     *self,
                     const char *id)
{
  guint n;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  if (id == NULL)
    return NULL;

  n = cr_case_get_n_records (self);
  for (guint i = 0; i < n; i++)
    {
      CrCaseRecord *record = cr_case_get_record (self, i);

      if (g_str_equal (cr_case_record_get_id (record), id))
        return record;
    }

  return NULL;
}

void
cr_case_insert_record (CrCase   *self,
                       guint     position,
                       CrCaseRecord *record)
{
  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (CR_IS_CASE_RECORD (record));
  g_return_if_fail (position <= cr_case_get_n_records (self));

  g_list_store_insert (self->records, position, record);
  watch_child (self, G_OBJECT (record));
  bump (self);
}

void
cr_case_add_record (CrCase   *self,
                    CrCaseRecord *record)
{
  g_return_if_fail (CR_IS_CASE (self));

  cr_case_insert_record (self, cr_case_get_n_records (self), record);
}

void
cr_case_remove_record (CrCase *self,
                       guint   position)
{
  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (position < cr_case_get_n_records (self));

  unwatch_child (self, G_OBJECT (cr_case_get_record (self, position)));
  g_list_store_remove (self->records, position);
  bump (self);
}

/**
 * cr_case_make_record_id:
 *
 * Returns: (transfer full): an id ("r1", "r2" …) no record of @self uses.
 */
char *
cr_case_make_record_id (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  for (guint i = 1; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i);

      if (cr_case_find_record (self, id) == NULL)
        return g_steal_pointer (&id);
    }
}

/**
 * cr_case_get_materials:
 *
 * Returns: (transfer none): the materials, a list model of CrCaseMaterial.
 * Change it only through cr_case_add_material() and friends.
 */
GListModel *
cr_case_get_materials (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  return G_LIST_MODEL (self->materials);
}

guint
cr_case_get_n_materials (CrCase *self)
{
  g_return_val_if_fail (CR_IS_CASE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->materials));
}

/**
 * cr_case_get_material:
 *
 * Returns: (transfer none) (nullable): the material at @position.
 */
CrCaseMaterial *
cr_case_get_material (CrCase *self,
                      guint   position)
{
  g_autoptr(CrCaseMaterial) material = NULL;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  material = g_list_model_get_item (G_LIST_MODEL (self->materials), position);
  return material;
}

void
cr_case_insert_material (CrCase     *self,
                         guint       position,
                         CrCaseMaterial *material)
{
  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (CR_IS_CASE_MATERIAL (material));
  g_return_if_fail (position <= cr_case_get_n_materials (self));

  g_list_store_insert (self->materials, position, material);
  watch_child (self, G_OBJECT (material));
  bump (self);
}

void
cr_case_add_material (CrCase     *self,
                      CrCaseMaterial *material)
{
  g_return_if_fail (CR_IS_CASE (self));

  cr_case_insert_material (self, cr_case_get_n_materials (self), material);
}

void
cr_case_remove_material (CrCase *self,
                         guint   position)
{
  g_return_if_fail (CR_IS_CASE (self));
  g_return_if_fail (position < cr_case_get_n_materials (self));

  unwatch_child (self, G_OBJECT (cr_case_get_material (self, position)));
  g_list_store_remove (self->materials, position);
  bump (self);
}

/* Private API for the reader and writer. */

JsonObject *
cr_case_get_extra (CrCase      *self,
                   CrCaseExtra  which)
{
  g_assert (which < CR_CASE_N_EXTRAS);

  return self->extra[which];
}

void
cr_case_set_extra (CrCase      *self,
                   CrCaseExtra  which,
                   JsonObject  *extra)
{
  g_assert (which < CR_CASE_N_EXTRAS);

  g_clear_pointer (&self->extra[which], json_object_unref);
  self->extra[which] = extra != NULL ? json_object_ref (extra) : NULL;
}
