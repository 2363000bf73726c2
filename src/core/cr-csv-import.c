/* cr-csv-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLib has no CSV reader, so a small one lives here. It works on UTF-8
 * bytes: the delimiters (comma, quote, CR, LF) are ASCII and never occur
 * inside a multi-byte UTF-8 sequence. RFC 4180, plus what spreadsheets
 * and people actually write: LF or lone CR line ends, spaces around a
 * quoted field, a quote inside an unquoted field taken literally.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "cr-csv-import.h"
#include "cr-problem.h"
#include "cr-record-draft.h"
#include "cr-text.h"

G_DEFINE_QUARK (cr-csv-import-error-quark, cr_csv_import_error)

/* --- Reader -------------------------------------------------------------- */

typedef struct
{
  const char *text;
  gsize       length;
  gsize       pos;
  guint       line;   /* 1-based line of @pos */
} Reader;

typedef struct
{
  guint      line;     /* where the row starts */
  GPtrArray *fields;   /* (element-type utf8), stripped */
  GArray    *lines;    /* (element-type guint) where each field starts */
} Row;

static void
row_free (Row *row)
{
  g_ptr_array_unref (row->fields);
  g_array_unref (row->lines);
  g_free (row);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Row, row_free)

static int
peek (Reader *reader,
      gsize   ahead)
{
  if (reader->pos + ahead >= reader->length)
    return -1;

  return (unsigned char) reader->text[reader->pos + ahead];
}

/* Consumes a line end (CRLF, LF or CR) at the current position, if any. */
static gboolean
eat_newline (Reader *reader)
{
  if (peek (reader, 0) == '\r')
    {
      reader->pos += peek (reader, 1) == '\n' ? 2 : 1;
      reader->line++;
      return TRUE;
    }
  if (peek (reader, 0) == '\n')
    {
      reader->pos++;
      reader->line++;
      return TRUE;
    }

  return FALSE;
}

/* The column's name for messages: its header, or its number before the
 * header is known. */
static char *
column_name (const GPtrArray *header,
             guint            index)
{
  if (header != NULL && index < header->len)
    return g_strdup_printf ("“%s”", (const char *) g_ptr_array_index (header, index));

  return g_strdup_printf ("%u", index + 1);
}

/* Reads one field; the position is left on the delimiter after it. */
static char *
read_field (Reader           *reader,
            const GPtrArray  *header,
            guint             index,
            GError          **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  gsize ahead = 0;
  int c;

  /* Spaces before an opening quote are not part of the field. */
  while (peek (reader, ahead) == ' ' || peek (reader, ahead) == '\t')
    ahead++;

  if (peek (reader, ahead) != '"')
    {
      while ((c = peek (reader, 0)) != -1 && c != ',' && c != '\r' && c != '\n')
        {
          g_string_append_c (value, (char) c);
          reader->pos++;
        }
      return cr_text_strip (value->str);
    }

  {
    guint opening_line = reader->line;

    reader->pos += ahead + 1;
    for (;;)
      {
        c = peek (reader, 0);
        if (c == -1)
          {
            g_autofree char *name = column_name (header, index);

            g_set_error (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_SYNTAX,
                         _("Line %u, column %s: the quoted field is not closed"),
                         opening_line, name);
            return NULL;
          }

        if (c == '"')
          {
            if (peek (reader, 1) == '"')
              {
                g_string_append_c (value, '"');
                reader->pos += 2;
                continue;
              }
            reader->pos++;
            break;
          }

        if (c == '\r' || c == '\n')
          {
            /* Newlines inside a field are kept, as LF. */
            eat_newline (reader);
            g_string_append_c (value, '\n');
            continue;
          }

        g_string_append_c (value, (char) c);
        reader->pos++;
      }
  }

  while (peek (reader, 0) == ' ' || peek (reader, 0) == '\t')
    reader->pos++;

  c = peek (reader, 0);
  if (c != -1 && c != ',' && c != '\r' && c != '\n')
    {
      g_autofree char *name = column_name (header, index);

      g_set_error (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_SYNTAX,
                   _("Line %u, column %s: text after the closing quote (write a quote "
                     "inside a quoted field as two quotes)"),
                   reader->line, name);
      return NULL;
    }

  return cr_text_strip (value->str);
}

/* Reads the next row into @row; returns FALSE with *row NULL at the end of
 * the text, FALSE with @error set on a syntax error. */
static gboolean
read_row (Reader           *reader,
          const GPtrArray  *header,
          Row             **out,
          GError          **error)
{
  g_autoptr(Row) row = NULL;

  *out = NULL;
  if (reader->pos >= reader->length)
    return FALSE;

  row = g_new0 (Row, 1);
  row->line = reader->line;
  row->fields = g_ptr_array_new_with_free_func (g_free);
  row->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  for (;;)
    {
      guint line = reader->line;
      char *field = read_field (reader, header, row->fields->len, error);

      if (field == NULL)
        return FALSE;

      g_ptr_array_add (row->fields, field);
      g_array_append_val (row->lines, line);

      if (peek (reader, 0) == ',')
        {
          reader->pos++;
          continue;
        }

      eat_newline (reader);
      break;
    }

  *out = g_steal_pointer (&row);
  return TRUE;
}

static gboolean
row_is_empty (const Row *row)
{
  for (guint i = 0; i < row->fields->len; i++)
    {
      if (*(const char *) g_ptr_array_index (row->fields, i) != '\0')
        return FALSE;
    }

  return TRUE;
}

/* --- Encoding ------------------------------------------------------------ */

static char *
decode (const char   *data,
        gsize         length,
        const char  **encoding,
        GError      **error)
{
  const char *end = NULL;
  g_autoptr(GError) local_error = NULL;
  char *text;

  if (length >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                      ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    {
      g_set_error_literal (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_ENCODING,
                           _("The file is in UTF-16, which is not supported; save it as "
                             "“CSV UTF-8” or plain “CSV”"));
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      if (!g_utf8_validate (data + 3, length - 3, &end))
        {
          g_set_error_literal (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_ENCODING,
                               _("The file starts with a UTF-8 byte-order mark but is not "
                                 "valid UTF-8"));
          return NULL;
        }
      *encoding = "UTF-8";
      return g_strndup (data + 3, length - 3);
    }

  if (g_utf8_validate (data, length, &end))
    {
      *encoding = "UTF-8";
      return g_strndup (data, length);
    }

  text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, &local_error);
  if (text == NULL || memchr (data, '\0', length) != NULL)
    {
      g_free (text);
      g_set_error_literal (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_ENCODING,
                           _("The file is neither UTF-8 nor GB18030 (GBK) text"));
      return NULL;
    }

  *encoding = "GB18030";
  return text;
}

/* --- Columns ------------------------------------------------------------- */

static const struct
{
  const char    *name;   /* full-width folded, no spaces, ASCII lower case */
  CrRecordField  field;
  gboolean       in_wan;
} columns[] = {
  { "id", CR_RECORD_FIELD_ID, FALSE },
  { "编号", CR_RECORD_FIELD_ID, FALSE },
  { "kind", CR_RECORD_FIELD_KIND, FALSE },
  { "记录类型", CR_RECORD_FIELD_KIND, FALSE },
  { "decision_number", CR_RECORD_FIELD_DECISION_NUMBER, FALSE },
  { "行政处罚决定书文号", CR_RECORD_FIELD_DECISION_NUMBER, FALSE },
  { "决定书文号", CR_RECORD_FIELD_DECISION_NUMBER, FALSE },
  { "决定文书号", CR_RECORD_FIELD_DECISION_NUMBER, FALSE },
  { "authority", CR_RECORD_FIELD_AUTHORITY, FALSE },
  { "处罚机关", CR_RECORD_FIELD_AUTHORITY, FALSE },
  { "decision_date", CR_RECORD_FIELD_DECISION_DATE, FALSE },
  { "处罚决定日期", CR_RECORD_FIELD_DECISION_DATE, FALSE },
  { "publication_date", CR_RECORD_FIELD_PUBLICATION_DATE, FALSE },
  { "公示日期", CR_RECORD_FIELD_PUBLICATION_DATE, FALSE },
  { "domain", CR_RECORD_FIELD_DOMAIN, FALSE },
  { "领域", CR_RECORD_FIELD_DOMAIN, FALSE },
  { "penalties", CR_RECORD_FIELD_PENALTIES, FALSE },
  { "处罚类别", CR_RECORD_FIELD_PENALTIES, FALSE },
  { "fine_amount", CR_RECORD_FIELD_FINE_AMOUNT, FALSE },
  { "罚款金额", CR_RECORD_FIELD_FINE_AMOUNT, FALSE },
  { "罚款金额(元)", CR_RECORD_FIELD_FINE_AMOUNT, FALSE },
  { "罚款金额(万元)", CR_RECORD_FIELD_FINE_AMOUNT, TRUE },
  { "confiscation_amount", CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE },
  { "没收金额", CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE },
  { "没收金额(元)", CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE },
  { "没收违法所得、没收非法财物的金额(元)", CR_RECORD_FIELD_CONFISCATION_AMOUNT, FALSE },
  { "没收违法所得、没收非法财物的金额(万元)", CR_RECORD_FIELD_CONFISCATION_AMOUNT, TRUE },
  { "severity", CR_RECORD_FIELD_SEVERITY, FALSE },
  { "失信严重程度", CR_RECORD_FIELD_SEVERITY, FALSE },
  { "simple_procedure", CR_RECORD_FIELD_SIMPLE_PROCEDURE, FALSE },
  { "简易程序", CR_RECORD_FIELD_SIMPLE_PROCEDURE, FALSE },
  { "rectification_ordered", CR_RECORD_FIELD_RECTIFICATION_ORDERED, FALSE },
  { "责令改正", CR_RECORD_FIELD_RECTIFICATION_ORDERED, FALSE },
  { "fine_paid_amount", CR_RECORD_FIELD_FINE_PAID_AMOUNT, FALSE },
  { "已缴罚款金额", CR_RECORD_FIELD_FINE_PAID_AMOUNT, FALSE },
  { "fine_paid_date", CR_RECORD_FIELD_FINE_PAID_DATE, FALSE },
  { "缴款日期", CR_RECORD_FIELD_FINE_PAID_DATE, FALSE },
  { "rectification_completed", CR_RECORD_FIELD_RECTIFICATION_COMPLETED, FALSE },
  { "整改完成", CR_RECORD_FIELD_RECTIFICATION_COMPLETED, FALSE },
};

static const CrRecordField required_fields[] = {
  CR_RECORD_FIELD_DECISION_NUMBER,
  CR_RECORD_FIELD_AUTHORITY,
  CR_RECORD_FIELD_DECISION_DATE,
  CR_RECORD_FIELD_PENALTIES,
};

/* Returns the index into columns[], or -1. */
static int
find_column (const char *header)
{
  g_autofree char *folded = cr_text_fold_width (header);
  g_autofree char *spaceless = cr_text_remove_spaces (folded);
  g_autofree char *key = g_ascii_strdown (spaceless, -1);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      if (g_str_equal (key, columns[i].name))
        return (int) i;
    }

  return -1;
}

/* --- Import -------------------------------------------------------------- */

typedef struct
{
  CrCsvResult *result;
  GPtrArray   *header;           /* column names as written */
  int         *column_of_field;  /* CrRecordField → file column, or -1 */
  gboolean     fine_in_wan;      /* 罚款金额(万元) */
  gboolean     confiscation_in_wan;
  const Row   *row;
  gboolean     row_failed;
} Import;

static void
csv_record_free (CrCsvRecord *item)
{
  g_clear_pointer (&item->record, json_object_unref);
  g_clear_pointer (&item->guessed, g_ptr_array_unref);
  g_free (item);
}

void
cr_csv_result_free (CrCsvResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->records, json_array_unref);
  g_clear_pointer (&result->items, g_ptr_array_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static void
report_cb (gpointer       user_data,
           CrSeverity     severity,
           const char    *code,
           CrRecordField  field,
           const char    *message)
{
  Import *import = user_data;
  int column = import->column_of_field[field];
  guint line = import->row->line;

  if (severity == CR_SEVERITY_ERROR)
    import->row_failed = TRUE;

  if (column >= 0 && (guint) column < import->row->lines->len)
    line = g_array_index (import->row->lines, guint, column);

  if (column >= 0)
    cr_problem_list_add (import->result->problems, severity, code, NULL,
                         _("Line %u, column “%s”: %s"),
                         line, (const char *) g_ptr_array_index (import->header, column),
                         message);
  else
    cr_problem_list_add (import->result->problems, severity, code, NULL,
                         _("Line %u: %s"), line, message);
}

static gboolean
read_header (Import    *import,
             Reader    *reader,
             GError   **error)
{
  g_autoptr(Row) row = NULL;

  do
    {
      g_clear_pointer (&row, row_free);
      if (!read_row (reader, NULL, &row, error))
        {
          if (row == NULL && (error == NULL || *error == NULL))
            g_set_error_literal (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_HEADER,
                                 _("The file is empty: the first line must name the columns"));
          return FALSE;
        }
    }
  while (row_is_empty (row));

  for (guint i = 0; i < row->fields->len; i++)
    {
      const char *name = g_ptr_array_index (row->fields, i);
      int column = find_column (name);

      g_ptr_array_add (import->header, g_strdup (name));

      if (*name == '\0')
        continue;

      if (column < 0)
        {
          cr_problem_list_add (import->result->problems, CR_SEVERITY_WARNING,
                               "csv-unknown-column", NULL,
                               _("Line %u: the column “%s” is not known and is ignored"),
                               row->line, name);
          continue;
        }

      if (import->column_of_field[columns[column].field] >= 0)
        {
          g_set_error (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_HEADER,
                       _("Line %u: the column “%s” repeats the column “%s”"),
                       row->line, name,
                       (const char *) g_ptr_array_index (
                         import->header, import->column_of_field[columns[column].field]));
          return FALSE;
        }

      import->column_of_field[columns[column].field] = (int) i;
      if (columns[column].field == CR_RECORD_FIELD_FINE_AMOUNT)
        import->fine_in_wan = columns[column].in_wan;
      else if (columns[column].field == CR_RECORD_FIELD_CONFISCATION_AMOUNT)
        import->confiscation_in_wan = columns[column].in_wan;
    }

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    {
      if (import->column_of_field[required_fields[i]] < 0)
        {
          g_set_error (error, CR_CSV_IMPORT_ERROR, CR_CSV_IMPORT_ERROR_HEADER,
                       _("Line %u: the required column “%s” is missing"),
                       row->line, cr_record_field_get_key (required_fields[i]));
          return FALSE;
        }
    }

  return TRUE;
}

static void
import_row (Import    *import,
            guint      ordinal,
            GHashTable *ids)
{
  CrCsvResult *result = import->result;
  const Row *row = import->row;
  g_autoptr(CrRecordDraft) draft = cr_record_draft_new ();
  g_autoptr(GPtrArray) guessed = g_ptr_array_new ();
  g_autoptr(JsonObject) record = NULL;
  const char *id;
  CrCsvRecord *item;

  import->row_failed = FALSE;

  /* Trailing empty fields are what spreadsheets leave after the last
   * column; anything else out of step with the header is an error. */
  for (guint i = import->header->len; i < row->fields->len; i++)
    {
      if (*(const char *) g_ptr_array_index (row->fields, i) != '\0')
        {
          cr_problem_list_add (result->problems, CR_SEVERITY_ERROR, "csv-field-count", NULL,
                               _("Line %u: the row has %u fields but the header has %u "
                                 "columns"),
                               row->line, row->fields->len, import->header->len);
          return;
        }
    }
  if (row->fields->len < import->header->len)
    {
      cr_problem_list_add (result->problems, CR_SEVERITY_ERROR, "csv-field-count", NULL,
                           _("Line %u: the row has %u fields but the header has %u columns"),
                           row->line, row->fields->len, import->header->len);
      return;
    }

  for (guint field = 0; field < CR_RECORD_N_FIELDS; field++)
    {
      int column = import->column_of_field[field];

      if (column >= 0)
        cr_record_draft_set (draft, field, g_ptr_array_index (row->fields, column));
    }
  draft->fine_amount_in_wan = import->fine_in_wan;
  draft->confiscation_amount_in_wan = import->confiscation_in_wan;

  if (draft->values[CR_RECORD_FIELD_ID] == NULL)
    {
      g_autofree char *generated = g_strdup_printf ("r%u", ordinal);

      cr_record_draft_set (draft, CR_RECORD_FIELD_ID, generated);
    }
  id = draft->values[CR_RECORD_FIELD_ID];
  if (g_hash_table_contains (ids, id))
    {
      g_autofree char *message = g_strdup_printf (_("The id “%s” is already used on line %u"),
                                                  id,
                                                  GPOINTER_TO_UINT (g_hash_table_lookup (ids, id)));

      report_cb (import, CR_SEVERITY_ERROR, "csv-duplicate-id", CR_RECORD_FIELD_ID, message);
    }
  else
    {
      g_hash_table_insert (ids, g_strdup (id), GUINT_TO_POINTER (row->line));
    }

  record = cr_record_draft_build (draft, CR_RECORD_DRAFT_STRICT, report_cb, import, guessed);
  if (import->row_failed)
    return;

  item = g_new0 (CrCsvRecord, 1);
  item->record = json_object_ref (record);
  item->line = row->line;
  item->guessed = g_steal_pointer (&guessed);
  json_array_add_object_element (result->records, g_steal_pointer (&record));
  g_ptr_array_add (result->items, item);
}

/**
 * cr_csv_import_parse:
 * @data: the bytes of the file
 * @length: their length
 *
 * Reads the records of a CSV file laid out as data/samples/records-template.md
 * describes. Structural problems (encoding, quoting, header) fail the whole
 * import; a row with an error in a value is left out of the records and the
 * error, naming the line and the column, is in the result's problems.
 *
 * Returns: (transfer full) (nullable): the result, or NULL with @error set
 */
CrCsvResult *
cr_csv_import_parse (const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autoptr(CrCsvResult) result = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autofree char *text = NULL;
  int column_of_field[CR_RECORD_N_FIELDS];
  const char *encoding = NULL;
  Reader reader = { 0 };
  Import import;
  guint ordinal = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = decode (data != NULL ? data : "", length, &encoding, error);
  if (text == NULL)
    return NULL;

  result = g_new0 (CrCsvResult, 1);
  result->records = json_array_new ();
  result->items = g_ptr_array_new_with_free_func ((GDestroyNotify) csv_record_free);
  result->problems = cr_problem_list_new ();
  result->encoding = encoding;

  reader.text = text;
  reader.length = strlen (text);
  reader.line = 1;

  for (guint i = 0; i < CR_RECORD_N_FIELDS; i++)
    column_of_field[i] = -1;
  header = g_ptr_array_new_with_free_func (g_free);
  import = (Import) { result, header, column_of_field, FALSE, FALSE, NULL, FALSE };

  if (!read_header (&import, &reader, error))
    return NULL;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (;;)
    {
      g_autoptr(Row) row = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!read_row (&reader, header, &row, &local_error))
        {
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          break;
        }

      if (row_is_empty (row))
        continue;

      import.row = row;
      import_row (&import, ++ordinal, ids);
      import.row = NULL;
    }

  return g_steal_pointer (&result);
}
