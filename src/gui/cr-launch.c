/* cr-launch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-launch.h"

/**
 * cr_launch_uri_async:
 * @widget: (nullable): the widget the request comes from: the launch
 *   happens on its display (startup notification, focus)
 * @uri: what to open: a file:// folder opens the file manager, a help:
 *   URI the help viewer, an https:// address the browser
 *
 * Opens @uri with the desktop's default application for it, without
 * waiting for it. @callback gets a result for cr_launch_uri_finish().
 */
void
cr_launch_uri_async (GtkWidget           *widget,
                     const char          *uri,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GAppLaunchContext) context = NULL;

  g_return_if_fail (widget == NULL || GTK_IS_WIDGET (widget));
  g_return_if_fail (uri != NULL);

  if (widget != NULL)
    context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (
                gtk_widget_get_display (widget)));

  g_app_info_launch_default_for_uri_async (uri, context, NULL, callback, user_data);
}

gboolean
cr_launch_uri_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_app_info_launch_default_for_uri_finish (result, error);
}
