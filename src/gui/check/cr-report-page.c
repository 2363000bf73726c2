/* cr-report-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The validation report: the verdict in numbers, then the findings in
 * groups, one for the whole case and one per record: first the groups with
 * errors, then those with warnings, then the others (the case's order
 * within each); inside a group errors come first, then warnings, then
 * notes. Toggles hide a severity. Activating a finding (click or Enter) emits
 * CrReportPage::navigate with the JSON pointer of the field or record and
 * the upload slot concerned; unless a handler takes it, the case view the
 * page is in goes to the field, else to the slot on the Materials page.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cr-check-case-page.h"
#include "cr-case-view.h"
#include "cr-check-text.h"
#include "cr-date-control.h"
#include "cr-report-page.h"
#include "materials/cr-materials-page.h"

struct _CrReportPage
{
  GtkWidget          parent_instance;

  CrCheckController *controller;
  char              *summary;
  GPtrArray         *groups;      /* GtkWidget* group boxes, borrowed */
  GPtrArray         *group_titles; /* char* */
  GPtrArray         *lists;       /* GtkListBox*, borrowed, one per group */
  GPtrArray         *rows;        /* CrFindingRow*, borrowed, in display order */

  /* Template widgets */
  GtkWidget         *scroller;
  CrDateControl     *date_control;
  GtkLabel          *summary_label;
  GtkLabel          *rules_label;
  GtkWidget         *filter_box;
  GtkToggleButton   *errors_toggle;
  GtkToggleButton   *warnings_toggle;
  GtkToggleButton   *notes_toggle;
  AdwButtonContent  *errors_content;
  AdwButtonContent  *warnings_content;
  AdwButtonContent  *notes_content;
  GtkBox            *groups_box;
};

static void cr_report_page_case_page_init (CrCasePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrReportPage, cr_report_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CR_TYPE_CASE_PAGE,
                                                      cr_report_page_case_page_init))

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

enum {
  NAVIGATE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
cr_report_page_new (void)
{
  return g_object_new (CR_TYPE_REPORT_PAGE, NULL);
}

static gboolean
severity_shown (CrReportPage *self,
                CrSeverity    severity)
{
  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      return gtk_toggle_button_get_active (self->errors_toggle);
    case CR_SEVERITY_WARNING:
      return gtk_toggle_button_get_active (self->warnings_toggle);
    case CR_SEVERITY_INFO:
    default:
      return gtk_toggle_button_get_active (self->notes_toggle);
    }
}

static gboolean
filter_row (GtkListBoxRow *row,
            gpointer       user_data)
{
  CrReportPage *self = user_data;

  return severity_shown (self, cr_finding_row_get_severity (CR_FINDING_ROW (row)));
}

/* A group whose findings are all hidden is hidden too. */
static void
update_group_visibility (CrReportPage *self)
{
  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *list = g_ptr_array_index (self->lists, i);
      gboolean any = FALSE;

      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL && !any;
           row = gtk_widget_get_next_sibling (row))
        any = severity_shown (self, cr_finding_row_get_severity (CR_FINDING_ROW (row)));

      gtk_widget_set_visible (g_ptr_array_index (self->groups, i), any);
    }
}

static void
filter_toggled_cb (CrReportPage    *self,
                   GtkToggleButton *button)
{
  for (guint i = 0; i < self->lists->len; i++)
    gtk_list_box_invalidate_filter (g_ptr_array_index (self->lists, i));
  update_group_visibility (self);
}

static void
row_activated_cb (CrReportPage  *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  CrFindingRow *finding_row = CR_FINDING_ROW (row);

  const char *pointer = cr_finding_row_get_pointer (finding_row);
  gboolean handled = FALSE;
  GtkWidget *view;

  if (!cr_finding_row_get_navigable (finding_row))
    return;

  g_signal_emit (self, signals[NAVIGATE], 0, pointer, cr_finding_row_get_record (finding_row),
                 cr_finding_row_get_slot (finding_row), &handled);

  /* Nobody else took it: in a case view, go to the field the finding
   * names, else to the material slot, else to the record. */
  view = gtk_widget_get_ancestor (GTK_WIDGET (self), CR_TYPE_CASE_VIEW);
  if (handled || view == NULL)
    return;

  if (cr_finding_row_get_field (finding_row) != NULL &&
      cr_case_view_focus_pointer (CR_CASE_VIEW (view), cr_finding_row_get_field (finding_row)))
    return;

  if (cr_finding_row_get_slot (finding_row) != NULL)
    {
      GtkWidget *materials = cr_case_view_get_page (CR_CASE_VIEW (view), "materials");

      if (materials != NULL && CR_IS_MATERIALS_PAGE (materials))
        {
          adw_view_stack_set_visible_child (cr_case_view_get_stack (CR_CASE_VIEW (view)),
                                            materials);
          if (cr_materials_page_focus_slot (CR_MATERIALS_PAGE (materials),
                                            cr_finding_row_get_slot_record (finding_row),
                                            cr_finding_row_get_slot (finding_row)))
            return;
        }
    }

  if (pointer != NULL)
    cr_case_view_focus_pointer (CR_CASE_VIEW (view), pointer);
}

static void
clear_groups (CrReportPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
  g_ptr_array_set_size (self->groups, 0);
  g_ptr_array_set_size (self->group_titles, 0);
  g_ptr_array_set_size (self->lists, 0);
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
heading_label (const char *text,
               const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, style_class);

  return label;
}

/* Adds the group of findings of record @record_index (-1: the whole case). */
static void
add_group (CrReportPage  *self,
           CrCheckResult *result,
           int            record_index)
{
  static const CrSeverity order[] = { CR_SEVERITY_ERROR, CR_SEVERITY_WARNING, CR_SEVERITY_INFO };
  g_autofree char *title = NULL;
  const char *subtitle = NULL;
  GtkWidget *group, *list;
  guint n_rows = 0;

  if (record_index < 0)
    {
      title = g_strdup (_("Whole Case"));
    }
  else
    {
      const CrCheckRecord *record = cr_check_result_get_record (result, record_index);

      title = cr_check_text_record_title (record);
      subtitle = cr_record_status_get_label (record->status);
    }

  group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_box_append (GTK_BOX (group), heading_label (title, "heading"));
  if (subtitle != NULL)
    gtk_box_append (GTK_BOX (group), heading_label (subtitle, "dim-label"));

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_margin_top (list, 6);
  gtk_list_box_set_filter_func (GTK_LIST_BOX (list), filter_row, self, NULL);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_box_append (GTK_BOX (group), list);

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    for (guint i = 0; i < cr_check_result_get_n_findings (result); i++)
      {
        const CrFinding *finding = cr_check_result_get_finding (result, i);
        GtkWidget *row;

        if (finding->record_index != record_index || finding->severity != order[s])
          continue;

        row = cr_finding_row_new (result, i);
        gtk_list_box_append (GTK_LIST_BOX (list), row);
        g_ptr_array_add (self->rows, row);
        n_rows++;
      }

  if (n_rows == 0)
    {
      /* A record without findings is not worth a group. */
      g_object_ref_sink (group);
      g_object_unref (group);
      return;
    }

  gtk_box_append (self->groups_box, group);
  g_ptr_array_add (self->groups, group);
  g_ptr_array_add (self->group_titles, g_steal_pointer (&title));
  g_ptr_array_add (self->lists, list);
}

/* The most severe finding about record @record_index (-1: the whole case),
 * or -1 when there is none. */
static int
worst_severity (CrCheckResult *result,
                int            record_index)
{
  int worst = -1;

  for (guint i = 0; i < cr_check_result_get_n_findings (result); i++)
    {
      const CrFinding *finding = cr_check_result_get_finding (result, i);

      if (finding->record_index == record_index)
        worst = MAX (worst, (int) finding->severity);
    }

  return worst;
}

static void
set_count (AdwButtonContent *content,
           GtkToggleButton  *toggle,
           guint             count)
{
  g_autofree char *label = g_strdup_printf ("%u", count);

  adw_button_content_set_label (content, label);
  gtk_widget_set_sensitive (GTK_WIDGET (toggle), count > 0);
}

static char *
summary_text (CrCheckResult *result)
{
  guint n_errors = cr_check_result_count_findings (result, CR_SEVERITY_ERROR);
  guint n_warnings = cr_check_result_count_findings (result, CR_SEVERITY_WARNING);
  guint n_notes = cr_check_result_count_findings (result, CR_SEVERITY_INFO);
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *notes = NULL;

  errors = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", n_errors),
                            n_errors);
  warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                           n_warnings),
                              n_warnings);
  notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n_notes),
                           n_notes);

  if (cr_check_result_get_n_records (result) == 0)
    return g_strdup (_("No records to check yet"));

  if (cr_check_result_get_ready (result))
    /* Translators: the counts are “%u warnings” and “%u notes” */
    return g_strdup_printf (_("Ready to apply: no errors, %s, %s"), warnings, notes);

  /* Translators: the counts are “%u errors”, “%u warnings” and “%u notes” */
  return g_strdup_printf (_("Not ready: %s, %s, %s"), errors, warnings, notes);
}

static void
update (CrReportPage *self)
{
  CrCheckResult *result = NULL;
  const char *error_message = NULL;

  clear_groups (self);
  g_clear_pointer (&self->summary, g_free);

  if (self->controller != NULL)
    {
      result = cr_check_controller_get_result (self->controller);
      error_message = cr_check_controller_get_error_message (self->controller);
    }

  gtk_widget_set_visible (self->filter_box, result != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_label), result != NULL || error_message);

  if (result == NULL)
    {
      if (error_message != NULL)
        {
          self->summary = g_strdup (_("This date cannot be checked"));
          gtk_label_set_label (self->rules_label, error_message);
        }
      else if (self->controller != NULL && cr_check_controller_get_case (self->controller))
        self->summary = g_strdup (_("Checking…"));
      else
        self->summary = g_strdup (_("No case"));
      gtk_label_set_label (self->summary_label, self->summary);
      return;
    }

  {
    CrRuleSet *rule_set = cr_check_result_get_rule_set (result);
    g_autofree char *on = cr_check_text_format_date (cr_check_result_get_on (result));
    g_autofree char *rules = NULL;

    self->summary = summary_text (result);
    gtk_label_set_label (self->summary_label, self->summary);

    /* Translators: the first %s is the application date, the second the
     * name of the rules in force, e.g. 国家发展改革委令2025年第36号《信用修复管理办法》 */
    rules = g_strdup_printf (_("Application on %s, under %s (rule set %s, version %s)"), on,
                             cr_rule_set_get_title (rule_set,
                                                    cr_check_result_get_language (result)),
                             cr_rule_set_get_id (rule_set), cr_rule_set_get_version (rule_set));
    gtk_label_set_label (self->rules_label, rules);
  }

  set_count (self->errors_content, self->errors_toggle,
             cr_check_result_count_findings (result, CR_SEVERITY_ERROR));
  set_count (self->warnings_content, self->warnings_toggle,
             cr_check_result_count_findings (result, CR_SEVERITY_WARNING));
  set_count (self->notes_content, self->notes_toggle,
             cr_check_result_count_findings (result, CR_SEVERITY_INFO));

  /* The groups with errors first, then those with warnings, then the
   * rest; in each tier the whole case first, then the records in order. */
  for (int tier = CR_SEVERITY_ERROR; tier >= CR_SEVERITY_INFO; tier--)
    for (int i = -1; i < (int) cr_check_result_get_n_records (result); i++)
      if (worst_severity (result, i) == (CrSeverity) tier)
        add_group (self, result, i);

  update_group_visibility (self);
}

static void
result_changed_cb (CrReportPage      *self,
                   CrCheckResult     *result,
                   CrCheckController *controller)
{
  update (self);
}

/**
 * cr_report_page_get_controller:
 *
 * Returns: (transfer none) (nullable): the controller of the case view.
 */
CrCheckController *
cr_report_page_get_controller (CrReportPage *self)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), NULL);

  return self->controller;
}

void
cr_report_page_set_controller (CrReportPage      *self,
                               CrCheckController *controller)
{
  g_return_if_fail (CR_IS_REPORT_PAGE (self));
  g_return_if_fail (controller == NULL || CR_IS_CHECK_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, result_changed_cb, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    g_signal_connect_object (controller, "result-changed", G_CALLBACK (result_changed_cb), self,
                             G_CONNECT_SWAPPED);

  cr_date_control_set_controller (self->date_control, controller);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/**
 * cr_report_page_get_summary:
 *
 * Returns: (nullable): the summary line as shown.
 */
const char *
cr_report_page_get_summary (CrReportPage *self)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), NULL);

  return self->summary;
}

guint
cr_report_page_get_n_groups (CrReportPage *self)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), 0);

  return self->groups->len;
}

const char *
cr_report_page_get_group_title (CrReportPage *self,
                                guint         group)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), NULL);
  g_return_val_if_fail (group < self->group_titles->len, NULL);

  return g_ptr_array_index (self->group_titles, group);
}

guint
cr_report_page_get_n_rows (CrReportPage *self)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), 0);

  return self->rows->len;
}

/**
 * cr_report_page_get_row:
 *
 * Returns: (transfer none): the @index-th finding row, in display order.
 */
CrFindingRow *
cr_report_page_get_row (CrReportPage *self,
                        guint         index)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

/**
 * cr_report_page_find_row:
 * @record: (nullable): the record id; %NULL for a case-wide finding
 *
 * Returns: (transfer none) (nullable): the first row of rule @rule about
 * @record.
 */
CrFindingRow *
cr_report_page_find_row (CrReportPage *self,
                         const char   *rule,
                         const char   *record)
{
  g_return_val_if_fail (CR_IS_REPORT_PAGE (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CrFindingRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (cr_finding_row_get_rule (row), rule) == 0 &&
          g_strcmp0 (cr_finding_row_get_record (row), record) == 0)
        return row;
    }

  return NULL;
}

/* CrCasePage: the case goes to the controller (shared with the Overview
 * page in the case view), see cr-check-case-page.c. */

static void
cr_report_page_case_page_init (CrCasePageInterface *iface)
{
  iface->set_case = cr_check_case_page_set_case;
}

static void
cr_report_page_dispose (GObject *object)
{
  CrReportPage *self = CR_REPORT_PAGE (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, result_changed_cb, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_REPORT_PAGE);

  G_OBJECT_CLASS (cr_report_page_parent_class)->dispose (object);
}

static void
cr_report_page_finalize (GObject *object)
{
  CrReportPage *self = CR_REPORT_PAGE (object);

  g_free (self->summary);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->group_titles);
  g_ptr_array_unref (self->lists);
  g_ptr_array_unref (self->rows);

  G_OBJECT_CLASS (cr_report_page_parent_class)->finalize (object);
}

static void
cr_report_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrReportPage *self = CR_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_report_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrReportPage *self = CR_REPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      cr_report_page_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_report_page_class_init (CrReportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_report_page_dispose;
  object_class->finalize = cr_report_page_finalize;
  object_class->get_property = cr_report_page_get_property;
  object_class->set_property = cr_report_page_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, CR_TYPE_CHECK_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrReportPage::navigate:
   * @pointer: (nullable): JSON pointer of the field concerned, or of its
   *   record ("/records/0") when the finding names no field
   * @record: (nullable): id of the record concerned; %NULL: the whole case
   * @slot: (nullable): the upload slot concerned (a missing material)
   *
   * Emitted when the user activates a finding, to go where it can be fixed.
   * Unless a handler returns %TRUE, the page then asks the #CrCaseView it
   * is in to focus @pointer.
   *
   * Returns: %TRUE when the handler took the user there
   */
  signals[NAVIGATE] =
    g_signal_new ("navigate",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL,
                  G_TYPE_BOOLEAN, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (CR_TYPE_DATE_CONTROL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/check/cr-report-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, date_control);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, rules_label);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, errors_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, warnings_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, notes_toggle);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, errors_content);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, warnings_content);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, notes_content);
  gtk_widget_class_bind_template_child (widget_class, CrReportPage, groups_box);
  gtk_widget_class_bind_template_callback (widget_class, filter_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "reportpage");
}

static void
cr_report_page_init (CrReportPage *self)
{
  self->groups = g_ptr_array_new ();
  self->group_titles = g_ptr_array_new_with_free_func (g_free);
  self->lists = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
