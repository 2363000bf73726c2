/* cr-portal-sheet.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values come from the case's interchange JSON, so the sheet is the
 * same whichever front end produced the case. The labels follow the UI
 * language and carry the portal's Chinese term, which the user looks for
 * on the form.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-portal-sheet.h"

void
cr_portal_value_free (CrPortalValue *value)
{
  if (value == NULL)
    return;

  g_free (value->key);
  g_free (value->record);
  g_free (value->label);
  g_free (value->value);
  g_free (value);
}

/**
 * cr_portal_mask:
 * @value: (nullable): a value such as an ID number
 * @keep_last: how many characters stay visible at the end
 *
 * Replaces every character but the last @keep_last with "*"; a value no
 * longer than @keep_last is masked entirely, since showing it would
 * show all of it.
 *
 * Returns: (transfer full): the masked value ("" for %NULL or "")
 */
char *
cr_portal_mask (const char *value,
                guint       keep_last)
{
  g_autoptr(GString) masked = g_string_new (NULL);
  glong len;
  const char *p;

  if (value == NULL || *value == '\0')
    return g_strdup ("");

  if (!g_utf8_validate (value, -1, NULL))
    return g_strdup ("****");

  len = g_utf8_strlen (value, -1);
  if (len <= (glong) keep_last)
    keep_last = 0;

  p = value;
  for (glong i = 0; i < len - (glong) keep_last; i++)
    {
      g_string_append_c (masked, '*');
      p = g_utf8_next_char (p);
    }
  g_string_append (masked, p);

  return g_string_free (g_steal_pointer (&masked), FALSE);
}

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return "";

  node = json_object_get_member (object, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return "";

  return json_node_get_string (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, member))
    return NULL;

  node = json_object_get_member (object, member);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static void
add_value (GPtrArray  *values,
           const char *key,
           const char *record,
           const char *label,
           const char *value,
           gboolean    personal)
{
  CrPortalValue *item = g_new0 (CrPortalValue, 1);

  item->key = g_strdup (key);
  item->record = g_strdup (record);
  item->label = g_strdup (label);
  item->value = g_strdup (value != NULL ? value : "");
  item->personal = personal;
  g_ptr_array_add (values, item);
}

static const char *
role_label (const char *role)
{
  if (g_strcmp0 (role, "legal_representative") == 0)
    return _("Legal representative (法定代表人)");
  if (g_strcmp0 (role, "agent") == 0)
    return _("Agent (委托代理人)");
  return role;
}

/**
 * cr_portal_values_collect:
 * @case_root: the case as interchange JSON (cr_case_to_json_node())
 * @mask_personal: mask the ID number, keeping its last 4 characters
 *
 * Returns: (transfer full) (element-type CrPortalValue): the form values
 * in the order of the form: subject, then each record, then the applicant
 */
GPtrArray *
cr_portal_values_collect (JsonObject *case_root,
                          gboolean    mask_personal)
{
  g_autoptr(GPtrArray) values = NULL;
  JsonObject *company, *applicant;
  JsonNode *records_node;
  g_autofree char *id_number = NULL;

  g_return_val_if_fail (case_root != NULL, NULL);

  values = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_portal_value_free);
  company = get_object (case_root, "company");
  applicant = get_object (case_root, "applicant");

  add_value (values, "subject_name", NULL, _("Subject name (主体名称)"),
             get_string (company, "name"), FALSE);
  add_value (values, "uscc", NULL, _("Unified social credit code (统一社会信用代码)"),
             get_string (company, "uscc"), FALSE);

  records_node = json_object_get_member (case_root, "records");
  if (records_node != NULL && JSON_NODE_HOLDS_ARRAY (records_node))
    {
      JsonArray *records = json_node_get_array (records_node);

      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonNode *node = json_array_get_element (records, i);
          JsonObject *record;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          record = json_node_get_object (node);
          id = get_string (record, "id");

          add_value (values, "decision_number", id,
                     _("Decision number (行政处罚决定书文号)"),
                     get_string (record, "decision_number"), FALSE);
          add_value (values, "authority", id, _("Deciding authority (处罚机关)"),
                     get_string (record, "authority"), FALSE);
          add_value (values, "decision_date", id, _("Decision date (处罚决定日期)"),
                     get_string (record, "decision_date"), FALSE);
        }
    }

  add_value (values, "applicant_role", NULL, _("Applicant (申请人身份)"),
             role_label (get_string (applicant, "role")), FALSE);
  add_value (values, "applicant_name", NULL, _("Name of the person handling it (经办人姓名)"),
             get_string (applicant, "name"), FALSE);

  if (mask_personal)
    id_number = cr_portal_mask (get_string (applicant, "id_number"), 4);
  else
    id_number = g_strdup (get_string (applicant, "id_number"));
  add_value (values, "applicant_id_number", NULL, _("ID number (身份证号码)"), id_number, TRUE);

  add_value (values, "applicant_phone", NULL, _("Mobile phone (手机号码)"),
             get_string (applicant, "phone"), FALSE);
  add_value (values, "applicant_email", NULL, _("E-mail (电子邮箱)"),
             get_string (applicant, "email"), FALSE);

  return g_steal_pointer (&values);
}

/* Values are one line each: control characters (a newline in an address
 * would break the layout) become spaces. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
shown (const CrPortalValue *value)
{
  /* Translators: shown in the sheet for a value the case does not give */
  return *value->value != '\0' ? value->value : _("(not given)");
}

static char *
record_heading (const char *record)
{
  g_autofree char *id = one_line (record);

  /* Translators: a heading of the portal sheet; %s is the record's id */
  return g_strdup_printf (_("Record %s"), id);
}

/**
 * cr_portal_sheet_to_text:
 * @values: (element-type CrPortalValue): from cr_portal_values_collect()
 *
 * Returns: (transfer full): the sheet as UTF-8 plain text
 */
char *
cr_portal_sheet_to_text (GPtrArray *values)
{
  g_autoptr(GString) text = g_string_new (NULL);
  const char *section = NULL;
  gboolean applicant_started = FALSE;

  g_return_val_if_fail (values != NULL, NULL);

  g_string_append (text, _("Values for the credit repair application form on Credit China "
                           "(信用中国)"));
  g_string_append (text, "\n\n");

  for (guint i = 0; i < values->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (values, i);
      g_autofree char *label = one_line (value->label);
      g_autofree char *line = one_line (shown (value));
      const char *indent = "";

      if (value->record != NULL)
        {
          if (g_strcmp0 (section, value->record) != 0)
            {
              g_autofree char *heading = record_heading (value->record);

              g_string_append_printf (text, "\n%s\n", heading);
              section = value->record;
            }
          indent = "  ";
        }
      else if (g_str_has_prefix (value->key, "applicant_"))
        {
          if (!applicant_started)
            {
              g_string_append_printf (text, "\n%s\n", _("Applicant"));
              applicant_started = TRUE;
            }
          indent = "  ";
        }

      /* Translators: a line of the portal sheet: label, then value */
      g_string_append_printf (text, _("%s%s: %s"), indent, label, line);
      g_string_append_c (text, '\n');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
append_row (GString             *html,
            const CrPortalValue *value)
{
  g_autofree char *label = g_markup_escape_text (value->label, -1);
  g_autofree char *line = one_line (shown (value));
  g_autofree char *escaped = g_markup_escape_text (line, -1);

  g_string_append_printf (html, "<tr><th>%s</th><td%s>%s</td></tr>\n", label,
                          *value->value != '\0' ? " class=\"value\"" : "", escaped);
}

/**
 * cr_portal_sheet_to_html:
 * @values: (element-type CrPortalValue): from cr_portal_values_collect()
 *
 * Returns: (transfer full): the sheet as a self-contained UTF-8 HTML page
 */
char *
cr_portal_sheet_to_html (GPtrArray *values)
{
  g_autoptr(GString) html = g_string_new (NULL);
  g_autofree char *title = NULL;
  const char *section = NULL;
  gboolean in_table = FALSE;
  gboolean applicant_started = FALSE;

  g_return_val_if_fail (values != NULL, NULL);

  title = g_markup_escape_text (_("Values for the credit repair application form on "
                                  "Credit China (信用中国)"), -1);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n"
                          "<html lang=\"%s\">\n"
                          "<head>\n"
                          "<meta charset=\"utf-8\">\n"
                          "<title>%s</title>\n"
                          "<style>\n"
                          "body { font-family: sans-serif; margin: 2em; }\n"
                          "table { border-collapse: collapse; margin-bottom: 1.5em; }\n"
                          "th, td { border: 1px solid #999; padding: 0.3em 0.6em; "
                          "text-align: left; vertical-align: top; }\n"
                          "th { font-weight: normal; background: #eee; }\n"
                          "td.value { font-family: monospace; user-select: all; }\n"
                          "</style>\n"
                          "</head>\n"
                          "<body>\n"
                          "<h1>%s</h1>\n",
                          /* Translators: the language tag of the HTML sheet (BCP 47) */
                          C_("HTML language tag", "en"), title, title);

  for (guint i = 0; i < values->len; i++)
    {
      const CrPortalValue *value = g_ptr_array_index (values, i);
      g_autofree char *heading = NULL;

      if (value->record != NULL && g_strcmp0 (section, value->record) != 0)
        {
          heading = record_heading (value->record);
          section = value->record;
        }
      else if (value->record == NULL && g_str_has_prefix (value->key, "applicant_") &&
               !applicant_started)
        {
          heading = g_strdup (_("Applicant"));
          applicant_started = TRUE;
        }

      if (heading != NULL || !in_table)
        {
          if (in_table)
            g_string_append (html, "</table>\n");
          if (heading != NULL)
            {
              g_autofree char *escaped = g_markup_escape_text (heading, -1);

              g_string_append_printf (html, "<h2>%s</h2>\n", escaped);
            }
          g_string_append (html, "<table>\n");
          in_table = TRUE;
        }

      append_row (html, value);
    }

  if (in_table)
    g_string_append (html, "</table>\n");
  g_string_append (html, "</body>\n</html>\n");

  return g_string_free (g_steal_pointer (&html), FALSE);
}
