/* cr-rule-set.h: dated, versioned rule sets and the collection that picks one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule set is a JSON document (format described in data/rules/FORMAT.md):
 * which applications it governs (a window of application dates), the period
 * table, the order of statuses, the upload slots and the rules with their
 * messages and legal basis. Loading checks everything; a document that is
 * wrong in any way is refused with a message naming the item (rule, period,
 * slot …) and the JSON pointer of the bad field. An overlay (`extends`) may
 * add, tighten or disable rules, but an attempt to loosen an error is
 * refused (CR_RULE_SET_ERROR_LOOSENS).
 *
 * A rule set may carry a calendar of public holidays and make-up working
 * days, so that "10 working days" is counted as the authorities count it;
 * next year's holidays arrive as a rule-set update.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cr-condition.h"
#include "cr-problem.h"

G_BEGIN_DECLS

#define CR_RULE_SET_ERROR (cr_rule_set_error_quark ())

typedef enum
{
  CR_RULE_SET_ERROR_PARSE,          /* not readable, or not JSON */
  CR_RULE_SET_ERROR_INVALID,        /* violates the rule-set format */
  CR_RULE_SET_ERROR_LOOSENS,        /* an overlay tries to loosen an error */
  CR_RULE_SET_ERROR_BASE_NOT_FOUND, /* `extends` names a rule set that is not loaded */
  CR_RULE_SET_ERROR_NOT_FOUND,      /* no rule set covers the application date */
} CrRuleSetError;

/* The languages rule sets carry their texts in. */
typedef enum
{
  CR_LANGUAGE_EN,
  CR_LANGUAGE_ZH_CN,
} CrLanguage;

#define CR_N_LANGUAGES 2

/* Where a rule set came from, in increasing order of precedence. */
typedef enum
{
  CR_RULE_SET_SOURCE_RESOURCE,  /* compiled into the program: the last fallback */
  CR_RULE_SET_SOURCE_INSTALLED, /* pkgdatadir/rules, or $CREDIT_REPAIR_RULES_DIR */
  CR_RULE_SET_SOURCE_CACHE,     /* g_get_user_cache_dir()/credit-repair/rules */
  CR_RULE_SET_SOURCE_FILE,      /* given explicitly (--rules) */
} CrRuleSetSource;

/* A limit of an upload slot; @known is FALSE where the rule set says null
 * (no limit stated). @verified is FALSE for values the reference could not
 * confirm: checks against them may only warn. */
typedef struct
{
  gboolean known;
  gboolean verified;
  gint64   value;
} CrSlotLimit;

typedef struct
{
  char        *id;
  gboolean     case_wide;  /* served by one material for the whole case */
  char        *name[CR_N_LANGUAGES];
  char        *description[CR_N_LANGUAGES];
  GStrv        formats;    /* lower-case file extensions */
  gboolean     formats_verified;
  CrSlotLimit  max_bytes;
  CrSlotLimit  max_pages;
  CrSlotLimit  min_dpi;
} CrSlotDef;

typedef struct
{
  char *title;
  char *article;  /* nullable: the reference does not always name one */
  char *url;
} CrBasis;

typedef struct
{
  char         *id;
  CrScope       scope;
  CrSeverity    severity;
  gboolean      verified;      /* confidence: unverified rules are never errors */
  gboolean      disabled;      /* by an overlay */
  char         *requires_slot; /* nullable: the slot this rule makes required */
  char         *slot;          /* nullable: the slot its findings concern */
  char         *field;         /* nullable: JSON pointer template, "*" = record index */
  char         *message[CR_N_LANGUAGES];
  char         *fix[CR_N_LANGUAGES];
  CrBasis       basis;
  CrCondition  *when;
} CrRule;

#define CR_TYPE_RULE_SET (cr_rule_set_get_type ())
G_DECLARE_FINAL_TYPE (CrRuleSet, cr_rule_set, CR, RULE_SET, GObject)

#define CR_TYPE_RULE_SET_COLLECTION (cr_rule_set_collection_get_type ())
G_DECLARE_FINAL_TYPE (CrRuleSetCollection, cr_rule_set_collection, CR, RULE_SET_COLLECTION, GObject)

GQuark               cr_rule_set_error_quark          (void);

CrLanguage           cr_language_get_default          (void);
const char          *cr_language_to_string            (CrLanguage            language);

CrRuleSet           *cr_rule_set_new_from_bytes       (GBytes               *bytes,
                                                       const char           *origin,
                                                       CrRuleSetSource       source,
                                                       CrRuleSetCollection  *bases,
                                                       GError              **error);
CrRuleSet           *cr_rule_set_new_from_file        (const char           *path,
                                                       CrRuleSetSource       source,
                                                       CrRuleSetCollection  *bases,
                                                       GError              **error);

const char          *cr_rule_set_get_id               (CrRuleSet            *self);
const char          *cr_rule_set_get_version          (CrRuleSet            *self);
const char          *cr_rule_set_get_regime           (CrRuleSet            *self);
const char          *cr_rule_set_get_jurisdiction     (CrRuleSet            *self);
const char          *cr_rule_set_get_extends          (CrRuleSet            *self);
CrRuleSet           *cr_rule_set_get_base             (CrRuleSet            *self);
const char          *cr_rule_set_get_sha256           (CrRuleSet            *self);
const char          *cr_rule_set_get_origin           (CrRuleSet            *self);
CrRuleSetSource      cr_rule_set_get_source           (CrRuleSet            *self);
const char          *cr_rule_set_get_title            (CrRuleSet            *self,
                                                       CrLanguage            language);
const GDate         *cr_rule_set_get_valid_from       (CrRuleSet            *self);
const GDate         *cr_rule_set_get_valid_until      (CrRuleSet            *self);
gboolean             cr_rule_set_covers               (CrRuleSet            *self,
                                                       const GDate          *date);
const char          *cr_rule_set_get_class_name       (CrRuleSet            *self,
                                                       const char           *class_id,
                                                       CrLanguage            language);

gboolean             cr_rule_set_has_calendar         (CrRuleSet            *self);
const GDate         *cr_rule_set_get_calendar_known_from  (CrRuleSet        *self);
const GDate         *cr_rule_set_get_calendar_known_until (CrRuleSet        *self);
const char * const  *cr_rule_set_get_calendar_basis   (CrRuleSet            *self);
gboolean             cr_rule_set_is_working_day       (CrRuleSet            *self,
                                                       const GDate          *date,
                                                       gboolean             *known);
gboolean             cr_rule_set_add_working_days     (CrRuleSet            *self,
                                                       GDate                *date,
                                                       guint                 days);

guint                cr_rule_set_get_n_slots          (CrRuleSet            *self);
const CrSlotDef     *cr_rule_set_get_slot             (CrRuleSet            *self,
                                                       guint                 index);
const CrSlotDef     *cr_rule_set_lookup_slot          (CrRuleSet            *self,
                                                       const char           *slot_id);

guint                cr_rule_set_get_n_rules          (CrRuleSet            *self);
const CrRule        *cr_rule_set_get_rule             (CrRuleSet            *self,
                                                       guint                 index);
const CrRule        *cr_rule_set_lookup_rule          (CrRuleSet            *self,
                                                       const char           *rule_id);

CrRuleSetCollection *cr_rule_set_collection_new       (void);
CrRuleSetCollection *cr_rule_set_collection_new_default (void);
char                *cr_rule_set_collection_get_cache_dir     (void);
char                *cr_rule_set_collection_get_installed_dir (void);
gboolean             cr_rule_set_collection_add_file  (CrRuleSetCollection  *self,
                                                       const char           *path,
                                                       CrRuleSetSource       source,
                                                       GError              **error);
void                 cr_rule_set_collection_add       (CrRuleSetCollection  *self,
                                                       CrRuleSet            *rule_set);
guint                cr_rule_set_collection_get_n_rule_sets (CrRuleSetCollection *self);
CrRuleSet           *cr_rule_set_collection_get_rule_set (CrRuleSetCollection *self,
                                                          guint                index);
CrRuleSet           *cr_rule_set_collection_lookup    (CrRuleSetCollection  *self,
                                                       const char           *id);
const char          *cr_rule_set_collection_get_jurisdiction (CrRuleSetCollection *self);
void                 cr_rule_set_collection_set_jurisdiction (CrRuleSetCollection *self,
                                                              const char          *jurisdiction);
CrRuleSet           *cr_rule_set_collection_select    (CrRuleSetCollection  *self,
                                                       const GDate          *on,
                                                       GError              **error);
GStrv                cr_rule_set_collection_get_warnings (CrRuleSetCollection *self);

G_END_DECLS
