/* cr-rules-publish.h: writing a static directory of signed rule sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `credit-repair-cli rules publish` writes, into one folder that any web
 * server can serve as it is:
 *
 *   index.json                  the index (data/rules/INDEX.md)
 *   index.json.minisig          its signature
 *   <id>-<version>.json         each rule set, byte for byte as given
 *   <id>-<version>.json.minisig its signature
 *
 * Publishing into a folder that already holds an index adds to it: rule
 * sets with other ids stay listed, an id published again must have a
 * higher version (the same version only with the same contents).
 */

#pragma once

#include <gio/gio.h>

#include "cr-rules-index.h"
#include "cr-signature.h"

G_BEGIN_DECLS

#define CR_RULES_PUBLISH_ERROR (cr_rules_publish_error_quark ())

typedef enum
{
  CR_RULES_PUBLISH_ERROR_INVALID,   /* a file is not a valid rule set */
  CR_RULES_PUBLISH_ERROR_DOWNGRADE, /* older than, or conflicting with, what is published */
  CR_RULES_PUBLISH_ERROR_DUPLICATE, /* the same id given twice */
} CrRulesPublishError;

GQuark     cr_rules_publish_error_quark (void);

/* Blocking. Returns the index entries written (CrRulesIndexEntry), or
 * NULL with @error naming the file; on error the folder may hold new rule
 * set files but the index is only replaced when everything succeeded. */
GPtrArray *cr_rules_publish             (CrSecretKey         *key,
                                         const char          *out_dir,
                                         const char * const  *rule_set_paths,
                                         GError             **error);

G_END_DECLS
