/* test-rule-set.c: loading rule sets, the loader's errors, overlays, lookup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cr-checker.h"
#include "cr-date.h"
#include "cr-rule-set.h"
#include "cr-test-util.h"

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "checker", name, NULL);
}

static char *
rules_dir (void)
{
  return g_build_filename (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"), "data", "rules", NULL);
}

static JsonNode *
parse_mutable (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_ref (json_parser_get_root (parser));
}

static JsonNode *
load_base_node (void)
{
  g_autofree char *path = fixture_path ("base.json");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return parse_mutable (text);
}

/* Sets the member at @pointer to the JSON @value, or removes it when @value
 * is NULL. Only object members are patched. */
static void
patch (JsonNode   *root,
       const char *pointer,
       const char *value)
{
  g_auto(GStrv) parts = g_strsplit (pointer + 1, "/", -1);
  guint n = g_strv_length (parts);
  JsonNode *node = root;
  JsonObject *parent;

  for (guint i = 0; i + 1 < n; i++)
    {
      if (JSON_NODE_HOLDS_ARRAY (node))
        node = json_array_get_element (json_node_get_array (node), atoi (parts[i]));
      else
        node = json_object_get_member (json_node_get_object (node), parts[i]);
      g_assert_nonnull (node);
    }

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  parent = json_node_get_object (node);
  if (value == NULL)
    json_object_remove_member (parent, parts[n - 1]);
  else
    json_object_set_member (parent, parts[n - 1], parse_mutable (value));
}

static CrRuleSet *
load_text (const char           *text,
           const char           *origin,
           CrRuleSetCollection  *bases,
           GError              **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return cr_rule_set_new_from_bytes (bytes, origin, CR_RULE_SET_SOURCE_FILE, bases, error);
}

static CrRuleSet *
load_node (JsonNode             *root,
           CrRuleSetCollection  *bases,
           GError              **error)
{
  g_autofree char *text = json_to_string (root, TRUE);

  return load_text (text, "broken.json", bases, error);
}

static CrRuleSet *
load_base (void)
{
  g_autoptr(JsonNode) root = load_base_node ();
  g_autoptr(GError) error = NULL;
  CrRuleSet *rule_set = load_node (root, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rule_set);
  return rule_set;
}

static void
test_base_fixture (void)
{
  g_autoptr(CrRuleSet) rule_set = load_base ();
  const CrSlotDef *slot;
  const CrRule *rule;
  GDate date;

  g_assert_cmpstr (cr_rule_set_get_id (rule_set), ==, "test-base");
  g_assert_cmpstr (cr_rule_set_get_version (rule_set), ==, "1");
  g_assert_cmpstr (cr_rule_set_get_regime (rule_set), ==, "testregime");
  g_assert_cmpstr (cr_rule_set_get_jurisdiction (rule_set), ==, "CN");
  g_assert_null (cr_rule_set_get_extends (rule_set));
  g_assert_cmpstr (cr_rule_set_get_title (rule_set, CR_LANGUAGE_ZH_CN), ==, "测试规则");
  g_assert_cmpstr (cr_rule_set_get_class_name (rule_set, "serious", CR_LANGUAGE_ZH_CN), ==, "严重失信");
  g_assert_null (cr_rule_set_get_class_name (rule_set, "unheard_of", CR_LANGUAGE_EN));
  g_assert_cmpuint (strlen (cr_rule_set_get_sha256 (rule_set)), ==, 64);

  g_date_set_dmy (&date, 31, 12, 2019);
  g_assert_false (cr_rule_set_covers (rule_set, &date));
  g_date_set_dmy (&date, 1, 1, 2020);
  g_assert_true (cr_rule_set_covers (rule_set, &date));
  g_date_set_dmy (&date, 31, 12, 2020);
  g_assert_true (cr_rule_set_covers (rule_set, &date));
  g_date_set_dmy (&date, 1, 1, 2021);
  g_assert_false (cr_rule_set_covers (rule_set, &date));

  g_assert_cmpuint (cr_rule_set_get_n_slots (rule_set), ==, 2);
  slot = cr_rule_set_lookup_slot (rule_set, "identity_proof");
  g_assert_nonnull (slot);
  g_assert_true (slot->case_wide);
  g_assert_cmpstr (slot->name[CR_LANGUAGE_EN], ==, "identity proof");
  g_assert_cmpstr (slot->formats[1], ==, "png");
  g_assert_true (slot->formats_verified);
  g_assert_false (slot->max_bytes.known);
  g_assert_true (slot->max_pages.known);
  g_assert_cmpint (slot->max_pages.value, ==, 3);
  slot = cr_rule_set_lookup_slot (rule_set, "commitment");
  g_assert_false (slot->case_wide);
  g_assert_true (slot->min_dpi.verified);
  g_assert_cmpint (slot->min_dpi.value, ==, 150);

  g_assert_cmpuint (cr_rule_set_get_n_rules (rule_set), ==, 4);
  rule = cr_rule_set_lookup_rule (rule_set, "R2");
  g_assert_cmpstr (rule->requires_slot, ==, "commitment");
  g_assert_cmpint (rule->severity, ==, CR_SEVERITY_ERROR);
  g_assert_cmpint (rule->scope, ==, CR_SCOPE_RECORD);
  g_assert_cmpstr (rule->basis.url, ==, "https://example.org/basis");
  rule = cr_rule_set_get_rule (rule_set, 2);
  g_assert_cmpstr (rule->id, ==, "R3");
  g_assert_false (rule->verified);
  g_assert_cmpstr (rule->field, ==, "/records/*/decision_date");
}

typedef struct
{
  const char *pointer;
  const char *value;     /* NULL: remove the member */
  int         code;
  const char *expect[2]; /* substrings of the message */
} Breakage;

static const Breakage breakages[] = {
  { "/format", "\"org.example.Other\"", CR_RULE_SET_ERROR_INVALID, { "broken.json: /format", NULL } },
  { "/format_version", "2", CR_RULE_SET_ERROR_INVALID, { "/format_version", "version 1" } },
  { "/colour", "1", CR_RULE_SET_ERROR_INVALID, { "/colour", "unknown key" } },
  { "/rules", NULL, CR_RULE_SET_ERROR_INVALID, { "/rules", "missing" } },
  { "/id", "\"Bad Id\"", CR_RULE_SET_ERROR_INVALID, { "/id", "Bad Id" } },
  { "/valid_from", "\"2020-02-30\"", CR_RULE_SET_ERROR_INVALID, { "/valid_from", "2020-02-30" } },
  { "/valid_until", "\"2019-12-31\"", CR_RULE_SET_ERROR_INVALID, { "/valid_until", "ends before" } },
  { "/class_names/minor", NULL, CR_RULE_SET_ERROR_INVALID, { "/class_names/minor", "missing" } },
  { "/bases/b/url", "\"example.org\"", CR_RULE_SET_ERROR_INVALID, { "/bases/b/url", "http" } },
  { "/extends", "\"nowhere\"", CR_RULE_SET_ERROR_BASE_NOT_FOUND, { "/extends", "nowhere" } },
  /* Rules: each message names the rule and the JSON pointer of the field. */
  { "/rules/1/severity", "\"fatal\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/severity" } },
  { "/rules/1/confidence", "\"maybe\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/confidence" } },
  { "/rules/2/severity", "\"error\"", CR_RULE_SET_ERROR_INVALID, { "rule “R3”, /rules/2/severity", "unverified" } },
  { "/rules/1/colour", "\"red\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/colour" } },
  { "/rules/3/id", "\"R2\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/3/id" } },
  { "/rules/1/message/zh_CN", NULL, CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/message/zh_CN" } },
  { "/rules/1/message/en", "\"Record {recrod}\"", CR_RULE_SET_ERROR_INVALID, { "/rules/1/message/en", "{recrod}" } },
  { "/rules/0/message/zh_CN", "\"记录 {record}\"", CR_RULE_SET_ERROR_INVALID, { "rule “R1”", "/rules/0/message/zh_CN" } },
  { "/rules/3/message/en", "\"The {slot}\"", CR_RULE_SET_ERROR_INVALID, { "rule “R4”", "/rules/3/message/en" } },
  { "/rules/1/fix/en", "\"Unclosed {record\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/fix/en" } },
  { "/rules/1/basis", "\"nope\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/basis" } },
  { "/rules/1/basis", NULL, CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/basis" } },
  { "/rules/1/requires_slot", "\"receipt\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/requires_slot" } },
  { "/rules/0/requires_slot", "\"commitment\"", CR_RULE_SET_ERROR_INVALID, { "rule “R1”", "/rules/0/scope" } },
  { "/rules/0/field", "\"/records/*/kind\"", CR_RULE_SET_ERROR_INVALID, { "rule “R1”", "/rules/0/field" } },
  { "/rules/1/field", "\"records/0\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/field" } },
  { "/rules/1/disabled", "true", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "only an overlay" } },
  { "/rules/1/scope", "\"company\"", CR_RULE_SET_ERROR_INVALID, { "rule “R2”", "/rules/1/scope" } },
  /* Conditions. */
  { "/rules/1/when", "{\"eq\": [\"$record.fine\", \"x\"]}", CR_RULE_SET_ERROR_INVALID,
    { "rule “R2”, /rules/1/when/eq/0", "unknown variable “$record.fine”" } },
  { "/rules/1/when", "{\"equals\": [1, 2]}", CR_RULE_SET_ERROR_INVALID,
    { "rule “R2”, /rules/1/when", "unknown operator “equals”" } },
  { "/rules/1/when", "{\"all\": [true], \"any\": [true]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when", "exactly one" } },
  { "/rules/1/when", "\"yes\"", CR_RULE_SET_ERROR_INVALID, { "/rules/1/when", "expected a condition" } },
  { "/rules/1/when", "{\"all\": []}", CR_RULE_SET_ERROR_INVALID, { "/rules/1/when/all", "non-empty" } },
  { "/rules/1/when", "{\"all\": [true, {\"not\": {\"lt\": [\"$on\", \"soon\"]}}]}", CR_RULE_SET_ERROR_INVALID,
    { "rule “R2”, /rules/1/when/all/1/not/lt/1", "date" } },
  { "/rules/1/when", "{\"eq\": [\"$record.domain\", \"fod\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/eq/1", "“fod”" } },
  { "/rules/1/when", "{\"in\": [\"$record.severity\", [\"general\", \"grave\"]]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/in/1/1", "“grave”" } },
  { "/rules/1/when", "{\"eq\": [\"$record.rectification_ordered\", \"yes\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/eq/1", "true or false" } },
  { "/rules/1/when", "{\"lt\": [\"$record.performance.fine_paid_amount\", \"12.345\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/lt/1", "money" } },
  { "/rules/1/when", "{\"gt\": [\"$case.record_count\", \"1\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/gt/1", "integer" } },
  { "/rules/1/when", "{\"eq\": [\"x\", \"y\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/eq", "variable" } },
  { "/rules/1/when", "{\"eq\": [\"$record.decision_date\", \"$record.fine_total\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/eq", "cannot compare" } },
  { "/rules/1/when", "{\"lt\": [\"$record.kind\", \"other\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/lt", "no order" } },
  { "/rules/1/when", "{\"lt\": [\"$record.publication_date\", null]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/lt/1", "null" } },
  { "/rules/1/when", "{\"eq\": [\"$record.decision_date\", null]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/eq/1", "never null" } },
  { "/rules/1/when", "{\"is_null\": \"$record.decision_date\"}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/is_null", "never null" } },
  { "/rules/1/when", "{\"ref\": \"later\"}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/ref", "“later”" } },
  { "/rules/1/when", "{\"missing_slot\": \"receipt\"}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/missing_slot", "“receipt”" } },
  { "/rules/1/when", "{\"has_penalty\": [\"fine\", \"flogging\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/rules/1/when/has_penalty/1", "“flogging”" } },
  { "/rules/0/when", "{\"eq\": [\"$record.kind\", \"other\"]}", CR_RULE_SET_ERROR_INVALID,
    { "rule “R1”, /rules/0/when/eq/0", "case-wide" } },
  { "/rules/0/when", "{\"has_penalty\": [\"fine\"]}", CR_RULE_SET_ERROR_INVALID,
    { "rule “R1”, /rules/0/when/has_penalty", "case-wide" } },
  { "/definitions/needs_application", "{\"ref\": \"needs_application\"}", CR_RULE_SET_ERROR_INVALID,
    { "definition “needs_application”", "/definitions/needs_application/ref" } },
  /* Periods and statuses may only use what is known when they are evaluated. */
  { "/periods/0/when", "{\"eq\": [\"$record.status\", \"eligible\"]}", CR_RULE_SET_ERROR_INVALID,
    { "period “general”, /periods/0/when/eq/0", "status" } },
  { "/periods/0/when", "{\"lt\": [\"$on\", \"$record.display_end_date\"]}", CR_RULE_SET_ERROR_INVALID,
    { "period “general”, /periods/0/when/lt/1", "period" } },
  { "/statuses/0/when", "{\"eq\": [\"$record.status\", \"expired\"]}", CR_RULE_SET_ERROR_INVALID,
    { "/statuses/0/when/eq/0", "status" } },
  { "/periods/0/earliest", "\"soon\"", CR_RULE_SET_ERROR_INVALID, { "period “general”", "/periods/0/earliest" } },
  { "/periods/0/display_end", "-1", CR_RULE_SET_ERROR_INVALID, { "period “general”", "/periods/0/display_end" } },
  { "/periods/0/display_end", "3.5", CR_RULE_SET_ERROR_INVALID, { "period “general”", "/periods/0/display_end" } },
  { "/periods/0/display_end", "\"never\"", CR_RULE_SET_ERROR_INVALID, { "period “general”", "/periods/0/display_end" } },
  { "/periods/0/start", "\"payment_date\"", CR_RULE_SET_ERROR_INVALID, { "period “general”", "/periods/0/start" } },
  { "/statuses/0/status", "\"gone\"", CR_RULE_SET_ERROR_INVALID, { "/statuses/0/status", "“gone”" } },
  { "/statuses/1/status", "\"expired\"", CR_RULE_SET_ERROR_INVALID, { "/statuses/1/status", "twice" } },
  { "/slots/0/formats/value", "[]", CR_RULE_SET_ERROR_INVALID, { "slot “commitment”", "/slots/0/formats/value" } },
  { "/slots/0/formats/value", "[\"PDF\"]", CR_RULE_SET_ERROR_INVALID, { "slot “commitment”", "/slots/0/formats/value/0" } },
  { "/slots/0/max_bytes/verified", NULL, CR_RULE_SET_ERROR_INVALID, { "slot “commitment”", "/slots/0/max_bytes/verified" } },
  { "/slots/1/max_pages/value", "0", CR_RULE_SET_ERROR_INVALID, { "slot “identity_proof”", "/slots/1/max_pages/value" } },
  { "/slots/1/scope", "\"company\"", CR_RULE_SET_ERROR_INVALID, { "slot “identity_proof”", "/slots/1/scope" } },
};

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      const Breakage *b = &breakages[i];
      g_autoptr(JsonNode) root = load_base_node ();
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRuleSet) rule_set = NULL;

      patch (root, b->pointer, b->value);
      rule_set = load_node (root, NULL, &error);
      if (rule_set != NULL || !g_error_matches (error, CR_RULE_SET_ERROR, b->code))
        g_error ("breakage %u (%s = %s) was not refused as expected: %s", i, b->pointer,
                 b->value ? b->value : "(removed)", error ? error->message : "loaded");
      g_assert_true (g_str_has_prefix (error->message, "broken.json: "));
      for (guint j = 0; j < G_N_ELEMENTS (b->expect) && b->expect[j] != NULL; j++)
        {
          if (strstr (error->message, b->expect[j]) == NULL)
            g_error ("breakage %u: “%s” not in “%s”", i, b->expect[j], error->message);
        }
    }
}

static void
test_not_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(CrRuleSet) rule_set = NULL;
  g_autoptr(CrRuleSet) rule_set2 = NULL;
  g_autoptr(CrRuleSet) rule_set3 = NULL;
  g_autoptr(GError) error3 = NULL;

  rule_set = load_text ("{\"format\": ", "cut.json", NULL, &error);
  g_assert_null (rule_set);
  g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "cut.json: "));

  rule_set2 = load_text ("[1, 2]", "array.json", NULL, &error2);
  g_assert_null (rule_set2);
  g_assert_error (error2, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID);

  rule_set3 = cr_rule_set_new_from_file ("/nonexistent/rules.json", CR_RULE_SET_SOURCE_FILE,
                                         NULL, &error3);
  g_assert_null (rule_set3);
  g_assert_error (error3, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_PARSE);

  /* Cut off anywhere, in the middle of a character too: json-glib quotes
   * the broken text, the message stays valid UTF-8 for the window. */
  {
    static const char text[] = "{\"title\": {\"zh_CN\": \"申请时可不附这些材料\"}}";

    for (gsize cut = 1; cut < sizeof text - 1; cut++)
      {
        g_autoptr(GBytes) bytes = g_bytes_new_static (text, cut);
        g_autoptr(GError) error4 = NULL;
        g_autoptr(CrRuleSet) rule_set4 = cr_rule_set_new_from_bytes (bytes, "cut.json",
                                                                     CR_RULE_SET_SOURCE_FILE,
                                                                     NULL, &error4);

        g_assert_null (rule_set4);
        g_assert_nonnull (error4);
        g_assert_true (g_utf8_validate (error4->message, -1, NULL));
        g_assert_true (g_str_has_prefix (error4->message, "cut.json: "));
      }
  }
}

/* -- overlays ------------------------------------------------------------- */

static CrRuleSetCollection *
base_collection (void)
{
  CrRuleSetCollection *collection = cr_rule_set_collection_new ();
  g_autoptr(CrRuleSet) base = load_base ();

  cr_rule_set_collection_add (collection, base);
  return collection;
}

static char *
overlay_text (const char *id,
              const char *extends,
              const char *sections)
{
  return g_strdup_printf ("{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1,"
                          " \"id\": \"%s\", \"version\": \"1\", \"extends\": \"%s\","
                          " \"jurisdiction\": \"CN-JS\", \"valid_from\": \"2020-03-01\","
                          " \"valid_until\": \"2020-12-31\","
                          " \"title\": {\"en\": \"Overlay\", \"zh_CN\": \"叠加规则\"}%s%s}",
                          id, extends, sections[0] ? ", " : "", sections);
}

static CrRuleSet *
load_overlay (CrRuleSetCollection  *bases,
              const char           *sections,
              GError              **error)
{
  g_autofree char *text = overlay_text ("test-overlay", "test-base", sections);

  return load_text (text, "overlay.json", bases, error);
}

#define NEW_RULE(id, severity, extra) \
  "{\"id\": \"" id "\", \"scope\": \"record\", \"severity\": \"" severity "\"," \
  " \"confidence\": \"verified\", \"when\": true" extra "," \
  " \"message\": {\"en\": \"Added {record}\", \"zh_CN\": \"新增 {record}\"}," \
  " \"fix\": {\"en\": \"Fix\", \"zh_CN\": \"修正\"}, \"basis\": \"js\"}"

#define JS_BASES "\"bases\": {\"js\": {\"title\": \"Jiangsu rules\", \"article\": null," \
                 " \"url\": \"https://example.org/js\"}}"

static void
test_overlay_add (void)
{
  g_autoptr(CrRuleSetCollection) bases = base_collection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) overlay = NULL;
  CrRuleSet *base = cr_rule_set_collection_lookup (bases, "test-base");
  const CrRule *rule;

  overlay = load_overlay (bases, JS_BASES ", \"rules\": [" NEW_RULE ("JS-1", "warning", "") "]",
                          &error);
  g_assert_no_error (error);

  g_assert_cmpstr (cr_rule_set_get_id (overlay), ==, "test-overlay");
  g_assert_cmpstr (cr_rule_set_get_extends (overlay), ==, "test-base");
  g_assert_true (cr_rule_set_get_base (overlay) == base);
  g_assert_cmpstr (cr_rule_set_get_regime (overlay), ==, "testregime");
  g_assert_cmpstr (cr_rule_set_get_jurisdiction (overlay), ==, "CN-JS");
  g_assert_cmpuint (cr_rule_set_get_n_rules (overlay), ==, 5);
  rule = cr_rule_set_get_rule (overlay, 4);
  g_assert_cmpstr (rule->id, ==, "JS-1");
  g_assert_cmpstr (rule->basis.title, ==, "Jiangsu rules");
  g_assert_null (rule->basis.article);
  /* The base's rules and slots come along; the base itself is unchanged. */
  g_assert_nonnull (cr_rule_set_lookup_rule (overlay, "R2"));
  g_assert_cmpuint (cr_rule_set_get_n_slots (overlay), ==, 2);
  g_assert_null (cr_rule_set_lookup_rule (base, "JS-1"));
  g_assert_cmpuint (cr_rule_set_get_n_rules (base), ==, 4);
}

static void
test_overlay_tighten (void)
{
  g_autoptr(CrRuleSetCollection) bases = base_collection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) overlay = NULL;
  const CrRule *rule;

  overlay = load_overlay (bases,
                          JS_BASES ","
                          " \"periods\": [{\"id\": \"general\", \"earliest\": 6, \"display_end\": 24}],"
                          " \"rules\": ["
                          "   {\"id\": \"R1\", \"severity\": \"warning\"},"
                          "   {\"id\": \"R3\", \"severity\": \"error\", \"confidence\": \"verified\"},"
                          "   " NEW_RULE ("JS-ID", "error", ", \"requires_slot\": \"identity_proof\"")
                          " ]", &error);
  g_assert_no_error (error);

  rule = cr_rule_set_lookup_rule (overlay, "R1");
  g_assert_cmpint (rule->severity, ==, CR_SEVERITY_WARNING);
  rule = cr_rule_set_lookup_rule (overlay, "R3");
  g_assert_cmpint (rule->severity, ==, CR_SEVERITY_ERROR);
  g_assert_true (rule->verified);
  /* Unchanged fields are kept. */
  g_assert_cmpstr (rule->field, ==, "/records/*/decision_date");
  rule = cr_rule_set_lookup_rule (overlay, "JS-ID");
  g_assert_cmpstr (rule->requires_slot, ==, "identity_proof");

  /* The longer period and the new slot show in a check. */
  {
    g_autoptr(JsonNode) root = parse_mutable (
      "{\"records\": [{\"id\": \"r1\", \"kind\": \"administrative_penalty\","
      " \"decision_number\": \"X\", \"domain\": \"other\", \"decision_date\": \"2020-01-31\","
      " \"severity\": \"general\", \"penalties\": [{\"type\": \"warning\"}]}],"
      " \"materials\": [{\"slot\": \"commitment\", \"record\": \"r1\"}]}");
    g_autoptr(CrCheckResult) result = NULL;
    const CrCheckRecord *record;
    g_autofree char *earliest = NULL;
    g_autofree char *end = NULL;
    GDate on;

    g_date_set_dmy (&on, 1, 9, 2020);
    result = cr_checker_check_json_with_rule_set (overlay, json_node_get_object (root), NULL, &on,
                                                  CR_LANGUAGE_EN, &error);
    g_assert_no_error (error);
    record = cr_check_result_get_record (result, 0);
    earliest = cr_date_format (&record->earliest_application_date);
    end = cr_date_format (&record->display_end_date);
    g_assert_cmpstr (earliest, ==, "2020-07-31");
    g_assert_cmpstr (end, ==, "2022-01-31");
    g_assert_cmpstr (record->required_slots[0], ==, "commitment");
    g_assert_cmpstr (record->required_slots[1], ==, "identity_proof");
    g_assert_null (record->required_slots[2]);
    g_assert_cmpstr (record->missing_slots[0], ==, "identity_proof");
    g_assert_false (cr_check_result_get_ready (result));
  }
}

static void
test_overlay_disable (void)
{
  g_autoptr(CrRuleSetCollection) bases = base_collection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) overlay = NULL;

  /* A warning may simply be disabled; an error only with a replacement. */
  overlay = load_overlay (bases,
                          JS_BASES ", \"rules\": ["
                          "   {\"id\": \"R3\", \"disabled\": true},"
                          "   {\"id\": \"R4\", \"disabled\": true, \"replaced_by\": \"JS-4\"},"
                          "   {\"id\": \"R2\", \"disabled\": true, \"replaced_by\": \"JS-2\"},"
                          "   " NEW_RULE ("JS-4", "error", "") ","
                          "   " NEW_RULE ("JS-2", "error", ", \"requires_slot\": \"commitment\"")
                          " ]", &error);
  g_assert_no_error (error);
  g_assert_true (cr_rule_set_lookup_rule (overlay, "R3")->disabled);
  g_assert_true (cr_rule_set_lookup_rule (overlay, "R4")->disabled);
  g_assert_true (cr_rule_set_lookup_rule (overlay, "R2")->disabled);
  g_assert_false (cr_rule_set_lookup_rule (overlay, "JS-4")->disabled);
}

typedef struct
{
  const char *sections;
  int         code;
  const char *expect[2];
} Loosening;

static const Loosening loosenings[] = {
  { "\"rules\": [{\"id\": \"R4\", \"severity\": \"warning\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R4”, /rules/0/severity", "error → warning" } },
  { "\"rules\": [{\"id\": \"R3\", \"severity\": \"info\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R3”, /rules/0/severity", "warning → info" } },
  { "\"rules\": [{\"id\": \"R4\", \"disabled\": true}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R4”, /rules/0/disabled", "replacement" } },
  { "\"rules\": [{\"id\": \"R4\", \"disabled\": true, \"replaced_by\": \"R3\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R4”, /rules/0/disabled", "“R3”" } },
  { "\"rules\": [{\"id\": \"R4\", \"disabled\": true, \"replaced_by\": \"R4\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R4”", "/rules/0/disabled" } },
  { "\"rules\": [{\"id\": \"R4\", \"when\": false}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R4”, /rules/0/when", "condition" } },
  { "\"rules\": [{\"id\": \"R2\", \"disabled\": true}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R2”, /rules/0/disabled", "required slot “commitment”" } },
  { "\"rules\": [{\"id\": \"R2\", \"requires_slot\": null}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R2”, /rules/0/requires_slot", "required slot “commitment”" } },
  { "\"rules\": [{\"id\": \"R2\", \"requires_slot\": \"identity_proof\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R2”, /rules/0/requires_slot", "“commitment”" } },
  { JS_BASES ", \"rules\": [{\"id\": \"R2\", \"disabled\": true, \"replaced_by\": \"JS-2\"}, "
    NEW_RULE ("JS-2", "error", ", \"requires_slot\": \"identity_proof\"") "]", CR_RULE_SET_ERROR_LOOSENS,
    { "rule “R2”, /rules/0/disabled", "does not require it" } },
  { "\"periods\": [{\"id\": \"general\", \"earliest\": 2}]", CR_RULE_SET_ERROR_LOOSENS,
    { "period “general”, /periods/0/earliest", "3 → 2" } },
  { "\"periods\": [{\"id\": \"general\", \"earliest\": \"not_published\"}]", CR_RULE_SET_ERROR_LOOSENS,
    { "period “general”, /periods/0/earliest", "not_published" } },
  { "\"periods\": [{\"id\": \"general\", \"display_end\": 11}]", CR_RULE_SET_ERROR_LOOSENS,
    { "period “general”, /periods/0/display_end", "12 → 11" } },
  { "\"periods\": [{\"id\": \"general\", \"when\": true}]", CR_RULE_SET_ERROR_LOOSENS,
    { "period “general”, /periods/0/when", NULL } },
  /* Not loosening, but still refused. */
  { "\"rules\": [{\"id\": \"R3\", \"severity\": \"error\"}]", CR_RULE_SET_ERROR_INVALID,
    { "rule “R3”, /rules/0/severity", "unverified" } },
  { "\"rules\": [{\"id\": \"R9\", \"severity\": \"error\"}]", CR_RULE_SET_ERROR_INVALID,
    { "rule “R9”", "missing" } },
  { "\"rules\": [{\"id\": \"R9\", \"disabled\": true}]", CR_RULE_SET_ERROR_INVALID,
    { "rule “R9”", "no rule" } },
  { "\"rules\": [{\"id\": \"R1\", \"scope\": \"record\"}]", CR_RULE_SET_ERROR_INVALID,
    { "rule “R1”, /rules/0/scope", NULL } },
  { JS_BASES ", \"rules\": [" NEW_RULE ("JS-1", "info", "") ", " NEW_RULE ("JS-1", "info", "") "]",
    CR_RULE_SET_ERROR_INVALID, { "rule “JS-1”, /rules/1/id", "twice" } },
  { "\"statuses\": []", CR_RULE_SET_ERROR_INVALID, { "overlay.json: /statuses", NULL } },
  { "\"class_names\": {}", CR_RULE_SET_ERROR_INVALID, { "overlay.json: /class_names", NULL } },
  { "\"definitions\": {\"needs_application\": true}", CR_RULE_SET_ERROR_INVALID,
    { "/definitions/needs_application", "already" } },
  { "\"bases\": {\"b\": {\"title\": \"T\", \"article\": null, \"url\": \"https://e.org\"}}",
    CR_RULE_SET_ERROR_INVALID, { "/bases/b", "already" } },
  { "\"regime\": \"other\"", CR_RULE_SET_ERROR_INVALID, { "overlay.json: /regime", NULL } },
};

static void
test_overlay_loosen_rejected (void)
{
  g_autoptr(CrRuleSetCollection) bases = base_collection ();

  for (guint i = 0; i < G_N_ELEMENTS (loosenings); i++)
    {
      const Loosening *l = &loosenings[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRuleSet) overlay = load_overlay (bases, l->sections, &error);

      if (overlay != NULL || !g_error_matches (error, CR_RULE_SET_ERROR, l->code))
        g_error ("loosening %u (%s) was not refused as expected: %s", i, l->sections,
                 error ? error->message : "loaded");
      for (guint j = 0; j < G_N_ELEMENTS (l->expect) && l->expect[j] != NULL; j++)
        {
          if (strstr (error->message, l->expect[j]) == NULL)
            g_error ("loosening %u: “%s” not in “%s”", i, l->expect[j], error->message);
        }
    }
}

static void
test_overlay_validity (void)
{
  g_autoptr(CrRuleSetCollection) bases = base_collection ();
  struct
  {
    const char *from;
    const char *until;
    const char *pointer;
  } windows[] = {
    { "\"2019-12-31\"", "\"2020-12-31\"", "/valid_from" },
    { "\"2020-01-01\"", "\"2021-01-01\"", "/valid_until" },
    { "\"2020-01-01\"", "null", "/valid_until" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (windows); i++)
    {
      g_autofree char *text = g_strdup_printf (
        "{\"format\": \"org.example.CreditRepair.rules\", \"format_version\": 1, \"id\": \"o\","
        " \"version\": \"1\", \"extends\": \"test-base\", \"jurisdiction\": \"CN\","
        " \"valid_from\": %s, \"valid_until\": %s, \"title\": {\"en\": \"O\", \"zh_CN\": \"O\"}}",
        windows[i].from, windows[i].until);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRuleSet) overlay = load_text (text, "window.json", bases, &error);

      g_assert_null (overlay);
      g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, windows[i].pointer));
    }

  /* Its own id, and a base that is loaded. */
  {
    g_autofree char *same = overlay_text ("test-base", "test-base", "");
    g_autofree char *orphan = overlay_text ("o", "test-missing", "");
    g_autoptr(GError) error = NULL;
    g_autoptr(GError) error2 = NULL;
    g_autoptr(CrRuleSet) o1 = load_text (same, "same.json", bases, &error);
    g_autoptr(CrRuleSet) o2 = load_text (orphan, "orphan.json", bases, &error2);

    g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "/id"));
    g_assert_error (error2, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_BASE_NOT_FOUND);
    g_assert_nonnull (strstr (error2->message, "test-missing"));
  }
}

static void
test_overlay_chain (void)
{
  g_autoptr(CrRuleSetCollection) collection = base_collection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) first = load_overlay (collection,
                                             "\"periods\": [{\"id\": \"general\", \"earliest\": 6}]",
                                             &error);
  g_autofree char *ok_text = overlay_text ("test-overlay-2", "test-overlay",
                                           "\"periods\": [{\"id\": \"general\", \"earliest\": 9}]");
  g_autofree char *bad_text = overlay_text ("test-overlay-2", "test-overlay",
                                            "\"periods\": [{\"id\": \"general\", \"earliest\": 5}]");
  g_autoptr(CrRuleSet) second = NULL;
  g_autoptr(CrRuleSet) bad = NULL;

  g_assert_no_error (error);
  cr_rule_set_collection_add (collection, first);

  second = load_text (ok_text, "second.json", collection, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_rule_set_get_regime (second), ==, "testregime");
  g_assert_true (cr_rule_set_get_base (cr_rule_set_get_base (second)) ==
                 cr_rule_set_collection_lookup (collection, "test-base"));

  /* 5 is longer than the base's 3 but shorter than the first overlay's 6. */
  bad = load_text (bad_text, "bad.json", collection, &error);
  g_assert_null (bad);
  g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_LOOSENS);
  g_assert_nonnull (strstr (error->message, "6 → 5"));
}

static void
test_collection_jurisdiction (void)
{
  g_autoptr(CrRuleSetCollection) collection = base_collection ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) overlay = load_overlay (collection, "", &error);
  g_autoptr(CrRuleSet) national = NULL;
  g_autoptr(CrRuleSet) jiangsu = NULL;
  g_autoptr(CrRuleSet) none = NULL;
  GDate on;

  g_assert_no_error (error);
  cr_rule_set_collection_add (collection, overlay);
  g_assert_cmpuint (cr_rule_set_collection_get_n_rule_sets (collection), ==, 2);

  g_date_set_dmy (&on, 1, 6, 2020);
  g_assert_cmpstr (cr_rule_set_collection_get_jurisdiction (collection), ==, "CN");
  national = cr_rule_set_collection_select (collection, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_rule_set_get_id (national), ==, "test-base");

  cr_rule_set_collection_set_jurisdiction (collection, "CN-JS");
  jiangsu = cr_rule_set_collection_select (collection, &on, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_rule_set_get_id (jiangsu), ==, "test-overlay");

  /* The overlay starts on 2020-03-01. */
  g_date_set_dmy (&on, 1, 2, 2020);
  none = cr_rule_set_collection_select (collection, &on, &error);
  g_assert_null (none);
  g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2020-03-01"));
}

/* -- the bundled rule sets ----------------------------------------------- */

static const struct
{
  const char *id;
  const char *regime;
  const char *version;
  const char *from;
  const char *until;
} bundled[] = {
  { "cn-national-notice527", "notice527", "2019.2", "2019-07-01", "2023-04-30" },
  { "cn-national-order58", "order58", "2023.2", "2023-05-01", "2026-03-31" },
  { "cn-national-order36", "order36", "2026.2", "2026-04-01", NULL },
};

static void
test_bundled (void)
{
  g_autofree char *dir = rules_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (bundled); i++)
    {
      g_autofree char *name = g_strconcat (bundled[i].id, ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRuleSet) rule_set = cr_rule_set_new_from_file (path, CR_RULE_SET_SOURCE_FILE,
                                                                 NULL, &error);
      g_autofree char *from = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *sha = NULL;
      gsize length;
      guint n_unverified = 0;

      g_assert_no_error (error);
      g_assert_cmpstr (cr_rule_set_get_id (rule_set), ==, bundled[i].id);
      g_assert_cmpstr (cr_rule_set_get_regime (rule_set), ==, bundled[i].regime);
      g_assert_cmpstr (cr_rule_set_get_version (rule_set), ==, bundled[i].version);
      g_assert_cmpstr (cr_rule_set_get_jurisdiction (rule_set), ==, "CN");
      from = cr_date_format (cr_rule_set_get_valid_from (rule_set));
      g_assert_cmpstr (from, ==, bundled[i].from);
      if (bundled[i].until == NULL)
        g_assert_null (cr_rule_set_get_valid_until (rule_set));
      else
        {
          g_autofree char *until = cr_date_format (cr_rule_set_get_valid_until (rule_set));
          g_assert_cmpstr (until, ==, bundled[i].until);
        }

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_assert_cmpstr (cr_rule_set_get_sha256 (rule_set), ==, sha);

      /* Every rule has a legal basis with a source, and an unverified rule
       * is never an error. */
      for (guint j = 0; j < cr_rule_set_get_n_rules (rule_set); j++)
        {
          const CrRule *rule = cr_rule_set_get_rule (rule_set, j);

          g_assert_nonnull (rule->basis.title);
          g_assert_true (g_str_has_prefix (rule->basis.url, "http"));
          g_assert_false (rule->disabled);
          g_assert_nonnull (rule->message[CR_LANGUAGE_ZH_CN]);
          g_assert_nonnull (rule->fix[CR_LANGUAGE_EN]);
          if (!rule->verified)
            {
              n_unverified++;
              g_assert_cmpint (rule->severity, !=, CR_SEVERITY_ERROR);
            }
        }
      /* The honesty rules are there in every regime. */
      g_assert_nonnull (cr_rule_set_lookup_rule (rule_set, "R40-FREE-SERVICE"));
      g_assert_cmpint (cr_rule_set_lookup_rule (rule_set, "R40-FREE-SERVICE")->severity, ==,
                       CR_SEVERITY_INFO);
      g_assert_cmpint (cr_rule_set_lookup_rule (rule_set, "R36-SERIOUS-LIST")->severity, ==,
                       CR_SEVERITY_ERROR);
      g_assert_cmpint (cr_rule_set_lookup_rule (rule_set, "R14-EXPIRED")->severity, ==,
                       CR_SEVERITY_ERROR);
      /* Order 58 and 36 carry [UNVERIFIED] values from the reference. */
      if (i > 0)
        g_assert_cmpuint (n_unverified, >, 0);

      /* The slots of the case format are all defined. */
      g_assert_nonnull (cr_rule_set_lookup_slot (rule_set, "identity_proof"));
      g_assert_true (cr_rule_set_lookup_slot (rule_set, "identity_proof")->case_wide);
      g_assert_true (cr_rule_set_lookup_slot (rule_set, "business_license")->case_wide);
      g_assert_false (cr_rule_set_lookup_slot (rule_set, "commitment")->case_wide);
      g_assert_false (cr_rule_set_lookup_slot (rule_set, "commitment")->max_bytes.verified);
      g_assert_nonnull (cr_rule_set_lookup_slot (rule_set, "credit_report"));
    }
}

static void
test_default_collection (void)
{
  g_autofree char *dir = rules_dir ();
  g_autoptr(CrRuleSetCollection) collection = NULL;
  g_auto(GStrv) warnings = NULL;
  struct
  {
    guint16     year;
    guint8      month;
    guint8      day;
    const char *regime;
  } dates[] = {
    { 2019, 6, 30, NULL },
    { 2019, 7, 1, "notice527" },
    { 2023, 4, 30, "notice527" },
    { 2023, 5, 1, "order58" },
    { 2026, 3, 31, "order58" },
    { 2026, 4, 1, "order36" },
    { 2099, 12, 31, "order36" },
  };

  g_setenv ("CREDIT_REPAIR_RULES_DIR", dir, TRUE);
  collection = cr_rule_set_collection_new_default ();
  warnings = cr_rule_set_collection_get_warnings (collection);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  g_assert_cmpuint (cr_rule_set_collection_get_n_rule_sets (collection), ==, 3);
  g_assert_cmpint (cr_rule_set_get_source (cr_rule_set_collection_get_rule_set (collection, 0)), ==,
                   CR_RULE_SET_SOURCE_INSTALLED);
  /* In order of validity. */
  g_assert_cmpstr (cr_rule_set_get_id (cr_rule_set_collection_get_rule_set (collection, 0)), ==,
                   "cn-national-notice527");
  g_assert_cmpstr (cr_rule_set_get_id (cr_rule_set_collection_get_rule_set (collection, 2)), ==,
                   "cn-national-order36");

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrRuleSet) rule_set = NULL;
      GDate on;

      g_date_set_dmy (&on, dates[i].day, dates[i].month, dates[i].year);
      rule_set = cr_rule_set_collection_select (collection, &on, &error);
      if (dates[i].regime == NULL)
        {
          g_assert_null (rule_set);
          g_assert_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_NOT_FOUND);
          g_assert_nonnull (strstr (error->message, "2019-07-01"));
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (cr_rule_set_get_regime (rule_set), ==, dates[i].regime);
        }
    }
}

static void
test_resource_fallback (void)
{
  g_autofree char *empty = g_dir_make_tmp ("cr-rules-XXXXXX", NULL);
  g_autofree char *dir = rules_dir ();
  g_autoptr(CrRuleSetCollection) collection = NULL;
  g_auto(GStrv) warnings = NULL;

  g_assert_nonnull (empty);
  g_setenv ("CREDIT_REPAIR_RULES_DIR", empty, TRUE);
  collection = cr_rule_set_collection_new_default ();
  warnings = cr_rule_set_collection_get_warnings (collection);
  g_assert_cmpuint (g_strv_length (warnings), ==, 0);
  g_assert_cmpuint (cr_rule_set_collection_get_n_rule_sets (collection), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      CrRuleSet *rule_set = cr_rule_set_collection_get_rule_set (collection, i);
      g_autofree char *name = g_strconcat (cr_rule_set_get_id (rule_set), ".json", NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autofree char *sha = NULL;
      gsize length;

      /* The compiled-in copy is byte for byte the file in data/rules. */
      g_assert_cmpint (cr_rule_set_get_source (rule_set), ==, CR_RULE_SET_SOURCE_RESOURCE);
      g_assert_true (g_str_has_prefix (cr_rule_set_get_origin (rule_set),
                                       "resource:///org/example/CreditRepair/rules/"));
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_assert_cmpstr (cr_rule_set_get_sha256 (rule_set), ==, sha);
    }

  g_rmdir (empty);
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static char *
bundled_with (const char *id,
              const char *pointer,
              const char *value)
{
  g_autofree char *dir = rules_dir ();
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  root = parse_mutable (text);
  patch (root, pointer, value);
  return json_to_string (root, TRUE);
}

static void
remove_file (const char *dir,
             const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_unlink (path);
}

static void
test_cache_precedence (void)
{
  g_autofree char *dir = rules_dir ();
  g_autofree char *cache = cr_rule_set_collection_get_cache_dir ();
  g_autofree char *same_version = bundled_with ("cn-national-order36", "/title/en", "\"Cached\"");
  g_autofree char *older = bundled_with ("cn-national-order58", "/version", "\"2023.0\"");
  g_autofree char *newer = bundled_with ("cn-national-notice527", "/version", "\"2019.10\"");
  g_autoptr(CrRuleSetCollection) collection = NULL;
  g_auto(GStrv) warnings = NULL;
  CrRuleSet *rule_set;

  g_setenv ("CREDIT_REPAIR_RULES_DIR", dir, TRUE);

  write_file (cache, "cn-national-order36.json", same_version);
  write_file (cache, "cn-national-order58.json", older);
  write_file (cache, "cn-national-notice527.json", newer);
  write_file (cache, "broken.json", "{ not json");

  collection = cr_rule_set_collection_new_default ();
  warnings = cr_rule_set_collection_get_warnings (collection);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "broken.json"));

  /* Same version: the cache wins over the installed file. */
  rule_set = cr_rule_set_collection_lookup (collection, "cn-national-order36");
  g_assert_cmpint (cr_rule_set_get_source (rule_set), ==, CR_RULE_SET_SOURCE_CACHE);
  g_assert_cmpstr (cr_rule_set_get_title (rule_set, CR_LANGUAGE_EN), ==, "Cached");
  /* An older cached version does not shadow a newer installed one. */
  rule_set = cr_rule_set_collection_lookup (collection, "cn-national-order58");
  g_assert_cmpint (cr_rule_set_get_source (rule_set), ==, CR_RULE_SET_SOURCE_INSTALLED);
  g_assert_cmpstr (cr_rule_set_get_version (rule_set), ==, "2023.2");
  /* 2019.10 is newer than 2019.2 (numbers compare as numbers). */
  rule_set = cr_rule_set_collection_lookup (collection, "cn-national-notice527");
  g_assert_cmpint (cr_rule_set_get_source (rule_set), ==, CR_RULE_SET_SOURCE_CACHE);
  g_assert_cmpstr (cr_rule_set_get_version (rule_set), ==, "2019.10");

  remove_file (cache, "cn-national-order36.json");
  remove_file (cache, "cn-national-order58.json");
  remove_file (cache, "cn-national-notice527.json");
  remove_file (cache, "broken.json");
}

static void
test_cache_invalid_falls_back (void)
{
  g_autofree char *dir = rules_dir ();
  g_autofree char *cache = cr_rule_set_collection_get_cache_dir ();
  /* A newer version that does not load (an unverified error). */
  g_autofree char *invalid = bundled_with ("cn-national-order36", "/version", "\"2027.1\"");
  g_autoptr(JsonNode) root = parse_mutable (invalid);
  g_autofree char *text = NULL;
  g_autoptr(CrRuleSetCollection) collection = NULL;
  g_auto(GStrv) warnings = NULL;
  CrRuleSet *rule_set;

  patch (root, "/rules/3/severity", "\"error\"");  /* R38, unverified */
  text = json_to_string (root, TRUE);
  g_setenv ("CREDIT_REPAIR_RULES_DIR", dir, TRUE);
  write_file (cache, "cn-national-order36.json", text);

  collection = cr_rule_set_collection_new_default ();
  warnings = cr_rule_set_collection_get_warnings (collection);
  g_assert_cmpuint (g_strv_length (warnings), ==, 1);
  g_assert_nonnull (strstr (warnings[0], "/rules/3/severity"));
  rule_set = cr_rule_set_collection_lookup (collection, "cn-national-order36");
  g_assert_nonnull (rule_set);
  g_assert_cmpstr (cr_rule_set_get_version (rule_set), ==, "2026.2");
  g_assert_cmpint (cr_rule_set_get_source (rule_set), ==, CR_RULE_SET_SOURCE_INSTALLED);

  remove_file (cache, "cn-national-order36.json");
}

static void
test_language (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));

  g_setenv ("LANGUAGE", "zh_CN:en", TRUE);
  g_assert_cmpint (cr_language_get_default (), ==, CR_LANGUAGE_ZH_CN);
  g_setenv ("LANGUAGE", "zh_TW", TRUE);
  g_assert_cmpint (cr_language_get_default (), ==, CR_LANGUAGE_ZH_CN);
  g_setenv ("LANGUAGE", "en_GB:zh_CN", TRUE);
  g_assert_cmpint (cr_language_get_default (), ==, CR_LANGUAGE_EN);
  g_setenv ("LANGUAGE", "fr_FR", TRUE);
  g_assert_cmpint (cr_language_get_default (), ==, CR_LANGUAGE_EN);
  g_assert_cmpstr (cr_language_to_string (CR_LANGUAGE_ZH_CN), ==, "zh_CN");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* -- the calendar of working days ----------------------------------------- */

static CrRuleSet *
load_bundled (const char *id)
{
  g_autofree char *dir = rules_dir ();
  g_autofree char *name = g_strconcat (id, ".json", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CrRuleSet *rule_set = cr_rule_set_new_from_file (path, CR_RULE_SET_SOURCE_FILE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rule_set);
  return rule_set;
}

static gboolean
is_working_day (CrRuleSet  *rule_set,
                const char *text)
{
  GDate date;
  gboolean known = FALSE;
  gboolean working;

  g_assert_true (cr_date_parse (text, &date, NULL));
  working = cr_rule_set_is_working_day (rule_set, &date, &known);
  g_assert_true (known);
  return working;
}

static void
test_calendar_bundled (void)
{
  const char *with_calendar[] = { "cn-national-order58", "cn-national-order36" };
  g_autoptr(CrRuleSet) notice527 = load_bundled ("cn-national-notice527");

  for (guint i = 0; i < G_N_ELEMENTS (with_calendar); i++)
    {
      g_autoptr(CrRuleSet) rule_set = load_bundled (with_calendar[i]);
      g_autofree char *from = NULL;
      g_autofree char *until = NULL;
      const char * const *basis;

      g_assert_true (cr_rule_set_has_calendar (rule_set));
      from = cr_date_format (cr_rule_set_get_calendar_known_from (rule_set));
      until = cr_date_format (cr_rule_set_get_calendar_known_until (rule_set));
      g_assert_cmpstr (from, ==, "2025-01-01");
      g_assert_cmpstr (until, ==, "2026-12-31");
      basis = cr_rule_set_get_calendar_basis (rule_set);
      g_assert_cmpuint (g_strv_length ((char **) basis), ==, 2);
      g_assert_cmpstr (basis[0], ==, "holidays_2025");
      g_assert_cmpstr (basis[1], ==, "holidays_2026");

      /* 2025: Spring Festival 01-28 … 02-04 off, Sunday 01-26 and Saturday
       * 02-08 worked; National Day with Mid-Autumn 10-01 … 10-08. */
      g_assert_true (is_working_day (rule_set, "2025-01-26"));
      g_assert_true (is_working_day (rule_set, "2025-01-27"));
      g_assert_false (is_working_day (rule_set, "2025-01-28"));
      g_assert_false (is_working_day (rule_set, "2025-02-04"));
      g_assert_true (is_working_day (rule_set, "2025-02-08"));
      g_assert_false (is_working_day (rule_set, "2025-02-09"));
      g_assert_false (is_working_day (rule_set, "2025-10-08"));
      g_assert_true (is_working_day (rule_set, "2025-10-11"));
      /* 2026: New Year 01-01 … 01-03, Sunday 01-04 worked; Spring Festival
       * 02-15 … 02-23; Labour Day 05-01 … 05-05, Saturday 05-09 worked. */
      g_assert_false (is_working_day (rule_set, "2026-01-02"));
      g_assert_true (is_working_day (rule_set, "2026-01-04"));
      g_assert_false (is_working_day (rule_set, "2026-02-23"));
      g_assert_true (is_working_day (rule_set, "2026-02-24"));
      g_assert_false (is_working_day (rule_set, "2026-05-05"));
      g_assert_true (is_working_day (rule_set, "2026-05-09"));
      g_assert_false (is_working_day (rule_set, "2026-09-25"));
      g_assert_true (is_working_day (rule_set, "2026-09-20"));
      /* An ordinary Saturday and Tuesday. */
      g_assert_false (is_working_day (rule_set, "2026-11-07"));
      g_assert_true (is_working_day (rule_set, "2026-11-10"));
    }

  /* notice527 ended before the first calendar year: no calendar. */
  g_assert_false (cr_rule_set_has_calendar (notice527));
  g_assert_null (cr_rule_set_get_calendar_known_until (notice527));
  g_assert_null (cr_rule_set_get_calendar_basis (notice527));
}

#define CALENDAR_OK \
  "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\"," \
  " \"holidays\": [\"2026-10-01\", \"2026-10-02\"], \"working_weekends\": [\"2026-10-10\"]," \
  " \"basis\": [\"b\"]}"

static const struct
{
  const char *calendar;
  const char *expect[2];  /* substrings of the message, the first the pointer */
} calendar_breakages[] = {
  /* 2026-10-12 is a Monday. */
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\", \"holidays\": [],"
    " \"working_weekends\": [\"2026-10-10\", \"2026-10-12\"], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/working_weekends/1", "not a Saturday or Sunday" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2026-10-01\", \"2027-01-01\"], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/1", "after the calendar’s known_until" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [], \"working_weekends\": [\"2027-01-02\"], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/working_weekends/0", "known_until" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2025-12-31\"], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/0", "known_from" } },
  /* 2026-10-03 is a Saturday, listed as both. */
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2026-10-01\", \"2026-10-03\"], \"working_weekends\": [\"2026-10-03\"],"
    " \"basis\": [\"b\"]}",
    { "the calendar, /calendar/working_weekends/0", "also listed as a holiday" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [], \"working_weekends\": [], \"basis\": [\"b\", \"holidays_2026\"]}",
    { "the calendar, /calendar/basis/1", "“holidays_2026” is not a basis" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [], \"working_weekends\": [], \"basis\": []}",
    { "the calendar, /calendar/basis", "at least one basis" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\", \"holidays\": [],"
    " \"working_weekends\": [], \"basis\": [\"b\"], \"regional_holidays\": []}",
    { "the calendar, /calendar/regional_holidays", "unknown key" } },
  { "{\"known_from\": \"2026-01-01\", \"holidays\": [], \"working_weekends\": [],"
    " \"basis\": [\"b\"]}",
    { "the calendar, /calendar/known_until", "missing" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2025-12-31\", \"holidays\": [],"
    " \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/known_until", "ends before it starts" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2026-10-02\", \"2026-10-01\"], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/1", "ascending order" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2026-10-01\", \"2026-10-01\"], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/1", "each once" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [\"2026-02-30\"], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/0", "2026-02-30" } },
  { "{\"known_from\": \"2026-01-01\", \"known_until\": \"2026-12-31\","
    " \"holidays\": [20261001], \"working_weekends\": [], \"basis\": [\"b\"]}",
    { "the calendar, /calendar/holidays/0", "YYYY-MM-DD" } },
  { "[\"2026-10-01\"]", { "/calendar", "expected an object" } },
};

static void
test_calendar_malformed (void)
{
  g_autoptr(JsonNode) root = load_base_node ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) rule_set = NULL;

  /* The fixture with a good calendar loads. */
  patch (root, "/calendar", CALENDAR_OK);
  rule_set = load_node (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_rule_set_has_calendar (rule_set));
  g_assert_false (is_working_day (rule_set, "2026-10-02"));
  g_assert_true (is_working_day (rule_set, "2026-10-10"));

  for (guint i = 0; i < G_N_ELEMENTS (calendar_breakages); i++)
    {
      g_autoptr(JsonNode) broken = load_base_node ();
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CrRuleSet) refused = NULL;

      patch (broken, "/calendar", calendar_breakages[i].calendar);
      refused = load_node (broken, NULL, &local_error);
      if (refused != NULL || !g_error_matches (local_error, CR_RULE_SET_ERROR,
                                               CR_RULE_SET_ERROR_INVALID))
        g_error ("calendar breakage %u was not refused: %s", i,
                 local_error ? local_error->message : "loaded");
      g_assert_true (g_str_has_prefix (local_error->message, "broken.json: "));
      for (guint j = 0; j < G_N_ELEMENTS (calendar_breakages[i].expect); j++)
        {
          if (strstr (local_error->message, calendar_breakages[i].expect[j]) == NULL)
            g_error ("calendar breakage %u: “%s” not in “%s”", i,
                     calendar_breakages[i].expect[j], local_error->message);
        }
    }
}

/* An overlay's calendar replaces the base's; without one, the base's holds. */
static void
test_calendar_overlay (void)
{
  g_autoptr(CrRuleSetCollection) bases = cr_rule_set_collection_new ();
  g_autoptr(JsonNode) root = load_base_node ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSet) base = NULL;
  g_autoptr(CrRuleSet) plain = NULL;
  g_autoptr(CrRuleSet) own = NULL;
  g_autofree char *until = NULL;

  patch (root, "/calendar", CALENDAR_OK);
  base = load_node (root, NULL, &error);
  g_assert_no_error (error);
  cr_rule_set_collection_add (bases, base);

  plain = load_overlay (bases, "", &error);
  g_assert_no_error (error);
  g_assert_true (cr_rule_set_has_calendar (plain));
  g_assert_false (is_working_day (plain, "2026-10-01"));

  /* A provincial holiday on 2026-10-05 (Monday); 2026-10-01 is not listed,
   * so it is a working day under this (made-up) overlay. Its basis may be
   * the base's or its own. */
  own = load_overlay (bases,
                      JS_BASES ", \"calendar\": {\"known_from\": \"2026-01-01\","
                      " \"known_until\": \"2027-12-31\", \"holidays\": [\"2026-10-05\"],"
                      " \"working_weekends\": [], \"basis\": [\"b\", \"js\"]}",
                      &error);
  g_assert_no_error (error);
  g_assert_true (is_working_day (own, "2026-10-01"));
  g_assert_false (is_working_day (own, "2026-10-05"));
  g_assert_false (is_working_day (own, "2026-10-10"));
  until = cr_date_format (cr_rule_set_get_calendar_known_until (own));
  g_assert_cmpstr (until, ==, "2027-12-31");
  /* The base is unchanged. */
  g_assert_true (is_working_day (base, "2026-10-05"));
  g_assert_true (is_working_day (base, "2026-10-10"));
}

/* Adds @days working days to @start by @rule_set; checks the result. */
static void
assert_add_working_days (CrRuleSet  *rule_set,
                         const char *start,
                         guint       days,
                         const char *expected,
                         gboolean    expected_exact)
{
  GDate date;
  gboolean exact;
  g_autofree char *text = NULL;

  g_assert_true (cr_date_parse (start, &date, NULL));
  exact = cr_rule_set_add_working_days (rule_set, &date, days);
  text = cr_date_format (&date);
  if (g_strcmp0 (text, expected) != 0 || exact != expected_exact)
    g_error ("%s + %u working days: got %s (%s), expected %s (%s)", start, days, text,
             exact ? "exact" : "approximate", expected,
             expected_exact ? "exact" : "approximate");
}

static void
test_add_working_days (void)
{
  g_autoptr(CrRuleSet) order36 = load_bundled ("cn-national-order36");
  g_autoptr(CrRuleSet) order58 = load_bundled ("cn-national-order58");
  g_autoptr(CrRuleSet) notice527 = load_bundled ("cn-national-notice527");

  /* Submitted Monday 2026-09-28: 09-29 (1), 09-30 (2); 10-01 … 10-07
   * National Day off; 10-08 (3), 10-09 (4), Saturday 10-10 is worked (5),
   * Sunday 10-11 off; 10-12 (6), 10-13 (7), 10-14 (8), 10-15 (9),
   * 10-16 (10). */
  assert_add_working_days (order36, "2026-09-28", 10, "2026-10-16", TRUE);

  /* Submitted Friday 2026-02-13 (under order58): Saturday 02-14 is worked
   * (1); 02-15 … 02-23 Spring Festival off; 02-24 (2), 02-25 (3),
   * 02-26 (4), 02-27 (5), Saturday 02-28 is worked (6), Sunday 03-01 off;
   * 03-02 (7), 03-03 (8), 03-04 (9), 03-05 (10). */
  assert_add_working_days (order58, "2026-02-13", 10, "2026-03-05", TRUE);

  /* Submitted Friday 2025-01-24: Saturday 01-25 off, Sunday 01-26 worked
   * (1), 01-27 (2); 01-28 … 02-04 off; 02-05 (3), 02-06 (4), 02-07 (5),
   * Saturday 02-08 worked (6); 02-10 (7) … 02-13 (10). */
  assert_add_working_days (order58, "2025-01-24", 10, "2025-02-13", TRUE);

  /* Thursday 2026-12-17: 12-18 (1), 12-21 … 12-25 (2-6), 12-28 … 12-31
   * (7-10): the count ends on the last known day, so it is exact. */
  assert_add_working_days (order36, "2026-12-17", 10, "2026-12-31", TRUE);

  /* Thursday 2026-12-24: 12-25 (1), 12-28 … 12-31 (2-5), then 2027 whose
   * holidays are not known: Friday 01-01 counts (6), 01-04 … 01-07 (7-10).
   * Approximate. */
  assert_add_working_days (order36, "2026-12-24", 10, "2027-01-07", FALSE);

  /* Before the calendar starts: Friday 2024-12-20: 12-23 … 12-27 (1-5),
   * 12-30 (6), 12-31 (7), both unknown; 2025-01-01 is a holiday; 01-02 (8),
   * 01-03 (9), 01-06 (10). Approximate. */
  assert_add_working_days (order58, "2024-12-20", 10, "2025-01-06", FALSE);

  /* No rule set, or one without a calendar: Monday to Friday, never exact.
   * 2026-09-28: 09-29, 09-30, 10-01, 10-02, 10-05 … 10-09, 10-12. */
  assert_add_working_days (NULL, "2026-09-28", 10, "2026-10-12", FALSE);
  assert_add_working_days (notice527, "2026-09-28", 10, "2026-10-12", FALSE);
  /* Friday + 1 is Monday. */
  assert_add_working_days (NULL, "2026-11-06", 1, "2026-11-09", FALSE);

  /* Nothing to count. */
  assert_add_working_days (order36, "2026-10-01", 0, "2026-10-01", TRUE);
}


int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache_home = g_dir_make_tmp ("cr-rule-set-cache-XXXXXX", NULL);
  int status;

  /* Never the user's fetched rule sets: a cache of our own, set before GLib
   * first reads it. (G_TEST_OPTION_ISOLATE_DIRS would do, but leaks in
   * GLib 2.74 under LeakSanitizer.) */
  g_assert_nonnull (cache_home);
  g_setenv ("XDG_CACHE_HOME", cache_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_assert_true (g_str_has_prefix (g_get_user_cache_dir (), cache_home));

  g_test_add_func ("/rule-set/base-fixture", test_base_fixture);
  g_test_add_func ("/rule-set/malformed", test_malformed);
  g_test_add_func ("/rule-set/not-json", test_not_json);
  g_test_add_func ("/rule-set/overlay/add", test_overlay_add);
  g_test_add_func ("/rule-set/overlay/tighten", test_overlay_tighten);
  g_test_add_func ("/rule-set/overlay/disable", test_overlay_disable);
  g_test_add_func ("/rule-set/overlay/loosen-rejected", test_overlay_loosen_rejected);
  g_test_add_func ("/rule-set/overlay/validity", test_overlay_validity);
  g_test_add_func ("/rule-set/overlay/chain", test_overlay_chain);
  g_test_add_func ("/rule-set/collection/jurisdiction", test_collection_jurisdiction);
  g_test_add_func ("/rule-set/bundled", test_bundled);
  g_test_add_func ("/rule-set/collection/default", test_default_collection);
  g_test_add_func ("/rule-set/collection/resource-fallback", test_resource_fallback);
  g_test_add_func ("/rule-set/collection/cache-precedence", test_cache_precedence);
  g_test_add_func ("/rule-set/collection/cache-invalid", test_cache_invalid_falls_back);
  g_test_add_func ("/rule-set/language", test_language);
  g_test_add_func ("/rule-set/calendar/bundled", test_calendar_bundled);
  g_test_add_func ("/rule-set/calendar/malformed", test_calendar_malformed);
  g_test_add_func ("/rule-set/calendar/overlay", test_calendar_overlay);
  g_test_add_func ("/rule-set/calendar/add-working-days", test_add_working_days);

  status = g_test_run ();
  cr_test_remove_tree (cache_home);
  return status;
}
