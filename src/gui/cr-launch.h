/* cr-launch.h: opening a URI in the application the desktop prefers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     cr_launch_uri_async  (GtkWidget            *widget,
                               const char           *uri,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data);
gboolean cr_launch_uri_finish (GAsyncResult         *result,
                               GError              **error);

G_END_DECLS
