/* cr-paste-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is added behind the user's back: every record found is shown
 * field by field (what came from the text, what was guessed, what is
 * missing), with the problems found and every line that was not
 * understood, before "Add N Records".
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-case-types.h"
#include "cr-money.h"
#include "cr-paste-dialog.h"
#include "cr-paste-import.h"
#include "cr-uscc.h"

/* Wait this long after the last keystroke before reading the text again. */
#define PARSE_DELAY_MS 250

struct _CrPasteDialog
{
  AdwWindow      parent_instance;

  CrCase        *kase;
  CrPasteResult *paste;
  CrCsvResult   *csv;
  char          *file_name;
  guint          parse_id;
  GPtrArray     *shown;           /* the widgets added to results_box */
  GtkSwitch     *company_switch;  /* in a shown group, or NULL */

  /* Template widgets */
  GtkButton     *add_button;
  GtkWidget     *paste_box;
  GtkTextView   *text_view;
  GtkBox        *results_box;
  GtkWidget     *placeholder;
};

G_DEFINE_FINAL_TYPE (CrPasteDialog, cr_paste_dialog, ADW_TYPE_WINDOW)

enum {
  RECORDS_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Showing what was found */

static const char *
key_label (const char *key)
{
  static const struct
  {
    const char *key;
    const char *label;
  } labels[] = {
    { "kind", N_("Kind of record") },
    { "decision_number", N_("Decision number") },
    { "authority", N_("Deciding authority") },
    { "decision_date", N_("Decision date") },
    { "publication_date", N_("Published on Credit China") },
    { "domain", N_("Domain") },
    { "penalties", N_("Penalties") },
    { "severity", N_("Severity class") },
    { "simple_procedure", N_("Simple procedure") },
    { "rectification_ordered", N_("Correction ordered") },
    { "fine_paid_amount", N_("Amount paid") },
    { "fine_paid_date", N_("Date paid") },
    { "rectification_completed", N_("Rectification completed") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_str_equal (labels[i].key, key))
        return _(labels[i].label);
    }

  return key;
}

static char *
format_money (const char *amount)
{
  gint64 fen;

  if (amount != NULL && cr_money_parse (amount, &fen, NULL))
    {
      g_autofree char *text = cr_money_format (fen);
      /* Translators: an amount of money, %s is the number of yuan */
      return g_strdup_printf (_("%s yuan"), text);
    }

  return g_strdup (amount);
}

static char *
format_penalties (JsonArray *penalties)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = NULL;

  for (guint i = 0; i < json_array_get_length (penalties); i++)
    {
      JsonNode *node = json_array_get_element (penalties, i);
      JsonObject *penalty;
      const char *type;
      const char *amount;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      penalty = json_node_get_object (node);
      type = json_object_get_string_member_with_default (penalty, "type", "");
      amount = json_object_get_string_member_with_default (penalty, "amount", NULL);

      if (amount != NULL)
        {
          g_autofree char *money = format_money (amount);
          g_autofree char *text = g_strdup_printf ("%s %s", cr_penalty_type_get_label (type),
                                                   money);
          g_strv_builder_add (builder, text);
        }
      else
        {
          g_strv_builder_add (builder, cr_penalty_type_get_label (type));
        }
    }

  parts = g_strv_builder_end (builder);
  /* Translators: the separator between penalty types in a list */
  return g_strjoinv (_(", "), parts);
}

/* The value of @key in @object for display, or NULL when it is absent. */
static char *
format_value (const char *key,
              JsonObject *object)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, key))
    return NULL;

  node = json_object_get_member (object, key);
  if (JSON_NODE_HOLDS_NULL (node))
    return g_strdup (_("Not known"));

  if (JSON_NODE_HOLDS_ARRAY (node))
    return format_penalties (json_node_get_array (node));

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));

  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);
      CrRecordKind kind;
      CrSeverityClass severity;

      if (g_str_equal (key, "domain"))
        return g_strdup (cr_domain_get_label (text));
      if (g_str_equal (key, "kind") && cr_record_kind_from_string (text, &kind))
        return g_strdup (cr_record_kind_get_label (kind));
      if (g_str_equal (key, "severity") && cr_severity_class_from_string (text, &severity))
        return g_strdup (cr_severity_class_get_label (severity));
      if (g_str_equal (key, "fine_paid_amount"))
        return format_money (text);
      return g_strdup (text);
    }

  return NULL;
}

static gboolean
str_array_contains (GPtrArray  *array,
                    const char *text)
{
  return array != NULL && g_ptr_array_find_with_equal_func (array, text, g_str_equal, NULL);
}

static GtkWidget *
tag_new (const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "case-badge");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
field_row_new (const char *title,
               const char *value,
               const char *tag,
               const char *tag_style)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  if (tag != NULL)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag_new (tag, tag_style));

  return row;
}

static GtkWidget *
message_row_new (const char *message,
                 CrSeverity  severity)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (severity == CR_SEVERITY_ERROR
                                                    ? "dialog-error-symbolic"
                                                    : severity == CR_SEVERITY_WARNING
                                                        ? "dialog-warning-symbolic"
                                                        : "dialog-information-symbolic");

  gtk_widget_add_css_class (icon, severity == CR_SEVERITY_ERROR
                                    ? "error"
                                    : severity == CR_SEVERITY_WARNING ? "warning" : "dim-label");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);

  return row;
}

static void
show_widget (CrPasteDialog *self,
             GtkWidget     *widget)
{
  gtk_box_append (self->results_box, widget);
  g_ptr_array_add (self->shown, widget);
}

static void
clear_shown (CrPasteDialog *self)
{
  for (guint i = 0; i < self->shown->len; i++)
    gtk_box_remove (self->results_box, g_ptr_array_index (self->shown, i));
  g_ptr_array_set_size (self->shown, 0);
  self->company_switch = NULL;
}

static void
add_field (GtkWidget  *group,
           const char *key,
           JsonObject *object,
           gboolean    from_text,
           gboolean    guessed,
           gboolean    csv)
{
  g_autofree char *value = format_value (key, object);
  GtkWidget *row;

  if (value == NULL)
    row = field_row_new (key_label (key), csv ? _("Empty") : _("Not in the text"), NULL, NULL);
  else if (guessed)
    row = field_row_new (key_label (key), value, _("Guessed"), "status-waiting");
  else if (from_text)
    row = field_row_new (key_label (key), value, NULL, NULL);
  else
    row = field_row_new (key_label (key), value, _("Assumed"), "status-draft");

  if (value == NULL)
    gtk_widget_add_css_class (row, "dim-label");

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
}

/* One group per record: every field, marked, then its problems and the
 * labels the text had that the format has no place for. */
static void
show_record (CrPasteDialog *self,
             guint          index,
             const char    *title,
             JsonObject    *record,
             GPtrArray     *fields,
             GPtrArray     *guessed,
             GHashTable    *details,
             GPtrArray     *problems)
{
  static const char * const keys[] = {
    "kind", "decision_number", "authority", "decision_date", "publication_date", "domain",
    "penalties", "severity", "simple_procedure", "rectification_ordered",
  };
  static const char * const performance_keys[] = {
    "fine_paid_amount", "fine_paid_date", "rectification_completed",
  };
  GtkWidget *group = adw_preferences_group_new ();
  JsonObject *performance = NULL;
  g_autofree char *prefix = g_strdup_printf ("/records/%u", index);
  gboolean csv = fields == NULL;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (problem->pointer != NULL && g_str_has_prefix (problem->pointer, prefix) &&
          (problem->pointer[strlen (prefix)] == '\0' || problem->pointer[strlen (prefix)] == '/'))
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   message_row_new (problem->message, problem->severity));
    }

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    add_field (group, keys[i], record, csv || str_array_contains (fields, keys[i]),
               str_array_contains (guessed, keys[i]), csv);

  if (json_object_has_member (record, "performance") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (record, "performance")))
    performance = json_object_get_object_member (record, "performance");
  for (guint i = 0; i < G_N_ELEMENTS (performance_keys); i++)
    {
      g_autofree char *value = format_value (performance_keys[i], performance);

      if (value != NULL)
        add_field (group, performance_keys[i], performance,
                   csv || str_array_contains (fields, "performance"), FALSE, csv);
    }

  /* Details the case has no field for: shown, so nothing silently vanishes. */
  if (details != NULL && g_hash_table_size (details) > 0)
    {
      GtkWidget *expander = adw_expander_row_new ();
      g_autoptr(GList) labels = g_hash_table_get_keys (details);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     _("Other Details in the Text"));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                     _("Recognised, but the case has no field for them"));
      labels = g_list_sort (labels, (GCompareFunc) g_strcmp0);
      for (GList *l = labels; l != NULL; l = l->next)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  field_row_new (l->data, g_hash_table_lookup (details, l->data),
                                                 NULL, NULL));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), expander);
    }

  show_widget (self, group);
}

static void
show_company (CrPasteDialog *self,
              const char    *company_name,
              const char    *uscc)
{
  const char *case_name = cr_case_get_company_name (self->kase);
  const char *case_uscc = cr_case_get_company_uscc (self->kase);
  gboolean name_empty = case_name == NULL || case_name[0] == '\0';
  gboolean uscc_empty = case_uscc == NULL || case_uscc[0] == '\0';
  GtkWidget *group;

  if (company_name == NULL && uscc == NULL)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Company"));

  if (company_name != NULL)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                               field_row_new (_("Registered name"), company_name, NULL, NULL));
  if (uscc != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *valid = cr_uscc_normalize_and_validate (uscc, &error);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_row_new (_("Unified social credit code"), uscc, NULL, NULL));
      if (valid == NULL)
        adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                   message_row_new (error->message, CR_SEVERITY_WARNING));
    }

  if ((company_name != NULL && name_empty) || (uscc != NULL && uscc_empty))
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *sw = gtk_switch_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("_Fill In the Case’s Company From Here"));
      adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Only the fields that are still empty"));
      gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
      gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
      self->company_switch = GTK_SWITCH (sw);
    }
  else if (company_name != NULL && !name_empty && !g_str_equal (company_name, case_name))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is a company name */
      message = g_strdup_printf (_("These records name another company than the case: %s"),
                                 company_name);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 message_row_new (message, CR_SEVERITY_WARNING));
    }

  show_widget (self, group);
}

static void
show_lines (CrPasteDialog *self,
            GPtrArray     *lines)
{
  GtkWidget *group;

  if (lines == NULL || lines->len == 0)
    return;

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Not Recognised"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("These lines of the text were not understood and are "
                                           "not added. Type what they say into the record "
                                           "yourself if it matters."));
  for (guint i = 0; i < lines->len; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), g_ptr_array_index (lines, i));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  show_widget (self, group);
}

static void
show_problems (CrPasteDialog *self,
               const char    *title,
               const char    *description,
               GPtrArray     *problems,
               gboolean       without_record_only)
{
  GtkWidget *group = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (without_record_only && problem->pointer != NULL &&
          g_str_has_prefix (problem->pointer, "/records/"))
        continue;

      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
          if (description != NULL)
            adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 message_row_new (problem->message, problem->severity));
    }

  if (group != NULL)
    show_widget (self, group);
}

static void
update_add_button (CrPasteDialog *self)
{
  guint n = cr_paste_dialog_get_n_records (self);
  g_autofree char *label = NULL;

  if (n == 0)
    label = g_strdup (_("_Add Records"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Add %u Record", "_Add %u Records", n),
                             n);

  gtk_button_set_label (self->add_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), n > 0);
}

static char *
record_title (guint       index,
              guint       line,
              JsonObject *record)
{
  const char *number = json_object_get_string_member_with_default (record, "decision_number",
                                                                   NULL);

  if (line > 0)
    {
      if (number != NULL)
        /* Translators: a record read from line %u of a CSV file, then its decision number */
        return g_strdup_printf (_("Line %u: %s"), line, number);
      return g_strdup_printf (_("Line %u"), line);
    }

  if (number != NULL)
    /* Translators: the record number, then its decision number */
    return g_strdup_printf (_("Record %u: %s"), index + 1, number);
  return g_strdup_printf (_("Record %u"), index + 1);
}

static void
show_results (CrPasteDialog *self)
{
  clear_shown (self);

  if (self->csv != NULL)
    {
      g_autofree char *description = NULL;

      /* Translators: %s is an encoding such as UTF-8 or GB18030 */
      description = g_strdup_printf (_("The rows with an error are not added; the others are. "
                                       "The file was read as %s."), self->csv->encoding);
      show_problems (self, _("Problems in the File"), description, self->csv->problems, FALSE);

      for (guint i = 0; i < self->csv->items->len; i++)
        {
          CrCsvRecord *item = g_ptr_array_index (self->csv->items, i);
          g_autofree char *title = record_title (i, item->line, item->record);

          show_record (self, i, title, item->record, NULL, item->guessed, NULL, NULL);
        }
    }
  else if (self->paste != NULL)
    {
      show_company (self, self->paste->company_name, self->paste->uscc);
      show_problems (self, _("Problems"), NULL, self->paste->problems, TRUE);

      for (guint i = 0; i < self->paste->items->len; i++)
        {
          CrPasteRecord *item = g_ptr_array_index (self->paste->items, i);
          g_autofree char *title = record_title (i, 0, item->record);

          show_record (self, i, title, item->record, item->fields, item->guessed,
                       item->details, self->paste->problems);
        }

      show_lines (self, self->paste->unrecognised);
    }

  gtk_widget_set_visible (self->placeholder, self->shown->len == 0);
  update_add_button (self);
}

static gboolean
parse_cb (gpointer user_data)
{
  CrPasteDialog *self = user_data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  self->parse_id = 0;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  g_clear_pointer (&self->paste, cr_paste_result_free);
  if (text[0] != '\0')
    self->paste = cr_paste_import_parse (text);

  show_results (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (CrPasteDialog *self)
{
  g_clear_handle_id (&self->parse_id, g_source_remove);
  self->parse_id = g_timeout_add (PARSE_DELAY_MS, parse_cb, self);
}

/* Adding */

/* Turns interchange record objects into record objects of the model, by
 * reading them as part of an otherwise empty case. */
static CrCase *
records_to_case (JsonArray  *records,
                 GError    **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) applicant = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *copy = json_array_new ();

  json_object_set_string_member (root, "format", CR_CASE_FORMAT);
  json_object_set_int_member (root, "format_version", CR_CASE_FORMAT_VERSION);
  json_object_set_object_member (root, "company", json_object_new ());
  json_object_set_string_member (applicant, "role",
                                 cr_applicant_role_to_string (CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE));
  json_object_set_object_member (root, "applicant", g_steal_pointer (&applicant));
  for (guint i = 0; i < json_array_get_length (records); i++)
    json_array_add_element (copy, json_node_copy (json_array_get_element (records, i)));
  json_object_set_array_member (root, "records", copy);
  json_object_set_array_member (root, "materials", json_array_new ());
  json_node_set_object (node, root);

  return cr_case_load_from_node (node, NULL, NULL, CR_CASE_LOAD_ALLOW_INCOMPLETE, NULL, error);
}

/**
 * cr_paste_dialog_add_records:
 *
 * Adds the records found to the case (with new ids), and the company name
 * and code when the user left that switch on. Emits ::records-added.
 *
 * Returns: whether they were added.
 */
gboolean
cr_paste_dialog_add_records (CrPasteDialog  *self,
                             GError        **error)
{
  JsonArray *records = NULL;
  g_autoptr(CrCase) found = NULL;
  guint position, n;

  g_return_val_if_fail (CR_IS_PASTE_DIALOG (self), FALSE);

  if (self->csv != NULL)
    records = self->csv->records;
  else if (self->paste != NULL)
    records = self->paste->records;

  if (records == NULL || json_array_get_length (records) == 0)
    return TRUE;

  found = records_to_case (records, error);
  if (found == NULL)
    return FALSE;

  position = cr_case_get_n_records (self->kase);
  n = cr_case_get_n_records (found);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CrCaseRecord) record = g_object_ref (cr_case_get_record (found, 0));
      g_autofree char *id = cr_case_make_record_id (self->kase);

      cr_case_remove_record (found, 0);
      cr_case_record_set_id (record, id);
      cr_case_add_record (self->kase, record);
    }

  if (self->paste != NULL && self->company_switch != NULL &&
      gtk_switch_get_active (self->company_switch))
    {
      const char *name = cr_case_get_company_name (self->kase);
      const char *uscc = cr_case_get_company_uscc (self->kase);

      if ((name == NULL || name[0] == '\0') && self->paste->company_name != NULL)
        cr_case_set_company_name (self->kase, self->paste->company_name);
      if ((uscc == NULL || uscc[0] == '\0') && self->paste->uscc != NULL)
        cr_case_set_company_uscc (self->kase, self->paste->uscc);
    }

  g_signal_emit (self, signals[RECORDS_ADDED], 0, position, n);
  return TRUE;
}

static void
add_clicked_cb (CrPasteDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!cr_paste_dialog_add_records (self, &error))
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Records Cannot Be Added"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* GObject */

static void
cr_paste_dialog_dispose (GObject *object)
{
  CrPasteDialog *self = CR_PASTE_DIALOG (object);

  g_clear_handle_id (&self->parse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_PASTE_DIALOG);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (cr_paste_dialog_parent_class)->dispose (object);
}

static void
cr_paste_dialog_finalize (GObject *object)
{
  CrPasteDialog *self = CR_PASTE_DIALOG (object);

  g_clear_pointer (&self->paste, cr_paste_result_free);
  g_clear_pointer (&self->csv, cr_csv_result_free);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_free (self->file_name);

  G_OBJECT_CLASS (cr_paste_dialog_parent_class)->finalize (object);
}

static void
cr_paste_dialog_class_init (CrPasteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_paste_dialog_dispose;
  object_class->finalize = cr_paste_dialog_finalize;

  /**
   * CrPasteDialog::records-added:
   * @position: where the first one is in the case's records
   * @n_added: how many were added
   */
  signals[RECORDS_ADDED] = g_signal_new ("records-added", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/case/cr-paste-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrPasteDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, CrPasteDialog, paste_box);
  gtk_widget_class_bind_template_child (widget_class, CrPasteDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, CrPasteDialog, results_box);
  gtk_widget_class_bind_template_child (widget_class, CrPasteDialog, placeholder);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cr_paste_dialog_init (CrPasteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->shown = g_ptr_array_new ();
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
  update_add_button (self);
}

/**
 * cr_paste_dialog_new:
 * @kase: the case the records go to
 *
 * Returns: (transfer floating): a dialog to paste records into.
 */
CrPasteDialog *
cr_paste_dialog_new (CrCase *kase)
{
  CrPasteDialog *self;

  g_return_val_if_fail (CR_IS_CASE (kase), NULL);

  self = g_object_new (CR_TYPE_PASTE_DIALOG, NULL);
  self->kase = g_object_ref (kase);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->text_view));

  return self;
}

/**
 * cr_paste_dialog_new_for_csv:
 * @result: (transfer full): what cr_csv_import_parse() read
 * @file_name: the file's name, for the title
 *
 * Returns: (transfer floating): a dialog to review the records of a CSV file.
 */
CrPasteDialog *
cr_paste_dialog_new_for_csv (CrCase      *kase,
                             CrCsvResult *result,
                             const char  *file_name)
{
  CrPasteDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (CR_IS_CASE (kase), NULL);
  g_return_val_if_fail (result != NULL, NULL);

  self = g_object_new (CR_TYPE_PASTE_DIALOG, NULL);
  self->kase = g_object_ref (kase);
  self->csv = result;
  self->file_name = g_strdup (file_name);

  /* Translators: %s is the name of a CSV file */
  title = g_strdup_printf (_("Import Records from %s"), file_name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->paste_box, FALSE);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->placeholder), _("No Records in the File"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->placeholder), NULL);
  show_results (self);

  return self;
}

/* Replaces the text (as if pasted) and reads it at once. */
void
cr_paste_dialog_set_text (CrPasteDialog *self,
                          const char    *text)
{
  g_return_if_fail (CR_IS_PASTE_DIALOG (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text != NULL ? text : "",
                            -1);
  g_clear_handle_id (&self->parse_id, g_source_remove);
  parse_cb (self);
}

/* How many records "Add" would add. */
guint
cr_paste_dialog_get_n_records (CrPasteDialog *self)
{
  g_return_val_if_fail (CR_IS_PASTE_DIALOG (self), 0);

  if (self->csv != NULL)
    return json_array_get_length (self->csv->records);
  if (self->paste != NULL)
    return json_array_get_length (self->paste->records);
  return 0;
}
