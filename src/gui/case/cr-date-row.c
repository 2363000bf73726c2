/* cr-date-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text is the truth: YYYY-MM-DD (also 2025/3/10 or 2025年3月10日, as
 * people copy them), checked against the calendar as it is typed. The
 * calendar button only fills the text in.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-date-row.h"
#include "cr-date.h"
#include "cr-text.h"

struct _CrDateRow
{
  AdwEntryRow  parent_instance;

  GDate        date;      /* cleared while empty or invalid */
  char        *error;     /* why the text is not a date, or NULL */

  GtkMenuButton *button;
  GtkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (CrDateRow, cr_date_row, ADW_TYPE_ENTRY_ROW)

enum {
  DATE_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_error (CrDateRow  *self,
           const char *error)
{
  g_free (self->error);
  self->error = g_strdup (error);

  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
text_changed_cb (CrDateRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  g_autoptr(GError) error = NULL;
  GDate date;

  g_date_clear (&date, 1);

  if (text[0] == '\0')
    set_error (self, NULL);
  else if (cr_date_parse (text, &date, &error) || cr_text_parse_loose_date (text, &date))
    set_error (self, NULL);
  else
    set_error (self, error->message);

  self->date = date;
  g_signal_emit (self, signals[DATE_CHANGED], 0);
}

static void
day_selected_cb (CrDateRow   *self,
                 GtkCalendar *calendar)
{
  g_autoptr(GDateTime) datetime = gtk_calendar_get_date (calendar);
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_date_time_get_day_of_month (datetime),
                  g_date_time_get_month (datetime), g_date_time_get_year (datetime));
  cr_date_row_set_date (self, &date);
  gtk_menu_button_popdown (self->button);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* The calendar opens on the date typed, or today. */
static void
popover_show_cb (CrDateRow *self)
{
  g_autoptr(GDateTime) datetime = NULL;

  if (g_date_valid (&self->date))
    datetime = g_date_time_new_local (g_date_get_year (&self->date),
                                      g_date_get_month (&self->date),
                                      g_date_get_day (&self->date), 0, 0, 0);
  else
    datetime = g_date_time_new_now_local ();

  g_signal_handlers_block_by_func (self->calendar, day_selected_cb, self);
  gtk_calendar_select_day (self->calendar, datetime);
  g_signal_handlers_unblock_by_func (self->calendar, day_selected_cb, self);
}

static void
cr_date_row_finalize (GObject *object)
{
  CrDateRow *self = CR_DATE_ROW (object);

  g_free (self->error);

  G_OBJECT_CLASS (cr_date_row_parent_class)->finalize (object);
}

static void
cr_date_row_class_init (CrDateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_date_row_finalize;

  /**
   * CrDateRow::date-changed:
   *
   * Emitted on every change of the text: the date may now be set, cleared
   * (empty text) or invalid (cr_date_row_get_error() says why).
   */
  signals[DATE_CHANGED] = g_signal_new ("date-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 0);
}

static void
cr_date_row_init (CrDateRow *self)
{
  GtkWidget *popover;

  g_date_clear (&self->date, 1);

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  g_signal_connect_swapped (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);

  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  g_signal_connect_swapped (popover, "show", G_CALLBACK (popover_show_cb), self);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose a Date"));
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Choose a Date"), -1);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), GTK_WIDGET (self->button));

  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), GTK_INPUT_PURPOSE_DIGITS);
  adw_entry_row_set_input_hints (ADW_ENTRY_ROW (self), GTK_INPUT_HINT_NO_SPELLCHECK);
  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
}

GtkWidget *
cr_date_row_new (void)
{
  return g_object_new (CR_TYPE_DATE_ROW, NULL);
}

/**
 * cr_date_row_get_date:
 *
 * Returns: (nullable): the date typed, or NULL while the text is empty or
 * not a date.
 */
const GDate *
cr_date_row_get_date (CrDateRow *self)
{
  g_return_val_if_fail (CR_IS_DATE_ROW (self), NULL);

  return g_date_valid (&self->date) ? &self->date : NULL;
}

/* Shows @date (NULL: empty) as YYYY-MM-DD. */
void
cr_date_row_set_date (CrDateRow   *self,
                      const GDate *date)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CR_IS_DATE_ROW (self));

  if (date != NULL && g_date_valid (date))
    text = cr_date_format (date);

  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
}

/* Why the text is not a date, or NULL. */
const char *
cr_date_row_get_error (CrDateRow *self)
{
  g_return_val_if_fail (CR_IS_DATE_ROW (self), NULL);

  return self->error;
}

gboolean
cr_date_row_is_empty (CrDateRow *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CR_IS_DATE_ROW (self), TRUE);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  return text[0] == '\0';
}
