/* cr-rules-index.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-date.h"
#include "cr-rules-index.h"

G_DEFINE_QUARK (cr-rules-index-error-quark, cr_rules_index_error)

#define MAX_ID_LENGTH 64

gboolean
cr_rules_id_is_valid (const char *id)
{
  gsize len;

  if (id == NULL)
    return FALSE;

  len = strlen (id);
  if (len == 0 || len > MAX_ID_LENGTH || !g_ascii_isalnum (id[0]))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '.' || *p == '_' || *p == '-'))
        return FALSE;
    }

  return TRUE;
}

gboolean
cr_rules_version_is_valid (const char *version)
{
  g_auto(GStrv) parts = NULL;

  if (version == NULL || *version == '\0' || strlen (version) > 64)
    return FALSE;

  parts = g_strsplit (version, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;

      /* Digits only: no sign, no spaces, nothing g_ascii_string_to_unsigned
       * would also accept. */
      if (parts[i][0] == '\0' || strspn (parts[i], "0123456789") != strlen (parts[i]))
        return FALSE;
      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, G_MAXUINT32, &n, NULL))
        return FALSE;
    }

  return TRUE;
}

int
cr_rules_version_compare (const char *a,
                          const char *b)
{
  g_auto(GStrv) pa = NULL;
  g_auto(GStrv) pb = NULL;
  guint na, nb;

  g_return_val_if_fail (cr_rules_version_is_valid (a), 0);
  g_return_val_if_fail (cr_rules_version_is_valid (b), 0);

  pa = g_strsplit (a, ".", -1);
  pb = g_strsplit (b, ".", -1);
  na = g_strv_length (pa);
  nb = g_strv_length (pb);

  for (guint i = 0; i < MAX (na, nb); i++)
    {
      guint64 x = 0, y = 0;

      if (i < na)
        g_ascii_string_to_unsigned (pa[i], 10, 0, G_MAXUINT32, &x, NULL);
      if (i < nb)
        g_ascii_string_to_unsigned (pb[i], 10, 0, G_MAXUINT32, &y, NULL);
      if (x != y)
        return x < y ? -1 : 1;
    }

  return 0;
}

char *
cr_rules_sha256 (GBytes *bytes)
{
  g_return_val_if_fail (bytes != NULL, NULL);

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

CrRulesIndexEntry *
cr_rules_index_entry_new (void)
{
  CrRulesIndexEntry *entry = g_new0 (CrRulesIndexEntry, 1);

  entry->size = -1;
  return entry;
}

CrRulesIndexEntry *
cr_rules_index_entry_copy (const CrRulesIndexEntry *entry)
{
  CrRulesIndexEntry *copy;

  g_return_val_if_fail (entry != NULL, NULL);

  copy = cr_rules_index_entry_new ();
  copy->id = g_strdup (entry->id);
  copy->version = g_strdup (entry->version);
  copy->valid_from = g_strdup (entry->valid_from);
  copy->valid_until = g_strdup (entry->valid_until);
  copy->url = g_strdup (entry->url);
  copy->signature_url = g_strdup (entry->signature_url);
  copy->sha256 = g_strdup (entry->sha256);
  copy->size = entry->size;
  return copy;
}

void
cr_rules_index_entry_free (CrRulesIndexEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->version);
  g_free (entry->valid_from);
  g_free (entry->valid_until);
  g_free (entry->url);
  g_free (entry->signature_url);
  g_free (entry->sha256);
  g_free (entry);
}

CrRulesIndex *
cr_rules_index_new (void)
{
  CrRulesIndex *index = g_new0 (CrRulesIndex, 1);

  index->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_rules_index_entry_free);
  return index;
}

void
cr_rules_index_free (CrRulesIndex *index)
{
  if (index == NULL)
    return;

  g_free (index->generated);
  g_ptr_array_unref (index->entries);
  g_free (index);
}

CrRulesIndexEntry *
cr_rules_index_lookup (CrRulesIndex *index,
                       const char   *id)
{
  g_return_val_if_fail (index != NULL, NULL);

  for (guint i = 0; i < index->entries->len; i++)
    {
      CrRulesIndexEntry *entry = g_ptr_array_index (index->entries, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry;
    }
  return NULL;
}

void
cr_rules_index_take_entry (CrRulesIndex      *index,
                           CrRulesIndexEntry *entry)
{
  g_return_if_fail (index != NULL);
  g_return_if_fail (entry != NULL);

  for (guint i = 0; i < index->entries->len; i++)
    {
      CrRulesIndexEntry *old = g_ptr_array_index (index->entries, i);

      if (g_strcmp0 (old->id, entry->id) == 0)
        {
          cr_rules_index_entry_free (old);
          index->entries->pdata[i] = entry;
          return;
        }
    }
  g_ptr_array_add (index->entries, entry);
}

/* Parsing: every member is checked for its type before use. */

static gboolean
invalid (GError     **error,
         const char  *pointer,
         const char  *message)
{
  g_set_error (error, CR_RULES_INDEX_ERROR, CR_RULES_INDEX_ERROR_INVALID,
               /* Translators: "%s (at %s)": a message, then a JSON pointer. */
               _("%s (at %s)"), message, pointer);
  return FALSE;
}

/* Reads an optional string member: TRUE with *out = NULL when absent or
 * null, FALSE when it has another type. */
static gboolean
get_string (JsonObject  *object,
            const char  *member,
            const char  *pointer,
            gboolean     required,
            char       **out,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  g_autofree char *where = g_strdup_printf ("%s/%s", pointer, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        return invalid (error, where, _("A required member is missing"));
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, where, _("This member must be a string"));

  *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
check_date (const char  *text,
            const char  *pointer,
            GError     **error)
{
  GDate date;

  if (text == NULL)
    return TRUE;
  if (!cr_date_parse (text, &date, NULL))
    return invalid (error, pointer, _("This must be a date written YYYY-MM-DD"));
  return TRUE;
}

static gboolean
is_hex_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static CrRulesIndexEntry *
parse_entry (JsonNode    *node,
             guint        i,
             GError     **error)
{
  g_autoptr(CrRulesIndexEntry) entry = cr_rules_index_entry_new ();
  g_autofree char *pointer = g_strdup_printf ("/rulesets/%u", i);
  g_autofree char *p_id = g_strdup_printf ("%s/id", pointer);
  g_autofree char *p_version = g_strdup_printf ("%s/version", pointer);
  g_autofree char *p_from = g_strdup_printf ("%s/valid_from", pointer);
  g_autofree char *p_until = g_strdup_printf ("%s/valid_until", pointer);
  g_autofree char *p_sha = g_strdup_printf ("%s/sha256", pointer);
  g_autofree char *p_size = g_strdup_printf ("%s/size", pointer);
  JsonObject *object;
  JsonNode *size;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, pointer, _("Each rule set entry must be an object"));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!get_string (object, "id", pointer, TRUE, &entry->id, error)
      || !get_string (object, "version", pointer, TRUE, &entry->version, error)
      || !get_string (object, "valid_from", pointer, FALSE, &entry->valid_from, error)
      || !get_string (object, "valid_until", pointer, FALSE, &entry->valid_until, error)
      || !get_string (object, "url", pointer, TRUE, &entry->url, error)
      || !get_string (object, "signature_url", pointer, FALSE, &entry->signature_url, error)
      || !get_string (object, "sha256", pointer, TRUE, &entry->sha256, error))
    return NULL;

  if (!cr_rules_id_is_valid (entry->id))
    {
      invalid (error, p_id, _("A rule set id may only hold a–z, 0–9, “.”, “_” and “-”"));
      return NULL;
    }
  if (!cr_rules_version_is_valid (entry->version))
    {
      invalid (error, p_version, _("A version must be numbers separated by dots, such as 2026.1"));
      return NULL;
    }
  if (!check_date (entry->valid_from, p_from, error) || !check_date (entry->valid_until, p_until, error))
    return NULL;
  if (!is_hex_sha256 (entry->sha256))
    {
      invalid (error, p_sha, _("This must be 64 lower-case hex digits"));
      return NULL;
    }
  if (entry->signature_url == NULL)
    entry->signature_url = g_strconcat (entry->url, ".minisig", NULL);

  size = json_object_get_member (object, "size");
  if (size != NULL && !JSON_NODE_HOLDS_NULL (size))
    {
      if (!JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64
          || json_node_get_int (size) < 0)
        {
          invalid (error, p_size, _("This must be a whole number of bytes"));
          return NULL;
        }
      entry->size = json_node_get_int (size);
    }

  return g_steal_pointer (&entry);
}

/**
 * cr_rules_index_new_from_bytes:
 *
 * Returns: (transfer full): the index, or NULL with @error naming the JSON
 *   pointer of the first problem.
 */
CrRulesIndex *
cr_rules_index_new_from_bytes (GBytes  *bytes,
                               GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CrRulesIndex) index = cr_rules_index_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *format = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *list;
  gsize len = 0;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  if (!json_parser_load_from_data (parser, data, len, &local_error))
    {
      /* json-glib quotes the bad text, which may be a cut-off character. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, CR_RULES_INDEX_ERROR, CR_RULES_INDEX_ERROR_PARSE,
                   _("The index is not valid JSON: %s"), detail);
      return NULL;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, "", _("The index must be a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);

  if (!get_string (root, "format", "", TRUE, &format, error))
    return NULL;
  if (!g_str_equal (format, CR_RULES_INDEX_FORMAT))
    {
      invalid (error, "/format", _("This is not a rule-set index"));
      return NULL;
    }

  node = json_object_get_member (root, "format_version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      invalid (error, "/format_version", _("This must be a whole number"));
      return NULL;
    }
  if (json_node_get_int (node) != CR_RULES_INDEX_FORMAT_VERSION)
    {
      invalid (error, "/format_version",
               _("This index format version is not supported; update the application"));
      return NULL;
    }

  if (!get_string (root, "generated", "", FALSE, &index->generated, error))
    return NULL;

  node = json_object_get_member (root, "rulesets");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, "/rulesets", _("This must be a list of rule sets"));
      return NULL;
    }
  list = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      CrRulesIndexEntry *entry = parse_entry (json_array_get_element (list, i), i, error);

      if (entry == NULL)
        return NULL;
      if (cr_rules_index_lookup (index, entry->id) != NULL)
        {
          g_autofree char *pointer = g_strdup_printf ("/rulesets/%u/id", i);

          cr_rules_index_entry_free (entry);
          invalid (error, pointer, _("This rule set id is listed twice"));
          return NULL;
        }
      g_ptr_array_add (index->entries, entry);
    }

  return g_steal_pointer (&index);
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CrRulesIndexEntry *ea = *(const CrRulesIndexEntry * const *) a;
  const CrRulesIndexEntry *eb = *(const CrRulesIndexEntry * const *) b;

  return g_strcmp0 (ea->id, eb->id);
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

char *
cr_rules_index_to_data (CrRulesIndex *index,
                        gsize        *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (index->entries, NULL, NULL);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  char *data;

  g_return_val_if_fail (index != NULL, NULL);

  /* The copy borrows the entries: it must not free them. */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_entries);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, CR_RULES_INDEX_FORMAT);
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, CR_RULES_INDEX_FORMAT_VERSION);
  if (index->generated != NULL)
    {
      json_builder_set_member_name (builder, "generated");
      json_builder_add_string_value (builder, index->generated);
    }
  json_builder_set_member_name (builder, "rulesets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    {
      CrRulesIndexEntry *entry = g_ptr_array_index (sorted, i);

      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", entry->id);
      add_string_or_null (builder, "version", entry->version);
      add_string_or_null (builder, "valid_from", entry->valid_from);
      add_string_or_null (builder, "valid_until", entry->valid_until);
      add_string_or_null (builder, "url", entry->url);
      add_string_or_null (builder, "signature_url", entry->signature_url);
      add_string_or_null (builder, "sha256", entry->sha256);
      if (entry->size >= 0)
        {
          json_builder_set_member_name (builder, "size");
          json_builder_add_int_value (builder, entry->size);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, NULL);

  data = g_strconcat (text, "\n", NULL);
  if (length != NULL)
    *length = strlen (data);
  return data;
}
