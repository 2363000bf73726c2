/* cr-csv-import.h: penalty records from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The columns are documented in data/samples/records-template.md. The file
 * may be UTF-8 (with or without a byte-order mark) or GB18030/GBK, as a
 * Chinese Excel saves it; quoting follows RFC 4180.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CR_CSV_IMPORT_ERROR (cr_csv_import_error_quark ())

typedef enum
{
  CR_CSV_IMPORT_ERROR_ENCODING, /* neither UTF-8 nor GB18030 */
  CR_CSV_IMPORT_ERROR_SYNTAX,   /* a quoted field not closed, text after a closing quote */
  CR_CSV_IMPORT_ERROR_HEADER,   /* empty file, a column twice, a required column missing */
} CrCsvImportError;

typedef struct
{
  JsonObject *record;   /* the record object, as in CrCsvResult.records */
  guint       line;     /* the line of the file where the row starts */
  GPtrArray  *guessed;  /* (element-type utf8) record keys whose value is a guess */
} CrCsvRecord;

typedef struct
{
  JsonArray  *records;   /* interchange v1 record objects of the rows read without error */
  GPtrArray  *items;     /* (element-type CrCsvRecord) one per record, same order */
  GPtrArray  *problems;  /* (element-type CrProblem) each message names the line and
                          * column; rows with an error are not in @records */
  const char *encoding;  /* "UTF-8" or "GB18030" */
} CrCsvResult;

GQuark       cr_csv_import_error_quark (void);

CrCsvResult *cr_csv_import_parse       (const char  *data,
                                        gsize        length,
                                        GError     **error);
void         cr_csv_result_free        (CrCsvResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrCsvResult, cr_csv_result_free)

G_END_DECLS
