/* cr-cli-pack.c: `credit-repair-cli pack [--on DATE] [--force] [--rules FILE] -o OUT.zip CASE.json`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks the case as `check` does, inspects its materials, and writes the
 * submission package (spec/cli.md). A case that is not ready is refused
 * with exit status 1 and nothing written, unless --force; a missing or
 * unreadable attachment is an input error (2) whose message names it.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cr-case.h"
#include "cr-checker.h"
#include "cr-cli-commands.h"
#include "cr-date.h"
#include "cr-packer.h"
#include "cr-rule-set.h"

#define CR_EXIT_OK    0
#define CR_EXIT_NO    1
#define CR_EXIT_USAGE 2

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
severity_label (const char *severity)
{
  if (g_strcmp0 (severity, "error") == 0)
    return _("error");
  if (g_strcmp0 (severity, "warning") == 0)
    return _("warning");
  return _("note");
}

/* Prints the findings of @severity ("error", or NULL for the others). */
static void
print_findings (CrPacker   *packer,
                const char *severity)
{
  JsonArray *findings = cr_packer_get_findings (packer);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *this_severity = get_string (finding, "severity");
      const char *message = get_string (finding, "message");
      const char *rule = get_string (finding, "rule");

      if ((severity != NULL) != (g_strcmp0 (this_severity, "error") == 0))
        continue;

      g_printerr ("  %-8s %s [%s]\n", severity_label (this_severity),
                  message != NULL ? message : "", rule != NULL ? rule : "");
    }
}

static void
print_packed (CrPacker   *packer,
              const char *out_path)
{
  g_autoptr(GString) out = g_string_new (NULL);
  goffset total = 0;

  for (guint i = 0; i < cr_packer_get_n_files (packer); i++)
    total += cr_packer_get_file (packer, i)->size;

  {
    g_autofree char *size = g_format_size (total);
    guint n = cr_packer_get_n_files (packer);

    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%s: %u material (%s), the portal values and the "
                                         "manifest, verified",
                                         "%s: %u materials (%s), the portal values and the "
                                         "manifest, verified", n),
                            out_path, n, size);
    g_string_append_c (out, '\n');
  }

  for (guint i = 0; i < cr_packer_get_n_files (packer); i++)
    {
      const CrPackFile *file = cr_packer_get_file (packer, i);

      /* Translators: a packed file and the attachment it comes from */
      g_string_append_printf (out, _("  %s ← %s"), file->name,
                              cr_material_info_get_display_name (file->info));
      g_string_append_c (out, '\n');
    }

  fputs (out->str, stdout);
}

/**
 * cr_cli_pack:
 *
 * Returns: 0 when the package was written, 1 when the case is not ready
 * (nothing written), 2 on a usage or input error (nothing written)
 */
int
cr_cli_pack (int    argc,
             char **argv)
{
  g_autofree char *on_text = NULL;
  g_autofree char *rules_path = NULL;
  g_autofree char *out_path = NULL;
  gboolean force = FALSE;
  gboolean folder = FALSE;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write the package to FILE (required)"), N_("FILE") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on_text,
      N_("Check as if applying on DATE, written YYYY-MM-DD (default: today)"), N_("DATE") },
    { "rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_path,
      N_("Use the rule set in FILE instead of the installed ones"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Pack even a case that is not ready"), NULL },
    { "folder", 0, 0, G_OPTION_ARG_NONE, &folder,
      N_("Write a new folder with the same files instead of a zip"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrRuleSetCollection) rules = NULL;
  g_autoptr(CrRuleSet) explicit = NULL;
  g_autoptr(CrCase) case_ = NULL;
  g_autoptr(CrCheckResult) result = NULL;
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autofree char *prgname = NULL;
  g_autofree char *on_string = NULL;
  g_auto(GStrv) args = NULL;
  g_auto(GStrv) rule_warnings = NULL;
  const char *case_path;
  gboolean written;
  GDate on;
  guint first;

  g_return_val_if_fail (argc >= 1, CR_EXIT_USAGE);

  prgname = g_strdup_printf ("%s %s", g_get_prgname (), argv[0]);
  g_set_prgname (prgname);

  context = g_option_context_new (_("-o OUT.zip CASE.json"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Builds the submission package of a case: every material "
                                  "renamed for its upload slot and record, the values to type "
                                  "into the portal's form, and a manifest with the SHA-256 of "
                                  "every file. The same case, files and date give the same "
                                  "bytes. The package is checked after writing.\n\n"
                                  "Exit status: 0 when the package was written, 1 when the "
                                  "case is not ready (nothing is written unless --force), 2 on "
                                  "a usage or input error such as a missing attachment."));

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

  if (args[first] == NULL || args[first + 1] != NULL || out_path == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (out_path == NULL)
        g_printerr (_("%s: no output given (-o OUT.zip)"), g_get_prgname ());
      else if (args[first] == NULL)
        g_printerr (_("%s: no case given"), g_get_prgname ());
      else
        g_printerr (_("%s: give exactly one case"), g_get_prgname ());
      g_printerr ("\n\n%s", help);
      return CR_EXIT_USAGE;
    }
  case_path = args[first];

  if (on_text != NULL)
    {
      if (!cr_date_parse (on_text, &on, &error))
        {
          g_printerr ("%s: --on: %s\n", g_get_prgname (), error->message);
          return CR_EXIT_USAGE;
        }
    }
  else
    cr_date_set_today (&on);
  on_string = cr_date_format (&on);

  case_ = cr_case_load_from_file (case_path, warnings, &error);
  if (case_ == NULL)
    {
      /* The reader's message names the file and the JSON pointer. */
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }
  for (guint i = 0; i < warnings->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (warnings, i);

      g_printerr (_("%s: warning: %s: %s"), case_path,
                  problem->pointer ? problem->pointer : "/", problem->message);
      g_printerr ("\n");
    }

  rules = cr_rule_set_collection_new_default ();
  rule_warnings = cr_rule_set_collection_get_warnings (rules);
  for (guint i = 0; rule_warnings[i] != NULL; i++)
    {
      g_printerr (_("%s: warning: skipped a rule set: %s"), g_get_prgname (), rule_warnings[i]);
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
      root = cr_case_to_json_node (case_);
      result = cr_checker_check_json_with_rule_set (explicit, json_node_get_object (root),
                                                    cr_case_get_base_dir (case_), &on,
                                                    cr_language_get_default (), &error);
    }
  else
    {
      result = cr_checker_check_case (rules, case_, &on, cr_language_get_default (), &error);
    }

  if (result == NULL)
    {
      g_printerr ("%s: %s: %s\n", g_get_prgname (), case_path, error->message);
      return CR_EXIT_USAGE;
    }

  packer = cr_packer_new_for_check (case_, result, &error);
  if (packer == NULL || !cr_packer_inspect (packer, NULL, &error))
    {
      g_printerr ("%s: %s: %s\n", g_get_prgname (), case_path, error->message);
      return CR_EXIT_USAGE;
    }

  if (!cr_packer_check_readable (packer, &error))
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

      /* one line per attachment, each naming it */
      for (guint i = 0; lines[i] != NULL; i++)
        g_printerr ("%s: %s: %s\n", g_get_prgname (), case_path, lines[i]);
      return CR_EXIT_USAGE;
    }

  if (!cr_packer_get_ready (packer) && !force)
    {
      g_printerr (_("%s: %s is not ready to be submitted on %s; nothing was written. "
                    "Fix these errors, or use --force to pack it anyway:"),
                  g_get_prgname (), case_path, on_string);
      g_printerr ("\n");
      print_findings (packer, "error");
      return CR_EXIT_NO;
    }

  /* Warnings and notes are worth seeing even when the package is made. */
  print_findings (packer, NULL);
  if (!cr_packer_get_ready (packer))
    {
      g_printerr (_("%s: warning: %s is not ready to be submitted on %s; packing it anyway "
                    "(--force):"),
                  g_get_prgname (), case_path, on_string);
      g_printerr ("\n");
      print_findings (packer, "error");
    }

  cr_packer_set_force (packer, force);
  if (folder)
    written = cr_packer_export_folder (packer, out_path, NULL, NULL, NULL, &error);
  else
    written = cr_packer_write_zip (packer, out_path, NULL, NULL, NULL, &error);

  if (!written)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return g_error_matches (error, CR_PACKER_ERROR, CR_PACKER_ERROR_NOT_READY)
             ? CR_EXIT_NO : CR_EXIT_USAGE;
    }

  print_packed (packer, out_path);
  return CR_EXIT_OK;
}
