/* cr-rules-client.h: fetching signed rule sets over HTTP(S)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CrRulesClient fetches an index (data/rules/INDEX.md) and the rule sets
 * it lists, checks every byte before anything is put in force, and keeps
 * the verified sets in a cache (cr-rules-cache.h). One shared SoupSession
 * per client; everything that touches the network or the disk is an
 * _async/_finish pair that never blocks the calling thread.
 *
 * Checks, each failing with a message that names the URL and the reason:
 *  - the URL must be https://, or http:// on a loopback address
 *    (127.0.0.0/8, ::1, localhost) or on a host explicitly allowed with
 *    cr_rules_client_set_insecure_hosts() (a trainer's classroom LAN) —
 *    checked before any connection, for redirects too;
 *  - at most #CrRulesClient:max-redirects redirects, no loops;
 *  - #CrRulesClient:timeout for connecting and for each read, and
 *    #CrRulesClient:deadline for a whole document;
 *  - a body larger than #CrRulesClient:max-body-size is refused while it
 *    is read (never read in full), as is a body shorter than announced;
 *  - Content-Type application/json (or +json) for JSON documents, and
 *    application/octet-stream or text/plain for .minisig files;
 *  - the index and every rule set must carry a valid minisign signature by
 *    a trusted key (the project key, plus cr_rules_client_add_trusted_key());
 *  - a rule set must match the SHA-256, id and version the index gives for
 *    it, and load as a valid rule set;
 *  - a version older than the one installed or cached (a downgrade), or the
 *    same version with different contents, is refused.
 *
 * An update is all or nothing: if any listed rule set fails, nothing in the
 * cache changes and the last good sets stay in force. The index is
 * requested with If-None-Match / If-Modified-Since from the last good check.
 */

#pragma once

#include <gio/gio.h>

#include "cr-rules-cache.h"
#include "cr-signature.h"

G_BEGIN_DECLS

#define CR_RULES_CLIENT_ERROR (cr_rules_client_error_quark ())

typedef enum
{
  CR_RULES_CLIENT_ERROR_INSECURE_URL,     /* not https and not allowed as http */
  CR_RULES_CLIENT_ERROR_HTTP_STATUS,      /* 4xx, 5xx or an unexpected status */
  CR_RULES_CLIENT_ERROR_REDIRECTS,        /* too many redirects, or a loop */
  CR_RULES_CLIENT_ERROR_TOO_LARGE,        /* body over the size cap */
  CR_RULES_CLIENT_ERROR_TRUNCATED,        /* body shorter than announced */
  CR_RULES_CLIENT_ERROR_CONTENT_TYPE,     /* unexpected Content-Type */
  CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT, /* not JSON, not an index, not a valid rule set */
  CR_RULES_CLIENT_ERROR_MISMATCH,         /* SHA-256, id or version differs from the index */
  CR_RULES_CLIENT_ERROR_DOWNGRADE,        /* older than (or conflicting with) what is in force */
  CR_RULES_CLIENT_ERROR_TIMED_OUT,        /* no answer in time */
} CrRulesClientError;

/* Where a rule set in force came from. */
typedef enum
{
  CR_RULES_ORIGIN_BUNDLED, /* shipped with the application */
  CR_RULES_ORIGIN_CACHED,  /* fetched earlier, read from the cache */
  CR_RULES_ORIGIN_FETCHED, /* fetched by this client since it was created */
} CrRulesOrigin;

/* One rule set that a fetch changed. */
typedef struct
{
  char          *id;
  char          *old_version;  /* NULL if the id is new */
  CrRulesOrigin  old_origin;
  GBytes        *old_data;     /* the set it replaces (for cr_rules_diff), or NULL */
  char          *new_version;
  GBytes        *new_data;
  char          *url;
  char          *key_id;       /* the key that signed it */
} CrRulesUpdate;

typedef struct _CrRulesFetchResult CrRulesFetchResult;
struct _CrRulesFetchResult
{
  /*< private >*/
  gatomicrefcount ref_count;
  /*< public >*/
  char      *index_url;
  gboolean   index_not_modified; /* the server answered 304 */
  GPtrArray *updates;            /* CrRulesUpdate, empty when nothing changed */
  gint64     checked;            /* unix time */
};

/* What is in force, for the window's status display and `rules list`. */
typedef struct
{
  char          *id;
  char          *version;
  char          *valid_from;  /* nullable */
  char          *valid_until; /* nullable */
  char          *sha256;
  CrRulesOrigin  origin;
  gboolean       in_force;    /* the highest version of its id, the cache winning ties */
  char          *path;        /* the file, or a resource path for bundled sets */
  char          *url;         /* nullable: where a cached set was fetched from */
  gint64         fetched;     /* unix time, 0 for bundled sets */
} CrRulesStatusEntry;

typedef struct
{
  GPtrArray *entries;       /* CrRulesStatusEntry, sorted by id, the best first */
  char      *source_url;    /* nullable: the index URL last checked */
  gint64     last_checked;  /* unix time of the last check, 0 if never */
  gint64     last_success;  /* unix time of the last successful check, 0 if never */
  char      *last_error;    /* nullable: why the last check failed */
} CrRulesStatus;

#define CR_TYPE_RULES_FETCH_RESULT (cr_rules_fetch_result_get_type ())
#define CR_TYPE_RULES_CLIENT (cr_rules_client_get_type ())
G_DECLARE_FINAL_TYPE (CrRulesClient, cr_rules_client, CR, RULES_CLIENT, GObject)

GQuark              cr_rules_client_error_quark        (void);
const char         *cr_rules_origin_to_string          (CrRulesOrigin        origin);

GType               cr_rules_fetch_result_get_type     (void) G_GNUC_CONST;
CrRulesFetchResult *cr_rules_fetch_result_ref          (CrRulesFetchResult  *result);
void                cr_rules_fetch_result_unref        (CrRulesFetchResult  *result);
void                cr_rules_update_free               (CrRulesUpdate       *update);
void                cr_rules_status_free               (CrRulesStatus       *status);
void                cr_rules_status_entry_free         (CrRulesStatusEntry  *entry);

/* @cache_dir: NULL for cr_rules_cache_get_default_dir(). */
CrRulesClient      *cr_rules_client_new                (const char          *cache_dir);
const char         *cr_rules_client_get_cache_dir      (CrRulesClient       *self);
/* The folder of installed (bundled) rule sets; NULL (the default) for the
 * rule-set collection's own: pkgdatadir/rules, or $CREDIT_REPAIR_RULES_DIR. */
void                cr_rules_client_set_installed_dir  (CrRulesClient       *self,
                                                        const char          *dir);
void                cr_rules_client_add_trusted_key    (CrRulesClient       *self,
                                                        CrPublicKey         *key);
/* Adds keys in the one-line base64 form (the trusted-keys setting). */
gboolean            cr_rules_client_add_trusted_keys_from_strings (CrRulesClient       *self,
                                                        const char * const  *keys,
                                                        GError             **error);
GPtrArray          *cr_rules_client_get_trusted_keys   (CrRulesClient       *self);
/* Hosts ("host" or "host:port") where plain http:// is allowed. */
void                cr_rules_client_set_insecure_hosts (CrRulesClient       *self,
                                                        const char * const  *hosts);
/* Whether @url may be fetched under the HTTPS policy; FALSE with
 * CR_RULES_CLIENT_ERROR_INSECURE_URL otherwise. */
gboolean            cr_rules_client_check_url          (CrRulesClient       *self,
                                                        const char          *url,
                                                        GError             **error);

void                cr_rules_client_fetch_async        (CrRulesClient       *self,
                                                        const char          *index_url,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CrRulesFetchResult *cr_rules_client_fetch_finish       (CrRulesClient       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);

void                cr_rules_client_get_status_async   (CrRulesClient       *self,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
CrRulesStatus      *cr_rules_client_get_status_finish  (CrRulesClient       *self,
                                                        GAsyncResult        *result,
                                                        GError             **error);
/* Blocking variant, for the command-line tool. */
CrRulesStatus      *cr_rules_client_get_status         (CrRulesClient       *self,
                                                        GCancellable        *cancellable,
                                                        GError             **error);

/* Whether to check for new rule sets at start-up: the setting is on, the
 * network is available and not metered. @monitor NULL for the default. */
gboolean            cr_rules_client_should_check_on_startup (gboolean         check_on_startup,
                                                             GNetworkMonitor *monitor);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesFetchResult, cr_rules_fetch_result_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesUpdate, cr_rules_update_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrRulesStatus, cr_rules_status_free)

G_END_DECLS
