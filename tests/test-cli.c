/* test-cli.c: the command-line tool's entry points and exit statuses
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
test_version (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--version", NULL }, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "credit-repair-cli " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--help", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: credit-repair-cli"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_usage_errors (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  /* No command at all, and an unknown one: exit status 2 with a message. */
  g_assert_cmpint (run_cli ((const char *[]) { NULL }, &out, &err), ==, 2);
  g_assert_true (g_str_has_prefix (err, "Usage: credit-repair-cli"));

  g_assert_cmpint (run_cli ((const char *[]) { "frobnicate", NULL }, &out2, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "unknown command “frobnicate”"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("CREDIT_REPAIR_CLI");
  g_assert_nonnull (cli_path);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);

  return g_test_run ();
}
