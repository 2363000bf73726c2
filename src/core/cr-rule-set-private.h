/* cr-rule-set-private.h: what the checker needs from a loaded rule set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-rule-set.h"

G_BEGIN_DECLS

typedef enum
{
  CR_EARLIEST_MONTHS,
  CR_EARLIEST_NEVER,
  CR_EARLIEST_NOT_PUBLISHED,
} CrEarliestKind;

typedef struct
{
  char           *id;
  CrCondition    *when;
  JsonNode       *when_node;          /* borrowed from the document */
  gboolean        from_publication;   /* start: publication_date */
  CrEarliestKind  earliest_kind;
  guint           earliest_months;
  guint           display_end_months;
} CrPeriod;

typedef struct
{
  char        *status;
  CrCondition *when;
} CrStatusRow;

typedef struct
{
  char        *severity;
  CrCondition *when;
} CrSuggestion;

/* Called for each {placeholder} of a message template: returns its text, or
 * NULL if the name is not allowed there. */
typedef const char *(*CrTemplateLookup) (const char *name,
                                         gpointer    user_data);

GPtrArray   *cr_rule_set_get_periods          (CrRuleSet  *self);
GPtrArray   *cr_rule_set_get_statuses         (CrRuleSet  *self);
GPtrArray   *cr_rule_set_get_suggestions      (CrRuleSet  *self);
GHashTable  *cr_rule_set_get_case_wide_slots  (CrRuleSet  *self);
const char  *cr_rule_set_get_unverified_label (CrRuleSet  *self,
                                               CrLanguage  language);
const char  *cr_earliest_kind_to_string       (CrEarliestKind kind);
/* guint32 Julian days (g_date_get_julian()), ascending; NULL without a
 * calendar. */
GArray      *cr_rule_set_get_holidays         (CrRuleSet  *self);
GArray      *cr_rule_set_get_working_weekends (CrRuleSet  *self);


gboolean     cr_template_expand               (const char       *template_text,
                                               CrTemplateLookup  lookup,
                                               gpointer          user_data,
                                               GString          *out,
                                               char            **bad_name);

/* The built-in rule sets (a GResource), referenced for the whole life of
 * the process. */
GResource *cr_rules_resource_get (void);

G_END_DECLS
