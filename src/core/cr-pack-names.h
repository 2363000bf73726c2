/* cr-pack-names.h: file names that the portal and Windows accept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every material is packed as `<slot>-<record>-<n>.<ext>` (`<slot>-<n>.<ext>`
 * for a material of the whole case), <n> counting the files of that slot
 * and record from 1. Names are NFC-normalised UTF-8 of letters, digits,
 * marks, "-", "_" and ".", at most CR_PACK_NAME_MAX_BYTES long, never a
 * Windows device name (CON, PRN, AUX, NUL, COM1…, LPT1…), and unique
 * ignoring case, since Windows ignores it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CR_PACK_NAME_MAX_BYTES      100
#define CR_PACK_NAME_MAX_EXTENSION  10

typedef struct _CrPackNamer CrPackNamer;

char        *cr_pack_name_sanitize      (const char   *text,
                                         gsize         max_bytes);
char        *cr_pack_name_extension     (const char   *file_name,
                                         const char   *format);
gboolean     cr_pack_name_is_safe       (const char   *name);
gboolean     cr_pack_name_is_reserved   (const char   *name);

CrPackNamer *cr_pack_namer_new          (void);
void         cr_pack_namer_free         (CrPackNamer  *namer);
gboolean     cr_pack_namer_reserve      (CrPackNamer  *namer,
                                         const char   *name);
char        *cr_pack_namer_name         (CrPackNamer  *namer,
                                         const char   *slot,
                                         const char   *record,
                                         const char   *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPackNamer, cr_pack_namer_free)

G_END_DECLS
