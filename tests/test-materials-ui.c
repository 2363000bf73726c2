/* test-materials-ui.c: drives the Materials page with real files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The case lives in a case store in a temporary folder and is checked by
 * a re-check after every change, as the case view's check controller does. Files are made by the
 * test (a PDF with cairo, a JPEG with gdk-pixbuf named .pdf) and attached
 * through the same code a drop runs (the slot row's GtkDropTarget::drop).
 * Expected texts come from the same message ids the page uses, so the test
 * passes in any language: run it with LANGUAGE=zh_CN and
 * CREDIT_REPAIR_TEST_SCREENSHOTS=DIR to see the page in Chinese.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-case-store.h"
#include "cr-check-controller.h"
#include "cr-case-page.h"
#include "cr-case-view.h"
#include "cr-checker.h"
#include "cr-core.h"
#include "cr-test-case-fixture.h"
#include "materials/cr-material-preview.h"
#include "cr-test-ui.h"
#include "materials/cr-material-row.h"
#include "materials/cr-materials-page-private.h"
#include "materials/cr-materials-util.h"
#include "submit/cr-submit-page.h"

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 10)

typedef struct
{
  char              *dir;
  CrCaseStore       *store;
  CrCase            *case_;
  CrTestChecker      checker;
  GtkWindow         *window;
  CrMaterialsPage   *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cr-materials-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->case_ = cr_test_create_sample_case (fixture->dir, NULL, &fixture->store);
  g_assert_nonnull (cr_case_get_base_dir (fixture->case_));

  /* Order 58 is in force on this date: it asks for an identity document for
   * the whole case, besides the records' own documents. */

  fixture->page = cr_materials_page_new ();
  fixture->window = cr_test_page_window_new (GTK_WIDGET (fixture->page), 900, 900);
  cr_test_checker_start (&fixture->checker, fixture->case_, G_OBJECT (fixture->page),
                         G_DATE_DECEMBER, 2025);
  gtk_window_present (fixture->window);

  WAIT_FOR (cr_checked_page_get_check_result (CR_CHECKED_PAGE (fixture->page)) != NULL);
  g_assert_nonnull (cr_checked_page_get_check_result (CR_CHECKED_PAGE (fixture->page)));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  WAIT_FOR (cr_materials_page_get_n_pending (fixture->page) == 0);
  cr_test_ui_close_toplevels ();
  cr_test_checker_stop (&fixture->checker);
  g_clear_object (&fixture->case_);
  g_clear_object (&fixture->store);
  cr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
make_pdf (Fixture    *fixture,
          const char *name,
          int         n_pages)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "source", NULL);
  char *path = g_build_filename (dir, name, NULL);
  cairo_surface_t *surface;
  cairo_t *cr;

  g_mkdir_with_parents (dir, 0700);
  surface = cairo_pdf_surface_create (path, 595, 842);
  cr = cairo_create (surface);
  for (int i = 0; i < n_pages; i++)
    {
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.4);
      cairo_rectangle (cr, 50, 50, 495, 80);
      cairo_fill (cr);
      cairo_move_to (cr, 60, 200);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, "Receipt");
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return path;
}

static char *
make_jpeg (Fixture    *fixture,
           const char *name)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "source", NULL);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 400, 300);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", "90", NULL);
  g_assert_no_error (error);

  return path;
}

/* What a drop of @paths on the slot row does. */
static void
drop_files (CrSlotRow          *row,
            const char * const *paths)
{
  GtkDropTarget *target = cr_slot_row_get_drop_target (row);
  GSList *files = NULL;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  for (guint i = 0; paths[i] != NULL; i++)
    files = g_slist_append (files, g_file_new_for_path (paths[i]));

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_true (handled);

  g_value_unset (&value);
  g_slist_free_full (files, g_object_unref);
}

static void
wait_idle (Fixture *fixture)
{
  WAIT_FOR (cr_materials_page_get_n_pending (fixture->page) == 0 &&
            fixture->checker.source == 0);
  g_assert_cmpuint (cr_materials_page_get_n_pending (fixture->page), ==, 0);
  cr_test_ui_flush_events ();
}

static CrSlotRow *
find_row (Fixture    *fixture,
          const char *record,
          const char *slot)
{
  CrSlotRow *row = cr_materials_page_find_slot_row (fixture->page, record, slot);

  g_assert_nonnull (row);
  return row;
}

static CrMaterialRow *
first_material_row (CrSlotRow *row)
{
  GPtrArray *rows = cr_slot_row_get_material_rows (row);

  g_assert_cmpuint (rows->len, >, 0);
  return g_ptr_array_index (rows, 0);
}

static char *
summary_text (guint n_filled,
              guint n_required)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u required document attached.",
                                       "%u of %u required documents attached.", n_required),
                          n_filled, n_required);
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *code)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    if (g_str_equal (((CrProblem *) g_ptr_array_index (problems, i))->code, code))
      return TRUE;

  return FALSE;
}

static void
test_checklist (Fixture       *fixture,
                gconstpointer  user_data)
{
  GPtrArray *rows;
  CrSlotRow *row;

  wait_idle (fixture);
  rows = cr_materials_page_get_slot_rows (fixture->page);
  g_assert_cmpuint (rows->len, ==, 4);

  /* The identity document serves the whole case; the others the record. */
  row = find_row (fixture, NULL, "identity_proof");
  g_assert_true (cr_slot_row_get_required (row));
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_MISSING);
  {
    const CrSlotDef *def = cr_slot_row_get_definition (row);
    CrLanguage language = cr_check_result_get_language (
                            cr_checked_page_get_check_result (CR_CHECKED_PAGE (fixture->page)));
    g_autofree char *title = NULL;

    g_assert_nonnull (def);
    title = cr_slot_title (cr_slot_def_get_name (def, language));
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, title);
    if (language == CR_LANGUAGE_EN)
      g_assert_cmpstr (title, ==, "Legal representative certificate or power of attorney");
  }
  for (guint i = 0; i < 3; i++)
    {
      const char *slot = (const char *[]) { "payment_proof", "rectification_proof",
                                            "commitment" }[i];

      row = find_row (fixture, "r1", slot);
      g_assert_true (cr_slot_row_get_required (row));
      g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_MISSING);
      g_assert_nonnull (cr_slot_row_get_definition (row));
    }
  {
    g_autofree char *summary = summary_text (0, 4);

    g_assert_cmpstr (cr_materials_page_get_summary (fixture->page), ==, summary);
  }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_row (fixture, "r1", "commitment")), TRUE);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "materials-checklist");
}

static void
test_attach_by_drop (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *pdf = make_pdf (fixture, "receipt.pdf", 2);
  g_autofree char *copy = NULL;
  g_autofree char *copy2 = NULL;
  CrSlotRow *row;
  CrMaterialRow *material_row;
  CrMaterialInfo *info;
  CrCaseMaterial *material;

  wait_idle (fixture);
  row = find_row (fixture, "r1", "payment_proof");
  drop_files (row, (const char *[]) { pdf, NULL });
  wait_idle (fixture);

  /* Copied into the case folder, and the case points to the copy. */
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 1);
  material = cr_case_get_material (fixture->case_, 0);
  g_assert_cmpstr (cr_case_material_get_slot (material), ==, "payment_proof");
  g_assert_cmpstr (cr_case_material_get_record (material), ==, "r1");
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "attachments/receipt.pdf");
  copy = g_build_filename (cr_case_get_base_dir (fixture->case_), "attachments", "receipt.pdf",
                           NULL);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (copy, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  row = find_row (fixture, "r1", "payment_proof");
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_ATTACHED);
  material_row = first_material_row (row);
  info = cr_material_row_get_info (material_row);
  g_assert_nonnull (info);
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "pdf");
  g_assert_cmpint (cr_material_info_get_n_pages (info), ==, 2);
  g_assert_cmpuint (cr_material_row_get_problems (material_row)->len, ==, 0);
  WAIT_FOR (cr_material_row_get_thumbnail (material_row) != NULL);
  g_assert_nonnull (cr_material_row_get_thumbnail (material_row));
  {
    g_autofree char *summary = summary_text (1, 4);

    g_assert_cmpstr (cr_materials_page_get_summary (fixture->page), ==, summary);
  }

  /* The same name again is numbered, never overwritten. */
  drop_files (row, (const char *[]) { pdf, NULL });
  wait_idle (fixture);
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 2);
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (fixture->case_, 1)), ==,
                   "attachments/receipt (2).pdf");
  copy2 = g_build_filename (cr_case_get_base_dir (fixture->case_), "attachments",
                            "receipt (2).pdf", NULL);
  g_assert_true (g_file_test (copy2, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (cr_slot_row_get_material_rows (row)->len, ==, 2);

  /* The larger preview renders the first page. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "materials-attached");
  gtk_widget_activate_action (GTK_WIDGET (material_row), "material.preview", NULL);
  WAIT_FOR (cr_test_ui_find_toplevel (CR_TYPE_MATERIAL_PREVIEW) != NULL);
  {
    GtkWindow *preview = cr_test_ui_find_toplevel (CR_TYPE_MATERIAL_PREVIEW);

    g_assert_nonnull (preview);
    WAIT_FOR (cr_material_preview_get_loaded (CR_MATERIAL_PREVIEW (preview)));
    g_assert_true (cr_material_preview_get_loaded (CR_MATERIAL_PREVIEW (preview)));
    cr_test_ui_save_screenshot (GTK_WIDGET (preview), "materials-preview");
    gtk_window_destroy (preview);
  }
}

static void
test_bad_file (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *jpeg = make_jpeg (fixture, "commitment.pdf");
  CrSlotRow *row;
  CrMaterialRow *material_row;
  GPtrArray *problems;
  const CrProblem *problem = NULL;

  wait_idle (fixture);
  row = find_row (fixture, "r1", "commitment");
  drop_files (row, (const char *[]) { jpeg, NULL });
  wait_idle (fixture);

  /* A JPEG named .pdf: the content decides, and the finding names the file. */
  row = find_row (fixture, "r1", "commitment");
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_ERRORS);
  material_row = first_material_row (row);
  g_assert_cmpstr (cr_material_info_get_format (cr_material_row_get_info (material_row)), ==,
                   "jpeg");
  problems = cr_material_row_get_problems (material_row);
  g_assert_true (has_problem (problems, "material-type-mismatch"));
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((CrProblem *) g_ptr_array_index (problems, i))->code,
                     "material-type-mismatch"))
      problem = g_ptr_array_index (problems, i);
  g_assert_nonnull (strstr (problem->message, "commitment.pdf"));
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_ERROR);
  {
    g_autofree char *with_problems = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u has problems to look at.",
                                                                   "%u have problems to look at.",
                                                                   1), 1);

    g_assert_nonnull (strstr (cr_materials_page_get_summary (fixture->page), with_problems));
  }

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "materials-bad-file");
}

static void
test_remove_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *pdf = make_pdf (fixture, "letter.pdf", 1);
  CrSlotRow *row;
  AdwToast *toast;

  wait_idle (fixture);
  drop_files (find_row (fixture, NULL, "identity_proof"), (const char *[]) { pdf, NULL });
  wait_idle (fixture);
  row = find_row (fixture, NULL, "identity_proof");
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_ATTACHED);
  g_assert_null (cr_case_material_get_record (cr_case_get_material (fixture->case_, 0)));

  gtk_widget_activate_action (GTK_WIDGET (first_material_row (row)), "material.remove", NULL);
  wait_idle (fixture);
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 0);
  g_assert_cmpint (cr_slot_row_get_state (find_row (fixture, NULL, "identity_proof")), ==,
                   CR_SLOT_STATE_MISSING);
  toast = cr_materials_page_get_undo_toast (fixture->page);
  g_assert_nonnull (toast);
  {
    g_autofree char *title = g_strdup_printf (_("Removed “%s”"), "letter.pdf");

    g_assert_cmpstr (adw_toast_get_title (toast), ==, title);
  }
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "materials-removed");

  g_signal_emit_by_name (toast, "button-clicked");
  wait_idle (fixture);
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 1);
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (fixture->case_, 0)), ==,
                   "attachments/letter.pdf");
  g_assert_cmpint (cr_slot_row_get_state (find_row (fixture, NULL, "identity_proof")), ==,
                   CR_SLOT_STATE_ATTACHED);
}

static void
test_replace_undo (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *first = make_pdf (fixture, "receipt-old.pdf", 1);
  g_autofree char *second = make_pdf (fixture, "receipt-new.pdf", 3);
  g_autoptr(GFile) file = g_file_new_for_path (second);
  CrCaseMaterial *material;
  CrMaterialRow *material_row;

  wait_idle (fixture);
  drop_files (find_row (fixture, "r1", "payment_proof"), (const char *[]) { first, NULL });
  wait_idle (fixture);
  material = cr_case_get_material (fixture->case_, 0);

  cr_materials_page_replace_material (fixture->page, material, file);
  wait_idle (fixture);
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 1);
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "attachments/receipt-new.pdf");
  material_row = first_material_row (find_row (fixture, "r1", "payment_proof"));
  g_assert_cmpint (cr_material_info_get_n_pages (cr_material_row_get_info (material_row)), ==, 3);

  g_signal_emit_by_name (cr_materials_page_get_undo_toast (fixture->page), "button-clicked");
  wait_idle (fixture);
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "attachments/receipt-old.pdf");
  material_row = first_material_row (find_row (fixture, "r1", "payment_proof"));
  g_assert_cmpint (cr_material_info_get_n_pages (cr_material_row_get_info (material_row)), ==, 1);
}

static void
test_paste_image (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1240, 1754);
  g_autoptr(GdkTexture) texture = NULL;
  GdkClipboard *clipboard;
  CrSlotRow *row;
  CrCaseMaterial *material;
  g_autofree char *path = NULL;

  wait_idle (fixture);
  gdk_pixbuf_fill (pixbuf, 0xffffffff);
  texture = gdk_texture_new_for_pixbuf (pixbuf);
  clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->page));
  gdk_clipboard_set_texture (clipboard, texture);

  row = find_row (fixture, "r1", "rectification_proof");
  gtk_widget_activate_action (GTK_WIDGET (row), "slot.paste", NULL);
  wait_idle (fixture);

  /* Saved as a PNG in the case folder. */
  g_assert_cmpuint (cr_case_get_n_materials (fixture->case_), ==, 1);
  material = cr_case_get_material (fixture->case_, 0);
  g_assert_cmpstr (cr_case_material_get_slot (material), ==, "rectification_proof");
  {
    /* The name is translated: "pasted-image-%s.png" up to the date. */
    g_autofree char *prefix = g_strdup (_("pasted-image-%s.png"));
    g_autofree char *expected = NULL;

    *strstr (prefix, "%s") = '\0';
    expected = g_build_filename ("attachments", prefix, NULL);
    g_assert_true (g_str_has_prefix (cr_case_material_get_path (material), expected));
  }
  g_assert_true (g_str_has_suffix (cr_case_material_get_path (material), ".png"));
  path = cr_case_resolve_path (fixture->case_, cr_case_material_get_path (material));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  row = find_row (fixture, "r1", "rectification_proof");
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_ATTACHED);
  g_assert_cmpstr (cr_material_info_get_format (cr_material_row_get_info (first_material_row (row))),
                   ==, "png");
}

static void
test_add_other_slot (Fixture       *fixture,
                     gconstpointer  user_data)
{
  CrSlotRow *row;

  wait_idle (fixture);
  g_assert_null (cr_materials_page_find_slot_row (fixture->page, "r1", "other"));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "materials.show-slot", "s",
                              "other\x1fr1");
  wait_idle (fixture);
  row = find_row (fixture, "r1", "other");
  g_assert_false (cr_slot_row_get_required (row));
  g_assert_cmpint (cr_slot_row_get_state (row), ==, CR_SLOT_STATE_OPTIONAL);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
}

/* In the case view the page follows the check controller, case and result. */
static void
test_controller (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CrCheckController) controller = cr_check_controller_new ();
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  g_autofree char *pdf = make_pdf (fixture, "commitment.pdf", 1);
  CrMaterialsPage *page = cr_materials_page_new ();
  GtkWidget *window = adw_window_new ();
  GDate date;

  /* The fixture's own checker lets go of the case. */
  cr_test_checker_stop (&fixture->checker);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_DECEMBER, 2025);
  cr_check_controller_set_delay (controller, 0);
  cr_check_controller_set_rule_sets (controller, rules);
  cr_check_controller_set_date (controller, &date);
  cr_check_controller_set_case (controller, fixture->case_);

  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (page));
  g_object_set (page, "controller", controller, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (cr_checked_page_get_controller (CR_CHECKED_PAGE (page)) == controller);
  g_assert_true (cr_checked_page_get_case (CR_CHECKED_PAGE (page)) == fixture->case_);

  WAIT_FOR (cr_checked_page_get_check_result (CR_CHECKED_PAGE (page)) != NULL &&
            cr_materials_page_get_n_pending (page) == 0);
  g_assert_true (cr_checked_page_get_check_result (CR_CHECKED_PAGE (page)) ==
                 cr_check_controller_get_result (controller));
  g_assert_cmpint (cr_slot_row_get_state (cr_materials_page_find_slot_row (page, "r1",
                                                                           "commitment")),
                   ==, CR_SLOT_STATE_MISSING);

  drop_files (cr_materials_page_find_slot_row (page, "r1", "commitment"),
              (const char *[]) { pdf, NULL });
  WAIT_FOR (cr_materials_page_get_n_pending (page) == 0 &&
            !cr_check_controller_get_busy (controller) &&
            cr_check_controller_get_n_checks (controller) >= 2);
  g_assert_cmpint (cr_slot_row_get_state (cr_materials_page_find_slot_row (page, "r1",
                                                                           "commitment")),
                   ==, CR_SLOT_STATE_ATTACHED);
  g_assert_true (cr_checked_page_get_check_result (CR_CHECKED_PAGE (page)) ==
                 cr_check_controller_get_result (controller));

  /* Another case in the controller is another case on the page. */
  cr_check_controller_set_case (controller, NULL);
  g_assert_null (cr_checked_page_get_case (CR_CHECKED_PAGE (page)));

  g_object_set (page, "controller", NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Findings and fields lead here: a material by its pointer, a slot by id. */
static void
test_focus (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *pdf = make_pdf (fixture, "receipt.pdf", 1);
  CrCasePage *page = CR_CASE_PAGE (fixture->page);
  CrSlotRow *row;

  wait_idle (fixture);
  drop_files (find_row (fixture, "r1", "payment_proof"), (const char *[]) { pdf, NULL });
  wait_idle (fixture);

  g_assert_true (cr_case_page_focus_pointer (page, "/materials/0"));
  row = find_row (fixture, "r1", "payment_proof");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (has_focus_within (GTK_WIDGET (first_material_row (row))));

  g_assert_false (cr_case_page_focus_pointer (page, "/materials/1"));
  g_assert_false (cr_case_page_focus_pointer (page, "/materials/x"));
  g_assert_false (cr_case_page_focus_pointer (page, "/records/0/decision_date"));

  /* A slot no rule asks for is shown when a finding names it. */
  g_assert_null (cr_materials_page_find_slot_row (fixture->page, "r1", "credit_report"));
  g_assert_true (cr_materials_page_focus_slot (fixture->page, "r1", "credit_report"));
  row = find_row (fixture, "r1", "credit_report");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  g_assert_true (has_focus_within (GTK_WIDGET (row)));
  g_assert_false (cr_materials_page_focus_slot (fixture->page, "r9", "commitment"));
}

/* The Materials and Submit tabs of the case view follow its check. */
static void
test_in_case_view (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CrRuleSetCollection) rules = cr_rule_set_collection_new_default ();
  GtkWidget *window = adw_window_new ();
  GtkWidget *view = cr_case_view_new ();
  CrCheckController *controller;
  GtkWidget *materials, *submit;
  GDate date;

  cr_test_checker_stop (&fixture->checker);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 800);
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  /* Outside the application, the view's controller gets the rules here. */
  materials = cr_case_view_get_page (CR_CASE_VIEW (view), "materials");
  submit = cr_case_view_get_page (CR_CASE_VIEW (view), "submit");
  g_assert_true (CR_IS_MATERIALS_PAGE (materials));
  g_assert_true (CR_IS_SUBMIT_PAGE (submit));
  controller = cr_checked_page_get_controller (CR_CHECKED_PAGE (materials));
  g_assert_nonnull (controller);
  g_assert_true (cr_checked_page_get_controller (CR_CHECKED_PAGE (submit)) == controller);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_DECEMBER, 2025);
  cr_check_controller_set_rule_sets (controller, rules);
  cr_check_controller_set_date (controller, &date);
  cr_case_view_set_case (CR_CASE_VIEW (view), fixture->case_);
  g_assert_true (cr_checked_page_get_case (CR_CHECKED_PAGE (materials)) == fixture->case_);
  g_assert_true (cr_checked_page_get_case (CR_CHECKED_PAGE (submit)) == fixture->case_);

  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (CR_CASE_VIEW (view)), "materials");
  WAIT_FOR (cr_checked_page_get_check_result (CR_CHECKED_PAGE (materials)) != NULL &&
            cr_materials_page_get_n_pending (CR_MATERIALS_PAGE (materials)) == 0);
  g_assert_true (cr_checked_page_get_check_result (CR_CHECKED_PAGE (materials)) ==
                 cr_check_controller_get_result (controller));
  g_assert_cmpuint (cr_materials_page_get_slot_rows (CR_MATERIALS_PAGE (materials))->len, ==, 4);
  cr_test_ui_save_screenshot (window, "case-view-materials");

  /* A pointer to a material leads to the Materials tab. */
  {
    g_autofree char *pdf = make_pdf (fixture, "letter.pdf", 1);
    g_autoptr(CrCaseMaterial) material = NULL;
    g_autofree char *copy = NULL;

    adw_view_stack_set_visible_child_name (cr_case_view_get_stack (CR_CASE_VIEW (view)),
                                           "company");
    drop_files (cr_materials_page_find_slot_row (CR_MATERIALS_PAGE (materials), NULL,
                                                 "identity_proof"),
                (const char *[]) { pdf, NULL });
    WAIT_FOR (cr_materials_page_get_n_pending (CR_MATERIALS_PAGE (materials)) == 0 &&
              cr_case_get_n_materials (fixture->case_) == 1);
    g_assert_true (cr_case_view_focus_pointer (CR_CASE_VIEW (view), "/materials/0"));
    g_assert_cmpstr (adw_view_stack_get_visible_child_name (
                       cr_case_view_get_stack (CR_CASE_VIEW (view))), ==, "materials");
  }

  adw_view_stack_set_visible_child_name (cr_case_view_get_stack (CR_CASE_VIEW (view)), "submit");
  WAIT_FOR (cr_checked_page_get_check_result (CR_CHECKED_PAGE (submit)) != NULL);
  cr_test_ui_save_screenshot (window, "case-view-submit");

  cr_case_view_set_case (CR_CASE_VIEW (view), NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A case kept outside any folder cannot own copies of files. */
static void
test_no_folder (void)
{
  g_autoptr(CrCase) case_ = cr_case_new ();
  g_autoptr(CrCaseRecord) record = cr_case_record_new ("r1");
  CrMaterialsPage *page = cr_materials_page_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/null");
  g_autoptr(CrCaseMaterial) material = cr_case_material_new ("commitment", "r1", "a.pdf");

  g_object_ref_sink (page);
  cr_case_add_record (case_, record);
  cr_case_add_material (case_, material);
  cr_checked_page_set_case (CR_CHECKED_PAGE (page), case_);
  cr_materials_page_replace_material (page, material, file);
  g_assert_cmpuint (cr_materials_page_get_n_pending (page), ==, 0);
  g_assert_cmpstr (cr_case_material_get_path (material), ==, "a.pdf");

  cr_checked_page_set_case (CR_CHECKED_PAGE (page), NULL);
  g_assert_finalize_object (page);
}

int
main (int   argc,
      char *argv[])
{
  if (!cr_test_ui_has_display ())
    {
      g_print ("1..0 # SKIP no display\n");
      return 77;
    }

  cr_core_init_i18n ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/ui/materials/checklist", test_checklist);
  ADD ("/ui/materials/attach-by-drop", test_attach_by_drop);
  ADD ("/ui/materials/bad-file", test_bad_file);
  ADD ("/ui/materials/remove-undo", test_remove_undo);
  ADD ("/ui/materials/replace-undo", test_replace_undo);
  ADD ("/ui/materials/paste-image", test_paste_image);
  ADD ("/ui/materials/add-other-slot", test_add_other_slot);
  ADD ("/ui/materials/controller", test_controller);
  ADD ("/ui/materials/focus", test_focus);
  ADD ("/ui/materials/in-case-view", test_in_case_view);
  g_test_add_func ("/ui/materials/no-folder", test_no_folder);

  return g_test_run ();
}
