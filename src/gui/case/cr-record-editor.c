/* cr-record-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each edit goes to the record at once. A value that cannot be stored (an
 * amount that is not money, a date not in the calendar) is marked and
 * explained, and stored as not known: the record never keeps a value the
 * form no longer shows (such as 5000.12 on the way to a mistyped 5000.123).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-case-page.h"
#include "cr-case-types.h"
#include "cr-date-row.h"
#include "cr-date.h"
#include "cr-decision-number.h"
#include "cr-money.h"
#include "cr-record-editor.h"

/* The penalty types that carry an amount, and their rows. */
#define FINE                "fine"
#define CONFISCATED_GAINS   "confiscation_of_illegal_gains"
#define CONFISCATED_PROPERTY "confiscation_of_illegal_property"

struct _CrRecordEditor
{
  AdwPreferencesPage  parent_instance;

  CrCaseRecord       *record;
  gboolean            updating;
  GPtrArray          *penalty_checks;  /* GtkCheckButton, in cr_penalty_type_get_all() order */

  /* Template widgets */
  AdwComboRow        *kind_row;
  AdwEntryRow        *decision_number_row;
  GtkWidget          *decision_number_message_row;
  GtkLabel           *decision_number_message;
  AdwEntryRow        *authority_row;
  CrDateRow          *decision_date_row;
  GtkWidget          *decision_date_message_row;
  GtkLabel           *decision_date_message;
  CrDateRow          *publication_date_row;
  GtkWidget          *publication_date_message_row;
  GtkLabel           *publication_date_message;
  AdwComboRow        *domain_row;
  AdwExpanderRow     *penalties_row;
  AdwEntryRow        *fine_row;
  AdwEntryRow        *gains_row;
  AdwEntryRow        *property_row;
  GtkWidget          *amount_message_row;
  GtkLabel           *amount_message;
  GtkSwitch          *simple_procedure_switch;
  GtkSwitch          *rectification_ordered_switch;
  AdwComboRow        *severity_row;
  AdwExpanderRow     *severity_help_row;
  GtkLabel           *severity_help;
  AdwEntryRow        *paid_amount_row;
  GtkWidget          *paid_amount_message_row;
  GtkLabel           *paid_amount_message;
  CrDateRow          *paid_date_row;
  GtkWidget          *paid_date_message_row;
  GtkLabel           *paid_date_message;
  AdwComboRow        *rectification_completed_row;
  GtkButton          *remove_button;
};

G_DEFINE_FINAL_TYPE (CrRecordEditor, cr_record_editor, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_RECORD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Messages under a row */

static void
show_message (GtkWidget  *row,
              GtkLabel   *label,
              const char *text,
              CrSeverity  severity)
{
  GtkWidget *widget = GTK_WIDGET (label);

  gtk_widget_remove_css_class (widget, "error");
  gtk_widget_remove_css_class (widget, "warning");
  gtk_widget_remove_css_class (widget, "dim-label");

  if (text == NULL)
    {
      gtk_widget_set_visible (row, FALSE);
      return;
    }

  switch (severity)
    {
    case CR_SEVERITY_ERROR:
      gtk_widget_add_css_class (widget, "error");
      break;
    case CR_SEVERITY_WARNING:
      gtk_widget_add_css_class (widget, "warning");
      break;
    case CR_SEVERITY_INFO:
    default:
      gtk_widget_add_css_class (widget, "dim-label");
      break;
    }

  gtk_label_set_label (label, text);
  gtk_widget_set_visible (row, TRUE);
}

static void
set_row_invalid (GtkWidget *row,
                 gboolean   invalid)
{
  if (invalid)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/* Feedback */

static void
update_decision_number_feedback (CrRecordEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->decision_number_row));
  const GDate *date = cr_date_row_get_date (self->decision_date_row);
  g_autoptr(GPtrArray) problems = cr_problem_list_new ();
  g_autoptr(CrDecisionNumber) number = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  const CrProblem *worst = NULL;

  if (stripped[0] == '\0')
    {
      set_row_invalid (GTK_WIDGET (self->decision_number_row), FALSE);
      show_message (self->decision_number_message_row, self->decision_number_message,
                    _("As written on the decision, e.g. 锡惠市监处罚〔2025〕123号"),
                    CR_SEVERITY_INFO);
      return;
    }

  number = cr_decision_number_parse (stripped, date != NULL ? g_date_get_year (date) : 0, NULL,
                                     problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (worst == NULL || problem->severity > worst->severity)
        worst = problem;
    }

  set_row_invalid (GTK_WIDGET (self->decision_number_row),
                   worst != NULL && worst->severity == CR_SEVERITY_ERROR);

  if (worst != NULL)
    {
      show_message (self->decision_number_message_row, self->decision_number_message,
                    worst->message, worst->severity);
    }
  else if (number != NULL)
    {
      g_autofree char *message = NULL;

      /* Translators: what the decision number was understood as: the
       * issuing organ's abbreviation, the year and the sequence number */
      message = g_strdup_printf (_("Read as: organ %s, year %d, number %s"),
                                 number->organ, number->year, number->sequence);
      show_message (self->decision_number_message_row, self->decision_number_message,
                    message, CR_SEVERITY_INFO);
    }
  else
    {
      show_message (self->decision_number_message_row, self->decision_number_message, NULL, 0);
    }
}

static gboolean
is_after_today (const GDate *date)
{
  GDate today;

  cr_date_set_today (&today);
  return g_date_compare (date, &today) > 0;
}

static void
update_date_feedback (CrRecordEditor *self)
{
  const GDate *decision = cr_date_row_get_date (self->decision_date_row);
  const GDate *publication = cr_date_row_get_date (self->publication_date_row);
  const GDate *paid = cr_date_row_get_date (self->paid_date_row);
  const char *error;

  error = cr_date_row_get_error (self->decision_date_row);
  if (error != NULL)
    show_message (self->decision_date_message_row, self->decision_date_message, error,
                  CR_SEVERITY_ERROR);
  else if (decision != NULL && is_after_today (decision))
    show_message (self->decision_date_message_row, self->decision_date_message,
                  _("The decision date is in the future"), CR_SEVERITY_ERROR);
  else
    show_message (self->decision_date_message_row, self->decision_date_message, NULL, 0);

  error = cr_date_row_get_error (self->publication_date_row);
  if (error != NULL)
    show_message (self->publication_date_message_row, self->publication_date_message, error,
                  CR_SEVERITY_ERROR);
  else if (publication != NULL && decision != NULL && g_date_compare (publication, decision) < 0)
    show_message (self->publication_date_message_row, self->publication_date_message,
                  _("The record was published before the decision date"), CR_SEVERITY_WARNING);
  else if (cr_date_row_is_empty (self->publication_date_row))
    show_message (self->publication_date_message_row, self->publication_date_message,
                  _("Leave empty if you do not know it; the record page on Credit China shows it"),
                  CR_SEVERITY_INFO);
  else
    show_message (self->publication_date_message_row, self->publication_date_message, NULL, 0);

  error = cr_date_row_get_error (self->paid_date_row);
  if (error != NULL)
    show_message (self->paid_date_message_row, self->paid_date_message, error,
                  CR_SEVERITY_ERROR);
  else if (paid != NULL && is_after_today (paid))
    show_message (self->paid_date_message_row, self->paid_date_message,
                  _("The payment date is in the future"), CR_SEVERITY_ERROR);
  else if (paid != NULL && decision != NULL && g_date_compare (paid, decision) < 0)
    show_message (self->paid_date_message_row, self->paid_date_message,
                  _("The payment date is before the decision date"), CR_SEVERITY_WARNING);
  else
    show_message (self->paid_date_message_row, self->paid_date_message, NULL, 0);
}

/* Penalties */

static AdwEntryRow *
amount_row_for_type (CrRecordEditor *self,
                     const char     *type)
{
  if (g_str_equal (type, FINE))
    return self->fine_row;
  if (g_str_equal (type, CONFISCATED_GAINS))
    return self->gains_row;
  if (g_str_equal (type, CONFISCATED_PROPERTY))
    return self->property_row;
  return NULL;
}

static const char *
type_for_amount_row (CrRecordEditor *self,
                     AdwEntryRow    *row)
{
  if (row == self->fine_row)
    return FINE;
  if (row == self->gains_row)
    return CONFISCATED_GAINS;
  if (row == self->property_row)
    return CONFISCATED_PROPERTY;
  g_return_val_if_reached (NULL);
}

static int
find_penalty (CrCaseRecord *record,
              const char   *type)
{
  for (guint i = 0; i < cr_case_record_get_n_penalties (record); i++)
    {
      if (g_str_equal (cr_penalty_get_penalty_type (cr_case_record_get_penalty (record, i)), type))
        return (int) i;
    }

  return -1;
}

/* Parses an amount row: TRUE with @fen (-1 when empty), or FALSE with @error. */
static gboolean
parse_amount (AdwEntryRow  *row,
              gint64       *fen,
              GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (text[0] == '\0')
    {
      *fen = -1;
      return TRUE;
    }

  return cr_money_parse (text, fen, error);
}

static void
update_amount_feedback (CrRecordEditor *self)
{
  AdwEntryRow *rows[] = { self->fine_row, self->gains_row, self->property_row };
  g_autofree char *message = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen;
      gboolean ok = !gtk_widget_get_visible (GTK_WIDGET (rows[i])) ||
                    parse_amount (rows[i], &fen, &error);

      set_row_invalid (GTK_WIDGET (rows[i]), !ok);
      if (!ok && message == NULL)
        message = g_strdup (error->message);
    }

  show_message (self->amount_message_row, self->amount_message, message, CR_SEVERITY_ERROR);
}

static void
update_penalties_summary (CrRecordEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;
  g_autofree char *subtitle = NULL;
  const char * const *types = cr_penalty_type_get_all ();

  for (guint i = 0; types[i] != NULL; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->penalty_checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, cr_penalty_type_get_label (types[i]));
    }

  labels = g_strv_builder_end (builder);
  /* Translators: the separator between penalty types in a list */
  subtitle = labels[0] != NULL ? g_strjoinv (_(", "), labels) : g_strdup (_("None chosen yet"));
  adw_expander_row_set_subtitle (self->penalties_row, subtitle);

  for (guint i = 0; types[i] != NULL; i++)
    {
      AdwEntryRow *row = amount_row_for_type (self, types[i]);

      if (row != NULL)
        gtk_widget_set_visible (GTK_WIDGET (row),
                                gtk_check_button_get_active (g_ptr_array_index (self->penalty_checks,
                                                                                i)));
    }

  update_amount_feedback (self);
}

static void
penalty_toggled_cb (GtkCheckButton *check,
                    CrRecordEditor *self)
{
  const char *type = g_object_get_data (G_OBJECT (check), "penalty-type");
  int position;

  update_penalties_summary (self);

  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  position = find_penalty (self->record, type);
  if (gtk_check_button_get_active (check) && position < 0)
    {
      AdwEntryRow *row = amount_row_for_type (self, type);
      gint64 fen = -1;

      if (row != NULL && !parse_amount (row, &fen, NULL))
        fen = -1;
      cr_case_record_add_penalty (self->record, type, fen);
    }
  else if (!gtk_check_button_get_active (check) && position >= 0)
    {
      cr_case_record_remove_penalty (self->record, position);
    }
  self->updating = FALSE;
}

static void
amount_changed_cb (CrRecordEditor *self,
                   AdwEntryRow    *row)
{
  const char *type = type_for_amount_row (self, row);
  gint64 fen;
  int position;

  update_amount_feedback (self);

  if (self->updating || self->record == NULL)
    return;

  if (!parse_amount (row, &fen, NULL))
    fen = -1;

  position = find_penalty (self->record, type);
  if (position < 0)
    return;

  self->updating = TRUE;
  cr_case_record_set_penalty (self->record, position, type, fen);
  self->updating = FALSE;
}

/* Rows → record */

static char *
row_text (GtkEditable *row)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (row)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
kind_changed_cb (CrRecordEditor *self)
{
  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  cr_case_record_set_kind (self->record, (CrRecordKind) adw_combo_row_get_selected (self->kind_row));
  self->updating = FALSE;
}

static void
decision_number_changed_cb (CrRecordEditor *self,
                            GtkEditable    *row)
{
  g_autofree char *text = NULL;

  update_decision_number_feedback (self);

  if (self->updating || self->record == NULL)
    return;

  text = row_text (row);
  self->updating = TRUE;
  cr_case_record_set_decision_number (self->record, text);
  self->updating = FALSE;
}

static void
authority_changed_cb (CrRecordEditor *self,
                      GtkEditable    *row)
{
  g_autofree char *text = NULL;

  if (self->updating || self->record == NULL)
    return;

  text = row_text (row);
  self->updating = TRUE;
  cr_case_record_set_authority (self->record, text);
  self->updating = FALSE;
}

/* The date to store: the one typed, or NULL (empty, or not a date). */
static gboolean
date_to_store (CrDateRow    *row,
               const GDate **date)
{
  *date = cr_date_row_get_date (row);

  return TRUE;
}

static void
decision_date_changed_cb (CrRecordEditor *self,
                          CrDateRow      *row)
{
  const GDate *date;

  update_date_feedback (self);
  update_decision_number_feedback (self);

  if (self->updating || self->record == NULL || !date_to_store (row, &date))
    return;

  self->updating = TRUE;
  cr_case_record_set_decision_date (self->record, date);
  self->updating = FALSE;
}

static void
publication_date_changed_cb (CrRecordEditor *self,
                             CrDateRow      *row)
{
  const GDate *date;

  update_date_feedback (self);

  if (self->updating || self->record == NULL || !date_to_store (row, &date))
    return;

  self->updating = TRUE;
  cr_case_record_set_publication_date (self->record, date);
  self->updating = FALSE;
}

static void
paid_date_changed_cb (CrRecordEditor *self,
                      CrDateRow      *row)
{
  const GDate *date;

  update_date_feedback (self);

  if (self->updating || self->record == NULL || !date_to_store (row, &date))
    return;

  self->updating = TRUE;
  cr_case_record_set_fine_paid_date (self->record, date);
  self->updating = FALSE;
}

static void
domain_changed_cb (CrRecordEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->domain_row);

  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  /* Position 0 is "not chosen yet". */
  cr_case_record_set_domain (self->record,
                             selected == 0 || selected == GTK_INVALID_LIST_POSITION
                               ? NULL
                               : cr_domain_get_all ()[selected - 1]);
  self->updating = FALSE;
}

static void
severity_changed_cb (CrRecordEditor *self)
{
  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  cr_case_record_set_severity (self->record,
                               (CrSeverityClass) adw_combo_row_get_selected (self->severity_row));
  self->updating = FALSE;
}

static void
simple_procedure_changed_cb (CrRecordEditor *self)
{
  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  cr_case_record_set_simple_procedure (self->record,
                                       gtk_switch_get_active (self->simple_procedure_switch));
  self->updating = FALSE;
}

static void
rectification_ordered_changed_cb (CrRecordEditor *self)
{
  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  cr_case_record_set_rectification_ordered (self->record,
                                            gtk_switch_get_active (self->rectification_ordered_switch));
  self->updating = FALSE;
}

static void
paid_amount_changed_cb (CrRecordEditor *self,
                        AdwEntryRow    *row)
{
  g_autoptr(GError) error = NULL;
  gint64 fen;
  gboolean ok = parse_amount (row, &fen, &error);

  set_row_invalid (GTK_WIDGET (row), !ok);
  show_message (self->paid_amount_message_row, self->paid_amount_message,
                ok ? NULL : error->message, CR_SEVERITY_ERROR);

  if (self->updating || self->record == NULL)
    return;

  if (!ok)
    fen = -1;

  self->updating = TRUE;
  cr_case_record_set_fine_paid_amount (self->record, fen);
  self->updating = FALSE;
}

/* The combo row's positions follow CrTristate: not stated, no, yes. */
static void
rectification_completed_changed_cb (CrRecordEditor *self)
{
  if (self->updating || self->record == NULL)
    return;

  self->updating = TRUE;
  cr_case_record_set_rectification_completed (
    self->record, (CrTristate) adw_combo_row_get_selected (self->rectification_completed_row));
  self->updating = FALSE;
}

/* Record → rows */

static void
set_row_text (GtkEditable *row,
              const char  *text)
{
  if (text == NULL)
    text = "";

  if (!g_str_equal (gtk_editable_get_text (row), text))
    gtk_editable_set_text (row, text);
}

static void
set_date_row (CrDateRow   *row,
              const GDate *date)
{
  const GDate *shown = cr_date_row_get_date (row);

  /* Keep what is typed when it means the same date (2025/3/10 …), or
   * when it is a mistake the record stores as not known. */
  if (shown != NULL && date != NULL && g_date_compare (shown, date) == 0)
    return;
  if (date == NULL && cr_date_row_get_error (row) != NULL)
    return;

  cr_date_row_set_date (row, date);
}

static void
set_amount_row (AdwEntryRow *row,
                gint64       fen)
{
  g_autofree char *text = fen >= 0 ? cr_money_format (fen) : NULL;
  gint64 shown;

  if (parse_amount (row, &shown, NULL) ? shown == fen : fen < 0)
    return;

  set_row_text (GTK_EDITABLE (row), text);
}

static void
fill_rows (CrRecordEditor *self)
{
  CrCaseRecord *record = self->record;
  const char * const *types = cr_penalty_type_get_all ();
  const char * const *domains = cr_domain_get_all ();
  guint domain_position = 0;

  if (record == NULL)
    return;

  self->updating = TRUE;

  adw_combo_row_set_selected (self->kind_row, cr_case_record_get_kind (record));
  set_row_text (GTK_EDITABLE (self->decision_number_row),
                cr_case_record_get_decision_number (record));
  set_row_text (GTK_EDITABLE (self->authority_row), cr_case_record_get_authority (record));
  set_date_row (self->decision_date_row, cr_case_record_get_decision_date (record));
  set_date_row (self->publication_date_row, cr_case_record_get_publication_date (record));

  for (guint i = 0; domains[i] != NULL; i++)
    {
      if (g_strcmp0 (domains[i], cr_case_record_get_domain (record)) == 0)
        domain_position = i + 1;
    }
  adw_combo_row_set_selected (self->domain_row, domain_position);

  for (guint i = 0; types[i] != NULL; i++)
    {
      int position = find_penalty (record, types[i]);
      AdwEntryRow *row = amount_row_for_type (self, types[i]);

      gtk_check_button_set_active (g_ptr_array_index (self->penalty_checks, i), position >= 0);
      if (row != NULL && position >= 0)
        set_amount_row (row, cr_penalty_get_amount (cr_case_record_get_penalty (record, position)));
      else if (row != NULL)
        set_row_text (GTK_EDITABLE (row), NULL);
    }

  gtk_switch_set_active (self->simple_procedure_switch,
                         cr_case_record_get_simple_procedure (record));
  gtk_switch_set_active (self->rectification_ordered_switch,
                         cr_case_record_get_rectification_ordered (record));
  adw_combo_row_set_selected (self->severity_row, cr_case_record_get_severity (record));
  set_amount_row (self->paid_amount_row, cr_case_record_get_fine_paid_amount (record));
  set_date_row (self->paid_date_row, cr_case_record_get_fine_paid_date (record));
  adw_combo_row_set_selected (self->rectification_completed_row,
                              cr_case_record_get_rectification_completed (record));

  self->updating = FALSE;

  update_penalties_summary (self);
  update_decision_number_feedback (self);
  update_date_feedback (self);
}

static void
record_changed_cb (CrRecordEditor *self)
{
  if (!self->updating)
    fill_rows (self);
}

/* GObject */

static void
cr_record_editor_dispose (GObject *object)
{
  CrRecordEditor *self = CR_RECORD_EDITOR (object);

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_func (self->record, record_changed_cb, self);
  g_clear_object (&self->record);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_RECORD_EDITOR);

  G_OBJECT_CLASS (cr_record_editor_parent_class)->dispose (object);
}

static void
cr_record_editor_finalize (GObject *object)
{
  CrRecordEditor *self = CR_RECORD_EDITOR (object);

  g_ptr_array_unref (self->penalty_checks);

  G_OBJECT_CLASS (cr_record_editor_parent_class)->finalize (object);
}

static void
cr_record_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrRecordEditor *self = CR_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_record_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrRecordEditor *self = CR_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      cr_record_editor_set_record (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_record_editor_class_init (CrRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_record_editor_dispose;
  object_class->finalize = cr_record_editor_finalize;
  object_class->get_property = cr_record_editor_get_property;
  object_class->set_property = cr_record_editor_set_property;

  properties[PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL, CR_TYPE_CASE_RECORD,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CR_TYPE_DATE_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/case/cr-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_number_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_number_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_number_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, authority_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_date_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_date_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, decision_date_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, publication_date_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, publication_date_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, publication_date_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, domain_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, penalties_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, fine_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, gains_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, property_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, amount_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, amount_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, simple_procedure_switch);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, rectification_ordered_switch);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, severity_help_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, severity_help);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_amount_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_amount_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_amount_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_date_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_date_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, paid_date_message);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, rectification_completed_row);
  gtk_widget_class_bind_template_child (widget_class, CrRecordEditor, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, authority_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, decision_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, publication_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, domain_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, simple_procedure_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rectification_ordered_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, severity_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, paid_amount_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, paid_date_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rectification_completed_changed_cb);
}

static GListModel *
string_model (const char * const *strings)
{
  return G_LIST_MODEL (gtk_string_list_new (strings));
}

static void
cr_record_editor_init (CrRecordEditor *self)
{
  const char * const *types = cr_penalty_type_get_all ();
  const char * const *domains = cr_domain_get_all ();
  g_autoptr(GtkStringList) domain_labels = NULL;
  g_autoptr(GListModel) kinds = NULL;
  g_autoptr(GListModel) severities = NULL;
  g_autoptr(GListModel) tristates = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;

  /* The positions of these models are the enumerations' values. */
  kinds = string_model ((const char *[]) {
    cr_record_kind_get_label (CR_RECORD_KIND_ADMINISTRATIVE_PENALTY),
    cr_record_kind_get_label (CR_RECORD_KIND_SERIOUS_DISHONESTY_LIST),
    cr_record_kind_get_label (CR_RECORD_KIND_OTHER),
    NULL });
  adw_combo_row_set_model (self->kind_row, kinds);

  severities = string_model ((const char *[]) {
    cr_severity_class_get_label (CR_SEVERITY_CLASS_UNKNOWN),
    /* Translators: the severity classes with the terms the regulations use */
    _("Minor (轻微)"),
    _("General (一般)"),
    _("Serious (严重)"),
    _("Specific serious (特定严重)"),
    NULL });
  adw_combo_row_set_model (self->severity_row, severities);

  tristates = string_model ((const char *[]) {
    C_("rectification completed", "Not stated"),
    C_("rectification completed", "No"),
    C_("rectification completed", "Yes"),
    NULL });
  adw_combo_row_set_model (self->rectification_completed_row, tristates);

  domain_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (domain_labels, C_("domain", "Not chosen yet"));
  for (guint i = 0; domains[i] != NULL; i++)
    gtk_string_list_append (domain_labels, cr_domain_get_label (domains[i]));
  adw_combo_row_set_model (self->domain_row, G_LIST_MODEL (domain_labels));

  /* One check button per penalty type, in the law's order. */
  self->penalty_checks = g_ptr_array_new ();
  for (guint i = 0; types[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cr_penalty_type_get_label (types[i]));
      g_object_set_data (G_OBJECT (check), "penalty-type", (gpointer) types[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cr_penalty_type_get_label (types[i]), -1);
      g_signal_connect (check, "toggled", G_CALLBACK (penalty_toggled_cb), self);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (self->penalties_row, row);
      g_ptr_array_add (self->penalty_checks, check);
    }

  gtk_label_set_markup (self->severity_help,
    _("<b>轻微 Minor</b>: penalties by simple procedure, warnings and 通报批评. Under the "
      "rules in force since 1 April 2026 such records may not be published at all, or can be "
      "repaired as soon as the obligations are fulfilled.\n\n"
      "<b>一般 General</b>: most other penalties, such as larger fines or confiscations. "
      "Published for at least three months before repair.\n\n"
      "<b>严重 Serious</b>: what a law or the deciding authority calls 情节严重, very large "
      "fines, revoked licences, bans from a trade. Published for longer (six months to a year "
      "at least, depending on the rules in force).\n\n"
      "<b>特定严重 Specific serious</b> (rules before May 2023 only): suspension of production "
      "or business, or revoked licences, in food, drugs, the environment, construction, work "
      "safety and similar fields. Not repairable.\n\n"
      "<b>Where to find it</b>: the record’s details on Credit China (信用中国, search the "
      "company, tab 行政处罚) or the penalty decision (行政处罚决定书) usually state the class; "
      "otherwise ask the deciding authority. Leave it as “Not known yet” until you know: the "
      "checker then suggests a class from the penalties."));

  self->updating = FALSE;

  update_penalties_summary (self);
  update_decision_number_feedback (self);
  update_date_feedback (self);
}

GtkWidget *
cr_record_editor_new (void)
{
  return g_object_new (CR_TYPE_RECORD_EDITOR, NULL);
}

/**
 * cr_record_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the record edited.
 */
CrCaseRecord *
cr_record_editor_get_record (CrRecordEditor *self)
{
  g_return_val_if_fail (CR_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

void
cr_record_editor_set_record (CrRecordEditor *self,
                             CrCaseRecord   *record)
{
  g_return_if_fail (CR_IS_RECORD_EDITOR (self));
  g_return_if_fail (record == NULL || CR_IS_CASE_RECORD (record));

  if (self->record == record)
    return;

  if (self->record != NULL)
    g_signal_handlers_disconnect_by_func (self->record, record_changed_cb, self);
  g_set_object (&self->record, record);
  if (record != NULL)
    {
      g_signal_connect_object (record, "changed", G_CALLBACK (record_changed_cb), self,
                               G_CONNECT_SWAPPED);
      fill_rows (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECORD]);
}

/**
 * cr_record_editor_focus_field:
 * @field: a JSON pointer relative to the record: "" or "/decision_date",
 *   "/penalties/0/amount", "/performance/fine_paid_date" …
 *
 * Returns: whether the field is in the editor (it then has the focus).
 */
gboolean
cr_record_editor_focus_field (CrRecordEditor *self,
                              const char     *field)
{
  static const struct
  {
    const char *pointer;
    gsize       offset;
  } targets[] = {
    { "/kind", G_STRUCT_OFFSET (CrRecordEditor, kind_row) },
    { "/id", G_STRUCT_OFFSET (CrRecordEditor, decision_number_row) },
    { "/decision_number", G_STRUCT_OFFSET (CrRecordEditor, decision_number_row) },
    { "/authority", G_STRUCT_OFFSET (CrRecordEditor, authority_row) },
    { "/decision_date", G_STRUCT_OFFSET (CrRecordEditor, decision_date_row) },
    { "/publication_date", G_STRUCT_OFFSET (CrRecordEditor, publication_date_row) },
    { "/domain", G_STRUCT_OFFSET (CrRecordEditor, domain_row) },
    { "/severity", G_STRUCT_OFFSET (CrRecordEditor, severity_row) },
    { "/simple_procedure", G_STRUCT_OFFSET (CrRecordEditor, simple_procedure_switch) },
    { "/rectification_ordered", G_STRUCT_OFFSET (CrRecordEditor, rectification_ordered_switch) },
    { "/performance/fine_paid_amount", G_STRUCT_OFFSET (CrRecordEditor, paid_amount_row) },
    { "/performance/fine_paid_date", G_STRUCT_OFFSET (CrRecordEditor, paid_date_row) },
    { "/performance/rectification_completed",
      G_STRUCT_OFFSET (CrRecordEditor, rectification_completed_row) },
    { "/performance", G_STRUCT_OFFSET (CrRecordEditor, paid_amount_row) },
  };
  GtkWidget *target = NULL;

  g_return_val_if_fail (CR_IS_RECORD_EDITOR (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (field[0] == '\0')
    target = GTK_WIDGET (self->decision_number_row);

  for (guint i = 0; i < G_N_ELEMENTS (targets) && target == NULL; i++)
    {
      gsize length = strlen (targets[i].pointer);

      if (g_str_has_prefix (field, targets[i].pointer) &&
          (field[length] == '\0' || field[length] == '/'))
        target = G_STRUCT_MEMBER (GtkWidget *, self, targets[i].offset);
    }

  if (target == NULL && g_str_has_prefix (field, "/penalties"))
    {
      const char *rest = field + strlen ("/penalties");
      g_auto(GStrv) parts = g_strsplit (rest[0] == '/' ? rest + 1 : "", "/", 2);
      guint64 index = 0;

      target = GTK_WIDGET (self->penalties_row);
      adw_expander_row_set_expanded (self->penalties_row, TRUE);

      /* "/penalties/N/amount": the amount row of that penalty, if it has one. */
      if (parts[0] != NULL && parts[1] != NULL && g_str_equal (parts[1], "amount") &&
          self->record != NULL &&
          g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT, &index, NULL) &&
          index < cr_case_record_get_n_penalties (self->record))
        {
          const CrPenalty *penalty = cr_case_record_get_penalty (self->record, index);
          AdwEntryRow *row = amount_row_for_type (self, cr_penalty_get_penalty_type (penalty));

          if (row != NULL)
            target = GTK_WIDGET (row);
        }
    }

  if (target == NULL)
    return FALSE;

  cr_case_page_focus_widget (target);
  return TRUE;
}
