/* test-check-ui.c: the Overview and Report pages and their check controller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drives the check pages in a real window under Xvfb with the bundled rule
 * sets (CREDIT_REPAIR_RULES_DIR). Expected texts are built from the same
 * message ids the pages use, so the tests pass in any language; run with
 * LANGUAGE=zh_CN and CREDIT_REPAIR_TEST_SCREENSHOTS=DIR to see the pages in
 * Chinese.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <time.h>

#include "cr-application.h"
#include "cr-case-store.h"
#include "cr-case-view.h"
#include "cr-check-controller.h"
#include "cr-check-text.h"
#include "cr-core.h"
#include "cr-date-control.h"
#include "cr-date.h"
#include "cr-finding-row.h"
#include "cr-library-sidebar.h"
#include "cr-library.h"
#include "cr-overview-page.h"
#include "cr-report-page.h"
#include "cr-result-view.h"
#include "cr-test-ui.h"
#include "cr-timeline.h"
#include "cr-window.h"
#include "cr-test-util.h"

#define DECISION_NUMBER "锡惠市监处罚〔2025〕123号"

static CrRuleSetCollection *rules;
static CrApplication *app;

typedef struct
{
  GtkWindow         *window;
  GtkStack          *stack;
  CrCheckController *controller;
  CrOverviewPage    *overview;
  CrReportPage      *report;
  CrCase            *case_;
} Fixture;

/* The case of the brief: one general record with a 5000 yuan fine, paid,
 * with commitment and payment proof attached. */
static char *
case_json (const char *decision_date,
           const char *paid_date,
           guint       n_records)
{
  GString *json = g_string_new (NULL);

  g_string_append (json,
                   "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
                   " \"company\": {\"name\": \"无锡示例精密机械有限公司\","
                   "               \"uscc\": \"91320206MA1N2P3Q0J\"},"
                   " \"applicant\": {\"role\": \"legal_representative\", \"name\": \"张伟\"},"
                   " \"records\": [");
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *number = i == 0 ? g_strdup (DECISION_NUMBER)
                                       : g_strdup_printf ("锡惠市监处罚〔2025〕%u号", 1000 + i);

      g_string_append_printf (json,
                              "%s{\"id\": \"r%u\", \"kind\": \"administrative_penalty\","
                              " \"decision_number\": \"%s\","
                              " \"authority\": \"无锡市惠山区市场监督管理局\","
                              " \"decision_date\": \"%s\", \"publication_date\": null,"
                              " \"domain\": \"market_regulation\","
                              " \"penalties\": [{\"type\": \"fine\", \"amount\": \"5000\"}],"
                              " \"severity\": \"general\", \"simple_procedure\": false,"
                              " \"rectification_ordered\": false,"
                              " \"performance\": {\"fine_paid_amount\": \"5000\","
                              "                   \"fine_paid_date\": \"%s\","
                              "                   \"rectification_completed\": null}}",
                              i > 0 ? ", " : "", i + 1, number, decision_date, paid_date);
    }
  g_string_append (json, "], \"materials\": [");
  for (guint i = 0; i < n_records; i++)
    g_string_append_printf (json,
                            "%s{\"slot\": \"payment_proof\", \"record\": \"r%u\","
                            "  \"path\": \"attachments/receipt-r%u.pdf\"},"
                            " {\"slot\": \"commitment\", \"record\": \"r%u\","
                            "  \"path\": \"attachments/commitment-r%u.pdf\"}",
                            i > 0 ? ", " : "", i + 1, i + 1, i + 1, i + 1);
  g_string_append (json, "]}");

  return g_string_free (json, FALSE);
}

static CrCase *
load_case (const char *decision_date,
           const char *paid_date,
           guint       n_records)
{
  g_autofree char *json = case_json (decision_date, paid_date, n_records);
  g_autoptr(GError) error = NULL;
  CrCase *case_;

  case_ = cr_case_load_from_data (json, -1, "/nonexistent", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (case_);

  return case_;
}

static GDate
date_from (const char *text)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (cr_date_parse (text, &date, &error));
  g_assert_no_error (error);

  return date;
}

static void
set_date (CrCheckController *controller,
          const char        *text)
{
  GDate date = date_from (text);

  cr_check_controller_set_date (controller, &date);
}

/* Waits until @controller has completed more than @before checks and has
 * nothing more to do. */
static void
wait_for_check (CrCheckController *controller,
                guint              before)
{
  CR_TEST_WAIT_FOR (cr_check_controller_get_n_checks (controller) > before &&
                    !cr_check_controller_get_busy (controller), 10);
  g_assert_cmpuint (cr_check_controller_get_n_checks (controller), >, before);
  g_assert_false (cr_check_controller_get_busy (controller));
  /* Let the pages lay out what they were given. */
  cr_test_ui_flush_events ();
}

static char *
formatted (const char *text)
{
  GDate date = date_from (text);

  return cr_check_text_format_date (&date);
}

static const char *
rule_set_title (const char *id)
{
  CrRuleSet *rule_set = cr_rule_set_collection_lookup (rules, id);

  g_assert_nonnull (rule_set);
  return cr_rule_set_get_title (rule_set, cr_language_get_default ());
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *decision = data != NULL ? data : "2025-03-10";
  GtkWidget *stack;

  fixture->case_ = load_case (decision, "2025-03-18", 1);

  fixture->controller = cr_check_controller_new ();
  cr_check_controller_set_rule_sets (fixture->controller, rules);
  set_date (fixture->controller, "2025-05-01");

  fixture->overview = CR_OVERVIEW_PAGE (cr_overview_page_new ());
  fixture->report = CR_REPORT_PAGE (cr_report_page_new ());
  cr_overview_page_set_controller (fixture->overview, fixture->controller);
  cr_report_page_set_controller (fixture->report, fixture->controller);

  stack = gtk_stack_new ();
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (fixture->overview), "overview");
  gtk_stack_add_named (GTK_STACK (stack), GTK_WIDGET (fixture->report), "report");
  fixture->stack = GTK_STACK (stack);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 860);
  gtk_window_set_child (fixture->window, stack);
  gtk_window_present (fixture->window);
  CR_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->overview)), 5);

  cr_check_controller_set_case (fixture->controller, fixture->case_);
  wait_for_check (fixture->controller, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  CrCheckController *compare = cr_overview_page_get_compare_controller (fixture->overview);

  /* Checks in flight hold the controllers: let them finish. */
  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (fixture->controller) &&
                    !cr_check_controller_get_busy (compare), 10);

  gtk_window_destroy (fixture->window);
  cr_test_ui_flush_events ();

  /* Nothing keeps the controller or the case alive behind our back. */
  g_assert_finalize_object (fixture->controller);
  g_assert_finalize_object (fixture->case_);
}

static void
screenshot (Fixture    *fixture,
            const char *page,
            const char *name)
{
  gtk_stack_set_visible_child_name (fixture->stack, page);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), name);
}

/* Decision 2025-03-10 on 2025-05-01: Order 58, not yet eligible until the
 * minimum publication period of three months ends on 2025-06-10. */
static void
test_overview_not_yet_eligible (Fixture       *fixture,
                                gconstpointer  data)
{
  CrResultView *view = cr_overview_page_get_result_view (fixture->overview, 0);
  CrCheckResult *result = cr_check_controller_get_result (fixture->controller);
  g_autofree char *from = formatted ("2025-06-10");
  g_autofree char *expected = NULL;
  g_autofree char *decided = formatted ("2025-03-10");
  const char *timeline;

  g_assert_nonnull (result);
  g_assert_cmpstr (cr_check_result_get_regime (result), ==, "order58");
  g_assert_false (cr_check_result_get_ready (result));

  expected = g_strdup_printf (_("Not ready: record %s can be applied for from %s"),
                              DECISION_NUMBER, from);
  g_assert_cmpstr (cr_result_view_get_verdict (view), ==, expected);
  g_assert_cmpstr (cr_result_view_get_rules_text (view), ==, rule_set_title ("cn-national-order58"));

  g_assert_cmpuint (cr_result_view_get_n_records (view), ==, 1);
  g_assert_cmpstr (cr_result_view_get_record_status (view, 0), ==,
                   cr_record_status_get_label (CR_RECORD_STATUS_NOT_YET_ELIGIBLE));

  /* The timeline names the decision, the earliest application and the
   * application date, with their dates. */
  timeline = cr_result_view_get_record_timeline (view, 0);
  g_assert_nonnull (strstr (timeline, decided));
  g_assert_nonnull (strstr (timeline, from));
  g_assert_nonnull (strstr (timeline, C_("timeline", "Can apply from")));
  g_assert_nonnull (strstr (timeline, C_("timeline", "Application date")));

  screenshot (fixture, "overview", "check-overview-order58");
}

/* Changing the application date checks again and shows the other rules. */
static void
test_date_changes_regime (Fixture       *fixture,
                          gconstpointer  data)
{
  CrResultView *view = cr_overview_page_get_result_view (fixture->overview, 0);
  CrDateControl *control;
  guint checks = cr_check_controller_get_n_checks (fixture->controller);
  g_autofree char *ended = formatted ("2026-03-10");

  set_date (fixture->controller, "2026-11-27");
  wait_for_check (fixture->controller, checks);

  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (fixture->controller)),
                   ==, "order36");
  g_assert_cmpstr (cr_result_view_get_rules_text (view), ==, rule_set_title ("cn-national-order36"));
  /* A general record decided 2025-03-10 is shown for twelve months under
   * Order 36: by 2026-11-27 its publication is over. */
  g_assert_cmpstr (cr_result_view_get_record_status (view, 0), ==,
                   cr_record_status_get_label (CR_RECORD_STATUS_EXPIRED));
  g_assert_nonnull (strstr (cr_result_view_get_record_timeline (view, 0), ended));

  /* The date button shows the date; the report follows the same controller. */
  control = CR_DATE_CONTROL (gtk_widget_get_template_child (GTK_WIDGET (view), CR_TYPE_RESULT_VIEW,
                                                            "date_control"));
  {
    g_autofree char *label = formatted ("2026-11-27");
    GtkLabel *rules_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (fixture->report),
                                                                      CR_TYPE_REPORT_PAGE,
                                                                      "rules_label"));

    g_assert_cmpstr (cr_date_control_get_label (control), ==, label);
    g_assert_nonnull (strstr (gtk_label_get_label (rules_label),
                              rule_set_title ("cn-national-order36")));
  }

  /* Before 2019-07-01 no rule set applies: said, not guessed. */
  checks = cr_check_controller_get_n_checks (fixture->controller);
  set_date (fixture->controller, "2019-01-01");
  wait_for_check (fixture->controller, checks);
  g_assert_null (cr_check_controller_get_result (fixture->controller));
  g_assert_nonnull (cr_check_controller_get_error_message (fixture->controller));
  g_assert_cmpstr (cr_result_view_get_verdict (view), ==, _("This date cannot be checked"));
  g_assert_cmpuint (cr_result_view_get_n_records (view), ==, 0);
  screenshot (fixture, "overview", "check-overview-no-rules");
}

/* The calendar, the "Today" button and the per-rule-set choices of the date
 * control drive the controller's date. */
static void
test_date_control (Fixture       *fixture,
                   gconstpointer  data)
{
  CrResultView *view = cr_overview_page_get_result_view (fixture->overview, 0);
  CrDateControl *control;
  GtkCalendar *calendar;
  GtkMenuButton *button;
  GtkListBox *regimes;
  GtkWidget *today_button;
  g_autoptr(GDateTime) day = NULL;
  GDate today, expected;
  guint checks;

  control = CR_DATE_CONTROL (gtk_widget_get_template_child (GTK_WIDGET (view), CR_TYPE_RESULT_VIEW,
                                                            "date_control"));
  calendar = GTK_CALENDAR (gtk_widget_get_template_child (GTK_WIDGET (control),
                                                          CR_TYPE_DATE_CONTROL, "calendar"));
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (control),
                                                           CR_TYPE_DATE_CONTROL, "button"));
  regimes = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (control),
                                                         CR_TYPE_DATE_CONTROL, "regime_list"));
  today_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (control),
                                                            CR_TYPE_DATE_CONTROL, "today_button"));

  g_assert_false (cr_check_controller_get_follows_today (fixture->controller));
  g_assert_true (gtk_widget_get_sensitive (today_button));

  gtk_menu_button_popup (button);
  CR_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (regimes)), 5);
  cr_test_ui_save_screenshot (gtk_widget_get_ancestor (GTK_WIDGET (regimes), GTK_TYPE_POPOVER),
                              "check-date-popover");

  /* One choice per bundled rule set; the one in force is marked. */
  {
    guint n = 0;

    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (regimes)); row != NULL;
         row = gtk_widget_get_next_sibling (row))
      n++;
    g_assert_cmpuint (n, ==, cr_rule_set_collection_get_n_rule_sets (rules));
  }

  /* Picking a day in the calendar checks the case for that day. */
  checks = cr_check_controller_get_n_checks (fixture->controller);
  day = g_date_time_new_local (2026, 11, 27, 12, 0, 0);
  gtk_calendar_select_day (calendar, day);  /* emits ::day-selected, as a click does */
  wait_for_check (fixture->controller, checks);
  expected = date_from ("2026-11-27");
  g_assert_cmpint (g_date_compare (cr_check_controller_get_date (fixture->controller), &expected),
                   ==, 0);
  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (fixture->controller)),
                   ==, "order36");

  /* The first choice is the oldest rules (notice 527): its last day. */
  checks = cr_check_controller_get_n_checks (fixture->controller);
  gtk_menu_button_popup (button);
  cr_test_ui_flush_events ();
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (regimes, 0), "activate");
  wait_for_check (fixture->controller, checks);
  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (fixture->controller)),
                   ==, "notice527");
  expected = date_from ("2023-04-30");
  g_assert_cmpint (g_date_compare (cr_check_controller_get_date (fixture->controller), &expected),
                   ==, 0);

  /* "Today" goes back to today, and the button says so. */
  checks = cr_check_controller_get_n_checks (fixture->controller);
  gtk_widget_activate (today_button);
  wait_for_check (fixture->controller, checks);
  cr_date_set_today (&today);
  g_assert_true (cr_check_controller_get_follows_today (fixture->controller));
  g_assert_cmpint (g_date_compare (cr_check_controller_get_date (fixture->controller), &today),
                   ==, 0);
  g_assert_false (gtk_widget_get_sensitive (today_button));
  {
    g_autofree char *date = cr_check_text_format_date (&today);
    g_autofree char *label = g_strdup_printf (_("%s (today)"), date);

    g_assert_cmpstr (cr_date_control_get_label (control), ==, label);
  }
  /* The timeline now marks today rather than "the application date". */
  g_assert_nonnull (strstr (cr_result_view_get_record_timeline (view, 0),
                            C_("timeline", "Today")));
}

/* Without records there is nothing to apply for: the rule sets make that
 * an error (R09-NO-RECORD), and the pages say so plainly. */
static void
test_no_records (Fixture       *fixture,
                 gconstpointer  data)
{
  CrResultView *view = cr_overview_page_get_result_view (fixture->overview, 0);
  guint checks = cr_check_controller_get_n_checks (fixture->controller);

  set_date (fixture->controller, "2026-11-27");
  wait_for_check (fixture->controller, checks);
  checks = cr_check_controller_get_n_checks (fixture->controller);

  cr_case_remove_record (fixture->case_, 0);
  wait_for_check (fixture->controller, checks);

  g_assert_false (cr_check_result_get_ready (cr_check_controller_get_result (fixture->controller)));
  g_assert_cmpstr (cr_result_view_get_verdict (view), ==, _("No records to check yet"));
  g_assert_cmpstr (cr_report_page_get_summary (fixture->report), ==, _("No records to check yet"));
  g_assert_cmpuint (cr_result_view_get_n_records (view), ==, 0);
}

typedef struct
{
  gint64 result_time;
  gint64 result_cpu_time;
  guint  n_results;
} ResultWatch;

static gint64 thread_cpu_time (void);

static void
result_changed_cb (CrCheckController *controller,
                   CrCheckResult     *result,
                   ResultWatch       *watch)
{
  watch->result_time = g_get_monotonic_time ();
  watch->result_cpu_time = thread_cpu_time ();
  watch->n_results++;
}

/* Editing the case checks again after a short delay: a burst of edits gives
 * one check, and the pages follow. */
static void
test_edit_rechecks (Fixture       *fixture,
                    gconstpointer  data)
{
  CrResultView *view = cr_overview_page_get_result_view (fixture->overview, 0);
  CrCaseRecord *record = cr_case_get_record (fixture->case_, 0);
  guint checks = cr_check_controller_get_n_checks (fixture->controller);
  GDate decided = date_from ("2026-03-10");
  GDate paid = date_from ("2026-03-18");
  g_autofree char *end = formatted ("2027-03-10");

  set_date (fixture->controller, "2026-11-27");
  wait_for_check (fixture->controller, checks);
  checks = cr_check_controller_get_n_checks (fixture->controller);

  /* Three edits in a row, as when typing: one check, after the delay. */
  cr_case_record_set_decision_date (record, &decided);
  cr_case_record_set_fine_paid_date (record, &paid);
  cr_case_set_company_phone (fixture->case_, "0510-00000000");
  g_assert_true (cr_check_controller_get_busy (fixture->controller));
  g_assert_cmpuint (cr_check_controller_get_n_checks (fixture->controller), ==, checks);
  wait_for_check (fixture->controller, checks);
  g_assert_cmpuint (cr_check_controller_get_n_checks (fixture->controller), ==, checks + 1);

  /* Decided 2026-03-10, general, paid, materials there: ready under Order 36. */
  g_assert_true (cr_check_result_get_ready (cr_check_controller_get_result (fixture->controller)));
  g_assert_cmpstr (cr_result_view_get_verdict (view), ==, _("Ready to apply"));
  g_assert_cmpstr (cr_result_view_get_record_status (view, 0), ==,
                   cr_record_status_get_label (CR_RECORD_STATUS_ELIGIBLE));
  g_assert_nonnull (strstr (cr_result_view_get_record_timeline (view, 0), end));
  {
    CrCheckResult *result = cr_check_controller_get_result (fixture->controller);
    guint n_warnings = cr_check_result_count_findings (result, CR_SEVERITY_WARNING);
    guint n_notes = cr_check_result_count_findings (result, CR_SEVERITY_INFO);
    g_autofree char *warnings = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning",
                                                              "%u warnings", n_warnings),
                                                 n_warnings);
    g_autofree char *notes = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                                           n_notes),
                                              n_notes);
    g_autofree char *summary = g_strdup_printf (_("Ready to apply: no errors, %s, %s"), warnings,
                                                notes);

    g_assert_cmpuint (n_notes, >, 0);
    g_assert_cmpstr (cr_report_page_get_summary (fixture->report), ==, summary);
  }

  screenshot (fixture, "overview", "check-overview-ready");
  screenshot (fixture, "report", "check-report-ready");

  /* Narrow (a phone, or a projector at a large scale): everything wraps. */
  gtk_window_set_default_size (fixture->window, 360, 860);
  CR_TEST_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (fixture->window)) <= 400, 5);
  screenshot (fixture, "overview", "check-overview-narrow");
  screenshot (fixture, "report", "check-report-narrow");
}

/* Order 36 with each rule that finds nothing in @case_ repeated @copies
 * times under new ids: a rule set that takes long to apply to a case of
 * ordinary size, with a result of ordinary size. */
static CrRuleSetCollection *
load_slow_rules (CrCase *case_,
                 guint   copies)
{
  g_autoptr(CrCheckResult) plain = NULL;
  g_autoptr(GHashTable) firing = g_hash_table_new (g_str_hash, g_str_equal);
  GDate on = date_from ("2026-11-27");
  g_autofree char *path = g_build_filename (g_getenv ("CREDIT_REPAIR_RULES_DIR"),
                                            "cn-national-order36.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) rules_copy = json_array_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(CrRuleSetCollection) collection = cr_rule_set_collection_new ();
  g_autoptr(CrRuleSet) rule_set = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *original;
  char *data;
  gsize length;

  plain = cr_checker_check_case (rules, case_, &on, cr_language_get_default (), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cr_check_result_get_n_findings (plain); i++)
    g_hash_table_add (firing, cr_check_result_get_finding (plain, i)->rule);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  original = json_object_get_array_member (root, "rules");

  for (guint k = 0; k < copies; k++)
    for (guint i = 0; i < json_array_get_length (original); i++)
      {
        JsonNode *element = json_array_get_element (original, i);
        const char *rule_id = json_object_get_string_member (json_node_get_object (element), "id");
        g_autofree char *text = NULL;
        g_autofree char *id = NULL;
        JsonNode *rule;

        if (g_hash_table_contains (firing, rule_id) && k > 0)
          continue;

        text = json_to_string (element, FALSE);
        rule = json_from_string (text, NULL);  /* a deep copy */
        id = g_strdup_printf ("%s-%u", rule_id, k);
        json_object_set_string_member (json_node_get_object (rule), "id", id);
        json_array_add_element (rules_copy, rule);
      }
  json_object_set_array_member (root, "rules", json_array_ref (rules_copy));
  json_object_set_string_member (root, "id", "test-slow-order36");

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);
  rule_set = cr_rule_set_new_from_bytes (bytes, "test-slow-order36.json",
                                         CR_RULE_SET_SOURCE_FILE, NULL, &error);
  g_assert_no_error (error);
  cr_rule_set_collection_add (collection, rule_set);

  return g_steal_pointer (&collection);
}

/* CPU time used by the calling thread: unlike the clock, it does not count
 * the time another process had the processor. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts), ==, 0);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

/* A check runs in a worker thread: while it runs, the main loop goes on.
 * The rule set makes the check of a case of ordinary size take longer than
 * the bound, so checking on the main thread would fail the test; only the
 * snapshot of the case (its JSON) is taken there. Each gap between two
 * iterations is measured twice: in the main thread's CPU time (the work the
 * window would wait for) and by the clock (which on a busy machine also
 * counts other processes: the best of three edits has to pass). */
static void
test_check_does_not_block (void)
{
  g_autoptr(CrCase) big = load_case ("2025-03-10", "2025-03-18", 20);
  g_autoptr(CrRuleSetCollection) slow_rules = NULL;
  g_autoptr(CrCheckController) controller = cr_check_controller_new ();
  g_autoptr(GError) error = NULL;
  ResultWatch watch = { 0, };
  GDate on = date_from ("2026-11-27");
  gint64 direct_cpu = 0, best_wall_gap = G_MAXINT64;

  /* Enough rules for the check to take longer than the bound here. */
  for (guint copies = 200; direct_cpu < 80 * 1000 && copies <= 6400; copies *= 2)
    {
      g_autoptr(CrCheckResult) direct = NULL;
      gint64 start;

      g_clear_object (&slow_rules);
      slow_rules = load_slow_rules (big, copies);
      start = thread_cpu_time ();
      direct = cr_checker_check_case (slow_rules, big, &on, cr_language_get_default (), &error);
      direct_cpu = thread_cpu_time () - start;
      g_assert_no_error (error);
      g_assert_nonnull (direct);
      g_test_message ("a direct check of %u records with %u rules took %" G_GINT64_FORMAT
                      " ms of CPU time", cr_case_get_n_records (big),
                      cr_rule_set_get_n_rules (cr_rule_set_collection_get_rule_set (slow_rules, 0)),
                      direct_cpu / 1000);
    }
  g_assert_cmpint (direct_cpu, >, 50 * 1000);

  cr_check_controller_set_rule_sets (controller, slow_rules);
  cr_check_controller_set_date (controller, &on);
  cr_check_controller_set_delay (controller, 0);
  g_signal_connect (controller, "result-changed", G_CALLBACK (result_changed_cb), &watch);
  cr_check_controller_set_case (controller, big);
  CR_TEST_WAIT_FOR (watch.n_results >= 2 && !cr_check_controller_get_busy (controller), 60);
  g_assert_nonnull (cr_check_controller_get_result (controller));

  for (guint attempt = 0; attempt < 3; attempt++)
    {
      GDate decided = date_from (attempt % 2 == 0 ? "2025-04-10" : "2025-03-10");
      gint64 start, last, last_cpu, max_gap = 0, max_cpu_gap = 0;
      const CrCheckRecord *record;
      guint n_iterations = 0;

      /* Edit through the model, then keep iterating until the result is
       * back, timing the gaps up to the moment it arrives. */
      watch.n_results = 0;
      cr_case_record_set_decision_date (cr_case_get_record (big, 0), &decided);
      start = last = g_get_monotonic_time ();
      last_cpu = thread_cpu_time ();
      while (watch.n_results == 0 && g_get_monotonic_time () - start < 60 * G_USEC_PER_SEC)
        {
          gint64 now, now_cpu;

          g_main_context_iteration (NULL, FALSE);
          now = watch.n_results > 0 ? watch.result_time : g_get_monotonic_time ();
          now_cpu = watch.n_results > 0 ? watch.result_cpu_time : thread_cpu_time ();
          max_gap = MAX (max_gap, now - last);
          max_cpu_gap = MAX (max_cpu_gap, now_cpu - last_cpu);
          last = now;
          n_iterations++;
          g_usleep (200);
          last_cpu = thread_cpu_time ();
        }

      g_assert_cmpuint (watch.n_results, ==, 1);
      g_test_message ("the check took %" G_GINT64_FORMAT " ms in the background over %u "
                      "iterations; longest gap between iterations %" G_GINT64_FORMAT " ms "
                      "(%" G_GINT64_FORMAT " ms of CPU time)",
                      (watch.result_time - start) / 1000, n_iterations, max_gap / 1000,
                      max_cpu_gap / 1000);
      g_assert_cmpint (max_cpu_gap, <, 50 * 1000);
      g_assert_cmpuint (n_iterations, >, 1);
      best_wall_gap = MIN (best_wall_gap, max_gap);

      /* The new decision date made it into the result. */
      record = cr_check_result_get_record (cr_check_controller_get_result (controller), 0);
      g_assert_cmpint (g_date_compare (&record->decision_date, &decided), ==, 0);
    }
  g_assert_cmpint (best_wall_gap, <, 50 * 1000);

  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (controller), 10);
}

/* A newer check overtakes an older one: the older result is never shown. */
static void
test_stale_check_dropped (void)
{
  g_autoptr(CrCase) big = load_case ("2025-03-10", "2025-03-18", 800);
  g_autoptr(CrCheckController) controller = cr_check_controller_new ();
  ResultWatch watch = { 0, };

  cr_check_controller_set_rule_sets (controller, rules);
  set_date (controller, "2025-05-01");
  g_signal_connect (controller, "result-changed", G_CALLBACK (result_changed_cb), &watch);
  cr_check_controller_set_case (controller, big);
  CR_TEST_WAIT_FOR (watch.n_results >= 2 && !cr_check_controller_get_busy (controller), 30);

  watch.n_results = 0;
  set_date (controller, "2026-11-27");
  /* Start the first check (the delay is over at once for a new date), then
   * overtake it while its thread still works on the large case. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (cr_check_controller_get_busy (controller));
  set_date (controller, "2025-05-02");
  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (controller), 30);

  g_assert_cmpuint (watch.n_results, ==, 1);
  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (controller)), ==,
                   "order58");
}

/* Compare: a second column for a second date, at first the last day of the
 * rules before the ones in force. */
static void
test_compare (Fixture       *fixture,
              gconstpointer  data)
{
  CrCheckController *compare = cr_overview_page_get_compare_controller (fixture->overview);
  CrResultView *second = cr_overview_page_get_result_view (fixture->overview, 1);
  CrResultView *first = cr_overview_page_get_result_view (fixture->overview, 0);
  GtkWidget *compare_button;
  GDate expected = date_from ("2026-03-31");
  guint checks = cr_check_controller_get_n_checks (fixture->controller);
  g_autofree char *from = formatted ("2026-06-10");

  set_date (fixture->controller, "2026-11-27");
  wait_for_check (fixture->controller, checks);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (second)));

  compare_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fixture->overview),
                                                              CR_TYPE_OVERVIEW_PAGE,
                                                              "compare_button"));
  /* Activation (Enter or Space) presses the button for a moment. */
  gtk_widget_activate (compare_button);
  CR_TEST_WAIT_FOR (cr_overview_page_get_compare (fixture->overview), 5);
  g_assert_true (cr_overview_page_get_compare (fixture->overview));
  wait_for_check (compare, 0);

  g_assert_cmpint (g_date_compare (cr_check_controller_get_date (compare), &expected), ==, 0);
  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (compare)), ==,
                   "order58");
  g_assert_cmpstr (cr_result_view_get_rules_text (second), ==, rule_set_title ("cn-national-order58"));
  g_assert_cmpstr (cr_result_view_get_rules_text (first), ==, rule_set_title ("cn-national-order36"));
  /* Decided 2025-03-10: shown until 2028-03-10 under Order 58, so on its
   * last day the record could still be repaired. */
  g_assert_cmpstr (cr_result_view_get_record_status (second, 0), ==,
                   cr_record_status_get_label (CR_RECORD_STATUS_ELIGIBLE));
  g_assert_cmpstr (cr_result_view_get_record_status (first, 0), ==,
                   cr_record_status_get_label (CR_RECORD_STATUS_EXPIRED));
  CR_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (second)), 5);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (second)));

  /* An edit re-checks both columns. */
  {
    GDate decided = date_from ("2026-03-10");
    GDate paid = date_from ("2026-03-18");
    guint compare_checks = cr_check_controller_get_n_checks (compare);
    g_autofree char *expected_verdict = NULL;

    checks = cr_check_controller_get_n_checks (fixture->controller);
    cr_case_record_set_decision_date (cr_case_get_record (fixture->case_, 0), &decided);
    cr_case_record_set_fine_paid_date (cr_case_get_record (fixture->case_, 0), &paid);
    wait_for_check (fixture->controller, checks);
    wait_for_check (compare, compare_checks);

    g_assert_cmpstr (cr_result_view_get_verdict (first), ==, _("Ready to apply"));
    /* On 2026-03-31 the minimum period of a decision of 2026-03-10 runs. */
    expected_verdict = g_strdup_printf (_("Not ready: record %s can be applied for from %s"),
                                        DECISION_NUMBER, from);
    g_assert_cmpstr (cr_result_view_get_verdict (second), ==, expected_verdict);
  }

  screenshot (fixture, "overview", "check-overview-compare");
  /* Side by side in a wide window … */
  {
    graphene_rect_t a, b;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (first), GTK_WIDGET (fixture->overview),
                                              &a));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (second), GTK_WIDGET (fixture->overview),
                                              &b));
    g_assert_cmpfloat (b.origin.x, >=, a.origin.x + a.size.width);
    g_assert_cmpfloat (b.origin.y, ==, a.origin.y);
  }

  /* … one above the other in a narrow one. */
  gtk_window_set_default_size (fixture->window, 400, 860);
  CR_TEST_WAIT_FOR (gtk_widget_get_width (GTK_WIDGET (fixture->window)) <= 420, 5);
  screenshot (fixture, "overview", "check-overview-compare-narrow");
  {
    graphene_rect_t a, b;

    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (first), GTK_WIDGET (fixture->overview),
                                              &a));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (second), GTK_WIDGET (fixture->overview),
                                              &b));
    g_assert_cmpfloat (b.origin.y, >=, a.origin.y + a.size.height);
  }

  cr_overview_page_set_compare (fixture->overview, FALSE);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (compare_button)));
  g_assert_null (cr_check_controller_get_case (compare));
}

typedef struct
{
  char  *pointer;
  char  *record;
  char  *slot;
  guint  count;
} Navigation;

static gboolean
navigate_cb (CrReportPage *page,
             const char   *pointer,
             const char   *record,
             const char   *slot,
             Navigation   *navigation)
{
  g_free (navigation->pointer);
  g_free (navigation->record);
  g_free (navigation->slot);
  navigation->pointer = g_strdup (pointer);
  navigation->record = g_strdup (record);
  navigation->slot = g_strdup (slot);
  navigation->count++;

  return TRUE;
}

static void
navigation_clear (Navigation *navigation)
{
  g_clear_pointer (&navigation->pointer, g_free);
  g_clear_pointer (&navigation->record, g_free);
  g_clear_pointer (&navigation->slot, g_free);
}

/* The report groups findings by record (and the whole case), the groups
 * with errors first, and puts errors first in each group; activating a
 * finding says where to go. */
static void
test_report_navigate (Fixture       *fixture,
                      gconstpointer  data)
{
  CrReportPage *report = fixture->report;
  CrCheckResult *result = cr_check_controller_get_result (fixture->controller);
  Navigation navigation = { 0, };
  CrFindingRow *row;
  gboolean seen_warning = FALSE;
  guint n_rows;

  /* On 2025-05-01 under Order 58: too early, and no identity proof. */
  g_assert_cmpuint (cr_report_page_get_n_rows (report), ==, cr_check_result_get_n_findings (result));
  /* The record has errors, the whole case only a warning and notes: the
   * record comes first. */
  g_assert_cmpuint (cr_report_page_get_n_groups (report), ==, 2);
  g_assert_cmpstr (cr_report_page_get_group_title (report, 0), ==, DECISION_NUMBER);
  g_assert_cmpstr (cr_report_page_get_group_title (report, 1), ==, _("Whole Case"));

  /* Within the record's group: errors, then warnings, then notes. */
  n_rows = cr_report_page_get_n_rows (report);
  for (guint i = 0; i < n_rows; i++)
    {
      row = cr_report_page_get_row (report, i);
      if (cr_finding_row_get_record (row) == NULL)
        continue;
      if (cr_finding_row_get_severity (row) != CR_SEVERITY_ERROR)
        seen_warning = TRUE;
      else
        g_assert_false (seen_warning);
    }

  g_signal_connect (report, "navigate", G_CALLBACK (navigate_cb), &navigation);

  /* Too early: leads to the decision date of the record. */
  row = cr_report_page_find_row (report, "R11-MIN-PERIOD", "r1");
  g_assert_nonnull (row);
  g_assert_cmpint (cr_finding_row_get_severity (row), ==, CR_SEVERITY_ERROR);
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpuint (navigation.count, ==, 1);
  g_assert_cmpstr (navigation.pointer, ==, "/records/0/decision_date");
  g_assert_cmpstr (navigation.record, ==, "r1");
  g_assert_null (navigation.slot);

  /* No identity proof (Order 58): leads to the record and the slot. */
  row = cr_report_page_find_row (report, "R27-IDENTITY", "r1");
  g_assert_nonnull (row);
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpuint (navigation.count, ==, 2);
  g_assert_cmpstr (navigation.pointer, ==, "/records/0");
  g_assert_cmpstr (navigation.slot, ==, "identity_proof");

  /* A rule resting on an unverified value is labelled so. */
  row = cr_report_page_find_row (report, "R38-FALSE-MATERIAL", NULL);
  g_assert_nonnull (row);
  g_assert_false (cr_finding_row_get_verified (row));
  g_assert_cmpint (cr_finding_row_get_severity (row), ==, CR_SEVERITY_WARNING);

  /* A case-wide note leads nowhere: activating it does nothing. */
  row = cr_report_page_find_row (report, "R40-FREE-SERVICE", NULL);
  g_assert_nonnull (row);
  g_assert_false (cr_finding_row_get_navigable (row));
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpuint (navigation.count, ==, 2);

  screenshot (fixture, "report", "check-report-order58");

  /* Hiding notes hides them (and a group left empty), not the others. */
  {
    GtkToggleButton *notes = GTK_TOGGLE_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (report),
                                                                              CR_TYPE_REPORT_PAGE,
                                                                              "notes_toggle"));
    CrFindingRow *note = cr_report_page_find_row (report, "R40-FREE-SERVICE", NULL);
    CrFindingRow *error = cr_report_page_find_row (report, "R11-MIN-PERIOD", "r1");

    gtk_stack_set_visible_child_name (fixture->stack, "report");
    cr_test_ui_flush_events ();
    g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (note)));
    gtk_toggle_button_set_active (notes, FALSE);
    cr_test_ui_flush_events ();
    g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (note)));
    g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (error)));
    gtk_toggle_button_set_active (notes, TRUE);
  }

  navigation_clear (&navigation);
}

/* In the case view: both pages follow one controller, and activating a
 * finding takes the user to the page and field concerned. */
static void
test_case_view (void)
{
  g_autoptr(CrCase) case_ = load_case ("2025-03-10", "2025-03-18", 1);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CrCaseView *view = CR_CASE_VIEW (cr_case_view_new ());
  AdwViewStack *stack = cr_case_view_get_stack (view);
  CrOverviewPage *overview = CR_OVERVIEW_PAGE (cr_case_view_get_page (view, "overview"));
  CrReportPage *report = CR_REPORT_PAGE (cr_case_view_get_page (view, "report"));
  CrCheckController *controller;
  CrFindingRow *row;

  g_assert_nonnull (overview);
  g_assert_nonnull (report);
  controller = cr_overview_page_get_controller (overview);
  g_assert_nonnull (controller);
  g_assert_true (cr_report_page_get_controller (report) == controller);

  gtk_window_set_default_size (window, 1000, 800);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);

  cr_check_controller_set_rule_sets (controller, rules);
  set_date (controller, "2026-11-27");
  cr_case_view_set_case (view, case_);
  g_assert_true (cr_check_controller_get_case (controller) == case_);
  wait_for_check (controller, 0);

  adw_view_stack_set_visible_child_name (stack, "report");
  CR_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (report)), 5);
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "check-case-view-report");

  /* Under Order 36 the record's publication is over: the finding leads to
   * its decision date on the Records page. */
  row = cr_report_page_find_row (report, "R14-EXPIRED", "r1");
  g_assert_nonnull (row);
  g_assert_cmpstr (cr_finding_row_get_pointer (row), ==, "/records/0/decision_date");
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "records");

  /* From a record on the Overview to its fields on the Records page. */
  adw_view_stack_set_visible_child_name (stack, "overview");
  CR_TEST_WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (overview)), 5);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (cr_overview_page_get_result_view (overview, 0)),
                                             "result.edit-record", "u", 0));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "records");

  /* Another case in the same view: the same controller checks it. */
  {
    g_autoptr(CrCase) other = load_case ("2026-03-10", "2026-03-18", 1);
    guint checks = cr_check_controller_get_n_checks (controller);

    cr_case_view_set_case (view, other);
    wait_for_check (controller, checks);
    g_assert_true (cr_check_result_get_ready (cr_check_controller_get_result (controller)));

    /* A missing material leads to its slot on the Materials page: the
     * record's commitment … */
    checks = cr_check_controller_get_n_checks (controller);
    cr_case_remove_material (other, 1);
    wait_for_check (controller, checks);
    adw_view_stack_set_visible_child_name (stack, "report");
    row = cr_report_page_find_row (report, "R25-COMMITMENT", "r1");
    g_assert_nonnull (row);
    g_assert_null (cr_finding_row_get_field (row));
    g_assert_cmpstr (cr_finding_row_get_slot (row), ==, "commitment");
    g_assert_cmpstr (cr_finding_row_get_slot_record (row), ==, "r1");
    gtk_widget_activate (GTK_WIDGET (row));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "materials");

    /* … and, under Order 58, the identity proof of the whole case. */
    checks = cr_check_controller_get_n_checks (controller);
    set_date (controller, "2026-03-31");
    wait_for_check (controller, checks);
    adw_view_stack_set_visible_child_name (stack, "report");
    row = cr_report_page_find_row (report, "R27-IDENTITY", "r1");
    g_assert_nonnull (row);
    g_assert_cmpstr (cr_finding_row_get_slot (row), ==, "identity_proof");
    g_assert_null (cr_finding_row_get_slot_record (row));
    gtk_widget_activate (GTK_WIDGET (row));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "materials");

    cr_case_view_set_case (view, NULL);
  }

  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (controller), 10);
  gtk_window_destroy (window);
  cr_test_ui_flush_events ();
}

/* In the application's window, with a sample case from the library: the
 * pages check it against the application's rule sets. */
static void
test_in_window (void)
{
  g_autofree char *sample = g_build_filename (g_getenv ("CREDIT_REPAIR_SAMPLES_DIR"),
                                              "wuxi-machinery.case", "case.json", NULL);
  g_autoptr(CrCaseStore) store = cr_case_store_new (g_getenv ("CREDIT_REPAIR_LIBRARY_DIR"));
  g_autoptr(CrCase) initial = NULL;
  g_autoptr(CrCase) stored = NULL;
  g_autoptr(GError) error = NULL;
  CrLibrarySidebar *sidebar;
  CrCheckController *controller;
  CrOverviewPage *overview;
  CrCaseView *view;
  GtkWindow *window;
  const char *folder;

  initial = cr_case_load_from_file (sample, NULL, &error);
  g_assert_no_error (error);
  stored = cr_case_store_create (store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = cr_case_get_base_dir (stored);

  g_application_activate (G_APPLICATION (app));
  CR_TEST_WAIT_FOR (gtk_application_get_active_window (GTK_APPLICATION (app)) != NULL, 5);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (CR_IS_WINDOW (window));
  gtk_window_set_default_size (window, 1280, 800);

  CR_TEST_WAIT_FOR (cr_library_lookup (cr_window_get_library (CR_WINDOW (window)), folder) != NULL,
                    10);
  sidebar = CR_LIBRARY_SIDEBAR (gtk_widget_get_template_child (GTK_WIDGET (window), CR_TYPE_WINDOW,
                                                               "sidebar"));
  g_assert_true (cr_library_sidebar_select (sidebar,
                                            cr_library_lookup (cr_window_get_library (CR_WINDOW (window)),
                                                               folder)));

  view = cr_window_get_case_view (CR_WINDOW (window));
  overview = CR_OVERVIEW_PAGE (cr_case_view_get_page (view, "overview"));
  controller = cr_overview_page_get_controller (overview);
  CR_TEST_WAIT_FOR (cr_check_controller_get_case (controller) != NULL, 10);
  g_assert_nonnull (cr_check_controller_get_case (controller));
  wait_for_check (controller, 0);

  /* The application's rule sets, loaded in the background. */
  g_assert_true (cr_check_controller_get_rule_sets (controller) ==
                 cr_application_get_rule_sets (app));
  g_assert_nonnull (cr_check_controller_get_result (controller));
  g_assert_nonnull (cr_result_view_get_rules_text (cr_overview_page_get_result_view (overview, 0)));
  g_assert_cmpuint (cr_result_view_get_n_records (cr_overview_page_get_result_view (overview, 0)),
                    ==, cr_case_get_n_records (cr_check_controller_get_case (controller)));

  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (view), "overview");
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "check-window-overview");
  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (view), "report");
  cr_test_ui_save_screenshot (GTK_WIDGET (window), "check-window-report");

  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (controller), 10);
  cr_test_ui_close_toplevels ();
}

/* Labels that would overlap move to another row, so a narrow timeline is
 * taller than a wide one, and it says its dates to screen readers. */
static void
test_timeline (void)
{
  GtkWidget *timeline = g_object_ref_sink (cr_timeline_new ());
  GDate decision = date_from ("2025-03-10");
  GDate earliest = date_from ("2025-06-10");
  GDate end = date_from ("2028-03-10");
  GDate on = date_from ("2025-05-01");
  int narrow, wide, min_width, nat_width;
  g_autofree char *decided = formatted ("2025-03-10");

  cr_timeline_set_dates (CR_TIMELINE (timeline), &decision, &earliest, &end, &on, FALSE);
  gtk_widget_measure (timeline, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  g_assert_cmpint (min_width, >, 0);
  g_assert_cmpint (nat_width, >=, min_width);
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, min_width, &narrow, NULL, NULL, NULL);
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, 2000, &wide, NULL, NULL, NULL);
  g_assert_cmpint (narrow, >, wide);
  g_assert_cmpint (wide, >, 0);
  g_assert_true (g_str_has_prefix (cr_timeline_get_description (CR_TIMELINE (timeline)),
                                   C_("timeline", "Decision")));
  g_assert_nonnull (strstr (cr_timeline_get_description (CR_TIMELINE (timeline)), decided));

  /* Without dates it takes no room. */
  cr_timeline_set_dates (CR_TIMELINE (timeline), NULL, NULL, NULL, NULL, FALSE);
  gtk_widget_measure (timeline, GTK_ORIENTATION_VERTICAL, 500, &wide, NULL, NULL, NULL);
  g_assert_cmpstr (cr_timeline_get_description (CR_TIMELINE (timeline)), ==, "");

  g_assert_finalize_object (timeline);
}

/* Without rule sets of its own, a controller uses the application's, which
 * load in a worker thread. */
static void
test_application_rule_sets (void)
{
  g_autoptr(CrCheckController) controller = cr_check_controller_new ();
  g_autoptr(CrCase) case_ = load_case ("2025-03-10", "2025-03-18", 1);

  set_date (controller, "2025-05-01");
  cr_check_controller_set_case (controller, case_);
  wait_for_check (controller, 0);

  g_assert_true (cr_check_controller_get_rule_sets (controller) ==
                 cr_application_get_rule_sets (app));
  g_assert_cmpstr (cr_check_result_get_regime (cr_check_controller_get_result (controller)), ==,
                   "order58");

  /* Rule sets loaded again (new ones fetched): the case is checked again. */
  {
    g_autoptr(CrRuleSetCollection) before = g_object_ref (cr_application_get_rule_sets (app));
    g_autoptr(CrRuleSet) in_force = NULL;
    guint checks = cr_check_controller_get_n_checks (controller);

    cr_application_reload_rule_sets (app);
    wait_for_check (controller, checks);
    g_assert_true (cr_application_get_rule_sets (app) != before);
    g_assert_true (cr_check_controller_get_rule_sets (controller) ==
                   cr_application_get_rule_sets (app));
    in_force = cr_rule_set_collection_select (cr_application_get_rule_sets (app),
                                              cr_check_controller_get_date (controller), NULL);
    g_assert_true (cr_check_result_get_rule_set (cr_check_controller_get_result (controller)) ==
                   in_force);
  }

  CR_TEST_WAIT_FOR (!cr_check_controller_get_busy (controller), 10);
}


static CrRuleSetCollection *
load_bundled_rules (void)
{
  const char *dir = g_getenv ("CREDIT_REPAIR_RULES_DIR");
  g_autoptr(CrRuleSetCollection) collection = cr_rule_set_collection_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) handle = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  g_assert_nonnull (dir);
  handle = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      cr_rule_set_collection_add_file (collection, path, CR_RULE_SET_SOURCE_INSTALLED, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpuint (cr_rule_set_collection_get_n_rule_sets (collection), >=, 3);

  return g_steal_pointer (&collection);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  g_autofree char *library = NULL;
  g_autoptr(GError) error = NULL;
  int ret;

  if (!cr_test_ui_has_display ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  /* Rule sets the user fetched must not change what the tests see, and
   * the window lists a library of this test's own. */
  cache = g_dir_make_tmp ("cr-check-ui-XXXXXX", NULL);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  library = g_build_filename (cache, "library", NULL);
  g_setenv ("CREDIT_REPAIR_LIBRARY_DIR", library, TRUE);

  cr_core_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  rules = load_bundled_rules ();

  /* The application, for the window and for the controllers without rule
   * sets of their own (the pages' fixtures give theirs). */
  app = cr_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_application_set_default (G_APPLICATION (app));

  g_test_add_func ("/check-ui/timeline", test_timeline);
  g_test_add ("/check-ui/overview/not-yet-eligible", Fixture, NULL,
              fixture_setup, test_overview_not_yet_eligible, fixture_teardown);
  g_test_add ("/check-ui/overview/date-changes-regime", Fixture, NULL,
              fixture_setup, test_date_changes_regime, fixture_teardown);
  g_test_add ("/check-ui/overview/date-control", Fixture, NULL,
              fixture_setup, test_date_control, fixture_teardown);
  g_test_add ("/check-ui/overview/edit-rechecks", Fixture, NULL,
              fixture_setup, test_edit_rechecks, fixture_teardown);
  g_test_add ("/check-ui/overview/no-records", Fixture, NULL,
              fixture_setup, test_no_records, fixture_teardown);
  g_test_add ("/check-ui/overview/compare", Fixture, NULL,
              fixture_setup, test_compare, fixture_teardown);
  g_test_add ("/check-ui/report/navigate", Fixture, NULL,
              fixture_setup, test_report_navigate, fixture_teardown);
  g_test_add_func ("/check-ui/case-view", test_case_view);
  g_test_add_func ("/check-ui/window", test_in_window);
  g_test_add_func ("/check-ui/controller/does-not-block", test_check_does_not_block);
  g_test_add_func ("/check-ui/controller/stale-check-dropped", test_stale_check_dropped);
  g_test_add_func ("/check-ui/controller/application-rule-sets", test_application_rule_sets);

  ret = g_test_run ();

  g_clear_object (&app);
  g_clear_object (&rules);
  cr_test_remove_tree (cache);
  return ret;
}
