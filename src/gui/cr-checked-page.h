/* cr-checked-page.h: a case page that shows a case with its check result
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"
#include "cr-check-controller.h"
#include "cr-checker.h"

G_BEGIN_DECLS

#define CR_TYPE_CHECKED_PAGE (cr_checked_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrCheckedPage, cr_checked_page, CR, CHECKED_PAGE, GtkWidget)

struct _CrCheckedPageClass
{
  GtkWidgetClass parent_class;

  /* The page was given another case (or none). */
  void     (*case_changed)   (CrCheckedPage *self);
  /* The case shown emitted "changed". */
  void     (*case_edited)    (CrCheckedPage *self);
  /* The page was given another check result (or none). */
  void     (*result_changed) (CrCheckedPage *self);
  /* CrCasePage::focus_pointer; unset: no field of the case is on the page. */
  gboolean (*focus_pointer)  (CrCheckedPage *self,
                              const char    *pointer);
};

CrCase            *cr_checked_page_get_case         (CrCheckedPage     *self);
void               cr_checked_page_set_case         (CrCheckedPage     *self,
                                                     CrCase            *case_);
CrCheckResult     *cr_checked_page_get_check_result (CrCheckedPage     *self);
void               cr_checked_page_set_check_result (CrCheckedPage     *self,
                                                     CrCheckResult     *result);
CrCheckController *cr_checked_page_get_controller   (CrCheckedPage     *self);
void               cr_checked_page_set_controller   (CrCheckedPage     *self,
                                                     CrCheckController *controller);

/* For subclasses: the case and the result shown, without a cast. */
#define cr_checked_page_case(page)   (cr_checked_page_get_case (CR_CHECKED_PAGE (page)))
#define cr_checked_page_result(page) (cr_checked_page_get_check_result (CR_CHECKED_PAGE (page)))

G_END_DECLS
