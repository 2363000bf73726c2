/* cr-rules-changes-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After new rule sets arrive: for each, its versions and what changed in
 * plain words (the rules client's diff); then the cases of the library
 * whose verdict or dates change, which follow as soon as the re-check in
 * the background is done.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-rules-changes-window.h"

struct _CrRulesChangesWindow
{
  AdwWindow      parent_instance;

  CrRulesReport *report;
  GPtrArray     *texts;

  GtkBox        *sets_box;
  AdwPreferencesGroup *cases_group;
  GPtrArray     *case_rows;
};

G_DEFINE_FINAL_TYPE (CrRulesChangesWindow, cr_rules_changes_window, ADW_TYPE_WINDOW)

static const char *
change_icon (CrRulesChangeKind kind)
{
  switch (kind)
    {
    case CR_RULES_CHANGE_RULE_ADDED:
    case CR_RULES_CHANGE_PERIOD_ADDED:
    case CR_RULES_CHANGE_SLOT_ADDED:
      return "list-add-symbolic";

    case CR_RULES_CHANGE_RULE_REMOVED:
    case CR_RULES_CHANGE_PERIOD_REMOVED:
    case CR_RULES_CHANGE_SLOT_REMOVED:
      return "list-remove-symbolic";

    case CR_RULES_CHANGE_RULE_TIGHTENED:
      return "go-up-symbolic";

    case CR_RULES_CHANGE_RULE_LOOSENED:
      return "go-down-symbolic";

    case CR_RULES_CHANGE_VERSION:
    case CR_RULES_CHANGE_VALIDITY:
    case CR_RULES_CHANGE_RULE_REWORDED:
    case CR_RULES_CHANGE_REQUIRED_SLOT:
    case CR_RULES_CHANGE_PERIOD_CHANGED:
    case CR_RULES_CHANGE_CALENDAR:
    default:
      return "document-edit-symbolic";
    }
}

static GtkWidget *
make_text_row (const char *title,
               const char *subtitle,
               const char *icon_name)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (icon_name != NULL)
    adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));

  return row;
}

static void
add_set (CrRulesChangesWindow   *self,
         const CrRulesReportSet *set)
{
  GtkWidget *group = adw_preferences_group_new ();
  g_autofree char *title = NULL;

  if (set->old_version != NULL)
    /* Translators: a rule set's title, its old version and its new version */
    title = g_strdup_printf (_("%s: version %s replaces %s"),
                             set->title != NULL ? set->title : set->id, set->new_version,
                             set->old_version);
  else
    /* Translators: a rule set's title and its version */
    title = g_strdup_printf (_("%s: version %s, new on this computer"),
                             set->title != NULL ? set->title : set->id, set->new_version);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), set->id);

  if (set->error != NULL)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 make_text_row (_("The changes cannot be listed"), set->error,
                                                "dialog-warning-symbolic"));
      g_ptr_array_add (self->texts, g_strdup (set->error));
    }
  else if (set->changes == NULL)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 make_text_row (_("A rule set this computer did not have"),
                                                NULL, "list-add-symbolic"));
    }
  else if (set->changes->len == 0)
    {
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 make_text_row (_("Nothing changed but the version"), NULL, NULL));
    }

  for (guint i = 0; set->changes != NULL && i < set->changes->len; i++)
    {
      const CrRulesChange *change = g_ptr_array_index (set->changes, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 make_text_row (change->message, NULL, change_icon (change->kind)));
      g_ptr_array_add (self->texts, g_strdup (change->message));
    }

  gtk_box_append (self->sets_box, group);
}

static void
update_cases (CrRulesChangesWindow *self)
{
  GPtrArray *cases = cr_rules_report_get_cases (self->report);
  GPtrArray *errors = cr_rules_report_get_case_errors (self->report);

  for (guint i = 0; i < self->case_rows->len; i++)
    adw_preferences_group_remove (self->cases_group, g_ptr_array_index (self->case_rows, i));
  g_ptr_array_set_size (self->case_rows, 0);

  if (cr_rules_report_get_checking (self->report))
    {
      GtkWidget *row = make_text_row (_("Checking every case in the library again…"), NULL, NULL);
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);
      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
      return;
    }

  {
    guint n = cr_rules_report_get_n_checked (self->report);
    g_autofree char *description = NULL;

    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u case of the library was checked again under "
                                                "the new rules.",
                                                "%u cases of the library were checked again under "
                                                "the new rules.",
                                                n), n);
    adw_preferences_group_set_description (self->cases_group, description);
  }

  for (guint i = 0; i < cases->len; i++)
    {
      const CrRulesReportCase *item = g_ptr_array_index (cases, i);
      g_autoptr(GString) joined = g_string_new (NULL);
      g_autofree char *lines = NULL;
      GtkWidget *row;

      for (guint j = 0; j < item->lines->len; j++)
        {
          if (j > 0)
            g_string_append_c (joined, '\n');
          g_string_append (joined, g_ptr_array_index (item->lines, j));
        }
      lines = g_string_free (g_steal_pointer (&joined), FALSE);

      row = make_text_row (item->name, lines,
                           item->new_ready ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_tooltip_text (row, item->folder);
      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
      g_ptr_array_add (self->texts, g_strdup_printf ("%s: %s", item->name, lines));
    }

  if (cases->len == 0)
    {
      GtkWidget *row = make_text_row (_("No case changes its verdict or its dates"), NULL,
                                      "emblem-ok-symbolic");

      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
    }

  for (guint i = 0; i < errors->len; i++)
    {
      GtkWidget *row = make_text_row (_("A case could not be checked"),
                                      g_ptr_array_index (errors, i), "dialog-warning-symbolic");

      adw_preferences_group_add (self->cases_group, row);
      g_ptr_array_add (self->case_rows, row);
    }
}

static void
checking_changed_cb (CrRulesChangesWindow *self)
{
  update_cases (self);
}

/**
 * cr_rules_changes_window_new:
 * @parent: (nullable): the window it belongs to
 * @report: what the update brought
 */
CrRulesChangesWindow *
cr_rules_changes_window_new (GtkWindow     *parent,
                             CrRulesReport *report)
{
  CrRulesChangesWindow *self;
  GPtrArray *sets;
  GtkWidget *box, *header, *scroller, *clamp, *content, *intro;

  g_return_val_if_fail (CR_IS_RULES_REPORT (report), NULL);

  self = g_object_new (CR_TYPE_RULES_CHANGES_WINDOW,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       "default-width", 640,
                       "default-height", 720,
                       "title", _("What Changed in the Rules"),
                       NULL);
  self->report = g_object_ref (report);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);

  content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 24);
  gtk_widget_set_margin_bottom (content, 24);

  intro = gtk_label_new (_("New rule sets are in force: they were checked against their "
                           "signatures before use. Here is what changed, and which of your "
                           "cases it affects."));
  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_box_append (GTK_BOX (content), intro);

  self->sets_box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 24));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->sets_box));

  self->cases_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->cases_group, _("Cases Affected"));
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->cases_group));

  clamp = adw_clamp_new ();
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);

  sets = cr_rules_report_get_sets (report);
  for (guint i = 0; i < sets->len; i++)
    add_set (self, g_ptr_array_index (sets, i));

  g_signal_connect_object (report, "notify::checking", G_CALLBACK (checking_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_cases (self);

  return self;
}

CrRulesReport *
cr_rules_changes_window_get_report (CrRulesChangesWindow *self)
{
  g_return_val_if_fail (CR_IS_RULES_CHANGES_WINDOW (self), NULL);

  return self->report;
}

/**
 * cr_rules_changes_window_dup_texts:
 *
 * Returns: (transfer full): every change shown, then every case line
 */
GStrv
cr_rules_changes_window_dup_texts (CrRulesChangesWindow *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CR_IS_RULES_CHANGES_WINDOW (self), NULL);

  for (guint i = 0; i < self->texts->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->texts, i));

  return g_strv_builder_end (builder);
}

static void
cr_rules_changes_window_dispose (GObject *object)
{
  CrRulesChangesWindow *self = CR_RULES_CHANGES_WINDOW (object);

  g_clear_object (&self->report);

  G_OBJECT_CLASS (cr_rules_changes_window_parent_class)->dispose (object);
}

static void
cr_rules_changes_window_finalize (GObject *object)
{
  CrRulesChangesWindow *self = CR_RULES_CHANGES_WINDOW (object);

  g_ptr_array_unref (self->texts);
  g_ptr_array_unref (self->case_rows);

  G_OBJECT_CLASS (cr_rules_changes_window_parent_class)->finalize (object);
}

static void
cr_rules_changes_window_class_init (CrRulesChangesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_rules_changes_window_dispose;
  object_class->finalize = cr_rules_changes_window_finalize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cr_rules_changes_window_init (CrRulesChangesWindow *self)
{
  self->texts = g_ptr_array_new_with_free_func (g_free);
  self->case_rows = g_ptr_array_new ();
}
