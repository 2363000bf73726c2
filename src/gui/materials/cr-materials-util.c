/* cr-materials-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <string.h>

#include "cr-materials-util.h"

static char *
format_names (const char * const *formats)
{
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; formats != NULL && formats[i] != NULL; i++)
    {
      const char *id = cr_material_format_normalize (formats[i]);
      g_autofree char *upper = g_ascii_strup (id != NULL ? id : formats[i], -1);

      if (g_ptr_array_find_with_equal_func (seen, upper, g_str_equal, NULL))
        continue;
      if (text->len > 0)
        /* Translators: separates the formats in a list such as "PDF, JPEG, PNG" */
        g_string_append (text, _(", "));
      g_string_append (text, upper);
      g_ptr_array_add (seen, g_steal_pointer (&upper));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * cr_slot_def_describe_limits:
 *
 * Returns: (transfer full): the slot's limits in one sentence for the UI,
 * saying which of them no official source confirms
 */
char *
cr_slot_def_describe_limits (const CrSlotDef *slot)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  gboolean unverified = FALSE;

  g_return_val_if_fail (slot != NULL, NULL);

  if (slot->formats != NULL && slot->formats[0] != NULL)
    {
      g_autofree char *names = format_names ((const char * const *) slot->formats);

      /* Translators: %s is a list of file formats such as "PDF, JPEG, PNG" */
      g_ptr_array_add (parts, g_strdup_printf (_("Formats: %s"), names));
      unverified |= !slot->formats_verified;
    }
  if (slot->max_bytes.known && slot->max_bytes.value > 0)
    {
      /* As the core's limit messages print it. */
      g_autofree char *size = g_format_size (slot->max_bytes.value);

      /* Translators: %s is a file size such as "10.5 MB" */
      g_ptr_array_add (parts, g_strdup_printf (_("up to %s per file"), size));
      unverified |= !slot->max_bytes.verified;
    }
  if (slot->max_pages.known && slot->max_pages.value > 0)
    {
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "at most %d page",
                                                            "at most %d pages",
                                                            (gulong) slot->max_pages.value),
                                               (int) slot->max_pages.value));
      unverified |= !slot->max_pages.verified;
    }
  if (slot->min_dpi.known && slot->min_dpi.value > 0)
    {
      /* Translators: %d is a resolution in dots per inch */
      g_ptr_array_add (parts, g_strdup_printf (_("scans of at least %d dpi"),
                                               (int) slot->min_dpi.value));
      unverified |= !slot->min_dpi.verified;
    }

  if (parts->len == 0)
    return g_strdup (_("The rules state no limits for these files."));

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the limits of a slot, as in "Formats: PDF; up to 10 MB per file" */
  joined = g_strjoinv (_("; "), (char **) parts->pdata);

  if (unverified)
    /* Translators: %s is a list of limits; the portal does not publish them officially */
    return g_strdup_printf (_("%s. No official source confirms these limits: a file outside "
                              "them gets a warning, not an error."), joined);

  /* Translators: %s is a list of limits */
  return g_strdup_printf (_("%s."), joined);
}

const char *
cr_slot_def_get_name (const CrSlotDef *slot,
                      CrLanguage       language)
{
  g_return_val_if_fail (slot != NULL, NULL);

  if (slot->name[language] != NULL && *slot->name[language] != '\0')
    return slot->name[language];
  if (slot->name[CR_LANGUAGE_EN] != NULL)
    return slot->name[CR_LANGUAGE_EN];
  return cr_slot_get_label (slot->id);
}

const char *
cr_slot_def_get_description (const CrSlotDef *slot,
                             CrLanguage       language)
{
  g_return_val_if_fail (slot != NULL, NULL);

  if (slot->description[language] != NULL && *slot->description[language] != '\0')
    return slot->description[language];
  return slot->description[CR_LANGUAGE_EN];
}

/**
 * cr_slot_title:
 *
 * Rule sets name slots in running text ("proof of payment"); as a title
 * the name starts with a capital letter. Chinese names are unchanged.
 *
 * Returns: (transfer full): @name as a title
 */
char *
cr_slot_title (const char *name)
{
  gunichar first;
  char buffer[6];
  int length;

  g_return_val_if_fail (name != NULL, NULL);

  first = g_utf8_get_char (name);
  if (*name == '\0' || !g_unichar_islower (first))
    return g_strdup (name);

  length = g_unichar_to_utf8 (g_unichar_totitle (first), buffer);
  return g_strdup_printf ("%.*s%s", length, buffer, g_utf8_next_char (name));
}

/**
 * cr_rule_set_find_slot_rule:
 *
 * Returns: (nullable): the first rule (in rule order, switched on) that
 * makes @slot_id required, for "why is this needed"
 */
const CrRule *
cr_rule_set_find_slot_rule (CrRuleSet  *rule_set,
                            const char *slot_id)
{
  g_return_val_if_fail (CR_IS_RULE_SET (rule_set), NULL);

  for (guint i = 0; i < cr_rule_set_get_n_rules (rule_set); i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (rule_set, i);

      if (!rule->disabled && g_strcmp0 (rule->requires_slot, slot_id) == 0)
        return rule;
    }

  return NULL;
}

/**
 * cr_material_info_describe:
 *
 * Returns: (transfer full): what the file is in one line: its real type,
 * size, pages, pixel size and resolution where known
 */
char *
cr_material_info_describe (CrMaterialInfo *info)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const char *description;
  int width, height, n_pages;
  double x_dpi, y_dpi;

  g_return_val_if_fail (CR_IS_MATERIAL_INFO (info), NULL);

  if (!cr_material_info_is_readable (info))
    return g_strdup (_("Cannot be read"));

  description = cr_material_info_get_description (info);
  g_ptr_array_add (parts, g_strdup (description != NULL ? description : _("Unknown type")));
  g_ptr_array_add (parts, g_format_size (cr_material_info_get_size (info)));

  n_pages = cr_material_info_get_n_pages (info);
  if (cr_material_info_get_pixel_size (info, &width, &height))
    {
      /* Translators: the size of an image in pixels, width × height */
      g_ptr_array_add (parts, g_strdup_printf (_("%d × %d pixels"), width, height));
      if (cr_material_info_get_resolution (info, &x_dpi, &y_dpi))
        /* Translators: the resolution an image records, in dots per inch */
        g_ptr_array_add (parts, g_strdup_printf (_("%.0f dpi"), MIN (x_dpi, y_dpi)));
    }
  else if (n_pages > 0)
    {
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%d page", "%d pages",
                                                            (gulong) n_pages),
                                               n_pages));
    }

  if (cr_material_info_get_encrypted (info))
    g_ptr_array_add (parts, g_strdup (_("encrypted")));
  else if (cr_material_info_get_damaged (info))
    g_ptr_array_add (parts, g_strdup (_("damaged")));

  g_ptr_array_add (parts, NULL);
  /* Translators: separates the facts about a file, as in "PDF document · 1.2 MB · 3 pages" */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

/**
 * cr_material_info_collect_problems:
 * @slot: (nullable): the slot the file is attached to
 *
 * Returns: (transfer full) (element-type CrProblem): the file's own
 * problems, then the limits of @slot it breaks
 */
GPtrArray *
cr_material_info_collect_problems (CrMaterialInfo  *info,
                                   const CrSlotDef *slot)
{
  GPtrArray *all = cr_problem_list_new ();
  GPtrArray *own;

  g_return_val_if_fail (CR_IS_MATERIAL_INFO (info), all);

  own = cr_material_info_get_problems (info);
  for (guint i = 0; own != NULL && i < own->len; i++)
    g_ptr_array_add (all, cr_problem_copy (g_ptr_array_index (own, i)));

  if (slot != NULL)
    {
      CrMaterialLimits limits;
      g_autoptr(GPtrArray) broken = NULL;

      cr_material_limits_init_from_slot (&limits, slot);
      broken = cr_material_info_check_limits (info, &limits);
      for (guint i = 0; i < broken->len; i++)
        g_ptr_array_add (all, cr_problem_copy (g_ptr_array_index (broken, i)));
    }

  return all;
}

/**
 * cr_problem_list_max_severity:
 * @any: (out) (optional): whether there is any problem at all
 */
CrSeverity
cr_problem_list_max_severity (GPtrArray *problems,
                              gboolean  *any)
{
  CrSeverity max = CR_SEVERITY_INFO;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      max = MAX (max, problem->severity);
    }

  if (any != NULL)
    *any = problems != NULL && problems->len > 0;

  return max;
}

/* Copying into the case folder */

typedef struct
{
  char   *base_dir;
  GFile  *source;    /* or */
  char   *file_name;
  GBytes *bytes;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_free (data->base_dir);
  g_clear_object (&data->source);
  g_free (data->file_name);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data);
}

/* "receipt.pdf", 3 → "receipt (3).pdf"; a name without extension, or one
 * starting with its only dot, gets the number at the end. */
static char *
numbered_name (const char *name,
               guint       n)
{
  const char *dot = strrchr (name, '.');

  if (n <= 1)
    return g_strdup (name);

  if (dot == NULL || dot == name)
    return g_strdup_printf ("%s (%u)", name, n);

  return g_strdup_printf ("%.*s (%u)%s", (int) (dot - name), name, n, dot);
}

/* A name fit for the case folder: the source's own name without anything
 * that would be a problem in a folder name, never empty or hidden. */
static char *
clean_name (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }

  while (out->len > 0 && out->str[0] == '.')
    g_string_erase (out, 0, 1);
  if (out->len == 0)
    g_string_assign (out, "attachment");

  /* Keep room for " (999)" within the usual 255-byte limit. */
  if (out->len > 200)
    {
      const char *end = g_utf8_find_prev_char (out->str, out->str + 200);

      g_string_truncate (out, end != NULL ? (gsize) (end - out->str) : 200);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autofree char *dir_path = g_build_filename (data->base_dir, CR_ATTACHMENTS_DIR, NULL);
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(GInputStream) input = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;

  if (g_mkdir_with_parents (dir_path, 0700) != 0)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               /* Translators: %s is a folder, then a system error message */
                               _("Cannot create the folder “%s”: %s"), dir_path,
                               g_strerror (saved_errno));
      return;
    }

  if (data->source != NULL)
    {
      g_autofree char *basename = g_file_get_basename (data->source);

      input = G_INPUT_STREAM (g_file_read (data->source, cancellable, &error));
      if (input == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      name = clean_name (basename);
    }
  else
    {
      input = g_memory_input_stream_new_from_bytes (data->bytes);
      name = clean_name (data->file_name);
    }

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *candidate = numbered_name (name, n);
      g_autoptr(GFile) dest = g_file_get_child (dir, candidate);
      g_autoptr(GFileOutputStream) output = NULL;

      /* Created new and private (0600), like everything in a case folder. */
      output = g_file_create (dest, G_FILE_CREATE_PRIVATE, cancellable, &error);
      if (output == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
            {
              g_clear_error (&error);
              continue;
            }
          g_task_return_error (task, error);
          return;
        }

      if (g_output_stream_splice (G_OUTPUT_STREAM (output), input,
                                  G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                                  G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                  cancellable, &error) < 0)
        {
          /* Leave no half-copied file behind. */
          g_output_stream_close (G_OUTPUT_STREAM (output), NULL, NULL);
          g_file_delete (dest, NULL, NULL);
          g_task_return_error (task, error);
          return;
        }

      g_task_return_pointer (task, g_build_filename (CR_ATTACHMENTS_DIR, candidate, NULL), g_free);
      return;
    }

  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           /* Translators: %s is a file name */
                           _("Too many files named “%s” in the case folder"), name);
}

static void
start_import (ImportData          *data,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, cr_attachments_import_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * cr_attachments_import_async:
 * @base_dir: the case folder
 * @source: the file to copy
 *
 * Copies @source into the case's attachments folder under its own name,
 * numbered if that name is taken. The copy is private (0600) and never
 * overwrites anything; a failed or cancelled copy leaves nothing behind.
 */
void
cr_attachments_import_async (const char          *base_dir,
                             GFile               *source,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  ImportData *data;

  g_return_if_fail (base_dir != NULL);
  g_return_if_fail (G_IS_FILE (source));

  data = g_new0 (ImportData, 1);
  data->base_dir = g_strdup (base_dir);
  data->source = g_object_ref (source);
  start_import (data, cancellable, callback, user_data);
}

/**
 * cr_attachments_save_bytes_async:
 *
 * Like cr_attachments_import_async(), for data in memory (a pasted image).
 */
void
cr_attachments_save_bytes_async (const char          *base_dir,
                                 const char          *file_name,
                                 GBytes              *bytes,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ImportData *data;

  g_return_if_fail (base_dir != NULL);
  g_return_if_fail (file_name != NULL);
  g_return_if_fail (bytes != NULL);

  data = g_new0 (ImportData, 1);
  data->base_dir = g_strdup (base_dir);
  data->file_name = g_strdup (file_name);
  data->bytes = g_bytes_ref (bytes);
  start_import (data, cancellable, callback, user_data);
}

/**
 * cr_attachments_finish:
 *
 * Returns: (transfer full): the new file's path relative to the case
 * folder, or %NULL with @error set
 */
char *
cr_attachments_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
