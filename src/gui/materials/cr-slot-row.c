/* cr-slot-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An expander row per upload slot: the header says what the slot is and
 * its state; expanded, it says why the slot is needed and its limits, and
 * lists the files attached. Files dropped anywhere on the row are offered
 * to the page through ::files-dropped.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-materials-util.h"
#include "cr-slot-row.h"

struct _CrSlotRow
{
  AdwExpanderRow   parent_instance;

  char            *slot_id;
  char            *record_id;
  CrRuleSet       *rule_set;
  const CrSlotDef *slot;      /* owned by rule_set */
  gboolean         required;
  CrSlotState      state;

  GtkImage        *status_icon;
  GtkLabel        *reason_label;
  GtkLabel        *limits_label;
  GtkWidget       *empty_row;
  GtkDropTarget   *drop_target;
  GPtrArray       *material_rows;
};

G_DEFINE_FINAL_TYPE (CrSlotRow, cr_slot_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_FILES_DROPPED,
  SIGNAL_ATTACH,
  SIGNAL_PASTE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CrSlotRow *
cr_slot_row_new (const char *slot_id,
                 const char *record_id)
{
  CrSlotRow *self;

  g_return_val_if_fail (slot_id != NULL, NULL);

  self = g_object_new (CR_TYPE_SLOT_ROW, NULL);
  self->slot_id = g_strdup (slot_id);
  self->record_id = g_strdup (record_id);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), cr_slot_get_label (slot_id));

  return self;
}

const char *
cr_slot_row_get_slot_id (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), NULL);

  return self->slot_id;
}

/**
 * cr_slot_row_get_record_id:
 *
 * Returns: (nullable): the record, or %NULL for a slot of the whole case
 */
const char *
cr_slot_row_get_record_id (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), NULL);

  return self->record_id;
}

/**
 * cr_slot_row_set_definition:
 * @rule_set: (nullable): the rule set @slot and @reason belong to
 * @slot: (nullable): the slot as the rule set defines it; %NULL for a
 *   slot the rule set does not know
 * @reason: (nullable): the rule that makes the slot required
 */
void
cr_slot_row_set_definition (CrSlotRow       *self,
                            CrRuleSet       *rule_set,
                            const CrSlotDef *slot,
                            const CrRule    *reason,
                            gboolean         required,
                            CrLanguage       language)
{
  g_autoptr(GString) why = g_string_new (NULL);
  g_autofree char *limits = NULL;

  g_return_if_fail (CR_IS_SLOT_ROW (self));

  /* Keep the rule set alive for as long as we point into it. */
  if (rule_set != NULL)
    g_object_ref (rule_set);
  g_clear_object (&self->rule_set);
  self->rule_set = rule_set;
  self->slot = slot;
  self->required = required;

  {
    g_autofree char *title = cr_slot_title (slot != NULL ? cr_slot_def_get_name (slot, language)
                                                         : cr_slot_get_label (self->slot_id));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  }

  if (slot != NULL && cr_slot_def_get_description (slot, language) != NULL)
    g_string_append (why, cr_slot_def_get_description (slot, language));

  if (required && reason != NULL && reason->basis.title != NULL)
    {
      g_autofree char *basis = NULL;

      if (reason->basis.article != NULL)
        /* Translators: a legal basis: the regulation's title, then the article */
        basis = g_strdup_printf (_("%s, %s"), reason->basis.title, reason->basis.article);
      else
        basis = g_strdup (reason->basis.title);

      if (why->len > 0)
        g_string_append_c (why, '\n');
      /* Translators: %s is a regulation (and article) that makes a document required */
      g_string_append_printf (why, _("Required by %s."), basis);
    }
  else if (!required)
    {
      if (why->len > 0)
        g_string_append_c (why, '\n');
      g_string_append (why, _("Not required for this case under the rules in force; attach it "
                               "only if the authority asks for it."));
    }

  gtk_label_set_label (self->reason_label, why->str);
  gtk_widget_set_visible (GTK_WIDGET (self->reason_label), why->len > 0);

  limits = slot != NULL ? cr_slot_def_describe_limits (slot)
                        : g_strdup (_("The rules in force do not define this slot."));
  gtk_label_set_label (self->limits_label, limits);
}

/**
 * cr_slot_row_get_definition:
 *
 * Returns: (nullable): the slot as the rule set defines it
 */
const CrSlotDef *
cr_slot_row_get_definition (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), NULL);

  return self->slot;
}

gboolean
cr_slot_row_get_required (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), FALSE);

  return self->required;
}

CrSlotState
cr_slot_row_get_state (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), CR_SLOT_STATE_MISSING);

  return self->state;
}

void
cr_slot_row_set_state (CrSlotRow   *self,
                       CrSlotState  state,
                       guint        n_problems)
{
  GtkWidget *icon;
  const char *icon_name = NULL;
  const char *css = NULL;
  g_autofree char *subtitle = NULL;
  guint n_files;

  g_return_if_fail (CR_IS_SLOT_ROW (self));

  self->state = state;
  icon = GTK_WIDGET (self->status_icon);
  n_files = self->material_rows->len;

  gtk_widget_remove_css_class (icon, "error");
  gtk_widget_remove_css_class (icon, "warning");
  gtk_widget_remove_css_class (icon, "success");
  gtk_widget_remove_css_class (icon, "dim-label");

  switch (state)
    {
    case CR_SLOT_STATE_MISSING:
      icon_name = "dialog-error-symbolic";
      css = "error";
      subtitle = g_strdup (_("Missing: required"));
      break;

    case CR_SLOT_STATE_OPTIONAL:
      icon_name = "list-add-symbolic";
      css = "dim-label";
      subtitle = g_strdup (_("Optional: nothing attached"));
      break;

    case CR_SLOT_STATE_INSPECTING:
      icon_name = "content-loading-symbolic";
      css = "dim-label";
      subtitle = g_strdup (_("Inspecting the files…"));
      break;

    case CR_SLOT_STATE_ATTACHED:
      icon_name = "emblem-ok-symbolic";
      css = "success";
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Attached: %u file, no problems found",
                                               "Attached: %u files, no problems found",
                                               n_files), n_files);
      break;

    case CR_SLOT_STATE_WARNINGS:
    case CR_SLOT_STATE_ERRORS:
      icon_name = state == CR_SLOT_STATE_ERRORS ? "dialog-error-symbolic" : "dialog-warning-symbolic";
      css = state == CR_SLOT_STATE_ERRORS ? "error" : "warning";
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Attached with problems: %u to look at",
                                               "Attached with problems: %u to look at",
                                               n_problems), n_problems);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_add_css_class (icon, css);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, subtitle, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

/**
 * cr_slot_row_get_drop_target:
 *
 * Returns: (transfer none): the row's drop target (a list of files)
 */
GtkDropTarget *
cr_slot_row_get_drop_target (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), NULL);

  return self->drop_target;
}

/**
 * cr_slot_row_get_material_rows:
 *
 * Returns: (transfer none) (element-type CrMaterialRow): the file rows
 */
GPtrArray *
cr_slot_row_get_material_rows (CrSlotRow *self)
{
  g_return_val_if_fail (CR_IS_SLOT_ROW (self), NULL);

  return self->material_rows;
}

/**
 * cr_slot_row_set_material_rows:
 * @rows: (element-type CrMaterialRow): the file rows in order; rows
 *   already shown are kept as they are
 */
void
cr_slot_row_set_material_rows (CrSlotRow *self,
                               GPtrArray *rows)
{
  g_autoptr(GPtrArray) old = NULL;
  gboolean same;

  g_return_if_fail (CR_IS_SLOT_ROW (self));
  g_return_if_fail (rows != NULL);

  same = rows->len == self->material_rows->len;
  for (guint i = 0; same && i < rows->len; i++)
    same = g_ptr_array_index (rows, i) == g_ptr_array_index (self->material_rows, i);
  if (same)
    return;

  /* Rows that stay are not taken out and put back: that would lose their
   * focus and state. Only when the order changed is the list rebuilt. */
  old = g_steal_pointer (&self->material_rows);
  self->material_rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < old->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (old, i);

      if (!g_ptr_array_find (rows, row, NULL))
        adw_expander_row_remove (ADW_EXPANDER_ROW (self), row);
      else
        g_ptr_array_add (self->material_rows, g_object_ref (row));
    }

  /* The rows kept must be a prefix of the new list, in the same order. */
  same = self->material_rows->len <= rows->len;
  for (guint i = 0; same && i < self->material_rows->len; i++)
    same = g_ptr_array_index (rows, i) == g_ptr_array_index (self->material_rows, i);
  if (!same)
    {
      for (guint i = 0; i < self->material_rows->len; i++)
        adw_expander_row_remove (ADW_EXPANDER_ROW (self),
                                 g_ptr_array_index (self->material_rows, i));
      g_ptr_array_set_size (self->material_rows, 0);
    }

  for (guint i = self->material_rows->len; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->material_rows, g_object_ref (row));
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
    }

  gtk_widget_set_visible (self->empty_row, rows->len == 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CrSlotRow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  g_signal_emit (self, signals[SIGNAL_FILES_DROPPED], 0, files);
  g_slist_free (files);

  return TRUE;
}

static void
slot_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (g_str_equal (action_name, "slot.attach"))
    g_signal_emit (widget, signals[SIGNAL_ATTACH], 0);
  else if (g_str_equal (action_name, "slot.paste"))
    g_signal_emit (widget, signals[SIGNAL_PASTE], 0);
}

static GtkWidget *
make_action_button (const char *icon_name,
                    const char *tooltip,
                    const char *action_name)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_add_css_class (button, "flat");

  return button;
}

static GtkLabel *
make_info_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);

  return GTK_LABEL (label);
}

static void
cr_slot_row_dispose (GObject *object)
{
  CrSlotRow *self = CR_SLOT_ROW (object);

  g_clear_pointer (&self->material_rows, g_ptr_array_unref);
  self->slot = NULL;
  g_clear_object (&self->rule_set);

  G_OBJECT_CLASS (cr_slot_row_parent_class)->dispose (object);
}

static void
cr_slot_row_finalize (GObject *object)
{
  CrSlotRow *self = CR_SLOT_ROW (object);

  g_free (self->slot_id);
  g_free (self->record_id);

  G_OBJECT_CLASS (cr_slot_row_parent_class)->finalize (object);
}

static void
cr_slot_row_class_init (CrSlotRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_slot_row_dispose;
  object_class->finalize = cr_slot_row_finalize;

  /**
   * CrSlotRow::files-dropped:
   * @files: (element-type GFile): the files dropped on the row
   */
  signals[SIGNAL_FILES_DROPPED] =
    g_signal_new ("files-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  signals[SIGNAL_ATTACH] =
    g_signal_new ("attach", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_PASTE] =
    g_signal_new ("paste", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "slot.attach", NULL, slot_action);
  gtk_widget_class_install_action (widget_class, "slot.paste", NULL, slot_action);
}

static void
cr_slot_row_init (CrSlotRow *self)
{
  GtkWidget *info_row, *info_box, *empty_label;

  self->material_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->state = CR_SLOT_STATE_MISSING;

  self->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->status_icon), GTK_ALIGN_CENTER);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (self), GTK_WIDGET (self->status_icon));

  adw_expander_row_add_action (ADW_EXPANDER_ROW (self),
                               make_action_button ("edit-paste-symbolic",
                                                   _("Paste an Image or Files"),
                                                   "slot.paste"));
  adw_expander_row_add_action (ADW_EXPANDER_ROW (self),
                               make_action_button ("mail-attachment-symbolic",
                                                   _("Attach Files…"),
                                                   "slot.attach"));

  /* Why the slot is needed and what the portal takes. */
  info_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (info_box, 12);
  gtk_widget_set_margin_end (info_box, 12);
  gtk_widget_set_margin_top (info_box, 8);
  gtk_widget_set_margin_bottom (info_box, 8);
  self->reason_label = make_info_label ();
  self->limits_label = make_info_label ();
  gtk_widget_add_css_class (GTK_WIDGET (self->limits_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->limits_label), "caption");
  gtk_box_append (GTK_BOX (info_box), GTK_WIDGET (self->reason_label));
  gtk_box_append (GTK_BOX (info_box), GTK_WIDGET (self->limits_label));
  info_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (info_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (info_row), info_box);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), info_row);

  empty_label = gtk_label_new (_("No file yet. Drop files on this row, or use the attach "
                                 "and paste buttons."));
  gtk_label_set_wrap (GTK_LABEL (empty_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (empty_label), 0);
  gtk_widget_set_margin_start (empty_label, 12);
  gtk_widget_set_margin_end (empty_label, 12);
  gtk_widget_set_margin_top (empty_label, 12);
  gtk_widget_set_margin_bottom (empty_label, 12);
  gtk_widget_add_css_class (empty_label, "dim-label");
  self->empty_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->empty_row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->empty_row), empty_label);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self), self->empty_row);

  self->drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (self->drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));

  cr_slot_row_set_state (self, CR_SLOT_STATE_MISSING, 0);
}
