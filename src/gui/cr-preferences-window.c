/* cr-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-launch.h"
#include "cr-library.h"
#include "cr-preferences-window-private.h"
#include "cr-signature.h"

struct _CrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  GPtrArray            *key_rows;
  GPtrArray            *host_rows;
  GPtrArray            *folder_rows;
  GtkFileChooserNative *chooser;
  GCancellable         *cancellable;

  /* Template widgets */
  AdwPreferencesGroup  *folders_group;
  AdwEntryRow          *rules_url_row;
  GtkSwitch            *check_on_startup_switch;
  AdwPreferencesGroup  *keys_group;
  AdwPreferencesGroup  *hosts_group;
  AdwEntryRow          *host_entry_row;
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
show_toast (CrPreferencesWindow *self,
            const char          *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

/* Adds @value at the end of the string-list setting @key, unless it is in
 * it already. */
static void
add_to_strv_setting (GSettings  *settings,
                     const char *key,
                     const char *value)
{
  g_auto(GStrv) values = g_settings_get_strv (settings, key);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;

  if (g_strv_contains ((const char * const *) values, value))
    return;

  builder = g_strv_builder_new ();
  g_strv_builder_addv (builder, (const char **) values);
  g_strv_builder_add (builder, value);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, key, (const char * const *) updated);
}

/* Trusted keys: the project's, which cannot be removed, then the user's
 * (the trusted-keys setting, in minisign's one-line base64 form). */

/* A flat icon button of a row, running @action_name on @target. */
static GtkWidget *
make_row_button (const char *icon_name,
                 const char *tooltip,
                 const char *action_name,
                 const char *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* An icon alone says nothing to a screen reader. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (target));

  return button;
}

static void
add_key_row (CrPreferencesWindow *self,
             const char          *title,
             const char          *subtitle,
             const char          *stored)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("channel-secure-symbolic"));
  if (stored != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_row_button ("user-trash-symbolic",
                                                _("Stop Trusting This Key"),
                                                "prefs.remove-key", stored));

  adw_preferences_group_add (self->keys_group, row);
  g_ptr_array_add (self->key_rows, row);
}

static void
fill_keys (CrPreferencesWindow *self)
{
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "trusted-keys");
  CrPublicKey *project = cr_public_key_get_project_key ();

  for (guint i = 0; i < self->key_rows->len; i++)
    adw_preferences_group_remove (self->keys_group, g_ptr_array_index (self->key_rows, i));
  g_ptr_array_set_size (self->key_rows, 0);

  if (project != NULL)
    {
      /* Translators: %s is a key id, 16 hexadecimal digits */
      g_autofree char *title = g_strdup_printf (_("Key %s"), cr_public_key_get_id (project));

      add_key_row (self, title, _("The project’s key, shipped with the application"), NULL);
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(CrPublicKey) key = cr_public_key_new_from_string (keys[i], NULL);
      g_autofree char *title = NULL;

      if (key == NULL)
        {
          add_key_row (self, _("Unreadable Key"),
                       _("This entry is not a minisign public key: remove it"), keys[i]);
          continue;
        }

      /* Translators: %s is a key id, 16 hexadecimal digits */
      title = g_strdup_printf (_("Key %s"), cr_public_key_get_id (key));
      add_key_row (self, title, _("Added by you"), keys[i]);
    }
}

/* A file being read or looked at for the window: a key file (its display
 * name), or a library folder (its path). */
typedef struct
{
  CrPreferencesWindow *self;
  char                *name;
} PendingFile;

static PendingFile *
pending_file_new (CrPreferencesWindow *self,
                  char                *name)
{
  PendingFile *pending = g_new0 (PendingFile, 1);

  pending->self = g_object_ref (self);
  pending->name = name;
  return pending;
}

static void
pending_file_free (PendingFile *pending)
{
  g_object_unref (pending->self);
  g_free (pending->name);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PendingFile, pending_file_free)

static void
key_loaded_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PendingFile) load = user_data;
  CrPreferencesWindow *self = load->self;
  g_autofree char *contents = NULL;
  g_autoptr(CrPublicKey) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *message = NULL;
  g_auto(GStrv) keys = NULL;
  CrPublicKey *project = cr_public_key_get_project_key ();

  if (g_file_load_contents_finish (G_FILE (object), result, &contents, NULL, NULL, &error))
    key = cr_public_key_new_from_string (contents, &error);

  if (key == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a file name, then why it is not a public key */
          message = g_strdup_printf (_("“%s” is not a minisign public key: %s"), load->name,
                                     error->message);
          show_toast (self, message);
        }
      return;
    }

  encoded = cr_public_key_to_base64 (key);
  keys = g_settings_get_strv (self->settings, "trusted-keys");
  if ((project != NULL && cr_public_key_equal (project, key)) ||
      g_strv_contains ((const char * const *) keys, encoded))
    {
      /* Translators: %s is a key id */
      message = g_strdup_printf (_("Key %s is trusted already"), cr_public_key_get_id (key));
      show_toast (self, message);
      return;
    }

  add_to_strv_setting (self->settings, "trusted-keys", encoded);

  /* Translators: %s is a key id */
  message = g_strdup_printf (_("Key %s added: rule sets it signs are now accepted"),
                             cr_public_key_get_id (key));
  show_toast (self, message);
}

/**
 * cr_preferences_window_add_key_file:
 * @file: a minisign public key file
 *
 * Reads @file (asynchronously) and adds its key to the trusted keys: what
 * the file chooser of "Add Key…" does.
 */
void
cr_preferences_window_add_key_file (CrPreferencesWindow *self,
                                    GFile               *file)
{
  g_return_if_fail (CR_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_file_load_contents_async (file, self->cancellable, key_loaded_cb,
                              pending_file_new (self, g_file_get_parse_name (file)));
}

typedef void (*ChosenFunc) (CrPreferencesWindow *self,
                            GFile               *file);

static void
chooser_response_cb (GtkNativeDialog     *dialog,
                     int                  response,
                     CrPreferencesWindow *self)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (dialog), "chosen-func");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        chosen (self, file);
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

/* One file chooser at a time; @chosen gets what the user picked. */
static GtkFileChooser *
open_chooser (CrPreferencesWindow  *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept_label,
              ChosenFunc            chosen)
{
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action,
                                               accept_label, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "chosen-func", chosen);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);

  return GTK_FILE_CHOOSER (self->chooser);
}

static void
add_key_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) keys = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  chooser = open_chooser (self, _("Trust a Public Key"), GTK_FILE_CHOOSER_ACTION_OPEN,
                          _("_Trust"), cr_preferences_window_add_key_file);
  gtk_file_filter_set_name (keys, _("Minisign Public Keys"));
  gtk_file_filter_add_suffix (keys, "pub");
  gtk_file_chooser_add_filter (chooser, keys);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_from_strv_setting (GSettings  *settings,
                          const char *key,
                          const char *value)
{
  g_auto(GStrv) values = g_settings_get_strv (settings, key);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  for (guint i = 0; values[i] != NULL; i++)
    if (!g_str_equal (values[i], value))
      g_strv_builder_add (builder, values[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (settings, key, (const char * const *) updated);
}

static void
remove_key_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (widget);

  remove_from_strv_setting (self->settings, "trusted-keys", g_variant_get_string (parameter, NULL));
}

/* Library folders: the default one, which cannot be removed, then the
 * library-folders setting. */

static GtkWidget *
add_folder_row (CrPreferencesWindow *self,
                const char          *path,
                const char          *subtitle,
                gboolean             removable)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *display = g_filename_display_name (base);
  g_autofree char *display_path = g_filename_display_name (path);
  g_autofree char *full_subtitle = NULL;
  GtkWidget *icon, *open;

  full_subtitle = subtitle != NULL ? g_strdup_printf ("%s\n%s", display_path, subtitle)
                                   : g_strdup (display_path);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), display);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), full_subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  icon = gtk_image_new_from_icon_name ("folder-symbolic");
  g_object_set_data (G_OBJECT (row), "folder-icon", icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  open = make_row_button ("folder-open-symbolic", _("Open in Files"), "prefs.open-library-folder",
                          path);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
  if (removable)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               make_row_button ("user-trash-symbolic",
                                                _("Stop Listing This Folder (Its Cases Stay in It)"),
                                                "prefs.remove-library-folder", path));

  adw_preferences_group_add (self->folders_group, row);
  g_ptr_array_add (self->folder_rows, row);

  return row;
}

/* An added folder that is not there (a USB stick not plugged in, a sync
 * folder moved) lists no cases: its row says so. */
static void
folder_row_checked_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GtkWidget) row = user_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display_path = NULL;
  g_autofree char *subtitle = NULL;
  const char *problem;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    return;

  if (info != NULL)
    problem = _("Not a folder: no cases are listed from it");
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    problem = _("Not found: plug in the drive or check the folder; its cases are not listed");
  else
    problem = error->message;

  path = g_file_get_path (G_FILE (object));
  display_path = g_filename_display_name (path);
  subtitle = g_strdup_printf ("%s\n%s", display_path, problem);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (row), "folder-icon"),
                                "dialog-warning-symbolic");
  gtk_widget_add_css_class (row, "warning");
}

static void
fill_folders (CrPreferencesWindow *self)
{
  g_auto(GStrv) folders = g_settings_get_strv (self->settings, "library-folders");
  g_autofree char *default_root = cr_library_dup_default_root ();

  for (guint i = 0; i < self->folder_rows->len; i++)
    adw_preferences_group_remove (self->folders_group, g_ptr_array_index (self->folder_rows, i));
  g_ptr_array_set_size (self->folder_rows, 0);

  add_folder_row (self, default_root, _("New cases are created here"), FALSE);
  for (guint i = 0; folders[i] != NULL; i++)
    {
      GtkWidget *row = add_folder_row (self, folders[i], NULL, TRUE);
      g_autoptr(GFile) folder = g_file_new_for_path (folders[i]);

      g_file_query_info_async (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                               G_PRIORITY_DEFAULT, self->cancellable, folder_row_checked_cb,
                               g_object_ref (row));
    }
}

/* Whether @path is @folder or inside it. */
static gboolean
is_within (const char *path,
           const char *folder)
{
  size_t len = strlen (folder);

  return strncmp (path, folder, len) == 0 && (path[len] == '\0' || path[len] == G_DIR_SEPARATOR);
}

static void
case_file_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(PendingFile) check = user_data;
  CrPreferencesWindow *self = check->self;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (check->name);
  g_autofree char *message = NULL;
  g_autofree char *base = NULL;
  g_autofree char *base_display = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      return;
    }
  if (info != NULL)
    {
      /* Translators: %s is a folder */
      message = g_strdup_printf (_("%s is a case folder: add the folder that holds case folders "
                                   "instead, or import the case"), display);
      show_toast (self, message);
      return;
    }

  add_to_strv_setting (self->settings, "library-folders", check->name);

  /* Translators: %s is the name of a folder */
  base = g_path_get_basename (check->name);
  base_display = g_filename_display_name (base);
  message = g_strdup_printf (_("The cases in “%s” are now listed"), base_display);
  show_toast (self, message);
}

static void
folder_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PendingFile) check = user_data;
  CrPreferencesWindow *self = check->self;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = g_filename_display_name (check->name);
  g_autofree char *message = NULL;
  g_autoptr(GFile) case_file = NULL;

  info = g_file_query_info_finish (G_FILE (object), result, &error);
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* Translators: a folder, then why it cannot be used */
          message = g_strdup_printf (_("The folder %s cannot be used: %s"), display, error->message);
          show_toast (self, message);
        }
      return;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    {
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("%s is not a folder"), display);
      show_toast (self, message);
      return;
    }

  /* The folder of one case: its parent is what holds cases. */
  case_file = g_file_get_child (G_FILE (object), "case.json");
  g_file_query_info_async (case_file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, case_file_checked_cb,
                           g_steal_pointer (&check));
}

/**
 * cr_preferences_window_add_library_folder:
 * @folder: a folder holding case folders
 *
 * Adds @folder to the library folders, after checking (asynchronously)
 * that it is a folder and not a case folder itself: what the folder
 * chooser of "Add Folder…" does.
 */
void
cr_preferences_window_add_library_folder (CrPreferencesWindow *self,
                                          GFile               *folder)
{
  g_autofree char *raw = NULL;
  g_autofree char *path = NULL;
  g_autofree char *display = NULL;
  g_autofree char *default_root = cr_library_dup_default_root ();
  g_auto(GStrv) folders = NULL;
  g_autofree char *message = NULL;

  g_return_if_fail (CR_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  raw = g_file_get_path (folder);
  if (raw == NULL)
    {
      show_toast (self, _("Only folders on this computer or mounted on it can hold cases"));
      return;
    }
  path = g_canonicalize_filename (raw, NULL);
  display = g_filename_display_name (path);

  folders = g_settings_get_strv (self->settings, "library-folders");
  if (is_within (path, default_root))
    {
      /* Translators: %s is a folder */
      message = g_strdup_printf (_("%s is the default library folder or inside it"), display);
      show_toast (self, message);
      return;
    }
  for (guint i = 0; folders[i] != NULL; i++)
    {
      if (is_within (path, folders[i]) || is_within (folders[i], path))
        {
          g_autofree char *other = g_filename_display_name (folders[i]);

          /* Translators: two folders */
          message = g_str_equal (path, folders[i])
                      ? g_strdup_printf (_("%s is listed already"), display)
                      : g_strdup_printf (_("%s overlaps the library folder %s"), display, other);
          show_toast (self, message);
          return;
        }
    }

  g_file_query_info_async (folder, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE,
                           G_PRIORITY_DEFAULT, self->cancellable, folder_checked_cb,
                           pending_file_new (self, g_steal_pointer (&path)));
}

static void
add_library_folder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (widget);

  open_chooser (self, _("Add a Library Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("_Add"), cr_preferences_window_add_library_folder);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
folder_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_launch_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a system error message */
      message = g_strdup_printf (_("The folder could not be opened: %s"), error->message);
      show_toast (self, message);
    }
}

static void
open_library_folder_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  g_autoptr(GFile) folder = g_file_new_for_path (g_variant_get_string (parameter, NULL));
  g_autofree char *uri = g_file_get_uri (folder);

  cr_launch_uri_async (widget, uri, folder_opened_cb, g_object_ref (widget));
}

static void
remove_library_folder_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (widget);

  remove_from_strv_setting (self->settings, "library-folders",
                            g_variant_get_string (parameter, NULL));
}

/* Hosts allowed without HTTPS */

static void
fill_hosts (CrPreferencesWindow *self)
{
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "insecure-hosts");

  for (guint i = 0; i < self->host_rows->len; i++)
    adw_preferences_group_remove (self->hosts_group, g_ptr_array_index (self->host_rows, i));
  g_ptr_array_set_size (self->host_rows, 0);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), hosts[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("channel-insecure-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_row_button ("user-trash-symbolic",
                                                  _("Require HTTPS Again"),
                                                  "prefs.remove-host", hosts[i]));
      adw_preferences_group_add (self->hosts_group, row);
      g_ptr_array_add (self->host_rows, row);
    }
}

/* "host" or "host:port", lower-case; NULL for anything else (a URL, a
 * path, a user name …). */
static char *
normalize_host (const char *text)
{
  g_autofree char *candidate = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (*text == '\0' || strpbrk (text, "/?#@ \t") != NULL)
    return NULL;

  candidate = g_strconcat ("http://", text, NULL);
  uri = g_uri_parse (candidate, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  host = g_uri_get_host (uri);
  if (host == NULL || *host == '\0' || g_uri_get_userinfo (uri) != NULL ||
      (*g_uri_get_path (uri) != '\0' && !g_str_equal (g_uri_get_path (uri), "/")))
    return NULL;

  if (g_uri_get_port (uri) > 0)
    return g_ascii_strdown (text, -1);
  return g_ascii_strdown (host, -1);
}

static void
host_apply_cb (CrPreferencesWindow *self,
               AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autofree char *host = normalize_host (text);

  if (host == NULL)
    {
      g_autofree char *message = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      /* Translators: %s is what the user typed */
      message = g_strdup_printf (_("“%s” is not a host name (such as 192.168.1.10 or "
                                   "trainer.lan:8080)"), text);
      show_toast (self, message);
      return;
    }

  add_to_strv_setting (self->settings, "insecure-hosts", host);

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
host_changed_cb (CrPreferencesWindow *self,
                 AdwEntryRow         *row)
{
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
remove_host_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CrPreferencesWindow *self = CR_PREFERENCES_WINDOW (widget);

  remove_from_strv_setting (self->settings, "insecure-hosts",
                            g_variant_get_string (parameter, NULL));
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

  fill_folders (self);
  fill_keys (self);
  fill_hosts (self);
  g_signal_connect_object (self->settings, "changed::library-folders", G_CALLBACK (fill_folders),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::trusted-keys", G_CALLBACK (fill_keys), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::insecure-hosts", G_CALLBACK (fill_hosts),
                           self, G_CONNECT_SWAPPED);
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

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->key_rows, g_ptr_array_unref);
  g_clear_pointer (&self->host_rows, g_ptr_array_unref);
  g_clear_pointer (&self->folder_rows, g_ptr_array_unref);

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
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, folders_group);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, rules_url_row);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow,
                                        check_on_startup_switch);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, keys_group);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, hosts_group);
  gtk_widget_class_bind_template_child (widget_class, CrPreferencesWindow, host_entry_row);
  gtk_widget_class_bind_template_callback (widget_class, rules_url_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, rules_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_changed_cb);

  gtk_widget_class_install_action (widget_class, "prefs.add-library-folder", NULL,
                                   add_library_folder_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-library-folder", "s",
                                   remove_library_folder_action);
  gtk_widget_class_install_action (widget_class, "prefs.open-library-folder", "s",
                                   open_library_folder_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-key", NULL, add_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-key", "s", remove_key_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-host", "s", remove_host_action);
}

static void
cr_preferences_window_init (CrPreferencesWindow *self)
{
  self->key_rows = g_ptr_array_new ();
  self->host_rows = g_ptr_array_new ();
  self->folder_rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}
