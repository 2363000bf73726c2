/* cr-timeline.h: the life of one published record, drawn to scale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CR_TYPE_TIMELINE (cr_timeline_get_type ())

G_DECLARE_FINAL_TYPE (CrTimeline, cr_timeline, CR, TIMELINE, GtkWidget)

GtkWidget  *cr_timeline_new             (void);
void        cr_timeline_set_dates       (CrTimeline  *self,
                                         const GDate *decision,
                                         const GDate *earliest_application,
                                         const GDate *display_end,
                                         const GDate *marker,
                                         gboolean     marker_is_today);
const char *cr_timeline_get_description (CrTimeline  *self);

G_END_DECLS
