/* cr-rules-status-panel.h: which rule sets are in force, and updates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-rules-updater.h"

G_BEGIN_DECLS

#define CR_TYPE_RULES_STATUS_PANEL (cr_rules_status_panel_get_type ())

G_DECLARE_FINAL_TYPE (CrRulesStatusPanel, cr_rules_status_panel, CR, RULES_STATUS_PANEL, GtkWidget)

GtkWidget      *cr_rules_status_panel_new         (CrRulesUpdater     *updater);
CrRulesUpdater *cr_rules_status_panel_get_updater (CrRulesStatusPanel *self);
void            cr_rules_status_panel_set_updater (CrRulesStatusPanel *self,
                                                   CrRulesUpdater     *updater);
/* The rows shown, as "title\nsubtitle" each, for the tests. */
GStrv           cr_rules_status_panel_dup_rows    (CrRulesStatusPanel *self);
const char     *cr_rules_status_panel_get_checked_text (CrRulesStatusPanel *self);

G_END_DECLS
