/* cr-check-controller.h: keeps a check result in step with a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cr-case.h"
#include "cr-checker.h"
#include "cr-rule-set.h"

G_BEGIN_DECLS

/* How long the controller waits after the last edit before it re-checks. */
#define CR_CHECK_CONTROLLER_DEFAULT_DELAY_MS 300

#define CR_TYPE_CHECK_CONTROLLER (cr_check_controller_get_type ())

G_DECLARE_FINAL_TYPE (CrCheckController, cr_check_controller, CR, CHECK_CONTROLLER, GObject)

CrCheckController   *cr_check_controller_new              (void);

CrCase              *cr_check_controller_get_case         (CrCheckController   *self);
void                 cr_check_controller_set_case         (CrCheckController   *self,
                                                           CrCase              *case_);
CrRuleSetCollection *cr_check_controller_get_rule_sets    (CrCheckController   *self);
void                 cr_check_controller_set_rule_sets    (CrCheckController   *self,
                                                           CrRuleSetCollection *rule_sets);
const GDate         *cr_check_controller_get_date         (CrCheckController   *self);
void                 cr_check_controller_set_date         (CrCheckController   *self,
                                                           const GDate         *date);
gboolean             cr_check_controller_get_follows_today (CrCheckController  *self);
void                 cr_check_controller_set_follows_today (CrCheckController  *self,
                                                            gboolean            follows_today);
guint                cr_check_controller_get_delay        (CrCheckController   *self);
void                 cr_check_controller_set_delay        (CrCheckController   *self,
                                                           guint                delay_ms);

CrCheckResult       *cr_check_controller_get_result       (CrCheckController   *self);
const char          *cr_check_controller_get_error_message (CrCheckController  *self);
gboolean             cr_check_controller_get_busy         (CrCheckController   *self);
guint                cr_check_controller_get_n_checks     (CrCheckController   *self);

void                 cr_check_controller_recheck          (CrCheckController   *self);

G_END_DECLS
