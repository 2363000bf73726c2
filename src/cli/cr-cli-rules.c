/* cr-cli-rules.c: `credit-repair-cli rules list|fetch|diff|publish`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit statuses follow spec/cli.md: 0 success; 1 a fetch failed (the last
 * good rule sets stay in force) or a publication was refused; 2 usage or
 * input error.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cr-cli-commands.h"
#include "cr-rule-set.h"
#include "cr-rules-client.h"
#include "cr-rules-diff.h"
#include "cr-rules-publish.h"
#include "cr-signature.h"

#define CR_EXIT_OK    0
#define CR_EXIT_NO    1
#define CR_EXIT_USAGE 2

#define SCHEMA_ID "org.example.CreditRepair"

/* -- helpers ---------------------------------------------------------------- */

static GOptionContext *
new_context (const char  *parameter,
             const char  *summary,
             GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameter);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return context;
}

/* Parses @argv (argv[0] being the subcommand) into @args; prints the error
 * and returns FALSE on a usage error. */
static gboolean
parse (GOptionContext  *context,
       int              argc,
       char           **argv,
       GStrv           *args)
{
  g_autoptr(GError) error = NULL;

  *args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    (*args)[i] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (context, args, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return FALSE;
    }
  return TRUE;
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("%s: %s\n\n%s", g_get_prgname (), message, help);
  return CR_EXIT_USAGE;
}

/* The app's settings, when its schema is installed (never required). */
static GSettings *
lookup_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static gboolean
settings_has_key (GSettings  *settings,
                  const char *key)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, key);
}

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (t <= 0)
    return g_strdup (_("never"));
  utc = g_date_time_new_from_unix_utc (t);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static const char *
origin_label (CrRulesOrigin origin)
{
  switch (origin)
    {
    case CR_RULES_ORIGIN_BUNDLED:
      return _("bundled");
    case CR_RULES_ORIGIN_CACHED:
      return _("cached");
    case CR_RULES_ORIGIN_FETCHED:
      return _("fetched");
    default:
      g_return_val_if_reached ("");
    }
}

static char *
format_validity (const char *from,
                 const char *until)
{
  return g_strdup_printf ("%s…%s", from != NULL ? from : "", until != NULL ? until : "");
}

/* -- rules list ------------------------------------------------------------- */

static void
print_in_force (CrRulesStatus *status,
                FILE          *stream)
{
  for (guint i = 0; i < status->entries->len; i++)
    {
      CrRulesStatusEntry *entry = g_ptr_array_index (status->entries, i);

      if (entry->in_force)
        {
          g_autofree char *line =
            /* Translators: "cn-national 2026.1 (bundled)". */
            g_strdup_printf (_("%s %s (%s)"), entry->id, entry->version,
                             origin_label (entry->origin));

          fprintf (stream, "  %s\n", line);
        }
    }
}

static int
rules_list (int    argc,
            char **argv)
{
  g_autofree char *cache_dir = NULL;
  GOptionEntry entries[] = {
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      N_("Use this rule-set cache instead of the user's"), N_("DIR") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (NULL, _("Lists the installed and cached rule sets: id, version, validity, "
                         "source and SHA-256, one per line, separated by tabs; the set in force "
                         "for each id is marked “in force”."), entries);
  g_auto(GStrv) args = NULL;
  g_autoptr(CrRulesClient) client = NULL;
  g_autoptr(CrRulesStatus) status = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checked = NULL;

  if (!parse (context, argc, argv, &args))
    return CR_EXIT_USAGE;
  if (args[1] != NULL)
    return usage_error (context, _("“rules list” takes no arguments"));

  client = cr_rules_client_new (cache_dir);
  status = cr_rules_client_get_status (client, NULL, &error);
  if (status == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }

  for (guint i = 0; i < status->entries->len; i++)
    {
      CrRulesStatusEntry *entry = g_ptr_array_index (status->entries, i);
      g_autofree char *validity = format_validity (entry->valid_from, entry->valid_until);

      g_print ("%s\t%s\t%s\t%s\t%s%s%s\n", entry->id, entry->version, validity,
               origin_label (entry->origin), entry->sha256,
               entry->in_force ? "\t" : "", entry->in_force ? _("in force") : "");
    }

  checked = format_time (status->last_checked);
  g_print ("\n");
  if (status->source_url != NULL)
    g_print (_("Last checked: %s, at %s"), checked, status->source_url);
  else
    g_print (_("Last checked: %s"), checked);
  g_print ("\n");
  if (status->last_error != NULL)
    {
      g_print (_("That check failed: %s"), status->last_error);
      g_print ("\n");
    }

  return CR_EXIT_OK;
}

/* -- rules fetch ------------------------------------------------------------ */

typedef struct
{
  GMainLoop          *loop;
  CrRulesFetchResult *result;
  GError             *error;
} FetchWait;

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  FetchWait *wait = user_data;

  wait->result = cr_rules_client_fetch_finish (CR_RULES_CLIENT (source), result, &wait->error);
  g_main_loop_quit (wait->loop);
}

static int
rules_fetch (int    argc,
             char **argv)
{
  g_autofree char *cache_dir = NULL;
  g_auto(GStrv) trust = NULL;
  g_auto(GStrv) allow_http = NULL;
  int timeout = -1;
  GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &trust,
      N_("Also trust the minisign public key in this file (repeatable)"), N_("PUBLIC_KEY_FILE") },
    { "cache-dir", 0, 0, G_OPTION_ARG_FILENAME, &cache_dir,
      N_("Use this rule-set cache instead of the user's"), N_("DIR") },
    { "allow-http-host", 0, 0, G_OPTION_ARG_STRING_ARRAY, &allow_http,
      N_("Allow plain HTTP from this host or host:port, such as a classroom server "
         "(repeatable)"), N_("HOST") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      N_("Seconds to wait for the server (default 15)"), N_("SECONDS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("[URL]"),
                 _("Fetches the rule-set index at URL (default: the configured rule source) "
                   "and every newer rule set it lists, checks their signatures, checksums and "
                   "versions, and puts them in the cache.\n\n"
                   "Exit status: 0 when the cache is up to date, 1 when the fetch failed (the "
                   "rule sets in force are kept), 2 on a usage error."), entries);
  g_auto(GStrv) args = NULL;
  g_autoptr(GSettings) settings = lookup_settings ();
  g_autoptr(CrRulesClient) client = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(CrRulesStatus) status = NULL;
  g_autofree char *url = NULL;
  FetchWait wait = { NULL, NULL, NULL };

  if (!parse (context, argc, argv, &args))
    return CR_EXIT_USAGE;
  if (args[1] != NULL && args[2] != NULL)
    return usage_error (context, _("“rules fetch” takes at most one URL"));
  if (timeout == 0 || timeout < -1)
    return usage_error (context, _("--timeout must be a positive number of seconds"));

  if (args[1] != NULL)
    url = g_strdup (args[1]);
  else if (settings != NULL)
    url = g_settings_get_string (settings, "rules-url");
  if (url == NULL || *url == '\0')
    {
      g_free (url);
      url = g_strdup (DEFAULT_RULES_URL);
    }

  client = cr_rules_client_new (cache_dir);
  if (timeout > 0)
    g_object_set (client, "timeout", (guint) timeout, NULL);

  /* The keys and hosts the user allowed in Preferences count here too. */
  if (settings != NULL && settings_has_key (settings, "trusted-keys"))
    {
      g_auto(GStrv) keys = g_settings_get_strv (settings, "trusted-keys");
      g_autoptr(GError) error = NULL;

      if (!cr_rules_client_add_trusted_keys_from_strings (client, (const char * const *) keys,
                                                          &error))
        g_printerr (_("%s: ignoring a trusted key from the settings: %s\n"), g_get_prgname (),
                    error->message);
    }
  if (settings != NULL && settings_has_key (settings, "insecure-hosts"))
    {
      g_auto(GStrv) hosts = g_settings_get_strv (settings, "insecure-hosts");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) all = NULL;

      g_strv_builder_addv (builder, (const char **) hosts);
      if (allow_http != NULL)
        g_strv_builder_addv (builder, (const char **) allow_http);
      all = g_strv_builder_end (builder);
      cr_rules_client_set_insecure_hosts (client, (const char * const *) all);
    }
  else
    cr_rules_client_set_insecure_hosts (client, (const char * const *) allow_http);

  for (guint i = 0; trust != NULL && trust[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrPublicKey) key = cr_public_key_new_from_file (trust[i], &error);

      if (key == NULL)
        {
          g_printerr ("%s: %s\n", g_get_prgname (), error->message);
          return CR_EXIT_USAGE;
        }
      cr_rules_client_add_trusted_key (client, key);
    }

  loop = g_main_loop_new (NULL, FALSE);
  wait.loop = loop;
  cr_rules_client_fetch_async (client, url, NULL, fetch_cb, &wait);
  g_main_loop_run (loop);

  status = cr_rules_client_get_status (client, NULL, NULL);

  if (wait.result == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), wait.error->message);
      g_clear_error (&wait.error);
      if (status != NULL)
        {
          g_printerr ("%s\n", _("Nothing was changed; the rule sets in force are still:"));
          print_in_force (status, stderr);
        }
      return CR_EXIT_NO;
    }

  if (wait.result->updates->len == 0)
    {
      g_print ("%s\n", wait.result->index_not_modified
               ? _("The rule sets are up to date (the index has not changed).")
               : _("The rule sets are up to date."));
    }
  for (guint i = 0; i < wait.result->updates->len; i++)
    {
      CrRulesUpdate *update = g_ptr_array_index (wait.result->updates, i);

      if (update->old_version != NULL)
        g_print (_("Updated %s from version %s (%s) to %s, signed by key %s"), update->id,
                 update->old_version, origin_label (update->old_origin), update->new_version,
                 update->key_id);
      else
        g_print (_("Added %s version %s, signed by key %s"), update->id, update->new_version,
                 update->key_id);
      g_print ("\n");
    }
  g_print ("%s\n", _("In force:"));
  if (status != NULL)
    print_in_force (status, stdout);

  cr_rules_fetch_result_unref (wait.result);
  return CR_EXIT_OK;
}

/* -- rules diff ------------------------------------------------------------- */

static int
rules_diff (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (_("OLD NEW"),
                 _("Shows in plain words what changed between two rule-set files: rules "
                   "added or removed, severities tightened or loosened, periods and required "
                   "materials."), NULL);
  g_auto(GStrv) args = NULL;
  g_autoptr(CrRuleSetCollection) bases = NULL;
  g_autoptr(CrRuleSet) old_set = NULL;
  g_autoptr(CrRuleSet) new_set = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;

  if (!parse (context, argc, argv, &args))
    return CR_EXIT_USAGE;
  if (args[1] == NULL || args[2] == NULL || args[3] != NULL)
    return usage_error (context, _("“rules diff” needs two rule-set files"));

  bases = cr_rule_set_collection_new_default ();
  old_set = cr_rule_set_new_from_file (args[1], CR_RULE_SET_SOURCE_FILE, bases, &error);
  if (old_set == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }
  new_set = cr_rule_set_new_from_file (args[2], CR_RULE_SET_SOURCE_FILE, bases, &error);
  if (new_set == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }

  changes = cr_rules_diff (old_set, new_set);
  if (changes->len == 0)
    g_print ("%s\n", _("No changes."));
  for (guint i = 0; i < changes->len; i++)
    {
      CrRulesChange *change = g_ptr_array_index (changes, i);

      g_print ("%s\n", change->message);
    }

  return CR_EXIT_OK;
}

/* -- rules publish ---------------------------------------------------------- */

/* Reads one line: without echo from a terminal, as it is otherwise. */
static char *
read_password (const char *prompt)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1024];
  char *line;

  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      fflush (stderr);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }

  line = fgets (buffer, sizeof buffer, stdin);

  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      fputc ('\n', stderr);
    }

  if (line == NULL)
    return NULL;
  buffer[strcspn (buffer, "\r\n")] = '\0';
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

static int
rules_publish (int    argc,
               char **argv)
{
  g_autofree char *key_path = NULL;
  GOptionEntry entries[] = {
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path,
      N_("The minisign secret key to sign with (as “minisign -G” writes it)"), N_("SECRET_KEY") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    new_context (_("OUT_DIR RULESET.json…"),
                 _("Signs the rule sets and writes them, their signatures and a signed index "
                   "into OUT_DIR, a folder any web server can serve as it is. A key protected "
                   "by a password asks for it (from standard input when that is not a "
                   "terminal).\n\n"
                   "Exit status: 0 when published, 1 when a rule set was refused (an older "
                   "or conflicting version), 2 on a usage or input error."), entries);
  g_auto(GStrv) args = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *password = NULL;
  g_autoptr(CrSecretKey) key = NULL;
  g_autoptr(GPtrArray) published = NULL;
  g_autoptr(GError) error = NULL;
  gboolean encrypted = FALSE;
  gsize key_len = 0;

  if (!parse (context, argc, argv, &args))
    return CR_EXIT_USAGE;
  if (key_path == NULL)
    return usage_error (context, _("--key is required"));
  if (args[1] == NULL || args[2] == NULL)
    return usage_error (context, _("“rules publish” needs an output folder and at least one "
                                   "rule-set file"));

  if (!g_file_get_contents (key_path, &key_text, &key_len, &error)
      || !cr_secret_key_data_is_encrypted (key_text, &encrypted, &error))
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return CR_EXIT_USAGE;
    }

  if (encrypted)
    {
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), key_path);

      password = read_password (prompt);
      if (password == NULL)
        {
          g_printerr (_("%s: %s is protected by a password, and none was given\n"),
                      g_get_prgname (), key_path);
          return CR_EXIT_USAGE;
        }
    }

  key = cr_secret_key_new_from_string (key_text, password, &error);
  memset (key_text, 0, key_len);
  if (password != NULL)
    memset (password, 0, strlen (password));
  if (key == NULL)
    {
      g_printerr ("%s: %s: %s\n", g_get_prgname (), key_path, error->message);
      return CR_EXIT_USAGE;
    }

  published = cr_rules_publish (key, args[1], (const char * const *) args + 2, &error);
  if (published == NULL)
    {
      g_printerr ("%s: %s\n", g_get_prgname (), error->message);
      return g_error_matches (error, CR_RULES_PUBLISH_ERROR, CR_RULES_PUBLISH_ERROR_DOWNGRADE)
             ? CR_EXIT_NO : CR_EXIT_USAGE;
    }

  for (guint i = 0; i < published->len; i++)
    {
      CrRulesIndexEntry *entry = g_ptr_array_index (published, i);

      g_print (_("Published %s version %s as %s"), entry->id, entry->version, entry->url);
      g_print ("\n");
    }
  g_print (_("Signed with key %s. Serve the folder %s as it is: clients fetch index.json from "
             "where it is served."), cr_secret_key_get_id (key), args[1]);
  g_print ("\n");

  return CR_EXIT_OK;
}

/* -- dispatch --------------------------------------------------------------- */

static const struct
{
  const char *name;
  int       (*func) (int argc, char **argv);
  const char *summary;
} subcommands[] = {
  { "list", rules_list, N_("Show the installed and cached rule sets") },
  { "fetch", rules_fetch, N_("Fetch new rule sets from the rule source") },
  { "diff", rules_diff, N_("Show what changed between two rule-set files") },
  { "publish", rules_publish, N_("Sign rule sets into a folder a web server can serve") },
};

static int
print_rules_usage (FILE *stream)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("Usage: %s SUBCOMMAND [ARGS…]"), g_get_prgname ());
  g_string_append (text, "\n\n");
  g_string_append (text, _("Subcommands:"));
  g_string_append_c (text, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    g_string_append_printf (text, "  %-8s %s\n", subcommands[i].name, _(subcommands[i].summary));
  fputs (text->str, stream);
  return stream == stdout ? CR_EXIT_OK : CR_EXIT_USAGE;
}

/**
 * cr_cli_rules:
 *
 * Runs `rules SUBCOMMAND …`; argv[0] is "rules".
 */
int
cr_cli_rules (int    argc,
              char **argv)
{
  g_autofree char *prgname = NULL;
  const char *name;

  g_return_val_if_fail (argc >= 1, CR_EXIT_USAGE);

  prgname = g_strdup_printf ("%s %s", g_get_prgname (), argv[0]);
  g_set_prgname (prgname);

  if (argc < 2)
    return print_rules_usage (stderr);

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    return print_rules_usage (stdout);

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      if (g_str_equal (name, subcommands[i].name))
        {
          g_autofree char *sub = g_strdup_printf ("%s %s", prgname, name);

          g_set_prgname (sub);
          return subcommands[i].func (argc - 1, argv + 1);
        }
    }

  g_printerr (_("%s: unknown subcommand “%s”"), g_get_prgname (), name);
  g_printerr ("\n");
  print_rules_usage (stderr);
  return CR_EXIT_USAGE;
}
