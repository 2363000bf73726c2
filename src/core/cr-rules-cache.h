/* cr-rules-cache.h: the on-disk cache of fetched rule sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout of the cache directory (by default
 * g_get_user_cache_dir()/credit-repair/rules, where the rule-set collection
 * also looks):
 *
 *   <id>.json                  a verified rule set, as fetched
 *   .state/metadata.json       where they came from and when (see below)
 *   .state/index.json          the last good index, and its signature
 *   .state/index.json.minisig
 *   .state/<sha256>.minisig    the signature of each cached rule set
 *
 * Only rule sets that passed every check are written, each file atomically
 * (g_file_set_contents_full); the signatures go first and the metadata
 * last, so an interrupted update leaves every <id>.json still verifiable.
 * All functions here block: call them from a worker thread.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  char   *id;
  char   *version;
  char   *sha256;
  char   *valid_from;   /* nullable */
  char   *valid_until;  /* nullable */
  char   *url;          /* where it was fetched from */
  char   *key_id;       /* the key that signed it */
  gint64  fetched;      /* unix time */
} CrRulesCacheItem;

typedef struct
{
  char       *source_url;    /* the index URL of the last check */
  char       *etag;          /* of that index, for If-None-Match */
  char       *last_modified; /* of that index, for If-Modified-Since */
  gint64      last_checked;  /* unix time of the last attempt, 0 if never */
  gint64      last_success;  /* unix time of the last complete check, 0 if never */
  char       *last_error;    /* message of the last attempt if it failed */
  GHashTable *items;         /* id → CrRulesCacheItem */
} CrRulesCacheMeta;

CrRulesCacheItem *cr_rules_cache_item_new        (void);
CrRulesCacheItem *cr_rules_cache_item_copy       (const CrRulesCacheItem *item);
void              cr_rules_cache_item_free       (CrRulesCacheItem *item);

CrRulesCacheMeta *cr_rules_cache_meta_new        (void);
void              cr_rules_cache_meta_free       (CrRulesCacheMeta *meta);

/* The default directory: g_get_user_cache_dir()/credit-repair/rules. */
char             *cr_rules_cache_get_default_dir (void);

/* Reads .state/metadata.json; a missing or unreadable file gives empty
 * metadata (never an error: the cache is only a cache). */
CrRulesCacheMeta *cr_rules_cache_load_meta       (const char       *dir);
gboolean          cr_rules_cache_save_meta       (const char       *dir,
                                                  CrRulesCacheMeta *meta,
                                                  GError          **error);

/* The cached rule set @id and its signature; FALSE if it is not cached or
 * its signature is missing. */
gboolean          cr_rules_cache_read_rule_set   (const char       *dir,
                                                  const char       *id,
                                                  GBytes          **data,
                                                  char            **signature,
                                                  GError          **error);
/* The last good index and its signature, if any. */
gboolean          cr_rules_cache_read_index      (const char       *dir,
                                                  GBytes          **data,
                                                  GBytes          **signature);

/* Writes one verified rule set: its signature, then the file itself. */
gboolean          cr_rules_cache_write_rule_set  (const char       *dir,
                                                  const char       *id,
                                                  GBytes           *data,
                                                  const char       *sha256,
                                                  GBytes           *signature,
                                                  GError          **error);
gboolean          cr_rules_cache_write_index     (const char       *dir,
                                                  GBytes           *data,
                                                  GBytes           *signature,
                                                  GError          **error);
/* Removes signatures that no cached rule set refers to any more. */
void              cr_rules_cache_prune           (const char       *dir,
                                                  CrRulesCacheMeta *meta);

G_END_DECLS
