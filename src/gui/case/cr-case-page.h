/* cr-case-page.h: the interface of the pages of the case view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of CrCaseView (company, records, overview, report …) implements
 * CrCasePage: the view hands every page the case it shows, and asks each
 * page in turn to show the field a JSON pointer names. Adding a page is then
 * one <child> in cr-case-view.ui:
 *
 *   <child>
 *     <object class="AdwViewStackPage">
 *       <property name="name">report</property>
 *       <property name="title" translatable="yes">_Report</property>
 *       <property name="use-underline">True</property>
 *       <property name="icon-name">…</property>
 *       <property name="child">
 *         <object class="CrReportPage"/>
 *       </property>
 *     </object>
 *   </child>
 *
 * plus g_type_ensure (CR_TYPE_REPORT_PAGE) in cr_case_view_class_init().
 */

#pragma once

#include <adwaita.h>

#include "cr-case.h"

G_BEGIN_DECLS

#define CR_TYPE_CASE_PAGE (cr_case_page_get_type ())

G_DECLARE_INTERFACE (CrCasePage, cr_case_page, CR, CASE_PAGE, GtkWidget)

struct _CrCasePageInterface
{
  GTypeInterface parent_iface;

  /* Shows @kase (NULL: none). */
  void     (*set_case)      (CrCasePage *self,
                             CrCase     *kase);
  /* Shows and focuses the widget of the field @pointer names; FALSE when
   * the field is not on this page. */
  gboolean (*focus_pointer) (CrCasePage *self,
                             const char *pointer);
};

void     cr_case_page_set_case      (CrCasePage *self,
                                     CrCase     *kase);
gboolean cr_case_page_focus_pointer (CrCasePage *self,
                                     const char *pointer);

/* For focus_pointer implementations: focuses @widget and scrolls its
 * scrolled window to it (GTK 4.8 does not follow the focus by itself). */
void     cr_case_page_focus_widget  (GtkWidget  *widget);

G_END_DECLS
