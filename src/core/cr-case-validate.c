/* cr-case-validate.c: field-level problems of a case
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These are facts about the data, independent of any rule set: a code that
 * fails its check character, a decision made in the future, a payment
 * before the decision, ids that do not match. Whether a record is
 * repairable and which materials it needs is the checker's business.
 *
 * The applicant's ID number is personal data: it is checked, but never
 * quoted in a message.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cr-case.h"
#include "cr-date.h"
#include "cr-decision-number.h"
#include "cr-money.h"
#include "cr-uscc.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

/* GB 11643-1999: 17 digits and a check character (0–9 or X). */
static gboolean
resident_id_is_valid (const char *id)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char checks[] = "10X98765432";
  int sum = 0;

  if (strlen (id) != 18)
    return FALSE;

  for (guint i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (id[i]))
        return FALSE;
      sum += (id[i] - '0') * weights[i];
    }

  return g_ascii_toupper (id[17]) == checks[sum % 11];
}

static char *
ptr (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static char *
ptr (const char *format,
     ...)
{
  va_list args;
  char *pointer;

  va_start (args, format);
  pointer = g_strdup_vprintf (format, args);
  va_end (args);

  return pointer;
}

static void
validate_company (CrCase    *self,
                  GPtrArray *problems)
{
  const char *name = cr_case_get_company_name (self);
  const char *uscc = cr_case_get_company_uscc (self);

  if (is_blank (name))
    cr_problem_list_add (problems, CR_SEVERITY_ERROR, "company-name-missing", "/company/name",
                         _("The company name is missing"));

  if (is_blank (uscc))
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "company-uscc-missing", "/company/uscc",
                           _("The unified social credit code is missing"));
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = cr_uscc_normalize_and_validate (uscc, &error);

      if (normalized == NULL)
        cr_problem_list_add (problems, CR_SEVERITY_ERROR, "company-uscc-invalid",
                             "/company/uscc", "%s", error->message);
      else if (!g_str_equal (normalized, uscc))
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "company-uscc-not-normalized",
                             "/company/uscc",
                             _("Write the unified social credit code as %s (18 characters, "
                               "capital letters, no spaces), as the portal shows it"),
                             normalized);
    }
}

static void
validate_applicant (CrCase    *self,
                    GPtrArray *problems)
{
  CrApplicantRole role = cr_case_get_applicant_role (self);
  const char *name = cr_case_get_applicant_name (self);
  const char *legal_representative = cr_case_get_company_legal_representative (self);
  const char *id_number = cr_case_get_applicant_id_number (self);
  const char *email = cr_case_get_applicant_email (self);

  if (role == CR_APPLICANT_ROLE_AGENT && is_blank (name))
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "applicant-name-missing",
                         "/applicant/name",
                         _("The name of the authorised agent is missing; the letter of "
                           "authorisation needs it"));

  if (role == CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE && !is_blank (name) &&
      !is_blank (legal_representative) && !g_str_equal (name, legal_representative))
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "applicant-not-legal-representative",
                         "/applicant/role",
                         _("The applicant %s is not the legal representative %s; if someone "
                           "else applies, choose “Authorised agent” as the role"),
                         name, legal_representative);

  /* Never quote the number itself. */
  if (!is_blank (id_number) && !resident_id_is_valid (id_number))
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "applicant-id-number-invalid",
                         "/applicant/id_number",
                         _("The ID number is not a valid resident identity card number "
                           "(18 characters with a matching check digit); check it if it "
                           "is one"));

  if (!is_blank (email) &&
      (strchr (email, '@') == NULL || strchr (email, ' ') != NULL ||
       email[0] == '@' || g_str_has_suffix (email, "@")))
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "applicant-email-invalid",
                         "/applicant/email",
                         _("“%s” does not look like an e-mail address"), email);
}

static void
validate_penalties (CrCaseRecord   *record,
                    guint       index,
                    GPtrArray  *problems)
{
  guint n = cr_case_record_get_n_penalties (record);

  if (n == 0)
    {
      g_autofree char *pointer = ptr ("/records/%u/penalties", index);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-no-penalties", pointer,
                           _("The record has no penalties; add what the decision imposes "
                             "(warning, fine …)"));
      return;
    }

  for (guint j = 0; j < n; j++)
    {
      const CrPenalty *penalty = cr_case_record_get_penalty (record, j);
      const char *type = cr_penalty_get_penalty_type (penalty);
      gint64 amount = cr_penalty_get_amount (penalty);

      if (type == NULL)
        {
          g_autofree char *pointer = ptr ("/records/%u/penalties/%u/type", index, j);

          cr_problem_list_add (problems, CR_SEVERITY_ERROR, "penalty-type-missing", pointer,
                               _("The type of the penalty is not chosen"));
        }
      else if (cr_penalty_type_has_amount (type) && amount < 0)
        {
          g_autofree char *pointer = ptr ("/records/%u/penalties/%u/amount", index, j);

          cr_problem_list_add (problems, CR_SEVERITY_WARNING, "penalty-amount-missing", pointer,
                               _("The amount of the penalty “%s” is missing; it is needed "
                                 "to check the payment"),
                               cr_penalty_type_get_label (type));
        }
      else if (cr_penalty_type_has_amount (type) && amount == 0)
        {
          g_autofree char *pointer = ptr ("/records/%u/penalties/%u/amount", index, j);

          cr_problem_list_add (problems, CR_SEVERITY_WARNING, "penalty-amount-zero", pointer,
                               _("The amount of the penalty “%s” is 0 yuan"),
                               cr_penalty_type_get_label (type));
        }
      else if (!cr_penalty_type_has_amount (type) && amount >= 0)
        {
          g_autofree char *pointer = ptr ("/records/%u/penalties/%u/amount", index, j);

          cr_problem_list_add (problems, CR_SEVERITY_WARNING, "penalty-amount-unexpected",
                               pointer,
                               _("A penalty of type “%s” has no amount; only fines and "
                                 "confiscations do"),
                               cr_penalty_type_get_label (type));
        }
    }
}

static void
validate_performance (CrCaseRecord    *record,
                      guint        index,
                      const GDate *today,
                      GPtrArray   *problems)
{
  const GDate *decision_date = cr_case_record_get_decision_date (record);
  const GDate *paid_date = cr_case_record_get_fine_paid_date (record);
  gint64 paid = cr_case_record_get_fine_paid_amount (record);
  g_autofree char *paid_date_pointer = ptr ("/records/%u/performance/fine_paid_date", index);
  g_autofree char *paid_pointer = ptr ("/records/%u/performance/fine_paid_amount", index);

  if (paid_date != NULL)
    {
      g_autofree char *paid_text = cr_date_format (paid_date);

      if (decision_date != NULL && g_date_compare (paid_date, decision_date) < 0)
        {
          g_autofree char *decision_text = cr_date_format (decision_date);

          cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-fine-paid-before-decision",
                               paid_date_pointer,
                               _("The fine was paid on %s, before the decision of %s; check "
                                 "both dates"),
                               paid_text, decision_text);
        }
      if (g_date_compare (paid_date, today) > 0)
        cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-fine-paid-date-future",
                             paid_date_pointer,
                             _("The payment date %s is in the future"), paid_text);
      if (paid < 0)
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "record-fine-paid-amount-missing",
                             paid_pointer,
                             _("The payment date is set but the amount paid is missing"));
    }
  else if (paid >= 0)
    {
      cr_problem_list_add (problems, CR_SEVERITY_WARNING, "record-fine-paid-date-missing",
                           paid_date_pointer,
                           _("The amount paid is set but the payment date is missing"));
    }

  if (paid > 0 && cr_case_record_get_fines_total (record, TRUE) == 0 &&
      !cr_case_record_has_penalty_type (record, "fine") &&
      !cr_case_record_has_penalty_type (record, "confiscation_of_illegal_gains") &&
      !cr_case_record_has_penalty_type (record, "confiscation_of_illegal_property"))
    {
      g_autofree char *amount = cr_money_format (paid);

      cr_problem_list_add (problems, CR_SEVERITY_WARNING, "record-fine-paid-without-fine",
                           paid_pointer,
                           _("%s yuan are recorded as paid, but the record has no fine or "
                             "confiscation"),
                           amount);
    }
}

static void
validate_record (CrCaseRecord    *record,
                 guint        index,
                 const GDate *today,
                 GHashTable  *seen_ids,
                 GPtrArray   *problems)
{
  const char *id = cr_case_record_get_id (record);
  const char *number = cr_case_record_get_decision_number (record);
  const GDate *decision_date = cr_case_record_get_decision_date (record);
  const GDate *publication_date = cr_case_record_get_publication_date (record);
  g_autofree char *id_pointer = ptr ("/records/%u/id", index);
  g_autofree char *number_pointer = ptr ("/records/%u/decision_number", index);
  g_autofree char *date_pointer = ptr ("/records/%u/decision_date", index);

  if (is_blank (id))
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-id-missing", id_pointer,
                           _("Record %u has no id"), index + 1);
    }
  else if (g_hash_table_contains (seen_ids, id))
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-id-duplicate", id_pointer,
                           _("The record id “%s” is used by record %u already; ids must be "
                             "unique within the case"),
                           id, GPOINTER_TO_UINT (g_hash_table_lookup (seen_ids, id)));
    }
  else
    {
      g_hash_table_insert (seen_ids, (gpointer) id, GUINT_TO_POINTER (index + 1));
    }

  if (is_blank (number))
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-decision-number-missing",
                           number_pointer, _("The decision number is missing"));
    }
  else
    {
      int year = decision_date != NULL ? g_date_get_year (decision_date) : 0;

      /* Only the problems are of interest here. */
      cr_decision_number_free (cr_decision_number_parse (number, year, number_pointer,
                                                         problems));
    }

  if (is_blank (cr_case_record_get_authority (record)))
    {
      g_autofree char *pointer = ptr ("/records/%u/authority", index);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-authority-missing", pointer,
                           _("The deciding authority is missing"));
    }

  if (decision_date == NULL)
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-decision-date-missing",
                           date_pointer, _("The decision date is missing"));
    }
  else if (g_date_compare (decision_date, today) > 0)
    {
      g_autofree char *text = cr_date_format (decision_date);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-decision-date-future",
                           date_pointer, _("The decision date %s is in the future"), text);
    }

  if (publication_date != NULL)
    {
      g_autofree char *pointer = ptr ("/records/%u/publication_date", index);
      g_autofree char *text = cr_date_format (publication_date);

      if (decision_date != NULL && g_date_compare (publication_date, decision_date) < 0)
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "record-publication-before-decision",
                             pointer,
                             _("The publication date %s is before the decision date"), text);
      if (g_date_compare (publication_date, today) > 0)
        cr_problem_list_add (problems, CR_SEVERITY_WARNING, "record-publication-date-future",
                             pointer, _("The publication date %s is in the future"), text);
    }

  if (cr_case_record_get_domain (record) == NULL)
    {
      g_autofree char *pointer = ptr ("/records/%u/domain", index);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "record-domain-missing", pointer,
                           _("The domain of the penalty (market regulation, food, work "
                             "safety …) is not chosen"));
    }

  validate_penalties (record, index, problems);
  validate_performance (record, index, today, problems);
}

static void
validate_material (CrCase     *self,
                   CrCaseMaterial *material,
                   guint       index,
                   GPtrArray  *problems)
{
  const char *record = cr_case_material_get_record (material);
  const char *path = cr_case_material_get_path (material);
  g_autofree char *path_pointer = ptr ("/materials/%u/path", index);

  if (cr_case_material_get_slot (material) == NULL)
    {
      g_autofree char *pointer = ptr ("/materials/%u/slot", index);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "material-slot-missing", pointer,
                           _("The file is not assigned to a slot"));
    }

  if (record != NULL && cr_case_find_record (self, record) == NULL)
    {
      g_autofree char *pointer = ptr ("/materials/%u/record", index);

      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "material-record-unknown", pointer,
                           _("The file is assigned to the record “%s”, which is not in the "
                             "case"),
                           record);
    }

  if (is_blank (path))
    {
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "material-path-missing", path_pointer,
                           _("The file name is missing"));
      return;
    }

  if (g_path_is_absolute (path) || g_str_has_prefix (path, "../") ||
      strstr (path, "/../") != NULL || g_str_equal (path, ".."))
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "material-outside-case", path_pointer,
                         _("The file %s is outside the case folder; it does not travel with "
                           "the case when the folder is copied"),
                         path);

  {
    g_autofree char *resolved = cr_case_resolve_path (self, path);

    if (resolved != NULL && !g_file_test (resolved, G_FILE_TEST_EXISTS))
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "material-file-missing", path_pointer,
                           _("The file %s does not exist"), path);
    else if (resolved != NULL && g_file_test (resolved, G_FILE_TEST_IS_DIR))
      cr_problem_list_add (problems, CR_SEVERITY_ERROR, "material-file-is-folder", path_pointer,
                           _("%s is a folder, not a file"), path);
  }
}

/**
 * cr_case_validate:
 * @today: (nullable): the date to compare with, or NULL for today
 *
 * Checks the values of @self: the USCC's check characters, decision
 * numbers (with the decision year), dates in the future or out of order,
 * missing required values, duplicate record ids, materials pointing to
 * records that do not exist or files that are missing.
 *
 * Returns: (transfer full) (element-type CrProblem): the problems, each
 * with the JSON pointer of its field; empty when there are none.
 */
GPtrArray *
cr_case_validate (CrCase      *self,
                  const GDate *today)
{
  g_autoptr(GPtrArray) problems = cr_problem_list_new ();
  g_autoptr(GHashTable) seen_ids = g_hash_table_new (g_str_hash, g_str_equal);
  GDate now;
  guint n_records;

  g_return_val_if_fail (CR_IS_CASE (self), NULL);

  if (today == NULL || !g_date_valid (today))
    {
      cr_date_set_today (&now);
      today = &now;
    }

  validate_company (self, problems);
  validate_applicant (self, problems);

  n_records = cr_case_get_n_records (self);
  if (n_records == 0)
    cr_problem_list_add (problems, CR_SEVERITY_WARNING, "case-no-records", "/records",
                         _("The case has no records yet"));

  for (guint i = 0; i < n_records; i++)
    validate_record (cr_case_get_record (self, i), i, today, seen_ids, problems);

  for (guint i = 0; i < cr_case_get_n_materials (self); i++)
    validate_material (self, cr_case_get_material (self, i), i, problems);

  return g_steal_pointer (&problems);
}
