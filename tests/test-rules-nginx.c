/* test-rules-nginx.c: rule sets published by the CLI, served by a real nginx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a folder with `credit-repair-cli rules publish`, starts nginx on a
 * free loopback port with a generated configuration (everything in a
 * temporary folder, `daemon off;` as a child process), fetches through the
 * client and through the CLI, checks that the second fetch revalidates
 * with nginx's own ETag (304), publishes a new version and fetches it, then
 * stops nginx. Skipped when nginx is not installed.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cr-rules-client.h"
#include "cr-signature.h"

#include "cr-test-nginx.h"
#include "cr-test-util.h"

static const char *cli_path;
static char *source_root;

typedef struct
{
  char        *tmp;
  char        *site;
  char        *cache_dir;
  char        *key_path;
  char        *pub_path;
  CrPublicKey *pk;
  CrTestNginx *nginx;
  char        *index_url;
} Fixture;

static int
run_cli (Fixture             *fx,
         const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (fx->tmp, "xdg-cache", NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

#define ARGS(...) ((const char *[]) { __VA_ARGS__, NULL })

static char *
write_rule_set (Fixture    *fx,
                const char *version)
{
  g_autofree char *src = g_build_filename (source_root, "data", "rules",
                                           "cn-national-order36.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *version_line = g_strdup_printf ("\"version\": \"%s\"", version);
  g_autofree char *name = g_strdup_printf ("in-%s.json", version);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->tmp, name, NULL);

  g_file_get_contents (src, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_string_replace (text, "\"id\": \"cn-national-order36\"", "\"id\": \"classroom\"", 1);
  g_string_replace (text, "\"version\": \"2026.2\"", version_line, 1);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

static void
publish (Fixture    *fx,
         const char *version)
{
  g_autofree char *input = write_rule_set (fx, version);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *index = g_build_filename (fx->site, "index.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (index);
  g_autoptr(GError) error = NULL;
  static guint64 mtime = 1800000000;

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", "--key", fx->key_path, fx->site, input),
                            &out, &err), ==, 0);

  /* nginx's ETag is the file's mtime and size: give each publication its
   * own second, as it would have in real life. */
  mtime += 10;
  g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, mtime,
                               G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
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

static CrRulesFetchResult *
run_fetch (CrRulesClient  *client,
           const char     *url,
           GError        **error)
{
  gboolean done = FALSE;
  g_autoptr(GTask) out = g_task_new (NULL, NULL, mark_done, &done);

  cr_rules_client_fetch_async (client, url, NULL, fetch_cb, g_object_ref (out));
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  return g_task_propagate_pointer (out, error);
}


static void
test_nginx (void)
{
  Fixture fixture = { NULL }, *fx = &fixture;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrSecretKey) key = cr_secret_key_generate ();
  g_autofree char *key_text = cr_secret_key_to_string (key, NULL, 0, 0);
  g_autofree char *pub_text = NULL;
  g_autoptr(CrRulesClient) client = NULL;
  g_autoptr(CrRulesFetchResult) first = NULL;
  g_autoptr(CrRulesFetchResult) second = NULL;
  g_autoptr(CrRulesFetchResult) third = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *log = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *cli_cache = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;

  fx->tmp = g_dir_make_tmp ("cr-rules-nginx-XXXXXX", &error);
  g_assert_no_error (error);
  fx->site = g_build_filename (fx->tmp, "site", NULL);
  fx->cache_dir = g_build_filename (fx->tmp, "cache", NULL);
  fx->key_path = g_build_filename (fx->tmp, "classroom.key", NULL);
  fx->pub_path = g_build_filename (fx->tmp, "classroom.pub", NULL);
  fx->pk = cr_secret_key_get_public_key (key);
  pub_text = cr_public_key_to_string (fx->pk);
  g_file_set_contents (fx->key_path, key_text, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->pub_path, pub_text, -1, &error);
  g_assert_no_error (error);

  publish (fx, "2026.1");

  fx->nginx = cr_test_nginx_start (fx->site, &error);
  g_assert_no_error (error);
  fx->index_url = cr_test_nginx_get_url (fx->nginx, "/index.json");
  g_test_message ("nginx serves %s", fx->index_url);

  /* Through the client library. */
  client = cr_rules_client_new (fx->cache_dir);
  cr_rules_client_add_trusted_key (client, fx->pk);

  first = run_fetch (client, fx->index_url, &error);
  g_assert_no_error (error);
  g_assert_false (first->index_not_modified);
  g_assert_cmpuint (first->updates->len, ==, 1);

  /* The ETag kept is nginx's own ("mtime-size" in hex)... */
  meta_path = g_build_filename (fx->cache_dir, ".state", "metadata.json", NULL);
  g_file_get_contents (meta_path, &meta, NULL, &error);
  g_assert_no_error (error);
  etag = cr_test_nginx_get_etag (fx->nginx, "/index.json");
  g_assert_nonnull (etag);
  g_assert_true (g_regex_match_simple ("^\"[0-9a-f]+-[0-9a-f]+\"$", etag, 0, 0));
  escaped = g_strescape (etag, NULL);
  expected = g_strdup_printf ("\"etag\" : \"%s\"", escaped);
  g_assert_nonnull (strstr (meta, expected));

  /* ...and the second fetch is answered 304 by nginx for that ETag. */
  second = run_fetch (client, fx->index_url, &error);
  g_assert_no_error (error);
  g_assert_true (second->index_not_modified);
  g_assert_cmpuint (second->updates->len, ==, 0);
  log = cr_test_nginx_read_access_log (fx->nginx);
  g_test_message ("access log:\n%s", log);
  g_free (expected);
  expected = g_strdup_printf ("GET /index.json 304 inm=%s ims=", etag);
  g_assert_nonnull (strstr (log, expected));
  /* Last-Modified was kept and sent back too. */
  g_assert_true (g_regex_match_simple ("GET /index.json 304 inm=\\S+ ims=[A-Z][a-z][a-z], ", log,
                                       0, 0));

  /* A new version is picked up. */
  publish (fx, "2026.2");
  third = run_fetch (client, fx->index_url, &error);
  g_assert_no_error (error);
  g_assert_false (third->index_not_modified);
  g_assert_cmpuint (third->updates->len, ==, 1);
  g_assert_cmpstr (((CrRulesUpdate *) g_ptr_array_index (third->updates, 0))->old_version, ==,
                   "2026.1");

  /* Through the CLI, into a cache of its own. */
  cli_cache = g_build_filename (fx->tmp, "cli-cache", NULL);
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--trust", fx->pub_path,
                                      "--cache-dir", cli_cache, fx->index_url), &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Added classroom version 2026.2"));
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--trust", fx->pub_path,
                                      "--cache-dir", cli_cache, fx->index_url), &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "(the index has not changed)"));

  g_assert_finalize_object (g_steal_pointer (&client));
  cr_test_nginx_stop (fx->nginx);
  cr_test_remove_tree (fx->tmp);
  cr_public_key_unref (fx->pk);
  g_free (fx->tmp);
  g_free (fx->site);
  g_free (fx->cache_dir);
  g_free (fx->key_path);
  g_free (fx->pub_path);
  g_free (fx->index_url);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("cr-rules-nginx-home-XXXXXX", NULL);
  g_autofree char *installed = g_build_filename (home, "none", NULL);
  g_autofree char *xdg_cache = g_build_filename (home, "cache", NULL);
  int ret;

  g_setenv ("XDG_CACHE_HOME", xdg_cache, TRUE);
  g_setenv ("CREDIT_REPAIR_RULES_DIR", installed, TRUE);
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  source_root = g_strdup (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"));

  if (!cr_test_nginx_is_available ())
    {
      g_print ("1..0 # SKIP nginx is not installed\n");
      g_rmdir (home);
      g_free (source_root);
      return 77;
    }

  g_test_add_func ("/rules-nginx/publish-serve-fetch-revalidate", test_nginx);
  ret = g_test_run ();

  g_rmdir (xdg_cache);
  g_rmdir (home);
  g_free (source_root);
  return ret;
}
