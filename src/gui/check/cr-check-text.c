/* cr-check-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a check result means, in words a company's accountant understands.
 * The statuses, dates and findings all come from the checker and the rule
 * set; this file only says them. The Chinese legal terms in the English
 * texts are the ones the regulations use, so that a user can find them in
 * the official guides.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-case-types.h"
#include "cr-check-text.h"

/**
 * cr_check_text_format_date:
 *
 * Returns: (transfer full): @date as people write it ("10 December 2026").
 */
char *
cr_check_text_format_date (const GDate *date)
{
  char buffer[128];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  /* Translators: how a calendar date is written (strftime format); for
   * zh_CN "%Y年%-m月%-d日". Month names are not translated by the locale the
   * program runs in, so avoid %B where your language does not need it. */
  if (g_date_strftime (buffer, sizeof buffer, _("%-d %B %Y"), date) == 0)
    return NULL;

  return g_strdup (buffer);
}

/**
 * cr_check_text_record_title:
 *
 * Returns: (transfer full): how a record is named to the user: its decision
 * number (决定书文号), else its id, else its position.
 */
char *
cr_check_text_record_title (const CrCheckRecord *record)
{
  g_return_val_if_fail (record != NULL, NULL);

  if (record->decision_number != NULL && record->decision_number[0] != '\0')
    return g_strdup (record->decision_number);
  if (record->id != NULL && record->id[0] != '\0')
    /* Translators: a penalty record without a decision number; %s is its id */
    return g_strdup_printf (_("Record “%s”"), record->id);

  /* Translators: a penalty record without decision number or id */
  return g_strdup_printf (_("Record %u"), record->index + 1);
}

static const char *
class_name (CrCheckResult *result,
            const char    *class_id)
{
  CrRuleSet *rule_set = cr_check_result_get_rule_set (result);
  const char *name;
  CrSeverityClass severity;

  name = cr_rule_set_get_class_name (rule_set, class_id, cr_check_result_get_language (result));
  if (name != NULL)
    return name;
  if (cr_severity_class_from_string (class_id, &severity))
    return cr_severity_class_get_label (severity);

  return class_id;
}

/**
 * cr_check_text_record_class:
 *
 * Returns: (transfer full): the class of the record's dishonest act as the
 * rule set names it, or what the rules suggest when it is not known.
 */
char *
cr_check_text_record_class (CrCheckResult       *result,
                            const CrCheckRecord *record)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  if (record->severity != NULL)
    /* Translators: the class of the dishonest act, as the rules name it,
     * e.g. “general” (一般失信) */
    return g_strdup_printf (_("Class: %s"), class_name (result, record->severity));
  if (record->suggested_severity != NULL)
    /* Translators: the class of the act is not known; %s is the class the
     * rules suggest from the penalties, e.g. “General” */
    return g_strdup_printf (_("Class not known yet (perhaps “%s”)"),
                            class_name (result, record->suggested_severity));

  return g_strdup (_("Class not known yet"));
}

/**
 * cr_check_text_status_explanation:
 *
 * Returns: (transfer full): what the record's status means for the
 * company, with the dates concerned.
 */
char *
cr_check_text_status_explanation (CrCheckResult       *result,
                                  const CrCheckRecord *record)
{
  g_autofree char *earliest = NULL;
  g_autofree char *end = NULL;
  const GDate *on;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);
  g_return_val_if_fail (record != NULL, NULL);

  on = cr_check_result_get_on (result);
  if (g_date_valid (&record->earliest_application_date))
    earliest = cr_check_text_format_date (&record->earliest_application_date);
  if (g_date_valid (&record->display_end_date))
    end = cr_check_text_format_date (&record->display_end_date);

  switch (record->status)
    {
    case CR_RECORD_STATUS_ELIGIBLE:
      if (end != NULL)
        return g_strdup_printf (_("The minimum publication period (最短公示期) is over: the "
                                  "company can apply for credit repair now. Without repair the "
                                  "record stays published until %s."), end);
      return g_strdup (_("The minimum publication period (最短公示期) is over: the company can "
                         "apply for credit repair now."));

    case CR_RECORD_STATUS_NOT_YET_ELIGIBLE:
      if (earliest != NULL)
        {
          int days = g_date_days_between (on, &record->earliest_application_date);

          return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The minimum publication period (最短公示期) is "
                                               "not over yet. The company can apply from %s, "
                                               "in %d day.",
                                               "The minimum publication period (最短公示期) is "
                                               "not over yet. The company can apply from %s, "
                                               "in %d days.",
                                               days),
                                  earliest, days);
        }
      return g_strdup (_("The minimum publication period (最短公示期) is not over yet."));

    case CR_RECORD_STATUS_EXPIRED:
      if (end != NULL)
        return g_strdup_printf (_("The publication period (公示期) ended on %s: no repair "
                                  "application is needed. If the record is still shown, raise "
                                  "an objection (异议) instead."), end);
      return g_strdup (_("The publication period (公示期) is over: no repair application is "
                         "needed. If the record is still shown, raise an objection (异议) "
                         "instead."));

    case CR_RECORD_STATUS_NOT_REPAIRABLE:
      if (end != NULL)
        return g_strdup_printf (_("Under these rules the record stays published for the whole "
                                  "period, until %s, and cannot be repaired early."), end);
      return g_strdup (_("Under these rules the record stays published for the whole period "
                         "and cannot be repaired early."));

    case CR_RECORD_STATUS_WRONG_CHANNEL:
      return g_strdup (_("An entry on the list of seriously dishonest entities (严重失信主体名单) "
                         "is removed by the authority that listed it: apply there, not on "
                         "Credit China."));

    case CR_RECORD_STATUS_NOT_PUBLISHED:
      if (end != NULL)
        return g_strdup_printf (_("Records of this class are in principle not published, so "
                                  "there is nothing to repair. If it is published anyway, it is "
                                  "shown until %s at the latest."), end);
      return g_strdup (_("Records of this class are in principle not published, so there is "
                         "nothing to repair."));

    case CR_RECORD_STATUS_UNKNOWN:
    default:
      return g_strdup (_("Some details this check needs are missing; the Report page says "
                         "which."));
    }
}

/**
 * cr_check_text_status_blocks:
 *
 * Returns: whether a record with @status keeps the case from being ready.
 */
gboolean
cr_check_text_status_blocks (CrRecordStatus status)
{
  return status != CR_RECORD_STATUS_ELIGIBLE && status != CR_RECORD_STATUS_NOT_PUBLISHED;
}

/**
 * cr_check_text_status_style_class:
 *
 * Returns: the libadwaita style class that colours @status.
 */
const char *
cr_check_text_status_style_class (CrRecordStatus status)
{
  switch (status)
    {
    case CR_RECORD_STATUS_ELIGIBLE:
      return "success";
    case CR_RECORD_STATUS_NOT_YET_ELIGIBLE:
    case CR_RECORD_STATUS_UNKNOWN:
      return "warning";
    case CR_RECORD_STATUS_NOT_REPAIRABLE:
    case CR_RECORD_STATUS_WRONG_CHANNEL:
      return "error";
    case CR_RECORD_STATUS_EXPIRED:
    case CR_RECORD_STATUS_NOT_PUBLISHED:
    default:
      return "accent";
    }
}

const char *
cr_check_text_status_icon_name (CrRecordStatus status)
{
  switch (status)
    {
    case CR_RECORD_STATUS_ELIGIBLE:
      return "emblem-ok-symbolic";
    case CR_RECORD_STATUS_NOT_YET_ELIGIBLE:
      return "appointment-soon-symbolic";
    case CR_RECORD_STATUS_UNKNOWN:
      return "dialog-question-symbolic";
    case CR_RECORD_STATUS_NOT_REPAIRABLE:
      return "action-unavailable-symbolic";
    case CR_RECORD_STATUS_WRONG_CHANNEL:
      return "mail-forward-symbolic";
    case CR_RECORD_STATUS_EXPIRED:
    case CR_RECORD_STATUS_NOT_PUBLISHED:
    default:
      return "dialog-information-symbolic";
    }
}

static guint
count_errors (CrCheckResult *result)
{
  return cr_check_result_count_findings (result, CR_SEVERITY_ERROR);
}

/* The first record whose status keeps the case from being ready. */
static const CrCheckRecord *
first_blocking_record (CrCheckResult *result)
{
  for (guint i = 0; i < cr_check_result_get_n_records (result); i++)
    {
      const CrCheckRecord *record = cr_check_result_get_record (result, i);

      if (cr_check_text_status_blocks (record->status))
        return record;
    }

  return NULL;
}

/**
 * cr_check_text_ready:
 *
 * Returns: whether the verdict is "ready": no error, and at least one
 * record to apply for.
 */
gboolean
cr_check_text_ready (CrCheckResult *result)
{
  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), FALSE);

  return cr_check_result_get_ready (result) && cr_check_result_get_n_records (result) > 0;
}

/**
 * cr_check_text_verdict_title:
 *
 * Returns: (transfer full): the verdict in one sentence: ready, or what
 * blocks the application first.
 */
char *
cr_check_text_verdict_title (CrCheckResult *result)
{
  const CrCheckRecord *record;
  g_autofree char *title = NULL;
  g_autofree char *earliest = NULL;
  g_autofree char *end = NULL;
  guint n_errors;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);

  /* Without records there is nothing to apply for, errors or not. */
  if (cr_check_result_get_n_records (result) == 0)
    return g_strdup (_("No records to check yet"));

  if (cr_check_result_get_ready (result))
    return g_strdup (_("Ready to apply"));

  record = first_blocking_record (result);
  if (record == NULL)
    {
      n_errors = count_errors (result);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Not ready: %u problem must be solved first",
                                           "Not ready: %u problems must be solved first",
                                           n_errors),
                              n_errors);
    }

  title = cr_check_text_record_title (record);
  if (g_date_valid (&record->earliest_application_date))
    earliest = cr_check_text_format_date (&record->earliest_application_date);
  if (g_date_valid (&record->display_end_date))
    end = cr_check_text_format_date (&record->display_end_date);

  switch (record->status)
    {
    case CR_RECORD_STATUS_NOT_YET_ELIGIBLE:
      if (earliest != NULL)
        /* Translators: the first %s is a decision number such as
         * 锡惠市监处罚〔2025〕123号, the second a date */
        return g_strdup_printf (_("Not ready: record %s can be applied for from %s"),
                                title, earliest);
      /* Translators: %s is a decision number such as 锡惠市监处罚〔2025〕123号 */
      return g_strdup_printf (_("Not ready: record %s cannot be applied for yet"), title);

    case CR_RECORD_STATUS_EXPIRED:
      /* Translators: %s is a decision number */
      return g_strdup_printf (_("Not ready: record %s needs no repair, its publication is over"),
                              title);

    case CR_RECORD_STATUS_NOT_REPAIRABLE:
      /* Translators: %s is a decision number */
      return g_strdup_printf (_("Not ready: record %s cannot be repaired early"), title);

    case CR_RECORD_STATUS_WRONG_CHANNEL:
      /* Translators: %s is a decision number */
      return g_strdup_printf (_("Not ready: record %s is repaired through the authority that "
                                "listed it"), title);

    case CR_RECORD_STATUS_UNKNOWN:
    case CR_RECORD_STATUS_NOT_PUBLISHED:
    case CR_RECORD_STATUS_ELIGIBLE:
    default:
      /* Translators: %s is a decision number */
      return g_strdup_printf (_("Not ready: record %s lacks details the check needs"), title);
    }
}

/**
 * cr_check_text_verdict_description:
 *
 * Returns: (transfer full): the sentence under the verdict.
 */
char *
cr_check_text_verdict_description (CrCheckResult *result)
{
  g_autofree char *on = NULL;
  guint n_errors;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);

  if (cr_check_result_get_n_records (result) == 0)
    return g_strdup (_("Add the penalty records of the case: they are checked as you type."));

  on = cr_check_text_format_date (cr_check_result_get_on (result));
  if (cr_check_result_get_ready (result))
    /* Translators: %s is the application date */
    return g_strdup_printf (_("Nothing blocks an application made on %s."), on);

  n_errors = count_errors (result);
  if (n_errors <= 1 && first_blocking_record (result) != NULL)
    return g_strdup (_("Nothing else blocks the application."));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u problem must be solved before applying; the Report "
                                       "page says how.",
                                       "%u problems must be solved before applying; the Report "
                                       "page says how.",
                                       n_errors),
                          n_errors);
}

/**
 * cr_check_text_slot_name:
 *
 * Returns: (transfer full): the name of an upload slot, as the rule set
 * names it in the user's language.
 */
char *
cr_check_text_slot_name (CrCheckResult *result,
                         const char    *slot)
{
  const CrSlotDef *def;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  def = cr_rule_set_lookup_slot (cr_check_result_get_rule_set (result), slot);
  if (def != NULL && def->name[cr_check_result_get_language (result)] != NULL)
    return g_strdup (def->name[cr_check_result_get_language (result)]);

  return g_strdup (cr_slot_get_label (slot));
}

const char *
cr_check_text_severity_label (CrSeverity severity)
{
  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      return C_("finding severity", "Error");
    case CR_SEVERITY_WARNING:
      return C_("finding severity", "Warning");
    case CR_SEVERITY_INFO:
    default:
      return C_("finding severity", "Note");
    }
}

const char *
cr_check_text_severity_style_class (CrSeverity severity)
{
  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      return "error";
    case CR_SEVERITY_WARNING:
      return "warning";
    case CR_SEVERITY_INFO:
    default:
      return "accent";
    }
}

const char *
cr_check_text_severity_icon_name (CrSeverity severity)
{
  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case CR_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case CR_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}
