/* cr-rules-client.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fetch runs in phases so that the network part stays on the caller's
 * main context (libsoup is asynchronous there) while everything that
 * blocks — reading and writing the cache, verifying and loading — runs in a
 * worker thread:
 *
 *   A (thread)  read the cache metadata and what is in force;
 *   B (main)    GET the index, conditionally, and its signature;
 *   C (thread)  verify and parse the index, decide what to download;
 *   D (main)    GET each new rule set and its signature;
 *   E (thread)  verify each of them, then write the cache (all or nothing);
 *   F (thread)  on failure, only record when and why the check failed.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "cr-rule-set.h"
#include "cr-rule-set-private.h"
#include "cr-rules-client.h"
#include "cr-rules-index.h"
#include "cr-rules-resources.h"

G_DEFINE_QUARK (cr-rules-client-error-quark, cr_rules_client_error)

#define USER_AGENT            "CreditRepair/" PACKAGE_VERSION
#define RULES_RESOURCE_PATH   "/org/example/CreditRepair/rules"
#define DEFAULT_TIMEOUT       15
#define DEFAULT_IDLE_TIMEOUT  60
#define DEFAULT_DEADLINE      120
#define DEFAULT_MAX_BODY      (4 * 1024 * 1024)
#define DEFAULT_MAX_REDIRECTS 5
#define MAX_SIGNATURE_SIZE    (16 * 1024)
#define READ_CHUNK            (64 * 1024)

struct _CrRulesClient
{
  GObject      parent_instance;

  SoupSession *session;
  char        *cache_dir;
  char        *installed_dir;
  GPtrArray   *trusted_keys;   /* CrPublicKey */
  GStrv        insecure_hosts;
  guint        timeout;
  guint        idle_timeout;
  guint        deadline;
  guint        max_redirects;
  guint64      max_body_size;

  GMutex       lock;
  GHashTable  *fetched;        /* id → sha256 fetched by this client; under lock */
  gboolean     fetching;
};

G_DEFINE_FINAL_TYPE (CrRulesClient, cr_rules_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CACHE_DIR,
  PROP_TIMEOUT,
  PROP_IDLE_TIMEOUT,
  PROP_DEADLINE,
  PROP_MAX_BODY_SIZE,
  PROP_MAX_REDIRECTS,
  N_PROPS
};

enum {
  UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_BOXED_TYPE (CrRulesFetchResult, cr_rules_fetch_result,
                     cr_rules_fetch_result_ref, cr_rules_fetch_result_unref)

/* -- small types ------------------------------------------------------------ */

const char *
cr_rules_origin_to_string (CrRulesOrigin origin)
{
  switch (origin)
    {
    case CR_RULES_ORIGIN_BUNDLED:
      return "bundled";
    case CR_RULES_ORIGIN_CACHED:
      return "cached";
    case CR_RULES_ORIGIN_FETCHED:
      return "fetched";
    default:
      g_return_val_if_reached (NULL);
    }
}

void
cr_rules_update_free (CrRulesUpdate *update)
{
  if (update == NULL)
    return;

  g_free (update->id);
  g_free (update->old_version);
  g_clear_pointer (&update->old_data, g_bytes_unref);
  g_free (update->new_version);
  g_clear_pointer (&update->new_data, g_bytes_unref);
  g_free (update->url);
  g_free (update->key_id);
  g_free (update);
}

static CrRulesFetchResult *
fetch_result_new (const char *index_url)
{
  CrRulesFetchResult *result = g_new0 (CrRulesFetchResult, 1);

  g_atomic_ref_count_init (&result->ref_count);
  result->index_url = g_strdup (index_url);
  result->updates = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_rules_update_free);
  return result;
}

CrRulesFetchResult *
cr_rules_fetch_result_ref (CrRulesFetchResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);

  g_atomic_ref_count_inc (&result->ref_count);
  return result;
}

void
cr_rules_fetch_result_unref (CrRulesFetchResult *result)
{
  g_return_if_fail (result != NULL);

  if (g_atomic_ref_count_dec (&result->ref_count))
    {
      g_free (result->index_url);
      g_ptr_array_unref (result->updates);
      g_free (result);
    }
}

void
cr_rules_status_entry_free (CrRulesStatusEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->id);
  g_free (entry->version);
  g_free (entry->valid_from);
  g_free (entry->valid_until);
  g_free (entry->sha256);
  g_free (entry->path);
  g_free (entry->url);
  g_free (entry);
}

void
cr_rules_status_free (CrRulesStatus *status)
{
  if (status == NULL)
    return;

  g_ptr_array_unref (status->entries);
  g_free (status->source_url);
  g_free (status->last_error);
  g_free (status);
}

/* -- GObject ---------------------------------------------------------------- */

static void
cr_rules_client_constructed (GObject *object)
{
  CrRulesClient *self = CR_RULES_CLIENT (object);

  G_OBJECT_CLASS (cr_rules_client_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = cr_rules_cache_get_default_dir ();
}

static void
cr_rules_client_finalize (GObject *object)
{
  CrRulesClient *self = CR_RULES_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->cache_dir);
  g_free (self->installed_dir);
  g_ptr_array_unref (self->trusted_keys);
  g_strfreev (self->insecure_hosts);
  g_hash_table_unref (self->fetched);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (cr_rules_client_parent_class)->finalize (object);
}

static void
cr_rules_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrRulesClient *self = CR_RULES_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;
    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;
    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint_prop (CrRulesClient *self,
               guint         *field,
               guint          value,
               guint          prop_id)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
cr_rules_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrRulesClient *self = CR_RULES_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CACHE_DIR:
      g_free (self->cache_dir);
      self->cache_dir = g_value_dup_string (value);
      break;
    case PROP_TIMEOUT:
      set_uint_prop (self, &self->timeout, g_value_get_uint (value), prop_id);
      soup_session_set_timeout (self->session, self->timeout);
      break;
    case PROP_IDLE_TIMEOUT:
      set_uint_prop (self, &self->idle_timeout, g_value_get_uint (value), prop_id);
      soup_session_set_idle_timeout (self->session, self->idle_timeout);
      break;
    case PROP_DEADLINE:
      set_uint_prop (self, &self->deadline, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_REDIRECTS:
      set_uint_prop (self, &self->max_redirects, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_BODY_SIZE:
      if (self->max_body_size != g_value_get_uint64 (value))
        {
          self->max_body_size = g_value_get_uint64 (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_client_class_init (CrRulesClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = cr_rules_client_constructed;
  object_class->finalize = cr_rules_client_finalize;
  object_class->get_property = cr_rules_client_get_property;
  object_class->set_property = cr_rules_client_set_property;

  /**
   * CrRulesClient:cache-dir:
   *
   * Where verified rule sets are kept (see cr-rules-cache.h).
   */
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CrRulesClient:timeout:
   *
   * Seconds to wait for a connection or for any single read or write
   * (SoupSession:timeout); 0 for none.
   */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrRulesClient:idle-timeout:
   *
   * Seconds an idle kept-alive connection stays open
   * (SoupSession:idle-timeout).
   */
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL, 0, G_MAXUINT, DEFAULT_IDLE_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrRulesClient:deadline:
   *
   * Seconds allowed for one whole document, so that a server trickling a
   * byte at a time cannot hold a fetch open; 0 for none.
   */
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 0, G_MAXUINT, DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrRulesClient:max-body-size:
   *
   * The largest index or rule set accepted, in bytes. Signatures are
   * capped at 16 KiB.
   */
  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL, 1, G_MAXUINT32, DEFAULT_MAX_BODY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL, 0, 20, DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrRulesClient::updated:
   * @result: what the fetch changed
   *
   * Emitted when a fetch put new rule sets in force (not when nothing
   * changed), before the fetch's callback runs.
   */
  signals[UPDATED] =
    g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, CR_TYPE_RULES_FETCH_RESULT);
}

static void
cr_rules_client_init (CrRulesClient *self)
{
  self->timeout = DEFAULT_TIMEOUT;
  self->idle_timeout = DEFAULT_IDLE_TIMEOUT;
  self->deadline = DEFAULT_DEADLINE;
  self->max_redirects = DEFAULT_MAX_REDIRECTS;
  self->max_body_size = DEFAULT_MAX_BODY;
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", self->timeout,
                                                 "idle-timeout", self->idle_timeout,
                                                 NULL);
  self->trusted_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_public_key_unref);
  g_ptr_array_add (self->trusted_keys, cr_public_key_ref (cr_public_key_get_project_key ()));
  g_mutex_init (&self->lock);
  self->fetched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * cr_rules_client_new:
 * @cache_dir: (nullable): the cache folder, NULL for the default
 *
 * Returns: (transfer full): a new client that trusts the project key.
 */
CrRulesClient *
cr_rules_client_new (const char *cache_dir)
{
  return g_object_new (CR_TYPE_RULES_CLIENT, "cache-dir", cache_dir, NULL);
}

const char *
cr_rules_client_get_cache_dir (CrRulesClient *self)
{
  g_return_val_if_fail (CR_IS_RULES_CLIENT (self), NULL);

  return self->cache_dir;
}

void
cr_rules_client_set_installed_dir (CrRulesClient *self,
                                   const char    *dir)
{
  g_return_if_fail (CR_IS_RULES_CLIENT (self));

  g_free (self->installed_dir);
  self->installed_dir = g_strdup (dir);
}

void
cr_rules_client_add_trusted_key (CrRulesClient *self,
                                 CrPublicKey   *key)
{
  g_return_if_fail (CR_IS_RULES_CLIENT (self));
  g_return_if_fail (key != NULL);

  for (guint i = 0; i < self->trusted_keys->len; i++)
    if (cr_public_key_equal (g_ptr_array_index (self->trusted_keys, i), key))
      return;
  g_ptr_array_add (self->trusted_keys, cr_public_key_ref (key));
}

/**
 * cr_rules_client_add_trusted_keys_from_strings:
 * @keys: (array zero-terminated=1): public keys in their base64 line form
 *
 * Returns: FALSE if one of @keys is not a public key (the others are
 *   still added).
 */
gboolean
cr_rules_client_add_trusted_keys_from_strings (CrRulesClient       *self,
                                               const char * const  *keys,
                                               GError             **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (CR_IS_RULES_CLIENT (self), FALSE);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CrPublicKey) key = cr_public_key_new_from_string (keys[i], &local_error);

      if (key != NULL)
        cr_rules_client_add_trusted_key (self, key);
      else if (ok)
        {
          ok = FALSE;
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
    }

  return ok;
}

/**
 * cr_rules_client_get_trusted_keys:
 *
 * Returns: (transfer none) (element-type CrPublicKey): the trusted keys,
 *   the project key first.
 */
GPtrArray *
cr_rules_client_get_trusted_keys (CrRulesClient *self)
{
  g_return_val_if_fail (CR_IS_RULES_CLIENT (self), NULL);

  return self->trusted_keys;
}

void
cr_rules_client_set_insecure_hosts (CrRulesClient      *self,
                                    const char * const *hosts)
{
  g_return_if_fail (CR_IS_RULES_CLIENT (self));

  g_strfreev (self->insecure_hosts);
  self->insecure_hosts = g_strdupv ((char **) hosts);
}

/* -- URL policy ------------------------------------------------------------- */

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
host_is_allowed_insecure (CrRulesClient *self,
                          const char    *host,
                          int            port)
{
  g_autofree char *with_port = g_strdup_printf ("%s:%d", host, port > 0 ? port : 80);

  for (guint i = 0; self->insecure_hosts != NULL && self->insecure_hosts[i] != NULL; i++)
    {
      const char *allowed = self->insecure_hosts[i];

      if (g_ascii_strcasecmp (allowed, host) == 0 || g_ascii_strcasecmp (allowed, with_port) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
check_uri (CrRulesClient  *self,
           GUri           *uri,
           GError        **error)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);
  g_autofree char *text = g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);

  if (host == NULL || *host == '\0')
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
                   _("%s: the address has no host"), text);
      return FALSE;
    }
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (scheme, "http") == 0)
    {
      if (host_is_loopback (host) || host_is_allowed_insecure (self, host, g_uri_get_port (uri)))
        return TRUE;
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
                   _("%s: rule sets are only fetched over HTTPS; plain HTTP is allowed only on "
                     "this computer or on a host you allow explicitly (“%s”)"),
                   text, host);
      return FALSE;
    }

  g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
               _("%s: only https:// addresses are supported"), text);
  return FALSE;
}

gboolean
cr_rules_client_check_url (CrRulesClient  *self,
                           const char     *url,
                           GError        **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CR_IS_RULES_CLIENT (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &local_error);
  if (uri == NULL)
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
                   _("%s: not a valid address: %s"), url, local_error->message);
      return FALSE;
    }
  return check_uri (self, uri, error);
}

/* -- one document over HTTP ------------------------------------------------- */

typedef enum
{
  DOC_JSON,
  DOC_SIGNATURE,
} DocKind;

typedef struct
{
  GBytes   *data;          /* NULL when not modified */
  gboolean  not_modified;
  char     *etag;
  char     *last_modified;
  char     *url;           /* after redirects */
} Document;

typedef struct
{
  GUri          *uri;
  DocKind        kind;
  char          *if_none_match;
  char          *if_modified_since;
  guint          redirects;
  GHashTable    *seen;
  SoupMessage   *msg;
  GInputStream  *stream;
  GByteArray    *buffer;
  goffset        content_length;
  guint64        limit;
  GCancellable  *cancellable;  /* ours: cancelled by the caller's or the deadline */
  GCancellable  *outer;
  gulong         outer_id;
  GSource       *deadline;
  gboolean       deadline_hit;
} DocData;

static void
document_free (Document *doc)
{
  g_clear_pointer (&doc->data, g_bytes_unref);
  g_free (doc->etag);
  g_free (doc->last_modified);
  g_free (doc->url);
  g_free (doc);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Document, document_free)

static void
doc_data_free (DocData *data)
{
  if (data->deadline != NULL)
    {
      g_source_destroy (data->deadline);
      g_source_unref (data->deadline);
    }
  if (data->outer != NULL)
    {
      g_cancellable_disconnect (data->outer, data->outer_id);
      g_object_unref (data->outer);
    }
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->uri, g_uri_unref);
  g_free (data->if_none_match);
  g_free (data->if_modified_since);
  g_hash_table_unref (data->seen);
  g_clear_object (&data->msg);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->buffer, g_byte_array_unref);
  g_free (data);
}

static char *
doc_url (DocData *data)
{
  return g_uri_to_string_partial (data->uri, G_URI_HIDE_PASSWORD);
}

static void doc_send (GTask *task);

static void
outer_cancelled_cb (GCancellable *outer,
                    gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
deadline_cb (gpointer user_data)
{
  DocData *data = user_data;

  data->deadline_hit = TRUE;
  g_cancellable_cancel (data->cancellable);
  return G_SOURCE_CONTINUE;
}

/* Fails the task with @error, turning the errors of timeouts and early
 * closes into this module's codes, and naming the URL. */
static void
doc_fail (GTask  *task,
          GError *error)
{
  DocData *data = g_task_get_task_data (task);
  CrRulesClient *self = g_task_get_source_object (task);
  g_autofree char *url = doc_url (data);
  g_autoptr(GError) owned = error;

  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);

  if (data->deadline_hit)
    g_task_return_new_error (task, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TIMED_OUT,
                             _("%s: the download did not finish within %u seconds"),
                             url, self->deadline);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_task_return_error (task, g_steal_pointer (&owned));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_task_return_new_error (task, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TIMED_OUT,
                             _("%s: the server did not answer within %u seconds"),
                             url, self->timeout);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_task_return_new_error (task, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_TRUNCATED,
                             _("%s: the connection closed before the whole file arrived"), url);
  else if (error->domain == CR_RULES_CLIENT_ERROR)
    g_task_return_error (task, g_steal_pointer (&owned));
  else
    g_task_return_new_error (task, error->domain, error->code, "%s: %s", url, error->message);
}

static void
doc_fail_new (GTask              *task,
              CrRulesClientError  code,
              const char         *message)
{
  DocData *data = g_task_get_task_data (task);
  g_autofree char *url = doc_url (data);

  doc_fail (task, g_error_new (CR_RULES_CLIENT_ERROR, code, "%s: %s", url, message));
}

static void
doc_finish (GTask *task)
{
  DocData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers = soup_message_get_response_headers (data->msg);
  Document *doc = g_new0 (Document, 1);

  doc->url = doc_url (data);
  doc->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  doc->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  if (data->buffer != NULL)
    doc->data = g_byte_array_free_to_bytes (g_steal_pointer (&data->buffer));
  else
    doc->not_modified = TRUE;

  if (data->stream != NULL)
    g_input_stream_close (data->stream, NULL, NULL);
  g_task_return_pointer (task, doc, (GDestroyNotify) document_free);
}

static void
doc_read_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DocData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) chunk = NULL;
  GError *error = NULL;
  gsize len;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      doc_fail (task, error);
      return;
    }

  len = g_bytes_get_size (chunk);
  if (len == 0)
    {
      if (data->content_length >= 0 && (goffset) data->buffer->len < data->content_length)
        {
          doc_fail_new (task, CR_RULES_CLIENT_ERROR_TRUNCATED,
                        _("the connection closed before the whole file arrived"));
          return;
        }
      doc_finish (task);
      return;
    }

  if (data->buffer->len + len > data->limit)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, data->limit);
      g_autofree char *message =
        g_strdup_printf (_("the file is larger than the limit of %s bytes"), limit);

      doc_fail_new (task, CR_RULES_CLIENT_ERROR_TOO_LARGE, message);
      return;
    }
  g_byte_array_append (data->buffer, g_bytes_get_data (chunk, NULL), len);

  /* Ask for one byte more than the limit allows, so that an oversized body
   * is noticed without ever reading all of it. */
  g_input_stream_read_bytes_async (data->stream,
                                   MIN (READ_CHUNK, data->limit - data->buffer->len + 1),
                                   G_PRIORITY_DEFAULT, data->cancellable, doc_read_cb,
                                   g_steal_pointer (&task));
}

static gboolean
content_type_ok (DocKind     kind,
                 const char *type)
{
  if (type == NULL)
    return FALSE;

  switch (kind)
    {
    case DOC_JSON:
      return g_ascii_strcasecmp (type, "application/json") == 0 || g_str_has_suffix (type, "+json");
    case DOC_SIGNATURE:
      return g_ascii_strcasecmp (type, "application/octet-stream") == 0
             || g_ascii_strcasecmp (type, "text/plain") == 0;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
doc_send_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrRulesClient *self = g_task_get_source_object (task);
  DocData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;
  GError *error = NULL;
  const char *type;
  guint status;

  data->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (data->stream == NULL)
    {
      doc_fail (task, error);
      return;
    }

  status = soup_message_get_status (data->msg);
  headers = soup_message_get_response_headers (data->msg);

  if (SOUP_STATUS_IS_REDIRECTION (status) && status != SOUP_STATUS_NOT_MODIFIED)
    {
      const char *location = soup_message_headers_get_one (headers, "Location");
      g_autoptr(GUri) next = NULL;
      g_autofree char *next_text = NULL;

      if (location == NULL)
        {
          doc_fail_new (task, CR_RULES_CLIENT_ERROR_HTTP_STATUS,
                        _("the server redirected without saying where to"));
          return;
        }

      next = g_uri_parse_relative (data->uri, location, SOUP_HTTP_URI_FLAGS, &error);
      if (next == NULL)
        {
          doc_fail (task, error);
          return;
        }
      next_text = g_uri_to_string (next);

      if (g_hash_table_contains (data->seen, next_text))
        {
          doc_fail_new (task, CR_RULES_CLIENT_ERROR_REDIRECTS,
                        _("the server redirects in a loop"));
          return;
        }
      if (++data->redirects > self->max_redirects)
        {
          g_autofree char *message =
            g_strdup_printf (_("the server redirected more than %u times"), self->max_redirects);

          doc_fail_new (task, CR_RULES_CLIENT_ERROR_REDIRECTS, message);
          return;
        }
      if (!check_uri (self, next, &error))
        {
          g_autofree char *url = doc_url (data);

          g_prefix_error (&error, _("%s redirected to an address that is not allowed: "), url);
          doc_fail (task, error);
          return;
        }

      g_input_stream_close (data->stream, NULL, NULL);
      g_clear_object (&data->stream);
      g_uri_unref (data->uri);
      data->uri = g_steal_pointer (&next);
      g_hash_table_add (data->seen, g_steal_pointer (&next_text));
      doc_send (g_steal_pointer (&task));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED
      && (data->if_none_match != NULL || data->if_modified_since != NULL))
    {
      doc_finish (task);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || status == SOUP_STATUS_NO_CONTENT)
    {
      g_autofree char *message =
        g_strdup_printf (_("the server answered “%u %s”"), status,
                         soup_message_get_reason_phrase (data->msg) != NULL
                         ? soup_message_get_reason_phrase (data->msg)
                         : soup_status_get_phrase (status));

      doc_fail_new (task, CR_RULES_CLIENT_ERROR_HTTP_STATUS, message);
      return;
    }

  type = soup_message_headers_get_content_type (headers, NULL);
  if (!content_type_ok (data->kind, type))
    {
      g_autofree char *message =
        g_strdup_printf (data->kind == DOC_JSON
                         ? _("the server sent “%s” instead of application/json")
                         : _("the server sent “%s” instead of a signature "
                             "(application/octet-stream or text/plain)"),
                         type != NULL ? type : _("no content type"));

      doc_fail_new (task, CR_RULES_CLIENT_ERROR_CONTENT_TYPE, message);
      return;
    }

  data->content_length = -1;
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH)
    data->content_length = soup_message_headers_get_content_length (headers);
  if (data->content_length > (goffset) data->limit)
    {
      g_autofree char *limit = g_strdup_printf ("%" G_GUINT64_FORMAT, data->limit);
      g_autofree char *message =
        g_strdup_printf (_("the file is larger than the limit of %s bytes"), limit);

      doc_fail_new (task, CR_RULES_CLIENT_ERROR_TOO_LARGE, message);
      return;
    }

  data->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (data->stream, MIN (READ_CHUNK, data->limit + 1),
                                   G_PRIORITY_DEFAULT, data->cancellable, doc_read_cb,
                                   g_steal_pointer (&task));
}

static void
doc_send (GTask *task)
{
  CrRulesClient *self = g_task_get_source_object (task);
  DocData *data = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&data->msg);
  data->msg = soup_message_new_from_uri (SOUP_METHOD_GET, data->uri);
  /* Redirects are followed by hand, to count them and to check each
   * target against the HTTPS policy before connecting to it. */
  soup_message_add_flags (data->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept",
                                data->kind == DOC_JSON
                                ? "application/json"
                                : "application/octet-stream, text/plain");
  if (data->if_none_match != NULL)
    soup_message_headers_replace (headers, "If-None-Match", data->if_none_match);
  if (data->if_modified_since != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", data->if_modified_since);

  soup_session_send_async (self->session, data->msg, G_PRIORITY_DEFAULT, data->cancellable,
                           doc_send_cb, task);
}

static void
fetch_document_async (CrRulesClient       *self,
                      const char          *url,
                      DocKind              kind,
                      const char          *if_none_match,
                      const char          *if_modified_since,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  DocData *data = g_new0 (DocData, 1);

  g_task_set_source_tag (task, fetch_document_async);
  g_task_set_task_data (task, data, (GDestroyNotify) doc_data_free);

  data->kind = kind;
  data->limit = kind == DOC_JSON ? self->max_body_size : MAX_SIGNATURE_SIZE;
  data->if_none_match = g_strdup (if_none_match);
  data->if_modified_since = g_strdup (if_modified_since);
  data->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->cancellable = g_cancellable_new ();

  data->uri = g_uri_parse (url, SOUP_HTTP_URI_FLAGS, &error);
  if (data->uri == NULL)
    {
      g_task_return_new_error (task, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INSECURE_URL,
                               _("%s: not a valid address: %s"), url, error->message);
      return;
    }
  /* The policy is checked before any connection is made. */
  if (!check_uri (self, data->uri, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_hash_table_add (data->seen, g_uri_to_string (data->uri));

  if (cancellable != NULL)
    {
      data->outer = g_object_ref (cancellable);
      data->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                              g_object_ref (data->cancellable), g_object_unref);
    }
  if (self->deadline > 0)
    {
      data->deadline = g_timeout_source_new_seconds (self->deadline);
      g_source_set_callback (data->deadline, deadline_cb, data, NULL);
      g_source_set_static_name (data->deadline, "[credit-repair] rules download deadline");
      g_source_attach (data->deadline, g_main_context_get_thread_default ());
    }

  doc_send (g_steal_pointer (&task));
}

static Document *
fetch_document_finish (CrRulesClient  *self,
                       GAsyncResult   *result,
                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- what is in force ------------------------------------------------------- */

typedef struct
{
  char          *id;
  char          *version;
  char          *sha256;
  char          *valid_from;
  char          *valid_until;
  CrRulesOrigin  origin;
  char          *path;
  char          *url;
  gint64         fetched;
  GBytes        *data;
} Candidate;

static void
candidate_free (Candidate *c)
{
  g_free (c->id);
  g_free (c->version);
  g_free (c->sha256);
  g_free (c->valid_from);
  g_free (c->valid_until);
  g_free (c->path);
  g_free (c->url);
  g_clear_pointer (&c->data, g_bytes_unref);
  g_free (c);
}

static char *
peek_json_string (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* What a rule-set document says about itself, by SHA-256 of its bytes:
 * the same few files are read at every check, and hashing them is much
 * cheaper than parsing them again. */
typedef struct
{
  char *id;
  char *version;
  char *valid_from;
  char *valid_until;
} Peek;

static GMutex peek_lock;
static GHashTable *peek_cache; /* sha256 → Peek, or → &peek_invalid */
static Peek peek_invalid;

static void
peek_free (gpointer data)
{
  Peek *peek = data;

  if (peek == &peek_invalid)
    return;
  g_free (peek->id);
  g_free (peek->version);
  g_free (peek->valid_from);
  g_free (peek->valid_until);
  g_free (peek);
}

static Peek *
peek_parse (GBytes *bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *root;
  JsonNode *node;
  Peek *peek;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                   g_bytes_get_size (bytes), NULL))
    return &peek_invalid;
  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return &peek_invalid;
  root = json_node_get_object (node);

  peek = g_new0 (Peek, 1);
  peek->id = peek_json_string (root, "id");
  peek->version = peek_json_string (root, "version");
  peek->valid_from = peek_json_string (root, "valid_from");
  peek->valid_until = peek_json_string (root, "valid_until");
  if (!cr_rules_id_is_valid (peek->id) || !cr_rules_version_is_valid (peek->version))
    {
      peek_free (peek);
      return &peek_invalid;
    }
  return peek;
}

/* Reads the id, version and validity of a rule-set document without
 * loading it; NULL if it has none. The full check is the loader's. */
static Candidate *
candidate_new (GBytes        *bytes,
               CrRulesOrigin  origin,
               const char    *path)
{
  g_autofree char *sha256 = cr_rules_sha256 (bytes);
  Peek *peek;
  Candidate *c;

  g_mutex_lock (&peek_lock);
  if (peek_cache == NULL)
    peek_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, peek_free);
  peek = g_hash_table_lookup (peek_cache, sha256);
  g_mutex_unlock (&peek_lock);

  if (peek == NULL)
    {
      peek = peek_parse (bytes);
      g_mutex_lock (&peek_lock);
      g_hash_table_replace (peek_cache, g_strdup (sha256), peek);
      g_mutex_unlock (&peek_lock);
    }
  if (peek == &peek_invalid)
    return NULL;

  /* Entries are never removed, so @peek stays valid outside the lock. */
  c = g_new0 (Candidate, 1);
  c->id = g_strdup (peek->id);
  c->version = g_strdup (peek->version);
  c->valid_from = g_strdup (peek->valid_from);
  c->valid_until = g_strdup (peek->valid_until);
  c->sha256 = g_steal_pointer (&sha256);
  c->origin = origin;
  c->path = g_strdup (path);
  c->data = g_bytes_ref (bytes);
  return c;
}

static Candidate *
find_same_candidate (GPtrArray *candidates,
                     Candidate *c)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *other = g_ptr_array_index (candidates, i);

      if (g_str_equal (other->id, c->id) && g_str_equal (other->sha256, c->sha256))
        return other;
    }

  return NULL;
}

static void
add_bundled_candidates (GPtrArray  *candidates,
                        const char *installed_dir)
{
  GResource *resource = cr_rules_resource_get ();
  g_auto(GStrv) names = g_resource_enumerate_children (resource, RULES_RESOURCE_PATH,
                                                       G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autofree char *dir = installed_dir != NULL
                         ? g_strdup (installed_dir)
                         : cr_rule_set_collection_get_installed_dir ();
  g_autoptr(GDir) d = NULL;
  const char *name;

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", RULES_RESOURCE_PATH, names[i], NULL);
      g_autofree char *origin = g_strconcat ("resource://", path, NULL);
      g_autoptr(GBytes) bytes = NULL;
      Candidate *c;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes != NULL && (c = candidate_new (bytes, CR_RULES_ORIGIN_BUNDLED, origin)) != NULL)
        g_ptr_array_add (candidates, c);
    }

  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;
      Candidate *c;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (!g_file_get_contents (path, &contents, &len, NULL))
        continue;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
      if ((c = candidate_new (bytes, CR_RULES_ORIGIN_BUNDLED, path)) == NULL)
        continue;
      /* The installed copy of a built-in set is the same set: list it once. */
      if (find_same_candidate (candidates, c) != NULL)
        candidate_free (c);
      else
        g_ptr_array_add (candidates, c);
    }
}

/* Every rule set in the cache counts, as it does for the rule-set
 * collection: only verified sets are ever written there. */
static void
add_cached_candidates (GPtrArray        *candidates,
                       const char       *cache_dir,
                       CrRulesCacheMeta *meta,
                       GHashTable       *fetched)
{
  g_autoptr(GDir) d = g_dir_open (cache_dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *id = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GBytes) bytes = NULL;
      CrRulesCacheItem *item;
      Candidate *c;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      id = g_strndup (name, strlen (name) - strlen (".json"));
      if (!cr_rules_id_is_valid (id))
        continue;
      if (!cr_rules_cache_read_rule_set (cache_dir, id, &bytes, NULL, NULL))
        continue;
      path = g_build_filename (cache_dir, name, NULL);
      c = candidate_new (bytes, CR_RULES_ORIGIN_CACHED, path);
      if (c == NULL)
        continue;

      item = g_hash_table_lookup (meta->items, id);
      if (item != NULL && g_strcmp0 (item->sha256, c->sha256) == 0)
        {
          c->url = g_strdup (item->url);
          c->fetched = item->fetched;
        }
      if (fetched != NULL && g_strcmp0 (g_hash_table_lookup (fetched, id), c->sha256) == 0)
        c->origin = CR_RULES_ORIGIN_FETCHED;

      g_ptr_array_add (candidates, c);
    }
}

/* Higher version first; at equal versions cached before bundled, like the
 * rule-set collection decides. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(const Candidate * const *) a;
  const Candidate *cb = *(const Candidate * const *) b;
  int cmp = g_strcmp0 (ca->id, cb->id);

  if (cmp != 0)
    return cmp;
  cmp = cr_rules_version_compare (cb->version, ca->version);
  if (cmp != 0)
    return cmp;
  return (int) (cb->origin != CR_RULES_ORIGIN_BUNDLED) - (int) (ca->origin != CR_RULES_ORIGIN_BUNDLED);
}

/* All candidates sorted by id, best first, and a map id → the best. */
static GPtrArray *
collect_candidates (const char        *cache_dir,
                    const char        *installed_dir,
                    CrRulesCacheMeta  *meta,
                    GHashTable        *fetched,
                    GHashTable       **in_force)
{
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);

  add_bundled_candidates (candidates, installed_dir);
  add_cached_candidates (candidates, cache_dir, meta, fetched);
  g_ptr_array_sort (candidates, compare_candidates);

  if (in_force != NULL)
    {
      *in_force = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = g_ptr_array_index (candidates, i);

          if (!g_hash_table_contains (*in_force, c->id))
            g_hash_table_insert (*in_force, c->id, c);
        }
    }

  return candidates;
}

/* -- worker threads ------------------------------------------------------- */

/* Runs @func in a worker thread on a task of its own, with @outer's task
 * data, then @callback on @outer's context with @outer as its user data
 * (the reference is passed on). The inner task has no source object: a
 * worker thread may drop its last reference to it a little after the
 * callback has run, and it must not keep the client alive then. */
static void
run_in_thread_then (GTask               *outer,
                    GTaskThreadFunc      func,
                    gpointer             tag,
                    GAsyncReadyCallback  callback)
{
  GTask *inner = g_task_new (NULL, g_task_get_cancellable (outer), callback, outer);

  g_task_set_source_tag (inner, tag);
  g_task_set_task_data (inner, g_task_get_task_data (outer), NULL);
  g_task_run_in_thread (inner, func);
  g_object_unref (inner);
}

/* -- status ----------------------------------------------------------------- */

static GHashTable *
snapshot_fetched (CrRulesClient *self)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->fetched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_strdup (key), g_strdup (value));
  g_mutex_unlock (&self->lock);

  return copy;
}

static GPtrArray *
copy_keys (GPtrArray *keys)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_public_key_unref);

  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (copy, cr_public_key_ref (g_ptr_array_index (keys, i)));
  return copy;
}

typedef struct
{
  char       *cache_dir;
  char       *installed_dir;
  GPtrArray  *keys;
  GHashTable *fetched;
} StatusData;

static void
status_data_free (StatusData *data)
{
  g_free (data->cache_dir);
  g_free (data->installed_dir);
  g_ptr_array_unref (data->keys);
  g_hash_table_unref (data->fetched);
  g_free (data);
}

static CrRulesStatus *
compute_status (StatusData *data)
{
  CrRulesCacheMeta *meta = cr_rules_cache_load_meta (data->cache_dir);
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GHashTable) in_force = NULL;
  CrRulesStatus *status = g_new0 (CrRulesStatus, 1);

  candidates = collect_candidates (data->cache_dir, data->installed_dir, meta, data->fetched,
                                   &in_force);

  status->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_rules_status_entry_free);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (candidates, i);
      CrRulesStatusEntry *entry = g_new0 (CrRulesStatusEntry, 1);

      entry->id = g_strdup (c->id);
      entry->version = g_strdup (c->version);
      entry->valid_from = g_strdup (c->valid_from);
      entry->valid_until = g_strdup (c->valid_until);
      entry->sha256 = g_strdup (c->sha256);
      entry->origin = c->origin;
      entry->in_force = g_hash_table_lookup (in_force, c->id) == c;
      entry->path = g_strdup (c->path);
      entry->url = g_strdup (c->url);
      entry->fetched = c->fetched;
      g_ptr_array_add (status->entries, entry);
    }

  status->source_url = g_steal_pointer (&meta->source_url);
  status->last_checked = meta->last_checked;
  status->last_success = meta->last_success;
  status->last_error = g_steal_pointer (&meta->last_error);
  cr_rules_cache_meta_free (meta);

  return status;
}

static StatusData *
status_data_new (CrRulesClient *self)
{
  StatusData *data = g_new0 (StatusData, 1);

  data->cache_dir = g_strdup (self->cache_dir);
  data->installed_dir = g_strdup (self->installed_dir);
  data->keys = copy_keys (self->trusted_keys);
  data->fetched = snapshot_fetched (self);
  return data;
}

static void
status_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_task_return_pointer (task, compute_status (task_data), (GDestroyNotify) cr_rules_status_free);
}

static void
status_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  CrRulesStatus *status = g_task_propagate_pointer (G_TASK (result), &error);

  if (status == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, status, (GDestroyNotify) cr_rules_status_free);
}

void
cr_rules_client_get_status_async (CrRulesClient       *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_RULES_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_rules_client_get_status_async);
  g_task_set_task_data (task, status_data_new (self), (GDestroyNotify) status_data_free);
  run_in_thread_then (g_steal_pointer (&task), status_thread, status_thread, status_cb);
}

/**
 * cr_rules_client_get_status_finish:
 *
 * Returns: (transfer full): what is installed and cached, which set is in
 *   force for each id, and when the source was last checked.
 */
CrRulesStatus *
cr_rules_client_get_status_finish (CrRulesClient  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

CrRulesStatus *
cr_rules_client_get_status (CrRulesClient  *self,
                            GCancellable   *cancellable,
                            GError        **error)
{
  StatusData *data;
  CrRulesStatus *status;

  g_return_val_if_fail (CR_IS_RULES_CLIENT (self), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  data = status_data_new (self);
  status = compute_status (data);
  status_data_free (data);
  return status;
}

/* -- the fetch -------------------------------------------------------------- */

typedef struct
{
  CrRulesIndexEntry *entry;
  char              *url;
  char              *signature_url;
  GBytes            *data;
  GBytes            *signature;
} Download;

static void
download_free (Download *d)
{
  cr_rules_index_entry_free (d->entry);
  g_free (d->url);
  g_free (d->signature_url);
  g_clear_pointer (&d->data, g_bytes_unref);
  g_clear_pointer (&d->signature, g_bytes_unref);
  g_free (d);
}

typedef struct
{
  char               *index_url;
  char               *cache_dir;
  char               *installed_dir;
  GPtrArray          *keys;
  GHashTable         *fetched;
  gint64              now;

  /* A */
  CrRulesCacheMeta   *meta;
  GPtrArray          *candidates;
  GHashTable         *in_force;      /* id → Candidate, borrowed from candidates */
  GBytes             *cached_index;
  GBytes             *cached_index_sig;

  /* B */
  Document           *index_doc;
  GBytes             *index_data;
  GBytes             *index_sig;

  /* C, D */
  GPtrArray          *downloads;     /* Download */
  gboolean            bases_loaded;
  guint               next;
  gboolean            next_is_signature;

  CrRulesFetchResult *result;
  GError             *error;         /* F: the failure to record */
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  g_free (data->index_url);
  g_free (data->cache_dir);
  g_free (data->installed_dir);
  g_ptr_array_unref (data->keys);
  g_hash_table_unref (data->fetched);
  g_clear_pointer (&data->meta, cr_rules_cache_meta_free);
  g_clear_pointer (&data->in_force, g_hash_table_unref);
  g_clear_pointer (&data->candidates, g_ptr_array_unref);
  g_clear_pointer (&data->cached_index, g_bytes_unref);
  g_clear_pointer (&data->cached_index_sig, g_bytes_unref);
  g_clear_pointer (&data->index_doc, document_free);
  g_clear_pointer (&data->index_data, g_bytes_unref);
  g_clear_pointer (&data->index_sig, g_bytes_unref);
  g_clear_pointer (&data->downloads, g_ptr_array_unref);
  g_clear_pointer (&data->result, cr_rules_fetch_result_unref);
  g_clear_error (&data->error);
  g_free (data);
}

static void fetch_fail (GTask *task, GError *error);
static void fetch_next_download (GTask *task);

/* F: record the failed check, keep everything else as it was. */
static void
record_failure_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  FetchData *data = task_data;
  CrRulesCacheMeta *meta = cr_rules_cache_load_meta (data->cache_dir);
  g_autoptr(GError) error = NULL;

  meta->last_checked = data->now;
  g_free (meta->last_error);
  meta->last_error = g_strdup (data->error->message);
  if (g_strcmp0 (meta->source_url, data->index_url) != 0)
    {
      /* A different source: its ETag is not ours to reuse. */
      g_free (meta->source_url);
      meta->source_url = g_strdup (data->index_url);
      g_clear_pointer (&meta->etag, g_free);
      g_clear_pointer (&meta->last_modified, g_free);
    }
  if (!cr_rules_cache_save_meta (data->cache_dir, meta, &error))
    g_warning ("Could not record the failed rule-set check: %s", error->message);
  cr_rules_cache_meta_free (meta);

  g_task_return_boolean (task, TRUE);
}

static void
record_failure_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);

  g_task_return_error (task, g_steal_pointer (&data->error));
}

static void
fetch_fail (GTask  *task,
            GError *error)
{
  FetchData *data = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  data->error = error;
  run_in_thread_then (task, record_failure_thread, record_failure_thread, record_failure_cb);
}

/* E: verify every download, then write the cache. */
static gboolean
verify_download (FetchData            *data,
                 Download             *d,
                 CrRuleSetCollection **bases,
                 char                **key_id,
                 GError              **error)
{
  g_autofree char *sha256 = cr_rules_sha256 (d->data);
  g_autoptr(CrRuleSet) rule_set = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize sig_len = 0;
  const char *sig = g_bytes_get_data (d->signature, &sig_len);

  if (d->entry->size >= 0 && (gint64) g_bytes_get_size (d->data) != d->entry->size)
    {
      g_autofree char *actual = g_strdup_printf ("%" G_GSIZE_FORMAT, g_bytes_get_size (d->data));
      g_autofree char *listed = g_strdup_printf ("%" G_GINT64_FORMAT, d->entry->size);

      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_MISMATCH,
                   _("%s: the file has %s bytes, but the index lists %s"), d->url, actual, listed);
      return FALSE;
    }
  if (g_strcmp0 (sha256, d->entry->sha256) != 0)
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_MISMATCH,
                   _("%s: the file does not match the SHA-256 checksum listed in the index"),
                   d->url);
      return FALSE;
    }
  if (!cr_signature_verify (sig, sig_len, d->data, data->keys, key_id, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: refused: %s"), d->signature_url, local_error->message);
      return FALSE;
    }

  rule_set = cr_rule_set_new_from_bytes (d->data, d->url, CR_RULE_SET_SOURCE_CACHE, *bases,
                                         &local_error);
  if (rule_set == NULL
      && g_error_matches (local_error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_BASE_NOT_FOUND)
      && !data->bases_loaded)
    {
      /* An overlay: load the installed sets it may extend (which costs more
       * than the rest of the check, hence only now), keeping the sets of
       * this update that are already loaded. */
      g_autoptr(CrRuleSetCollection) all = cr_rule_set_collection_new_default ();

      for (guint i = 0; i < cr_rule_set_collection_get_n_rule_sets (*bases); i++)
        cr_rule_set_collection_add (all, cr_rule_set_collection_get_rule_set (*bases, i));
      g_object_unref (*bases);
      *bases = g_steal_pointer (&all);
      data->bases_loaded = TRUE;
      g_clear_error (&local_error);
      rule_set = cr_rule_set_new_from_bytes (d->data, d->url, CR_RULE_SET_SOURCE_CACHE, *bases,
                                             &local_error);
    }
  if (rule_set == NULL)
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT,
                   _("%s: not a valid rule set: %s"), d->url, local_error->message);
      return FALSE;
    }
  if (g_strcmp0 (cr_rule_set_get_id (rule_set), d->entry->id) != 0
      || g_strcmp0 (cr_rule_set_get_version (rule_set), d->entry->version) != 0)
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_MISMATCH,
                   _("%s: the file holds rule set “%s” version %s, but the index lists “%s” "
                     "version %s"), d->url,
                   cr_rule_set_get_id (rule_set), cr_rule_set_get_version (rule_set),
                   d->entry->id, d->entry->version);
      return FALSE;
    }

  /* Later overlays in the same update may build on it. */
  cr_rule_set_collection_add (*bases, rule_set);
  return TRUE;
}

static void
commit_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  FetchData *data = task_data;
  g_autoptr(CrRuleSetCollection) bases = cr_rule_set_collection_new ();
  g_autoptr(GPtrArray) key_ids = g_ptr_array_new_with_free_func (g_free);
  GError *error = NULL;

  for (guint i = 0; i < data->downloads->len; i++)
    {
      Download *d = g_ptr_array_index (data->downloads, i);
      g_autofree char *key_id = NULL;

      if (!verify_download (data, d, &bases, &key_id, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      g_ptr_array_add (key_ids, g_steal_pointer (&key_id));
    }

  /* Everything checked out: now, and only now, write. */
  for (guint i = 0; i < data->downloads->len; i++)
    {
      Download *d = g_ptr_array_index (data->downloads, i);
      Candidate *old = g_hash_table_lookup (data->in_force, d->entry->id);
      CrRulesCacheItem *item = cr_rules_cache_item_new ();
      CrRulesUpdate *update = g_new0 (CrRulesUpdate, 1);

      if (!cr_rules_cache_write_rule_set (data->cache_dir, d->entry->id, d->data,
                                          d->entry->sha256, d->signature, &error))
        {
          cr_rules_cache_item_free (item);
          g_free (update);
          g_task_return_error (task, error);
          return;
        }

      item->id = g_strdup (d->entry->id);
      item->version = g_strdup (d->entry->version);
      item->sha256 = g_strdup (d->entry->sha256);
      item->valid_from = g_strdup (d->entry->valid_from);
      item->valid_until = g_strdup (d->entry->valid_until);
      item->url = g_strdup (d->url);
      item->key_id = g_strdup (g_ptr_array_index (key_ids, i));
      item->fetched = data->now;
      g_hash_table_replace (data->meta->items, item->id, item);

      update->id = g_strdup (d->entry->id);
      update->new_version = g_strdup (d->entry->version);
      update->new_data = g_bytes_ref (d->data);
      update->url = g_strdup (d->url);
      update->key_id = g_strdup (item->key_id);
      if (old != NULL)
        {
          update->old_version = g_strdup (old->version);
          update->old_origin = old->origin;
          update->old_data = g_bytes_ref (old->data);
        }
      g_ptr_array_add (data->result->updates, update);
    }

  /* After a 304 the cached index is the one just checked: not rewritten. */
  if (!data->result->index_not_modified
      && !cr_rules_cache_write_index (data->cache_dir, data->index_data, data->index_sig, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_free (data->meta->source_url);
  data->meta->source_url = g_strdup (data->index_url);
  if (data->index_doc != NULL && !data->index_doc->not_modified)
    {
      g_free (data->meta->etag);
      data->meta->etag = g_strdup (data->index_doc->etag);
      g_free (data->meta->last_modified);
      data->meta->last_modified = g_strdup (data->index_doc->last_modified);
    }
  data->meta->last_checked = data->now;
  data->meta->last_success = data->now;
  g_clear_pointer (&data->meta->last_error, g_free);

  if (!cr_rules_cache_save_meta (data->cache_dir, data->meta, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cr_rules_cache_prune (data->cache_dir, data->meta);

  g_task_return_boolean (task, TRUE);
}

static void
commit_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrRulesClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fetch_fail (g_steal_pointer (&task), error);
      return;
    }

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < data->result->updates->len; i++)
    {
      CrRulesUpdate *update = g_ptr_array_index (data->result->updates, i);
      Download *d = g_ptr_array_index (data->downloads, i);

      g_hash_table_replace (self->fetched, g_strdup (update->id), g_strdup (d->entry->sha256));
    }
  g_mutex_unlock (&self->lock);

  if (data->result->updates->len > 0)
    g_signal_emit (self, signals[UPDATED], 0, data->result);

  g_task_return_pointer (task, cr_rules_fetch_result_ref (data->result),
                         (GDestroyNotify) cr_rules_fetch_result_unref);
}


/* D: download each new rule set, then its signature. */
static void
download_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  Download *d = g_ptr_array_index (data->downloads, data->next);
  g_autoptr(Document) doc = NULL;
  GError *error = NULL;

  doc = fetch_document_finish (CR_RULES_CLIENT (source), result, &error);
  if (doc == NULL)
    {
      fetch_fail (task, error);
      return;
    }

  if (!data->next_is_signature)
    {
      d->data = g_steal_pointer (&doc->data);
      data->next_is_signature = TRUE;
    }
  else
    {
      d->signature = g_steal_pointer (&doc->data);
      data->next_is_signature = FALSE;
      data->next++;
    }
  fetch_next_download (task);
}

static void
fetch_next_download (GTask *task)
{
  CrRulesClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  Download *d;

  if (data->next >= data->downloads->len)
    {
      run_in_thread_then (task, commit_thread, commit_thread, commit_cb);
      return;
    }

  d = g_ptr_array_index (data->downloads, data->next);
  fetch_document_async (self, data->next_is_signature ? d->signature_url : d->url,
                        data->next_is_signature ? DOC_SIGNATURE : DOC_JSON, NULL, NULL,
                        g_task_get_cancellable (task), download_cb, task);
}

/* C: verify the index and decide what to download. */
static gboolean
plan_downloads (FetchData  *data,
                GError    **error)
{
  g_autoptr(CrRulesIndex) index = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GUri) base = NULL;
  const char *base_url = data->index_doc != NULL && data->index_doc->url != NULL
                         ? data->index_doc->url
                         : data->index_url;
  g_autofree char *sig_url = g_strconcat (base_url, ".minisig", NULL);
  gsize sig_len = 0;
  const char *sig = g_bytes_get_data (data->index_sig, &sig_len);

  if (!cr_signature_verify (sig, sig_len, data->index_data, data->keys, NULL, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("%s: refused: %s"), sig_url, local_error->message);
      return FALSE;
    }

  index = cr_rules_index_new_from_bytes (data->index_data, &local_error);
  if (index == NULL)
    {
      g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT,
                   "%s: %s", base_url, local_error->message);
      return FALSE;
    }

  base = g_uri_parse (base_url, SOUP_HTTP_URI_FLAGS, NULL);
  data->downloads = g_ptr_array_new_with_free_func ((GDestroyNotify) download_free);

  for (guint i = 0; i < index->entries->len; i++)
    {
      CrRulesIndexEntry *entry = g_ptr_array_index (index->entries, i);
      Candidate *current = g_hash_table_lookup (data->in_force, entry->id);
      g_autoptr(GUri) url = NULL;
      g_autoptr(GUri) signature_url = NULL;
      Download *d;

      if (current != NULL)
        {
          int cmp = cr_rules_version_compare (entry->version, current->version);

          if (cmp < 0)
            {
              g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_DOWNGRADE,
                           _("%s: rule set “%s” version %s is older than version %s in force "
                             "(%s); a downgrade is refused"),
                           base_url, entry->id, entry->version, current->version,
                           cr_rules_origin_to_string (current->origin));
              return FALSE;
            }
          if (cmp == 0 && g_strcmp0 (entry->sha256, current->sha256) == 0)
            continue;
          if (cmp == 0)
            {
              g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_DOWNGRADE,
                           _("%s: rule set “%s” version %s differs from the version %s in force "
                             "(%s) but has the same number; a publisher must raise the version"),
                           base_url, entry->id, entry->version, current->version,
                           cr_rules_origin_to_string (current->origin));
              return FALSE;
            }
        }

      url = g_uri_parse_relative (base, entry->url, SOUP_HTTP_URI_FLAGS, &local_error);
      if (url != NULL)
        signature_url = g_uri_parse_relative (base, entry->signature_url, SOUP_HTTP_URI_FLAGS,
                                              &local_error);
      if (url == NULL || signature_url == NULL)
        {
          g_set_error (error, CR_RULES_CLIENT_ERROR, CR_RULES_CLIENT_ERROR_INVALID_DOCUMENT,
                       _("%s: the address of rule set “%s” is not valid: %s"),
                       base_url, entry->id, local_error->message);
          return FALSE;
        }

      d = g_new0 (Download, 1);
      d->entry = cr_rules_index_entry_copy (entry);
      d->url = g_uri_to_string (url);
      d->signature_url = g_uri_to_string (signature_url);
      g_ptr_array_add (data->downloads, d);
    }

  return TRUE;
}

static void
plan_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (!plan_downloads (task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
plan_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fetch_fail (task, error);
      return;
    }
  fetch_next_download (task);
}


/* B: the index and its signature. */
static void
index_signature_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  GTask *task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(Document) doc = NULL;
  GError *error = NULL;

  doc = fetch_document_finish (CR_RULES_CLIENT (source), result, &error);
  if (doc == NULL)
    {
      fetch_fail (task, error);
      return;
    }

  data->index_sig = g_steal_pointer (&doc->data);
  run_in_thread_then (task, plan_thread, plan_thread, plan_cb);
}

static void
index_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GTask *task = user_data;
  CrRulesClient *self = CR_RULES_CLIENT (source);
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *sig_url = NULL;
  GError *error = NULL;

  data->index_doc = fetch_document_finish (self, result, &error);
  if (data->index_doc == NULL)
    {
      fetch_fail (task, error);
      return;
    }

  if (data->index_doc->not_modified)
    {
      /* Unchanged since the last good check: re-check against the cached
       * copy, which also picks up keys or installed sets that changed. */
      data->result->index_not_modified = TRUE;
      data->index_data = g_bytes_ref (data->cached_index);
      data->index_sig = g_bytes_ref (data->cached_index_sig);
      run_in_thread_then (task, plan_thread, plan_thread, plan_cb);
      return;
    }

  data->index_data = g_steal_pointer (&data->index_doc->data);
  sig_url = g_strconcat (data->index_doc->url, ".minisig", NULL);
  fetch_document_async (self, sig_url, DOC_SIGNATURE, NULL, NULL,
                        g_task_get_cancellable (task), index_signature_cb, task);
}

/* A: what is in force now. */
static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FetchData *data = task_data;

  data->meta = cr_rules_cache_load_meta (data->cache_dir);
  data->candidates = collect_candidates (data->cache_dir, data->installed_dir, data->meta,
                                         data->fetched, &data->in_force);
  if (!cr_rules_cache_read_index (data->cache_dir, &data->cached_index, &data->cached_index_sig))
    {
      data->cached_index = NULL;
      data->cached_index_sig = NULL;
    }
  g_task_return_boolean (task, TRUE);
}

static void
prepare_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  CrRulesClient *self = g_task_get_source_object (task);
  FetchData *data = g_task_get_task_data (task);
  const char *etag = NULL;
  const char *last_modified = NULL;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fetch_fail (task, error);
      return;
    }

  /* Conditional only when the validators are for this very URL and the
   * copy they validate is still there. */
  if (data->cached_index != NULL && g_strcmp0 (data->meta->source_url, data->index_url) == 0)
    {
      etag = data->meta->etag;
      last_modified = data->meta->last_modified;
    }

  fetch_document_async (self, data->index_url, DOC_JSON, etag, last_modified,
                        g_task_get_cancellable (task), index_cb, task);
}

static void
fetch_completed_cb (GTask      *task,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  CrRulesClient *self = g_task_get_source_object (task);

  self->fetching = FALSE;
}

/**
 * cr_rules_client_fetch_async:
 * @index_url: the index to fetch, such as the rules-url setting
 *
 * Checks @index_url for new rule sets and puts those that pass every check
 * in the cache. Emits #CrRulesClient::updated when something changed. One
 * fetch at a time: until the callback of one has returned, another fails
 * with G_IO_ERROR_PENDING.
 */
void
cr_rules_client_fetch_async (CrRulesClient       *self,
                             const char          *index_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  FetchData *data;
  GError *error = NULL;

  g_return_if_fail (CR_IS_RULES_CLIENT (self));
  g_return_if_fail (index_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_rules_client_fetch_async);

  if (self->fetching)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A check for new rule sets is already running"));
      g_object_unref (task);
      return;
    }
  self->fetching = TRUE;
  g_signal_connect (task, "notify::completed", G_CALLBACK (fetch_completed_cb), NULL);

  data = g_new0 (FetchData, 1);
  data->index_url = g_strdup (index_url);
  data->cache_dir = g_strdup (self->cache_dir);
  data->installed_dir = g_strdup (self->installed_dir);
  data->keys = copy_keys (self->trusted_keys);
  data->fetched = snapshot_fetched (self);
  data->now = g_get_real_time () / G_USEC_PER_SEC;
  data->result = fetch_result_new (index_url);
  data->result->checked = data->now;
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  /* Refused before anything is read or any connection made. */
  if (!cr_rules_client_check_url (self, index_url, &error))
    {
      fetch_fail (task, error);
      return;
    }

  run_in_thread_then (task, prepare_thread, prepare_thread, prepare_cb);
}

/**
 * cr_rules_client_fetch_finish:
 *
 * Returns: (transfer full): what changed, or NULL with @error saying which
 *   file failed and why; the sets in force are then unchanged.
 */
CrRulesFetchResult *
cr_rules_client_fetch_finish (CrRulesClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- start-up --------------------------------------------------------------- */

gboolean
cr_rules_client_should_check_on_startup (gboolean         check_on_startup,
                                         GNetworkMonitor *monitor)
{
  if (!check_on_startup)
    return FALSE;

  if (monitor == NULL)
    monitor = g_network_monitor_get_default ();

  return g_network_monitor_get_network_available (monitor)
         && !g_network_monitor_get_network_metered (monitor);
}
