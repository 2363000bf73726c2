/* cr-rules-changes-window.h: what new rule sets changed, and for which cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-rules-updater.h"

G_BEGIN_DECLS

#define CR_TYPE_RULES_CHANGES_WINDOW (cr_rules_changes_window_get_type ())

G_DECLARE_FINAL_TYPE (CrRulesChangesWindow, cr_rules_changes_window, CR, RULES_CHANGES_WINDOW,
                      AdwWindow)

CrRulesChangesWindow *cr_rules_changes_window_new        (GtkWindow            *parent,
                                                          CrRulesReport        *report);
CrRulesReport        *cr_rules_changes_window_get_report (CrRulesChangesWindow *self);
/* The texts shown, for the tests: every change, then every case line. */
GStrv                 cr_rules_changes_window_dup_texts  (CrRulesChangesWindow *self);

G_END_DECLS
