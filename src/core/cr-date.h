/* cr-date.h: calendar dates as the interchange format writes them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CR_DATE_ERROR (cr_date_error_quark ())

typedef enum
{
  CR_DATE_ERROR_INVALID,
} CrDateError;

GQuark   cr_date_error_quark     (void);
gboolean cr_date_parse           (const char  *text,
                                  GDate       *date,
                                  GError     **error);
char    *cr_date_format          (const GDate *date);
void     cr_date_add_months      (GDate       *date,
                                  guint        months);
void     cr_date_set_today       (GDate       *date);

G_END_DECLS
