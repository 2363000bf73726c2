/* test-rules-client.c: fetching rule sets from a hostile or broken server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test first puts a good rule set (version 2026.1) in force from the
 * loopback server, then makes the server misbehave while it offers 2026.2,
 * and checks both the error (domain, code, the words of the message) and
 * that 2026.1 is still the set in force, byte for byte.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-rules-client.h"
#include "cr-rules-diff.h"
#include "cr-rules-index.h"
#include "cr-signature.h"
#include "cr-test-server.h"
#include "cr-test-util.h"

#define TEST_ID "test-rules"

/* -- a small static site served by the test server ---------------------- */

typedef struct
{
  guint     status;
  char     *content_type;
  GBytes   *body;
  char     *location;   /* for redirects */
  gboolean  chunked;    /* no Content-Length */
  gboolean  stall;      /* never answer */
  gboolean  truncate;   /* announce more than is sent, then close */
} Doc;

typedef struct
{
  GMutex      lock;
  GHashTable *docs;      /* path → Doc */
  GHashTable *inm;       /* path → last If-None-Match seen */
} Site;

static void
doc_free (Doc *doc)
{
  g_free (doc->content_type);
  g_clear_pointer (&doc->body, g_bytes_unref);
  g_free (doc->location);
  g_free (doc);
}

static Site *
site_new (void)
{
  Site *site = g_new0 (Site, 1);

  g_mutex_init (&site->lock);
  site->docs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) doc_free);
  site->inm = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return site;
}

static void
site_free (Site *site)
{
  g_hash_table_unref (site->docs);
  g_hash_table_unref (site->inm);
  g_mutex_clear (&site->lock);
  g_free (site);
}

static Doc *
site_put (Site       *site,
          const char *path,
          const char *content_type,
          GBytes     *body)
{
  Doc *doc = g_new0 (Doc, 1);

  doc->status = 200;
  doc->content_type = g_strdup (content_type);
  doc->body = body != NULL ? g_bytes_ref (body) : NULL;
  g_mutex_lock (&site->lock);
  g_hash_table_replace (site->docs, g_strdup (path), doc);
  g_mutex_unlock (&site->lock);
  return doc;
}

static void
site_put_status (Site       *site,
                 const char *path,
                 guint       status)
{
  Doc *doc = site_put (site, path, "text/html", NULL);

  doc->status = status;
}

static void
site_put_redirect (Site       *site,
                   const char *path,
                   const char *location)
{
  Doc *doc = site_put (site, path, "text/html", NULL);

  doc->status = 302;
  doc->location = g_strdup (location);
}

static char *
site_get_inm (Site       *site,
              const char *path)
{
  char *value;

  g_mutex_lock (&site->lock);
  value = g_strdup (g_hash_table_lookup (site->inm, path));
  g_mutex_unlock (&site->lock);
  return value;
}

static void
write_raw_and_close (SoupServerMessage *msg,
                     const char        *content_type,
                     GBytes            *body)
{
  g_autoptr(GIOStream) io = soup_server_message_steal_connection (msg);
  g_autofree char *head = NULL;
  gsize len = g_bytes_get_size (body);

  /* Announce twice the length, send half of the body, and hang up. */
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %"
                          G_GSIZE_FORMAT "\r\n\r\n", content_type, len * 2);
  g_output_stream_write_all (g_io_stream_get_output_stream (io), head, strlen (head), NULL, NULL,
                             NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (io), g_bytes_get_data (body, NULL),
                             len / 2, NULL, NULL, NULL);
  g_io_stream_close (io, NULL, NULL);
}

static void
site_handler (CrTestServer      *server,
              SoupServerMessage *msg,
              const char        *path,
              gpointer           user_data)
{
  Site *site = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  g_autofree char *etag = NULL;
  Doc *doc;

  g_mutex_lock (&site->lock);
  if (inm != NULL)
    g_hash_table_replace (site->inm, g_strdup (path), g_strdup (inm));
  doc = g_hash_table_lookup (site->docs, path);

  if (doc == NULL)
    soup_server_message_set_status (msg, 404, NULL);
  else if (doc->stall)
    soup_server_message_pause (msg);
  else if (doc->truncate)
    write_raw_and_close (msg, doc->content_type, doc->body);
  else if (doc->location != NULL)
    {
      soup_server_message_set_redirect (msg, doc->status, doc->location);
    }
  else if (doc->status != 200)
    soup_server_message_set_status (msg, doc->status, NULL);
  else
    {
      g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, doc->body);

      etag = g_strdup_printf ("\"%.16s\"", sha);
      soup_message_headers_replace (response, "ETag", etag);
      if (g_strcmp0 (inm, etag) == 0)
        soup_server_message_set_status (msg, 304, NULL);
      else
        {
          soup_server_message_set_status (msg, 200, NULL);
          if (doc->chunked)
            {
              SoupMessageBody *body = soup_server_message_get_response_body (msg);

              soup_message_headers_set_encoding (response, SOUP_ENCODING_CHUNKED);
              soup_message_headers_set_content_type (response, doc->content_type, NULL);
              soup_message_body_append_bytes (body, doc->body);
              soup_message_body_complete (body);
            }
          else
            soup_server_message_set_response (msg, doc->content_type, SOUP_MEMORY_COPY,
                                              g_bytes_get_data (doc->body, NULL),
                                              g_bytes_get_size (doc->body));
        }
    }
  g_mutex_unlock (&site->lock);
}

/* -- fixture --------------------------------------------------------------- */

typedef struct
{
  CrTestServer  *server;
  Site          *site;
  char          *tmp;
  char          *cache_dir;
  CrSecretKey   *key;
  CrSecretKey   *other_key;
  CrRulesClient *client;
  char          *index_url;
  GBytes        *good;      /* the 2026.1 document in force after setup */
  guint          updated;   /* ::updated emissions */
} Fixture;

static GBytes *
make_rule_set (const char *id,
               const char *version)
{
  g_autofree char *path = g_build_filename (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"), "data", "rules",
                                            "cn-national-order36.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *id_line = g_strdup_printf ("\"id\": \"%s\"", id);
  g_autofree char *version_line = g_strdup_printf ("\"version\": \"%s\"", version);
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"id\": \"cn-national-order36\"", id_line, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"version\": \"2026.2\"", version_line, 1), ==, 1);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

static GBytes *
sign (CrSecretKey *key,
      GBytes      *data)
{
  g_autoptr(GError) error = NULL;
  char *sig = cr_secret_key_sign (key, data, "timestamp:1\tfile:test", &error);

  g_assert_no_error (error);
  return g_bytes_new_take (sig, strlen (sig));
}

/* Serves rule set @id @version signed by @set_key, in an index signed by
 * @index_key; @listed_sha256 overrides the checksum the index gives. */
static GBytes *
publish_doc (Fixture     *fx,
             const char  *id,
             const char  *version,
             GBytes      *doc,
             CrSecretKey *set_key,
             CrSecretKey *index_key,
             const char  *listed_sha256)
{
  g_autoptr(CrRulesIndex) index = cr_rules_index_new ();
  CrRulesIndexEntry *entry = cr_rules_index_entry_new ();
  g_autoptr(GBytes) doc_sig = sign (set_key, doc);
  g_autoptr(GBytes) index_bytes = NULL;
  g_autoptr(GBytes) index_sig = NULL;
  g_autofree char *name = g_strdup_printf ("%s-%s.json", id, version);
  g_autofree char *path = g_strconcat ("/rules/", name, NULL);
  g_autofree char *sig_path = g_strconcat (path, ".minisig", NULL);
  char *index_text;
  gsize len = 0;

  entry->id = g_strdup (id);
  entry->version = g_strdup (version);
  entry->valid_from = g_strdup ("2026-04-01");
  entry->url = g_strdup (name);
  entry->signature_url = g_strconcat (name, ".minisig", NULL);
  entry->sha256 = listed_sha256 != NULL ? g_strdup (listed_sha256) : cr_rules_sha256 (doc);
  entry->size = g_bytes_get_size (doc);
  cr_rules_index_take_entry (index, entry);

  index_text = cr_rules_index_to_data (index, &len);
  index_bytes = g_bytes_new_take (index_text, len);
  index_sig = sign (index_key, index_bytes);

  site_put (fx->site, path, "application/json", doc);
  site_put (fx->site, sig_path, "application/octet-stream", doc_sig);
  site_put (fx->site, "/rules/index.json", "application/json", index_bytes);
  site_put (fx->site, "/rules/index.json.minisig", "text/plain", index_sig);
  return g_bytes_ref (doc);
}

static GBytes *
publish_full (Fixture     *fx,
              const char  *id,
              const char  *version,
              CrSecretKey *set_key,
              CrSecretKey *index_key,
              const char  *listed_sha256)
{
  g_autoptr(GBytes) doc = make_rule_set (id, version);

  return publish_doc (fx, id, version, doc, set_key, index_key, listed_sha256);
}

static GBytes *
publish (Fixture    *fx,
         const char *version)
{
  return publish_full (fx, TEST_ID, version, fx->key, fx->key, NULL);
}

static void
updated_cb (CrRulesClient      *client,
            CrRulesFetchResult *result,
            gpointer            user_data)
{
  Fixture *fx = user_data;

  g_assert_cmpuint (result->updates->len, >, 0);
  fx->updated++;
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *out = user_data;
  GError *error = NULL;
  CrRulesFetchResult *r = cr_rules_client_fetch_finish (CR_RULES_CLIENT (source), result, &error);

  if (r != NULL)
    g_task_return_pointer (out, r, (GDestroyNotify) cr_rules_fetch_result_unref);
  else
    g_task_return_error (out, error);
  g_object_unref (out);
}

static void
mark_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

static void
diff_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *out = user_data;
  GError *error = NULL;
  GPtrArray *changes = cr_rules_diff_bytes_finish (result, &error);

  if (changes != NULL)
    g_task_return_pointer (out, changes, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (out, error);
  g_object_unref (out);
}

/* Runs a fetch to completion on the default main context. */
static CrRulesFetchResult *
run_fetch (CrRulesClient  *client,
           const char     *url,
           GCancellable   *cancellable,
           GError        **error)
{
  gboolean done = FALSE;
  g_autoptr(GTask) out = g_task_new (NULL, NULL, mark_done, &done);

  cr_rules_client_fetch_async (client, url, cancellable, fetch_cb, g_object_ref (out));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return g_task_propagate_pointer (out, error);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrPublicKey) pk = NULL;
  g_autoptr(CrRulesFetchResult) result = NULL;

  fx->tmp = g_dir_make_tmp ("cr-rules-client-XXXXXX", &error);
  g_assert_no_error (error);
  fx->cache_dir = g_build_filename (fx->tmp, "cache", NULL);

  fx->site = site_new ();
  fx->server = cr_test_server_new ();
  cr_test_server_add_handler (fx->server, "/", site_handler, fx->site);
  fx->index_url = cr_test_server_get_url (fx->server, "/rules/index.json");

  fx->key = cr_secret_key_generate ();
  fx->other_key = cr_secret_key_generate ();
  pk = cr_secret_key_get_public_key (fx->key);

  fx->client = cr_rules_client_new (fx->cache_dir);
  cr_rules_client_add_trusted_key (fx->client, pk);
  g_signal_connect (fx->client, "updated", G_CALLBACK (updated_cb), fx);

  /* The good state every test starts from. */
  fx->good = publish (fx, "2026.1");
  result = run_fetch (fx->client, fx->index_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpuint (result->updates->len, ==, 1);
}


static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_assert_finalize_object (fx->client);
  cr_test_server_free (fx->server);
  site_free (fx->site);
  cr_secret_key_free (fx->key);
  cr_secret_key_free (fx->other_key);
  g_bytes_unref (fx->good);
  cr_test_remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->cache_dir);
  g_free (fx->index_url);
}

/* The set in force for TEST_ID is still the 2026.1 document, and the
 * failed check was recorded. */
static void
assert_good_set_kept (Fixture    *fx,
                      const char *expected_error)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRulesStatus) status = cr_rules_client_get_status (fx->client, NULL, &error);
  g_autofree char *path = g_build_filename (fx->cache_dir, TEST_ID ".json", NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < status->entries->len; i++)
    {
      CrRulesStatusEntry *entry = g_ptr_array_index (status->entries, i);

      if (g_str_equal (entry->id, TEST_ID) && entry->in_force)
        {
          g_assert_cmpstr (entry->version, ==, "2026.1");
          g_assert_cmpint (entry->origin, ==, CR_RULES_ORIGIN_FETCHED);
          found = TRUE;
        }
    }
  g_assert_true (found);

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (fx->good, NULL), g_bytes_get_size (fx->good));

  if (expected_error != NULL)
    {
      g_assert_nonnull (status->last_error);
      g_assert_nonnull (strstr (status->last_error, expected_error));
      g_assert_cmpint (status->last_checked, >=, status->last_success);
    }
  g_assert_cmpuint (fx->updated, ==, 1);
}

/* Fetches and expects @domain/@code with @words in the message. */
static void
expect_failure_with (Fixture       *fx,
                     CrRulesClient *client,
                     const char    *url,
                     GQuark         domain,
                     int            code,
                     const char    *words)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRulesFetchResult) result = run_fetch (client, url, NULL, &error);

  g_assert_null (result);
  g_assert_error (error, domain, code);
  if (words != NULL && strstr (error->message, words) == NULL)
    g_error ("“%s” is not in the message “%s”", words, error->message);
  assert_good_set_kept (fx, words);
}

static void
expect_failure (Fixture    *fx,
                const char *url,
                GQuark      domain,
                int         code,
                const char *words)
{
  expect_failure_with (fx, fx->client, url, domain, code, words);
}

/* Another client on the same cache: SoupSession:timeout only applies to
 * connections opened after it is set. */
static CrRulesClient *
new_client (Fixture *fx,
            guint    timeout)
{
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (fx->key);
  CrRulesClient *client = g_object_new (CR_TYPE_RULES_CLIENT,
                                        "cache-dir", fx->cache_dir,
                                        "timeout", timeout,
                                        NULL);

  cr_rules_client_add_trusted_key (client, pk);
  return client;
}

/* -- the tests ------------------------------------------------------------- */

static void
test_ok (Fixture       *fx,
         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) newer = publish (fx, "2026.2");
  g_autoptr(CrRulesFetchResult) result = run_fetch (fx->client, fx->index_url, NULL, &error);
  g_autoptr(CrRulesStatus) status = NULL;
  g_autoptr(CrRulesClient) fresh = NULL;
  g_autoptr(CrRulesStatus) fresh_status = NULL;
  g_autofree char *path = g_build_filename (fx->cache_dir, TEST_ID ".json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  CrRulesUpdate *update;
  gsize len = 0;

  g_assert_no_error (error);
  g_assert_false (result->index_not_modified);
  g_assert_cmpuint (result->updates->len, ==, 1);
  update = g_ptr_array_index (result->updates, 0);
  g_assert_cmpstr (update->id, ==, TEST_ID);
  g_assert_cmpstr (update->old_version, ==, "2026.1");
  g_assert_cmpstr (update->new_version, ==, "2026.2");
  g_assert_cmpstr (update->key_id, ==, cr_secret_key_get_id (fx->key));
  g_assert_true (g_bytes_equal (update->old_data, fx->good));
  g_assert_true (g_bytes_equal (update->new_data, newer));
  g_assert_cmpuint (fx->updated, ==, 2);

  /* The old and new documents are there for the window's diff. */
  {
    gboolean done = FALSE;
    g_autoptr(GTask) out = g_task_new (NULL, NULL, mark_done, &done);

    cr_rules_diff_bytes_async (update->old_data, update->new_data, NULL, diff_cb,
                               g_object_ref (out));
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    changes = g_task_propagate_pointer (out, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((CrRulesChange *) g_ptr_array_index (changes, 0))->message, ==,
                   "Rule set test-rules: version 2026.2 replaces version 2026.1.");

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (contents, len, g_bytes_get_data (newer, NULL), g_bytes_get_size (newer));

  status = cr_rules_client_get_status (fx->client, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (status->source_url, ==, fx->index_url);
  g_assert_null (status->last_error);
  g_assert_cmpint (status->last_success, >, 0);
  g_assert_cmpint (status->last_checked, ==, status->last_success);

  /* Bundled sets are listed too, and a new client sees the set as cached. */
  fresh = cr_rules_client_new (fx->cache_dir);
  fresh_status = cr_rules_client_get_status (fresh, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < fresh_status->entries->len; i++)
    {
      CrRulesStatusEntry *entry = g_ptr_array_index (fresh_status->entries, i);

      if (g_str_equal (entry->id, TEST_ID))
        {
          g_assert_true (entry->in_force);
          g_assert_cmpint (entry->origin, ==, CR_RULES_ORIGIN_CACHED);
          g_assert_cmpstr (entry->version, ==, "2026.2");
          g_assert_cmpstr (entry->url, ==, update->url);
          g_assert_cmpint (entry->fetched, ==, result->checked);
        }
      else if (g_str_equal (entry->id, "cn-national-order36"))
        g_assert_cmpint (entry->origin, ==, CR_RULES_ORIGIN_BUNDLED);
    }
  g_assert_cmpuint (fresh_status->entries->len, >=, 2);
}

static void
test_not_modified (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRulesFetchResult) result = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *set_path = g_strdup ("/rules/" TEST_ID "-2026.1.json");
  guint index_hits = cr_test_server_get_hit_count (fx->server, "/rules/index.json");
  guint sig_hits = cr_test_server_get_hit_count (fx->server, "/rules/index.json.minisig");
  guint set_hits = cr_test_server_get_hit_count (fx->server, set_path);

  result = run_fetch (fx->client, fx->index_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (result->index_not_modified);
  g_assert_cmpuint (result->updates->len, ==, 0);

  /* The server saw the ETag it gave, and nothing else was downloaded. */
  sent = site_get_inm (fx->site, "/rules/index.json");
  g_assert_nonnull (sent);
  g_assert_true (g_str_has_prefix (sent, "\""));
  g_assert_cmpuint (cr_test_server_get_hit_count (fx->server, "/rules/index.json"), ==,
                    index_hits + 1);
  g_assert_cmpuint (cr_test_server_get_hit_count (fx->server, "/rules/index.json.minisig"), ==,
                    sig_hits);
  g_assert_cmpuint (cr_test_server_get_hit_count (fx->server, set_path), ==, set_hits);
  assert_good_set_kept (fx, NULL);
}

static void
test_not_found (Fixture       *fx,
                gconstpointer  data)
{
  site_put_status (fx->site, "/rules/index.json", 404);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_HTTP_STATUS,
                  "404");
}

static void
test_server_error (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");

  site_put_status (fx->site, "/rules/" TEST_ID "-2026.2.json", 500);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_HTTP_STATUS,
                  "the server answered “500");
}

static void
test_stall (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  Doc *stalled = site_put (fx->site, "/rules/index.json", "application/json", NULL);
  g_autoptr(CrRulesClient) client = new_client (fx, 1);
  gint64 start;
  double seconds;

  stalled->stall = TRUE;
  start = g_get_monotonic_time ();
  expect_failure_with (fx, client, fx->index_url, CR_RULES_CLIENT_ERROR,
                       CR_RULES_CLIENT_ERROR_TIMED_OUT, "did not answer within 1 seconds");
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("the timeout fired after %.2f s", seconds);
  g_assert_cmpfloat (seconds, <, 3.0);
}

static void
test_deadline (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  Doc *stalled = site_put (fx->site, "/rules/index.json", "application/json", NULL);

  /* With no per-read timeout, the whole-download deadline still ends it. */
  stalled->stall = TRUE;
  g_object_set (fx->client, "timeout", 0, "deadline", 1, NULL);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TIMED_OUT,
                  "did not finish within 1 seconds");
}

static void
test_truncated (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  Doc *cut = site_put (fx->site, "/rules/" TEST_ID "-2026.2.json", "application/json", doc);

  cut->truncate = TRUE;
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TRUNCATED,
                  "closed before the whole file arrived");
}

static void
test_oversized (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");

  /* The rule set is about 32 KB, over the limit; the index is not. */
  g_object_set (fx->client, "max-body-size", (guint64) 8192, NULL);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TOO_LARGE,
                  "larger than the limit of 8192 bytes");
}

static void
test_oversized_chunked (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  Doc *big = site_put (fx->site, "/rules/" TEST_ID "-2026.2.json", "application/json", doc);

  /* No Content-Length to refuse up front: the cap applies while reading. */
  big->chunked = TRUE;
  g_object_set (fx->client, "max-body-size", (guint64) 8192, NULL);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TOO_LARGE,
                  "larger than the limit of 8192 bytes");
}

static void
test_content_type (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");

  site_put (fx->site, "/rules/" TEST_ID "-2026.2.json", "text/html", doc);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_CONTENT_TYPE,
                  "sent “text/html” instead of application/json");
}

static void
test_invalid_json (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GBytes) index = g_bytes_new_static ("{\"format\": \"org.example", 23);
  g_autoptr(GBytes) sig = sign (fx->key, index);

  /* Properly signed, so that it is the JSON check that refuses it. */
  site_put (fx->site, "/rules/index.json", "application/json", index);
  site_put (fx->site, "/rules/index.json.minisig", "text/plain", sig);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR,
                  CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT, "not valid JSON");
}

static void
test_invalid_rule_set (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GBytes) doc = make_rule_set (TEST_ID, "2026.2");
  g_autoptr(GString) broken = g_string_new_len (g_bytes_get_data (doc, NULL),
                                                g_bytes_get_size (doc));
  g_autoptr(GBytes) broken_bytes = NULL;
  g_autoptr(GBytes) served = NULL;

  /* Valid JSON, signed and listed, but not a valid rule set. */
  g_string_replace (broken, "\"format_version\": 1", "\"format_version\": 99", 1);
  broken_bytes = g_string_free_to_bytes (g_steal_pointer (&broken));
  served = publish_doc (fx, TEST_ID, "2026.2", broken_bytes, fx->key, fx->key, NULL);
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR,
                  CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT, "not a valid rule set");
}

static void
test_overlay (Fixture       *fx,
              gconstpointer  data)
{
  static const char overlay[] =
    "{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1,\n"
    " \"id\": \"test-overlay\", \"version\": \"2026.1\", \"extends\": \"cn-national-order36\",\n"
    " \"jurisdiction\": \"CN-JS\", \"valid_from\": \"2026-04-01\", \"valid_until\": null,\n"
    " \"title\": {\"en\": \"Test overlay\", \"zh_CN\": \"测试\"},\n"
    " \"rules\": [{\"id\": \"R40-FREE-SERVICE\", \"severity\": \"warning\"}]}\n";
  g_autoptr(GBytes) doc = g_bytes_new_static (overlay, strlen (overlay));
  g_autoptr(GBytes) served = publish_doc (fx, "test-overlay", "2026.1", doc, fx->key, fx->key,
                                          NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRulesFetchResult) result = run_fetch (fx->client, fx->index_url, NULL, &error);

  /* An overlay loads on the installed set it extends. */
  g_assert_no_error (error);
  g_assert_cmpuint (result->updates->len, ==, 1);
  g_assert_cmpstr (((CrRulesUpdate *) g_ptr_array_index (result->updates, 0))->id, ==,
                   "test-overlay");
}

static void
test_overlay_loosens (Fixture       *fx,
                      gconstpointer  data)
{
  static const char overlay[] =
    "{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1,\n"
    " \"id\": \"test-overlay\", \"version\": \"2026.1\", \"extends\": \"cn-national-order36\",\n"
    " \"jurisdiction\": \"CN-JS\", \"valid_from\": \"2026-04-01\", \"valid_until\": null,\n"
    " \"title\": {\"en\": \"Test overlay\", \"zh_CN\": \"测试\"},\n"
    " \"rules\": [{\"id\": \"R14-EXPIRED\", \"severity\": \"warning\"}]}\n";
  g_autoptr(GBytes) doc = g_bytes_new_static (overlay, strlen (overlay));
  g_autoptr(GBytes) served = publish_doc (fx, "test-overlay", "2026.1", doc, fx->key, fx->key,
                                          NULL);

  /* Signed by a trusted key, and still refused: it would loosen an error. */
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR,
                  CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT, "not a valid rule set");
}

static void
test_checksum_mismatch (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish_full (fx, TEST_ID, "2026.2", fx->key, fx->key,
                                        "0000000000000000000000000000000000000000000000000000000000000000");

  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_MISMATCH,
                  "does not match the SHA-256 checksum listed in the index");
}

static void
test_bad_signature (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  g_autoptr(GBytes) other = make_rule_set (TEST_ID, "2026.3");
  g_autoptr(GBytes) wrong_sig = sign (fx->key, other);

  /* A valid signature by a trusted key, but of other contents. */
  site_put (fx->site, "/rules/" TEST_ID "-2026.2.json.minisig", "text/plain", wrong_sig);
  expect_failure (fx, fx->index_url, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE,
                  TEST_ID "-2026.2.json.minisig: refused: The signature by key");
}

static void
test_bad_index_signature (Fixture       *fx,
                          gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  g_autoptr(GBytes) other = g_bytes_new_static ("something else", 14);
  g_autoptr(GBytes) wrong_sig = sign (fx->key, other);

  site_put (fx->site, "/rules/index.json.minisig", "text/plain", wrong_sig);
  expect_failure (fx, fx->index_url, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE,
                  "index.json.minisig: refused");
}

static void
test_untrusted_key (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish_full (fx, TEST_ID, "2026.2", fx->other_key, fx->key, NULL);
  g_autofree char *words = g_strdup_printf ("signed with key %s, which is not one of the trusted keys",
                                            cr_secret_key_get_id (fx->other_key));

  expect_failure (fx, fx->index_url, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNTRUSTED_KEY, words);
}

static void
test_downgrade (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2025.9");

  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_DOWNGRADE,
                  "version 2025.9 is older than version 2026.1 in force (fetched)");
}

static void
test_same_version_other_contents (Fixture       *fx,
                                  gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish (fx, "2026.1.0");

  /* 2026.1.0 == 2026.1, and its contents differ (the version string). */
  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_DOWNGRADE,
                  "must raise the version");
}

static void
test_bundled_downgrade (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GBytes) doc = publish_full (fx, "cn-national-order36", "2019.1", fx->key, fx->key,
                                        NULL);

  expect_failure (fx, fx->index_url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_DOWNGRADE,
                  "is older than version 2026.2 in force (bundled)");
}

static void
test_redirect_loop (Fixture       *fx,
                    gconstpointer  data)
{
  g_autofree char *url = cr_test_server_get_url (fx->server, "/loop/a");

  site_put_redirect (fx->site, "/loop/a", "/loop/b");
  site_put_redirect (fx->site, "/loop/b", "/loop/a");
  expect_failure (fx, url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_REDIRECTS,
                  "redirects in a loop");
}

static void
test_too_many_redirects (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *url = cr_test_server_get_url (fx->server, "/hop/0");

  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *from = g_strdup_printf ("/hop/%u", i);
      g_autofree char *to = g_strdup_printf ("/hop/%u", i + 1);

      site_put_redirect (fx->site, from, to);
    }
  expect_failure (fx, url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_REDIRECTS,
                  "redirected more than 5 times");
}

static void
test_redirect_followed (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = cr_test_server_get_url (fx->server, "/moved/index.json");
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  g_autoptr(CrRulesFetchResult) result = NULL;

  /* A permitted redirect works, and relative rule-set URLs resolve against
   * where the index really is. */
  site_put_redirect (fx->site, "/moved/index.json", "/rules/index.json");
  result = run_fetch (fx->client, url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (result->updates->len, ==, 1);
  g_assert_true (g_str_has_suffix (((CrRulesUpdate *) g_ptr_array_index (result->updates, 0))->url,
                                   "/rules/" TEST_ID "-2026.2.json"));
}

static void
test_redirect_to_http (Fixture       *fx,
                       gconstpointer  data)
{
  g_autofree char *url = cr_test_server_get_url (fx->server, "/away");

  site_put_redirect (fx->site, "/away", "http://rules.example.org/index.json");
  expect_failure (fx, url, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
                  "redirected to an address that is not allowed");
}

static void
test_http_refused (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const char *allowed[] = { "rules.example.org", "192.168.1.10:8080", NULL };
  gint64 start = g_get_monotonic_time ();

  /* Refused at once, before any name lookup or connection. */
  expect_failure (fx, "http://rules.example.org/index.json", CR_RULES_CLIENT_ERROR,
                  CR_RULES_CLIENT_ERROR_INSECURE_URL, "only fetched over HTTPS");
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_false (cr_rules_client_check_url (fx->client, "ftp://rules.example.org/i.json", &error));
  g_assert_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL);
  g_clear_error (&error);

  /* Loopback, HTTPS and hosts allowed explicitly pass. */
  g_assert_true (cr_rules_client_check_url (fx->client, "http://127.0.0.2:9/index.json", NULL));
  g_assert_true (cr_rules_client_check_url (fx->client, "http://[::1]/index.json", NULL));
  g_assert_true (cr_rules_client_check_url (fx->client, "http://localhost/index.json", NULL));
  g_assert_true (cr_rules_client_check_url (fx->client, "https://rules.example.org/i.json", NULL));
  g_assert_false (cr_rules_client_check_url (fx->client, "http://192.168.1.10:8080/i.json", NULL));
  cr_rules_client_set_insecure_hosts (fx->client, allowed);
  g_assert_true (cr_rules_client_check_url (fx->client, "http://rules.example.org/i.json", NULL));
  g_assert_true (cr_rules_client_check_url (fx->client, "http://192.168.1.10:8080/i.json", NULL));
  g_assert_false (cr_rules_client_check_url (fx->client, "http://192.168.1.10/i.json", NULL));
}

static void
test_one_at_a_time (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  g_autoptr(CrRulesFetchResult) second = NULL;
  g_autoptr(CrRulesFetchResult) first = NULL;
  gboolean done = FALSE;
  g_autoptr(GTask) out = g_task_new (NULL, NULL, mark_done, &done);

  cr_rules_client_fetch_async (fx->client, fx->index_url, NULL, fetch_cb, g_object_ref (out));
  second = run_fetch (fx->client, fx->index_url, NULL, &error);
  g_assert_null (second);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_clear_error (&error);

  while (!done)
    g_main_context_iteration (NULL, TRUE);
  first = g_task_propagate_pointer (out, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->updates->len, ==, 1);

  /* And the next one may start once the first has completed. */
  g_clear_pointer (&second, cr_rules_fetch_result_unref);
  second = run_fetch (fx->client, fx->index_url, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (second->index_not_modified);
}

static void
test_cancelled (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) doc = publish (fx, "2026.2");
  g_autoptr(CrRulesFetchResult) result = NULL;

  g_cancellable_cancel (cancellable);
  result = run_fetch (fx->client, fx->index_url, cancellable, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_good_set_kept (fx, NULL);
}

/* -- start-up check ------------------------------------------------------- */

typedef struct
{
  GObject  parent_instance;
  gboolean metered;
} FakeMonitor;

typedef GObjectClass FakeMonitorClass;

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void fake_initable_iface_init (GInitableIface *iface);

GType fake_monitor_get_type (void);
G_DEFINE_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

enum { FAKE_PROP_0, FAKE_PROP_AVAILABLE, FAKE_PROP_METERED, FAKE_PROP_CONNECTIVITY };

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = (FakeMonitor *) object;

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, TRUE);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  klass->get_property = fake_monitor_get_property;
  g_object_class_override_property (klass, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (klass, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (klass, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static gboolean
fake_initable_init (GInitable     *initable,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;
}

static void
fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_initable_init;
}

static void
test_startup_check (void)
{
  FakeMonitor *free_net = g_object_new (fake_monitor_get_type (), NULL);
  FakeMonitor *metered = g_object_new (fake_monitor_get_type (), NULL);

  metered->metered = TRUE;
  g_assert_true (cr_rules_client_should_check_on_startup (TRUE, G_NETWORK_MONITOR (free_net)));
  g_assert_false (cr_rules_client_should_check_on_startup (FALSE, G_NETWORK_MONITOR (free_net)));
  g_assert_false (cr_rules_client_should_check_on_startup (TRUE, G_NETWORK_MONITOR (metered)));

  g_object_unref (free_net);
  g_object_unref (metered);
}

static void
test_versions (void)
{
  g_assert_true (cr_rules_version_is_valid ("2026"));
  g_assert_true (cr_rules_version_is_valid ("2026.1.3"));
  g_assert_false (cr_rules_version_is_valid ("2026.x"));
  g_assert_false (cr_rules_version_is_valid ("2026..1"));
  g_assert_false (cr_rules_version_is_valid ("-1"));
  g_assert_false (cr_rules_version_is_valid (" 1"));
  g_assert_false (cr_rules_version_is_valid (""));
  g_assert_cmpint (cr_rules_version_compare ("2026.1", "2026.1.0"), ==, 0);
  g_assert_cmpint (cr_rules_version_compare ("2026.1", "2026.2"), <, 0);
  g_assert_cmpint (cr_rules_version_compare ("2026.10", "2026.9"), >, 0);
  g_assert_cmpint (cr_rules_version_compare ("2027", "2026.99"), >, 0);
  g_assert_true (cr_rules_id_is_valid ("cn-national-order36"));
  g_assert_false (cr_rules_id_is_valid ("../etc/passwd"));
  g_assert_false (cr_rules_id_is_valid ("Upper"));
  g_assert_false (cr_rules_id_is_valid (".hidden"));
}

/* An index cut off anywhere, in the middle of a character too, gives a
 * message in valid UTF-8 (json-glib quotes the broken text). */
static void
test_index_cut (void)
{
  static const char text[] = "{\"t\": \"申请时可不附这些材料\"}";

  for (gsize cut = 1; cut < sizeof text - 1; cut++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (text, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRulesIndex) index = cr_rules_index_new_from_bytes (bytes, &error);

      g_assert_null (index);
      g_assert_nonnull (error);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cr-rules-home-XXXXXX", NULL);
  g_autofree char *xdg_cache = g_build_filename (home, "cache", NULL);
  g_autofree char *installed = g_build_filename (home, "installed", NULL);
  int ret;

  /* Nothing outside the test's own folders: no user cache, no installed
   * rule sets (the bundled ones compiled in remain). */
  g_setenv ("XDG_CACHE_HOME", xdg_cache, TRUE);
  g_setenv ("CREDIT_REPAIR_RULES_DIR", installed, TRUE);
  g_setenv ("GIO_USE_NETWORK_MONITOR", "base", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/rules-client/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  g_test_add_func ("/rules-client/index-cut", test_index_cut);
  ADD ("ok", test_ok);
  ADD ("not-modified", test_not_modified);
  ADD ("not-found", test_not_found);
  ADD ("server-error", test_server_error);
  ADD ("stall", test_stall);
  ADD ("deadline", test_deadline);
  ADD ("truncated", test_truncated);
  ADD ("oversized", test_oversized);
  ADD ("oversized-chunked", test_oversized_chunked);
  ADD ("content-type", test_content_type);
  ADD ("invalid-json", test_invalid_json);
  ADD ("invalid-rule-set", test_invalid_rule_set);
  ADD ("overlay", test_overlay);
  ADD ("overlay-loosens", test_overlay_loosens);
  ADD ("checksum-mismatch", test_checksum_mismatch);
  ADD ("bad-signature", test_bad_signature);
  ADD ("bad-index-signature", test_bad_index_signature);
  ADD ("untrusted-key", test_untrusted_key);
  ADD ("downgrade", test_downgrade);
  ADD ("same-version-other-contents", test_same_version_other_contents);
  ADD ("bundled-downgrade", test_bundled_downgrade);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("too-many-redirects", test_too_many_redirects);
  ADD ("redirect-followed", test_redirect_followed);
  ADD ("redirect-to-http", test_redirect_to_http);
  ADD ("http-refused", test_http_refused);
  ADD ("cancelled", test_cancelled);
  ADD ("one-at-a-time", test_one_at_a_time);
  g_test_add_func ("/rules-client/startup-check", test_startup_check);
  g_test_add_func ("/rules-client/versions", test_versions);

  ret = g_test_run ();
  g_rmdir (xdg_cache);
  g_rmdir (installed);
  g_rmdir (home);
  return ret;
}
