/* cr-library-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-decision-number.h"
#include "cr-library-item.h"

struct _CrLibraryItem
{
  GObject        parent_instance;

  CrCaseStore   *store;
  CrCaseSummary *summary;       /* what the last listing read, or NULL */
  char          *folder;
  char          *name;
  char          *company_name;
  char          *uscc;
  GStrv          decision_numbers;
  char          *error;
  gboolean       has_recovery;
  CrCaseStatus   status;
  GDate          next_date;
  gboolean       next_date_approximate;

  /* casefolded company name, folder name, USCC and normalised decision
   * numbers, for the search */
  char          *search_text;
};

G_DEFINE_FINAL_TYPE (CrLibraryItem, cr_library_item, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
cr_library_item_finalize (GObject *object)
{
  CrLibraryItem *self = (CrLibraryItem *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->summary);
  g_free (self->folder);
  g_free (self->name);
  g_free (self->company_name);
  g_free (self->uscc);
  g_strfreev (self->decision_numbers);
  g_free (self->error);
  g_free (self->search_text);

  G_OBJECT_CLASS (cr_library_item_parent_class)->finalize (object);
}

static void
cr_library_item_class_init (CrLibraryItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_library_item_finalize;

  /**
   * CrLibraryItem::changed:
   *
   * Emitted when anything the list shows of the case changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_library_item_init (CrLibraryItem *self)
{
  g_date_clear (&self->next_date, 1);
}

static void
update_search_text (CrLibraryItem *self)
{
  GString *text = g_string_new (NULL);
  g_autofree char *folded = NULL;

  if (self->company_name != NULL)
    g_string_append_printf (text, "%s\n", self->company_name);
  if (self->name != NULL)
    g_string_append_printf (text, "%s\n", self->name);
  if (self->uscc != NULL)
    g_string_append_printf (text, "%s\n", self->uscc);
  for (guint i = 0; self->decision_numbers != NULL && self->decision_numbers[i] != NULL; i++)
    {
      g_autofree char *normalized = cr_decision_number_normalize (self->decision_numbers[i]);

      g_string_append_printf (text, "%s\n%s\n", self->decision_numbers[i],
                              normalized != NULL ? normalized : "");
    }

  folded = g_utf8_casefold (text->str, -1);
  g_string_free (text, TRUE);
  g_free (self->search_text);
  self->search_text = g_steal_pointer (&folded);
}

static void
take_summary (CrLibraryItem *self,
              CrCaseSummary *summary)
{
  const GError *error = cr_case_summary_get_error (summary);

  g_set_object (&self->summary, summary);
  g_free (self->name);
  self->name = g_filename_display_name (cr_case_summary_get_name (summary));
  g_free (self->company_name);
  self->company_name = g_strdup (cr_case_summary_get_company_name (summary));
  g_free (self->uscc);
  self->uscc = g_strdup (cr_case_summary_get_uscc (summary));
  g_strfreev (self->decision_numbers);
  self->decision_numbers = g_strdupv ((GStrv) cr_case_summary_get_decision_numbers (summary));
  self->has_recovery = cr_case_summary_get_has_recovery (summary);
  g_clear_pointer (&self->error, g_free);
  if (error != NULL)
    {
      self->error = g_strdup (error->message);
      self->status = CR_CASE_STATUS_UNREADABLE;
      g_date_clear (&self->next_date, 1);
    }
  else if (self->status == CR_CASE_STATUS_UNREADABLE)
    {
      self->status = CR_CASE_STATUS_DRAFT;
    }
  update_search_text (self);
}

CrLibraryItem *
cr_library_item_new (CrCaseStore   *store,
                     CrCaseSummary *summary)
{
  CrLibraryItem *self;

  g_return_val_if_fail (CR_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (summary), NULL);

  self = g_object_new (CR_TYPE_LIBRARY_ITEM, NULL);
  self->store = g_object_ref (store);
  self->folder = g_strdup (cr_case_summary_get_folder (summary));
  take_summary (self, summary);

  return self;
}

/**
 * cr_library_item_update_from_summary:
 * @summary: what a new listing read of the item's folder
 *
 * Takes what the list shows from @summary, unless it is the one the item
 * has already (the store hands out the same summary while case.json is
 * unchanged).
 *
 * Returns: whether anything changed (the status is then out of date).
 */
gboolean
cr_library_item_update_from_summary (CrLibraryItem *self,
                                     CrCaseSummary *summary)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), FALSE);
  g_return_val_if_fail (CR_IS_CASE_SUMMARY (summary), FALSE);

  if (self->summary == summary)
    return FALSE;

  take_summary (self, summary);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/* An item for a case that was just created, imported or restored. */
CrLibraryItem *
cr_library_item_new_for_case (CrCaseStore *store,
                              CrCase      *kase)
{
  CrLibraryItem *self;
  g_autofree char *base = NULL;

  g_return_val_if_fail (CR_IS_CASE_STORE (store), NULL);
  g_return_val_if_fail (CR_IS_CASE (kase), NULL);
  g_return_val_if_fail (cr_case_get_base_dir (kase) != NULL, NULL);

  self = g_object_new (CR_TYPE_LIBRARY_ITEM, NULL);
  self->store = g_object_ref (store);
  self->folder = g_strdup (cr_case_get_base_dir (kase));
  base = g_path_get_basename (self->folder);
  self->name = g_filename_display_name (base);
  cr_library_item_update_from_case (self, kase);

  return self;
}

CrCaseStore *
cr_library_item_get_store (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->store;
}

/* What the last listing read of the case, or NULL (a case the window
 * just created). */
CrCaseSummary *
cr_library_item_get_summary (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->summary;
}

/* The absolute path of the case folder. */
const char *
cr_library_item_get_folder (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->folder;
}

/* The folder's name, for display. */
const char *
cr_library_item_get_name (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->name;
}

const char *
cr_library_item_get_company_name (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->company_name;
}

/* The company name, or the folder name while the company has none. */
const char *
cr_library_item_get_title (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  if (self->company_name != NULL && self->company_name[0] != '\0')
    return self->company_name;
  return self->name;
}

const char *
cr_library_item_get_uscc (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->uscc;
}

const char * const *
cr_library_item_get_decision_numbers (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return (const char * const *) self->decision_numbers;
}

/* Why the case cannot be opened, or NULL. */
const char *
cr_library_item_get_error (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return self->error;
}

gboolean
cr_library_item_get_has_recovery (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), FALSE);

  return self->has_recovery;
}

CrCaseStatus
cr_library_item_get_status (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), CR_CASE_STATUS_DRAFT);

  return self->status;
}

/* The next date that matters (see cr_case_status_compute()); may be
 * invalid (cleared). */
const GDate *
cr_library_item_get_next_date (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  return &self->next_date;
}

/* The decision numbers, for the second line of the row. */
char *
cr_library_item_dup_details (CrLibraryItem *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) numbers = NULL;
  guint n = 0;

  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), NULL);

  for (guint i = 0; self->decision_numbers != NULL && self->decision_numbers[i] != NULL; i++)
    {
      n++;
      if (self->decision_numbers[i][0] != '\0')
        g_strv_builder_add (builder, self->decision_numbers[i]);
    }

  numbers = g_strv_builder_end (builder);
  if (numbers[0] != NULL)
    /* Translators: the separator between decision numbers in the case list */
    return g_strjoinv (_(", "), numbers);

  if (n == 0)
    return g_strdup (_("No records yet"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record without a decision number",
                                       "%u records without a decision number", n), n);
}

void
cr_library_item_set_status (CrLibraryItem *self,
                            CrCaseStatus   status,
                            const GDate   *next_date,
                            gboolean       approximate)
{
  g_return_if_fail (CR_IS_LIBRARY_ITEM (self));

  if (self->error != NULL)
    return;

  self->status = status;
  if (next_date != NULL && g_date_valid (next_date))
    self->next_date = *next_date;
  else
    g_date_clear (&self->next_date, 1);
  self->next_date_approximate = approximate;

  g_signal_emit (self, signals[CHANGED], 0);
}

/* Whether the next date is only about right (see cr_case_status_compute()). */
gboolean
cr_library_item_get_next_date_approximate (CrLibraryItem *self)
{
  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), FALSE);

  return self->next_date_approximate;
}

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Takes what the list shows from an open case (after it was saved). */
void
cr_library_item_update_from_case (CrLibraryItem *self,
                                  CrCase        *kase)
{
  guint n;

  g_return_if_fail (CR_IS_LIBRARY_ITEM (self));
  g_return_if_fail (CR_IS_CASE (kase));

  set_str (&self->company_name, cr_case_get_company_name (kase));
  set_str (&self->uscc, cr_case_get_company_uscc (kase));

  n = cr_case_get_n_records (kase);
  g_strfreev (self->decision_numbers);
  self->decision_numbers = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const char *number = cr_case_record_get_decision_number (cr_case_get_record (kase, i));
      self->decision_numbers[i] = g_strdup (number != NULL ? number : "");
    }

  g_clear_pointer (&self->error, g_free);
  if (self->status == CR_CASE_STATUS_UNREADABLE)
    self->status = CR_CASE_STATUS_DRAFT;
  self->has_recovery = FALSE;
  update_search_text (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/* After a rename or a conflict copy moved the open case. */
void
cr_library_item_set_folder (CrLibraryItem *self,
                            const char    *folder)
{
  g_autofree char *base = NULL;

  g_return_if_fail (CR_IS_LIBRARY_ITEM (self));
  g_return_if_fail (folder != NULL);

  if (!set_str (&self->folder, folder))
    return;

  base = g_path_get_basename (folder);
  g_free (self->name);
  self->name = g_filename_display_name (base);
  update_search_text (self);

  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * cr_library_item_matches:
 * @query: what the user typed
 *
 * Returns: whether the company name, folder name, USCC or a decision
 * number contains @query (ignoring case, and the bracket and digit forms of
 * decision numbers).
 */
gboolean
cr_library_item_matches (CrLibraryItem *self,
                         const char    *query)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *normalized_folded = NULL;

  g_return_val_if_fail (CR_IS_LIBRARY_ITEM (self), FALSE);

  if (query == NULL)
    return TRUE;

  stripped = g_strstrip (g_strdup (query));
  if (stripped[0] == '\0')
    return TRUE;

  folded = g_utf8_casefold (stripped, -1);
  if (strstr (self->search_text, folded) != NULL)
    return TRUE;

  normalized = cr_decision_number_normalize (stripped);
  if (normalized == NULL)
    return FALSE;
  normalized_folded = g_utf8_casefold (normalized, -1);

  return strstr (self->search_text, normalized_folded) != NULL;
}

static int
compare_text (const char *a,
              const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);

  return g_utf8_collate (a, b);
}

int
cr_library_item_compare_by_company (CrLibraryItem *a,
                                    CrLibraryItem *b)
{
  int cmp = compare_text (cr_library_item_get_title (a), cr_library_item_get_title (b));

  if (cmp != 0)
    return cmp;

  cmp = compare_text (a->name, b->name);
  return cmp != 0 ? cmp : g_strcmp0 (a->folder, b->folder);
}

/* Soonest first; cases without a date after those with one. */
int
cr_library_item_compare_by_date (CrLibraryItem *a,
                                 CrLibraryItem *b)
{
  gboolean valid_a = g_date_valid (&a->next_date);
  gboolean valid_b = g_date_valid (&b->next_date);

  if (valid_a && valid_b)
    {
      int cmp = g_date_compare (&a->next_date, &b->next_date);

      if (cmp != 0)
        return cmp;
    }
  else if (valid_a != valid_b)
    {
      return valid_a ? -1 : 1;
    }

  return cr_library_item_compare_by_company (a, b);
}
