/* cr-case-store.h: the case library on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A store is one library root (by default
 * g_get_user_data_dir()/credit-repair/cases; callers make more stores for
 * extra roots). Each case is a folder in it holding case.json and an
 * attachments/ folder; folders are created 0700, files 0600.
 *
 * Saving is atomic and durable (write a temporary file, fsync, rename), and
 * keeps the previous version as case.json.bak. A case remembers the
 * fingerprint (size, mtime, SHA-256) of the case.json it was loaded from or
 * last saved to; saving refuses with CR_CASE_STORE_ERROR_CONFLICT when the
 * file changed behind the store's back (a sync tool, another window), and
 * the caller chooses between cr_case_store_save_as_conflict_copy() and
 * cr_case_store_reload().
 *
 * Autosave: the caller writes a snapshot of unsaved edits with
 * cr_case_store_write_autosave() a few seconds after each change
 * (case.json.autosave); a successful save removes it. On open,
 * cr_case_store_has_recovery() tells whether there are edits to recover
 * with cr_case_store_recover() or to drop with
 * cr_case_store_discard_recovery().
 *
 * Writes to case folders (save, autosave, conflict copy) run in the order
 * they were requested, whether sync or async, so an older snapshot never
 * lands after a newer one. Blocking work of the _async functions runs in a
 * GTask thread.
 *
 * Folders are given as absolute paths, or as names relative to the root.
 */

#pragma once

#include <gio/gio.h>

#include "cr-case.h"

G_BEGIN_DECLS

#define CR_CASE_STORE_ERROR (cr_case_store_error_quark ())

typedef enum
{
  CR_CASE_STORE_ERROR_CONFLICT,      /* case.json changed on disk since it was loaded or saved */
  CR_CASE_STORE_ERROR_EXISTS,        /* a folder of that name exists already */
  CR_CASE_STORE_ERROR_NOT_FOUND,     /* no such case, trash entry or recovery file */
  CR_CASE_STORE_ERROR_INVALID_NAME,  /* a name that cannot be a folder name */
  CR_CASE_STORE_ERROR_NOT_IN_STORE,  /* the folder is not a case of this store, or the case has no folder */
  CR_CASE_STORE_ERROR_NOT_EMPTY,     /* export into a folder that has files in it */
} CrCaseStoreError;

#define CR_CASE_STORE_CASE_FILE     "case.json"
#define CR_CASE_STORE_BACKUP_FILE   "case.json.bak"
#define CR_CASE_STORE_AUTOSAVE_FILE "case.json.autosave"
#define CR_CASE_STORE_ATTACHMENTS   "attachments"
#define CR_CASE_STORE_TRASH         ".trash"

/* CrCaseSummary: what the library list shows of a case, without opening it. */

#define CR_TYPE_CASE_SUMMARY (cr_case_summary_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseSummary, cr_case_summary, CR, CASE_SUMMARY, GObject)

const char         *cr_case_summary_get_folder           (CrCaseSummary *self);
const char         *cr_case_summary_get_name             (CrCaseSummary *self);
const char         *cr_case_summary_get_company_name     (CrCaseSummary *self);
const char         *cr_case_summary_get_uscc             (CrCaseSummary *self);
const char * const *cr_case_summary_get_decision_numbers (CrCaseSummary *self);
guint               cr_case_summary_get_n_records        (CrCaseSummary *self);
GDateTime          *cr_case_summary_get_modified         (CrCaseSummary *self);
const GError       *cr_case_summary_get_error            (CrCaseSummary *self);
gboolean            cr_case_summary_get_has_recovery     (CrCaseSummary *self);

/* CrCaseStore */

#define CR_TYPE_CASE_STORE (cr_case_store_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseStore, cr_case_store, CR, CASE_STORE, GObject)

GQuark       cr_case_store_error_quark        (void);
char        *cr_case_store_get_default_root   (void);

CrCaseStore *cr_case_store_new                (const char           *root);
const char  *cr_case_store_get_root           (CrCaseStore          *self);
char        *cr_case_store_get_folder         (CrCaseStore          *self,
                                               const char           *name);

/* Listing */
GPtrArray   *cr_case_store_list               (CrCaseStore          *self,
                                               GCancellable         *cancellable,
                                               GError              **error);
void         cr_case_store_list_async         (CrCaseStore          *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray   *cr_case_store_list_finish        (CrCaseStore          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Opening and saving */
CrCase      *cr_case_store_create             (CrCaseStore          *self,
                                               const char           *name,
                                               CrCase               *initial,
                                               GError              **error);
CrCase      *cr_case_store_load               (CrCaseStore          *self,
                                               const char           *folder,
                                               GPtrArray            *warnings,
                                               GError              **error);
void         cr_case_store_load_async         (CrCaseStore          *self,
                                               const char           *folder,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
CrCase      *cr_case_store_load_finish        (CrCaseStore          *self,
                                               GAsyncResult         *result,
                                               GPtrArray           **warnings,
                                               GError              **error);
gboolean     cr_case_store_save               (CrCaseStore          *self,
                                               CrCase               *kase,
                                               GError              **error);
void         cr_case_store_save_async         (CrCaseStore          *self,
                                               CrCase               *kase,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean     cr_case_store_save_finish        (CrCaseStore          *self,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Sync conflicts */
gboolean     cr_case_store_has_changed_on_disk (CrCaseStore         *self,
                                                CrCase              *kase);
char        *cr_case_store_save_as_conflict_copy (CrCaseStore       *self,
                                                  CrCase            *kase,
                                                  GError           **error);
CrCase      *cr_case_store_reload             (CrCaseStore          *self,
                                               CrCase               *kase,
                                               GPtrArray            *warnings,
                                               GError              **error);

/* Autosave and recovery */
gboolean     cr_case_store_write_autosave     (CrCaseStore          *self,
                                               CrCase               *kase,
                                               GError              **error);
void         cr_case_store_write_autosave_async (CrCaseStore        *self,
                                                 CrCase             *kase,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean     cr_case_store_write_autosave_finish (CrCaseStore       *self,
                                                  GAsyncResult      *result,
                                                  GError           **error);
gboolean     cr_case_store_has_recovery       (CrCaseStore          *self,
                                               const char           *folder);
CrCase      *cr_case_store_recover            (CrCaseStore          *self,
                                               const char           *folder,
                                               GPtrArray            *warnings,
                                               GError              **error);
gboolean     cr_case_store_discard_recovery   (CrCaseStore          *self,
                                               const char           *folder,
                                               GError              **error);

/* Managing cases (the returned strings are the new folders) */
char        *cr_case_store_duplicate          (CrCaseStore          *self,
                                               const char           *folder,
                                               const char           *new_name,
                                               GError              **error);
char        *cr_case_store_rename             (CrCaseStore          *self,
                                               const char           *folder,
                                               const char           *new_name,
                                               GError              **error);
char        *cr_case_store_delete             (CrCaseStore          *self,
                                               const char           *folder,
                                               GError              **error);
char        *cr_case_store_restore            (CrCaseStore          *self,
                                               const char           *trash_entry,
                                               GError              **error);
gboolean     cr_case_store_empty_trash        (CrCaseStore          *self,
                                               GError              **error);

/* Interchange */
CrCase      *cr_case_store_import             (CrCaseStore          *self,
                                               const char           *case_file,
                                               GPtrArray            *warnings,
                                               GError              **error);
gboolean     cr_case_store_export             (CrCaseStore          *self,
                                               CrCase               *kase,
                                               const char           *dest_dir,
                                               GPtrArray            *warnings,
                                               GError              **error);

G_END_DECLS
