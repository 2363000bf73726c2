/* cr-company-page.h: the company and applicant of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"

G_BEGIN_DECLS

#define CR_TYPE_COMPANY_PAGE (cr_company_page_get_type ())

G_DECLARE_FINAL_TYPE (CrCompanyPage, cr_company_page, CR, COMPANY_PAGE, AdwPreferencesPage)

CrCase   *cr_company_page_get_case      (CrCompanyPage *self);
void      cr_company_page_set_case      (CrCompanyPage *self,
                                         CrCase        *kase);
gboolean  cr_company_page_focus_pointer (CrCompanyPage *self,
                                         const char    *pointer);

G_END_DECLS
