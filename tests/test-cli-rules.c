/* test-cli-rules.c: `credit-repair-cli rules list|fetch|diff|publish`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real tool: publishes into a folder, serves that folder from the
 * loopback test server, fetches it into a private cache, and compares two
 * versions of a real rule set.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cr-signature.h"
#include "cr-test-server.h"
#include "cr-test-util.h"

static const char *cli_path;
static char *source_root;

typedef struct
{
  char         *tmp;
  char         *out_dir;
  char         *cache_dir;
  char         *key_path;
  char         *enc_key_path;
  char         *pub_path;
  char         *rules_2026_1;
  char         *rules_2026_2;
  char         *rules_2025_1;
  CrTestServer *server;
} Fixture;

static int
run_cli_in (Fixture             *fx,
            const char * const  *args,
            const char          *input,
            const char          *language,
            char               **out,
            char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xdg = g_build_filename (fx->tmp, "xdg-cache", NULL);
  g_autofree char *installed = g_build_filename (fx->tmp, "installed", NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", xdg, TRUE);
  g_subprocess_launcher_setenv (launcher, "CREDIT_REPAIR_RULES_DIR", installed, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANG", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", language != NULL ? language : "C", TRUE);

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  if (g_subprocess_get_exit_status (proc) != 0)
    g_test_message ("exit status %d, stderr: %s", g_subprocess_get_exit_status (proc), *err);
  return g_subprocess_get_exit_status (proc);
}

static int
run_cli (Fixture             *fx,
         const char * const  *args,
         char               **out,
         char               **err)
{
  return run_cli_in (fx, args, NULL, NULL, out, err);
}

#define ARGS(...) ((const char *[]) { __VA_ARGS__, NULL })

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (haystack == NULL || strstr (haystack, needle) == NULL)
    g_error ("“%s” not found in:\n%s", needle, haystack != NULL ? haystack : "(null)");
}

/* The real order36 rule set under another id and version. */
static char *
write_rule_set (Fixture    *fx,
                const char *version)
{
  g_autofree char *src = g_build_filename (source_root, "data", "rules",
                                           "cn-national-order36.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autofree char *version_line = g_strdup_printf ("\"version\": \"%s\"", version);
  g_autofree char *name = g_strdup_printf ("test-rules-%s.json", version);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fx->tmp, name, NULL);

  g_file_get_contents (src, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_string_replace (text, "\"id\": \"cn-national-order36\"", "\"id\": \"test-rules\"", 1);
  g_string_replace (text, "\"version\": \"2026.2\"", version_line, 1);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

/* Serves the files of out_dir, typed as nginx's mime.types would. */
static void
dir_handler (CrTestServer      *server,
             SoupServerMessage *msg,
             const char        *path,
             gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autofree char *file = g_build_filename (fx->out_dir, path, NULL);
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (strstr (path, "..") != NULL || !g_file_get_contents (file, &contents, &len, NULL))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  /* An ETag as static servers give, to allow revalidation. */
  {
    g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, len);
    g_autofree char *etag = g_strdup_printf ("\"%.16s\"", sha);
    SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);

    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
    if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
      {
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
        return;
      }
  }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg,
                                    g_str_has_suffix (path, ".json")
                                    ? "application/json" : "application/octet-stream",
                                    SOUP_MEMORY_COPY, contents, len);
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrSecretKey) key = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (key);
  g_autofree char *plain = cr_secret_key_to_string (key, NULL, 0, 0);
  g_autofree char *enc = cr_secret_key_to_string (key, "open sesame", 32768, 8 * 1024 * 1024);
  g_autofree char *pub = cr_public_key_to_string (pk);

  fx->tmp = g_dir_make_tmp ("cr-cli-rules-XXXXXX", &error);
  g_assert_no_error (error);
  fx->out_dir = g_build_filename (fx->tmp, "site", NULL);
  fx->cache_dir = g_build_filename (fx->tmp, "cache", NULL);
  fx->key_path = g_build_filename (fx->tmp, "k.key", NULL);
  fx->enc_key_path = g_build_filename (fx->tmp, "enc.key", NULL);
  fx->pub_path = g_build_filename (fx->tmp, "k.pub", NULL);
  g_file_set_contents (fx->key_path, plain, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->enc_key_path, enc, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (fx->pub_path, pub, -1, &error);
  g_assert_no_error (error);

  fx->rules_2026_1 = write_rule_set (fx, "2026.1");
  fx->rules_2026_2 = write_rule_set (fx, "2026.2");
  fx->rules_2025_1 = write_rule_set (fx, "2025.1");

  fx->server = cr_test_server_new ();
  cr_test_server_add_handler (fx->server, "/", dir_handler, fx);
}


static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  cr_test_server_free (fx->server);
  cr_test_remove_tree (fx->tmp);
  g_free (fx->tmp);
  g_free (fx->out_dir);
  g_free (fx->cache_dir);
  g_free (fx->key_path);
  g_free (fx->enc_key_path);
  g_free (fx->pub_path);
  g_free (fx->rules_2026_1);
  g_free (fx->rules_2026_2);
  g_free (fx->rules_2025_1);
}

static void
test_publish (Fixture       *fx,
              gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *index = g_build_filename (fx->out_dir, "index.json", NULL);
  g_autofree char *set = g_build_filename (fx->out_dir, "test-rules-2026.1.json", NULL);
  g_autofree char *set_sig = g_build_filename (fx->out_dir, "test-rules-2026.1.json.minisig", NULL);
  g_autofree char *index_text = NULL;
  g_autofree char *minisign = g_find_program_in_path ("minisign");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", "--key", fx->key_path, fx->out_dir,
                                      fx->rules_2026_1), &out, &err), ==, 0);
  assert_contains (out, "Published test-rules version 2026.1 as test-rules-2026.1.json");
  g_assert_true (g_file_test (set, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (set_sig, G_FILE_TEST_EXISTS));
  g_file_get_contents (index, &index_text, NULL, NULL);
  assert_contains (index_text, "\"org.example.CreditRepair.rules-index\"");
  assert_contains (index_text, "\"url\" : \"test-rules-2026.1.json\"");

  /* The folder's signatures are minisign's: the reference tool agrees. */
  if (minisign != NULL)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autoptr(GError) error = NULL;

      proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error, minisign, "-V", "-p", fx->pub_path, "-m", index, NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_wait_check (proc, NULL, &error));
      g_assert_no_error (error);
    }

  /* An older version into the same folder is refused (exit 1). */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", "--key", fx->key_path, fx->out_dir,
                                      fx->rules_2025_1), &out2, &err2), ==, 1);
  assert_contains (err2, "version 2025.1 is older than the published version 2026.1");

  /* An encrypted key reads its password from standard input. */
  g_assert_cmpint (run_cli_in (fx, ARGS ("rules", "publish", "--key", fx->enc_key_path,
                                         fx->out_dir, fx->rules_2026_2),
                               "open sesame\n", NULL, &out3, &err3), ==, 0);
  assert_contains (out3, "Published test-rules version 2026.2");
  g_assert_cmpint (run_cli_in (fx, ARGS ("rules", "publish", "--key", fx->enc_key_path,
                                         fx->out_dir, fx->rules_2026_2),
                               "wrong\n", NULL, &out4, &err4), ==, 2);
  assert_contains (err4, "Wrong password for this secret key");

  /* Not a rule set: an input error naming the file. */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", "--key", fx->key_path, fx->out_dir,
                                      fx->pub_path), &out5, &err5), ==, 2);
  assert_contains (err5, fx->pub_path);
}

static void
test_usage (Fixture       *fx,
            gconstpointer  data)
{
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;

  g_assert_cmpint (run_cli (fx, ARGS ("rules"), &out, &err), ==, 2);
  assert_contains (err, "publish");
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "frob"), &out2, &err2), ==, 2);
  assert_contains (err2, "unknown subcommand “frob”");
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", fx->out_dir, fx->rules_2026_1),
                            &out3, &err3), ==, 2);
  assert_contains (err3, "--key is required");
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", fx->rules_2026_1), &out4, &err4), ==, 2);
  assert_contains (err4, "needs two rule-set files");
}

static void
test_fetch_and_list (Fixture       *fx,
                     gconstpointer  data)
{
  g_autofree char *url = cr_test_server_get_url (fx->server, "/index.json");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *out6 = NULL, *err6 = NULL;
  g_autofree char *out7 = NULL, *err7 = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *line = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "publish", "--key", fx->key_path, fx->out_dir,
                                      fx->rules_2026_1), &out, &err), ==, 0);

  /* Not trusted yet: refused, exit 1, nothing changes. */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--cache-dir", fx->cache_dir, url),
                            &out2, &err2), ==, 1);
  assert_contains (err2, "index.json.minisig: refused: It was signed with key");
  assert_contains (err2, "Nothing was changed; the rule sets in force are still:");
  assert_contains (err2, "cn-national-order36 2026.2 (bundled)");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--trust", fx->pub_path,
                                      "--cache-dir", fx->cache_dir, url), &out3, &err3), ==, 0);
  assert_contains (out3, "Added test-rules version 2026.1, signed by key");
  assert_contains (out3, "test-rules 2026.1 (fetched)");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--trust", fx->pub_path,
                                      "--cache-dir", fx->cache_dir, url), &out4, &err4), ==, 0);
  assert_contains (out4, "The rule sets are up to date (the index has not changed).");

  /* An HTTP address elsewhere is refused before connecting. */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "fetch", "--trust", fx->pub_path,
                                      "--cache-dir", fx->cache_dir,
                                      "http://rules.example.org/index.json"), &out5, &err5), ==, 1);
  assert_contains (err5, "only fetched over HTTPS");
  assert_contains (err5, "test-rules 2026.1 (cached)");

  /* Installed as a package installs them: the same files as built in. */
  {
    g_autofree char *installed = g_build_filename (fx->tmp, "installed", NULL);
    g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "data", "rules",
                                                     "cn-national-order58.json", NULL);
    g_autofree char *copy = g_build_filename (installed, "cn-national-order58.json", NULL);
    g_autofree char *rules = NULL;
    gsize rules_len = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (g_file_get_contents (source, &rules, &rules_len, &error));
    g_assert_cmpint (g_mkdir_with_parents (installed, 0700), ==, 0);
    g_assert_true (g_file_set_contents (copy, rules, rules_len, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "list", "--cache-dir", fx->cache_dir),
                            &out6, &err6), ==, 0);
  g_file_get_contents (fx->rules_2026_1, &contents, &len, NULL);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  line = g_strdup_printf ("test-rules\t2026.1\t2026-04-01…\tcached\t%s\tin force\n", sha);
  assert_contains (out6, line);
  assert_contains (out6, "cn-national-order58\t2023.2\t2023-05-01…2026-03-31\tbundled\t");
  /* The installed copy of a built-in set (CREDIT_REPAIR_RULES_DIR here) is
   * listed once, not once more as the GResource copy. */
  {
    g_auto(GStrv) pieces = g_strsplit (out6, "cn-national-order58\t", -1);

    g_assert_cmpuint (g_strv_length (pieces), ==, 2);
  }
  assert_contains (out6, "That check failed: http://rules.example.org/index.json: ");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "list", "extra"), &out7, &err7), ==, 2);
}

/* Writes a copy of the real order36 rule set as version 2026.3 with known
 * changes, through json-glib. */
static char *
write_changed_rule_set (Fixture *fx)
{
  g_autofree char *src = g_build_filename (source_root, "data", "rules",
                                           "cn-national-order36.json", NULL);
  g_autofree char *path = g_build_filename (fx->tmp, "order36-2026.3.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *rules;
  JsonArray *periods;
  JsonNode *added;
  JsonObject *calendar;
  JsonArray *holidays;
  JsonArray *weekends;

  json_parser_load_from_file (parser, src, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "version", "2026.3");

  /* The next year's New Year holidays arrive; a make-up working Saturday
   * is dropped. */
  calendar = json_object_get_object_member (root, "calendar");
  json_object_set_string_member (calendar, "known_until", "2027-12-31");
  holidays = json_object_get_array_member (calendar, "holidays");
  json_array_add_string_element (holidays, "2027-01-01");
  json_array_add_string_element (holidays, "2027-01-02");
  json_array_add_string_element (holidays, "2027-01-03");
  weekends = json_object_get_array_member (calendar, "working_weekends");
  g_assert_cmpstr (json_array_get_string_element (weekends, json_array_get_length (weekends) - 1),
                   ==, "2026-10-10");
  json_array_remove_element (weekends, json_array_get_length (weekends) - 1);

  rules = json_object_get_array_member (root, "rules");
  for (guint i = json_array_get_length (rules); i > 0; i--)
    {
      JsonObject *rule = json_array_get_object_element (rules, i - 1);
      const char *id = json_object_get_string_member (rule, "id");

      if (g_str_equal (id, "R20-PAYMENT-DATE-MISSING"))
        json_object_set_string_member (rule, "severity", "error");
      else if (g_str_equal (id, "R19-FINE-PAID-FULL"))
        json_object_set_string_member (rule, "severity", "warning");
      else if (g_str_equal (id, "R18-START-36"))
        json_array_remove_element (rules, i - 1);
      else if (g_str_equal (id, "R40-FREE-SERVICE"))
        {
          /* json_node_copy() would share the object: copy it through text. */
          g_autofree char *text = json_to_string (json_array_get_element (rules, i - 1), FALSE);

          added = json_from_string (text, &error);
          g_assert_no_error (error);
          json_object_set_string_member (json_node_get_object (added), "id", "R41-NEW");
          json_array_add_element (rules, added);
        }
    }

  periods = json_object_get_array_member (root, "periods");
  for (guint i = 0; i < json_array_get_length (periods); i++)
    {
      JsonObject *period = json_array_get_object_element (periods, i);

      if (g_str_equal (json_object_get_string_member (period, "id"), "general"))
        {
          json_object_set_int_member (period, "earliest", 6);
          json_object_set_int_member (period, "display_end", 24);
        }
    }

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_diff (Fixture       *fx,
           gconstpointer  data)
{
  g_autofree char *old_path = g_build_filename (source_root, "data", "rules",
                                                "cn-national-order36.json", NULL);
  g_autofree char *older_path = g_build_filename (source_root, "data", "rules",
                                                  "cn-national-order58.json", NULL);
  g_autofree char *new_path = write_changed_rule_set (fx);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autofree char *out3 = NULL, *err3 = NULL;
  g_autofree char *out4 = NULL, *err4 = NULL;
  g_autofree char *out5 = NULL, *err5 = NULL;
  g_autofree char *out6 = NULL, *err6 = NULL;
  g_autofree char *notice_path = g_build_filename (source_root, "data", "rules",
                                                   "cn-national-notice527.json", NULL);
  const char *expected =
    "Rule set cn-national-order36: version 2026.3 replaces version 2026.2.\n"
    "The calendar of public holidays is now known until 2027-12-31 (was until 2026-12-31).\n"
    "3 public holidays added to the calendar: 2027-01-01–2027-01-03.\n"
    "1 weekend day is no longer a working day: 2026-10-10.\n"
    "Rule R19-FINE-PAID-FULL is milder: its findings are now of severity “warning” (was “error”).\n"
    "Rule R20-PAYMENT-DATE-MISSING is stricter: its findings are now of severity “error” "
    "(was “warning”).\n"
    "New rule R41-NEW (information): Credit repair is free of charge: Credit China and the "
    "deciding authorities charge no fee. Be wary of anyone who offers to “delete” records for "
    "money: paid deletion is illegal, and repair only ends the publication.\n"
    "Rule R18-START-36 (warning) was removed: Record …: the draft of Order No. 36 counted the "
    "periods from publication (…), not from the decision; if the final text does so, the "
    "earliest application date is later than ….\n"
    "Period general: repair possible after 6 months (was: repair possible after 3 months).\n"
    "Period general: published for 24 months at most (was 12).\n";

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", old_path, new_path), &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, expected);

  /* In the user's language, rule texts included. */
  g_assert_cmpint (run_cli_in (fx, ARGS ("rules", "diff", old_path, new_path), NULL, "zh_CN",
                               &out5, &err5), ==, 0);
  assert_contains (out5, "规则集 cn-national-order36：版本 2026.3 取代版本 2026.2。\n");
  assert_contains (out5, "规则 R20-PAYMENT-DATE-MISSING 变得更严格：其检查结果的严重程度现为“错误”"
                         "（原为“警告”）。\n");
  assert_contains (out5, "新规则 R41-NEW（提示）：信用修复免费办理");
  assert_contains (out5, "期限 general：最多公示 24 个月（原为 12 个月）。\n");
  assert_contains (out5, "日历新增 3 天节假日：2027-01-01至2027-01-03。\n");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", old_path, old_path), &out2, &err2), ==, 0);
  g_assert_cmpstr (out2, ==, "No changes.\n");

  /* Two real regimes: order58 → order36. */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", older_path, old_path), &out3, &err3), ==, 0);
  assert_contains (out3, "Rule set cn-national-order36 version 2026.2 replaces rule set "
                         "cn-national-order58 version 2023.2.\n");
  assert_contains (out3, "It governs applications with no end date (was until 2026-03-31).\n");
  assert_contains (out3, "Rule R27-IDENTITY (error) was removed: ");
  assert_contains (out3, "The legal representative certificate or power of attorney is no longer "
                         "a required material.\n");
  assert_contains (out3, "New period serious: repair possible after 12 months, counted from the "
                         "decision date; published for 36 months.\n");
  assert_contains (out3, "Period standard was removed.\n");
  /* Both carry the same calendar of working days. */
  g_assert_null (strstr (out3, "calendar"));

  /* notice527 has none; order58 brings it. */
  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", notice_path, older_path), &out6, &err6),
                   ==, 0);
  assert_contains (out6, "Working days are now counted with a calendar of public holidays and "
                         "make-up working days, known from 2025-01-01 until 2026-12-31.\n");
  assert_contains (out6, "61 public holidays added to the calendar: 2025-01-01, "
                         "2025-01-28–2025-02-04, ");
  assert_contains (out6, "11 weekend days made working days: 2025-01-26, 2025-02-08, ");

  g_assert_cmpint (run_cli (fx, ARGS ("rules", "diff", old_path, "/nonexistent.json"),
                            &out4, &err4), ==, 2);
  assert_contains (err4, "/nonexistent.json");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  source_root = g_strdup (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"));
  if (cli_path == NULL || source_root == NULL)
    {
      g_printerr ("CREDIT_REPAIR_CLI and CREDIT_REPAIR_SOURCE_ROOT must be set\n");
      return 1;
    }

#define ADD(path, fn) \
  g_test_add ("/cli-rules/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("publish", test_publish);
  ADD ("usage", test_usage);
  ADD ("fetch-and-list", test_fetch_and_list);
  ADD ("diff", test_diff);

  return g_test_run ();
}
