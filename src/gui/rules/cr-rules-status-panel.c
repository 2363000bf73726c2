/* cr-rules-status-panel.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For every rule set in force: its title, version, where it came from
 * (bundled with the application, cached from an earlier fetch, fetched in
 * this run) and which applications it governs; when the rules were last
 * checked for updates and why the last check failed, if it did; and the
 * "Check for Updates" button. A panel for a popover, a dialog or a page.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-rules-changes-window.h"
#include "cr-rules-status-panel.h"

struct _CrRulesStatusPanel
{
  GtkWidget       parent_instance;

  CrRulesUpdater *updater;
  GPtrArray      *rows;
  gboolean        show_when_done;  /* a check started here: show what it brings */
  gboolean        up_to_date;      /* and it brought nothing */
  char           *checked_text;

  GtkListBox     *sets_list;
  GtkLabel       *checked_label;
  GtkLabel       *error_label;
  GtkButton      *check_button;
  GtkSpinner     *spinner;
  GtkButton      *changes_button;
};

G_DEFINE_FINAL_TYPE (CrRulesStatusPanel, cr_rules_status_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_UPDATER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * cr_rules_status_panel_new:
 * @updater: (nullable): the updater; %NULL for cr_rules_updater_get_default(),
 *   taken when the panel is first shown
 */
GtkWidget *
cr_rules_status_panel_new (CrRulesUpdater *updater)
{
  return g_object_new (CR_TYPE_RULES_STATUS_PANEL,
                       "updater", updater,
                       NULL);
}

static char *
format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  if (local == NULL)
    return g_strdup ("?");

  /* Translators: a date and time as strftime() writes it; keep it short */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

static char *
origin_text (const CrRulesStatusEntry *entry)
{
  g_autofree char *when = entry->fetched > 0 ? format_time (entry->fetched) : NULL;
  g_autofree char *host = NULL;

  if (entry->url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (entry->url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        host = g_strdup (g_uri_get_host (uri));
    }

  switch (entry->origin)
    {
    case CR_RULES_ORIGIN_BUNDLED:
      return g_strdup (_("bundled with the application"));

    case CR_RULES_ORIGIN_FETCHED:
      if (host != NULL)
        /* Translators: %s is a web server's name */
        return g_strdup_printf (_("fetched just now from %s"), host);
      return g_strdup (_("fetched just now"));

    case CR_RULES_ORIGIN_CACHED:
      if (host != NULL && when != NULL)
        /* Translators: a web server's name, then a date and time */
        return g_strdup_printf (_("fetched from %s on %s"), host, when);
      if (when != NULL)
        /* Translators: %s is a date and time */
        return g_strdup_printf (_("fetched on %s"), when);
      return g_strdup (_("fetched earlier"));

    default:
      g_assert_not_reached ();
    }
}

static char *
validity_text (const CrRulesStatusEntry *entry)
{
  if (entry->valid_from != NULL && entry->valid_until != NULL)
    /* Translators: the application dates a rule set governs */
    return g_strdup_printf (_("for applications from %s to %s"), entry->valid_from,
                            entry->valid_until);
  if (entry->valid_from != NULL)
    /* Translators: the first application date a rule set governs */
    return g_strdup_printf (_("for applications from %s"), entry->valid_from);
  if (entry->valid_until != NULL)
    /* Translators: the last application date a rule set governs */
    return g_strdup_printf (_("for applications until %s"), entry->valid_until);
  return NULL;
}

static gboolean
covers_today (const CrRulesStatusEntry *entry,
              const char               *today)
{
  return (entry->valid_from == NULL || strcmp (entry->valid_from, today) <= 0) &&
         (entry->valid_until == NULL || strcmp (today, entry->valid_until) <= 0);
}

static GtkWidget *
make_row (CrRulesStatusPanel       *self,
          const CrRulesStatusEntry *entry,
          gboolean                  today)
{
  GtkWidget *row = adw_action_row_new ();
  const char *title = cr_rules_updater_get_title (self->updater, entry->id);
  g_autofree char *origin = origin_text (entry);
  g_autofree char *validity = title == NULL ? validity_text (entry) : NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *icon;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title != NULL ? title : entry->id);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);

  /* Titles say which applications a rule set governs; ids do not. */
  if (validity != NULL)
    /* Translators: a rule set's version, where it came from, the dates it governs */
    subtitle = g_strdup_printf (_("Version %s, %s; %s"), entry->version, origin, validity);
  else
    /* Translators: a rule set's version and where it came from */
    subtitle = g_strdup_printf (_("Version %s, %s"), entry->version, origin);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_tooltip_text (row, entry->id);

  icon = gtk_image_new_from_icon_name (entry->origin == CR_RULES_ORIGIN_BUNDLED
                                       ? "package-x-generic-symbolic"
                                       : "folder-download-symbolic");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (today)
    {
      GtkWidget *label = gtk_label_new (_("Applies today"));

      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "success");
      gtk_widget_add_css_class (label, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  g_ptr_array_add (self->rows, g_strdup_printf ("%s\n%s%s", title != NULL ? title : entry->id,
                                                subtitle, today ? "\n*" : ""));
  return row;
}

/* The newest regime first. */
static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const CrRulesStatusEntry *ea = *(const CrRulesStatusEntry * const *) a;
  const CrRulesStatusEntry *eb = *(const CrRulesStatusEntry * const *) b;

  return -g_strcmp0 (ea->valid_from, eb->valid_from);
}

static void
update (CrRulesStatusPanel *self)
{
  const CrRulesStatus *status = self->updater != NULL ? cr_rules_updater_get_status (self->updater)
                                                      : NULL;
  gboolean checking = self->updater != NULL && cr_rules_updater_get_checking (self->updater);
  const char *error = self->updater != NULL ? cr_rules_updater_get_last_error (self->updater) : NULL;
  g_autoptr(GString) checked = g_string_new (NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sets_list))) != NULL)
    gtk_list_box_remove (self->sets_list, child);
  g_ptr_array_set_size (self->rows, 0);

  if (status != NULL)
    {
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

      for (guint i = 0; i < status->entries->len; i++)
        {
          const CrRulesStatusEntry *entry = g_ptr_array_index (status->entries, i);

          if (entry->in_force)
            g_ptr_array_add (shown, (gpointer) entry);
        }
      g_ptr_array_sort (shown, compare_entries);
      for (guint i = 0; i < shown->len; i++)
        {
          const CrRulesStatusEntry *entry = g_ptr_array_index (shown, i);

          gtk_list_box_append (self->sets_list,
                               make_row (self, entry, covers_today (entry, today)));
        }

      if (checking)
        g_string_append (checked, _("Checking for new rule sets…"));
      else if (self->up_to_date && error == NULL)
        g_string_append (checked, _("The rules are up to date."));

      if (!checking)
        {
          if (checked->len > 0)
            g_string_append_c (checked, ' ');
          if (status->last_checked > 0)
            {
              g_autofree char *when = format_time (status->last_checked);

              /* Translators: %s is a date and time */
              g_string_append_printf (checked, _("Last checked for updates on %s."), when);
            }
          else
            g_string_append (checked, _("Never checked for updates."));
        }

      if (status->source_url != NULL)
        {
          g_string_append_c (checked, '\n');
          /* Translators: %s is the address of the rule source */
          g_string_append_printf (checked, _("Source: %s"), status->source_url);
        }

      if (error == NULL && !checking && status->last_error != NULL &&
          status->last_checked > status->last_success)
        error = status->last_error;
    }
  else
    g_string_append (checked, _("Reading the rule sets…"));

  g_free (self->checked_text);
  self->checked_text = g_string_free (g_steal_pointer (&checked), FALSE);
  gtk_label_set_label (self->checked_label, self->checked_text);

  if (error != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s says why a check for new rule sets failed */
      text = g_strdup_printf (_("The last check failed, so the rules above stay in force: %s"),
                              error);
      gtk_label_set_label (self->error_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);

  gtk_spinner_set_spinning (self->spinner, checking);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), checking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "rules.check",
                                 self->updater != NULL && !checking);
  gtk_widget_set_visible (GTK_WIDGET (self->changes_button),
                          self->updater != NULL && cr_rules_updater_get_report (self->updater));
}

static void
show_changes (CrRulesStatusPanel *self)
{
  CrRulesReport *report = cr_rules_updater_get_report (self->updater);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_POPOVER);
  CrRulesChangesWindow *window;

  if (report == NULL)
    return;

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));

  window = cr_rules_changes_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, report);
  gtk_window_present (GTK_WINDOW (window));
}

static void
updater_changed_cb (CrRulesStatusPanel *self)
{
  if (self->show_when_done && !cr_rules_updater_get_checking (self->updater))
    {
      /* A check started here ended: without a report of its own, nothing
       * was new (or it failed, which the error says). */
      self->show_when_done = FALSE;
      self->up_to_date = cr_rules_updater_get_last_error (self->updater) == NULL;
    }
  update (self);
}

static void
rules_changed_cb (CrRulesUpdater     *updater,
                  CrRulesReport      *report,
                  CrRulesStatusPanel *self)
{
  self->up_to_date = FALSE;
  if (self->show_when_done)
    {
      self->show_when_done = FALSE;
      show_changes (self);
    }
  update (self);
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (widget);

  if (self->updater == NULL || cr_rules_updater_get_checking (self->updater))
    return;

  self->show_when_done = TRUE;
  self->up_to_date = FALSE;
  cr_rules_updater_check (self->updater);
  update (self);
}

static void
show_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  show_changes (CR_RULES_STATUS_PANEL (widget));
}

CrRulesUpdater *
cr_rules_status_panel_get_updater (CrRulesStatusPanel *self)
{
  g_return_val_if_fail (CR_IS_RULES_STATUS_PANEL (self), NULL);

  return self->updater;
}

/**
 * cr_rules_status_panel_set_updater:
 * @updater: (nullable): the updater to show; %NULL for the default one
 */
void
cr_rules_status_panel_set_updater (CrRulesStatusPanel *self,
                                   CrRulesUpdater     *updater)
{
  g_return_if_fail (CR_IS_RULES_STATUS_PANEL (self));
  g_return_if_fail (updater == NULL || CR_IS_RULES_UPDATER (updater));

  if (updater == NULL)
    updater = cr_rules_updater_get_default ();

  if (self->updater == updater)
    return;

  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_set_object (&self->updater, updater);

  g_signal_connect_object (updater, "notify::status-serial", G_CALLBACK (updater_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (updater, "notify::checking", G_CALLBACK (updater_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (updater, "notify::last-error", G_CALLBACK (updater_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (updater, "rules-changed", G_CALLBACK (rules_changed_cb), self, 0);

  if (cr_rules_updater_get_status (updater) == NULL)
    cr_rules_updater_refresh_status (updater);

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATER]);
}

/**
 * cr_rules_status_panel_dup_rows:
 *
 * Returns: (transfer full): the rule sets shown, "title\nsubtitle" each
 */
GStrv
cr_rules_status_panel_dup_rows (CrRulesStatusPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CR_IS_RULES_STATUS_PANEL (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->rows, i));

  return g_strv_builder_end (builder);
}

const char *
cr_rules_status_panel_get_checked_text (CrRulesStatusPanel *self)
{
  g_return_val_if_fail (CR_IS_RULES_STATUS_PANEL (self), NULL);

  return self->checked_text;
}

/* Without an updater of its own, the panel shows the application's. */
static void
cr_rules_status_panel_map (GtkWidget *widget)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (widget);

  if (self->updater == NULL)
    cr_rules_status_panel_set_updater (self, NULL);

  GTK_WIDGET_CLASS (cr_rules_status_panel_parent_class)->map (widget);
}

static void
cr_rules_status_panel_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (object);

  switch (prop_id)
    {
    case PROP_UPDATER:
      g_value_set_object (value, self->updater);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_status_panel_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (object);

  switch (prop_id)
    {
    case PROP_UPDATER:
      if (g_value_get_object (value) != NULL)
        cr_rules_status_panel_set_updater (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_rules_status_panel_dispose (GObject *object)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (object);
  GtkWidget *child;

  if (self->updater != NULL)
    g_signal_handlers_disconnect_by_data (self->updater, self);
  g_clear_object (&self->updater);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_RULES_STATUS_PANEL);

  /* The template's box is not bound, so it is unparented here. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (cr_rules_status_panel_parent_class)->dispose (object);
}

static void
cr_rules_status_panel_finalize (GObject *object)
{
  CrRulesStatusPanel *self = CR_RULES_STATUS_PANEL (object);

  g_ptr_array_unref (self->rows);
  g_free (self->checked_text);

  G_OBJECT_CLASS (cr_rules_status_panel_parent_class)->finalize (object);
}

static void
cr_rules_status_panel_class_init (CrRulesStatusPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_rules_status_panel_dispose;
  object_class->finalize = cr_rules_status_panel_finalize;
  object_class->get_property = cr_rules_status_panel_get_property;
  object_class->set_property = cr_rules_status_panel_set_property;
  widget_class->map = cr_rules_status_panel_map;

  properties[PROP_UPDATER] =
    g_param_spec_object ("updater", NULL, NULL, CR_TYPE_RULES_UPDATER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/rules/cr-rules-status-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, sets_list);
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, checked_label);
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, check_button);
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, spinner);
  gtk_widget_class_bind_template_child (widget_class, CrRulesStatusPanel, changes_button);

  gtk_widget_class_install_action (widget_class, "rules.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "rules.show-changes", NULL, show_changes_action);
}

static void
cr_rules_status_panel_init (CrRulesStatusPanel *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}
