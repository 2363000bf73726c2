/* cr-json-kinds.h: what kind of JSON value a member holds, and string
 * values parsed into dates and money, for the readers of the case format
 * (cr-case-json.c and the checker's own reader of case facts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef gboolean (*CrJsonIsKind) (JsonNode *node);

gboolean cr_json_is_string  (JsonNode *node);
gboolean cr_json_is_boolean (JsonNode *node);
gboolean cr_json_is_object  (JsonNode *node);
gboolean cr_json_is_array   (JsonNode *node);

/* Parses @text into *@out (a GDate, a gint64 of fen …). */
typedef gboolean (*CrJsonParseText) (const char  *text,
                                     gpointer     out,
                                     GError     **error);

gboolean cr_json_parse_date  (const char  *text,
                              gpointer     out,
                              GError     **error);
gboolean cr_json_parse_money (const char  *text,
                              gpointer     out,
                              GError     **error);

G_END_DECLS
