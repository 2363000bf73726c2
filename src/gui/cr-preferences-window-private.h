/* cr-preferences-window-private.h: what the tests drive
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-preferences-window.h"

G_BEGIN_DECLS

void cr_preferences_window_add_key_file       (CrPreferencesWindow *self,
                                               GFile               *file);
void cr_preferences_window_add_library_folder (CrPreferencesWindow *self,
                                               GFile               *folder);

G_END_DECLS
