/* cr-material-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row only shows what the page gives it (the inspection, the problems,
 * the thumbnail) and turns its buttons into signals: the page does the
 * work, so every way in (buttons, keyboard, tests) takes the same path.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-material-row.h"
#include "cr-materials-util.h"

struct _CrMaterialRow
{
  GtkListBoxRow   parent_instance;

  CrCaseMaterial *material;
  CrMaterialInfo *info;
  GPtrArray      *problems;
  GdkTexture     *texture;

  /* Template widgets */
  GtkStack       *thumbnail_stack;
  GtkImage       *type_icon;
  GtkPicture     *thumbnail;
  GtkLabel       *name_label;
  GtkLabel       *details_label;
  GtkBox         *problems_box;
};

G_DEFINE_FINAL_TYPE (CrMaterialRow, cr_material_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_PREVIEW,
  SIGNAL_REPLACE,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

CrMaterialRow *
cr_material_row_new (CrCaseMaterial *material)
{
  CrMaterialRow *self;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (CR_IS_CASE_MATERIAL (material), NULL);

  self = g_object_new (CR_TYPE_MATERIAL_ROW, NULL);
  self->material = g_object_ref (material);

  basename = g_path_get_basename (cr_case_material_get_path (material));
  gtk_label_set_label (self->name_label, basename);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->name_label), cr_case_material_get_path (material));

  return self;
}

CrCaseMaterial *
cr_material_row_get_material (CrMaterialRow *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_ROW (self), NULL);

  return self->material;
}

CrMaterialInfo *
cr_material_row_get_info (CrMaterialRow *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_ROW (self), NULL);

  return self->info;
}

/**
 * cr_material_row_get_problems:
 *
 * Returns: (transfer none) (nullable) (element-type CrProblem): what the
 * row shows as wrong with the file, %NULL while it is being inspected
 */
GPtrArray *
cr_material_row_get_problems (CrMaterialRow *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_ROW (self), NULL);

  return self->problems;
}

static const char *
icon_for_format (const char *format)
{
  if (g_strcmp0 (format, "pdf") == 0)
    return "x-office-document-symbolic";
  if (format != NULL)
    return "image-x-generic-symbolic";
  return "text-x-generic-symbolic";
}

static GtkWidget *
make_problem_line (const CrProblem *problem)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon;
  GtkWidget *label;
  gboolean error = problem->severity == CR_SEVERITY_ERROR;

  icon = gtk_image_new_from_icon_name (error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, error ? "error" : "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  error ? _("Error") : _("Warning"),
                                  -1);

  label = gtk_label_new (problem->message);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "caption");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);

  return box;
}

/**
 * cr_material_row_set_info:
 * @info: (nullable): the inspection, or %NULL while it runs
 * @problems: (nullable) (element-type CrProblem): what is wrong with the
 *   file, including the slot's limits it breaks
 */
void
cr_material_row_set_info (CrMaterialRow  *self,
                          CrMaterialInfo *info,
                          GPtrArray      *problems)
{
  GtkWidget *child;

  g_return_if_fail (CR_IS_MATERIAL_ROW (self));
  g_return_if_fail (info == NULL || CR_IS_MATERIAL_INFO (info));

  g_set_object (&self->info, info);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  if (problems != NULL)
    self->problems = g_ptr_array_ref (problems);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_box))) != NULL)
    gtk_box_remove (self->problems_box, child);

  if (info == NULL)
    {
      gtk_label_set_label (self->details_label, _("Inspecting…"));
      gtk_widget_set_visible (GTK_WIDGET (self->problems_box), FALSE);
      return;
    }

  {
    g_autofree char *details = cr_material_info_describe (info);

    gtk_label_set_label (self->details_label, details);
  }
  gtk_image_set_from_icon_name (self->type_icon,
                                icon_for_format (cr_material_info_get_format (info)));

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    gtk_box_append (self->problems_box, make_problem_line (g_ptr_array_index (problems, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_box), problems != NULL && problems->len > 0);
}

/**
 * cr_material_row_set_thumbnail:
 * @texture: (nullable): the first page, or %NULL for the type icon
 */
void
cr_material_row_set_thumbnail (CrMaterialRow *self,
                               GdkTexture    *texture)
{
  g_return_if_fail (CR_IS_MATERIAL_ROW (self));

  g_set_object (&self->texture, texture);
  gtk_picture_set_paintable (self->thumbnail, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->thumbnail_stack, texture != NULL ? "picture" : "icon");
}

GdkTexture *
cr_material_row_get_thumbnail (CrMaterialRow *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_ROW (self), NULL);

  return self->texture;
}

static void
emit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  if (g_str_equal (action_name, "material.preview"))
    g_signal_emit (widget, signals[SIGNAL_PREVIEW], 0);
  else if (g_str_equal (action_name, "material.replace"))
    g_signal_emit (widget, signals[SIGNAL_REPLACE], 0);
  else if (g_str_equal (action_name, "material.remove"))
    g_signal_emit (widget, signals[SIGNAL_REMOVE], 0);
}

static void
cr_material_row_dispose (GObject *object)
{
  CrMaterialRow *self = CR_MATERIAL_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_MATERIAL_ROW);
  g_clear_object (&self->material);
  g_clear_object (&self->info);
  g_clear_object (&self->texture);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_material_row_parent_class)->dispose (object);
}

static void
cr_material_row_class_init (CrMaterialRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_material_row_dispose;

  /**
   * CrMaterialRow::preview:
   *
   * The user asks to see the file larger.
   */
  signals[SIGNAL_PREVIEW] =
    g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REPLACE] =
    g_signal_new ("replace", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/materials/cr-material-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, thumbnail_stack);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, type_icon);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, thumbnail);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialRow, problems_box);

  gtk_widget_class_install_action (widget_class, "material.preview", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "material.replace", NULL, emit_action);
  gtk_widget_class_install_action (widget_class, "material.remove", NULL, emit_action);
}

static void
cr_material_row_init (CrMaterialRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
