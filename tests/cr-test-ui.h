/* cr-test-ui.h: helpers shared by the UI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the default main context until @cond holds or @seconds pass. */
#define CR_TEST_WAIT_FOR(cond, seconds)                                     \
  G_STMT_START {                                                            \
    gint64 _end = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC;     \
    while (!(cond) && g_get_monotonic_time () < _end)                       \
      g_main_context_iteration (NULL, FALSE);                               \
  } G_STMT_END

gboolean   cr_test_ui_has_display       (void);
void       cr_test_ui_flush_events      (void);
GtkWindow *cr_test_ui_find_toplevel     (GType       type);
void       cr_test_ui_close_toplevels   (void);
void       cr_test_ui_save_screenshot   (GtkWidget  *widget,
                                         const char *name);

G_END_DECLS
