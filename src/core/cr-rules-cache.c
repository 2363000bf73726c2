/* cr-rules-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-rules-cache.h"
#include "cr-rules-index.h"

#define STATE_DIR      ".state"
#define META_FILE      "metadata.json"
#define INDEX_FILE     "index.json"
#define INDEX_SIG_FILE "index.json.minisig"
#define META_VERSION   1

CrRulesCacheItem *
cr_rules_cache_item_new (void)
{
  return g_new0 (CrRulesCacheItem, 1);
}

CrRulesCacheItem *
cr_rules_cache_item_copy (const CrRulesCacheItem *item)
{
  CrRulesCacheItem *copy = cr_rules_cache_item_new ();

  copy->id = g_strdup (item->id);
  copy->version = g_strdup (item->version);
  copy->sha256 = g_strdup (item->sha256);
  copy->valid_from = g_strdup (item->valid_from);
  copy->valid_until = g_strdup (item->valid_until);
  copy->url = g_strdup (item->url);
  copy->key_id = g_strdup (item->key_id);
  copy->fetched = item->fetched;
  return copy;
}

void
cr_rules_cache_item_free (CrRulesCacheItem *item)
{
  if (item == NULL)
    return;

  g_free (item->id);
  g_free (item->version);
  g_free (item->sha256);
  g_free (item->valid_from);
  g_free (item->valid_until);
  g_free (item->url);
  g_free (item->key_id);
  g_free (item);
}

CrRulesCacheMeta *
cr_rules_cache_meta_new (void)
{
  CrRulesCacheMeta *meta = g_new0 (CrRulesCacheMeta, 1);

  meta->items = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                       (GDestroyNotify) cr_rules_cache_item_free);
  return meta;
}

void
cr_rules_cache_meta_free (CrRulesCacheMeta *meta)
{
  if (meta == NULL)
    return;

  g_free (meta->source_url);
  g_free (meta->etag);
  g_free (meta->last_modified);
  g_free (meta->last_error);
  g_hash_table_unref (meta->items);
  g_free (meta);
}

char *
cr_rules_cache_get_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "credit-repair", "rules", NULL);
}

static char *
state_path (const char *dir,
            const char *name)
{
  return g_build_filename (dir, STATE_DIR, name, NULL);
}

static char *
sig_name (const char *sha256)
{
  return g_strconcat (sha256, ".minisig", NULL);
}

static gboolean
ensure_dirs (const char  *dir,
             GError     **error)
{
  g_autofree char *state = g_build_filename (dir, STATE_DIR, NULL);

  if (g_mkdir_with_parents (state, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the rule-set cache folder %s: %s"), state,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* Rule sets and signatures are synced to disk before they replace the old
 * ones; the metadata, written at every check, is only replaced atomically
 * (losing its last update in a crash costs one conditional request). */
static gboolean
write_file (const char  *path,
            const void  *data,
            gsize        len,
            gboolean     durable,
            GError     **error)
{
  GFileSetContentsFlags flags = G_FILE_SET_CONTENTS_CONSISTENT;

  if (durable)
    flags |= G_FILE_SET_CONTENTS_DURABLE;
  return g_file_set_contents_full (path, data, len, flags, 0600, error);
}

static gboolean
write_atomic (const char  *path,
              const void  *data,
              gsize        len,
              GError     **error)
{
  return write_file (path, data, len, TRUE, error);
}

/* Metadata */

static gint64
parse_time (JsonObject *object,
            const char *member)
{
  const char *text = json_object_get_string_member_with_default (object, member, NULL);
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return 0;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t <= 0)
    return NULL;
  dt = g_date_time_new_from_unix_utc (t);
  return g_date_time_format_iso8601 (dt);
}

static char *
dup_string_member (JsonObject *object,
                   const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/**
 * cr_rules_cache_load_meta:
 *
 * Returns: (transfer full): the metadata; empty if there is none yet or it
 *   cannot be read.
 */
CrRulesCacheMeta *
cr_rules_cache_load_meta (const char *dir)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *path = state_path (dir, META_FILE);
  CrRulesCacheMeta *meta = cr_rules_cache_meta_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonNode *node;

  if (!json_parser_load_from_mapped_file (parser, path, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_warning ("Ignoring the rule-set cache metadata %s: %s", path, error->message);
      return meta;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_warning ("Ignoring the rule-set cache metadata %s: not an object", path);
      return meta;
    }
  root = json_node_get_object (node);

  meta->source_url = dup_string_member (root, "source_url");
  meta->etag = dup_string_member (root, "etag");
  meta->last_modified = dup_string_member (root, "last_modified");
  meta->last_error = dup_string_member (root, "last_error");
  meta->last_checked = parse_time (root, "last_checked");
  meta->last_success = parse_time (root, "last_success");

  node = json_object_get_member (root, "rulesets");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *sets = json_node_get_object (node);
      g_autoptr(GList) ids = json_object_get_members (sets);

      for (GList *l = ids; l != NULL; l = l->next)
        {
          JsonNode *item_node = json_object_get_member (sets, l->data);
          JsonObject *object;
          CrRulesCacheItem *item;

          if (!JSON_NODE_HOLDS_OBJECT (item_node) || !cr_rules_id_is_valid (l->data))
            continue;
          object = json_node_get_object (item_node);

          item = cr_rules_cache_item_new ();
          item->id = g_strdup (l->data);
          item->version = dup_string_member (object, "version");
          item->sha256 = dup_string_member (object, "sha256");
          item->valid_from = dup_string_member (object, "valid_from");
          item->valid_until = dup_string_member (object, "valid_until");
          item->url = dup_string_member (object, "url");
          item->key_id = dup_string_member (object, "key_id");
          item->fetched = parse_time (object, "fetched");

          if (!cr_rules_version_is_valid (item->version) || item->sha256 == NULL)
            {
              cr_rules_cache_item_free (item);
              continue;
            }
          g_hash_table_replace (meta->items, item->id, item);
        }
    }

  return meta;
}

static void
set_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
set_time (JsonBuilder *builder,
          const char  *member,
          gint64       t)
{
  g_autofree char *text = format_time (t);

  set_string (builder, member, text);
}

gboolean
cr_rules_cache_save_meta (const char        *dir,
                          CrRulesCacheMeta  *meta,
                          GError           **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) ids = NULL;
  g_autofree char *path = state_path (dir, META_FILE);
  g_autofree char *text = NULL;
  gsize len = 0;

  if (!ensure_dirs (dir, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, META_VERSION);
  set_string (builder, "source_url", meta->source_url);
  set_string (builder, "etag", meta->etag);
  set_string (builder, "last_modified", meta->last_modified);
  set_time (builder, "last_checked", meta->last_checked);
  set_time (builder, "last_success", meta->last_success);
  set_string (builder, "last_error", meta->last_error);

  json_builder_set_member_name (builder, "rulesets");
  json_builder_begin_object (builder);
  ids = g_list_sort (g_hash_table_get_keys (meta->items), (GCompareFunc) g_strcmp0);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      CrRulesCacheItem *item = g_hash_table_lookup (meta->items, l->data);

      json_builder_set_member_name (builder, item->id);
      json_builder_begin_object (builder);
      set_string (builder, "version", item->version);
      set_string (builder, "sha256", item->sha256);
      set_string (builder, "valid_from", item->valid_from);
      set_string (builder, "valid_until", item->valid_until);
      set_string (builder, "url", item->url);
      set_string (builder, "key_id", item->key_id);
      set_time (builder, "fetched", item->fetched);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &len);

  return write_file (path, text, len, FALSE, error);
}

/* Files */

gboolean
cr_rules_cache_read_rule_set (const char  *dir,
                              const char  *id,
                              GBytes     **data,
                              char       **signature,
                              GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *sig_file = NULL;
  g_autofree char *sig_path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;

  g_return_val_if_fail (cr_rules_id_is_valid (id), FALSE);

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  sha256 = cr_rules_sha256 (bytes);
  sig_file = sig_name (sha256);
  sig_path = state_path (dir, sig_file);

  if (signature != NULL && !g_file_get_contents (sig_path, signature, NULL, error))
    return FALSE;

  *data = g_steal_pointer (&bytes);
  return TRUE;
}

gboolean
cr_rules_cache_read_index (const char  *dir,
                           GBytes     **data,
                           GBytes     **signature)
{
  g_autofree char *path = state_path (dir, INDEX_FILE);
  g_autofree char *sig_path = state_path (dir, INDEX_SIG_FILE);
  g_autofree char *contents = NULL;
  g_autofree char *sig = NULL;
  gsize len = 0, sig_len = 0;

  if (!g_file_get_contents (path, &contents, &len, NULL)
      || !g_file_get_contents (sig_path, &sig, &sig_len, NULL))
    return FALSE;

  *data = g_bytes_new_take (g_steal_pointer (&contents), len);
  *signature = g_bytes_new_take (g_steal_pointer (&sig), sig_len);
  return TRUE;
}

gboolean
cr_rules_cache_write_rule_set (const char  *dir,
                               const char  *id,
                               GBytes      *data,
                               const char  *sha256,
                               GBytes      *signature,
                               GError     **error)
{
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *sig_file = sig_name (sha256);
  g_autofree char *sig_path = state_path (dir, sig_file);

  g_return_val_if_fail (cr_rules_id_is_valid (id), FALSE);

  if (!ensure_dirs (dir, error))
    return FALSE;

  /* The signature first: a rule set on disk always has its signature. */
  if (!write_atomic (sig_path, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                     error))
    return FALSE;
  return write_atomic (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error);
}

gboolean
cr_rules_cache_write_index (const char  *dir,
                            GBytes      *data,
                            GBytes      *signature,
                            GError     **error)
{
  g_autofree char *path = state_path (dir, INDEX_FILE);
  g_autofree char *sig_path = state_path (dir, INDEX_SIG_FILE);

  if (!ensure_dirs (dir, error))
    return FALSE;

  return write_atomic (sig_path, g_bytes_get_data (signature, NULL), g_bytes_get_size (signature),
                       error)
         && write_atomic (path, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error);
}

void
cr_rules_cache_prune (const char       *dir,
                      CrRulesCacheMeta *meta)
{
  g_autofree char *state = g_build_filename (dir, STATE_DIR, NULL);
  g_autoptr(GHashTable) keep = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) d = g_dir_open (state, 0, NULL);
  g_autoptr(GDir) top = g_dir_open (dir, 0, NULL);
  GHashTableIter iter;
  CrRulesCacheItem *item;
  const char *name;

  if (d == NULL)
    return;

  g_hash_table_iter_init (&iter, meta->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &item))
    g_hash_table_add (keep, sig_name (item->sha256));

  /* Also keep the signature of every rule set actually on disk, in case an
   * update was interrupted before the metadata was written. */
  if (top != NULL)
    {
      while ((name = g_dir_read_name (top)) != NULL)
        {
          g_autofree char *path = NULL;
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *sha256 = NULL;
          gsize len = 0;

          if (!g_str_has_suffix (name, ".json"))
            continue;
          path = g_build_filename (dir, name, NULL);
          if (!g_file_get_contents (path, &contents, &len, NULL))
            continue;
          bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
          sha256 = cr_rules_sha256 (bytes);
          g_hash_table_add (keep, sig_name (sha256));
        }
    }

  while ((name = g_dir_read_name (d)) != NULL)
    {
      /* Only <64 hex digits>.minisig files are ours to remove. */
      if (strlen (name) == 64 + strlen (".minisig") && g_str_has_suffix (name, ".minisig")
          && !g_hash_table_contains (keep, name))
        {
          g_autofree char *path = g_build_filename (state, name, NULL);
          g_unlink (path);
        }
    }
}
