/* cr-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-preferences-window.h"

struct _CrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template widgets */
  AdwEntryRow          *rules_url_row;
  GtkSwitch            *check_on_startup_switch;
};

G_DEFINE_FINAL_TYPE (CrPreferencesWindow, cr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CrPreferencesWindow *
cr_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CR_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       NULL);
}

/* A rule source must be an absolute http(s) URL; whether plain HTTP is
 * allowed for a given host is decided by the rules client when it fetches. */
static gboolean
is_acceptable_url (const char *text)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0;
}

static void
rules_url_apply_cb (CrPreferencesWindow *self,
                    AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!is_acceptable_url (text))
    {
      g_autofree char *message = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      /* Translators: %s is the URL the user typed */
      message = g_strdup_printf (_("“%s” is not a web address (it must start with https://)"), text);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "rules-url", text);
}

static void
rules_url_changed_cb (CrPreferencesWindow *self,
                      AdwEntryRow         *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
cr_preferences_window_constructed (GObject *object)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;

  G_OBJECT_CLASS (cr_preferences_window_parent_class)->constructed (object);

  url = g_settings_get_string (self->settings, "rules-url");
  gtk_editable_set_text (GTK_EDITABLE (self->rules_url_row), url);

  g_settings_bind (self->settings, "check-rules-on-startup",
                   self->check_on_startup_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
}

static void
cr_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_preferences_window_dispose (GObject *object)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cr_preferences_window_parent_class)->dispose (object);
}

static void
cr_preferences_window_class_init (CrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cr_preferences_window_constructed;
  object_class->dispose = cr_preferences_window_dispose;
  object_class->get_property = cr_preferences_window_get_property;
  object_class->set_property = cr_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/cr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, rules_url_row);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow,
                                        check_on_startup_switch);
  gtk_widget_class_bind_template_callback (widget_class, rules_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_url_changed_cb);
}

static void
cr_preferences_window_init (CrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
