/* cr-rules-diff.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cr-date.h"
#include "cr-rule-set-private.h"
#include "cr-rules-diff.h"

void
cr_rules_change_free (CrRulesChange *change)
{
  if (change == NULL)
    return;

  g_free (change->subject);
  g_free (change->message);
  g_free (change);
}

static void add_change (GPtrArray         *changes,
                        CrRulesChangeKind  kind,
                        const char        *subject,
                        const char        *format,
                        ...) G_GNUC_PRINTF (4, 5);

static void
add_change (GPtrArray         *changes,
            CrRulesChangeKind  kind,
            const char        *subject,
            const char        *format,
            ...)
{
  CrRulesChange *change = g_new0 (CrRulesChange, 1);
  va_list args;

  va_start (args, format);
  change->message = g_strdup_vprintf (format, args);
  va_end (args);
  change->kind = kind;
  change->subject = g_strdup (subject);
  g_ptr_array_add (changes, change);
}

static const char *
severity_label (CrSeverity severity)
{
  switch (severity)
    {
    case CR_SEVERITY_INFO:
      return _("information");
    case CR_SEVERITY_WARNING:
      return _("warning");
    case CR_SEVERITY_ERROR:
      return _("error");
    default:
      g_return_val_if_reached ("");
    }
}

/* A rule's message template with its {placeholders} shown as "…", so that
 * it reads as a sentence about no record in particular. */
static char *
plain_text (const char *template_text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template_text != NULL ? template_text : ""; *p != '\0'; p++)
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_string_append (out, "…");
          p = close;
          continue;
        }
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static char *
date_text (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return g_strdup (_("no end date"));
  return cr_date_format (date);
}

static gboolean
dates_equal (const GDate *a,
             const GDate *b)
{
  gboolean va = a != NULL && g_date_valid (a);
  gboolean vb = b != NULL && g_date_valid (b);

  if (va != vb)
    return FALSE;
  return !va || g_date_compare (a, b) == 0;
}

static const char *
slot_name (CrRuleSet  *set,
           const char *slot_id,
           CrLanguage  language)
{
  const CrSlotDef *slot = cr_rule_set_lookup_slot (set, slot_id);

  if (slot != NULL && slot->name[language] != NULL)
    return slot->name[language];
  return slot_id;
}

static void
diff_header (GPtrArray  *changes,
             CrRuleSet  *old_set,
             CrRuleSet  *new_set)
{
  const char *old_id = cr_rule_set_get_id (old_set);
  const char *new_id = cr_rule_set_get_id (new_set);
  const GDate *old_from = cr_rule_set_get_valid_from (old_set);
  const GDate *new_from = cr_rule_set_get_valid_from (new_set);
  const GDate *old_until = cr_rule_set_get_valid_until (old_set);
  const GDate *new_until = cr_rule_set_get_valid_until (new_set);

  if (!g_str_equal (old_id, new_id))
    add_change (changes, CR_RULES_CHANGE_VERSION, NULL,
                _("Rule set %s version %s replaces rule set %s version %s."),
                new_id, cr_rule_set_get_version (new_set),
                old_id, cr_rule_set_get_version (old_set));
  else if (g_strcmp0 (cr_rule_set_get_version (old_set), cr_rule_set_get_version (new_set)) != 0)
    add_change (changes, CR_RULES_CHANGE_VERSION, NULL,
                _("Rule set %s: version %s replaces version %s."),
                new_id, cr_rule_set_get_version (new_set), cr_rule_set_get_version (old_set));

  if (!dates_equal (old_from, new_from))
    {
      g_autofree char *was = date_text (old_from);
      g_autofree char *now = date_text (new_from);

      add_change (changes, CR_RULES_CHANGE_VALIDITY, NULL,
                  _("It governs applications made from %s (was from %s)."), now, was);
    }
  if (!dates_equal (old_until, new_until))
    {
      g_autofree char *was = date_text (old_until);
      g_autofree char *now = date_text (new_until);

      if (new_until == NULL || !g_date_valid (new_until))
        add_change (changes, CR_RULES_CHANGE_VALIDITY, NULL,
                    _("It governs applications with no end date (was until %s)."), was);
      else if (old_until == NULL || !g_date_valid (old_until))
        add_change (changes, CR_RULES_CHANGE_VALIDITY, NULL,
                    _("It governs applications made until %s (had no end date)."), now);
      else
        add_change (changes, CR_RULES_CHANGE_VALIDITY, NULL,
                    _("It governs applications made until %s (was until %s)."), now, was);
    }
}

/* The Julian days of @days that are not in @other, ascending. */
static GArray *
days_missing_from (GArray *days,
                   GArray *other)
{
  GArray *missing = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      guint32 day = g_array_index (days, guint32, i);
      gboolean found = FALSE;

      for (guint j = 0; other != NULL && j < other->len && !found; j++)
        found = g_array_index (other, guint32, j) == day;
      if (!found)
        g_array_append_val (missing, day);
    }

  return missing;
}

/* "2026-10-01–2026-10-07, 2026-10-10": runs of consecutive days as ranges. */
static char *
days_text (GArray *days)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < days->len;)
    {
      guint32 first = g_array_index (days, guint32, i);
      guint n = 1;
      GDate start, end;
      g_autofree char *start_text = NULL;

      while (i + n < days->len && g_array_index (days, guint32, i + n) == first + n)
        n++;

      g_date_clear (&start, 1);
      g_date_set_julian (&start, first);
      start_text = cr_date_format (&start);
      if (out->len > 0)
        g_string_append (out, _(", "));
      if (n == 1)
        {
          g_string_append (out, start_text);
        }
      else
        {
          g_autofree char *end_text = NULL;

          g_date_clear (&end, 1);
          g_date_set_julian (&end, first + n - 1);
          end_text = cr_date_format (&end);
          /* Translators: a range of days, e.g. 2026-10-01–2026-10-07 */
          g_string_append_printf (out, _("%s–%s"), start_text, end_text);
        }
      i += n;
    }

  return g_string_free (out, FALSE);
}

static void
diff_calendar (GPtrArray *changes,
               CrRuleSet *old_set,
               CrRuleSet *new_set)
{
  gboolean had = cr_rule_set_has_calendar (old_set);
  gboolean has = cr_rule_set_has_calendar (new_set);
  GArray *old_holidays = cr_rule_set_get_holidays (old_set);
  GArray *new_holidays = cr_rule_set_get_holidays (new_set);
  GArray *old_weekends = cr_rule_set_get_working_weekends (old_set);
  GArray *new_weekends = cr_rule_set_get_working_weekends (new_set);
  g_autoptr(GArray) added = NULL;
  g_autoptr(GArray) removed = NULL;
  g_autoptr(GArray) weekends_added = NULL;
  g_autoptr(GArray) weekends_removed = NULL;

  if (!had && !has)
    return;

  if (had && !has)
    {
      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  _("The calendar of public holidays was removed: working days are counted "
                    "Monday to Friday."));
      return;
    }

  if (!had)
    {
      g_autofree char *from = cr_date_format (cr_rule_set_get_calendar_known_from (new_set));
      g_autofree char *until = cr_date_format (cr_rule_set_get_calendar_known_until (new_set));

      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  _("Working days are now counted with a calendar of public holidays and "
                    "make-up working days, known from %s until %s."), from, until);
    }
  else
    {
      const GDate *old_from = cr_rule_set_get_calendar_known_from (old_set);
      const GDate *new_from = cr_rule_set_get_calendar_known_from (new_set);
      const GDate *old_until = cr_rule_set_get_calendar_known_until (old_set);
      const GDate *new_until = cr_rule_set_get_calendar_known_until (new_set);

      if (!dates_equal (old_from, new_from))
        {
          g_autofree char *was = cr_date_format (old_from);
          g_autofree char *now = cr_date_format (new_from);

          add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                      _("The calendar of public holidays is now known from %s (was from %s)."),
                      now, was);
        }
      if (!dates_equal (old_until, new_until))
        {
          g_autofree char *was = cr_date_format (old_until);
          g_autofree char *now = cr_date_format (new_until);

          add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                      _("The calendar of public holidays is now known until %s (was until %s)."),
                      now, was);
        }
    }

  added = days_missing_from (new_holidays, old_holidays);
  removed = days_missing_from (old_holidays, new_holidays);
  weekends_added = days_missing_from (new_weekends, old_weekends);
  weekends_removed = days_missing_from (old_weekends, new_weekends);

  if (added->len > 0)
    {
      g_autofree char *text = days_text (added);

      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u public holiday added to the calendar: %s.",
                               "%u public holidays added to the calendar: %s.", added->len),
                  added->len, text);
    }
  if (removed->len > 0)
    {
      g_autofree char *text = days_text (removed);

      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u public holiday removed from the calendar: %s.",
                               "%u public holidays removed from the calendar: %s.", removed->len),
                  removed->len, text);
    }
  if (weekends_added->len > 0)
    {
      g_autofree char *text = days_text (weekends_added);

      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u weekend day made a working day: %s.",
                               "%u weekend days made working days: %s.", weekends_added->len),
                  weekends_added->len, text);
    }
  if (weekends_removed->len > 0)
    {
      g_autofree char *text = days_text (weekends_removed);

      add_change (changes, CR_RULES_CHANGE_CALENDAR, NULL,
                  g_dngettext (GETTEXT_PACKAGE,
                               "%u weekend day is no longer a working day: %s.",
                               "%u weekend days are no longer working days: %s.",
                               weekends_removed->len),
                  weekends_removed->len, text);
    }
}

static gboolean
rule_is_active (const CrRule *rule)
{
  return rule != NULL && !rule->disabled;
}

static void
diff_rules (GPtrArray  *changes,
            CrRuleSet  *old_set,
            CrRuleSet  *new_set,
            CrLanguage  lang)
{
  for (guint i = 0; i < cr_rule_set_get_n_rules (new_set); i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (new_set, i);
      const CrRule *old = cr_rule_set_lookup_rule (old_set, rule->id);

      if (old == NULL)
        {
          g_autofree char *text = plain_text (rule->message[lang]);

          add_change (changes, CR_RULES_CHANGE_RULE_ADDED, rule->id,
                      /* Translators: rule id, severity, then the rule's message. */
                      _("New rule %s (%s): %s"), rule->id, severity_label (rule->severity), text);
          continue;
        }

      if (old->disabled != rule->disabled)
        add_change (changes,
                    rule->disabled ? CR_RULES_CHANGE_RULE_LOOSENED : CR_RULES_CHANGE_RULE_TIGHTENED,
                    rule->id,
                    rule->disabled ? _("Rule %s is switched off.")
                                   : _("Rule %s is switched on again."),
                    rule->id);

      if (old->severity != rule->severity)
        add_change (changes,
                    rule->severity > old->severity ? CR_RULES_CHANGE_RULE_TIGHTENED
                                                   : CR_RULES_CHANGE_RULE_LOOSENED,
                    rule->id,
                    rule->severity > old->severity
                    ? _("Rule %s is stricter: its findings are now of severity “%s” (was “%s”).")
                    : _("Rule %s is milder: its findings are now of severity “%s” (was “%s”)."),
                    rule->id, severity_label (rule->severity), severity_label (old->severity));

      if (old->verified != rule->verified)
        add_change (changes,
                    rule->verified ? CR_RULES_CHANGE_RULE_TIGHTENED : CR_RULES_CHANGE_RULE_LOOSENED,
                    rule->id,
                    rule->verified
                    ? _("Rule %s is now verified against the regulations, so its findings can "
                        "be errors.")
                    : _("Rule %s is no longer verified, so its findings are at most warnings."),
                    rule->id);

      if (g_strcmp0 (old->requires_slot, rule->requires_slot) != 0)
        {
          if (old->requires_slot == NULL)
            add_change (changes, CR_RULES_CHANGE_REQUIRED_SLOT, rule->id,
                        _("Rule %s now makes the %s a required material."), rule->id,
                        slot_name (new_set, rule->requires_slot, lang));
          else if (rule->requires_slot == NULL)
            add_change (changes, CR_RULES_CHANGE_REQUIRED_SLOT, rule->id,
                        _("Rule %s no longer makes the %s a required material."), rule->id,
                        slot_name (old_set, old->requires_slot, lang));
          else
            add_change (changes, CR_RULES_CHANGE_REQUIRED_SLOT, rule->id,
                        _("Rule %s now requires the %s instead of the %s."), rule->id,
                        slot_name (new_set, rule->requires_slot, lang),
                        slot_name (old_set, old->requires_slot, lang));
        }

      if (g_strcmp0 (old->message[lang], rule->message[lang]) != 0
          || g_strcmp0 (old->fix[lang], rule->fix[lang]) != 0
          || g_strcmp0 (old->basis.title, rule->basis.title) != 0
          || g_strcmp0 (old->basis.article, rule->basis.article) != 0)
        add_change (changes, CR_RULES_CHANGE_RULE_REWORDED, rule->id,
                    _("Rule %s has new wording or a new legal basis."), rule->id);
    }

  for (guint i = 0; i < cr_rule_set_get_n_rules (old_set); i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (old_set, i);

      if (cr_rule_set_lookup_rule (new_set, rule->id) == NULL)
        {
          g_autofree char *text = plain_text (rule->message[lang]);

          add_change (changes, CR_RULES_CHANGE_RULE_REMOVED, rule->id,
                      /* Translators: rule id, severity, then the rule's message. */
                      _("Rule %s (%s) was removed: %s"), rule->id,
                      severity_label (rule->severity), text);
        }
    }
}

/* The materials some active rule makes required. */
static GHashTable *
required_slots (CrRuleSet *set)
{
  GHashTable *slots = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < cr_rule_set_get_n_rules (set); i++)
    {
      const CrRule *rule = cr_rule_set_get_rule (set, i);

      if (rule_is_active (rule) && rule->requires_slot != NULL)
        g_hash_table_add (slots, rule->requires_slot);
    }
  return slots;
}

static void
diff_required (GPtrArray  *changes,
               CrRuleSet  *old_set,
               CrRuleSet  *new_set,
               CrLanguage  lang)
{
  g_autoptr(GHashTable) old_required = required_slots (old_set);
  g_autoptr(GHashTable) new_required = required_slots (new_set);

  for (guint i = 0; i < cr_rule_set_get_n_slots (new_set); i++)
    {
      const CrSlotDef *slot = cr_rule_set_get_slot (new_set, i);
      gboolean was = g_hash_table_contains (old_required, slot->id);
      gboolean now = g_hash_table_contains (new_required, slot->id);

      if (now && !was)
        add_change (changes, CR_RULES_CHANGE_REQUIRED_SLOT, slot->id,
                    _("The %s can now be a required material."), slot_name (new_set, slot->id, lang));
      else if (was && !now)
        add_change (changes, CR_RULES_CHANGE_REQUIRED_SLOT, slot->id,
                    _("The %s is no longer a required material."),
                    slot_name (new_set, slot->id, lang));
    }
}

static char *
earliest_text (const CrPeriod *period)
{
  switch (period->earliest_kind)
    {
    case CR_EARLIEST_MONTHS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "repair possible after %u month",
                                           "repair possible after %u months",
                                           period->earliest_months),
                              period->earliest_months);
    case CR_EARLIEST_NEVER:
      return g_strdup (_("never repairable"));
    case CR_EARLIEST_NOT_PUBLISHED:
      return g_strdup (_("not published, so nothing to repair"));
    default:
      g_return_val_if_reached (g_strdup (""));
    }
}

static const char *
start_text (const CrPeriod *period)
{
  return period->from_publication ? _("the publication date") : _("the decision date");
}

static const CrPeriod *
lookup_period (GPtrArray  *periods,
               const char *id)
{
  for (guint i = 0; periods != NULL && i < periods->len; i++)
    {
      const CrPeriod *period = g_ptr_array_index (periods, i);

      if (g_strcmp0 (period->id, id) == 0)
        return period;
    }
  return NULL;
}

static void
diff_periods (GPtrArray *changes,
              CrRuleSet *old_set,
              CrRuleSet *new_set)
{
  GPtrArray *old_periods = cr_rule_set_get_periods (old_set);
  GPtrArray *new_periods = cr_rule_set_get_periods (new_set);

  for (guint i = 0; new_periods != NULL && i < new_periods->len; i++)
    {
      const CrPeriod *period = g_ptr_array_index (new_periods, i);
      const CrPeriod *old = lookup_period (old_periods, period->id);
      g_autofree char *earliest = earliest_text (period);

      if (old == NULL && period->earliest_kind == CR_EARLIEST_NOT_PUBLISHED)
        {
          add_change (changes, CR_RULES_CHANGE_PERIOD_ADDED, period->id,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "New period %s: not published, or for %u month at most.",
                                   "New period %s: not published, or for %u months at most.",
                                   period->display_end_months),
                      period->id, period->display_end_months);
          continue;
        }
      if (old == NULL)
        {
          add_change (changes, CR_RULES_CHANGE_PERIOD_ADDED, period->id,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "New period %s: %s, counted from %s; published for %u month.",
                                   "New period %s: %s, counted from %s; published for %u months.",
                                   period->display_end_months),
                      period->id, earliest, start_text (period), period->display_end_months);
          continue;
        }

      if (old->earliest_kind != period->earliest_kind
          || old->earliest_months != period->earliest_months)
        {
          g_autofree char *was = earliest_text (old);

          add_change (changes, CR_RULES_CHANGE_PERIOD_CHANGED, period->id,
                      _("Period %s: %s (was: %s)."), period->id, earliest, was);
        }
      if (old->display_end_months != period->display_end_months)
        add_change (changes, CR_RULES_CHANGE_PERIOD_CHANGED, period->id,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "Period %s: published for %u month at most (was %u).",
                                 "Period %s: published for %u months at most (was %u).",
                                 period->display_end_months),
                    period->id, period->display_end_months, old->display_end_months);
      if (old->from_publication != period->from_publication)
        add_change (changes, CR_RULES_CHANGE_PERIOD_CHANGED, period->id,
                    _("Period %s: now counted from %s (was from %s)."), period->id,
                    start_text (period), start_text (old));
      if (old->when_node != NULL && period->when_node != NULL
          && !json_node_equal (old->when_node, period->when_node))
        add_change (changes, CR_RULES_CHANGE_PERIOD_CHANGED, period->id,
                    _("Period %s: now applies to different records."), period->id);
    }

  for (guint i = 0; old_periods != NULL && i < old_periods->len; i++)
    {
      const CrPeriod *period = g_ptr_array_index (old_periods, i);

      if (lookup_period (new_periods, period->id) == NULL)
        add_change (changes, CR_RULES_CHANGE_PERIOD_REMOVED, period->id,
                    _("Period %s was removed."), period->id);
    }
}

static void
diff_slots (GPtrArray  *changes,
            CrRuleSet  *old_set,
            CrRuleSet  *new_set,
            CrLanguage  lang)
{
  for (guint i = 0; i < cr_rule_set_get_n_slots (new_set); i++)
    {
      const CrSlotDef *slot = cr_rule_set_get_slot (new_set, i);

      if (cr_rule_set_lookup_slot (old_set, slot->id) == NULL)
        add_change (changes, CR_RULES_CHANGE_SLOT_ADDED, slot->id,
                    _("New kind of material: %s."), slot_name (new_set, slot->id, lang));
    }
  for (guint i = 0; i < cr_rule_set_get_n_slots (old_set); i++)
    {
      const CrSlotDef *slot = cr_rule_set_get_slot (old_set, i);

      if (cr_rule_set_lookup_slot (new_set, slot->id) == NULL)
        add_change (changes, CR_RULES_CHANGE_SLOT_REMOVED, slot->id,
                    _("Material no longer asked for: %s."), slot_name (old_set, slot->id, lang));
    }
}

/**
 * cr_rules_diff:
 *
 * Returns: (transfer full) (element-type CrRulesChange): the changes.
 */
GPtrArray *
cr_rules_diff (CrRuleSet *old_set,
               CrRuleSet *new_set)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_rules_change_free);
  CrLanguage lang = cr_language_get_default ();

  g_return_val_if_fail (CR_IS_RULE_SET (old_set), changes);
  g_return_val_if_fail (CR_IS_RULE_SET (new_set), changes);

  diff_header (changes, old_set, new_set);
  diff_calendar (changes, old_set, new_set);
  diff_rules (changes, old_set, new_set, lang);
  diff_required (changes, old_set, new_set, lang);
  diff_periods (changes, old_set, new_set);
  diff_slots (changes, old_set, new_set, lang);

  return changes;
}

/**
 * cr_rules_diff_bytes:
 *
 * Returns: (transfer full) (element-type CrRulesChange): the changes, or
 *   NULL if a document does not load.
 */
GPtrArray *
cr_rules_diff_bytes (GBytes  *old_data,
                     GBytes  *new_data,
                     GError **error)
{
  g_autoptr(CrRuleSetCollection) bases = cr_rule_set_collection_new_default ();
  g_autoptr(CrRuleSet) old_set = NULL;
  g_autoptr(CrRuleSet) new_set = NULL;

  g_return_val_if_fail (old_data != NULL && new_data != NULL, NULL);

  old_set = cr_rule_set_new_from_bytes (old_data, _("the old rule set"), CR_RULE_SET_SOURCE_FILE,
                                        bases, error);
  if (old_set == NULL)
    return NULL;
  new_set = cr_rule_set_new_from_bytes (new_data, _("the new rule set"), CR_RULE_SET_SOURCE_FILE,
                                        bases, error);
  if (new_set == NULL)
    return NULL;

  return cr_rules_diff (old_set, new_set);
}

typedef struct
{
  GBytes *old_data;
  GBytes *new_data;
} DiffData;

static void
diff_data_free (DiffData *data)
{
  g_bytes_unref (data->old_data);
  g_bytes_unref (data->new_data);
  g_free (data);
}

static void
diff_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DiffData *data = task_data;
  GError *error = NULL;
  GPtrArray *changes = cr_rules_diff_bytes (data->old_data, data->new_data, &error);

  if (changes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * cr_rules_diff_bytes_async:
 *
 * Loads both documents and compares them in a worker thread.
 */
void
cr_rules_diff_bytes_async (GBytes              *old_data,
                           GBytes              *new_data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DiffData *data;

  g_return_if_fail (old_data != NULL && new_data != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cr_rules_diff_bytes_async);
  data = g_new0 (DiffData, 1);
  data->old_data = g_bytes_ref (old_data);
  data->new_data = g_bytes_ref (new_data);
  g_task_set_task_data (task, data, (GDestroyNotify) diff_data_free);
  g_task_run_in_thread (task, diff_thread);
}

/**
 * cr_rules_diff_bytes_finish:
 *
 * Returns: (transfer full) (element-type CrRulesChange): the changes, or
 *   NULL with @error set.
 */
GPtrArray *
cr_rules_diff_bytes_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
