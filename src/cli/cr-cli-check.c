/* cr-cli-check.c: `credit-repair-cli check [--on DATE] [--rules FILE] [--json] CASE.json…`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks each case under the rule set in force on the application date and
 * prints the verdict (text by default, one JSON object per line with
 * --json; spec/cli.md). Standard output is UTF-8 whatever the locale.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cr-case.h"
#include "cr-checker.h"
#include "cr-cli-commands.h"
#include "cr-date.h"
#include "cr-rule-set.h"

#define CR_EXIT_OK    0
#define CR_EXIT_NO    1
#define CR_EXIT_USAGE 2

typedef struct
{
  GDate                 on;
  gboolean              json;
  CrLanguage            language;
  CrRuleSetCollection  *rules;     /* the installed ones, or NULL with --rules */
  CrRuleSet            *explicit;  /* --rules FILE */
} CheckOptions;

static void
print_error_line (const CheckOptions *options,
                  const char         *path,
                  const char         *message)
{
  /* The message of the case reader already names the file. */
  if (g_str_has_prefix (message, path))
    g_printerr ("%s: %s\n", g_get_prgname (), message);
  else
    g_printerr ("%s: %s: %s\n", g_get_prgname (), path, message);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *on = cr_date_format (&options->on);
      g_autofree char *line = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "case");
      json_builder_add_string_value (builder, path);
      json_builder_set_member_name (builder, "on");
      json_builder_add_string_value (builder, on);
      json_builder_set_member_name (builder, "error");
      json_builder_add_string_value (builder, message);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      line = json_to_string (root, FALSE);
      printf ("%s\n", line);
    }
}

static const char *
severity_label (CrSeverity severity)
{
  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      return _("error");
    case CR_SEVERITY_WARNING:
      return _("warning");
    case CR_SEVERITY_INFO:
      return _("note");
    default:
      g_return_val_if_reached ("");
    }
}

static void
append_date_line (GString     *out,
                  const char  *label,
                  const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? cr_date_format (date) : NULL;

  g_string_append_printf (out, "    %s %s\n", label, text ? text : "—");
}

static void
print_text (const CheckOptions *options,
            const char         *path,
            CrCheckResult      *result)
{
  CrRuleSet *rule_set = cr_check_result_get_rule_set (result);
  CrLanguage language = options->language;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *on = cr_date_format (cr_check_result_get_on (result));
  guint n_errors = cr_check_result_count_findings (result, CR_SEVERITY_ERROR);
  guint n_warnings = cr_check_result_count_findings (result, CR_SEVERITY_WARNING);
  guint n_notes = cr_check_result_count_findings (result, CR_SEVERITY_INFO);

  g_string_append_printf (out, "%s\n", path);
  if (cr_check_result_get_ready (result))
    g_string_append_printf (out, _("  Ready to apply on %s (%u errors, %u warnings, %u notes)"),
                            on, n_errors, n_warnings, n_notes);
  else
    g_string_append_printf (out, _("  Not ready to apply on %s (%u errors, %u warnings, %u notes)"),
                            on, n_errors, n_warnings, n_notes);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("  Rules: %s (%s %s, regime %s)"),
                          cr_rule_set_get_title (rule_set, language),
                          cr_rule_set_get_id (rule_set), cr_rule_set_get_version (rule_set),
                          cr_rule_set_get_regime (rule_set));
  g_string_append_c (out, '\n');

  for (guint i = 0; i < cr_check_result_get_n_records (result); i++)
    {
      const CrCheckRecord *record = cr_check_result_get_record (result, i);
      const char *class_name = cr_rule_set_get_class_name (rule_set, record->severity, language);

      g_string_append_c (out, '\n');
      g_string_append_printf (out, _("  Record %s — %s — class: %s"),
                              record->id ? record->id : "—",
                              record->decision_number ? record->decision_number : "—",
                              class_name ? class_name : _("not known"));
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "    %s %s\n", _("Status:"),
                              cr_record_status_get_label (record->status));
      append_date_line (out, _("Earliest application:"), &record->earliest_application_date);
      append_date_line (out, _("End of publication:"), &record->display_end_date);

      g_string_append_printf (out, "    %s ", _("Required materials:"));
      if (record->required_slots[0] == NULL)
        g_string_append (out, "—");
      for (guint j = 0; record->required_slots[j] != NULL; j++)
        {
          const CrSlotDef *slot = cr_rule_set_lookup_slot (rule_set, record->required_slots[j]);

          if (j > 0)
            g_string_append (out, _(", "));
          g_string_append (out, slot ? slot->name[language] : record->required_slots[j]);
        }
      g_string_append_c (out, '\n');
    }

  if (cr_check_result_get_n_findings (result) > 0)
    {
      g_string_append_c (out, '\n');
      g_string_append_printf (out, "  %s\n", _("Findings:"));
    }
  for (guint i = 0; i < cr_check_result_get_n_findings (result); i++)
    {
      const CrFinding *finding = cr_check_result_get_finding (result, i);

      g_string_append_printf (out, "  %-8s %s [%s]\n", severity_label (finding->severity),
                              finding->message, finding->rule);
      if (finding->fix != NULL)
        g_string_append_printf (out, "           %s %s\n", _("Fix:"), finding->fix);
      if (finding->basis.title != NULL)
        {
          g_string_append_printf (out, "           %s %s", _("Basis:"), finding->basis.title);
          if (finding->basis.article != NULL)
            g_string_append_printf (out, " %s", finding->basis.article);
          if (finding->basis.url != NULL)
            g_string_append_printf (out, " <%s>", finding->basis.url);
          g_string_append_c (out, '\n');
        }
    }

  fputs (out->str, stdout);
}

static int
check_one (const CheckOptions *options,
           const char         *path,
           gboolean            first)
{
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) case_ = NULL;
  g_autoptr(CrCheckResult) result = NULL;

  case_ = cr_case_load_from_file (path, warnings, &error);
  if (case_ == NULL)
    {
      print_error_line (options, path, error->message);
      return CR_EXIT_USAGE;
    }

  for (guint i = 0; i < warnings->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (warnings, i);

      g_printerr (_("%s: warning: %s: %s"), path, problem->pointer ? problem->pointer : "/",
                  problem->message);
      g_printerr ("\n");
    }

  if (options->explicit != NULL)
    result = cr_checker_check_case_with_rule_set (options->explicit, case_, &options->on,
                                                  options->language, &error);
  else
    result = cr_checker_check_case (options->rules, case_, &options->on, options->language,
                                    &error);
  if (result == NULL)
    {
      print_error_line (options, path, error->message);
      return CR_EXIT_USAGE;
    }

  if (options->json)
    {
      g_autofree char *line = cr_check_result_to_json (result, path);

      printf ("%s\n", line);
    }
  else
    {
      if (!first)
        fputs ("\n", stdout);
      print_text (options, path, result);
    }

  return cr_check_result_get_ready (result) ? CR_EXIT_OK : CR_EXIT_NO;
}

/**
 * cr_cli_check:
 *
 * Returns: 0 if every case is ready, 1 if some case has error findings, 2 on
 * a usage or input error (a case that cannot be read still gets its line).
 */
int
cr_cli_check (int    argc,
              char **argv)
{
  g_autofree char *on_text = NULL;
  g_autofree char *rules_path = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("Check as if applying on DATE, written YYYY-MM-DD (default: today)"), N_("DATE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Use the rule set in FILE instead of the installed ones"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print one JSON object per case, one per line"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSetCollection) rules = NULL;
  g_autoptr(CrRuleSet) explicit = NULL;
  g_autofree char *prgname = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) warnings = NULL;
  CheckOptions options = { 0, };
  int status = CR_EXIT_OK;
  guint first;

  g_return_val_if_fail (argc >= 1, CR_EXIT_USAGE);

  prgname = g_strdup_printf ("%s %s", g_get_prgname (), argv[0]);
  g_set_prgname (prgname);

  context = g_option_context_new (_("CASE.json…"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Checks each case against the rule set in force on the "
                                  "application date: whether and when each record can be "
                                  "repaired, which materials are required, and what blocks the "
                                  "application, with the legal basis of every finding.\n\n"
                                  "Exit status: 0 if every case is ready, 1 if some case has "
                                  "errors, 2 on a usage or input error."));

  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, &args, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }

  first = 1;
  if (args[first] != NULL && g_str_equal (args[first], "--"))
    first++;

  if (args[first] == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr (_("%s: no case given"), g_get_prgname ());
      g_printerr ("\n\n%s", help);
      return CR_EXIT_USAGE;
    }

  if (on_text != NULL)
    {
      if (!cr_date_parse (on_text, &options.on, &error))
        {
          g_printerr ("%s: --on: %s\n", g_get_prgname (), error->message);
          return CR_EXIT_USAGE;
        }
    }
  else
    cr_date_set_today (&options.on);

  /* The installed rule sets, also as the bases an explicit overlay extends. */
  rules = cr_rule_set_collection_new_default ();
  warnings = cr_rule_set_collection_get_warnings (rules);
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      g_printerr (_("%s: warning: skipped a rule set: %s"), g_get_prgname (), warnings[i]);
      g_printerr ("\n");
    }

  if (rules_path != NULL)
    {
      explicit = cr_rule_set_new_from_file (rules_path, CR_RULE_SET_SOURCE_FILE, rules, &error);
      if (explicit == NULL)
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return CR_EXIT_USAGE;
        }
    }

  options.json = json;
  options.language = cr_language_get_default ();
  options.rules = rules;
  options.explicit = explicit;

  for (guint i = first; args[i] != NULL; i++)
    {
      int case_status = check_one (&options, args[i], i == first);

      status = MAX (status, case_status);
    }

  fflush (stdout);
  return status;
}
