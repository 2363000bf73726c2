/* test-cli-check.c: `credit-repair-cli check`, its output and exit statuses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"
#include "cr-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

static const char *cli_path;
static char *work_dir;

/* Runs `credit-repair-cli check ARGS…` with an empty rule cache and returns
 * its exit status; stdout and stderr are returned in @out and @err. */
static int
run_check (const char * const *args,
           char              **out,
           char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_build_filename (work_dir, "cache", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* Never the user's fetched rule sets. */
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", cache, TRUE);

  g_ptr_array_add (argv, (gpointer) cli_path);
  g_ptr_array_add (argv, (gpointer) "check");
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

static char *
write_case (const char *name,
            const char *contents)
{
  g_autofree char *dir = g_build_filename (work_dir, name, NULL);
  char *path = g_build_filename (dir, "case.json", NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A case decided on 2026-05-12 under order36: general, fine paid. */
static char *
case_json (const char *severity,
           gboolean    with_commitment)
{
  return g_strdup_printf (
    "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
    " \"company\": {\"name\": \"无锡示例精密机械有限公司\", \"uscc\": \"91320206MA1N2P3Q0J\"},"
    " \"applicant\": {\"role\": \"legal_representative\", \"name\": \"张伟\"},"
    " \"records\": [{\"id\": \"r1\", \"kind\": \"administrative_penalty\","
    "   \"decision_number\": \"锡惠市监处罚〔2026〕87号\", \"authority\": \"无锡市惠山区市场监督管理局\","
    "   \"decision_date\": \"2026-05-12\", \"publication_date\": null, \"domain\": \"market_regulation\","
    "   \"penalties\": [{\"type\": \"fine\", \"amount\": \"8000\"}], \"severity\": %s,"
    "   \"simple_procedure\": false, \"rectification_ordered\": false,"
    "   \"performance\": {\"fine_paid_amount\": \"8000\", \"fine_paid_date\": \"2026-05-20\","
    "                     \"rectification_completed\": null}}],"
    " \"materials\": [{\"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"receipt.pdf\"}%s]}",
    severity,
    with_commitment ? ", {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"c.pdf\"}" : "");
}

static JsonObject *
parse_line (const char *line,
            JsonNode  **keep)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  *keep = json_node_ref (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*keep));
  return json_node_get_object (*keep);
}

static void
assert_keys (JsonObject          *object,
             const char * const  *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!json_object_has_member (object, keys[i]))
        g_error ("key “%s” missing", keys[i]);
    }
}

static void
test_ready (void)
{
  g_autofree char *text = case_json ("\"general\"", TRUE);
  g_autofree char *path = write_case ("ready", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  JsonObject *root;

  g_assert_cmpint (run_check ((const char *[]) { "--on", "2026-11-27", "--json", path, NULL },
                              &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* Exactly one line. */
  g_assert_true (g_str_has_suffix (out, "}\n"));
  g_assert_true (strchr (out, '\n') == out + strlen (out) - 1);

  root = parse_line (out, &keep);
  g_assert_cmpstr (json_object_get_string_member (root, "case"), ==, path);
  g_assert_cmpstr (json_object_get_string_member (root, "on"), ==, "2026-11-27");
  g_assert_cmpstr (json_object_get_string_member (root, "regime"), ==, "order36");
  g_assert_true (json_object_get_boolean_member (root, "ready"));
}

static void
test_json_shape (void)
{
  g_autofree char *text = case_json ("\"general\"", FALSE);
  g_autofree char *path = write_case ("shape", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) keep = NULL;
  static const char * const top_keys[] = {
    "case", "on", "regime", "ruleset", "ready", "records", "findings", NULL
  };
  static const char * const ruleset_keys[] = { "id", "version", "sha256", NULL };
  static const char * const record_keys[] = {
    "id", "decision_number", "severity", "status", "earliest_application_date",
    "display_end_date", "required_slots", NULL
  };
  static const char * const finding_keys[] = {
    "rule", "severity", "record", "slot", "field", "message", "basis", NULL
  };
  JsonObject *root, *ruleset, *record;
  JsonArray *findings, *slots;
  gboolean found_missing_commitment = FALSE;

  /* 2026-07-01: before the earliest application date (2026-08-12). */
  g_assert_cmpint (run_check ((const char *[]) { "--json", "--on", "2026-07-01", path, NULL },
                              &out, &err), ==, 1);
  root = parse_line (out, &keep);
  assert_keys (root, top_keys);
  g_assert_false (json_object_get_boolean_member (root, "ready"));

  ruleset = json_object_get_object_member (root, "ruleset");
  assert_keys (ruleset, ruleset_keys);
  g_assert_cmpstr (json_object_get_string_member (ruleset, "id"), ==, "cn-national-order36");
  g_assert_cmpstr (json_object_get_string_member (ruleset, "version"), ==, "2026.2");
  g_assert_cmpuint (strlen (json_object_get_string_member (ruleset, "sha256")), ==, 64);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "records")), ==, 1);
  record = json_array_get_object_element (json_object_get_array_member (root, "records"), 0);
  assert_keys (record, record_keys);
  g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, "r1");
  g_assert_cmpstr (json_object_get_string_member (record, "decision_number"), ==, "锡惠市监处罚〔2026〕87号");
  g_assert_cmpstr (json_object_get_string_member (record, "severity"), ==, "general");
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "not_yet_eligible");
  g_assert_cmpstr (json_object_get_string_member (record, "earliest_application_date"), ==, "2026-08-12");
  g_assert_cmpstr (json_object_get_string_member (record, "display_end_date"), ==, "2027-05-12");
  slots = json_object_get_array_member (record, "required_slots");
  g_assert_cmpuint (json_array_get_length (slots), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (slots, 0), ==, "commitment");
  g_assert_cmpstr (json_array_get_string_element (slots, 1), ==, "payment_proof");

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), >, 0);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *severity = json_object_get_string_member (finding, "severity");

      assert_keys (finding, finding_keys);
      g_assert_true (g_str_equal (severity, "error") || g_str_equal (severity, "warning") ||
                     g_str_equal (severity, "info"));
      g_assert_nonnull (json_object_get_string_member (finding, "message"));
      g_assert_nonnull (json_object_get_string_member (finding, "basis"));
      if (g_strcmp0 (json_object_get_string_member (finding, "rule"), "R25-COMMITMENT") == 0)
        {
          found_missing_commitment = TRUE;
          g_assert_cmpstr (json_object_get_string_member (finding, "record"), ==, "r1");
          g_assert_cmpstr (json_object_get_string_member (finding, "slot"), ==, "commitment");
          g_assert_true (json_object_get_null_member (finding, "field"));
        }
      if (g_strcmp0 (json_object_get_string_member (finding, "rule"), "R11-MIN-PERIOD") == 0)
        g_assert_cmpstr (json_object_get_string_member (finding, "field"), ==, "/records/0/decision_date");
    }
  g_assert_true (found_missing_commitment);
}

static void
test_text_output (void)
{
  g_autofree char *text = case_json ("\"general\"", FALSE);
  g_autofree char *path = write_case ("text", text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check ((const char *[]) { "--on", "2026-07-01", path, NULL }, &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (out, path));
  g_assert_nonnull (strstr (out, "Not ready to apply on 2026-07-01"));
  g_assert_nonnull (strstr (out, "Record r1 — 锡惠市监处罚〔2026〕87号 — class: general"));
  g_assert_nonnull (strstr (out, "Status: Not yet eligible"));
  g_assert_nonnull (strstr (out, "Earliest application: 2026-08-12"));
  g_assert_nonnull (strstr (out, "End of publication: 2027-05-12"));
  g_assert_nonnull (strstr (out, "Required materials: credit repair commitment, proof of payment"));
  g_assert_nonnull (strstr (out, "[R25-COMMITMENT]"));
  g_assert_nonnull (strstr (out, "Basis: 国办发〔2025〕22号"));
}

static void
test_exit_statuses (void)
{
  g_autofree char *ready_text = case_json ("\"general\"", TRUE);
  g_autofree char *ready = write_case ("mixed-ready", ready_text);
  g_autofree char *blocked_text = case_json ("null", TRUE);
  g_autofree char *blocked = write_case ("mixed-blocked", blocked_text);
  g_autofree char *malformed = write_case ("malformed", "{\"format\": ");
  g_autofree char *invalid_text = case_json ("\"grave\"", TRUE);
  g_autofree char *invalid = write_case ("invalid", invalid_text);
  g_autofree char *missing = g_build_filename (work_dir, "nowhere", "case.json", NULL);
  const struct
  {
    const char *args[6];
    int         status;
    const char *err;    /* expected in stderr, or NULL */
  } runs[] = {
    { { "--on", "2026-11-27", ready, NULL }, 0, NULL },
    { { "--on", "2026-11-27", ready, blocked, NULL }, 1, NULL },
    { { "--on", "2026-11-27", ready, blocked, missing, NULL }, 2, "nowhere" },
    { { "--on", "2026-11-27", malformed, NULL }, 2, "malformed" },
    { { "--on", "2026-11-27", invalid, NULL }, 2, "/records/0/severity" },
    { { "--on", "2019-06-30", ready, NULL }, 2, "2019-07-01" },
    { { "--on", "2026-02-30", ready, NULL }, 2, "--on" },
    { { "--colour", ready, NULL }, 2, "--colour" },
    { { "--on", "2026-11-27", NULL }, 2, "no case given" },
    { { "--rules", missing, ready, NULL }, 2, "nowhere" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = run_check (runs[i].args, &out, &err);

      if (status != runs[i].status)
        g_error ("run %u: exit status %d, expected %d; stderr: %s", i, status, runs[i].status, err);
      if (runs[i].err != NULL && strstr (err, runs[i].err) == NULL)
        g_error ("run %u: “%s” not in stderr: %s", i, runs[i].err, err);
    }
}

static void
test_unreadable_gets_its_line (void)
{
  g_autofree char *ready_text = case_json ("\"general\"", TRUE);
  g_autofree char *ready = write_case ("line-ready", ready_text);
  g_autofree char *missing = g_build_filename (work_dir, "nowhere", "case.json", NULL);
  g_autofree char *invalid_text = case_json ("\"grave\"", TRUE);
  g_autofree char *invalid = write_case ("line-invalid", invalid_text);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonNode) keep0 = NULL;
  g_autoptr(JsonNode) keep1 = NULL;
  g_autoptr(JsonNode) keep2 = NULL;
  JsonObject *line;

  g_assert_cmpint (run_check ((const char *[]) { "--json", "--on", "2026-11-27", missing, ready,
                                                 invalid, NULL }, &out, &err), ==, 2);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_cmpstr (lines[3], ==, "");

  line = parse_line (lines[0], &keep0);
  g_assert_cmpstr (json_object_get_string_member (line, "case"), ==, missing);
  g_assert_cmpstr (json_object_get_string_member (line, "on"), ==, "2026-11-27");
  g_assert_nonnull (json_object_get_string_member (line, "error"));
  g_assert_false (json_object_has_member (line, "ready"));

  line = parse_line (lines[1], &keep1);
  g_assert_true (json_object_get_boolean_member (line, "ready"));

  line = parse_line (lines[2], &keep2);
  g_assert_cmpstr (json_object_get_string_member (line, "case"), ==, invalid);
  /* The message names the JSON pointer. */
  g_assert_nonnull (strstr (json_object_get_string_member (line, "error"), "/records/0/severity"));

  /* Standard error names the files. */
  g_assert_nonnull (strstr (err, missing));
  g_assert_nonnull (strstr (err, invalid));
}

static void
test_rules_option (void)
{
  g_autofree char *text = case_json ("\"general\"", TRUE);
  g_autofree char *path = write_case ("rules", text);
  g_autofree char *overlay_path = g_build_filename (work_dir, "overlay.json", NULL);
  g_autofree char *bad_path = g_build_filename (work_dir, "loosen.json", NULL);
  /* An overlay of order36 that waits six months for general records. */
  const char *overlay =
    "{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1,"
    " \"id\": \"test-js-order36\", \"version\": \"1\", \"extends\": \"cn-national-order36\","
    " \"jurisdiction\": \"CN-JS\", \"valid_from\": \"2026-04-01\", \"valid_until\": null,"
    " \"title\": {\"en\": \"Jiangsu\", \"zh_CN\": \"江苏\"},"
    " \"periods\": [{\"id\": \"general\", \"earliest\": 6}]}";
  const char *loosen =
    "{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1,"
    " \"id\": \"test-js-order36\", \"version\": \"1\", \"extends\": \"cn-national-order36\","
    " \"jurisdiction\": \"CN-JS\", \"valid_from\": \"2026-04-01\", \"valid_until\": null,"
    " \"title\": {\"en\": \"Jiangsu\", \"zh_CN\": \"江苏\"},"
    " \"rules\": [{\"id\": \"R25-COMMITMENT\", \"severity\": \"warning\"}]}";
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;
  g_autofree char *out3 = NULL;
  g_autofree char *err3 = NULL;
  g_autoptr(JsonNode) keep = NULL;
  g_autoptr(JsonNode) keep3 = NULL;
  JsonObject *root, *record;

  g_assert_true (g_file_set_contents (overlay_path, overlay, -1, NULL));
  g_assert_true (g_file_set_contents (bad_path, loosen, -1, NULL));

  g_assert_cmpint (run_check ((const char *[]) { "--json", "--on", "2026-09-01", "--rules",
                                                 overlay_path, path, NULL }, &out, &err), ==, 1);
  root = parse_line (out, &keep);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "ruleset"), "id"),
                   ==, "test-js-order36");
  g_assert_cmpstr (json_object_get_string_member (root, "regime"), ==, "order36");
  record = json_array_get_object_element (json_object_get_array_member (root, "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "earliest_application_date"), ==, "2026-11-12");

  /* Loosening an error is refused when the file is loaded: exit 2. */
  g_assert_cmpint (run_check ((const char *[]) { "--json", "--on", "2026-09-01", "--rules",
                                                 bad_path, path, NULL }, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "R25-COMMITMENT"));
  g_assert_nonnull (strstr (err2, "/rules/0/severity"));

  /* The explicit rule set must cover the date. */
  g_assert_cmpint (run_check ((const char *[]) { "--json", "--on", "2026-03-01", "--rules",
                                                 overlay_path, path, NULL }, &out3, &err3), ==, 2);
  root = parse_line (out3, &keep3);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "error"), "test-js-order36"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check ((const char *[]) { "--help", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "--on=DATE"));
  g_assert_nonnull (strstr (out, "--rules=FILE"));
  g_assert_nonnull (strstr (out, "--json"));
}


int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  g_assert_nonnull (cli_path);
  work_dir = g_dir_make_tmp ("cr-cli-check-XXXXXX", NULL);
  g_assert_nonnull (work_dir);

  g_test_add_func ("/cli/check/ready", test_ready);
  g_test_add_func ("/cli/check/json-shape", test_json_shape);
  g_test_add_func ("/cli/check/text-output", test_text_output);
  g_test_add_func ("/cli/check/exit-statuses", test_exit_statuses);
  g_test_add_func ("/cli/check/unreadable-gets-its-line", test_unreadable_gets_its_line);
  g_test_add_func ("/cli/check/rules-option", test_rules_option);
  g_test_add_func ("/cli/check/help", test_help);

  status = g_test_run ();

  cr_test_remove_tree (work_dir);
  g_free (work_dir);
  return status;
}
