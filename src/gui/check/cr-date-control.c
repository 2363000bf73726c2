/* cr-date-control.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button showing the application date of a check controller, with a
 * calendar to change it, a way back to today, and one choice per rule set
 * so that a trainer can replay a case under older rules. The choices come
 * from the rule sets themselves (their validity windows), so a new
 * regulation shows up here without a change in this file.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-check-text.h"
#include "cr-date-control.h"
#include "cr-date.h"

struct _CrDateControl
{
  GtkWidget          parent_instance;

  CrCheckController *controller;
  char              *label_text;
  gboolean           updating;

  /* Template widgets */
  GtkMenuButton     *button;
  GtkLabel          *label;
  GtkPopover        *popover;
  GtkCalendar       *calendar;
  GtkButton         *today_button;
  GtkLabel          *regimes_label;
  GtkListBox        *regime_list;
};

G_DEFINE_FINAL_TYPE (CrDateControl, cr_date_control, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
cr_date_control_new (void)
{
  return g_object_new (CR_TYPE_DATE_CONTROL, NULL);
}

static void
update_from_controller (CrDateControl *self)
{
  g_autofree char *date = NULL;
  g_autoptr(GDateTime) date_time = NULL;
  const GDate *on;

  if (self->controller == NULL)
    return;

  on = cr_check_controller_get_date (self->controller);
  date = cr_check_text_format_date (on);

  g_free (self->label_text);
  if (cr_check_controller_get_follows_today (self->controller))
    /* Translators: %s is today's date */
    self->label_text = g_strdup_printf (_("%s (today)"), date);
  else
    self->label_text = g_steal_pointer (&date);
  gtk_label_set_label (self->label, self->label_text);

  gtk_widget_set_sensitive (GTK_WIDGET (self->today_button),
                            !cr_check_controller_get_follows_today (self->controller));

  self->updating = TRUE;
  date_time = g_date_time_new_local (g_date_get_year (on), g_date_get_month (on),
                                     g_date_get_day (on), 12, 0, 0);
  gtk_calendar_select_day (self->calendar, date_time);
  self->updating = FALSE;
}

static void
calendar_day_selected_cb (CrDateControl *self,
                          GtkCalendar   *calendar)
{
  g_autoptr(GDateTime) date_time = NULL;
  GDate date;

  if (self->updating || self->controller == NULL)
    return;

  date_time = gtk_calendar_get_date (calendar);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (date_time),
                  g_date_time_get_month (date_time), g_date_time_get_year (date_time));
  cr_check_controller_set_date (self->controller, &date);
}

static void
today_clicked_cb (CrDateControl *self,
                  GtkButton     *button)
{
  if (self->controller != NULL)
    cr_check_controller_set_follows_today (self->controller, TRUE);
  gtk_popover_popdown (self->popover);
}

/* The day governed by @rule_set that is nearest to today. */
static void
nearest_covered_day (CrRuleSet *rule_set,
                     GDate     *out)
{
  const GDate *from = cr_rule_set_get_valid_from (rule_set);
  const GDate *until = cr_rule_set_get_valid_until (rule_set);

  cr_date_set_today (out);
  if (from != NULL && g_date_valid (from) && g_date_compare (out, from) < 0)
    *out = *from;
  if (until != NULL && g_date_valid (until) && g_date_compare (out, until) > 0)
    *out = *until;
}

static char *
validity_text (CrRuleSet *rule_set)
{
  const GDate *from = cr_rule_set_get_valid_from (rule_set);
  const GDate *until = cr_rule_set_get_valid_until (rule_set);
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;

  if (from != NULL && g_date_valid (from))
    from_text = cr_check_text_format_date (from);
  if (until != NULL && g_date_valid (until))
    until_text = cr_check_text_format_date (until);

  if (from_text != NULL && until_text != NULL)
    /* Translators: the application dates a rule set governs: from – until */
    return g_strdup_printf (_("%s – %s"), from_text, until_text);
  if (from_text != NULL)
    /* Translators: the first application date a rule set governs */
    return g_strdup_printf (_("From %s"), from_text);
  if (until_text != NULL)
    /* Translators: the last application date a rule set governs */
    return g_strdup_printf (_("Until %s"), until_text);

  return NULL;
}

/* A row of the list of rule sets. Titles of regulations are long: they wrap,
 * so that the popover stays narrow. */
static GtkWidget *
regime_row (const char *title,
            const char *subtitle,
            gboolean    in_force)
{
  GtkWidget *row, *box, *texts, *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  label = gtk_label_new (title);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (texts), label);

  if (subtitle != NULL)
    {
      label = gtk_label_new (subtitle);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
    }

  if (in_force)
    {
      GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("In force on the chosen date"), -1);
      gtk_box_append (GTK_BOX (box), check);
    }

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  return row;
}

static void
populate_regimes (CrDateControl *self)
{
  CrRuleSetCollection *rule_sets = NULL;
  CrLanguage language = cr_language_get_default ();
  const char *jurisdiction;
  GtkWidget *child;
  guint n_rows = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->regime_list))) != NULL)
    gtk_list_box_remove (self->regime_list, child);

  if (self->controller != NULL)
    rule_sets = cr_check_controller_get_rule_sets (self->controller);

  if (rule_sets != NULL)
    {
      jurisdiction = cr_rule_set_collection_get_jurisdiction (rule_sets);

      for (guint i = 0; i < cr_rule_set_collection_get_n_rule_sets (rule_sets); i++)
        {
          CrRuleSet *rule_set = cr_rule_set_collection_get_rule_set (rule_sets, i);
          g_autofree char *subtitle = NULL;
          GDate *target;
          GtkWidget *row;

          if (g_strcmp0 (cr_rule_set_get_jurisdiction (rule_set), jurisdiction) != 0)
            continue;

          subtitle = validity_text (rule_set);
          row = regime_row (cr_rule_set_get_title (rule_set, language), subtitle,
                            cr_rule_set_covers (rule_set,
                                                cr_check_controller_get_date (self->controller)));

          target = g_new0 (GDate, 1);
          nearest_covered_day (rule_set, target);
          g_object_set_data_full (G_OBJECT (row), "cr-date", target, g_free);

          gtk_list_box_append (self->regime_list, row);
          n_rows++;
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->regimes_label), n_rows > 1);
  gtk_widget_set_visible (GTK_WIDGET (self->regime_list), n_rows > 1);
}

static void
popover_show_cb (CrDateControl *self,
                 GtkPopover    *popover)
{
  update_from_controller (self);
  populate_regimes (self);
}

static void
regime_activated_cb (CrDateControl *self,
                     GtkListBoxRow *row,
                     GtkListBox    *list)
{
  const GDate *target = g_object_get_data (G_OBJECT (row), "cr-date");

  if (self->controller != NULL && target != NULL)
    cr_check_controller_set_date (self->controller, target);
  gtk_popover_popdown (self->popover);
}

static void
controller_notify_cb (CrDateControl *self)
{
  update_from_controller (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    populate_regimes (self);
}

/**
 * cr_date_control_get_controller:
 *
 * Returns: (transfer none) (nullable): the controller whose date is shown.
 */
CrCheckController *
cr_date_control_get_controller (CrDateControl *self)
{
  g_return_val_if_fail (CR_IS_DATE_CONTROL (self), NULL);

  return self->controller;
}

void
cr_date_control_set_controller (CrDateControl     *self,
                                CrCheckController *controller)
{
  g_return_if_fail (CR_IS_DATE_CONTROL (self));
  g_return_if_fail (controller == NULL || CR_IS_CHECK_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, controller_notify_cb, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    {
      g_signal_connect_object (controller, "notify::date", G_CALLBACK (controller_notify_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::follows-today",
                               G_CALLBACK (controller_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (controller, "notify::rule-sets", G_CALLBACK (controller_notify_cb),
                               self, G_CONNECT_SWAPPED);
    }

  update_from_controller (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/**
 * cr_date_control_get_label:
 *
 * Returns: (nullable): the date as the button shows it.
 */
const char *
cr_date_control_get_label (CrDateControl *self)
{
  g_return_val_if_fail (CR_IS_DATE_CONTROL (self), NULL);

  return self->label_text;
}

static void
cr_date_control_dispose (GObject *object)
{
  CrDateControl *self = CR_DATE_CONTROL (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, controller_notify_cb, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_DATE_CONTROL);

  G_OBJECT_CLASS (cr_date_control_parent_class)->dispose (object);
}

static void
cr_date_control_finalize (GObject *object)
{
  CrDateControl *self = CR_DATE_CONTROL (object);

  g_free (self->label_text);

  G_OBJECT_CLASS (cr_date_control_parent_class)->finalize (object);
}

static void
cr_date_control_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrDateControl *self = CR_DATE_CONTROL (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      g_value_set_object (value, self->controller);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_date_control_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrDateControl *self = CR_DATE_CONTROL (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      cr_date_control_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_date_control_class_init (CrDateControlClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_date_control_dispose;
  object_class->finalize = cr_date_control_finalize;
  object_class->get_property = cr_date_control_get_property;
  object_class->set_property = cr_date_control_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, CR_TYPE_CHECK_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/check/cr-date-control.ui");
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, button);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, label);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, popover);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, calendar);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, today_button);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, regimes_label);
  gtk_widget_class_bind_template_child (widget_class, CrDateControl, regime_list);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, regime_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "datecontrol");
}

static void
cr_date_control_init (CrDateControl *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
