/* test-test-server.c: the loopback HTTP fixture answers as HTTP tests expect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "cr-test-server.h"

static GBytes *
fetch (SoupSession  *session,
       const char   *url,
       const char   *if_none_match,
       guint        *status,
       char        **etag)
{
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  GBytes *body;

  if (if_none_match != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg),
                                 "If-None-Match", if_none_match);

  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);

  *status = soup_message_get_status (msg);
  if (etag != NULL)
    *etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "ETag"));
  return body;
}

static void
test_static_and_missing (void)
{
  g_autoptr(CrTestServer) server = cr_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) none = NULL;
  guint status = 0;

  cr_test_server_add_static (server, "/index.json", "application/json", "{\"ok\": true}", -1);

  url = cr_test_server_get_url (server, "/index.json");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));

  body = fetch (session, url, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "{\"ok\": true}", 12);
  g_assert_cmpuint (cr_test_server_get_hit_count (server, "/index.json"), ==, 1);

  missing = cr_test_server_get_url (server, "/nothing-here");
  none = fetch (session, missing, NULL, &status, NULL);
  g_assert_cmpuint (status, ==, 404);
  g_assert_cmpuint (cr_test_server_get_hit_count (server, "/index.json"), ==, 1);
}

static void
etag_handler (CrTestServer      *server,
              SoupServerMessage *msg,
              const char        *path,
              gpointer           user_data)
{
  const char *inm = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                  "If-None-Match");
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "ETag", "\"v1\"");
  if (g_strcmp0 (inm, "\"v1\"") == 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[]", 2);
}

static void
test_conditional (void)
{
  g_autoptr(CrTestServer) server = cr_test_server_new ();
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  guint status = 0;

  cr_test_server_add_handler (server, "/rules.json", etag_handler, NULL);
  url = cr_test_server_get_url (server, "/rules.json");

  first = fetch (session, url, NULL, &status, &etag);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (etag, ==, "\"v1\"");

  second = fetch (session, url, etag, &status, NULL);
  g_assert_cmpuint (status, ==, 304);
  g_assert_cmpuint (g_bytes_get_size (second), ==, 0);
  g_assert_cmpuint (cr_test_server_get_hit_count (server, "/rules.json"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/test-server/static-and-missing", test_static_and_missing);
  g_test_add_func ("/test-server/conditional", test_conditional);

  return g_test_run ();
}
