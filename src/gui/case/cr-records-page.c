/* cr-records-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-case-page.h"
#include "cr-csv-import.h"
#include "cr-date.h"
#include "cr-paste-dialog.h"
#include "cr-record-editor.h"
#include "cr-records-page.h"

struct _CrRecordsPage
{
  AdwBin          parent_instance;

  CrCase         *kase;
  GCancellable   *cancellable;

  /* Template widgets */
  GtkStack       *stack;
  AdwLeaflet     *leaflet;
  GtkListBox     *records_list;
  GtkButton      *back_button;
  CrRecordEditor *editor;
};

static void cr_records_page_case_page_init (CrCasePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrRecordsPage, cr_records_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (CR_TYPE_CASE_PAGE,
                                                      cr_records_page_case_page_init))

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
add_toast (CrRecordsPage *self,
           AdwToast      *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
show_error (CrRecordsPage *self,
            const char    *heading,
            const char    *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The list */

static void
update_row (GtkWidget    *row,
            CrCaseRecord *record)
{
  const char *number = cr_case_record_get_decision_number (record);
  const char *authority = cr_case_record_get_authority (record);
  const GDate *date = cr_case_record_get_decision_date (record);
  g_autofree char *date_text = date != NULL ? cr_date_format (date) : NULL;
  g_autofree char *subtitle = NULL;

  if (authority != NULL && authority[0] == '\0')
    authority = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 number != NULL && number[0] != '\0'
                                   ? number
                                   : _("New record"));

  if (authority != NULL && date_text != NULL)
    subtitle = g_strdup_printf ("%s · %s", date_text, authority);
  else if (authority != NULL || date_text != NULL)
    subtitle = g_strdup (authority != NULL ? authority : date_text);
  else
    subtitle = g_strdup (cr_record_kind_get_label (cr_case_record_get_kind (record)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  CrCaseRecord *record = item;
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
  g_object_set_data_full (G_OBJECT (row), "record", g_object_ref (record), g_object_unref);
  g_signal_connect_object (record, "changed", G_CALLBACK (update_row), row, G_CONNECT_SWAPPED);
  update_row (row, record);

  return row;
}

static void
update_state (CrRecordsPage *self)
{
  gboolean has_records = self->kase != NULL && cr_case_get_n_records (self->kase) > 0;
  gboolean selected = gtk_list_box_get_selected_row (self->records_list) != NULL;

  gtk_stack_set_visible_child_name (self->stack, has_records ? "records" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.remove", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.add", self->kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.paste", self->kase != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "records.import-csv", self->kase != NULL);
}

static void
records_changed_cb (CrRecordsPage *self,
                    guint          position,
                    guint          removed,
                    guint          added,
                    GListModel    *records)
{
  update_state (self);

  /* Keep a record selected while there are any. */
  if (gtk_list_box_get_selected_row (self->records_list) == NULL &&
      g_list_model_get_n_items (records) > 0)
    cr_records_page_select (self, MIN (position, g_list_model_get_n_items (records) - 1));
}

static void
row_selected_cb (CrRecordsPage *self,
                 GtkListBoxRow *row)
{
  CrCaseRecord *record = row != NULL ? g_object_get_data (G_OBJECT (row), "record") : NULL;

  cr_record_editor_set_record (self->editor, record);
  update_state (self);
}

/* On a narrow window, choosing a record shows its editor. */
static void
row_activated_cb (CrRecordsPage *self,
                  GtkListBoxRow *row)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

static void
back_clicked_cb (CrRecordsPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->records_list);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

/* Actions */

static void
show_record (CrRecordsPage *self,
             guint          position)
{
  cr_records_page_select (self, position);
  adw_leaflet_set_visible_child_name (self->leaflet, "editor");
}

void
cr_records_page_add_record (CrRecordsPage *self)
{
  g_autoptr(CrCaseRecord) record = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (CR_IS_RECORDS_PAGE (self));

  if (self->kase == NULL)
    return;

  id = cr_case_make_record_id (self->kase);
  record = cr_case_record_new (id);
  cr_case_add_record (self->kase, record);
  show_record (self, cr_case_get_n_records (self->kase) - 1);
  cr_record_editor_focus_field (self->editor, "/decision_number");
}

typedef struct
{
  CrCase       *kase;
  CrCaseRecord *record;
  guint         position;
  GWeakRef      page;
} RemovedRecord;

static void
removed_record_free (RemovedRecord *removed)
{
  g_object_unref (removed->kase);
  g_object_unref (removed->record);
  g_weak_ref_clear (&removed->page);
  g_free (removed);
}

static void
undo_remove_cb (AdwToast      *toast,
                RemovedRecord *removed)
{
  g_autoptr(CrRecordsPage) page = g_weak_ref_get (&removed->page);
  guint position = MIN (removed->position, cr_case_get_n_records (removed->kase));

  cr_case_insert_record (removed->kase, position, removed->record);
  if (page != NULL && page->kase == removed->kase)
    cr_records_page_select (page, position);
}

void
cr_records_page_remove_selected (CrRecordsPage *self)
{
  GtkListBoxRow *row;
  RemovedRecord *removed;
  AdwToast *toast;
  const char *number;
  g_autofree char *title = NULL;

  g_return_if_fail (CR_IS_RECORDS_PAGE (self));

  row = gtk_list_box_get_selected_row (self->records_list);
  if (self->kase == NULL || row == NULL)
    return;

  removed = g_new0 (RemovedRecord, 1);
  removed->kase = g_object_ref (self->kase);
  removed->record = g_object_ref (g_object_get_data (G_OBJECT (row), "record"));
  removed->position = gtk_list_box_row_get_index (row);
  g_weak_ref_init (&removed->page, self);

  cr_case_remove_record (self->kase, removed->position);

  number = cr_case_record_get_decision_number (removed->record);
  if (number != NULL && number[0] != '\0')
    /* Translators: %s is a decision number */
    title = g_strdup_printf (_("Record %s removed"), number);
  else
    title = g_strdup (_("Record removed"));

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_remove_cb), removed,
                         (GClosureNotify) (void (*) (void)) removed_record_free, 0);
  add_toast (self, toast);

  if (cr_case_get_n_records (self->kase) > 0)
    cr_records_page_select (self, MIN (removed->position, cr_case_get_n_records (self->kase) - 1));
}

static void
records_added_cb (CrPasteDialog *dialog,
                  guint          position,
                  guint          n_added,
                  CrRecordsPage *self)
{
  g_autofree char *title = NULL;

  if (n_added == 0)
    return;

  show_record (self, position);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record added", "%u records added",
                                        n_added), n_added);
  add_toast (self, adw_toast_new (title));
}

static void
present_dialog (CrRecordsPage *self,
                CrPasteDialog *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "records-added", G_CALLBACK (records_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cr_records_page_paste (CrRecordsPage *self)
{
  g_return_if_fail (CR_IS_RECORDS_PAGE (self));

  if (self->kase == NULL)
    return;

  present_dialog (self, cr_paste_dialog_new (self->kase));
}

/* CSV import: read and parse in a thread, then review in the dialog. */

typedef struct
{
  GFile       *file;
  CrCsvResult *result;
} CsvJob;

static void
csv_job_free (CsvJob *job)
{
  g_clear_object (&job->file);
  g_clear_pointer (&job->result, cr_csv_result_free);
  g_free (job);
}

static void
csv_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CsvJob *job = task_data;
  g_autofree char *contents = NULL;
  gsize length;
  GError *error = NULL;

  if (!g_file_load_contents (job->file, cancellable, &contents, &length, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job->result = cr_csv_import_parse (contents, length, &error);
  if (job->result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
csv_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrRecordsPage *self = CR_RECORDS_PAGE (object);
  CsvJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  CrPasteDialog *dialog;

  name = g_file_get_basename (job->file);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *display = g_filename_display_name (name);
          g_autofree char *heading = NULL;

          /* Translators: %s is a file name */
          heading = g_strdup_printf (_("%s Cannot Be Imported"), display);
          show_error (self, heading, error->message);
        }
      return;
    }

  if (self->kase == NULL)
    return;

  {
    g_autofree char *display = g_filename_display_name (name);

    dialog = cr_paste_dialog_new_for_csv (self->kase, g_steal_pointer (&job->result), display);
  }
  present_dialog (self, dialog);
}

static void
import_csv_file (CrRecordsPage *self,
                 GFile         *file)
{
  g_autoptr(GTask) task = NULL;
  CsvJob *job = g_new0 (CsvJob, 1);

  job->file = g_object_ref (file);
  task = g_task_new (self, self->cancellable, csv_done_cb, NULL);
  g_task_set_source_tag (task, import_csv_file);
  g_task_set_task_data (task, job, (GDestroyNotify) csv_job_free);
  g_task_run_in_thread (task, csv_thread);
}

static void
csv_chooser_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         CrRecordsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        import_csv_file (self, file);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

void
cr_records_page_import_csv (CrRecordsPage *self)
{
  GtkFileChooserNative *chooser;
  GtkRoot *root;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_return_if_fail (CR_IS_RECORDS_PAGE (self));

  if (self->kase == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  chooser = gtk_file_chooser_native_new (_("Import Records from CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (csv_chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  CrRecordsPage *self = CR_RECORDS_PAGE (widget);

  if (g_str_equal (action_name, "records.add"))
    cr_records_page_add_record (self);
  else if (g_str_equal (action_name, "records.remove"))
    cr_records_page_remove_selected (self);
  else if (g_str_equal (action_name, "records.paste"))
    cr_records_page_paste (self);
  else if (g_str_equal (action_name, "records.import-csv"))
    cr_records_page_import_csv (self);
}

/* CrCasePage */

static void
case_page_set_case (CrCasePage *page,
                    CrCase     *kase)
{
  cr_records_page_set_case (CR_RECORDS_PAGE (page), kase);
}

static gboolean
case_page_focus_pointer (CrCasePage *page,
                         const char *pointer)
{
  return cr_records_page_focus_pointer (CR_RECORDS_PAGE (page), pointer);
}

static void
cr_records_page_case_page_init (CrCasePageInterface *iface)
{
  iface->set_case = case_page_set_case;
  iface->focus_pointer = case_page_focus_pointer;
}

/* GObject */

static void
cr_records_page_dispose (GObject *object)
{
  CrRecordsPage *self = CR_RECORDS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->records_list != NULL)
    gtk_list_box_bind_model (self->records_list, NULL, NULL, NULL, NULL);
  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_func (cr_case_get_records (self->kase), records_changed_cb,
                                          self);
  g_clear_object (&self->kase);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_RECORDS_PAGE);

  G_OBJECT_CLASS (cr_records_page_parent_class)->dispose (object);
}

static void
cr_records_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrRecordsPage *self = CR_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_records_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrRecordsPage *self = CR_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      cr_records_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_records_page_class_init (CrRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_records_page_dispose;
  object_class->get_property = cr_records_page_get_property;
  object_class->set_property = cr_records_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, CR_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_RECORD_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/case/cr-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrRecordsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrRecordsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrRecordsPage, records_list);
  gtk_widget_class_bind_template_child (widget_class, CrRecordsPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CrRecordsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "records.add", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "records.remove", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "records.paste", NULL, action_cb);
  gtk_widget_class_install_action (widget_class, "records.import-csv", NULL, action_cb);
}

static void
cr_records_page_init (CrRecordsPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();

  /* Delete on the focused record removes it (with an undo toast). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_KP_Delete, 0)),
                      gtk_named_action_new ("records.remove")));
  gtk_widget_add_controller (GTK_WIDGET (self->records_list), shortcuts);

  update_state (self);
}

/**
 * cr_records_page_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown.
 */
CrCase *
cr_records_page_get_case (CrRecordsPage *self)
{
  g_return_val_if_fail (CR_IS_RECORDS_PAGE (self), NULL);

  return self->kase;
}

void
cr_records_page_set_case (CrRecordsPage *self,
                          CrCase        *kase)
{
  g_return_if_fail (CR_IS_RECORDS_PAGE (self));
  g_return_if_fail (kase == NULL || CR_IS_CASE (kase));

  if (self->kase == kase)
    return;

  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_func (cr_case_get_records (self->kase), records_changed_cb,
                                          self);
  g_set_object (&self->kase, kase);

  cr_record_editor_set_record (self->editor, NULL);
  gtk_list_box_bind_model (self->records_list,
                           kase != NULL ? cr_case_get_records (kase) : NULL,
                           create_row_cb, self, NULL);
  if (kase != NULL)
    {
      g_signal_connect_object (cr_case_get_records (kase), "items-changed",
                               G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
      if (cr_case_get_n_records (kase) > 0)
        cr_records_page_select (self, 0);
    }

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/**
 * cr_records_page_get_selected:
 *
 * Returns: (transfer none) (nullable): the record in the editor.
 */
CrCaseRecord *
cr_records_page_get_selected (CrRecordsPage *self)
{
  g_return_val_if_fail (CR_IS_RECORDS_PAGE (self), NULL);

  return cr_record_editor_get_record (self->editor);
}

void
cr_records_page_select (CrRecordsPage *self,
                        guint          position)
{
  GtkListBoxRow *row;

  g_return_if_fail (CR_IS_RECORDS_PAGE (self));

  row = gtk_list_box_get_row_at_index (self->records_list, position);
  if (row != NULL)
    gtk_list_box_select_row (self->records_list, row);
}

/**
 * cr_records_page_focus_pointer:
 * @pointer: "/records", "/records/2" or "/records/2/decision_date" …
 *
 * Returns: whether the pointer names a record field (which then has the
 * focus, its record selected).
 */
gboolean
cr_records_page_focus_pointer (CrRecordsPage *self,
                               const char    *pointer)
{
  const char *rest;
  const char *slash;
  g_autofree char *index_text = NULL;
  guint64 index;

  g_return_val_if_fail (CR_IS_RECORDS_PAGE (self), FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  if (!g_str_has_prefix (pointer, "/records"))
    return FALSE;

  rest = pointer + strlen ("/records");
  if (rest[0] == '\0')
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->records_list);

      adw_leaflet_set_visible_child_name (self->leaflet, "list");
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      else
        gtk_widget_grab_focus (GTK_WIDGET (self->records_list));
      return TRUE;
    }
  if (rest[0] != '/')
    return FALSE;

  rest++;
  slash = strchr (rest, '/');
  index_text = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
  if (self->kase == NULL ||
      !g_ascii_string_to_unsigned (index_text, 10, 0, G_MAXUINT, &index, NULL) ||
      index >= cr_case_get_n_records (self->kase))
    return FALSE;

  show_record (self, (guint) index);
  return cr_record_editor_focus_field (self->editor, slash != NULL ? slash : "");
}
