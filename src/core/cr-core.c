/* cr-core.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "cr-core.h"

/**
 * cr_core_get_version:
 *
 * Returns: the version of the package, as set in meson.build.
 */
const char *
cr_core_get_version (void)
{
  return PACKAGE_VERSION;
}

/**
 * cr_core_init_i18n:
 *
 * Sets the locale from the environment and binds the gettext domain.
 * `CREDIT_REPAIR_LOCALEDIR` overrides the compiled-in locale directory so
 * that uninstalled builds and tests can use the catalogues in the build tree.
 */
void
cr_core_init_i18n (void)
{
  const char *localedir = g_getenv ("CREDIT_REPAIR_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
