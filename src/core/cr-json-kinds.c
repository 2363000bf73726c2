/* cr-json-kinds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-date.h"
#include "cr-json-kinds.h"
#include "cr-money.h"

gboolean
cr_json_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
cr_json_is_boolean (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

gboolean
cr_json_is_object (JsonNode *node)
{
  return JSON_NODE_HOLDS_OBJECT (node);
}

gboolean
cr_json_is_array (JsonNode *node)
{
  return JSON_NODE_HOLDS_ARRAY (node);
}

/* @out: a GDate */
gboolean
cr_json_parse_date (const char  *text,
                    gpointer     out,
                    GError     **error)
{
  return cr_date_parse (text, out, error);
}

/* @out: a gint64, in fen */
gboolean
cr_json_parse_money (const char  *text,
                     gpointer     out,
                     GError     **error)
{
  return cr_money_parse (text, out, error);
}
