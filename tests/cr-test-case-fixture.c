/* cr-test-case-fixture.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the UI tests of the pages that show a case with its check
 * result (Materials, Submit).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cr-test-case-fixture.h"

static gboolean
recheck_cb (gpointer user_data)
{
  CrTestChecker *checker = user_data;
  g_autoptr(CrCheckResult) result = NULL;
  g_autoptr(GError) error = NULL;

  checker->source = 0;
  result = cr_checker_check_case (checker->rules, checker->case_, &checker->date,
                                  cr_language_get_default (), &error);
  g_assert_no_error (error);
  g_object_set (checker->page, "check-result", result, NULL);

  return G_SOURCE_REMOVE;
}

static void
checker_case_changed_cb (CrCase        *case_,
                         CrTestChecker *checker)
{
  if (checker->source == 0)
    checker->source = g_idle_add (recheck_cb, checker);
}

void
cr_test_checker_start (CrTestChecker *checker,
                       CrCase        *case_,
                       GObject       *page,
                       GDateMonth     month,
                       int            year)
{
  checker->case_ = g_object_ref (case_);
  checker->rules = cr_rule_set_collection_new_default ();
  g_date_clear (&checker->date, 1);
  g_date_set_dmy (&checker->date, 1, month, year);
  checker->page = page;
  checker->changed_id = g_signal_connect (case_, "changed",
                                          G_CALLBACK (checker_case_changed_cb), checker);
  g_object_set (page, "case", case_, NULL);
  recheck_cb (checker);
}

void
cr_test_checker_stop (CrTestChecker *checker)
{
  g_clear_signal_handler (&checker->changed_id, checker->case_);
  g_clear_handle_id (&checker->source, g_source_remove);
  g_clear_object (&checker->case_);
  g_clear_object (&checker->rules);
}

CrCase *
cr_test_create_sample_case (const char   *dir,
                            const char   *id_number,
                            CrCaseStore **store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sample = NULL;
  g_autofree char *root = NULL;
  g_autoptr(CrCase) initial = NULL;
  CrCase *case_;

  sample = g_build_filename (g_getenv ("CREDIT_REPAIR_SAMPLES_DIR"), "suzhou-food.case",
                             "case.json", NULL);
  initial = cr_case_load_from_file (sample, NULL, &error);
  g_assert_no_error (error);
  while (cr_case_get_n_materials (initial) > 0)
    cr_case_remove_material (initial, 0);
  if (id_number != NULL)
    cr_case_set_applicant_id_number (initial, id_number);

  /* The values the tests rely on, whatever the sample says today: a general
   * food-safety penalty with a fine and a confiscation and an order to
   * rectify, old enough under Order 58 on the application date. */
  {
    CrCaseRecord *record = cr_case_get_record (initial, 0);
    GDate day;

    cr_case_record_set_decision_number (record, CR_TEST_DECISION_NUMBER);
    cr_case_record_set_rectification_ordered (record, TRUE);
    g_date_clear (&day, 1);
    g_date_set_dmy (&day, 18, G_DATE_JUNE, 2024);
    cr_case_record_set_decision_date (record, &day);
    g_date_set_dmy (&day, 25, G_DATE_JUNE, 2024);
    cr_case_record_set_publication_date (record, &day);
    g_date_set_dmy (&day, 2, G_DATE_JULY, 2024);
    cr_case_record_set_fine_paid_date (record, &day);
  }

  root = g_build_filename (dir, "cases", NULL);
  *store = cr_case_store_new (root);
  case_ = cr_case_store_create (*store, "suzhou", initial, &error);
  g_assert_no_error (error);

  return case_;
}

GtkWindow *
cr_test_page_window_new (GtkWidget *page,
                         int        width,
                         int        height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, width, height);
  adw_window_set_content (ADW_WINDOW (window), page);

  return window;
}
