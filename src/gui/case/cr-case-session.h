/* cr-case-session.h: an open case, kept saved and watched for changes on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits to the case are saved by its store shortly after the last change
 * (in a thread). When case.json changes on disk behind the app's back (a
 * sync tool, a colleague), the session takes the new version if there are
 * no unsaved edits, and otherwise reports a conflict and stops saving until
 * the user chooses: keep their own version as a copy, or take the other.
 * While a conflict is open, and when a save fails, the edits go to the
 * store's autosave file, so that a crash loses nothing.
 */

#pragma once

#include <gio/gio.h>

#include "cr-case-store.h"

G_BEGIN_DECLS

#define CR_TYPE_CASE_SESSION (cr_case_session_get_type ())

G_DECLARE_FINAL_TYPE (CrCaseSession, cr_case_session, CR, CASE_SESSION, GObject)

typedef enum
{
  CR_CASE_SESSION_SAVED,
  CR_CASE_SESSION_UNSAVED,
  CR_CASE_SESSION_SAVING,
  CR_CASE_SESSION_CONFLICT,
  CR_CASE_SESSION_FAILED,
} CrCaseSessionState;

#define CR_CASE_SESSION_DEFAULT_DELAY_MS 1000

/* Opening: the case, and whether unsaved edits of an earlier run wait. */
void           cr_case_session_open_async        (CrCaseStore          *store,
                                                  const char           *folder,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
CrCaseSession *cr_case_session_open_finish       (GAsyncResult         *result,
                                                  gboolean             *has_recovery,
                                                  GPtrArray           **warnings,
                                                  GError              **error);

CrCaseSession *cr_case_session_new               (CrCaseStore          *store,
                                                  CrCase               *kase);

CrCase        *cr_case_session_get_case          (CrCaseSession        *self);
CrCaseStore   *cr_case_session_get_store         (CrCaseSession        *self);
const char    *cr_case_session_get_folder        (CrCaseSession        *self);
CrCaseSessionState cr_case_session_get_state     (CrCaseSession        *self);
const GError  *cr_case_session_get_error         (CrCaseSession        *self);
gboolean       cr_case_session_has_unsaved       (CrCaseSession        *self);
void           cr_case_session_set_delay         (CrCaseSession        *self,
                                                  guint                 milliseconds);
void           cr_case_session_check_disk        (CrCaseSession        *self);

/* Saves now (unless a conflict is open); finishes when it is on disk. */
void           cr_case_session_flush_async       (CrCaseSession        *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       cr_case_session_flush_finish      (CrCaseSession        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Recovery of the edits of an earlier run (after opening). */
void           cr_case_session_recover_async     (CrCaseSession        *self,
                                                  gboolean              restore,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       cr_case_session_recover_finish    (CrCaseSession        *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* Ends a conflict: keep_mine saves the user's version as a new case folder
 * (the session moves there; @copy_folder says where), otherwise the other
 * version is read and the user's edits are dropped. */
void           cr_case_session_resolve_async     (CrCaseSession        *self,
                                                  gboolean              keep_mine,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean       cr_case_session_resolve_finish    (CrCaseSession        *self,
                                                  GAsyncResult         *result,
                                                  char                **copy_folder,
                                                  GError              **error);

/* Stops watching; unsaved edits are still saved (the application is held
 * until then). */
void           cr_case_session_close             (CrCaseSession        *self);

G_END_DECLS
