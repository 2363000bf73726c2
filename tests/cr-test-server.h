/* cr-test-server.h: a loopback HTTP server for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server runs in its own thread with its own GMainContext, so a test can
 * drive async client code on the default context (or block in a worker)
 * while the server answers. It listens on 127.0.0.1 on a free port; tests
 * never reach the internet.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct _CrTestServer CrTestServer;

/* Called in the server thread for each request whose path was registered.
 * Use soup_server_message_* to answer; to answer later (a stalling server),
 * call soup_server_message_pause() and keep the message. */
typedef void (*CrTestServerHandler) (CrTestServer      *server,
                                     SoupServerMessage *msg,
                                     const char        *path,
                                     gpointer           user_data);

CrTestServer *cr_test_server_new            (void);
void          cr_test_server_free           (CrTestServer        *server);
void          cr_test_server_add_handler    (CrTestServer        *server,
                                             const char          *path,
                                             CrTestServerHandler  handler,
                                             gpointer             user_data);
void          cr_test_server_add_static     (CrTestServer        *server,
                                             const char          *path,
                                             const char          *content_type,
                                             const char          *body,
                                             gssize               length);
char         *cr_test_server_get_url        (CrTestServer        *server,
                                             const char          *path);
guint         cr_test_server_get_hit_count  (CrTestServer        *server,
                                             const char          *path);
GMainContext *cr_test_server_get_context    (CrTestServer        *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrTestServer, cr_test_server_free)

G_END_DECLS
