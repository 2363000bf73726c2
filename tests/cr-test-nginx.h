/* cr-test-nginx.h: a real nginx on a loopback port, for integration tests
 * and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Serves a folder as static files with a generated minimal configuration:
 * pid, logs and temporary paths in a folder of its own, `daemon off;`, a
 * free port on 127.0.0.1, run as a child process (with `user root;` only
 * when running as root, so that the workers can read the folder).
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CrTestNginx CrTestNginx;

/* The nginx binary, or NULL if it is not installed. */
char        *cr_test_nginx_find               (void);
gboolean     cr_test_nginx_is_available       (void);
CrTestNginx *cr_test_nginx_start              (const char   *root,
                                               GError      **error);
guint16      cr_test_nginx_get_port           (CrTestNginx  *nginx);
char        *cr_test_nginx_get_url            (CrTestNginx  *nginx,
                                               const char   *path);
/* The ETag nginx gives @path now (asked with a HEAD request). */
char        *cr_test_nginx_get_etag           (CrTestNginx  *nginx,
                                               const char   *path);
/* One line per request: "METHOD URI STATUS inm=IF-NONE-MATCH ims=IF-MODIFIED-SINCE". */
char        *cr_test_nginx_read_access_log    (CrTestNginx  *nginx);
/* Stops nginx, waits for it and removes its folder. */
void         cr_test_nginx_stop               (CrTestNginx  *nginx);

G_END_DECLS
