/* cr-window.c: the main window, a case library beside the case view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-window.h"

struct _CrWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkButton            *back_button;
  GtkStack             *sidebar_stack;
  GtkStack             *content_stack;
  AdwStatusPage        *welcome_page;
};

G_DEFINE_FINAL_TYPE (CrWindow, cr_window, ADW_TYPE_APPLICATION_WINDOW)

CrWindow *
cr_window_new (CrApplication *application)
{
  g_return_val_if_fail (CR_IS_APPLICATION (application), NULL);

  return g_object_new (CR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * cr_window_add_toast:
 * @toast: (transfer full): the toast to show
 */
void
cr_window_add_toast (CrWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CR_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
restore_window_state (CrWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CrWindow *self)
{
  int width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_delay (self->settings);
  if (!maximized)
    {
      /* The default size tracks the size the user gave the unmaximized window. */
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  g_settings_apply (self->settings);
}

static gboolean
cr_window_close_request (GtkWindow *window)
{
  save_window_state (CR_WINDOW (window));

  return GTK_WINDOW_CLASS (cr_window_parent_class)->close_request (window);
}

static void
leaflet_back_cb (CrWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
cr_window_constructed (GObject *object)
{
  CrWindow *self = CR_WINDOW (object);
  GApplication *app = g_application_get_default ();
  GtkApplication *owner = gtk_window_get_application (GTK_WINDOW (self));

  G_OBJECT_CLASS (cr_window_parent_class)->constructed (object);

  if (owner != NULL && CR_IS_APPLICATION (owner))
    self->settings = g_object_ref (cr_application_get_settings (CR_APPLICATION (owner)));
  else if (app != NULL && CR_IS_APPLICATION (app))
    self->settings = g_object_ref (cr_application_get_settings (CR_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_APP_ID);

  restore_window_state (self);
}

static void
cr_window_dispose (GObject *object)
{
  CrWindow *self = CR_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cr_window_parent_class)->dispose (object);
}

static void
cr_window_class_init (CrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cr_window_constructed;
  object_class->dispose = cr_window_dispose;

  window_class->close_request = cr_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/cr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, welcome_page);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_back_cb);
}

static void
cr_window_init (CrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* The icon under the base id is in the resource (found through the
   * application's resource-base-path), so it shows uninstalled too. */
  adw_status_page_set_icon_name (self->welcome_page, BASE_APP_ID);

  /* On a narrow screen a first-time user lands on the welcome page, which
   * says what to do; the back button leads to the (empty) case list. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  if (g_str_equal (PROFILE, "Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
