/* cr-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "cr-test-server.h"

struct _CrTestServer
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  SoupServer   *server;
  GUri         *base_uri;

  GMutex        lock;
  GCond         cond;
  gboolean      ready;
  GHashTable   *hits;        /* path → GUINT_TO_POINTER (count) */
};

typedef struct
{
  CrTestServer        *server;
  CrTestServerHandler  handler;
  gpointer             user_data;
} HandlerData;

typedef struct
{
  char   *content_type;
  GBytes *body;
} StaticData;

typedef struct
{
  CrTestServer        *server;
  char                *path;
  CrTestServerHandler  handler;
  gpointer             user_data;
  StaticData          *static_data;
} AddData;

static void
count_hit (CrTestServer *self,
           const char   *path)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_hash_table_insert (self->hits, g_strdup (path), GUINT_TO_POINTER (count + 1));
  g_mutex_unlock (&self->lock);
}

static void
handler_cb (SoupServer        *soup_server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  HandlerData *data = user_data;

  count_hit (data->server, path);
  data->handler (data->server, msg, path, data->user_data);
}

static void
static_handler (CrTestServer      *server,
                SoupServerMessage *msg,
                const char        *path,
                gpointer           user_data)
{
  StaticData *data = user_data;
  gsize length;
  const char *body = g_bytes_get_data (data->body, &length);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, data->content_type, SOUP_MEMORY_COPY, body, length);
}

static void
static_data_free (gpointer data)
{
  StaticData *sd = data;

  g_free (sd->content_type);
  g_bytes_unref (sd->body);
  g_free (sd);
}

static gpointer
server_thread (gpointer user_data)
{
  CrTestServer *self = user_data;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "cr-test-server ", NULL);
  if (!soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("cr-test-server: cannot listen on loopback: %s", error->message);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base_uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_mutex_lock (&self->lock);
  self->ready = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  /* Let the disconnections finish before the context goes away. */
  while (g_main_context_iteration (self->context, FALSE))
    ;

  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/**
 * cr_test_server_new:
 *
 * Starts a server on 127.0.0.1 on a free port, in a thread of its own.
 */
CrTestServer *
cr_test_server_new (void)
{
  CrTestServer *self = g_new0 (CrTestServer, 1);

  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->thread = g_thread_new ("cr-test-server", server_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->ready)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);

  return self;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
cr_test_server_free (CrTestServer *self)
{
  if (self == NULL)
    return;

  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (self->thread);

  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_uri_unref (self->base_uri);
  g_hash_table_unref (self->hits);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}

static gboolean
add_in_thread_cb (gpointer user_data)
{
  AddData *add = user_data;
  HandlerData *data = g_new0 (HandlerData, 1);
  GDestroyNotify destroy = g_free;

  data->server = add->server;
  data->handler = add->handler;
  data->user_data = add->user_data;

  soup_server_add_handler (add->server->server, add->path, handler_cb, data, destroy);

  if (add->static_data != NULL)
    g_object_set_data_full (G_OBJECT (add->server->server), add->path,
                            add->static_data, static_data_free);

  g_mutex_lock (&add->server->lock);
  g_free (add->path);
  add->path = NULL;
  g_cond_broadcast (&add->server->cond);
  g_mutex_unlock (&add->server->lock);

  return G_SOURCE_REMOVE;
}

static void
add_handler_full (CrTestServer        *self,
                  const char          *path,
                  CrTestServerHandler  handler,
                  gpointer             user_data,
                  StaticData          *static_data)
{
  AddData add = { self, g_strdup (path), handler, user_data, static_data };

  /* SoupServer is not thread-safe: register from the server's own thread. */
  g_main_context_invoke (self->context, add_in_thread_cb, &add);

  g_mutex_lock (&self->lock);
  while (add.path != NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

/**
 * cr_test_server_add_handler:
 * @path: the path prefix to answer, such as "/index.json"
 *
 * Registers @handler, called in the server thread.
 */
void
cr_test_server_add_handler (CrTestServer        *self,
                            const char          *path,
                            CrTestServerHandler  handler,
                            gpointer             user_data)
{
  add_handler_full (self, path, handler, user_data, NULL);
}

/**
 * cr_test_server_add_static:
 * @length: length of @body, or -1 if it is nul-terminated
 *
 * Serves @body with status 200 at @path.
 */
void
cr_test_server_add_static (CrTestServer *self,
                           const char   *path,
                           const char   *content_type,
                           const char   *body,
                           gssize        length)
{
  StaticData *data = g_new0 (StaticData, 1);

  data->content_type = g_strdup (content_type);
  data->body = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);
  add_handler_full (self, path, static_handler, data, data);
}

/**
 * cr_test_server_get_url:
 *
 * Returns: (transfer full): the absolute URL of @path on this server.
 */
char *
cr_test_server_get_url (CrTestServer *self,
                        const char   *path)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (self->base_uri, path, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return g_uri_to_string (uri);
}

/**
 * cr_test_server_get_hit_count:
 *
 * Returns: how many requests reached the handler registered for @path.
 */
guint
cr_test_server_get_hit_count (CrTestServer *self,
                              const char   *path)
{
  guint count;

  g_mutex_lock (&self->lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
  g_mutex_unlock (&self->lock);

  return count;
}

GMainContext *
cr_test_server_get_context (CrTestServer *self)
{
  return self->context;
}
