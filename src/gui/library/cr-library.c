/* cr-library.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-date.h"
#include "cr-library.h"

struct _CrLibrary
{
  GObject              parent_instance;

  GSettings           *settings;
  GPtrArray           *stores;       /* CrCaseStore; the default one first */
  GListStore          *items;        /* CrLibraryItem */
  CrRuleSetCollection *rules;        /* set, or loaded by the first thread that needs them */
  gboolean             rules_set;    /* cr_library_set_rule_sets() was called */
  GMutex               rules_lock;

  GPtrArray           *monitors;     /* GFileMonitor, one per store root */
  GHashTable          *case_monitors; /* case folder → GFileMonitor of its case.json */
  guint                refresh_source;

  GCancellable        *list_cancellable;
  GCancellable        *status_cancellable;
  guint                generation;   /* bumped by every change to the items */
  gboolean             loading;
  char                *error;
};

G_DEFINE_FINAL_TYPE (CrLibrary, cr_library, G_TYPE_OBJECT)

/* How long after the last change in a library folder it is listed again. */
#define REFRESH_DELAY_MS 300

enum {
  PROP_0,
  PROP_LOADING,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Stores */

static void schedule_refresh (CrLibrary *self);

/**
 * cr_library_dup_default_root:
 *
 * Returns: (transfer full): the folder new cases go to:
 * $CREDIT_REPAIR_LIBRARY_DIR, or g_get_user_data_dir()/credit-repair/cases.
 */
char *
cr_library_dup_default_root (void)
{
  const char *env_root = g_getenv ("CREDIT_REPAIR_LIBRARY_DIR");
  g_autofree char *root = NULL;

  if (env_root != NULL && env_root[0] != '\0')
    return g_canonicalize_filename (env_root, NULL);

  root = cr_case_store_get_default_root ();
  return g_canonicalize_filename (root, NULL);
}

static CrCaseStore *
find_store (GPtrArray  *stores,
            const char *root)
{
  for (guint i = 0; i < stores->len; i++)
    {
      CrCaseStore *store = g_ptr_array_index (stores, i);

      if (g_str_equal (cr_case_store_get_root (store), root))
        return store;
    }

  return NULL;
}

/* Another program (a sync tool, a colleague, the file manager) added,
 * removed or renamed something in a library folder. Hidden names are the
 * store's own (its trash). */
static void
root_changed_cb (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event,
                 CrLibrary         *self)
{
  g_autofree char *name = g_file_get_basename (file);

  /* Changes to files directly in the folder (not case folders) and to
   * attributes do not change the list; an unmounted USB stick does. */
  if (event == G_FILE_MONITOR_EVENT_CREATED || event == G_FILE_MONITOR_EVENT_DELETED ||
      event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_MOVED_OUT ||
      event == G_FILE_MONITOR_EVENT_RENAMED || event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    {
      if (name != NULL && name[0] != '.')
        schedule_refresh (self);
    }
}

static gboolean
is_case_file (GFile *file)
{
  g_autofree char *name = file != NULL ? g_file_get_basename (file) : NULL;

  return g_strcmp0 (name, CR_CASE_STORE_CASE_FILE) == 0;
}

/* Someone else's save inside a case folder: case.json written in place, or
 * (as atomic saves do) a temporary file renamed over it. */
static void
case_folder_changed_cb (GFileMonitor      *monitor,
                        GFile             *file,
                        GFile             *other_file,
                        GFileMonitorEvent  event,
                        CrLibrary         *self)
{
  if (((event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_CREATED ||
        event == G_FILE_MONITOR_EVENT_DELETED || event == G_FILE_MONITOR_EVENT_MOVED_IN) &&
       is_case_file (file)) ||
      (event == G_FILE_MONITOR_EVENT_RENAMED && is_case_file (other_file)))
    schedule_refresh (self);
}

/* The free function of both kinds of monitor: no event reaches the
 * library once it is dropped. */
static void
stop_monitor (gpointer data)
{
  GFileMonitor *monitor = data;

  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        root_changed_cb, NULL);
  g_signal_handlers_disconnect_matched (monitor, G_SIGNAL_MATCH_FUNC, 0, 0, NULL,
                                        case_folder_changed_cb, NULL);
  g_file_monitor_cancel (monitor);
  g_object_unref (monitor);
}

/* Watches the case folders of the items (and no others): a colleague's
 * edit arriving through a sync tool shows without waiting. */
static void
watch_case_folders (CrLibrary *self)
{
  GListModel *model = G_LIST_MODEL (self->items);
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrLibraryItem) item = g_list_model_get_item (model, i);
      const char *folder = cr_library_item_get_folder (item);

      g_hash_table_add (listed, (gpointer) folder);
      if (!g_hash_table_contains (self->case_monitors, folder))
        {
          g_autoptr(GFile) file = g_file_new_for_path (folder);
          GFileMonitor *monitor = g_file_monitor_directory (file, G_FILE_MONITOR_WATCH_MOVES,
                                                            NULL, NULL);

          if (monitor == NULL)
            continue;
          g_signal_connect (monitor, "changed", G_CALLBACK (case_folder_changed_cb), self);
          g_hash_table_insert (self->case_monitors, g_strdup (folder), monitor);
        }
    }

  g_hash_table_iter_init (&iter, self->case_monitors);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (listed, key))
      g_hash_table_iter_remove (&iter);
}

static void
watch_stores (CrLibrary *self)
{
  g_ptr_array_set_size (self->monitors, 0);

  for (guint i = 0; i < self->stores->len; i++)
    {
      CrCaseStore *store = g_ptr_array_index (self->stores, i);
      g_autoptr(GFile) root = g_file_new_for_path (cr_case_store_get_root (store));
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor;

      /* A folder that does not exist yet is watched for its creation. */
      monitor = g_file_monitor_directory (root, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
      if (monitor == NULL)
        {
          g_debug ("Library folder %s is not watched: %s",
                   cr_case_store_get_root (store), error->message);
          continue;
        }
      g_signal_connect (monitor, "changed", G_CALLBACK (root_changed_cb), self);
      g_ptr_array_add (self->monitors, monitor);
    }
}

/* The default store, then one per library folder of the settings; stores
 * whose root did not change are kept (with their summary caches). */
static void
rebuild_stores (CrLibrary *self)
{
  g_autofree char *default_root = cr_library_dup_default_root ();
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->stores);
  g_autoptr(CrCaseStore) default_store = NULL;
  g_auto(GStrv) folders = NULL;

  self->stores = g_ptr_array_new_with_free_func (g_object_unref);

  default_store = cr_case_store_new (default_root);
  if (old != NULL && find_store (old, cr_case_store_get_root (default_store)) != NULL)
    g_set_object (&default_store, find_store (old, cr_case_store_get_root (default_store)));
  g_ptr_array_add (self->stores, g_object_ref (default_store));

  if (self->settings != NULL)
    folders = g_settings_get_strv (self->settings, "library-folders");

  for (guint i = 0; folders != NULL && folders[i] != NULL; i++)
    {
      g_autofree char *root = NULL;
      CrCaseStore *kept;

      if (!g_path_is_absolute (folders[i]))
        continue;

      root = g_canonicalize_filename (folders[i], NULL);
      if (find_store (self->stores, root) != NULL)
        continue;

      kept = old != NULL ? find_store (old, root) : NULL;
      g_ptr_array_add (self->stores, kept != NULL ? g_object_ref (kept) : cr_case_store_new (root));
    }

  watch_stores (self);
}

static void
library_folders_changed_cb (CrLibrary  *self,
                            const char *key,
                            GSettings  *settings)
{
  rebuild_stores (self);
  cr_library_refresh (self);
}

/* GObject */

static void
cr_library_dispose (GObject *object)
{
  CrLibrary *self = CR_LIBRARY (object);

  g_cancellable_cancel (self->list_cancellable);
  g_cancellable_cancel (self->status_cancellable);
  g_clear_object (&self->list_cancellable);
  g_clear_object (&self->status_cancellable);
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_pointer (&self->case_monitors, g_hash_table_unref);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, library_folders_changed_cb, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->items);
  g_mutex_lock (&self->rules_lock);
  g_clear_object (&self->rules);
  g_mutex_unlock (&self->rules_lock);
  g_clear_pointer (&self->stores, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_library_parent_class)->dispose (object);
}

static void
cr_library_finalize (GObject *object)
{
  CrLibrary *self = CR_LIBRARY (object);

  g_free (self->error);
  g_mutex_clear (&self->rules_lock);

  G_OBJECT_CLASS (cr_library_parent_class)->finalize (object);
}

static void
cr_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrLibrary *self = CR_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_library_class_init (CrLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_library_dispose;
  object_class->finalize = cr_library_finalize;
  object_class->get_property = cr_library_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_string ("error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_library_init (CrLibrary *self)
{
  g_mutex_init (&self->rules_lock);
  self->status_cancellable = g_cancellable_new ();
  self->monitors = g_ptr_array_new_with_free_func (stop_monitor);
  self->case_monitors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, stop_monitor);
  self->items = g_list_store_new (CR_TYPE_LIBRARY_ITEM);
}

/**
 * cr_library_new:
 * @settings: (nullable): the application settings, for "library-folders"
 *
 * Returns: (transfer full): a library; call cr_library_refresh() to list it.
 */
CrLibrary *
cr_library_new (GSettings *settings)
{
  CrLibrary *self = g_object_new (CR_TYPE_LIBRARY, NULL);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_signal_connect_object (settings, "changed::library-folders",
                               G_CALLBACK (library_folders_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  rebuild_stores (self);

  return self;
}

/**
 * cr_library_get_items:
 *
 * Returns: (transfer none): the cases, a list of CrLibraryItem in no
 * particular order.
 */
GListModel *
cr_library_get_items (CrLibrary *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);

  return G_LIST_MODEL (self->items);
}

/* Whether a listing is under way. */
gboolean
cr_library_get_loading (CrLibrary *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), FALSE);

  return self->loading;
}

/* Why the last listing of a library folder failed, or NULL. */
const char *
cr_library_get_error (CrLibrary *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);

  return self->error;
}

/**
 * cr_library_get_default_store:
 *
 * Returns: (transfer none): the store new cases go to.
 */
CrCaseStore *
cr_library_get_default_store (CrLibrary *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);

  return g_ptr_array_index (self->stores, 0);
}

/* The default store and one per usable library folder of the settings. */
guint
cr_library_get_n_stores (CrLibrary *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), 0);

  return self->stores->len;
}

/**
 * cr_library_lookup:
 *
 * Returns: (transfer none) (nullable): the item of @folder.
 */
CrLibraryItem *
cr_library_lookup (CrLibrary  *self,
                   const char *folder)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->items)); i++)
    {
      g_autoptr(CrLibraryItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (g_str_equal (cr_library_item_get_folder (item), folder))
        return item;
    }

  return NULL;
}

static gboolean
find_item (CrLibrary     *self,
           CrLibraryItem *item,
           guint         *position)
{
  return g_list_store_find (self->items, item, position);
}

/**
 * cr_library_get_samples_dir:
 *
 * Returns: (transfer full): $CREDIT_REPAIR_SAMPLES_DIR, or the installed
 * pkgdatadir/samples.
 */
char *
cr_library_get_samples_dir (void)
{
  const char *env = g_getenv ("CREDIT_REPAIR_SAMPLES_DIR");

  if (env != NULL && env[0] != '\0')
    return g_strdup (env);

  return g_build_filename (PKGDATADIR, "samples", NULL);
}

/* Status pass */

typedef struct
{
  GPtrArray           *items;    /* CrLibraryItem, only touched in the main thread */
  GPtrArray           *stores;   /* CrCaseStore, one per item */
  GPtrArray           *folders;  /* char*, one per item */
  GPtrArray           *summaries; /* the item's CrCaseSummary (or NULL) when the pass began */
  CrRuleSetCollection *rules;    /* NULL: load in the thread */
  GDate                today;

  /* results, one per item */
  CrCaseStatus        *statuses;
  GDate               *dates;
  gboolean            *approximate;
  gboolean            *valid;
} StatusPass;

static void
unref_nullable (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
status_pass_free (StatusPass *pass)
{
  g_ptr_array_unref (pass->items);
  g_ptr_array_unref (pass->stores);
  g_ptr_array_unref (pass->folders);
  g_ptr_array_unref (pass->summaries);
  g_clear_object (&pass->rules);
  g_free (pass->statuses);
  g_free (pass->dates);
  g_free (pass->approximate);
  g_free (pass->valid);
  g_free (pass);
}

/* The rule sets for the checker's verdicts (NULL when none load). The
 * first call, in a worker thread, loads them; they are shared read-only. */
static CrRuleSetCollection *
get_rules (CrLibrary *self)
{
  CrRuleSetCollection *rules;

  g_mutex_lock (&self->rules_lock);
  if (self->rules == NULL && !self->rules_set)
    {
      self->rules = cr_rule_set_collection_new_default ();
      if (cr_rule_set_collection_get_n_rule_sets (self->rules) == 0)
        g_clear_object (&self->rules);
    }
  rules = self->rules != NULL ? g_object_ref (self->rules) : NULL;
  g_mutex_unlock (&self->rules_lock);

  return rules;
}

static void
status_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  StatusPass *pass = task_data;

  pass->rules = get_rules (source_object);

  for (guint i = 0; i < pass->folders->len; i++)
    {
      g_autoptr(CrCase) kase = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      kase = cr_case_store_load (g_ptr_array_index (pass->stores, i),
                                 g_ptr_array_index (pass->folders, i), NULL, NULL);
      if (kase == NULL)
        continue;

      pass->statuses[i] = cr_case_status_compute (kase, pass->rules, &pass->today,
                                                  &pass->dates[i], &pass->approximate[i]);
      pass->valid[i] = TRUE;
    }

  g_task_return_boolean (task, TRUE);
}

static void
status_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  StatusPass *pass = g_task_get_task_data (G_TASK (result));

  if (g_task_get_cancellable (G_TASK (result)) != NULL &&
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  for (guint i = 0; i < pass->items->len; i++)
    {
      CrLibraryItem *item = g_ptr_array_index (pass->items, i);

      /* A later listing changed the item: a later pass has its status. */
      if (pass->valid[i] &&
          g_strcmp0 (cr_library_item_get_folder (item), g_ptr_array_index (pass->folders, i)) == 0 &&
          cr_library_item_get_summary (item) == g_ptr_array_index (pass->summaries, i))
        cr_library_item_set_status (item, pass->statuses[i], &pass->dates[i],
                                    pass->approximate[i]);
    }
}

static void
start_status_pass (CrLibrary *self,
                   GPtrArray *items)
{
  g_autoptr(GTask) task = NULL;
  StatusPass *pass;

  if (items->len == 0)
    return;

  /* The rule sets are on their way: cr_library_set_rule_sets() will work
   * out every status. */
  if (self->rules_set && self->rules == NULL)
    return;

  /* Passes are not cancelled by later ones (a pass over a few changed
   * cases must not stop the pass over all of them); only disposal stops
   * them. */
  pass = g_new0 (StatusPass, 1);
  pass->items = g_ptr_array_new_with_free_func (g_object_unref);
  pass->stores = g_ptr_array_new_with_free_func (g_object_unref);
  pass->folders = g_ptr_array_new_with_free_func (g_free);
  pass->summaries = g_ptr_array_new_with_free_func (unref_nullable);
  cr_date_set_today (&pass->today);

  for (guint i = 0; i < items->len; i++)
    {
      CrLibraryItem *item = g_ptr_array_index (items, i);

      if (cr_library_item_get_error (item) != NULL)
        continue;
      g_ptr_array_add (pass->items, g_object_ref (item));
      g_ptr_array_add (pass->stores, g_object_ref (cr_library_item_get_store (item)));
      g_ptr_array_add (pass->folders, g_strdup (cr_library_item_get_folder (item)));
      g_ptr_array_add (pass->summaries, cr_library_item_get_summary (item) != NULL
                                          ? g_object_ref (cr_library_item_get_summary (item))
                                          : NULL);
    }

  pass->statuses = g_new0 (CrCaseStatus, pass->items->len);
  pass->dates = g_new0 (GDate, pass->items->len);
  pass->approximate = g_new0 (gboolean, pass->items->len);
  pass->valid = g_new0 (gboolean, pass->items->len);

  task = g_task_new (self, self->status_cancellable, status_done_cb, NULL);
  g_task_set_source_tag (task, start_status_pass);
  g_task_set_task_data (task, pass, (GDestroyNotify) status_pass_free);
  g_task_run_in_thread (task, status_thread);
}

/**
 * cr_library_update_item:
 *
 * Takes what the list shows from an open case @kase of @item (after a
 * save), and works out its status again. The check runs in the main thread:
 * it reads nothing from disk.
 */
void
cr_library_update_item (CrLibrary     *self,
                        CrLibraryItem *item,
                        CrCase        *kase)
{
  g_autoptr(CrRuleSetCollection) rules = NULL;
  CrCaseStatus status;
  GDate today, next_date;
  gboolean approximate;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_LIBRARY_ITEM (item));
  g_return_if_fail (CR_IS_CASE (kase));

  cr_date_set_today (&today);
  g_mutex_lock (&self->rules_lock);
  rules = self->rules != NULL ? g_object_ref (self->rules) : NULL;
  g_mutex_unlock (&self->rules_lock);
  status = cr_case_status_compute (kase, rules, &today, &next_date, &approximate);
  cr_library_item_update_from_case (item, kase);
  cr_library_item_set_status (item, status, &next_date, approximate);
}

/**
 * cr_library_set_rule_sets:
 * @rules: (nullable): the rule sets the statuses follow, or NULL while
 *   they are loading
 *
 * Makes the statuses follow @rules (the application's, so that the list
 * agrees with the open case after new rule sets arrive) instead of rule
 * sets the library loads itself, and works out every status again.
 */
void
cr_library_set_rule_sets (CrLibrary           *self,
                          CrRuleSetCollection *rules)
{
  g_autoptr(GPtrArray) items = NULL;
  GListModel *model;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (rules == NULL || CR_IS_RULE_SET_COLLECTION (rules));

  g_mutex_lock (&self->rules_lock);
  self->rules_set = TRUE;
  g_set_object (&self->rules, rules);
  g_mutex_unlock (&self->rules_lock);

  if (rules == NULL)
    return;

  model = G_LIST_MODEL (self->items);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  start_status_pass (self, items);
}

/* Listing */

typedef struct
{
  GPtrArray *stores;      /* CrCaseStore */
  GPtrArray *listings;    /* GPtrArray of CrCaseSummary, one per store (NULL on error) */
  char      *error;
  guint      generation;  /* of the items when the listing began */
  gboolean   all_statuses;
} ListPass;

static void
list_pass_free (ListPass *pass)
{
  g_ptr_array_unref (pass->stores);
  g_ptr_array_unref (pass->listings);
  g_free (pass->error);
  g_free (pass);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListPass *pass = task_data;

  for (guint i = 0; i < pass->stores->len; i++)
    {
      CrCaseStore *store = g_ptr_array_index (pass->stores, i);
      g_autoptr(GError) error = NULL;
      GPtrArray *summaries = cr_case_store_list (store, cancellable, &error);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }

      if (summaries == NULL && pass->error == NULL)
        {
          g_autofree char *display = g_filename_display_name (cr_case_store_get_root (store));

          /* Translators: %s is a folder, then an error message */
          pass->error = g_strdup_printf (_("The library folder %s cannot be read: %s"),
                                         display, error->message);
        }
      g_ptr_array_add (pass->listings, summaries);
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_loading (CrLibrary *self,
             gboolean   loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void start_listing (CrLibrary *self,
                           gboolean   all_statuses);

/* Brings the items in line with a listing: items of folders still there
 * stay (so the selection and the open case keep theirs), and take what
 * changed; the others go; new folders get new items. Returns the items
 * whose status is to be worked out again. */
static GPtrArray *
merge_listing (CrLibrary *self,
               ListPass  *pass)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *stale = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (model);
  guint run_end = G_MAXUINT;   /* one past the last of a run of items to remove */

  for (guint i = 0; i < pass->stores->len; i++)
    {
      GPtrArray *summaries = g_ptr_array_index (pass->listings, i);

      for (guint j = 0; summaries != NULL && j < summaries->len; j++)
        {
          CrCaseSummary *summary = g_ptr_array_index (summaries, j);

          g_hash_table_insert (listed, (gpointer) cr_case_summary_get_folder (summary), summary);
          g_hash_table_insert (owners, (gpointer) cr_case_summary_get_folder (summary),
                               g_ptr_array_index (pass->stores, i));
        }
    }

  /* Backwards, removing runs of gone items in one splice each. */
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(CrLibraryItem) item = g_list_model_get_item (model, i);
      const char *folder = cr_library_item_get_folder (item);
      CrCaseSummary *summary = g_hash_table_lookup (listed, folder);
      gboolean keep = summary != NULL &&
                      g_hash_table_lookup (owners, folder) == cr_library_item_get_store (item);

      if (keep)
        {
          if (cr_library_item_update_from_summary (item, summary) || pass->all_statuses)
            g_ptr_array_add (stale, g_object_ref (item));
          g_hash_table_remove (listed, folder);

          if (run_end != G_MAXUINT)
            {
              g_list_store_splice (self->items, i + 1, run_end - (i + 1), NULL, 0);
              run_end = G_MAXUINT;
            }
        }
      else if (run_end == G_MAXUINT)
        {
          run_end = i + 1;
        }
    }
  if (run_end != G_MAXUINT)
    g_list_store_splice (self->items, 0, run_end, NULL, 0);

  /* What is left is new, in listing order. */
  for (guint i = 0; i < pass->stores->len; i++)
    {
      GPtrArray *summaries = g_ptr_array_index (pass->listings, i);

      for (guint j = 0; summaries != NULL && j < summaries->len; j++)
        {
          CrCaseSummary *summary = g_ptr_array_index (summaries, j);

          if (g_hash_table_contains (listed, cr_case_summary_get_folder (summary)))
            g_ptr_array_add (added, cr_library_item_new (g_ptr_array_index (pass->stores, i),
                                                         summary));
        }
    }
  g_list_store_splice (self->items, g_list_model_get_n_items (model), 0,
                       added->pdata, added->len);
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (stale, g_object_ref (g_ptr_array_index (added, i)));

  return stale;
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  CrLibrary *self = CR_LIBRARY (object);
  ListPass *pass = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) stale = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;  /* cancelled: a newer listing runs */

  /* An operation changed the items while the thread listed: what it read
   * may predate that change. List again. */
  if (pass->generation != self->generation)
    {
      start_listing (self, pass->all_statuses);
      return;
    }

  stale = merge_listing (self, pass);
  watch_case_folders (self);

  if (g_strcmp0 (self->error, pass->error) != 0)
    {
      g_free (self->error);
      self->error = g_strdup (pass->error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }

  set_loading (self, FALSE);
  start_status_pass (self, stale);
}

static void
start_listing (CrLibrary *self,
               gboolean   all_statuses)
{
  g_autoptr(GTask) task = NULL;
  ListPass *pass;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();

  pass = g_new0 (ListPass, 1);
  pass->stores = g_ptr_array_copy (self->stores, (GCopyFunc) g_object_ref, NULL);
  g_ptr_array_set_free_func (pass->stores, g_object_unref);
  pass->listings = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pass->generation = self->generation;
  pass->all_statuses = all_statuses;

  set_loading (self, TRUE);

  task = g_task_new (self, self->list_cancellable, list_done_cb, NULL);
  g_task_set_source_tag (task, start_listing);
  g_task_set_task_data (task, pass, (GDestroyNotify) list_pass_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * cr_library_refresh:
 *
 * Lists the library folders again, in a thread, and works out the status
 * of every case again; the items are brought in line when it is done
 * ("loading" is TRUE meanwhile).
 */
void
cr_library_refresh (CrLibrary *self)
{
  g_return_if_fail (CR_IS_LIBRARY (self));

  start_listing (self, TRUE);
}

static gboolean
refresh_timeout_cb (gpointer user_data)
{
  CrLibrary *self = user_data;

  self->refresh_source = 0;
  start_listing (self, FALSE);

  return G_SOURCE_REMOVE;
}

/* A burst of changes (a sync tool copying a case) gives one listing,
 * shortly after the last of them. */
static void
schedule_refresh (CrLibrary *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);
  self->refresh_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}

/**
 * cr_library_check_for_changes:
 *
 * Lists the library folders again, in a thread, like cr_library_refresh(),
 * but works out the status only of cases that changed on disk: for when
 * the window comes back to the front, as the file monitors do not work on
 * every file system (network shares).
 */
void
cr_library_check_for_changes (CrLibrary *self)
{
  g_return_if_fail (CR_IS_LIBRARY (self));

  if (self->loading)
    return;

  start_listing (self, FALSE);
}

/* Operations */

typedef enum
{
  OP_CREATE,
  OP_RENAME,
  OP_DUPLICATE,
  OP_DELETE,
  OP_RESTORE,
  OP_IMPORT,
  OP_ADD_FOLDER,
  OP_EXPORT,
} OpKind;

typedef struct
{
  OpKind               kind;
  CrCaseStore         *store;
  CrLibraryItem       *item;      /* main thread only */
  char                *folder;    /* the item's folder */
  char                *argument;  /* name, trash entry, case file or destination */
  CrCase              *kase;      /* initial case, or the copy to export */
  CrRuleSetCollection *rules;
  GDate                today;

  /* results */
  CrCase              *loaded;    /* the case of a new folder */
  char                *new_folder;
  char                *trash_entry;
  GPtrArray           *warnings;
  CrCaseStatus         status;
  GDate                next_date;
  gboolean             approximate;
} Op;

static void
op_free (Op *op)
{
  g_clear_object (&op->store);
  g_clear_object (&op->item);
  g_free (op->folder);
  g_free (op->argument);
  g_clear_object (&op->kase);
  g_clear_object (&op->rules);
  g_clear_object (&op->loaded);
  g_free (op->new_folder);
  g_free (op->trash_entry);
  g_clear_pointer (&op->warnings, g_ptr_array_unref);
  g_free (op);
}

static Op *
op_new (CrLibrary     *self,
        OpKind         kind,
        CrCaseStore   *store,
        CrLibraryItem *item)
{
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->store = g_object_ref (store);
  if (item != NULL)
    {
      op->item = g_object_ref (item);
      op->folder = g_strdup (cr_library_item_get_folder (item));
    }
  op->warnings = cr_problem_list_new ();
  cr_date_set_today (&op->today);

  return op;
}

static gboolean
load_new_folder (Op      *op,
                 GError **error)
{
  op->loaded = cr_case_store_load (op->store, op->new_folder, NULL, error);
  return op->loaded != NULL;
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (op->kind)
    {
    case OP_CREATE:
      op->loaded = cr_case_store_create (op->store, op->argument, op->kase, &error);
      ok = op->loaded != NULL;
      break;

    case OP_RENAME:
      op->new_folder = cr_case_store_rename (op->store, op->folder, op->argument, &error);
      ok = op->new_folder != NULL;
      break;

    case OP_DUPLICATE:
      op->new_folder = cr_case_store_duplicate (op->store, op->folder, NULL, &error);
      ok = op->new_folder != NULL && load_new_folder (op, &error);
      break;

    case OP_DELETE:
      op->trash_entry = cr_case_store_delete (op->store, op->folder, &error);
      ok = op->trash_entry != NULL;
      break;

    case OP_RESTORE:
      op->new_folder = cr_case_store_restore (op->store, op->argument, &error);
      ok = op->new_folder != NULL && load_new_folder (op, &error);
      break;

    case OP_IMPORT:
      op->loaded = cr_case_store_import (op->store, op->argument, op->warnings, &error);
      ok = op->loaded != NULL;
      break;

    case OP_ADD_FOLDER:
      op->new_folder = g_strdup (op->argument);
      ok = load_new_folder (op, &error);
      break;

    case OP_EXPORT:
      ok = cr_case_store_export (op->store, op->kase, op->argument, op->warnings, &error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_task_return_error (task, error);
      return;
    }

  if (op->loaded != NULL)
    {
      op->rules = get_rules (source_object);
      op->status = cr_case_status_compute (op->loaded, op->rules, &op->today, &op->next_date,
                                           &op->approximate);
    }

  g_task_return_boolean (task, TRUE);
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  CrLibrary *self = CR_LIBRARY (object);
  g_autoptr(GTask) outer = user_data;
  Op *op = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  guint position;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  self->generation++;

  switch (op->kind)
    {
    case OP_RENAME:
      cr_library_item_set_folder (op->item, op->new_folder);
      break;

    case OP_DELETE:
      if (find_item (self, op->item, &position))
        g_list_store_remove (self->items, position);
      break;

    case OP_CREATE:
    case OP_DUPLICATE:
    case OP_RESTORE:
    case OP_IMPORT:
    case OP_ADD_FOLDER:
      {
        CrLibraryItem *existing = cr_library_lookup (self, cr_case_get_base_dir (op->loaded));

        g_clear_object (&op->item);
        if (existing != NULL)
          {
            op->item = g_object_ref (existing);
            cr_library_item_update_from_case (op->item, op->loaded);
          }
        else
          {
            op->item = cr_library_item_new_for_case (op->store, op->loaded);
            g_list_store_append (self->items, op->item);
          }
        cr_library_item_set_status (op->item, op->status, &op->next_date, op->approximate);
      }
      break;

    case OP_EXPORT:
    default:
      break;
    }

  g_task_return_boolean (outer, TRUE);
}

static void
run_op (CrLibrary           *self,
        Op                  *op,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  GTask *outer;
  g_autoptr(GTask) inner = NULL;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (outer, op, (GDestroyNotify) op_free);

  inner = g_task_new (self, cancellable, op_done_cb, outer);
  g_task_set_source_tag (inner, run_op);
  g_task_set_task_data (inner, op, NULL);
  g_task_run_in_thread (inner, op_thread);
}

/**
 * cr_library_create_async:
 * @name: (nullable): the folder name (NULL: after the company)
 * @initial: (nullable): the case to store, or NULL for an empty one
 *
 * Creates a case in the default store.
 */
void
cr_library_create_async (CrLibrary           *self,
                         const char          *name,
                         CrCase              *initial,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (initial == NULL || CR_IS_CASE (initial));

  op = op_new (self, OP_CREATE, cr_library_get_default_store (self), NULL);
  op->argument = g_strdup (name);
  op->kase = initial != NULL ? g_object_ref (initial) : NULL;
  run_op (self, op, cr_library_create_async, cancellable, callback, user_data);
}

void
cr_library_rename_async (CrLibrary           *self,
                         CrLibraryItem       *item,
                         const char          *new_name,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_LIBRARY_ITEM (item));
  g_return_if_fail (new_name != NULL);

  op = op_new (self, OP_RENAME, cr_library_item_get_store (item), item);
  op->argument = g_strdup (new_name);
  run_op (self, op, cr_library_rename_async, cancellable, callback, user_data);
}

void
cr_library_duplicate_async (CrLibrary           *self,
                            CrLibraryItem       *item,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_LIBRARY_ITEM (item));

  op = op_new (self, OP_DUPLICATE, cr_library_item_get_store (item), item);
  run_op (self, op, cr_library_duplicate_async, cancellable, callback, user_data);
}

/* Moves the case to its store's trash; see cr_library_operation_finish(). */
void
cr_library_delete_async (CrLibrary           *self,
                         CrLibraryItem       *item,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_LIBRARY_ITEM (item));

  op = op_new (self, OP_DELETE, cr_library_item_get_store (item), item);
  run_op (self, op, cr_library_delete_async, cancellable, callback, user_data);
}

void
cr_library_restore_async (CrLibrary           *self,
                          CrCaseStore         *store,
                          const char          *trash_entry,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_CASE_STORE (store));
  g_return_if_fail (trash_entry != NULL);

  op = op_new (self, OP_RESTORE, store, NULL);
  op->argument = g_strdup (trash_entry);
  run_op (self, op, cr_library_restore_async, cancellable, callback, user_data);
}

/* Copies an interchange case file (and its materials) into the default store. */
void
cr_library_import_async (CrLibrary           *self,
                         const char          *case_file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (case_file != NULL);

  op = op_new (self, OP_IMPORT, cr_library_get_default_store (self), NULL);
  op->argument = g_strdup (case_file);
  run_op (self, op, cr_library_import_async, cancellable, callback, user_data);
}

/* Lists a case folder that appeared in @store (a conflict copy …). */
void
cr_library_add_folder_async (CrLibrary           *self,
                             CrCaseStore         *store,
                             const char          *folder,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_CASE_STORE (store));
  g_return_if_fail (folder != NULL);

  op = op_new (self, OP_ADD_FOLDER, store, NULL);
  op->argument = g_strdup (folder);
  run_op (self, op, cr_library_add_folder_async, cancellable, callback, user_data);
}

/**
 * cr_library_operation_finish:
 * @trash_entry: (out) (optional) (transfer full): for a deletion, what to
 *   pass to cr_library_restore_async()
 * @warnings: (out) (optional) (transfer full) (element-type CrProblem):
 *   warnings (of an import)
 *
 * Returns: (transfer full) (nullable): the item concerned, or NULL with
 * @error set.
 */
CrLibraryItem *
cr_library_operation_finish (CrLibrary     *self,
                             GAsyncResult  *result,
                             char         **trash_entry,
                             GPtrArray    **warnings,
                             GError       **error)
{
  Op *op;

  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  op = g_task_get_task_data (G_TASK (result));
  if (trash_entry != NULL)
    *trash_entry = g_strdup (op->trash_entry);
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (op->warnings);

  return g_object_ref (op->item);
}

/**
 * cr_library_export_async:
 * @dest_dir: a folder that does not exist yet, or an empty one
 *
 * Writes a copy of @kase, in interchange v1, with its material files.
 */
void
cr_library_export_async (CrLibrary           *self,
                         CrCaseStore         *store,
                         CrCase              *kase,
                         const char          *dest_dir,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Op *op;

  g_return_if_fail (CR_IS_LIBRARY (self));
  g_return_if_fail (CR_IS_CASE_STORE (store));
  g_return_if_fail (CR_IS_CASE (kase));
  g_return_if_fail (dest_dir != NULL);

  op = op_new (self, OP_EXPORT, store, NULL);
  /* The copy is made here: the case may be edited while the thread writes. */
  op->kase = cr_case_copy (kase);
  op->argument = g_strdup (dest_dir);
  run_op (self, op, cr_library_export_async, cancellable, callback, user_data);
}

gboolean
cr_library_export_finish (CrLibrary     *self,
                          GAsyncResult  *result,
                          GPtrArray    **warnings,
                          GError       **error)
{
  Op *op;

  g_return_val_if_fail (CR_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  op = g_task_get_task_data (G_TASK (result));
  if (warnings != NULL)
    *warnings = g_ptr_array_ref (op->warnings);

  return TRUE;
}

/* Samples */

static int
compare_samples (gconstpointer a,
                 gconstpointer b)
{
  CrCase *ca = *(CrCase **) a;
  CrCase *cb = *(CrCase **) b;

  return g_strcmp0 (cr_case_get_base_dir (ca), cr_case_get_base_dir (cb));
}

static void
samples_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autofree char *dir_path = cr_library_get_samples_dir ();
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDir) dir = NULL;
  GError *error = NULL;
  const char *name;

  dir = g_dir_open (dir_path, 0, &error);
  if (dir == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      CrCase *kase;

      if (!g_str_has_suffix (name, ".case"))
        continue;

      path = g_build_filename (dir_path, name, "case.json", NULL);
      kase = cr_case_load_from_file_full (path, CR_CASE_LOAD_ALLOW_INCOMPLETE, NULL, NULL);
      if (kase != NULL)
        g_ptr_array_add (samples, kase);
    }

  g_ptr_array_sort (samples, compare_samples);
  g_task_return_pointer (task, g_steal_pointer (&samples), (GDestroyNotify) g_ptr_array_unref);
}

void
cr_library_list_samples_async (CrLibrary           *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_LIBRARY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_library_list_samples_async);
  g_task_run_in_thread (task, samples_thread);
}

/**
 * cr_library_list_samples_finish:
 *
 * Returns: (transfer full) (element-type CrCase): the sample cases, by
 * folder name; open one with cr_library_import_async() on its case.json.
 */
GPtrArray *
cr_library_list_samples_finish (CrLibrary     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (CR_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
