/* cr-submit-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The last step: the verdict, what the package will hold under which
 * names, where it goes, packing it (in a worker thread, with progress and
 * Cancel), the values to type into the portal's form with copy buttons,
 * and the way to the portal.
 *
 * Two packers are used, never at once by two operations: one inspects the
 * case as it is to list the package (made again after each change), and
 * each pack or export makes its own, so that editing the case while a
 * package is written neither disturbs the writing nor the listing.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-checked-page.h"
#include "cr-launch.h"
#include "materials/cr-materials-util.h"
#include "cr-packer.h"
#include "cr-portal-sheet.h"
#include "cr-submit-page-private.h"

struct _CrSubmitPage
{
  CrCheckedPage         parent_instance;

  GFile                *location;
  gboolean              location_chosen;  /* by the user, not the default */

  /* The listing */
  CrPacker             *listing;
  GCancellable         *inspect_cancellable;
  guint                 refresh_source;
  gboolean              inspecting;
  gboolean              ready;
  GPtrArray            *file_names;

  /* Packing */
  GCancellable         *pack_cancellable;
  gboolean              packing;
  double                progress;
  GFile                *last_package;
  char                 *last_error;

  /* The form values, masked and in full, in the same order */
  GPtrArray            *values_masked;
  GPtrArray            *values_full;
  GPtrArray            *value_rows;
  gboolean              personal_revealed;

  GtkFileChooserNative *chooser;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwActionRow         *verdict_row;
  GtkImage             *verdict_icon;
  GtkSpinner           *inspect_spinner;
  GtkListBox           *files_list;
  AdwActionRow         *location_row;
  AdwActionRow         *force_row;
  GtkSwitch            *force_switch;
  AdwActionRow         *done_row;
  GtkRevealer          *progress_revealer;
  GtkProgressBar       *progress_bar;
  GtkBox               *values_box;
};

G_DEFINE_FINAL_TYPE (CrSubmitPage, cr_submit_page, CR_TYPE_CHECKED_PAGE)

enum {
  PROP_0,
  PROP_LOCATION,
  PROP_PERSONAL_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_refresh (CrSubmitPage *self);
static void update_actions (CrSubmitPage *self);

CrSubmitPage *
cr_submit_page_new (void)
{
  return g_object_new (CR_TYPE_SUBMIT_PAGE, NULL);
}

static gboolean
is_disposed (CrSubmitPage *self)
{
  return self->file_names == NULL;
}

static void
show_toast (CrSubmitPage *self,
            const char   *message)
{
  AdwToast *toast;

  if (is_disposed (self))
    return;

  toast = adw_toast_new (message);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (CrSubmitPage *self,
            const char   *heading,
            const char   *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  g_free (self->last_error);
  self->last_error = g_strdup (body);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The default name of the package: "<company> credit repair package.zip". */
static char *
default_basename (CrSubmitPage *self,
                  gboolean      folder)
{
  CrCase *case_ = cr_checked_page_case (self);
  const char *company = case_ != NULL ? cr_case_get_company_name (case_) : NULL;
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = company; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        break;
      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (name, '_');
      else
        g_string_append_unichar (name, c);
    }

  if (name->len == 0)
    return g_strdup (folder ? _("Credit repair package") : _("Credit repair package.zip"));

  if (folder)
    /* Translators: the default name of the exported folder; %s is the company */
    return g_strdup_printf (_("%s credit repair package"), name->str);

  /* Translators: the default file name of the package; %s is the company.
   * Keep the .zip extension. */
  return g_strdup_printf (_("%s credit repair package.zip"), name->str);
}

/* @base in @dir, numbered " (2)", " (3)" … if taken. A stat of a local
 * folder the user chose; the packer itself never overwrites in silence. */
static GFile *
unused_child (GFile      *dir,
              const char *base)
{
  const char *dot = g_str_has_suffix (base, ".zip") ? base + strlen (base) - 4 : NULL;

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GFile) child = NULL;

      if (n == 1)
        name = g_strdup (base);
      else if (dot != NULL)
        name = g_strdup_printf ("%.*s (%u).zip", (int) (dot - base), base, n);
      else
        name = g_strdup_printf ("%s (%u)", base, n);

      child = g_file_get_child (dir, name);
      if (!g_file_query_exists (child, NULL))
        return g_steal_pointer (&child);
    }

  return g_file_get_child (dir, base);
}

static GFile *
default_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  return g_file_new_for_path (documents != NULL ? documents : g_get_home_dir ());
}

static void
update_location_row (CrSubmitPage *self)
{
  g_autofree char *shown = NULL;

  if (self->location != NULL)
    shown = g_file_get_parse_name (self->location);
  adw_action_row_set_subtitle (self->location_row, shown != NULL ? shown : "");
}

static void
ensure_location (CrSubmitPage *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *base = NULL;

  if (self->location_chosen || cr_checked_page_case (self) == NULL)
    return;

  folder = self->location != NULL ? g_file_get_parent (self->location) : default_folder ();
  base = default_basename (self, FALSE);
  g_clear_object (&self->location);
  self->location = unused_child (folder, base);
  update_location_row (self);
}

/* The verdict and the listing */

/* The packer lists the checker's findings first, then those about the
 * files themselves: counts those of @severity. */
static guint
count_material_findings (CrPacker      *packer,
                         CrCheckResult *result,
                         CrSeverity     severity)
{
  JsonArray *findings = cr_packer_get_findings (packer);
  const char *wanted = cr_severity_to_string (severity);
  guint n = 0;

  for (guint i = cr_check_result_get_n_findings (result);
       findings != NULL && i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);

      if (finding != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (finding, "severity", ""),
                     wanted) == 0)
        n++;
    }

  return n;
}

static void
update_verdict (CrSubmitPage *self)
{
  GtkWidget *icon = GTK_WIDGET (self->verdict_icon);
  CrCheckResult *result = cr_checked_page_result (self);
  g_autofree char *subtitle = NULL;
  guint n_errors, n_warnings;

  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "dim-label");

  if (result == NULL)
    {
      gtk_image_set_from_icon_name (self->verdict_icon, "content-loading-symbolic");
      gtk_widget_add_css_class (icon, "dim-label");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row),
                                     _("Checking the Case…"));
      adw_action_row_set_subtitle (self->verdict_row, "");
      return;
    }

  n_errors = cr_check_result_count_findings (result, CR_SEVERITY_ERROR);
  n_warnings = cr_check_result_count_findings (result, CR_SEVERITY_WARNING);
  if (self->listing != NULL && cr_packer_get_inspected (self->listing))
    {
      n_errors += count_material_findings (self->listing, result, CR_SEVERITY_ERROR);
      n_warnings += count_material_findings (self->listing, result, CR_SEVERITY_WARNING);
    }

  self->ready = cr_check_result_get_ready (result) && n_errors == 0;

  if (self->ready)
    {
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      gtk_widget_add_css_class (icon, "success");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row),
                                     _("Ready to Submit"));
      if (n_warnings > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "No errors found. Read the %u warning in the "
                                                 "report and the materials before you submit.",
                                                 "No errors found. Read the %u warnings in the "
                                                 "report and the materials before you submit.",
                                                 n_warnings), n_warnings);
      else
        subtitle = g_strdup (_("No errors or warnings found under the rules in force."));
    }
  else
    {
      gtk_image_set_from_icon_name (self->verdict_icon, "dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->verdict_row),
                                     _("Not Ready to Submit"));
      if (n_errors > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u error must be fixed first: see the report "
                                                 "and the materials.",
                                                 "%u errors must be fixed first: see the report "
                                                 "and the materials.",
                                                 n_errors), n_errors);
      else
        subtitle = g_strdup (_("The case cannot be submitted yet: see the report."));
    }
  adw_action_row_set_subtitle (self->verdict_row, subtitle);

  gtk_widget_set_visible (GTK_WIDGET (self->force_row), !self->ready);
}

static GtkWidget *
make_file_row (CrSubmitPage     *self,
               const CrPackFile *file,
               CrRuleSet        *rule_set,
               CrLanguage        language)
{
  GtkWidget *row = adw_action_row_new ();
  const CrSlotDef *def = rule_set != NULL ? cr_rule_set_lookup_slot (rule_set, file->slot) : NULL;
  g_autofree char *slot_name = cr_slot_title (def != NULL ? cr_slot_def_get_name (def, language)
                                                          : cr_slot_get_label (file->slot));
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;
  gboolean readable = file->info != NULL && cr_material_info_is_readable (file->info);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), file->name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (file->record != NULL)
    /* Translators: what a packed file is: the document, its record, the file it comes from */
    subtitle = g_strdup_printf (_("%s for record %s, from %s"), slot_name, file->record, file->path);
  else
    /* Translators: what a packed file is: the document, then the file it comes from */
    subtitle = g_strdup_printf (_("%s for the whole case, from %s"), slot_name, file->path);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (!readable)
    {
      icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_set_tooltip_text (icon, _("This file cannot be read"));
    }
  else
    {
      g_autofree char *size = g_format_size (cr_material_info_get_size (file->info));

      icon = gtk_label_new (size);
      gtk_widget_add_css_class (icon, "dim-label");
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);

  return row;
}

static GtkWidget *
make_extra_row (const char *name,
                const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  return row;
}

static void
clear_files_list (CrSubmitPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_list))) != NULL)
    gtk_list_box_remove (self->files_list, child);
  g_ptr_array_set_size (self->file_names, 0);
}

static void
fill_files_list (CrSubmitPage *self)
{
  CrCheckResult *result = cr_checked_page_result (self);
  CrRuleSet *rule_set = result != NULL ? cr_check_result_get_rule_set (result) : NULL;
  CrLanguage language = result != NULL ? cr_check_result_get_language (result)
                                       : cr_language_get_default ();
  guint n_files = cr_packer_get_n_files (self->listing);

  clear_files_list (self);

  for (guint i = 0; i < n_files; i++)
    {
      const CrPackFile *file = cr_packer_get_file (self->listing, i);

      g_ptr_array_add (self->file_names, g_strdup (file->name));
      gtk_list_box_append (self->files_list, make_file_row (self, file, rule_set, language));
    }

  if (n_files == 0)
    gtk_list_box_append (self->files_list,
                         make_extra_row (_("No documents attached yet"),
                                         _("Attach them on the Materials page.")));

  gtk_list_box_append (self->files_list,
                       make_extra_row (CR_PACKAGE_SHEET_HTML " · " CR_PACKAGE_SHEET_TEXT,
                                       _("The values to type into the portal’s form (the ID "
                                         "number masked)")));
  gtk_list_box_append (self->files_list,
                       make_extra_row (CR_PACKAGE_MANIFEST,
                                       _("What the package holds, with the SHA-256 checksum of "
                                         "every file")));
}

static void
inspected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CrSubmitPage) self = user_data;
  CrPacker *packer = CR_PACKER (object);
  g_autoptr(GError) error = NULL;

  if (!cr_packer_inspect_finish (packer, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || is_disposed (self))
        return;
      g_warning ("Inspecting the package failed: %s", error->message);
    }
  if (packer != self->listing || is_disposed (self))
    return;

  self->inspecting = FALSE;
  gtk_spinner_set_spinning (self->inspect_spinner, FALSE);
  if (cr_packer_get_inspected (packer))
    fill_files_list (self);
  update_verdict (self);
  update_actions (self);
}

static void
fill_values (CrSubmitPage *self,
             JsonObject   *case_root);

static void
refresh (CrSubmitPage *self)
{
  CrCase *case_ = cr_checked_page_case (self);
  CrCheckResult *result = cr_checked_page_result (self);
  g_autoptr(JsonNode) case_node = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (self->inspect_cancellable);
  g_clear_object (&self->inspect_cancellable);
  g_clear_object (&self->listing);
  self->inspecting = FALSE;

  if (case_ == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_actions (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "submit");
  ensure_location (self);

  case_node = cr_case_to_json_node (case_);
  fill_values (self, json_node_get_object (case_node));

  if (result != NULL)
    {
      self->listing = cr_packer_new_for_check (case_, result, &error);
      if (self->listing == NULL)
        g_warning ("Cannot list the package: %s", error->message);
    }

  if (self->listing != NULL)
    {
      self->inspecting = TRUE;
      self->inspect_cancellable = g_cancellable_new ();
      gtk_spinner_set_spinning (self->inspect_spinner, TRUE);
      cr_packer_inspect_async (self->listing, self->inspect_cancellable, inspected_cb,
                               g_object_ref (self));
    }
  else
    {
      gtk_spinner_set_spinning (self->inspect_spinner, FALSE);
      clear_files_list (self);
    }

  update_verdict (self);
  update_actions (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  CrSubmitPage *self = user_data;

  self->refresh_source = 0;
  refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CrSubmitPage *self)
{
  if (is_disposed (self))
    return;

  /* A burst of edits makes one listing, a little later. */
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (200, refresh_cb, self);
}

/* The form values */

static void
update_value_rows (CrSubmitPage *self)
{
  for (guint i = 0; i < self->value_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->value_rows, i);
      const CrPortalValue *masked = g_ptr_array_index (self->values_masked, i);
      const CrPortalValue *full = g_ptr_array_index (self->values_full, i);
      GtkWidget *copy = g_object_get_data (G_OBJECT (row), "copy-button");
      const CrPortalValue *shown = masked->personal && self->personal_revealed ? full : masked;
      gboolean given = *full->value != '\0';
      /* Translators: %s is the name of a value to type into the portal's form */
      g_autofree char *copy_label = g_strdup_printf (_("Copy “%s”"), full->label);

      adw_action_row_set_subtitle (row, given ? shown->value : _("Not given in the case"));

      gtk_widget_set_sensitive (copy, given && (!full->personal || self->personal_revealed));
      /* The name says which value the button copies, for a screen reader. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      copy_label, -1);
      if (full->personal && !self->personal_revealed)
        gtk_widget_set_tooltip_text (copy, _("Show the number first to copy it"));
      else
        gtk_widget_set_tooltip_text (copy, copy_label);
    }
}

static GtkWidget *
make_value_row (CrSubmitPage        *self,
                guint                index,
                const CrPortalValue *value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value->label);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  if (value->personal)
    {
      GtkWidget *reveal = gtk_toggle_button_new ();

      gtk_button_set_icon_name (GTK_BUTTON (reveal), "view-reveal-symbolic");
      gtk_widget_set_valign (reveal, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (reveal, _("Show the Whole Number"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (reveal), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Show the Whole Number"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (reveal), "submit.reveal-personal");
      gtk_widget_add_css_class (reveal, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), reveal);
    }

  gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (copy, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "submit.copy");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (copy), g_variant_new_uint32 (index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);
  g_object_set_data (G_OBJECT (row), "copy-button", copy);

  return row;
}

static void
fill_values (CrSubmitPage *self,
             JsonObject   *case_root)
{
  GtkWidget *child;
  GtkWidget *group = NULL;
  const char *group_record = "";

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->values_box))) != NULL)
    gtk_box_remove (self->values_box, child);
  g_ptr_array_set_size (self->value_rows, 0);

  g_clear_pointer (&self->values_masked, g_ptr_array_unref);
  g_clear_pointer (&self->values_full, g_ptr_array_unref);
  self->values_masked = cr_portal_values_collect (case_root, TRUE);
  self->values_full = cr_portal_values_collect (case_root, FALSE);
  g_assert (self->values_masked->len == self->values_full->len);

  /* One group for the company, one per record, one for the applicant. */
  for (guint i = 0; i < self->values_masked->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (self->values_masked, i);
      GtkWidget *row;

      if (group == NULL || g_strcmp0 (value->record, group_record) != 0 ||
          (value->record == NULL && g_str_has_prefix (value->key, "applicant") &&
           g_object_get_data (G_OBJECT (group), "applicant") == NULL))
        {
          group = adw_preferences_group_new ();
          if (value->record != NULL)
            {
              /* Translators: %s is a record's id */
              g_autofree char *title = g_strdup_printf (_("Form Values of Record %s"),
                                                        value->record);

              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
            }
          else if (g_str_has_prefix (value->key, "applicant"))
            {
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                               _("Form Values of the Applicant"));
              g_object_set_data (G_OBJECT (group), "applicant", GINT_TO_POINTER (TRUE));
            }
          else
            {
              adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                               _("Form Values of the Company"));
              adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                                     _("Copy each value into the portal’s form, "
                                                       "so that it matches the documents "
                                                       "exactly."));
            }
          gtk_box_append (self->values_box, group);
          group_record = value->record;
        }

      row = make_value_row (self, i, value);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      g_ptr_array_add (self->value_rows, row);
    }

  update_value_rows (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (widget);
  guint index = g_variant_get_uint32 (parameter);
  const CrPortalValue *value;
  g_autofree char *message = NULL;

  if (self->values_full == NULL || index >= self->values_full->len)
    return;

  value = g_ptr_array_index (self->values_full, index);
  if (*value->value == '\0')
    return;
  if (value->personal && !self->personal_revealed)
    {
      show_toast (self, _("Show the number first to copy it"));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value->value);
  /* Translators: %s names the value copied, such as "Decision number (行政处罚决定书文号)" */
  message = g_strdup_printf (_("Copied: %s"), value->label);
  show_toast (self, message);
}

/* Packing */

typedef struct
{
  CrSubmitPage *self;
  GFile        *destination;
  gboolean      folder;
} PackData;

static void
pack_data_free (PackData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->destination);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PackData, pack_data_free)

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  CrSubmitPage *self = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  if (is_disposed (self) || !self->packing)
    return;

  self->progress = total > 0 ? CLAMP ((double) done / (double) total, 0.0, 1.0) : 0.0;
  gtk_progress_bar_set_fraction (self->progress_bar, self->progress);

  /* Every byte is written, then read back to be verified: half each. */
  done_text = g_format_size (done / 2);
  total_text = g_format_size (total / 2);
  /* Translators: progress of packing, as in "12.3 MB of 40.0 MB" */
  text = g_strdup_printf (_("%s of %s"), done_text, total_text);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
finish_packing (CrSubmitPage *self)
{
  self->packing = FALSE;
  g_clear_object (&self->pack_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  update_actions (self);
}

static void
packed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PackData) data = user_data;
  CrSubmitPage *self = data->self;
  CrPacker *packer = CR_PACKER (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  gboolean ok;

  if (data->folder)
    ok = cr_packer_export_folder_finish (packer, result, &error);
  else
    ok = cr_packer_write_zip_finish (packer, result, &error);

  if (is_disposed (self))
    return;

  finish_packing (self);

  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_toast (self, _("Packing cancelled: nothing was written"));
          return;
        }
      show_error (self, data->folder ? _("Could Not Export the Package")
                                     : _("Could Not Pack the Case"),
                  error->message);
      return;
    }

  g_set_object (&self->last_package, data->destination);
  g_clear_pointer (&self->last_error, g_free);
  shown = g_file_get_parse_name (data->destination);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->done_row),
                                 data->folder ? _("Package exported, verified against its manifest")
                                              : _("Package saved, verified against its manifest"));
  adw_action_row_set_subtitle (self->done_row, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->done_row), TRUE);
  show_toast (self, data->folder ? _("Package exported") : _("Package saved"));

  /* The next default name must not be the one just used. */
  if (!data->folder && !self->location_chosen)
    ensure_location (self);
}

static void
start_packing (CrSubmitPage *self,
               GFile        *destination,
               gboolean      folder)
{
  CrCase *case_ = cr_checked_page_case (self);
  CrCheckResult *result = cr_checked_page_result (self);
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PackData *data;

  if (self->packing || case_ == NULL || result == NULL)
    return;

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      show_error (self, _("Could Not Pack the Case"),
                  _("The package can only be saved in a local folder."));
      return;
    }

  packer = cr_packer_new_for_check (case_, result, &error);
  if (packer == NULL)
    {
      show_error (self, _("Could Not Pack the Case"), error->message);
      return;
    }
  cr_packer_set_force (packer, gtk_switch_get_active (self->force_switch));

  self->packing = TRUE;
  self->progress = 0.0;
  self->pack_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Checking the files…"));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->done_row), FALSE);
  update_actions (self);

  data = g_new0 (PackData, 1);
  data->self = g_object_ref (self);
  data->destination = g_object_ref (destination);
  data->folder = folder;

  if (folder)
    cr_packer_export_folder_async (packer, path, progress_cb, g_object_ref (self), g_object_unref,
                                   self->pack_cancellable, packed_cb, data);
  else
    cr_packer_write_zip_async (packer, path, progress_cb, g_object_ref (self), g_object_unref,
                               self->pack_cancellable, packed_cb, data);
}

static void
pack_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (widget);

  ensure_location (self);
  if (self->location != NULL)
    start_packing (self, self->location, FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (widget);

  g_cancellable_cancel (self->pack_cancellable);
}

/**
 * cr_submit_page_export_to:
 * @parent: the folder to export into
 *
 * Exports the package as a new folder in @parent.
 */
void
cr_submit_page_export_to (CrSubmitPage *self,
                          GFile        *parent)
{
  g_autofree char *base = NULL;
  g_autoptr(GFile) destination = NULL;

  g_return_if_fail (CR_IS_SUBMIT_PAGE (self));
  g_return_if_fail (G_IS_FILE (parent));

  base = default_basename (self, TRUE);
  destination = unused_child (parent, base);
  start_packing (self, destination, TRUE);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CrSubmitPage    *self)
{
  gboolean folder = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "folder"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL && folder)
        cr_submit_page_export_to (self, file);
      else if (file != NULL)
        cr_submit_page_set_location (self, file);
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
open_chooser (CrSubmitPage *self,
              gboolean      folder)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (folder)
    {
      self->chooser = gtk_file_chooser_native_new (_("Export the Package into a Folder"),
                                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                   _("_Export Here"), _("_Cancel"));
    }
  else
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      self->chooser = gtk_file_chooser_native_new (_("Save the Package"),
                                                   GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                   GTK_FILE_CHOOSER_ACTION_SAVE,
                                                   _("_Save"), _("_Cancel"));
      gtk_file_filter_set_name (filter, _("Zip Archives"));
      gtk_file_filter_add_suffix (filter, "zip");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
      if (self->location != NULL)
        {
          g_autoptr(GFile) parent = g_file_get_parent (self->location);
          g_autofree char *name = g_file_get_basename (self->location);

          if (parent != NULL)
            gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), parent, NULL);
          gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
        }
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "folder", GINT_TO_POINTER (folder));
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
choose_location_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_chooser (CR_SUBMIT_PAGE (widget), FALSE);
}

static void
export_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_chooser (CR_SUBMIT_PAGE (widget), TRUE);
}

/* Showing the result and the portal */

static void
launched_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrSubmitPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_launch_uri_finish (result, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a system error message */
      message = g_strdup_printf (_("Could not open it: %s"), error->message);
      show_toast (self, message);
    }
}

static void
launch_uri (CrSubmitPage *self,
            const char   *uri)
{
  cr_launch_uri_async (GTK_WIDGET (self), uri, launched_cb, g_object_ref (self));
}

typedef struct
{
  CrSubmitPage *self;
  GFile        *fallback;
} ShowData;

static void
show_data_free (ShowData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->fallback);
  g_free (data);
}

static void
show_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ShowData *data = user_data;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_autofree char *uri = g_file_get_uri (data->fallback);

      /* No file manager that selects items: open the folder instead. */
      g_debug ("FileManager1.ShowItems failed: %s", error->message);
      launch_uri (data->self, uri);
    }

  show_data_free (data);
}

static void
show_in_files_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (widget);
  GDBusConnection *bus;
  g_autofree char *uri = NULL;
  ShowData *data;
  const char *uris[2] = { NULL, NULL };

  if (self->last_package == NULL)
    return;

  data = g_new0 (ShowData, 1);
  data->self = g_object_ref (self);
  data->fallback = g_file_get_parent (self->last_package);
  if (data->fallback == NULL)
    data->fallback = g_object_ref (self->last_package);

  bus = g_application_get_default () != NULL
        ? g_application_get_dbus_connection (g_application_get_default ())
        : NULL;
  if (bus == NULL)
    {
      g_autofree char *folder = g_file_get_uri (data->fallback);

      launch_uri (self, folder);
      show_data_free (data);
      return;
    }

  uri = g_file_get_uri (self->last_package);
  uris[0] = uri;
  g_dbus_connection_call (bus, "org.freedesktop.FileManager1", "/org/freedesktop/FileManager1",
                          "org.freedesktop.FileManager1", "ShowItems",
                          g_variant_new ("(^ass)", uris, ""), NULL,
                          G_DBUS_CALL_FLAGS_NONE, 5000, NULL, show_items_cb, data);
}

static void
open_portal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  launch_uri (CR_SUBMIT_PAGE (widget), CR_CREDIT_CHINA_URL);
}

static void
update_actions (CrSubmitPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean can_pack = cr_checked_page_case (self) != NULL &&
                      cr_checked_page_result (self) != NULL && !self->packing &&
                      (self->ready || gtk_switch_get_active (self->force_switch));

  gtk_widget_action_set_enabled (widget, "submit.pack", can_pack);
  gtk_widget_action_set_enabled (widget, "submit.export-folder", can_pack);
  gtk_widget_action_set_enabled (widget, "submit.choose-location", !self->packing);
  gtk_widget_action_set_enabled (widget, "submit.cancel", self->packing);
  gtk_widget_action_set_enabled (widget, "submit.show-in-files", self->last_package != NULL);
}

static void
force_changed_cb (CrSubmitPage *self)
{
  update_actions (self);
}

/* CrCheckedPage */

static void
cr_submit_page_case_changed (CrCheckedPage *page)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (page);

  /* A new case gets its own default name and a clean slate. */
  self->location_chosen = FALSE;
  g_clear_object (&self->last_package);
  gtk_widget_set_visible (GTK_WIDGET (self->done_row), FALSE);
  gtk_switch_set_active (self->force_switch, FALSE);
  g_object_set (self, "personal-revealed", FALSE, NULL);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  refresh (self);
}

static void
cr_submit_page_case_edited (CrCheckedPage *page)
{
  queue_refresh (CR_SUBMIT_PAGE (page));
}

static void
cr_submit_page_result_changed (CrCheckedPage *page)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (page);

  /* The verdict at once; the listing a moment later. */
  update_verdict (self);
  update_actions (self);
  queue_refresh (self);
}

/* Properties */

/**
 * cr_submit_page_get_location:
 *
 * Returns: (transfer none) (nullable): where "Pack as Zip" writes
 */
GFile *
cr_submit_page_get_location (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);

  return self->location;
}

void
cr_submit_page_set_location (CrSubmitPage *self,
                             GFile        *location)
{
  g_return_if_fail (CR_IS_SUBMIT_PAGE (self));
  g_return_if_fail (location == NULL || G_IS_FILE (location));

  self->location_chosen = location != NULL;
  if (!g_set_object (&self->location, location))
    return;

  if (location == NULL)
    ensure_location (self);
  update_location_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCATION]);
}

/* For the tests */

gboolean
cr_submit_page_get_inspecting (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), FALSE);

  return self->inspecting || self->refresh_source != 0;
}

gboolean
cr_submit_page_get_packing (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), FALSE);

  return self->packing;
}

double
cr_submit_page_get_progress (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), 0.0);

  return self->progress;
}

gboolean
cr_submit_page_get_ready (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), FALSE);

  return self->ready;
}

guint
cr_submit_page_get_n_files (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), 0);

  return self->file_names->len;
}

const char *
cr_submit_page_get_file_name (CrSubmitPage *self,
                              guint         index)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);
  g_return_val_if_fail (index < self->file_names->len, NULL);

  return g_ptr_array_index (self->file_names, index);
}

GFile *
cr_submit_page_get_last_package (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);

  return self->last_package;
}

const char *
cr_submit_page_get_last_error (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);

  return self->last_error;
}

const char *
cr_submit_page_get_verdict_title (CrSubmitPage *self)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->verdict_row));
}

const char *
cr_submit_page_get_shown_value (CrSubmitPage *self,
                                const char   *key,
                                const char   *record)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), NULL);

  for (guint i = 0; self->values_masked != NULL && i < self->values_masked->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (self->values_masked, i);

      if (g_str_equal (value->key, key) && g_strcmp0 (value->record, record) == 0)
        return adw_action_row_get_subtitle (g_ptr_array_index (self->value_rows, i));
    }

  return NULL;
}

int
cr_submit_page_find_value (CrSubmitPage *self,
                           const char   *key,
                           const char   *record)
{
  g_return_val_if_fail (CR_IS_SUBMIT_PAGE (self), -1);

  for (guint i = 0; self->values_masked != NULL && i < self->values_masked->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (self->values_masked, i);

      if (g_str_equal (value->key, key) && g_strcmp0 (value->record, record) == 0)
        return (int) i;
    }

  return -1;
}

/* GObject */

static void
cr_submit_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      g_value_set_object (value, self->location);
      break;

    case PROP_PERSONAL_REVEALED:
      g_value_set_boolean (value, self->personal_revealed);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_submit_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOCATION:
      cr_submit_page_set_location (self, g_value_get_object (value));
      break;

    case PROP_PERSONAL_REVEALED:
      if (self->personal_revealed != g_value_get_boolean (value))
        {
          self->personal_revealed = g_value_get_boolean (value);
          update_value_rows (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_submit_page_dispose (GObject *object)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (object);

  g_cancellable_cancel (self->inspect_cancellable);
  g_cancellable_cancel (self->pack_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  g_clear_object (&self->listing);
  g_clear_pointer (&self->file_names, g_ptr_array_unref);
  g_clear_pointer (&self->value_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_SUBMIT_PAGE);

  G_OBJECT_CLASS (cr_submit_page_parent_class)->dispose (object);
}

static void
cr_submit_page_finalize (GObject *object)
{
  CrSubmitPage *self = CR_SUBMIT_PAGE (object);

  g_clear_object (&self->inspect_cancellable);
  g_clear_object (&self->pack_cancellable);
  g_clear_object (&self->location);
  g_clear_object (&self->last_package);
  g_clear_pointer (&self->values_masked, g_ptr_array_unref);
  g_clear_pointer (&self->values_full, g_ptr_array_unref);
  g_free (self->last_error);

  G_OBJECT_CLASS (cr_submit_page_parent_class)->finalize (object);
}

static void
cr_submit_page_class_init (CrSubmitPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrCheckedPageClass *checked_class = CR_CHECKED_PAGE_CLASS (klass);

  object_class->dispose = cr_submit_page_dispose;
  object_class->finalize = cr_submit_page_finalize;
  object_class->get_property = cr_submit_page_get_property;
  object_class->set_property = cr_submit_page_set_property;

  checked_class->case_changed = cr_submit_page_case_changed;
  checked_class->case_edited = cr_submit_page_case_edited;
  checked_class->result_changed = cr_submit_page_result_changed;

  properties[PROP_LOCATION] =
    g_param_spec_object ("location", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CrSubmitPage:personal-revealed:
   *
   * Whether personal data (the ID number) is shown in full and may be
   * copied. Off for every case opened.
   */
  properties[PROP_PERSONAL_REVEALED] =
    g_param_spec_boolean ("personal-revealed", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/submit/cr-submit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, inspect_spinner);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, files_list);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, force_row);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, force_switch);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, done_row);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CrSubmitPage, values_box);

  gtk_widget_class_install_action (widget_class, "submit.pack", NULL, pack_action);
  gtk_widget_class_install_action (widget_class, "submit.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "submit.choose-location", NULL,
                                   choose_location_action);
  gtk_widget_class_install_action (widget_class, "submit.export-folder", NULL,
                                   export_folder_action);
  gtk_widget_class_install_action (widget_class, "submit.show-in-files", NULL,
                                   show_in_files_action);
  gtk_widget_class_install_action (widget_class, "submit.open-portal", NULL, open_portal_action);
  gtk_widget_class_install_action (widget_class, "submit.copy", "u", copy_action);
  gtk_widget_class_install_property_action (widget_class, "submit.reveal-personal",
                                            "personal-revealed");
}

static void
cr_submit_page_init (CrSubmitPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->file_names = g_ptr_array_new_with_free_func (g_free);
  self->value_rows = g_ptr_array_new ();

  g_signal_connect_swapped (self->force_switch, "notify::active",
                            G_CALLBACK (force_changed_cb), self);
  refresh (self);
}
