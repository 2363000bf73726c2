/* cr-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-application.h"
#include "cr-case-session.h"
#include "cr-case-view.h"
#include "cr-library.h"

G_BEGIN_DECLS

#define CR_TYPE_WINDOW (cr_window_get_type ())

G_DECLARE_FINAL_TYPE (CrWindow, cr_window, CR, WINDOW, AdwApplicationWindow)

CrWindow      *cr_window_new           (CrApplication *application);
void           cr_window_add_toast     (CrWindow      *self,
                                        AdwToast      *toast);
CrLibrary     *cr_window_get_library   (CrWindow      *self);
CrCaseSession *cr_window_get_session   (CrWindow      *self);
CrCaseView    *cr_window_get_case_view (CrWindow      *self);
void           cr_window_open_case_file (CrWindow     *self,
                                         GFile        *file);

G_END_DECLS
