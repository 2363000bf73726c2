/* cr-result-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows one controller's result: the application date (which can be
 * changed here), the verdict in one sentence, the rule set in force with
 * the name of its legal basis, and per record a timeline and its status in
 * plain words. The overview shows one of these, or two side by side to
 * compare dates.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cr-case-view.h"
#include "cr-check-text.h"
#include "cr-date-control.h"
#include "cr-date.h"
#include "cr-result-view.h"
#include "cr-timeline.h"

struct _CrResultView
{
  GtkWidget          parent_instance;

  CrCheckController *controller;
  char              *verdict;
  char              *rules_text;
  GPtrArray         *record_statuses;  /* char*, one per record shown */
  GPtrArray         *timelines;        /* CrTimeline*, borrowed */

  /* Template widgets */
  GtkWidget         *content;
  CrDateControl     *date_control;
  GtkWidget         *verdict_box;
  GtkImage          *verdict_icon;
  GtkLabel          *verdict_title;
  GtkLabel          *verdict_description;
  AdwPreferencesGroup *rules_group;
  AdwActionRow      *rules_row;
  GtkWidget         *records_heading;
  GtkBox            *records_box;
};

G_DEFINE_FINAL_TYPE (CrResultView, cr_result_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The width the view asks for at most: two fit side by side in a window of
 * about 1000 pixels, and the overview's flow box puts them so. */
#define NATURAL_WIDTH 420

static const char * const verdict_classes[] = { "success", "warning", "error", "accent", NULL };

GtkWidget *
cr_result_view_new (void)
{
  return g_object_new (CR_TYPE_RESULT_VIEW, NULL);
}

static void
set_verdict (CrResultView *self,
             const char   *icon_name,
             const char   *style_class,
             const char   *title,
             const char   *description)
{
  g_autofree char *spoken = NULL;

  for (guint i = 0; verdict_classes[i] != NULL; i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verdict_icon), verdict_classes[i]);
  if (style_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->verdict_icon), style_class);

  gtk_image_set_from_icon_name (self->verdict_icon, icon_name);
  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_description, description);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_description),
                          description != NULL && description[0] != '\0');

  g_free (self->verdict);
  self->verdict = g_strdup (title);

  spoken = g_strconcat (title, description ? ". " : "", description, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->verdict_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

static void
clear_records (CrResultView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->records_box))) != NULL)
    gtk_box_remove (self->records_box, child);
  g_ptr_array_set_size (self->record_statuses, 0);
  g_ptr_array_set_size (self->timelines, 0);
}

static GtkWidget *
wrapping_label (const char *text,
                const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static char *
missing_slots_text (CrCheckResult       *result,
                    const CrCheckRecord *record)
{
  g_autoptr(GString) names = NULL;

  if (record->missing_slots == NULL || record->missing_slots[0] == NULL)
    return NULL;

  names = g_string_new (NULL);
  for (guint i = 0; record->missing_slots[i] != NULL; i++)
    {
      g_autofree char *name = cr_check_text_slot_name (result, record->missing_slots[i]);

      if (i > 0)
        /* Translators: separates the items of a list of materials */
        g_string_append (names, _(", "));
      g_string_append (names, name);
    }

  /* Translators: %s is a list of materials, e.g. “Payment proof, Commitment” */
  return g_strdup_printf (_("Materials still missing: %s"), names->str);
}

static GtkWidget *
record_card (CrResultView        *self,
             CrCheckResult       *result,
             const CrCheckRecord *record)
{
  g_autofree char *title = cr_check_text_record_title (record);
  g_autofree char *class_text = cr_check_text_record_class (result, record);
  g_autofree char *explanation = cr_check_text_status_explanation (result, record);
  g_autofree char *missing = missing_slots_text (result, record);
  const char *status_label = cr_record_status_get_label (record->status);
  const char *style_class = cr_check_text_status_style_class (record->status);
  CrCheckController *controller = self->controller;
  GtkWidget *card, *header, *titles, *status, *icon, *label, *timeline;

  card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (card, "card");

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_box_append (GTK_BOX (card), header);

  titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (titles, TRUE);
  label = wrapping_label (title, "heading");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (titles), label);
  gtk_box_append (GTK_BOX (titles), wrapping_label (class_text, "dim-label"));
  gtk_box_append (GTK_BOX (header), titles);

  /* The status: icon and words in its colour, never the colour alone. */
  status = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (status, GTK_ALIGN_START);
  gtk_widget_add_css_class (status, style_class);
  icon = gtk_image_new_from_icon_name (cr_check_text_status_icon_name (record->status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status_label, -1);
  gtk_box_append (GTK_BOX (status), icon);
  label = wrapping_label (status_label, "heading");
  gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
  gtk_box_append (GTK_BOX (status), label);
  gtk_box_append (GTK_BOX (header), status);

  /* Inside a case view, the record's fields are one click away. */
  if (gtk_widget_get_ancestor (GTK_WIDGET (self), CR_TYPE_CASE_VIEW) != NULL)
    {
      GtkWidget *edit = gtk_button_new_from_icon_name ("document-edit-symbolic");

      gtk_widget_set_valign (edit, GTK_ALIGN_START);
      gtk_widget_set_tooltip_text (edit, _("Edit This Record"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (edit), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Edit This Record"), -1);
      gtk_widget_add_css_class (edit, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (edit), "result.edit-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (edit), "u", record->index);
      gtk_box_append (GTK_BOX (header), edit);
    }

  timeline = cr_timeline_new ();
  gtk_widget_set_margin_start (timeline, 12);
  gtk_widget_set_margin_end (timeline, 12);
  cr_timeline_set_dates (CR_TIMELINE (timeline),
                         &record->decision_date,
                         &record->earliest_application_date,
                         &record->display_end_date,
                         cr_check_result_get_on (result),
                         controller != NULL && cr_check_controller_get_follows_today (controller));
  gtk_box_append (GTK_BOX (card), timeline);

  label = wrapping_label (explanation, NULL);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_bottom (label, missing ? 0 : 12);
  gtk_box_append (GTK_BOX (card), label);

  if (missing != NULL)
    {
      label = wrapping_label (missing, NULL);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_box_append (GTK_BOX (card), label);
    }

  g_ptr_array_add (self->record_statuses, g_strdup (status_label));
  g_ptr_array_add (self->timelines, timeline);

  return card;
}

static char *
rules_subtitle (CrRuleSet *rule_set)
{
  /* Translators: describes a rule set: its id, its version and its regime
   * (e.g. “order36”) */
  return g_strdup_printf (_("Rule set %s, version %s · regime %s"),
                          cr_rule_set_get_id (rule_set), cr_rule_set_get_version (rule_set),
                          cr_rule_set_get_regime (rule_set));
}

static void
show_result (CrResultView  *self,
             CrCheckResult *result)
{
  CrRuleSet *rule_set = cr_check_result_get_rule_set (result);
  CrLanguage language = cr_check_result_get_language (result);
  g_autofree char *title = cr_check_text_verdict_title (result);
  g_autofree char *description = cr_check_text_verdict_description (result);
  g_autofree char *subtitle = rules_subtitle (rule_set);
  guint n_records = cr_check_result_get_n_records (result);

  if (cr_check_text_ready (result))
    set_verdict (self, "emblem-ok-symbolic", "success", title, description);
  else if (n_records == 0)
    set_verdict (self, "dialog-information-symbolic", NULL, title, description);
  else
    set_verdict (self, "dialog-warning-symbolic", "warning", title, description);

  g_free (self->rules_text);
  self->rules_text = g_strdup (cr_rule_set_get_title (rule_set, language));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->rules_row), self->rules_text);
  adw_action_row_set_subtitle (self->rules_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_group), TRUE);

  for (guint i = 0; i < n_records; i++)
    gtk_box_append (self->records_box,
                    record_card (self, result, cr_check_result_get_record (result, i)));
  gtk_widget_set_visible (self->records_heading, n_records > 0);
}

static void
update (CrResultView *self)
{
  CrCheckResult *result = NULL;
  const char *error_message = NULL;

  clear_records (self);
  g_clear_pointer (&self->rules_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->rules_group), FALSE);
  gtk_widget_set_visible (self->records_heading, FALSE);

  if (self->controller != NULL)
    {
      result = cr_check_controller_get_result (self->controller);
      error_message = cr_check_controller_get_error_message (self->controller);
    }

  if (result != NULL)
    show_result (self, result);
  else if (error_message != NULL)
    set_verdict (self, "dialog-error-symbolic", "error",
                 _("This date cannot be checked"), error_message);
  else if (self->controller == NULL || cr_check_controller_get_case (self->controller) == NULL)
    set_verdict (self, "dialog-information-symbolic", NULL, _("No case"), NULL);
  else
    set_verdict (self, "content-loading-symbolic", NULL, _("Checking…"), NULL);
}

static void
result_changed_cb (CrResultView      *self,
                   CrCheckResult     *result,
                   CrCheckController *controller)
{
  update (self);
}

/**
 * cr_result_view_get_controller:
 *
 * Returns: (transfer none) (nullable): the controller whose result is shown.
 */
CrCheckController *
cr_result_view_get_controller (CrResultView *self)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), NULL);

  return self->controller;
}

void
cr_result_view_set_controller (CrResultView      *self,
                               CrCheckController *controller)
{
  g_return_if_fail (CR_IS_RESULT_VIEW (self));
  g_return_if_fail (controller == NULL || CR_IS_CHECK_CONTROLLER (controller));

  if (self->controller == controller)
    return;

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, result_changed_cb, self);
  g_set_object (&self->controller, controller);
  if (controller != NULL)
    g_signal_connect_object (controller, "result-changed", G_CALLBACK (result_changed_cb), self,
                             G_CONNECT_SWAPPED);

  cr_date_control_set_controller (self->date_control, controller);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/**
 * cr_result_view_get_verdict:
 *
 * Returns: (nullable): the verdict as shown.
 */
const char *
cr_result_view_get_verdict (CrResultView *self)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), NULL);

  return self->verdict;
}

/**
 * cr_result_view_get_rules_text:
 *
 * Returns: (nullable): the name of the rule set in force, as shown.
 */
const char *
cr_result_view_get_rules_text (CrResultView *self)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), NULL);

  return self->rules_text;
}

guint
cr_result_view_get_n_records (CrResultView *self)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), 0);

  return self->record_statuses->len;
}

const char *
cr_result_view_get_record_status (CrResultView *self,
                                  guint         index)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), NULL);
  g_return_val_if_fail (index < self->record_statuses->len, NULL);

  return g_ptr_array_index (self->record_statuses, index);
}

/**
 * cr_result_view_get_record_timeline:
 *
 * Returns: the dates on a record's timeline, in words.
 */
const char *
cr_result_view_get_record_timeline (CrResultView *self,
                                    guint         index)
{
  g_return_val_if_fail (CR_IS_RESULT_VIEW (self), NULL);
  g_return_val_if_fail (index < self->timelines->len, NULL);

  return cr_timeline_get_description (g_ptr_array_index (self->timelines, index));
}

/* result.edit-record (u): shows record number @index on the page that
 * edits it. */
static void
edit_record_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GtkWidget *view = gtk_widget_get_ancestor (widget, CR_TYPE_CASE_VIEW);
  g_autofree char *pointer = g_strdup_printf ("/records/%u", g_variant_get_uint32 (parameter));

  if (view != NULL)
    cr_case_view_focus_pointer (CR_CASE_VIEW (view), pointer);
}

static GtkSizeRequestMode
cr_result_view_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cr_result_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  CrResultView *self = CR_RESULT_VIEW (widget);

  gtk_widget_measure (self->content, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);

  /* Long texts wrap: they need not widen the view to their full length. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

static void
cr_result_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CrResultView *self = CR_RESULT_VIEW (widget);

  gtk_widget_allocate (self->content, width, height, baseline, NULL);
}

static void
cr_result_view_dispose (GObject *object)
{
  CrResultView *self = CR_RESULT_VIEW (object);

  if (self->controller != NULL)
    g_signal_handlers_disconnect_by_func (self->controller, result_changed_cb, self);
  g_clear_object (&self->controller);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_RESULT_VIEW);

  G_OBJECT_CLASS (cr_result_view_parent_class)->dispose (object);
}

static void
cr_result_view_finalize (GObject *object)
{
  CrResultView *self = CR_RESULT_VIEW (object);

  g_free (self->verdict);
  g_free (self->rules_text);
  g_ptr_array_unref (self->record_statuses);
  g_ptr_array_unref (self->timelines);

  G_OBJECT_CLASS (cr_result_view_parent_class)->finalize (object);
}

static void
cr_result_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrResultView *self = CR_RESULT_VIEW (object);

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
cr_result_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrResultView *self = CR_RESULT_VIEW (object);

  switch (prop_id)
    {
    case PROP_CONTROLLER:
      cr_result_view_set_controller (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_result_view_class_init (CrResultViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_result_view_dispose;
  object_class->finalize = cr_result_view_finalize;
  object_class->get_property = cr_result_view_get_property;
  object_class->set_property = cr_result_view_set_property;

  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL, CR_TYPE_CHECK_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_DATE_CONTROL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/check/cr-result-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CrResultView, content);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, date_control);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, verdict_description);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, rules_group);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, rules_row);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, records_heading);
  gtk_widget_class_bind_template_child (widget_class, CrResultView, records_box);

  gtk_widget_class_install_action (widget_class, "result.edit-record", "u", edit_record_cb);

  widget_class->get_request_mode = cr_result_view_get_request_mode;
  widget_class->measure = cr_result_view_measure;
  widget_class->size_allocate = cr_result_view_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "resultview");
}

static void
cr_result_view_init (CrResultView *self)
{
  self->record_statuses = g_ptr_array_new_with_free_func (g_free);
  self->timelines = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}
