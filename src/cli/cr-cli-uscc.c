/* cr-cli-uscc.c: `credit-repair-cli uscc CODE...`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cr-cli-commands.h"
#include "cr-uscc.h"

#define CR_EXIT_OK    0
#define CR_EXIT_NO    1
#define CR_EXIT_USAGE 2

/**
 * cr_cli_uscc:
 *
 * Checks each code argument and prints `CODE<TAB>valid` or
 * `CODE<TAB>invalid<TAB>reason`, CODE being the trimmed, upper-cased form.
 * Standard output is UTF-8 whatever the locale, as scripts expect.
 *
 * Returns: 0 if every code is valid, 1 if any is invalid, 2 on a usage
 * error (no codes, unknown option)
 */
int
cr_cli_uscc (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  g_auto(GStrv) args = NULL;
  gboolean all_valid = TRUE;
  guint first;

  g_return_val_if_fail (argc >= 1, CR_EXIT_USAGE);

  /* The usage line reads "credit-repair-cli uscc [OPTION…] CODE…". */
  prgname = g_strdup_printf ("%s %s", g_get_prgname (), argv[0]);
  g_set_prgname (prgname);

  context = g_option_context_new (_("CODE…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks unified social credit codes by "
                                  "GB 32100 and GB 11714. Each code is trimmed and upper-cased, "
                                  "then printed with “valid”, or “invalid” and the reason.\n\n"
                                  "Exit status: 0 if every code is valid, 1 if any is invalid, "
                                  "2 on a usage error."));

  /* Unknown options are an error here (ignore-unknown-options is off);
   * “--” ends the options. */
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }

  /* GOption keeps “--” when an argument that looks like an option follows
   * it; it is never a code. */
  first = 1;
  if (args[first] != NULL && g_str_equal (args[first], "--"))
    first++;

  if (args[first] == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr (_("%s: no code given"), g_get_prgname ());
      g_printerr ("\n\n%s", help);
      return CR_EXIT_USAGE;
    }

  for (guint i = first; args[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *code = NULL;

      code = cr_uscc_normalize_and_validate (args[i], &local_error);
      if (code != NULL)
        {
          printf ("%s\tvalid\n", code);
        }
      else
        {
          g_autofree char *shown = cr_uscc_normalize (args[i]);

          printf ("%s\tinvalid\t%s\n", shown, local_error->message);
          all_valid = FALSE;
        }
    }

  return all_valid ? CR_EXIT_OK : CR_EXIT_NO;
}
