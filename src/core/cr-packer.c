/* cr-packer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Determinism with libarchive's zip writer: it converts the entry's mtime
 * to a DOS date with localtime(), so any mtime would make the bytes depend
 * on the time zone. Entries get no time at all: the DOS field then holds
 * 1980-01-01 00:00, its minimum, in every zone, and the "UT" extra field
 * holds no timestamp. uid and gid stay 0, the mode is 0644, and every
 * entry is stored: materials are compressed formats already, and stored
 * bytes do not change with the zlib version.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cr-pack-names.h"
#include "cr-packer.h"
#include "cr-portal-sheet.h"
#include "cr-problem.h"

G_DEFINE_QUARK (cr-packer-error-quark, cr_packer_error)

#define CHUNK_SIZE (64 * 1024)
/* Progress reports of the _async functions are at least this far apart. */
#define PROGRESS_INTERVAL_USEC (50 * 1000)

typedef struct
{
  GStrv            formats;
  CrMaterialLimits limits;
} SlotLimits;

struct _CrPacker
{
  GObject     parent_instance;

  JsonObject *case_root;
  char       *base_dir;
  JsonObject *check;
  GHashTable *slot_limits; /* slot id → SlotLimits */
  gboolean    force;

  /* by inspection */
  gboolean    inspected;
  GPtrArray  *files;       /* CrPackFile, sorted by name */
  JsonArray  *findings;    /* the checker's, then the materials' */
  GPtrArray  *unreadable;  /* messages naming the files that cannot be packed */
  gboolean    ready;

  /* by the last successful write */
  JsonNode   *manifest;
};

G_DEFINE_FINAL_TYPE (CrPacker, cr_packer, G_TYPE_OBJECT)

static void
slot_limits_free (SlotLimits *limits)
{
  g_strfreev (limits->formats);
  g_free (limits);
}

static void
pack_file_free (CrPackFile *file)
{
  g_free (file->name);
  g_free (file->slot);
  g_free (file->record);
  g_free (file->path);
  g_clear_object (&file->info);
  g_free (file->sha256);
  g_free (file);
}

static void
cr_packer_finalize (GObject *object)
{
  CrPacker *self = CR_PACKER (object);

  g_clear_pointer (&self->case_root, json_object_unref);
  g_clear_pointer (&self->check, json_object_unref);
  g_free (self->base_dir);
  g_clear_pointer (&self->slot_limits, g_hash_table_unref);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->findings, json_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  g_clear_pointer (&self->manifest, json_node_unref);

  G_OBJECT_CLASS (cr_packer_parent_class)->finalize (object);
}

static void
cr_packer_class_init (CrPackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_packer_finalize;
}

static void
cr_packer_init (CrPacker *self)
{
  self->slot_limits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) slot_limits_free);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/**
 * cr_packer_new:
 * @case_root: the case as interchange JSON (cr_case_to_json_node())
 * @base_dir: (nullable): the folder relative material paths refer to
 * @check_result: the checker's verdict as JSON (spec/cli.md, `check --json`)
 *
 * Does no I/O: inspection and packing come later.
 *
 * Returns: (transfer full): a packer, or %NULL if the case has no valid
 * list of materials (CR_PACKER_ERROR_INPUT)
 */
CrPacker *
cr_packer_new (JsonObject  *case_root,
               const char  *base_dir,
               JsonObject  *check_result,
               GError     **error)
{
  g_autoptr(CrPacker) self = NULL;
  JsonArray *materials;

  g_return_val_if_fail (case_root != NULL, NULL);
  g_return_val_if_fail (check_result != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  materials = get_array (case_root, "materials");
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonNode *node = json_array_get_element (materials, i);
      JsonObject *material = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *record = material != NULL ? json_object_get_member (material, "record") : NULL;

      if (material == NULL || get_string (material, "slot") == NULL ||
          get_string (material, "path") == NULL ||
          (record != NULL && !JSON_NODE_HOLDS_NULL (record) &&
           get_string (material, "record") == NULL))
        {
          g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT,
                       _("Material %u of the case has no valid slot, record and path "
                         "(/materials/%u)"), i + 1, i);
          return NULL;
        }
    }

  self = g_object_new (CR_TYPE_PACKER, NULL);
  self->case_root = json_object_ref (case_root);
  self->base_dir = g_strdup (base_dir);
  self->check = json_object_ref (check_result);

  return g_steal_pointer (&self);
}

/**
 * cr_packer_set_slot_limits:
 * @slot: a slot id
 * @limits: (nullable): its limits, copied; %NULL removes them
 *
 * Files attached to @slot are checked against @limits when inspected.
 */
void
cr_packer_set_slot_limits (CrPacker               *self,
                           const char             *slot,
                           const CrMaterialLimits *limits)
{
  SlotLimits *copy;

  g_return_if_fail (CR_IS_PACKER (self));
  g_return_if_fail (slot != NULL);

  if (limits == NULL)
    {
      g_hash_table_remove (self->slot_limits, slot);
      return;
    }

  copy = g_new0 (SlotLimits, 1);
  copy->limits = *limits;
  copy->formats = g_strdupv ((char **) limits->formats);
  copy->limits.formats = (const char * const *) copy->formats;
  g_hash_table_replace (self->slot_limits, g_strdup (slot), copy);
  self->inspected = FALSE;
}

/**
 * cr_packer_set_rule_set_limits:
 * @rule_set: the rule set the case was checked with
 *
 * Sets the limits of every upload slot @rule_set defines.
 */
void
cr_packer_set_rule_set_limits (CrPacker  *self,
                               CrRuleSet *rule_set)
{
  g_return_if_fail (CR_IS_PACKER (self));
  g_return_if_fail (CR_IS_RULE_SET (rule_set));

  for (guint i = 0; i < cr_rule_set_get_n_slots (rule_set); i++)
    {
      const CrSlotDef *slot = cr_rule_set_get_slot (rule_set, i);
      CrMaterialLimits limits;

      cr_material_limits_init_from_slot (&limits, slot);
      cr_packer_set_slot_limits (self, slot->id, &limits);
    }
}

/**
 * cr_packer_new_for_check:
 * @case_: a case
 * @result: the checker's verdict on it
 *
 * A packer for @case_ as it is now (its interchange JSON is taken), with
 * the verdict and the slot limits of the rule set @result applied.
 *
 * Returns: (transfer full): a packer, or %NULL with CR_PACKER_ERROR_INPUT
 */
CrPacker *
cr_packer_new_for_check (CrCase         *case_,
                         CrCheckResult  *result,
                         GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) check = NULL;
  CrPacker *self;

  g_return_val_if_fail (CR_IS_CASE (case_), NULL);
  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);

  root = cr_case_to_json_node (case_);
  check = cr_check_result_to_json_node (result, NULL);
  self = cr_packer_new (json_node_get_object (root), cr_case_get_base_dir (case_),
                        json_node_get_object (check), error);
  if (self != NULL)
    cr_packer_set_rule_set_limits (self, cr_check_result_get_rule_set (result));

  return self;
}

/**
 * cr_packer_set_force:
 * @force: pack even a case that is not ready
 */
void
cr_packer_set_force (CrPacker *self,
                     gboolean  force)
{
  g_return_if_fail (CR_IS_PACKER (self));

  self->force = !!force;
}

gboolean
cr_packer_get_force (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);

  return self->force;
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  const CrPackFile *fa = *(const CrPackFile * const *) a;
  const CrPackFile *fb = *(const CrPackFile * const *) b;

  return strcmp (fa->name, fb->name);
}

static JsonNode *
finding_node (const CrProblem *problem,
              const char      *record,
              const char      *slot,
              guint            material_index)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *field = g_strdup_printf ("/materials/%u/path", material_index);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rule");
  json_builder_add_string_value (builder, problem->code);
  json_builder_set_member_name (builder, "severity");
  json_builder_add_string_value (builder, cr_severity_to_string (problem->severity));
  json_builder_set_member_name (builder, "record");
  if (record != NULL)
    json_builder_add_string_value (builder, record);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "slot");
  json_builder_add_string_value (builder, slot);
  json_builder_set_member_name (builder, "field");
  json_builder_add_string_value (builder, field);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, problem->message);
  /* The members of the checker's findings, for one shape throughout. */
  json_builder_set_member_name (builder, "basis");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "basis_url");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "fix");
  json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "verified");
  json_builder_add_boolean_value (builder, TRUE);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_findings (CrPacker   *self,
              GPtrArray  *problems,
              CrPackFile *file)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      json_array_add_element (self->findings,
                              finding_node (problem, file->record, file->slot,
                                            file->material_index));
      if (problem->severity == CR_SEVERITY_ERROR)
        self->ready = FALSE;
    }
}

/**
 * cr_packer_inspect:
 * @cancellable: (nullable): a #GCancellable
 *
 * Inspects every material (cr_material_inspect()), checks it against its
 * slot's limits, and names it for the package. Problems become findings;
 * any error among them makes the case not ready. Blocking.
 *
 * Returns: %FALSE only when cancelled
 */
gboolean
cr_packer_inspect (CrPacker      *self,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GPtrArray) files = NULL;
  g_autoptr(CrPackNamer) namer = cr_pack_namer_new ();
  JsonArray *materials, *check_findings;
  JsonNode *ready_node;

  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Until this inspection completes, nothing from an older one holds. */
  self->inspected = FALSE;
  files = g_ptr_array_new_with_free_func ((GDestroyNotify) pack_file_free);
  g_clear_pointer (&self->findings, json_array_unref);
  g_clear_pointer (&self->unreadable, g_ptr_array_unref);
  self->findings = json_array_new ();
  self->unreadable = g_ptr_array_new_with_free_func (g_free);

  ready_node = json_object_get_member (self->check, "ready");
  self->ready = ready_node != NULL && JSON_NODE_HOLDS_VALUE (ready_node) &&
                json_node_get_value_type (ready_node) == G_TYPE_BOOLEAN &&
                json_node_get_boolean (ready_node);

  check_findings = get_array (self->check, "findings");
  for (guint i = 0; check_findings != NULL && i < json_array_get_length (check_findings); i++)
    json_array_add_element (self->findings,
                            json_node_copy (json_array_get_element (check_findings, i)));

  cr_pack_namer_reserve (namer, CR_PACKAGE_MANIFEST);
  cr_pack_namer_reserve (namer, CR_PACKAGE_SHEET_TEXT);
  cr_pack_namer_reserve (namer, CR_PACKAGE_SHEET_HTML);

  materials = get_array (self->case_root, "materials");
  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      JsonObject *material = json_array_get_object_element (materials, i);
      CrPackFile *file = g_new0 (CrPackFile, 1);
      g_autofree char *extension = NULL;
      GPtrArray *problems;
      SlotLimits *limits;

      g_ptr_array_add (files, file);
      file->slot = g_strdup (get_string (material, "slot"));
      file->record = g_strdup (get_string (material, "record"));
      file->path = g_strdup (get_string (material, "path"));
      file->material_index = i;
      file->size = -1;

      file->info = cr_material_inspect (file->path, self->base_dir, cancellable, error);
      if (file->info == NULL)
        return FALSE;

      problems = cr_material_info_get_problems (file->info);
      add_findings (self, problems, file);

      if (!cr_material_info_is_readable (file->info))
        {
          for (guint j = 0; j < problems->len; j++)
            {
              const CrProblem *problem = g_ptr_array_index (problems, j);

              if (problem->severity == CR_SEVERITY_ERROR)
                {
                  g_ptr_array_add (self->unreadable, g_strdup (problem->message));
                  break;
                }
            }
        }

      limits = g_hash_table_lookup (self->slot_limits, file->slot);
      if (limits != NULL)
        {
          g_autoptr(GPtrArray) limit_problems = NULL;

          limit_problems = cr_material_info_check_limits (file->info, &limits->limits);
          add_findings (self, limit_problems, file);
        }

      extension = cr_pack_name_extension (file->path, cr_material_info_get_format (file->info));
      file->name = cr_pack_namer_name (namer, file->slot, file->record, extension);
    }

  g_ptr_array_sort (files, compare_files);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  self->files = g_steal_pointer (&files);
  self->inspected = TRUE;

  return TRUE;
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;

  if (cr_packer_inspect (source_object, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cr_packer_inspect_async:
 *
 * Runs cr_packer_inspect() in a worker thread.
 */
void
cr_packer_inspect_async (CrPacker            *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_PACKER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_packer_inspect_async);
  g_task_run_in_thread (task, inspect_thread);
}

gboolean
cr_packer_inspect_finish (CrPacker      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_packer_inspect_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
cr_packer_get_inspected (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);

  return self->inspected;
}

/**
 * cr_packer_get_n_files:
 *
 * Returns: the number of materials to pack (0 before inspection)
 */
guint
cr_packer_get_n_files (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), 0);

  return self->files != NULL ? self->files->len : 0;
}

/**
 * cr_packer_get_file:
 * @index: below cr_packer_get_n_files()
 *
 * Returns: (transfer none): the material packed at @index, in package
 * order (sorted by name)
 */
const CrPackFile *
cr_packer_get_file (CrPacker *self,
                    guint     index)
{
  g_return_val_if_fail (CR_IS_PACKER (self), NULL);
  g_return_val_if_fail (self->files != NULL && index < self->files->len, NULL);

  return g_ptr_array_index (self->files, index);
}

/**
 * cr_packer_get_findings:
 *
 * Returns: (transfer none) (nullable): the checker's findings followed by
 * those about the material files (same members: rule, severity, record,
 * slot, field, message, basis), or %NULL before inspection
 */
JsonArray *
cr_packer_get_findings (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), NULL);

  return self->findings;
}

/**
 * cr_packer_get_ready:
 *
 * Returns: %TRUE if the checker found the case ready and no material has
 * an error (%FALSE before inspection)
 */
gboolean
cr_packer_get_ready (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);

  return self->inspected && self->ready;
}

/**
 * cr_packer_check_readable:
 *
 * Returns: %FALSE, with a CR_PACKER_ERROR_INPUT error naming every such
 * file, if a material cannot be packed (missing, unreadable, not a file,
 * or a symbolic link out of the case folder)
 */
gboolean
cr_packer_check_readable (CrPacker  *self,
                          GError   **error)
{
  g_autoptr(GString) message = NULL;

  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);
  g_return_val_if_fail (self->inspected, FALSE);

  if (self->unreadable->len == 0)
    return TRUE;

  message = g_string_new (NULL);
  for (guint i = 0; i < self->unreadable->len; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (self->unreadable, i));
    }

  g_set_error_literal (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT, message->str);
  return FALSE;
}

/* Findings name files by the path the case gives, which may be a local
 * absolute path; the manifest names them by their name in the package. */
static JsonNode *
manifest_finding (JsonNode   *finding,
                  GHashTable *names)
{
  JsonNode *copy = json_node_copy (finding);
  JsonObject *object;
  const char *field, *message;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (copy))
    return copy;

  object = json_node_get_object (copy);
  field = get_string (object, "field");
  message = get_string (object, "message");
  if (field == NULL || message == NULL)
    return copy;

  name = g_hash_table_lookup (names, field);
  if (name != NULL)
    {
      const char *display = g_hash_table_lookup (names, name);
      g_autoptr(GString) text = g_string_new (message);
      g_autofree char *quoted_display = g_strdup_printf ("“%s”", display);
      g_autofree char *quoted_name = g_strdup_printf ("“%s”", name);

      g_string_replace (text, quoted_display, quoted_name, 0);
      json_object_set_string_member (object, "message", text->str);
    }

  return copy;
}

static void
add_nullable_member (JsonObject *to,
                     const char *member,
                     JsonObject *from)
{
  JsonNode *node = from != NULL ? json_object_get_member (from, member) : NULL;

  json_object_set_member (to, member,
                          node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL));
}

static JsonObject *
find_check_record (JsonObject *check,
                   const char *id)
{
  JsonArray *records = get_array (check, "records");

  for (guint i = 0; id != NULL && records != NULL && i < json_array_get_length (records); i++)
    {
      JsonNode *node = json_array_get_element (records, i);

      if (JSON_NODE_HOLDS_OBJECT (node) &&
          g_strcmp0 (get_string (json_node_get_object (node), "id"), id) == 0)
        return json_node_get_object (node);
    }

  return NULL;
}

static JsonNode *
build_manifest (CrPacker *self)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonObject *root = json_object_new ();
  JsonObject *summary = json_object_new ();
  JsonObject *company = json_object_new ();
  JsonObject *case_company = get_object (self->case_root, "company");
  JsonArray *records = json_array_new ();
  JsonArray *case_records = get_array (self->case_root, "records");
  JsonArray *findings = json_array_new ();
  JsonArray *files = json_array_new ();
  JsonNode *node;

  json_object_set_string_member (root, "format", CR_PACKAGE_FORMAT);
  json_object_set_int_member (root, "format_version", CR_PACKAGE_FORMAT_VERSION);

  add_nullable_member (company, "name", case_company);
  add_nullable_member (company, "uscc", case_company);
  json_object_set_object_member (summary, "company", company);

  for (guint i = 0; case_records != NULL && i < json_array_get_length (case_records); i++)
    {
      JsonNode *element = json_array_get_element (case_records, i);
      JsonObject *record, *checked, *out;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      record = json_node_get_object (element);
      checked = find_check_record (self->check, get_string (record, "id"));
      out = json_object_new ();
      add_nullable_member (out, "id", record);
      add_nullable_member (out, "kind", record);
      add_nullable_member (out, "decision_number", record);
      add_nullable_member (out, "authority", record);
      add_nullable_member (out, "decision_date", record);
      add_nullable_member (out, "severity", checked != NULL ? checked : record);
      add_nullable_member (out, "status", checked);
      add_nullable_member (out, "earliest_application_date", checked);
      add_nullable_member (out, "display_end_date", checked);
      add_nullable_member (out, "required_slots", checked);
      json_array_add_object_element (records, out);
    }
  json_object_set_array_member (summary, "records", records);
  json_object_set_object_member (root, "case", summary);

  add_nullable_member (root, "on", self->check);
  add_nullable_member (root, "regime", self->check);
  add_nullable_member (root, "ruleset", self->check);
  json_object_set_boolean_member (root, "ready", self->ready);
  json_object_set_boolean_member (root, "forced", self->force && !self->ready);

  for (guint i = 0; i < self->files->len; i++)
    {
      const CrPackFile *file = g_ptr_array_index (self->files, i);

      g_hash_table_insert (names, g_strdup_printf ("/materials/%u/path", file->material_index),
                           g_strdup (file->name));
      g_hash_table_insert (names, g_strdup (file->name),
                           g_strdup (cr_material_info_get_display_name (file->info)));
    }

  for (guint i = 0; i < json_array_get_length (self->findings); i++)
    json_array_add_element (findings,
                            manifest_finding (json_array_get_element (self->findings, i), names));
  json_object_set_array_member (root, "findings", findings);

  for (guint i = 0; i < self->files->len; i++)
    {
      const CrPackFile *file = g_ptr_array_index (self->files, i);
      JsonObject *entry = json_object_new ();

      json_object_set_string_member (entry, "name", file->name);
      json_object_set_string_member (entry, "slot", file->slot);
      if (file->record != NULL)
        json_object_set_string_member (entry, "record", file->record);
      else
        json_object_set_null_member (entry, "record");
      json_object_set_int_member (entry, "size", file->size);
      json_object_set_string_member (entry, "sha256", file->sha256);
      json_array_add_object_element (files, entry);
    }
  json_object_set_array_member (root, "files", files);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, root);
  return node;
}

static GBytes *
manifest_to_bytes (JsonNode *manifest)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, manifest);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (g_strconcat (text, "\n", NULL), length + 1);
}

/* The extra entries after the materials, in package order. */
typedef struct
{
  const char *name;
  GBytes     *bytes;
} ExtraEntry;

typedef struct
{
  CrPacker           *self;
  CrPackProgressFunc  progress;
  gpointer            progress_data;
  guint64             done;
  guint64             total;
  guint8             *buffer;
} Job;

static void
job_progress (Job     *job,
              guint64  bytes)
{
  job->done += bytes;
  if (job->progress != NULL)
    job->progress (job->done, job->total, job->progress_data);
}

static gboolean
prepare (CrPacker      *self,
         Job           *job,
         GCancellable  *cancellable,
         GError       **error)
{
  if (!self->inspected && !cr_packer_inspect (self, cancellable, error))
    return FALSE;

  if (!cr_packer_check_readable (self, error))
    return FALSE;

  if (!self->ready && !self->force)
    {
      g_set_error_literal (error, CR_PACKER_ERROR, CR_PACKER_ERROR_NOT_READY,
                           _("The case is not ready to be submitted: fix the errors found "
                             "first, or pack it anyway"));
      return FALSE;
    }

  g_clear_pointer (&self->manifest, json_node_unref);
  job->total = 0;
  for (guint i = 0; i < self->files->len; i++)
    {
      CrPackFile *file = g_ptr_array_index (self->files, i);

      g_clear_pointer (&file->sha256, g_free);
      file->size = -1;
      job->total += 2 * (guint64) cr_material_info_get_size (file->info);
    }

  return TRUE;
}

static void set_io_error (GError     **error,
                          int          saved_errno,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), "%s: %s",
               message, g_strerror (saved_errno));
}

/* Opens a material the way inspection found it, refusing anything that
 * is no longer the same regular file. */
static int
open_material (CrPackFile  *file,
               GError     **error)
{
  const char *path = cr_material_info_get_resolved_path (file->info);
  struct stat st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *message = g_strdup_printf (_("“%s” cannot be read"),
                                                  cr_material_info_get_display_name (file->info));

      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT, "%s: %s", message,
                   g_strerror (saved_errno));
      return -1;
    }

  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) ||
      st.st_size != cr_material_info_get_size (file->info))
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT,
                   _("“%s” changed while the package was being made"),
                   cr_material_info_get_display_name (file->info));
      close (fd);
      return -1;
    }

#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif

  return fd;
}

typedef gboolean (*SinkFunc) (gpointer      sink,
                              const void   *data,
                              gsize         length,
                              GError      **error);

/* Streams one material into @sink in CHUNK_SIZE pieces, hashing it on the
 * way; the file must end where inspection said it would. */
static gboolean
stream_material (Job           *job,
                 CrPackFile    *file,
                 SinkFunc       sink,
                 gpointer       sink_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  goffset expected = cr_material_info_get_size (file->info);
  goffset total = 0;
  int fd;

  fd = open_material (file, error);
  if (fd < 0)
    return FALSE;

  for (;;)
    {
      gssize n;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          close (fd);
          return FALSE;
        }

      n = read (fd, job->buffer, CHUNK_SIZE);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;
          g_autofree char *message = g_strdup_printf (_("“%s” cannot be read"),
                                                      cr_material_info_get_display_name (file->info));

          g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT, "%s: %s", message,
                       g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;

      total += n;
      if (total > expected)
        break;

      g_checksum_update (checksum, job->buffer, n);
      if (!sink (sink_data, job->buffer, n, error))
        {
          close (fd);
          return FALSE;
        }
      job_progress (job, n);
    }

  close (fd);

  if (total != expected)
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT,
                   _("“%s” changed while the package was being made"),
                   cr_material_info_get_display_name (file->info));
      return FALSE;
    }

  file->size = total;
  file->sha256 = g_strdup (g_checksum_get_string (checksum));
  return TRUE;
}

static char *
sha256_of_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

/* Builds the sheets and the manifest once every material has its hash. */
static void
build_extras (CrPacker   *self,
              ExtraEntry  extras[3])
{
  g_autoptr(GPtrArray) values = cr_portal_values_collect (self->case_root, TRUE);
  char *text = cr_portal_sheet_to_text (values);
  char *html = cr_portal_sheet_to_html (values);

  self->manifest = build_manifest (self);

  extras[0].name = CR_PACKAGE_SHEET_HTML;
  extras[0].bytes = g_bytes_new_take (html, strlen (html));
  extras[1].name = CR_PACKAGE_SHEET_TEXT;
  extras[1].bytes = g_bytes_new_take (text, strlen (text));
  extras[2].name = CR_PACKAGE_MANIFEST;
  extras[2].bytes = manifest_to_bytes (self->manifest);
}

static void
clear_extras (ExtraEntry extras[3])
{
  for (guint i = 0; i < 3; i++)
    g_clear_pointer (&extras[i].bytes, g_bytes_unref);
}

/* zip */

static gboolean
archive_sink (gpointer     sink,
              const void  *data,
              gsize        length,
              GError     **error)
{
  struct archive *archive = sink;
  la_ssize_t written = archive_write_data (archive, data, length);

  if (written < 0 || (gsize) written != length)
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_WRITE,
                   _("The package cannot be written: %s"),
                   archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_entry_header (struct archive  *archive,
                    const char      *name,
                    goffset          size,
                    GError         **error)
{
  struct archive_entry *entry = archive_entry_new2 (archive);
  int status;

  /* No times, no owner: see the top of the file. */
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  status = archive_write_header (archive, entry);
  archive_entry_free (entry);

  if (status != ARCHIVE_OK)
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_WRITE,
                   _("The package cannot be written: %s"),
                   archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_archive (Job           *job,
               int            fd,
               GCancellable  *cancellable,
               GError       **error)
{
  CrPacker *self = job->self;
  struct archive *archive = archive_write_new ();
  ExtraEntry extras[3] = { { NULL, NULL } };
  gboolean ok = FALSE;

  if (archive_write_set_format_zip (archive) != ARCHIVE_OK ||
      archive_write_zip_set_compression_store (archive) != ARCHIVE_OK ||
      archive_write_set_options (archive, "zip:hdrcharset=UTF-8") != ARCHIVE_OK ||
      archive_write_open_fd (archive, fd) != ARCHIVE_OK)
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_WRITE,
                   _("The package cannot be written: %s"),
                   archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
      archive_write_free (archive);
      return FALSE;
    }

  for (guint i = 0; i < self->files->len; i++)
    {
      CrPackFile *file = g_ptr_array_index (self->files, i);

      if (!write_entry_header (archive, file->name, cr_material_info_get_size (file->info),
                               error) ||
          !stream_material (job, file, archive_sink, archive, cancellable, error))
        goto out;
    }

  build_extras (self, extras);
  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      gsize length;
      const void *data = g_bytes_get_data (extras[i].bytes, &length);

      if (!write_entry_header (archive, extras[i].name, length, error) ||
          !archive_sink (archive, data, length, error))
        goto out;
    }

  if (archive_write_close (archive) != ARCHIVE_OK)
    {
      g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_WRITE,
                   _("The package cannot be written: %s"),
                   archive_error_string (archive) != NULL ? archive_error_string (archive) : "");
      goto out;
    }

  ok = TRUE;

out:
  clear_extras (extras);
  archive_write_free (archive);
  return ok;
}

/* What the package must hold, in order: name → expected hash and size. */
typedef struct
{
  char    *name;
  char    *sha256;
  goffset  size;
} Expected;

static GArray *
expected_entries (CrPacker *self)
{
  GArray *expected = g_array_new (FALSE, TRUE, sizeof (Expected));
  ExtraEntry extras[3] = { { NULL, NULL } };
  g_autoptr(GPtrArray) values = cr_portal_values_collect (self->case_root, TRUE);
  g_autofree char *text = cr_portal_sheet_to_text (values);
  g_autofree char *html = cr_portal_sheet_to_html (values);

  for (guint i = 0; i < self->files->len; i++)
    {
      const CrPackFile *file = g_ptr_array_index (self->files, i);
      Expected e = { g_strdup (file->name), g_strdup (file->sha256), file->size };

      g_array_append_val (expected, e);
    }

  /* The same bytes as written: rebuilt from the same data. */
  extras[0].name = CR_PACKAGE_SHEET_HTML;
  extras[0].bytes = g_bytes_new (html, strlen (html));
  extras[1].name = CR_PACKAGE_SHEET_TEXT;
  extras[1].bytes = g_bytes_new (text, strlen (text));
  extras[2].name = CR_PACKAGE_MANIFEST;
  extras[2].bytes = manifest_to_bytes (self->manifest);

  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      Expected e = { g_strdup (extras[i].name), sha256_of_bytes (extras[i].bytes),
                     g_bytes_get_size (extras[i].bytes) };

      g_array_append_val (expected, e);
    }

  clear_extras (extras);
  return expected;
}

static void
expected_free (GArray *expected)
{
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = &g_array_index (expected, Expected, i);

      g_free (e->name);
      g_free (e->sha256);
    }
  g_array_unref (expected);
}

static gboolean
verify_failed (GError     **error,
               const char  *name,
               const char  *what)
{
  g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_VERIFY,
               _("The package failed its check after writing (%s: %s); it was not kept"),
               name, what);
  return FALSE;
}

/* Reads the package back through libarchive's zip reader (the central
 * directory, as unzip tools do) and checks it against the manifest. */
static gboolean
verify_archive (Job           *job,
                const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  GArray *expected = expected_entries (job->self);
  gboolean ok = FALSE;
  guint index = 0;
  int status;

  archive_read_support_format_zip_seekable (archive);
  if (archive_read_open_filename (archive, path, CHUNK_SIZE) != ARCHIVE_OK)
    {
      verify_failed (error, path, archive_error_string (archive));
      goto out;
    }

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      const char *name = archive_entry_pathname_utf8 (entry);
      Expected *e;
      goffset size = 0;
      la_ssize_t n;

      if (index >= expected->len)
        {
          verify_failed (error, name != NULL ? name : "?", _("not in the manifest"));
          goto out;
        }

      e = &g_array_index (expected, Expected, index);
      if (g_strcmp0 (name, e->name) != 0 || archive_entry_filetype (entry) != AE_IFREG ||
          !cr_pack_name_is_safe (name))
        {
          verify_failed (error, e->name, _("missing or out of order"));
          goto out;
        }

      while ((n = archive_read_data (archive, job->buffer, CHUNK_SIZE)) > 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto out;

          g_checksum_update (checksum, job->buffer, n);
          size += n;
          if (index < job->self->files->len)
            job_progress (job, n);
        }

      if (n < 0)
        {
          verify_failed (error, e->name, archive_error_string (archive));
          goto out;
        }

      if (size != e->size || g_strcmp0 (g_checksum_get_string (checksum), e->sha256) != 0)
        {
          verify_failed (error, e->name, _("its content differs from the manifest"));
          goto out;
        }

      index++;
    }

  if (status != ARCHIVE_EOF)
    {
      verify_failed (error, path, archive_error_string (archive));
      goto out;
    }

  if (index != expected->len)
    {
      verify_failed (error, g_array_index (expected, Expected, index).name, _("missing"));
      goto out;
    }

  ok = TRUE;

out:
  archive_read_free (archive);
  expected_free (expected);
  return ok;
}

static gboolean
sync_directory (const char  *dir,
                GError     **error)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return TRUE;
  if (fsync (fd) != 0 && errno != EINVAL)
    {
      set_io_error (error, errno, _("Cannot save “%s”"), dir);
      close (fd);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * cr_packer_write_zip:
 * @path: the zip to write; an existing file is replaced
 * @progress: (nullable) (scope call): called after every chunk
 * @cancellable: (nullable): a #GCancellable
 *
 * Writes the package (inspecting first if needed). Blocking.
 *
 * Returns: %TRUE once the verified zip is at @path. On error (the case is
 * not ready and force is off, a material cannot be read, writing or
 * verifying fails, or @cancellable was cancelled) nothing is left behind.
 */
gboolean
cr_packer_write_zip (CrPacker            *self,
                     const char          *path,
                     CrPackProgressFunc   progress,
                     gpointer             progress_data,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autofree char *full_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  Job job = { self, progress, progress_data, 0, 0, buffer };
  gboolean ok = FALSE;
  int fd;

  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!prepare (self, &job, cancellable, error))
    return FALSE;

  /* "out/" and "out" name the same thing; the temporary file must be
   * made next to it, on the same file system, for rename() to be atomic. */
  full_path = g_canonicalize_filename (path, NULL);
  dir = g_path_get_dirname (full_path);
  base = g_path_get_basename (full_path);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);

  fd = g_mkstemp_full (tmp_path, O_RDWR | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      set_io_error (error, errno, _("Cannot write in “%s”"), dir);
      return FALSE;
    }
  /* mkstemp makes 0600; the package is an ordinary document. */
  fchmod (fd, 0644);

  if (!write_archive (&job, fd, cancellable, error))
    goto out;

  if (fsync (fd) != 0)
    {
      set_io_error (error, errno, _("Cannot save “%s”"), path);
      goto out;
    }

  if (!verify_archive (&job, tmp_path, cancellable, error))
    goto out;

  if (g_rename (tmp_path, full_path) != 0)
    {
      set_io_error (error, errno, _("Cannot save “%s”"), path);
      goto out;
    }
  g_clear_pointer (&tmp_path, g_free);

  ok = sync_directory (dir, error);

out:
  close (fd);
  if (tmp_path != NULL)
    g_unlink (tmp_path);
  if (!ok)
    g_clear_pointer (&self->manifest, json_node_unref);
  return ok;
}

/* folder */

static gboolean
fd_sink (gpointer     sink,
         const void  *data,
         gsize        length,
         GError     **error)
{
  int fd = GPOINTER_TO_INT (sink);
  const guint8 *p = data;

  while (length > 0)
    {
      gssize n = write (fd, p, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_WRITE,
                       _("The package cannot be written: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      p += n;
      length -= n;
    }

  return TRUE;
}

static int
create_in (const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);

  if (fd < 0)
    set_io_error (error, errno, _("Cannot write “%s”"), name);
  return fd;
}

static gboolean
write_folder (Job           *job,
              const char    *dir,
              GCancellable  *cancellable,
              GError       **error)
{
  CrPacker *self = job->self;
  ExtraEntry extras[3] = { { NULL, NULL } };
  gboolean ok = FALSE;

  for (guint i = 0; i < self->files->len; i++)
    {
      CrPackFile *file = g_ptr_array_index (self->files, i);
      int fd = create_in (dir, file->name, error);
      gboolean written;

      if (fd < 0)
        return FALSE;
      written = stream_material (job, file, fd_sink, GINT_TO_POINTER (fd), cancellable, error);
      if (written && fsync (fd) != 0)
        {
          set_io_error (error, errno, _("Cannot write “%s”"), file->name);
          written = FALSE;
        }
      close (fd);
      if (!written)
        return FALSE;
    }

  build_extras (self, extras);
  for (guint i = 0; i < G_N_ELEMENTS (extras); i++)
    {
      gsize length;
      const void *data = g_bytes_get_data (extras[i].bytes, &length);
      int fd = create_in (dir, extras[i].name, error);
      gboolean written;

      if (fd < 0)
        goto out;
      written = fd_sink (GINT_TO_POINTER (fd), data, length, error);
      if (written && fsync (fd) != 0)
        {
          set_io_error (error, errno, _("Cannot write “%s”"), extras[i].name);
          written = FALSE;
        }
      close (fd);
      if (!written)
        goto out;
    }

  ok = TRUE;

out:
  clear_extras (extras);
  return ok;
}

static gboolean
verify_folder (Job           *job,
               const char    *dir,
               GCancellable  *cancellable,
               GError       **error)
{
  GArray *expected = expected_entries (job->self);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDir) listing = NULL;
  gboolean ok = FALSE;
  const char *name;

  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = &g_array_index (expected, Expected, i);
      g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *path = g_build_filename (dir, e->name, NULL);
      goffset size = 0;
      gssize n;
      int fd;

      g_hash_table_add (wanted, e->name);

      fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        {
          verify_failed (error, e->name, g_strerror (errno));
          goto out;
        }

      while ((n = read (fd, job->buffer, CHUNK_SIZE)) > 0 || (n < 0 && errno == EINTR))
        {
          if (n < 0)
            continue;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            {
              close (fd);
              goto out;
            }
          g_checksum_update (checksum, job->buffer, n);
          size += n;
          if (i < job->self->files->len)
            job_progress (job, n);
        }
      close (fd);

      if (n < 0 || size != e->size ||
          g_strcmp0 (g_checksum_get_string (checksum), e->sha256) != 0)
        {
          verify_failed (error, e->name, _("its content differs from the manifest"));
          goto out;
        }
    }

  listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    goto out;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (!g_hash_table_contains (wanted, name))
        {
          verify_failed (error, name, _("not in the manifest"));
          goto out;
        }
    }

  ok = TRUE;

out:
  expected_free (expected);
  return ok;
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/**
 * cr_packer_export_folder:
 * @path: a folder to create; it must not exist yet
 * @progress: (nullable) (scope call): called after every chunk
 * @cancellable: (nullable): a #GCancellable
 *
 * Writes the same files as the zip, under the same names, into a new
 * folder, for portals that take one upload at a time. The folder is made
 * under a temporary name next to @path, verified, then renamed. Blocking.
 *
 * Returns: %TRUE once the verified folder is at @path; on error nothing is
 * left behind (G_IO_ERROR_EXISTS if @path exists)
 */
gboolean
cr_packer_export_folder (CrPacker            *self,
                         const char          *path,
                         CrPackProgressFunc   progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autofree char *full_path = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autofree guint8 *buffer = g_malloc (CHUNK_SIZE);
  Job job = { self, progress, progress_data, 0, 0, buffer };
  gboolean ok = FALSE;

  g_return_val_if_fail (CR_IS_PACKER (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_EXISTS) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("“%s” already exists"), display);
      return FALSE;
    }

  if (!prepare (self, &job, cancellable, error))
    return FALSE;

  full_path = g_canonicalize_filename (path, NULL);
  parent = g_path_get_dirname (full_path);
  base = g_path_get_basename (full_path);
  tmp_dir = g_strdup_printf ("%s/.%s.XXXXXX", parent, base);
  if (g_mkdtemp_full (tmp_dir, 0755) == NULL)
    {
      set_io_error (error, errno, _("Cannot write in “%s”"), parent);
      return FALSE;
    }

  if (!write_folder (&job, tmp_dir, cancellable, error) ||
      !verify_folder (&job, tmp_dir, cancellable, error) ||
      !sync_directory (tmp_dir, error))
    goto out;

  /* rename() would silently replace an empty folder created meanwhile. */
  if (g_file_test (full_path, G_FILE_TEST_EXISTS) || g_rename (tmp_dir, full_path) != 0)
    {
      set_io_error (error, g_file_test (full_path, G_FILE_TEST_EXISTS) ? EEXIST : errno,
                    _("Cannot save “%s”"), path);
      goto out;
    }
  g_clear_pointer (&tmp_dir, g_free);

  ok = sync_directory (parent, error);

out:
  if (tmp_dir != NULL)
    remove_folder (tmp_dir);
  if (!ok)
    g_clear_pointer (&self->manifest, json_node_unref);
  return ok;
}

/* The _async variants: the work runs in a thread, progress is reported
 * in the caller's main context, throttled. */

typedef struct
{
  GMainContext       *context;
  CrPackProgressFunc  progress;
  gpointer            progress_data;
  GDestroyNotify      progress_data_destroy;
  GTask              *task;      /* weak: progress after completion is dropped */
  gint64              last_report;
  char               *path;
  gboolean            folder;
} WriteData;

typedef struct
{
  GDestroyNotify destroy;
  gpointer       data;
} DestroyCall;

static gboolean
destroy_in_context_cb (gpointer user_data)
{
  DestroyCall *call = user_data;

  call->destroy (call->data);
  g_free (call);
  return G_SOURCE_REMOVE;
}

/* The last reference to the task may go in the worker thread: the
 * caller's data is destroyed in the caller's context all the same. */
static void
write_data_free (WriteData *data)
{
  if (data->progress_data_destroy != NULL)
    {
      DestroyCall *call = g_new0 (DestroyCall, 1);

      call->destroy = data->progress_data_destroy;
      call->data = data->progress_data;
      g_main_context_invoke (data->context, destroy_in_context_cb, call);
    }
  g_main_context_unref (data->context);
  g_free (data->path);
  g_free (data);
}

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressReport;

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  WriteData *data = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task) && data->progress != NULL)
    data->progress (report->done, report->total, data->progress_data);

  return G_SOURCE_REMOVE;
}

static void
progress_report_free (ProgressReport *report)
{
  g_object_unref (report->task);
  g_free (report);
}

static void
thread_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  GTask *task = user_data;
  WriteData *data = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;
  GSource *source;

  if (data->progress == NULL ||
      (done < total && now - data->last_report < PROGRESS_INTERVAL_USEC))
    return;
  data->last_report = now;

  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, report_progress_cb, report,
                         (GDestroyNotify) progress_report_free);
  g_source_set_static_name (source, "[credit-repair] pack progress");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  if (data->folder)
    ok = cr_packer_export_folder (source_object, data->path, thread_progress_cb, task,
                                  cancellable, &error);
  else
    ok = cr_packer_write_zip (source_object, data->path, thread_progress_cb, task,
                              cancellable, &error);

  if (ok)
    {
      /* The package is in place: a Cancel from now on comes too late, and
       * must not make the finish function say that nothing was written. */
      g_task_set_check_cancellable (task, FALSE);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
start_write (CrPacker            *self,
             const char          *path,
             gboolean             folder,
             gpointer             source_tag,
             CrPackProgressFunc   progress,
             gpointer             progress_data,
             GDestroyNotify       progress_data_destroy,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteData *data = g_new0 (WriteData, 1);

  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_destroy = progress_data_destroy;
  data->path = g_strdup (path);
  data->folder = folder;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_thread);
}

/**
 * cr_packer_write_zip_async:
 * @progress: (nullable) (scope notified): called in the caller's main
 *   context while packing, never after @callback
 *
 * Runs cr_packer_write_zip() in a worker thread.
 */
void
cr_packer_write_zip_async (CrPacker            *self,
                           const char          *path,
                           CrPackProgressFunc   progress,
                           gpointer             progress_data,
                           GDestroyNotify       progress_data_destroy,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (CR_IS_PACKER (self));
  g_return_if_fail (path != NULL);

  start_write (self, path, FALSE, cr_packer_write_zip_async, progress, progress_data,
               progress_data_destroy, cancellable, callback, user_data);
}

gboolean
cr_packer_write_zip_finish (CrPacker      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_packer_write_zip_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cr_packer_export_folder_async:
 * @progress: (nullable) (scope notified): called in the caller's main
 *   context while exporting, never after @callback
 *
 * Runs cr_packer_export_folder() in a worker thread.
 */
void
cr_packer_export_folder_async (CrPacker            *self,
                               const char          *path,
                               CrPackProgressFunc   progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_data_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CR_IS_PACKER (self));
  g_return_if_fail (path != NULL);

  start_write (self, path, TRUE, cr_packer_export_folder_async, progress, progress_data,
               progress_data_destroy, cancellable, callback, user_data);
}

gboolean
cr_packer_export_folder_finish (CrPacker      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cr_packer_export_folder_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cr_packer_get_manifest:
 *
 * Returns: (transfer none) (nullable): the manifest of the last package
 * written successfully, %NULL before
 */
JsonNode *
cr_packer_get_manifest (CrPacker *self)
{
  g_return_val_if_fail (CR_IS_PACKER (self), NULL);

  return self->manifest;
}
