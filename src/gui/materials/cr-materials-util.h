/* cr-materials-util.h: small helpers shared by the Materials and Submit pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cr-case.h"
#include "cr-material.h"
#include "cr-problem.h"
#include "cr-rule-set.h"

G_BEGIN_DECLS

/* The folder, inside a case folder, that holds the case's own copies. */
#define CR_ATTACHMENTS_DIR "attachments"

char       *cr_slot_def_describe_limits       (const CrSlotDef  *slot);
const char *cr_slot_def_get_name              (const CrSlotDef  *slot,
                                               CrLanguage        language);
const char *cr_slot_def_get_description       (const CrSlotDef  *slot,
                                               CrLanguage        language);
char       *cr_slot_title                     (const char       *name);
const CrRule *cr_rule_set_find_slot_rule      (CrRuleSet        *rule_set,
                                               const char       *slot_id);

char       *cr_material_info_describe         (CrMaterialInfo   *info);
GPtrArray  *cr_material_info_collect_problems (CrMaterialInfo   *info,
                                               const CrSlotDef  *slot);
CrSeverity  cr_problem_list_max_severity      (GPtrArray        *problems,
                                               gboolean         *any);

/* Copying files into the case folder (a worker thread does the I/O). The
 * result is the new file's path relative to @base_dir, such as
 * "attachments/receipt (2).pdf". */
void        cr_attachments_import_async       (const char          *base_dir,
                                               GFile               *source,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
void        cr_attachments_save_bytes_async   (const char          *base_dir,
                                               const char          *file_name,
                                               GBytes              *bytes,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char       *cr_attachments_finish             (GAsyncResult        *result,
                                               GError             **error);

G_END_DECLS
