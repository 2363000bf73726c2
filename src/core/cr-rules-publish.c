/* cr-rules-publish.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <string.h>

#include "cr-date.h"
#include "cr-rule-set.h"
#include "cr-rules-publish.h"

G_DEFINE_QUARK (cr-rules-publish-error-quark, cr_rules_publish_error)

typedef struct
{
  char      *path;
  GBytes    *data;
  CrRuleSet *rule_set;
} Input;

static void
input_free (Input *input)
{
  g_free (input->path);
  g_clear_pointer (&input->data, g_bytes_unref);
  g_clear_object (&input->rule_set);
  g_free (input);
}

static gboolean
write_file (const char  *dir,
            const char  *name,
            const void  *data,
            gsize        len,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static gboolean
sign_and_write (CrSecretKey  *key,
                const char   *dir,
                const char   *name,
                GBytes       *data,
                gint64        now,
                GError      **error)
{
  g_autofree char *comment = g_strdup_printf ("timestamp:%" G_GINT64_FORMAT "\tfile:%s", now, name);
  g_autofree char *sig_name = g_strconcat (name, ".minisig", NULL);
  g_autofree char *sig = cr_secret_key_sign (key, data, comment, error);

  if (sig == NULL)
    return FALSE;

  return write_file (dir, name, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error)
         && write_file (dir, sig_name, sig, strlen (sig), error);
}

/* Loads every input, bases before the overlays that extend them. */
static gboolean
load_inputs (GPtrArray  *inputs,
             GError    **error)
{
  g_autoptr(CrRuleSetCollection) bases = cr_rule_set_collection_new_default ();
  guint loaded = 0;
  gboolean progress = TRUE;

  while (loaded < inputs->len && progress)
    {
      progress = FALSE;
      for (guint i = 0; i < inputs->len; i++)
        {
          Input *input = g_ptr_array_index (inputs, i);
          g_autoptr(GError) local_error = NULL;

          if (input->rule_set != NULL)
            continue;
          input->rule_set = cr_rule_set_new_from_bytes (input->data, input->path,
                                                        CR_RULE_SET_SOURCE_FILE, bases,
                                                        &local_error);
          if (input->rule_set == NULL)
            {
              /* Its base may be among the inputs still to load. */
              if (g_error_matches (local_error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_BASE_NOT_FOUND))
                continue;
              g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_INVALID,
                           _("%s: not a valid rule set: %s"), input->path, local_error->message);
              return FALSE;
            }
          cr_rule_set_collection_add (bases, input->rule_set);
          loaded++;
          progress = TRUE;
        }
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = g_ptr_array_index (inputs, i);
      g_autoptr(GError) local_error = NULL;

      if (input->rule_set != NULL)
        continue;
      /* Load once more only to report the loader's own message. */
      input->rule_set = cr_rule_set_new_from_bytes (input->data, input->path,
                                                    CR_RULE_SET_SOURCE_FILE, bases, &local_error);
      g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_INVALID,
                   _("%s: not a valid rule set: %s"), input->path,
                   local_error != NULL ? local_error->message : "");
      return FALSE;
    }

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = g_ptr_array_index (inputs, i);
      const char *id = cr_rule_set_get_id (input->rule_set);
      const char *version = cr_rule_set_get_version (input->rule_set);

      if (!cr_rules_id_is_valid (id) || !cr_rules_version_is_valid (version))
        {
          g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_INVALID,
                       _("%s: rule set id “%s” or version “%s” cannot be published: ids hold "
                         "only a–z, 0–9, “.”, “_” and “-”, versions only numbers and dots"),
                       input->path, id, version);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        {
          Input *other = g_ptr_array_index (inputs, j);

          if (g_str_equal (cr_rule_set_get_id (other->rule_set), id))
            {
              g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_DUPLICATE,
                           _("%s and %s both hold rule set “%s”"), other->path, input->path, id);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static char *
format_date (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;
  return cr_date_format (date);
}

GPtrArray *
cr_rules_publish (CrSecretKey         *key,
                  const char          *out_dir,
                  const char * const  *rule_set_paths,
                  GError             **error)
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) input_free);
  g_autoptr(GPtrArray) published = NULL;
  g_autoptr(CrRulesIndex) index = NULL;
  g_autoptr(GDateTime) now_dt = g_date_time_new_now_utc ();
  g_autofree char *index_path = NULL;
  g_autofree char *index_text = NULL;
  g_autofree char *existing = NULL;
  g_autoptr(GBytes) index_bytes = NULL;
  gsize existing_len = 0;
  gsize index_len = 0;
  gint64 now = g_date_time_to_unix (now_dt);

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (out_dir != NULL, NULL);
  g_return_val_if_fail (rule_set_paths != NULL && rule_set_paths[0] != NULL, NULL);

  for (guint i = 0; rule_set_paths[i] != NULL; i++)
    {
      Input *input = g_new0 (Input, 1);
      char *contents = NULL;
      gsize len = 0;

      input->path = g_strdup (rule_set_paths[i]);
      g_ptr_array_add (inputs, input);
      if (!g_file_get_contents (input->path, &contents, &len, error))
        return NULL;
      input->data = g_bytes_new_take (contents, len);
    }

  if (!load_inputs (inputs, error))
    return NULL;

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create %s: %s"), out_dir, g_strerror (saved_errno));
      return NULL;
    }

  /* Add to what the folder already publishes. */
  index_path = g_build_filename (out_dir, "index.json", NULL);
  if (g_file_get_contents (index_path, &existing, &existing_len, NULL))
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_steal_pointer (&existing), existing_len);

      index = cr_rules_index_new_from_bytes (bytes, error);
      if (index == NULL)
        {
          g_prefix_error (error, "%s: ", index_path);
          return NULL;
        }
    }
  else
    index = cr_rules_index_new ();

  published = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_rules_index_entry_free);

  for (guint i = 0; i < inputs->len; i++)
    {
      Input *input = g_ptr_array_index (inputs, i);
      const char *id = cr_rule_set_get_id (input->rule_set);
      const char *version = cr_rule_set_get_version (input->rule_set);
      CrRulesIndexEntry *old = cr_rules_index_lookup (index, id);
      g_autoptr(CrRulesIndexEntry) entry = cr_rules_index_entry_new ();
      g_autofree char *name = g_strdup_printf ("%s-%s.json", id, version);

      entry->id = g_strdup (id);
      entry->version = g_strdup (version);
      entry->valid_from = format_date (cr_rule_set_get_valid_from (input->rule_set));
      entry->valid_until = format_date (cr_rule_set_get_valid_until (input->rule_set));
      entry->url = g_strdup (name);
      entry->signature_url = g_strconcat (name, ".minisig", NULL);
      entry->sha256 = cr_rules_sha256 (input->data);
      entry->size = g_bytes_get_size (input->data);

      if (old != NULL)
        {
          int cmp = cr_rules_version_compare (version, old->version);

          if (cmp < 0)
            {
              g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_DOWNGRADE,
                           _("%s: rule set “%s” version %s is older than the published "
                             "version %s; clients would refuse it"),
                           input->path, id, version, old->version);
              return NULL;
            }
          if (cmp == 0 && g_strcmp0 (old->sha256, entry->sha256) != 0)
            {
              g_set_error (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_DOWNGRADE,
                           _("%s: rule set “%s” version %s is already published with other "
                             "contents; raise the version"),
                           input->path, id, version);
              return NULL;
            }
        }

      if (!sign_and_write (key, out_dir, name, input->data, now, error))
        return NULL;

      g_ptr_array_add (published, cr_rules_index_entry_copy (entry));
      cr_rules_index_take_entry (index, g_steal_pointer (&entry));
    }

  g_free (index->generated);
  index->generated = g_date_time_format_iso8601 (now_dt);
  index_text = cr_rules_index_to_data (index, &index_len);
  index_bytes = g_bytes_new_take (g_steal_pointer (&index_text), index_len);

  /* Each file is replaced atomically, the signature first. A client that
   * fetches between the two renames gets a signature that does not match
   * and keeps its rule sets; its next check succeeds. */
  {
    g_autofree char *comment = g_strdup_printf ("timestamp:%" G_GINT64_FORMAT "\tfile:index.json",
                                                now);
    g_autofree char *sig = cr_secret_key_sign (key, index_bytes, comment, error);

    if (sig == NULL
        || !write_file (out_dir, "index.json.minisig", sig, strlen (sig), error)
        || !write_file (out_dir, "index.json", g_bytes_get_data (index_bytes, NULL),
                        g_bytes_get_size (index_bytes), error))
      return NULL;
  }

  return g_steal_pointer (&published);
}
