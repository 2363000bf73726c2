/* cr-case-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-case-page.h"

G_DEFINE_INTERFACE (CrCasePage, cr_case_page, GTK_TYPE_WIDGET)

static void
cr_case_page_default_init (CrCasePageInterface *iface)
{
}

void
cr_case_page_set_case (CrCasePage *self,
                       CrCase     *kase)
{
  CrCasePageInterface *iface;

  g_return_if_fail (CR_IS_CASE_PAGE (self));
  g_return_if_fail (kase == NULL || CR_IS_CASE (kase));

  iface = CR_CASE_PAGE_GET_IFACE (self);
  if (iface->set_case != NULL)
    iface->set_case (self, kase);
}

/**
 * cr_case_page_focus_pointer:
 * @pointer: a JSON pointer into the case, such as "/company/uscc"
 *
 * Returns: whether the page has the field (and focused it).
 */
gboolean
cr_case_page_focus_pointer (CrCasePage *self,
                            const char *pointer)
{
  CrCasePageInterface *iface;

  g_return_val_if_fail (CR_IS_CASE_PAGE (self), FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  iface = CR_CASE_PAGE_GET_IFACE (self);
  if (iface->focus_pointer == NULL)
    return FALSE;

  return iface->focus_pointer (self, pointer);
}

/* Scrolls once the widget has its place (the page may have just been shown). */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  GtkAdjustment *adjustment;
  graphene_rect_t bounds;
  double value, page;

  if (scrolled == NULL)
    return G_SOURCE_REMOVE;

  content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  if (content == NULL || !gtk_widget_compute_bounds (widget, content, &bounds))
    return G_SOURCE_REMOVE;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);

  /* In view already: leave it. Otherwise bring it in with some room above. */
  if (bounds.origin.y < value || bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, MAX (0, bounds.origin.y - 48));

  return G_SOURCE_REMOVE;
}

void
cr_case_page_focus_widget (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_grab_focus (widget);
  gtk_widget_add_tick_callback (widget, scroll_tick_cb, NULL, NULL);
}
