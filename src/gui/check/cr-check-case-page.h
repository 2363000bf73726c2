/* cr-check-case-page.h: the case of a page that hands it to its controller
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-case-page.h"

G_BEGIN_DECLS

void cr_check_case_page_set_case (CrCasePage *page,
                                  CrCase     *kase);

G_END_DECLS
