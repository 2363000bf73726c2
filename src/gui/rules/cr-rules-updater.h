/* cr-rules-updater.h: the window's side of rule-set delivery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One CrRulesUpdater per application (cr_rules_updater_get_default()) keeps
 * a CrRulesClient configured from the settings (rule-source URL, trusted
 * keys, plain-HTTP hosts), knows the status of the rule sets in force,
 * checks for updates on demand and, once per run, at start-up when the
 * setting allows it and the connection is not metered (never in a test
 * program, unless the test gives the network monitor). When a check brings
 * new rule sets it makes a CrRulesReport: what changed, in plain words,
 * and which cases of the library get another verdict or other dates.
 */

#pragma once

#include <gio/gio.h>

#include "cr-rules-client.h"
#include "cr-rules-diff.h"

G_BEGIN_DECLS

/* One rule set a check brought. */
typedef struct
{
  char      *id;
  char      *title;        /* in the UI language, or NULL */
  char      *old_version;  /* NULL for a rule set new to this computer */
  char      *new_version;
  GPtrArray *changes;      /* CrRulesChange */
  char      *error;        /* why the changes could not be listed, or NULL */
} CrRulesReportSet;

/* One case of the library whose verdict or dates the new rules change. */
typedef struct
{
  char      *folder;
  char      *name;
  gboolean   old_ready;
  gboolean   new_ready;
  GPtrArray *lines;        /* char *: what changed, one sentence each */
} CrRulesReportCase;

#define CR_TYPE_RULES_REPORT (cr_rules_report_get_type ())

G_DECLARE_FINAL_TYPE (CrRulesReport, cr_rules_report, CR, RULES_REPORT, GObject)

GPtrArray *cr_rules_report_get_sets         (CrRulesReport *self);
GPtrArray *cr_rules_report_get_cases        (CrRulesReport *self);
gboolean   cr_rules_report_get_checking     (CrRulesReport *self);
guint      cr_rules_report_get_n_checked    (CrRulesReport *self);
GPtrArray *cr_rules_report_get_case_errors  (CrRulesReport *self);

#define CR_TYPE_RULES_UPDATER (cr_rules_updater_get_type ())

G_DECLARE_FINAL_TYPE (CrRulesUpdater, cr_rules_updater, CR, RULES_UPDATER, GObject)

CrRulesUpdater *cr_rules_updater_get_default        (void);
CrRulesUpdater *cr_rules_updater_new                (GSettings       *settings,
                                                     const char      *cache_dir);
CrRulesClient  *cr_rules_updater_get_client         (CrRulesUpdater  *self);
GSettings      *cr_rules_updater_get_settings       (CrRulesUpdater  *self);

/* The library folders whose cases are re-checked; NULL (the default) for
 * the default library and the "library-folders" setting. */
void            cr_rules_updater_set_library_roots  (CrRulesUpdater     *self,
                                                     const char * const *roots);
/* The application date of the re-check; NULL (the default) for today. */
void            cr_rules_updater_set_check_date     (CrRulesUpdater  *self,
                                                     const GDate     *date);

const CrRulesStatus *cr_rules_updater_get_status    (CrRulesUpdater  *self);
void            cr_rules_updater_refresh_status     (CrRulesUpdater  *self);
const char     *cr_rules_updater_get_title          (CrRulesUpdater  *self,
                                                     const char      *id);
gboolean        cr_rules_updater_get_checking       (CrRulesUpdater  *self);
const char     *cr_rules_updater_get_last_error     (CrRulesUpdater  *self);
CrRulesReport  *cr_rules_updater_get_report         (CrRulesUpdater  *self);

void            cr_rules_updater_check              (CrRulesUpdater  *self);
gboolean        cr_rules_updater_check_on_startup   (CrRulesUpdater  *self,
                                                     GNetworkMonitor *monitor);

G_END_DECLS
