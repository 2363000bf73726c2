/* test-material.c: inspection of real and hostile material files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file is made by the test: PDFs with cairo-pdf, PNGs with cairo and
 * gdk-pixbuf, JPEGs with gdk-pixbuf, an RC4-encrypted PDF by hand (the
 * PDF 1.4 standard security handler, revision 2), and hostile files made
 * by cutting or patching real ones.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "cr-material.h"
#include "cr-problem.h"
#include "cr-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("cr-material-XXXXXX", &error);
  g_assert_no_error (error);
}


static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  cr_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static void
write_bytes (const char *path,
             const void *data,
             gsize       len)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
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

static void
make_pdf (const char *path,
          int         n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  for (int i = 0; i < n_pages; i++)
    {
      cairo_move_to (cr, 72, 72);
      cairo_set_font_size (cr, 24);
      cairo_show_text (cr, "Credit repair test page");
      cairo_rectangle (cr, 100, 200, 300, 100);
      cairo_fill (cr);
      cairo_show_page (cr);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A PDF of one A4 page that is a scan: a grey image of @width × @height
 * pixels drawn over the whole page. */
static void
make_scanned_pdf (const char *path,
                  int         width,
                  int         height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_surface_t *scan = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (scan);

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.9);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, width / 10, height / 10, width / 2, height / 20);
  cairo_fill (cr);
  cairo_destroy (cr);

  cr = cairo_create (surface);
  cairo_scale (cr, 595.0 / width, 842.0 / height);
  cairo_set_source_surface (cr, scan, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (scan);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static void
make_cairo_png (const char *path,
                int         width,
                int         height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0.9, 0.9, 0.8);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.1, 0.2, 0.6);
  cairo_rectangle (cr, width / 4.0, height / 4.0, width / 2.0, height / 2.0);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* A JPEG or PNG written by gdk-pixbuf, with a recorded resolution if
 * @dpi is not NULL. */
static void
make_pixbuf_file (const char *path,
                  const char *type,
                  int         width,
                  int         height,
                  const char *dpi)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  if (dpi != NULL)
    gdk_pixbuf_save (pixbuf, path, type, &error, "x-dpi", dpi, "y-dpi", dpi, NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
}

static CrMaterialInfo *
inspect (Fixture    *fixture,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  CrMaterialInfo *info;

  info = cr_material_inspect (name, fixture->dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

/* Asserts that a problem with @code exists, that its message names the
 * file, and returns it. */
static const CrProblem *
assert_problem (GPtrArray  *problems,
                const char *code,
                const char *file_name)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, code))
        {
          g_assert_nonnull (strstr (problem->message, file_name));
          return problem;
        }
    }

  g_error ("no problem “%s” among %u", code, problems->len);
  return NULL;
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *code)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->code, code))
        return TRUE;
    }

  return FALSE;
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "receipt.pdf");
  g_autoptr(CrMaterialInfo) info = NULL;
  GStatBuf st;

  make_pdf (path, 3);
  g_assert_cmpint (g_stat (path, &st), ==, 0);

  info = inspect (fixture, "receipt.pdf");
  g_assert_true (cr_material_info_is_readable (info));
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "pdf");
  g_assert_cmpstr (cr_material_info_get_content_type (info), ==, "application/pdf");
  g_assert_cmpint (cr_material_info_get_size (info), ==, st.st_size);
  g_assert_cmpint (cr_material_info_get_n_pages (info), ==, 3);
  g_assert_false (cr_material_info_get_encrypted (info));
  g_assert_false (cr_material_info_get_damaged (info));
  g_assert_false (cr_material_info_get_pixel_size (info, NULL, NULL));
  g_assert_false (cr_material_info_is_symlink (info));
  g_assert_cmpuint (cr_material_info_get_problems (info)->len, ==, 0);
  g_assert_cmpstr (cr_material_info_get_path (info), ==, "receipt.pdf");
}

static void
test_jpeg (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "photo.JPG");
  g_autoptr(CrMaterialInfo) info = NULL;
  double x_dpi = 0, y_dpi = 0;
  int width = 0, height = 0;

  make_pixbuf_file (path, "jpeg", 640, 480, "300");
  info = inspect (fixture, "photo.JPG");
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "jpeg");
  g_assert_true (cr_material_info_get_pixel_size (info, &width, &height));
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 480);
  g_assert_true (cr_material_info_get_resolution (info, &x_dpi, &y_dpi));
  g_assert_cmpfloat_with_epsilon (x_dpi, 300, 0.01);
  g_assert_cmpfloat_with_epsilon (y_dpi, 300, 0.01);
  g_assert_cmpint (cr_material_info_get_n_pages (info), ==, 1);
  g_assert_cmpuint (cr_material_info_get_problems (info)->len, ==, 0);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *plain = path_in (fixture, "plain.png");
  g_autofree char *dense = path_in (fixture, "dense.png");
  g_autoptr(CrMaterialInfo) plain_info = NULL;
  g_autoptr(CrMaterialInfo) dense_info = NULL;
  double x_dpi = 0, y_dpi = 0;
  int width = 0, height = 0;

  make_cairo_png (plain, 200, 100);
  plain_info = inspect (fixture, "plain.png");
  g_assert_cmpstr (cr_material_info_get_format (plain_info), ==, "png");
  g_assert_true (cr_material_info_get_pixel_size (plain_info, &width, &height));
  g_assert_cmpint (width, ==, 200);
  g_assert_cmpint (height, ==, 100);
  /* cairo records no resolution */
  g_assert_false (cr_material_info_get_resolution (plain_info, NULL, NULL));
  g_assert_cmpuint (cr_material_info_get_problems (plain_info)->len, ==, 0);

  make_pixbuf_file (dense, "png", 50, 60, "600");
  dense_info = inspect (fixture, "dense.png");
  g_assert_true (cr_material_info_get_resolution (dense_info, &x_dpi, &y_dpi));
  /* pHYs stores dots per metre as an integer: 600 dpi is 23622 per metre */
  g_assert_cmpfloat_with_epsilon (x_dpi, 600, 0.1);
  g_assert_cmpfloat_with_epsilon (y_dpi, 600, 0.1);
}

/* Inserts an Exif segment recording 200 dpi after the SOI marker of a JPEG
 * whose JFIF header has no unit (gdk-pixbuf writes density 1:1 then). */
static void
test_jpeg_exif_resolution (Fixture       *fixture,
                           gconstpointer  user_data)
{
  static const guint8 exif[] = {
    0xFF, 0xE1, 0x00, 0x42, 'E', 'x', 'i', 'f', 0, 0,
    /* TIFF header, little-endian, IFD0 at offset 8 */
    'I', 'I', 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00,
    /* 3 entries */
    0x03, 0x00,
    /* XResolution, RATIONAL, count 1, offset 50 */
    0x1A, 0x01, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00,
    /* YResolution, RATIONAL, count 1, offset 50 */
    0x1B, 0x01, 0x05, 0x00, 0x01, 0x00, 0x00, 0x00, 0x32, 0x00, 0x00, 0x00,
    /* ResolutionUnit, SHORT, count 1, inches */
    0x28, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
    /* next IFD: none */
    0x00, 0x00, 0x00, 0x00,
    /* 200 / 1 */
    0xC8, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
  };
  g_autofree char *path = path_in (fixture, "exif.jpg");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) patched = g_byte_array_new ();
  g_autoptr(CrMaterialInfo) info = NULL;
  const guint8 *data;
  gsize len;
  double x_dpi = 0, y_dpi = 0;

  G_STATIC_ASSERT (sizeof exif == 2 + 0x42);

  make_pixbuf_file (path, "jpeg", 64, 64, NULL);
  bytes = read_bytes (path);
  data = g_bytes_get_data (bytes, &len);
  g_byte_array_append (patched, data, 2);
  g_byte_array_append (patched, exif, sizeof exif);
  g_byte_array_append (patched, data + 2, len - 2);
  write_bytes (path, patched->data, patched->len);

  info = inspect (fixture, "exif.jpg");
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "jpeg");
  g_assert_true (cr_material_info_get_resolution (info, &x_dpi, &y_dpi));
  g_assert_cmpfloat_with_epsilon (x_dpi, 200, 0.01);
  g_assert_cmpfloat_with_epsilon (y_dpi, 200, 0.01);
}

static void
test_zero_bytes (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "empty.pdf");
  g_autoptr(CrMaterialInfo) info = NULL;

  write_bytes (path, "", 0);
  info = inspect (fixture, "empty.pdf");
  g_assert_true (cr_material_info_is_readable (info));
  g_assert_cmpint (cr_material_info_get_size (info), ==, 0);
  g_assert_true (cr_material_info_has_errors (info));
  assert_problem (cr_material_info_get_problems (info), "material-empty", "empty.pdf");
}

static void
truncate_copy (const char *from,
               const char *to,
               double      fraction)
{
  g_autoptr(GBytes) bytes = read_bytes (from);
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  write_bytes (to, data, (gsize) (len * fraction));
}

static void
test_truncated (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char *names[] = { "full.pdf", "full.jpg", "full.png" };
  static const char *cut[] = { "cut.pdf", "cut.jpg", "cut.png" };
  g_autofree char *pdf = path_in (fixture, names[0]);
  g_autofree char *jpg = path_in (fixture, names[1]);
  g_autofree char *png = path_in (fixture, names[2]);

  make_pdf (pdf, 2);
  make_pixbuf_file (jpg, "jpeg", 300, 300, "150");
  make_cairo_png (png, 300, 300);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = path_in (fixture, names[i]);
      g_autofree char *to = path_in (fixture, cut[i]);
      g_autoptr(CrMaterialInfo) whole = NULL;
      g_autoptr(CrMaterialInfo) info = NULL;

      whole = inspect (fixture, names[i]);
      g_assert_false (cr_material_info_has_errors (whole));

      truncate_copy (from, to, 0.6);
      info = inspect (fixture, cut[i]);
      g_assert_true (cr_material_info_get_damaged (info));
      g_assert_true (cr_material_info_has_errors (info));
      assert_problem (cr_material_info_get_problems (info), "material-truncated", cut[i]);
    }
}

static void
test_garbage (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *fake = path_in (fixture, "fake.pdf");
  g_autofree char *broken = path_in (fixture, "broken.pdf");
  g_autofree char *blob = path_in (fixture, "blob.bin");
  g_autoptr(CrMaterialInfo) fake_info = NULL;
  g_autoptr(CrMaterialInfo) broken_info = NULL;
  g_autoptr(CrMaterialInfo) blob_info = NULL;
  guint8 noise[2048];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) ((i * 7919u + 13u) >> 3) ^ (guint8) i;
  noise[0] = 0x01; /* not a magic number of anything */
  write_bytes (fake, noise, sizeof noise);
  write_bytes (blob, noise, sizeof noise);
  write_bytes (broken, "%PDF-1.7\nthis is not a PDF body\n%%EOF\n", 38);

  fake_info = inspect (fixture, "fake.pdf");
  g_assert_null (cr_material_info_get_format (fake_info));
  assert_problem (cr_material_info_get_problems (fake_info), "material-type-mismatch",
                  "fake.pdf");

  broken_info = inspect (fixture, "broken.pdf");
  g_assert_cmpstr (cr_material_info_get_format (broken_info), ==, "pdf");
  g_assert_true (cr_material_info_get_damaged (broken_info));
  assert_problem (cr_material_info_get_problems (broken_info), "material-damaged", "broken.pdf");

  blob_info = inspect (fixture, "blob.bin");
  g_assert_null (cr_material_info_get_format (blob_info));
  g_assert_false (cr_material_info_has_errors (blob_info));
  g_assert_cmpstr (cr_material_info_get_description (blob_info), ==, "unrecognised file");
  assert_problem (cr_material_info_get_problems (blob_info), "material-unknown-type",
                  "blob.bin");
}

/* Other types are named, so that the user knows what was attached. */
static void
test_other_types (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char * const pdf_only[] = { "pdf", NULL };
  static const guint8 zip[] = {
    /* a local file header, as every zip starts */
    'P', 'K', 0x03, 0x04, 0x0A, 0, 0, 0, 0, 0, 0, 0, 0x21, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0x01, 0, 0, 0, 'a',
    'P', 'K', 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  };
  g_autofree char *text = path_in (fixture, "letter.txt");
  g_autofree char *archive = path_in (fixture, "scans.zip");
  g_autoptr(CrMaterialInfo) text_info = NULL;
  g_autoptr(CrMaterialInfo) zip_info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  CrMaterialLimits limits = { pdf_only, 0, 0, 0, 0 };
  const CrProblem *problem;

  write_bytes (text, "Dear Sir or Madam,\nplease find attached...\n", 43);
  write_bytes (archive, zip, sizeof zip);

  text_info = inspect (fixture, "letter.txt");
  g_assert_null (cr_material_info_get_format (text_info));
  g_assert_true (g_content_type_is_a (cr_material_info_get_content_type (text_info),
                                      "text/plain"));
  g_assert_cmpstr (cr_material_info_get_description (text_info), ==, "text file");
  g_assert_false (cr_material_info_has_errors (text_info));

  zip_info = inspect (fixture, "scans.zip");
  g_assert_cmpstr (cr_material_info_get_content_type (zip_info), ==, "application/zip");
  g_assert_cmpstr (cr_material_info_get_description (zip_info), ==, "ZIP archive");
  g_assert_false (cr_material_info_has_errors (zip_info));

  problems = cr_material_info_check_limits (zip_info, &limits);
  problem = assert_problem (problems, "material-format", "scans.zip");
  g_assert_nonnull (strstr (problem->message, "ZIP archive"));
  g_assert_nonnull (strstr (problem->message, "PDF"));
}

static void
test_type_mismatch (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "scan.pdf");
  g_autofree char *txt = path_in (fixture, "notes.txt");
  g_autoptr(CrMaterialInfo) info = NULL;
  g_autoptr(CrMaterialInfo) txt_info = NULL;

  make_pixbuf_file (path, "jpeg", 120, 80, NULL);
  info = inspect (fixture, "scan.pdf");
  /* the content decides, not the name */
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "jpeg");
  g_assert_true (cr_material_info_get_pixel_size (info, NULL, NULL));
  assert_problem (cr_material_info_get_problems (info), "material-type-mismatch", "scan.pdf");
  g_assert_true (cr_material_info_has_errors (info));

  make_pdf (txt, 1);
  txt_info = inspect (fixture, "notes.txt");
  g_assert_cmpstr (cr_material_info_get_format (txt_info), ==, "pdf");
  assert_problem (cr_material_info_get_problems (txt_info), "material-type-mismatch",
                  "notes.txt");
}

/* RC4, for the hand-made encrypted PDF. */
static void
rc4 (const guint8 *key,
     gsize         key_len,
     const guint8 *in,
     guint8       *out,
     gsize         len)
{
  guint8 s[256];
  guint8 j = 0;

  for (guint i = 0; i < 256; i++)
    s[i] = (guint8) i;
  for (guint i = 0; i < 256; i++)
    {
      guint8 t;

      j = (guint8) (j + s[i] + key[i % key_len]);
      t = s[i];
      s[i] = s[j];
      s[j] = t;
    }

  j = 0;
  for (gsize n = 0, i = 0; n < len; n++)
    {
      guint8 t;

      i = (i + 1) & 0xFF;
      j = (guint8) (j + s[i]);
      t = s[i];
      s[i] = s[j];
      s[j] = t;
      out[n] = in[n] ^ s[(guint8) (s[i] + s[j])];
    }
}

static void
md5 (const guint8 *data,
     gsize         len,
     guint8        digest[16])
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_MD5);
  gsize digest_len = 16;

  g_checksum_update (checksum, data, len);
  g_checksum_get_digest (checksum, digest, &digest_len);
}

static void
append_hex (GString      *text,
            const guint8 *data,
            gsize         len)
{
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (text, "%02X", data[i]);
}

/* A one-page PDF encrypted with the user password "secret" by the
 * standard security handler, revision 2 (40-bit RC4), as PDF 1.4 §3.5.2
 * describes: poppler refuses it without the password and opens it with. */
static void
make_encrypted_pdf (const char *path)
{
  static const guint8 padding[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
  };
  static const guint8 file_id[16] = "0123456789abcdef";
  const char *user = "secret", *owner = "owner-secret";
  const gint32 permissions = -44;
  guint8 user_padded[32], owner_padded[32], digest[16], o_value[32], u_value[32];
  g_autoptr(GByteArray) key_input = g_byte_array_new ();
  g_autoptr(GString) pdf = g_string_new (NULL);
  gsize offsets[5];
  gsize xref;
  guint8 p_bytes[4];

  memcpy (user_padded, user, strlen (user));
  memcpy (user_padded + strlen (user), padding, 32 - strlen (user));
  memcpy (owner_padded, owner, strlen (owner));
  memcpy (owner_padded + strlen (owner), padding, 32 - strlen (owner));

  /* O: the padded user password under a key from the owner password. */
  md5 (owner_padded, 32, digest);
  rc4 (digest, 5, user_padded, o_value, 32);

  /* The file key, then U: the padding under the file key. */
  for (guint i = 0; i < 4; i++)
    p_bytes[i] = (guint8) (((guint32) permissions >> (8 * i)) & 0xFF);
  g_byte_array_append (key_input, user_padded, 32);
  g_byte_array_append (key_input, o_value, 32);
  g_byte_array_append (key_input, p_bytes, 4);
  g_byte_array_append (key_input, file_id, 16);
  md5 (key_input->data, key_input->len, digest);
  rc4 (digest, 5, padding, u_value, 32);

  g_string_append (pdf, "%PDF-1.4\n");
  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\n"
                        "endobj\n");
  offsets[4] = pdf->len;
  g_string_append (pdf, "4 0 obj\n<< /Filter /Standard /V 1 /R 2 /Length 40 /O <");
  append_hex (pdf, o_value, 32);
  g_string_append (pdf, "> /U <");
  append_hex (pdf, u_value, 32);
  g_string_append_printf (pdf, "> /P %d >>\nendobj\n", permissions);
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (guint i = 1; i < 5; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append (pdf, "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R /ID [<");
  append_hex (pdf, file_id, 16);
  g_string_append (pdf, "> <");
  append_hex (pdf, file_id, 16);
  g_string_append_printf (pdf, ">] >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);

  write_bytes (path, pdf->str, pdf->len);
}

static void
test_encrypted (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *path = path_in (fixture, "locked.pdf");
  g_autofree char *uri = NULL;
  g_autoptr(CrMaterialInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) thumb_error = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  PopplerDocument *document;

  make_encrypted_pdf (path);

  /* It is a real encrypted PDF: it opens with its password. */
  uri = g_filename_to_uri (path, NULL, NULL);
  document = poppler_document_new_from_file (uri, "secret", &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, 1);
  g_object_unref (document);

  info = inspect (fixture, "locked.pdf");
  g_assert_cmpstr (cr_material_info_get_format (info), ==, "pdf");
  g_assert_true (cr_material_info_get_encrypted (info));
  g_assert_cmpint (cr_material_info_get_n_pages (info), ==, -1);
  assert_problem (cr_material_info_get_problems (info), "material-encrypted", "locked.pdf");
  g_assert_true (cr_material_info_has_errors (info));

  thumbnail = cr_material_render_thumbnail (info, 128, NULL, &thumb_error);
  g_assert_null (thumbnail);
  g_assert_error (thumb_error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED);
  g_assert_nonnull (strstr (thumb_error->message, "locked.pdf"));
}

static guint32
crc32 (const guint8 *data,
       gsize         len)
{
  guint32 crc = 0xFFFFFFFFu;

  for (gsize i = 0; i < len; i++)
    {
      crc ^= data[i];
      for (guint k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }

  return crc ^ 0xFFFFFFFFu;
}

static void
put_be32 (guint8  *p,
          guint32  value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

/* Real small images whose headers are patched to claim 20,000 × 20,000
 * pixels: inspection must only read the header and refuse the size. */
static void
test_huge_header (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *jpg = path_in (fixture, "huge.jpg");
  g_autofree char *png = path_in (fixture, "huge.png");
  g_autoptr(GBytes) jpg_bytes = NULL;
  g_autoptr(GBytes) png_bytes = NULL;
  g_autofree guint8 *jpg_data = NULL;
  g_autofree guint8 *png_data = NULL;
  gsize jpg_len, png_len;
  gboolean patched = FALSE;
  const char *names[] = { "huge.jpg", "huge.png" };

  make_pixbuf_file (jpg, "jpeg", 16, 16, NULL);
  jpg_bytes = read_bytes (jpg);
  jpg_data = g_memdup2 (g_bytes_get_data (jpg_bytes, &jpg_len), g_bytes_get_size (jpg_bytes));
  for (gsize i = 2; i + 9 < jpg_len; i++)
    {
      if (jpg_data[i] == 0xFF && (jpg_data[i + 1] == 0xC0 || jpg_data[i + 1] == 0xC2))
        {
          /* SOFn: length(2) precision(1) height(2) width(2) */
          jpg_data[i + 5] = 20000 >> 8;
          jpg_data[i + 6] = 20000 & 0xFF;
          jpg_data[i + 7] = 20000 >> 8;
          jpg_data[i + 8] = 20000 & 0xFF;
          patched = TRUE;
          break;
        }
    }
  g_assert_true (patched);
  write_bytes (jpg, jpg_data, jpg_len);

  make_cairo_png (png, 16, 16);
  png_bytes = read_bytes (png);
  png_data = g_memdup2 (g_bytes_get_data (png_bytes, &png_len), g_bytes_get_size (png_bytes));
  g_assert_cmpmem (png_data + 12, 4, "IHDR", 4);
  put_be32 (png_data + 16, 20000);
  put_be32 (png_data + 20, 20000);
  put_be32 (png_data + 29, crc32 (png_data + 12, 17));
  write_bytes (png, png_data, png_len);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrMaterialInfo) info = inspect (fixture, names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) thumbnail = NULL;
      int width = 0, height = 0;

      g_assert_true (cr_material_info_get_pixel_size (info, &width, &height));
      g_assert_cmpint (width, ==, 20000);
      g_assert_cmpint (height, ==, 20000);
      assert_problem (cr_material_info_get_problems (info), "material-too-many-pixels",
                      names[i]);

      thumbnail = cr_material_render_thumbnail (info, 256, NULL, &error);
      g_assert_null (thumbnail);
      g_assert_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED);
    }
}

static void
test_symlinks (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *case_dir = path_in (fixture, "case");
  g_autofree char *outside = path_in (fixture, "secret.pdf");
  g_autofree char *inside = NULL;
  g_autofree char *link_in = NULL;
  g_autofree char *link_out = NULL;
  g_autofree char *link_dir = NULL;
  g_autofree char *dangling = NULL;
  g_autoptr(CrMaterialInfo) in_info = NULL;
  g_autoptr(CrMaterialInfo) out_info = NULL;
  g_autoptr(CrMaterialInfo) dir_info = NULL;
  g_autoptr(CrMaterialInfo) dangling_info = NULL;
  g_autoptr(CrMaterialInfo) no_base_info = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (case_dir, 0700), ==, 0);
  inside = g_build_filename (case_dir, "real.pdf", NULL);
  link_in = g_build_filename (case_dir, "alias.pdf", NULL);
  link_out = g_build_filename (case_dir, "escape.pdf", NULL);
  link_dir = g_build_filename (case_dir, "up", NULL);
  dangling = g_build_filename (case_dir, "gone.pdf", NULL);
  make_pdf (inside, 1);
  make_pdf (outside, 1);
  g_assert_cmpint (symlink ("real.pdf", link_in), ==, 0);
  g_assert_cmpint (symlink (outside, link_out), ==, 0);
  g_assert_cmpint (symlink ("..", link_dir), ==, 0);
  g_assert_cmpint (symlink ("nothing-here.pdf", dangling), ==, 0);

  in_info = cr_material_inspect ("alias.pdf", case_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_material_info_is_symlink (in_info));
  g_assert_true (cr_material_info_is_readable (in_info));
  g_assert_cmpint (cr_material_info_get_n_pages (in_info), ==, 1);
  g_assert_false (cr_material_info_has_errors (in_info));
  assert_problem (cr_material_info_get_problems (in_info), "material-symlink", "alias.pdf");
  g_assert_true (g_str_has_suffix (cr_material_info_get_resolved_path (in_info), "/real.pdf"));

  out_info = cr_material_inspect ("escape.pdf", case_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cr_material_info_is_readable (out_info));
  g_assert_null (cr_material_info_get_resolved_path (out_info));
  g_assert_cmpint (cr_material_info_get_n_pages (out_info), ==, -1);
  assert_problem (cr_material_info_get_problems (out_info), "material-symlink-outside",
                  "escape.pdf");

  /* A linked folder on the way out counts as well. */
  dir_info = cr_material_inspect ("up/secret.pdf", case_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cr_material_info_is_readable (dir_info));
  assert_problem (cr_material_info_get_problems (dir_info), "material-symlink-outside",
                  "up/secret.pdf");

  dangling_info = cr_material_inspect ("gone.pdf", case_dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cr_material_info_is_readable (dangling_info));
  assert_problem (cr_material_info_get_problems (dangling_info), "material-missing", "gone.pdf");

  /* Without a case folder there is nothing to leave, but the link is said. */
  no_base_info = cr_material_inspect (link_out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_material_info_is_readable (no_base_info));
  g_assert_true (has_problem (cr_material_info_get_problems (no_base_info), "material-symlink"));
}

static void
test_missing_and_directory (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *sub = path_in (fixture, "folder.pdf");
  g_autoptr(CrMaterialInfo) missing = NULL;
  g_autoptr(CrMaterialInfo) dir = NULL;

  missing = inspect (fixture, "nowhere/receipt.pdf");
  g_assert_false (cr_material_info_is_readable (missing));
  assert_problem (cr_material_info_get_problems (missing), "material-missing",
                  "nowhere/receipt.pdf");

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  dir = inspect (fixture, "folder.pdf");
  g_assert_false (cr_material_info_is_readable (dir));
  assert_problem (cr_material_info_get_problems (dir), "material-not-a-file", "folder.pdf");
}

static void
test_limits (Fixture       *fixture,
             gconstpointer  user_data)
{
  static const char * const pdf_only[] = { "pdf", NULL };
  static const char * const images[] = { "JPG", "png", NULL };
  g_autofree char *pdf = path_in (fixture, "long.pdf");
  g_autofree char *small = path_in (fixture, "small.jpg");
  g_autofree char *sharp = path_in (fixture, "sharp.jpg");
  g_autofree char *page = path_in (fixture, "page.png");
  g_autoptr(CrMaterialInfo) pdf_info = NULL;
  g_autoptr(CrMaterialInfo) small_info = NULL;
  g_autoptr(CrMaterialInfo) sharp_info = NULL;
  g_autoptr(CrMaterialInfo) page_info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  CrMaterialLimits limits = { 0 };
  const CrProblem *problem;

  make_pdf (pdf, 5);
  make_pixbuf_file (small, "jpeg", 300, 200, "72");
  make_pixbuf_file (sharp, "jpeg", 300, 200, "600");
  /* an A4 page at 150 dpi, recording no resolution */
  make_cairo_png (page, 1240, 1754);
  pdf_info = inspect (fixture, "long.pdf");
  small_info = inspect (fixture, "small.jpg");
  sharp_info = inspect (fixture, "sharp.jpg");
  page_info = inspect (fixture, "page.png");

  /* no limits: nothing to say */
  problems = cr_material_info_check_limits (pdf_info, &limits);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  limits.formats = pdf_only;
  limits.max_bytes = 100;
  limits.max_pages = 2;
  limits.min_dpi = 150;
  problems = cr_material_info_check_limits (pdf_info, &limits);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = assert_problem (problems, "material-too-big", "long.pdf");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_ERROR);
  problem = assert_problem (problems, "material-too-many-pages", "long.pdf");
  g_assert_nonnull (strstr (problem->message, "5"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = cr_material_info_check_limits (small_info, &limits);
  problem = assert_problem (problems, "material-format", "small.jpg");
  g_assert_nonnull (strstr (problem->message, "PDF"));
  g_assert_true (has_problem (problems, "material-too-big"));
  problem = assert_problem (problems, "material-low-resolution", "small.jpg");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_WARNING);
  g_clear_pointer (&problems, g_ptr_array_unref);

  limits.formats = images;
  limits.max_bytes = 0;
  problems = cr_material_info_check_limits (small_info, &limits);
  g_assert_false (has_problem (problems, "material-format"));
  g_assert_true (has_problem (problems, "material-low-resolution"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* a small receipt scanned at 600 dpi is sharp whatever its pixel size */
  problems = cr_material_info_check_limits (sharp_info, &limits);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* an A4 page of 1240 × 1754 pixels is 150 dpi, recorded or not */
  problems = cr_material_info_check_limits (page_info, &limits);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  limits.min_dpi = 200;
  problems = cr_material_info_check_limits (page_info, &limits);
  g_assert_true (has_problem (problems, "material-low-resolution"));
}


/* A PDF of scanned pages is held to the slot's resolution like an image;
 * a PDF a program wrote (text and shapes) has no scan resolution. */
static void
test_scanned_pdf (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autofree char *coarse = path_in (fixture, "coarse.pdf");
  g_autofree char *fine = path_in (fixture, "fine.pdf");
  g_autofree char *written = path_in (fixture, "written.pdf");
  g_autoptr(CrMaterialInfo) coarse_info = NULL;
  g_autoptr(CrMaterialInfo) fine_info = NULL;
  g_autoptr(CrMaterialInfo) written_info = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  CrMaterialLimits limits = { 0 };
  const CrProblem *problem;

  /* A4 is 8.27 × 11.69 inches: 620 × 877 pixels is 75 dpi, 1240 × 1754
   * is 150 dpi. */
  make_scanned_pdf (coarse, 620, 877);
  make_scanned_pdf (fine, 1240, 1754);
  make_pdf (written, 1);
  coarse_info = inspect (fixture, "coarse.pdf");
  fine_info = inspect (fixture, "fine.pdf");
  written_info = inspect (fixture, "written.pdf");

  g_assert_cmpfloat_with_epsilon (cr_material_info_get_scan_resolution (coarse_info), 75.0, 1.0);
  g_assert_cmpfloat_with_epsilon (cr_material_info_get_scan_resolution (fine_info), 150.0, 1.0);
  g_assert_cmpfloat (cr_material_info_get_scan_resolution (written_info), ==, 0.0);

  limits.min_dpi = 150;
  problems = cr_material_info_check_limits (coarse_info, &limits);
  problem = assert_problem (problems, "material-low-resolution", "coarse.pdf");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_WARNING);
  g_assert_nonnull (strstr (problem->message, "75 dpi"));
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = cr_material_info_check_limits (fine_info, &limits);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  problems = cr_material_info_check_limits (written_info, &limits);
  g_assert_cmpuint (problems->len, ==, 0);
}

/* A rule set's slot: limits it could not verify only warn. */
static void
test_limits_from_slot (Fixture       *fixture,
                       gconstpointer  user_data)
{
  char *formats[] = { (char *) "pdf", NULL };
  CrSlotDef slot = { 0 };
  CrMaterialLimits limits;
  g_autofree char *pdf = path_in (fixture, "ten.pdf");
  g_autoptr(CrMaterialInfo) info = NULL;
  g_autoptr(GPtrArray) unverified = NULL;
  g_autoptr(GPtrArray) verified = NULL;
  const CrProblem *problem;

  make_pdf (pdf, 10);
  info = inspect (fixture, "ten.pdf");

  slot.id = (char *) "commitment";
  slot.formats = formats;
  slot.formats_verified = TRUE;
  slot.max_bytes = (CrSlotLimit) { TRUE, FALSE, 100 };
  slot.max_pages = (CrSlotLimit) { TRUE, FALSE, 5 };
  slot.min_dpi = (CrSlotLimit) { FALSE, FALSE, 0 };

  cr_material_limits_init_from_slot (&limits, &slot);
  g_assert_true (limits.formats == (const char * const *) formats);
  g_assert_cmpint (limits.max_bytes, ==, 100);
  g_assert_cmpint (limits.max_pages, ==, 5);
  g_assert_cmpfloat (limits.min_dpi, ==, 0);
  g_assert_cmpint (limits.unverified, ==, CR_MATERIAL_LIMIT_MAX_BYTES | CR_MATERIAL_LIMIT_MAX_PAGES);

  unverified = cr_material_info_check_limits (info, &limits);
  g_assert_cmpuint (unverified->len, ==, 2);
  problem = assert_problem (unverified, "material-too-big", "ten.pdf");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_WARNING);
  problem = assert_problem (unverified, "material-too-many-pages", "ten.pdf");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_WARNING);

  slot.max_pages.verified = TRUE;
  cr_material_limits_init_from_slot (&limits, &slot);
  verified = cr_material_info_check_limits (info, &limits);
  problem = assert_problem (verified, "material-too-many-pages", "ten.pdf");
  g_assert_cmpint (problem->severity, ==, CR_SEVERITY_ERROR);
}

static void
test_formats (void)
{
  g_assert_cmpstr (cr_material_format_normalize ("JPG"), ==, "jpeg");
  g_assert_cmpstr (cr_material_format_normalize (".jpeg"), ==, "jpeg");
  g_assert_cmpstr (cr_material_format_normalize ("application/pdf"), ==, "pdf");
  g_assert_cmpstr (cr_material_format_normalize ("tif"), ==, "tiff");
  g_assert_null (cr_material_format_normalize ("docx"));
  g_assert_null (cr_material_format_normalize (NULL));
  g_assert_cmpstr (cr_material_format_for_name ("a/b.c/scan.PnG"), ==, "png");
  g_assert_null (cr_material_format_for_name ("a/b.pdf/scan"));
  g_assert_null (cr_material_format_for_name (".pdf"));
  g_assert_cmpstr (cr_material_format_get_label ("jpg"), ==, "JPEG image");
}

static void
assert_png_within (GBytes *png,
                   int     max_size,
                   int    *width,
                   int    *height)
{
  g_autoptr(GdkPixbufLoader) loader = gdk_pixbuf_loader_new_with_type ("png", NULL);
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  gdk_pixbuf_loader_write_bytes (loader, png, &error);
  g_assert_no_error (error);
  gdk_pixbuf_loader_close (loader, &error);
  g_assert_no_error (error);
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  g_assert_nonnull (pixbuf);
  *width = gdk_pixbuf_get_width (pixbuf);
  *height = gdk_pixbuf_get_height (pixbuf);
  g_assert_cmpint (MAX (*width, *height), <=, max_size);
}

static void
test_thumbnails (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *pdf = path_in (fixture, "a4.pdf");
  g_autofree char *jpg = path_in (fixture, "wide.jpg");
  g_autofree char *tiny = path_in (fixture, "tiny.png");
  g_autoptr(CrMaterialInfo) pdf_info = NULL;
  g_autoptr(CrMaterialInfo) jpg_info = NULL;
  g_autoptr(CrMaterialInfo) tiny_info = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GError) error = NULL;
  int width, height;

  make_pdf (pdf, 2);
  make_pixbuf_file (jpg, "jpeg", 800, 400, NULL);
  make_cairo_png (tiny, 20, 10);
  pdf_info = inspect (fixture, "a4.pdf");
  jpg_info = inspect (fixture, "wide.jpg");
  tiny_info = inspect (fixture, "tiny.png");

  png = cr_material_render_thumbnail (pdf_info, 200, NULL, &error);
  g_assert_no_error (error);
  assert_png_within (png, 200, &width, &height);
  /* A4 portrait: 595 × 842 points */
  g_assert_cmpint (height, ==, 200);
  g_assert_cmpint (width, ==, 141);
  g_clear_pointer (&png, g_bytes_unref);

  png = cr_material_render_thumbnail (jpg_info, 100, NULL, &error);
  g_assert_no_error (error);
  assert_png_within (png, 100, &width, &height);
  g_assert_cmpint (width, ==, 100);
  g_assert_cmpint (height, ==, 50);
  g_clear_pointer (&png, g_bytes_unref);

  /* never scaled up */
  png = cr_material_render_thumbnail (tiny_info, 100, NULL, &error);
  g_assert_no_error (error);
  assert_png_within (png, 100, &width, &height);
  g_assert_cmpint (width, ==, 20);
  g_assert_cmpint (height, ==, 10);
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
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *pdf = path_in (fixture, "async.pdf");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) thumb_result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(CrMaterialInfo) info = NULL;
  g_autoptr(CrMaterialInfo) none = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  make_pdf (pdf, 4);
  cr_material_inspect_async ("async.pdf", fixture->dir, NULL, async_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  info = cr_material_inspect_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cr_material_info_get_n_pages (info), ==, 4);

  cr_material_render_thumbnail_async (info, 64, NULL, async_done_cb, &thumb_result);
  while (thumb_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  png = cr_material_render_thumbnail_finish (info, thumb_result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (png), >, 8);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, "\x89PNG", 4);

  g_cancellable_cancel (cancellable);
  cr_material_inspect_async ("async.pdf", fixture->dir, cancellable, async_done_cb,
                             &cancelled_result);
  while (cancelled_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  none = cr_material_inspect_finish (cancelled_result, &error);
  g_assert_null (none);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/material/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/material/formats", test_formats);
  ADD ("pdf", test_pdf);
  ADD ("jpeg", test_jpeg);
  ADD ("png", test_png);
  ADD ("jpeg-exif-resolution", test_jpeg_exif_resolution);
  ADD ("zero-bytes", test_zero_bytes);
  ADD ("truncated", test_truncated);
  ADD ("garbage", test_garbage);
  ADD ("other-types", test_other_types);
  ADD ("type-mismatch", test_type_mismatch);
  ADD ("encrypted", test_encrypted);
  ADD ("huge-header", test_huge_header);
  ADD ("symlinks", test_symlinks);
  ADD ("missing-and-directory", test_missing_and_directory);
  ADD ("limits", test_limits);
  ADD ("scanned-pdf", test_scanned_pdf);
  ADD ("limits-from-slot", test_limits_from_slot);
  ADD ("thumbnails", test_thumbnails);
  ADD ("async", test_async);

#undef ADD

  return g_test_run ();
}
