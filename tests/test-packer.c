/* test-packer.c: package names, the portal sheet, and the packer itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every package is read back with libarchive here and its hashes compared
 * with the manifest; one file is also extracted and checked with the
 * system's sha256sum.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <archive.h>
#include <archive_entry.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "cr-pack-names.h"
#include "cr-packer.h"
#include "cr-portal-sheet.h"
#include "cr-test-util.h"

#define ID_NUMBER "11010519491231002X"

/* names */

static void
test_sanitize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "r1", "r1" },
    { "../../etc/passwd", "etc_passwd" },
    { "/abs/path", "abs_path" },
    { "C:\\Windows\\CON", "C_Windows_CON" },
    { "a<b>c:d\"e|f?g*h", "a_b_c_d_e_f_g_h" },
    { "  spaced  out  ", "spaced_out" },
    { "tab\tnew\nline\x01", "tab_new_line" },
    { "...hidden", "hidden" },
    { "trailing...", "trailing" },
    { "记录一", "记录一" },
    { "مرحبا-Привет-日本", "مرحبا-Привет-日本" },
    { "fire\xF0\x9F\x94\xA5" "emoji", "fire_emoji" },
    { "e\xCC\x81t\xC3\xA9", "\xC3\xA9t\xC3\xA9" },        /* decomposed é → NFC */
    { "bidi\xE2\x80\xAEtxt.exe", "bidi_txt.exe" },        /* U+202E override */
    { "bad\xFF\xFEutf8", "bad_utf8" },
    { "", "" },
    { "\xF0\x9F\x98\x80", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = cr_pack_name_sanitize (cases[i].in, 100);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

static void
test_sanitize_cut (void)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *cut = NULL;

  /* 300 characters of 3 bytes each, cut at 100 bytes: 33 characters */
  for (guint i = 0; i < 300; i++)
    g_string_append (long_text, "漢");
  cut = cr_pack_name_sanitize (long_text->str, 100);
  g_assert_true (g_utf8_validate (cut, -1, NULL));
  g_assert_cmpuint (strlen (cut), ==, 99);
  g_assert_cmpint (g_utf8_strlen (cut, -1), ==, 33);
}

static void
test_reserved (void)
{
  static const char *reserved[] = {
    "CON", "con.pdf", "Prn.txt", "AUX", "nul.tar.gz", "COM1", "com9.pdf", "LPT1.jpg",
    "COM\u00B9.pdf", "lpt\u00B3", "CON .pdf", "COM0",
  };
  static const char *fine[] = {
    "CONSOLE.pdf", "con-r1-1.pdf", "COM10", "LPT", "xcon", "commitment-r1-1.pdf", "NULL",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reserved); i++)
    {
      g_assert_true (cr_pack_name_is_reserved (reserved[i]));
      g_assert_false (cr_pack_name_is_safe (reserved[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (fine); i++)
    g_assert_false (cr_pack_name_is_reserved (fine[i]));
}

static void
test_is_safe (void)
{
  static const char *unsafe[] = {
    "", "a/b.pdf", "a\\b.pdf", "../x", ".hidden", "dot.", "space ", "a:b", "a*b", "a?b",
    "a<b", "a>b", "a|b", "a\"b", "tab\tx", "e\xCC\x81", "bidi\xE2\x80\xAEx", "bad\xFF",
  };
  g_autofree char *too_long = g_strnfill (101, 'a');
  g_autofree char *max = g_strnfill (100, 'a');

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    g_assert_false (cr_pack_name_is_safe (unsafe[i]));
  g_assert_false (cr_pack_name_is_safe (too_long));
  g_assert_true (cr_pack_name_is_safe (max));
  g_assert_true (cr_pack_name_is_safe ("payment_proof-记录1-1.pdf"));
}

static void
test_extension (void)
{
  static const struct { const char *name, *format, *ext; } cases[] = {
    { "receipt.PDF", NULL, "pdf" },
    { "scan.jpeg", "jpeg", "jpeg" },
    { "dir.d/scan", "png", "png" },
    { "C:\\docs\\scan.Tif", NULL, "tif" },
    { "noext", NULL, NULL },
    { ".pdf", "pdf", "pdf" },
    { "weird.p/d", "pdf", "pdf" },
    { "long.extensionistoolong", "jpeg", "jpg" },
    { "emoji.\xF0\x9F\x94\xA5", NULL, NULL },
    { "archive.tar.gz", NULL, "gz" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *ext = cr_pack_name_extension (cases[i].name, cases[i].format);

      g_assert_cmpstr (ext, ==, cases[i].ext);
    }
}

static void
test_namer (void)
{
  g_autoptr(CrPackNamer) namer = cr_pack_namer_new ();
  g_autoptr(GString) long_record = g_string_new (NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL;
  g_autofree char *g = NULL, *h = NULL, *i = NULL, *j = NULL;

  g_assert_true (cr_pack_namer_reserve (namer, "manifest.json"));
  g_assert_false (cr_pack_namer_reserve (namer, "MANIFEST.json"));

  a = cr_pack_namer_name (namer, "payment_proof", "r1", "pdf");
  b = cr_pack_namer_name (namer, "payment_proof", "r1", "jpg");
  c = cr_pack_namer_name (namer, "commitment", NULL, "pdf");
  g_assert_cmpstr (a, ==, "payment_proof-r1-1.pdf");
  g_assert_cmpstr (b, ==, "payment_proof-r1-2.jpg");
  g_assert_cmpstr (c, ==, "commitment-1.pdf");

  /* ids that sanitise alike still get distinct names, whatever the case */
  d = cr_pack_namer_name (namer, "payment_proof", "R/1", "pdf");
  e = cr_pack_namer_name (namer, "payment_proof", "r_1", "pdf");
  f = cr_pack_namer_name (namer, "payment_proof", "R 1", "PDF");
  g_assert_cmpstr (d, ==, "payment_proof-R_1-1.pdf");
  g_assert_cmpstr (e, ==, "payment_proof-r_1-2.pdf");
  g_assert_cmpstr (f, ==, "payment_proof-R_1-3.PDF");

  for (guint k = 0; k < 300; k++)
    g_string_append (long_record, "記");
  g = cr_pack_namer_name (namer, "rectification_proof", long_record->str, "pdf");
  g_assert_true (cr_pack_name_is_safe (g));
  g_assert_cmpuint (strlen (g), <=, CR_PACK_NAME_MAX_BYTES);
  g_assert_true (g_str_has_prefix (g, "rectification_proof-記記"));
  g_assert_true (g_str_has_suffix (g, "-1.pdf"));

  h = cr_pack_namer_name (namer, "commitment", "\xF0\x9F\x94\xA5", NULL);
  g_assert_cmpstr (h, ==, "commitment-record-1");
  i = cr_pack_namer_name (namer, "../..", "CON", "pdf");
  g_assert_cmpstr (i, ==, "material-CON-1.pdf");
  j = cr_pack_namer_name (namer, "con", NULL, "pdf");
  g_assert_cmpstr (j, ==, "con-1.pdf");
  g_assert_true (cr_pack_name_is_safe (j));
}

/* portal sheet */

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);
  JsonObject *object;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  object = json_object_ref (json_node_get_object (node));
  json_node_unref (node);
  return object;
}

static const char *case_head =
  "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
  " \"company\": {\"name\": \"无锡示例精密机械有限公司 <b>&amp;</b>\","
  "               \"uscc\": \"91320206MA1N2P3Q0J\"},"
  " \"applicant\": {\"role\": \"agent\", \"name\": \"李娜\", \"id_number\": \"" ID_NUMBER "\","
  "                 \"phone\": \"13800000000\", \"email\": \"lina@example.com\"},"
  " \"records\": [{\"id\": \"r1\", \"kind\": \"administrative_penalty\","
  "   \"decision_number\": \"锡惠市监处罚〔2025〕123号\", \"authority\": \"无锡市惠山区市场监督管理局\","
  "   \"decision_date\": \"2025-03-10\", \"domain\": \"market_regulation\","
  "   \"penalties\": [{\"type\": \"fine\", \"amount\": \"5000\"}], \"severity\": \"general\"}],"
  " \"materials\": ";

static JsonObject *
make_case (const char *materials)
{
  g_autofree char *json = g_strconcat (case_head, materials, "}", NULL);

  return parse_object (json);
}

static JsonObject *
make_check (gboolean ready)
{
  g_autofree char *json = g_strdup_printf (
    "{\"case\": \"case.json\", \"on\": \"2026-11-27\", \"regime\": \"order36\","
    " \"ruleset\": {\"id\": \"cn-national\", \"version\": \"2026.1\", \"sha256\": \"abc123\"},"
    " \"ready\": %s,"
    " \"records\": [{\"id\": \"r1\", \"decision_number\": \"锡惠市监处罚〔2025〕123号\","
    "   \"severity\": \"general\", \"status\": \"eligible\","
    "   \"earliest_application_date\": \"2025-06-10\", \"display_end_date\": \"2028-03-10\","
    "   \"required_slots\": [\"commitment\", \"payment_proof\"]}],"
    " \"findings\": [%s]}",
    ready ? "true" : "false",
    ready ? "" : "{\"rule\": \"R05-FINE-PAID\", \"severity\": \"error\", \"record\": \"r1\","
                 " \"slot\": null, \"field\": \"/records/0/performance\","
                 " \"message\": \"The fine is not paid\", \"basis\": null}");

  return parse_object (json);
}

static void
test_portal_sheet (void)
{
  g_autoptr(JsonObject) root = make_case ("[]");
  g_autoptr(GPtrArray) masked = cr_portal_values_collect (root, TRUE);
  g_autoptr(GPtrArray) clear = cr_portal_values_collect (root, FALSE);
  g_autofree char *text = cr_portal_sheet_to_text (masked);
  g_autofree char *html = cr_portal_sheet_to_html (masked);
  g_autofree char *m1 = cr_portal_mask ("1234", 4);
  g_autofree char *m2 = cr_portal_mask ("身份证号码12345", 4);
  g_autofree char *m3 = cr_portal_mask (NULL, 4);
  gboolean seen_id = FALSE;

  g_assert_cmpstr (m1, ==, "****");
  g_assert_cmpstr (m2, ==, "******2345");
  g_assert_cmpstr (m3, ==, "");

  g_assert_cmpuint (masked->len, ==, clear->len);
  for (guint i = 0; i < masked->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (masked, i);
      const CrPortalValue *raw = g_ptr_array_index (clear, i);

      g_assert_cmpstr (value->key, ==, raw->key);
      if (g_str_equal (value->key, "applicant_id_number"))
        {
          seen_id = TRUE;
          g_assert_true (value->personal);
          g_assert_cmpstr (value->value, ==, "**************002X");
          g_assert_cmpstr (raw->value, ==, ID_NUMBER);
        }
      else
        {
          g_assert_cmpstr (value->value, ==, raw->value);
        }
      if (g_str_equal (value->key, "decision_number"))
        g_assert_cmpstr (value->record, ==, "r1");
    }
  g_assert_true (seen_id);

  g_assert_null (strstr (text, ID_NUMBER));
  g_assert_null (strstr (html, ID_NUMBER));
  g_assert_nonnull (strstr (text, "**************002X"));
  g_assert_nonnull (strstr (text, "91320206MA1N2P3Q0J"));
  g_assert_nonnull (strstr (text, "锡惠市监处罚〔2025〕123号"));
  g_assert_nonnull (strstr (text, "2025-03-10"));
  g_assert_nonnull (strstr (text, "lina@example.com"));
  g_assert_nonnull (strstr (text, "Record r1"));
  /* HTML escapes what the case holds */
  g_assert_null (strstr (html, "<b>"));
  g_assert_nonnull (strstr (html, "&lt;b&gt;&amp;amp;&lt;/b&gt;"));
  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
}

/* the packer */

typedef struct
{
  char *dir;      /* the temporary root */
  char *case_dir; /* the case folder inside it */
  char *out_dir;  /* where packages go */
} Fixture;

static void
write_bytes (const char *path,
             const void *data,
             gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
make_pdf (const char *path,
          int         n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_rectangle (cr, 100, 100 + 10 * i, 200, 50);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
make_jpeg (const char *path)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 1240, 1754);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0xeeeeeeff);
  gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "x-dpi", "150", "y-dpi", "150", NULL);
  g_assert_no_error (error);
}

/* Pseudo-random bytes, the same on every run. */
static void
make_blob (const char *path,
           gsize       size,
           guint32     seed)
{
  g_autofree guint8 *data = g_malloc (size);
  guint32 x = seed | 1;

  for (gsize i = 0; i < size; i++)
    {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      data[i] = (guint8) x;
    }
  /* starts like a PDF so that it is one by type */
  memcpy (data, "%PDF-1.4\n", 9);
  write_bytes (path, data, size);
}

static char *
in_case (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->case_dir, name, NULL);
}

static char *
in_out (Fixture    *fixture,
        const char *name)
{
  return g_build_filename (fixture->out_dir, name, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *attachments = NULL;
  g_autofree char *receipt = NULL;
  g_autofree char *commitment = NULL;
  g_autofree char *license = NULL;

  fixture->dir = g_dir_make_tmp ("cr-packer-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->case_dir = g_build_filename (fixture->dir, "client-a", NULL);
  fixture->out_dir = g_build_filename (fixture->dir, "out", NULL);
  attachments = g_build_filename (fixture->case_dir, "attachments", NULL);
  g_assert_cmpint (g_mkdir_with_parents (attachments, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (fixture->out_dir, 0755), ==, 0);

  receipt = in_case (fixture, "attachments/receipt.pdf");
  commitment = in_case (fixture, "attachments/commitment-r1.pdf");
  license = in_case (fixture, "attachments/licence.jpg");
  make_pdf (receipt, 1);
  make_pdf (commitment, 2);
  make_jpeg (license);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->case_dir);
  g_free (fixture->out_dir);
}

static const char *standard_materials =
  "[{\"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"attachments/receipt.pdf\"},"
  " {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"attachments/commitment-r1.pdf\"},"
  " {\"slot\": \"business_license\", \"record\": null, \"path\": \"attachments/licence.jpg\"}]";

static CrPacker *
make_packer (Fixture    *fixture,
             const char *materials,
             gboolean    ready)
{
  g_autoptr(JsonObject) root = make_case (materials);
  g_autoptr(JsonObject) check = make_check (ready);
  g_autoptr(GError) error = NULL;
  CrPacker *packer;

  packer = cr_packer_new (root, fixture->case_dir, check, &error);
  g_assert_no_error (error);
  g_assert_nonnull (packer);
  return packer;
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* Every entry of a zip, in order: name → content. */
typedef struct
{
  char   *name;
  GBytes *content;
  int     mode;
  gint64  mtime;
  gint64  uid;
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_bytes_unref (entry->content);
}

static GArray *
read_zip (const char *path)
{
  GArray *entries = g_array_new (FALSE, TRUE, sizeof (Entry));
  struct archive *archive = archive_read_new ();
  struct archive_entry *ae;
  int status;

  g_array_set_clear_func (entries, entry_clear);
  archive_read_support_format_zip (archive);
  g_assert_cmpint (archive_read_open_filename (archive, path, 16384), ==, ARCHIVE_OK);

  while ((status = archive_read_next_header (archive, &ae)) == ARCHIVE_OK)
    {
      g_autoptr(GByteArray) content = g_byte_array_new ();
      guint8 buffer[8192];
      la_ssize_t n;
      Entry entry = { 0 };

      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        g_byte_array_append (content, buffer, n);
      g_assert_cmpint (n, ==, 0);

      entry.name = g_strdup (archive_entry_pathname_utf8 (ae));
      entry.content = g_byte_array_free_to_bytes (g_steal_pointer (&content));
      entry.mode = archive_entry_mode (ae);
      entry.mtime = archive_entry_mtime (ae);
      entry.uid = archive_entry_uid (ae);
      g_array_append_val (entries, entry);
    }
  g_assert_cmpint (status, ==, ARCHIVE_EOF);
  archive_read_free (archive);

  return entries;
}

static JsonObject *
manifest_of (GArray *entries)
{
  Entry *last = &g_array_index (entries, Entry, entries->len - 1);
  g_autofree char *text = NULL;

  g_assert_cmpstr (last->name, ==, "manifest.json");
  text = g_strndup (g_bytes_get_data (last->content, NULL), g_bytes_get_size (last->content));
  return parse_object (text);
}

static void
assert_dir_holds (const char  *dir,
                  const char **names)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (seen, g_strdup (name));
  g_assert_cmpuint (seen->len, ==, g_strv_length ((char **) names));
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_true (g_ptr_array_find_with_equal_func (seen, names[i], g_str_equal, NULL));
}

static void
test_plan (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, TRUE);
  g_autoptr(GError) error = NULL;
  const CrPackFile *file;

  g_assert_false (cr_packer_get_inspected (packer));
  g_assert_cmpuint (cr_packer_get_n_files (packer), ==, 0);
  g_assert_true (cr_packer_inspect (packer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cr_packer_get_ready (packer));
  g_assert_true (cr_packer_check_readable (packer, &error));
  g_assert_cmpuint (json_array_get_length (cr_packer_get_findings (packer)), ==, 0);

  g_assert_cmpuint (cr_packer_get_n_files (packer), ==, 3);
  file = cr_packer_get_file (packer, 0);
  g_assert_cmpstr (file->name, ==, "business_license-1.jpg");
  g_assert_null (file->record);
  g_assert_cmpuint (file->material_index, ==, 2);
  g_assert_cmpstr (cr_material_info_get_format (file->info), ==, "jpeg");
  file = cr_packer_get_file (packer, 1);
  g_assert_cmpstr (file->name, ==, "commitment-r1-1.pdf");
  g_assert_cmpint (cr_material_info_get_n_pages (file->info), ==, 2);
  file = cr_packer_get_file (packer, 2);
  g_assert_cmpstr (file->name, ==, "payment_proof-r1-1.pdf");
  g_assert_cmpstr (file->path, ==, "attachments/receipt.pdf");
  g_assert_cmpint (file->size, ==, -1);
  g_assert_null (file->sha256);
}

static void
test_zip_deterministic (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *first = in_out (fixture, "first.zip");
  g_autofree char *second = in_out (fixture, "second.zip");
  g_autofree char *third = in_out (fixture, "third.zip");
  g_autoptr(GBytes) a = NULL, b = NULL, c = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));

  {
    g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, TRUE);

    g_assert_true (cr_packer_write_zip (packer, first, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }

  /* A new packer, a later time, another time zone, touched files. */
  g_usleep (1100 * G_USEC_PER_SEC / 1000);
  {
    g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, TRUE);
    g_autofree char *receipt = in_case (fixture, "attachments/receipt.pdf");

    g_assert_cmpint (g_utime (receipt, NULL), ==, 0);
    g_setenv ("TZ", "Asia/Shanghai", TRUE);
    tzset ();
    g_assert_true (cr_packer_write_zip (packer, second, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_setenv ("TZ", "America/Los_Angeles", TRUE);
    tzset ();
    g_assert_true (cr_packer_write_zip (packer, third, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();

  a = read_bytes (first);
  b = read_bytes (second);
  c = read_bytes (third);
  g_assert_cmpuint (g_bytes_get_size (a), >, 1000);
  g_assert_true (g_bytes_equal (a, b));
  g_assert_true (g_bytes_equal (a, c));
}

static char *
run_sha256sum (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "sha256sum", "--", path, NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (out);
  g_assert_cmpuint (strlen (out), >, 64);
  return g_strndup (out, 64);
}

static void
test_zip_contents (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, TRUE);
  g_autofree char *zip = in_out (fixture, "package.zip");
  g_autofree char *extracted = in_out (fixture, "extracted.pdf");
  g_autofree char *system_sum = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  g_autoptr(GBytes) zip_bytes = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *files, *records;
  JsonObject *summary, *record;
  static const char *expected_names[] = {
    "business_license-1.jpg", "commitment-r1-1.pdf", "payment_proof-r1-1.pdf",
    "portal-values.html", "portal-values.txt", "manifest.json",
  };
  const char *out_names[] = { "package.zip", NULL };

  g_assert_true (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_dir_holds (fixture->out_dir, out_names);

  entries = read_zip (zip);
  g_assert_cmpuint (entries->len, ==, G_N_ELEMENTS (expected_names));
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_assert_cmpstr (entry->name, ==, expected_names[i]);
      g_assert_cmpint (entry->mode, ==, 0100644);
      g_assert_cmpint (entry->uid, ==, 0);
      /* no time but the DOS minimum, 1980-01-01 00:00 local time */
      g_assert_cmpint (entry->mtime, <, 316000000);
    }

  manifest = manifest_of (entries);
  g_assert_cmpstr (json_object_get_string_member (manifest, "format"), ==,
                   "org.example.CreditRepair.package");
  g_assert_cmpint (json_object_get_int_member (manifest, "format_version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (manifest, "on"), ==, "2026-11-27");
  g_assert_cmpstr (json_object_get_string_member (manifest, "regime"), ==, "order36");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (manifest,
                                                                                "ruleset"),
                                                  "id"), ==, "cn-national");
  g_assert_true (json_object_get_boolean_member (manifest, "ready"));
  g_assert_false (json_object_get_boolean_member (manifest, "forced"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (manifest, "findings")),
                    ==, 0);
  summary = json_object_get_object_member (manifest, "case");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (summary,
                                                                                "company"),
                                                  "uscc"), ==, "91320206MA1N2P3Q0J");
  records = json_object_get_array_member (summary, "records");
  g_assert_cmpuint (json_array_get_length (records), ==, 1);
  record = json_array_get_object_element (records, 0);
  g_assert_cmpstr (json_object_get_string_member (record, "decision_number"), ==,
                   "锡惠市监处罚〔2025〕123号");
  g_assert_cmpstr (json_object_get_string_member (record, "status"), ==, "eligible");
  g_assert_cmpstr (json_object_get_string_member (record, "authority"), ==,
                   "无锡市惠山区市场监督管理局");

  /* every manifest hash matches the extracted content */
  files = json_object_get_array_member (manifest, "files");
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);
      Entry *entry = &g_array_index (entries, Entry, i);
      g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, entry->content);
      const CrPackFile *packed = cr_packer_get_file (packer, i);
      g_autofree char *source = in_case (fixture, packed->path);
      g_autoptr(GBytes) original = read_bytes (source);

      g_assert_cmpstr (json_object_get_string_member (file, "name"), ==, entry->name);
      g_assert_cmpstr (json_object_get_string_member (file, "sha256"), ==, sum);
      g_assert_cmpint (json_object_get_int_member (file, "size"), ==,
                       g_bytes_get_size (entry->content));
      g_assert_cmpstr (packed->sha256, ==, sum);
      g_assert_true (g_bytes_equal (original, entry->content));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 0),
                                                  "slot"), ==, "business_license");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (files, 0),
                                              "record"));

  /* and the system's sha256sum agrees on an extracted file */
  write_bytes (extracted, g_bytes_get_data (g_array_index (entries, Entry, 2).content, NULL),
               g_bytes_get_size (g_array_index (entries, Entry, 2).content));
  system_sum = run_sha256sum (extracted);
  g_assert_cmpstr (system_sum, ==,
                   json_object_get_string_member (json_array_get_object_element (files, 2),
                                                  "sha256"));

  /* nothing from this machine: no paths, no personal ID number */
  zip_bytes = read_bytes (zip);
  g_assert_null (g_strstr_len (g_bytes_get_data (zip_bytes, NULL), g_bytes_get_size (zip_bytes),
                               fixture->dir));
  g_assert_null (g_strstr_len (g_bytes_get_data (zip_bytes, NULL), g_bytes_get_size (zip_bytes),
                               ID_NUMBER));
  g_assert_null (g_strstr_len (g_bytes_get_data (zip_bytes, NULL), g_bytes_get_size (zip_bytes),
                               "attachments/"));
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (g_array_index (entries, Entry, 4).content,
                                                    NULL),
                                  g_bytes_get_size (g_array_index (entries, Entry, 4).content),
                                  "**************002X"));

  /* the packer keeps the manifest it wrote */
  g_assert_nonnull (cr_packer_get_manifest (packer));
}

static void
test_hostile_names (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GString) long_name = g_string_new (NULL);
  g_autoptr(GString) long_record = g_string_new (NULL);
  g_autoptr(GString) materials = g_string_new ("[");
  g_autofree char *outside = g_build_filename (fixture->dir, "outside.pdf", NULL);
  g_autofree char *absolute = g_build_filename (fixture->dir, "absolute path.pdf", NULL);
  g_autofree char *zip = in_out (fixture, "hostile.zip");
  g_autoptr(GHashTable) folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped_absolute = NULL;
  g_autofree char *escaped_record = NULL;
  const char *names[] = {
    "CON.pdf", "nul", "emoji-\xF0\x9F\x94\xA5\xF0\x9F\x93\x84.pdf", "混合Script-مرحبا-Ωμέγα.pdf",
    "tab\tand\nnewline.pdf", "quote\"colon:star*.pdf", "trailing dot..pdf.", NULL,
  };
  const char *records[] = {
    "../r1", "CON", "a/b\\c:d*?", "\xF0\x9F\x94\xA5", "   ", "r1", "R1", NULL,
  };

  make_pdf (outside, 1);
  make_pdf (absolute, 1);

  /* A 300-character path: one file name may only have 255 bytes here. */
  for (guint i = 0; i < 150; i++)
    g_string_append_c (long_name, 'a' + i % 26);
  g_string_append_c (long_name, '/');
  for (guint i = 0; i < 145; i++)
    g_string_append_c (long_name, 'A' + i % 26);
  g_string_append (long_name, ".pdf");
  g_assert_cmpuint (long_name->len, ==, 300);
  for (guint i = 0; i < 300; i++)
    g_string_append_c (long_record, '0' + i % 10);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = in_case (fixture, names[i]);

      make_pdf (path, 1);
    }
  {
    g_autofree char *path = in_case (fixture, long_name->str);
    g_autofree char *parent = g_path_get_dirname (path);

    g_assert_cmpint (g_mkdir (parent, 0755), ==, 0);
    make_pdf (path, 1);
  }

  escaped_absolute = g_strescape (absolute, NULL);
  escaped_record = g_strescape (records[2], NULL);
  g_string_append_printf (materials,
                          "{\"slot\": \"payment_proof\", \"record\": \"%s\", "
                          "\"path\": \"../outside.pdf\"},"
                          "{\"slot\": \"payment_proof\", \"record\": \"%s\", \"path\": \"%s\"},"
                          "{\"slot\": \"commitment\", \"record\": \"%s\", \"path\": \"%s\"},"
                          "{\"slot\": \"commitment\", \"record\": \"%s\", "
                          "\"path\": \"attachments/receipt.pdf\"},",
                          records[0], records[1], escaped_absolute, escaped_record, long_name->str,
                          long_record->str);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strescape (names[i], NULL);
      g_autofree char *record = g_strescape (records[(i + 3) % 7], NULL);

      g_string_append_printf (materials,
                              "{\"slot\": \"other\", \"record\": \"%s\", \"path\": \"%s\"},",
                              record, path);
    }
  g_string_append (materials, "{\"slot\": \"other\", \"path\": \"CON.pdf\"}]");

  packer = make_packer (fixture, materials->str, TRUE);
  g_assert_true (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  entries = read_zip (zip);
  g_assert_cmpuint (entries->len, ==, 12 + 3);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);

      g_assert_true (cr_pack_name_is_safe (entry->name));
      g_assert_null (strchr (entry->name, '/'));
      g_assert_cmpuint (strlen (entry->name), <=, 100);
      /* unique even on a file system that ignores case */
      g_assert_true (g_hash_table_add (folded, g_utf8_casefold (entry->name, -1)));
      if (i < 12)
        g_assert_true (g_str_has_suffix (entry->name, ".pdf"));
    }

  /* a few exact names: the scheme is slot-record-n.ext */
  g_assert_cmpstr (g_array_index (entries, Entry, 0).name, ==,
                   "commitment-0123456789012345678901234567890123456789012345678901234567890"
                   "1234567890123456789012-1.pdf");
  g_assert_cmpuint (strlen (g_array_index (entries, Entry, 0).name), ==, 100);
  g_assert_cmpstr (g_array_index (entries, Entry, 1).name, ==, "commitment-a_b_c_d-1.pdf");
  g_assert_cmpstr (cr_packer_get_file (packer, 1)->record, ==, "a/b\\c:d*?");
  g_assert_true (g_hash_table_contains (folded, "payment_proof-r1-1.pdf"));
  g_assert_true (g_hash_table_contains (folded, "payment_proof-con-1.pdf"));
  g_assert_true (g_hash_table_contains (folded, "other-1.pdf"));
}

static void
test_not_ready (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, FALSE);
  g_autofree char *zip = in_out (fixture, "refused.zip");
  g_autoptr(GArray) entries = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };
  const char *one[] = { "refused.zip", NULL };
  JsonArray *findings;

  g_assert_false (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_NOT_READY);
  g_assert_false (cr_packer_get_ready (packer));
  assert_dir_holds (fixture->out_dir, none);
  g_assert_null (cr_packer_get_manifest (packer));
  g_clear_error (&error);

  g_assert_false (cr_packer_export_folder (packer, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_NOT_READY);
  assert_dir_holds (fixture->out_dir, none);
  g_clear_error (&error);

  cr_packer_set_force (packer, TRUE);
  g_assert_true (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_dir_holds (fixture->out_dir, one);

  entries = read_zip (zip);
  manifest = manifest_of (entries);
  g_assert_false (json_object_get_boolean_member (manifest, "ready"));
  g_assert_true (json_object_get_boolean_member (manifest, "forced"));
  findings = json_object_get_array_member (manifest, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (findings, 0),
                                                  "rule"), ==, "R05-FINE-PAID");
}

static void
test_material_problems (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char * const pdf_only[] = { "pdf", NULL };
  g_autofree char *empty = in_case (fixture, "attachments/empty.pdf");
  g_autofree char *zip = in_out (fixture, "problems.zip");
  g_autofree char *absolute = in_case (fixture, "attachments/licence.jpg");
  g_autofree char *materials = NULL;
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(JsonObject) manifest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *manifest_text = NULL;
  CrMaterialLimits limits = { pdf_only, 0, 0, 0, 0 };
  JsonArray *findings;
  gboolean seen_empty = FALSE, seen_format = FALSE;

  write_bytes (empty, "", 0);
  materials = g_strdup_printf (
    "[{\"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"attachments/empty.pdf\"},"
    " {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"%s\"}]", absolute);
  packer = make_packer (fixture, materials, TRUE);
  cr_packer_set_slot_limits (packer, "commitment", &limits);

  g_assert_true (cr_packer_inspect (packer, NULL, &error));
  g_assert_false (cr_packer_get_ready (packer));
  findings = cr_packer_get_findings (packer);
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *rule = json_object_get_string_member (finding, "rule");

      if (g_str_equal (rule, "material-empty"))
        {
          seen_empty = TRUE;
          g_assert_cmpstr (json_object_get_string_member (finding, "field"), ==,
                           "/materials/0/path");
          g_assert_cmpstr (json_object_get_string_member (finding, "slot"), ==, "payment_proof");
          g_assert_cmpstr (json_object_get_string_member (finding, "record"), ==, "r1");
          g_assert_nonnull (strstr (json_object_get_string_member (finding, "message"),
                                    "attachments/empty.pdf"));
        }
      if (g_str_equal (rule, "material-format"))
        {
          seen_format = TRUE;
          g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "error");
          g_assert_nonnull (strstr (json_object_get_string_member (finding, "message"),
                                    absolute));
        }
    }
  g_assert_true (seen_empty);
  g_assert_true (seen_format);

  g_assert_false (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_NOT_READY);
  g_clear_error (&error);

  cr_packer_set_force (packer, TRUE);
  g_assert_true (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  entries = read_zip (zip);
  manifest = manifest_of (entries);
  findings = json_object_get_array_member (manifest, "findings");
  g_assert_cmpuint (json_array_get_length (findings), ==, 2);

  /* the manifest names files by their packed names, not local paths */
  manifest_text = g_strndup (g_bytes_get_data (g_array_index (entries, Entry, 4).content, NULL),
                             g_bytes_get_size (g_array_index (entries, Entry, 4).content));
  g_assert_null (strstr (manifest_text, fixture->dir));
  g_assert_nonnull (strstr (manifest_text, "“commitment-r1-1.jpg”"));
  g_assert_nonnull (strstr (manifest_text, "“payment_proof-r1-1.pdf” is empty"));
}

static void
test_missing_material (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(CrPacker) packer = NULL;
  g_autofree char *zip = in_out (fixture, "missing.zip");
  g_autofree char *folder = in_out (fixture, "missing");
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };

  packer = make_packer (fixture,
                        "[{\"slot\": \"payment_proof\", \"record\": \"r1\","
                        "  \"path\": \"attachments/receipt.pdf\"},"
                        " {\"slot\": \"commitment\", \"record\": \"r1\","
                        "  \"path\": \"attachments/lost.pdf\"}]", TRUE);
  cr_packer_set_force (packer, TRUE);

  g_assert_false (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "attachments/lost.pdf"));
  assert_dir_holds (fixture->out_dir, none);
  g_clear_error (&error);

  g_assert_false (cr_packer_export_folder (packer, folder, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT);
  assert_dir_holds (fixture->out_dir, none);
}

static void
test_bad_case (void)
{
  g_autoptr(JsonObject) root = make_case ("[{\"slot\": \"payment_proof\", \"record\": 7, "
                                          "\"path\": \"x.pdf\"}]");
  g_autoptr(JsonObject) check = make_check (TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrPacker) packer = cr_packer_new (root, NULL, check, &error);

  g_assert_null (packer);
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "/materials/0"));
}

typedef struct
{
  GCancellable *cancellable;
  guint64       cancel_after;
  guint64       last_done;
  guint64       total;
  guint         calls;
  gboolean      main_thread_only;
  GThread      *thread;
} ProgressState;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  ProgressState *state = user_data;

  g_assert_cmpuint (done, >=, state->last_done);
  g_assert_cmpuint (done, <=, total);
  if (state->main_thread_only)
    g_assert_true (g_thread_self () == state->thread);
  state->last_done = done;
  state->total = total;
  state->calls++;

  if (state->cancellable != NULL && done >= state->cancel_after)
    g_cancellable_cancel (state->cancellable);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *big = in_case (fixture, "attachments/big.pdf");
  g_autofree char *zip = in_out (fixture, "cancelled.zip");
  g_autofree char *folder = in_out (fixture, "cancelled");
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressState state = { cancellable, 1024 * 1024, 0, 0, 0, FALSE, NULL };
  const char *none[] = { NULL };

  make_blob (big, 4 * 1024 * 1024, 7);
  packer = make_packer (fixture,
                        "[{\"slot\": \"payment_proof\", \"record\": \"r1\","
                        "  \"path\": \"attachments/big.pdf\"}]", TRUE);
  cr_packer_set_force (packer, TRUE);

  g_assert_false (cr_packer_write_zip (packer, zip, progress_cb, &state, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.last_done, >=, 1024 * 1024);
  g_assert_cmpuint (state.last_done, <, state.total);
  assert_dir_holds (fixture->out_dir, none);
  g_assert_null (cr_packer_get_manifest (packer));
  g_clear_error (&error);

  /* cancelled while verifying, after everything was written */
  g_cancellable_reset (cancellable);
  state.last_done = 0;
  state.cancel_after = 4 * 1024 * 1024 + 512 * 1024;
  g_assert_false (cr_packer_write_zip (packer, zip, progress_cb, &state, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.last_done, >, 4 * 1024 * 1024);
  assert_dir_holds (fixture->out_dir, none);
  g_clear_error (&error);

  g_cancellable_reset (cancellable);
  state.last_done = 0;
  state.cancel_after = 1024 * 1024;
  g_assert_false (cr_packer_export_folder (packer, folder, progress_cb, &state, cancellable,
                                           &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_dir_holds (fixture->out_dir, none);
  g_clear_error (&error);

  /* and it works when not cancelled, reporting all of it */
  g_cancellable_reset (cancellable);
  state.last_done = 0;
  state.cancellable = NULL;
  g_assert_true (cr_packer_write_zip (packer, zip, progress_cb, &state, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.last_done, ==, state.total);
  g_assert_cmpuint (state.total, ==, 2 * 4 * 1024 * 1024);
}

static void
test_folder (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(CrPacker) packer = make_packer (fixture, standard_materials, TRUE);
  g_autofree char *zip = in_out (fixture, "package.zip");
  g_autofree char *folder = in_out (fixture, "package");
  g_autofree char *manifest_path = NULL;
  g_autoptr(GArray) entries = NULL;
  g_autoptr(GBytes) manifest_bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *out_names[] = { "package.zip", "package", NULL };
  const char *folder_names[] = {
    "business_license-1.jpg", "commitment-r1-1.pdf", "payment_proof-r1-1.pdf",
    "portal-values.html", "portal-values.txt", "manifest.json", NULL,
  };

  g_assert_true (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cr_packer_export_folder (packer, folder, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_dir_holds (fixture->out_dir, out_names);
  assert_dir_holds (folder, folder_names);

  /* the same files and the same manifest as the zip */
  entries = read_zip (zip);
  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      g_autofree char *path = g_build_filename (folder, entry->name, NULL);
      g_autoptr(GBytes) content = read_bytes (path);

      g_assert_true (g_bytes_equal (content, entry->content));
    }
  manifest_path = g_build_filename (folder, "manifest.json", NULL);
  manifest_bytes = read_bytes (manifest_path);
  g_assert_true (g_bytes_equal (manifest_bytes,
                                g_array_index (entries, Entry, entries->len - 1).content));

  /* never into an existing folder */
  g_assert_false (cr_packer_export_folder (packer, folder, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  assert_dir_holds (fixture->out_dir, out_names);
  g_clear_error (&error);

  /* a trailing slash names the same folder */
  {
    g_autofree char *slashed = g_strconcat (fixture->out_dir, "/again/", NULL);
    const char *three[] = { "package.zip", "package", "again", NULL };

    g_assert_true (cr_packer_export_folder (packer, slashed, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    assert_dir_holds (fixture->out_dir, three);
    assert_dir_holds (slashed, folder_names);
  }
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
progress_destroyed_cb (gpointer data)
{
  ProgressState *state = data;

  g_assert_true (g_thread_self () == state->thread);
  state->thread = NULL;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *big = in_case (fixture, "attachments/big.pdf");
  g_autofree char *zip = in_out (fixture, "async.zip");
  g_autofree char *folder = in_out (fixture, "async");
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GAsyncResult) inspected = NULL;
  g_autoptr(GAsyncResult) written = NULL;
  g_autoptr(GAsyncResult) exported = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressState state = { NULL, 0, 0, 0, 0, TRUE, g_thread_self () };
  const char *one[] = { "async.zip", NULL };

  make_blob (big, 3 * 1024 * 1024, 11);
  packer = make_packer (fixture,
                        "[{\"slot\": \"payment_proof\", \"record\": \"r1\","
                        "  \"path\": \"attachments/big.pdf\"},"
                        " {\"slot\": \"commitment\", \"record\": \"r1\","
                        "  \"path\": \"attachments/commitment-r1.pdf\"}]", TRUE);
  /* the blob is no real PDF */
  cr_packer_set_force (packer, TRUE);

  cr_packer_inspect_async (packer, NULL, async_done_cb, &inspected);
  while (inspected == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cr_packer_inspect_finish (packer, inspected, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cr_packer_get_n_files (packer), ==, 2);

  cr_packer_write_zip_async (packer, zip, progress_cb, &state, progress_destroyed_cb, NULL,
                             async_done_cb, &written);
  while (written == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cr_packer_write_zip_finish (packer, written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (state.calls, >=, 1);
  g_assert_cmpuint (state.last_done, ==, state.total);
  /* the data is released, in this thread, once the task is gone */
  g_clear_object (&written);
  while (state.thread != NULL)
    g_main_context_iteration (NULL, TRUE);
  assert_dir_holds (fixture->out_dir, one);

  g_cancellable_cancel (cancellable);
  cr_packer_export_folder_async (packer, folder, NULL, NULL, NULL, cancellable, async_done_cb,
                                 &cancelled);
  while (cancelled == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cr_packer_export_folder_finish (packer, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  assert_dir_holds (fixture->out_dir, one);
  g_clear_error (&error);

  cr_packer_export_folder_async (packer, folder, NULL, NULL, NULL, NULL, async_done_cb,
                                 &exported);
  while (exported == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (cr_packer_export_folder_finish (packer, exported, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
}

/* The user's Cancel reaches the cancellable once the worker has renamed
 * the verified package into place, while its result is on its way. */
typedef struct
{
  GCancellable *cancellable;
  GAsyncResult *result;
} LateCancel;

static void
cancel_then_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LateCancel *late = user_data;

  g_cancellable_cancel (late->cancellable);
  late->result = g_object_ref (result);
}

static void
test_async_cancel_late (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *zip = in_out (fixture, "late.zip");
  g_autofree char *folder = in_out (fixture, "late");
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GCancellable) zip_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) folder_cancellable = g_cancellable_new ();
  LateCancel written = { zip_cancellable, NULL };
  LateCancel exported = { folder_cancellable, NULL };
  g_autoptr(GError) error = NULL;

  packer = make_packer (fixture,
                        "[{\"slot\": \"commitment\", \"record\": \"r1\","
                        "  \"path\": \"attachments/commitment-r1.pdf\"}]", TRUE);
  cr_packer_set_force (packer, TRUE);

  /* What is written is reported as written, not as cancelled. */
  cr_packer_write_zip_async (packer, zip, NULL, NULL, NULL, zip_cancellable,
                             cancel_then_done_cb, &written);
  while (written.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_cancellable_is_cancelled (zip_cancellable));
  g_assert_true (cr_packer_write_zip_finish (packer, written.result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (zip, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (cr_packer_get_manifest (packer));
  g_clear_object (&written.result);

  cr_packer_export_folder_async (packer, folder, NULL, NULL, NULL, folder_cancellable,
                                 cancel_then_done_cb, &exported);
  while (exported.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_cancellable_is_cancelled (folder_cancellable));
  g_assert_true (cr_packer_export_folder_finish (packer, exported.result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));
  g_clear_object (&exported.result);
}

static void
test_symlink_material (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *outside = g_build_filename (fixture->dir, "private.pdf", NULL);
  g_autofree char *link = in_case (fixture, "attachments/link.pdf");
  g_autofree char *zip = in_out (fixture, "link.zip");
  g_autoptr(CrPacker) packer = NULL;
  g_autoptr(GError) error = NULL;
  const char *none[] = { NULL };

  make_pdf (outside, 1);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  packer = make_packer (fixture,
                        "[{\"slot\": \"payment_proof\", \"record\": \"r1\","
                        "  \"path\": \"attachments/link.pdf\"}]", TRUE);
  cr_packer_set_force (packer, TRUE);

  g_assert_false (cr_packer_write_zip (packer, zip, NULL, NULL, NULL, &error));
  g_assert_error (error, CR_PACKER_ERROR, CR_PACKER_ERROR_INPUT);
  g_assert_nonnull (strstr (error->message, "attachments/link.pdf"));
  g_assert_nonnull (strstr (error->message, "outside the case folder"));
  assert_dir_holds (fixture->out_dir, none);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/packer/names/sanitize", test_sanitize);
  g_test_add_func ("/packer/names/sanitize-cut", test_sanitize_cut);
  g_test_add_func ("/packer/names/reserved", test_reserved);
  g_test_add_func ("/packer/names/is-safe", test_is_safe);
  g_test_add_func ("/packer/names/extension", test_extension);
  g_test_add_func ("/packer/names/namer", test_namer);
  g_test_add_func ("/packer/portal-sheet", test_portal_sheet);
  g_test_add_func ("/packer/bad-case", test_bad_case);

#define ADD(path, func) \
  g_test_add ("/packer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("plan", test_plan);
  ADD ("zip-deterministic", test_zip_deterministic);
  ADD ("zip-contents", test_zip_contents);
  ADD ("hostile-names", test_hostile_names);
  ADD ("not-ready", test_not_ready);
  ADD ("material-problems", test_material_problems);
  ADD ("missing-material", test_missing_material);
  ADD ("symlink-material", test_symlink_material);
  ADD ("cancel", test_cancel);
  ADD ("folder", test_folder);
  ADD ("async", test_async);
  ADD ("async-cancel-late", test_async_cancel_late);

#undef ADD

  return g_test_run ();
}
