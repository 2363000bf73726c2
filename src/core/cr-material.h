/* cr-material.h: inspection of an attached material file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a file really is, read from its content and never from its name:
 * the format (PDF, JPEG, PNG, or whatever else GIO recognises), the size,
 * for PDFs the page count and whether they are encrypted or damaged, for
 * images the pixel size and the resolution the file records. Anything that
 * would make the portal refuse the file becomes a CrProblem naming the file.
 *
 * Inspection reads only what it needs (the first bytes, the PDF's
 * cross-reference and page tree, an image's header): a 20,000 × 20,000
 * image header costs nothing, and nothing is ever decoded in full.
 */

#pragma once

#include <gio/gio.h>

#include "cr-rule-set.h"

G_BEGIN_DECLS

#define CR_MATERIAL_ERROR (cr_material_error_quark ())

typedef enum
{
  CR_MATERIAL_ERROR_UNREADABLE,   /* missing, not a regular file, symlink leaving the case */
  CR_MATERIAL_ERROR_UNSUPPORTED,  /* no thumbnail for this format */
  CR_MATERIAL_ERROR_DAMAGED,      /* encrypted, damaged or too large to render */
} CrMaterialError;

/* Images with more pixels than this are refused (a decompression bomb, or
 * a scan no portal accepts): 100 megapixels. */
#define CR_MATERIAL_MAX_PIXELS (G_GINT64_CONSTANT (100000000))

/* Limits that the rule set states without having confirmed them: files
 * that break them get warnings, not errors. */
typedef enum
{
  CR_MATERIAL_LIMIT_FORMATS   = 1 << 0,
  CR_MATERIAL_LIMIT_MAX_BYTES = 1 << 1,
  CR_MATERIAL_LIMIT_MAX_PAGES = 1 << 2,
} CrMaterialLimitFlags;

/* Limits of an upload slot, as the rule set defines them. Zero (or NULL)
 * means "no limit". @formats holds format ids or extensions ("pdf",
 * "jpg", "png" …). Too low a resolution is always a warning: only a
 * person can tell whether a scan is legible. */
typedef struct
{
  const char * const   *formats;
  gint64                max_bytes;
  int                   max_pages;
  double                min_dpi;
  CrMaterialLimitFlags  unverified;
} CrMaterialLimits;

#define CR_TYPE_MATERIAL_INFO (cr_material_info_get_type ())

G_DECLARE_FINAL_TYPE (CrMaterialInfo, cr_material_info, CR, MATERIAL_INFO, GObject)

GQuark          cr_material_error_quark            (void);

/* Format ids: "pdf", "jpeg", "png", "gif", "tiff", "bmp", "webp", "heif";
 * NULL for anything else. */
const char     *cr_material_format_normalize       (const char        *format);
const char     *cr_material_format_get_label       (const char        *format);
const char     *cr_material_format_for_name        (const char        *file_name);

CrMaterialInfo *cr_material_inspect                (const char        *path,
                                                    const char        *base_dir,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
void            cr_material_inspect_async          (const char        *path,
                                                    const char        *base_dir,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
CrMaterialInfo *cr_material_inspect_finish         (GAsyncResult      *result,
                                                    GError           **error);

const char     *cr_material_info_get_path          (CrMaterialInfo    *self);
const char     *cr_material_info_get_display_name  (CrMaterialInfo    *self);
const char     *cr_material_info_get_resolved_path (CrMaterialInfo    *self);
gboolean        cr_material_info_is_readable       (CrMaterialInfo    *self);
gboolean        cr_material_info_is_symlink        (CrMaterialInfo    *self);
goffset         cr_material_info_get_size          (CrMaterialInfo    *self);
const char     *cr_material_info_get_content_type  (CrMaterialInfo    *self);
const char     *cr_material_info_get_format        (CrMaterialInfo    *self);
const char     *cr_material_info_get_description   (CrMaterialInfo    *self);
int             cr_material_info_get_n_pages       (CrMaterialInfo    *self);
gboolean        cr_material_info_get_encrypted     (CrMaterialInfo    *self);
gboolean        cr_material_info_get_damaged       (CrMaterialInfo    *self);
gboolean        cr_material_info_get_pixel_size    (CrMaterialInfo    *self,
                                                    int               *width,
                                                    int               *height);
double          cr_material_info_get_scan_resolution (CrMaterialInfo  *self);
gboolean        cr_material_info_get_resolution    (CrMaterialInfo    *self,
                                                    double            *x_dpi,
                                                    double            *y_dpi);
GPtrArray      *cr_material_info_get_problems      (CrMaterialInfo    *self);
gboolean        cr_material_info_has_errors        (CrMaterialInfo    *self);

void            cr_material_limits_init_from_slot  (CrMaterialLimits  *limits,
                                                    const CrSlotDef   *slot);
GPtrArray      *cr_material_info_check_limits      (CrMaterialInfo    *self,
                                                    const CrMaterialLimits *limits);

GBytes         *cr_material_render_thumbnail       (CrMaterialInfo    *info,
                                                    int                max_size,
                                                    GCancellable      *cancellable,
                                                    GError           **error);
void            cr_material_render_thumbnail_async (CrMaterialInfo    *info,
                                                    int                max_size,
                                                    GCancellable      *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer           user_data);
GBytes         *cr_material_render_thumbnail_finish (CrMaterialInfo   *info,
                                                     GAsyncResult     *result,
                                                     GError          **error);

G_END_DECLS
