/* cr-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-test-ui.h"

gboolean
cr_test_ui_has_display (void)
{
  return g_getenv ("DISPLAY") != NULL || g_getenv ("WAYLAND_DISPLAY") != NULL ||
         g_strcmp0 (g_getenv ("GDK_BACKEND"), "broadway") == 0;
}

void
cr_test_ui_flush_events (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Returns the first visible toplevel of @type, if one is open. */
GtkWindow *
cr_test_ui_find_toplevel (GType type)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }

  return NULL;
}

void
cr_test_ui_close_toplevels (void)
{
  GtkWindow *window;

  while ((window = cr_test_ui_find_toplevel (GTK_TYPE_WINDOW)) != NULL)
    gtk_window_destroy (window);
  cr_test_ui_flush_events ();
}

/**
 * cr_test_ui_save_screenshot:
 *
 * When CREDIT_REPAIR_TEST_SCREENSHOTS names a directory, renders @widget
 * (usually a window) as it is now into NAME.png there, so a person can look
 * at what a test drove. Does nothing otherwise.
 */
void
cr_test_ui_save_screenshot (GtkWidget  *widget,
                            const char *name)
{
  const char *dir = g_getenv ("CREDIT_REPAIR_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  GskRenderer *renderer;
  int width, height;

  if (dir == NULL)
    return;

  /* Let pending layout and drawing happen first. */
  for (guint i = 0; i < 20; i++)
    {
      cr_test_ui_flush_events ();
      g_usleep (10000);
    }

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);

  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_mkdir_with_parents (dir, 0755);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}
