/* check-baseline.c: the floor for bench/check — parse case files with
 * json-glib and nothing else
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: check-baseline CASE.json…
 * Reads and parses every file the way the case reader does
 * (json_parser_new_immutable), prints how many parsed, and exits 0. This is
 * what `credit-repair-cli check --json` costs at the very least.
 */

#include <json-glib/json-glib.h>
#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  guint parsed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;

      if (!json_parser_load_from_file (parser, argv[i], &error))
        {
          fprintf (stderr, "%s: %s\n", argv[i], error->message);
          return 2;
        }
      if (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        parsed++;
    }

  printf ("%u\n", parsed);
  return 0;
}
