/* cr-material-preview.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first page of a PDF, or an image, rendered large in a worker thread
 * (cr_material_render_thumbnail_async()), so that the user can check that
 * a scan is the right document and legible before it is submitted.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-launch.h"
#include "cr-material-preview.h"
#include "cr-materials-util.h"

#define PREVIEW_SIZE 1400

struct _CrMaterialPreview
{
  AdwWindow       parent_instance;

  CrMaterialInfo *info;
  GCancellable   *cancellable;
  gboolean        loaded;

  GtkStack       *stack;
  GtkPicture     *picture;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (CrMaterialPreview, cr_material_preview, ADW_TYPE_WINDOW)

static void
rendered_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CrMaterialPreview) self = user_data;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  png = cr_material_render_thumbnail_finish (CR_MATERIAL_INFO (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);

  self->loaded = TRUE;
  if (texture == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_stack_set_visible_child_name (self->stack, "picture");
}

static void
open_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrMaterialPreview) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cr_launch_uri_finish (result, &error))
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
}

static void
open_clicked_cb (GtkButton         *button,
                 CrMaterialPreview *self)
{
  const char *path = cr_material_info_get_resolved_path (self->info);
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  if (path == NULL)
    return;

  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  cr_launch_uri_async (GTK_WIDGET (self), uri, open_launched_cb, g_object_ref (self));
}

/**
 * cr_material_preview_new:
 * @parent: (nullable): the window it belongs to
 * @info: an inspected material
 */
CrMaterialPreview *
cr_material_preview_new (GtkWindow      *parent,
                         CrMaterialInfo *info)
{
  CrMaterialPreview *self;
  g_autofree char *title = NULL;
  g_autofree char *details = NULL;
  GtkWidget *box, *header, *window_title, *open_button, *scroller, *spinner;

  g_return_val_if_fail (CR_IS_MATERIAL_INFO (info), NULL);

  self = g_object_new (CR_TYPE_MATERIAL_PREVIEW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "default-width", 720,
                       "default-height", 860,
                       NULL);
  self->info = g_object_ref (info);

  title = g_path_get_basename (cr_material_info_get_display_name (info));
  details = cr_material_info_describe (info);
  gtk_window_set_title (GTK_WINDOW (self), title);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  window_title = adw_window_title_new (title, details);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), window_title);
  open_button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_tooltip_text (open_button, _("Open in the Default Application"));
  gtk_widget_set_sensitive (open_button, cr_material_info_get_resolved_path (info) != NULL);
  g_signal_connect (open_button, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), open_button);
  gtk_box_append (GTK_BOX (box), header);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  spinner = gtk_spinner_new ();
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");

  self->picture = GTK_PICTURE (gtk_picture_new ());
  gtk_picture_set_can_shrink (self->picture, TRUE);
  gtk_picture_set_content_fit (self->picture, GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_set_margin_start (GTK_WIDGET (self->picture), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->picture), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->picture), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->picture), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->picture),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->picture));
  gtk_stack_add_named (self->stack, scroller, "picture");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("No Preview"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->stack));
  adw_window_set_content (ADW_WINDOW (self), box);

  cr_material_render_thumbnail_async (info, PREVIEW_SIZE, self->cancellable,
                                      rendered_cb, g_object_ref (self));

  return self;
}

/**
 * cr_material_preview_get_loaded:
 *
 * Returns: whether rendering finished (with a picture or an error)
 */
gboolean
cr_material_preview_get_loaded (CrMaterialPreview *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_PREVIEW (self), FALSE);

  return self->loaded;
}

static gboolean
cr_material_preview_close_request (GtkWindow *window)
{
  CrMaterialPreview *self = CR_MATERIAL_PREVIEW (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cr_material_preview_parent_class)->close_request (window);
}

static void
cr_material_preview_dispose (GObject *object)
{
  CrMaterialPreview *self = CR_MATERIAL_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->info);

  G_OBJECT_CLASS (cr_material_preview_parent_class)->dispose (object);
}

static void
cr_material_preview_class_init (CrMaterialPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cr_material_preview_dispose;
  window_class->close_request = cr_material_preview_close_request;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cr_material_preview_init (CrMaterialPreview *self)
{
  self->cancellable = g_cancellable_new ();
}
