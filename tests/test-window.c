/* test-window.c: drives the real main window, preferences and dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>

#include "cr-application.h"
#include "cr-preferences-window.h"
#include "cr-window.h"
#include "cr-test-ui.h"

static CrApplication *app;

/* GLib leaks its first quark table on purpose once a program has more than
 * 2048 quarks (gquark.c, for lock-free lookups). The whole window crosses
 * that line, and LSan's fast unwinder cannot see far enough into GLib to
 * suppress it by stack (full unwinding makes this test take 90 s). Leak
 * checking stays on in the other UI tests, which build the same pages with
 * fewer quarks; memory errors are still caught here. */
#if defined(__SANITIZE_ADDRESS__)
int __lsan_is_turned_off (void);
int
__lsan_is_turned_off (void)
{
  return 1;
}
#endif

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 2)

static CrWindow *
activate_main_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  WAIT_FOR (gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_nonnull (window);
  g_assert_true (CR_IS_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return CR_WINDOW (window);
}

static void
test_window_opens (void)
{
  CrWindow *window = activate_main_window ();
  GtkStack *content_stack;
  AdwStatusPage *welcome;
  GtkWidget *overlay;

  content_stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), CR_TYPE_WINDOW,
                                                            "content_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (content_stack), ==, "welcome");

  welcome = ADW_STATUS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window), CR_TYPE_WINDOW,
                                                            "welcome_page"));
  g_assert_cmpstr (adw_status_page_get_title (welcome), ==, "Welcome to Credit Repair");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (welcome)));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "window-welcome");

  /* The shortcuts window comes from gtk/help-overlay.ui in the resource. */
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);

  for (guint i = 0; i < 4; i++)
    {
      const char *name = (const char *[]) { "about", "help", "preferences", "quit" }[i];
      g_assert_true (g_action_map_lookup_action (G_ACTION_MAP (app), name) != NULL);
    }

  /* A second activation presents the same window instead of a new one. */
  g_application_activate (G_APPLICATION (app));
  cr_test_ui_flush_events ();
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, 1);

  cr_test_ui_close_toplevels ();
}

/* Larger Text, Smaller Text and Normal Text Size scale the font
 * resolution of the whole application, step by step, and come back to the
 * desktop's value; the size is kept in the settings. */
static void
test_text_size (void)
{
  GSettings *settings = cr_application_get_settings (app);
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  CrWindow *window = activate_main_window ();
  GtkWidget *title = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                CR_TYPE_WINDOW, "welcome_page"));
  GAction *normal = g_action_map_lookup_action (G_ACTION_MAP (app), "text-normal");
  GAction *smaller = g_action_map_lookup_action (G_ACTION_MAP (app), "text-smaller");
  int base, dpi, small_height, large_height;

  g_object_get (gtk_settings, "gtk-xft-dpi", &base, NULL);
  if (base <= 0)
    base = 96 * 1024;
  g_assert_false (g_action_get_enabled (normal));
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, 600, NULL, &small_height, NULL, NULL);

  g_action_group_activate_action (G_ACTION_GROUP (app), "text-larger", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (app), "text-larger", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.25, 0.001);
  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, NULL);
  g_assert_cmpint (ABS (dpi - (int) (base * 1.25 + 0.5)), <=, 1);
  g_assert_true (g_action_get_enabled (normal));
  cr_test_ui_flush_events ();
  gtk_widget_measure (title, GTK_ORIENTATION_VERTICAL, 600, NULL, &large_height, NULL, NULL);
  g_assert_cmpint (large_height, >, small_height);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "window-larger-text");

  /* Down to the smallest step, where Smaller Text stops. */
  for (guint i = 0; i < 10; i++)
    g_action_group_activate_action (G_ACTION_GROUP (app), "text-smaller", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 0.8, 0.001);
  g_assert_false (g_action_get_enabled (smaller));

  g_action_group_activate_action (G_ACTION_GROUP (app), "text-normal", NULL);
  g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "text-scale"), 1.0, 0.001);
  g_object_get (gtk_settings, "gtk-xft-dpi", &dpi, NULL);
  g_assert_cmpint (ABS (dpi - base), <=, 1);
  g_assert_false (g_action_get_enabled (normal));
  g_assert_true (g_action_get_enabled (smaller));

  cr_test_ui_close_toplevels ();
}

static void
test_window_state_saved (void)
{
  GSettings *settings = cr_application_get_settings (app);
  CrWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 650);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = activate_main_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 650);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  cr_test_ui_flush_events ();
  gtk_window_close (GTK_WINDOW (window));
  cr_test_ui_flush_events ();

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  cr_test_ui_close_toplevels ();
}

static void
test_window_folds (void)
{
  CrWindow *window = activate_main_window ();
  AdwLeaflet *leaflet;
  GtkWidget *back;

  leaflet = ADW_LEAFLET (gtk_widget_get_template_child (GTK_WIDGET (window), CR_TYPE_WINDOW,
                                                        "leaflet"));
  back = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), CR_TYPE_WINDOW,
                                                    "back_button"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  WAIT_FOR (!adw_leaflet_get_folded (leaflet));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_visible (back));

  /* On a narrow screen the sidebar and the content share the window. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  WAIT_FOR (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_visible (back));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "window-folded");

  cr_test_ui_close_toplevels ();
}

static void
test_preferences (void)
{
  GSettings *settings = cr_application_get_settings (app);
  GtkWindow *prefs;
  AdwEntryRow *row;
  GtkSwitch *sw;

  activate_main_window ();
  g_settings_set_string (settings, "rules-url", "https://rules.example.org/a/index.json");
  g_settings_set_boolean (settings, "check-rules-on-startup", TRUE);

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_PREFERENCES_WINDOW) != NULL);
  prefs = cr_test_ui_find_toplevel (CR_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  cr_test_ui_save_screenshot (GTK_WIDGET (prefs), "preferences");

  row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                      CR_TYPE_PREFERENCES_WINDOW,
                                                      "rules_url_row"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==,
                   "https://rules.example.org/a/index.json");

  /* Not a web address: refused, marked, and the setting is kept. */
  gtk_editable_set_text (GTK_EDITABLE (row), "ftp://example.org/rules");
  g_signal_emit_by_name (row, "apply");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  {
    g_autofree char *kept = g_settings_get_string (settings, "rules-url");
    g_assert_cmpstr (kept, ==, "https://rules.example.org/a/index.json");
  }

  /* A good address is stored, trimmed. */
  gtk_editable_set_text (GTK_EDITABLE (row), "  https://lan.example.net/rules/index.json ");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (row), "error"));
  g_signal_emit_by_name (row, "apply");
  {
    g_autofree char *stored = g_settings_get_string (settings, "rules-url");
    g_assert_cmpstr (stored, ==, "https://lan.example.net/rules/index.json");
  }

  sw = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (prefs), CR_TYPE_PREFERENCES_WINDOW,
                                                  "check_on_startup_switch"));
  g_assert_true (gtk_switch_get_active (sw));
  gtk_switch_set_active (sw, FALSE);
  g_assert_false (g_settings_get_boolean (settings, "check-rules-on-startup"));

  cr_test_ui_close_toplevels ();
}

static void
test_about (void)
{
  GtkWindow *about;

  activate_main_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW) != NULL);
  about = cr_test_ui_find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  cr_test_ui_save_screenshot (GTK_WIDGET (about), "about");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (ADW_ABOUT_WINDOW (about)), ==,
                   GTK_LICENSE_GPL_3_0);

  cr_test_ui_close_toplevels ();
}

static void
test_help_without_viewer (void)
{
  g_autoptr(GAppInfo) viewer = g_app_info_get_default_for_uri_scheme ("help");
  GtkWindow *dialog;

  if (viewer != NULL)
    {
      g_test_skip ("A help viewer is installed; this test covers the case without one");
      return;
    }

  activate_main_window ();
  g_action_group_activate_action (G_ACTION_GROUP (app), "help", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = cr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "No Help Viewer Installed");

  cr_test_ui_close_toplevels ();
}

/* Every composite template loads, and the widgets go away when closed. */
static void
test_templates (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *window;
  GtkWidget *prefs;

  window = GTK_WIDGET (cr_window_new (app));
  g_object_ref_sink (window);
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_finalize_object (window);

  prefs = GTK_WIDGET (cr_preferences_window_new (cr_application_get_settings (app)));
  g_object_ref_sink (prefs);
  gtk_window_destroy (GTK_WINDOW (prefs));
  g_assert_finalize_object (prefs);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (!cr_test_ui_has_display ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = cr_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/state-saved", test_window_state_saved);
  g_test_add_func ("/ui/window/folds", test_window_folds);
  g_test_add_func ("/ui/window/text-size", test_text_size);
  g_test_add_func ("/ui/preferences", test_preferences);
  g_test_add_func ("/ui/about", test_about);
  g_test_add_func ("/ui/help-without-viewer", test_help_without_viewer);
  g_test_add_func ("/ui/templates", test_templates);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
