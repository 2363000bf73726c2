/* test-cli-uscc.c: `credit-repair-cli uscc`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

static const char *cli_path;

/* Runs the tool with @args and returns its exit status; stdout and stderr
 * are returned in @out and @err. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  proc = g_subprocess_newv ((const char * const *) argv->pdata,
                            G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));

  return g_subprocess_get_exit_status (proc);
}

static void
test_all_valid (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "uscc", "91320206MA1N2P3Q0J", "  92320206ma20kl4w41 ",
                         "９１３５０１００Ｍ０００１００Ｙ４３", NULL };

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  /* One line per code, in order, each trimmed and upper-cased. */
  g_assert_cmpstr (out, ==,
                   "91320206MA1N2P3Q0J\tvalid\n"
                   "92320206MA20KL4W41\tvalid\n"
                   "91350100M000100Y43\tvalid\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_some_invalid (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;
  const char *args[] = { "uscc", "91320206MA1N2P3Q0J", "91350100m000100y4z", "123", NULL };

  g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);  /* three lines and the empty tail */
  g_assert_cmpstr (lines[0], ==, "91320206MA1N2P3Q0J\tvalid");

  fields = g_strsplit (lines[1], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  g_assert_cmpstr (fields[0], ==, "91350100M000100Y4Z");
  g_assert_cmpstr (fields[1], ==, "invalid");
  g_assert_nonnull (strstr (fields[2], "should be “3”"));
  g_clear_pointer (&fields, g_strfreev);

  fields = g_strsplit (lines[2], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  g_assert_cmpstr (fields[0], ==, "123");
  g_assert_cmpstr (fields[1], ==, "invalid");
  g_assert_nonnull (strstr (fields[2], "18"));
  g_assert_cmpstr (lines[3], ==, "");
}

static void
test_options_end (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* After “--” everything is a code, even if it looks like an option. */
  g_assert_cmpint (run_cli ((const char *[]) { "uscc", "--", "-x", NULL }, &out, &err), ==, 1);
  g_assert_true (g_str_has_prefix (out, "-X\tinvalid\t"));
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "uscc", NULL }, &out, &err), ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "no code given"));

  g_assert_cmpint (run_cli ((const char *[]) { "uscc", "--frobnicate", "91320206MA1N2P3Q0J",
                                               NULL }, &out2, &err2), ==, 2);
  g_assert_cmpstr (out2, ==, "");
  g_assert_nonnull (strstr (err2, "--frobnicate"));
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "uscc", "--help", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "credit-repair-cli uscc"));
  g_assert_nonnull (strstr (out, "CODE"));
  g_assert_cmpstr (err, ==, "");

  /* The command is listed in the tool's own help. */
  g_assert_cmpint (run_cli ((const char *[]) { "--help", NULL }, &out2, &err2), ==, 0);
  g_assert_nonnull (strstr (out2, "uscc"));
  g_assert_nonnull (strstr (out2, "Check unified social credit codes"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  g_assert_nonnull (cli_path);

  g_test_add_func ("/cli/uscc/all-valid", test_all_valid);
  g_test_add_func ("/cli/uscc/some-invalid", test_some_invalid);
  g_test_add_func ("/cli/uscc/options-end", test_options_end);
  g_test_add_func ("/cli/uscc/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/uscc/help", test_help);

  return g_test_run ();
}
