/* test-rules-ui.c: the rules status, updates from a loopback server, what
 * changed, and the trusted keys and plain-HTTP hosts in Preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user cache and data folders are temporary, so the rule sets in force
 * at the start are the bundled ones (data/rules). An update is a signed
 * directory (index and rule set, each with its minisign signature) served
 * by a loopback server: version 2026.3 of the Order 36 rule set in which a
 * general penalty is shown at least 6 months instead of 3 before it can be
 * repaired. The library holds the Wuxi sample case, whose record is such a
 * penalty, so its earliest application date moves.
 *
 * Expected texts come from the same message ids the widgets use, so the
 * test passes in any language (LANGUAGE=zh_CN for screenshots in Chinese).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-case-store.h"
#include "cr-core.h"
#include "cr-preferences-window-private.h"
#include "cr-rules-index.h"
#include "cr-signature.h"
#include "cr-test-server.h"
#include "cr-test-ui.h"
#include "rules/cr-rules-button.h"
#include "rules/cr-rules-changes-window.h"
#include "rules/cr-rules-status-panel.h"
#include "rules/cr-rules-updater.h"
#include "cr-test-util.h"

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 30)

static char *home;

/* "Version %s, %s" with the origin "bundled with the application" … */
static char *
version_text (const char *version,
              const char *origin)
{
  return g_strdup_printf (_("Version %s, %s"), version, origin);
}

/* The part of a translated format before its first %s. */
static char *
format_prefix (const char *format)
{
  char *prefix = g_strdup (format);
  char *cut = strstr (prefix, "%s");

  if (cut != NULL)
    *cut = '\0';
  return prefix;
}

typedef struct
{
  char           *library;
  GSettings      *settings;
  CrTestServer   *server;
  CrSecretKey    *key;
  CrRulesUpdater *updater;
  GtkWindow      *window;
  GtkWidget      *panel;
} Fixture;


static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CrPublicKey) public_key = NULL;
  g_autoptr(CrCaseStore) store = NULL;
  g_autoptr(CrCase) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = g_build_filename (g_get_user_cache_dir (), "credit-repair", NULL);
  g_autofree char *sample = NULL;
  g_autofree char *url = NULL;
  g_autofree char *encoded = NULL;
  const char *keys[2] = { NULL, NULL };
  const char *roots[2] = { NULL, NULL };
  GDate date;

  /* Every test starts with the bundled rule sets only. */
  cr_test_remove_tree (cache);

  fixture->library = g_build_filename (home, "library", NULL);
  cr_test_remove_tree (fixture->library);
  store = cr_case_store_new (fixture->library);
  sample = g_build_filename (g_getenv ("CREDIT_REPAIR_SAMPLES_DIR"), "wuxi-machinery.case",
                             "case.json", NULL);
  imported = cr_case_store_import (store, sample, NULL, &error);
  g_assert_no_error (error);

  fixture->server = cr_test_server_new ();
  fixture->key = cr_secret_key_generate ();
  public_key = cr_secret_key_get_public_key (fixture->key);
  encoded = cr_public_key_to_base64 (public_key);
  keys[0] = encoded;
  url = cr_test_server_get_url (fixture->server, "/rules/index.json");

  fixture->settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (fixture->settings, "rules-url", url);
  g_settings_set_strv (fixture->settings, "trusted-keys", keys);
  g_settings_set_strv (fixture->settings, "insecure-hosts", NULL);
  g_settings_set_boolean (fixture->settings, "check-rules-on-startup", FALSE);

  fixture->updater = cr_rules_updater_new (fixture->settings, NULL);
  roots[0] = fixture->library;
  cr_rules_updater_set_library_roots (fixture->updater, roots);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 27, G_DATE_NOVEMBER, 2026);
  cr_rules_updater_set_check_date (fixture->updater, &date);

  fixture->window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture->window, 480, 560);
  fixture->panel = cr_rules_status_panel_new (fixture->updater);
  adw_window_set_content (ADW_WINDOW (fixture->window), fixture->panel);
  gtk_window_present (fixture->window);

  WAIT_FOR (cr_rules_updater_get_status (fixture->updater) != NULL &&
            cr_rules_updater_get_title (fixture->updater, "cn-national-order36") != NULL);
  g_assert_nonnull (cr_rules_updater_get_status (fixture->updater));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  CrRulesReport *report = cr_rules_updater_get_report (fixture->updater);

  WAIT_FOR (!cr_rules_updater_get_checking (fixture->updater) &&
            (report == NULL || !cr_rules_report_get_checking (report)));
  cr_test_ui_close_toplevels ();
  g_clear_object (&fixture->updater);
  g_clear_object (&fixture->settings);
  g_clear_pointer (&fixture->server, cr_test_server_free);
  g_clear_pointer (&fixture->key, cr_secret_key_free);
  cr_test_remove_tree (fixture->library);
  g_free (fixture->library);
}

static GBytes *
sign (CrSecretKey *key,
      GBytes      *data)
{
  g_autoptr(GError) error = NULL;
  char *signature = cr_secret_key_sign (key, data, "timestamp:1\tfile:test", &error);

  g_assert_no_error (error);
  return g_bytes_new_take (signature, strlen (signature));
}

/* Serves Order 36 as version 2026.3, with the minimum period of a general
 * penalty doubled, in a signed index. */
static void
publish_update (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"), "data", "rules",
                                            "cn-national-order36.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) doc = NULL;
  g_autoptr(GBytes) doc_signature = NULL;
  g_autoptr(CrRulesIndex) index = cr_rules_index_new ();
  CrRulesIndexEntry *entry = cr_rules_index_entry_new ();
  g_autoptr(GBytes) index_bytes = NULL;
  g_autoptr(GBytes) index_signature = NULL;
  g_autoptr(GError) error = NULL;
  char *index_text;
  gsize length = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  text = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (text, "\"version\": \"2026.2\"", "\"version\": \"2026.3\"", 1),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (text, "\"earliest\": 3,\n      \"display_end\": 12",
                                      "\"earliest\": 6,\n      \"display_end\": 12", 1), ==, 1);
  doc = g_string_free_to_bytes (g_steal_pointer (&text));
  doc_signature = sign (fixture->key, doc);

  entry->id = g_strdup ("cn-national-order36");
  entry->version = g_strdup ("2026.3");
  entry->valid_from = g_strdup ("2026-04-01");
  entry->url = g_strdup ("cn-national-order36-2026.3.json");
  entry->signature_url = g_strdup ("cn-national-order36-2026.3.json.minisig");
  entry->sha256 = cr_rules_sha256 (doc);
  entry->size = g_bytes_get_size (doc);
  cr_rules_index_take_entry (index, entry);
  index_text = cr_rules_index_to_data (index, &length);
  index_bytes = g_bytes_new_take (index_text, length);
  index_signature = sign (fixture->key, index_bytes);

  cr_test_server_add_static (fixture->server, "/rules/cn-national-order36-2026.3.json",
                             "application/json", g_bytes_get_data (doc, NULL),
                             g_bytes_get_size (doc));
  cr_test_server_add_static (fixture->server, "/rules/cn-national-order36-2026.3.json.minisig",
                             "application/octet-stream", g_bytes_get_data (doc_signature, NULL),
                             g_bytes_get_size (doc_signature));
  cr_test_server_add_static (fixture->server, "/rules/index.json", "application/json",
                             g_bytes_get_data (index_bytes, NULL), g_bytes_get_size (index_bytes));
  cr_test_server_add_static (fixture->server, "/rules/index.json.minisig", "text/plain",
                             g_bytes_get_data (index_signature, NULL),
                             g_bytes_get_size (index_signature));
}

static const char *
find_row (GStrv       rows,
          const char *needle)
{
  for (guint i = 0; rows[i] != NULL; i++)
    if (strstr (rows[i], needle) != NULL)
      return rows[i];

  return NULL;
}

static gboolean
has_text (GStrv       texts,
          const char *needle)
{
  return find_row (texts, needle) != NULL;
}

static guint
panel_n_rows (Fixture *fixture)
{
  g_auto(GStrv) rows = cr_rules_status_panel_dup_rows (CR_RULES_STATUS_PANEL (fixture->panel));

  return g_strv_length (rows);
}

static gboolean
panel_has_row (Fixture    *fixture,
               const char *needle)
{
  g_auto(GStrv) rows = cr_rules_status_panel_dup_rows (CR_RULES_STATUS_PANEL (fixture->panel));

  return find_row (rows, needle) != NULL;
}

static guint
n_strings (GSettings  *settings,
           const char *key)
{
  g_auto(GStrv) values = g_settings_get_strv (settings, key);

  return g_strv_length (values);
}

static void
test_status_bundled (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_auto(GStrv) rows = NULL;
  const char *row;

  WAIT_FOR (panel_n_rows (fixture) >= 3);
  rows = cr_rules_status_panel_dup_rows (CR_RULES_STATUS_PANEL (fixture->panel));
  g_assert_cmpuint (g_strv_length (rows), ==, 3);

  /* The set in force today, as shipped, and the older regimes. */
  {
    g_autofree char *v2026 = version_text ("2026.2", _("bundled with the application"));
    g_autofree char *v2023 = version_text ("2023.2", _("bundled with the application"));
    g_autofree char *v2019 = version_text ("2019.2", _("bundled with the application"));

    row = find_row (rows, v2026);
    g_assert_nonnull (row);
    g_assert_true (row == rows[0]);
    g_assert_true (g_str_has_prefix (row, cr_rules_updater_get_title (fixture->updater,
                                                                      "cn-national-order36")));
    g_assert_nonnull (find_row (rows, v2023));
    g_assert_nonnull (find_row (rows, v2019));
  }
  g_assert_cmpstr (cr_rules_status_panel_get_checked_text (CR_RULES_STATUS_PANEL (fixture->panel)),
                   ==, _("Never checked for updates."));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "rules-status-bundled");
}

static void
test_update (Fixture       *fixture,
             gconstpointer  user_data)
{
  CrRulesReport *report;
  CrRulesReportSet *set;
  CrRulesReportCase *item;
  GtkWindow *changes;
  g_auto(GStrv) texts = NULL;
  g_auto(GStrv) rows = NULL;

  publish_update (fixture);
  g_assert_true (gtk_widget_activate_action (fixture->panel, "rules.check", NULL));
  g_assert_true (cr_rules_updater_get_checking (fixture->updater));

  /* A check started from the panel shows what it brought at once. */
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW) != NULL);
  changes = cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW);
  g_assert_nonnull (changes);
  report = cr_rules_changes_window_get_report (CR_RULES_CHANGES_WINDOW (changes));
  g_assert_true (report == cr_rules_updater_get_report (fixture->updater));
  WAIT_FOR (!cr_rules_report_get_checking (report));
  g_assert_false (cr_rules_report_get_checking (report));
  g_assert_null (cr_rules_updater_get_last_error (fixture->updater));

  g_assert_cmpuint (cr_rules_report_get_sets (report)->len, ==, 1);
  set = g_ptr_array_index (cr_rules_report_get_sets (report), 0);
  g_assert_cmpstr (set->id, ==, "cn-national-order36");
  g_assert_cmpstr (set->old_version, ==, "2026.2");
  g_assert_cmpstr (set->new_version, ==, "2026.3");
  g_assert_nonnull (set->changes);
  g_assert_cmpuint (set->changes->len, >=, 2);

  /* The Wuxi case: a general penalty of 2026-05-12, now repairable from
   * 2026-11-12 instead of 2026-08-12. */
  g_assert_cmpuint (cr_rules_report_get_n_checked (report), ==, 1);
  g_assert_cmpuint (cr_rules_report_get_cases (report)->len, ==, 1);
  item = g_ptr_array_index (cr_rules_report_get_cases (report), 0);
  g_assert_cmpstr (item->name, ==, "无锡示例精密机械有限公司");
  texts = cr_rules_changes_window_dup_texts (CR_RULES_CHANGES_WINDOW (changes));
  {
    g_autofree char *line = g_strdup_printf (_("Record %s: earliest application on %s, was %s"),
                                             "r1", "2026-11-12", "2026-08-12");

    g_assert_true (has_text (texts, line));
  }
  g_assert_true (has_text (texts, "2026.3"));
  cr_test_ui_save_screenshot (GTK_WIDGET (changes), "rules-what-changed");
  gtk_window_destroy (changes);

  /* The panel says what is in force now and where it came from. */
  WAIT_FOR (!cr_rules_updater_get_checking (fixture->updater) && panel_has_row (fixture, "2026.3"));
  rows = cr_rules_status_panel_dup_rows (CR_RULES_STATUS_PANEL (fixture->panel));
  {
    g_autofree char *origin = g_strdup_printf (_("fetched just now from %s"), "127.0.0.1");
    g_autofree char *version = version_text ("2026.3", origin);
    g_autofree char *prefix = format_prefix (_("Last checked for updates on %s."));

    g_assert_nonnull (find_row (rows, version));
    g_assert_true (g_str_has_prefix (cr_rules_status_panel_get_checked_text (
                                       CR_RULES_STATUS_PANEL (fixture->panel)), prefix));
  }
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "rules-status-fetched");
}

static void
test_failure (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_auto(GStrv) rows = NULL;
  GtkWidget *error_label;

  /* Nothing is served: the check fails, the bundled rules stay. */
  g_assert_true (gtk_widget_activate_action (fixture->panel, "rules.check", NULL));
  WAIT_FOR (!cr_rules_updater_get_checking (fixture->updater));
  g_assert_false (cr_rules_updater_get_checking (fixture->updater));
  g_assert_nonnull (cr_rules_updater_get_last_error (fixture->updater));
  g_assert_null (cr_rules_updater_get_report (fixture->updater));

  error_label = GTK_WIDGET (gtk_widget_get_template_child (fixture->panel,
                                                           CR_TYPE_RULES_STATUS_PANEL,
                                                           "error_label"));
  g_assert_true (gtk_widget_get_visible (error_label));
  {
    g_autofree char *prefix = format_prefix (_("The last check failed, so the rules above stay in "
                                               "force: %s"));
    g_autofree char *version = version_text ("2026.2", _("bundled with the application"));

    g_assert_true (g_str_has_prefix (gtk_label_get_label (GTK_LABEL (error_label)), prefix));
    rows = cr_rules_status_panel_dup_rows (CR_RULES_STATUS_PANEL (fixture->panel));
    g_assert_nonnull (find_row (rows, version));
  }
  g_assert_null (cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "rules-status-failed");
}

/* A network monitor whose answers the test chooses. */
typedef struct
{
  GObject  parent_instance;
  gboolean metered;
} FakeMonitor;

typedef GObjectClass FakeMonitorClass;

static void fake_monitor_iface_init (GNetworkMonitorInterface *iface);
static void fake_initable_iface_init (GInitableIface *iface);

GType fake_monitor_get_type (void);
G_DEFINE_TYPE_WITH_CODE (FakeMonitor, fake_monitor, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, fake_initable_iface_init)
                         G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, fake_monitor_iface_init))

enum { FAKE_PROP_0, FAKE_PROP_AVAILABLE, FAKE_PROP_METERED, FAKE_PROP_CONNECTIVITY };

static void
fake_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FakeMonitor *self = (FakeMonitor *) object;

  switch (prop_id)
    {
    case FAKE_PROP_AVAILABLE:
      g_value_set_boolean (value, TRUE);
      break;
    case FAKE_PROP_METERED:
      g_value_set_boolean (value, self->metered);
      break;
    case FAKE_PROP_CONNECTIVITY:
      g_value_set_enum (value, G_NETWORK_CONNECTIVITY_FULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fake_monitor_class_init (FakeMonitorClass *klass)
{
  klass->get_property = fake_monitor_get_property;
  g_object_class_override_property (klass, FAKE_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (klass, FAKE_PROP_METERED, "network-metered");
  g_object_class_override_property (klass, FAKE_PROP_CONNECTIVITY, "connectivity");
}

static void
fake_monitor_init (FakeMonitor *self)
{
}

static void
fake_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static gboolean
fake_initable_init (GInitable     *initable,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;
}

static void
fake_initable_iface_init (GInitableIface *iface)
{
  iface->init = fake_initable_init;
}

static void
test_startup (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GObject) free_net = g_object_new (fake_monitor_get_type (), NULL);
  g_autoptr(GObject) metered = g_object_new (fake_monitor_get_type (), NULL);
  g_autoptr(CrRulesUpdater) second = NULL;
  g_autoptr(CrRulesUpdater) third = NULL;

  ((FakeMonitor *) metered)->metered = TRUE;
  publish_update (fixture);

  /* The setting is off: no check, not even later in the run. */
  g_assert_false (cr_rules_updater_check_on_startup (fixture->updater,
                                                     G_NETWORK_MONITOR (free_net)));
  g_settings_set_boolean (fixture->settings, "check-rules-on-startup", TRUE);
  g_assert_false (cr_rules_updater_check_on_startup (fixture->updater,
                                                     G_NETWORK_MONITOR (free_net)));
  g_assert_cmpuint (cr_test_server_get_hit_count (fixture->server, "/rules/index.json"), ==, 0);

  /* On, but metered: quiet. */
  second = cr_rules_updater_new (fixture->settings, NULL);
  g_assert_false (cr_rules_updater_check_on_startup (second, G_NETWORK_MONITOR (metered)));
  g_assert_false (cr_rules_updater_get_checking (second));
  g_assert_cmpuint (cr_test_server_get_hit_count (fixture->server, "/rules/index.json"), ==, 0);

  /* On and not metered: one check in the background. */
  third = cr_rules_updater_new (fixture->settings, NULL);
  {
    const char *roots[2] = { fixture->library, NULL };

    cr_rules_updater_set_library_roots (third, roots);
  }
  g_assert_true (cr_rules_updater_check_on_startup (third, G_NETWORK_MONITOR (free_net)));
  g_assert_true (cr_rules_updater_get_checking (third));
  WAIT_FOR (!cr_rules_updater_get_checking (third));
  g_assert_cmpuint (cr_test_server_get_hit_count (fixture->server, "/rules/index.json"), ==, 1);
  g_assert_nonnull (cr_rules_updater_get_report (third));
  WAIT_FOR (!cr_rules_report_get_checking (cr_rules_updater_get_report (third)));
  g_assert_false (cr_rules_updater_check_on_startup (third, G_NETWORK_MONITOR (free_net)));
}

static void
test_button (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *button = cr_rules_button_new ();
  GtkWidget *menu_button;
  GtkPopover *popover;

  cr_rules_button_set_updater (CR_RULES_BUTTON (button), fixture->updater);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), button);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("content"));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 600);
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (button));
  g_assert_false (cr_rules_button_get_attention (CR_RULES_BUTTON (button)));

  /* An update found in the background asks for attention… */
  publish_update (fixture);
  cr_rules_updater_check (fixture->updater);
  WAIT_FOR (cr_rules_button_get_attention (CR_RULES_BUTTON (button)));
  g_assert_true (cr_rules_button_get_attention (CR_RULES_BUTTON (button)));
  g_assert_null (cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW));

  /* …until the user opens the popover, which shows the status. */
  menu_button = gtk_widget_get_first_child (button);
  g_assert_true (GTK_IS_MENU_BUTTON (menu_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  g_assert_false (cr_rules_button_get_attention (CR_RULES_BUTTON (button)));
  cr_test_ui_save_screenshot (GTK_WIDGET (popover), "rules-button-popover");

  /* "What Changed" in the popover opens the report. */
  g_assert_true (gtk_widget_activate_action (gtk_popover_get_child (popover),
                                             "rules.show-changes", NULL));
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW) != NULL);
  g_assert_nonnull (cr_test_ui_find_toplevel (CR_TYPE_RULES_CHANGES_WINDOW));
}

/* Preferences: trusted keys and plain-HTTP hosts */

static void
test_preferences (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CrSecretKey) agency = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) agency_public = cr_secret_key_get_public_key (agency);
  g_autofree char *agency_encoded = cr_public_key_to_base64 (agency_public);
  g_autofree char *pub_text = cr_public_key_to_string (agency_public);
  g_autofree char *pub_path = g_build_filename (home, "agency.pub", NULL);
  g_autoptr(GFile) pub_file = g_file_new_for_path (pub_path);
  g_autofree char *not_key_path = g_build_filename (home, "not-a-key.pub", NULL);
  g_autoptr(GFile) not_key_file = g_file_new_for_path (not_key_path);
  CrPreferencesWindow *prefs;
  AdwEntryRow *host_row;
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) hosts = NULL;

  g_settings_set_strv (fixture->settings, "trusted-keys", NULL);
  prefs = cr_preferences_window_new (fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (prefs), 560, 900);
  gtk_window_present (GTK_WINDOW (prefs));

  g_assert_true (g_file_set_contents (pub_path, pub_text, -1, NULL));
  g_assert_true (g_file_set_contents (not_key_path, "hello\n", -1, NULL));

  /* A minisign .pub file adds its key, once. */
  cr_preferences_window_add_key_file (prefs, pub_file);
  WAIT_FOR (n_strings (fixture->settings, "trusted-keys") == 1);
  keys = g_settings_get_strv (fixture->settings, "trusted-keys");
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_assert_cmpstr (keys[0], ==, agency_encoded);
  g_clear_pointer (&keys, g_strfreev);

  cr_preferences_window_add_key_file (prefs, pub_file);
  cr_preferences_window_add_key_file (prefs, not_key_file);
  {
    gint64 end = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

    while (g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
  }
  keys = g_settings_get_strv (fixture->settings, "trusted-keys");
  g_assert_cmpuint (g_strv_length (keys), ==, 1);
  g_clear_pointer (&keys, g_strfreev);

  /* Hosts: "host" or "host:port", lower-cased; anything else is refused. */
  host_row = ADW_ENTRY_ROW (gtk_widget_get_template_child (GTK_WIDGET (prefs),
                                                          CR_TYPE_PREFERENCES_WINDOW,
                                                          "host_entry_row"));
  gtk_editable_set_text (GTK_EDITABLE (host_row), " Trainer.LAN:8080 ");
  g_signal_emit_by_name (host_row, "apply");
  hosts = g_settings_get_strv (fixture->settings, "insecure-hosts");
  g_assert_cmpuint (g_strv_length (hosts), ==, 1);
  g_assert_cmpstr (hosts[0], ==, "trainer.lan:8080");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (host_row)), ==, "");
  g_clear_pointer (&hosts, g_strfreev);

  gtk_editable_set_text (GTK_EDITABLE (host_row), "192.168.1.10");
  g_signal_emit_by_name (host_row, "apply");
  hosts = g_settings_get_strv (fixture->settings, "insecure-hosts");
  g_assert_cmpuint (g_strv_length (hosts), ==, 2);
  g_assert_cmpstr (hosts[1], ==, "192.168.1.10");
  g_clear_pointer (&hosts, g_strfreev);
  cr_test_ui_save_screenshot (GTK_WIDGET (prefs), "preferences-rules");

  for (guint i = 0; i < 3; i++)
    {
      const char *bad = (const char *[]) { "http://192.168.1.10/rules", "user@host",
                                           "a b" }[i];

      gtk_editable_set_text (GTK_EDITABLE (host_row), bad);
      g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (host_row), "error"));
      g_signal_emit_by_name (host_row, "apply");
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (host_row), "error"));
    }
  g_assert_cmpuint (n_strings (fixture->settings, "insecure-hosts"), ==, 2);

  /* The remove buttons. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-key", "s",
                                             agency_encoded));
  keys = g_settings_get_strv (fixture->settings, "trusted-keys");
  g_assert_cmpuint (g_strv_length (keys), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-host", "s",
                                             "trainer.lan:8080"));
  hosts = g_settings_get_strv (fixture->settings, "insecure-hosts");
  g_assert_cmpuint (g_strv_length (hosts), ==, 1);
  g_assert_cmpstr (hosts[0], ==, "192.168.1.10");

  gtk_window_destroy (GTK_WINDOW (prefs));
}

/* A key removed in Preferences is no longer trusted by the updater. */
static void
test_untrusted_after_removal (Fixture       *fixture,
                              gconstpointer  user_data)
{
  publish_update (fixture);
  g_settings_set_strv (fixture->settings, "trusted-keys", NULL);

  cr_rules_updater_check (fixture->updater);
  WAIT_FOR (!cr_rules_updater_get_checking (fixture->updater));
  g_assert_nonnull (cr_rules_updater_get_last_error (fixture->updater));
  g_assert_null (cr_rules_updater_get_report (fixture->updater));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *data = NULL;
  int ret;

  if (!cr_test_ui_has_display ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  /* Before anything asks GLib for these folders. */
  home = g_dir_make_tmp ("cr-rules-ui-XXXXXX", &error);
  g_assert_no_error (error);
  cache = g_build_filename (home, "cache", NULL);
  data = g_build_filename (home, "data", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("XDG_DATA_HOME", data, TRUE);

  cr_core_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/rules/status-bundled", test_status_bundled);
  ADD ("/ui/rules/update", test_update);
  ADD ("/ui/rules/failure", test_failure);
  ADD ("/ui/rules/startup", test_startup);
  ADD ("/ui/rules/button", test_button);
  ADD ("/ui/rules/preferences", test_preferences);
  ADD ("/ui/rules/untrusted-after-removal", test_untrusted_after_removal);

  ret = g_test_run ();

  cr_test_remove_tree (home);
  g_free (home);
  return ret;
}
