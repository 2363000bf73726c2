/* cr-core.h: the core library of Credit Repair (no GTK here)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *cr_core_get_version (void);
void        cr_core_init_i18n   (void);

G_END_DECLS
