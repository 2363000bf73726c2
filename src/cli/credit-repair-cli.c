/* credit-repair-cli.c: the command-line tool, a thin layer over the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit statuses follow spec/cli.md: 0 success, 1 the answer is "no",
 * 2 usage or input error.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "cr-cli-commands.h"
#include "cr-core.h"

#define CR_EXIT_OK    0
#define CR_EXIT_NO    1
#define CR_EXIT_USAGE 2

typedef int (*CrCliCommandFunc) (int argc, char **argv);

typedef struct
{
  const char       *name;
  CrCliCommandFunc  func;
  const char       *summary; /* translatable, marked with N_() */
} CrCliCommand;

static int print_usage (FILE *stream);

static const CrCliCommand commands[] = {
  { "check", cr_cli_check, N_("Check cases against the rules in force") },
  { "pack", cr_cli_pack, N_("Build the submission package of a case") },
  { "rules", cr_cli_rules, N_("List, fetch, compare and publish rule sets") },
  { "uscc", cr_cli_uscc, N_("Check unified social credit codes") },
  { NULL, NULL, NULL },
};

static int
print_usage (FILE *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Usage: %s [--version] [--help] COMMAND [ARGS…]"),
                          g_get_prgname ());
  g_string_append (text, "\n\n");
  g_string_append (text, _("Checks, explains and packs credit-repair applications for "
                           "administrative-penalty records on Credit China."));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Commands:"));
  g_string_append_c (text, '\n');
  for (guint i = 0; commands[i].name != NULL; i++)
    g_string_append_printf (text, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Run “%s COMMAND --help” for the options of a command."),
                          g_get_prgname ());
  g_string_append_c (text, '\n');

  fputs (text->str, stream);
  return stream == stdout ? CR_EXIT_OK : CR_EXIT_USAGE;
}

int
main (int   argc,
      char *argv[])
{
  const char *name;

  cr_core_init_i18n ();
  g_set_prgname ("credit-repair-cli");

  if (argc < 2)
    return print_usage (stderr);

  name = argv[1];

  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      g_print ("credit-repair-cli %s\n", cr_core_get_version ());
      return CR_EXIT_OK;
    }

  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    return print_usage (stdout);

  for (guint i = 0; commands[i].name != NULL; i++)
    {
      if (g_str_equal (name, commands[i].name))
        return commands[i].func (argc - 1, argv + 1);
    }

  g_printerr (_("%s: unknown command “%s”"), g_get_prgname (), name);
  g_printerr ("\n");
  print_usage (stderr);
  return CR_EXIT_USAGE;
}
