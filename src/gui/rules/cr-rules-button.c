/* cr-rules-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A header-bar menu button whose popover is the rules status panel. The
 * first time one is shown it starts the start-up check (in the background,
 * when the setting allows it and the connection is not metered), and it
 * asks for attention when new rule sets arrived that the user has not
 * looked at yet.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-rules-button.h"
#include "cr-rules-status-panel.h"

struct _CrRulesButton
{
  GtkWidget       parent_instance;

  CrRulesUpdater *updater;
  CrRulesReport  *seen;      /* the report the user has seen, if any */
  gboolean        attention;

  GtkMenuButton  *button;
  GtkWidget      *panel;
};

G_DEFINE_FINAL_TYPE (CrRulesButton, cr_rules_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UPDATER,
  PROP_ATTENTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
cr_rules_button_new (void)
{
  return g_object_new (CR_TYPE_RULES_BUTTON, NULL);
}

static void
update (CrRulesButton *self)
{
  CrRulesReport *report = self->updater != NULL ? cr_rules_updater_get_report (self->updater)
                                                : NULL;
  gboolean attention = report != NULL && report != self->seen;

  gtk_menu_button_set_icon_name (self->button, attention ? "software-update-available-symbolic"
                                                         : "emblem-documents-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button),
                               attention ? _("New Rules Are in Force") : _("Rules in Force"));
  if (attention)
    gtk_widget_add_css_class (GTK_WIDGET (self->button), "accent");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "accent");

  if (self->attention != attention)
    {
      self->attention = attention;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
    }
}

static void
popover_shown_cb (CrRulesButton *self,
                  GtkPopover    *popover)
{
  if (self->updater == NULL)
    return;

  /* The panel is made the first time it is needed. */
  if (self->panel == NULL)
    {
      self->panel = cr_rules_status_panel_new (self->updater);
      gtk_popover_set_child (popover, self->panel);
    }

  /* Opening the popover shows the status and the "What Changed" button. */
  self->seen = cr_rules_updater_get_report (self->updater);
  cr_rules_updater_refresh_status (self->updater);
  update (self);
}

static void
report_changed_cb (CrRulesButton *self)
{
  update (self);
}

static void
cr_rules_button_map (GtkWidget *widget)
{
  CrRulesButton *self = CR_RULES_BUTTON (widget);

  if (self->updater == NULL)
    cr_rules_button_set_updater (self, NULL);

  GTK_WIDGET_CLASS (cr_rules_button_parent_class)->map (widget);

  /* Once per run of the application, whichever window shows first. */
  cr_rules_updater_check_on_startup (self->updater, NULL);
}

CrRulesUpdater *
cr_rules_button_get_updater (CrRulesButton *self)
{
  g_return_val_if_fail (CR_IS_RULES_BUTTON (self), NULL);

  return self->updater;
}

/**
 * cr_rules_button_set_updater:
 * @updater: (nullable): the updater; %NULL for cr_rules_updater_get_default(),
 *   which a button without one takes when it is first shown
 */
void
cr_rules_button_set_updater (CrRulesButton  *self,
                             CrRulesUpdater *updater)
{
  g_return_if_fail (CR_IS_RULES_BUTTON (self));
  g_return_if_fail (updater == NULL || CR_IS_RULES_UPDATER (updater));

  if (updater == NULL)
    updater = cr_rules_updater_get_default ();
  if (self->updater == updater)
    return;

  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_set_object (&self->updater, updater);
  self->seen = NULL;
  g_signal_connect_object (updater, "notify::report", G_CALLBACK (report_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->panel != NULL)
    cr_rules_status_panel_set_updater (CR_RULES_STATUS_PANEL (self->panel), updater);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATER]);
}

gboolean
cr_rules_button_get_attention (CrRulesButton *self)
{
  g_return_val_if_fail (CR_IS_RULES_BUTTON (self), FALSE);

  return self->attention;
}

static void
cr_rules_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrRulesButton *self = CR_RULES_BUTTON (object);

  switch (prop_id)
    {
    case PROP_UPDATER:
      g_value_set_object (value, self->updater);
      break;

    case PROP_ATTENTION:
      g_value_set_boolean (value, self->attention);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrRulesButton *self = CR_RULES_BUTTON (object);

  switch (prop_id)
    {
    case PROP_UPDATER:
      if (g_value_get_object (value) != NULL)
        cr_rules_button_set_updater (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_button_dispose (GObject *object)
{
  CrRulesButton *self = CR_RULES_BUTTON (object);

  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_clear_object (&self->updater);
  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  self->panel = NULL;

  G_OBJECT_CLASS (cr_rules_button_parent_class)->dispose (object);
}

static void
cr_rules_button_class_init (CrRulesButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_rules_button_dispose;
  object_class->get_property = cr_rules_button_get_property;
  object_class->set_property = cr_rules_button_set_property;
  widget_class->map = cr_rules_button_map;

  properties[PROP_UPDATER] =
    g_param_spec_object ("updater", NULL, NULL, CR_TYPE_RULES_UPDATER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  properties[PROP_ATTENTION] =
    g_param_spec_boolean ("attention", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cr_rules_button_init (CrRulesButton *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  gtk_menu_button_set_popover (self->button, popover);
  g_signal_connect_object (popover, "show", G_CALLBACK (popover_shown_cb), self,
                           G_CONNECT_SWAPPED);
}
