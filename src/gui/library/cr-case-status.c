/* cr-case-status.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-case-status.h"
#include "cr-checker.h"
#include "cr-date.h"

static const char * const tracking_ids[] = { NULL, "submitted", "repaired", "returned" };

const char *
cr_case_status_get_label (CrCaseStatus status)
{
  switch (status)
    {
    case CR_CASE_STATUS_DRAFT:
      return C_("case status", "Draft");
    case CR_CASE_STATUS_NOT_YET_ELIGIBLE:
      return C_("case status", "Not Yet Eligible");
    case CR_CASE_STATUS_READY:
      return C_("case status", "Ready");
    case CR_CASE_STATUS_SUBMITTED:
      return C_("case status", "Submitted");
    case CR_CASE_STATUS_REPAIRED:
      return C_("case status", "Repaired");
    case CR_CASE_STATUS_RETURNED:
      return C_("case status", "Returned");
    case CR_CASE_STATUS_UNREADABLE:
      return C_("case status", "Unreadable");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* The CSS class of the badge (see style.css). */
const char *
cr_case_status_get_style (CrCaseStatus status)
{
  switch (status)
    {
    case CR_CASE_STATUS_DRAFT:
      return "status-draft";
    case CR_CASE_STATUS_NOT_YET_ELIGIBLE:
      return "status-waiting";
    case CR_CASE_STATUS_READY:
      return "status-ready";
    case CR_CASE_STATUS_SUBMITTED:
      return "status-submitted";
    case CR_CASE_STATUS_REPAIRED:
      return "status-repaired";
    case CR_CASE_STATUS_RETURNED:
    case CR_CASE_STATUS_UNREADABLE:
      return "status-problem";
    default:
      g_return_val_if_reached (NULL);
    }
}

static JsonObject *
get_tracking_object (CrCase *kase)
{
  JsonNode *node = cr_case_get_extension (kase, CR_CASE_TRACKING_KEY);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
get_date_member (JsonObject *object,
                 const char *member,
                 GDate      *date)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  return cr_date_parse (json_node_get_string (node), date, NULL);
}

/**
 * cr_case_get_tracking:
 * @date: (out caller-allocates) (optional): the date of that step, cleared
 *   when not recorded
 *
 * Returns: the last step after submission the user recorded, or
 * %CR_TRACKING_NONE (also for a value this version does not know).
 */
CrTracking
cr_case_get_tracking (CrCase *kase,
                      GDate  *date)
{
  JsonObject *tracking;
  JsonNode *node;
  const char *status = NULL;

  g_return_val_if_fail (CR_IS_CASE (kase), CR_TRACKING_NONE);

  if (date != NULL)
    g_date_clear (date, 1);

  tracking = get_tracking_object (kase);
  if (tracking == NULL)
    return CR_TRACKING_NONE;

  node = json_object_get_member (tracking, "status");
  if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
    status = json_node_get_string (node);
  for (guint i = 1; status != NULL && i < G_N_ELEMENTS (tracking_ids); i++)
    {
      if (g_str_equal (status, tracking_ids[i]))
        {
          if (date != NULL)
            {
              g_autofree char *member = g_strconcat (tracking_ids[i], "_date", NULL);

              if (!get_date_member (tracking, member, date))
                g_date_clear (date, 1);
            }
          return (CrTracking) i;
        }
    }

  return CR_TRACKING_NONE;
}

/**
 * cr_case_set_tracking:
 * @date: (nullable): when it happened
 *
 * Records a step after submission (keeping the dates of earlier steps), or
 * removes the tracking with %CR_TRACKING_NONE. A change is an edit of the
 * case (CrCase::changed), so it is saved like any other.
 *
 * Returns: whether anything changed.
 */
gboolean
cr_case_set_tracking (CrCase      *kase,
                      CrTracking   tracking,
                      const GDate *date)
{
  JsonObject *old;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint64 generation;

  g_return_val_if_fail (CR_IS_CASE (kase), FALSE);
  g_return_val_if_fail (tracking <= CR_TRACKING_RETURNED, FALSE);

  generation = cr_case_get_generation (kase);

  if (tracking == CR_TRACKING_NONE)
    {
      cr_case_set_extension (kase, CR_CASE_TRACKING_KEY, NULL);
      return cr_case_get_generation (kase) != generation;
    }

  old = get_tracking_object (kase);
  object = json_object_new ();
  json_object_set_string_member (object, "status", tracking_ids[tracking]);
  for (guint i = 1; i < G_N_ELEMENTS (tracking_ids); i++)
    {
      g_autofree char *member = g_strconcat (tracking_ids[i], "_date", NULL);
      GDate kept;

      if (i == tracking && date != NULL && g_date_valid (date))
        {
          g_autofree char *text = cr_date_format (date);
          json_object_set_string_member (object, member, text);
        }
      else if (i != tracking && old != NULL && get_date_member (old, member, &kept))
        {
          g_autofree char *text = cr_date_format (&kept);
          json_object_set_string_member (object, member, text);
        }
      else
        {
          json_object_set_null_member (object, member);
        }
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, object);
  cr_case_set_extension (kase, CR_CASE_TRACKING_KEY, node);

  return cr_case_get_generation (kase) != generation;
}

static void
keep_earliest (GDate       *earliest,
               const GDate *date)
{
  if (!g_date_valid (date))
    return;
  if (!g_date_valid (earliest) || g_date_compare (date, earliest) < 0)
    *earliest = *date;
}

/**
 * cr_case_status_compute:
 * @rules: (nullable): the rule sets for the checker's verdict, and whose
 *   calendar counts the working days until Credit China's answer is due
 * @today: the application date to check against
 * @next_date: (out caller-allocates): the next date that matters (see
 *   cr_case_status_describe_date()), cleared when none does
 * @approximate: (out) (optional): whether @next_date is only about right:
 *   an answer date counted past the end of the known calendar of public
 *   holidays
 *
 * Returns: the status the library shows: the recorded tracking step if
 * there is one, otherwise the checker's verdict for @today.
 */
CrCaseStatus
cr_case_status_compute (CrCase              *kase,
                        CrRuleSetCollection *rules,
                        const GDate         *today,
                        GDate               *next_date,
                        gboolean            *approximate)
{
  g_autoptr(CrCheckResult) result = NULL;
  GDate date, earliest_waiting, earliest_end;
  gboolean waiting = FALSE;

  g_return_val_if_fail (CR_IS_CASE (kase), CR_CASE_STATUS_DRAFT);
  g_return_val_if_fail (today != NULL && g_date_valid (today), CR_CASE_STATUS_DRAFT);
  g_return_val_if_fail (next_date != NULL, CR_CASE_STATUS_DRAFT);

  g_date_clear (next_date, 1);
  if (approximate != NULL)
    *approximate = FALSE;

  switch (cr_case_get_tracking (kase, &date))
    {
    case CR_TRACKING_SUBMITTED:
      if (g_date_valid (&date))
        {
          /* Counted by the calendar of the rule set in force on the day of
           * submission, as the checker selects it; Monday to Friday when
           * none is. */
          g_autoptr(CrRuleSet) rule_set = NULL;

          if (rules != NULL)
            rule_set = cr_rule_set_collection_select (rules, &date, NULL);
          *next_date = date;
          if (!cr_rule_set_add_working_days (rule_set, next_date, CR_ANSWER_WORKING_DAYS) &&
              approximate != NULL)
            *approximate = TRUE;
        }
      return CR_CASE_STATUS_SUBMITTED;
    case CR_TRACKING_REPAIRED:
      return CR_CASE_STATUS_REPAIRED;
    case CR_TRACKING_RETURNED:
      *next_date = date;
      return CR_CASE_STATUS_RETURNED;
    case CR_TRACKING_NONE:
    default:
      break;
    }

  if (rules == NULL || cr_case_get_n_records (kase) == 0)
    return CR_CASE_STATUS_DRAFT;

  result = cr_checker_check_case (rules, kase, today, cr_language_get_default (), NULL);
  if (result == NULL)
    return CR_CASE_STATUS_DRAFT;

  g_date_clear (&earliest_waiting, 1);
  g_date_clear (&earliest_end, 1);
  for (guint i = 0; i < cr_check_result_get_n_records (result); i++)
    {
      const CrCheckRecord *record = cr_check_result_get_record (result, i);

      if (record->status == CR_RECORD_STATUS_NOT_YET_ELIGIBLE)
        {
          waiting = TRUE;
          keep_earliest (&earliest_waiting, &record->earliest_application_date);
        }
      else if (record->status == CR_RECORD_STATUS_ELIGIBLE)
        {
          keep_earliest (&earliest_end, &record->display_end_date);
        }
    }

  if (waiting)
    {
      *next_date = earliest_waiting;
      return CR_CASE_STATUS_NOT_YET_ELIGIBLE;
    }

  if (cr_check_result_get_ready (result))
    {
      *next_date = earliest_end;
      return CR_CASE_STATUS_READY;
    }

  return CR_CASE_STATUS_DRAFT;
}

char *
cr_case_status_describe_date (CrCaseStatus  status,
                              const GDate  *date,
                              gboolean      approximate)
{
  g_autofree char *text = NULL;

  if (date == NULL || !g_date_valid (date))
    return NULL;

  text = cr_date_format (date);

  switch (status)
    {
    case CR_CASE_STATUS_NOT_YET_ELIGIBLE:
      /* Translators: %s is a date such as 2026-06-10 */
      return g_strdup_printf (_("Can apply from %s"), text);
    case CR_CASE_STATUS_READY:
      /* Translators: %s is a date: after it the record is no longer published anyway */
      return g_strdup_printf (_("Published until %s"), text);
    case CR_CASE_STATUS_SUBMITTED:
      if (approximate)
        /* Translators: %s is a date, counted without knowing that year's
         * public holidays: Credit China should have answered around then */
        return g_strdup_printf (_("Answer due around %s"), text);
      /* Translators: %s is a date: Credit China should have answered by then */
      return g_strdup_printf (_("Answer due by %s"), text);
    case CR_CASE_STATUS_RETURNED:
      /* Translators: %s is the date the application was returned */
      return g_strdup_printf (_("Returned on %s"), text);
    case CR_CASE_STATUS_DRAFT:
    case CR_CASE_STATUS_REPAIRED:
    case CR_CASE_STATUS_UNREADABLE:
    default:
      return g_strdup (text);
    }
}
