/* cr-case-store.c: the case library on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing the user typed may be lost: case.json is only ever replaced by
 * rename(2) of a fully written and fsync'ed temporary file (GLib's
 * g_file_set_contents_full() with CONSISTENT | DURABLE), so after a crash
 * or kill it is either the old or the new version. The previous version is
 * kept as case.json.bak, written the same way before case.json is replaced.
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-case-store.h"

#define FOLDER_MODE 0700
#define FILE_MODE   0600
#define MAX_NAME_CHARS 100

/* Temporary files older than this, left by a crash in
 * g_file_set_contents_full(), are removed when a case is opened. */
#define STALE_TEMPORARY_AGE_USEC (10 * G_USEC_PER_SEC * 60)

G_DEFINE_QUARK (cr-case-store-error-quark, cr_case_store_error)

/* Fingerprints */

typedef struct
{
  gboolean exists;
  gint64   size;
  gint64   mtime_usec;
  char     sha256[65];
} Fingerprint;

static GQuark
fingerprint_quark (void)
{
  return g_quark_from_static_string ("cr-case-store-fingerprint");
}

/* Fingerprints are read and replaced from worker threads too. */
static GMutex fingerprint_lock;

static void
set_fingerprint (CrCase            *kase,
                 const Fingerprint *fingerprint)
{
  g_mutex_lock (&fingerprint_lock);
  g_object_set_qdata_full (G_OBJECT (kase), fingerprint_quark (),
                           g_memdup2 (fingerprint, sizeof *fingerprint), g_free);
  g_mutex_unlock (&fingerprint_lock);
}

static gboolean
get_fingerprint (CrCase      *kase,
                 Fingerprint *out)
{
  Fingerprint *fingerprint;

  g_mutex_lock (&fingerprint_lock);
  fingerprint = g_object_get_qdata (G_OBJECT (kase), fingerprint_quark ());
  if (fingerprint != NULL)
    *out = *fingerprint;
  g_mutex_unlock (&fingerprint_lock);

  return fingerprint != NULL;
}

static void
fingerprint_set_data (Fingerprint *fingerprint,
                      const char  *data,
                      gsize        length)
{
  g_autofree char *sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data,
                                                      length);

  fingerprint->exists = TRUE;
  fingerprint->size = (gint64) length;
  g_strlcpy (fingerprint->sha256, sha, sizeof fingerprint->sha256);
}

/* Size, modification time and (when @inode is not NULL) inode number;
 * *exists is FALSE when there is no file. */
static gboolean
stat_file_full (const char  *path,
                gboolean    *exists,
                gint64      *size,
                gint64      *mtime_usec,
                guint64     *inode,
                GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                            G_FILE_ATTRIBUTE_UNIX_INODE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
        {
          *exists = FALSE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *exists = TRUE;
  *size = g_file_info_get_size (info);
  *mtime_usec = (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) *
                G_USEC_PER_SEC +
                g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
  if (inode != NULL)
    *inode = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE);
  return TRUE;
}

static gboolean
stat_file (const char  *path,
           gboolean    *exists,
           gint64      *size,
           gint64      *mtime_usec,
           GError     **error)
{
  return stat_file_full (path, exists, size, mtime_usec, NULL, error);
}

/* Reads @path; *contents is NULL when the file does not exist. */
static gboolean
read_optional (const char  *path,
               char       **contents,
               gsize       *length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  *contents = NULL;
  *length = 0;

  if (!g_file_get_contents (path, contents, length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
remove_optional (const char  *path,
                 GError     **error)
{
  if (g_unlink (path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not remove %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_file (const char               *path,
            const char               *data,
            gsize                     length,
            GFileSetContentsFlags     flags,
            GError                  **error)
{
  return g_file_set_contents_full (path, data, length, flags, FILE_MODE, error);
}

/* CrCaseSummary */

struct _CrCaseSummary
{
  GObject    parent_instance;

  char      *folder;
  char      *name;
  char      *company_name;
  char      *uscc;
  GStrv      decision_numbers;
  guint      n_records;
  GDateTime *modified;
  GError    *error;
  gboolean   has_recovery;
};

G_DEFINE_FINAL_TYPE (CrCaseSummary, cr_case_summary, G_TYPE_OBJECT)

enum {
  SUMMARY_PROP_0,
  SUMMARY_PROP_FOLDER,
  SUMMARY_PROP_NAME,
  SUMMARY_PROP_COMPANY_NAME,
  SUMMARY_PROP_USCC,
  SUMMARY_PROP_DECISION_NUMBERS,
  SUMMARY_PROP_N_RECORDS,
  SUMMARY_PROP_MODIFIED,
  SUMMARY_PROP_ERROR,
  SUMMARY_PROP_HAS_RECOVERY,
  SUMMARY_N_PROPS
};

static GParamSpec *summary_properties[SUMMARY_N_PROPS];

static void
cr_case_summary_finalize (GObject *object)
{
  CrCaseSummary *self = (CrCaseSummary *) object;

  g_free (self->folder);
  g_free (self->name);
  g_free (self->company_name);
  g_free (self->uscc);
  g_strfreev (self->decision_numbers);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cr_case_summary_parent_class)->finalize (object);
}

static void
cr_case_summary_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrCaseSummary *self = CR_CASE_SUMMARY (object);

  switch (prop_id)
    {
    case SUMMARY_PROP_FOLDER:
      g_value_set_string (value, self->folder);
      break;
    case SUMMARY_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case SUMMARY_PROP_COMPANY_NAME:
      g_value_set_string (value, self->company_name);
      break;
    case SUMMARY_PROP_USCC:
      g_value_set_string (value, self->uscc);
      break;
    case SUMMARY_PROP_DECISION_NUMBERS:
      g_value_set_boxed (value, self->decision_numbers);
      break;
    case SUMMARY_PROP_N_RECORDS:
      g_value_set_uint (value, self->n_records);
      break;
    case SUMMARY_PROP_MODIFIED:
      g_value_set_boxed (value, self->modified);
      break;
    case SUMMARY_PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case SUMMARY_PROP_HAS_RECOVERY:
      g_value_set_boolean (value, self->has_recovery);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_summary_class_init (CrCaseSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cr_case_summary_finalize;
  object_class->get_property = cr_case_summary_get_property;

  summary_properties[SUMMARY_PROP_FOLDER] =
    g_param_spec_string ("folder", NULL, NULL, NULL, flags);
  summary_properties[SUMMARY_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  summary_properties[SUMMARY_PROP_COMPANY_NAME] =
    g_param_spec_string ("company-name", NULL, NULL, NULL, flags);
  summary_properties[SUMMARY_PROP_USCC] = g_param_spec_string ("uscc", NULL, NULL, NULL, flags);
  summary_properties[SUMMARY_PROP_DECISION_NUMBERS] =
    g_param_spec_boxed ("decision-numbers", NULL, NULL, G_TYPE_STRV, flags);
  summary_properties[SUMMARY_PROP_N_RECORDS] =
    g_param_spec_uint ("n-records", NULL, NULL, 0, G_MAXUINT, 0, flags);
  summary_properties[SUMMARY_PROP_MODIFIED] =
    g_param_spec_boxed ("modified", NULL, NULL, G_TYPE_DATE_TIME, flags);
  summary_properties[SUMMARY_PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, flags);
  summary_properties[SUMMARY_PROP_HAS_RECOVERY] =
    g_param_spec_boolean ("has-recovery", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, SUMMARY_N_PROPS, summary_properties);
}

static void
cr_case_summary_init (CrCaseSummary *self)
{
}

/* The absolute path of the case folder. */
const char *
cr_case_summary_get_folder (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->folder;
}

/* The folder's name (in the filename encoding). */
const char *
cr_case_summary_get_name (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->name;
}

/**
 * cr_case_summary_get_company_name:
 *
 * Returns: (nullable): the company name, NULL when the case cannot be read.
 */
const char *
cr_case_summary_get_company_name (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->company_name;
}

const char *
cr_case_summary_get_uscc (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->uscc;
}

/**
 * cr_case_summary_get_decision_numbers:
 *
 * Returns: (transfer none) (array zero-terminated=1): the records'
 * decision numbers, in order (empty strings included).
 */
const char * const *
cr_case_summary_get_decision_numbers (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return (const char * const *) self->decision_numbers;
}

guint
cr_case_summary_get_n_records (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), 0);

  return self->n_records;
}

/**
 * cr_case_summary_get_modified:
 *
 * Returns: (transfer none) (nullable): when case.json was last written.
 */
GDateTime *
cr_case_summary_get_modified (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->modified;
}

/**
 * cr_case_summary_get_error:
 *
 * Returns: (transfer none) (nullable): why the case cannot be opened, or
 * NULL when it can.
 */
const GError *
cr_case_summary_get_error (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), NULL);

  return self->error;
}

/* Whether case.json.autosave holds unsaved edits (not compared with
 * case.json here; cr_case_store_has_recovery() does that). */
gboolean
cr_case_summary_get_has_recovery (CrCaseSummary *self)
{
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (self), FALSE);

  return self->has_recovery;
}

/* CrCaseStore */

struct _CrCaseStore
{
  GObject  parent_instance;

  char    *root;

  /* Writes to case folders run in the order they were asked for. */
  GMutex      lock;
  GCond       cond;
  guint64     next_ticket;
  guint64     serving;

  /* Summaries by folder, valid while case.json keeps its size, time and
   * inode (a save replaces the inode), so listing again reads only what
   * changed. */
  GMutex      cache_lock;
  GHashTable *cache;
};

typedef struct
{
  gint64         size;
  gint64         mtime_usec;
  guint64        inode;
  CrCaseSummary *summary;
} CachedSummary;

static void
cached_summary_free (CachedSummary *cached)
{
  g_object_unref (cached->summary);
  g_free (cached);
}

G_DEFINE_FINAL_TYPE (CrCaseStore, cr_case_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROOT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint64
take_ticket (CrCaseStore *self)
{
  guint64 ticket;

  g_mutex_lock (&self->lock);
  ticket = self->next_ticket++;
  g_mutex_unlock (&self->lock);

  return ticket;
}

static void
wait_turn (CrCaseStore *self,
           guint64      ticket)
{
  g_mutex_lock (&self->lock);
  while (self->serving != ticket)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

static void
end_turn (CrCaseStore *self)
{
  g_mutex_lock (&self->lock);
  self->serving++;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
cr_case_store_finalize (GObject *object)
{
  CrCaseStore *self = (CrCaseStore *) object;

  g_free (self->root);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_mutex_clear (&self->cache_lock);
  g_hash_table_unref (self->cache);

  G_OBJECT_CLASS (cr_case_store_parent_class)->finalize (object);
}

static void
cr_case_store_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CrCaseStore *self = CR_CASE_STORE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_value_set_string (value, self->root);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_store_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CrCaseStore *self = CR_CASE_STORE (object);

  switch (prop_id)
    {
    case PROP_ROOT:
      g_free (self->root);
      self->root = g_canonicalize_filename (g_value_get_string (value), NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_store_class_init (CrCaseStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_case_store_finalize;
  object_class->get_property = cr_case_store_get_property;
  object_class->set_property = cr_case_store_set_property;

  properties[PROP_ROOT] =
    g_param_spec_string ("root", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_case_store_init (CrCaseStore *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_mutex_init (&self->cache_lock);
  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) cached_summary_free);
}

/**
 * cr_case_store_get_default_root:
 *
 * Returns: (transfer full): g_get_user_data_dir()/credit-repair/cases.
 */
char *
cr_case_store_get_default_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "credit-repair", "cases", NULL);
}

/**
 * cr_case_store_new:
 * @root: (nullable): the library folder, or NULL for the default one. It is
 *   created (0700) when the first case is created in it.
 *
 * Returns: (transfer full): a store for @root.
 */
CrCaseStore *
cr_case_store_new (const char *root)
{
  g_autofree char *default_root = NULL;

  if (root == NULL)
    root = default_root = cr_case_store_get_default_root ();

  return g_object_new (CR_TYPE_CASE_STORE, "root", root, NULL);
}

const char *
cr_case_store_get_root (CrCaseStore *self)
{
  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);

  return self->root;
}

/**
 * cr_case_store_get_folder:
 * @name: a folder name in the root, or an absolute path
 *
 * Returns: (transfer full): the absolute, canonical path of the folder.
 */
char *
cr_case_store_get_folder (CrCaseStore *self,
                          const char  *name)
{
  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return g_canonicalize_filename (name, self->root);
}

static char *
case_file (const char *folder,
           const char *name)
{
  return g_build_filename (folder, name, NULL);
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  if (g_mkdir_with_parents (path, FOLDER_MODE) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* A folder directly in the root, not hidden. */
static gboolean
check_in_store (CrCaseStore  *self,
                const char   *folder,
                GError      **error)
{
  g_autofree char *parent = g_path_get_dirname (folder);
  g_autofree char *base = g_path_get_basename (folder);

  if (!g_str_equal (parent, self->root) || base[0] == '.')
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_IN_STORE,
                   _("%s is not a case folder of the library"), display);
      return FALSE;
    }

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND,
                   _("There is no case folder %s"), display);
      return FALSE;
    }

  return TRUE;
}

/* Folder names: no path separators, control characters or the characters
 * Windows refuses (libraries end up on shared drives), not hidden, not too
 * long. Returns NULL when nothing is left. */
static char *
sanitize_name (const char *name)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = NULL;
  const char *start, *end;

  if (name == NULL)
    return NULL;

  valid = g_utf8_make_valid (name, -1);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int) c) != NULL))
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }

  start = out->str;
  while (*start == '.' || *start == ' ')
    start++;
  end = out->str + out->len;
  while (end > start && (end[-1] == '.' || end[-1] == ' '))
    end--;

  if (end == start)
    return NULL;

  {
    g_autofree char *trimmed = g_strndup (start, end - start);

    if (g_utf8_strlen (trimmed, -1) > MAX_NAME_CHARS)
      return g_utf8_substring (trimmed, 0, MAX_NAME_CHARS);
    return g_steal_pointer (&trimmed);
  }
}

/* root/name, or root/"name (2)" … when it is taken. */
static char *
unique_folder (const char *root,
               const char *name)
{
  char *path = g_build_filename (root, name, NULL);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s (%u)", name, i);

      g_free (path);
      path = g_build_filename (root, numbered, NULL);
    }

  return path;
}

static gboolean
is_temporary_name (const char *name)
{
  static const char * const prefixes[] = {
    CR_CASE_STORE_CASE_FILE ".", CR_CASE_STORE_BACKUP_FILE ".", CR_CASE_STORE_AUTOSAVE_FILE ".",
  };

  /* g_file_set_contents_full() writes NAME.XXXXXX next to NAME. */
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      const char *rest;

      if (!g_str_has_prefix (name, prefixes[i]))
        continue;
      rest = name + strlen (prefixes[i]);
      if (strlen (rest) != 6)
        continue;
      for (; *rest != '\0' && g_ascii_isalnum (*rest); rest++)
        ;
      if (*rest == '\0')
        return TRUE;
    }

  return FALSE;
}

static void
remove_stale_temporaries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  gint64 now = g_get_real_time ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      gboolean exists;
      gint64 size, mtime;

      if (!is_temporary_name (name))
        continue;

      path = g_build_filename (folder, name, NULL);
      if (stat_file (path, &exists, &size, &mtime, NULL) && exists &&
          now - mtime > STALE_TEMPORARY_AGE_USEC)
        g_unlink (path);
    }
}

/* Files of a case folder that copies leave behind. */
static gboolean
is_private_name (const char *name)
{
  return g_str_equal (name, CR_CASE_STORE_BACKUP_FILE) ||
         g_str_equal (name, CR_CASE_STORE_AUTOSAVE_FILE) ||
         is_temporary_name (name);
}

static gboolean
copy_tree (GFile         *source,
           GFile         *dest,
           gboolean       top,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autofree char *dest_path = g_file_get_path (dest);

  if (!g_file_make_directory (dest, cancellable, error))
    return FALSE;
  g_chmod (dest_path, FOLDER_MODE);

  enumerator = g_file_enumerate_children (source,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) child_dest = NULL;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (top && is_private_name (name))
        continue;

      child_dest = g_file_get_child (dest, name);
      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!copy_tree (child, child_dest, FALSE, cancellable, error))
            return FALSE;
          break;

        case G_FILE_TYPE_REGULAR:
          {
            g_autofree char *path = g_file_get_path (child_dest);

            if (!g_file_copy (child, child_dest, G_FILE_COPY_NOFOLLOW_SYMLINKS, cancellable,
                              NULL, NULL, error))
              return FALSE;
            g_chmod (path, FILE_MODE);
          }
          break;

        /* Links could point out of the case; special files are no material. */
        case G_FILE_TYPE_UNKNOWN:
        case G_FILE_TYPE_SYMBOLIC_LINK:
        case G_FILE_TYPE_SPECIAL:
        case G_FILE_TYPE_SHORTCUT:
        case G_FILE_TYPE_MOUNTABLE:
        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
delete_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) local_error = NULL;

  enumerator = g_file_enumerate_children (file,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          cancellable, &local_error);
  if (enumerator != NULL)
    {
      for (;;)
        {
          GFileInfo *info;
          GFile *child;

          if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
            return FALSE;
          if (info == NULL)
            break;

          if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
            {
              if (!delete_tree (child, cancellable, error))
                return FALSE;
            }
          else if (!g_file_delete (child, cancellable, error))
            {
              return FALSE;
            }
        }
    }
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_file_delete (file, cancellable, error);
}

static gboolean
delete_path (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return delete_tree (file, NULL, error);
}

static gboolean
rename_path (const char  *from,
             const char  *to,
             GError     **error)
{
  if (g_rename (from, to) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display_from = g_filename_display_name (from);
      g_autofree char *display_to = g_filename_display_name (to);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not move %s to %s: %s"), display_from, display_to,
                   g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* Listing */

static CrCaseSummary *
summary_new (const char *folder,
             const char *name)
{
  CrCaseSummary *summary = g_object_new (CR_TYPE_CASE_SUMMARY, NULL);

  summary->folder = g_strdup (folder);
  summary->name = g_strdup (name);

  return summary;
}

static CrCaseSummary *
summary_copy_with_recovery (CrCaseSummary *other,
                            gboolean       has_recovery)
{
  CrCaseSummary *summary = summary_new (other->folder, other->name);

  summary->company_name = g_strdup (other->company_name);
  summary->uscc = g_strdup (other->uscc);
  summary->decision_numbers = g_strdupv (other->decision_numbers);
  summary->n_records = other->n_records;
  summary->modified = other->modified != NULL ? g_date_time_ref (other->modified) : NULL;
  summary->error = other->error != NULL ? g_error_copy (other->error) : NULL;
  summary->has_recovery = has_recovery;

  return summary;
}

static void
summary_read_case (CrCaseSummary *summary,
                   const char    *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  g_autoptr(CrCase) kase = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &summary->error))
    return;

  kase = cr_case_load_from_data_full (contents, length, summary->folder, display,
                                      CR_CASE_LOAD_ALLOW_INCOMPLETE, NULL, &summary->error);
  if (kase != NULL)
    {
      guint n = cr_case_get_n_records (kase);

      summary->company_name = g_strdup (cr_case_get_company_name (kase));
      summary->uscc = g_strdup (cr_case_get_company_uscc (kase));
      summary->n_records = n;
      summary->decision_numbers = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        summary->decision_numbers[i] =
          g_strdup (cr_case_record_get_decision_number (cr_case_get_record (kase, i)));
    }
}

/* The summary of @folder, from the cache when its case.json did not
 * change; NULL when @folder is no case folder. @seen collects the cache
 * entries still in use. */
static CrCaseSummary *
summarize (CrCaseStore *self,
           const char  *folder,
           const char  *name,
           GHashTable  *seen)
{
  g_autoptr(CrCaseSummary) summary = NULL;
  g_autofree char *path = case_file (folder, CR_CASE_STORE_CASE_FILE);
  g_autofree char *autosave = case_file (folder, CR_CASE_STORE_AUTOSAVE_FILE);
  g_autoptr(GError) error = NULL;
  CachedSummary *cached;
  gboolean exists, has_recovery;
  gint64 size, mtime;
  guint64 inode;

  if (!stat_file_full (path, &exists, &size, &mtime, &inode, &error))
    {
      summary = summary_new (folder, name);
      summary->error = g_steal_pointer (&error);
      return g_steal_pointer (&summary);
    }

  has_recovery = g_file_test (autosave, G_FILE_TEST_EXISTS);

  if (!exists)
    {
      g_autofree char *backup = case_file (folder, CR_CASE_STORE_BACKUP_FILE);

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR) ||
          (!has_recovery && !g_file_test (backup, G_FILE_TEST_EXISTS)))
        return NULL;  /* not a case folder */

      summary = summary_new (folder, name);
      summary->has_recovery = has_recovery;
      g_set_error (&summary->error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND,
                   has_recovery
                     ? _("case.json is missing; unsaved edits can be recovered")
                     : _("case.json is missing; the previous version is in case.json.bak"));
      return g_steal_pointer (&summary);
    }

  g_mutex_lock (&self->cache_lock);
  cached = g_hash_table_lookup (self->cache, folder);
  if (cached != NULL && cached->size == size && cached->mtime_usec == mtime &&
      cached->inode == inode)
    {
      if (cached->summary->has_recovery != has_recovery)
        {
          CrCaseSummary *updated = summary_copy_with_recovery (cached->summary, has_recovery);

          g_object_unref (cached->summary);
          cached->summary = updated;
        }
      summary = g_object_ref (cached->summary);
    }
  g_mutex_unlock (&self->cache_lock);

  if (summary == NULL)
    {
      summary = summary_new (folder, name);
      summary->has_recovery = has_recovery;
      {
        g_autoptr(GDateTime) seconds = g_date_time_new_from_unix_local (mtime / G_USEC_PER_SEC);

        summary->modified = g_date_time_add (seconds, mtime % G_USEC_PER_SEC);
      }
      summary_read_case (summary, path);

      cached = g_new0 (CachedSummary, 1);
      cached->size = size;
      cached->mtime_usec = mtime;
      cached->inode = inode;
      cached->summary = g_object_ref (summary);
      g_mutex_lock (&self->cache_lock);
      g_hash_table_replace (self->cache, g_strdup (folder), cached);
      g_mutex_unlock (&self->cache_lock);
    }

  g_hash_table_add (seen, g_strdup (folder));
  return g_steal_pointer (&summary);
}

static gboolean
not_seen (gpointer key,
          gpointer value,
          gpointer user_data)
{
  return !g_hash_table_contains (user_data, key);
}

static int
compare_summaries (gconstpointer a,
                   gconstpointer b)
{
  CrCaseSummary *sa = *(CrCaseSummary **) a;
  CrCaseSummary *sb = *(CrCaseSummary **) b;
  int cmp = g_utf8_collate (sa->name, sb->name);

  return cmp != 0 ? cmp : strcmp (sa->name, sb->name);
}

/**
 * cr_case_store_list:
 *
 * Lists the case folders of the root (not hidden ones, so not the trash).
 * A folder whose case cannot be read is listed with its error. Summaries
 * are kept in the store while the case.json they were read from stays the
 * same file (size, time, inode), so listing again is cheap.
 *
 * Returns: (transfer full) (element-type CrCaseSummary): the summaries,
 * sorted by folder name; empty when the root does not exist yet.
 */
GPtrArray *
cr_case_store_list (CrCaseStore   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);

  dir = g_dir_open (self->root, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&summaries);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = NULL;
      CrCaseSummary *summary;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      if (name[0] == '.')
        continue;

      folder = g_build_filename (self->root, name, NULL);
      summary = summarize (self, folder, name, seen);
      if (summary != NULL)
        g_ptr_array_add (summaries, summary);
    }

  g_ptr_array_sort (summaries, compare_summaries);

  /* Forget folders that are gone. */
  g_mutex_lock (&self->cache_lock);
  g_hash_table_foreach_remove (self->cache, not_seen, seen);
  g_mutex_unlock (&self->cache_lock);

  return g_steal_pointer (&summaries);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *summaries = cr_case_store_list (source_object, cancellable, &error);

  if (summaries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, summaries, (GDestroyNotify) g_ptr_array_unref);
}

void
cr_case_store_list_async (CrCaseStore         *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_CASE_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_case_store_list_async);
  g_task_run_in_thread (task, list_thread);
}

/**
 * cr_case_store_list_finish:
 *
 * Returns: (transfer full) (element-type CrCaseSummary): see
 * cr_case_store_list().
 */
GPtrArray *
cr_case_store_list_finish (CrCaseStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_case_store_list_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Loading */

/* Reads @file_name of @folder as a case; @disk_fingerprint gets the
 * fingerprint of the folder's case.json (which may be another file). */
static CrCase *
load_case (const char   *folder,
           const char   *file_name,
           GPtrArray    *warnings,
           Fingerprint  *disk_fingerprint,
           GError      **error)
{
  g_autofree char *path = case_file (folder, file_name);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *contents = NULL;
  g_autoptr(CrCase) kase = NULL;
  gsize length;

  if (!read_optional (path, &contents, &length, error))
    return NULL;
  if (contents == NULL)
    {
      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND,
                   _("There is no case in %s"), display);
      return NULL;
    }

  kase = cr_case_load_from_data_full (contents, length, folder, display,
                                      CR_CASE_LOAD_ALLOW_INCOMPLETE, warnings, error);
  if (kase == NULL)
    return NULL;

  memset (disk_fingerprint, 0, sizeof *disk_fingerprint);
  if (g_str_equal (file_name, CR_CASE_STORE_CASE_FILE))
    {
      fingerprint_set_data (disk_fingerprint, contents, length);
    }
  else
    {
      g_autofree char *main_path = case_file (folder, CR_CASE_STORE_CASE_FILE);
      g_autofree char *main_contents = NULL;
      gsize main_length;

      if (!read_optional (main_path, &main_contents, &main_length, error))
        return NULL;
      if (main_contents != NULL)
        fingerprint_set_data (disk_fingerprint, main_contents, main_length);
    }

  if (disk_fingerprint->exists)
    {
      g_autofree char *main_path = case_file (folder, CR_CASE_STORE_CASE_FILE);
      gboolean exists;

      if (!stat_file (main_path, &exists, &disk_fingerprint->size,
                      &disk_fingerprint->mtime_usec, error))
        return NULL;
    }

  return g_steal_pointer (&kase);
}

/**
 * cr_case_store_load:
 * @folder: the case folder, absolute or relative to the root
 * @warnings: (nullable) (element-type CrProblem): where to add warnings
 *
 * Opens the case in @folder. Incomplete cases (as the app saves them while
 * they are typed in) are accepted; cr_case_validate() reports what is
 * missing. The case remembers the fingerprint of the file for conflict
 * detection.
 *
 * Returns: (transfer full): the case, or NULL with @error set
 * (%CR_CASE_STORE_ERROR_NOT_FOUND, %CR_CASE_ERROR, or an I/O error).
 */
CrCase *
cr_case_store_load (CrCaseStore  *self,
                    const char   *folder,
                    GPtrArray    *warnings,
                    GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CrCase) kase = NULL;
  Fingerprint fingerprint;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  path = cr_case_store_get_folder (self, folder);
  kase = load_case (path, CR_CASE_STORE_CASE_FILE, warnings, &fingerprint, error);
  if (kase == NULL)
    return NULL;

  set_fingerprint (kase, &fingerprint);
  remove_stale_temporaries (path);

  return g_steal_pointer (&kase);
}

typedef struct
{
  CrCase    *kase;
  GPtrArray *warnings;
} LoadResult;

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->kase);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadResult *result = g_new0 (LoadResult, 1);
  GError *error = NULL;

  result->warnings = cr_problem_list_new ();
  result->kase = cr_case_store_load (source_object, task_data, result->warnings, &error);

  if (result->kase == NULL)
    {
      load_result_free (result);
      g_task_return_error (task, error);
    }
  else
    {
      g_task_return_pointer (task, result, (GDestroyNotify) load_result_free);
    }
}

void
cr_case_store_load_async (CrCaseStore         *self,
                          const char          *folder,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_CASE_STORE (self));
  g_return_if_fail (folder != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_case_store_load_async);
  g_task_set_task_data (task, g_strdup (folder), g_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * cr_case_store_load_finish:
 * @warnings: (out) (optional) (transfer full) (element-type CrProblem):
 *   the warnings of the reader
 *
 * Returns: (transfer full): the case, or NULL with @error set.
 */
CrCase *
cr_case_store_load_finish (CrCaseStore   *self,
                           GAsyncResult  *result,
                           GPtrArray    **warnings,
                           GError       **error)
{
  LoadResult *load_result;
  CrCase *kase;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_case_store_load_async, NULL);

  load_result = g_task_propagate_pointer (G_TASK (result), error);
  if (load_result == NULL)
    return NULL;

  kase = g_steal_pointer (&load_result->kase);
  if (warnings != NULL)
    *warnings = g_steal_pointer (&load_result->warnings);
  load_result_free (load_result);

  return kase;
}

/* Saving */

/* Writes @data as the case.json of @folder, refusing when the file on disk
 * does not match @expected (NULL: the case was never read from or written
 * to disk). The caller holds the turn. */
static gboolean
save_data (const char         *folder,
           const char         *data,
           gsize               length,
           const Fingerprint  *expected,
           Fingerprint        *saved,
           GError            **error)
{
  g_autofree char *path = case_file (folder, CR_CASE_STORE_CASE_FILE);
  g_autofree char *backup = case_file (folder, CR_CASE_STORE_BACKUP_FILE);
  g_autofree char *autosave = case_file (folder, CR_CASE_STORE_AUTOSAVE_FILE);
  g_autofree char *old = NULL;
  gsize old_length;
  gboolean exists;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND,
                   _("The case folder %s no longer exists"), display);
      return FALSE;
    }

  if (!read_optional (path, &old, &old_length, error))
    return FALSE;

  memset (saved, 0, sizeof *saved);
  fingerprint_set_data (saved, data, length);

  if (old != NULL)
    {
      Fingerprint current = { 0, };

      fingerprint_set_data (&current, old, old_length);
      if (expected == NULL || !expected->exists ||
          !g_str_equal (expected->sha256, current.sha256))
        {
          g_autofree char *display = g_filename_display_name (path);

          g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_CONFLICT,
                       _("%s was changed by another program since it was opened"), display);
          return FALSE;
        }

      /* Saving unchanged data must not turn the backup into a copy of it. */
      if (old_length == length && memcmp (old, data, length) == 0)
        {
          *saved = *expected;
          return remove_optional (autosave, error);
        }

      if (!write_file (backup, old, old_length, G_FILE_SET_CONTENTS_CONSISTENT, error))
        return FALSE;
    }

  if (!write_file (path, data, length,
                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, error))
    return FALSE;

  if (!stat_file (path, &exists, &saved->size, &saved->mtime_usec, error))
    return FALSE;

  return remove_optional (autosave, error);
}

static gboolean
require_folder (CrCase  *kase,
                GError **error)
{
  if (cr_case_get_base_dir (kase) == NULL)
    {
      g_set_error_literal (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_IN_STORE,
                           _("The case has no folder yet"));
      return FALSE;
    }

  return TRUE;
}

/* Saves @data for @kase in its turn; updates the fingerprint. */
static gboolean
save_in_turn (CrCaseStore  *self,
              CrCase       *kase,
              const char   *folder,
              const char   *data,
              gsize         length,
              guint64       ticket,
              GCancellable *cancellable,
              GError      **error)
{
  Fingerprint expected, saved;
  gboolean has_expected;
  gboolean ok;

  wait_turn (self, ticket);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      end_turn (self);
      return FALSE;
    }

  has_expected = get_fingerprint (kase, &expected);
  ok = save_data (folder, data, length, has_expected ? &expected : NULL, &saved, error);
  if (ok)
    set_fingerprint (kase, &saved);

  end_turn (self);
  return ok;
}

/**
 * cr_case_store_save:
 * @kase: a case loaded from or created in a folder
 *
 * Writes @kase to its folder's case.json atomically and durably, keeping
 * the previous version as case.json.bak and removing the autosave file.
 *
 * Returns: whether it was saved; %CR_CASE_STORE_ERROR_CONFLICT when the
 * file changed on disk since the case was loaded or last saved.
 */
gboolean
cr_case_store_save (CrCaseStore  *self,
                    CrCase       *kase,
                    GError      **error)
{
  g_autofree char *data = NULL;
  guint64 generation;
  gsize length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (CR_IS_CASE (kase), FALSE);

  if (!require_folder (kase, error))
    return FALSE;

  generation = cr_case_get_generation (kase);
  data = cr_case_to_data (kase, &length);

  if (!save_in_turn (self, kase, cr_case_get_base_dir (kase), data, length,
                     take_ticket (self), NULL, error))
    return FALSE;

  cr_case_set_saved_generation (kase, generation);
  return TRUE;
}

typedef struct
{
  CrCase  *kase;
  char    *folder;
  char    *data;
  gsize    length;
  guint64  generation;
  guint64  ticket;
} SaveData;

static void
save_data_free (SaveData *save)
{
  g_clear_object (&save->kase);
  g_free (save->folder);
  g_free (save->data);
  g_free (save);
}

static SaveData *
save_data_new (CrCaseStore *self,
               CrCase      *kase,
               char        *data,
               gsize        length)
{
  SaveData *save = g_new0 (SaveData, 1);

  save->kase = g_object_ref (kase);
  save->folder = g_strdup (cr_case_get_base_dir (kase));
  save->data = data;
  save->length = length;
  save->generation = cr_case_get_generation (kase);
  save->ticket = take_ticket (self);

  return save;
}

/* Serialises @kase now (it may change while the thread writes) and runs
 * @thread_func on it: a save or an autosave. */
static void
run_save_task (CrCaseStore         *self,
               CrCase              *kase,
               gpointer             source_tag,
               GTaskThreadFunc      thread_func,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  char *data;
  gsize length;

  g_task_set_source_tag (task, source_tag);

  if (!require_folder (kase, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = cr_case_to_data (kase, &length);
  g_task_set_task_data (task, save_data_new (self, kase, data, length),
                        (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, thread_func);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (save_in_turn (source_object, save->kase, save->folder, save->data, save->length,
                    save->ticket, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * cr_case_store_save_async:
 *
 * Like cr_case_store_save(); the case is serialised now, written in a
 * thread. Call cr_case_store_save_finish() to learn the result (it also
 * clears the case's modified flag, unless it changed meanwhile).
 */
void
cr_case_store_save_async (CrCaseStore         *self,
                          CrCase              *kase,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CR_IS_CASE_STORE (self));
  g_return_if_fail (CR_IS_CASE (kase));

  run_save_task (self, kase, cr_case_store_save_async, save_thread, cancellable, callback,
                 user_data);
}

gboolean
cr_case_store_save_finish (CrCaseStore   *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  SaveData *save;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_case_store_save_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  save = g_task_get_task_data (G_TASK (result));
  cr_case_set_saved_generation (save->kase, save->generation);
  return TRUE;
}

/**
 * cr_case_store_create:
 * @name: (nullable): the folder name; NULL to derive it from the company name
 * @initial: (nullable): a case to store (it gets the new folder as base
 *   directory; material paths are not changed), or NULL for an empty case
 *
 * Creates a case folder (0700) with case.json (0600) and attachments/ in the
 * root, which is created when needed. A taken name gets " (2)", " (3)" …
 *
 * Returns: (transfer full): the stored case (@initial itself when given).
 */
CrCase *
cr_case_store_create (CrCaseStore  *self,
                      const char   *name,
                      CrCase       *initial,
                      GError      **error)
{
  g_autoptr(CrCase) kase = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *attachments = NULL;
  g_autoptr(GError) save_error = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (initial == NULL || CR_IS_CASE (initial), NULL);

  kase = initial != NULL ? g_object_ref (initial) : cr_case_new ();

  if (name == NULL)
    name = cr_case_get_company_name (kase);
  clean = sanitize_name (name);
  if (clean == NULL)
    clean = g_strdup (_("New case"));

  if (!ensure_folder (self->root, error))
    return NULL;

  folder = unique_folder (self->root, clean);
  attachments = g_build_filename (folder, CR_CASE_STORE_ATTACHMENTS, NULL);
  if (!ensure_folder (attachments, error))
    return NULL;

  cr_case_set_base_dir (kase, folder);
  g_object_set_qdata (G_OBJECT (kase), fingerprint_quark (), NULL);
  if (!cr_case_store_save (self, kase, &save_error))
    {
      delete_path (folder, NULL);
      g_propagate_error (error, g_steal_pointer (&save_error));
      return NULL;
    }

  return g_steal_pointer (&kase);
}

/* Sync conflicts */

/**
 * cr_case_store_has_changed_on_disk:
 *
 * Returns: whether the case.json of @kase's folder differs from the one it
 * was loaded from or last saved to (compared by size and time first, by
 * SHA-256 when those differ). Cheap enough to call on focus or from a file
 * monitor.
 */
gboolean
cr_case_store_has_changed_on_disk (CrCaseStore *self,
                                   CrCase      *kase)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  Fingerprint expected, current = { 0, };
  gsize length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (CR_IS_CASE (kase), FALSE);

  if (cr_case_get_base_dir (kase) == NULL)
    return FALSE;

  path = case_file (cr_case_get_base_dir (kase), CR_CASE_STORE_CASE_FILE);
  if (!stat_file (path, &current.exists, &current.size, &current.mtime_usec, NULL))
    return TRUE;

  if (!get_fingerprint (kase, &expected))
    return current.exists;
  if (!current.exists)
    return expected.exists;
  if (expected.exists && expected.size == current.size &&
      expected.mtime_usec == current.mtime_usec)
    return FALSE;

  if (!read_optional (path, &contents, &length, NULL) || contents == NULL)
    return TRUE;
  fingerprint_set_data (&current, contents, length);

  return !expected.exists || !g_str_equal (expected.sha256, current.sha256);
}

/**
 * cr_case_store_save_as_conflict_copy:
 *
 * Keeps both versions after a conflict: copies @kase's folder (its
 * attachments, not its case.json) to a new folder named after it with
 * "(conflicted copy …)", saves @kase there and moves @kase to it (its base
 * directory and fingerprint), so editing goes on in the copy. The unsaved
 * edits' autosave file of the old folder is removed, since they are saved
 * now.
 *
 * Returns: (transfer full): the new folder, or NULL with @error set.
 */
char *
cr_case_store_save_as_conflict_copy (CrCaseStore  *self,
                                     CrCase       *kase,
                                     GError      **error)
{
  g_autofree char *old_folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *old_autosave = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;
  g_autofree char *attachments = NULL;
  Fingerprint saved;
  guint64 generation;
  gsize length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (CR_IS_CASE (kase), NULL);

  if (!require_folder (kase, error))
    return NULL;

  old_folder = g_strdup (cr_case_get_base_dir (kase));
  base = g_path_get_basename (old_folder);
  stamp = g_date_time_format (now, "%Y-%m-%d %H.%M.%S");
  /* Translators: a folder name: the case's folder name, then a date and time */
  name = g_strdup_printf (_("%s (conflicted copy %s)"), base, stamp);
  clean = sanitize_name (name);

  if (!ensure_folder (self->root, error))
    return NULL;
  folder = unique_folder (self->root, clean);

  source = g_file_new_for_path (old_folder);
  dest = g_file_new_for_path (folder);
  if (g_file_test (old_folder, G_FILE_TEST_IS_DIR))
    {
      if (!copy_tree (source, dest, TRUE, NULL, error))
        {
          delete_path (folder, NULL);
          return NULL;
        }
      /* Their version stays in the old folder only. */
      {
        g_autofree char *copied_case = case_file (folder, CR_CASE_STORE_CASE_FILE);
        g_unlink (copied_case);
      }
    }
  attachments = g_build_filename (folder, CR_CASE_STORE_ATTACHMENTS, NULL);
  if (!ensure_folder (attachments, error))
    return NULL;

  generation = cr_case_get_generation (kase);
  data = cr_case_to_data (kase, &length);

  {
    guint64 ticket = take_ticket (self);
    gboolean ok;

    wait_turn (self, ticket);
    ok = save_data (folder, data, length, NULL, &saved, error);
    old_autosave = case_file (old_folder, CR_CASE_STORE_AUTOSAVE_FILE);
    if (ok)
      remove_optional (old_autosave, NULL);
    end_turn (self);

    if (!ok)
      {
        delete_path (folder, NULL);
        return NULL;
      }
  }

  cr_case_set_base_dir (kase, folder);
  set_fingerprint (kase, &saved);
  cr_case_set_saved_generation (kase, generation);

  return g_steal_pointer (&folder);
}

/**
 * cr_case_store_reload:
 *
 * Reads @kase's folder again, dropping the edits in @kase (after a conflict,
 * to take the other program's version).
 *
 * Returns: (transfer full): a new case object for the folder.
 */
CrCase *
cr_case_store_reload (CrCaseStore  *self,
                      CrCase       *kase,
                      GPtrArray    *warnings,
                      GError      **error)
{
  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (CR_IS_CASE (kase), NULL);

  if (!require_folder (kase, error))
    return NULL;

  return cr_case_store_load (self, cr_case_get_base_dir (kase), warnings, error);
}

/* Autosave and recovery */

static gboolean
write_autosave_in_turn (CrCaseStore   *self,
                        const char    *folder,
                        const char    *data,
                        gsize          length,
                        guint64        ticket,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *path = case_file (folder, CR_CASE_STORE_AUTOSAVE_FILE);
  gboolean ok;

  wait_turn (self, ticket);
  ok = !g_cancellable_set_error_if_cancelled (cancellable, error) &&
       write_file (path, data, length, G_FILE_SET_CONTENTS_CONSISTENT, error);
  end_turn (self);

  return ok;
}

/**
 * cr_case_store_write_autosave:
 *
 * Writes a snapshot of @kase (with its unsaved edits) to
 * case.json.autosave in its folder, atomically. Call it a few seconds after
 * changes (CrCase::changed); cr_case_store_save() removes the file.
 *
 * Returns: whether it was written.
 */
gboolean
cr_case_store_write_autosave (CrCaseStore  *self,
                              CrCase       *kase,
                              GError      **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (CR_IS_CASE (kase), FALSE);

  if (!require_folder (kase, error))
    return FALSE;

  data = cr_case_to_data (kase, &length);
  return write_autosave_in_turn (self, cr_case_get_base_dir (kase), data, length,
                                 take_ticket (self), NULL, error);
}

static void
autosave_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SaveData *save = task_data;
  GError *error = NULL;

  if (write_autosave_in_turn (source_object, save->folder, save->data, save->length,
                              save->ticket, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cr_case_store_write_autosave_async (CrCaseStore         *self,
                                    CrCase              *kase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CR_IS_CASE_STORE (self));
  g_return_if_fail (CR_IS_CASE (kase));

  run_save_task (self, kase, cr_case_store_write_autosave_async, autosave_thread, cancellable,
                 callback, user_data);
}

gboolean
cr_case_store_write_autosave_finish (CrCaseStore   *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cr_case_store_write_autosave_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * cr_case_store_has_recovery:
 * @folder: the case folder, absolute or relative to the root
 *
 * Returns: whether @folder holds autosaved edits that are not in its
 * case.json. An autosave file identical to case.json (left by a crash just
 * after a save) is removed.
 */
gboolean
cr_case_store_has_recovery (CrCaseStore *self,
                            const char  *folder)
{
  g_autofree char *path = NULL;
  g_autofree char *autosave_path = NULL;
  g_autofree char *case_path = NULL;
  g_autofree char *autosave = NULL;
  g_autofree char *contents = NULL;
  gsize autosave_length, length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  path = cr_case_store_get_folder (self, folder);
  autosave_path = case_file (path, CR_CASE_STORE_AUTOSAVE_FILE);
  case_path = case_file (path, CR_CASE_STORE_CASE_FILE);

  if (!read_optional (autosave_path, &autosave, &autosave_length, NULL) || autosave == NULL)
    return FALSE;
  if (!read_optional (case_path, &contents, &length, NULL))
    return TRUE;

  if (contents != NULL && length == autosave_length &&
      memcmp (contents, autosave, length) == 0)
    {
      g_unlink (autosave_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * cr_case_store_recover:
 *
 * Opens the autosaved edits of @folder. The case is marked modified and
 * can be saved over case.json (unless that changed in between); the
 * autosave file stays until then, or until
 * cr_case_store_discard_recovery().
 *
 * Returns: (transfer full): the case with the recovered edits, or NULL with
 * @error set (%CR_CASE_STORE_ERROR_NOT_FOUND when there is nothing).
 */
CrCase *
cr_case_store_recover (CrCaseStore  *self,
                       const char   *folder,
                       GPtrArray    *warnings,
                       GError      **error)
{
  g_autofree char *path = NULL;
  g_autoptr(CrCase) kase = NULL;
  Fingerprint fingerprint;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  path = cr_case_store_get_folder (self, folder);
  kase = load_case (path, CR_CASE_STORE_AUTOSAVE_FILE, warnings, &fingerprint, error);
  if (kase == NULL)
    return NULL;

  set_fingerprint (kase, &fingerprint);
  /* Unsaved, whatever the next edits are. */
  cr_case_set_saved_generation (kase, G_MAXUINT64);

  return g_steal_pointer (&kase);
}

/**
 * cr_case_store_discard_recovery:
 *
 * Removes the autosaved edits of @folder (after pending autosaves).
 *
 * Returns: whether it worked (also when there was nothing to remove).
 */
gboolean
cr_case_store_discard_recovery (CrCaseStore  *self,
                                const char   *folder,
                                GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *autosave = NULL;
  guint64 ticket;
  gboolean ok;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (folder != NULL, FALSE);

  path = cr_case_store_get_folder (self, folder);
  autosave = case_file (path, CR_CASE_STORE_AUTOSAVE_FILE);

  ticket = take_ticket (self);
  wait_turn (self, ticket);
  ok = remove_optional (autosave, error);
  end_turn (self);

  return ok;
}

/* Managing cases */

/**
 * cr_case_store_duplicate:
 * @new_name: (nullable): the new folder name, or NULL for "NAME (copy)"
 *
 * Copies a case folder (case.json and attachments, not backups or
 * autosaves) to a new folder of the root.
 *
 * Returns: (transfer full): the new folder, or NULL with @error set.
 */
char *
cr_case_store_duplicate (CrCaseStore  *self,
                         const char   *folder,
                         const char   *new_name,
                         GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *dest_path = NULL;
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) dest = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  path = cr_case_store_get_folder (self, folder);
  if (!check_in_store (self, path, error))
    return NULL;

  base = g_path_get_basename (path);
  /* Translators: the folder name of a copied case */
  name = new_name != NULL ? g_strdup (new_name) : g_strdup_printf (_("%s (copy)"), base);
  clean = sanitize_name (name);
  if (clean == NULL)
    {
      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_INVALID_NAME,
                   _("“%s” cannot be the name of a case folder"), name);
      return NULL;
    }

  dest_path = unique_folder (self->root, clean);
  source = g_file_new_for_path (path);
  dest = g_file_new_for_path (dest_path);
  if (!copy_tree (source, dest, TRUE, NULL, error))
    {
      delete_tree (dest, NULL, NULL);
      return NULL;
    }

  return g_steal_pointer (&dest_path);
}

/**
 * cr_case_store_rename:
 *
 * Renames a case folder. An open CrCase of it needs
 * cr_case_set_base_dir() with the returned folder.
 *
 * Returns: (transfer full): the new folder, or NULL with @error set
 * (%CR_CASE_STORE_ERROR_EXISTS when the name is taken).
 */
char *
cr_case_store_rename (CrCaseStore  *self,
                      const char   *folder,
                      const char   *new_name,
                      GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *dest = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (new_name != NULL, NULL);

  path = cr_case_store_get_folder (self, folder);
  if (!check_in_store (self, path, error))
    return NULL;

  clean = sanitize_name (new_name);
  if (clean == NULL)
    {
      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_INVALID_NAME,
                   _("“%s” cannot be the name of a case folder"), new_name);
      return NULL;
    }

  dest = g_build_filename (self->root, clean, NULL);
  if (g_str_equal (dest, path))
    return g_steal_pointer (&dest);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_EXISTS,
                   _("There is a case named “%s” already"), clean);
      return NULL;
    }

  if (!rename_path (path, dest, error))
    return NULL;

  return g_steal_pointer (&dest);
}

/**
 * cr_case_store_delete:
 *
 * Moves a case folder to the root's .trash folder, so that the deletion
 * can be undone with cr_case_store_restore().
 *
 * Returns: (transfer full): the trash entry (the folder's new path), or
 * NULL with @error set.
 */
char *
cr_case_store_delete (CrCaseStore  *self,
                      const char   *folder,
                      GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *base = NULL;
  g_autofree char *trash = NULL;
  g_autofree char *entry_name = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *dest = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%S");

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (folder != NULL, NULL);

  path = cr_case_store_get_folder (self, folder);
  if (!check_in_store (self, path, error))
    return NULL;

  base = g_path_get_basename (path);
  trash = g_build_filename (self->root, CR_CASE_STORE_TRASH, NULL);
  if (!ensure_folder (trash, error))
    return NULL;

  /* Each deletion gets its own entry, so the same name can be deleted twice. */
  entry_name = g_strdup_printf ("%s-%08x", stamp, g_random_int ());
  entry = unique_folder (trash, entry_name);
  if (!ensure_folder (entry, error))
    return NULL;

  dest = g_build_filename (entry, base, NULL);
  if (!rename_path (path, dest, error))
    {
      g_rmdir (entry);
      return NULL;
    }

  return g_steal_pointer (&dest);
}

/**
 * cr_case_store_restore:
 * @trash_entry: what cr_case_store_delete() returned
 *
 * Undoes a deletion. When the folder's name was taken in the meantime, the
 * restored folder gets " (2)" …
 *
 * Returns: (transfer full): the restored folder, or NULL with @error set.
 */
char *
cr_case_store_restore (CrCaseStore  *self,
                       const char   *trash_entry,
                       GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *trash_dir = NULL;
  g_autofree char *trash = NULL;
  g_autofree char *base = NULL;
  g_autofree char *dest = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (trash_entry != NULL, NULL);

  path = cr_case_store_get_folder (self, trash_entry);
  entry = g_path_get_dirname (path);
  trash_dir = g_path_get_dirname (entry);
  trash = g_build_filename (self->root, CR_CASE_STORE_TRASH, NULL);
  base = g_path_get_basename (path);

  if (!g_str_equal (trash_dir, trash) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *display = g_filename_display_name (trash_entry);

      g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND,
                   _("%s is not in the trash of the library"), display);
      return NULL;
    }

  dest = unique_folder (self->root, base);
  if (!rename_path (path, dest, error))
    return NULL;
  g_rmdir (entry);

  return g_steal_pointer (&dest);
}

/**
 * cr_case_store_empty_trash:
 *
 * Deletes the deleted cases for good.
 */
gboolean
cr_case_store_empty_trash (CrCaseStore  *self,
                           GError      **error)
{
  g_autofree char *trash = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);

  trash = g_build_filename (self->root, CR_CASE_STORE_TRASH, NULL);
  if (!g_file_test (trash, G_FILE_TEST_IS_DIR))
    return TRUE;

  return delete_path (trash, error);
}

/* Interchange */

/* A relative path inside the case folder keeps its place; anything else
 * (absolute, or climbing out with "..") goes to attachments/. */
static char *
material_target (const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *base = NULL;
  gboolean inside = !g_path_is_absolute (path);

  parts = g_strsplit (path, G_DIR_SEPARATOR_S, -1);
  for (guint i = 0; inside && parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        inside = FALSE;
    }

  if (inside)
    return g_strdup (path);

  base = g_path_get_basename (path);
  return g_build_filename (CR_CASE_STORE_ATTACHMENTS, base, NULL);
}

/* "attachments/a.pdf" → "attachments/a-2.pdf" … until it is free. */
static char *
unique_target (GHashTable *taken,
               const char *target)
{
  const char *dot = strrchr (target, '.');
  const char *slash = strrchr (target, '/');
  g_autofree char *stem = NULL;
  const char *extension;

  if (!g_hash_table_contains (taken, target))
    return g_strdup (target);

  if (dot == NULL || (slash != NULL && dot < slash) || dot == target)
    dot = target + strlen (target);
  stem = g_strndup (target, dot - target);
  extension = dot;

  for (guint i = 2; ; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("%s-%u%s", stem, i, extension);

      if (!g_hash_table_contains (taken, candidate))
        return g_steal_pointer (&candidate);
    }
}

/* Copies the material files of @source into @dest_dir and points the
 * materials of @target (a copy of @source) at the copies. */
static gboolean
copy_materials (CrCase      *source,
                CrCase      *target,
                const char  *dest_dir,
                GPtrArray   *warnings,
                GError     **error)
{
  g_autoptr(GHashTable) copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < cr_case_get_n_materials (source); i++)
    {
      CrCaseMaterial *material = cr_case_get_material (target, i);
      const char *path = cr_case_material_get_path (cr_case_get_material (source, i));
      g_autofree char *from = cr_case_resolve_path (source, path);
      g_autofree char *target_path = NULL;
      g_autofree char *dest = NULL;
      g_autofree char *dest_parent = NULL;
      g_autoptr(GFile) from_file = NULL;
      g_autoptr(GFile) dest_file = NULL;
      const char *already;

      if (from == NULL || !g_file_test (from, G_FILE_TEST_IS_REGULAR))
        {
          if (warnings != NULL)
            {
              g_autofree char *pointer = g_strdup_printf ("/materials/%u/path", i);

              cr_problem_list_add (warnings, CR_SEVERITY_WARNING, "material-not-copied", pointer,
                                   _("The file %s was not found, so it was not copied"),
                                   path);
            }
          continue;
        }

      already = g_hash_table_lookup (copied, from);
      if (already != NULL)
        {
          cr_case_material_set_path (material, already);
          continue;
        }

      {
        g_autofree char *wanted = material_target (path);
        target_path = unique_target (taken, wanted);
      }
      g_hash_table_add (taken, g_strdup (target_path));

      dest = g_build_filename (dest_dir, target_path, NULL);
      dest_parent = g_path_get_dirname (dest);
      if (!ensure_folder (dest_parent, error))
        return FALSE;

      from_file = g_file_new_for_path (from);
      dest_file = g_file_new_for_path (dest);
      if (!g_file_copy (from_file, dest_file, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
        return FALSE;
      g_chmod (dest, FILE_MODE);

      g_hash_table_insert (copied, g_strdup (from), g_strdup (target_path));
      cr_case_material_set_path (material, target_path);
    }

  return TRUE;
}

/**
 * cr_case_store_import:
 * @case_file: an interchange v1 case file
 * @warnings: (nullable) (element-type CrProblem): where to add warnings
 *   (unknown keys, which are kept; material files that were not found)
 *
 * Copies a case file and its material files into a new case folder named
 * after the company. Material paths inside the case's folder keep their
 * place; others are copied to attachments/. Missing values are accepted
 * (cr_case_validate() reports them); malformed files are refused.
 *
 * Returns: (transfer full): the imported case, or NULL with @error set.
 */
CrCase *
cr_case_store_import (CrCaseStore  *self,
                      const char   *case_file_path,
                      GPtrArray    *warnings,
                      GError      **error)
{
  g_autoptr(CrCase) source = NULL;
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(GPtrArray) local_warnings = cr_problem_list_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *attachments = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), NULL);
  g_return_val_if_fail (case_file_path != NULL, NULL);

  source = cr_case_load_from_file_full (case_file_path, CR_CASE_LOAD_ALLOW_INCOMPLETE,
                                        local_warnings, error);
  if (source == NULL)
    return NULL;

  clean = sanitize_name (cr_case_get_company_name (source));
  if (clean == NULL)
    clean = g_strdup (_("Imported case"));

  if (!ensure_folder (self->root, error))
    return NULL;
  folder = unique_folder (self->root, clean);
  attachments = g_build_filename (folder, CR_CASE_STORE_ATTACHMENTS, NULL);
  if (!ensure_folder (attachments, error))
    return NULL;

  kase = cr_case_copy (source);
  if (!copy_materials (source, kase, folder, local_warnings, &local_error))
    {
      delete_path (folder, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  cr_case_set_base_dir (kase, folder);
  if (!cr_case_store_save (self, kase, &local_error))
    {
      delete_path (folder, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; warnings != NULL && i < local_warnings->len; i++)
    g_ptr_array_add (warnings, cr_problem_copy (g_ptr_array_index (local_warnings, i)));

  return g_steal_pointer (&kase);
}

static gboolean
folder_is_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  return dir != NULL && g_dir_read_name (dir) == NULL;
}

/**
 * cr_case_store_export:
 * @dest_dir: a folder that does not exist yet, or is empty
 * @warnings: (nullable) (element-type CrProblem): where to add warnings
 *   (material files not found; a case too incomplete to be valid v1)
 *
 * Writes @kase as a self-contained case folder: case.json in interchange v1
 * exactly (without the unknown keys it was read with) and copies of its
 * material files, for another installation, the command-line tool or a
 * consultant's own tools.
 *
 * Returns: whether it was written.
 */
gboolean
cr_case_store_export (CrCaseStore  *self,
                      CrCase       *kase,
                      const char   *dest_dir,
                      GPtrArray    *warnings,
                      GError      **error)
{
  g_autoptr(CrCase) copy = NULL;
  g_autoptr(CrCase) check = NULL;
  g_autoptr(GError) check_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  gsize length;

  g_return_val_if_fail (CR_IS_CASE_STORE (self), FALSE);
  g_return_val_if_fail (CR_IS_CASE (kase), FALSE);
  g_return_val_if_fail (dest_dir != NULL, FALSE);

  if (g_file_test (dest_dir, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (dest_dir);

      if (!g_file_test (dest_dir, G_FILE_TEST_IS_DIR))
        {
          g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_EXISTS,
                       _("%s exists and is not a folder"), display);
          return FALSE;
        }
      if (!folder_is_empty (dest_dir))
        {
          g_set_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_EMPTY,
                       _("The folder %s is not empty; export into a new or empty folder"),
                       display);
          return FALSE;
        }
    }

  if (!ensure_folder (dest_dir, error))
    return FALSE;

  copy = cr_case_copy (kase);
  if (!copy_materials (kase, copy, dest_dir, warnings, error))
    return FALSE;

  data = cr_case_to_data_full (copy, CR_CASE_WRITE_DROP_UNKNOWN, &length);

  check = cr_case_load_from_data (data, length, NULL, NULL, &check_error);
  if (check == NULL && warnings != NULL)
    cr_problem_list_add (warnings, CR_SEVERITY_WARNING, "export-incomplete", NULL,
                         _("The exported case is incomplete, so other tools will refuse it: %s"),
                         check_error->message);

  path = case_file (dest_dir, CR_CASE_STORE_CASE_FILE);
  return write_file (path, data, length,
                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, error);
}
