/* cr-materials-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The checklist of the documents a case needs: one group for the whole
 * case and one per record, one row per upload slot the checker says the
 * rule set requires (plus slots that have files, plus any the user adds).
 * Whether a slot is filled is read from the case's materials, so the page
 * answers at once when a file is attached; which slots are required comes
 * from the check result, which the case view keeps up to date.
 *
 * Files are copied into the case folder's attachments/ in a worker thread
 * and inspected in another (cr_material_inspect_async()); nothing here
 * reads a file on the main thread.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-checked-page.h"
#include "cr-material-preview.h"
#include "cr-material-row.h"
#include "cr-materials-page-private.h"
#include "cr-materials-util.h"
#include "cr-slot-row.h"

#define THUMBNAIL_SIZE 128

struct _CrMaterialsPage
{
  CrCheckedPage         parent_instance;

  GCancellable         *cancellable;   /* copies and inspections of this case */

  GHashTable           *infos;         /* key → CrMaterialInfo */
  GHashTable           *thumbnails;    /* key → GdkTexture */
  GHashTable           *inspecting;    /* key set */
  GHashTable           *slot_rows;     /* "slot\x1frecord" → CrSlotRow */
  GHashTable           *material_rows; /* CrCaseMaterial → CrMaterialRow */
  GHashTable           *extra_slots;   /* "slot\x1frecord" the user asked to see */
  GPtrArray            *slot_order;    /* CrSlotRow, in the order shown */
  char                 *signature;
  char                 *expand_key;
  guint                 update_source;
  guint                 n_pending;

  GtkFileChooserNative *chooser;
  AdwToast             *undo_toast;    /* weak */

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkLabel             *summary_label;
  GtkBox               *groups_box;
};

G_DEFINE_FINAL_TYPE (CrMaterialsPage, cr_materials_page, CR_TYPE_CHECKED_PAGE)

static void queue_update (CrMaterialsPage *self);

CrMaterialsPage *
cr_materials_page_new (void)
{
  return g_object_new (CR_TYPE_MATERIALS_PAGE, NULL);
}

static char *
slot_key (const char *slot,
          const char *record)
{
  return g_strconcat (slot, "\x1f", record != NULL ? record : "", NULL);
}

static char *
material_key (CrMaterialsPage *self,
              const char      *path)
{
  CrCase *case_ = cr_checked_page_case (self);
  const char *base_dir = case_ != NULL ? cr_case_get_base_dir (case_) : NULL;

  return g_strconcat (base_dir != NULL ? base_dir : "", "\x1f", path, NULL);
}

/* Callbacks of work started before the page was disposed hold a
 * reference, and find it disposed when they return. */
static gboolean
is_disposed (CrMaterialsPage *self)
{
  return self->slot_rows == NULL;
}

static void
show_toast (CrMaterialsPage *self,
            const char      *message)
{
  AdwToast *toast;

  if (is_disposed (self))
    return;

  toast = adw_toast_new (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
pending_done (CrMaterialsPage *self)
{
  g_assert (self->n_pending > 0);
  self->n_pending--;
}

/* Inspection and thumbnails */

typedef struct
{
  CrMaterialsPage *self;
  char            *key;
} KeyData;

static KeyData *
key_data_new (CrMaterialsPage *self,
              const char      *key)
{
  KeyData *data = g_new0 (KeyData, 1);

  data->self = g_object_ref (self);
  data->key = g_strdup (key);
  return data;
}

static void
key_data_free (KeyData *data)
{
  g_object_unref (data->self);
  g_free (data->key);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KeyData, key_data_free)

static void
thumbnail_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KeyData) data = user_data;
  CrMaterialsPage *self = data->self;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  pending_done (self);
  png = cr_material_render_thumbnail_finish (CR_MATERIAL_INFO (object), result, &error);
  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      /* No thumbnail is not a problem of the file: the type icon stays. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No thumbnail: %s", error->message);
      return;
    }

  if (!g_hash_table_contains (self->infos, data->key))
    return;

  g_hash_table_replace (self->thumbnails, g_strdup (data->key), g_steal_pointer (&texture));
  queue_update (self);
}

static void
inspected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KeyData) data = user_data;
  CrMaterialsPage *self = data->self;
  g_autoptr(CrMaterialInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  pending_done (self);
  info = cr_material_inspect_finish (result, &error);
  if (info == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Inspection failed: %s", error->message);
      return;
    }
  if (!g_hash_table_remove (self->inspecting, data->key))
    return; /* another case by now */

  g_hash_table_replace (self->infos, g_strdup (data->key), g_object_ref (info));

  /* A file with problems still gets a thumbnail if it can be drawn: a
   * JPEG named .pdf is still a picture of the right (or wrong) document. */
  if (cr_material_info_is_readable (info) && cr_material_info_get_format (info) != NULL &&
      !cr_material_info_get_encrypted (info) && !cr_material_info_get_damaged (info))
    {
      self->n_pending++;
      cr_material_render_thumbnail_async (info, THUMBNAIL_SIZE, self->cancellable,
                                          thumbnail_cb, key_data_new (self, data->key));
    }

  queue_update (self);
}

static void
ensure_inspected (CrMaterialsPage *self,
                  const char      *path,
                  const char      *key)
{
  if (g_hash_table_contains (self->infos, key) || g_hash_table_contains (self->inspecting, key))
    return;

  g_hash_table_add (self->inspecting, g_strdup (key));
  self->n_pending++;
  cr_material_inspect_async (path, cr_case_get_base_dir (cr_checked_page_case (self)),
                             self->cancellable, inspected_cb, key_data_new (self, key));
}

/* Building the checklist */

typedef struct
{
  char     *slot;
  gboolean  required;
} SlotEntry;

typedef struct
{
  char      *record;  /* NULL: the whole case */
  char      *title;
  char      *description;
  GPtrArray *slots;   /* SlotEntry */
} Section;

static void
slot_entry_free (SlotEntry *entry)
{
  g_free (entry->slot);
  g_free (entry);
}

static void
section_free (Section *section)
{
  g_free (section->record);
  g_free (section->title);
  g_free (section->description);
  g_ptr_array_unref (section->slots);
  g_free (section);
}

static Section *
section_new (const char *record,
             char       *title,
             char       *description)
{
  Section *section = g_new0 (Section, 1);

  section->record = g_strdup (record);
  section->title = title;
  section->description = description;
  section->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_entry_free);
  return section;
}

static void
section_add_slot (Section    *section,
                  const char *slot,
                  gboolean    required)
{
  SlotEntry *entry;

  for (guint i = 0; i < section->slots->len; i++)
    {
      entry = g_ptr_array_index (section->slots, i);
      if (g_str_equal (entry->slot, slot))
        {
          entry->required |= required;
          return;
        }
    }

  entry = g_new0 (SlotEntry, 1);
  entry->slot = g_strdup (slot);
  entry->required = required;
  g_ptr_array_add (section->slots, entry);
}

static gboolean
slot_is_case_wide (CrRuleSet  *rule_set,
                   const char *slot)
{
  const CrSlotDef *def = cr_rule_set_lookup_slot (rule_set, slot);

  return def != NULL && def->case_wide;
}

static Section *
find_section (GPtrArray  *sections,
              const char *record)
{
  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);

      if (g_strcmp0 (section->record, record) == 0)
        return section;
    }

  return NULL;
}

static GPtrArray *
collect_sections (CrMaterialsPage *self)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  CrCase *case_ = cr_checked_page_case (self);
  CrCheckResult *result = cr_checked_page_result (self);
  CrRuleSet *rule_set = cr_check_result_get_rule_set (result);
  Section *whole;
  GListModel *materials = cr_case_get_materials (case_);

  whole = section_new (NULL, g_strdup (_("Whole Case")),
                       g_strdup (_("Documents that serve every record of the application.")));
  g_ptr_array_add (sections, whole);

  for (guint i = 0; i < cr_case_get_n_records (case_); i++)
    {
      CrCaseRecord *record = cr_case_get_record (case_, i);
      const char *id = cr_case_record_get_id (record);
      const char *number = cr_case_record_get_decision_number (record);
      const char *authority = cr_case_record_get_authority (record);
      const CrCheckRecord *checked;
      Section *section;

      if (id == NULL || find_section (sections, id) != NULL)
        continue;

      section = section_new (id,
                             number != NULL && *number != '\0'
                               /* Translators: a record's id, then its decision number */
                               ? g_strdup_printf (_("Record %s: %s"), id, number)
                               /* Translators: %s is a record's id */
                               : g_strdup_printf (_("Record %s"), id),
                             g_strdup (authority));
      g_ptr_array_add (sections, section);

      checked = cr_check_result_lookup_record (result, id);
      if (checked == NULL)
        continue;

      /* Required by error rules, then asked for by warning rules. */
      for (guint j = 0; checked->required_slots != NULL && checked->required_slots[j] != NULL; j++)
        {
          const char *slot = checked->required_slots[j];

          section_add_slot (slot_is_case_wide (rule_set, slot) ? whole : section, slot, TRUE);
        }
      for (guint j = 0; checked->missing_slots != NULL && checked->missing_slots[j] != NULL; j++)
        {
          const char *slot = checked->missing_slots[j];

          section_add_slot (slot_is_case_wide (rule_set, slot) ? whole : section, slot, FALSE);
        }
    }

  /* Slots that have files, even if no rule asks for them. */
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(CrCaseMaterial) material = g_list_model_get_item (materials, i);
      const char *record = cr_case_material_get_record (material);
      Section *section = find_section (sections, record);

      if (section == NULL)
        {
          /* A file for a record that is no longer in the case. */
          section = section_new (record,
                                 /* Translators: %s is a record's id */
                                 g_strdup_printf (_("Record %s (no longer in the case)"), record),
                                 g_strdup (_("Remove these files, or attach them to another "
                                             "record.")));
          g_ptr_array_add (sections, section);
        }
      section_add_slot (section, cr_case_material_get_slot (material), FALSE);
    }

  /* Slots the user chose to show. */
  {
    g_autoptr(GList) keys = g_hash_table_get_keys (self->extra_slots);

    keys = g_list_sort (keys, (GCompareFunc) g_strcmp0);
    for (GList *l = keys; l != NULL; l = l->next)
      {
        g_auto(GStrv) parts = g_strsplit (l->data, "\x1f", 2);
        Section *section = find_section (sections, *parts[1] != '\0' ? parts[1] : NULL);

        if (section != NULL)
          section_add_slot (section, parts[0], FALSE);
      }
  }

  /* The whole-case group only when it has something. */
  if (whole->slots->len == 0)
    g_ptr_array_remove_index (sections, 0);

  return g_steal_pointer (&sections);
}

static char *
sections_signature (GPtrArray *sections)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);

      g_string_append_printf (text, "[%s|%s|%s]", section->record ? section->record : "",
                              section->title, section->description ? section->description : "");
      for (guint j = 0; j < section->slots->len; j++)
        {
          SlotEntry *entry = g_ptr_array_index (section->slots, j);

          g_string_append_printf (text, "%s%c,", entry->slot, entry->required ? '!' : '?');
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Attaching, replacing, removing */

typedef struct
{
  CrMaterialsPage *self;
  CrCase          *case_;
  char            *slot;
  char            *record;
  CrCaseMaterial  *replace;  /* nullable */
  char            *name;     /* for messages */
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->case_);
  g_free (data->slot);
  g_free (data->record);
  g_clear_object (&data->replace);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AttachData, attach_data_free)

static AttachData *
attach_data_new (CrMaterialsPage *self,
                 const char      *slot,
                 const char      *record,
                 CrCaseMaterial  *replace,
                 const char      *name)
{
  AttachData *data = g_new0 (AttachData, 1);

  data->self = g_object_ref (self);
  data->case_ = g_object_ref (cr_checked_page_case (self));
  data->slot = g_strdup (slot);
  data->record = g_strdup (record);
  data->replace = replace != NULL ? g_object_ref (replace) : NULL;
  data->name = g_strdup (name);
  return data;
}

typedef struct
{
  CrCase         *case_;
  CrCaseMaterial *material;
  guint           position;
  char           *old_path;  /* for a replacement */
} UndoData;

static void
undo_data_free (gpointer  user_data,
                GClosure *closure)
{
  UndoData *data = user_data;

  g_object_unref (data->case_);
  g_object_unref (data->material);
  g_free (data->old_path);
  g_free (data);
}

static void
undo_cb (AdwToast *toast,
         UndoData *data)
{
  if (data->old_path != NULL)
    {
      cr_case_material_set_path (data->material, data->old_path);
      return;
    }

  cr_case_insert_material (data->case_,
                           MIN (data->position, cr_case_get_n_materials (data->case_)),
                           data->material);
}

static void
show_undo_toast (CrMaterialsPage *self,
                 const char      *message,
                 UndoData        *data)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_cb), data,
                         undo_data_free, 0);

  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
display_name (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_filename_display_name (base);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AttachData) data = user_data;
  CrMaterialsPage *self = data->self;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  pending_done (self);
  path = cr_attachments_finish (result, &error);
  if (path == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Translators: %s is a file name, then a system error message */
      message = g_strdup_printf (_("Could not attach “%s”: %s"), data->name, error->message);
      show_toast (self, message);
      return;
    }

  if (data->case_ != cr_checked_page_case (self))
    return;

  if (data->replace != NULL)
    {
      UndoData *undo = g_new0 (UndoData, 1);
      g_autofree char *old_name = display_name (cr_case_material_get_path (data->replace));
      g_autofree char *message = NULL;

      undo->case_ = g_object_ref (data->case_);
      undo->material = g_object_ref (data->replace);
      undo->old_path = g_strdup (cr_case_material_get_path (data->replace));
      cr_case_material_set_path (data->replace, path);

      /* Translators: the names of the old and the new file */
      message = g_strdup_printf (_("Replaced “%s” with “%s”"), old_name, data->name);
      show_undo_toast (self, message, undo);
    }
  else
    {
      g_autoptr(CrCaseMaterial) material = cr_case_material_new (data->slot, data->record, path);

      cr_case_add_material (data->case_, material);
    }
}

static gboolean
can_attach (CrMaterialsPage *self)
{
  if (cr_checked_page_case (self) == NULL)
    return FALSE;

  if (cr_case_get_base_dir (cr_checked_page_case (self)) == NULL)
    {
      show_toast (self, _("Save the case first: attached files are copied into its folder"));
      return FALSE;
    }

  return TRUE;
}

static void
attach_files (CrMaterialsPage *self,
              const char      *slot,
              const char      *record,
              CrCaseMaterial  *replace,
              GSList          *files)
{
  const char *base_dir;

  if (!can_attach (self))
    return;

  base_dir = cr_case_get_base_dir (cr_checked_page_case (self));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      GFile *file = l->data;
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *base = g_path_get_basename (name);

      self->n_pending++;
      cr_attachments_import_async (base_dir, file, self->cancellable, imported_cb,
                                   attach_data_new (self, slot, record, replace, base));
      if (replace != NULL)
        break;
    }
}

static void
files_dropped_cb (CrSlotRow       *row,
                  GSList          *files,
                  CrMaterialsPage *self)
{
  attach_files (self, cr_slot_row_get_slot_id (row), cr_slot_row_get_record_id (row), NULL, files);
}

/**
 * cr_materials_page_replace_material:
 *
 * Copies @file into the case folder and makes @material point to it, with
 * an undo toast: what the file chooser of the Replace button does.
 */
void
cr_materials_page_replace_material (CrMaterialsPage *self,
                                    CrCaseMaterial  *material,
                                    GFile           *file)
{
  GSList files = { file, NULL };

  g_return_if_fail (CR_IS_MATERIALS_PAGE (self));
  g_return_if_fail (CR_IS_CASE_MATERIAL (material));
  g_return_if_fail (G_IS_FILE (file));

  attach_files (self, cr_case_material_get_slot (material), cr_case_material_get_record (material),
                material, &files);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     CrMaterialsPage *self)
{
  AttachData *request = g_object_get_data (G_OBJECT (dialog), "request");

  if (response == GTK_RESPONSE_ACCEPT && request->case_ == cr_checked_page_case (self))
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GSList *list = NULL;

      for (guint i = g_list_model_get_n_items (files); i > 0; i--)
        list = g_slist_prepend (list, g_list_model_get_item (files, i - 1));
      attach_files (self, request->slot, request->record, request->replace, list);
      g_slist_free_full (list, g_object_unref);
    }

  if (self->chooser == GTK_FILE_CHOOSER_NATIVE (dialog))
    g_clear_object (&self->chooser);
}

static void
open_chooser (CrMaterialsPage *self,
              const char      *slot,
              const char      *record,
              CrCaseMaterial  *replace)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) documents = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (!can_attach (self))
    return;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  self->chooser = gtk_file_chooser_native_new (replace != NULL ? _("Replace File")
                                                               : _("Attach Files"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               replace != NULL ? _("_Replace") : _("_Attach"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), replace == NULL);

  gtk_file_filter_set_name (documents, _("PDF Documents and Images"));
  gtk_file_filter_add_mime_type (documents, "application/pdf");
  gtk_file_filter_add_mime_type (documents, "image/*");
  gtk_file_filter_add_suffix (documents, "pdf");
  gtk_file_filter_add_suffix (documents, "jpg");
  gtk_file_filter_add_suffix (documents, "jpeg");
  gtk_file_filter_add_suffix (documents, "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), documents);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);

  g_object_set_data_full (G_OBJECT (self->chooser), "request",
                          attach_data_new (self, slot, record, replace, NULL),
                          (GDestroyNotify) attach_data_free);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
attach_cb (CrSlotRow       *row,
           CrMaterialsPage *self)
{
  open_chooser (self, cr_slot_row_get_slot_id (row), cr_slot_row_get_record_id (row), NULL);
}

static void
pasted_texture_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(AttachData) data = user_data;
  CrMaterialsPage *self = data->self;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  pending_done (self);
  texture = gdk_clipboard_read_texture_finish (GDK_CLIPBOARD (object), result, &error);
  if (texture == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("The clipboard holds no image or file to attach"));
      return;
    }
  if (data->case_ != cr_checked_page_case (self) || !can_attach (self))
    return;

  png = gdk_texture_save_to_png_bytes (texture);
  now = g_date_time_new_now_local ();
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  /* Translators: the file name of an image pasted from the clipboard; %s is
   * the date and time. Keep the .png extension. */
  name = g_strdup_printf (_("pasted-image-%s.png"), stamp);
  g_free (data->name);
  data->name = g_strdup (name);

  self->n_pending++;
  cr_attachments_save_bytes_async (cr_case_get_base_dir (cr_checked_page_case (self)), name, png,
                                   self->cancellable, imported_cb, g_steal_pointer (&data));
}

static void
pasted_files_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(AttachData) data = user_data;
  CrMaterialsPage *self = data->self;
  const GValue *value;
  g_autoptr(GError) error = NULL;

  pending_done (self);
  value = gdk_clipboard_read_value_finish (GDK_CLIPBOARD (object), result, &error);
  if (value == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, _("The clipboard holds no image or file to attach"));
      return;
    }
  if (data->case_ != cr_checked_page_case (self))
    return;

  {
    GSList *files = gdk_file_list_get_files (g_value_get_boxed (value));

    attach_files (self, data->slot, data->record, NULL, files);
    g_slist_free (files);
  }
}

static void
paste_cb (CrSlotRow       *row,
          CrMaterialsPage *self)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self));
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);
  AttachData *data;

  if (!can_attach (self))
    return;

  data = attach_data_new (self, cr_slot_row_get_slot_id (row), cr_slot_row_get_record_id (row),
                          NULL, NULL);
  self->n_pending++;

  /* Files copied in a file manager come as a list of files; screenshots
   * and images copied from a browser as image data. */
  if (gdk_content_formats_contain_gtype (formats, GDK_TYPE_FILE_LIST) ||
      gdk_content_formats_contain_mime_type (formats, "text/uri-list"))
    gdk_clipboard_read_value_async (clipboard, GDK_TYPE_FILE_LIST, G_PRIORITY_DEFAULT,
                                    self->cancellable, pasted_files_cb, data);
  else
    gdk_clipboard_read_texture_async (clipboard, self->cancellable, pasted_texture_cb, data);
}

static void
remove_material (CrMaterialsPage *self,
                 CrCaseMaterial  *material)
{
  CrCase *case_ = cr_checked_page_case (self);
  GListModel *materials = cr_case_get_materials (case_);
  g_autofree char *name = display_name (cr_case_material_get_path (material));

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(CrCaseMaterial) item = g_list_model_get_item (materials, i);
      g_autofree char *message = NULL;
      UndoData *undo;

      if (item != material)
        continue;

      undo = g_new0 (UndoData, 1);
      undo->case_ = g_object_ref (case_);
      undo->material = g_object_ref (material);
      undo->position = i;

      /* The file stays in the case folder until the case is cleaned up, so
       * that undo (or reverting to the saved case) still finds it. */
      cr_case_remove_material (case_, i);

      /* Translators: %s is a file name */
      message = g_strdup_printf (_("Removed “%s”"), name);
      show_undo_toast (self, message, undo);
      return;
    }
}

static void
material_remove_cb (CrMaterialRow   *row,
                    CrMaterialsPage *self)
{
  remove_material (self, cr_material_row_get_material (row));
}

static void
material_replace_cb (CrMaterialRow   *row,
                     CrMaterialsPage *self)
{
  CrCaseMaterial *material = cr_material_row_get_material (row);

  open_chooser (self, cr_case_material_get_slot (material), cr_case_material_get_record (material),
                material);
}

static void
material_preview_cb (CrMaterialRow   *row,
                     CrMaterialsPage *self)
{
  CrMaterialInfo *info = cr_material_row_get_info (row);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CrMaterialPreview *preview;

  if (info == NULL)
    return;

  preview = cr_material_preview_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, info);
  gtk_window_present (GTK_WINDOW (preview));
}

/* Updating the rows */

static CrSlotRow *
get_slot_row (CrMaterialsPage *self,
              const char      *slot,
              const char      *record)
{
  g_autofree char *key = slot_key (slot, record);
  CrSlotRow *row = g_hash_table_lookup (self->slot_rows, key);

  if (row != NULL)
    return row;

  row = g_object_ref_sink (cr_slot_row_new (slot, record));
  g_signal_connect (row, "files-dropped", G_CALLBACK (files_dropped_cb), self);
  g_signal_connect (row, "attach", G_CALLBACK (attach_cb), self);
  g_signal_connect (row, "paste", G_CALLBACK (paste_cb), self);
  g_hash_table_insert (self->slot_rows, g_steal_pointer (&key), row);

  return row;
}

static CrMaterialRow *
get_material_row (CrMaterialsPage *self,
                  CrCaseMaterial  *material)
{
  CrMaterialRow *row = g_hash_table_lookup (self->material_rows, material);

  /* A replaced file gets a new row. */
  if (row != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (row), "path"),
                                cr_case_material_get_path (material)) == 0)
    return row;

  row = g_object_ref_sink (cr_material_row_new (material));
  g_object_set_data_full (G_OBJECT (row), "path", g_strdup (cr_case_material_get_path (material)),
                          g_free);
  g_signal_connect (row, "remove", G_CALLBACK (material_remove_cb), self);
  g_signal_connect (row, "replace", G_CALLBACK (material_replace_cb), self);
  g_signal_connect (row, "preview", G_CALLBACK (material_preview_cb), self);
  g_hash_table_replace (self->material_rows, material, row);

  return row;
}

static GMenuModel *
make_add_menu (CrMaterialsPage *self,
               Section         *section,
               CrRuleSet       *rule_set,
               CrLanguage       language)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < cr_rule_set_get_n_slots (rule_set); i++)
    {
      const CrSlotDef *def = cr_rule_set_get_slot (rule_set, i);
      g_autofree char *key = NULL;
      g_autoptr(GMenuItem) item = NULL;
      gboolean shown = FALSE;

      if (def->case_wide != (section->record == NULL))
        continue;
      for (guint j = 0; j < section->slots->len && !shown; j++)
        shown = g_str_equal (((SlotEntry *) g_ptr_array_index (section->slots, j))->slot, def->id);
      if (shown)
        continue;

      key = slot_key (def->id, section->record);
      item = g_menu_item_new (cr_slot_def_get_name (def, language), NULL);
      g_menu_item_set_action_and_target_value (item, "materials.show-slot",
                                               g_variant_new_string (key));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
detach_slot_rows (CrMaterialsPage *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->slot_order->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->slot_order, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->slot_order, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->groups_box))) != NULL)
    gtk_box_remove (self->groups_box, child);
}

static void
rebuild_groups (CrMaterialsPage *self,
                GPtrArray       *sections,
                CrRuleSet       *rule_set,
                CrLanguage       language)
{
  g_autoptr(GHashTable) used = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer value;

  detach_slot_rows (self);

  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);
      GtkWidget *group = adw_preferences_group_new ();
      g_autoptr(GMenuModel) menu = make_add_menu (self, section, rule_set, language);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), section->title);
      if (section->description != NULL)
        adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                               section->description);

      if (g_menu_model_get_n_items (menu) > 0)
        {
          GtkWidget *button = gtk_menu_button_new ();

          gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "list-add-symbolic");
          gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), menu);
          gtk_widget_set_tooltip_text (button, _("Add Another Document"));
          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
        }

      for (guint j = 0; j < section->slots->len; j++)
        {
          SlotEntry *entry = g_ptr_array_index (section->slots, j);
          CrSlotRow *row = get_slot_row (self, entry->slot, section->record);

          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (row));
          g_ptr_array_add (self->slot_order, row);
          g_hash_table_add (used, row);
        }

      gtk_box_append (self->groups_box, group);
    }

  /* Forget the rows of slots no longer shown. */
  g_hash_table_iter_init (&iter, self->slot_rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!g_hash_table_contains (used, value))
      g_hash_table_iter_remove (&iter);
}

static void
update_slot_row (CrMaterialsPage *self,
                 CrSlotRow       *row,
                 gboolean         required,
                 CrRuleSet       *rule_set,
                 CrLanguage       language,
                 GHashTable      *used_materials,
                 guint           *n_problem_slots)
{
  const char *slot = cr_slot_row_get_slot_id (row);
  const char *record = cr_slot_row_get_record_id (row);
  const CrSlotDef *def = cr_rule_set_lookup_slot (rule_set, slot);
  GListModel *materials = cr_case_get_materials (cr_checked_page_case (self));
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean inspecting = FALSE;
  CrSeverity worst = CR_SEVERITY_INFO;
  guint n_problems = 0;
  CrSlotState state;

  cr_slot_row_set_definition (row, rule_set, def,
                              required ? cr_rule_set_find_slot_rule (rule_set, slot) : NULL,
                              required, language);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(CrCaseMaterial) material = g_list_model_get_item (materials, i);
      CrMaterialRow *material_row;
      g_autofree char *key = NULL;
      CrMaterialInfo *info;

      if (!g_str_equal (cr_case_material_get_slot (material), slot) ||
          g_strcmp0 (cr_case_material_get_record (material), record) != 0)
        continue;

      material_row = get_material_row (self, material);
      g_hash_table_add (used_materials, material);
      g_ptr_array_add (rows, material_row);

      key = material_key (self, cr_case_material_get_path (material));
      info = g_hash_table_lookup (self->infos, key);
      if (info == NULL)
        {
          inspecting = TRUE;
          cr_material_row_set_info (material_row, NULL, NULL);
          ensure_inspected (self, cr_case_material_get_path (material), key);
        }
      else
        {
          g_autoptr(GPtrArray) problems = cr_material_info_collect_problems (info, def);
          gboolean any;
          CrSeverity severity = cr_problem_list_max_severity (problems, &any);

          if (cr_material_row_get_info (material_row) != info ||
              cr_material_row_get_problems (material_row) == NULL ||
              cr_material_row_get_problems (material_row)->len != problems->len)
            cr_material_row_set_info (material_row, info, problems);
          if (any)
            worst = MAX (worst, severity);
          n_problems += problems->len;
        }

      {
        GdkTexture *texture = g_hash_table_lookup (self->thumbnails, key);

        if (texture != cr_material_row_get_thumbnail (material_row))
          cr_material_row_set_thumbnail (material_row, texture);
      }
    }

  cr_slot_row_set_material_rows (row, rows);

  if (rows->len == 0)
    state = required ? CR_SLOT_STATE_MISSING : CR_SLOT_STATE_OPTIONAL;
  else if (inspecting)
    state = CR_SLOT_STATE_INSPECTING;
  else if (n_problems == 0)
    state = CR_SLOT_STATE_ATTACHED;
  else
    state = worst == CR_SEVERITY_ERROR ? CR_SLOT_STATE_ERRORS : CR_SLOT_STATE_WARNINGS;

  if (state == CR_SLOT_STATE_ERRORS || state == CR_SLOT_STATE_WARNINGS)
    (*n_problem_slots)++;

  cr_slot_row_set_state (row, state, n_problems);
}

static void
update (CrMaterialsPage *self)
{
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GHashTable) used_materials = g_hash_table_new (NULL, NULL);
  g_autofree char *signature = NULL;
  g_autofree char *summary = NULL;
  CrCase *case_ = cr_checked_page_case (self);
  CrCheckResult *result = cr_checked_page_result (self);
  CrRuleSet *rule_set;
  CrLanguage language;
  guint n_required = 0, n_filled = 0, n_problem_slots = 0;
  GHashTableIter iter;
  gpointer key;

  if (case_ == NULL || result == NULL)
    {
      detach_slot_rows (self);
      g_hash_table_remove_all (self->slot_rows);
      g_hash_table_remove_all (self->material_rows);
      g_clear_pointer (&self->signature, g_free);
      adw_status_page_set_title (self->empty_page, case_ == NULL
                                 ? _("No Case Open")
                                 : _("Checking the Case…"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  rule_set = cr_check_result_get_rule_set (result);
  language = cr_check_result_get_language (result);
  sections = collect_sections (self);

  if (sections->len == 0)
    {
      detach_slot_rows (self);
      g_clear_pointer (&self->signature, g_free);
      adw_status_page_set_title (self->empty_page, _("No Materials Needed Yet"));
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  signature = sections_signature (sections);
  if (g_strcmp0 (signature, self->signature) != 0)
    {
      rebuild_groups (self, sections, rule_set, language);
      g_free (self->signature);
      self->signature = g_steal_pointer (&signature);
    }

  for (guint i = 0; i < sections->len; i++)
    {
      Section *section = g_ptr_array_index (sections, i);

      for (guint j = 0; j < section->slots->len; j++)
        {
          SlotEntry *entry = g_ptr_array_index (section->slots, j);
          CrSlotRow *row = get_slot_row (self, entry->slot, section->record);
          CrSlotState state;

          update_slot_row (self, row, entry->required, rule_set, language, used_materials,
                           &n_problem_slots);
          state = cr_slot_row_get_state (row);
          if (entry->required)
            {
              n_required++;
              if (state != CR_SLOT_STATE_MISSING)
                n_filled++;
            }
        }
    }

  /* Drop the rows of materials that are gone. */
  g_hash_table_iter_init (&iter, self->material_rows);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (used_materials, key))
      g_hash_table_iter_remove (&iter);

  if (self->expand_key != NULL)
    {
      CrSlotRow *row = g_hash_table_lookup (self->slot_rows, self->expand_key);

      if (row != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
      g_clear_pointer (&self->expand_key, g_free);
    }

  if (n_required == 0)
    summary = g_strdup (_("The rules in force require no documents for this case."));
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u of %u required document attached.",
                                            "%u of %u required documents attached.",
                                            n_required),
                               n_filled, n_required);
  if (n_problem_slots > 0)
    {
      g_autofree char *problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%u has problems to look at.",
                                                                "%u have problems to look at.",
                                                                n_problem_slots),
                                                   n_problem_slots);
      g_autofree char *both = g_strjoin (" ", summary, problems, NULL);

      g_free (summary);
      summary = g_steal_pointer (&both);
    }
  gtk_label_set_label (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, "slots");
}

static gboolean
update_cb (gpointer user_data)
{
  CrMaterialsPage *self = user_data;

  self->update_source = 0;
  update (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update (CrMaterialsPage *self)
{
  if (is_disposed (self))
    return;
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_cb, self, NULL);
}

static void
show_slot_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CrMaterialsPage *self = CR_MATERIALS_PAGE (widget);
  const char *key = g_variant_get_string (parameter, NULL);

  g_hash_table_add (self->extra_slots, g_strdup (key));
  g_free (self->expand_key);
  self->expand_key = g_strdup (key);
  queue_update (self);
}

/* CrCheckedPage */

static void
cr_materials_page_case_changed (CrCheckedPage *page)
{
  CrMaterialsPage *self = CR_MATERIALS_PAGE (page);

  /* Work for the previous case is of no use any more. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->infos);
  g_hash_table_remove_all (self->thumbnails);
  g_hash_table_remove_all (self->inspecting);
  g_hash_table_remove_all (self->extra_slots);

  update (self);
}

static void
cr_materials_page_queue_update (CrCheckedPage *page)
{
  queue_update (CR_MATERIALS_PAGE (page));
}

/**
 * cr_materials_page_focus_slot:
 * @record_id: (nullable): the record, or %NULL for the whole case
 * @slot_id: an upload slot
 *
 * Shows the slot (even one no rule asks for), expanded, and focuses it:
 * where a finding about a missing material takes the user.
 *
 * Returns: whether the page has the case and the record
 */
gboolean
cr_materials_page_focus_slot (CrMaterialsPage *self,
                              const char      *record_id,
                              const char      *slot_id)
{
  g_autofree char *key = NULL;
  CrCase *case_;
  CrSlotRow *row;

  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), FALSE);
  g_return_val_if_fail (slot_id != NULL, FALSE);

  case_ = cr_checked_page_case (self);
  if (case_ == NULL || cr_checked_page_result (self) == NULL ||
      (record_id != NULL && cr_case_find_record (case_, record_id) == NULL))
    return FALSE;

  key = slot_key (slot_id, record_id);
  if (!g_hash_table_contains (self->slot_rows, key))
    g_hash_table_add (self->extra_slots, g_strdup (key));

  /* Build the rows now, so that the one asked for can take the focus. */
  g_clear_handle_id (&self->update_source, g_source_remove);
  update (self);

  row = g_hash_table_lookup (self->slot_rows, key);
  if (row == NULL)
    return FALSE;

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  /* The expander row passes the focus on to its header. */
  if (!gtk_widget_grab_focus (GTK_WIDGET (row)))
    gtk_widget_child_focus (GTK_WIDGET (row), GTK_DIR_TAB_FORWARD);
  return TRUE;
}

/* "/materials/<n>…": the slot of the n-th material, with its file. */
static gboolean
cr_materials_page_focus_pointer (CrCheckedPage *page,
                                 const char    *pointer)
{
  CrMaterialsPage *self = CR_MATERIALS_PAGE (page);
  CrCase *case_ = cr_checked_page_get_case (page);
  const char *rest;
  char *end = NULL;
  guint64 index;
  g_autoptr(CrCaseMaterial) material = NULL;
  CrMaterialRow *material_row;

  if (case_ == NULL || !g_str_has_prefix (pointer, "/materials/"))
    return FALSE;

  rest = pointer + strlen ("/materials/");
  index = g_ascii_strtoull (rest, &end, 10);
  if (end == rest || (*end != '\0' && *end != '/') || index >= cr_case_get_n_materials (case_))
    return FALSE;

  material = g_object_ref (cr_case_get_material (case_, (guint) index));
  if (!cr_materials_page_focus_slot (self, cr_case_material_get_record (material),
                                     cr_case_material_get_slot (material)))
    return FALSE;

  material_row = g_hash_table_lookup (self->material_rows, material);
  if (material_row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (material_row));
  return TRUE;
}

/* For the tests */

GPtrArray *
cr_materials_page_get_slot_rows (CrMaterialsPage *self)
{
  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), NULL);

  if (self->update_source != 0)
    {
      g_clear_handle_id (&self->update_source, g_source_remove);
      update (self);
    }

  return self->slot_order;
}

CrSlotRow *
cr_materials_page_find_slot_row (CrMaterialsPage *self,
                                 const char      *record_id,
                                 const char      *slot_id)
{
  g_autofree char *key = slot_key (slot_id, record_id);

  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), NULL);

  cr_materials_page_get_slot_rows (self);
  return g_hash_table_lookup (self->slot_rows, key);
}

guint
cr_materials_page_get_n_pending (CrMaterialsPage *self)
{
  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), 0);

  return self->n_pending + (self->update_source != 0 ? 1 : 0);
}

AdwToast *
cr_materials_page_get_undo_toast (CrMaterialsPage *self)
{
  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), NULL);

  return self->undo_toast;
}

const char *
cr_materials_page_get_summary (CrMaterialsPage *self)
{
  g_return_val_if_fail (CR_IS_MATERIALS_PAGE (self), NULL);

  cr_materials_page_get_slot_rows (self);
  return gtk_label_get_label (self->summary_label);
}

/* GObject */

static void
cr_materials_page_dispose (GObject *object)
{
  CrMaterialsPage *self = CR_MATERIALS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;

  if (self->slot_order != NULL)
    detach_slot_rows (self);
  g_clear_pointer (&self->slot_rows, g_hash_table_unref);
  g_clear_pointer (&self->material_rows, g_hash_table_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_MATERIALS_PAGE);

  G_OBJECT_CLASS (cr_materials_page_parent_class)->dispose (object);
}

static void
cr_materials_page_finalize (GObject *object)
{
  CrMaterialsPage *self = CR_MATERIALS_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->infos, g_hash_table_unref);
  g_clear_pointer (&self->thumbnails, g_hash_table_unref);
  g_clear_pointer (&self->inspecting, g_hash_table_unref);
  g_clear_pointer (&self->extra_slots, g_hash_table_unref);
  g_clear_pointer (&self->slot_order, g_ptr_array_unref);
  g_free (self->signature);
  g_free (self->expand_key);

  G_OBJECT_CLASS (cr_materials_page_parent_class)->finalize (object);
}

static void
cr_materials_page_class_init (CrMaterialsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CrCheckedPageClass *checked_class = CR_CHECKED_PAGE_CLASS (klass);

  object_class->dispose = cr_materials_page_dispose;
  object_class->finalize = cr_materials_page_finalize;

  checked_class->case_changed = cr_materials_page_case_changed;
  checked_class->case_edited = cr_materials_page_queue_update;
  checked_class->result_changed = cr_materials_page_queue_update;
  checked_class->focus_pointer = cr_materials_page_focus_pointer;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/materials/cr-materials-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrMaterialsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CrMaterialsPage, groups_box);

  gtk_widget_class_install_action (widget_class, "materials.show-slot", "s", show_slot_action);
}

static void
cr_materials_page_init (CrMaterialsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->infos = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->thumbnails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->inspecting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->slot_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->material_rows = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->extra_slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->slot_order = g_ptr_array_new ();

  update (self);
}
