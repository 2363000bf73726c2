/* cr-test-nginx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "cr-test-nginx.h"
#include "cr-test-util.h"

struct _CrTestNginx
{
  GSubprocess *process;
  char        *dir;
  guint16      port;
};

char *
cr_test_nginx_find (void)
{
  char *path = g_find_program_in_path ("nginx");

  /* /usr/sbin is not on every user's PATH. */
  if (path == NULL && g_file_test ("/usr/sbin/nginx", G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup ("/usr/sbin/nginx");
  return path;
}

gboolean
cr_test_nginx_is_available (void)
{
  g_autofree char *path = cr_test_nginx_find ();

  return path != NULL;
}

static guint16
find_free_port (GError **error)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* The module directives this nginx knows: Debian's lighter builds leave
 * some modules out, and an unknown directive stops nginx. */
static char *
temp_paths (const char *nginx,
            const char *dir)
{
  const char *modules[] = { "proxy", "fastcgi", "uwsgi", "scgi" };
  g_autofree char *version = NULL;
  g_autofree char *err = NULL;
  GString *text = g_string_new (NULL);

  {
    const char *argv[] = { nginx, "-V", NULL };

    /* nginx -V prints its configure arguments on stderr. */
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &version, &err, NULL,
                  NULL);
  }

  g_string_append_printf (text, "  client_body_temp_path %s/tmp/body;\n", dir);
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      g_autofree char *without = g_strdup_printf ("--without-http_%s_module", modules[i]);

      if (err == NULL || strstr (err, without) == NULL)
        g_string_append_printf (text, "  %s_temp_path %s/tmp/%s;\n", modules[i], dir, modules[i]);
    }
  return g_string_free (text, FALSE);
}

/* In the child, before exec: if the test dies (a failed assertion aborts
 * it), nginx gets SIGTERM instead of running on. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
port_open (guint16 port)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
  return connection != NULL;
}

CrTestNginx *
cr_test_nginx_start (const char  *root,
                     GError     **error)
{
  g_autofree char *nginx = cr_test_nginx_find ();
  g_autofree char *conf = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *error_log = NULL;
  g_autofree char *temps = NULL;
  g_autofree char *tmp_dir = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  CrTestNginx *self;
  gint64 deadline;

  if (nginx == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "nginx is not installed");
      return NULL;
    }

  self = g_new0 (CrTestNginx, 1);
  self->dir = g_dir_make_tmp ("cr-test-nginx-XXXXXX", error);
  if (self->dir == NULL)
    goto fail;
  self->port = find_free_port (error);
  if (self->port == 0)
    goto fail;

  tmp_dir = g_build_filename (self->dir, "tmp", NULL);
  g_mkdir_with_parents (tmp_dir, 0700);
  temps = temp_paths (nginx, self->dir);
  error_log = g_build_filename (self->dir, "error.log", NULL);
  conf_path = g_build_filename (self->dir, "nginx.conf", NULL);
  conf = g_strdup_printf ("%s"
                          "worker_processes 1;\n"
                          "daemon off;\n"
                          "pid %s/nginx.pid;\n"
                          "error_log %s warn;\n"
                          "events { worker_connections 64; }\n"
                          "http {\n"
                          "  types { application/json json; }\n"
                          "  default_type application/octet-stream;\n"
                          "  log_format cr escape=none '$request_method $uri $status inm=$http_if_none_match ims=$http_if_modified_since';\n"
                          "  access_log %s/access.log cr;\n"
                          "%s"
                          "  server {\n"
                          "    listen 127.0.0.1:%u;\n"
                          "    root %s;\n"
                          "  }\n"
                          "}\n",
                          getuid () == 0 ? "user root;\n" : "",
                          self->dir, error_log, self->dir, temps, self->port, root);
  if (!g_file_set_contents (conf_path, conf, -1, error))
    goto fail;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawn (launcher, error, nginx, "-p", self->dir,
                                               "-c", conf_path, "-e", error_log, NULL);
  if (self->process == NULL)
    goto fail;

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!port_open (self->port))
    {
      if (g_subprocess_get_identifier (self->process) == NULL
          || g_get_monotonic_time () > deadline)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (error_log, &log, NULL, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "nginx did not start: %s",
                       log != NULL ? log : "(no error log)");
          goto fail;
        }
      g_usleep (20 * 1000);
    }

  return self;

fail:
  cr_test_nginx_stop (self);
  return NULL;
}

guint16
cr_test_nginx_get_port (CrTestNginx *self)
{
  return self->port;
}

char *
cr_test_nginx_get_url (CrTestNginx *self,
                       const char  *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

char *
cr_test_nginx_get_etag (CrTestNginx *self,
                        const char  *path)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *url = cr_test_nginx_get_url (self, path);
  g_autoptr(SoupMessage) msg = soup_message_new ("HEAD", url);
  g_autoptr(GBytes) body = soup_session_send_and_read (session, msg, NULL, NULL);

  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"));
}

char *
cr_test_nginx_read_access_log (CrTestNginx *self)
{
  g_autofree char *path = g_build_filename (self->dir, "access.log", NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return g_strdup ("");
  return contents;
}


void
cr_test_nginx_stop (CrTestNginx *self)
{
  if (self == NULL)
    return;

  if (self->process != NULL)
    {
      /* A fast shutdown; the workers go with the master. */
      g_subprocess_send_signal (self->process, SIGTERM);
      g_subprocess_wait (self->process, NULL, NULL);
      g_clear_object (&self->process);
    }
  if (self->dir != NULL)
    cr_test_remove_tree (self->dir);
  g_free (self->dir);
  g_free (self);
}
