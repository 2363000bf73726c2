/* cr-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CR_TYPE_PREFERENCES_WINDOW (cr_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CrPreferencesWindow, cr_preferences_window, CR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

CrPreferencesWindow *cr_preferences_window_new (GSettings *settings);

G_END_DECLS
