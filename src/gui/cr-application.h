/* cr-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-rule-set.h"

G_BEGIN_DECLS

#define CR_TYPE_APPLICATION (cr_application_get_type ())

G_DECLARE_FINAL_TYPE (CrApplication, cr_application, CR, APPLICATION, AdwApplication)

CrApplication *cr_application_new          (const char        *application_id,
                                            GApplicationFlags  flags);
GSettings     *cr_application_get_settings (CrApplication     *self);

CrRuleSetCollection *cr_application_get_rule_sets    (CrApplication *self);
void                 cr_application_reload_rule_sets (CrApplication *self);

G_END_DECLS
