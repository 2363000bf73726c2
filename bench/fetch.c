/* fetch.c: the rules client against curl, both fetching from a loopback nginx
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two cases, each timed for the client and for curl in the same run,
 * alternating, and reported as ratios of medians:
 *
 *  - revalidate: the index has not changed. The client sends its
 *    conditional request, gets 304 and re-checks its cached, signed index;
 *    curl sends the same If-None-Match and gets the same 304.
 *  - changed: a rule set is new. The client fetches the index, its
 *    signature, the rule set and its signature, verifies both signatures,
 *    the checksum and the rule set itself, and writes its cache; curl
 *    fetches the same four URLs over one connection into files.
 *
 * curl is timed two ways: the whole process (what a script pays) and its
 * own %{time_total} (the transfer alone).
 *
 * Usage: bench-fetch SOURCE_ROOT [RUNS]; exits 77 without nginx or curl.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cr-rules-client.h"
#include "cr-rules-publish.h"
#include "cr-signature.h"
#include "cr-test-nginx.h"
#include "cr-test-util.h"

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  CrRulesFetchResult **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = cr_rules_client_fetch_finish (CR_RULES_CLIENT (source), result, &error);
  if (*out == NULL)
    g_error ("fetch failed: %s", error->message);
}

static CrRulesFetchResult *
run_fetch (CrRulesClient *client,
           const char    *url)
{
  CrRulesFetchResult *result = NULL;

  cr_rules_client_fetch_async (client, url, NULL, fetch_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return result;
}

/* Runs curl with @args; returns the wall time in seconds and curl's own
 * time_total (the last line it prints) in @inner. */
static double
run_curl (const char          *curl,
          const char * const  *args,
          double              *inner)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 start = g_get_monotonic_time ();
  double total = 0;
  guint n;

  g_ptr_array_add (argv, (gpointer) curl);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                            &error);
  if (proc == NULL || !g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error))
    g_error ("curl: %s", error->message);
  if (!g_subprocess_get_successful (proc))
    g_error ("curl failed");

  /* One time_total per URL: their sum is the transfer time. */
  lines = g_strsplit (out, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    if (lines[i][0] != '\0')
      total += g_ascii_strtod (lines[i], NULL);
  *inner = total;

  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}


static void
report (const char *name,
        GArray     *client,
        GArray     *curl_wall,
        GArray     *curl_inner)
{
  double c = median (client) * 1000;
  double w = median (curl_wall) * 1000;
  double i = median (curl_inner) * 1000;

  g_print ("%-10s client %7.2f ms | curl process %7.2f ms, ratio %.2f | "
           "curl transfer %7.2f ms, ratio %.2f\n",
           name, c, w, c / w, i, c / i);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *curl = g_find_program_in_path ("curl");
  g_autofree char *tmp = NULL;
  g_autofree char *site = NULL;
  g_autofree char *input = NULL;
  g_autofree char *src = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *index_url = NULL;
  g_autofree char *sig_url = NULL;
  g_autofree char *set_url = NULL;
  g_autofree char *set_sig_url = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *inm = NULL;
  g_autofree char *xdg = NULL;
  g_autofree char *none = NULL;
  g_autofree char *out_files = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrSecretKey) key = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (key);
  g_autoptr(CrRulesClient) client = NULL;
  g_autoptr(GPtrArray) published = NULL;
  g_autoptr(GArray) client_304 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_304 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_304_inner = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) client_new = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_new = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) curl_new_inner = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GString) text = NULL;
  CrTestNginx *nginx;
  const char *paths[2] = { NULL, NULL };
  guint runs = 30;

  if (argc < 2)
    {
      g_printerr ("Usage: %s SOURCE_ROOT [RUNS]\n", argv[0]);
      return 2;
    }
  if (argc > 2)
    runs = MAX (3, atoi (argv[2]));

  if (curl == NULL || !cr_test_nginx_is_available ())
    {
      g_print ("fetch: skipped, it needs nginx and curl\n");
      return 77;
    }

  tmp = g_dir_make_tmp ("cr-bench-fetch-XXXXXX", &error);
  g_assert_no_error (error);
  xdg = g_build_filename (tmp, "xdg", NULL);
  none = g_build_filename (tmp, "none", NULL);
  g_setenv ("XDG_CACHE_HOME", xdg, TRUE);
  g_setenv ("CREDIT_REPAIR_RULES_DIR", none, TRUE);

  /* A real rule set (order36) under an id of its own, published and served. */
  src = g_build_filename (argv[1], "data", "rules", "cn-national-order36.json", NULL);
  if (!g_file_get_contents (src, &contents, NULL, &error))
    g_error ("%s", error->message);
  text = g_string_new (contents);
  g_string_replace (text, "\"id\": \"cn-national-order36\"", "\"id\": \"bench-rules\"", 1);
  input = g_build_filename (tmp, "bench-rules.json", NULL);
  g_file_set_contents (input, text->str, text->len, &error);
  g_assert_no_error (error);
  site = g_build_filename (tmp, "site", NULL);
  paths[0] = input;
  published = cr_rules_publish (key, site, paths, &error);
  g_assert_no_error (error);

  nginx = cr_test_nginx_start (site, &error);
  g_assert_no_error (error);
  index_url = cr_test_nginx_get_url (nginx, "/index.json");
  sig_url = cr_test_nginx_get_url (nginx, "/index.json.minisig");
  set_url = cr_test_nginx_get_url (nginx, "/bench-rules-2026.1.json");
  set_sig_url = cr_test_nginx_get_url (nginx, "/bench-rules-2026.1.json.minisig");
  etag = cr_test_nginx_get_etag (nginx, "/index.json");
  inm = g_strdup_printf ("If-None-Match: %s", etag);
  out_files = g_build_filename (tmp, "curl-out", NULL);
  g_mkdir_with_parents (out_files, 0700);

  cache = g_build_filename (tmp, "cache", NULL);
  client = cr_rules_client_new (cache);
  cr_rules_client_add_trusted_key (client, pk);

  g_print ("fetch: %u runs each, nginx on %s\n", runs, index_url);

  /* Revalidation of an unchanged index: 304 for both. */
  cr_rules_fetch_result_unref (run_fetch (client, index_url));
  for (guint i = 0; i < runs + 2; i++)
    {
      CrRulesFetchResult *result;
      gint64 start = g_get_monotonic_time ();
      double t, wall, inner;

      result = run_fetch (client, index_url);
      t = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_assert_true (result->index_not_modified);
      cr_rules_fetch_result_unref (result);

      wall = run_curl (curl, (const char *[]) { "-s", "-o", "/dev/null", "-H", inm,
                                                "-w", "%{time_total}\n",
                                                index_url, NULL }, &inner);
      /* The first two runs warm both up. */
      if (i >= 2)
        {
          g_array_append_val (client_304, t);
          g_array_append_val (curl_304, wall);
          g_array_append_val (curl_304_inner, inner);
        }
    }

  /* A changed rule set: everything is fetched and verified again. */
  for (guint i = 0; i < runs + 2; i++)
    {
      CrRulesFetchResult *result;
      gint64 start;
      double t, wall, inner;
      g_autofree char *f1 = g_build_filename (out_files, "1", NULL);
      g_autofree char *f2 = g_build_filename (out_files, "2", NULL);
      g_autofree char *f3 = g_build_filename (out_files, "3", NULL);
      g_autofree char *f4 = g_build_filename (out_files, "4", NULL);

      cr_test_remove_tree (cache);
      start = g_get_monotonic_time ();
      result = run_fetch (client, index_url);
      t = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      g_assert_cmpuint (result->updates->len, ==, 1);
      cr_rules_fetch_result_unref (result);

      wall = run_curl (curl, (const char *[]) { "-s", "-w", "%{time_total}\n",
                                                index_url, "-o", f1, sig_url, "-o", f2,
                                                set_url, "-o", f3, set_sig_url, "-o", f4,
                                                NULL }, &inner);
      if (i >= 2)
        {
          g_array_append_val (client_new, t);
          g_array_append_val (curl_new, wall);
          g_array_append_val (curl_new_inner, inner);
        }
    }

  g_print ("Medians; a ratio below 1 means the client is faster than curl.\n");
  report ("revalidate", client_304, curl_304, curl_304_inner);
  report ("changed", client_new, curl_new, curl_new_inner);

  g_assert_finalize_object (g_steal_pointer (&client));
  cr_test_nginx_stop (nginx);
  cr_test_remove_tree (tmp);
  return 0;
}
