/* cr-rules-updater.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetching is the rules client's business (async, never blocking); what
 * is here is the glue to the settings and the window, and the report made
 * when new rule sets arrive. The report's two parts run in worker threads
 * one after the other: first the plain-words differences (quick, so the
 * window can show them at once), then the re-check of every case in the
 * library under the old and the new rules.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-application.h"
#include "cr-case-store.h"
#include "cr-checker.h"
#include "cr-date.h"
#include "cr-library.h"
#include "cr-rules-updater.h"

/* CrRulesReport */

struct _CrRulesReport
{
  GObject    parent_instance;

  GPtrArray *sets;        /* CrRulesReportSet */
  GPtrArray *cases;       /* CrRulesReportCase */
  GPtrArray *case_errors; /* char *: cases that could not be read */
  guint      n_checked;
  gboolean   checking;
};

G_DEFINE_FINAL_TYPE (CrRulesReport, cr_rules_report, G_TYPE_OBJECT)

enum {
  REPORT_PROP_0,
  REPORT_PROP_CHECKING,
  REPORT_N_PROPS
};

static GParamSpec *report_properties[REPORT_N_PROPS];

static void
report_set_free (CrRulesReportSet *set)
{
  g_free (set->id);
  g_free (set->title);
  g_free (set->old_version);
  g_free (set->new_version);
  g_clear_pointer (&set->changes, g_ptr_array_unref);
  g_free (set->error);
  g_free (set);
}

static void
report_case_free (CrRulesReportCase *item)
{
  g_free (item->folder);
  g_free (item->name);
  g_clear_pointer (&item->lines, g_ptr_array_unref);
  g_free (item);
}

static void
cr_rules_report_finalize (GObject *object)
{
  CrRulesReport *self = CR_RULES_REPORT (object);

  g_ptr_array_unref (self->sets);
  g_ptr_array_unref (self->cases);
  g_ptr_array_unref (self->case_errors);

  G_OBJECT_CLASS (cr_rules_report_parent_class)->finalize (object);
}

static void
cr_rules_report_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrRulesReport *self = CR_RULES_REPORT (object);

  switch (prop_id)
    {
    case REPORT_PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_report_class_init (CrRulesReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_rules_report_finalize;
  object_class->get_property = cr_rules_report_get_property;

  /**
   * CrRulesReport:checking:
   *
   * Whether the cases of the library are still being re-checked; the
   * list of cases is complete when it turns %FALSE.
   */
  report_properties[REPORT_PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, REPORT_N_PROPS, report_properties);
}

static void
cr_rules_report_init (CrRulesReport *self)
{
  self->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) report_set_free);
  self->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) report_case_free);
  self->case_errors = g_ptr_array_new_with_free_func (g_free);
  self->checking = TRUE;
}

/**
 * cr_rules_report_get_sets:
 *
 * Returns: (transfer none) (element-type CrRulesReportSet): the rule sets
 * the check brought, with what changed in each
 */
GPtrArray *
cr_rules_report_get_sets (CrRulesReport *self)
{
  g_return_val_if_fail (CR_IS_RULES_REPORT (self), NULL);

  return self->sets;
}

/**
 * cr_rules_report_get_cases:
 *
 * Returns: (transfer none) (element-type CrRulesReportCase): the cases
 * whose verdict or dates change, complete once #CrRulesReport:checking is
 * %FALSE
 */
GPtrArray *
cr_rules_report_get_cases (CrRulesReport *self)
{
  g_return_val_if_fail (CR_IS_RULES_REPORT (self), NULL);

  return self->cases;
}

gboolean
cr_rules_report_get_checking (CrRulesReport *self)
{
  g_return_val_if_fail (CR_IS_RULES_REPORT (self), FALSE);

  return self->checking;
}

/**
 * cr_rules_report_get_n_checked:
 *
 * Returns: how many cases of the library were re-checked
 */
guint
cr_rules_report_get_n_checked (CrRulesReport *self)
{
  g_return_val_if_fail (CR_IS_RULES_REPORT (self), 0);

  return self->n_checked;
}

/**
 * cr_rules_report_get_case_errors:
 *
 * Returns: (transfer none) (element-type utf8): why some cases could not
 * be re-checked, one message each
 */
GPtrArray *
cr_rules_report_get_case_errors (CrRulesReport *self)
{
  g_return_val_if_fail (CR_IS_RULES_REPORT (self), NULL);

  return self->case_errors;
}

/* CrRulesUpdater */

static void check_done (CrRulesUpdater *self);

struct _CrRulesUpdater
{
  GObject        parent_instance;

  GSettings     *settings;
  char          *cache_dir;
  CrRulesClient *client;
  gboolean       client_stale;   /* the trusted keys changed during a check */
  GStrv          library_roots;
  GDate          check_date;

  CrRulesStatus *status;
  GHashTable    *titles;         /* rule-set id → title in the UI language */
  guint          status_serial;
  gboolean       checking;
  gboolean       startup_done;
  char          *last_error;
  CrRulesReport *report;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (CrRulesUpdater, cr_rules_updater, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CACHE_DIR,
  PROP_STATUS_SERIAL,
  PROP_CHECKING,
  PROP_LAST_ERROR,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_RULES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
reload_application_rules_cb (CrRulesUpdater *updater,
                             CrRulesReport  *report,
                             CrApplication  *app)
{
  /* The check controllers follow the application's rule sets. */
  cr_application_reload_rule_sets (app);
}

/**
 * cr_rules_updater_get_default:
 *
 * The updater of the application, made with its settings on first use.
 * When it brings new rule sets, the application's are loaded again.
 *
 * Returns: (transfer none): the updater
 */
CrRulesUpdater *
cr_rules_updater_get_default (void)
{
  static CrRulesUpdater *updater;

  if (updater == NULL)
    {
      GApplication *app = g_application_get_default ();
      g_autoptr(GSettings) settings = NULL;

      if (app != NULL && CR_IS_APPLICATION (app))
        settings = g_object_ref (cr_application_get_settings (CR_APPLICATION (app)));
      else
        settings = g_settings_new (BASE_APP_ID);

      updater = cr_rules_updater_new (settings, NULL);
      g_object_add_weak_pointer (G_OBJECT (updater), (gpointer *) &updater);
      if (app != NULL && CR_IS_APPLICATION (app))
        g_signal_connect_object (updater, "rules-changed",
                                 G_CALLBACK (reload_application_rules_cb), app, 0);
    }

  return updater;
}

/**
 * cr_rules_updater_new:
 * @settings: the application's settings
 * @cache_dir: (nullable): the rule-set cache; %NULL for the default
 */
CrRulesUpdater *
cr_rules_updater_new (GSettings  *settings,
                      const char *cache_dir)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CR_TYPE_RULES_UPDATER,
                       "settings", settings,
                       "cache-dir", cache_dir,
                       NULL);
}

CrRulesClient *
cr_rules_updater_get_client (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->client;
}

GSettings *
cr_rules_updater_get_settings (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->settings;
}

static void
set_last_error (CrRulesUpdater *self,
                const char     *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_checking (CrRulesUpdater *self,
              gboolean        checking)
{
  if (self->checking == checking)
    return;

  self->checking = checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING]);
}

/* The client trusts the project key, plus the keys of the setting; the
 * client cannot forget a key, so a changed setting makes a new client. */
static void
make_client (CrRulesUpdater *self)
{
  g_auto(GStrv) keys = g_settings_get_strv (self->settings, "trusted-keys");
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "insecure-hosts");

  g_clear_object (&self->client);
  self->client = cr_rules_client_new (self->cache_dir);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrPublicKey) key = cr_public_key_new_from_string (keys[i], &error);

      if (key == NULL)
        {
          g_warning ("Ignoring a trusted key from the settings: %s", error->message);
          continue;
        }
      cr_rules_client_add_trusted_key (self->client, key);
    }
  cr_rules_client_set_insecure_hosts (self->client, (const char * const *) hosts);
  self->client_stale = FALSE;
}

static void
keys_changed_cb (CrRulesUpdater *self)
{
  if (self->checking)
    self->client_stale = TRUE;
  else
    make_client (self);
}

static void
hosts_changed_cb (CrRulesUpdater *self)
{
  g_auto(GStrv) hosts = g_settings_get_strv (self->settings, "insecure-hosts");

  cr_rules_client_set_insecure_hosts (self->client, (const char * const *) hosts);
}

/* Status */

/* The titles of the rule sets, which the status does not carry: read in a
 * worker thread, as the rule sets are files. */
static void
titles_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  GHashTable *titles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  CrLanguage language = cr_language_get_default ();

  for (guint i = 0; i < cr_rule_set_collection_get_n_rule_sets (rules); i++)
    {
      CrRuleSet *rule_set = cr_rule_set_collection_get_rule_set (rules, i);

      g_hash_table_replace (titles, g_strdup (cr_rule_set_get_id (rule_set)),
                            g_strdup (cr_rule_set_get_title (rule_set, language)));
    }

  g_task_return_pointer (task, titles, (GDestroyNotify) g_hash_table_unref);
}

static void
titles_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrRulesUpdater) self = user_data;
  GHashTable *titles = g_task_propagate_pointer (G_TASK (result), NULL);

  if (titles != NULL)
    {
      g_clear_pointer (&self->titles, g_hash_table_unref);
      self->titles = titles;
    }

  self->status_serial++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_SERIAL]);
}

static void
status_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CrRulesUpdater) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  CrRulesStatus *status;

  status = cr_rules_client_get_status_finish (CR_RULES_CLIENT (object), result, &error);
  if (status == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the status of the rule sets: %s", error->message);
      return;
    }

  g_clear_pointer (&self->status, cr_rules_status_free);
  self->status = status;

  task = g_task_new (NULL, self->cancellable, titles_cb, g_object_ref (self));
  g_task_set_source_tag (task, status_cb);
  g_task_run_in_thread (task, titles_thread);
}

/**
 * cr_rules_updater_get_title:
 * @id: a rule-set id
 *
 * Returns: (nullable): the title of the rule set in force under @id, in
 * the UI language, once the status is known
 */
const char *
cr_rules_updater_get_title (CrRulesUpdater *self,
                            const char     *id)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->titles != NULL ? g_hash_table_lookup (self->titles, id) : NULL;
}

/**
 * cr_rules_updater_refresh_status:
 *
 * Reads again which rule sets are in force (in a worker thread);
 * #CrRulesUpdater:status-serial is notified when it is known.
 */
void
cr_rules_updater_refresh_status (CrRulesUpdater *self)
{
  g_return_if_fail (CR_IS_RULES_UPDATER (self));

  cr_rules_client_get_status_async (self->client, self->cancellable, status_cb,
                                    g_object_ref (self));
}

/**
 * cr_rules_updater_get_status:
 *
 * Returns: (nullable): what is in force, or %NULL until it is known
 */
const CrRulesStatus *
cr_rules_updater_get_status (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->status;
}

gboolean
cr_rules_updater_get_checking (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), FALSE);

  return self->checking;
}

/**
 * cr_rules_updater_get_last_error:
 *
 * Returns: (nullable): why the last check for updates failed, if it did
 */
const char *
cr_rules_updater_get_last_error (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->last_error;
}

/**
 * cr_rules_updater_get_report:
 *
 * Returns: (transfer none) (nullable): the report of the last check that
 * brought new rule sets in this run
 */
CrRulesReport *
cr_rules_updater_get_report (CrRulesUpdater *self)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), NULL);

  return self->report;
}

void
cr_rules_updater_set_library_roots (CrRulesUpdater     *self,
                                    const char * const *roots)
{
  g_return_if_fail (CR_IS_RULES_UPDATER (self));

  g_strfreev (self->library_roots);
  self->library_roots = g_strdupv ((char **) roots);
}

void
cr_rules_updater_set_check_date (CrRulesUpdater *self,
                                 const GDate    *date)
{
  g_return_if_fail (CR_IS_RULES_UPDATER (self));

  g_date_clear (&self->check_date, 1);
  if (date != NULL && g_date_valid (date))
    self->check_date = *date;
}

/* The report, part 1: what changed in each rule set */

typedef struct
{
  char   *id;
  char   *old_version;
  char   *new_version;
  GBytes *old_data;
  GBytes *new_data;
} UpdateCopy;

typedef struct
{
  GPtrArray  *updates;  /* UpdateCopy */
  GStrv       roots;
  GDate       date;
  CrLanguage  language;
} ReportJob;

static void
update_copy_free (UpdateCopy *copy)
{
  g_free (copy->id);
  g_free (copy->old_version);
  g_free (copy->new_version);
  g_clear_pointer (&copy->old_data, g_bytes_unref);
  g_clear_pointer (&copy->new_data, g_bytes_unref);
  g_free (copy);
}

static void
report_job_free (ReportJob *job)
{
  g_ptr_array_unref (job->updates);
  g_strfreev (job->roots);
  g_free (job);
}

static void
diff_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  GPtrArray *sets = g_ptr_array_new_with_free_func ((GDestroyNotify) report_set_free);

  for (guint i = 0; i < job->updates->len; i++)
    {
      UpdateCopy *update = g_ptr_array_index (job->updates, i);
      CrRulesReportSet *set = g_new0 (CrRulesReportSet, 1);
      CrRuleSet *rule_set = cr_rule_set_collection_lookup (rules, update->id);

      set->id = g_strdup (update->id);
      set->old_version = g_strdup (update->old_version);
      set->new_version = g_strdup (update->new_version);
      if (rule_set != NULL)
        set->title = g_strdup (cr_rule_set_get_title (rule_set, job->language));

      if (update->old_data != NULL)
        {
          g_autoptr(GError) error = NULL;

          set->changes = cr_rules_diff_bytes (update->old_data, update->new_data, &error);
          if (set->changes == NULL)
            set->error = g_strdup (error->message);
        }
      g_ptr_array_add (sets, set);
    }

  g_task_return_pointer (task, sets, (GDestroyNotify) g_ptr_array_unref);
}

/* The report, part 2: the cases of the library under the old and the new
 * rules */

typedef struct
{
  GPtrArray *cases;
  GPtrArray *errors;
  guint      n_checked;
} CasesResult;

static void
cases_result_free (CasesResult *result)
{
  g_ptr_array_unref (result->cases);
  g_ptr_array_unref (result->errors);
  g_free (result);
}

/* The rules in force before the update: those of now, with each updated
 * set replaced by the version it replaced (a new id simply left out). */
static CrRuleSetCollection *
previous_rules (CrRuleSetCollection *now,
                GPtrArray           *updates)
{
  CrRuleSetCollection *before = cr_rule_set_collection_new ();

  cr_rule_set_collection_set_jurisdiction (before, cr_rule_set_collection_get_jurisdiction (now));
  for (guint i = 0; i < cr_rule_set_collection_get_n_rule_sets (now); i++)
    {
      CrRuleSet *rule_set = cr_rule_set_collection_get_rule_set (now, i);
      gboolean updated = FALSE;

      for (guint j = 0; j < updates->len && !updated; j++)
        updated = g_str_equal (((UpdateCopy *) g_ptr_array_index (updates, j))->id,
                               cr_rule_set_get_id (rule_set));
      if (!updated)
        cr_rule_set_collection_add (before, rule_set);
    }

  for (guint j = 0; j < updates->len; j++)
    {
      UpdateCopy *update = g_ptr_array_index (updates, j);
      g_autoptr(CrRuleSet) old = NULL;
      g_autoptr(GError) error = NULL;

      if (update->old_data == NULL)
        continue;
      old = cr_rule_set_new_from_bytes (update->old_data, update->id, CR_RULE_SET_SOURCE_CACHE,
                                        before, &error);
      if (old == NULL)
        g_warning ("Cannot load the previous version of %s: %s", update->id, error->message);
      else
        cr_rule_set_collection_add (before, old);
    }

  return before;
}

static char *
date_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    /* Translators: a date that does not apply */
    return g_strdup (_("none"));
  return cr_date_format (date);
}

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  gboolean va = g_date_valid (a), vb = g_date_valid (b);

  return va == vb && (!va || g_date_compare (a, b) == 0);
}

static const char *
verdict_text (gboolean ready)
{
  return ready ? _("ready to apply") : _("not ready to apply");
}

static GPtrArray *
compare_results (CrCheckResult *before,
                 const char    *before_error,
                 CrCheckResult *after,
                 const char    *after_error)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  if (before == NULL || after == NULL)
    {
      if (before != NULL || after != NULL || g_strcmp0 (before_error, after_error) != 0)
        /* Translators: the reasons a case cannot be checked, before and after an update */
        g_ptr_array_add (lines, g_strdup_printf (_("It could not be checked: %s"),
                                                 after_error != NULL ? after_error : before_error));
      return lines;
    }

  if (cr_check_result_get_ready (before) != cr_check_result_get_ready (after))
    /* Translators: the verdict on a case before and after an update */
    g_ptr_array_add (lines, g_strdup_printf (_("Verdict: %s, was %s"),
                                             verdict_text (cr_check_result_get_ready (after)),
                                             verdict_text (cr_check_result_get_ready (before))));

  for (guint i = 0; i < cr_check_result_get_n_records (after); i++)
    {
      const CrCheckRecord *now = cr_check_result_get_record (after, i);
      const CrCheckRecord *was = now->id != NULL ? cr_check_result_lookup_record (before, now->id)
                                                 : NULL;
      const char *id = now->id != NULL ? now->id : "?";

      if (was == NULL)
        continue;

      if (now->status != was->status)
        /* Translators: a record's id, its status now, its status before */
        g_ptr_array_add (lines, g_strdup_printf (_("Record %s: %s, was %s"), id,
                                                 cr_record_status_get_label (now->status),
                                                 cr_record_status_get_label (was->status)));
      if (!dates_equal (&now->earliest_application_date, &was->earliest_application_date))
        {
          g_autofree char *a = date_text (&now->earliest_application_date);
          g_autofree char *b = date_text (&was->earliest_application_date);

          /* Translators: a record's id, the new date, the old date */
          g_ptr_array_add (lines, g_strdup_printf (_("Record %s: earliest application on %s, "
                                                     "was %s"), id, a, b));
        }
      if (!dates_equal (&now->display_end_date, &was->display_end_date))
        {
          g_autofree char *a = date_text (&now->display_end_date);
          g_autofree char *b = date_text (&was->display_end_date);

          /* Translators: a record's id, the new date, the old date */
          g_ptr_array_add (lines, g_strdup_printf (_("Record %s: publication ends on %s, "
                                                     "was %s"), id, a, b));
        }
      if (!g_strv_equal ((const char * const *) now->required_slots,
                         (const char * const *) was->required_slots))
        /* Translators: %s is a record's id */
        g_ptr_array_add (lines, g_strdup_printf (_("Record %s: other materials are required"),
                                                 id));
    }

  return lines;
}

static void
recheck_case (ReportJob           *job,
              CrCaseStore         *store,
              CrCaseSummary       *summary,
              CrRuleSetCollection *before_rules,
              CrRuleSetCollection *after_rules,
              CasesResult         *result)
{
  const char *folder = cr_case_summary_get_folder (summary);
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCheckResult) before = NULL;
  g_autoptr(CrCheckResult) after = NULL;
  g_autoptr(GError) before_error = NULL;
  g_autoptr(GError) after_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  CrRulesReportCase *item;
  const char *name;

  name = cr_case_summary_get_name (summary);
  if (name == NULL || *name == '\0')
    name = cr_case_summary_get_company_name (summary);
  if (name == NULL || *name == '\0')
    name = folder;

  kase = cr_case_store_load (store, folder, NULL, &error);
  if (kase == NULL)
    {
      /* Translators: a case's name, then why it cannot be read */
      g_ptr_array_add (result->errors, g_strdup_printf (_("%s: %s"), name, error->message));
      return;
    }

  result->n_checked++;
  before = cr_checker_check_case (before_rules, kase, &job->date, job->language, &before_error);
  after = cr_checker_check_case (after_rules, kase, &job->date, job->language, &after_error);
  lines = compare_results (before, before_error != NULL ? before_error->message : NULL,
                           after, after_error != NULL ? after_error->message : NULL);
  if (lines->len == 0)
    return;

  item = g_new0 (CrRulesReportCase, 1);
  item->folder = g_strdup (folder);
  item->name = g_strdup (name);
  item->old_ready = before != NULL && cr_check_result_get_ready (before);
  item->new_ready = after != NULL && cr_check_result_get_ready (after);
  item->lines = g_steal_pointer (&lines);
  g_ptr_array_add (result->cases, item);
}

static void
cases_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ReportJob *job = task_data;
  g_autoptr(CrRuleSetCollection) after_rules = cr_rule_set_collection_new_default ();
  g_autoptr(CrRuleSetCollection) before_rules = previous_rules (after_rules, job->updates);
  CasesResult *result = g_new0 (CasesResult, 1);

  result->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) report_case_free);
  result->errors = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 0; job->roots[r] != NULL && !g_cancellable_is_cancelled (cancellable); r++)
    {
      g_autoptr(CrCaseStore) store = cr_case_store_new (job->roots[r]);
      g_autoptr(GPtrArray) summaries = NULL;
      g_autoptr(GError) error = NULL;

      summaries = cr_case_store_list (store, cancellable, &error);
      if (summaries == NULL)
        {
          /* A library folder that does not exist yet holds no cases. */
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
              !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_ptr_array_add (result->errors, g_strdup (error->message));
          continue;
        }

      for (guint i = 0; i < summaries->len && !g_cancellable_is_cancelled (cancellable); i++)
        {
          CrCaseSummary *summary = g_ptr_array_index (summaries, i);

          if (cr_case_summary_get_error (summary) != NULL)
            continue;
          recheck_case (job, store, summary, before_rules, after_rules, result);
        }
    }

  g_task_return_pointer (task, result, (GDestroyNotify) cases_result_free);
}

/* Both threads read the job, one after the other; this owns it. */
typedef struct
{
  CrRulesUpdater *self;
  CrRulesReport  *report;
  ReportJob      *job;
} ReportData;

static void
report_data_free (ReportData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->report);
  report_job_free (data->job);
  g_free (data);
}

static void
cases_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ReportData *data = user_data;
  CasesResult *cases;

  cases = g_task_propagate_pointer (G_TASK (result), NULL);
  if (cases != NULL)
    {
      g_ptr_array_extend_and_steal (data->report->cases, g_steal_pointer (&cases->cases));
      g_ptr_array_extend_and_steal (data->report->case_errors, g_steal_pointer (&cases->errors));
      data->report->n_checked = cases->n_checked;
      g_free (cases);
    }

  data->report->checking = FALSE;
  g_object_notify_by_pspec (G_OBJECT (data->report), report_properties[REPORT_PROP_CHECKING]);
  report_data_free (data);
}

static void
diff_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReportData *data = user_data;
  g_autoptr(GPtrArray) sets = NULL;
  g_autoptr(GTask) task = NULL;

  sets = g_task_propagate_pointer (G_TASK (result), NULL);
  if (g_cancellable_is_cancelled (data->self->cancellable))
    {
      set_checking (data->self, FALSE);
      report_data_free (data);
      return;
    }
  if (sets != NULL)
    g_ptr_array_extend_and_steal (data->report->sets, g_steal_pointer (&sets));

  /* The window shows the differences now; the cases come later. */
  g_set_object (&data->self->report, data->report);
  g_object_notify_by_pspec (G_OBJECT (data->self), properties[PROP_REPORT]);
  g_signal_emit (data->self, signals[SIGNAL_RULES_CHANGED], 0, data->report);
  check_done (data->self);

  task = g_task_new (NULL, data->self->cancellable, cases_done_cb, data);
  g_task_set_source_tag (task, diff_done_cb);
  g_task_set_task_data (task, data->job, NULL);
  g_task_run_in_thread (task, cases_thread);
}

static GStrv
library_roots (CrRulesUpdater *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *root = NULL;
  g_auto(GStrv) extra = NULL;

  if (self->library_roots != NULL)
    return g_strdupv (self->library_roots);

  builder = g_strv_builder_new ();
  root = cr_library_dup_default_root ();
  g_strv_builder_add (builder, root);
  extra = g_settings_get_strv (self->settings, "library-folders");
  g_strv_builder_addv (builder, (const char **) extra);

  return g_strv_builder_end (builder);
}

static void
start_report (CrRulesUpdater     *self,
              CrRulesFetchResult *fetched)
{
  g_autoptr(GTask) task = NULL;
  ReportJob *job = g_new0 (ReportJob, 1);
  ReportData *data = g_new0 (ReportData, 1);

  job->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) update_copy_free);
  for (guint i = 0; i < fetched->updates->len; i++)
    {
      CrRulesUpdate *update = g_ptr_array_index (fetched->updates, i);
      UpdateCopy *copy = g_new0 (UpdateCopy, 1);

      copy->id = g_strdup (update->id);
      copy->old_version = g_strdup (update->old_version);
      copy->new_version = g_strdup (update->new_version);
      copy->old_data = update->old_data != NULL ? g_bytes_ref (update->old_data) : NULL;
      copy->new_data = update->new_data != NULL ? g_bytes_ref (update->new_data) : NULL;
      g_ptr_array_add (job->updates, copy);
    }
  job->roots = library_roots (self);
  g_date_clear (&job->date, 1);
  if (g_date_valid (&self->check_date))
    job->date = self->check_date;
  else
    cr_date_set_today (&job->date);
  job->language = cr_language_get_default ();

  data->self = g_object_ref (self);
  data->report = g_object_new (CR_TYPE_RULES_REPORT, NULL);
  data->job = job;

  task = g_task_new (NULL, self->cancellable, diff_done_cb, data);
  g_task_set_source_tag (task, start_report);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, diff_thread);
}

/* Checking */

/* The end of a check, once what it brought (if anything) is known. */
static void
check_done (CrRulesUpdater *self)
{
  set_checking (self, FALSE);
  if (self->client_stale)
    make_client (self);
  cr_rules_updater_refresh_status (self);
}

static void
fetched_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CrRulesUpdater) self = user_data;
  g_autoptr(CrRulesFetchResult) fetched = NULL;
  g_autoptr(GError) error = NULL;

  fetched = cr_rules_client_fetch_finish (CR_RULES_CLIENT (object), result, &error);
  if (fetched == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_last_error (self, error->message);
    }
  else
    {
      set_last_error (self, NULL);
      if (fetched->updates->len > 0)
        {
          /* The check ends when the differences are known. */
          start_report (self, fetched);
          return;
        }
    }

  check_done (self);
}

/**
 * cr_rules_updater_check:
 *
 * Looks for new rule sets at the rule-source URL. Does nothing while a
 * check runs.
 */
void
cr_rules_updater_check (CrRulesUpdater *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (CR_IS_RULES_UPDATER (self));

  if (self->checking)
    return;

  url = g_settings_get_string (self->settings, "rules-url");
  if (url == NULL || *url == '\0')
    {
      g_free (url);
      url = g_strdup (DEFAULT_RULES_URL);
    }

  set_checking (self, TRUE);
  cr_rules_client_fetch_async (self->client, url, self->cancellable, fetched_cb,
                               g_object_ref (self));
}

/**
 * cr_rules_updater_check_on_startup:
 * @monitor: (nullable): the network monitor; %NULL for the default
 *
 * The start-up check: once per run, in the background, only when the
 * "check-rules-on-startup" setting is on and the connection is available
 * and not metered.
 *
 * Returns: whether a check was started
 */
gboolean
cr_rules_updater_check_on_startup (CrRulesUpdater  *self,
                                   GNetworkMonitor *monitor)
{
  g_return_val_if_fail (CR_IS_RULES_UPDATER (self), FALSE);

  if (self->startup_done)
    return FALSE;
  self->startup_done = TRUE;

  /* Tests never reach the network: in a test program only a monitor the
   * test made (and a server it runs) can start the check. */
  if (monitor == NULL && g_test_initialized ())
    return FALSE;

  if (!cr_rules_client_should_check_on_startup (g_settings_get_boolean (self->settings,
                                                                        "check-rules-on-startup"),
                                                monitor))
    return FALSE;

  cr_rules_updater_check (self);
  return TRUE;
}

/* GObject */

static void
cr_rules_updater_constructed (GObject *object)
{
  CrRulesUpdater *self = CR_RULES_UPDATER (object);

  G_OBJECT_CLASS (cr_rules_updater_parent_class)->constructed (object);

  g_assert (self->settings != NULL);
  make_client (self);
  g_signal_connect_object (self->settings, "changed::trusted-keys",
                           G_CALLBACK (keys_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::insecure-hosts",
                           G_CALLBACK (hosts_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
cr_rules_updater_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrRulesUpdater *self = CR_RULES_UPDATER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;

    case PROP_STATUS_SERIAL:
      g_value_set_uint (value, self->status_serial);
      break;

    case PROP_CHECKING:
      g_value_set_boolean (value, self->checking);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_updater_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrRulesUpdater *self = CR_RULES_UPDATER (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_updater_dispose (GObject *object)
{
  CrRulesUpdater *self = CR_RULES_UPDATER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (cr_rules_updater_parent_class)->dispose (object);
}

static void
cr_rules_updater_finalize (GObject *object)
{
  CrRulesUpdater *self = CR_RULES_UPDATER (object);

  g_clear_object (&self->client);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->status, cr_rules_status_free);
  g_clear_pointer (&self->titles, g_hash_table_unref);
  g_strfreev (self->library_roots);
  g_free (self->cache_dir);
  g_free (self->last_error);

  G_OBJECT_CLASS (cr_rules_updater_parent_class)->finalize (object);
}

static void
cr_rules_updater_class_init (CrRulesUpdaterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_rules_updater_constructed;
  object_class->dispose = cr_rules_updater_dispose;
  object_class->finalize = cr_rules_updater_finalize;
  object_class->get_property = cr_rules_updater_get_property;
  object_class->set_property = cr_rules_updater_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * CrRulesUpdater:status-serial:
   *
   * Counts the times the status was read; notified when it changes.
   */
  properties[PROP_STATUS_SERIAL] =
    g_param_spec_uint ("status-serial", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECKING] =
    g_param_spec_boolean ("checking", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, CR_TYPE_RULES_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrRulesUpdater::rules-changed:
   * @report: what changed; its cases follow while it is #CrRulesReport:checking
   *
   * New rule sets are in force: whatever holds loaded rule sets (the
   * application's collection, the check controllers) should load them
   * again.
   */
  signals[SIGNAL_RULES_CHANGED] =
    g_signal_new ("rules-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CR_TYPE_RULES_REPORT);
}

static void
cr_rules_updater_init (CrRulesUpdater *self)
{
  self->cancellable = g_cancellable_new ();
  g_date_clear (&self->check_date, 1);
}
