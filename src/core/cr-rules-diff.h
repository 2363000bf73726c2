/* cr-rules-diff.h: what changed between two rule sets, in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For `credit-repair-cli rules diff` and for the window when a fetch brings
 * a new rule set (CrRulesUpdate has the old and new documents). Each change
 * is one sentence in the user's language; rule texts come from the rule
 * sets in the language cr_language_get_default() picks.
 */

#pragma once

#include <gio/gio.h>

#include "cr-rule-set.h"

G_BEGIN_DECLS

typedef enum
{
  CR_RULES_CHANGE_VERSION,         /* id or version */
  CR_RULES_CHANGE_VALIDITY,        /* the dates of applications it governs */
  CR_RULES_CHANGE_RULE_ADDED,
  CR_RULES_CHANGE_RULE_REMOVED,
  CR_RULES_CHANGE_RULE_TIGHTENED,  /* a higher severity, verified, or switched on */
  CR_RULES_CHANGE_RULE_LOOSENED,   /* a lower severity, unverified, or switched off */
  CR_RULES_CHANGE_RULE_REWORDED,   /* message, fix or legal basis */
  CR_RULES_CHANGE_REQUIRED_SLOT,   /* the material a rule makes required */
  CR_RULES_CHANGE_PERIOD_ADDED,
  CR_RULES_CHANGE_PERIOD_REMOVED,
  CR_RULES_CHANGE_PERIOD_CHANGED,
  CR_RULES_CHANGE_SLOT_ADDED,
  CR_RULES_CHANGE_SLOT_REMOVED,
  CR_RULES_CHANGE_CALENDAR,        /* public holidays and make-up working days */
} CrRulesChangeKind;

typedef struct
{
  CrRulesChangeKind  kind;
  char              *subject;  /* the rule, period or slot id; NULL for the set itself */
  char              *message;  /* one sentence in the user's language */
} CrRulesChange;

void       cr_rules_change_free (CrRulesChange *change);

/* Returns (CrRulesChange): the changes from @old_set to @new_set, the set
 * itself first (version, validity, calendar), then rules, periods and
 * slots; empty when they are the same. */
GPtrArray *cr_rules_diff        (CrRuleSet     *old_set,
                                 CrRuleSet     *new_set);

/* The same for two documents (a CrRulesUpdate's old_data and new_data);
 * overlays are loaded on the default collection. */
GPtrArray *cr_rules_diff_bytes  (GBytes        *old_data,
                                 GBytes        *new_data,
                                 GError       **error);

/* The same in a worker thread, for the window. */
void       cr_rules_diff_bytes_async  (GBytes              *old_data,
                                       GBytes              *new_data,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GPtrArray *cr_rules_diff_bytes_finish (GAsyncResult        *result,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesChange, cr_rules_change_free)

G_END_DECLS
