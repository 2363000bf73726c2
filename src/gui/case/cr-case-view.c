/* cr-case-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are the AdwViewStack's children that implement CrCasePage (see
 * cr-case-page.h): each gets the case, and each is asked in turn for the
 * field a JSON pointer names.
 */

#include "config.h"

#include "cr-case-page.h"
#include "cr-case-view.h"
#include "cr-company-page.h"
#include "cr-overview-page.h"
#include "cr-records-page.h"
#include "cr-report-page.h"
#include "materials/cr-materials-page.h"
#include "submit/cr-submit-page.h"

struct _CrCaseView
{
  AdwBin              parent_instance;

  CrCase             *kase;

  /* Template widgets */
  AdwViewStack       *stack;
  AdwViewSwitcherBar *switcher_bar;
  CrCompanyPage      *company_page;
  CrRecordsPage      *records_page;
};

G_DEFINE_FINAL_TYPE (CrCaseView, cr_case_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CASE,
  PROP_REVEAL_SWITCHER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The children of the stack that are case pages, in order. */
static GPtrArray *
get_pages (CrCaseView *self)
{
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (self->stack);
  GPtrArray *result = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      if (CR_IS_CASE_PAGE (child))
        g_ptr_array_add (result, child);
    }

  return result;
}

static void
cr_case_view_dispose (GObject *object)
{
  CrCaseView *self = CR_CASE_VIEW (object);

  if (self->stack != NULL)
    cr_case_view_set_case (self, NULL);
  /* The switchers watch the stack's pages: let go of them first. */
  if (self->switcher_bar != NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_CASE_VIEW);
  g_clear_object (&self->kase);

  G_OBJECT_CLASS (cr_case_view_parent_class)->dispose (object);
}

static void
cr_case_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrCaseView *self = CR_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    case PROP_REVEAL_SWITCHER:
      g_value_set_boolean (value, adw_view_switcher_bar_get_reveal (self->switcher_bar));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrCaseView *self = CR_CASE_VIEW (object);

  switch (prop_id)
    {
    case PROP_CASE:
      cr_case_view_set_case (self, g_value_get_object (value));
      break;
    case PROP_REVEAL_SWITCHER:
      if (adw_view_switcher_bar_get_reveal (self->switcher_bar) != g_value_get_boolean (value))
        {
          adw_view_switcher_bar_set_reveal (self->switcher_bar, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_view_class_init (CrCaseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_case_view_dispose;
  object_class->get_property = cr_case_view_get_property;
  object_class->set_property = cr_case_view_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, CR_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The page switcher at the bottom, for narrow windows (bind it to the
   * AdwViewSwitcherTitle's title-visible). */
  properties[PROP_REVEAL_SWITCHER] =
    g_param_spec_boolean ("reveal-switcher", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_CHECK_CONTROLLER);
  g_type_ensure (CR_TYPE_COMPANY_PAGE);
  g_type_ensure (CR_TYPE_MATERIALS_PAGE);
  g_type_ensure (CR_TYPE_OVERVIEW_PAGE);
  g_type_ensure (CR_TYPE_RECORDS_PAGE);
  g_type_ensure (CR_TYPE_REPORT_PAGE);
  g_type_ensure (CR_TYPE_SUBMIT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/case/cr-case-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrCaseView, stack);
  gtk_widget_class_bind_template_child (widget_class, CrCaseView, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, CrCaseView, company_page);
  gtk_widget_class_bind_template_child (widget_class, CrCaseView, records_page);
}

static void
cr_case_view_init (CrCaseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cr_case_view_new (void)
{
  return g_object_new (CR_TYPE_CASE_VIEW, NULL);
}

/**
 * cr_case_view_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown.
 */
CrCase *
cr_case_view_get_case (CrCaseView *self)
{
  g_return_val_if_fail (CR_IS_CASE_VIEW (self), NULL);

  return self->kase;
}

/* Shows @kase on every page (NULL: none). */
void
cr_case_view_set_case (CrCaseView *self,
                       CrCase     *kase)
{
  g_autoptr(GPtrArray) pages = NULL;

  g_return_if_fail (CR_IS_CASE_VIEW (self));
  g_return_if_fail (kase == NULL || CR_IS_CASE (kase));

  if (self->kase == kase)
    return;

  g_set_object (&self->kase, kase);

  pages = get_pages (self);
  for (guint i = 0; i < pages->len; i++)
    cr_case_page_set_case (g_ptr_array_index (pages, i), kase);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/**
 * cr_case_view_focus_pointer:
 * @json_pointer: a field of the case, such as "/company/uscc" or
 *   "/records/2/decision_date"
 *
 * Switches to the page that has the field and focuses it (a record's field
 * with that record selected).
 *
 * Returns: whether a page has the field.
 */
gboolean
cr_case_view_focus_pointer (CrCaseView *self,
                            const char *json_pointer)
{
  g_autoptr(GPtrArray) pages = NULL;
  GtkWidget *previous;

  g_return_val_if_fail (CR_IS_CASE_VIEW (self), FALSE);
  g_return_val_if_fail (json_pointer != NULL, FALSE);

  if (self->kase == NULL)
    return FALSE;

  previous = adw_view_stack_get_visible_child (self->stack);
  pages = get_pages (self);
  for (guint i = 0; i < pages->len; i++)
    {
      GtkWidget *page = g_ptr_array_index (pages, i);

      /* Shown first: only a visible widget can take the focus. */
      adw_view_stack_set_visible_child (self->stack, page);
      if (cr_case_page_focus_pointer (CR_CASE_PAGE (page), json_pointer))
        return TRUE;
    }

  if (previous != NULL)
    adw_view_stack_set_visible_child (self->stack, previous);
  return FALSE;
}

/**
 * cr_case_view_get_stack:
 *
 * Returns: (transfer none): the stack of pages, for an AdwViewSwitcherTitle.
 */
AdwViewStack *
cr_case_view_get_stack (CrCaseView *self)
{
  g_return_val_if_fail (CR_IS_CASE_VIEW (self), NULL);

  return self->stack;
}

/**
 * cr_case_view_get_page:
 * @name: the page's name ("company", "records" …)
 *
 * Returns: (transfer none) (nullable): the page.
 */
GtkWidget *
cr_case_view_get_page (CrCaseView *self,
                       const char *name)
{
  g_return_val_if_fail (CR_IS_CASE_VIEW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return adw_view_stack_get_child_by_name (self->stack, name);
}

static void
show_records (CrCaseView *self)
{
  adw_view_stack_set_visible_child (self->stack, GTK_WIDGET (self->records_page));
}

void
cr_case_view_add_record (CrCaseView *self)
{
  g_return_if_fail (CR_IS_CASE_VIEW (self));

  show_records (self);
  cr_records_page_add_record (self->records_page);
}

void
cr_case_view_paste_records (CrCaseView *self)
{
  g_return_if_fail (CR_IS_CASE_VIEW (self));

  show_records (self);
  cr_records_page_paste (self->records_page);
}

void
cr_case_view_import_records (CrCaseView *self)
{
  g_return_if_fail (CR_IS_CASE_VIEW (self));

  show_records (self);
  cr_records_page_import_csv (self->records_page);
}
