/* test-submit-ui.c: drives the Submit page: listing, packing, cancelling,
 * responsiveness while packing, and the copy buttons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The case is the Suzhou sample in a case store in a temporary folder,
 * with its four documents made by the test as real PDFs (or, for the
 * responsiveness test, as large PNGs of noise, which do not compress),
 * re-checked after every change as the case view's check controller does.
 * Expected texts come from the same message ids the page uses, so the test
 * passes in any language (LANGUAGE=zh_CN for screenshots in Chinese).
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <archive.h>
#include <archive_entry.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "cr-case-store.h"
#include "cr-checker.h"
#include "cr-core.h"
#include "cr-test-case-fixture.h"
#include "cr-test-ui.h"
#include "submit/cr-submit-page-private.h"

#define WAIT_FOR(cond) CR_TEST_WAIT_FOR (cond, 30)

#define ID_NUMBER "11010519491231002X"
typedef struct
{
  char              *dir;
  char              *out_dir;
  CrCaseStore       *store;
  CrCase            *case_;
  CrTestChecker      checker;
  GtkWindow         *window;
  CrSubmitPage      *page;
} Fixture;

static const char *slots[][2] = {
  { "identity_proof", NULL },
  { "payment_proof", "r1" },
  { "rectification_proof", "r1" },
  { "commitment", "r1" },
};

static void
make_pdf (const char *path)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 60, 200);
  cairo_set_font_size (cr, 24);
  cairo_show_text (cr, "Document");
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A PNG of noise, which does not compress: 1700 × 2400 pixels (an A4 page
 * at 200 dpi) is about 12 MiB. Stored without compression, so it is quick
 * to make. */
static void
make_noise_png (const char *path,
                guint32     seed,
                int         height)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1700, height);
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < 1700 * 3; x += 4)
      {
        guint32 r = g_rand_int (rand);

        memcpy (pixels + y * stride + x, &r, MIN (4, 1700 * 3 - x));
      }
  gdk_pixbuf_save (pixbuf, path, "png", &error, "compression", "0", NULL);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  int big = GPOINTER_TO_INT (user_data); /* 0: small PDFs; else the height of noise PNGs */
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autoptr(GFile) file = NULL;

  fixture->dir = g_dir_make_tmp ("cr-submit-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->out_dir = g_build_filename (fixture->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (fixture->out_dir, 0700), ==, 0);
  fixture->case_ = cr_test_create_sample_case (fixture->dir, ID_NUMBER, &fixture->store);

  for (guint i = 0; i < G_N_ELEMENTS (slots); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s", slots[i][0], big ? ".png" : ".pdf");
      g_autofree char *relative = g_build_filename ("attachments", name, NULL);
      g_autofree char *path = cr_case_resolve_path (fixture->case_, relative);
      g_autoptr(CrCaseMaterial) material = cr_case_material_new (slots[i][0], slots[i][1],
                                                                 relative);

      if (big)
        make_noise_png (path, i + 1, big);
      else
        make_pdf (path);
      cr_case_add_material (fixture->case_, material);
    }

  fixture->page = cr_submit_page_new ();
  fixture->window = cr_test_page_window_new (GTK_WIDGET (fixture->page), 900, 1000);
  cr_test_checker_start (&fixture->checker, fixture->case_, G_OBJECT (fixture->page),
                         G_DATE_DECEMBER, 2025);
  location = g_build_filename (fixture->out_dir, "package.zip", NULL);
  file = g_file_new_for_path (location);
  cr_submit_page_set_location (fixture->page, file);
  gtk_window_present (fixture->window);

  WAIT_FOR (cr_checked_page_get_check_result (CR_CHECKED_PAGE (fixture->page)) != NULL &&
            !cr_submit_page_get_inspecting (fixture->page));
  g_assert_nonnull (cr_checked_page_get_check_result (CR_CHECKED_PAGE (fixture->page)));
  g_assert_false (cr_submit_page_get_inspecting (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  WAIT_FOR (!cr_submit_page_get_packing (fixture->page));
  cr_test_ui_close_toplevels ();
  cr_test_checker_stop (&fixture->checker);
  g_clear_object (&fixture->case_);
  g_clear_object (&fixture->store);
  cr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->out_dir);
}

static GPtrArray *
zip_entries (const char *path)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;

  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 65536), ==, ARCHIVE_OK);
  while (archive_read_next_header (archive, &entry) == ARCHIVE_OK)
    {
      g_ptr_array_add (names, g_strdup (archive_entry_pathname (entry)));
      archive_read_data_skip (archive);
    }
  archive_read_free (archive);

  return names;
}

static guint
count_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL; n++)
    g_test_message ("in %s: %s", path, name);

  return n;
}

static gboolean
has_name (GPtrArray  *names,
          const char *name)
{
  return g_ptr_array_find_with_equal_func (names, name, g_str_equal, NULL);
}

static void
test_listing (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_assert_cmpstr (cr_submit_page_get_verdict_title (fixture->page), ==, _("Ready to Submit"));
  g_assert_true (cr_submit_page_get_ready (fixture->page));
  g_assert_cmpuint (cr_submit_page_get_n_files (fixture->page), ==, 4);
  for (guint i = 0; i < 4; i++)
    g_assert_true (g_str_has_suffix (cr_submit_page_get_file_name (fixture->page, i), ".pdf"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (fixture->page)));
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "submit-ready");
}

static void
test_pack (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->out_dir, "package.zip", NULL);
  g_autoptr(GPtrArray) names = NULL;
  GFile *package;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.pack", NULL));
  g_assert_true (cr_submit_page_get_packing (fixture->page));
  WAIT_FOR (!cr_submit_page_get_packing (fixture->page));
  g_assert_false (cr_submit_page_get_packing (fixture->page));
  g_assert_null (cr_submit_page_get_last_error (fixture->page));

  package = cr_submit_page_get_last_package (fixture->page);
  g_assert_nonnull (package);
  {
    g_autofree char *packed = g_file_get_path (package);

    g_assert_cmpstr (packed, ==, path);
  }
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpfloat (cr_submit_page_get_progress (fixture->page), >, 0.0);

  /* Every listed name, the sheets and the manifest; nothing left over. */
  names = zip_entries (path);
  for (guint i = 0; i < cr_submit_page_get_n_files (fixture->page); i++)
    g_assert_true (has_name (names, cr_submit_page_get_file_name (fixture->page, i)));
  g_assert_true (has_name (names, "manifest.json"));
  g_assert_true (has_name (names, "portal-values.txt"));
  g_assert_true (has_name (names, "portal-values.html"));
  g_assert_cmpuint (count_dir (fixture->out_dir), ==, 1);

  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "submit-packed");

  /* The case is ready, so the package is the same as the CLI's: export too. */
  {
    g_autoptr(GFile) parent = g_file_new_for_path (fixture->out_dir);
    g_autofree char *folder = NULL;
    g_autofree char *manifest = NULL;

    cr_submit_page_export_to (fixture->page, parent);
    g_assert_true (cr_submit_page_get_packing (fixture->page));
    WAIT_FOR (!cr_submit_page_get_packing (fixture->page));
    g_assert_null (cr_submit_page_get_last_error (fixture->page));
    folder = g_file_get_path (cr_submit_page_get_last_package (fixture->page));
    g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
    manifest = g_build_filename (folder, "manifest.json", NULL);
    g_assert_true (g_file_test (manifest, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpuint (count_dir (folder), ==, 4 + 3);
  }
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.pack", NULL));
  WAIT_FOR (cr_submit_page_get_progress (fixture->page) > 0.0 ||
            !cr_submit_page_get_packing (fixture->page));
  g_assert_true (cr_submit_page_get_packing (fixture->page));
  g_assert_cmpfloat (cr_submit_page_get_progress (fixture->page), <, 1.0);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "submit-packing");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.cancel", NULL));
  WAIT_FOR (!cr_submit_page_get_packing (fixture->page));
  g_assert_false (cr_submit_page_get_packing (fixture->page));

  /* Cancelled mid-way: neither the package nor a temporary file is left. */
  g_assert_null (cr_submit_page_get_last_package (fixture->page));
  g_assert_null (cr_submit_page_get_last_error (fixture->page));
  g_assert_cmpuint (count_dir (fixture->out_dir), ==, 0);
}

typedef struct
{
  gint64 last;
  gint64 last_run;
  gint64 last_wait;
  gint64 max_gap;
  gint64 max_run;
  gint64 max_wait;
  guint  n;
} Gaps;

/* How long the calling thread has run on a CPU, and waited for one while
 * ready to run (Linux schedstat, in µs); FALSE if the kernel does not say. */
static gboolean
sched_times (gint64 *run,
             gint64 *wait)
{
  g_autofree char *text = NULL;
  guint64 run_ns, wait_ns;

  if (!g_file_get_contents ("/proc/thread-self/schedstat", &text, NULL, NULL) ||
      sscanf (text, "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &run_ns, &wait_ns) != 2)
    return FALSE;

  *run = (gint64) (run_ns / 1000);
  *wait = (gint64) (wait_ns / 1000);
  return TRUE;
}

/* Between two ticks: the wall-clock gap; how long the main thread ran (its
 * own work, which is what would freeze the window on any machine); and how
 * long it was kept waiting for a CPU by other processes. */
static void
gaps_tick (Gaps *gaps)
{
  gint64 now = g_get_monotonic_time ();
  gint64 run = -1, wait = -1;

  if (!sched_times (&run, &wait))
    run = wait = -1;

  if (gaps->last != 0)
    {
      gaps->max_gap = MAX (gaps->max_gap, now - gaps->last);
      if (run >= 0 && gaps->last_run >= 0)
        {
          gaps->max_run = MAX (gaps->max_run, run - gaps->last_run);
          gaps->max_wait = MAX (gaps->max_wait, wait - gaps->last_wait);
        }
    }
  gaps->last = now;
  gaps->last_run = run;
  gaps->last_wait = wait;
  gaps->n++;
}

static gboolean
timeout_tick_cb (gpointer user_data)
{
  gaps_tick (user_data);
  return G_SOURCE_CONTINUE;
}

static void
frame_tick_cb (GdkFrameClock *clock,
               gpointer       user_data)
{
  gaps_tick (user_data);
}

/* While tens of MiB are packed, the main loop never stalls for 50 ms:
 * neither a 5 ms timeout nor the frame clock is held up longer. The main
 * loop blocks between events, as the application's does: a busy loop
 * would take a CPU away from the packer. */
static void
test_responsive (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->out_dir, "package.zip", NULL);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fixture->window));
  Gaps timeouts = { 0 }, frames = { 0 };
  guint timeout_id;
  gulong frame_id;
  GStatBuf st;
  gint64 until;

  g_assert_true (cr_submit_page_get_ready (fixture->page));
  g_assert_nonnull (clock);

  /* Let the page lay out and draw what the fixture made first: what is
   * measured is packing, not the first layout of the page. */
  gdk_frame_clock_begin_updating (clock);
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);

  timeout_id = g_timeout_add (5, timeout_tick_cb, &timeouts);
  frame_id = g_signal_connect (clock, "update", G_CALLBACK (frame_tick_cb), &frames);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.pack", NULL));
  while (cr_submit_page_get_packing (fixture->page))
    g_main_context_iteration (NULL, TRUE);

  gdk_frame_clock_end_updating (clock);
  g_signal_handler_disconnect (clock, frame_id);
  g_source_remove (timeout_id);

  g_assert_null (cr_submit_page_get_last_error (fixture->page));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 40 * 1024 * 1024);

  g_test_message ("packed %" G_GINT64_FORMAT " bytes; longest stall: %" G_GINT64_FORMAT
                  " us between %u timeouts, %" G_GINT64_FORMAT " us between %u frames; "
                  "the main thread ran at most %" G_GINT64_FORMAT " us in one of them and "
                  "waited at most %" G_GINT64_FORMAT " us for a CPU",
                  (gint64) st.st_size, timeouts.max_gap, timeouts.n, frames.max_gap, frames.n,
                  MAX (timeouts.max_run, frames.max_run), MAX (timeouts.max_wait, frames.max_wait));
  g_assert_cmpuint (timeouts.n, >, 10);
  g_assert_cmpuint (frames.n, >, 3);

  /* The application's own work between two ticks, always. */
  g_assert_cmpint (timeouts.max_run, <, 50 * 1000);
  g_assert_cmpint (frames.max_run, <, 50 * 1000);

  /* The wall clock as it is, unless other processes kept the main thread
   * from a CPU for more than 5 ms at a time (a loaded host, where the X
   * server starves too): then the gaps measure the machine. */
  if (MAX (timeouts.max_wait, frames.max_wait) < 5 * 1000)
    {
      g_assert_cmpint (timeouts.max_gap, <, 50 * 1000);
      g_assert_cmpint (frames.max_gap, <, 50 * 1000);
    }
  else
    g_test_message ("other processes kept the main thread waiting for a CPU for up to %"
                    G_GINT64_FORMAT " us at a time: the wall clock is not held to 50 ms",
                    MAX (timeouts.max_wait, frames.max_wait));
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
}

static char *
clipboard_text (GtkWidget *widget)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  char *text = NULL;

  gdk_clipboard_read_text_async (clipboard, NULL, clipboard_text_cb, &text);
  WAIT_FOR (text != NULL);
  g_assert_nonnull (text);
  return text;
}

/* Buttons under @widget whose tooltip (and so accessible name) says which
 * value they copy. */
static guint
count_named_copy_buttons (GtkWidget *widget)
{
  guint n = 0;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget) && tooltip != NULL && g_str_has_prefix (tooltip, "Copy “") &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "edit-copy-symbolic") == 0)
    n++;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_named_copy_buttons (child);

  return n;
}

static void
copy_value (Fixture    *fixture,
            const char *key,
            const char *record)
{
  int index = cr_submit_page_find_value (fixture->page, key, record);

  g_assert_cmpint (index, >=, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.copy", "u", (guint32) index);
}

static void
test_copy (Fixture       *fixture,
           gconstpointer  user_data)
{
  GtkWidget *page = GTK_WIDGET (fixture->page);
  g_autofree char *uscc = NULL;
  g_autofree char *number = NULL;
  g_autofree char *unchanged = NULL;
  g_autofree char *id = NULL;
  const char *shown;

  /* Copy buttons say what they copy (a screen reader reads it); the
   * masked ID number's says to show it first. */
  g_assert_cmpuint (count_named_copy_buttons (page), >=, 5);

  copy_value (fixture, "uscc", NULL);
  uscc = clipboard_text (page);
  g_assert_cmpstr (uscc, ==, cr_case_get_company_uscc (fixture->case_));
  g_assert_cmpuint (strlen (uscc), ==, 18);

  copy_value (fixture, "decision_number", "r1");
  number = clipboard_text (page);
  g_assert_cmpstr (number, ==, CR_TEST_DECISION_NUMBER);

  /* The ID number is masked, and copying it does nothing until it is shown. */
  shown = cr_submit_page_get_shown_value (fixture->page, "applicant_id_number", NULL);
  g_assert_nonnull (shown);
  g_assert_null (strstr (shown, ID_NUMBER));
  g_assert_null (strstr (shown, "1949"));
  g_assert_true (g_str_has_suffix (shown, "002X"));
  copy_value (fixture, "applicant_id_number", NULL);
  unchanged = clipboard_text (page);
  g_assert_cmpstr (unchanged, ==, CR_TEST_DECISION_NUMBER);
  {
    GtkWidget *values = GTK_WIDGET (gtk_widget_get_template_child (page, CR_TYPE_SUBMIT_PAGE,
                                                                   "values_box"));
    GtkWidget *scroller = gtk_widget_get_ancestor (values, GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
    cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "submit-values");
  }

  g_assert_true (gtk_widget_activate_action (page, "submit.reveal-personal", NULL));
  shown = cr_submit_page_get_shown_value (fixture->page, "applicant_id_number", NULL);
  g_assert_cmpstr (shown, ==, ID_NUMBER);
  copy_value (fixture, "applicant_id_number", NULL);
  id = clipboard_text (page);
  g_assert_cmpstr (id, ==, ID_NUMBER);

  /* Another case starts hidden again. */
  cr_checked_page_set_case (CR_CHECKED_PAGE (fixture->page), NULL);
  cr_checked_page_set_case (CR_CHECKED_PAGE (fixture->page), fixture->case_);
  shown = cr_submit_page_get_shown_value (fixture->page, "applicant_id_number", NULL);
  g_assert_null (strstr (shown, ID_NUMBER));
}

static void
test_not_ready (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->out_dir, "package.zip", NULL);

  /* Without the commitment the case is not ready: packing needs a decision. */
  cr_case_remove_material (fixture->case_, 3);
  WAIT_FOR (fixture->checker.source == 0 &&
            !cr_submit_page_get_inspecting (fixture->page) &&
            !cr_submit_page_get_ready (fixture->page));
  g_assert_false (cr_submit_page_get_ready (fixture->page));
  g_assert_cmpstr (cr_submit_page_get_verdict_title (fixture->page), ==,
                   _("Not Ready to Submit"));
  g_assert_cmpuint (cr_submit_page_get_n_files (fixture->page), ==, 3);
  cr_test_ui_save_screenshot (GTK_WIDGET (fixture->window), "submit-not-ready");

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.pack", NULL);
  g_assert_false (cr_submit_page_get_packing (fixture->page));
  cr_test_ui_flush_events ();
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Packing anyway is an explicit choice. */
  g_object_set (gtk_widget_get_template_child (GTK_WIDGET (fixture->page), CR_TYPE_SUBMIT_PAGE,
                                               "force_switch"),
                "active", TRUE, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "submit.pack", NULL));
  g_assert_true (cr_submit_page_get_packing (fixture->page));
  WAIT_FOR (!cr_submit_page_get_packing (fixture->page));
  g_assert_null (cr_submit_page_get_last_error (fixture->page));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
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

  g_test_add ("/ui/submit/listing", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_listing, fixture_tear_down);
  g_test_add ("/ui/submit/pack", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_pack, fixture_tear_down);
  g_test_add ("/ui/submit/copy", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/ui/submit/not-ready", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_not_ready, fixture_tear_down);
  g_test_add ("/ui/submit/cancel", Fixture, GINT_TO_POINTER (2400),
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/ui/submit/responsive", Fixture, GINT_TO_POINTER (2400),
              fixture_set_up, test_responsive, fixture_tear_down);

  return g_test_run ();
}
