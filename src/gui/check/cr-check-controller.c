/* cr-check-controller.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The controller re-runs the checker whenever the case, the application date
 * or the rule sets change. Edits come in bursts (one per key press), so a
 * change of the case only schedules a check for a short delay later; a new
 * change restarts the delay. The check itself runs in a worker thread on
 * the case's interchange JSON, taken on the main thread at the start: the
 * thread never sees the live model. A check overtaken by a newer one is
 * cancelled and its result dropped, so results always arrive in order and
 * describe the latest state.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-application.h"
#include "cr-check-controller.h"
#include "cr-date.h"

struct _CrCheckController
{
  GObject              parent_instance;

  CrCase              *case_;
  CrRuleSetCollection *rule_sets;
  gboolean             rule_sets_from_app;  /* follow the application's */
  gboolean             watching_app;
  GDate                date;
  gboolean             follows_today;
  guint                delay_ms;

  guint                timeout_id;
  GCancellable        *cancellable;  /* of the check in flight, if any */

  CrCheckResult       *result;
  char                *error_message;
  guint                n_checks;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (CrCheckController, cr_check_controller, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_RULE_SETS,
  PROP_DATE,
  PROP_FOLLOWS_TODAY,
  PROP_DELAY,
  PROP_RESULT,
  PROP_ERROR_MESSAGE,
  PROP_BUSY,
  N_PROPS
};

enum {
  RESULT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_check (CrCheckController *self,
                            guint              delay_ms);

CrCheckController *
cr_check_controller_new (void)
{
  return g_object_new (CR_TYPE_CHECK_CONTROLLER, NULL);
}

/* -- the worker ------------------------------------------------------------ */

typedef struct
{
  CrRuleSetCollection *rule_sets;
  JsonNode            *root;
  char                *base_dir;
  GDate                on;
  CrLanguage           language;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_clear_object (&data->rule_sets);
  g_clear_pointer (&data->root, json_node_unref);
  g_free (data->base_dir);
  g_free (data);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckData *data = task_data;
  g_autoptr(GError) error = NULL;
  CrCheckResult *result;

  if (g_task_return_error_if_cancelled (task))
    return;

  result = cr_checker_check_json (data->rule_sets, json_node_get_object (data->root),
                                  data->base_dir, &data->on, data->language, &error);
  if (result == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, result, g_object_unref);
}

static void
update_busy (CrCheckController *self)
{
  gboolean busy = self->timeout_id != 0 || self->cancellable != NULL;

  if (busy == self->busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_outcome (CrCheckController *self,
             CrCheckResult     *result,
             const char        *error_message)
{
  gboolean result_changed = self->result != result;

  g_set_object (&self->result, result);
  if (g_strcmp0 (self->error_message, error_message) != 0)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error_message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
    }
  if (result_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);

  g_signal_emit (self, signals[RESULT_CHANGED], 0, self->result);
}

static void
check_done_cb (GObject      *object,
               GAsyncResult *res,
               gpointer      user_data)
{
  g_autoptr(CrCheckController) self = user_data;
  g_autoptr(CrCheckResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* Overtaken by a newer check (or the controller went away): drop it. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->cancellable)
    return;

  g_clear_object (&self->cancellable);
  self->n_checks++;

  if (result != NULL)
    set_outcome (self, result, NULL);
  else
    set_outcome (self, NULL, error->message);

  update_busy (self);
}

static void app_rule_sets_cb (CrCheckController *self,
                              GParamSpec        *pspec,
                              CrApplication     *app);

/* The rule sets to check against: the controller's own, else the
 * application's, which load in the background and may be reloaded (new
 * ones fetched): then the case is checked again. */
static CrRuleSetCollection *
find_rule_sets (CrCheckController *self)
{
  GApplication *app;
  CrRuleSetCollection *rule_sets;

  if (!self->rule_sets_from_app)
    return self->rule_sets;

  app = g_application_get_default ();
  if (app == NULL || !CR_IS_APPLICATION (app))
    return NULL;

  if (!self->watching_app)
    {
      self->watching_app = TRUE;
      g_signal_connect_object (app, "notify::rule-sets", G_CALLBACK (app_rule_sets_cb), self,
                               G_CONNECT_SWAPPED);
    }

  rule_sets = cr_application_get_rule_sets (CR_APPLICATION (app));
  if (rule_sets != NULL && g_set_object (&self->rule_sets, rule_sets))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_SETS]);

  return self->rule_sets;
}

static void
app_rule_sets_cb (CrCheckController *self,
                  GParamSpec        *pspec,
                  CrApplication     *app)
{
  if (self->rule_sets_from_app && find_rule_sets (self) != NULL)
    schedule_check (self, 0);
}

static void
start_check (CrCheckController *self)
{
  g_autoptr(GTask) task = NULL;
  CrRuleSetCollection *rule_sets;
  CheckData *data;

  /* A check in flight describes an older state: cancel it. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
    }

  if (self->case_ == NULL)
    {
      set_outcome (self, NULL, NULL);
      return;
    }

  /* Without rule sets yet, the check runs when they arrive. */
  rule_sets = find_rule_sets (self);
  if (rule_sets == NULL)
    return;

  if (self->follows_today)
    cr_date_set_today (&self->date);

  data = g_new0 (CheckData, 1);
  data->rule_sets = g_object_ref (rule_sets);
  /* The snapshot: from here on the thread reads only its own copy. */
  data->root = cr_case_to_json_node (self->case_);
  data->base_dir = g_strdup (cr_case_get_base_dir (self->case_));
  data->on = self->date;
  data->language = cr_language_get_default ();

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_check);
  g_task_set_name (task, "[credit-repair] check");
  g_task_set_task_data (task, data, (GDestroyNotify) check_data_free);
  /* A cancelled check reports at once; its thread finishes on its own copy. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  CrCheckController *self = user_data;

  self->timeout_id = 0;
  start_check (self);
  update_busy (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_check (CrCheckController *self,
                guint              delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, check_timeout_cb, self,
                                         NULL);
  g_source_set_name_by_id (self->timeout_id, "[credit-repair] check delay");
  update_busy (self);
}

static void
case_changed_cb (CrCheckController *self,
                 CrCase            *case_)
{
  schedule_check (self, self->delay_ms);
}

/* -- properties ------------------------------------------------------------- */

/**
 * cr_check_controller_get_case:
 *
 * Returns: (transfer none) (nullable): the case being checked.
 */
CrCase *
cr_check_controller_get_case (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), NULL);

  return self->case_;
}

/**
 * cr_check_controller_set_case:
 * @case_: (nullable): the case to check
 *
 * Checks @case_ now, and again after each of its changes.
 */
void
cr_check_controller_set_case (CrCheckController *self,
                              CrCase            *case_)
{
  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));
  g_return_if_fail (case_ == NULL || CR_IS_CASE (case_));

  if (self->case_ == case_)
    return;

  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_func (self->case_, case_changed_cb, self);
  g_set_object (&self->case_, case_);
  if (case_ != NULL)
    g_signal_connect_object (case_, "changed", G_CALLBACK (case_changed_cb), self,
                             G_CONNECT_SWAPPED);

  /* The old case's result must not linger under the new case. */
  g_clear_object (&self->result);
  g_clear_pointer (&self->error_message, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESULT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
  g_signal_emit (self, signals[RESULT_CHANGED], 0, NULL);

  schedule_check (self, 0);
}

/**
 * cr_check_controller_get_rule_sets:
 *
 * Returns: (transfer none) (nullable): the rule sets in use; %NULL while the
 * application's are still loading.
 */
CrRuleSetCollection *
cr_check_controller_get_rule_sets (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), NULL);

  return self->rule_sets;
}

/**
 * cr_check_controller_set_rule_sets:
 * @rule_sets: (nullable): the rule sets to check against; %NULL for the
 *   application's
 */
void
cr_check_controller_set_rule_sets (CrCheckController   *self,
                                   CrRuleSetCollection *rule_sets)
{
  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));
  g_return_if_fail (rule_sets == NULL || CR_IS_RULE_SET_COLLECTION (rule_sets));

  self->rule_sets_from_app = rule_sets == NULL;
  if (!g_set_object (&self->rule_sets, rule_sets))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RULE_SETS]);
  schedule_check (self, 0);
}

/**
 * cr_check_controller_get_date:
 *
 * Returns: (transfer none): the application date the case is checked for.
 */
const GDate *
cr_check_controller_get_date (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), NULL);

  return &self->date;
}

/**
 * cr_check_controller_set_date:
 * @date: (nullable): the application date; %NULL for today
 *
 * Sets the date the case is checked for. It belongs to this controller
 * (the case view), never to the case.
 */
void
cr_check_controller_set_date (CrCheckController *self,
                              const GDate       *date)
{
  gboolean date_changed;

  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));
  g_return_if_fail (date == NULL || g_date_valid (date));

  if (date == NULL)
    {
      cr_check_controller_set_follows_today (self, TRUE);
      return;
    }

  date_changed = g_date_compare (&self->date, date) != 0;
  self->date = *date;

  g_object_freeze_notify (G_OBJECT (self));
  if (self->follows_today)
    {
      GDate today;

      /* Picking today's date in the calendar is the same as "Today". */
      cr_date_set_today (&today);
      if (g_date_compare (&today, date) != 0)
        {
          self->follows_today = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWS_TODAY]);
        }
    }
  if (date_changed)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
      schedule_check (self, 0);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * cr_check_controller_get_follows_today:
 *
 * Returns: whether the date is today's, and moves on with the calendar.
 */
gboolean
cr_check_controller_get_follows_today (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), FALSE);

  return self->follows_today;
}

void
cr_check_controller_set_follows_today (CrCheckController *self,
                                       gboolean           follows_today)
{
  GDate today;

  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));

  follows_today = !!follows_today;
  if (self->follows_today == follows_today)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  self->follows_today = follows_today;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWS_TODAY]);

  cr_date_set_today (&today);
  if (follows_today && g_date_compare (&today, &self->date) != 0)
    {
      self->date = today;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
      schedule_check (self, 0);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

guint
cr_check_controller_get_delay (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), 0);

  return self->delay_ms;
}

/**
 * cr_check_controller_set_delay:
 * @delay_ms: how long to wait after a change of the case before checking
 */
void
cr_check_controller_set_delay (CrCheckController *self,
                               guint              delay_ms)
{
  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));

  if (self->delay_ms == delay_ms)
    return;

  self->delay_ms = delay_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DELAY]);
}

/**
 * cr_check_controller_get_result:
 *
 * Returns: (transfer none) (nullable): the latest result; %NULL before the
 * first check, without a case, or when the check failed (see
 * cr_check_controller_get_error_message()).
 */
CrCheckResult *
cr_check_controller_get_result (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), NULL);

  return self->result;
}

/**
 * cr_check_controller_get_error_message:
 *
 * Returns: (nullable): why the latest check gave no result (for example, no
 * rule set covers the date), in the user's language.
 */
const char *
cr_check_controller_get_error_message (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), NULL);

  return self->error_message;
}

/**
 * cr_check_controller_get_busy:
 *
 * Returns: whether a check is due or running, so the result shown may be
 * about to change.
 */
gboolean
cr_check_controller_get_busy (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), FALSE);

  return self->busy;
}

/**
 * cr_check_controller_get_n_checks:
 *
 * Returns: how many checks completed (those overtaken do not count).
 */
guint
cr_check_controller_get_n_checks (CrCheckController *self)
{
  g_return_val_if_fail (CR_IS_CHECK_CONTROLLER (self), 0);

  return self->n_checks;
}

/**
 * cr_check_controller_recheck:
 *
 * Checks again now, without waiting for the delay.
 */
void
cr_check_controller_recheck (CrCheckController *self)
{
  g_return_if_fail (CR_IS_CHECK_CONTROLLER (self));

  schedule_check (self, 0);
}

static void
cr_check_controller_dispose (GObject *object)
{
  CrCheckController *self = CR_CHECK_CONTROLLER (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->case_ != NULL)
    g_signal_handlers_disconnect_by_func (self->case_, case_changed_cb, self);
  g_clear_object (&self->case_);
  g_clear_object (&self->rule_sets);
  g_clear_object (&self->result);

  G_OBJECT_CLASS (cr_check_controller_parent_class)->dispose (object);
}

static void
cr_check_controller_finalize (GObject *object)
{
  CrCheckController *self = CR_CHECK_CONTROLLER (object);

  g_free (self->error_message);

  G_OBJECT_CLASS (cr_check_controller_parent_class)->finalize (object);
}

static void
cr_check_controller_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CrCheckController *self = CR_CHECK_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->case_);
      break;
    case PROP_RULE_SETS:
      g_value_set_object (value, self->rule_sets);
      break;
    case PROP_DATE:
      g_value_set_boxed (value, &self->date);
      break;
    case PROP_FOLLOWS_TODAY:
      g_value_set_boolean (value, self->follows_today);
      break;
    case PROP_DELAY:
      g_value_set_uint (value, self->delay_ms);
      break;
    case PROP_RESULT:
      g_value_set_object (value, self->result);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_check_controller_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CrCheckController *self = CR_CHECK_CONTROLLER (object);

  switch (prop_id)
    {
    case PROP_CASE:
      cr_check_controller_set_case (self, g_value_get_object (value));
      break;
    case PROP_RULE_SETS:
      cr_check_controller_set_rule_sets (self, g_value_get_object (value));
      break;
    case PROP_DATE:
      cr_check_controller_set_date (self, g_value_get_boxed (value));
      break;
    case PROP_FOLLOWS_TODAY:
      cr_check_controller_set_follows_today (self, g_value_get_boolean (value));
      break;
    case PROP_DELAY:
      cr_check_controller_set_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_check_controller_class_init (CrCheckControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_check_controller_dispose;
  object_class->finalize = cr_check_controller_finalize;
  object_class->get_property = cr_check_controller_get_property;
  object_class->set_property = cr_check_controller_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, CR_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RULE_SETS] =
    g_param_spec_object ("rule-sets", NULL, NULL, CR_TYPE_RULE_SET_COLLECTION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_FOLLOWS_TODAY] =
    g_param_spec_boolean ("follows-today", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DELAY] =
    g_param_spec_uint ("delay", NULL, NULL, 0, 10000, CR_CHECK_CONTROLLER_DEFAULT_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RESULT] =
    g_param_spec_object ("result", NULL, NULL, CR_TYPE_CHECK_RESULT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR_MESSAGE] =
    g_param_spec_string ("error-message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrCheckController::result-changed:
   * @result: (nullable): the new result, or %NULL (no case, or the check
   *   failed: see #CrCheckController:error-message)
   *
   * Emitted after each completed check, and when the case is replaced.
   */
  signals[RESULT_CHANGED] =
    g_signal_new ("result-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CR_TYPE_CHECK_RESULT);
}

static void
cr_check_controller_init (CrCheckController *self)
{
  self->follows_today = TRUE;
  self->rule_sets_from_app = TRUE;
  self->delay_ms = CR_CHECK_CONTROLLER_DEFAULT_DELAY_MS;
  cr_date_set_today (&self->date);
}
