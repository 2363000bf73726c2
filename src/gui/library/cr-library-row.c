/* cr-library-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-library-row.h"

struct _CrLibraryRow
{
  AdwBin         parent_instance;

  CrLibraryItem *item;
  const char    *style;  /* the badge's status class */

  GtkLabel      *title_label;
  GtkLabel      *badge;
  GtkLabel      *details_label;
  GtkLabel      *date_label;
};

G_DEFINE_FINAL_TYPE (CrLibraryRow, cr_library_row, ADW_TYPE_BIN)

static void
update (CrLibraryRow *self)
{
  CrCaseStatus status;
  const char *error;
  const char *style;
  g_autofree char *details = NULL;
  g_autofree char *date = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;

  if (self->item == NULL)
    return;

  status = cr_library_item_get_status (self->item);
  error = cr_library_item_get_error (self->item);

  gtk_label_set_label (self->title_label, cr_library_item_get_title (self->item));
  gtk_label_set_label (self->badge, cr_case_status_get_label (status));
  style = cr_case_status_get_style (status);
  if (self->style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge), self->style);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), style);
  self->style = style;

  if (error != NULL)
    {
      gtk_label_set_label (self->details_label, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->details_label), "dim-label");
      gtk_label_set_wrap (self->details_label, TRUE);
      gtk_label_set_lines (self->details_label, 3);
    }
  else
    {
      details = cr_library_item_dup_details (self->item);
      gtk_label_set_label (self->details_label, details);
      gtk_widget_remove_css_class (GTK_WIDGET (self->details_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->details_label), "dim-label");
      gtk_label_set_wrap (self->details_label, FALSE);
      gtk_label_set_lines (self->details_label, -1);
    }

  if (cr_library_item_get_has_recovery (self->item) && error == NULL)
    date = g_strdup (_("Has unsaved edits to restore"));
  else
    date = cr_case_status_describe_date (status, cr_library_item_get_next_date (self->item),
                                         cr_library_item_get_next_date_approximate (self->item));
  gtk_label_set_label (self->date_label, date != NULL ? date : "");
  gtk_widget_set_visible (GTK_WIDGET (self->date_label), date != NULL);

  /* The folder, which may differ from the company name. */
  tooltip = g_filename_display_name (cr_library_item_get_folder (self->item));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);

  accessible = g_strdup_printf ("%s, %s", cr_library_item_get_title (self->item),
                                cr_case_status_get_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  gtk_label_get_label (self->details_label),
                                  -1);
}

static void
item_changed_cb (CrLibraryRow  *self,
                 CrLibraryItem *item)
{
  update (self);
}

static void
cr_library_row_dispose (GObject *object)
{
  CrLibraryRow *self = CR_LIBRARY_ROW (object);

  cr_library_row_set_item (self, NULL);
  /* AdwBin would unparent its child again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_LIBRARY_ROW);

  G_OBJECT_CLASS (cr_library_row_parent_class)->dispose (object);
}

static void
cr_library_row_class_init (CrLibraryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_library_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/library/cr-library-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrLibraryRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryRow, badge);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CrLibraryRow, date_label);
}

static void
cr_library_row_init (CrLibraryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cr_library_row_new (void)
{
  return g_object_new (CR_TYPE_LIBRARY_ROW, NULL);
}

/**
 * cr_library_row_get_item:
 *
 * Returns: (transfer none) (nullable): the case shown.
 */
CrLibraryItem *
cr_library_row_get_item (CrLibraryRow *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ROW (self), NULL);

  return self->item;
}

void
cr_library_row_set_item (CrLibraryRow  *self,
                         CrLibraryItem *item)
{
  g_return_if_fail (CR_IS_LIBRARY_ROW (self));
  g_return_if_fail (item == NULL || CR_IS_LIBRARY_ITEM (item));

  if (self->item == item)
    return;

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_func (self->item, item_changed_cb, self);
  g_set_object (&self->item, item);
  if (item != NULL)
    {
      g_signal_connect_swapped (item, "changed", G_CALLBACK (item_changed_cb), self);
      update (self);
    }
}
