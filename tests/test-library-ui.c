/* test-library-ui.c: the case library in the real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test gets an empty library in a temporary folder
 * (CREDIT_REPAIR_LIBRARY_DIR), drives the window through its actions and
 * widgets, and looks at what landed on disk.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <json-glib/json-glib.h>

#include "cr-application.h"
#include "cr-core.h"
#include "cr-date.h"
#include "cr-case-session.h"
#include "cr-case-store.h"
#include "cr-case-view.h"
#include "cr-company-page.h"
#include "cr-library-sidebar.h"
#include "cr-paste-dialog.h"
#include "cr-preferences-window-private.h"
#include "cr-record-editor.h"
#include "cr-records-page.h"
#include "cr-test-ui.h"
#include "cr-window.h"
#include "cr-test-util.h"

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 10)

static CrApplication *app;

typedef struct
{
  char     *root;
  CrWindow *window;
} Fixture;

/* Helpers */


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
is_label_containing (GtkWidget     *widget,
                     gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
has_style_class (GtkWidget     *widget,
                 gconstpointer  style)
{
  return gtk_widget_has_css_class (widget, style);
}

static gboolean
is_penalty_check (GtkWidget     *widget,
                  gconstpointer  type)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (g_object_get_data (G_OBJECT (widget), "penalty-type"), type) == 0;
}

static gpointer
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

static JsonObject *
read_case_file (const char *folder,
                JsonParser *parser)
{
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* Opens the window at @width × @height. */
static CrWindow *
open_window_sized (int width,
                   int height)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (app));
  WAIT_FOR (gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CR_IS_WINDOW (window));
  gtk_window_set_default_size (window, width, height);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (window)));
  WAIT_FOR (!cr_library_get_loading (cr_window_get_library (CR_WINDOW (window))));

  return CR_WINDOW (window);
}

static CrWindow *
open_window (void)
{
  return open_window_sized (1100, 720);
}

static const char *
content_page (CrWindow *window)
{
  GtkStack *stack = template_child (window, CR_TYPE_WINDOW, "content_stack");

  return gtk_stack_get_visible_child_name (stack);
}

static gboolean
session_saved (CrWindow *window)
{
  CrCaseSession *session = cr_window_get_session (window);

  return session != NULL && cr_case_session_get_state (session) == CR_CASE_SESSION_SAVED &&
         !cr_case_session_has_unsaved (session);
}

/* Creates a stored case in the library folder @root directly, as an
 * earlier run or another program would have. */
static char *
store_case_in (const char *root,
               const char *company,
               const char *uscc,
               const char *decision_number)
{
  g_autoptr(CrCaseStore) store = cr_case_store_new (root);
  g_autoptr(CrCase) initial = cr_case_new ();
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(GError) error = NULL;

  cr_case_set_company_name (initial, company);
  cr_case_set_company_uscc (initial, uscc);
  if (decision_number != NULL)
    {
      g_autoptr(CrCaseRecord) record = cr_case_record_new ("r1");
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 10, G_DATE_MARCH, 2025);
      cr_case_record_set_decision_number (record, decision_number);
      cr_case_record_set_decision_date (record, &date);
      cr_case_add_record (initial, record);
    }

  kase = cr_case_store_create (store, NULL, initial, &error);
  g_assert_no_error (error);
  return g_strdup (cr_case_get_base_dir (kase));
}

static char *
store_case (Fixture    *fixture,
            const char *company,
            const char *uscc,
            const char *decision_number)
{
  return store_case_in (fixture->root, company, uscc, decision_number);
}

static CrLibraryItem *
wait_for_item (CrWindow   *window,
               const char *folder)
{
  CrLibrary *library = cr_window_get_library (window);

  WAIT_FOR (cr_library_lookup (library, folder) != NULL);
  g_assert_nonnull (cr_library_lookup (library, folder));
  return cr_library_lookup (library, folder);
}

static void
open_case (CrWindow   *window,
           const char *folder)
{
  CrLibrarySidebar *sidebar = template_child (window, CR_TYPE_WINDOW, "sidebar");
  CrLibraryItem *item = wait_for_item (window, folder);

  g_assert_true (cr_library_sidebar_select (sidebar, item));
  WAIT_FOR (cr_window_get_session (window) != NULL &&
            g_strcmp0 (cr_case_session_get_folder (cr_window_get_session (window)), folder) == 0);
  g_assert_nonnull (cr_window_get_session (window));
  g_assert_cmpstr (content_page (window), ==, "case");
}

static AdwMessageDialog *
wait_for_message (const char *heading)
{
  AdwMessageDialog *dialog;

  WAIT_FOR (cr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  dialog = ADW_MESSAGE_DIALOG (cr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);

  return dialog;
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Fixture */

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->root = g_dir_make_tmp ("cr-library-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("CREDIT_REPAIR_LIBRARY_DIR", fixture->root, TRUE);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  cr_test_ui_close_toplevels ();
  /* Let the last saves of closed sessions finish. */
  for (guint i = 0; i < 50; i++)
    {
      cr_test_ui_flush_events ();
      g_usleep (2000);
    }

  cr_test_remove_tree (fixture->root);
  g_free (fixture->root);
}

/* Tests */

static void
test_create_fill_save (Fixture       *fixture,
                       gconstpointer  data)
{
  CrWindow *window = open_window ();
  CrCaseView *view = cr_window_get_case_view (window);
  CrCompanyPage *company;
  CrRecordsPage *records;
  CrRecordEditor *editor;
  GtkWidget *fine_check;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *record, *penalty;
  g_autofree char *folder = NULL;

  /* An empty library: the welcome page offers a new case and the samples. */
  g_assert_cmpstr (content_page (window), ==, "welcome");
  WAIT_FOR (gtk_widget_get_visible (template_child (window, CR_TYPE_WINDOW, "sample_button")));
  g_assert_true (gtk_widget_get_visible (template_child (window, CR_TYPE_WINDOW, "sample_button")));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "library-empty");

  g_action_group_activate_action (G_ACTION_GROUP (window), "new-case", NULL);
  WAIT_FOR (cr_window_get_session (window) != NULL && g_str_equal (content_page (window), "case"));
  g_assert_nonnull (cr_window_get_session (window));
  folder = g_strdup (cr_case_session_get_folder (cr_window_get_session (window)));
  g_assert_true (g_str_has_prefix (folder, fixture->root));

  company = CR_COMPANY_PAGE (cr_case_view_get_page (view, "company"));
  /* The new case opens on its company name. */
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (window))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         template_child (company, CR_TYPE_COMPANY_PAGE, "name_row")));

  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "name_row"),
                         "无锡示例精密机械有限公司");
  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "uscc_row"),
                         " 91320206ma1n2p3q0j ");
  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "id_number_row"),
                         "110101199003071234");
  g_assert_false (gtk_widget_has_css_class (template_child (company, CR_TYPE_COMPANY_PAGE,
                                                            "uscc_row"), "error"));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "case-company");

  /* A record, typed in. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "add-record", NULL);
  records = CR_RECORDS_PAGE (cr_case_view_get_page (view, "records"));
  WAIT_FOR (cr_records_page_get_selected (records) != NULL);
  editor = template_child (records, CR_TYPE_RECORDS_PAGE, "editor");
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "decision_number_row"),
                         "锡惠市监处罚〔2025〕123号");
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "authority_row"),
                         "无锡市惠山区市场监督管理局");
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "decision_date_row"),
                         "2025-03-10");
  adw_combo_row_set_selected (template_child (editor, CR_TYPE_RECORD_EDITOR, "domain_row"), 1);
  fine_check = find_widget (GTK_WIDGET (editor), is_penalty_check, "fine");
  g_assert_nonnull (fine_check);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fine_check), TRUE);
  g_assert_true (gtk_widget_get_visible (template_child (editor, CR_TYPE_RECORD_EDITOR, "fine_row")));
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "fine_row"), "5000");
  adw_combo_row_set_selected (template_child (editor, CR_TYPE_RECORD_EDITOR, "severity_row"),
                              CR_SEVERITY_CLASS_GENERAL);
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "paid_amount_row"), "5000");
  gtk_editable_set_text (template_child (editor, CR_TYPE_RECORD_EDITOR, "paid_date_row"),
                         "2025/3/18");
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "case-record");

  /* Saved by the store shortly after the last change. */
  WAIT_FOR (session_saved (window));
  g_assert_true (session_saved (window));

  root = read_case_file (folder, parser);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "company"),
                                                  "name"), ==, "无锡示例精密机械有限公司");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "company"),
                                                  "uscc"), ==, "91320206MA1N2P3Q0J");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "applicant"),
                                                  "id_number"), ==, "110101199003071234");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "records")), ==, 1);
  record = json_array_get_object_element (json_object_get_array_member (root, "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "decision_number"), ==,
                   "锡惠市监处罚〔2025〕123号");
  g_assert_cmpstr (json_object_get_string_member (record, "authority"), ==,
                   "无锡市惠山区市场监督管理局");
  g_assert_cmpstr (json_object_get_string_member (record, "decision_date"), ==, "2025-03-10");
  g_assert_cmpstr (json_object_get_string_member (record, "domain"), ==, "market_regulation");
  g_assert_cmpstr (json_object_get_string_member (record, "severity"), ==, "general");
  penalty = json_array_get_object_element (json_object_get_array_member (record, "penalties"), 0);
  g_assert_cmpstr (json_object_get_string_member (penalty, "type"), ==, "fine");
  g_assert_cmpstr (json_object_get_string_member (penalty, "amount"), ==, "5000");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (record,
                                                                                 "performance"),
                                                  "fine_paid_date"), ==, "2025-03-18");

  /* The sidebar lists it under the company's name. */
  g_assert_cmpstr (cr_library_item_get_company_name (wait_for_item (window, folder)), ==,
                   "无锡示例精密机械有限公司");
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "library-one-case");
}

static void
test_uscc_inline_error (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "", NULL);
  CrWindow *window = open_window ();
  CrCompanyPage *company;
  GtkWidget *row, *message_row;
  GtkLabel *message;

  open_case (window, folder);
  company = CR_COMPANY_PAGE (cr_case_view_get_page (cr_window_get_case_view (window), "company"));
  row = template_child (company, CR_TYPE_COMPANY_PAGE, "uscc_row");
  message_row = template_child (company, CR_TYPE_COMPANY_PAGE, "uscc_message_row");
  message = template_child (company, CR_TYPE_COMPANY_PAGE, "uscc_message");

  /* The last character is wrong: said at once, as typed. */
  gtk_editable_set_text (GTK_EDITABLE (row), "91320206MA1N2P3Q0X");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_true (gtk_widget_get_visible (message_row));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "Position 18"));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "“J”"));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "uscc-error");

  gtk_editable_set_text (GTK_EDITABLE (row), "91320206MA1N2P3Q0");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "17 characters"));

  gtk_editable_set_text (GTK_EDITABLE (row), "91320206MA1N2P3Q0J");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (message_row));

  /* Empty is not an error yet (the case is being typed in). */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "苏州示例食品有限公司", "91320505MA1W8K3D1C",
                                        "苏园市监罚〔2025〕45号");
  g_autofree char *other = store_case (fixture, "无锡示例化工有限公司", "", NULL);
  CrWindow *window = open_window ();
  GtkWidget *overlay = template_child (window, CR_TYPE_WINDOW, "toast_overlay");
  CrLibrary *library = cr_window_get_library (window);
  GtkWidget *undo;

  open_case (window, folder);
  g_action_group_activate_action (G_ACTION_GROUP (window), "delete-case", NULL);
  WAIT_FOR (cr_library_lookup (library, folder) == NULL);
  g_assert_null (cr_library_lookup (library, folder));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_null (cr_window_get_session (window));
  g_assert_nonnull (cr_library_lookup (library, other));

  WAIT_FOR (find_widget (overlay, is_button_labelled, "_Undo") != NULL);
  undo = find_widget (overlay, is_button_labelled, "_Undo");
  g_assert_nonnull (undo);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "delete-toast");
  g_signal_emit_by_name (undo, "clicked");

  /* Back from the trash, listed and open again. */
  WAIT_FOR (cr_library_lookup (library, folder) != NULL && cr_window_get_session (window) != NULL);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_assert_nonnull (cr_library_lookup (library, folder));
  g_assert_cmpstr (cr_case_get_company_name (cr_case_session_get_case (cr_window_get_session (window))),
                   ==, "苏州示例食品有限公司");
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *a = store_case (fixture, "无锡示例精密机械有限公司", "91320206MA1N2P3Q0J",
                                   "锡惠市监处罚〔2025〕123号");
  g_autofree char *b = store_case (fixture, "苏州示例食品有限公司", "91320505MA1W8K3D1C",
                                   "苏园市监罚〔2024〕7号");
  g_autofree char *c = store_case (fixture, "无锡示例化工有限公司", "", "锡应急罚〔2025〕9号");
  CrWindow *window = open_window ();
  CrLibrarySidebar *sidebar = template_child (window, CR_TYPE_WINDOW, "sidebar");

  wait_for_item (window, a);
  wait_for_item (window, b);
  wait_for_item (window, c);
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 3);

  /* Ctrl+F opens the search. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  g_assert_true (cr_library_sidebar_get_search_mode (sidebar));

  cr_library_sidebar_set_search_text (sidebar, "无锡");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 2);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "library-search");

  /* By USCC, in any case. */
  cr_library_sidebar_set_search_text (sidebar, "91320505ma1");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 1);

  /* By decision number, whatever brackets the user types. */
  cr_library_sidebar_set_search_text (sidebar, "[2025]9号");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 1);
  cr_library_sidebar_set_search_text (sidebar, "〔2025〕");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 2);

  cr_library_sidebar_set_search_text (sidebar, "no such company");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (sidebar,
                                                                     CR_TYPE_LIBRARY_SIDEBAR,
                                                                     "stack")), ==, "no-results");

  cr_library_sidebar_set_search_text (sidebar, "");
  g_assert_cmpuint (cr_library_sidebar_get_n_visible (sidebar), ==, 3);
}

static const char paste_text[] =
  "行政处罚信息\n"
  "行政相对人名称：苏州示例食品有限公司\n"
  "统一社会信用代码：91320505MA1W8K3D1C\n"
  "行政处罚决定书文号：苏园市监罚〔2025〕45号\n"
  "违法行为类型：违反《中华人民共和国食品安全法》\n"
  "处罚类别：警告;罚款\n"
  "处罚内容：警告，罚款人民币3000元\n"
  "罚款金额(万元)：0.3\n"
  "处罚决定日期：2025年4月2日\n"
  "处罚机关：苏州工业园区市场监督管理局\n"
  "这一行不是任何字段\n";

static void
test_paste_records (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "", "", NULL);
  CrWindow *window = open_window ();
  CrCase *kase;
  CrPasteDialog *dialog;
  CrCaseRecord *record;

  open_case (window, folder);
  kase = cr_case_session_get_case (cr_window_get_session (window));
  g_assert_cmpuint (cr_case_get_n_records (kase), ==, 0);

  g_action_group_activate_action (G_ACTION_GROUP (window), "paste-records", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_PASTE_DIALOG) != NULL);
  dialog = CR_PASTE_DIALOG (cr_test_ui_find_toplevel (CR_TYPE_PASTE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpuint (cr_paste_dialog_get_n_records (dialog), ==, 0);

  cr_paste_dialog_set_text (dialog, paste_text);
  g_assert_cmpuint (cr_paste_dialog_get_n_records (dialog), ==, 1);
  /* The guess is marked and the odd line is shown, not dropped. */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), has_style_class,
                                 "status-waiting"));
  {
    GtkWidget *button = template_child (dialog, CR_TYPE_PASTE_DIALOG, "add_button");

    g_assert_true (gtk_widget_get_sensitive (button));
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Add 1 Record");
    cr_test_ui_save_screenshot (GTK_WIDGET (dialog), "paste-dialog");
    gtk_widget_activate (button);
  }

  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_PASTE_DIALOG) == NULL);
  g_assert_cmpuint (cr_case_get_n_records (kase), ==, 1);
  record = cr_case_get_record (kase, 0);
  g_assert_cmpstr (cr_case_record_get_decision_number (record), ==, "苏园市监罚〔2025〕45号");
  g_assert_cmpstr (cr_case_record_get_authority (record), ==, "苏州工业园区市场监督管理局");
  g_assert_true (cr_case_record_has_penalty_type (record, "fine"));
  g_assert_cmpint (cr_case_record_get_fines_total (record, FALSE), ==, 300000);
  /* The company was empty: filled from the text. */
  g_assert_cmpstr (cr_case_get_company_name (kase), ==, "苏州示例食品有限公司");
  g_assert_cmpstr (cr_case_get_company_uscc (kase), ==, "91320505MA1W8K3D1C");
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "paste-added");

  WAIT_FOR (session_saved (window));
  g_assert_true (session_saved (window));
}

static void
test_sync_conflict (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "91320206MA1N2P3Q0J",
                                        NULL);
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  CrWindow *window = open_window ();
  CrCompanyPage *company;
  CrCaseSession *session;
  AdwMessageDialog *dialog;
  g_autofree char *theirs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *copy = NULL;
  const char *name;

  open_case (window, folder);
  session = cr_window_get_session (window);
  /* An edit that is not saved yet when the other version arrives. */
  cr_case_session_set_delay (session, 60 * 1000);
  company = CR_COMPANY_PAGE (cr_case_view_get_page (cr_window_get_case_view (window), "company"));
  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "address_row"),
                         "无锡市惠山区示例路 1 号");
  g_assert_true (cr_case_session_has_unsaved (session));

  /* A sync tool replaces case.json behind the app's back. */
  {
    g_autoptr(CrCase) other = cr_case_load_from_file_full (path, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                                           NULL, &error);
    g_autofree char *data_text = NULL;

    g_assert_no_error (error);
    cr_case_set_company_phone (other, "0510-12345678");
    data_text = cr_case_to_data (other, NULL);
    theirs = g_strdup (data_text);
    g_file_set_contents (path, data_text, -1, &error);
    g_assert_no_error (error);
  }

  dialog = wait_for_message ("This Case Was Changed Elsewhere");
  cr_test_ui_save_screenshot (GTK_WIDGET (dialog), "conflict-dialog");
  g_assert_cmpint (cr_case_session_get_state (session), ==, CR_CASE_SESSION_CONFLICT);

  /* Nothing was overwritten. */
  {
    g_autofree char *now = NULL;

    g_file_get_contents (path, &now, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (now, ==, theirs);
  }

  respond (dialog, "mine");
  WAIT_FOR (g_strcmp0 (cr_case_session_get_folder (session), folder) != 0 &&
            session_saved (window));
  g_assert_cmpstr (cr_case_session_get_folder (session), !=, folder);

  /* Mine went to a copy, theirs stayed in place; both are listed. */
  dir = g_dir_open (fixture->root, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (strstr (name, "conflicted copy") != NULL)
        copy = g_build_filename (fixture->root, name, NULL);
    }
  g_assert_nonnull (copy);
  g_assert_cmpstr (cr_case_session_get_folder (session), ==, copy);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *mine = read_case_file (copy, parser);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (mine, "company"),
                                                    "address"), ==, "无锡市惠山区示例路 1 号");
  }
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *other = read_case_file (folder, parser);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (other, "company"),
                                                    "phone"), ==, "0510-12345678");
  }
  wait_for_item (window, copy);
  wait_for_item (window, folder);
}

static void
test_reload_without_edits (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "", NULL);
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  CrWindow *window = open_window ();
  CrCaseSession *session;
  CrCompanyPage *company;
  g_autoptr(GError) error = NULL;

  open_case (window, folder);
  session = cr_window_get_session (window);
  g_assert_false (cr_case_session_has_unsaved (session));

  {
    g_autoptr(CrCase) other = cr_case_load_from_file_full (path, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                                           NULL, &error);
    g_autofree char *data_text = NULL;

    g_assert_no_error (error);
    cr_case_set_company_name (other, "无锡示例精密机械股份有限公司");
    data_text = cr_case_to_data (other, NULL);
    g_file_set_contents (path, data_text, -1, &error);
    g_assert_no_error (error);
  }

  /* No edits of ours: the other version is simply taken. */
  WAIT_FOR (g_strcmp0 (cr_case_get_company_name (cr_case_session_get_case (session)),
                       "无锡示例精密机械股份有限公司") == 0);
  g_assert_cmpstr (cr_case_get_company_name (cr_case_session_get_case (session)), ==,
                   "无锡示例精密机械股份有限公司");
  g_assert_null (cr_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  company = CR_COMPANY_PAGE (cr_case_view_get_page (cr_window_get_case_view (window), "company"));
  g_assert_cmpstr (gtk_editable_get_text (template_child (company, CR_TYPE_COMPANY_PAGE,
                                                          "name_row")), ==,
                   "无锡示例精密机械股份有限公司");
}

static void
test_recover_after_crash (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "", NULL);
  g_autofree char *autosave = g_build_filename (folder, "case.json.autosave", NULL);
  CrWindow *window;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;

  /* What a killed run left: edits in the autosave file only. */
  {
    g_autofree char *path = g_build_filename (folder, "case.json", NULL);
    g_autoptr(CrCase) edited = cr_case_load_from_file_full (path, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                                            NULL, &error);
    g_autofree char *text = NULL;

    g_assert_no_error (error);
    cr_case_set_company_legal_representative (edited, "张伟");
    text = cr_case_to_data (edited, NULL);
    g_file_set_contents (autosave, text, -1, &error);
    g_assert_no_error (error);
  }

  window = open_window ();
  cr_library_sidebar_select (template_child (window, CR_TYPE_WINDOW, "sidebar"),
                             wait_for_item (window, folder));
  dialog = wait_for_message ("Restore Unsaved Edits?");
  cr_test_ui_save_screenshot (GTK_WIDGET (dialog), "recover-dialog");
  respond (dialog, "restore");

  WAIT_FOR (cr_window_get_session (window) != NULL && session_saved (window));
  g_assert_cmpstr (cr_case_get_company_legal_representative (
                     cr_case_session_get_case (cr_window_get_session (window))), ==, "张伟");
  /* Saved into case.json; the autosave file is gone. */
  WAIT_FOR (!g_file_test (autosave, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (autosave, G_FILE_TEST_EXISTS));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = read_case_file (folder, parser);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "company"),
                                                    "legal_representative"), ==, "张伟");
  }
}

/* Closing the window with edits not saved yet still saves them. */
static void
test_close_saves (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "", NULL);
  CrWindow *window = open_window ();
  CrCompanyPage *company;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  open_case (window, folder);
  cr_case_session_set_delay (cr_window_get_session (window), 60 * 1000);
  company = CR_COMPANY_PAGE (cr_case_view_get_page (cr_window_get_case_view (window), "company"));
  gtk_editable_set_text (template_child (company, CR_TYPE_COMPANY_PAGE, "legal_representative_row"),
                         "王芳");
  g_assert_true (cr_case_session_has_unsaved (cr_window_get_session (window)));

  gtk_window_close (GTK_WINDOW (window));
  /* The application is held until the save is done. */
  for (guint i = 0; i < 100; i++)
    {
      cr_test_ui_flush_events ();
      g_usleep (5000);
    }

  root = read_case_file (folder, parser);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "company"),
                                                  "legal_representative"), ==, "王芳");
}

static void
test_open_sample (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *samples = g_strdup (g_getenv ("CREDIT_REPAIR_SAMPLES_DIR"));
  g_autofree char *sample = g_build_filename (samples, "wuxi-machinery.case", "case.json", NULL);
  CrWindow *window = open_window ();
  CrCaseSession *session;

  g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample",
                                  g_variant_new_string (sample));
  WAIT_FOR (cr_window_get_session (window) != NULL);
  session = cr_window_get_session (window);
  g_assert_nonnull (session);

  /* A copy in the library, attachments and all; the sample is untouched. */
  g_assert_true (g_str_has_prefix (cr_case_session_get_folder (session), fixture->root));
  g_assert_cmpstr (cr_case_get_company_name (cr_case_session_get_case (session)), ==,
                   "无锡示例精密机械有限公司");
  {
    g_autofree char *receipt = g_build_filename (cr_case_session_get_folder (session),
                                                 "attachments", "payment-receipt-r1.pdf", NULL);
    g_assert_true (g_file_test (receipt, G_FILE_TEST_IS_REGULAR));
  }
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "sample-open");
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cr_library_export_finish (CR_LIBRARY (object), result, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrLibraryItem **item = user_data;
  g_autoptr(GError) error = NULL;

  *item = cr_library_operation_finish (CR_LIBRARY (object), result, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
test_export_import (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "无锡示例精密机械有限公司", "91320206MA1N2P3Q0J",
                                        "锡惠市监处罚〔2025〕123号");
  CrWindow *window = open_window ();
  CrCaseSession *session;
  g_autofree char *dest = g_build_filename (g_get_tmp_dir (), "cr-export-XXXXXX", NULL);
  g_autofree char *exported = NULL;
  g_autofree char *case_file = NULL;
  g_autoptr(CrLibraryItem) imported = NULL;
  gboolean done = FALSE;

  open_case (window, folder);
  session = cr_window_get_session (window);
  g_assert_nonnull (g_mkdtemp (dest));
  exported = g_build_filename (dest, "export", NULL);

  /* The app's own key goes with the saved case, not with the export. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "set-tracking",
                                  g_variant_new_string ("submitted"));
  g_assert_cmpint (cr_library_item_get_status (wait_for_item (window, folder)), ==,
                   CR_CASE_STATUS_SUBMITTED);
  WAIT_FOR (session_saved (window));
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = read_case_file (folder, parser);

    g_assert_true (json_object_has_member (root, "app_tracking"));
  }

  cr_library_export_async (cr_window_get_library (window), cr_case_session_get_store (session),
                           cr_case_session_get_case (session), exported, NULL, export_done_cb,
                           &done);
  WAIT_FOR (done);
  g_assert_true (done);
  case_file = g_build_filename (exported, "case.json", NULL);
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonObject *root = read_case_file (exported, parser);

    g_assert_false (json_object_has_member (root, "app_tracking"));
    g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);
  }

  cr_library_import_async (cr_window_get_library (window), case_file, NULL, import_done_cb,
                           &imported);
  WAIT_FOR (imported != NULL);
  g_assert_nonnull (imported);
  g_assert_cmpstr (cr_library_item_get_folder (imported), !=, folder);
  g_assert_cmpstr (cr_library_item_get_company_name (imported), ==, "无锡示例精密机械有限公司");

  cr_test_remove_tree (exported);
  g_rmdir (dest);
}


/* Another program adds, removes and edits cases in the library folder:
 * the list follows, and the items that stay keep their identity (so the
 * open case stays selected). */
static void
test_follows_folder_changes (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *first = store_case (fixture, "苏州示例食品有限公司", "91320505MA1W8K3D1C", NULL);
  g_autofree char *second = store_case (fixture, "无锡示例化工有限公司", "", NULL);
  g_autofree char *added = NULL;
  g_autofree char *second_file = g_build_filename (second, "case.json", NULL);
  g_autoptr(CrCase) edited = NULL;
  g_autoptr(GError) error = NULL;
  CrWindow *window = open_window ();
  CrLibrary *library = cr_window_get_library (window);
  CrLibrarySidebar *sidebar = template_child (window, CR_TYPE_WINDOW, "sidebar");
  CrLibraryItem *first_item, *second_item;

  open_case (window, first);
  first_item = cr_library_lookup (library, first);
  second_item = cr_library_lookup (library, second);
  g_assert_nonnull (second_item);

  /* A sync tool brings a colleague's new case. */
  added = store_case (fixture, "常州示例机械有限公司", "", "常市监罚〔2025〕7号");
  WAIT_FOR (cr_library_lookup (library, added) != NULL);
  g_assert_nonnull (cr_library_lookup (library, added));
  g_assert_cmpstr (cr_library_item_get_company_name (cr_library_lookup (library, added)), ==,
                   "常州示例机械有限公司");
  g_assert_true (cr_library_lookup (library, first) == first_item);
  g_assert_true (cr_library_sidebar_get_selected (sidebar) == first_item);
  g_assert_cmpuint (g_list_model_get_n_items (cr_library_get_items (library)), ==, 3);

  /* … and takes one away. */
  g_assert_true (cr_test_remove_tree (added));
  WAIT_FOR (cr_library_lookup (library, added) == NULL);
  g_assert_null (cr_library_lookup (library, added));
  g_assert_true (cr_library_sidebar_get_selected (sidebar) == first_item);
  g_assert_nonnull (cr_window_get_session (window));

  /* A change inside a case folder (a colleague's save arriving through a
   * sync tool: a new case.json renamed over the old one) is seen too. */
  edited = cr_case_load_from_file_full (second_file, CR_CASE_LOAD_ALLOW_INCOMPLETE, NULL, &error);
  g_assert_no_error (error);
  cr_case_set_company_name (edited, "无锡示例新材料有限公司");
  {
    g_autofree char *contents = cr_case_to_data (edited, NULL);

    g_assert_true (g_file_set_contents (second_file, contents, -1, &error));
    g_assert_no_error (error);
  }
  WAIT_FOR (g_strcmp0 (cr_library_item_get_company_name (second_item), "无锡示例新材料有限公司") == 0);
  g_assert_cmpstr (cr_library_item_get_company_name (second_item), ==, "无锡示例新材料有限公司");
  g_assert_true (cr_library_lookup (library, second) == second_item);
  g_assert_true (cr_library_sidebar_get_selected (sidebar) == first_item);
}

static gboolean
library_folders_contain (GSettings  *settings,
                         const char *folder)
{
  g_auto(GStrv) folders = g_settings_get_strv (settings, "library-folders");

  return g_strv_contains ((const char * const *) folders, folder);
}

/* Preferences → Library: add a shared folder (its cases are listed), refuse
 * a case folder, remove the shared folder (its cases go from the list,
 * not from the disk). */
static void
test_library_folders (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = g_dir_make_tmp ("cr-shared-library-XXXXXX", &error);
  g_autofree char *own = store_case (fixture, "苏州示例食品有限公司", "91320505MA1W8K3D1C", NULL);
  g_autofree char *theirs = NULL;
  g_autofree char *shared_name = NULL;
  g_autoptr(GFile) shared_file = NULL;
  g_autoptr(GFile) case_folder = NULL;
  GSettings *settings = cr_application_get_settings (app);
  CrWindow *window;
  CrLibrary *library;
  GtkWindow *prefs;

  g_assert_no_error (error);
  theirs = store_case_in (shared, "南京示例物流有限公司", "", "宁交罚〔2025〕12号");
  shared_name = g_path_get_basename (shared);
  shared_file = g_file_new_for_path (shared);
  case_folder = g_file_new_for_path (theirs);

  window = open_window ();
  library = cr_window_get_library (window);
  wait_for_item (window, own);
  g_assert_null (cr_library_lookup (library, theirs));

  /* The library menu's Library Folders… opens Preferences on its page. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "library-folders", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_PREFERENCES_WINDOW) != NULL);
  prefs = cr_test_ui_find_toplevel (CR_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (prefs)),
                   ==, "library");
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (prefs)));

  /* A case folder is not a library folder. */
  cr_preferences_window_add_library_folder (CR_PREFERENCES_WINDOW (prefs), case_folder);
  WAIT_FOR (find_widget (GTK_WIDGET (prefs), is_label_containing, "is a case folder") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (prefs), is_label_containing, "is a case folder"));
  g_assert_false (library_folders_contain (settings, theirs));

  cr_preferences_window_add_library_folder (CR_PREFERENCES_WINDOW (prefs), shared_file);
  WAIT_FOR (library_folders_contain (settings, shared));
  g_assert_true (library_folders_contain (settings, shared));
  WAIT_FOR (find_widget (GTK_WIDGET (prefs), is_row_titled, shared_name) != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (prefs), is_row_titled, shared_name));
  cr_test_ui_save_screenshot (GTK_WIDGET (prefs), "library-folders");

  /* Its cases are listed, and followed. */
  WAIT_FOR (cr_library_lookup (library, theirs) != NULL);
  g_assert_nonnull (cr_library_lookup (library, theirs));
  g_assert_nonnull (cr_library_lookup (library, own));
  g_assert_cmpuint (cr_library_get_n_stores (library), ==, 2);
  {
    g_autofree char *another = store_case_in (shared, "扬州示例包装有限公司", "", NULL);

    WAIT_FOR (cr_library_lookup (library, another) != NULL);
    g_assert_nonnull (cr_library_lookup (library, another));
  }

  /* Adding it again changes nothing. */
  cr_preferences_window_add_library_folder (CR_PREFERENCES_WINDOW (prefs), shared_file);
  WAIT_FOR (find_widget (GTK_WIDGET (prefs), is_label_containing, "is listed already") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (prefs), is_label_containing, "is listed already"));

  /* Open in Files, where no file manager is installed (as on the CI
   * machine): the failure is said plainly. With one, it would open. */
  {
    g_autoptr(GAppInfo) files = g_app_info_get_default_for_type ("inode/directory", FALSE);

    if (files == NULL)
      {
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.open-library-folder",
                                                   "s", shared));
        WAIT_FOR (find_widget (GTK_WIDGET (prefs), is_label_containing,
                               "The folder could not be opened") != NULL);
        g_assert_nonnull (find_widget (GTK_WIDGET (prefs), is_label_containing,
                                       "The folder could not be opened"));
      }
    else
      {
        g_test_message ("%s handles folders here: not opening one", g_app_info_get_name (files));
      }
  }

  /* A folder that is not there (a USB stick left at the office) says so. */
  {
    g_autofree char *missing = g_build_filename (shared, "not-plugged-in", NULL);
    const char *with_missing[] = { shared, missing, NULL };
    GtkWidget *row;

    g_settings_set_strv (settings, "library-folders", with_missing);
    WAIT_FOR ((row = find_widget (GTK_WIDGET (prefs), is_row_titled, "not-plugged-in")) != NULL &&
              strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not found") != NULL);
    row = find_widget (GTK_WIDGET (prefs), is_row_titled, "not-plugged-in");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not found"));
    g_assert_true (gtk_widget_has_css_class (row, "warning"));
    /* The folder that is there has no such note. */
    row = find_widget (GTK_WIDGET (prefs), is_row_titled, shared_name);
    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "Not found"));
    cr_test_ui_save_screenshot (GTK_WIDGET (prefs), "library-folder-missing");
    gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-library-folder", "s", missing);
  }

  gtk_widget_activate_action (GTK_WIDGET (prefs), "prefs.remove-library-folder", "s", shared);
  g_assert_false (library_folders_contain (settings, shared));
  WAIT_FOR (cr_library_lookup (library, theirs) == NULL);
  g_assert_null (cr_library_lookup (library, theirs));
  g_assert_nonnull (cr_library_lookup (library, own));
  g_assert_null (find_widget (GTK_WIDGET (prefs), is_row_titled, shared_name));
  g_assert_true (g_file_test (theirs, G_FILE_TEST_IS_DIR));

  g_settings_reset (settings, "library-folders");
  cr_test_remove_tree (shared);
}

/* The badges follow the application's rule sets: the statuses are worked
 * out again when other rule sets are set (as after new ones arrive). */
static void
test_statuses_follow_rule_sets (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CrCaseStore) store = cr_case_store_new (fixture->root);
  g_autoptr(CrCase) initial = cr_case_new ();
  g_autoptr(CrCaseRecord) record = cr_case_record_new ("r1");
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrRuleSetCollection) none = cr_rule_set_collection_new ();
  g_autoptr(GError) error = NULL;
  CrRuleSetCollection *app_rules;
  CrLibraryItem *item;
  CrLibrary *library;
  CrWindow *window;
  GDate date;

  /* Decided ten days ago: under any rule set in force, not yet eligible. */
  g_date_clear (&date, 1);
  cr_date_set_today (&date);
  g_date_subtract_days (&date, 10);
  cr_case_set_company_name (initial, "苏州示例食品有限公司");
  cr_case_record_set_decision_number (record, "苏园市监罚〔2026〕45号");
  cr_case_record_set_decision_date (record, &date);
  cr_case_record_set_domain (record, "market_regulation");
  cr_case_record_set_severity (record, CR_SEVERITY_CLASS_GENERAL);
  cr_case_record_add_penalty (record, "warning", 0);
  cr_case_add_record (initial, record);
  kase = cr_case_store_create (store, NULL, initial, &error);
  g_assert_no_error (error);

  window = open_window ();
  library = cr_window_get_library (window);
  item = wait_for_item (window, cr_case_get_base_dir (kase));
  WAIT_FOR (cr_library_item_get_status (item) == CR_CASE_STATUS_NOT_YET_ELIGIBLE);
  g_assert_cmpint (cr_library_item_get_status (item), ==, CR_CASE_STATUS_NOT_YET_ELIGIBLE);
  app_rules = cr_application_get_rule_sets (app);
  g_assert_nonnull (app_rules);

  /* No rule set applies: nothing can be said beyond "draft". */
  cr_library_set_rule_sets (library, none);
  WAIT_FOR (cr_library_item_get_status (item) == CR_CASE_STATUS_DRAFT);
  g_assert_cmpint (cr_library_item_get_status (item), ==, CR_CASE_STATUS_DRAFT);

  cr_library_set_rule_sets (library, app_rules);
  WAIT_FOR (cr_library_item_get_status (item) == CR_CASE_STATUS_NOT_YET_ELIGIBLE);
  g_assert_cmpint (cr_library_item_get_status (item), ==, CR_CASE_STATUS_NOT_YET_ELIGIBLE);
}

static guint
count_status (CrLibrary    *library,
              CrCaseStatus  status)
{
  GListModel *items = cr_library_get_items (library);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(CrLibraryItem) item = g_list_model_get_item (items, i);

      n += cr_library_item_get_status (item) == status;
    }

  return n;
}

/* The three sample cases in the library, one open on its Overview: the
 * picture of the window the README and the AppStream metadata show
 * (build-aux/screenshot.sh runs this test with CREDIT_REPAIR_TEST_SCREENSHOTS). */
static void
test_samples_overview (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char * const names[] = {
    "suzhou-food.case", "wuxi-chemical-serious.case", "wuxi-machinery.case",
  };
  const char *samples = g_getenv ("CREDIT_REPAIR_SAMPLES_DIR");
  CrWindow *window;
  CrLibrary *library;
  CrCaseView *view;
  AdwViewStack *stack;

  /* The size of a laptop screen. */
  window = open_window_sized (1280, 800);
  library = cr_window_get_library (window);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sample = g_build_filename (samples, names[i], "case.json", NULL);
      guint before = g_list_model_get_n_items (cr_library_get_items (library));

      g_action_group_activate_action (G_ACTION_GROUP (window), "open-sample",
                                      g_variant_new_string (sample));
      WAIT_FOR (g_list_model_get_n_items (cr_library_get_items (library)) == before + 1 &&
                session_saved (window));
      g_assert_cmpuint (g_list_model_get_n_items (cr_library_get_items (library)), ==, before + 1);
    }

  /* The last one opened is open; show what the check says of it. */
  g_assert_cmpstr (cr_case_get_company_name (cr_case_session_get_case (cr_window_get_session (window))),
                   ==, "无锡示例精密机械有限公司");
  view = cr_window_get_case_view (window);
  stack = cr_case_view_get_stack (view);
  adw_view_stack_set_visible_child_name (stack, "overview");
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "overview");
  /* Two samples are ready to apply (the serious one is not). */
  WAIT_FOR (count_status (library, CR_CASE_STATUS_READY) == 2);
  g_assert_cmpuint (count_status (library, CR_CASE_STATUS_READY), ==, 2);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "main-window");
}

/* Opening a case from the file manager or the command line: a case of the
 * library is selected, not copied; another is imported as a copy. */
static void
test_open_files (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *folder = store_case (fixture, "苏州示例食品有限公司", "91320505MA1W8K3D1C", NULL);
  g_autofree char *sample = g_build_filename (g_getenv ("CREDIT_REPAIR_SAMPLES_DIR"),
                                              "wuxi-machinery.case", NULL);
  g_autoptr(GFile) own = g_file_new_for_path (folder);
  g_autoptr(GFile) other = g_file_new_for_path (sample);
  CrWindow *window = open_window ();
  CrLibrary *library = cr_window_get_library (window);
  GListModel *items = cr_library_get_items (library);

  wait_for_item (window, folder);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);

  g_application_open (G_APPLICATION (app), &own, 1, "");
  WAIT_FOR (cr_window_get_session (window) != NULL &&
            g_strcmp0 (cr_case_session_get_folder (cr_window_get_session (window)), folder) == 0);
  g_assert_cmpstr (cr_case_session_get_folder (cr_window_get_session (window)), ==, folder);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 1);

  /* A sample folder is outside the library: a copy comes in and opens. */
  g_application_open (G_APPLICATION (app), &other, 1, "");
  WAIT_FOR (g_list_model_get_n_items (items) == 2 && cr_window_get_session (window) != NULL &&
            g_strcmp0 (cr_case_session_get_folder (cr_window_get_session (window)), folder) != 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 2);
  g_assert_true (g_str_has_prefix (cr_case_session_get_folder (cr_window_get_session (window)),
                                   fixture->root));
  g_assert_cmpstr (cr_case_get_company_name (cr_case_session_get_case (cr_window_get_session (window))),
                   ==, "无锡示例精密机械有限公司");
}

static void
test_unreadable_case_listed (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->root, "broken", NULL);
  g_autofree char *path = g_build_filename (folder, "case.json", NULL);
  CrWindow *window;
  CrLibraryItem *item;
  AdwStatusPage *error_page;

  g_mkdir_with_parents (folder, 0700);
  g_file_set_contents (path, "{ \"format\": ", -1, NULL);

  window = open_window ();
  item = wait_for_item (window, folder);
  g_assert_nonnull (cr_library_item_get_error (item));
  g_assert_cmpint (cr_library_item_get_status (item), ==, CR_CASE_STATUS_UNREADABLE);

  cr_library_sidebar_select (template_child (window, CR_TYPE_WINDOW, "sidebar"), item);
  WAIT_FOR (g_str_equal (content_page (window), "error"));
  g_assert_cmpstr (content_page (window), ==, "error");
  error_page = template_child (window, CR_TYPE_WINDOW, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==, cr_library_item_get_error (item));
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "unreadable-case");
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

  /* Saves follow edits quickly in tests. */
  g_setenv ("CREDIT_REPAIR_AUTOSAVE_DELAY_MS", "100", TRUE);

  /* Translations too (the tests run with LANGUAGE=C; screenshots may not). */
  cr_core_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  app = cr_application_new (NULL, G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/ui/library/create-fill-save", test_create_fill_save);
  ADD ("/ui/library/uscc-inline-error", test_uscc_inline_error);
  ADD ("/ui/library/delete-and-undo", test_delete_and_undo);
  ADD ("/ui/library/search", test_search);
  ADD ("/ui/library/paste-records", test_paste_records);
  ADD ("/ui/library/sync-conflict", test_sync_conflict);
  ADD ("/ui/library/reload-without-edits", test_reload_without_edits);
  ADD ("/ui/library/recover-after-crash", test_recover_after_crash);
  ADD ("/ui/library/close-saves", test_close_saves);
  ADD ("/ui/library/open-sample", test_open_sample);
  ADD ("/ui/library/export-import", test_export_import);
  ADD ("/ui/library/unreadable-case", test_unreadable_case_listed);
  ADD ("/ui/library/follows-folder-changes", test_follows_folder_changes);
  ADD ("/ui/library/library-folders", test_library_folders);
  ADD ("/ui/library/statuses-follow-rule-sets", test_statuses_follow_rule_sets);
  ADD ("/ui/library/samples-overview", test_samples_overview);
  ADD ("/ui/library/open-files", test_open_files);

  ret = g_test_run ();

  g_clear_object (&app);
  return ret;
}
