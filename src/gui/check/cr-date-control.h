/* cr-date-control.h: picks the application date a case is checked for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "cr-check-controller.h"

G_BEGIN_DECLS

#define CR_TYPE_DATE_CONTROL (cr_date_control_get_type ())

G_DECLARE_FINAL_TYPE (CrDateControl, cr_date_control, CR, DATE_CONTROL, GtkWidget)

GtkWidget         *cr_date_control_new            (void);
CrCheckController *cr_date_control_get_controller (CrDateControl     *self);
void               cr_date_control_set_controller (CrDateControl     *self,
                                                   CrCheckController *controller);
const char        *cr_date_control_get_label      (CrDateControl     *self);

G_END_DECLS
