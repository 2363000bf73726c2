/* cr-rules-index.h: the index document that lists published rule sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The format is described in data/rules/INDEX.md. An index is a signed
 * snapshot of what a publisher serves: for each rule set its id, version,
 * validity, URL (relative to the index) and SHA-256.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CR_RULES_INDEX_FORMAT         "org.example.CreditRepair.rules-index"
#define CR_RULES_INDEX_FORMAT_VERSION 1

#define CR_RULES_INDEX_ERROR (cr_rules_index_error_quark ())

typedef enum
{
  CR_RULES_INDEX_ERROR_PARSE,   /* not JSON */
  CR_RULES_INDEX_ERROR_INVALID, /* JSON that violates the index format */
} CrRulesIndexError;

typedef struct
{
  char  *id;
  char  *version;
  char  *valid_from;    /* YYYY-MM-DD, or NULL */
  char  *valid_until;   /* YYYY-MM-DD, or NULL: open-ended */
  char  *url;           /* as written: usually relative to the index */
  char  *signature_url; /* as written; url + ".minisig" when absent */
  char  *sha256;        /* lower-case hex */
  gint64 size;          /* bytes, or -1 if not given */
} CrRulesIndexEntry;

typedef struct
{
  char      *generated;  /* ISO 8601, or NULL */
  GPtrArray *entries;    /* CrRulesIndexEntry */
} CrRulesIndex;

GQuark             cr_rules_index_error_quark     (void);

CrRulesIndex      *cr_rules_index_new             (void);
CrRulesIndex      *cr_rules_index_new_from_bytes  (GBytes             *bytes,
                                                   GError            **error);
void               cr_rules_index_free            (CrRulesIndex       *index);
CrRulesIndexEntry *cr_rules_index_lookup          (CrRulesIndex       *index,
                                                   const char         *id);
/* Replaces the entry with the same id, or appends; takes ownership. */
void               cr_rules_index_take_entry      (CrRulesIndex       *index,
                                                   CrRulesIndexEntry  *entry);
/* Pretty-printed JSON with entries sorted by id, ending with a newline. */
char              *cr_rules_index_to_data         (CrRulesIndex       *index,
                                                   gsize              *length);

CrRulesIndexEntry *cr_rules_index_entry_new       (void);
CrRulesIndexEntry *cr_rules_index_entry_copy      (const CrRulesIndexEntry *entry);
void               cr_rules_index_entry_free      (CrRulesIndexEntry  *entry);

/* A rule-set id is used as a file name: 1–64 characters of a–z, 0–9, '.',
 * '_' and '-', starting with a letter or digit. */
gboolean           cr_rules_id_is_valid           (const char         *id);

/* Versions are dot-separated non-negative integers ("2026", "2026.1",
 * "2026.1.3"), compared number by number; missing trailing numbers count as
 * 0, so "2026.1" == "2026.1.0" < "2026.2" < "2026.10". */
gboolean           cr_rules_version_is_valid      (const char         *version);
/* Returns <0, 0 or >0; both must be valid. */
int                cr_rules_version_compare       (const char         *a,
                                                   const char         *b);

/* Lower-case hex SHA-256 of @bytes. */
char              *cr_rules_sha256                (GBytes             *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesIndex, cr_rules_index_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesIndexEntry, cr_rules_index_entry_free)

G_END_DECLS
