/* cr-test-case-fixture.h: the sample case and its re-checks for UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-test-util.h"

#include <gtk/gtk.h>

#include "cr-case-store.h"
#include "cr-checker.h"

G_BEGIN_DECLS

/* The decision number of the sample case's record. */
#define CR_TEST_DECISION_NUMBER "苏虎市监处罚〔2024〕215号"

/* What the case view's check controller does, in short: re-check the case
 * after each change (in an idle, as edits come in bursts) and give the
 * page the result as its "check-result". */
typedef struct
{
  CrCase              *case_;
  CrRuleSetCollection *rules;
  GDate                date;
  GObject             *page;
  guint                source;
  gulong               changed_id;
} CrTestChecker;

/* Gives @page @case_ as its "case", and the result of a first check on the
 * first of @month @year as its "check-result". */
void      cr_test_checker_start      (CrTestChecker  *checker,
                                      CrCase         *case_,
                                      GObject        *page,
                                      GDateMonth      month,
                                      int             year);
void      cr_test_checker_stop       (CrTestChecker  *checker);

/* The Suzhou sample case without its materials, with the values the UI
 * tests rely on (a general food-safety penalty, rectification ordered, old
 * enough under Order 58 in December 2025), created as "suzhou" in a new
 * case store in @dir/cases. @id_number (nullable) is the applicant's. */
CrCase   *cr_test_create_sample_case (const char     *dir,
                                      const char     *id_number,
                                      CrCaseStore   **store);

/* A window of @width × @height holding @page, not yet shown. */
GtkWindow *cr_test_page_window_new   (GtkWidget      *page,
                                      int             width,
                                      int             height);

/* Removes @path and everything below it (links are not followed). */

G_END_DECLS
