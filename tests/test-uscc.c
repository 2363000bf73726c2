/* test-uscc.c: 统一社会信用代码 (GB 32100 + GB 11714)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cr-uscc.h"

/* credit-repair-rules.md §6, "Verified examples". */
static const char * const reference_valid[] = {
  "91350100M000100Y43",
  "91320206MA1N2P3Q0J",
  "91320211MA1R7T8U73",
  "92320206MA20KL4W41",
  "913202147628301B7E",
};

static void
test_reference_examples (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (reference_valid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = cr_uscc_normalize_and_validate (reference_valid[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, reference_valid[i]);
      g_assert_true (cr_uscc_is_valid (reference_valid[i]));
      g_assert_cmpint (cr_uscc_compute_check_character (reference_valid[i]), ==,
                       reference_valid[i][17]);
      g_assert_cmpint (cr_uscc_compute_organisation_check_character (reference_valid[i] + 8), ==,
                       reference_valid[i][16]);
    }
}

static void
test_standard_worked_example (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  /* The standard's example with the wrong check character: it should be 3. */
  code = cr_uscc_normalize_and_validate ("91350100M000100Y4Z", &error);
  g_assert_null (code);
  g_assert_error (error, CR_USCC_ERROR, CR_USCC_ERROR_CHECK_CHARACTER);
  g_assert_nonnull (strstr (error->message, "18"));
  g_assert_nonnull (strstr (error->message, "“3”"));
  g_assert_nonnull (strstr (error->message, "“Z”"));
  g_assert_false (cr_uscc_is_valid ("91350100M000100Y4Z"));
  g_assert_cmpint (cr_uscc_compute_check_character ("91350100M000100Y4"), ==, '3');
}

/* Builds a code from its prefix (positions 1–8) and organisation-code body
 * (positions 9–16) with the two check functions. */
static char *
build_code (const char *prefix8,
            const char *body8)
{
  char code[19] = { 0 };

  g_assert_cmpuint (strlen (prefix8), ==, 8);
  g_assert_cmpuint (strlen (body8), ==, 8);
  memcpy (code, prefix8, 8);
  memcpy (code + 8, body8, 8);
  code[16] = cr_uscc_compute_organisation_check_character (body8);
  g_assert_cmpint (code[16], !=, 0);
  code[17] = cr_uscc_compute_check_character (code);
  g_assert_cmpint (code[17], !=, 0);

  return g_strdup (code);
}

static void
test_computed_codes (void)
{
  /* One code per registration authority and category the table knows, and
   * a few authorities it does not (accepted with any category 1–9). The
   * expected strings were computed independently (a short Python script
   * implementing §6), so a wrong weight or letter value here fails. */
  static const struct { const char *prefix; const char *body; const char *expected; } cases[] = {
    { "11320200", "MB0A1234", "11320200MB0A123423" },  /* 机关 */
    { "12320206", "07654321", "12320206076543212X" },  /* 事业单位 */
    { "13110105", "X1234567", "13110105X12345671W" },  /* 群团 */
    { "19320200", "MA0CK3R2", "19320200MA0CK3R23X" },  /* 编制, other */
    { "51320211", "MB0A1234", "51320211MB0A12342W" },  /* 社会团体 */
    { "52440300", "07654321", "524403000765432127" },  /* 民办非企业 */
    { "53110000", "X1234567", "53110000X12345671B" },  /* 基金会 */
    { "93320214", "MA0CK3R2", "93320214MA0CK3R23H" },  /* 农民专业合作社 */
    { "Y1320206", "MB0A1234", "Y1320206MB0A12342U" },  /* 其他 */
    { "N2320211", "07654321", "N2320211076543212F" },  /* 农业, not in the table */
    { "A1110000", "X1234567", "A1110000X12345671C" },  /* 军委改革和编制办 */
    { "31440106", "MA0CK3R2", "31440106MA0CK3R235" },  /* 司法行政 */
    { "91320206", "10000018", "9132020610000018X4" },  /* GB 11714 check 10 → X */
    { "91320206", "10000001", "913202061000000160" },  /* GB 32100 check 31 → 0 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *code = build_code (cases[i].prefix, cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_assert_cmpstr (code, ==, cases[i].expected);
      normalized = cr_uscc_normalize_and_validate (code, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (normalized, ==, code);
    }
}

static void
assert_invalid (const char *input,
                CrUsccError code,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = cr_uscc_normalize_and_validate (input, &error);

  g_assert_null (result);
  g_assert_error (error, CR_USCC_ERROR, (int) code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", input, error->message, fragment);
  g_assert_false (cr_uscc_is_valid (input));
}

static void
test_errors (void)
{
  assert_invalid (NULL, CR_USCC_ERROR_EMPTY, NULL);
  assert_invalid ("", CR_USCC_ERROR_EMPTY, NULL);
  assert_invalid ("  \t\u3000 ", CR_USCC_ERROR_EMPTY, NULL);

  assert_invalid ("91320206MA1N2P3Q0", CR_USCC_ERROR_LENGTH, "17");
  assert_invalid ("91320206MA1N2P3Q0JJ", CR_USCC_ERROR_LENGTH, "19");
  /* Characters, not bytes, are counted. */
  assert_invalid ("91320206MA1N2P3无0J", CR_USCC_ERROR_CHARACTER, "Position 16 is “无”");
  assert_invalid ("913202 6MA1N2P3Q0J", CR_USCC_ERROR_CHARACTER, "Position 7");

  /* I, O, S, V, Z are not in the alphabet; the position is named. */
  assert_invalid ("91320206MA1N2P3O0J", CR_USCC_ERROR_CHARACTER, "Position 16 is “O”");
  assert_invalid ("91320206MA1N2P3Q0I", CR_USCC_ERROR_CHECK_CHARACTER, "Position 18 is “I”");
  assert_invalid ("S1320206MA1N2P3Q0J", CR_USCC_ERROR_CHARACTER, "Position 1 is “S”");
  assert_invalid ("91320206MA1V2P3Q0J", CR_USCC_ERROR_CHARACTER, "Position 12 is “V”");
  /* Whatever stands at position 18, the message names the right one. */
  assert_invalid ("91320206MA1N2P3Q0-", CR_USCC_ERROR_CHECK_CHARACTER, "should be “J”");
  assert_invalid ("91320206MA1N2P3Q0无", CR_USCC_ERROR_CHECK_CHARACTER, "Position 18 is “无”");

  /* B, 0 and M are not registration authorities. */
  assert_invalid ("B1320206MA1N2P3Q0J", CR_USCC_ERROR_AUTHORITY, "Position 1 is “B”");
  assert_invalid ("01320206MA1N2P3Q0J", CR_USCC_ERROR_AUTHORITY, "Position 1 is “0”");

  /* 工商 has categories 1–3, Y only 1, 民政 1, 2, 3, 9; 0 never. */
  assert_invalid ("94320206MA1N2P3Q0J", CR_USCC_ERROR_CATEGORY, "allowed: 1, 2, 3)");
  assert_invalid ("Y2320206MA1N2P3Q0J", CR_USCC_ERROR_CATEGORY, "allowed: 1)");
  assert_invalid ("54320206MA1N2P3Q0J", CR_USCC_ERROR_CATEGORY, "allowed: 1, 2, 3, 9)");
  assert_invalid ("20320206MA1N2P3Q0J", CR_USCC_ERROR_CATEGORY, "Position 2 is “0”");
  assert_invalid ("9A320206MA1N2P3Q0J", CR_USCC_ERROR_CATEGORY, NULL);

  assert_invalid ("9132A206MA1N2P3Q0J", CR_USCC_ERROR_REGION, "Position 5 is “A”");
  assert_invalid ("913202M6MA1N2P3Q0J", CR_USCC_ERROR_REGION, "Position 7");

  /* Position 17 of 91320206MA1N2P3Q0J is 0; change it and the organisation
   * code check fails first, naming the expected character. */
  assert_invalid ("91320206MA1N2P3Q1J", CR_USCC_ERROR_ORGANISATION_CODE, "should be “0”");
  /* A transposition inside the organisation code. */
  assert_invalid ("91320206AM1N2P3Q0J", CR_USCC_ERROR_ORGANISATION_CODE, "Position 17");

  /* Region changed: only the GB 32100 check at position 18 catches it. */
  assert_invalid ("91320205MA1N2P3Q0J", CR_USCC_ERROR_CHECK_CHARACTER, "Position 18 is “J”");
}

static void
test_normalisation (void)
{
  static const char * const inputs[] = {
    "91320206ma1n2p3q0j",
    "  91320206MA1N2P3Q0J\n",
    "\t91320206Ma1N2p3Q0j ",
    "\u3000９１３２０２０６ＭＡ１Ｎ２Ｐ３Ｑ０Ｊ\u3000",  /* full-width, ideographic spaces */
    "９１３２０２０６ｍａ１ｎ２ｐ３ｑ０ｊ",                /* full-width lower case */
    "\u200b91320206MA1N2P3Q0J\u00a0",                     /* zero-width and no-break space */
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *code = cr_uscc_normalize_and_validate (inputs[i], &error);
      g_autofree char *normalized = cr_uscc_normalize (inputs[i]);

      g_assert_no_error (error);
      g_assert_cmpstr (code, ==, "91320206MA1N2P3Q0J");
      g_assert_cmpstr (normalized, ==, "91320206MA1N2P3Q0J");
      g_assert_true (cr_uscc_is_valid (inputs[i]));
    }

  /* Inner spaces are not removed: a code with a gap is not a code. */
  g_assert_false (cr_uscc_is_valid ("91320206 MA1N2P3Q0J"));
}

static void
test_compute_refuses_bad_input (void)
{
  g_assert_cmpint (cr_uscc_compute_check_character ("91320206MA1N2P3Q"), ==, 0);
  g_assert_cmpint (cr_uscc_compute_check_character ("91320206MA1N2P3O0"), ==, 0);
  g_assert_cmpint (cr_uscc_compute_check_character ("91320206ma1n2p3q0"), ==, 0);
  g_assert_cmpint (cr_uscc_compute_organisation_check_character ("MA1N2P3"), ==, 0);
  g_assert_cmpint (cr_uscc_compute_organisation_check_character ("MA1N2P3-"), ==, 0);
  /* GB 11714 values letters A=10 … Z=35, so O and Z are fine there. */
  g_assert_cmpint (cr_uscc_compute_organisation_check_character ("OZ000000"), !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uscc/reference-examples", test_reference_examples);
  g_test_add_func ("/uscc/standard-worked-example", test_standard_worked_example);
  g_test_add_func ("/uscc/computed-codes", test_computed_codes);
  g_test_add_func ("/uscc/errors", test_errors);
  g_test_add_func ("/uscc/normalisation", test_normalisation);
  g_test_add_func ("/uscc/compute-refuses-bad-input", test_compute_refuses_bad_input);

  return g_test_run ();
}
