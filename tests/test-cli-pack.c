/* test-cli-pack.c: `credit-repair-cli pack` and its exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test writes a case like the bundled Wuxi sample (a general fine,
 * paid; ready from 2026-08-12 under the installed order36 rule set) with
 * attachments made by cairo, and runs the real tool on it.
 */

#include "config.h"
#include "cr-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <cairo-pdf.h>

#define READY_ON     "2026-11-27"
#define NOT_READY_ON "2026-06-01"

static const char *cli_path;

typedef struct
{
  char *dir;
  char *case_dir;
  char *case_path;
  char *out_dir;
} Fixture;

static const char *case_json =
  "{\n"
  "  \"format\": \"org.example.CreditRepair.case\",\n"
  "  \"format_version\": 1,\n"
  "  \"company\": {\"name\": \"无锡示例精密机械有限公司\", \"uscc\": \"91320206MA1N2P3Q0J\",\n"
  "              \"legal_representative\": \"张伟\"},\n"
  "  \"applicant\": {\"role\": \"legal_representative\", \"name\": \"张伟\",\n"
  "                \"id_number\": \"32020619800101123X\", \"phone\": \"13800000000\",\n"
  "                \"email\": \"zhangwei@example.com\"},\n"
  "  \"records\": [{\n"
  "    \"id\": \"r1\", \"kind\": \"administrative_penalty\",\n"
  "    \"decision_number\": \"锡惠市监处罚〔2026〕87号\",\n"
  "    \"authority\": \"无锡市惠山区市场监督管理局\",\n"
  "    \"decision_date\": \"2026-05-12\", \"publication_date\": \"2026-05-19\",\n"
  "    \"domain\": \"market_regulation\",\n"
  "    \"penalties\": [{\"type\": \"fine\", \"amount\": \"8000\"}],\n"
  "    \"severity\": \"general\", \"simple_procedure\": false, \"rectification_ordered\": false,\n"
  "    \"performance\": {\"fine_paid_amount\": \"8000\", \"fine_paid_date\": \"2026-05-20\",\n"
  "                    \"rectification_completed\": null}\n"
  "  }],\n"
  "  \"materials\": [\n"
  "    {\"slot\": \"identity_proof\", \"record\": null, \"path\": \"attachments/id-proof.pdf\"},\n"
  "    {\"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"attachments/receipt.pdf\"},\n"
  "    {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"attachments/@COMMITMENT@\"}\n"
  "  ]\n"
  "}\n";

static void
make_pdf (const char *path,
          int         n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_rectangle (cr, 72, 72 + 20 * i, 300, 40);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
write_case (Fixture    *fixture,
            const char *commitment)
{
  g_autoptr(GString) json = g_string_new (case_json);
  g_autoptr(GError) error = NULL;

  g_string_replace (json, "@COMMITMENT@", commitment, 1);
  g_file_set_contents (fixture->case_path, json->str, json->len, &error);
  g_assert_no_error (error);
}

static char *
in_case (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->case_dir, name, NULL);
}

static char *
in_out (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->out_dir, name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *attachments = NULL;
  const char *names[] = { "id-proof.pdf", "receipt.pdf", "commitment-r1.pdf" };

  fixture->dir = g_dir_make_tmp ("cr-cli-pack-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->case_dir = g_build_filename (fixture->dir, "wuxi", NULL);
  fixture->case_path = g_build_filename (fixture->case_dir, "case.json", NULL);
  fixture->out_dir = g_build_filename (fixture->dir, "out", NULL);
  attachments = g_build_filename (fixture->case_dir, "attachments", NULL);
  g_assert_cmpint (g_mkdir_with_parents (attachments, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->out_dir, 0755), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_build_filename ("attachments", names[i], NULL);
      g_autofree char *path = in_case (fixture, name);

      make_pdf (path, i + 1);
    }
  write_case (fixture, "commitment-r1.pdf");
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->case_dir);
  g_free (fixture->case_path);
  g_free (fixture->out_dir);
}

/* Runs the tool in @cwd with @args (and @env_pairs "NAME", "VALUE" …
 * added to the environment); returns the exit status. */
static int
run_cli (const char          *cwd,
         const char * const  *env_pairs,
         const char * const  *args,
         char               **out,
         char               **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cwd);
  for (guint i = 0; env_pairs != NULL && env_pairs[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env_pairs[i], env_pairs[i + 1], TRUE);

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "pack");
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

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* name → content of every entry, and the names in order */
static GHashTable *
read_zip (const char  *path,
          GPtrArray  **names)
{
  GHashTable *entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  *names = g_ptr_array_new_with_free_func (g_free);
  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 16384), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) content = g_byte_array_new ();
      guint8 buffer[8192];
      la_ssize_t n;

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (content, buffer, n);
      g_assert_cmpint (n, ==, 0);
      g_ptr_array_add (*names, g_strdup (archive_entry_pathname_utf8 (entry)));
      g_hash_table_insert (entries, g_strdup (archive_entry_pathname_utf8 (entry)),
                           g_byte_array_free_to_bytes (g_steal_pointer (&content)));
    }
  archive_read_free (archive);

  return entries;
}

static JsonObject *
manifest_of (GHashTable *entries)
{
  GBytes *bytes = g_hash_table_lookup (entries, "manifest.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (bytes);
  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                              &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (listing);
  while (g_dir_read_name (listing) != NULL)
    n++;
  return n;
}

static void
test_pack_ready (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "wuxi.zip");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  const char *args[] = { "--on", READY_ON, "-o", zip, "case.json", NULL };
  static const char *expected[] = {
    "commitment-r1-1.pdf", "identity_proof-1.pdf", "payment_proof-r1-1.pdf",
    "portal-values.html", "portal-values.txt", "manifest.json",
  };
  JsonArray *files;
  GBytes *text;

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out, &err), ==, 0);
  g_assert_true (g_file_test (zip, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (out, "wuxi.zip"));
  g_assert_nonnull (strstr (out, "commitment-r1-1.pdf ← attachments/commitment-r1.pdf"));
  g_assert_cmpuint (count_entries (fixture->out_dir), ==, 1);
  /* the ID number is never printed */
  g_assert_null (strstr (out, "32020619800101123X"));
  g_assert_null (strstr (err, "32020619800101123X"));

  entries = read_zip (zip, &names);
  g_assert_cmpuint (names->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, expected[i]);

  manifest = manifest_of (entries);
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==,
                   "org.example.CreditRepair.package");
  g_assert_cmpstr (json_object_get_string_member (manifest, "on"), ==, READY_ON);
  g_assert_cmpstr (json_object_get_string_member (manifest, "regime"), ==, "order36");
  g_assert_true (json_object_get_boolean_member (manifest, "ready"));
  g_assert_nonnull (json_object_get_object_member (manifest, "ruleset"));
  files = json_object_get_array_member (manifest, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      const char *name = json_object_get_string_member (file, "name");
      GBytes *content = g_hash_table_lookup (entries, name);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);

      g_assert_cmpstr (json_object_get_string_member (file, "sha256"), ==, sum);
      g_assert_cmpint (json_object_get_int_member (file, "size"), ==, g_bytes_get_size (content));
    }

  text = g_hash_table_lookup (entries, "portal-values.txt");
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                                  "**************123X"));
  g_assert_null (g_strstr_len (g_bytes_get_data (text, NULL), g_bytes_get_size (text),
                               "32020619800101123X"));
}

static void
test_pack_deterministic (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *a = in_out (fixture, "a.zip");
  g_autofree char *b = in_out (fixture, "b.zip");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autoptr(GBytes) bytes_a = NULL, bytes_b = NULL;
  const char *args_a[] = { "--on", READY_ON, "-o", a, "case.json", NULL };
  const char *args_b[] = { "--on", READY_ON, "-o", b, fixture->case_path, NULL };
  const char *env_a[] = { "TZ", "UTC", NULL };
  const char *env_b[] = { "TZ", "Asia/Shanghai", "LC_ALL", "C", NULL };

  g_assert_cmpint (run_cli (fixture->case_dir, env_a, args_a, &out, &err), ==, 0);
  /* another time zone, another locale charset, another working
   * directory, the case given by its absolute path */
  g_assert_cmpint (run_cli (fixture->dir, env_b, args_b, &out2, &err2), ==, 0);

  bytes_a = read_bytes (a);
  bytes_b = read_bytes (b);
  g_assert_true (g_bytes_equal (bytes_a, bytes_b));
}

static void
test_pack_not_ready (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "early.zip");
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  g_autoptr(GHashTable) entries = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  const char *args[] = { "--on", NOT_READY_ON, "-o", zip, "case.json", NULL };
  const char *forced[] = { "--on", NOT_READY_ON, "--force", "-o", zip, "case.json", NULL };

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out, &err), ==, 1);
  g_assert_false (g_file_test (zip, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_entries (fixture->out_dir), ==, 0);
  g_assert_nonnull (strstr (err, "not ready"));
  g_assert_nonnull (strstr (err, "error"));
  g_assert_cmpstr (out, ==, "");

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, forced, &out2, &err2), ==, 0);
  g_assert_true (g_file_test (zip, G_FILE_TEST_IS_REGULAR));
  entries = read_zip (zip, &names);
  manifest = manifest_of (entries);
  g_assert_false (json_object_get_boolean_member (manifest, "ready"));
  g_assert_true (json_object_get_boolean_member (manifest, "forced"));
}

static void
test_pack_bad_material (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "bad.zip");
  g_autofree char *empty = in_case (fixture, "attachments/empty.pdf");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--on", READY_ON, "-o", zip, "case.json", NULL };
  g_autoptr(GError) error = NULL;

  /* An empty commitment: the case is not ready, the file is named. */
  g_file_set_contents (empty, "", 0, &error);
  g_assert_no_error (error);
  write_case (fixture, "empty.pdf");

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "attachments/empty.pdf"));
  g_assert_nonnull (strstr (err, "material-empty"));
  g_assert_cmpuint (count_entries (fixture->out_dir), ==, 0);
}

static void
test_pack_missing_material (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "missing.zip");
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--on", READY_ON, "--force", "-o", zip, "case.json", NULL };

  write_case (fixture, "lost.pdf");

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "attachments/lost.pdf"));
  g_assert_nonnull (strstr (err, "does not exist"));
  g_assert_cmpuint (count_entries (fixture->out_dir), ==, 0);
}

static void
test_pack_usage (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "x.zip");
  g_autofree char *broken = in_case (fixture, "broken.json");
  g_autoptr(GError) error = NULL;
  const char *no_output[] = { "--on", READY_ON, "case.json", NULL };
  const char *no_case[] = { "-o", zip, NULL };
  const char *two_cases[] = { "-o", zip, "case.json", "case.json", NULL };
  const char *bad_option[] = { "--frobnicate", "-o", zip, "case.json", NULL };
  const char *bad_date[] = { "--on", "2026-02-30", "-o", zip, "case.json", NULL };
  const char *no_such_case[] = { "-o", zip, "nowhere.json", NULL };
  const char *broken_case[] = { "-o", zip, "broken.json", NULL };
  const char *no_such_rules[] = { "--rules", "nowhere-rules.json", "-o", zip, "case.json", NULL };
  const char * const *all[] = {
    no_output, no_case, two_cases, bad_option, bad_date, no_such_case, broken_case,
    no_such_rules,
  };
  const char *named[] = {
    "-o", "no case", "exactly one", "frobnicate", "2026-02-30", "nowhere.json", "broken.json",
    "nowhere-rules.json",
  };

  g_file_set_contents (broken, "{\"format\": \"org.example.CreditRepair.case\", "
                               "\"format_version\": 1, \"company\": 7}", -1, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run_cli (fixture->case_dir, NULL, all[i], &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, named[i]));
      g_assert_cmpuint (count_entries (fixture->out_dir), ==, 0);
    }
}

static void
test_pack_rules_and_folder (Fixture       *fixture,
                            gconstpointer  user_data)
{
  const char *root = g_getenv ("CREDIT_REPAIR_SOURCE_ROOT");
  g_autofree char *rules = NULL;
  g_autofree char *folder = in_out (fixture, "upload");
  g_autofree char *manifest_path = g_build_filename (folder, "manifest.json", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *out2 = NULL, *err2 = NULL;
  const char *args[] = { "--on", READY_ON, "--folder", "--rules", NULL, "-o", folder,
                         "case.json", NULL };

  if (root == NULL)
    {
      g_test_skip ("CREDIT_REPAIR_SOURCE_ROOT is not set");
      return;
    }
  rules = g_build_filename (root, "data", "rules", "cn-national-order36.json", NULL);
  args[4] = rules;

  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out, &err), ==, 0);
  g_assert_true (g_file_test (manifest_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (folder), ==, 6);

  /* the folder exists now: refused, an input error */
  g_assert_cmpint (run_cli (fixture->case_dir, NULL, args, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "upload"));
  g_assert_cmpuint (count_entries (fixture->out_dir), ==, 1);
}

static void
test_help (void)
{
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "--help", NULL };

  g_assert_cmpint (run_cli (".", NULL, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--force"));
  g_assert_nonnull (strstr (out, "--rules"));
  g_assert_nonnull (strstr (out, "-o"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  if (cli_path == NULL)
    {
      g_printerr ("CREDIT_REPAIR_CLI is not set\n");
      return 1;
    }

  g_test_add_func ("/cli-pack/help", test_help);

#define ADD(path, func) \
  g_test_add ("/cli-pack/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("ready", test_pack_ready);
  ADD ("deterministic", test_pack_deterministic);
  ADD ("not-ready", test_pack_not_ready);
  ADD ("bad-material", test_pack_bad_material);
  ADD ("missing-material", test_pack_missing_material);
  ADD ("usage", test_pack_usage);
  ADD ("rules-and-folder", test_pack_rules_and_folder);

#undef ADD

  return g_test_run ();
}
