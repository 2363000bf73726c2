/* cr-submit-page.h: the Submit page of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-checked-page.h"

G_BEGIN_DECLS

/* The Credit China portal. The reference material names no stable address
 * of the repair form itself (it is reached from the company's page), so
 * the page opens the portal and says where to click. */
#define CR_CREDIT_CHINA_URL "https://www.creditchina.gov.cn/"

#define CR_TYPE_SUBMIT_PAGE (cr_submit_page_get_type ())

G_DECLARE_FINAL_TYPE (CrSubmitPage, cr_submit_page, CR, SUBMIT_PAGE, CrCheckedPage)

CrSubmitPage *cr_submit_page_new          (void);
GFile        *cr_submit_page_get_location (CrSubmitPage *self);
void          cr_submit_page_set_location (CrSubmitPage *self,
                                           GFile        *location);

G_END_DECLS
