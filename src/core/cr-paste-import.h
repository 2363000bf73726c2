/* cr-paste-import.h: penalty records from text copied off Credit China
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 信用中国 record pages show an administrative penalty as label–value
 * pairs (行政处罚决定书文号, 处罚类别, 处罚决定日期, 处罚机关, 罚款金额(万元)
 * …). Users copy them into the app; this turns the text into interchange v1
 * record objects (spec/case-format.md) and says what it understood, what
 * it guessed and which lines it did not understand.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  JsonObject *record;        /* the record object, as in CrPasteResult.records */
  char       *company_name;  /* 行政相对人名称, or NULL */
  char       *uscc;          /* 统一社会信用代码, normalised (cr_uscc_normalize()), or NULL */
  GPtrArray  *labels;        /* (element-type utf8) the labels recognised, as written */
  GPtrArray  *fields;        /* (element-type utf8) the record keys filled from the text */
  GPtrArray  *guessed;       /* (element-type utf8) the record keys whose value is a guess */
  GHashTable *details;       /* (element-type utf8 utf8) label → value for labels with no
                              * record key (违法行为类型, 处罚依据, 数据来源, 公示截止期 …);
                              * personal ID numbers are never kept */
} CrPasteRecord;

typedef struct
{
  JsonArray  *records;        /* the record objects, ids "r1", "r2" … */
  GPtrArray  *items;          /* (element-type CrPasteRecord) one per record, same order */
  char       *company_name;   /* the first company name seen, or NULL */
  char       *uscc;           /* the first USCC seen (normalised), or NULL */
  GPtrArray  *unrecognised;   /* (element-type utf8) lines not understood, stripped, in order */
  GPtrArray  *problems;       /* (element-type CrProblem) pointers /records/N/… */
} CrPasteResult;

CrPasteResult *cr_paste_import_parse (const char    *text);
void           cr_paste_result_free  (CrPasteResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPasteResult, cr_paste_result_free)

G_END_DECLS
