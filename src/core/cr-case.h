/* cr-case.h: a credit-repair case, and the case interchange format v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A CrCase holds the company, the applicant, the records (CrCaseRecord) and the
 * materials (CrCaseMaterial) of one matter; see spec/case-format.md.
 *
 * Reading is strict by default: a missing required key, a wrong type, a
 * value outside an enumeration, a bad date or bad money is a
 * CR_CASE_ERROR_INVALID error whose message names the file and the JSON
 * pointer. Unknown keys are reported as warnings (CrProblem with a pointer)
 * and kept: writing the case back writes them after the known keys, so a
 * round trip is lossless. Validation of the values themselves (USCC check
 * characters, decision numbers, dates in the future, duplicate ids …) is
 * cr_case_validate()'s job.
 *
 * CrCase::changed is emitted after any change to the case, its records or
 * its materials; cr_case_get_modified() compares the change counter with
 * the one recorded when the case was last loaded or saved.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "cr-case-material.h"
#include "cr-case-record.h"
#include "cr-case-types.h"
#include "cr-problem.h"

G_BEGIN_DECLS

#define CR_CASE_FORMAT         "org.example.CreditRepair.case"
#define CR_CASE_FORMAT_VERSION 1

/* Top-level keys starting with this prefix are the app's own extensions of
 * the format (see cr_case_set_extension()): kept like unknown keys, but
 * read without a warning, and left out by CR_CASE_WRITE_DROP_UNKNOWN. */
#define CR_CASE_EXTENSION_PREFIX "app_"

#define CR_CASE_ERROR (cr_case_error_quark ())

typedef enum
{
  CR_CASE_ERROR_IO,       /* the file cannot be read */
  CR_CASE_ERROR_PARSE,    /* empty, not UTF-8 text, or not JSON */
  CR_CASE_ERROR_FORMAT,   /* JSON, but not a case, or a format_version this build cannot read */
  CR_CASE_ERROR_INVALID,  /* a case document that violates the format (the message has the pointer) */
} CrCaseError;

typedef enum
{
  CR_CASE_LOAD_DEFAULT           = 0,
  /* Accept missing or null required values (the app's own saves of a case
   * still being typed in); cr_case_validate() reports them instead. */
  CR_CASE_LOAD_ALLOW_INCOMPLETE  = 1 << 0,
} CrCaseLoadFlags;

typedef enum
{
  CR_CASE_WRITE_DEFAULT      = 0,
  /* Interchange v1 exactly: leave out the unknown keys read with the case. */
  CR_CASE_WRITE_DROP_UNKNOWN = 1 << 0,
} CrCaseWriteFlags;

#define CR_TYPE_CASE (cr_case_get_type ())

G_DECLARE_FINAL_TYPE (CrCase, cr_case, CR, CASE, GObject)

GQuark cr_case_error_quark (void);

CrCase   *cr_case_new   (void);
CrCase   *cr_case_copy  (CrCase *self);
gboolean  cr_case_equal (CrCase *a,
                         CrCase *b);

/* Reading and writing (cr-case-json.c) */
CrCase   *cr_case_load_from_file      (const char        *path,
                                       GPtrArray         *warnings,
                                       GError           **error);
CrCase   *cr_case_load_from_file_full (const char        *path,
                                       CrCaseLoadFlags    flags,
                                       GPtrArray         *warnings,
                                       GError           **error);
CrCase   *cr_case_load_from_data      (const char        *data,
                                       gssize             length,
                                       const char        *base_dir,
                                       GPtrArray         *warnings,
                                       GError           **error);
CrCase   *cr_case_load_from_data_full (const char        *data,
                                       gssize             length,
                                       const char        *base_dir,
                                       const char        *file_name,
                                       CrCaseLoadFlags    flags,
                                       GPtrArray         *warnings,
                                       GError           **error);
CrCase   *cr_case_load_from_node      (JsonNode          *root,
                                       const char        *base_dir,
                                       const char        *file_name,
                                       CrCaseLoadFlags    flags,
                                       GPtrArray         *warnings,
                                       GError           **error);
JsonNode *cr_case_to_json_node        (CrCase            *self);
JsonNode *cr_case_to_json_node_full   (CrCase            *self,
                                       CrCaseWriteFlags   flags);
char     *cr_case_to_data             (CrCase            *self,
                                       gsize             *length);
char     *cr_case_to_data_full        (CrCase            *self,
                                       CrCaseWriteFlags   flags,
                                       gsize             *length);
char     *cr_case_json_pointer_escape (const char        *key);

/* Validation (cr-case-validate.c) */
GPtrArray *cr_case_validate (CrCase      *self,
                             const GDate *today);

/* Where the case lives */
const char *cr_case_get_base_dir (CrCase     *self);
void        cr_case_set_base_dir (CrCase     *self,
                                  const char *base_dir);
char       *cr_case_resolve_path (CrCase     *self,
                                  const char *path);

/* The app's own top-level keys ("app_…"), kept in the case file */
JsonNode *cr_case_get_extension (CrCase     *self,
                                 const char *key);
void      cr_case_set_extension (CrCase     *self,
                                 const char *key,
                                 JsonNode   *value);

/* Change tracking */
guint64  cr_case_get_generation       (CrCase  *self);
gboolean cr_case_get_modified         (CrCase  *self);
void     cr_case_set_saved_generation (CrCase  *self,
                                       guint64  generation);

/* Company */
const char *cr_case_get_company_name                 (CrCase     *self);
void        cr_case_set_company_name                 (CrCase     *self,
                                                      const char *name);
const char *cr_case_get_company_uscc                 (CrCase     *self);
void        cr_case_set_company_uscc                 (CrCase     *self,
                                                      const char *uscc);
const char *cr_case_get_company_legal_representative (CrCase     *self);
void        cr_case_set_company_legal_representative (CrCase     *self,
                                                      const char *name);
const char *cr_case_get_company_address              (CrCase     *self);
void        cr_case_set_company_address              (CrCase     *self,
                                                      const char *address);
const char *cr_case_get_company_phone                (CrCase     *self);
void        cr_case_set_company_phone                (CrCase     *self,
                                                      const char *phone);

/* Applicant (id_number is personal data: never log it) */
CrApplicantRole  cr_case_get_applicant_role      (CrCase          *self);
void             cr_case_set_applicant_role      (CrCase          *self,
                                                  CrApplicantRole  role);
const char      *cr_case_get_applicant_name      (CrCase          *self);
void             cr_case_set_applicant_name      (CrCase          *self,
                                                  const char      *name);
const char      *cr_case_get_applicant_id_number (CrCase          *self);
void             cr_case_set_applicant_id_number (CrCase          *self,
                                                  const char      *id_number);
const char      *cr_case_get_applicant_phone     (CrCase          *self);
void             cr_case_set_applicant_phone     (CrCase          *self,
                                                  const char      *phone);
const char      *cr_case_get_applicant_email     (CrCase          *self);
void             cr_case_set_applicant_email     (CrCase          *self,
                                                  const char      *email);

/* Records */
GListModel   *cr_case_get_records    (CrCase       *self);
guint         cr_case_get_n_records  (CrCase       *self);
CrCaseRecord *cr_case_get_record     (CrCase       *self,
                                      guint         position);
CrCaseRecord *cr_case_find_record    (CrCase       *self,
                                      const char   *id);
void          cr_case_add_record     (CrCase       *self,
                                      CrCaseRecord *record);
void          cr_case_insert_record  (CrCase       *self,
                                      guint         position,
                                      CrCaseRecord *record);
void          cr_case_remove_record  (CrCase       *self,
                                      guint         position);
char         *cr_case_make_record_id (CrCase       *self);

/* Materials */
GListModel     *cr_case_get_materials   (CrCase         *self);
guint           cr_case_get_n_materials (CrCase         *self);
CrCaseMaterial *cr_case_get_material    (CrCase         *self,
                                         guint           position);
void            cr_case_add_material    (CrCase         *self,
                                         CrCaseMaterial *material);
void            cr_case_insert_material (CrCase         *self,
                                         guint           position,
                                         CrCaseMaterial *material);
void            cr_case_remove_material (CrCase         *self,
                                         guint           position);

G_END_DECLS
