/* cr-case-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All disk work goes through the store's thread-backed calls or runs in a
 * GTask thread here; the case is serialised in the main thread (by the
 * store's _async functions, or copied here first), so edits never race a
 * writer.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-case-session.h"

/* File monitor events come in bursts (write, rename, attributes). */
#define CHECK_DELAY_MS 300

struct _CrCaseSession
{
  GObject             parent_instance;

  CrCaseStore        *store;
  CrCase             *kase;
  char               *folder;
  GFileMonitor       *monitor;

  guint               delay_ms;
  guint               save_id;
  guint               check_id;
  gboolean            saving;
  gboolean            checking;
  gboolean            check_again;
  gboolean            closed;
  gboolean            conflict_reported;
  gboolean            closing_hold;  /* closed during a save: the application waits for it */

  CrCaseSessionState  state;
  GError             *error;
  GPtrArray          *flush_tasks;   /* GTask waiting for the edits to be on disk */
};

G_DEFINE_FINAL_TYPE (CrCaseSession, cr_case_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CASE,
  PROP_FOLDER,
  PROP_STATE,
  N_PROPS
};

enum {
  CONFLICT,
  SAVE_FAILED,
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_save  (CrCaseSession *self);
static void start_check (CrCaseSession *self);
static void watch_folder (CrCaseSession *self);

static void
set_state (CrCaseSession      *self,
           CrCaseSessionState  state)
{
  if (self->state == state)
    return;

  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
cr_case_session_has_unsaved (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), FALSE);

  return cr_case_get_modified (self->kase);
}

static void
complete_flushes (CrCaseSession *self,
                  const GError  *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->flush_tasks);

  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
hold_application (void)
{
  if (g_application_get_default () != NULL)
    g_application_hold (g_application_get_default ());
}

static void
release_application (void)
{
  if (g_application_get_default () != NULL)
    g_application_release (g_application_get_default ());
}

/* Autosave file: the edits that could not go to case.json (yet) */

static void
autosave_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrCaseSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_case_store_write_autosave_finish (CR_CASE_STORE (object), result, &error))
    g_debug ("The unsaved edits of %s could not be written aside: %s",
             self->folder, error->message);

  release_application ();
}

/* The application is held while it is written, so quitting waits for it. */
static void
write_autosave (CrCaseSession *self)
{
  hold_application ();
  cr_case_store_write_autosave_async (self->store, self->kase, NULL, autosave_done_cb,
                                      g_object_ref (self));
}

static void
enter_conflict (CrCaseSession *self)
{
  set_state (self, CR_CASE_SESSION_CONFLICT);
  write_autosave (self);

  if (!self->conflict_reported)
    {
      self->conflict_reported = TRUE;
      g_signal_emit (self, signals[CONFLICT], 0);
    }
}

/* Saving */

typedef struct
{
  CrCaseSession *self;
  CrCase        *kase;
  gboolean       held;    /* the application is held until it is done */
} SaveClosure;

static void save_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

/* The last save of a closed session: the application waits for it. */
static void
final_save (CrCaseSession *self)
{
  SaveClosure *closure = g_new0 (SaveClosure, 1);

  closure->self = g_object_ref (self);
  closure->kase = g_object_ref (self->kase);
  closure->held = TRUE;
  self->saving = TRUE;
  hold_application ();
  cr_case_store_save_async (self->store, self->kase, NULL, save_done_cb, closure);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveClosure *closure = user_data;
  g_autoptr(CrCaseSession) self = closure->self;
  g_autoptr(CrCase) kase = closure->kase;
  gboolean held = closure->held;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_free (closure);

  ok = cr_case_store_save_finish (CR_CASE_STORE (object), result, &error);
  self->saving = FALSE;

  if (self->closed)
    {
      if (kase == self->kase && !ok)
        write_autosave (self);
      else if (kase == self->kase && cr_case_session_has_unsaved (self))
        final_save (self);
      if (held)
        release_application ();
      if (self->closing_hold)
        {
          self->closing_hold = FALSE;
          release_application ();
        }
      return;
    }

  /* The case was replaced (reloaded) while this save ran. */
  if (kase != self->kase)
    {
      if (cr_case_session_has_unsaved (self))
        start_save (self);
      else
        complete_flushes (self, NULL);
      if (self->check_again)
        start_check (self);
      return;
    }

  if (!ok)
    {
      if (g_error_matches (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_CONFLICT))
        {
          enter_conflict (self);
          complete_flushes (self, NULL);
        }
      else
        {
          g_clear_error (&self->error);
          self->error = g_error_copy (error);
          set_state (self, CR_CASE_SESSION_FAILED);
          write_autosave (self);
          complete_flushes (self, error);
          g_signal_emit (self, signals[SAVE_FAILED], 0, error);
        }
      return;
    }

  g_clear_error (&self->error);
  g_signal_emit (self, signals[SAVED], 0);

  if (cr_case_session_has_unsaved (self))
    {
      /* Edited while it was written: save again (at once if someone waits). */
      set_state (self, CR_CASE_SESSION_UNSAVED);
      if (self->flush_tasks->len > 0)
        start_save (self);
      else if (self->save_id == 0)
        start_save (self);
    }
  else
    {
      set_state (self, CR_CASE_SESSION_SAVED);
      complete_flushes (self, NULL);
    }

  if (self->check_again)
    start_check (self);
}

static void
start_save (CrCaseSession *self)
{
  SaveClosure *closure;

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (self->saving)
    return;  /* save_done_cb() saves again */

  if (self->state == CR_CASE_SESSION_CONFLICT)
    {
      write_autosave (self);
      complete_flushes (self, NULL);
      return;
    }

  if (!cr_case_session_has_unsaved (self))
    {
      set_state (self, CR_CASE_SESSION_SAVED);
      complete_flushes (self, NULL);
      return;
    }

  closure = g_new0 (SaveClosure, 1);
  closure->self = g_object_ref (self);
  closure->kase = g_object_ref (self->kase);
  self->saving = TRUE;
  set_state (self, CR_CASE_SESSION_SAVING);

  cr_case_store_save_async (self->store, self->kase, NULL, save_done_cb, closure);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  CrCaseSession *self = user_data;

  self->save_id = 0;
  start_save (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (CrCaseSession *self)
{
  if (self->closed)
    return;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (self->delay_ms, save_timeout_cb, self);
}

static void
case_changed_cb (CrCaseSession *self)
{
  if (self->closed)
    return;

  if (self->state == CR_CASE_SESSION_SAVED || self->state == CR_CASE_SESSION_FAILED)
    set_state (self, CR_CASE_SESSION_UNSAVED);
  schedule_save (self);
}

/* Replacing the case (reload, recovery, conflict copy) */

static void
set_case (CrCaseSession *self,
          CrCase        *kase)
{
  g_autofree char *old_folder = g_steal_pointer (&self->folder);

  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_func (self->kase, case_changed_cb, self);

  g_set_object (&self->kase, kase);
  self->folder = g_strdup (cr_case_get_base_dir (kase));
  g_signal_connect_object (kase, "changed", G_CALLBACK (case_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (g_strcmp0 (old_folder, self->folder) != 0)
    {
      watch_folder (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDER]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/* Watching case.json */

typedef struct
{
  CrCase  *kase;
  CrCase  *loaded;     /* the version on disk, when it was read */
  gboolean changed;
} CheckJob;

static void
check_job_free (CheckJob *job)
{
  g_clear_object (&job->kase);
  g_clear_object (&job->loaded);
  g_free (job);
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CrCaseSession *self = source_object;
  CheckJob *job = task_data;

  job->changed = cr_case_store_has_changed_on_disk (self->store, job->kase);
  g_task_return_boolean (task, TRUE);
}

static void reload_done_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

static void
check_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrCaseSession *self = CR_CASE_SESSION (object);
  CheckJob *job = g_task_get_task_data (G_TASK (result));

  self->checking = FALSE;
  if (self->closed)
    return;

  if (job->kase == self->kase && job->changed)
    {
      if (cr_case_session_has_unsaved (self) || self->state == CR_CASE_SESSION_CONFLICT)
        {
          enter_conflict (self);
        }
      else
        {
          /* Nothing of ours is lost: take the other version. */
          g_clear_handle_id (&self->save_id, g_source_remove);
          cr_case_store_load_async (self->store, self->folder, NULL, reload_done_cb,
                                    g_object_ref (self));
        }
    }

  if (self->check_again)
    start_check (self);
}

static void
reload_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CrCaseSession) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) kase = NULL;

  kase = cr_case_store_load_finish (CR_CASE_STORE (object), result, NULL, &error);
  if (self->closed)
    return;

  if (kase == NULL)
    {
      /* Unreadable now (half synced?): keep ours, and look again later. */
      g_debug ("Could not reload %s: %s", self->folder, error->message);
      return;
    }

  /* Edited meanwhile: that is a conflict after all. */
  if (cr_case_session_has_unsaved (self))
    {
      enter_conflict (self);
      return;
    }

  set_case (self, kase);
  set_state (self, CR_CASE_SESSION_SAVED);
  complete_flushes (self, NULL);
}

static void
start_check (CrCaseSession *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;

  self->check_again = FALSE;

  if (self->closed)
    return;

  if (self->saving || self->checking)
    {
      self->check_again = TRUE;
      return;
    }

  job = g_new0 (CheckJob, 1);
  job->kase = g_object_ref (self->kase);
  self->checking = TRUE;

  task = g_task_new (self, NULL, check_done_cb, NULL);
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  g_task_run_in_thread (task, check_thread);
}

static gboolean
check_timeout_cb (gpointer user_data)
{
  CrCaseSession *self = user_data;

  self->check_id = 0;
  start_check (self);

  return G_SOURCE_REMOVE;
}

static void
monitor_changed_cb (CrCaseSession     *self,
                    GFile             *file,
                    GFile             *other_file,
                    GFileMonitorEvent  event,
                    GFileMonitor      *monitor)
{
  switch (event)
    {
    case G_FILE_MONITOR_EVENT_CHANGED:
    case G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT:
    case G_FILE_MONITOR_EVENT_DELETED:
    case G_FILE_MONITOR_EVENT_CREATED:
    case G_FILE_MONITOR_EVENT_MOVED:
    case G_FILE_MONITOR_EVENT_RENAMED:
    case G_FILE_MONITOR_EVENT_MOVED_IN:
    case G_FILE_MONITOR_EVENT_MOVED_OUT:
      cr_case_session_check_disk (self);
      break;

    case G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED:
    case G_FILE_MONITOR_EVENT_PRE_UNMOUNT:
    case G_FILE_MONITOR_EVENT_UNMOUNTED:
    default:
      break;
    }
}

static void
watch_folder (CrCaseSession *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->folder == NULL || self->closed)
    return;

  /* Setting up a monitor does no blocking I/O (inotify on local files). */
  path = g_build_filename (self->folder, CR_CASE_STORE_CASE_FILE, NULL);
  file = g_file_new_for_path (path);
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Cannot watch %s for changes: %s", path, error->message);
      return;
    }

  g_signal_connect_object (self->monitor, "changed", G_CALLBACK (monitor_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* GObject */

static void
cr_case_session_dispose (GObject *object)
{
  CrCaseSession *self = CR_CASE_SESSION (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->check_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_object (&self->kase);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cr_case_session_parent_class)->dispose (object);
}

static void
cr_case_session_finalize (GObject *object)
{
  CrCaseSession *self = CR_CASE_SESSION (object);

  g_free (self->folder);
  g_clear_error (&self->error);
  g_ptr_array_unref (self->flush_tasks);

  G_OBJECT_CLASS (cr_case_session_parent_class)->finalize (object);
}

static void
cr_case_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrCaseSession *self = CR_CASE_SESSION (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_session_class_init (CrCaseSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = cr_case_session_dispose;
  object_class->finalize = cr_case_session_finalize;
  object_class->get_property = cr_case_session_get_property;

  /* The case object is replaced when another version is taken. */
  properties[PROP_CASE] = g_param_spec_object ("case", NULL, NULL, CR_TYPE_CASE, flags);
  properties[PROP_FOLDER] = g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  properties[PROP_STATE] = g_param_spec_int ("state", NULL, NULL, CR_CASE_SESSION_SAVED,
                                             CR_CASE_SESSION_FAILED, CR_CASE_SESSION_SAVED,
                                             flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrCaseSession::conflict:
   *
   * case.json changed on disk while there were unsaved edits. Saving stops
   * (the edits go to the autosave file) until cr_case_session_resolve_async().
   */
  signals[CONFLICT] = g_signal_new ("conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * CrCaseSession::save-failed:
   * @error: why
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_ERROR);
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_case_session_init (CrCaseSession *self)
{
  self->delay_ms = CR_CASE_SESSION_DEFAULT_DELAY_MS;
  self->flush_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * cr_case_session_new:
 * @kase: a case of @store (with its folder as base directory)
 *
 * Returns: (transfer full): a session that saves and watches @kase.
 */
CrCaseSession *
cr_case_session_new (CrCaseStore *store,
                     CrCase      *kase)
{
  CrCaseSession *self;

  g_return_val_if_fail (CR_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (CR_IS_CASE (kase), NULL);
  g_return_val_if_fail (cr_case_get_base_dir (kase) != NULL, NULL);

  self = g_object_new (CR_TYPE_CASE_SESSION, NULL);
  self->store = g_object_ref (store);
  set_case (self, kase);
  self->state = cr_case_get_modified (kase) ? CR_CASE_SESSION_UNSAVED : CR_CASE_SESSION_SAVED;
  if (self->state == CR_CASE_SESSION_UNSAVED)
    schedule_save (self);

  return self;
}

/* Opening */

typedef struct
{
  CrCaseStore *store;
  char        *folder;
  CrCase      *kase;
  GPtrArray   *warnings;
  gboolean     has_recovery;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_clear_object (&job->store);
  g_free (job->folder);
  g_clear_object (&job->kase);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  job->warnings = cr_problem_list_new ();
  job->kase = cr_case_store_load (job->store, job->folder, job->warnings, &error);
  if (job->kase == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  job->has_recovery = cr_case_store_has_recovery (job->store, job->folder);
  g_task_return_boolean (task, TRUE);
}

void
cr_case_session_open_async (CrCaseStore         *store,
                            const char          *folder,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenJob *job;

  g_return_if_fail (CR_IS_CASE_STORE (store));
  g_return_if_fail (folder != NULL);

  job = g_new0 (OpenJob, 1);
  job->store = g_object_ref (store);
  job->folder = g_strdup (folder);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_case_session_open_async);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * cr_case_session_open_finish:
 * @has_recovery: (out) (optional): whether an earlier run left unsaved
 *   edits (offer cr_case_session_recover_async())
 * @warnings: (out) (optional) (transfer full) (element-type CrProblem):
 *   what the reader warned about
 *
 * Returns: (transfer full): the session, or NULL with @error set.
 */
CrCaseSession *
cr_case_session_open_finish (GAsyncResult  *result,
                             gboolean      *has_recovery,
                             GPtrArray    **warnings,
                             GError       **error)
{
  OpenJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  job = g_task_get_task_data (G_TASK (result));
  if (has_recovery != NULL)
    *has_recovery = job->has_recovery;
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (job->warnings);

  return cr_case_session_new (job->store, job->kase);
}

/* Accessors */

/**
 * cr_case_session_get_case:
 *
 * Returns: (transfer none): the case (replaced when another version is
 * taken: watch notify::case).
 */
CrCase *
cr_case_session_get_case (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), NULL);

  return self->kase;
}

/**
 * cr_case_session_get_store:
 *
 * Returns: (transfer none): the store of the case.
 */
CrCaseStore *
cr_case_session_get_store (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), NULL);

  return self->store;
}

const char *
cr_case_session_get_folder (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), NULL);

  return self->folder;
}

CrCaseSessionState
cr_case_session_get_state (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), CR_CASE_SESSION_SAVED);

  return self->state;
}

/**
 * cr_case_session_get_error:
 *
 * Returns: (nullable): why the last save failed.
 */
const GError *
cr_case_session_get_error (CrCaseSession *self)
{
  g_return_val_if_fail (CR_IS_CASE_SESSION (self), NULL);

  return self->error;
}

/* How long to wait after the last change before saving. */
void
cr_case_session_set_delay (CrCaseSession *self,
                           guint          milliseconds)
{
  g_return_if_fail (CR_IS_CASE_SESSION (self));

  self->delay_ms = milliseconds;
}

/* Looks whether case.json changed on disk (soon, in a thread). */
void
cr_case_session_check_disk (CrCaseSession *self)
{
  g_return_if_fail (CR_IS_CASE_SESSION (self));

  if (self->closed)
    return;

  g_clear_handle_id (&self->check_id, g_source_remove);
  self->check_id = g_timeout_add (CHECK_DELAY_MS, check_timeout_cb, self);
}

/* Flushing */

void
cr_case_session_flush_async (CrCaseSession       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CR_IS_CASE_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_case_session_flush_async);

  if (!self->saving && !cr_case_session_has_unsaved (self))
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_ptr_array_add (self->flush_tasks, task);
  start_save (self);
}

gboolean
cr_case_session_flush_finish (CrCaseSession  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Recovery and conflicts: blocking store calls in a thread */

typedef enum
{
  JOB_RECOVER,
  JOB_DISCARD_RECOVERY,
  JOB_KEEP_MINE,
  JOB_TAKE_THEIRS,
} JobKind;

typedef struct
{
  JobKind  kind;
  char    *folder;
  CrCase  *kase;     /* the copy to save aside (keep mine) */
  CrCase  *result;   /* the case to continue with */
  char    *copy_folder;
} Job;

static void
job_free (Job *job)
{
  g_free (job->folder);
  g_clear_object (&job->kase);
  g_clear_object (&job->result);
  g_free (job->copy_folder);
  g_free (job);
}

static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  CrCaseSession *self = source_object;
  Job *job = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (job->kind)
    {
    case JOB_RECOVER:
      job->result = cr_case_store_recover (self->store, job->folder, NULL, &error);
      ok = job->result != NULL;
      break;

    case JOB_DISCARD_RECOVERY:
      ok = cr_case_store_discard_recovery (self->store, job->folder, &error);
      break;

    case JOB_KEEP_MINE:
      job->copy_folder = cr_case_store_save_as_conflict_copy (self->store, job->kase, &error);
      ok = job->copy_folder != NULL;
      if (ok)
        job->result = g_object_ref (job->kase);
      break;

    case JOB_TAKE_THEIRS:
      job->result = cr_case_store_load (self->store, job->folder, NULL, &error);
      ok = job->result != NULL && cr_case_store_discard_recovery (self->store, job->folder, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  CrCaseSession *self = CR_CASE_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (job->result != NULL && !self->closed)
    {
      self->conflict_reported = FALSE;
      g_clear_error (&self->error);
      set_case (self, job->result);
      if (cr_case_get_modified (job->result))
        {
          set_state (self, CR_CASE_SESSION_UNSAVED);
          schedule_save (self);
        }
      else
        {
          set_state (self, CR_CASE_SESSION_SAVED);
          complete_flushes (self, NULL);
        }
    }

  g_task_return_boolean (outer, TRUE);
}

static void
run_job (CrCaseSession       *self,
         Job                 *job,
         gpointer             source_tag,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, job, (GDestroyNotify) job_free);

  inner = g_task_new (self, cancellable, job_done_cb, outer);
  g_task_set_source_tag (inner, run_job);
  g_task_set_task_data (inner, job, NULL);
  g_task_run_in_thread (inner, job_thread);
}

/**
 * cr_case_session_recover_async:
 * @restore: TRUE to take the autosaved edits (they are saved soon after),
 *   FALSE to throw them away
 */
void
cr_case_session_recover_async (CrCaseSession       *self,
                               gboolean             restore,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CR_IS_CASE_SESSION (self));

  job = g_new0 (Job, 1);
  job->kind = restore ? JOB_RECOVER : JOB_DISCARD_RECOVERY;
  job->folder = g_strdup (self->folder);
  run_job (self, job, cr_case_session_recover_async, cancellable, callback, user_data);
}

gboolean
cr_case_session_recover_finish (CrCaseSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
cr_case_session_resolve_async (CrCaseSession       *self,
                               gboolean             keep_mine,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CR_IS_CASE_SESSION (self));

  g_clear_handle_id (&self->save_id, g_source_remove);

  job = g_new0 (Job, 1);
  job->kind = keep_mine ? JOB_KEEP_MINE : JOB_TAKE_THEIRS;
  job->folder = g_strdup (self->folder);
  /* The copy is written in the thread while the user may go on editing. */
  if (keep_mine)
    job->kase = cr_case_copy (self->kase);
  run_job (self, job, cr_case_session_resolve_async, cancellable, callback, user_data);
}

/**
 * cr_case_session_resolve_finish:
 * @copy_folder: (out) (optional) (transfer full): the folder the user's
 *   version went to (keep mine), or NULL
 */
gboolean
cr_case_session_resolve_finish (CrCaseSession  *self,
                                GAsyncResult   *result,
                                char          **copy_folder,
                                GError        **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  job = g_task_get_task_data (G_TASK (result));
  if (copy_folder != NULL)
    *copy_folder = g_strdup (job->copy_folder);

  return TRUE;
}

void
cr_case_session_close (CrCaseSession *self)
{
  g_return_if_fail (CR_IS_CASE_SESSION (self));

  if (self->closed)
    return;

  g_clear_handle_id (&self->check_id, g_source_remove);
  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->monitor, monitor_changed_cb, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }

  if (self->state == CR_CASE_SESSION_CONFLICT || self->state == CR_CASE_SESSION_FAILED)
    {
      self->closed = TRUE;
      write_autosave (self);
    }
  else if (self->saving)
    {
      /* save_done_cb() saves again if there are newer edits. */
      self->closed = TRUE;
      self->closing_hold = TRUE;
      hold_application ();
    }
  else if (cr_case_session_has_unsaved (self))
    {
      self->closed = TRUE;
      final_save (self);
    }
  else
    {
      self->closed = TRUE;
    }

  g_signal_handlers_disconnect_by_func (self->kase, case_changed_cb, self);
  complete_flushes (self, NULL);
}
