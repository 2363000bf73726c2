/* cr-case-json.c: reading and writing the case interchange format v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader checks the type of every node before it touches it and names
 * the JSON pointer of anything it refuses. Members it does not know are
 * kept, in order, on the object they were found in, and written back after
 * the known members; the writer always writes the known members in the
 * order of spec/case-format.md, so writing is deterministic.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-case-private.h"
#include "cr-case.h"
#include "cr-date.h"
#include "cr-json-kinds.h"
#include "cr-money.h"

/* A case file is a few kilobytes; anything this large is not one. */
#define MAX_CASE_FILE_SIZE (32 * 1024 * 1024)

typedef struct
{
  const char      *file_name;  /* for messages, nullable */
  CrCaseLoadFlags  flags;
  GPtrArray       *warnings;   /* nullable */
} Reader;

typedef enum
{
  OPTIONAL,          /* may be absent or null */
  REQUIRED,          /* must be present and not null */
  REQUIRED_NULLABLE, /* must be present, may be null */
} Need;

static void set_error (const Reader *r,
                       GError      **error,
                       int           code,
                       const char   *pointer,
                       const char   *format,
                       ...) G_GNUC_PRINTF (5, 6);

static void
set_error (const Reader *r,
           GError      **error,
           int           code,
           const char   *pointer,
           const char   *format,
           ...)
{
  g_autofree char *message = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (r->file_name != NULL)
    g_string_append_printf (text, "%s: ", r->file_name);
  if (pointer != NULL)
    g_string_append_printf (text, "%s: ", *pointer != '\0' ? pointer : "/");
  g_string_append (text, message);

  g_set_error_literal (error, CR_CASE_ERROR, code, text->str);
}

/**
 * cr_case_json_pointer_escape:
 *
 * Returns: (transfer full): @key as a JSON pointer reference token
 * (RFC 6901: "~" becomes "~0", "/" becomes "~1").
 */
char *
cr_case_json_pointer_escape (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (out, "~0");
      else if (*p == '/')
        g_string_append (out, "~1");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
pointer_key (const char *base,
             const char *key)
{
  g_autofree char *escaped = cr_case_json_pointer_escape (key);

  return g_strconcat (base, "/", escaped, NULL);
}

static char *
pointer_index (const char *base,
               guint       index)
{
  return g_strdup_printf ("%s/%u", base, index);
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return _("null");
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return _("a number");
    default:
      return _("a value");
    }
}



/* Looks up @key. Returns FALSE (with @error set) when the member violates
 * @need; otherwise TRUE with *@out the member, or NULL when it is absent or
 * null (and that is allowed). */
static gboolean
get_member (const Reader  *r,
            JsonObject    *object,
            const char    *base,
            const char    *key,
            Need           need,
            JsonNode     **out,
            GError       **error)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, key) : NULL;
  gboolean incomplete_ok = (r->flags & CR_CASE_LOAD_ALLOW_INCOMPLETE) != 0;

  *out = NULL;

  if (node == NULL || object == NULL)
    {
      if (need != OPTIONAL && !incomplete_ok)
        {
          g_autofree char *pointer = pointer_key (base, key);

          set_error (r, error, CR_CASE_ERROR_INVALID, pointer,
                     _("the required key “%s” is missing"), key);
          return FALSE;
        }
      return TRUE;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (need == REQUIRED && !incomplete_ok)
        {
          g_autofree char *pointer = pointer_key (base, key);

          set_error (r, error, CR_CASE_ERROR_INVALID, pointer,
                     _("a value is required here, found null"));
          return FALSE;
        }
      return TRUE;
    }

  *out = node;
  return TRUE;
}

static gboolean
wrong_type (const Reader  *r,
            const char    *base,
            const char    *key,
            const char    *expected,
            JsonNode      *found,
            GError       **error)
{
  g_autofree char *pointer = pointer_key (base, key);

  /* Translators: "expected a string, found a number" */
  set_error (r, error, CR_CASE_ERROR_INVALID, pointer, _("expected %s, found %s"),
             expected, node_kind (found));
  return FALSE;
}




/* get_member(), and then the member must be of the kind @is_kind tells
 * (@expected names it in the message). */
static gboolean
get_typed_member (const Reader    *r,
                  JsonObject      *object,
                  const char      *base,
                  const char      *key,
                  Need             need,
                  CrJsonIsKind     is_kind,
                  const char      *expected,
                  JsonNode       **out,
                  GError         **error)
{
  if (!get_member (r, object, base, key, need, out, error))
    return FALSE;
  if (*out != NULL && !is_kind (*out))
    {
      JsonNode *found = *out;

      *out = NULL;
      return wrong_type (r, base, key, expected, found, error);
    }

  return TRUE;
}

static gboolean
read_string (const Reader  *r,
             JsonObject    *object,
             const char    *base,
             const char    *key,
             Need           need,
             char         **out,
             GError       **error)
{
  JsonNode *node;

  *out = NULL;

  if (!get_typed_member (r, object, base, key, need, cr_json_is_string, _("a string"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = g_strdup (json_node_get_string (node));
  return TRUE;
}

/* Required strings of the model are "" rather than NULL when missing. */
static gboolean
read_required_string (const Reader  *r,
                      JsonObject    *object,
                      const char    *base,
                      const char    *key,
                      char         **out,
                      GError       **error)
{
  if (!read_string (r, object, base, key, REQUIRED, out, error))
    return FALSE;
  if (*out == NULL)
    *out = g_strdup ("");
  return TRUE;
}

static gboolean
read_boolean (const Reader  *r,
              JsonObject    *object,
              const char    *base,
              const char    *key,
              CrTristate    *out,
              GError       **error)
{
  JsonNode *node;

  *out = CR_TRISTATE_UNKNOWN;

  if (!get_typed_member (r, object, base, key, OPTIONAL, cr_json_is_boolean, _("true or false"),
                         &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_boolean (node) ? CR_TRISTATE_YES : CR_TRISTATE_NO;
  return TRUE;
}

/* A string member that @parse turns into a value: *@text is NULL when
 * the member is absent, or "" and @allow_empty; a string @parse refuses
 * is an error with its message. */

static gboolean
read_parsed_string (const Reader     *r,
                    JsonObject       *object,
                    const char       *base,
                    const char       *key,
                    Need              need,
                    const char       *expected,
                    gboolean          allow_empty,
                    CrJsonParseText   parse,
                    gpointer          out,
                    GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;
  const char *text;

  if (!get_typed_member (r, object, base, key, need, cr_json_is_string, expected, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  text = json_node_get_string (node);
  if (*text == '\0' && allow_empty)
    return TRUE;

  if (!parse (text, out, &local_error))
    {
      g_autofree char *pointer = pointer_key (base, key);

      set_error (r, error, CR_CASE_ERROR_INVALID, pointer, "%s", local_error->message);
      return FALSE;
    }

  return TRUE;
}



/* Dates: strings YYYY-MM-DD. An optional date may also be "" (spreadsheets
 * write empty cells that way). @date stays cleared when absent. */
static gboolean
read_date (const Reader  *r,
           JsonObject    *object,
           const char    *base,
           const char    *key,
           Need           need,
           GDate         *date,
           GError       **error)
{
  g_date_clear (date, 1);

  return read_parsed_string (r, object, base, key, need, _("a date written as YYYY-MM-DD"),
                             need == OPTIONAL || (r->flags & CR_CASE_LOAD_ALLOW_INCOMPLETE) != 0,
                             cr_json_parse_date, date, error);
}

/* Money: a decimal string in yuan; *@fen is -1 when absent. */
static gboolean
read_money (const Reader  *r,
            JsonObject    *object,
            const char    *base,
            const char    *key,
            gint64        *fen,
            GError       **error)
{
  *fen = -1;

  return read_parsed_string (r, object, base, key, OPTIONAL,
                             _("an amount in yuan written as a string, such as \"5000\""),
                             TRUE, cr_json_parse_money, fen, error);
}

static char *
join_ids (const char * const *ids)
{
  return g_strjoinv (", ", (char **) ids);
}

/* An enumerated string: @valid decides, @all lists the ids for the message. */
static gboolean
read_enum_string (const Reader        *r,
                  JsonObject          *object,
                  const char          *base,
                  const char          *key,
                  Need                 need,
                  gboolean           (*valid) (const char *),
                  const char * const  *all,
                  char               **out,
                  GError             **error)
{
  if (!read_string (r, object, base, key, need, out, error))
    return FALSE;

  if (*out != NULL && !valid (*out))
    {
      g_autofree char *pointer = pointer_key (base, key);
      g_autofree char *list = all != NULL ? join_ids (all) : NULL;

      if (list != NULL)
        set_error (r, error, CR_CASE_ERROR_INVALID, pointer,
                   _("“%s” is not one of: %s"), *out, list);
      else
        set_error (r, error, CR_CASE_ERROR_INVALID, pointer,
                   _("“%s” is not a valid id (lower-case letters, digits and “_”)"), *out);
      g_clear_pointer (out, g_free);
      return FALSE;
    }

  return TRUE;
}

static gboolean
applicant_role_valid (const char *text)
{
  CrApplicantRole role;

  return cr_applicant_role_from_string (text, &role);
}

static gboolean
record_kind_valid (const char *text)
{
  CrRecordKind kind;

  return cr_record_kind_from_string (text, &kind);
}

static gboolean
severity_class_valid (const char *text)
{
  CrSeverityClass severity;

  return cr_severity_class_from_string (text, &severity);
}

static const char * const role_ids[] = { "legal_representative", "agent", NULL };
static const char * const kind_ids[] = {
  "administrative_penalty", "serious_dishonesty_list", "other", NULL
};
static const char * const severity_ids[] = {
  "minor", "general", "serious", "specific_serious", NULL
};

/* An object member; *@out is NULL when absent (or null, where allowed). */
static gboolean
read_object (const Reader  *r,
             JsonObject    *object,
             const char    *base,
             const char    *key,
             Need           need,
             JsonObject   **out,
             GError       **error)
{
  JsonNode *node;

  *out = NULL;

  if (!get_typed_member (r, object, base, key, need, cr_json_is_object, _("an object"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (const Reader  *r,
            JsonObject    *object,
            const char    *base,
            const char    *key,
            Need           need,
            JsonArray    **out,
            GError       **error)
{
  JsonNode *node;

  *out = NULL;

  if (!get_typed_member (r, object, base, key, need, cr_json_is_array, _("an array"), &node, error))
    return FALSE;
  if (node != NULL)
    *out = json_node_get_array (node);
  return TRUE;
}

/* Keeps the members of @object not in @known (in order) and warns about
 * each. Returns NULL when there are none. */
static JsonObject *
collect_unknown (const Reader       *r,
                 JsonObject         *object,
                 const char         *base,
                 const char * const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (object == NULL)
    return NULL;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      if (g_strv_contains (known, name))
        continue;

      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (node));

      /* The app's own top-level extensions are known, just not ours to read. */
      if (*base == '\0' && g_str_has_prefix (name, CR_CASE_EXTENSION_PREFIX))
        continue;

      if (r->warnings != NULL)
        {
          g_autofree char *pointer = pointer_key (base, name);

          cr_problem_list_add (r->warnings, CR_SEVERITY_WARNING, "case-unknown-key", pointer,
                               _("Unknown key “%s”: it is kept in the file but not used"),
                               name);
        }
    }

  return extra;
}

static gboolean
read_company (const Reader  *r,
              CrCase        *kase,
              JsonObject    *root,
              GError       **error)
{
  static const char * const known[] = {
    "name", "uscc", "legal_representative", "address", "phone", NULL
  };
  g_autofree char *name = NULL;
  g_autofree char *uscc = NULL;
  g_autofree char *legal_representative = NULL;
  g_autofree char *address = NULL;
  g_autofree char *phone = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *company;

  if (!read_object (r, root, "", "company", REQUIRED, &company, error) ||
      !read_required_string (r, company, "/company", "name", &name, error) ||
      !read_required_string (r, company, "/company", "uscc", &uscc, error) ||
      !read_string (r, company, "/company", "legal_representative", OPTIONAL,
                    &legal_representative, error) ||
      !read_string (r, company, "/company", "address", OPTIONAL, &address, error) ||
      !read_string (r, company, "/company", "phone", OPTIONAL, &phone, error))
    return FALSE;

  cr_case_set_company_name (kase, name);
  cr_case_set_company_uscc (kase, uscc);
  cr_case_set_company_legal_representative (kase, legal_representative);
  cr_case_set_company_address (kase, address);
  cr_case_set_company_phone (kase, phone);

  extra = collect_unknown (r, company, "/company", known);
  cr_case_set_extra (kase, CR_CASE_EXTRA_COMPANY, extra);

  return TRUE;
}

static gboolean
read_applicant (const Reader  *r,
                CrCase        *kase,
                JsonObject    *root,
                GError       **error)
{
  static const char * const known[] = { "role", "name", "id_number", "phone", "email", NULL };
  g_autofree char *role = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *email = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *applicant;
  CrApplicantRole role_value = CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE;

  if (!read_object (r, root, "", "applicant", REQUIRED, &applicant, error) ||
      !read_enum_string (r, applicant, "/applicant", "role", REQUIRED, applicant_role_valid,
                         role_ids, &role, error) ||
      !read_string (r, applicant, "/applicant", "name", OPTIONAL, &name, error) ||
      !read_string (r, applicant, "/applicant", "id_number", OPTIONAL, &id_number, error) ||
      !read_string (r, applicant, "/applicant", "phone", OPTIONAL, &phone, error) ||
      !read_string (r, applicant, "/applicant", "email", OPTIONAL, &email, error))
    return FALSE;

  if (role != NULL)
    cr_applicant_role_from_string (role, &role_value);

  cr_case_set_applicant_role (kase, role_value);
  cr_case_set_applicant_name (kase, name);
  cr_case_set_applicant_id_number (kase, id_number);
  cr_case_set_applicant_phone (kase, phone);
  cr_case_set_applicant_email (kase, email);

  extra = collect_unknown (r, applicant, "/applicant", known);
  cr_case_set_extra (kase, CR_CASE_EXTRA_APPLICANT, extra);

  return TRUE;
}

static gboolean
read_penalties (const Reader  *r,
                CrCaseRecord      *record,
                JsonObject    *object,
                const char    *base,
                GError       **error)
{
  static const char * const known[] = { "type", "amount", NULL };
  g_autofree char *array_pointer = pointer_key (base, "penalties");
  JsonArray *penalties;

  if (!read_array (r, object, base, "penalties", REQUIRED, &penalties, error))
    return FALSE;

  for (guint i = 0; penalties != NULL && i < json_array_get_length (penalties); i++)
    {
      g_autofree char *pointer = pointer_index (array_pointer, i);
      g_autofree char *type = NULL;
      g_autoptr(JsonObject) extra = NULL;
      JsonNode *node = json_array_get_element (penalties, i);
      JsonObject *penalty;
      gint64 amount;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          set_error (r, error, CR_CASE_ERROR_INVALID, pointer, _("expected %s, found %s"),
                     _("an object"), node_kind (node));
          return FALSE;
        }
      penalty = json_node_get_object (node);

      if (!read_enum_string (r, penalty, pointer, "type", REQUIRED, cr_penalty_type_is_valid,
                             cr_penalty_type_get_all (), &type, error) ||
          !read_money (r, penalty, pointer, "amount", &amount, error))
        return FALSE;

      extra = collect_unknown (r, penalty, pointer, known);
      cr_case_record_take_penalty (record, cr_penalty_new_full (type, amount, extra));
    }

  return TRUE;
}

static gboolean
read_performance (const Reader  *r,
                  CrCaseRecord      *record,
                  JsonObject    *object,
                  const char    *base,
                  GError       **error)
{
  static const char * const known[] = {
    "fine_paid_amount", "fine_paid_date", "rectification_completed", NULL
  };
  g_autofree char *pointer = pointer_key (base, "performance");
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *performance;
  JsonNode *completed_node;
  CrTristate completed;
  gint64 paid;
  GDate paid_date;

  if (!read_object (r, object, base, "performance", OPTIONAL, &performance, error) ||
      !read_money (r, performance, pointer, "fine_paid_amount", &paid, error) ||
      !read_date (r, performance, pointer, "fine_paid_date", OPTIONAL, &paid_date, error))
    return FALSE;

  /* rectification_completed is true, false or null. */
  if (!get_member (r, performance, pointer, "rectification_completed", OPTIONAL,
                   &completed_node, error))
    return FALSE;
  if (completed_node != NULL && !cr_json_is_boolean (completed_node))
    return wrong_type (r, pointer, "rectification_completed", _("true, false or null"),
                       completed_node, error);
  completed = completed_node == NULL ? CR_TRISTATE_UNKNOWN
              : json_node_get_boolean (completed_node) ? CR_TRISTATE_YES : CR_TRISTATE_NO;

  cr_case_record_set_fine_paid_amount (record, paid);
  cr_case_record_set_fine_paid_date (record, &paid_date);
  cr_case_record_set_rectification_completed (record, completed);

  extra = collect_unknown (r, performance, pointer, known);
  cr_case_record_set_performance_extra (record, extra);

  return TRUE;
}

static CrCaseRecord *
read_record (const Reader  *r,
             JsonNode      *node,
             const char    *pointer,
             GError       **error)
{
  static const char * const known[] = {
    "id", "kind", "decision_number", "authority", "decision_date", "publication_date",
    "domain", "penalties", "severity", "simple_procedure", "rectification_ordered",
    "performance", NULL
  };
  g_autoptr(CrCaseRecord) record = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *id = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *decision_number = NULL;
  g_autofree char *authority = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *severity = NULL;
  CrRecordKind kind_value = CR_RECORD_KIND_ADMINISTRATIVE_PENALTY;
  CrSeverityClass severity_value = CR_SEVERITY_CLASS_UNKNOWN;
  CrTristate simple_procedure, rectification_ordered;
  GDate decision_date, publication_date;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_error (r, error, CR_CASE_ERROR_INVALID, pointer, _("expected %s, found %s"),
                 _("an object"), node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_required_string (r, object, pointer, "id", &id, error) ||
      !read_enum_string (r, object, pointer, "kind", REQUIRED, record_kind_valid, kind_ids,
                         &kind, error) ||
      !read_required_string (r, object, pointer, "decision_number", &decision_number, error) ||
      !read_required_string (r, object, pointer, "authority", &authority, error) ||
      !read_date (r, object, pointer, "decision_date", REQUIRED, &decision_date, error) ||
      !read_date (r, object, pointer, "publication_date", OPTIONAL, &publication_date, error) ||
      !read_enum_string (r, object, pointer, "domain", REQUIRED, cr_domain_is_valid,
                         cr_domain_get_all (), &domain, error))
    return NULL;

  record = cr_case_record_new (id);

  if (!read_penalties (r, record, object, pointer, error) ||
      !read_enum_string (r, object, pointer, "severity", REQUIRED_NULLABLE,
                         severity_class_valid, severity_ids, &severity, error) ||
      !read_boolean (r, object, pointer, "simple_procedure", &simple_procedure, error) ||
      !read_boolean (r, object, pointer, "rectification_ordered", &rectification_ordered,
                     error) ||
      !read_performance (r, record, object, pointer, error))
    return NULL;

  if (kind != NULL)
    cr_record_kind_from_string (kind, &kind_value);
  if (severity != NULL)
    cr_severity_class_from_string (severity, &severity_value);

  cr_case_record_set_kind (record, kind_value);
  cr_case_record_set_decision_number (record, decision_number);
  cr_case_record_set_authority (record, authority);
  cr_case_record_set_decision_date (record, &decision_date);
  cr_case_record_set_publication_date (record, &publication_date);
  cr_case_record_set_domain (record, domain);
  cr_case_record_set_severity (record, severity_value);
  cr_case_record_set_simple_procedure (record, simple_procedure == CR_TRISTATE_YES);
  cr_case_record_set_rectification_ordered (record, rectification_ordered == CR_TRISTATE_YES);

  extra = collect_unknown (r, object, pointer, known);
  cr_case_record_set_extra (record, extra);

  return g_steal_pointer (&record);
}

static CrCaseMaterial *
read_material (const Reader  *r,
               JsonNode      *node,
               const char    *pointer,
               GError       **error)
{
  static const char * const known[] = { "slot", "record", "path", NULL };
  g_autoptr(CrCaseMaterial) material = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *record = NULL;
  g_autofree char *path = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_error (r, error, CR_CASE_ERROR_INVALID, pointer, _("expected %s, found %s"),
                 _("an object"), node_kind (node));
      return NULL;
    }
  object = json_node_get_object (node);

  if (!read_enum_string (r, object, pointer, "slot", REQUIRED, cr_slot_id_is_valid, NULL,
                         &slot, error) ||
      !read_string (r, object, pointer, "record", OPTIONAL, &record, error) ||
      !read_required_string (r, object, pointer, "path", &path, error))
    return NULL;

  material = cr_case_material_new (slot, record, path);
  extra = collect_unknown (r, object, pointer, known);
  cr_case_material_set_extra (material, extra);

  return g_steal_pointer (&material);
}

static gboolean
read_header (const Reader  *r,
             JsonObject    *root,
             GError       **error)
{
  JsonNode *format = json_object_get_member (root, "format");
  JsonNode *version = json_object_get_member (root, "format_version");
  gint64 number;

  if (format == NULL)
    {
      set_error (r, error, CR_CASE_ERROR_FORMAT, NULL,
                 _("this is not a Credit Repair case: the key “format” is missing"));
      return FALSE;
    }
  if (!cr_json_is_string (format) || !g_str_equal (json_node_get_string (format), CR_CASE_FORMAT))
    {
      if (cr_json_is_string (format))
        set_error (r, error, CR_CASE_ERROR_FORMAT, "/format",
                   _("this is not a Credit Repair case: the format is “%s”, expected “%s”"),
                   json_node_get_string (format), CR_CASE_FORMAT);
      else
        set_error (r, error, CR_CASE_ERROR_FORMAT, "/format", _("expected %s, found %s"),
                   _("a string"), node_kind (format));
      return FALSE;
    }

  if (version == NULL)
    {
      set_error (r, error, CR_CASE_ERROR_FORMAT, "/format_version",
                 _("the required key “%s” is missing"), "format_version");
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      set_error (r, error, CR_CASE_ERROR_FORMAT, "/format_version", _("expected %s, found %s"),
                 _("a whole number"), node_kind (version));
      return FALSE;
    }

  number = json_node_get_int (version);
  if (number > CR_CASE_FORMAT_VERSION)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      set_error (r, error, CR_CASE_ERROR_FORMAT, "/format_version",
                 _("the case was written in format version %s, but this version of Credit "
                   "Repair only reads version %d; update Credit Repair to open it"),
                 text, CR_CASE_FORMAT_VERSION);
      return FALSE;
    }
  if (number < 1)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      set_error (r, error, CR_CASE_ERROR_FORMAT, "/format_version",
                 _("%s is not a format version (expected %d)"), text, CR_CASE_FORMAT_VERSION);
      return FALSE;
    }

  return TRUE;
}

static CrCase *
read_case (const Reader  *r,
           JsonNode      *root_node,
           GError       **error)
{
  static const char * const known[] = {
    "format", "format_version", "company", "applicant", "records", "materials", NULL
  };
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(JsonObject) extra = NULL;
  JsonObject *root;
  JsonArray *records;
  JsonArray *materials;

  if (root_node == NULL || !JSON_NODE_HOLDS_OBJECT (root_node))
    {
      set_error (r, error, CR_CASE_ERROR_FORMAT, NULL,
                 _("this is not a Credit Repair case: expected %s, found %s"),
                 _("an object"), node_kind (root_node));
      return NULL;
    }
  root = json_node_get_object (root_node);

  if (!read_header (r, root, error))
    return NULL;

  kase = cr_case_new ();

  if (!read_company (r, kase, root, error) ||
      !read_applicant (r, kase, root, error) ||
      !read_array (r, root, "", "records", REQUIRED, &records, error) ||
      !read_array (r, root, "", "materials", OPTIONAL, &materials, error))
    return NULL;

  for (guint i = 0; records != NULL && i < json_array_get_length (records); i++)
    {
      g_autofree char *pointer = pointer_index ("/records", i);
      g_autoptr(CrCaseRecord) record = read_record (r, json_array_get_element (records, i),
                                                pointer, error);

      if (record == NULL)
        return NULL;
      cr_case_add_record (kase, record);
    }

  for (guint i = 0; materials != NULL && i < json_array_get_length (materials); i++)
    {
      g_autofree char *pointer = pointer_index ("/materials", i);
      g_autoptr(CrCaseMaterial) material = read_material (r, json_array_get_element (materials, i),
                                                      pointer, error);

      if (material == NULL)
        return NULL;
      cr_case_add_material (kase, material);
    }

  extra = collect_unknown (r, root, "", known);
  cr_case_set_extra (kase, CR_CASE_EXTRA_ROOT, extra);

  /* A freshly read case is not modified. */
  cr_case_set_saved_generation (kase, cr_case_get_generation (kase));

  return g_steal_pointer (&kase);
}

/**
 * cr_case_load_from_node:
 * @root: the parsed document
 * @base_dir: (nullable): directory that relative material paths refer to
 * @file_name: (nullable): the name to use in error messages
 * @warnings: (nullable) (element-type CrProblem): where to append warnings
 *
 * Returns: (transfer full): the case, or NULL with @error set.
 */
CrCase *
cr_case_load_from_node (JsonNode         *root,
                        const char       *base_dir,
                        const char       *file_name,
                        CrCaseLoadFlags   flags,
                        GPtrArray        *warnings,
                        GError          **error)
{
  Reader r = { file_name, flags, warnings };
  g_autoptr(GPtrArray) local_warnings = cr_problem_list_new ();
  CrCase *kase;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Warnings only count when the whole document was read. */
  r.warnings = warnings != NULL ? local_warnings : NULL;

  kase = read_case (&r, root, error);
  if (kase == NULL)
    return NULL;

  cr_case_set_base_dir (kase, base_dir);
  cr_case_set_saved_generation (kase, cr_case_get_generation (kase));

  for (guint i = 0; warnings != NULL && i < local_warnings->len; i++)
    g_ptr_array_add (warnings, cr_problem_copy (g_ptr_array_index (local_warnings, i)));

  return kase;
}

/* Replaces json-glib's "<data>" with the file name: "case.json:3:5: …". */
static char *
parse_error_message (const char *file_name,
                     const char *raw_message)
{
  /* json-glib quotes the text it stopped at, cut at a byte count that can
   * fall inside a character. */
  g_autofree char *message = g_utf8_make_valid (raw_message, -1);

  if (g_str_has_prefix (message, "<data>:"))
    {
      if (file_name == NULL)
        return g_strdup (message + strlen ("<data>:"));
      return g_strconcat (file_name, message + strlen ("<data>"), NULL);
    }

  if (file_name != NULL)
    return g_strdup_printf ("%s: %s", file_name, message);

  return g_strdup (message);
}

/**
 * cr_case_load_from_data_full:
 * @data: the document
 * @length: its length in bytes, or -1 when it is nul-terminated
 * @base_dir: (nullable): directory that relative material paths refer to
 * @file_name: (nullable): the name to use in error messages
 * @warnings: (nullable) (element-type CrProblem): where to append warnings
 *   (unknown keys); untouched on error
 *
 * Returns: (transfer full): the case, or NULL with @error set in
 * %CR_CASE_ERROR.
 */
CrCase *
cr_case_load_from_data_full (const char       *data,
                             gssize            length,
                             const char       *base_dir,
                             const char       *file_name,
                             CrCaseLoadFlags   flags,
                             GPtrArray        *warnings,
                             GError          **error)
{
  Reader r = { file_name, flags, warnings };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end;
  gsize size;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  size = length < 0 ? strlen (data) : (gsize) length;

  /* A byte-order mark, as some Windows tools write, is not an error. */
  if (size >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  for (gsize i = 0; i < size; i++)
    {
      if (data[i] == '\0')
        {
          set_error (&r, error, CR_CASE_ERROR_PARSE, NULL,
                     _("this is not a text file (it contains binary data)"));
          return NULL;
        }
      if (!g_ascii_isspace (data[i]))
        blank = FALSE;
    }

  if (blank)
    {
      set_error (&r, error, CR_CASE_ERROR_PARSE, NULL, _("the file is empty"));
      return NULL;
    }

  if (!g_utf8_validate (data, size, &end))
    {
      guint line = 1;

      for (const char *p = data; p < end; p++)
        {
          if (*p == '\n')
            line++;
        }
      set_error (&r, error, CR_CASE_ERROR_PARSE, NULL,
                 _("this is not UTF-8 text (invalid byte on line %u); save it as UTF-8"), line);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      g_autofree char *message = parse_error_message (file_name, local_error->message);

      g_set_error_literal (error, CR_CASE_ERROR, CR_CASE_ERROR_PARSE, message);
      return NULL;
    }

  return cr_case_load_from_node (json_parser_get_root (parser), base_dir, file_name, flags,
                                 warnings, error);
}

/**
 * cr_case_load_from_data:
 * @base_dir: (nullable): directory that relative material paths refer to
 * @warnings: (nullable) (element-type CrProblem): where to append warnings
 *
 * Reads an interchange v1 document strictly.
 *
 * Returns: (transfer full): the case, or NULL with @error set.
 */
CrCase *
cr_case_load_from_data (const char  *data,
                        gssize       length,
                        const char  *base_dir,
                        GPtrArray   *warnings,
                        GError     **error)
{
  return cr_case_load_from_data_full (data, length, base_dir, NULL, CR_CASE_LOAD_DEFAULT,
                                      warnings, error);
}

/**
 * cr_case_load_from_file_full:
 * @path: the case file
 *
 * Reads @path; the case's base directory is the (absolute) directory that
 * holds it, and error messages start with @path.
 *
 * Returns: (transfer full): the case, or NULL with @error set.
 */
CrCase *
cr_case_load_from_file_full (const char       *path,
                             CrCaseLoadFlags   flags,
                             GPtrArray        *warnings,
                             GError          **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base_dir = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_filename_display_name (path);

  if (g_stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, CR_CASE_ERROR, CR_CASE_ERROR_IO,
                   _("%s: this is a folder, not a case file"), display_name);
      return NULL;
    }
  if (g_stat (path, &st) == 0 && st.st_size > MAX_CASE_FILE_SIZE)
    {
      g_autofree char *size = g_format_size (st.st_size);

      g_set_error (error, CR_CASE_ERROR, CR_CASE_ERROR_PARSE,
                   _("%s: the file is too large to be a case (%s)"), display_name, size);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error_literal (error, CR_CASE_ERROR, CR_CASE_ERROR_IO, local_error->message);
      return NULL;
    }

  dir = g_path_get_dirname (path);
  base_dir = g_canonicalize_filename (dir, NULL);

  return cr_case_load_from_data_full (contents, length, base_dir, display_name, flags, warnings,
                                      error);
}

/**
 * cr_case_load_from_file:
 * @path: the case file
 * @warnings: (nullable) (element-type CrProblem): where to append warnings
 *
 * Reads an interchange v1 document strictly; see
 * cr_case_load_from_file_full().
 *
 * Returns: (transfer full): the case, or NULL with @error set.
 */
CrCase *
cr_case_load_from_file (const char  *path,
                        GPtrArray   *warnings,
                        GError     **error)
{
  return cr_case_load_from_file_full (path, CR_CASE_LOAD_DEFAULT, warnings, error);
}

/* Writing */

static void
set_date_member (JsonObject  *object,
                 const char  *key,
                 const GDate *date)
{
  if (date != NULL)
    {
      g_autofree char *text = cr_date_format (date);
      json_object_set_string_member (object, key, text);
    }
  else
    json_object_set_null_member (object, key);
}

static void
set_optional_string (JsonObject *object,
                     const char *key,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
}

static void
set_nullable_string (JsonObject *object,
                     const char *key,
                     const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, key, value);
  else
    json_object_set_null_member (object, key);
}

static void
append_extra (JsonObject       *object,
              JsonObject       *extra,
              CrCaseWriteFlags  flags)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (extra == NULL || (flags & CR_CASE_WRITE_DROP_UNKNOWN) != 0)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &node))
    {
      /* A known key never lands in @extra, but be safe. */
      if (!json_object_has_member (object, name))
        json_object_set_member (object, name, json_node_copy (node));
    }
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
write_record (CrCaseRecord         *record,
              CrCaseWriteFlags  flags)
{
  JsonObject *object = json_object_new ();
  JsonObject *performance = json_object_new ();
  JsonArray *penalties = json_array_new ();
  CrTristate completed;

  json_object_set_string_member (object, "id", cr_case_record_get_id (record));
  json_object_set_string_member (object, "kind",
                                 cr_record_kind_to_string (cr_case_record_get_kind (record)));
  json_object_set_string_member (object, "decision_number",
                                 cr_case_record_get_decision_number (record));
  json_object_set_string_member (object, "authority", cr_case_record_get_authority (record));
  set_date_member (object, "decision_date", cr_case_record_get_decision_date (record));
  set_date_member (object, "publication_date", cr_case_record_get_publication_date (record));
  set_nullable_string (object, "domain", cr_case_record_get_domain (record));

  for (guint i = 0; i < cr_case_record_get_n_penalties (record); i++)
    {
      const CrPenalty *penalty = cr_case_record_get_penalty (record, i);
      JsonObject *p = json_object_new ();

      set_nullable_string (p, "type", cr_penalty_get_penalty_type (penalty));
      if (cr_penalty_get_amount (penalty) >= 0)
        {
          g_autofree char *amount = cr_money_format (cr_penalty_get_amount (penalty));
          json_object_set_string_member (p, "amount", amount);
        }
      append_extra (p, cr_penalty_get_extra (penalty), flags);
      json_array_add_object_element (penalties, p);
    }
  json_object_set_array_member (object, "penalties", penalties);

  set_nullable_string (object, "severity",
                       cr_severity_class_to_string (cr_case_record_get_severity (record)));
  json_object_set_boolean_member (object, "simple_procedure",
                                  cr_case_record_get_simple_procedure (record));
  json_object_set_boolean_member (object, "rectification_ordered",
                                  cr_case_record_get_rectification_ordered (record));

  if (cr_case_record_get_fine_paid_amount (record) >= 0)
    {
      g_autofree char *amount = cr_money_format (cr_case_record_get_fine_paid_amount (record));
      json_object_set_string_member (performance, "fine_paid_amount", amount);
    }
  if (cr_case_record_get_fine_paid_date (record) != NULL)
    set_date_member (performance, "fine_paid_date", cr_case_record_get_fine_paid_date (record));
  completed = cr_case_record_get_rectification_completed (record);
  if (completed == CR_TRISTATE_UNKNOWN)
    json_object_set_null_member (performance, "rectification_completed");
  else
    json_object_set_boolean_member (performance, "rectification_completed",
                                    completed == CR_TRISTATE_YES);
  append_extra (performance, cr_case_record_get_performance_extra (record), flags);
  json_object_set_object_member (object, "performance", performance);

  append_extra (object, cr_case_record_get_extra (record), flags);

  return object_node (object);
}

static JsonNode *
write_material (CrCaseMaterial       *material,
                CrCaseWriteFlags  flags)
{
  JsonObject *object = json_object_new ();

  set_nullable_string (object, "slot", cr_case_material_get_slot (material));
  set_nullable_string (object, "record", cr_case_material_get_record (material));
  json_object_set_string_member (object, "path", cr_case_material_get_path (material));
  append_extra (object, cr_case_material_get_extra (material), flags);

  return object_node (object);
}

/**
 * cr_case_to_json_node_full:
 *
 * Returns: (transfer full): the interchange v1 document for @self: known
 * keys in the order of the format, then (unless
 * %CR_CASE_WRITE_DROP_UNKNOWN) the unknown keys it was read with. Optional
 * strings, money and dates that are unset are left out; nullable values
 * (publication_date, severity, rectification_completed, a material's
 * record) are written as null.
 */
JsonNode *
cr_case_to_json_node_full (CrCase           *self,
                           CrCaseWriteFlags  flags)
{
  JsonObject *root;
  JsonObject *company;
  JsonObject *applicant;
  JsonArray *records;
  JsonArray *materials;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  root = json_object_new ();
  json_object_set_string_member (root, "format", CR_CASE_FORMAT);
  json_object_set_int_member (root, "format_version", CR_CASE_FORMAT_VERSION);

  company = json_object_new ();
  json_object_set_string_member (company, "name", cr_case_get_company_name (self));
  json_object_set_string_member (company, "uscc", cr_case_get_company_uscc (self));
  set_optional_string (company, "legal_representative",
                       cr_case_get_company_legal_representative (self));
  set_optional_string (company, "address", cr_case_get_company_address (self));
  set_optional_string (company, "phone", cr_case_get_company_phone (self));
  append_extra (company, cr_case_get_extra (self, CR_CASE_EXTRA_COMPANY), flags);
  json_object_set_object_member (root, "company", company);

  applicant = json_object_new ();
  json_object_set_string_member (applicant, "role",
                                 cr_applicant_role_to_string (cr_case_get_applicant_role (self)));
  set_optional_string (applicant, "name", cr_case_get_applicant_name (self));
  set_optional_string (applicant, "id_number", cr_case_get_applicant_id_number (self));
  set_optional_string (applicant, "phone", cr_case_get_applicant_phone (self));
  set_optional_string (applicant, "email", cr_case_get_applicant_email (self));
  append_extra (applicant, cr_case_get_extra (self, CR_CASE_EXTRA_APPLICANT), flags);
  json_object_set_object_member (root, "applicant", applicant);

  records = json_array_new ();
  for (guint i = 0; i < cr_case_get_n_records (self); i++)
    json_array_add_element (records, write_record (cr_case_get_record (self, i), flags));
  json_object_set_array_member (root, "records", records);

  materials = json_array_new ();
  for (guint i = 0; i < cr_case_get_n_materials (self); i++)
    json_array_add_element (materials, write_material (cr_case_get_material (self, i), flags));
  json_object_set_array_member (root, "materials", materials);

  append_extra (root, cr_case_get_extra (self, CR_CASE_EXTRA_ROOT), flags);

  return object_node (root);
}

/**
 * cr_case_to_json_node:
 *
 * Returns: (transfer full): the interchange v1 document for @self, with the
 * unknown keys it was read with.
 */
JsonNode *
cr_case_to_json_node (CrCase *self)
{
  return cr_case_to_json_node_full (self, CR_CASE_WRITE_DEFAULT);
}

/**
 * cr_case_to_data_full:
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full): the document as pretty-printed UTF-8 JSON
 * (two-space indent, keys in a stable order) ending with a newline.
 */
char *
cr_case_to_data_full (CrCase           *self,
                      CrCaseWriteFlags  flags,
                      gsize            *length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;
  gsize text_length;
  char *data;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  root = cr_case_to_json_node_full (self, flags);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &text_length);

  data = g_malloc (text_length + 2);
  memcpy (data, text, text_length);
  data[text_length] = '\n';
  data[text_length + 1] = '\0';

  if (length != NULL)
    *length = text_length + 1;

  return data;
}

/**
 * cr_case_to_data:
 * @length: (out) (optional): the length of the result in bytes
 *
 * Returns: (transfer full): cr_case_to_json_node() as pretty-printed UTF-8
 * JSON with a trailing newline.
 */
char *
cr_case_to_data (CrCase *self,
                 gsize  *length)
{
  return cr_case_to_data_full (self, CR_CASE_WRITE_DEFAULT, length);
}
