/* cr-window.c: the main window, a case library beside the case view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window owns the library (the sidebar lists it) and the session of
 * the open case (cr-case-session.c saves it and watches it on disk). Every
 * operation on cases runs in a worker thread; the window only reacts to
 * their results, so it never waits on the disk.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-case-session.h"
#include "cr-case-status.h"
#include "cr-case-view.h"
#include "cr-date.h"
#include "cr-library-sidebar.h"
#include "cr-library.h"
#include "cr-window.h"
#include "rules/cr-rules-button.h"

struct _CrWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CrLibrary            *library;
  CrCaseSession        *session;
  CrLibraryItem        *open_item;     /* the item of the session's case */
  GCancellable         *open_cancellable;
  GCancellable         *cancellable;   /* cancelled when the window goes */
  char                 *pending_focus; /* a JSON pointer to focus once the case is open */
  GPtrArray            *pending_opens; /* case files to open once the library is listed */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  AdwClamp             *sidebar_clamp;
  GtkButton            *back_button;
  GtkToggleButton      *search_button;
  CrLibrarySidebar     *sidebar;
  AdwViewSwitcherTitle *content_title;
  GtkMenuButton        *case_menu_button;
  GtkStack             *content_stack;
  AdwStatusPage        *welcome_page;
  GtkMenuButton        *sample_button;
  AdwStatusPage        *error_page;
  GtkSpinner           *loading_spinner;
  AdwBin               *case_bin;
  CrCaseView           *case_view;    /* made when first needed */
  guint                 case_view_idle;
  GMenu                *samples_menu;
};

G_DEFINE_FINAL_TYPE (CrWindow, cr_window, ADW_TYPE_APPLICATION_WINDOW)

static void open_item (CrWindow      *self,
                       CrLibraryItem *item);

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

/**
 * cr_window_get_library:
 *
 * Returns: (transfer none): the case library the sidebar lists.
 */
CrLibrary *
cr_window_get_library (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);

  return self->library;
}

/**
 * cr_window_get_session:
 *
 * Returns: (transfer none) (nullable): the open case's session.
 */
CrCaseSession *
cr_window_get_session (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);

  return self->session;
}

/* The case view, with its pages, is made when the first case opens (or
 * when the window is idle after its first frame), not at start-up: the
 * window shows sooner. */
static CrCaseView *
ensure_case_view (CrWindow *self)
{
  g_clear_handle_id (&self->case_view_idle, g_source_remove);

  if (self->case_view != NULL)
    return self->case_view;

  self->case_view = g_object_new (CR_TYPE_CASE_VIEW, NULL);
  adw_bin_set_child (self->case_bin, GTK_WIDGET (self->case_view));
  adw_view_switcher_title_set_stack (self->content_title, cr_case_view_get_stack (self->case_view));
  g_object_bind_property (self->content_title, "title-visible", self->case_view, "reveal-switcher",
                          G_BINDING_SYNC_CREATE);

  return self->case_view;
}

static gboolean
make_case_view_idle_cb (gpointer user_data)
{
  CrWindow *self = user_data;

  self->case_view_idle = 0;
  ensure_case_view (self);

  return G_SOURCE_REMOVE;
}

/**
 * cr_window_get_case_view:
 *
 * Returns: (transfer none): the view of the open case.
 */
CrCaseView *
cr_window_get_case_view (CrWindow *self)
{
  g_return_val_if_fail (CR_IS_WINDOW (self), NULL);

  return ensure_case_view (self);
}

static void
toast (CrWindow   *self,
       const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static AdwMessageDialog *
message_dialog_new (CrWindow   *self,
                    const char *heading,
                    const char *body)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  return dialog;
}

static void
show_error (CrWindow   *self,
            const char *heading,
            const char *body)
{
  AdwMessageDialog *dialog = message_dialog_new (self, heading, body);

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static const char *
item_title (CrLibraryItem *item)
{
  return cr_library_item_get_title (item);
}

/* Window state */

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

static void close_session (CrWindow *self);

static gboolean
cr_window_close_request (GtkWindow *window)
{
  CrWindow *self = CR_WINDOW (window);

  save_window_state (self);
  /* Unsaved edits are still saved; the application waits for them. */
  close_session (self);

  return GTK_WINDOW_CLASS (cr_window_parent_class)->close_request (window);
}

static void
leaflet_back_cb (CrWindow  *self,
                 GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  cr_library_sidebar_focus_list (self->sidebar);
}

/* Actions' enabled state */

static void
update_actions (CrWindow *self)
{
  CrLibraryItem *selected = cr_library_sidebar_get_selected (self->sidebar);
  gboolean has_case = self->session != NULL;
  gboolean readable = selected != NULL && cr_library_item_get_error (selected) == NULL;
  const char *case_actions[] = {
    "add-record", "paste-records", "import-records", "export-case", "set-tracking",
  };

  for (guint i = 0; i < G_N_ELEMENTS (case_actions); i++)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                              case_actions[i])),
                                 has_case);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "rename-case")),
                               selected != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "delete-case")),
                               selected != NULL);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self),
                                                                            "duplicate-case")),
                               readable);

  gtk_widget_set_visible (GTK_WIDGET (self->case_menu_button), has_case);
}

static void
update_tracking_state (CrWindow *self)
{
  static const char * const ids[] = { "none", "submitted", "repaired", "returned" };
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "set-tracking");
  CrTracking tracking = CR_TRACKING_NONE;

  if (self->session != NULL)
    tracking = cr_case_get_tracking (cr_case_session_get_case (self->session), NULL);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_string (ids[tracking]));
}

/* Titles */

static void
update_title (CrWindow *self)
{
  const char *subtitle = NULL;
  g_autofree char *title = NULL;

  /* The page switcher only means something with a case open. */
  adw_view_switcher_title_set_view_switcher_enabled (self->content_title, self->session != NULL);

  if (self->session == NULL)
    {
      adw_view_switcher_title_set_title (self->content_title, _("Credit Repair"));
      adw_view_switcher_title_set_subtitle (self->content_title, NULL);
      return;
    }

  {
    CrCase *kase = cr_case_session_get_case (self->session);
    const char *company = cr_case_get_company_name (kase);

    if (company != NULL && company[0] != '\0')
      title = g_strdup (company);
    else
      title = g_path_get_basename (cr_case_session_get_folder (self->session));
  }

  switch (cr_case_session_get_state (self->session))
    {
    case CR_CASE_SESSION_SAVED:
      subtitle = _("All changes saved");
      break;
    case CR_CASE_SESSION_UNSAVED:
    case CR_CASE_SESSION_SAVING:
      subtitle = _("Saving…");
      break;
    case CR_CASE_SESSION_CONFLICT:
      subtitle = _("Changed elsewhere: not saved");
      break;
    case CR_CASE_SESSION_FAILED:
      subtitle = _("Not saved");
      break;
    default:
      break;
    }

  adw_view_switcher_title_set_title (self->content_title, title);
  adw_view_switcher_title_set_subtitle (self->content_title, subtitle);
}

static void
show_content (CrWindow   *self,
              const char *page)
{
  gtk_stack_set_visible_child_name (self->content_stack, page);
  gtk_spinner_set_spinning (self->loading_spinner, g_str_equal (page, "loading"));
}

/* The session of the open case */

static void
session_case_notify_cb (CrWindow      *self,
                        GParamSpec    *pspec,
                        CrCaseSession *session)
{
  cr_case_view_set_case (ensure_case_view (self), cr_case_session_get_case (session));
  update_title (self);
  update_tracking_state (self);
}

static void
session_state_notify_cb (CrWindow *self)
{
  update_title (self);
}

/* The session moved to a conflict copy: resolve_done_cb() lists it. */
static void
session_folder_notify_cb (CrWindow      *self,
                          GParamSpec    *pspec,
                          CrCaseSession *session)
{
  update_title (self);
}

static void
session_saved_cb (CrWindow      *self,
                  CrCaseSession *session)
{
  if (self->open_item != NULL)
    cr_library_update_item (self->library, self->open_item, cr_case_session_get_case (session));
  update_title (self);
}

static void
session_save_failed_cb (CrWindow      *self,
                        const GError  *error,
                        CrCaseSession *session)
{
  g_autofree char *title = NULL;

  /* Translators: %s is an error message */
  title = g_strdup_printf (_("The case could not be saved: %s"), error->message);
  toast (self, title);
}

static void
library_item_added_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  if (item == NULL)
    {
      g_debug ("A case folder could not be listed: %s", error->message);
      return;
    }

  if (self->session != NULL &&
      g_strcmp0 (cr_library_item_get_folder (item), cr_case_session_get_folder (self->session)) == 0)
    {
      g_set_object (&self->open_item, item);
      cr_library_sidebar_select (self->sidebar, item);
    }
}

static void
resolve_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  CrCaseSession *session = CR_CASE_SESSION (object);
  g_autofree char *copy_folder = NULL;
  g_autoptr(GError) error = NULL;

  if (!cr_case_session_resolve_finish (session, result, &copy_folder, &error))
    {
      show_error (self, _("The Conflict Could Not Be Resolved"), error->message);
      return;
    }

  if (copy_folder != NULL)
    {
      g_autofree char *base = g_path_get_basename (copy_folder);
      g_autofree char *display = g_filename_display_name (base);
      g_autofree char *title = NULL;
      CrLibraryItem *original = self->open_item;

      /* The other version stays in the original folder: list both. */
      if (original != NULL)
        cr_library_add_folder_async (self->library, cr_library_item_get_store (original),
                                     cr_library_item_get_folder (original), NULL,
                                     library_item_added_cb, g_object_ref (self));
      g_clear_object (&self->open_item);
      cr_library_add_folder_async (self->library, cr_case_session_get_store (session),
                                   copy_folder, NULL, library_item_added_cb,
                                   g_object_ref (self));

      /* Translators: %s is the name of a case folder */
      title = g_strdup_printf (_("Your version was saved as “%s”"), display);
      toast (self, title);
    }
  else
    {
      if (self->open_item != NULL)
        cr_library_update_item (self->library, self->open_item,
                                cr_case_session_get_case (session));
      toast (self, _("The other version was taken"));
    }
}

static void
conflict_response_cb (CrWindow         *self,
                      const char       *response,
                      AdwMessageDialog *dialog)
{
  if (self->session == NULL)
    return;

  cr_case_session_resolve_async (self->session, !g_str_equal (response, "theirs"), NULL,
                                 resolve_done_cb, g_object_ref (self));
}

static void
session_conflict_cb (CrWindow      *self,
                     CrCaseSession *session)
{
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  g_autofree char *base = g_path_get_basename (cr_case_session_get_folder (session));
  g_autofree char *display = g_filename_display_name (base);

  body = g_strdup_printf (_("Another program or a synchronised copy changed “%s” on disk "
                            "while you had unsaved edits here. Nothing has been overwritten.\n\n"
                            "Keep your version as a separate case, or take the other version "
                            "and drop your edits."),
                          display);
  dialog = message_dialog_new (self, _("This Case Was Changed Elsewhere"), body);
  adw_message_dialog_add_responses (dialog,
                                    "theirs", _("_Take the Other Version"),
                                    "mine", _("_Keep Mine as a Copy"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "theirs", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "mine", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "mine");
  /* Closing the dialog loses nothing either. */
  adw_message_dialog_set_close_response (dialog, "mine");
  g_signal_connect_object (dialog, "response", G_CALLBACK (conflict_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_session (CrWindow *self)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      cr_case_session_close (self->session);
      g_clear_object (&self->session);
    }
  g_clear_object (&self->open_item);

  if (self->case_view != NULL)
    cr_case_view_set_case (self->case_view, NULL);
}

static void
show_welcome (CrWindow *self)
{
  close_session (self);
  show_content (self, "welcome");
  update_title (self);
  update_actions (self);
}

static void
show_session (CrWindow      *self,
              CrCaseSession *session,
              CrLibraryItem *item)
{
  g_set_object (&self->session, session);
  g_set_object (&self->open_item, item);

  g_signal_connect_object (session, "notify::case", G_CALLBACK (session_case_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::folder", G_CALLBACK (session_folder_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "saved", G_CALLBACK (session_saved_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "save-failed", G_CALLBACK (session_save_failed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "conflict", G_CALLBACK (session_conflict_cb), self,
                           G_CONNECT_SWAPPED);

  cr_case_view_set_case (ensure_case_view (self), cr_case_session_get_case (session));
  show_content (self, "case");
  update_title (self);
  update_actions (self);
  update_tracking_state (self);

  if (self->pending_focus != NULL)
    {
      g_autofree char *pointer = g_steal_pointer (&self->pending_focus);

      cr_case_view_focus_pointer (self->case_view, pointer);
    }
}

typedef struct
{
  CrWindow      *self;
  CrLibraryItem *item;
  CrCaseSession *session;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->item);
  g_clear_object (&data->session);
  g_free (data);
}

static void
recover_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  OpenData *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_case_session_recover_finish (CR_CASE_SESSION (object), result, &error))
    show_error (data->self, _("The Unsaved Edits Could Not Be Restored"), error->message);

  /* Still the case the user wants? */
  if (cr_library_sidebar_get_selected (data->self->sidebar) == data->item &&
      data->self->session == NULL)
    show_session (data->self, data->session, data->item);

  open_data_free (data);
}

static void
recovery_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      OpenData         *data)
{
  cr_case_session_recover_async (data->session, g_str_equal (response, "restore"), NULL,
                                 recover_done_cb, data);
}

static void
session_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  OpenData *data = user_data;
  CrWindow *self = data->self;
  g_autoptr(GError) error = NULL;
  gboolean has_recovery = FALSE;
  const char *delay;

  data->session = cr_case_session_open_finish (result, &has_recovery, NULL, &error);
  if (data->session == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          adw_status_page_set_description (self->error_page, error->message);
          show_content (self, "error");
        }
      open_data_free (data);
      return;
    }

  /* Tests save sooner. */
  delay = g_getenv ("CREDIT_REPAIR_AUTOSAVE_DELAY_MS");
  if (delay != NULL)
    cr_case_session_set_delay (data->session, (guint) g_ascii_strtoull (delay, NULL, 10));

  if (has_recovery)
    {
      AdwMessageDialog *dialog;
      g_autofree char *body = NULL;

      body = g_strdup_printf (_("“%s” has edits that were not saved when the application "
                                "last stopped. Restore them, or keep the case as it was last "
                                "saved?"),
                              item_title (data->item));
      dialog = message_dialog_new (self, _("Restore Unsaved Edits?"), body);
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Keep Saved Version"),
                                        "restore", _("_Restore Edits"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
      /* Closing the dialog keeps the edits (they stay in the autosave file). */
      adw_message_dialog_set_close_response (dialog, "restore");
      g_signal_connect (dialog, "response", G_CALLBACK (recovery_response_cb), data);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_session (self, data->session, data->item);
  open_data_free (data);
}

static void
open_item (CrWindow      *self,
           CrLibraryItem *item)
{
  OpenData *data;

  if (self->session != NULL &&
      g_strcmp0 (cr_case_session_get_folder (self->session), cr_library_item_get_folder (item)) == 0)
    {
      g_set_object (&self->open_item, item);
      return;
    }

  close_session (self);
  update_actions (self);

  if (cr_library_item_get_error (item) != NULL)
    {
      adw_status_page_set_description (self->error_page, cr_library_item_get_error (item));
      show_content (self, "error");
      update_title (self);
      return;
    }

  show_content (self, "loading");
  self->open_cancellable = g_cancellable_new ();
  data = g_new0 (OpenData, 1);
  data->self = g_object_ref (self);
  data->item = g_object_ref (item);
  cr_case_session_open_async (cr_library_item_get_store (item), cr_library_item_get_folder (item),
                              self->open_cancellable, session_opened_cb, data);
}

static void
sidebar_selection_changed_cb (CrWindow         *self,
                              CrLibrarySidebar *sidebar)
{
  CrLibraryItem *item = cr_library_sidebar_get_selected (sidebar);

  update_actions (self);

  /* Nothing selected (a search hid it): the open case stays open. */
  if (item == NULL)
    return;

  open_item (self, item);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
library_items_changed_cb (CrWindow   *self,
                          guint       position,
                          guint       removed,
                          guint       added,
                          GListModel *items)
{
  /* After a new listing, the open case has a new item: select it. */
  if (self->session != NULL)
    {
      CrLibraryItem *item = cr_library_lookup (self->library,
                                               cr_case_session_get_folder (self->session));

      if (item != NULL && item != self->open_item)
        {
          g_set_object (&self->open_item, item);
          cr_library_sidebar_select (self->sidebar, item);
        }
    }

  update_actions (self);
}

/* Selects @item, which opens it, and shows it on a narrow window. */
static void
select_and_show (CrWindow      *self,
                 CrLibraryItem *item)
{
  if (!cr_library_sidebar_select (self->sidebar, item))
    {
      /* Hidden by the search: show everything. */
      cr_library_sidebar_set_search_text (self->sidebar, "");
      cr_library_sidebar_set_search_mode (self->sidebar, FALSE);
      cr_library_sidebar_select (self->sidebar, item);
    }
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

/* Library operations */

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  if (item == NULL)
    {
      g_clear_pointer (&self->pending_focus, g_free);
      show_error (self, _("The Case Could Not Be Created"), error->message);
      return;
    }

  select_and_show (self, item);
}

static void
new_case_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  g_free (self->pending_focus);
  self->pending_focus = g_strdup ("/company/name");
  cr_library_create_async (self->library, NULL, NULL, NULL, created_cb, g_object_ref (self));
}

/* Runs @then once the case of @item is saved and, when @close, closed. */
typedef void (*ItemFunc) (CrWindow      *self,
                          CrLibraryItem *item);

typedef struct
{
  CrWindow      *self;
  CrLibraryItem *item;
  ItemFunc       then;
  gboolean       close;
} AfterFlush;

static void
after_flush_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AfterFlush *data = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_case_session_flush_finish (CR_CASE_SESSION (object), result, &error))
    {
      show_error (data->self, _("The Case Could Not Be Saved"), error->message);
    }
  else
    {
      if (data->close && data->self->session == CR_CASE_SESSION (object))
        {
          close_session (data->self);
          show_content (data->self, "loading");
        }
      data->then (data->self, data->item);
    }

  g_object_unref (data->self);
  g_object_unref (data->item);
  g_free (data);
}

static void
with_case_saved (CrWindow      *self,
                 CrLibraryItem *item,
                 gboolean       close,
                 ItemFunc       then)
{
  AfterFlush *data;

  if (self->session == NULL ||
      g_strcmp0 (cr_case_session_get_folder (self->session), cr_library_item_get_folder (item)) != 0)
    {
      then (self, item);
      return;
    }

  data = g_new0 (AfterFlush, 1);
  data->self = g_object_ref (self);
  data->item = g_object_ref (item);
  data->then = then;
  data->close = close;
  cr_case_session_flush_async (self->session, NULL, after_flush_cb, data);
}

/* Rename */

static void
renamed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  if (item == NULL)
    show_error (self, _("The Case Could Not Be Renamed"), error->message);

  /* Open it again (under its new name, or the old one after an error). */
  if (cr_library_sidebar_get_selected (self->sidebar) != NULL)
    open_item (self, cr_library_sidebar_get_selected (self->sidebar));
}

static void
do_rename (CrWindow      *self,
           CrLibraryItem *item)
{
  const char *name = g_object_get_data (G_OBJECT (item), "new-name");

  cr_library_rename_async (self->library, item, name, NULL, renamed_cb, g_object_ref (self));
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CrWindow         *self)
{
  CrLibraryItem *item = g_object_get_data (G_OBJECT (dialog), "item");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (!g_str_equal (response, "rename") || name[0] == '\0' ||
      g_str_equal (name, cr_library_item_get_name (item)))
    return;

  g_object_set_data_full (G_OBJECT (item), "new-name", g_steal_pointer (&name), g_free);
  with_case_saved (self, item, TRUE, do_rename);
}

static void
rename_entry_activate_cb (GtkEntry         *entry,
                          AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "rename");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
rename_case_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  CrLibraryItem *item = cr_library_sidebar_get_selected (self->sidebar);
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  if (item == NULL)
    return;

  dialog = message_dialog_new (self, _("Rename Case"),
                               _("The name of the case’s folder in the library."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), cr_library_item_get_name (item));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Case name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "rename", _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect (entry, "activate", G_CALLBACK (rename_entry_activate_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Duplicate */

static void
duplicated_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  if (item == NULL)
    {
      show_error (self, _("The Case Could Not Be Duplicated"), error->message);
      return;
    }

  select_and_show (self, item);
}

static void
do_duplicate (CrWindow      *self,
              CrLibraryItem *item)
{
  cr_library_duplicate_async (self->library, item, NULL, duplicated_cb, g_object_ref (self));
}

static void
duplicate_case_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  CrLibraryItem *item = cr_library_sidebar_get_selected (self->sidebar);

  if (item != NULL)
    with_case_saved (self, item, FALSE, do_duplicate);
}

/* Delete, with undo */

typedef struct
{
  CrWindow    *self;
  CrCaseStore *store;
  char        *trash_entry;
} Deleted;

static void
deleted_free (Deleted *deleted)
{
  g_object_unref (deleted->self);
  g_object_unref (deleted->store);
  g_free (deleted->trash_entry);
  g_free (deleted);
}

static void
restored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  if (item == NULL)
    {
      show_error (self, _("The Case Could Not Be Restored"), error->message);
      return;
    }

  select_and_show (self, item);
}

static void
undo_delete_cb (AdwToast *toast,
                Deleted  *deleted)
{
  cr_library_restore_async (deleted->self->library, deleted->store, deleted->trash_entry, NULL,
                            restored_cb, g_object_ref (deleted->self));
}

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trash_entry = NULL;
  g_autofree char *title = NULL;
  Deleted *deleted;
  AdwToast *toast;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, &trash_entry, NULL, &error);
  if (item == NULL)
    {
      show_error (self, _("The Case Could Not Be Deleted"), error->message);
      return;
    }

  if (self->session == NULL)
    show_welcome (self);
  update_actions (self);

  deleted = g_new0 (Deleted, 1);
  deleted->self = g_object_ref (self);
  deleted->store = g_object_ref (cr_library_item_get_store (item));
  deleted->trash_entry = g_steal_pointer (&trash_entry);

  /* Translators: %s is a company or case name */
  title = g_strdup_printf (_("“%s” deleted"), item_title (item));
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_delete_cb), deleted,
                         (GClosureNotify) (void (*) (void)) deleted_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
do_delete (CrWindow      *self,
           CrLibraryItem *item)
{
  cr_library_delete_async (self->library, item, NULL, deleted_cb, g_object_ref (self));
}

static void
delete_case_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  CrLibraryItem *item = cr_library_sidebar_get_selected (self->sidebar);

  if (item != NULL)
    with_case_saved (self, item, TRUE, do_delete);
}

/* Import and export */

static void
show_warnings (CrWindow   *self,
               const char *heading,
               GPtrArray  *warnings)
{
  g_autoptr(GString) body = g_string_new (NULL);

  if (warnings == NULL || warnings->len == 0)
    return;

  for (guint i = 0; i < warnings->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (warnings, i);

      g_string_append_printf (body, "%s%s", i > 0 ? "\n" : "", problem->message);
    }
  show_error (self, heading, body->str);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(CrLibraryItem) item = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, &warnings, &error);
  if (item == NULL)
    {
      show_error (self, _("The Case Could Not Be Imported"), error->message);
      return;
    }

  select_and_show (self, item);
  show_warnings (self, _("Imported, with Warnings"), warnings);
}

static void
import_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            CrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cr_library_import_async (self->library, path, NULL, imported_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
import_case_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Case"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("Case files (case.json)"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  /* A copy goes into the library: the sample itself stays as it is. */
  cr_library_import_async (self->library, g_variant_get_string (parameter, NULL), NULL,
                           imported_cb, g_object_ref (self));
}

/* Opens the case of @case_file: its item when the case is in the library
 * already, otherwise a copy imported into it. */
static void
open_case_file_now (CrWindow   *self,
                    const char *case_file)
{
  g_autofree char *folder = g_path_get_dirname (case_file);
  CrLibraryItem *item = cr_library_lookup (self->library, folder);

  if (item != NULL)
    select_and_show (self, item);
  else
    cr_library_import_async (self->library, case_file, NULL, imported_cb, g_object_ref (self));
}

static void
library_loading_notify_cb (CrWindow   *self,
                           GParamSpec *pspec,
                           CrLibrary  *library)
{
  g_autoptr(GPtrArray) pending = NULL;

  if (cr_library_get_loading (library) || self->pending_opens == NULL)
    return;

  pending = g_steal_pointer (&self->pending_opens);
  for (guint i = 0; i < pending->len; i++)
    open_case_file_now (self, g_ptr_array_index (pending, i));
}

/**
 * cr_window_open_case_file:
 * @file: a case folder, or the case.json (or other interchange file) in it
 *
 * What opening a case from the file manager or the command line does: the
 * case is selected when it is in the library already (once the library is
 * listed), and imported as a copy otherwise.
 */
void
cr_window_open_case_file (CrWindow *self,
                          GFile    *file)
{
  g_autofree char *path = NULL;
  g_autofree char *case_file = NULL;

  g_return_if_fail (CR_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);
      g_autofree char *message = NULL;

      /* Translators: %s is an address such as sftp://… */
      message = g_strdup_printf (_("%s is not on this computer: copy the case folder here "
                                   "first"), uri);
      show_error (self, _("The Case Could Not Be Opened"), message);
      return;
    }

  /* A case is a folder; its file is case.json (an export may name it
   * otherwise, but it ends in .json). */
  case_file = g_str_has_suffix (path, ".json") ? g_strdup (path)
                                               : g_build_filename (path, "case.json", NULL);

  if (!cr_library_get_loading (self->library))
    {
      open_case_file_now (self, case_file);
      return;
    }

  if (self->pending_opens == NULL)
    self->pending_opens = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->pending_opens, g_steal_pointer (&case_file));
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrWindow) self = user_data;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;

  if (!cr_library_export_finish (CR_LIBRARY (object), result, &warnings, &error))
    {
      show_error (self, _("The Case Could Not Be Exported"), error->message);
      return;
    }

  toast (self, _("Case exported"));
  show_warnings (self, _("Exported, with Warnings"), warnings);
}

static void
export_chooser_response_cb (GtkNativeDialog *chooser,
                            int              response,
                            CrWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && self->session != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        cr_library_export_async (self->library, cr_case_session_get_store (self->session),
                                 cr_case_session_get_case (self->session), path, NULL,
                                 exported_cb, g_object_ref (self));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_case_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  if (self->session == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Case as a Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = g_path_get_basename (cr_case_session_get_folder (self->session));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (export_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The rest */

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  cr_library_sidebar_set_search_mode (self->sidebar, TRUE);
}

static void
sort_cases_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  const char *sort = g_variant_get_string (parameter, NULL);

  cr_library_sidebar_set_sort (self->sidebar, g_str_equal (sort, "date")
                                                ? CR_LIBRARY_SORT_DATE
                                                : CR_LIBRARY_SORT_COMPANY);
  g_simple_action_set_state (action, parameter);
}

static void
refresh_library_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  cr_library_refresh (self->library);
}

static void
add_record_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  if (self->session != NULL)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
      cr_case_view_add_record (self->case_view);
    }
}

static void
paste_records_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  if (self->session != NULL)
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
      cr_case_view_paste_records (self->case_view);
    }
}

static void
import_records_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);

  if (self->session != NULL)
    cr_case_view_import_records (self->case_view);
}

static void
set_tracking_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CrWindow *self = CR_WINDOW (user_data);
  const char *id = g_variant_get_string (parameter, NULL);
  CrTracking tracking = CR_TRACKING_NONE;
  GDate today;

  if (self->session == NULL)
    return;

  if (g_str_equal (id, "submitted"))
    tracking = CR_TRACKING_SUBMITTED;
  else if (g_str_equal (id, "repaired"))
    tracking = CR_TRACKING_REPAIRED;
  else if (g_str_equal (id, "returned"))
    tracking = CR_TRACKING_RETURNED;

  cr_date_set_today (&today);
  /* An edit of the case: the session saves it. */
  if (cr_case_set_tracking (cr_case_session_get_case (self->session), tracking, &today))
    {
      if (self->open_item != NULL)
        cr_library_update_item (self->library, self->open_item,
                                cr_case_session_get_case (self->session));
    }
  g_simple_action_set_state (action, parameter);
}

static const GActionEntry win_actions[] = {
  { "new-case", new_case_action },
  { "rename-case", rename_case_action },
  { "duplicate-case", duplicate_case_action },
  { "delete-case", delete_case_action },
  { "import-case", import_case_action },
  { "export-case", export_case_action },
  { "open-sample", open_sample_action, "s" },
  { "search", search_action },
  { "sort-cases", sort_cases_action, "s", "'company'" },
  { "refresh-library", refresh_library_action },
  { "add-record", add_record_action },
  { "paste-records", paste_records_action },
  { "import-records", import_records_action },
  { "set-tracking", set_tracking_action, "s", "'none'" },
};

/* Samples */

static void
samples_listed_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrWindow *self = user_data;  /* no reference: cancelled in dispose */
  g_autoptr(GPtrArray) samples = NULL;
  g_autoptr(GError) error = NULL;

  samples = cr_library_list_samples_finish (CR_LIBRARY (object), result, &error);
  if (samples == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No sample cases: %s", error->message);
      return;
    }

  for (guint i = 0; i < samples->len; i++)
    {
      CrCase *sample = g_ptr_array_index (samples, i);
      const char *name = cr_case_get_company_name (sample);
      g_autofree char *path = g_build_filename (cr_case_get_base_dir (sample), "case.json", NULL);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *base = NULL;

      if (name == NULL || name[0] == '\0')
        name = base = g_path_get_basename (cr_case_get_base_dir (sample));
      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target_value (item, "win.open-sample",
                                               g_variant_new_string (path));
      g_menu_append_item (self->samples_menu, item);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sample_button), samples->len > 0);
}

/* GObject */

/* A steady sidebar width beside the case; all the width when folded. */
static void
folded_notify_cb (CrWindow *self)
{
  adw_clamp_set_maximum_size (self->sidebar_clamp,
                              adw_leaflet_get_folded (self->leaflet) ? 10000 : 320);
  adw_clamp_set_tightening_threshold (self->sidebar_clamp,
                                      adw_leaflet_get_folded (self->leaflet) ? 10000 : 320);
}

static void
is_active_notify_cb (CrWindow *self)
{
  /* Back from another program (a sync client?): look at the disk. The
   * library's file monitors see most changes as they happen, but not on
   * every file system (network shares). */
  if (!gtk_window_is_active (GTK_WINDOW (self)))
    return;
  if (self->session != NULL)
    cr_case_session_check_disk (self->session);
  if (self->library != NULL)
    cr_library_check_for_changes (self->library);
}

static void
app_rule_sets_notify_cb (CrWindow      *self,
                         GParamSpec    *pspec,
                         CrApplication *app)
{
  if (self->library != NULL)
    cr_library_set_rule_sets (self->library, cr_application_get_rule_sets (app));
}

static void
cr_window_constructed (GObject *object)
{
  CrApplication *cr_app = NULL;
  CrWindow *self = CR_WINDOW (object);
  GApplication *app = g_application_get_default ();
  GtkApplication *owner = gtk_window_get_application (GTK_WINDOW (self));
  static const struct
  {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "win.new-case", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.import-case", { "<Control>i", NULL } },
    { "win.paste-records", { "<Control><Shift>v", NULL } },
    { "win.add-record", { "<Control><Shift>n", NULL } },
  };

  G_OBJECT_CLASS (cr_window_parent_class)->constructed (object);

  if (owner != NULL && CR_IS_APPLICATION (owner))
    self->settings = g_object_ref (cr_application_get_settings (CR_APPLICATION (owner)));
  else if (app != NULL && CR_IS_APPLICATION (app))
    self->settings = g_object_ref (cr_application_get_settings (CR_APPLICATION (app)));
  else
    self->settings = g_settings_new (BASE_APP_ID);

  if (owner != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
        gtk_application_set_accels_for_action (owner, accels[i].action, accels[i].accels);
    }

  restore_window_state (self);

  self->library = cr_library_new (self->settings);
  g_signal_connect_object (cr_library_get_items (self->library), "items-changed",
                           G_CALLBACK (library_items_changed_cb), self, G_CONNECT_SWAPPED);
  /* The badges follow the rule sets the open case is checked against. */
  if (owner != NULL && CR_IS_APPLICATION (owner))
    cr_app = CR_APPLICATION (owner);
  else if (app != NULL && CR_IS_APPLICATION (app))
    cr_app = CR_APPLICATION (app);
  if (cr_app != NULL)
    {
      g_signal_connect_object (cr_app, "notify::rule-sets", G_CALLBACK (app_rule_sets_notify_cb),
                               self, G_CONNECT_SWAPPED);
      cr_library_set_rule_sets (self->library, cr_application_get_rule_sets (cr_app));
    }
  cr_library_sidebar_set_library (self->sidebar, self->library);
  g_signal_connect_object (self->library, "notify::loading",
                           G_CALLBACK (library_loading_notify_cb), self, G_CONNECT_SWAPPED);
  cr_library_refresh (self->library);
  cr_library_list_samples_async (self->library, self->cancellable, samples_listed_cb, self);

  update_title (self);
  update_actions (self);
}

static void
cr_window_dispose (GObject *object)
{
  CrWindow *self = CR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->case_view_idle, g_source_remove);
  close_session (self);
  if (self->library != NULL)
    g_signal_handlers_disconnect_by_data (cr_library_get_items (self->library), self);
  /* Before the case view (and its stack) goes. */
  if (self->content_title != NULL)
    adw_view_switcher_title_set_stack (self->content_title, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_WINDOW);
  self->case_view = NULL;  /* it was in the case_bin */
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pending_focus, g_free);
  g_clear_pointer (&self->pending_opens, g_ptr_array_unref);

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

  g_type_ensure (CR_TYPE_CASE_VIEW);
  g_type_ensure (CR_TYPE_LIBRARY_SIDEBAR);
  g_type_ensure (CR_TYPE_RULES_BUTTON);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/cr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, case_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, sample_button);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, case_bin);
  gtk_widget_class_bind_template_child (widget_class, CrWindow, samples_menu);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_selection_changed_cb);
}

static void
cr_window_init (CrWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions),
                                   self);

  /* The icon under the base id is in the resource (found through the
   * application's resource-base-path), so it shows uninstalled too. */
  adw_status_page_set_icon_name (self->welcome_page, BASE_APP_ID);

  /* On a narrow screen a first-time user lands on the welcome page, which
   * says what to do; the back button leads to the case list. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");

  /* After the first frame (a lower priority than drawing), so that the
   * first case opens without the wait. */
  self->case_view_idle = g_idle_add_full (G_PRIORITY_LOW, make_case_view_idle_cb, self, NULL);
  g_object_bind_property (self->search_button, "active", self->sidebar, "search-mode",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* Typing in the case list searches it (not in the case's forms). */
  cr_library_sidebar_set_key_capture_widget (self->sidebar, GTK_WIDGET (self->sidebar));
  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_notify_cb), NULL);
  g_signal_connect_object (self->leaflet, "notify::folded", G_CALLBACK (folded_notify_cb), self,
                           G_CONNECT_SWAPPED);
  folded_notify_cb (self);

  if (g_str_equal (PROFILE, "Devel"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}
