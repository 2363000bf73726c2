/* cr-packer.h: the submission package (zip or folder) of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CrPacker takes a case (its interchange JSON and the folder relative
 * paths refer to) and the checker's verdict on it (the JSON form of
 * spec/cli.md: on, regime, ruleset, ready, records, findings), inspects
 * every material, names it for its slot and record (cr-pack-names.h), and
 * writes the package:
 *
 *  - every material, stored as is (already compressed formats), in the
 *    order of the names, streamed in 64 KiB chunks while its SHA-256 is
 *    computed: memory does not grow with the attachments;
 *  - `portal-values.html` and `portal-values.txt` (cr-portal-sheet.h);
 *  - `manifest.json` last, since it holds the hashes.
 *
 * The zip is deterministic: no timestamps (every entry reads 1980-01-01
 * 00:00 in any time zone), mode 0644, uid and gid 0, no local paths, no
 * compression whose output could change with the zlib version. The same
 * case, files, verdict and language give the same bytes.
 *
 * It is written to a temporary file next to the destination, read back
 * and checked against the manifest (names, order, sizes, hashes), and only
 * then renamed into place. Cancelling or failing removes the temporary
 * file; the destination is never half-written.
 *
 * A packer is not thread-safe: do not use it while one of its _async
 * operations runs.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cr-case.h"
#include "cr-checker.h"
#include "cr-material.h"
#include "cr-rule-set.h"

G_BEGIN_DECLS

#define CR_PACKAGE_FORMAT         "org.example.CreditRepair.package"
#define CR_PACKAGE_FORMAT_VERSION 1
#define CR_PACKAGE_MANIFEST       "manifest.json"
#define CR_PACKAGE_SHEET_TEXT     "portal-values.txt"
#define CR_PACKAGE_SHEET_HTML     "portal-values.html"

#define CR_PACKER_ERROR (cr_packer_error_quark ())

typedef enum
{
  CR_PACKER_ERROR_NOT_READY, /* the case is not ready and force is off: nothing written */
  CR_PACKER_ERROR_INPUT,     /* a material is missing or unreadable, or the case JSON is bad */
  CR_PACKER_ERROR_VERIFY,    /* the package read back does not match its manifest */
  CR_PACKER_ERROR_WRITE,     /* the package cannot be written */
} CrPackerError;

/* One material as it will be packed. */
typedef struct
{
  char           *name;           /* the name in the package */
  char           *slot;
  char           *record;         /* NULL for the whole case */
  char           *path;           /* as the case gives it */
  guint           material_index; /* position in /materials */
  CrMaterialInfo *info;
  goffset         size;           /* as packed; -1 before packing */
  char           *sha256;         /* as packed; NULL before packing */
} CrPackFile;

/* Called with the bytes streamed so far (written, then read back to
 * verify) and the total. The blocking functions call it in their own
 * thread; the _async ones in the thread-default main context of the
 * caller, at most about every 50 ms. */
typedef void (*CrPackProgressFunc) (guint64  done,
                                    guint64  total,
                                    gpointer user_data);

#define CR_TYPE_PACKER (cr_packer_get_type ())

G_DECLARE_FINAL_TYPE (CrPacker, cr_packer, CR, PACKER, GObject)

GQuark            cr_packer_error_quark         (void);

CrPacker         *cr_packer_new                 (JsonObject          *case_root,
                                                 const char          *base_dir,
                                                 JsonObject          *check_result,
                                                 GError             **error);
CrPacker         *cr_packer_new_for_check       (CrCase              *case_,
                                                 CrCheckResult       *result,
                                                 GError             **error);
void              cr_packer_set_slot_limits     (CrPacker            *self,
                                                 const char          *slot,
                                                 const CrMaterialLimits *limits);
void              cr_packer_set_rule_set_limits (CrPacker            *self,
                                                 CrRuleSet           *rule_set);
void              cr_packer_set_force           (CrPacker            *self,
                                                 gboolean             force);
gboolean          cr_packer_get_force           (CrPacker            *self);

gboolean          cr_packer_inspect             (CrPacker            *self,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void              cr_packer_inspect_async       (CrPacker            *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          cr_packer_inspect_finish      (CrPacker            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* After inspection: */
gboolean          cr_packer_get_inspected       (CrPacker            *self);
guint             cr_packer_get_n_files         (CrPacker            *self);
const CrPackFile *cr_packer_get_file            (CrPacker            *self,
                                                 guint                index);
JsonArray        *cr_packer_get_findings        (CrPacker            *self);
gboolean          cr_packer_get_ready           (CrPacker            *self);
gboolean          cr_packer_check_readable      (CrPacker            *self,
                                                 GError             **error);

gboolean          cr_packer_write_zip           (CrPacker            *self,
                                                 const char          *path,
                                                 CrPackProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void              cr_packer_write_zip_async     (CrPacker            *self,
                                                 const char          *path,
                                                 CrPackProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_data_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          cr_packer_write_zip_finish    (CrPacker            *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

gboolean          cr_packer_export_folder       (CrPacker            *self,
                                                 const char          *path,
                                                 CrPackProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GCancellable        *cancellable,
                                                 GError             **error);
void              cr_packer_export_folder_async (CrPacker            *self,
                                                 const char          *path,
                                                 CrPackProgressFunc   progress,
                                                 gpointer             progress_data,
                                                 GDestroyNotify       progress_data_destroy,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean          cr_packer_export_folder_finish (CrPacker           *self,
                                                  GAsyncResult       *result,
                                                  GError            **error);

/* After a successful write: */
JsonNode         *cr_packer_get_manifest        (CrPacker            *self);

G_END_DECLS
