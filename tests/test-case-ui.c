/* test-case-ui.c: the case view, its pages and the paste/CSV review dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view is shown in a plain window with a toast overlay, on a case held
 * in memory: these tests look at what the widgets do to the model.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-application.h"
#include "cr-core.h"
#include "cr-case-view.h"
#include "cr-company-page.h"
#include "cr-csv-import.h"
#include "cr-date-row.h"
#include "cr-paste-dialog.h"
#include "cr-record-editor.h"
#include "cr-records-page.h"
#include "cr-test-ui.h"
#include "cr-window.h"
#include "cr-test-util.h"

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 5)

typedef struct
{
  GtkWindow  *window;
  CrCaseView *view;
  CrCase     *kase;
} Fixture;

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static GtkWidget *
find_widget (GtkWidget  *root,
             gboolean  (*match) (GtkWidget *widget, gconstpointer data),
             gconstpointer data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) != NULL;
}

/* Whether the focus is in @widget. */
static gboolean
has_focus_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static CrCaseRecord *
add_record (CrCase     *kase,
            const char *decision_number,
            int         year)
{
  g_autofree char *id = cr_case_make_record_id (kase);
  g_autoptr(CrCaseRecord) record = cr_case_record_new (id);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 10, G_DATE_MARCH, year);
  cr_case_record_set_decision_number (record, decision_number);
  cr_case_record_set_decision_date (record, &date);
  cr_case_record_add_penalty (record, "fine", 500000);
  cr_case_add_record (kase, record);

  return record;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *overlay = adw_toast_overlay_new ();

  fixture->kase = cr_case_new ();
  cr_case_set_company_name (fixture->kase, "无锡示例精密机械有限公司");
  add_record (fixture->kase, "锡惠市监处罚〔2025〕123号", 2025);
  add_record (fixture->kase, "锡惠市监处罚〔2024〕7号", 2024);
  add_record (fixture->kase, "锡滨应急罚〔2024〕56号", 2024);

  fixture->view = CR_CASE_VIEW (cr_case_view_new ());
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->view));
  fixture->window = GTK_WINDOW (adw_window_new ());
  adw_window_set_content (ADW_WINDOW (fixture->window), overlay);
  gtk_window_set_default_size (fixture->window, 1000, 760);
  cr_case_view_set_case (fixture->view, fixture->kase);
  gtk_window_present (fixture->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->view)));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cr_test_ui_close_toplevels ();
  g_assert_finalize_object (fixture->kase);
}

static CrRecordsPage *
records_page (Fixture *fixture)
{
  return CR_RECORDS_PAGE (cr_case_view_get_page (fixture->view, "records"));
}

static CrRecordEditor *
record_editor (Fixture *fixture)
{
  return template_child (records_page (fixture), CR_TYPE_RECORDS_PAGE, "editor");
}

static void
test_focus_pointer (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwViewStack *stack = cr_case_view_get_stack (fixture->view);
  CrCompanyPage *company = CR_COMPANY_PAGE (cr_case_view_get_page (fixture->view, "company"));
  CrRecordEditor *editor = record_editor (fixture);

  g_assert_true (cr_case_view_get_case (fixture->view) == fixture->kase);

  g_assert_true (cr_case_view_focus_pointer (fixture->view, "/company/uscc"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "company");
  g_assert_true (has_focus_in (template_child (company, CR_TYPE_COMPANY_PAGE, "uscc_row")));

  g_assert_true (cr_case_view_focus_pointer (fixture->view, "/applicant/id_number"));
  g_assert_true (has_focus_in (template_child (company, CR_TYPE_COMPANY_PAGE, "id_number_row")));

  g_assert_true (cr_case_view_focus_pointer (fixture->view, "/records/1/decision_date"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "records");
  g_assert_true (cr_records_page_get_selected (records_page (fixture)) ==
                 cr_case_get_record (fixture->kase, 1));
  g_assert_true (has_focus_in (template_child (editor, CR_TYPE_RECORD_EDITOR,
                                               "decision_date_row")));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "case-focus-record");

  /* A penalty's amount: the amount row of that penalty type. */
  g_assert_true (cr_case_view_focus_pointer (fixture->view, "/records/2/penalties/0/amount"));
  g_assert_true (cr_records_page_get_selected (records_page (fixture)) ==
                 cr_case_get_record (fixture->kase, 2));
  g_assert_true (has_focus_in (template_child (editor, CR_TYPE_RECORD_EDITOR, "fine_row")));

  g_assert_true (cr_case_view_focus_pointer (fixture->view,
                                             "/records/0/performance/fine_paid_date"));
  g_assert_true (has_focus_in (template_child (editor, CR_TYPE_RECORD_EDITOR, "paid_date_row")));

  /* Not a field of these pages: nothing happens. */
  g_assert_false (cr_case_view_focus_pointer (fixture->view, "/records/7/decision_date"));
  g_assert_false (cr_case_view_focus_pointer (fixture->view, "/materials/0/path"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "records");
}

static void
test_record_feedback (Fixture       *fixture,
                      gconstpointer  data)
{
  CrRecordEditor *editor = record_editor (fixture);
  CrCaseRecord *record = cr_case_get_record (fixture->kase, 0);
  GtkEditable *number = template_child (editor, CR_TYPE_RECORD_EDITOR, "decision_number_row");
  GtkLabel *number_message = template_child (editor, CR_TYPE_RECORD_EDITOR,
                                             "decision_number_message");
  GtkEditable *date = template_child (editor, CR_TYPE_RECORD_EDITOR, "decision_date_row");
  GtkLabel *date_message = template_child (editor, CR_TYPE_RECORD_EDITOR, "decision_date_message");
  GtkEditable *fine = template_child (editor, CR_TYPE_RECORD_EDITOR, "fine_row");
  GtkWidget *amount_message_row = template_child (editor, CR_TYPE_RECORD_EDITOR,
                                                  "amount_message_row");

  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (fixture->view), "records");
  cr_records_page_select (records_page (fixture), 0);
  g_assert_true (cr_record_editor_get_record (editor) == record);
  g_assert_cmpstr (gtk_editable_get_text (number), ==, "锡惠市监处罚〔2025〕123号");
  g_assert_cmpstr (gtk_editable_get_text (date), ==, "2025-03-10");
  g_assert_cmpstr (gtk_editable_get_text (fine), ==, "5000");

  /* Tolerant: another bracket style is read, and said how. */
  gtk_editable_set_text (number, "锡惠市监处罚[2025]124号");
  g_assert_cmpstr (cr_case_record_get_decision_number (record), ==, "锡惠市监处罚[2025]124号");
  g_assert_nonnull (strstr (gtk_label_get_label (number_message), "124"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (number), "error"));

  /* 第 is a warning, a year after the decision an error. */
  gtk_editable_set_text (number, "锡惠市监处罚〔2025〕第124号");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number_message), "warning"));
  gtk_editable_set_text (number, "锡惠市监处罚〔2026〕124号");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number), "error"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number_message), "error"));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "record-number-error");

  /* Not a calendar date: marked and explained, and never stored. */
  gtk_editable_set_text (date, "2025-02-30");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (date_message), "2025-02-30"));
  g_assert_null (cr_date_row_get_date (CR_DATE_ROW (date)));
  g_assert_null (cr_case_record_get_decision_date (record));
  /* As people copy dates, too. */
  gtk_editable_set_text (date, "2025年2月28日");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (date), "error"));
  g_assert_cmpint (g_date_get_month (cr_case_record_get_decision_date (record)), ==, 2);
  g_assert_cmpint (g_date_get_day (cr_case_record_get_decision_date (record)), ==, 28);
  /* The number's year (2026) is still after the decision's. */
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (number), "error"));
  gtk_editable_set_text (date, "2099-01-01");
  g_assert_nonnull (strstr (gtk_label_get_label (date_message), "future"));

  /* Money is exact: fen, or an error (stored as not known); never rounded. */
  gtk_editable_set_text (fine, "1234.5");
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, 123450);
  gtk_editable_set_text (fine, "12.345");
  g_assert_true (gtk_widget_get_visible (amount_message_row));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (fine), "error"));
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, -1);
  /* The form keeps the text, so it can be corrected. */
  g_assert_cmpstr (gtk_editable_get_text (fine), ==, "12.345");
  gtk_editable_set_text (fine, "12.34");
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, 1234);
  gtk_editable_set_text (fine, "");
  g_assert_false (gtk_widget_get_visible (amount_message_row));
  g_assert_cmpint (cr_penalty_get_amount (cr_case_record_get_penalty (record, 0)), ==, -1);

  /* Severity, with its explanation at hand. */
  adw_combo_row_set_selected (template_child (editor, CR_TYPE_RECORD_EDITOR, "severity_row"),
                              CR_SEVERITY_CLASS_SERIOUS);
  g_assert_cmpint (cr_case_record_get_severity (record), ==, CR_SEVERITY_CLASS_SERIOUS);
  adw_expander_row_set_expanded (template_child (editor, CR_TYPE_RECORD_EDITOR,
                                                 "severity_help_row"), TRUE);
  g_assert_nonnull (strstr (gtk_label_get_label (template_child (editor, CR_TYPE_RECORD_EDITOR,
                                                                 "severity_help")), "特定严重"));
  g_assert_true (cr_case_view_focus_pointer (fixture->view, "/records/0/severity"));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "record-severity");

  /* A change from elsewhere (a paste, a reload) shows up in the form. */
  cr_case_record_set_authority (record, "无锡市惠山区应急管理局");
  g_assert_cmpstr (gtk_editable_get_text (template_child (editor, CR_TYPE_RECORD_EDITOR,
                                                          "authority_row")), ==,
                   "无锡市惠山区应急管理局");
}

static void
test_penalty_types (Fixture       *fixture,
                    gconstpointer  data)
{
  CrRecordEditor *editor = record_editor (fixture);
  CrCaseRecord *record = cr_case_get_record (fixture->kase, 1);
  AdwExpanderRow *penalties = template_child (editor, CR_TYPE_RECORD_EDITOR, "penalties_row");
  GtkWidget *warning_row, *gains_row;

  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (fixture->view), "records");
  cr_records_page_select (records_page (fixture), 1);
  adw_expander_row_set_expanded (penalties, TRUE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (penalties), ==, "Fine");

  /* The rows activate their check buttons, so the keyboard works. */
  warning_row = find_widget (GTK_WIDGET (penalties), is_row_titled, "Warning");
  g_assert_nonnull (warning_row);
  adw_action_row_activate (ADW_ACTION_ROW (warning_row));
  g_assert_true (cr_case_record_has_penalty_type (record, "warning"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (penalties), ==, "Warning, Fine");

  gains_row = template_child (editor, CR_TYPE_RECORD_EDITOR, "gains_row");
  g_assert_false (gtk_widget_get_visible (gains_row));
  adw_action_row_activate (ADW_ACTION_ROW (find_widget (GTK_WIDGET (penalties), is_row_titled,
                                                        "illegal gains")));
  g_assert_true (gtk_widget_get_visible (gains_row));
  gtk_editable_set_text (GTK_EDITABLE (gains_row), "350");
  g_assert_cmpint (cr_case_record_get_fines_total (record, TRUE), ==, 500000 + 35000);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "record-penalties");

  adw_action_row_activate (ADW_ACTION_ROW (warning_row));
  g_assert_false (cr_case_record_has_penalty_type (record, "warning"));
  g_assert_cmpuint (cr_case_record_get_n_penalties (record), ==, 2);
}

static void
test_remove_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  CrRecordsPage *page = records_page (fixture);
  CrCaseRecord *second = cr_case_get_record (fixture->kase, 1);
  GtkWidget *undo;

  g_object_ref (second);
  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (fixture->view), "records");
  cr_records_page_select (page, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "records.remove", NULL);
  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 2);
  g_assert_true (cr_case_find_record (fixture->kase, cr_case_record_get_id (second)) == NULL);

  WAIT_FOR (find_widget (GTK_WIDGET (fixture->window), is_button_labelled, "_Undo") != NULL);
  undo = find_widget (GTK_WIDGET (fixture->window), is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "record-removed");
  g_signal_emit_by_name (undo, "clicked");

  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 3);
  g_assert_true (cr_case_get_record (fixture->kase, 1) == second);
  g_assert_true (cr_records_page_get_selected (page) == second);
  g_object_unref (second);

  /* Removing every record leaves the empty state with its three ways in. */
  for (guint i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (page), "records.remove", NULL);
  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (page, CR_TYPE_RECORDS_PAGE,
                                                                     "stack")), ==, "empty");
  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (fixture->view), "records");
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "records-empty");

  gtk_widget_activate_action (GTK_WIDGET (page), "records.add", NULL);
  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 1);
  g_assert_true (has_focus_in (template_child (record_editor (fixture), CR_TYPE_RECORD_EDITOR,
                                               "decision_number_row")));
}

static void
test_company_role (Fixture       *fixture,
                   gconstpointer  data)
{
  CrCompanyPage *company = CR_COMPANY_PAGE (cr_case_view_get_page (fixture->view, "company"));
  AdwComboRow *role = template_child (company, CR_TYPE_COMPANY_PAGE, "role_row");
  AdwPreferencesGroup *group = template_child (company, CR_TYPE_COMPANY_PAGE, "applicant_group");
  GtkEditable *id_row = template_child (company, CR_TYPE_COMPANY_PAGE, "id_number_row");

  adw_combo_row_set_selected (role, 1);
  g_assert_cmpint (cr_case_get_applicant_role (fixture->kase), ==, CR_APPLICANT_ROLE_AGENT);
  g_assert_nonnull (strstr (adw_preferences_group_get_description (group), "授权委托书"));

  cr_case_set_applicant_role (fixture->kase, CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE);
  g_assert_cmpuint (adw_combo_row_get_selected (role), ==, 0);

  /* The ID number is masked. */
  gtk_editable_set_text (id_row, "110101199003071234");
  g_assert_true (ADW_IS_PASSWORD_ENTRY_ROW (id_row));
  g_assert_cmpstr (cr_case_get_applicant_id_number (fixture->kase), ==, "110101199003071234");

  /* Empty optional fields are left out, not stored as "". */
  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "company_phone_row"), " ");
  g_assert_null (cr_case_get_company_phone (fixture->kase));
}

static const char csv_text[] =
  "decision_number,authority,decision_date,penalties,fine_amount\n"
  "苏园市监罚〔2025〕45号,苏州工业园区市场监督管理局,2025-04-02,警告;罚款,3000\n"
  "苏园市监罚〔2025〕46号,苏州工业园区市场监督管理局,2025-02-30,罚款,100\n";

static void
test_csv_review (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CrCsvResult *result = cr_csv_import_parse (csv_text, strlen (csv_text), &error);
  CrPasteDialog *dialog;
  GtkWidget *problem;

  g_assert_no_error (error);
  dialog = cr_paste_dialog_new_for_csv (fixture->kase, result, "records.csv");
  gtk_window_set_transient_for (GTK_WINDOW (dialog), fixture->window);
  gtk_window_present (GTK_WINDOW (dialog));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  /* The good row is offered; the bad one is reported with its line. */
  g_assert_cmpuint (cr_paste_dialog_get_n_records (dialog), ==, 1);
  problem = find_widget (GTK_WIDGET (dialog), is_row_titled, "Line 3");
  g_assert_nonnull (problem);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "2025-02-30"));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, CR_TYPE_PASTE_DIALOG,
                                                          "paste_box")));
  cr_test_ui_save_screenshot (GTK_WIDGET (dialog), "csv-review");

  g_assert_true (cr_paste_dialog_add_records (dialog, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 4);
  /* New ids, never clashing with the case's own. */
  g_assert_cmpstr (cr_case_record_get_id (cr_case_get_record (fixture->kase, 3)), ==, "r4");
  g_assert_cmpstr (cr_case_record_get_decision_number (cr_case_get_record (fixture->kase, 3)), ==,
                   "苏园市监罚〔2025〕45号");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_paste_unrecognised (Fixture       *fixture,
                         gconstpointer  data)
{
  CrPasteDialog *dialog = cr_paste_dialog_new (fixture->kase);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), fixture->window);
  gtk_window_present (GTK_WINDOW (dialog));

  /* Text without a record: nothing to add, but the text is shown back. */
  cr_paste_dialog_set_text (dialog, "这不是处罚信息\n随便一行");
  g_assert_cmpuint (cr_paste_dialog_get_n_records (dialog), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (template_child (dialog, CR_TYPE_PASTE_DIALOG,
                                                            "add_button")));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "随便一行"));

  /* Another company than the case's: said, and the case's is kept. */
  cr_paste_dialog_set_text (dialog,
                            "行政相对人名称：另一家示例有限公司\n"
                            "行政处罚决定书文号：锡惠市监处罚〔2025〕200号\n"
                            "处罚类别：警告\n"
                            "处罚决定日期：2025-05-06\n"
                            "处罚机关：无锡市惠山区市场监督管理局\n");
  g_assert_cmpuint (cr_paste_dialog_get_n_records (dialog), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_row_titled, "另一家示例有限公司"));
  g_assert_true (cr_paste_dialog_add_records (dialog, NULL));
  g_assert_cmpstr (cr_case_get_company_name (fixture->kase), ==, "无锡示例精密机械有限公司");
  g_assert_cmpuint (cr_case_get_n_records (fixture->kase), ==, 4);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
reveal_switcher (CrWindow *window)
{
  gboolean reveal = FALSE;

  g_object_get (cr_window_get_case_view (window), "reveal-switcher", &reveal, NULL);
  return reveal;
}


/* The view in the real window, folded: the page switcher moves to the bottom. */
static void
test_folded_window (void)
{
  g_autoptr(CrApplication) app = NULL;
  g_autofree char *root = g_dir_make_tmp ("cr-case-ui-XXXXXX", NULL);
  g_autoptr(GError) error = NULL;
  CrWindow *window;
  AdwLeaflet *leaflet;

  g_assert_nonnull (root);
  g_setenv ("CREDIT_REPAIR_LIBRARY_DIR", root, TRUE);
  app = cr_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  window = CR_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 720);
  leaflet = template_child (window, CR_TYPE_WINDOW, "leaflet");
  WAIT_FOR (adw_leaflet_get_folded (leaflet));

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-case", NULL);
  WAIT_FOR (cr_window_get_session (window) != NULL);
  g_assert_nonnull (cr_window_get_session (window));
  WAIT_FOR (g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "content") == 0);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (cr_window_get_case_view (window))));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  WAIT_FOR (reveal_switcher (window));
  g_assert_true (reveal_switcher (window));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "case-folded");

  g_action_group_activate_action (G_ACTION_GROUP (window), "add-record", NULL);
  WAIT_FOR (cr_case_get_n_records (cr_case_session_get_case (cr_window_get_session (window))) == 1);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "record-folded");

  cr_test_ui_close_toplevels ();
  for (guint i = 0; i < 50; i++)
    {
      cr_test_ui_flush_events ();
      g_usleep (2000);
    }

  cr_test_remove_tree (root);
}

int
main (int   argc,
      char *argv[])
{
  if (!cr_test_ui_has_display ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  /* Translations too (the tests run with LANGUAGE=C; screenshots may not). */
  cr_core_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* The resources of the widgets (registered by the library's constructor). */
  g_type_ensure (CR_TYPE_CASE_VIEW);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/case/focus-pointer", test_focus_pointer);
  ADD ("/ui/case/record-feedback", test_record_feedback);
  ADD ("/ui/case/penalty-types", test_penalty_types);
  ADD ("/ui/case/remove-and-undo", test_remove_and_undo);
  ADD ("/ui/case/company-and-applicant", test_company_role);
  ADD ("/ui/case/csv-review", test_csv_review);
  ADD ("/ui/case/paste-unrecognised", test_paste_unrecognised);
  g_test_add_func ("/ui/case/folded-window", test_folded_window);

  return g_test_run ();
}
