/* cr-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-application.h"
#include "cr-launch.h"
#include "cr-preferences-window.h"
#include "cr-window.h"

#define HELP_URI "help:credit-repair"

struct _CrApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  CrRuleSetCollection *rule_sets;     /* NULL until loaded */
  GCancellable        *rule_sets_cancellable;

  int             base_xft_dpi;       /* the desktop's, before the text scale; 0: not read yet */
};

/* The steps of Larger Text and Smaller Text. */
static const double text_scales[] = { 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0 };

G_DEFINE_FINAL_TYPE (CrApplication, cr_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_RULE_SETS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

CrApplication *
cr_application_new (const char        *application_id,
                    GApplicationFlags  flags)
{
  return g_object_new (CR_TYPE_APPLICATION,
                       "application-id", application_id,
                       "flags", flags,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * cr_application_get_settings:
 *
 * Returns: (transfer none): the application's settings, one object shared
 * by every window so that tests can run against the memory backend.
 */
GSettings *
cr_application_get_settings (CrApplication *self)
{
  g_return_val_if_fail (CR_IS_APPLICATION (self), NULL);

  return self->settings;
}

static void
load_rule_sets_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_task_return_pointer (task, cr_rule_set_collection_new_default (), g_object_unref);
}

static void
rule_sets_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrApplication *self = CR_APPLICATION (object);
  g_autoptr(CrRuleSetCollection) rule_sets = NULL;
  g_auto(GStrv) warnings = NULL;

  rule_sets = g_task_propagate_pointer (G_TASK (result), NULL);
  if (rule_sets == NULL || g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->rule_sets_cancellable);

  /* Broken files were skipped (the built-in rules remain): say so in the log. */
  warnings = cr_rule_set_collection_get_warnings (rule_sets);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_message ("%s", warnings[i]);

  g_set_object (&self->rule_sets, rule_sets);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_SETS]);
}

static void
load_rule_sets (CrApplication *self)
{
  g_autoptr(GTask) task = NULL;

  /* A load in flight reads older files: the newer load wins. */
  g_cancellable_cancel (self->rule_sets_cancellable);
  g_clear_object (&self->rule_sets_cancellable);

  self->rule_sets_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->rule_sets_cancellable, rule_sets_loaded_cb, NULL);
  g_task_set_source_tag (task, load_rule_sets);
  g_task_run_in_thread (task, load_rule_sets_thread);
}

/**
 * cr_application_get_rule_sets:
 *
 * The rule sets every window checks against (the built-in, installed and
 * cached ones), loaded in a worker thread. The first call starts loading;
 * #CrApplication:rule-sets is notified when they are there, and again
 * after cr_application_reload_rule_sets().
 *
 * Returns: (transfer none) (nullable): the rule sets, or %NULL while they
 * are loading for the first time.
 */
CrRuleSetCollection *
cr_application_get_rule_sets (CrApplication *self)
{
  g_return_val_if_fail (CR_IS_APPLICATION (self), NULL);

  if (self->rule_sets == NULL && self->rule_sets_cancellable == NULL)
    load_rule_sets (self);

  return self->rule_sets;
}

/**
 * cr_application_reload_rule_sets:
 *
 * Loads the rule sets again, in a worker thread, for example after new
 * ones were fetched into the cache; the open cases are checked again under
 * them once #CrApplication:rule-sets is notified.
 */
void
cr_application_reload_rule_sets (CrApplication *self)
{
  g_return_if_fail (CR_IS_APPLICATION (self));

  load_rule_sets (self);
}

static GtkWindow *
get_active_window (CrApplication *self)
{
  return gtk_application_get_active_window (GTK_APPLICATION (self));
}

/* bench/startup: report when the first frame of the main window is drawn
 * (CLOCK_MONOTONIC, as g_get_monotonic_time), then quit. */
static void
first_frame_cb (GdkFrameClock *clock,
                CrApplication *self)
{
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget     *window,
                  CrApplication *self)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_cb), self);
}

static void
cr_application_activate (GApplication *app)
{
  CrApplication *self = CR_APPLICATION (app);
  GtkWindow *window = get_active_window (self);

  if (window == NULL)
    {
      window = GTK_WINDOW (cr_window_new (self));
      if (g_getenv ("CREDIT_REPAIR_EXIT_AFTER_FIRST_FRAME") != NULL)
        g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
    }

  gtk_window_present (window);
}

/* Case folders (or their case.json) given on the command line or opened
 * from the file manager. */
static void
cr_application_open (GApplication  *app,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  CrApplication *self = CR_APPLICATION (app);
  GtkWindow *window;

  g_application_activate (app);
  window = get_active_window (self);
  if (!CR_IS_WINDOW (window))
    return;

  for (int i = 0; i < n_files; i++)
    cr_window_open_case_file (CR_WINDOW (window), files[i]);
}

static void
show_message (CrApplication *self,
              const char    *heading,
              const char    *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_active_window (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
help_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_launch_uri_finish (result, &error))
    {
      g_autofree char *body = NULL;

      /* Translators: %s is a system error message */
      body = g_strdup_printf (_("The help viewer could not be started: %s"), error->message);
      show_message (self, _("Could Not Open Help"), body);
    }
}

static void
cr_application_help (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrApplication *self = CR_APPLICATION (user_data);
  g_autoptr(GAppInfo) viewer = NULL;
  GtkWindow *window = get_active_window (self);

  viewer = g_app_info_get_default_for_uri_scheme ("help");
  if (viewer == NULL)
    {
      show_message (self,
                    _("No Help Viewer Installed"),
                    _("Reading the guide needs a help viewer. Install the “yelp” "
                      "package, or read the guide online on the project’s website."));
      return;
    }

  cr_launch_uri_async (window != NULL ? GTK_WIDGET (window) : NULL, HELP_URI, help_launched_cb,
                       g_object_ref (self));
}

static void
cr_application_about (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CrApplication *self = CR_APPLICATION (user_data);
  static const char *developers[] = { "The Credit Repair developers", NULL };

  adw_show_about_window (get_active_window (self),
                         "application-name", _("Credit Repair"),
                         "application-icon", BASE_APP_ID,
                         "developer-name", _("The Credit Repair developers"),
                         "version", PACKAGE_VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "copyright", "© 2026 The Credit Repair developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         "comments", _("Guides companies through credit repair of "
                                       "administrative-penalty records published on "
                                       "Credit China. Credit repair is free of charge."),
                         NULL);
}

static void
show_preferences (CrApplication *self,
                  const char    *page)
{
  CrPreferencesWindow *prefs;

  prefs = cr_preferences_window_new (self->settings);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), get_active_window (self));
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page);
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
cr_application_preferences (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  show_preferences (CR_APPLICATION (user_data), NULL);
}

/* Preferences, on the page of the library folders. */
static void
cr_application_library_folders (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  show_preferences (CR_APPLICATION (user_data), "library");
}

static void
cr_application_quit (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrApplication *self = CR_APPLICATION (user_data);
  GList *windows;

  /* Close the windows first so that each one saves its state. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (GTK_WINDOW (windows->data));

  g_application_quit (G_APPLICATION (self));
}

/* Text size: the scale multiplies the desktop's font resolution, so every
 * text of the application grows alike (as the desktop's own large-text
 * setting does), for a projector in a workshop or tired eyes. */

static guint
text_scale_step (double scale)
{
  guint best = 0;

  for (guint i = 1; i < G_N_ELEMENTS (text_scales); i++)
    if (ABS (text_scales[i] - scale) < ABS (text_scales[best] - scale))
      best = i;

  return best;
}

static void
update_text_actions (CrApplication *self,
                     double         scale)
{
  guint step = text_scale_step (scale);
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "text-larger");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), step + 1 < G_N_ELEMENTS (text_scales));
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "text-smaller");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), step > 0);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "text-normal");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !G_APPROX_VALUE (scale, 1.0, 0.001));
}

static void
apply_text_scale (CrApplication *self)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  double scale = g_settings_get_double (self->settings, "text-scale");

  update_text_actions (self, scale);

  if (gtk_settings == NULL)
    return;

  /* At the normal size the desktop's value is left alone until the user
   * first changes the size. */
  if (self->base_xft_dpi == 0)
    {
      if (G_APPROX_VALUE (scale, 1.0, 0.001))
        return;
      g_object_get (gtk_settings, "gtk-xft-dpi", &self->base_xft_dpi, NULL);
      if (self->base_xft_dpi <= 0)
        self->base_xft_dpi = 96 * 1024;
    }

  g_object_set (gtk_settings, "gtk-xft-dpi", (int) (self->base_xft_dpi * scale + 0.5), NULL);
}

static void
change_text_scale (CrApplication *self,
                   int            steps)
{
  guint step = text_scale_step (g_settings_get_double (self->settings, "text-scale"));
  int next = CLAMP ((int) step + steps, 0, (int) G_N_ELEMENTS (text_scales) - 1);

  g_settings_set_double (self->settings, "text-scale", text_scales[next]);
}

static void
cr_application_text_larger (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  change_text_scale (CR_APPLICATION (user_data), 1);
}

static void
cr_application_text_smaller (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  change_text_scale (CR_APPLICATION (user_data), -1);
}

static void
cr_application_text_normal (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  CrApplication *self = CR_APPLICATION (user_data);

  g_settings_set_double (self->settings, "text-scale", 1.0);
}

static const GActionEntry app_actions[] = {
  { "about", cr_application_about },
  { "help", cr_application_help },
  { "preferences", cr_application_preferences },
  { "library-folders", cr_application_library_folders },
  { "text-larger", cr_application_text_larger },
  { "text-smaller", cr_application_text_smaller },
  { "text-normal", cr_application_text_normal },
  { "quit", cr_application_quit },
};

static void
cr_application_startup (GApplication *app)
{
  CrApplication *self = CR_APPLICATION (app);

  G_APPLICATION_CLASS (cr_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);

  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.help",
                                         (const char *[]) { "F1", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.text-larger",
                                         (const char *[]) { "<Control>plus", "<Control>equal",
                                                            "<Control>KP_Add", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.text-smaller",
                                         (const char *[]) { "<Control>minus",
                                                            "<Control>KP_Subtract", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.text-normal",
                                         (const char *[]) { "<Control>0", "<Control>KP_0", NULL });

  g_signal_connect_object (self->settings, "changed::text-scale", G_CALLBACK (apply_text_scale),
                           self, G_CONNECT_SWAPPED);
  apply_text_scale (self);
}

static void
cr_application_dispose (GObject *object)
{
  CrApplication *self = CR_APPLICATION (object);

  g_clear_object (&self->settings);
  g_cancellable_cancel (self->rule_sets_cancellable);
  g_clear_object (&self->rule_sets_cancellable);
  g_clear_object (&self->rule_sets);

  G_OBJECT_CLASS (cr_application_parent_class)->dispose (object);
}

static void
cr_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrApplication *self = CR_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_RULE_SETS:
      g_value_set_object (value, self->rule_sets);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_application_class_init (CrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cr_application_dispose;
  object_class->get_property = cr_application_get_property;

  app_class->activate = cr_application_activate;
  app_class->open = cr_application_open;
  app_class->startup = cr_application_startup;

  properties[PROP_RULE_SETS] =
    g_param_spec_object ("rule-sets", NULL, NULL, CR_TYPE_RULE_SET_COLLECTION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_application_init (CrApplication *self)
{
  /* One schema for both profiles: a Devel build shares the user's settings. */
  self->settings = g_settings_new (BASE_APP_ID);
}
