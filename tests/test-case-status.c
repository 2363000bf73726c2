/* test-case-status.c: the library badge's dates, Credit China's answer date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cr-case-status.c uses no GTK; it lives with the library in the GUI
 * library, so this test links that but needs no display.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cr-case-status.h"
#include "cr-date.h"
#include "cr-test-util.h"


/* The answer date of a case submitted on @submitted, as the library shows it;
 * @approximate: whether it was counted past the known calendar. */
static char *
answer_date_full (CrRuleSetCollection *rules,
                  const char          *submitted,
                  gboolean            *approximate)
{
  g_autoptr(CrCase) kase = cr_case_new ();
  GDate date, today, next;

  g_assert_true (cr_date_parse (submitted, &date, NULL));
  g_assert_true (cr_case_set_tracking (kase, CR_TRACKING_SUBMITTED, &date));
  g_date_set_dmy (&today, 1, 12, 2026);
  g_assert_cmpint (cr_case_status_compute (kase, rules, &today, &next, approximate), ==,
                   CR_CASE_STATUS_SUBMITTED);
  g_assert_true (g_date_valid (&next));
  return cr_date_format (&next);
}

static char *
answer_date (CrRuleSetCollection *rules,
             const char          *submitted)
{
  return answer_date_full (rules, submitted, NULL);
}

static void
test_answer_date (void)
{
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  g_autofree char *national_day = NULL;
  g_autofree char *spring_festival = NULL;
  g_autofree char *weekdays = NULL;
  g_autofree char *too_early = NULL;
  g_autofree char *text = NULL;
  GDate due;

  g_assert_cmpuint (cr_rule_set_collection_get_n_rule_sets (rules), ==, 3);

  /* Under order36 (from 2026-04-01): National Day 10-01 … 10-07 is off and
   * Saturday 10-10 is worked: 09-29, 09-30, 10-08, 10-09, 10-10, 10-12 …
   * 10-16 are the 10 working days. */
  national_day = answer_date (rules, "2026-09-28");
  g_assert_cmpstr (national_day, ==, "2026-10-16");

  /* Under order58 (until 2026-03-31), whose calendar is the same: Saturday
   * 02-14 worked, 02-15 … 02-23 off, 02-24 … 02-27, Saturday 02-28
   * worked, 03-02 … 03-05. */
  spring_festival = answer_date (rules, "2026-02-13");
  g_assert_cmpstr (spring_festival, ==, "2026-03-05");

  /* Without rule sets: Monday to Friday. */
  weekdays = answer_date (NULL, "2026-09-28");
  g_assert_cmpstr (weekdays, ==, "2026-10-12");

  /* Before any rule set (2019-07-01) there is no calendar either. */
  too_early = answer_date (rules, "2019-06-03");
  g_assert_cmpstr (too_early, ==, "2019-06-17");

  g_assert_true (cr_date_parse ("2026-10-16", &due, NULL));
  text = cr_case_status_describe_date (CR_CASE_STATUS_SUBMITTED, &due, FALSE);
  g_assert_cmpstr (text, ==, "Answer due by 2026-10-16");
}

/* Counted within the known calendar the date is exact; counted past its
 * end (2026-12-31) or without one, it is only about right, and says so. */
static void
test_answer_date_approximate (void)
{
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  g_autofree char *inside = NULL;
  g_autofree char *past = NULL;
  g_autofree char *none = NULL;
  g_autofree char *text = NULL;
  gboolean approximate = TRUE;
  GDate due;

  inside = answer_date_full (rules, "2026-09-28", &approximate);
  g_assert_cmpstr (inside, ==, "2026-10-16");
  g_assert_false (approximate);

  past = answer_date_full (rules, "2026-12-24", &approximate);
  g_assert_cmpstr (past, ==, "2027-01-07");
  g_assert_true (approximate);

  approximate = FALSE;
  none = answer_date_full (NULL, "2026-09-28", &approximate);
  g_assert_cmpstr (none, ==, "2026-10-12");
  g_assert_true (approximate);

  g_assert_true (cr_date_parse ("2027-01-07", &due, NULL));
  text = cr_case_status_describe_date (CR_CASE_STATUS_SUBMITTED, &due, TRUE);
  g_assert_cmpstr (text, ==, "Answer due around 2027-01-07");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = g_dir_make_tmp ("cr-case-status-cache-XXXXXX", NULL);
  int status;

  /* Never the user's fetched rule sets: a cache of our own. */
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/case-status/answer-date", test_answer_date);
  g_test_add_func ("/case-status/answer-date-approximate", test_answer_date_approximate);

  status = g_test_run ();
  cr_test_remove_tree (cache_home);
  return status;
}
