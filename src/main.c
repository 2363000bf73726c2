/* main.c: entry point of the Credit Repair window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "cr-core.h"
#include "cr-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CrApplication) app = NULL;

  g_autoptr(GSettingsSchema) schema = NULL;

  cr_core_init_i18n ();

  /* g_settings_new() aborts on a missing schema: say what to do instead. */
  schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                            BASE_APP_ID, TRUE);
  if (schema == NULL)
    {
      g_printerr (_("The settings schema “%s” is not installed. Install the application, "
                    "or run it from the build tree with GSETTINGS_SCHEMA_DIR=<build>/data."),
                  BASE_APP_ID);
      g_printerr ("\n");
      return 1;
    }

  app = cr_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
