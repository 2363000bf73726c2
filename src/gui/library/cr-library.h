/* cr-library.h: the case library of the window, over one or more case stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library is the default store (g_get_user_data_dir()/credit-repair/cases,
 * or $CREDIT_REPAIR_LIBRARY_DIR) plus one store per folder of the
 * "library-folders" setting. It lists their cases as CrLibraryItem objects
 * and runs every operation on them (create, rename, duplicate, delete,
 * restore, import, export) in worker threads, so the window never waits on
 * the disk. After a listing, the status of each case is worked out in the
 * background (tracking step, or the checker's verdict for today).
 */

#pragma once

#include <gio/gio.h>

#include "cr-library-item.h"

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY (cr_library_get_type ())

G_DECLARE_FINAL_TYPE (CrLibrary, cr_library, CR, LIBRARY, GObject)

CrLibrary      *cr_library_new                (GSettings            *settings);

GListModel     *cr_library_get_items          (CrLibrary            *self);
gboolean        cr_library_get_loading        (CrLibrary            *self);
const char     *cr_library_get_error          (CrLibrary            *self);
CrCaseStore    *cr_library_get_default_store  (CrLibrary            *self);
CrLibraryItem  *cr_library_lookup             (CrLibrary            *self,
                                               const char           *folder);
char           *cr_library_get_samples_dir    (void);
char           *cr_library_dup_default_root   (void);

void            cr_library_set_rule_sets      (CrLibrary            *self,
                                               CrRuleSetCollection  *rules);
void            cr_library_refresh            (CrLibrary            *self);
void            cr_library_check_for_changes  (CrLibrary            *self);
guint           cr_library_get_n_stores       (CrLibrary            *self);
void            cr_library_update_item        (CrLibrary            *self,
                                               CrLibraryItem        *item,
                                               CrCase               *kase);

/* Each finishes with the item concerned (added to the items when new). */
void            cr_library_create_async       (CrLibrary            *self,
                                               const char           *name,
                                               CrCase               *initial,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_rename_async       (CrLibrary            *self,
                                               CrLibraryItem        *item,
                                               const char           *new_name,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_duplicate_async    (CrLibrary            *self,
                                               CrLibraryItem        *item,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_delete_async       (CrLibrary            *self,
                                               CrLibraryItem        *item,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_restore_async      (CrLibrary            *self,
                                               CrCaseStore          *store,
                                               const char           *trash_entry,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_import_async       (CrLibrary            *self,
                                               const char           *case_file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
void            cr_library_add_folder_async   (CrLibrary            *self,
                                               CrCaseStore          *store,
                                               const char           *folder,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* For delete, the trash entry (for cr_library_restore_async()) is in
 * @trash_entry; the item is no longer in the list. */
CrLibraryItem  *cr_library_operation_finish   (CrLibrary            *self,
                                               GAsyncResult         *result,
                                               char                **trash_entry,
                                               GPtrArray           **warnings,
                                               GError              **error);

/* @kase is copied now; the copy is written in a thread. */
void            cr_library_export_async       (CrLibrary            *self,
                                               CrCaseStore          *store,
                                               CrCase               *kase,
                                               const char           *dest_dir,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        cr_library_export_finish      (CrLibrary            *self,
                                               GAsyncResult         *result,
                                               GPtrArray           **warnings,
                                               GError              **error);

/* The sample cases: a list of CrCase (base directory = the sample folder). */
void            cr_library_list_samples_async (CrLibrary            *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray      *cr_library_list_samples_finish (CrLibrary           *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
