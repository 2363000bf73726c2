/* test-checker.c: the bundled rule sets applied by the checker, row by row
 * of shared/spec/eligibility.md
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cr-case.h"
#include "cr-checker.h"
#include "cr-date.h"
#include "cr-rule-set.h"

static CrRuleSetCollection *rules;

/* A record of the case, written compactly; NULL fields take the defaults. */
typedef struct
{
  const char *id;               /* "r1" */
  const char *kind;             /* "administrative_penalty" */
  const char *domain;           /* "market_regulation" */
  const char *severity;         /* NULL: JSON null */
  const char *decision_date;
  const char *penalties;        /* JSON array; [{"type": "warning"}] */
  gboolean    rectification_ordered;
  const char *performance;      /* JSON object, or NULL */
  const char *publication_date; /* NULL: JSON null */
} Rec;

static char *
quoted_or_null (const char *text)
{
  return text ? g_strdup_printf ("\"%s\"", text) : g_strdup ("null");
}

static char *
record_json (const Rec *r)
{
  g_autofree char *severity = quoted_or_null (r->severity);
  g_autofree char *publication = quoted_or_null (r->publication_date);

  return g_strdup_printf ("{\"id\": \"%s\", \"kind\": \"%s\", \"decision_number\": \"测试罚〔2020〕%s号\","
                          " \"authority\": \"测试局\", \"decision_date\": \"%s\","
                          " \"publication_date\": %s, \"domain\": \"%s\", \"penalties\": %s,"
                          " \"severity\": %s, \"simple_procedure\": false,"
                          " \"rectification_ordered\": %s, \"performance\": %s}",
                          r->id ? r->id : "r1",
                          r->kind ? r->kind : "administrative_penalty",
                          r->id ? r->id : "r1",
                          r->decision_date, publication,
                          r->domain ? r->domain : "market_regulation",
                          r->penalties ? r->penalties : "[{\"type\": \"warning\"}]",
                          severity,
                          r->rectification_ordered ? "true" : "false",
                          r->performance ? r->performance
                                         : "{\"fine_paid_amount\": null, \"fine_paid_date\": null,"
                                           " \"rectification_completed\": null}");
}

/* Every slot any regime may require, for record @id and the whole case. */
static char *
all_materials (const char *id)
{
  static const char * const slots[] = {
    "commitment", "payment_proof", "rectification_proof", "training_certificate", "credit_report",
  };
  g_autoptr(GString) s = g_string_new ("{\"slot\": \"identity_proof\", \"record\": null, \"path\": \"id.pdf\"},"
                                       " {\"slot\": \"business_license\", \"record\": null, \"path\": \"bl.pdf\"}");

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    g_string_append_printf (s, ", {\"slot\": \"%s\", \"record\": \"%s\", \"path\": \"%s-%s.pdf\"}",
                            slots[i], id, slots[i], id);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
case_text (const Rec  *records,
           guint       n_records,
           const char *materials)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *default_materials = NULL;

  g_string_append (s, "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
                      " \"company\": {\"name\": \"测试有限公司\", \"uscc\": \"91320206MA1N2P3Q0J\"},"
                      " \"applicant\": {\"role\": \"legal_representative\", \"name\": \"张伟\"},"
                      " \"records\": [");
  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *r = record_json (&records[i]);

      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, r);
    }
  if (materials == NULL)
    materials = default_materials = all_materials (records[0].id ? records[0].id : "r1");
  g_string_append_printf (s, "], \"materials\": [%s]}", materials);

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static CrCheckResult *
check_full (const Rec   *records,
            guint        n_records,
            const char  *materials,
            const char  *on,
            CrLanguage   language,
            GError     **error)
{
  g_autofree char *text = case_text (records, n_records, materials);
  g_autoptr(JsonNode) root = parse (text);
  GDate date;

  g_assert_true (cr_date_parse (on, &date, NULL));
  return cr_checker_check_json (rules, json_node_get_object (root), NULL, &date, language, error);
}

/* Checks one record with every material present. */
static CrCheckResult *
check_record (const Rec  *record,
              const char *on)
{
  g_autoptr(GError) error = NULL;
  CrCheckResult *result = check_full (record, 1, NULL, on, CR_LANGUAGE_EN, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = g_date_valid (date) ? cr_date_format (date) : NULL;

  g_assert_cmpstr (text, ==, expected);
}

static const CrFinding *
find_finding (CrCheckResult *result,
              const char    *rule,
              const char    *record)
{
  for (guint i = 0; i < cr_check_result_get_n_findings (result); i++)
    {
      const CrFinding *finding = cr_check_result_get_finding (result, i);

      if (g_str_equal (finding->rule, rule) && g_strcmp0 (finding->record, record) == 0)
        return finding;
    }

  return NULL;
}

static guint
count_rule (CrCheckResult *result,
            const char    *rule)
{
  guint n = 0;

  for (guint i = 0; i < cr_check_result_get_n_findings (result); i++)
    {
      if (g_str_equal (cr_check_result_get_finding (result, i)->rule, rule))
        n++;
    }

  return n;
}

static void
assert_slots (GStrv       slots,
              const char *expected)
{
  g_autofree char *joined = g_strjoinv (",", slots);

  g_assert_cmpstr (joined, ==, expected);
}

/* -- periods --------------------------------------------------------------- */

typedef struct
{
  const char *regime;
  const char *on;
  const char *severity;
  const char *domain;
  const char *decision;
  const char *earliest;     /* NULL: not applicable */
  const char *display_end;
  const char *status;
  const char *status_rule;  /* the finding the status gives, or NULL */
} PeriodRow;

static const PeriodRow period_rows[] = {
  /* notice527 */
  { "notice527", "2021-06-01", "general", "market_regulation", "2021-01-15", "2021-04-15", "2022-01-15", "eligible", NULL },
  { "notice527", "2021-06-01", "serious", "market_regulation", "2021-01-15", "2021-07-15", "2024-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  { "notice527", "2021-08-01", "serious", "market_regulation", "2021-01-15", "2021-07-15", "2024-01-15", "eligible", NULL },
  { "notice527", "2021-06-01", "specific_serious", "food", "2021-01-15", NULL, "2024-01-15", "not_repairable", "R16-NOT-REPAIRABLE" },
  /* order58: every class alike outside the special domains */
  { "order58", "2024-06-01", "general", "market_regulation", "2024-01-15", "2024-04-15", "2027-01-15", "eligible", NULL },
  { "order58", "2024-06-01", "serious", "environment", "2024-01-15", "2024-04-15", "2027-01-15", "eligible", NULL },
  { "order58", "2024-06-01", "specific_serious", "tax", "2024-01-15", "2024-04-15", "2027-01-15", "eligible", NULL },
  { "order58", "2024-06-01", "minor", "transport", "2024-01-15", "2024-04-15", "2027-01-15", "eligible", NULL },
  { "order58", "2024-06-01", NULL, "labour", "2024-01-15", "2024-04-15", "2027-01-15", "eligible", NULL },
  { "order58", "2024-04-14", "general", "construction_quality", "2024-01-15", "2024-04-15", "2027-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  /* order58: the special domains wait a year */
  { "order58", "2024-06-01", "general", "food", "2024-01-15", "2025-01-15", "2027-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  { "order58", "2024-06-01", "serious", "drug", "2024-01-15", "2025-01-15", "2027-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  { "order58", "2024-06-01", NULL, "special_equipment", "2024-01-15", "2025-01-15", "2027-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  { "order58", "2025-01-15", "general", "work_safety", "2024-01-15", "2025-01-15", "2027-01-15", "eligible", NULL },
  { "order58", "2025-01-14", "minor", "fire", "2024-01-15", "2025-01-15", "2027-01-15", "not_yet_eligible", "R11-MIN-PERIOD" },
  /* order36 */
  { "order36", "2026-06-01", "minor", "market_regulation", "2026-04-10", NULL, "2026-07-10", "not_published", "S-NOT-PUBLISHED" },
  { "order36", "2026-08-01", "general", "market_regulation", "2026-04-10", "2026-07-10", "2027-04-10", "eligible", NULL },
  { "order36", "2026-08-01", "general", "food", "2026-04-10", "2026-07-10", "2027-04-10", "eligible", NULL },
  { "order36", "2026-08-01", "serious", "market_regulation", "2026-04-10", "2027-04-10", "2029-04-10", "not_yet_eligible", "R11-MIN-PERIOD" },
  { "order36", "2027-04-10", "serious", "market_regulation", "2026-04-10", "2027-04-10", "2029-04-10", "eligible", NULL },
  { "order36", "2026-08-01", "specific_serious", "market_regulation", "2026-04-10", "2027-04-10", "2029-04-10", "not_yet_eligible", "R11-MIN-PERIOD" },
};

static void
test_period_table (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (period_rows); i++)
    {
      const PeriodRow *row = &period_rows[i];
      Rec rec = {
        .severity = row->severity,
        .domain = row->domain,
        .decision_date = row->decision,
      };
      g_autoptr(CrCheckResult) result = check_record (&rec, row->on);
      const CrCheckRecord *record = cr_check_result_get_record (result, 0);

      g_test_message ("period row %u: %s %s %s", i, row->regime, row->severity, row->domain);
      g_assert_cmpstr (cr_check_result_get_regime (result), ==, row->regime);
      g_assert_cmpstr (cr_record_status_to_string (record->status), ==, row->status);
      assert_date (&record->earliest_application_date, row->earliest);
      assert_date (&record->display_end_date, row->display_end);
      assert_date (&record->decision_date, row->decision);

      if (row->status_rule != NULL)
        {
          const CrFinding *finding = find_finding (result, row->status_rule, "r1");

          g_assert_nonnull (finding);
          g_assert_cmpint (finding->record_index, ==, 0);
          if (g_str_equal (row->status_rule, "S-NOT-PUBLISHED"))
            g_assert_cmpint (finding->severity, ==, CR_SEVERITY_INFO);
          else
            g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
          if (g_str_equal (row->status_rule, "R11-MIN-PERIOD"))
            {
              /* Says from which date. */
              g_assert_nonnull (strstr (finding->message, row->earliest));
              g_assert_cmpstr (finding->field, ==, "/records/0/decision_date");
            }
        }

      /* Everything is provided: only the status can block. */
      g_assert_cmpuint (cr_check_result_count_findings (result, CR_SEVERITY_ERROR), ==,
                        row->status_rule != NULL && !g_str_equal (row->status_rule, "S-NOT-PUBLISHED"));
      g_assert_cmpint (cr_check_result_get_ready (result), ==,
                       g_str_equal (row->status, "eligible") || g_str_equal (row->status, "not_published"));
    }
}

static void
test_month_end_clamping (void)
{
  const struct
  {
    const char *on;
    const char *severity;
    const char *domain;
    const char *decision;
    const char *earliest;
    const char *display_end;
  } cases[] = {
    /* order58, 3 months: 2023-11-30 + 3 = 2024-02-29 (leap year) */
    { "2024-01-01", "general", "other", "2023-11-30", "2024-02-29", "2026-11-30" },
    /* notice527 serious, 6 months: 2024-08-31 + 6 = 2025-02-28 */
    { "2023-04-30", "serious", "other", "2024-08-31", "2025-02-28", "2027-08-31" },
    /* notice527 general: 2022-11-30 + 3 = 2023-02-28 */
    { "2023-01-01", "general", "other", "2022-11-30", "2023-02-28", "2023-11-30" },
    /* order58 special domain: 2024-02-29 + 12 = 2025-02-28 */
    { "2024-06-01", "general", "food", "2024-02-29", "2025-02-28", "2027-02-28" },
    /* order36 general: 2026-11-30 + 3 = 2027-02-28 */
    { "2026-12-01", "general", "other", "2026-11-30", "2027-02-28", "2027-11-30" },
    /* order36 minor: display end 2026-05-31 + 3 = 2026-08-31 */
    { "2026-06-01", "minor", "other", "2026-05-31", NULL, "2026-08-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Rec rec = { .severity = cases[i].severity, .domain = cases[i].domain,
                  .decision_date = cases[i].decision };
      g_autoptr(CrCheckResult) result = check_record (&rec, cases[i].on);
      const CrCheckRecord *record = cr_check_result_get_record (result, 0);

      assert_date (&record->earliest_application_date, cases[i].earliest);
      assert_date (&record->display_end_date, cases[i].display_end);
    }
}

static void
test_regime_boundaries (void)
{
  const struct
  {
    const char *on;
    const char *regime;
    const char *ruleset;
  } dates[] = {
    { "2019-06-30", NULL, NULL },
    { "2019-07-01", "notice527", "cn-national-notice527" },
    { "2023-04-30", "notice527", "cn-national-notice527" },
    { "2023-05-01", "order58", "cn-national-order58" },
    { "2026-03-31", "order58", "cn-national-order58" },
    { "2026-04-01", "order36", "cn-national-order36" },
  };
  Rec rec = { .severity = "general", .decision_date = "2018-01-10" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) result = check_full (&rec, 1, NULL, dates[i].on, CR_LANGUAGE_EN,
                                                    &error);

      if (dates[i].regime == NULL)
        {
          /* Before 2019-07-01 no rule set applies: an input error, not a guess. */
          g_assert_null (result);
          g_assert_error (error, CR_CHECKER_ERROR, CR_CHECKER_ERROR_NO_RULE_SET);
          g_assert_nonnull (strstr (error->message, "2019-06-30"));
          continue;
        }

      g_assert_no_error (error);
      g_assert_cmpstr (cr_check_result_get_regime (result), ==, dates[i].regime);
      g_assert_cmpstr (cr_rule_set_get_id (cr_check_result_get_rule_set (result)), ==,
                       dates[i].ruleset);
      assert_date (cr_check_result_get_on (result), dates[i].on);
    }
}

/* -- statuses -------------------------------------------------------------- */

static void
test_status_expired (void)
{
  /* order58: the end of publication is the first day the record is expired. */
  Rec rec = { .severity = "general", .decision_date = "2020-06-15",
              .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]",
              .performance = "{\"fine_paid_amount\": \"50\"}" };
  g_autoptr(CrCheckResult) before = check_record (&rec, "2023-06-14");
  g_autoptr(CrCheckResult) on = check_record (&rec, "2023-06-15");
  const CrCheckRecord *record = cr_check_result_get_record (on, 0);
  const CrFinding *finding;

  g_assert_cmpint (cr_check_result_get_record (before, 0)->status, ==, CR_RECORD_STATUS_ELIGIBLE);
  g_assert_nonnull (find_finding (before, "R19-FINE-PAID-FULL", "r1"));

  g_assert_cmpint (record->status, ==, CR_RECORD_STATUS_EXPIRED);
  finding = find_finding (on, "R14-EXPIRED", "r1");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "2023-06-15"));
  /* The remedy for a record still shown is an objection. */
  g_assert_nonnull (strstr (finding->fix, "objection"));
  /* No application: nothing is required, and the unpaid fine is moot. */
  assert_slots (record->required_slots, "");
  g_assert_null (find_finding (on, "R19-FINE-PAID-FULL", "r1"));
  g_assert_cmpuint (cr_check_result_count_findings (on, CR_SEVERITY_ERROR), ==, 1);

  /* order36 general: twelve months. */
  {
    Rec rec36 = { .severity = "general", .decision_date = "2026-04-10" };
    g_autoptr(CrCheckResult) r1 = check_record (&rec36, "2027-04-09");
    g_autoptr(CrCheckResult) r2 = check_record (&rec36, "2027-04-10");

    g_assert_cmpint (cr_check_result_get_record (r1, 0)->status, ==, CR_RECORD_STATUS_ELIGIBLE);
    g_assert_cmpint (cr_check_result_get_record (r2, 0)->status, ==, CR_RECORD_STATUS_EXPIRED);
  }
}

static void
test_status_order (void)
{
  /* A serious-dishonesty list entry is the wrong channel before anything else. */
  {
    Rec rec = { .kind = "serious_dishonesty_list", .severity = "serious", .decision_date = "2015-01-01" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2024-06-01");
    const CrCheckRecord *record = cr_check_result_get_record (result, 0);
    const CrFinding *finding = find_finding (result, "R36-SERIOUS-LIST", "r1");

    g_assert_cmpint (record->status, ==, CR_RECORD_STATUS_WRONG_CHANNEL);
    g_assert_false (g_date_valid (&record->earliest_application_date));
    g_assert_false (g_date_valid (&record->display_end_date));
    assert_slots (record->required_slots, "");
    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
    g_assert_cmpstr (finding->field, ==, "/records/0/kind");
    g_assert_nonnull (strstr (finding->message, "严重失信主体名单"));
    g_assert_false (cr_check_result_get_ready (result));
  }

  /* order36 minor: not published comes before expired. */
  {
    Rec rec = { .severity = "minor", .decision_date = "2026-04-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2026-12-01");

    g_assert_cmpint (cr_check_result_get_record (result, 0)->status, ==, CR_RECORD_STATUS_NOT_PUBLISHED);
    g_assert_true (cr_check_result_get_ready (result));
  }

  /* notice527 specific serious: expired comes before not repairable. */
  {
    Rec rec = { .severity = "specific_serious", .decision_date = "2019-08-01" };
    g_autoptr(CrCheckResult) r1 = check_record (&rec, "2022-07-31");
    g_autoptr(CrCheckResult) r2 = check_record (&rec, "2022-08-01");

    g_assert_cmpint (cr_check_result_get_record (r1, 0)->status, ==, CR_RECORD_STATUS_NOT_REPAIRABLE);
    g_assert_cmpint (cr_check_result_get_record (r2, 0)->status, ==, CR_RECORD_STATUS_EXPIRED);
    g_assert_null (find_finding (r2, "R16-NOT-REPAIRABLE", "r1"));
  }

  /* Not yet eligible until the day before the earliest date; eligible on it. */
  {
    Rec rec = { .severity = "general", .decision_date = "2024-01-31" };
    g_autoptr(CrCheckResult) r1 = check_record (&rec, "2024-04-29");
    g_autoptr(CrCheckResult) r2 = check_record (&rec, "2024-04-30");

    assert_date (&cr_check_result_get_record (r1, 0)->earliest_application_date, "2024-04-30");
    g_assert_cmpint (cr_check_result_get_record (r1, 0)->status, ==, CR_RECORD_STATUS_NOT_YET_ELIGIBLE);
    g_assert_cmpint (cr_check_result_get_record (r2, 0)->status, ==, CR_RECORD_STATUS_ELIGIBLE);
    g_assert_true (cr_check_result_get_ready (r2));
  }
}

static void
test_class_required (void)
{
  /* notice527 and order36 need the class; the finding suggests one. */
  const struct
  {
    const char *on;
    const char *domain;
    const char *penalties;
    const char *suggestion;
  } cases[] = {
    { "2021-06-01", "food", "[{\"type\": \"production_suspension\"}]", "specific_serious" },
    { "2021-06-01", "tax", "[{\"type\": \"fine\", \"amount\": \"100\"}]", "general" },
    { "2026-06-01", "other", "[{\"type\": \"license_revocation\"}]", "serious" },
    { "2026-06-01", "other", "[{\"type\": \"warning\"}, {\"type\": \"circulated_criticism\"}]", "minor" },
    { "2026-06-01", "other", "[{\"type\": \"fine\", \"amount\": \"100\"}]", "general" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Rec rec = { .severity = NULL, .domain = cases[i].domain, .decision_date = "2020-01-10",
                  .penalties = cases[i].penalties,
                  .performance = "{\"fine_paid_amount\": \"100\", \"fine_paid_date\": \"2020-01-20\"}" };
      g_autoptr(CrCheckResult) result = check_record (&rec, cases[i].on);
      const CrCheckRecord *record = cr_check_result_get_record (result, 0);
      const CrFinding *finding = find_finding (result, "R17-CLASS-REQUIRED", "r1");
      CrRuleSet *rule_set = cr_check_result_get_rule_set (result);

      g_assert_cmpint (record->status, ==, CR_RECORD_STATUS_UNKNOWN);
      g_assert_null (cr_record_status_to_string (record->status));
      g_assert_false (g_date_valid (&record->earliest_application_date));
      g_assert_cmpstr (record->suggested_severity, ==, cases[i].suggestion);
      g_assert_nonnull (finding);
      g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
      g_assert_cmpstr (finding->field, ==, "/records/0/severity");
      g_assert_nonnull (strstr (finding->message,
                                cr_rule_set_get_class_name (rule_set, cases[i].suggestion, CR_LANGUAGE_EN)));
      g_assert_false (cr_check_result_get_ready (result));
    }

  /* order58 does not need it. */
  {
    Rec rec = { .severity = NULL, .decision_date = "2024-01-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2024-06-01");

    g_assert_cmpint (cr_check_result_get_record (result, 0)->status, ==, CR_RECORD_STATUS_ELIGIBLE);
    g_assert_null (find_finding (result, "R17-CLASS-REQUIRED", "r1"));
    g_assert_true (cr_check_result_get_ready (result));
  }

  /* notice527 knows no minor class. */
  {
    Rec rec = { .severity = "minor", .decision_date = "2021-01-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2021-06-01");

    g_assert_cmpint (cr_check_result_get_record (result, 0)->status, ==, CR_RECORD_STATUS_UNKNOWN);
    g_assert_nonnull (find_finding (result, "R15-CLASS-MINOR-527", "r1"));
  }
}

static void
test_class_warnings (void)
{
  /* order36 treats specific serious as serious, with a warning. */
  {
    Rec rec = { .severity = "specific_serious", .decision_date = "2026-04-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2027-05-01");
    const CrFinding *finding = find_finding (result, "R17-SPECIFIC-SERIOUS-36", "r1");

    g_assert_cmpint (cr_check_result_get_record (result, 0)->status, ==, CR_RECORD_STATUS_ELIGIBLE);
    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CR_SEVERITY_WARNING);
    g_assert_true (cr_check_result_get_ready (result));
  }

  /* notice527: a licence revocation in a listed domain looks specific serious. */
  {
    Rec rec = { .severity = "general", .domain = "environment", .decision_date = "2021-01-10",
                .penalties = "[{\"type\": \"license_revocation\"}]" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2021-06-01");
    const CrFinding *finding = find_finding (result, "R16-SPECIFIC-SERIOUS-HINT", "r1");

    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CR_SEVERITY_WARNING);
  }

  /* order58 [UNVERIFIED]: low-level penalties may not be published; labelled. */
  {
    Rec rec = { .severity = "general", .decision_date = "2024-01-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2024-06-01");
    const CrFinding *finding = find_finding (result, "R35-LOW-LEVEL-58", "r1");

    g_assert_nonnull (finding);
    g_assert_cmpint (finding->severity, ==, CR_SEVERITY_WARNING);
    g_assert_false (finding->verified);
    g_assert_true (g_str_has_prefix (finding->message, "[Unverified] "));
  }
}

/* -- required materials ------------------------------------------------------ */

typedef struct
{
  const char *on;
  const char *severity;
  const char *penalties;
  gboolean    rectification_ordered;
  const char *expected;
} SlotRow;

static const SlotRow slot_rows[] = {
  /* notice527 */
  { "2021-06-01", "general", "[{\"type\": \"fine\", \"amount\": \"100\"}]", FALSE,
    "commitment,business_license,payment_proof" },
  { "2021-06-01", "general", "[{\"type\": \"warning\"}]", FALSE,
    "commitment,business_license,rectification_proof" },
  { "2021-06-01", "general", "[{\"type\": \"warning\"}]", TRUE,
    "commitment,business_license,rectification_proof" },
  { "2021-06-01", "general", "[{\"type\": \"license_suspension\"}]", FALSE,
    "commitment,business_license" },
  { "2021-08-01", "serious", "[{\"type\": \"fine\", \"amount\": \"100\"}, {\"type\": \"warning\"}]", TRUE,
    "commitment,business_license,payment_proof,rectification_proof,training_certificate,credit_report" },
  /* order58 */
  { "2024-06-01", "general", "[{\"type\": \"fine\", \"amount\": \"100\"}]", FALSE,
    "commitment,identity_proof,payment_proof" },
  { "2024-06-01", "general", "[{\"type\": \"confiscation_of_illegal_gains\", \"amount\": \"100\"}]", FALSE,
    "commitment,identity_proof,payment_proof" },
  { "2024-06-01", "serious", "[{\"type\": \"confiscation_of_illegal_property\"}]", FALSE,
    "commitment,identity_proof,payment_proof" },
  { "2024-06-01", "serious", "[{\"type\": \"warning\"}]", FALSE,
    "commitment,identity_proof" },
  { "2024-06-01", "general", "[{\"type\": \"warning\"}]", TRUE,
    "commitment,identity_proof,rectification_proof" },
  /* order36 */
  { "2026-08-01", "general", "[{\"type\": \"fine\", \"amount\": \"100\"}]", TRUE,
    "commitment,payment_proof,rectification_proof" },
  { "2026-08-01", "general", "[{\"type\": \"license_suspension\"}]", FALSE,
    "commitment" },
  { "2026-08-01", "general", "[{\"type\": \"warning\"}]", FALSE,
    "commitment" },
};

static void
test_required_slots (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (slot_rows); i++)
    {
      const SlotRow *row = &slot_rows[i];
      /* Decided 2021-01-10, 2024-01-10 or 2026-04-10: eligible on the date. */
      const char *decision = g_str_has_prefix (row->on, "2021") ? "2021-01-10"
                             : g_str_has_prefix (row->on, "2024") ? "2024-01-10" : "2026-04-10";
      Rec rec = { .severity = row->severity, .decision_date = decision,
                  .penalties = row->penalties, .rectification_ordered = row->rectification_ordered,
                  .performance = "{\"fine_paid_amount\": \"100\", \"rectification_completed\": true}" };
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) complete = check_record (&rec, row->on);
      g_autoptr(CrCheckResult) bare = check_full (&rec, 1, "", row->on, CR_LANGUAGE_EN, &error);
      const CrCheckRecord *record = cr_check_result_get_record (complete, 0);
      g_auto(GStrv) expected = g_strsplit (row->expected, ",", -1);

      g_test_message ("slot row %u", i);
      g_assert_no_error (error);
      g_assert_cmpint (record->status, ==, CR_RECORD_STATUS_ELIGIBLE);
      assert_slots (record->required_slots, row->expected);
      assert_slots (record->missing_slots, "");

      /* Without materials each required slot is an error finding naming the
       * record and the slot, once even if two rules require it. */
      record = cr_check_result_get_record (bare, 0);
      assert_slots (record->missing_slots, row->expected);
      g_assert_false (cr_check_result_get_ready (bare));
      for (guint j = 0; expected[j] != NULL; j++)
        {
          guint n = 0;

          for (guint k = 0; k < cr_check_result_get_n_findings (bare); k++)
            {
              const CrFinding *finding = cr_check_result_get_finding (bare, k);

              if (g_strcmp0 (finding->slot, expected[j]) == 0 && finding->field == NULL)
                {
                  n++;
                  g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
                  g_assert_cmpstr (finding->record, ==, "r1");
                  g_assert_nonnull (strstr (finding->message, "r1"));
                }
            }
          g_assert_cmpuint (n, ==, 1);
        }
    }
}

static void
test_material_matching (void)
{
  Rec recs[] = {
    { .id = "r1", .severity = "general", .decision_date = "2024-01-10" },
    { .id = "r2", .severity = "general", .decision_date = "2024-01-10" },
  };
  g_autoptr(GError) error = NULL;
  /* One identity proof for the case serves both records; a commitment
   * serves only its own record, and a commitment without record none. */
  g_autoptr(CrCheckResult) result = check_full (recs, 2,
    "{\"slot\": \"identity_proof\", \"record\": null, \"path\": \"a\"},"
    " {\"slot\": \"commitment\", \"record\": \"r2\", \"path\": \"b\"},"
    " {\"slot\": \"commitment\", \"path\": \"c\"}",
    "2024-06-01", CR_LANGUAGE_EN, &error);
  const CrFinding *finding;

  g_assert_no_error (error);
  assert_slots (cr_check_result_get_record (result, 0)->missing_slots, "commitment");
  assert_slots (cr_check_result_get_record (result, 1)->missing_slots, "");
  finding = find_finding (result, "R25-COMMITMENT", "r1");
  g_assert_nonnull (finding);
  g_assert_cmpstr (finding->slot, ==, "commitment");
  g_assert_null (find_finding (result, "R25-COMMITMENT", "r2"));
  g_assert_null (find_finding (result, "R27-IDENTITY", "r1"));
  g_assert_null (find_finding (result, "R27-IDENTITY", "r2"));
  /* Two records: one application each. */
  g_assert_nonnull (find_finding (result, "R10-ONE-RECORD", NULL));

  /* A case-wide slot given for the record also serves it. */
  {
    Rec rec = { .severity = "general", .decision_date = "2024-01-10" };
    g_autoptr(CrCheckResult) r = check_full (&rec, 1,
      "{\"slot\": \"identity_proof\", \"record\": \"r1\", \"path\": \"a\"},"
      " {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"b\"}",
      "2024-06-01", CR_LANGUAGE_EN, &error);

    g_assert_no_error (error);
    g_assert_true (cr_check_result_get_ready (r));
  }
}

/* -- performance ------------------------------------------------------------ */

static CrCheckResult *
check_performance (const char *penalties,
                   gboolean    rectification_ordered,
                   const char *performance,
                   const char *on)
{
  Rec rec = { .severity = "general", .decision_date = "2024-01-10", .penalties = penalties,
              .rectification_ordered = rectification_ordered, .performance = performance };

  return check_record (&rec, on);
}

static void
test_fine_paid (void)
{
  const char *fine = "[{\"type\": \"fine\", \"amount\": \"5000\"}]";
  const char *two_fines = "[{\"type\": \"fine\", \"amount\": \"3000\"}, {\"type\": \"fine\", \"amount\": \"2000.50\"}]";
  const struct
  {
    const char *penalties;
    const char *performance;
    gboolean    error;
  } cases[] = {
    { fine, "{\"fine_paid_amount\": \"5000\", \"fine_paid_date\": \"2024-01-20\"}", FALSE },
    { fine, "{\"fine_paid_amount\": \"6000\", \"fine_paid_date\": \"2024-01-20\"}", FALSE },
    { fine, "{\"fine_paid_amount\": \"4999.99\", \"fine_paid_date\": \"2024-01-20\"}", TRUE },
    { fine, "{\"fine_paid_amount\": null, \"fine_paid_date\": \"2024-01-20\"}", TRUE },
    { fine, "null", TRUE },
    { two_fines, "{\"fine_paid_amount\": \"5000.50\", \"fine_paid_date\": \"2024-01-20\"}", FALSE },
    { two_fines, "{\"fine_paid_amount\": \"5000\", \"fine_paid_date\": \"2024-01-20\"}", TRUE },
    /* A fine without an amount cannot be shown paid in full. */
    { "[{\"type\": \"fine\"}]", "{\"fine_paid_amount\": \"5000\", \"fine_paid_date\": \"2024-01-20\"}", TRUE },
    /* No fine, nothing to pay. */
    { "[{\"type\": \"warning\"}]", "null", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrCheckResult) result = check_performance (cases[i].penalties, FALSE,
                                                           cases[i].performance, "2024-06-01");
      const CrFinding *finding = find_finding (result, "R19-FINE-PAID-FULL", "r1");

      g_test_message ("fine case %u", i);
      g_assert_cmpint (finding != NULL, ==, cases[i].error);
      g_assert_cmpint (cr_check_result_get_ready (result), ==, !cases[i].error);
      if (finding != NULL)
        {
          g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
          g_assert_cmpstr (finding->field, ==, "/records/0/performance/fine_paid_amount");
          g_assert_cmpstr (finding->slot, ==, "payment_proof");
        }
    }

  {
    g_autoptr(CrCheckResult) result = check_performance (two_fines, FALSE,
                                                         "{\"fine_paid_amount\": \"4000\"}", "2024-06-01");
    const CrFinding *finding = find_finding (result, "R19-FINE-PAID-FULL", "r1");

    /* The amounts appear as the case writes money. */
    g_assert_nonnull (strstr (finding->message, "4000 yuan paid of 5000.50 yuan"));
  }
}

static void
test_payment_date (void)
{
  const char *fine = "[{\"type\": \"fine\", \"amount\": \"100\"}]";
  const struct
  {
    const char *paid;
    const char *on;
    const char *rule;  /* NULL: no finding about the date */
  } cases[] = {
    { "2024-01-10", "2024-06-01", NULL },                   /* on the decision date */
    { "2024-06-01", "2024-06-01", NULL },                   /* on the application date */
    { "2024-01-09", "2024-06-01", "R20-PAYMENT-DATE" },     /* before the decision */
    { "2024-06-02", "2024-06-01", "R20-PAYMENT-DATE" },     /* after the application */
    { NULL, "2024-06-01", "R20-PAYMENT-DATE-MISSING" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *paid = quoted_or_null (cases[i].paid);
      g_autofree char *performance = g_strdup_printf ("{\"fine_paid_amount\": \"100\", \"fine_paid_date\": %s}", paid);
      g_autoptr(CrCheckResult) result = check_performance (fine, FALSE, performance, cases[i].on);

      g_test_message ("payment date case %u", i);
      g_assert_cmpuint (count_rule (result, "R20-PAYMENT-DATE"), ==,
                        g_strcmp0 (cases[i].rule, "R20-PAYMENT-DATE") == 0);
      g_assert_cmpuint (count_rule (result, "R20-PAYMENT-DATE-MISSING"), ==,
                        g_strcmp0 (cases[i].rule, "R20-PAYMENT-DATE-MISSING") == 0);
      if (g_strcmp0 (cases[i].rule, "R20-PAYMENT-DATE") == 0)
        {
          const CrFinding *finding = find_finding (result, "R20-PAYMENT-DATE", "r1");

          g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
          g_assert_cmpstr (finding->field, ==, "/records/0/performance/fine_paid_date");
          g_assert_false (cr_check_result_get_ready (result));
        }
      else
        g_assert_true (cr_check_result_get_ready (result));
    }
}

static void
test_rectification (void)
{
  const struct
  {
    gboolean    ordered;
    const char *completed;
    gboolean    error;
  } cases[] = {
    { TRUE, "true", FALSE },
    { TRUE, "false", TRUE },
    { TRUE, "null", TRUE },
    { FALSE, "null", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *performance = g_strdup_printf ("{\"rectification_completed\": %s}",
                                                      cases[i].completed);
      g_autoptr(CrCheckResult) result = check_performance (NULL, cases[i].ordered, performance,
                                                           "2024-06-01");
      const CrFinding *finding = find_finding (result, "R23-RECTIFICATION-DONE", "r1");

      g_assert_cmpint (finding != NULL, ==, cases[i].error);
      if (finding != NULL)
        {
          g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
          g_assert_cmpstr (finding->field, ==, "/records/0/performance/rectification_completed");
        }
      g_assert_cmpint (cr_check_result_get_ready (result), ==, !cases[i].error);
    }
}

/* -- findings and output ------------------------------------------------------ */

static void
test_honesty_rules (void)
{
  const char *dates[] = { "2021-06-01", "2024-06-01", "2026-08-01" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      Rec rec = { .severity = "general", .decision_date = "2021-01-10" };
      g_autoptr(CrCheckResult) result = check_record (&rec, dates[i]);
      const CrFinding *free_of_charge = find_finding (result, "R40-FREE-SERVICE", NULL);

      /* Repair is free: an info finding, first, warning against paid deletion. */
      g_assert_nonnull (free_of_charge);
      g_assert_true (free_of_charge == cr_check_result_get_finding (result, 0));
      g_assert_cmpint (free_of_charge->severity, ==, CR_SEVERITY_INFO);
      g_assert_cmpint (free_of_charge->record_index, ==, -1);
      g_assert_nonnull (strstr (free_of_charge->message, "free of charge"));
      g_assert_nonnull (strstr (free_of_charge->message, "delete"));

      /* Every finding carries its legal basis; unverified ones are labelled. */
      for (guint j = 0; j < cr_check_result_get_n_findings (result); j++)
        {
          const CrFinding *finding = cr_check_result_get_finding (result, j);

          g_assert_nonnull (finding->basis.title);
          g_assert_true (g_str_has_prefix (finding->basis.url, "http"));
          g_assert_nonnull (finding->fix);
          g_assert_cmpint (g_str_has_prefix (finding->message, "[Unverified] "), ==, !finding->verified);
          if (!finding->verified)
            g_assert_cmpint (finding->severity, !=, CR_SEVERITY_ERROR);
        }
    }
}

static void
test_language (void)
{
  Rec rec = { .severity = "general", .decision_date = "2024-01-10",
              .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCheckResult) zh = check_full (&rec, 1, "", "2024-03-01", CR_LANGUAGE_ZH_CN, &error);
  const CrFinding *finding;

  g_assert_no_error (error);
  g_assert_cmpint (cr_check_result_get_language (zh), ==, CR_LANGUAGE_ZH_CN);
  finding = find_finding (zh, "R11-MIN-PERIOD", "r1");
  g_assert_nonnull (strstr (finding->message, "自 2024-04-10 起方可申请信用修复"));
  finding = find_finding (zh, "R25-COMMITMENT", "r1");
  g_assert_nonnull (strstr (finding->message, "信用修复承诺书"));
  finding = find_finding (zh, "R35-LOW-LEVEL-58", "r1");
  g_assert_null (finding);
  finding = find_finding (zh, "R38-FALSE-MATERIAL", NULL);
  g_assert_true (g_str_has_prefix (finding->message, "【未核实】"));
}

static void
test_determinism (void)
{
  Rec recs[] = {
    { .id = "a", .severity = "general", .decision_date = "2024-01-10",
      .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]", .rectification_ordered = TRUE },
    { .id = "b", .kind = "serious_dishonesty_list", .severity = "serious", .decision_date = "2023-01-10" },
    { .id = "c", .severity = NULL, .domain = "food", .decision_date = "2024-03-10" },
  };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) result = check_full (recs, G_N_ELEMENTS (recs),
                                                    "{\"slot\": \"commitment\", \"record\": \"a\"}",
                                                    "2024-06-01", CR_LANGUAGE_EN, &error);
      g_assert_no_error (error);
      if (round == 0)
        first = cr_check_result_to_json (result, "case.json");
      else
        second = cr_check_result_to_json (result, "case.json");
    }

  g_assert_cmpstr (first, ==, second);
  g_assert_null (strchr (first, '\n'));
}

/* cr_check_result_to_json() writes the JSON itself: it must say exactly
 * what json-glib writes for cr_check_result_to_json_node(). */
static void
test_json_writer (void)
{
  Rec recs[] = {
    { .id = "a", .severity = "general", .decision_date = "2024-01-10",
      .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]", .rectification_ordered = TRUE },
    { .id = "b\\\"\\u0001\\t/é", .kind = "serious_dishonesty_list", .severity = "serious",
      .decision_date = "2023-01-10" },
    { .id = "c", .severity = NULL, .domain = "food", .decision_date = "2024-03-10" },
  };
  const CrLanguage languages[] = { CR_LANGUAGE_EN, CR_LANGUAGE_ZH_CN };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) result = check_full (recs, G_N_ELEMENTS (recs), "", "2024-06-01",
                                                    languages[i], &error);
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(JsonNode) parsed = NULL;
      g_autofree char *direct = NULL;
      g_autofree char *generated = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (cr_check_result_get_record (result, 1)->id, ==, "b\"\001\t/é");
      direct = cr_check_result_to_json (result, "dir/ca\"se.json");
      node = cr_check_result_to_json_node (result, "dir/ca\"se.json");
      generated = json_to_string (node, FALSE);
      parsed = parse (direct);
      g_assert_true (json_node_equal (parsed, node));
      g_assert_cmpstr (direct, ==, generated);
    }
}

static void
test_json_shape (void)
{
  Rec rec = { .severity = "general", .decision_date = "2024-01-10",
              .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCheckResult) result = check_full (&rec, 1, "", "2024-03-01", CR_LANGUAGE_EN, &error);
  g_autoptr(JsonNode) node = cr_check_result_to_json_node (result, "client-a/case.json");
  JsonObject *root = json_node_get_object (node);
  JsonObject *ruleset, *record, *finding;
  JsonArray *findings;
  g_autofree char *sha = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (root, "case"), ==, "client-a/case.json");
  g_assert_cmpstr (json_object_get_string_member (root, "on"), ==, "2024-03-01");
  g_assert_cmpstr (json_object_get_string_member (root, "regime"), ==, "order58");
  ruleset = json_object_get_object_member (root, "ruleset");
  g_assert_cmpstr (json_object_get_string_member (ruleset, "id"), ==, "cn-national-order58");
  g_assert_cmpstr (json_object_get_string_member (ruleset, "version"), ==, "2023.2");
  g_assert_cmpuint (strlen (json_object_get_string_member (ruleset, "sha256")), ==, 64);
  g_assert_false (json_object_get_boolean_member (root, "ready"));

  record = json_array_get_object_element (json_object_get_array_member (root, "records"), 0);
  g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, "r1");
  g_assert_cmpstr (json_object_get_string_member (record, "decision_number"), ==, "测试罚〔2020〕r1号");
  g_assert_cmpstr (json_object_get_string_member (record, "severity"), ==, "general");
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "not_yet_eligible");
  g_assert_cmpstr (json_object_get_string_member (record, "earliest_application_date"), ==, "2024-04-10");
  g_assert_cmpstr (json_object_get_string_member (record, "display_end_date"), ==, "2027-01-10");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (record, "required_slots")), ==, 3);

  findings = json_object_get_array_member (root, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, cr_check_result_get_n_findings (result));
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      static const char * const keys[] = { "rule", "severity", "record", "slot", "field", "message", "basis" };

      finding = json_array_get_object_element (findings, i);
      for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
        g_assert_true (json_object_has_member (finding, keys[k]));
    }
  finding = json_array_get_object_element (findings, 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "rule"), ==, "R40-FREE-SERVICE");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "info");
  g_assert_true (json_object_get_null_member (finding, "record"));
  g_assert_true (json_object_get_null_member (finding, "slot"));
  g_assert_true (json_object_get_null_member (finding, "field"));

  /* A date that does not apply is null. */
  {
    Rec minor = { .severity = "minor", .decision_date = "2026-04-10" };
    g_autoptr(CrCheckResult) r = check_record (&minor, "2026-05-01");
    g_autoptr(JsonNode) n = cr_check_result_to_json_node (r, NULL);
    JsonObject *rec0 = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (n), "records"), 0);

    g_assert_true (json_object_get_null_member (json_node_get_object (n), "case"));
    g_assert_true (json_object_get_null_member (rec0, "earliest_application_date"));
    g_assert_cmpstr (json_object_get_string_member (rec0, "display_end_date"), ==, "2026-07-10");
  }

  sha = g_strdup (cr_rule_set_get_sha256 (cr_check_result_get_rule_set (result)));
  g_assert_cmpstr (json_object_get_string_member (ruleset, "sha256"), ==, sha);
}

/* -- input -------------------------------------------------------------------- */

static void
test_incomplete_record (void)
{
  g_autoptr(JsonNode) root = parse (
    "{\"records\": [{\"id\": \"r1\", \"kind\": \"administrative_penalty\", \"domain\": null,"
    " \"decision_date\": null, \"severity\": \"general\", \"penalties\": []}], \"materials\": []}");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCheckResult) result = NULL;
  const CrFinding *finding;
  GDate on;

  g_date_set_dmy (&on, 1, 6, 2024);
  result = cr_checker_check_json (rules, json_node_get_object (root), NULL, &on, CR_LANGUAGE_EN, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_check_result_get_record (result, 0)->status, ==, CR_RECORD_STATUS_UNKNOWN);
  g_assert_false (cr_check_result_get_ready (result));
  g_assert_cmpuint (count_rule (result, CR_CHECKER_RULE_INCOMPLETE), ==, 2);
  finding = find_finding (result, CR_CHECKER_RULE_INCOMPLETE, "r1");
  g_assert_cmpstr (finding->field, ==, "/records/0/domain");
  g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
  g_assert_null (finding->basis.title);
  /* No other rule ran on the record. */
  g_assert_null (find_finding (result, "R25-COMMITMENT", "r1"));
}

static void
test_invalid_case (void)
{
  const struct
  {
    const char *json;
    const char *pointer;
  } cases[] = {
    { "{\"records\": [{\"id\": \"r1\", \"decision_date\": \"2025-02-30\"}]}", "/records/0/decision_date" },
    { "{\"records\": [{\"id\": \"r1\", \"domain\": \"space\"}]}", "/records/0/domain" },
    { "{\"records\": [{\"id\": 1}]}", "/records/0/id" },
    { "{\"records\": [{\"id\": \"r1\", \"severity\": \"grave\"}]}", "/records/0/severity" },
    { "{\"records\": [{\"id\": \"r1\", \"penalties\": [{\"type\": \"fine\", \"amount\": 5000}]}]}", "/records/0/penalties/0/amount" },
    { "{\"records\": [{\"id\": \"r1\", \"penalties\": [{\"type\": \"fine\", \"amount\": \"1.234\"}]}]}", "/records/0/penalties/0/amount" },
    { "{\"records\": [{\"id\": \"r1\", \"penalties\": [{\"type\": \"caning\"}]}]}", "/records/0/penalties/0/type" },
    { "{\"records\": [{\"id\": \"r1\", \"performance\": {\"rectification_completed\": \"yes\"}}]}", "/records/0/performance/rectification_completed" },
    { "{\"records\": [{\"id\": \"r1\", \"rectification_ordered\": 1}]}", "/records/0/rectification_ordered" },
    { "{\"records\": [], \"materials\": [{\"slot\": 3}]}", "/materials/0/slot" },
    { "{\"records\": [], \"applicant\": {\"role\": \"friend\"}}", "/applicant/role" },
    { "{\"records\": {}}", "/records" },
    { "{}", "/records" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) root = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) result = NULL;
      GDate on;

      g_date_set_dmy (&on, 1, 6, 2024);
      result = cr_checker_check_json (rules, json_node_get_object (root), NULL, &on,
                                      CR_LANGUAGE_EN, &error);
      g_assert_null (result);
      g_assert_error (error, CR_CHECKER_ERROR, CR_CHECKER_ERROR_INVALID_CASE);
      if (!g_str_has_prefix (error->message, cases[i].pointer))
        g_error ("case %u: “%s” does not start with %s", i, error->message, cases[i].pointer);
    }
}

static void
test_check_case (void)
{
  Rec rec = { .severity = "general", .decision_date = "2024-01-10",
              .penalties = "[{\"type\": \"fine\", \"amount\": \"100\"}]",
              .performance = "{\"fine_paid_amount\": \"100\", \"fine_paid_date\": \"2024-01-11\"}" };
  g_autofree char *text = case_text (&rec, 1, NULL);
  g_autoptr(JsonNode) root = parse (text);
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) case_ = cr_case_load_from_data (text, -1, "/tmp", warnings, &error);
  g_autoptr(CrCheckResult) from_case = NULL;
  g_autoptr(CrCheckResult) from_json = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  GDate on;

  g_assert_no_error (error);
  g_date_set_dmy (&on, 1, 6, 2024);
  from_case = cr_checker_check_case (rules, case_, &on, CR_LANGUAGE_EN, &error);
  g_assert_no_error (error);
  from_json = cr_checker_check_json (rules, json_node_get_object (root), "/tmp", &on,
                                     CR_LANGUAGE_EN, &error);
  g_assert_no_error (error);

  a = cr_check_result_to_json (from_case, NULL);
  b = cr_check_result_to_json (from_json, NULL);
  g_assert_cmpstr (a, ==, b);
  g_assert_true (cr_check_result_get_ready (from_case));
  g_assert_nonnull (cr_check_result_lookup_record (from_case, "r1"));
  g_assert_null (cr_check_result_lookup_record (from_case, "r9"));
}

/* A case without records is not ready under any regime: there is nothing
 * to apply for. */
static void
test_no_records (void)
{
  const char *dates[] = { "2021-06-01", "2024-06-01", "2026-08-01" };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCheckResult) result = check_full (NULL, 0, "", dates[i], CR_LANGUAGE_EN, &error);
      const CrFinding *finding;

      g_assert_no_error (error);
      g_assert_false (cr_check_result_get_ready (result));
      finding = find_finding (result, "R09-NO-RECORD", NULL);
      g_assert_nonnull (finding);
      g_assert_cmpint (finding->severity, ==, CR_SEVERITY_ERROR);
      g_assert_nonnull (strstr (finding->message, "no penalty record"));
      g_assert_cmpuint (count_rule (result, "R10-ONE-RECORD"), ==, 0);
    }

  /* With a record, the finding is gone. */
  {
    Rec rec = { .severity = "general", .decision_date = "2021-01-10" };
    g_autoptr(CrCheckResult) result = check_record (&rec, "2024-06-01");

    g_assert_cmpuint (count_rule (result, "R09-NO-RECORD"), ==, 0);
  }
}

static void
test_status_strings (void)
{
  for (CrRecordStatus s = CR_RECORD_STATUS_WRONG_CHANNEL; s <= CR_RECORD_STATUS_ELIGIBLE; s++)
    {
      CrRecordStatus back;

      g_assert_true (cr_record_status_from_string (cr_record_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (cr_record_status_get_label (s));
    }
  g_assert_null (cr_record_status_to_string (CR_RECORD_STATUS_UNKNOWN));
  g_assert_nonnull (cr_record_status_get_label (CR_RECORD_STATUS_UNKNOWN));
}

static void
test_condition_enums (void)
{
  /* The condition language's enumerations are the case format's. */
  const char * const *domains = cr_condition_get_domains ();
  const char * const *types = cr_condition_get_penalty_types ();

  g_assert_cmpuint (g_strv_length ((char **) domains), ==, g_strv_length ((char **) cr_domain_get_all ()));
  for (guint i = 0; domains[i] != NULL; i++)
    g_assert_cmpstr (domains[i], ==, cr_domain_get_all ()[i]);
  g_assert_cmpuint (g_strv_length ((char **) types), ==, g_strv_length ((char **) cr_penalty_type_get_all ()));
  for (guint i = 0; types[i] != NULL; i++)
    g_assert_cmpstr (types[i], ==, cr_penalty_type_get_all ()[i]);
}

/* The sample cases shipped with the app give the verdicts the README and the
 * trainers rely on. */
static void
test_samples (void)
{
  const char *dir = g_getenv ("CREDIT_REPAIR_SAMPLES_DIR");
  const struct
  {
    const char *name;
    const char *on;
    gboolean    ready;
    const char *statuses;
  } samples[] = {
    { "wuxi-machinery.case", "2026-11-27", TRUE, "eligible" },
    { "wuxi-machinery.case", "2026-07-01", FALSE, "not_yet_eligible" },
    { "wuxi-chemical-serious.case", "2026-11-27", FALSE, "eligible,wrong_channel" },
    /* Decided 2025-12-18, food: Order 58 waits a year, Order 36 three
     * months, and publication ends after twelve. */
    { "suzhou-food.case", "2026-03-01", FALSE, "not_yet_eligible" },
    { "suzhou-food.case", "2026-11-27", TRUE, "eligible" },
    { "suzhou-food.case", "2026-12-18", FALSE, "expired" },
  };

  if (dir == NULL)
    {
      g_test_skip ("CREDIT_REPAIR_SAMPLES_DIR is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_build_filename (dir, samples[i].name, "case.json", NULL);
      g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CrCase) case_ = NULL;
      g_autoptr(CrCheckResult) result = NULL;
      g_autoptr(GPtrArray) statuses = g_ptr_array_new ();
      g_autofree char *joined = NULL;
      GDate on;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_test_message ("sample %s not found", path);
          continue;
        }
      case_ = cr_case_load_from_file (path, warnings, &error);
      g_assert_no_error (error);
      g_assert_true (cr_date_parse (samples[i].on, &on, NULL));
      result = cr_checker_check_case (rules, case_, &on, CR_LANGUAGE_EN, &error);
      g_assert_no_error (error);

      for (guint j = 0; j < cr_check_result_get_n_records (result); j++)
        g_ptr_array_add (statuses, (gpointer) cr_record_status_to_string (cr_check_result_get_record (result, j)->status));
      g_ptr_array_add (statuses, NULL);
      joined = g_strjoinv (",", (char **) statuses->pdata);
      g_test_message ("%s on %s: %s", samples[i].name, samples[i].on, joined);
      g_assert_cmpstr (joined, ==, samples[i].statuses);
      g_assert_cmpint (cr_check_result_get_ready (result), ==, samples[i].ready);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *dir;
  static const char * const files[] = {
    "cn-national-notice527.json", "cn-national-order58.json", "cn-national-order36.json",
  };
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_getenv ("CREDIT_REPAIR_RULES_DIR");
  g_assert_nonnull (dir);
  rules = cr_rule_set_collection_new ();
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autoptr(GError) error = NULL;

      cr_rule_set_collection_add_file (rules, path, CR_RULE_SET_SOURCE_INSTALLED, &error);
      g_assert_no_error (error);
    }

  g_test_add_func ("/checker/period-table", test_period_table);
  g_test_add_func ("/checker/month-end-clamping", test_month_end_clamping);
  g_test_add_func ("/checker/regime-boundaries", test_regime_boundaries);
  g_test_add_func ("/checker/status/expired", test_status_expired);
  g_test_add_func ("/checker/status/order", test_status_order);
  g_test_add_func ("/checker/status/class-required", test_class_required);
  g_test_add_func ("/checker/status/class-warnings", test_class_warnings);
  g_test_add_func ("/checker/required-slots", test_required_slots);
  g_test_add_func ("/checker/material-matching", test_material_matching);
  g_test_add_func ("/checker/performance/fine-paid", test_fine_paid);
  g_test_add_func ("/checker/performance/payment-date", test_payment_date);
  g_test_add_func ("/checker/performance/rectification", test_rectification);
  g_test_add_func ("/checker/honesty-rules", test_honesty_rules);
  g_test_add_func ("/checker/language", test_language);
  g_test_add_func ("/checker/determinism", test_determinism);
  g_test_add_func ("/checker/json-shape", test_json_shape);
  g_test_add_func ("/checker/json-writer", test_json_writer);
  g_test_add_func ("/checker/incomplete-record", test_incomplete_record);
  g_test_add_func ("/checker/invalid-case", test_invalid_case);
  g_test_add_func ("/checker/check-case", test_check_case);
  g_test_add_func ("/checker/no-records", test_no_records);
  g_test_add_func ("/checker/status-strings", test_status_strings);
  g_test_add_func ("/checker/condition-enums", test_condition_enums);
  g_test_add_func ("/checker/samples", test_samples);

  status = g_test_run ();
  g_clear_object (&rules);
  return status;
}
