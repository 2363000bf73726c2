/* cr-check-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview and Report pages show the verdict of a CrCheckController
 * (in the case view, one shared by both) and own no field of the case:
 * the case the view gives them goes to that controller.
 */

#include "config.h"

#include "cr-check-case-page.h"
#include "cr-check-controller.h"

/**
 * cr_check_case_page_set_case:
 * @page: a case page with a "controller" property
 * @kase: (nullable): the case to check
 *
 * CrCasePageInterface.set_case of such a page: gives @kase to the page's
 * controller, made first when the page has none.
 */
void
cr_check_case_page_set_case (CrCasePage *page,
                             CrCase     *kase)
{
  g_autoptr(CrCheckController) controller = NULL;

  g_object_get (page, "controller", &controller, NULL);
  if (controller == NULL)
    {
      controller = cr_check_controller_new ();
      g_object_set (page, "controller", controller, NULL);
    }
  cr_check_controller_set_case (controller, kase);
}
