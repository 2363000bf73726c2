/* cr-overview-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first page of a case: is it ready, under which rules, and where each
 * record stands on its timeline. "Compare two dates" adds a second column
 * with its own application date, checked by a second controller on the
 * same case, so a trainer can show one case under the old and the new
 * rules side by side: in columns when the window is wide, one above the
 * other when it is narrow (CrColumns).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cr-check-case-page.h"
#include "cr-columns.h"
#include "cr-overview-page.h"
#include "cr-result-view.h"

#define CLAMP_SINGLE  800
#define CLAMP_COMPARE 1400

struct _CrOverviewPage
{
  GtkWidget          parent_instance;

  CrCheckController *controller;
  CrCheckController *compare_controller;
  gboolean           compare;
  gboolean           compare_date_set;

  /* Template widgets */
  GtkWidget         *scroller;
  AdwClamp          *clamp;
  CrColumns         *columns;
  GtkToggleButton   *compare_button;
  CrResultView      *primary_view;
  CrResultView      *compare_view;
};

static void cr_overview_page_case_page_init (CrCasePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrOverviewPage, cr_overview_page, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CR_TYPE_CASE_PAGE,
                                                      cr_overview_page_case_page_init))

enum {
  PROP_0,
  PROP_CONTROLLER,
  PROP_COMPARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
cr_overview_page_new (void)
{
  return g_object_new (CR_TYPE_OVERVIEW_PAGE, NULL);
}

/* The date to compare @primary with: the last day of the rules in force
 * before those of @primary (for 2026 dates, the last day of Order 58), or
 * failing that the first day of the next rules. */
static void
default_compare_date (CrRuleSetCollection *rule_sets,
                      const GDate         *primary,
                      GDate               *out)
{
  g_autoptr(CrRuleSet) current = NULL;
  const GDate *from = NULL, *until = NULL;
  const char *jurisdiction;

  *out = *primary;
  if (rule_sets == NULL)
    return;

  jurisdiction = cr_rule_set_collection_get_jurisdiction (rule_sets);
  current = cr_rule_set_collection_select (rule_sets, primary, NULL);
  if (current != NULL)
    {
      from = cr_rule_set_get_valid_from (current);
      until = cr_rule_set_get_valid_until (current);
    }

  for (int pass = 0; pass < 2; pass++)
    {
      const GDate *best = NULL;

      for (guint i = 0; i < cr_rule_set_collection_get_n_rule_sets (rule_sets); i++)
        {
          CrRuleSet *rule_set = cr_rule_set_collection_get_rule_set (rule_sets, i);
          const GDate *candidate;

          if (g_strcmp0 (cr_rule_set_get_jurisdiction (rule_set), jurisdiction) != 0)
            continue;

          if (pass == 0)
            {
              /* An earlier regime: its last day, the latest one before ours. */
              candidate = cr_rule_set_get_valid_until (rule_set);
              if (candidate == NULL || !g_date_valid (candidate) ||
                  g_date_compare (candidate, from && g_date_valid (from) ? from : primary) >= 0)
                continue;
              if (best == NULL || g_date_compare (candidate, best) > 0)
                best = candidate;
            }
          else
            {
              /* A later regime: its first day, the earliest one after ours. */
              candidate = cr_rule_set_get_valid_from (rule_set);
              if (candidate == NULL || !g_date_valid (candidate) ||
                  g_date_compare (candidate, until && g_date_valid (until) ? until : primary) <= 0)
                continue;
              if (best == NULL || g_date_compare (candidate, best) < 0)
                best = candidate;
            }
        }

      if (best != NULL)
        {
          *out = *best;
          return;
        }
    }
}

static void
sync_compare_controller (CrOverviewPage *self)
{
  CrCase *case_ = NULL;
  CrRuleSetCollection *rule_sets = NULL;

  if (self->controller != NULL)
    {
      case_ = cr_check_controller_get_case (self->controller);
      rule_sets = cr_check_controller_get_rule_sets (self->controller);
    }

  /* The second column costs a check per edit: only while it is shown. */
  cr_check_controller_set_rule_sets (self->compare_controller, rule_sets);
  cr_check_controller_set_case (self->compare_controller, self->compare ? case_ : NULL);

  if (self->compare && !self->compare_date_set && self->controller != NULL && rule_sets != NULL)
    {
      GDate date;

      default_compare_date (rule_sets, cr_check_controller_get_date (self->controller), &date);
      cr_check_controller_set_date (self->compare_controller, &date);
      self->compare_date_set = TRUE;
    }
}

static void
controller_notify_cb (CrOverviewPage *self)
{
  sync_compare_controller (self);
}

static void
compare_toggled_cb (CrOverviewPage  *self,
                    GtkToggleButton *button)
{
  cr_overview_page_set_compare (self, gtk_toggle_button_get_active (button));
}

/**
 * cr_overview_page_get_controller:
 *
 * Returns: (transfer none) (nullable): the controller of the case view.
 */
CrCheckController *
cr_overview_page_get_controller (CrOverviewPage *self)
{
  g_return_val_if_fail (CR_IS_OVERVIEW_PAGE (self), NULL);

  return self->controller;
}

void
cr_overview_page_set_controller (CrOverviewPage    *self,
                                 CrCheckController *controller)
{
  g_return_if_fail (CR_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (controller == NULL || CR_IS_CHECK_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, controller_notify_cb, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      g_signal_connect_object (controller, "notify::case", G_CALLBACK (controller_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::rule-sets",
                               G_CALLBACK (controller_notify_cb), self, G_CONNECT_SWAPPED);
    }

  cr_result_view_set_controller (self->primary_view, controller);
  sync_compare_controller (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

gboolean
cr_overview_page_get_compare (CrOverviewPage *self)
{
  g_return_val_if_fail (CR_IS_OVERVIEW_PAGE (self), FALSE);

  return self->compare;
}

/**
 * cr_overview_page_set_compare:
 *
 * Shows or hides the second column, checked for a second date (at first
 * the last day of the previous rules).
 */
void
cr_overview_page_set_compare (CrOverviewPage *self,
                              gboolean        compare)
{
  g_return_if_fail (CR_IS_OVERVIEW_PAGE (self));

  compare = !!compare;
  if (self->compare == compare)
    return;

  self->compare = compare;
  gtk_toggle_button_set_active (self->compare_button, compare);
  gtk_widget_set_visible (GTK_WIDGET (self->compare_view), compare);
  adw_clamp_set_maximum_size (self->clamp, compare ? CLAMP_COMPARE : CLAMP_SINGLE);
  sync_compare_controller (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPARE]);
}

/**
 * cr_overview_page_get_compare_controller:
 *
 * Returns: (transfer none): the controller of the second column.
 */
CrCheckController *
cr_overview_page_get_compare_controller (CrOverviewPage *self)
{
  g_return_val_if_fail (CR_IS_OVERVIEW_PAGE (self), NULL);

  return self->compare_controller;
}

/**
 * cr_overview_page_get_result_view:
 * @column: 0 for the main column, 1 for the compared date
 *
 * Returns: (transfer none): the column.
 */
CrResultView *
cr_overview_page_get_result_view (CrOverviewPage *self,
                                  guint           column)
{
  g_return_val_if_fail (CR_IS_OVERVIEW_PAGE (self), NULL);
  g_return_val_if_fail (column < 2, NULL);

  return column == 0 ? self->primary_view : self->compare_view;
}

/* CrCasePage: the case goes to the controller (shared with the Report
 * page in the case view), see cr-check-case-page.c. */

static void
cr_overview_page_case_page_init (CrCasePageInterface *iface)
{
  iface->set_case = cr_check_case_page_set_case;
}

static void
cr_overview_page_dispose (GObject *object)
{
  CrOverviewPage *self = CR_OVERVIEW_PAGE (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, controller_notify_cb, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_OVERVIEW_PAGE);
  g_clear_object (&self->compare_controller);

  G_OBJECT_CLASS (cr_overview_page_parent_class)->dispose (object);
}

static void
cr_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrOverviewPage *self = CR_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    case PROP_COMPARE:
      g_value_set_boolean (value, self->compare);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrOverviewPage *self = CR_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      cr_overview_page_set_controller (self, g_value_get_object (value));
      break;
    case PROP_COMPARE:
      cr_overview_page_set_compare (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_overview_page_class_init (CrOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_overview_page_dispose;
  object_class->get_property = cr_overview_page_get_property;
  object_class->set_property = cr_overview_page_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, CR_TYPE_CHECK_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_COMPARE] =
    g_param_spec_boolean ("compare", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_COLUMNS);
  g_type_ensure (CR_TYPE_RESULT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/check/cr-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, clamp);
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, columns);
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, primary_view);
  gtk_widget_class_bind_template_child (widget_class, CrOverviewPage, compare_view);
  gtk_widget_class_bind_template_callback (widget_class, compare_toggled_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "overviewpage");
}

static void
cr_overview_page_init (CrOverviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->compare_controller = cr_check_controller_new ();
  cr_result_view_set_controller (self->compare_view, self->compare_controller);
}
