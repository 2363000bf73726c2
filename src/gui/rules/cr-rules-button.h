/* cr-rules-button.h: a header-bar button with the rules status in a popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-rules-updater.h"

G_BEGIN_DECLS

#define CR_TYPE_RULES_BUTTON (cr_rules_button_get_type ())

G_DECLARE_FINAL_TYPE (CrRulesButton, cr_rules_button, CR, RULES_BUTTON, GtkWidget)

GtkWidget      *cr_rules_button_new            (void);
CrRulesUpdater *cr_rules_button_get_updater    (CrRulesButton  *self);
void            cr_rules_button_set_updater    (CrRulesButton  *self,
                                                CrRulesUpdater *updater);
gboolean        cr_rules_button_get_attention  (CrRulesButton  *self);

G_END_DECLS
