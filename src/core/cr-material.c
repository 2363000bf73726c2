/* cr-material.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The three formats the portals take (PDF, JPEG, PNG) are recognised by
 * their magic bytes, which is exact and needs no MIME database; anything
 * else goes through g_content_type_guess() so that it can at least be
 * named. PDFs are opened with poppler (page count, encryption, damage);
 * images go through gdk_pixbuf_get_file_info(), which stops reading after
 * the header, and the resolution is read from the header bytes (JFIF and
 * Exif for JPEG, pHYs for PNG), since gdk-pixbuf only reports it after
 * decoding the whole image.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <poppler.h>

#include "cr-material.h"
#include "cr-problem.h"

/* poppler-glib 22.12 declares no autoptr cleanup functions, later
 * versions may: local aliases cannot clash with them. */
typedef PopplerDocument CrPopplerDocument;
typedef PopplerPage CrPopplerPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPopplerPage, g_object_unref)

G_DEFINE_QUARK (cr-material-error-quark, cr_material_error)

/* How much of the start of a file is read to find its type and, for
 * images, the metadata segments that come before the pixels. */
#define HEAD_SIZE  (64 * 1024)
/* PDF readers accept the end-of-file marker anywhere in the last KiB;
 * the trailer of an encrypted file is looked for in the last 4 KiB. */
#define TAIL_SIZE  (4 * 1024)
#define MAX_THUMBNAIL_SIZE 4096
/* How many pages of a PDF are looked at for scanned images (each image
 * found is decoded to learn its size). */
#define MAX_SCAN_PAGES 2

/* An A4 page in inches, for the resolution an image would have printed
 * on one. */
#define A4_SHORT_INCHES (210.0 / 25.4)
#define A4_LONG_INCHES  (297.0 / 25.4)

struct _CrMaterialInfo
{
  GObject    parent_instance;

  char      *path;
  char      *display_name;
  char      *resolved_path;
  gboolean   readable;
  gboolean   symlink;
  goffset    size;
  char      *content_type;
  const char *format;
  char      *description;
  int        n_pages;
  gboolean   encrypted;
  gboolean   damaged;
  int        width;
  int        height;
  double     x_dpi;
  double     y_dpi;
  double     scan_dpi;  /* a PDF of scanned pages: the lowest, or 0 */
  GPtrArray *problems;
};

G_DEFINE_FINAL_TYPE (CrMaterialInfo, cr_material_info, G_TYPE_OBJECT)

typedef struct
{
  const char *id;
  const char *content_type;
  const char *extensions[5];
} FormatEntry;

static const FormatEntry formats[] = {
  { "pdf",  "application/pdf", { "pdf", NULL } },
  { "jpeg", "image/jpeg",      { "jpg", "jpeg", "jpe", "jfif", NULL } },
  { "png",  "image/png",       { "png", NULL } },
  { "gif",  "image/gif",       { "gif", NULL } },
  { "tiff", "image/tiff",      { "tif", "tiff", NULL } },
  { "bmp",  "image/bmp",       { "bmp", NULL } },
  { "webp", "image/webp",      { "webp", NULL } },
  { "heif", "image/heif",      { "heif", "heic", NULL } },
};

static void
cr_material_info_finalize (GObject *object)
{
  CrMaterialInfo *self = CR_MATERIAL_INFO (object);

  g_free (self->path);
  g_free (self->display_name);
  g_free (self->resolved_path);
  g_free (self->content_type);
  g_free (self->description);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (cr_material_info_parent_class)->finalize (object);
}

static void
cr_material_info_class_init (CrMaterialInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_material_info_finalize;
}

static void
cr_material_info_init (CrMaterialInfo *self)
{
  self->n_pages = -1;
  self->problems = cr_problem_list_new ();
}

/**
 * cr_material_format_normalize:
 * @format: a format id or alias ("jpg", "JPEG", "application/pdf", ".png")
 *
 * Returns: (nullable): the canonical format id, or %NULL if unknown
 */
const char *
cr_material_format_normalize (const char *format)
{
  if (format == NULL)
    return NULL;

  if (format[0] == '.')
    format++;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_ascii_strcasecmp (format, formats[i].id) == 0 ||
          g_ascii_strcasecmp (format, formats[i].content_type) == 0)
        return formats[i].id;

      for (guint j = 0; formats[i].extensions[j] != NULL; j++)
        {
          if (g_ascii_strcasecmp (format, formats[i].extensions[j]) == 0)
            return formats[i].id;
        }
    }

  return NULL;
}

/**
 * cr_material_format_get_label:
 *
 * Returns: the name of the format in the user's language ("PDF document")
 */
const char *
cr_material_format_get_label (const char *format)
{
  const char *id = cr_material_format_normalize (format);

  if (g_strcmp0 (id, "pdf") == 0)
    return _("PDF document");
  if (g_strcmp0 (id, "jpeg") == 0)
    return _("JPEG image");
  if (g_strcmp0 (id, "png") == 0)
    return _("PNG image");
  if (g_strcmp0 (id, "gif") == 0)
    return _("GIF image");
  if (g_strcmp0 (id, "tiff") == 0)
    return _("TIFF image");
  if (g_strcmp0 (id, "bmp") == 0)
    return _("BMP image");
  if (g_strcmp0 (id, "webp") == 0)
    return _("WebP image");
  if (g_strcmp0 (id, "heif") == 0)
    return _("HEIF image");

  return _("unknown format");
}

/**
 * cr_material_format_for_name:
 * @file_name: a file name or path
 *
 * Returns: (nullable): the format the name's extension stands for
 */
const char *
cr_material_format_for_name (const char *file_name)
{
  const char *base, *dot;

  g_return_val_if_fail (file_name != NULL, NULL);

  base = strrchr (file_name, '/');
  base = base != NULL ? base + 1 : file_name;
  dot = strrchr (base, '.');
  if (dot == NULL || dot == base)
    return NULL;

  return cr_material_format_normalize (dot + 1);
}

static const char *
format_for_content_type (const char *content_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_content_type_equals (content_type, formats[i].content_type))
        return formats[i].id;
    }

  /* Aliases that the MIME database may return. */
  if (g_content_type_equals (content_type, "image/heic") ||
      g_content_type_equals (content_type, "image/heif-sequence"))
    return "heif";
  if (g_content_type_equals (content_type, "image/x-ms-bmp"))
    return "bmp";

  return NULL;
}

static const char *
content_type_for_format (const char *format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (g_strcmp0 (format, formats[i].id) == 0)
        return formats[i].content_type;
    }

  return NULL;
}

static gboolean
path_is_within (const char *path,
                const char *dir)
{
  gsize len = strlen (dir);

  if (len > 0 && dir[len - 1] == '/')
    len--;

  return strncmp (path, dir, len) == 0 && (path[len] == '/' || path[len] == '\0');
}

static gssize
read_at (int     fd,
         guint8 *buffer,
         gsize   count,
         goffset offset)
{
  gsize done = 0;

  while (done < count)
    {
      gssize n = pread (fd, buffer + done, count - done, offset + done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += n;
    }

  return done;
}

static void
add_problem (CrMaterialInfo *self,
             CrSeverity      severity,
             const char     *code,
             const char     *format,
             ...) G_GNUC_PRINTF (4, 5);

static void
add_problem (CrMaterialInfo *self,
             CrSeverity      severity,
             const char     *code,
             const char     *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  cr_problem_list_add (self->problems, severity, code, NULL, "%s", message);
}

static guint16
be16 (const guint8 *p)
{
  return (guint16) ((p[0] << 8) | p[1]);
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint16
tiff16 (const guint8 *p,
        gboolean      little)
{
  return little ? (guint16) (p[0] | (p[1] << 8)) : be16 (p);
}

static guint32
tiff32 (const guint8 *p,
        gboolean      little)
{
  return little ? ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0]
                : be32 (p);
}

/* Reads XResolution, YResolution and ResolutionUnit from IFD0 of the TIFF
 * structure inside an Exif segment. Every offset is checked against @len. */
static gboolean
parse_exif_resolution (const guint8 *tiff,
                       gsize         len,
                       double       *x_dpi,
                       double       *y_dpi)
{
  gboolean little;
  guint32 ifd;
  guint16 n_entries;
  double res[2] = { 0, 0 };
  guint unit = 2; /* inches, the Exif default */

  if (len < 8)
    return FALSE;
  if (memcmp (tiff, "II*\0", 4) == 0)
    little = TRUE;
  else if (memcmp (tiff, "MM\0*", 4) == 0)
    little = FALSE;
  else
    return FALSE;

  ifd = tiff32 (tiff + 4, little);
  if (ifd > len - 2)
    return FALSE;
  n_entries = tiff16 (tiff + ifd, little);

  for (guint i = 0; i < n_entries; i++)
    {
      gsize entry = ifd + 2 + (gsize) i * 12;
      guint16 tag, type;

      if (entry + 12 > len)
        break;
      tag = tiff16 (tiff + entry, little);
      type = tiff16 (tiff + entry + 2, little);

      if ((tag == 0x011A || tag == 0x011B) && type == 5 /* RATIONAL */)
        {
          guint32 offset = tiff32 (tiff + entry + 8, little);
          guint32 num, den;

          if (offset > len || len - offset < 8)
            continue;
          num = tiff32 (tiff + offset, little);
          den = tiff32 (tiff + offset + 4, little);
          if (den != 0)
            res[tag - 0x011A] = (double) num / den;
        }
      else if (tag == 0x0128 && type == 3 /* SHORT */)
        {
          unit = tiff16 (tiff + entry + 8, little);
        }
    }

  if (res[0] <= 0 || res[1] <= 0 || (unit != 2 && unit != 3))
    return FALSE;

  *x_dpi = unit == 3 ? res[0] * 2.54 : res[0];
  *y_dpi = unit == 3 ? res[1] * 2.54 : res[1];
  return TRUE;
}

/* Walks the JPEG segments before the first scan: the JFIF density when it
 * has a unit, otherwise the Exif resolution. */
static gboolean
parse_jpeg_resolution (const guint8 *data,
                       gsize         len,
                       double       *x_dpi,
                       double       *y_dpi)
{
  gboolean have_exif = FALSE;
  double exif_x = 0, exif_y = 0;
  gsize pos = 2;

  while (pos + 4 <= len)
    {
      guint8 marker;
      guint16 seg_len;
      const guint8 *seg;

      if (data[pos] != 0xFF)
        return FALSE;
      marker = data[pos + 1];
      if (marker == 0xFF)
        {
          pos++;
          continue;
        }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7))
        {
          pos += 2;
          continue;
        }
      if (marker == 0xDA || marker == 0xD9)
        break;

      seg_len = be16 (data + pos + 2);
      if (seg_len < 2 || pos + 2 + seg_len > len)
        break;
      seg = data + pos + 4;

      if (marker == 0xE0 && seg_len >= 16 && memcmp (seg, "JFIF\0", 5) == 0)
        {
          guint8 units = seg[7];
          guint16 xd = be16 (seg + 8), yd = be16 (seg + 10);

          if ((units == 1 || units == 2) && xd > 0 && yd > 0)
            {
              *x_dpi = units == 2 ? xd * 2.54 : xd;
              *y_dpi = units == 2 ? yd * 2.54 : yd;
              return TRUE;
            }
        }
      else if (marker == 0xE1 && seg_len >= 8 && memcmp (seg, "Exif\0\0", 6) == 0)
        {
          have_exif = parse_exif_resolution (seg + 6, seg_len - 8, &exif_x, &exif_y);
        }

      pos += 2 + seg_len;
    }

  if (have_exif)
    {
      *x_dpi = exif_x;
      *y_dpi = exif_y;
    }

  return have_exif;
}

/* Finds the pHYs chunk, which must come before the image data. */
static gboolean
parse_png_resolution (const guint8 *data,
                      gsize         len,
                      double       *x_dpi,
                      double       *y_dpi)
{
  gsize pos = 8;

  while (pos + 8 <= len)
    {
      guint32 chunk_len = be32 (data + pos);
      const guint8 *type = data + pos + 4;

      if (memcmp (type, "IDAT", 4) == 0 || memcmp (type, "IEND", 4) == 0)
        break;
      if (chunk_len > len || pos + 12 + chunk_len > len)
        break;

      if (memcmp (type, "pHYs", 4) == 0 && chunk_len == 9)
        {
          const guint8 *d = data + pos + 8;
          guint32 ppu_x = be32 (d), ppu_y = be32 (d + 4);

          if (d[8] != 1 || ppu_x == 0 || ppu_y == 0)
            return FALSE;
          *x_dpi = ppu_x * 0.0254;
          *y_dpi = ppu_y * 0.0254;
          return TRUE;
        }

      pos += 12 + chunk_len;
    }

  return FALSE;
}

static gboolean
jpeg_ends_properly (const guint8 *tail,
                    gsize         len)
{
  /* Some writers pad after the end-of-image marker, some cameras append
   * data after it; the marker just has to be in the last few KiB. */
  for (gsize i = len; i >= 2; i--)
    {
      if (tail[i - 2] == 0xFF && tail[i - 1] == 0xD9)
        return TRUE;
    }

  return FALSE;
}

static gboolean
tail_contains (const guint8 *tail,
               gsize         len,
               const char   *needle)
{
  gsize needle_len = strlen (needle);

  for (gsize i = 0; i + needle_len <= len; i++)
    {
      if (memcmp (tail + i, needle, needle_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The resolution of the scanned pages of @document, from the first
 * pages: an image that covers at least half of a page is a scan; its
 * resolution is its pixels over the area it is drawn on (the geometric
 * mean of both directions, so that a rotated scan counts the same).
 * Returns 0 when no page is a scan (a PDF written by a program). */
static double
pdf_scan_dpi (PopplerDocument *document)
{
  int n_pages = MIN (poppler_document_get_n_pages (document), MAX_SCAN_PAGES);
  double lowest = 0;

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(CrPopplerPage) page = poppler_document_get_page (document, i);
      double page_width, page_height;
      GList *mapping;

      if (page == NULL)
        continue;

      poppler_page_get_size (page, &page_width, &page_height);
      mapping = poppler_page_get_image_mapping (page);
      for (GList *l = mapping; l != NULL; l = l->next)
        {
          PopplerImageMapping *image = l->data;
          double width_in = fabs (image->area.x2 - image->area.x1) / 72.0;
          double height_in = fabs (image->area.y2 - image->area.y1) / 72.0;
          cairo_surface_t *surface;
          double dpi;

          if (width_in * height_in * 72.0 * 72.0 < 0.5 * page_width * page_height)
            continue;

          surface = poppler_page_get_image (page, image->image_id);
          if (surface == NULL)
            continue;
          if (cairo_surface_get_type (surface) == CAIRO_SURFACE_TYPE_IMAGE)
            {
              dpi = sqrt ((double) cairo_image_surface_get_width (surface) *
                          cairo_image_surface_get_height (surface) / (width_in * height_in));
              if (lowest == 0 || dpi < lowest)
                lowest = dpi;
            }
          cairo_surface_destroy (surface);
        }
      poppler_page_free_image_mapping (mapping);
    }

  return lowest;
}

static void
inspect_pdf (CrMaterialInfo *self,
             int             fd)
{
  g_autoptr(CrPopplerDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  guint8 tail[TAIL_SIZE];
  gsize tail_len = MIN ((goffset) sizeof tail, self->size);
  gssize n;
  int dup_fd;

  n = read_at (fd, tail, tail_len, self->size - tail_len);
  if (n >= 0 && !tail_contains (tail + (n > 1024 ? n - 1024 : 0), MIN (n, 1024), "%%EOF"))
    {
      self->damaged = TRUE;
      add_problem (self, CR_SEVERITY_ERROR, "material-truncated",
                   _("“%s” is cut off: the PDF does not end as a complete file does"),
                   self->display_name);
    }

  /* poppler takes ownership of the descriptor it is given. */
  dup_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  if (dup_fd < 0)
    return;

  document = poppler_document_new_from_fd (dup_fd, NULL, &error);
  if (document == NULL)
    {
      if (g_error_matches (error, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
        {
          self->encrypted = TRUE;
          add_problem (self, CR_SEVERITY_ERROR, "material-encrypted",
                       _("“%s” is protected by a password: the portal cannot open it"),
                       self->display_name);
        }
      else if (!self->damaged)
        {
          self->damaged = TRUE;
          add_problem (self, CR_SEVERITY_ERROR, "material-damaged",
                       _("“%s” is damaged: it cannot be read as a PDF"),
                       self->display_name);
        }
      return;
    }

  self->n_pages = poppler_document_get_n_pages (document);
  if (self->n_pages < 1 && !self->damaged)
    {
      self->damaged = TRUE;
      add_problem (self, CR_SEVERITY_ERROR, "material-damaged",
                   _("“%s” has no pages"), self->display_name);
    }
  else if (!self->damaged)
    {
      self->scan_dpi = pdf_scan_dpi (document);
    }

  /* Opened without a password, but an owner password may still forbid
   * printing or copying, which some portals refuse. */
  if (n > 0 && tail_contains (tail, n, "/Encrypt"))
    {
      self->encrypted = TRUE;
      add_problem (self, CR_SEVERITY_WARNING, "material-restricted",
                   _("“%s” is encrypted with restrictions (it opens without a password); "
                     "some portals refuse such files"),
                   self->display_name);
    }
}

static void
inspect_image (CrMaterialInfo *self,
               int             fd,
               const guint8   *head,
               gsize           head_len)
{
  GdkPixbufFormat *pixbuf_format;
  guint8 tail[TAIL_SIZE];
  gsize tail_len = MIN ((goffset) sizeof tail, self->size);
  gboolean strict;
  gssize n;
  int width = 0, height = 0;

  /* Loaders for the rarer formats may not be installed: only JPEG and PNG
   * are called damaged when gdk-pixbuf cannot read them. */
  strict = g_str_equal (self->format, "jpeg") || g_str_equal (self->format, "png");

  /* Reads only as much of the file as it takes to learn the size. */
  pixbuf_format = gdk_pixbuf_get_file_info (self->resolved_path, &width, &height);
  if (!strict && pixbuf_format == NULL)
    return;
  if (pixbuf_format == NULL || width <= 0 || height <= 0)
    {
      self->damaged = TRUE;
      add_problem (self, CR_SEVERITY_ERROR, "material-damaged",
                   _("“%s” is damaged: it cannot be read as an image"),
                   self->display_name);
      return;
    }

  self->width = width;
  self->height = height;
  self->n_pages = 1;

  if ((gint64) width * height > CR_MATERIAL_MAX_PIXELS)
    {
      add_problem (self, CR_SEVERITY_ERROR, "material-too-many-pixels",
                   _("“%s” claims to be %d × %d pixels, more than any portal takes "
                     "and too large to open safely"),
                   self->display_name, width, height);
    }

  if (g_str_equal (self->format, "jpeg"))
    parse_jpeg_resolution (head, head_len, &self->x_dpi, &self->y_dpi);
  else if (g_str_equal (self->format, "png"))
    parse_png_resolution (head, head_len, &self->x_dpi, &self->y_dpi);

  n = read_at (fd, tail, tail_len, self->size - tail_len);
  if (n < 0)
    return;

  if ((g_str_equal (self->format, "jpeg") && !jpeg_ends_properly (tail, n)) ||
      (g_str_equal (self->format, "png") &&
       (n < 12 || memcmp (tail + n - 8, "IEND", 4) != 0)))
    {
      self->damaged = TRUE;
      add_problem (self, CR_SEVERITY_ERROR, "material-truncated",
                   _("“%s” is cut off: the image does not end as a complete file does"),
                   self->display_name);
    }
}

static const char *
sniff_format (const guint8 *head,
              gsize         len)
{
  static const guint8 png_magic[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

  if (len >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
    return "jpeg";
  if (len >= sizeof png_magic && memcmp (head, png_magic, sizeof png_magic) == 0)
    return "png";
  /* Readers accept the header anywhere in the first KiB. */
  for (gsize i = 0; i + 5 <= MIN (len, 1024); i++)
    {
      if (memcmp (head + i, "%PDF-", 5) == 0)
        return "pdf";
    }

  return NULL;
}

/* The types people attach by mistake, named in the user's language.
 * g_content_type_get_description() would name them all, but in GLib 2.74
 * it leaks the MIME database it loads, which the sanitiser runs of the
 * tests and of the command-line tool report as an error. */
static char *
describe_content_type (const char *content_type)
{
  static const struct { const char *content_type; const char *label; } table[] = {
    { "application/zip", N_("ZIP archive") },
    { "application/x-7z-compressed", N_("7-Zip archive") },
    { "application/vnd.rar", N_("RAR archive") },
    { "application/x-rar", N_("RAR archive") },
    { "application/msword", N_("Word document") },
    { "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      N_("Word document") },
    { "application/vnd.ms-excel", N_("Excel spreadsheet") },
    { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      N_("Excel spreadsheet") },
    { "application/vnd.ms-powerpoint", N_("PowerPoint presentation") },
    { "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      N_("PowerPoint presentation") },
    { "application/vnd.oasis.opendocument.text", N_("OpenDocument text") },
    { "application/x-ole-storage", N_("Microsoft Office document") },
    { "application/ofd", N_("OFD document") },
    { "text/html", N_("web page") },
    { "application/xml", N_("XML document") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    {
      if (g_content_type_equals (content_type, table[i].content_type))
        return g_strdup (_(table[i].label));
    }

  if (g_content_type_is_a (content_type, "text/plain"))
    return g_strdup (_("text file"));
  if (g_str_has_prefix (content_type, "image/"))
    /* Translators: %s is a MIME type such as image/x-xcf */
    return g_strdup_printf (_("image (%s)"), content_type);
  if (g_str_has_prefix (content_type, "video/"))
    return g_strdup (_("video"));
  if (g_str_has_prefix (content_type, "audio/"))
    return g_strdup (_("audio recording"));

  return g_strdup (_("unrecognised file"));
}

/* Sets the type from the content and reports a name that says otherwise. */
static void
identify (CrMaterialInfo *self,
          const guint8   *head,
          gsize           head_len)
{
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *name_type = NULL;
  gboolean uncertain = FALSE;
  gboolean name_uncertain = FALSE;
  const char *name_format;

  self->format = sniff_format (head, head_len);
  if (self->format != NULL)
    {
      self->content_type = g_strdup (content_type_for_format (self->format));
    }
  else
    {
      self->content_type = g_content_type_guess (NULL, head, head_len, &uncertain);
      self->format = format_for_content_type (self->content_type);
    }

  if (self->format != NULL)
    self->description = g_strdup (cr_material_format_get_label (self->format));
  else
    self->description = describe_content_type (self->content_type);

  /* The name's extension must not claim another type: a JPEG named .pdf
   * is refused by the portal or shown as garbage. */
  name_format = cr_material_format_for_name (base);

  if (self->format == NULL && (uncertain ||
                               g_content_type_equals (self->content_type,
                                                      "application/octet-stream")))
    {
      if (name_format != NULL)
        add_problem (self, CR_SEVERITY_ERROR, "material-type-mismatch",
                     _("“%s” is not a %s: its content is not recognised"),
                     self->display_name, cr_material_format_get_label (name_format));
      else
        add_problem (self, CR_SEVERITY_WARNING, "material-unknown-type",
                     _("The type of “%s” cannot be recognised from its content"),
                     self->display_name);
      return;
    }

  if (name_format != NULL)
    name_type = g_strdup (content_type_for_format (name_format));
  else
    name_type = g_content_type_guess (base, NULL, 0, &name_uncertain);

  if (!name_uncertain && !uncertain &&
      !g_content_type_is_unknown (name_type) &&
      !g_content_type_is_a (self->content_type, name_type) &&
      !g_content_type_is_a (name_type, self->content_type))
    {
      const char *dot = strrchr (base, '.');
      g_autofree char *ext = g_utf8_make_valid (dot != NULL ? dot : "", -1);

      add_problem (self, CR_SEVERITY_ERROR, "material-type-mismatch",
                   _("“%s” is a file of type “%s”, but its name ends in “%s”"),
                   self->display_name, self->description, ext);
    }
}

/* Resolves @full_path and applies the rule for symbolic links: followed
 * inside the case folder (with a warning), never outside it. */
static gboolean
resolve (CrMaterialInfo *self,
         const char     *full_path,
         const char     *base_dir)
{
  g_autofree char *resolved = NULL;
  g_autofree char *real_base = NULL;
  gboolean inside = TRUE;
  GStatBuf st;
  int saved_errno;

  if (g_lstat (full_path, &st) != 0)
    {
      saved_errno = errno;
      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        add_problem (self, CR_SEVERITY_ERROR, "material-missing",
                     _("“%s” does not exist"), self->display_name);
      else
        add_problem (self, CR_SEVERITY_ERROR, "material-unreadable",
                     _("“%s” cannot be read: %s"), self->display_name,
                     g_strerror (saved_errno));
      return FALSE;
    }

  self->symlink = S_ISLNK (st.st_mode);

  resolved = realpath (full_path, NULL);
  if (resolved == NULL)
    {
      saved_errno = errno;
      if (self->symlink && saved_errno == ENOENT)
        add_problem (self, CR_SEVERITY_ERROR, "material-missing",
                     _("“%s” is a symbolic link to a file that does not exist"),
                     self->display_name);
      else
        add_problem (self, CR_SEVERITY_ERROR, "material-unreadable",
                     _("“%s” cannot be read: %s"), self->display_name,
                     g_strerror (saved_errno));
      return FALSE;
    }

  if (base_dir != NULL)
    {
      g_autofree char *lexical = g_canonicalize_filename (full_path, NULL);
      g_autofree char *lexical_base = g_canonicalize_filename (base_dir, NULL);

      real_base = realpath (base_dir, NULL);
      inside = real_base != NULL && path_is_within (resolved, real_base);

      /* A link, or a linked folder on the way, that leads out of the case
       * folder is not followed: the case would pack someone else's file. */
      if (!inside && (self->symlink || path_is_within (lexical, lexical_base)))
        {
          add_problem (self, CR_SEVERITY_ERROR, "material-symlink-outside",
                       _("“%s” is a symbolic link that leads outside the case folder; "
                         "it is not followed"),
                       self->display_name);
          return FALSE;
        }
    }

  if (self->symlink)
    add_problem (self, CR_SEVERITY_WARNING, "material-symlink",
                 _("“%s” is a symbolic link; the file it points to is used"),
                 self->display_name);

  self->resolved_path = g_steal_pointer (&resolved);
  return TRUE;
}

/**
 * cr_material_inspect:
 * @path: the file, absolute or relative to @base_dir
 * @base_dir: (nullable): the case folder; symbolic links are not followed
 *   out of it
 * @cancellable: (nullable): a #GCancellable
 *
 * Inspects a material file. A missing, unreadable or damaged file is not
 * an error here: it is described by the problems of the returned info.
 *
 * Returns: (transfer full): what the file is, or %NULL when cancelled
 */
CrMaterialInfo *
cr_material_inspect (const char    *path,
                     const char    *base_dir,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CrMaterialInfo) self = NULL;
  g_autofree char *full_path = NULL;
  g_autofree guint8 *head = NULL;
  gssize head_len;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (CR_TYPE_MATERIAL_INFO, NULL);
  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);

  if (base_dir != NULL && !g_path_is_absolute (path))
    full_path = g_build_filename (base_dir, path, NULL);
  else
    full_path = g_strdup (path);

  if (!resolve (self, full_path, base_dir))
    return g_steal_pointer (&self);

  fd = g_open (self->resolved_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      add_problem (self, CR_SEVERITY_ERROR, "material-unreadable",
                   _("“%s” cannot be read: %s"), self->display_name,
                   g_strerror (saved_errno));
      if (fd >= 0)
        close (fd);
      return g_steal_pointer (&self);
    }

  if (!S_ISREG (st.st_mode))
    {
      add_problem (self, CR_SEVERITY_ERROR, "material-not-a-file",
                   _("“%s” is not a file"), self->display_name);
      close (fd);
      return g_steal_pointer (&self);
    }

  self->readable = TRUE;
  self->size = st.st_size;

  if (self->size == 0)
    {
      self->damaged = TRUE;
      self->content_type = g_strdup ("application/x-zerosize");
      self->description = g_strdup (_("empty file"));
      add_problem (self, CR_SEVERITY_ERROR, "material-empty",
                   _("“%s” is empty (0 bytes)"), self->display_name);
      close (fd);
      return g_steal_pointer (&self);
    }

  head = g_malloc (HEAD_SIZE);
  head_len = read_at (fd, head, HEAD_SIZE, 0);
  if (head_len < 0)
    {
      int saved_errno = errno;

      self->readable = FALSE;
      add_problem (self, CR_SEVERITY_ERROR, "material-unreadable",
                   _("“%s” cannot be read: %s"), self->display_name,
                   g_strerror (saved_errno));
      close (fd);
      return g_steal_pointer (&self);
    }

  identify (self, head, head_len);

  if (g_strcmp0 (self->format, "pdf") == 0)
    inspect_pdf (self, fd);
  else if (self->format != NULL)
    inspect_image (self, fd, head, head_len);

  close (fd);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  char *path;
  char *base_dir;
} InspectData;

static void
inspect_data_free (InspectData *data)
{
  g_free (data->path);
  g_free (data->base_dir);
  g_free (data);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  InspectData *data = task_data;
  CrMaterialInfo *info;
  GError *error = NULL;

  info = cr_material_inspect (data->path, data->base_dir, cancellable, &error);
  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, g_object_unref);
}

/**
 * cr_material_inspect_async:
 *
 * Inspects a material file in a worker thread; see cr_material_inspect().
 */
void
cr_material_inspect_async (const char          *path,
                           const char          *base_dir,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  InspectData *data;

  g_return_if_fail (path != NULL);

  data = g_new0 (InspectData, 1);
  data->path = g_strdup (path);
  data->base_dir = g_strdup (base_dir);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_material_inspect_async);
  g_task_set_task_data (task, data, (GDestroyNotify) inspect_data_free);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * cr_material_inspect_finish:
 *
 * Returns: (transfer full): the inspection, or %NULL when cancelled
 */
CrMaterialInfo *
cr_material_inspect_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cr_material_inspect_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * cr_material_info_get_path:
 *
 * Returns: the path as given to cr_material_inspect()
 */
const char *
cr_material_info_get_path (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->path;
}

/**
 * cr_material_info_get_display_name:
 *
 * Returns: the path as given, in UTF-8, for messages
 */
const char *
cr_material_info_get_display_name (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->display_name;
}

/**
 * cr_material_info_get_resolved_path:
 *
 * Returns: (nullable): the absolute path of the file without symbolic
 * links, or %NULL if the file cannot be used
 */
const char *
cr_material_info_get_resolved_path (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->resolved_path;
}

/**
 * cr_material_info_is_readable:
 *
 * Returns: %TRUE if the file exists, is a regular file that may be read
 * and can be packed (even if it has other problems)
 */
gboolean
cr_material_info_is_readable (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  return self->readable;
}

gboolean
cr_material_info_is_symlink (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  return self->symlink;
}

goffset
cr_material_info_get_size (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), 0);

  return self->size;
}

/**
 * cr_material_info_get_content_type:
 *
 * Returns: (nullable): the MIME type found in the content
 */
const char *
cr_material_info_get_content_type (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->content_type;
}

/**
 * cr_material_info_get_format:
 *
 * Returns: (nullable): the format id ("pdf", "jpeg", "png" …) found in the
 * content, or %NULL for any other type
 */
const char *
cr_material_info_get_format (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->format;
}

/**
 * cr_material_info_get_description:
 *
 * Returns: (nullable): the type in the user's language ("PDF document")
 */
const char *
cr_material_info_get_description (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->description;
}

/**
 * cr_material_info_get_n_pages:
 *
 * Returns: the number of pages (1 for an image), or -1 if unknown
 */
int
cr_material_info_get_n_pages (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), -1);

  return self->n_pages;
}

gboolean
cr_material_info_get_encrypted (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  return self->encrypted;
}

gboolean
cr_material_info_get_damaged (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  return self->damaged;
}

/**
 * cr_material_info_get_pixel_size:
 * @width: (out) (optional):
 * @height: (out) (optional):
 *
 * Returns: %TRUE for an image whose header could be read
 */
gboolean
cr_material_info_get_pixel_size (CrMaterialInfo *self,
                                 int            *width,
                                 int            *height)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;

  return self->width > 0;
}

/**
 * cr_material_info_get_scan_resolution:
 *
 * Returns: for a PDF of scanned pages, the lowest resolution of the
 * scans on its first pages, in dpi; 0 for anything else
 */
double
cr_material_info_get_scan_resolution (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), 0);

  return self->scan_dpi;
}

/**
 * cr_material_info_get_resolution:
 * @x_dpi: (out) (optional):
 * @y_dpi: (out) (optional):
 *
 * Returns: %TRUE if the image records its resolution
 */
gboolean
cr_material_info_get_resolution (CrMaterialInfo *self,
                                 double         *x_dpi,
                                 double         *y_dpi)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  if (x_dpi != NULL)
    *x_dpi = self->x_dpi;
  if (y_dpi != NULL)
    *y_dpi = self->y_dpi;

  return self->x_dpi > 0;
}

/**
 * cr_material_info_get_problems:
 *
 * Returns: (transfer none) (element-type CrProblem): what is wrong with the
 * file itself, each message naming it. Limits of a slot are checked by
 * cr_material_info_check_limits().
 */
GPtrArray *
cr_material_info_get_problems (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);

  return self->problems;
}

gboolean
cr_material_info_has_errors (CrMaterialInfo *self)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), FALSE);

  return cr_problem_list_has_errors (self->problems);
}

static char *
format_list (const char * const *format_ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; format_ids[i] != NULL; i++)
    {
      const char *id = cr_material_format_normalize (format_ids[i]);
      g_autofree char *upper = g_ascii_strup (id != NULL ? id : format_ids[i], -1);

      if (text->len > 0)
        /* Translators: separates the formats in a list such as "PDF, JPEG" */
        g_string_append (text, _(", "));
      g_string_append (text, upper);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The resolution the image would have printed as a whole A4 page. Photos
 * of documents record no resolution, or a meaningless 72 dpi, so this is
 * the better measure of legibility for them. */
static double
a4_dpi (int width,
        int height)
{
  int short_side = MIN (width, height), long_side = MAX (width, height);

  return MIN (short_side / A4_SHORT_INCHES, long_side / A4_LONG_INCHES);
}

/**
 * cr_material_limits_init_from_slot:
 * @limits: (out caller-allocates): the limits to fill
 * @slot: a slot of a rule set
 *
 * Fills @limits from the slot definition of a rule set. @limits borrows
 * the slot's list of formats: it is valid as long as the rule set is.
 * Limits the rule set states as unverified only warn.
 */
void
cr_material_limits_init_from_slot (CrMaterialLimits *limits,
                                   const CrSlotDef  *slot)
{
  g_return_if_fail (limits != NULL);
  g_return_if_fail (slot != NULL);

  memset (limits, 0, sizeof *limits);
  limits->formats = (const char * const *) slot->formats;
  if (slot->max_bytes.known)
    limits->max_bytes = slot->max_bytes.value;
  if (slot->max_pages.known)
    limits->max_pages = (int) CLAMP (slot->max_pages.value, 0, G_MAXINT);
  if (slot->min_dpi.known)
    limits->min_dpi = (double) slot->min_dpi.value;

  if (!slot->formats_verified)
    limits->unverified |= CR_MATERIAL_LIMIT_FORMATS;
  if (!slot->max_bytes.verified)
    limits->unverified |= CR_MATERIAL_LIMIT_MAX_BYTES;
  if (!slot->max_pages.verified)
    limits->unverified |= CR_MATERIAL_LIMIT_MAX_PAGES;
}

static CrSeverity
limit_severity (const CrMaterialLimits *limits,
                CrMaterialLimitFlags    limit)
{
  return (limits->unverified & limit) != 0 ? CR_SEVERITY_WARNING : CR_SEVERITY_ERROR;
}

/**
 * cr_material_info_check_limits:
 * @limits: the slot's limits
 *
 * Checks a file against the limits of the slot it is attached to. An image
 * is too coarse when both the resolution it records and the resolution it
 * would have as a whole A4 page are below the minimum (a warning: only a
 * person can tell whether a scan is legible).
 *
 * Returns: (transfer full) (element-type CrProblem): the limits broken,
 * each message naming the file; empty if none
 */
GPtrArray *
cr_material_info_check_limits (CrMaterialInfo         *self,
                               const CrMaterialLimits *limits)
{
  g_autoptr(GPtrArray) problems = cr_problem_list_new ();

  g_return_val_if_fail (CR_IS_MATERIAL_INFO (self), NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  if (!self->readable || self->size == 0)
    return g_steal_pointer (&problems);

  if (limits->formats != NULL && limits->formats[0] != NULL)
    {
      gboolean accepted = FALSE;

      for (guint i = 0; limits->formats[i] != NULL && !accepted; i++)
        accepted = self->format != NULL &&
                   g_strcmp0 (cr_material_format_normalize (limits->formats[i]),
                              self->format) == 0;

      if (!accepted)
        {
          g_autofree char *list = format_list (limits->formats);

          cr_problem_list_add (problems, limit_severity (limits, CR_MATERIAL_LIMIT_FORMATS),
                               "material-format", NULL, _("“%s” is a file of type “%s”; this slot takes %s"),
                               self->display_name, self->description, list);
        }
    }

  if (limits->max_bytes > 0 && self->size > limits->max_bytes)
    {
      g_autofree char *size = g_format_size (self->size);
      g_autofree char *max = g_format_size (limits->max_bytes);

      cr_problem_list_add (problems, limit_severity (limits, CR_MATERIAL_LIMIT_MAX_BYTES),
                           "material-too-big", NULL,
                           _("“%s” is %s; this slot takes files up to %s"),
                           self->display_name, size, max);
    }

  if (limits->max_pages > 0 && self->n_pages > limits->max_pages)
    {
      cr_problem_list_add (problems, limit_severity (limits, CR_MATERIAL_LIMIT_MAX_PAGES),
                           "material-too-many-pages", NULL,
                           g_dngettext (GETTEXT_PACKAGE,
                                        "“%s” has %d pages; this slot takes at most %d page",
                                        "“%s” has %d pages; this slot takes at most %d pages",
                                        limits->max_pages),
                           self->display_name, self->n_pages, limits->max_pages);
    }

  if (limits->min_dpi > 0 && self->width > 0)
    {
      double recorded = MIN (self->x_dpi, self->y_dpi);
      double page = a4_dpi (self->width, self->height);

      /* 1% slack: a page scanned at the minimum is a rounded number of
       * pixels (1240 for A4's short side at 150 dpi is 149.98 dpi). */
      if (MAX (recorded, page) < limits->min_dpi * 0.99)
        {
          cr_problem_list_add (problems, CR_SEVERITY_WARNING, "material-low-resolution", NULL,
                               _("“%s” is %d × %d pixels, about %.0f dpi on an A4 page; "
                                 "this slot asks for at least %.0f dpi, so it may not be legible"),
                               self->display_name, self->width, self->height,
                               MAX (recorded, page), limits->min_dpi);
        }
    }
  else if (limits->min_dpi > 0 && self->scan_dpi > 0 && self->scan_dpi < limits->min_dpi * 0.99)
    {
      cr_problem_list_add (problems, CR_SEVERITY_WARNING, "material-low-resolution", NULL,
                           _("“%s” is scanned at about %.0f dpi; this slot asks for at least "
                             "%.0f dpi, so it may not be legible"),
                           self->display_name, self->scan_dpi, limits->min_dpi);
    }

  return g_steal_pointer (&problems);
}

static cairo_status_t
append_png_data_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
render_pdf_page (CrMaterialInfo  *self,
                 int              max_size,
                 GError         **error)
{
  g_autoptr(CrPopplerDocument) document = NULL;
  g_autoptr(CrPopplerPage) page = NULL;
  g_autoptr(GByteArray) png = NULL;
  g_autofree char *uri = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double page_width, page_height, scale;
  int width, height;

  uri = g_filename_to_uri (self->resolved_path, NULL, error);
  if (uri == NULL)
    return NULL;

  document = poppler_document_new_from_file (uri, NULL, NULL);
  if (document == NULL || poppler_document_get_n_pages (document) < 1 ||
      (page = poppler_document_get_page (document, 0)) == NULL)
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                   _("“%s” cannot be shown: it is damaged or protected by a password"),
                   self->display_name);
      return NULL;
    }

  poppler_page_get_size (page, &page_width, &page_height);
  if (page_width <= 0 || page_height <= 0)
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                   _("“%s” cannot be shown: its first page has no size"),
                   self->display_name);
      return NULL;
    }

  scale = max_size / MAX (page_width, page_height);
  width = MAX (1, (int) (page_width * scale + 0.5));
  height = MAX (1, (int) (page_height * scale + 0.5));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (page, cr);
  cairo_destroy (cr);

  png = g_byte_array_new ();
  status = cairo_surface_write_to_png_stream (surface, append_png_data_cb, png);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                   _("“%s” cannot be shown: %s"), self->display_name,
                   cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}

static GBytes *
render_image (CrMaterialInfo  *self,
              int              max_size,
              GError         **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) oriented = NULL;
  g_autoptr(GError) local_error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  if (self->width <= max_size && self->height <= max_size)
    pixbuf = gdk_pixbuf_new_from_file (self->resolved_path, &local_error);
  else
    pixbuf = gdk_pixbuf_new_from_file_at_scale (self->resolved_path, max_size, max_size,
                                                TRUE, &local_error);
  if (pixbuf == NULL)
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                   _("“%s” cannot be shown: %s"), self->display_name, local_error->message);
      return NULL;
    }

  oriented = gdk_pixbuf_apply_embedded_orientation (pixbuf);
  if (!gdk_pixbuf_save_to_buffer (oriented, &buffer, &length, "png", &local_error, NULL))
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                   _("“%s” cannot be shown: %s"), self->display_name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (buffer, length);
}

/**
 * cr_material_render_thumbnail:
 * @info: an inspected material
 * @max_size: the longest side of the result in pixels (at most 4096)
 * @cancellable: (nullable): a #GCancellable
 *
 * Renders the first page of a PDF, or scales an image (never up), for a
 * thumbnail or a preview. Blocking: use the _async variant in the UI. The
 * result is PNG data (GTK: gdk_texture_new_from_bytes()).
 *
 * Returns: (transfer full): PNG data, or %NULL with @error set
 */
GBytes *
cr_material_render_thumbnail (CrMaterialInfo  *info,
                              int              max_size,
                              GCancellable    *cancellable,
                              GError         **error)
{
  g_return_val_if_fail (CR_IS_MATERIAL_INFO (info), NULL);
  g_return_val_if_fail (max_size > 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  max_size = MIN (max_size, MAX_THUMBNAIL_SIZE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (!info->readable || info->resolved_path == NULL || info->size == 0)
    {
      g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_UNREADABLE,
                   _("“%s” cannot be read"), info->display_name);
      return NULL;
    }

  if (g_strcmp0 (info->format, "pdf") == 0)
    return render_pdf_page (info, max_size, error);

  if (info->format != NULL && info->width > 0)
    {
      if ((gint64) info->width * info->height > CR_MATERIAL_MAX_PIXELS)
        {
          g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_DAMAGED,
                       _("“%s” is too large to be shown safely"), info->display_name);
          return NULL;
        }
      return render_image (info, max_size, error);
    }

  g_set_error (error, CR_MATERIAL_ERROR, CR_MATERIAL_ERROR_UNSUPPORTED,
               _("“%s” cannot be shown: it is neither a PDF nor a readable image"),
               info->display_name);
  return NULL;
}

static void
thumbnail_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  CrMaterialInfo *info = source_object;
  GError *error = NULL;
  GBytes *bytes;

  bytes = cr_material_render_thumbnail (info, GPOINTER_TO_INT (task_data), cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/**
 * cr_material_render_thumbnail_async:
 *
 * Renders a thumbnail in a worker thread; see cr_material_render_thumbnail().
 * @info is immutable, so it may be shared with the thread.
 */
void
cr_material_render_thumbnail_async (CrMaterialInfo      *info,
                                    int                  max_size,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CR_IS_MATERIAL_INFO (info));
  g_return_if_fail (max_size > 0);

  task = g_task_new (info, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_material_render_thumbnail_async);
  g_task_set_task_data (task, GINT_TO_POINTER (max_size), NULL);
  g_task_run_in_thread (task, thumbnail_thread);
}

/**
 * cr_material_render_thumbnail_finish:
 *
 * Returns: (transfer full): PNG data, or %NULL with @error set
 */
GBytes *
cr_material_render_thumbnail_finish (CrMaterialInfo  *info,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, info), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        cr_material_render_thumbnail_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
