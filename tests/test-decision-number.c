/* test-decision-number.c: 行政处罚决定书文号, parsed tolerantly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cr-decision-number.h"

typedef struct
{
  const char *text;
  const char *normalized;
  const char *prefix;
  const char *organ;
  int         year;
  const char *sequence;
  gboolean    has_di;
  gboolean    leading_zero;
} Case;

static guint
count_problems (GPtrArray  *problems,
                const char *code,
                CrSeverity  severity)
{
  guint n = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, code))
        {
          g_assert_cmpint (problem->severity, ==, severity);
          g_assert_cmpstr (problem->pointer, ==, "/records/0/decision_number");
          g_assert_nonnull (problem->message);
          n++;
        }
    }

  return n;
}

static void
check_cases (const Case *cases,
             guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(GPtrArray) problems = cr_problem_list_new ();
      g_autoptr(CrDecisionNumber) number = NULL;
      guint expected_problems;

      number = cr_decision_number_parse (cases[i].text, 2026, "/records/0/decision_number",
                                         problems);
      if (number == NULL)
        g_error ("“%s” was not recognised", cases[i].text);

      g_assert_cmpstr (number->normalized, ==, cases[i].normalized);
      g_assert_cmpstr (number->prefix, ==, cases[i].prefix);
      g_assert_cmpstr (number->organ, ==, cases[i].organ);
      g_assert_cmpint (number->year, ==, cases[i].year);
      g_assert_cmpstr (number->sequence, ==, cases[i].sequence);
      g_assert_cmpint (number->has_di, ==, cases[i].has_di);
      g_assert_cmpint (number->leading_zero, ==, cases[i].leading_zero);

      /* 第 and leading zeros give one warning each, and nothing else is
       * reported: these are all accepted spellings. */
      g_assert_cmpuint (count_problems (problems, "decision-number-di", CR_SEVERITY_WARNING),
                        ==, cases[i].has_di ? 1 : 0);
      g_assert_cmpuint (count_problems (problems, "decision-number-leading-zero",
                                        CR_SEVERITY_WARNING),
                        ==, cases[i].leading_zero ? 1 : 0);
      expected_problems = (cases[i].has_di ? 1 : 0) + (cases[i].leading_zero ? 1 : 0);
      g_assert_cmpuint (problems->len, ==, expected_problems);
      g_assert_false (cr_problem_list_has_errors (problems));

      /* Parsing the normalised form gives the same result. */
      {
        g_autoptr(CrDecisionNumber) again = cr_decision_number_parse (number->normalized, 0,
                                                                      NULL, NULL);

        g_assert_nonnull (again);
        g_assert_cmpstr (again->normalized, ==, number->normalized);
        g_assert_cmpstr (again->sequence, ==, number->sequence);
      }
    }
}

static void
test_reference_variants (void)
{
  /* Every variant listed in credit-repair-rules.md §7. */
  static const Case cases[] = {
    /* Plain. */
    { "锡惠市监处罚〔2021〕123号", "锡惠市监处罚〔2021〕123号", NULL, "锡惠市监处罚", 2021, "123", FALSE, FALSE },
    { "马市监处罚〔2026〕193号", "马市监处罚〔2026〕193号", NULL, "马市监处罚", 2026, "193", FALSE, FALSE },
    { "石市监处罚〔2022〕120号", "石市监处罚〔2022〕120号", NULL, "石市监处罚", 2022, "120", FALSE, FALSE },
    { "平市监处罚〔2023〕179号", "平市监处罚〔2023〕179号", NULL, "平市监处罚", 2023, "179", FALSE, FALSE },
    { "国市监处罚〔2026〕10号", "国市监处罚〔2026〕10号", NULL, "国市监处罚", 2026, "10", FALSE, FALSE },
    /* Parenthesised region prefix. */
    { "（杭临）市监处罚〔2024〕131号", "（杭临）市监处罚〔2024〕131号", "杭临", "市监处罚", 2024, "131", FALSE, FALSE },
    { "（德阳）应急罚〔2019〕15号", "（德阳）应急罚〔2019〕15号", "德阳", "应急罚", 2019, "15", FALSE, FALSE },
    /* Compact prefix: no way to tell it from the organ, and no need. */
    { "深龙华应急罚〔2026〕1号", "深龙华应急罚〔2026〕1号", NULL, "深龙华应急罚", 2026, "1", FALSE, FALSE },
    /* 罚决字 with 第 and long numbers; parentheses inside the organ. */
    { "顺(一)消行罚决字〔2023〕第100127号", "顺（一）消行罚决字〔2023〕第100127号", NULL, "顺（一）消行罚决字", 2023, "100127", TRUE, FALSE },
    { "京公(鼓)罚决字〔2024〕第20456号", "京公（鼓）罚决字〔2024〕第20456号", NULL, "京公（鼓）罚决字", 2024, "20456", TRUE, FALSE },
    /* Leading zeros. */
    { "锡惠市监处罚〔2021〕0876号", "锡惠市监处罚〔2021〕0876号", NULL, "锡惠市监处罚", 2021, "0876", FALSE, TRUE },
    { "京公(鼓)罚决字〔2024〕第000123号", "京公（鼓）罚决字〔2024〕第000123号", NULL, "京公（鼓）罚决字", 2024, "000123", TRUE, TRUE },
    /* One document for several parties. */
    { "银罚决字〔2026〕104-116号", "银罚决字〔2026〕104-116号", NULL, "银罚决字", 2026, "104-116", FALSE, FALSE },
    { "银罚决字〔2026〕104-016号", "银罚决字〔2026〕104-016号", NULL, "银罚决字", 2026, "104-016", FALSE, TRUE },
    /* Financial regulators. */
    { "苏银罚决字〔2025〕21号", "苏银罚决字〔2025〕21号", NULL, "苏银罚决字", 2025, "21", FALSE, FALSE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_spellings (void)
{
  /* Brackets, widths, dashes and spaces as people actually type them. */
  static const Case cases[] = {
    { "锡惠市监处罚[2025]123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚【2025】123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚（2025）123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚(2025)123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚［2025］123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚﹝2025﹞123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚〔２０２５〕１２３号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { " 锡惠市监处罚 〔 2025 〕 123 号\n", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "锡惠市监处罚\u3000[2025]\u3000123号", "锡惠市监处罚〔2025〕123号", NULL, "锡惠市监处罚", 2025, "123", FALSE, FALSE },
    { "(杭临)市监处罚[2024]131号", "（杭临）市监处罚〔2024〕131号", "杭临", "市监处罚", 2024, "131", FALSE, FALSE },
    { "（杭临）市监处罚（2024）131号", "（杭临）市监处罚〔2024〕131号", "杭临", "市监处罚", 2024, "131", FALSE, FALSE },
    { "银罚决字〔2026〕104－116号", "银罚决字〔2026〕104-116号", NULL, "银罚决字", 2026, "104-116", FALSE, FALSE },
    { "银罚决字〔2026〕104—116号", "银罚决字〔2026〕104-116号", NULL, "银罚决字", 2026, "104-116", FALSE, FALSE },
    { "银罚决字〔2026〕104 ~ 116号", "银罚决字〔2026〕104-116号", NULL, "银罚决字", 2026, "104-116", FALSE, FALSE },
    { "顺（一）消行罚决字［２０２３］第１００１２７号", "顺（一）消行罚决字〔2023〕第100127号", NULL, "顺（一）消行罚决字", 2023, "100127", TRUE, FALSE },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_normalize_compares_equal (void)
{
  g_autofree char *a = cr_decision_number_normalize ("（杭临）市监处罚〔2024〕131号");
  g_autofree char *b = cr_decision_number_normalize (" (杭临)市监处罚[２０２４] 131号");
  g_autofree char *c = cr_decision_number_normalize ("（杭临）市监处罚〔2024〕132号");
  g_autofree char *empty = cr_decision_number_normalize (NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_assert_cmpstr (empty, ==, "");
}

static void
test_year_after_decision (void)
{
  g_autoptr(GPtrArray) problems = cr_problem_list_new ();
  g_autoptr(CrDecisionNumber) number = NULL;
  const CrProblem *problem;

  /* Numbered 2025 but decided in 2024: an error, but the number is still
   * understood. */
  number = cr_decision_number_parse ("锡惠市监处罚〔2025〕123号", 2024, "/records/0/decision_number",
                                     problems);
  g_assert_nonnull (number);
  g_assert_cmpint (number->year, ==, 2025);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_ERROR);
  g_assert_cmpstr (problem->code, ==, "decision-number-year-after-decision");
  g_assert_cmpstr (problem->pointer, ==, "/records/0/decision_number");
  g_assert_nonnull (strstr (problem->message, "2025"));
  g_assert_nonnull (strstr (problem->message, "2024"));
  g_assert_true (cr_problem_list_has_errors (problems));
  g_clear_pointer (&number, cr_decision_number_free);

  /* The same year, an earlier year (decided in January on last year's
   * number), or an unknown decision year: fine. */
  g_ptr_array_set_size (problems, 0);
  number = cr_decision_number_parse ("锡惠市监处罚〔2025〕123号", 2025, NULL, problems);
  g_assert_nonnull (number);
  g_clear_pointer (&number, cr_decision_number_free);
  number = cr_decision_number_parse ("锡惠市监处罚〔2024〕123号", 2025, NULL, problems);
  g_assert_nonnull (number);
  g_clear_pointer (&number, cr_decision_number_free);
  number = cr_decision_number_parse ("锡惠市监处罚〔2030〕123号", 0, NULL, problems);
  g_assert_nonnull (number);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_unrecognised (void)
{
  static const char * const garbage[] = {
    "",
    "   ",
    "hello",
    "123",
    "锡惠市监处罚2025123号",          /* no brackets */
    "〔2025〕123号",                  /* no organ */
    "锡惠市监处罚〔2025〕号",          /* no sequence number */
    "锡惠市监处罚〔2025〕123",         /* no 号 */
    "锡惠市监处罚〔1899〕1号",         /* not a plausible year */
    "锡惠市监处罚〔25〕123号",          /* two-digit year */
    "锡惠市监处罚〔2025〕123456789号",  /* more than eight digits */
    "锡惠市监处罚〔2025〕123号 附件",   /* trailing text */
    "当场行政处罚决定书 No.0012345",  /* a form serial number */
  };

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GPtrArray) problems = cr_problem_list_new ();
      g_autoptr(CrDecisionNumber) number = NULL;
      const CrProblem *problem;

      number = cr_decision_number_parse (garbage[i], 2025, "/records/0/decision_number", problems);
      if (number != NULL)
        g_error ("“%s” was accepted", garbage[i]);
      g_assert_cmpuint (problems->len, ==, 1);
      problem = g_ptr_array_index (problems, 0);
      g_assert_cmpint (problem->severity, ==, CR_SEVERITY_WARNING);
      g_assert_cmpstr (problem->code, ==, "decision-number-unrecognised");
      g_assert_cmpstr (problem->pointer, ==, "/records/0/decision_number");
      g_assert_nonnull (strstr (problem->message, "not a recognised decision number"));
    }

  /* NULL text and no problem list are allowed. */
  g_assert_null (cr_decision_number_parse (NULL, 0, NULL, NULL));
  g_assert_null (cr_decision_number_parse ("\xff\xfe", 0, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/decision-number/reference-variants", test_reference_variants);
  g_test_add_func ("/decision-number/spellings", test_spellings);
  g_test_add_func ("/decision-number/normalize", test_normalize_compares_equal);
  g_test_add_func ("/decision-number/year-after-decision", test_year_after_decision);
  g_test_add_func ("/decision-number/unrecognised", test_unrecognised);

  return g_test_run ();
}
