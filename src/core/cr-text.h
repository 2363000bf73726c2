/* cr-text.h: small text normalisations shared by the validators and importers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text copied from Chinese web pages, spreadsheets and scanned documents
 * mixes full-width and half-width forms (“１２３”, “：”, “（）”) and
 * ideographic spaces. These helpers fold them so that the parsers only have
 * to deal with one spelling.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *cr_text_fold_width     (const char  *text);
char     *cr_text_strip          (const char  *text);
char     *cr_text_remove_spaces  (const char  *text);
gboolean  cr_text_parse_loose_date (const char  *text,
                                    GDate       *date);

G_END_DECLS
