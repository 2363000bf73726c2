/* cr-finding-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A finding as a list row: its severity (icon, word and colour), the
 * message, how to fix it, the legal basis with a link to the source, and a
 * label when the rule rests on a value the reference could not verify.
 * The row keeps copies of what it needs, so it outlives the result.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cr-check-text.h"
#include "cr-finding-row.h"

struct _CrFindingRow
{
  GtkListBoxRow  parent_instance;

  CrSeverity     severity;
  char          *rule;
  char          *message;
  char          *field;
  char          *pointer;
  char          *record;
  char          *slot;
  char          *slot_record;
  gboolean       verified;
};

G_DEFINE_FINAL_TYPE (CrFindingRow, cr_finding_row, GTK_TYPE_LIST_BOX_ROW)

static GtkWidget *
row_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static char *
basis_text (const CrBasis *basis)
{
  if (basis->title == NULL)
    return NULL;
  if (basis->article != NULL)
    /* Translators: the legal basis of a finding: the title of the
     * regulation and the article, e.g. “国家发展改革委令2025年第36号, 第十条” */
    return g_strdup_printf (_("Basis: %s, %s"), basis->title, basis->article);

  /* Translators: the legal basis of a finding: the title of the regulation */
  return g_strdup_printf (_("Basis: %s"), basis->title);
}

/* The JSON pointer the row leads to: the field, else the record. */
static char *
finding_pointer (const CrFinding *finding)
{
  if (finding->field != NULL)
    return g_strdup (finding->field);
  if (finding->record_index >= 0)
    return g_strdup_printf ("/records/%d", finding->record_index);

  return NULL;
}

/**
 * cr_finding_row_new:
 * @index: which finding of @result
 */
GtkWidget *
cr_finding_row_new (CrCheckResult *result,
                    guint          index)
{
  const CrFinding *finding;
  CrFindingRow *self;
  g_autofree char *basis = NULL;
  g_autofree char *details = NULL;
  GtkWidget *box, *texts, *icon, *line, *label;

  g_return_val_if_fail (CR_IS_CHECK_RESULT (result), NULL);
  g_return_val_if_fail (index < cr_check_result_get_n_findings (result), NULL);

  finding = cr_check_result_get_finding (result, index);
  self = g_object_new (CR_TYPE_FINDING_ROW, NULL);
  self->severity = finding->severity;
  self->rule = g_strdup (finding->rule);
  self->message = g_strdup (finding->message);
  self->field = g_strdup (finding->field);
  self->pointer = finding_pointer (finding);
  self->record = g_strdup (finding->record);
  self->slot = g_strdup (finding->slot);
  self->verified = finding->verified;
  if (finding->slot != NULL)
    {
      const CrSlotDef *def = cr_rule_set_lookup_slot (cr_check_result_get_rule_set (result),
                                                      finding->slot);

      /* One material serves a case-wide slot, whichever record asks for it. */
      if (def == NULL || !def->case_wide)
        self->slot_record = g_strdup (finding->record);
    }

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  /* Severity: icon in its colour plus the word, so colour is never alone. */
  icon = gtk_image_new_from_icon_name (cr_check_text_severity_icon_name (finding->severity));
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, cr_check_text_severity_style_class (finding->severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cr_check_text_severity_label (finding->severity), -1);
  gtk_box_append (GTK_BOX (box), icon);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  /* The severity in words (and the "unverified" tag), then the message. */
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (cr_check_text_severity_label (finding->severity));
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, cr_check_text_severity_style_class (finding->severity));
  gtk_box_append (GTK_BOX (line), label);
  if (!finding->verified)
    {
      label = gtk_label_new (_("Unverified"));
      gtk_widget_set_tooltip_text (label,
                                   _("This rule rests on a value the reference could not "
                                     "confirm in the official text: check it before relying "
                                     "on it."));
      gtk_widget_add_css_class (label, "warning");
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_box_append (GTK_BOX (line), label);
    }
  gtk_box_append (GTK_BOX (texts), line);
  gtk_box_append (GTK_BOX (texts), row_label (finding->message, NULL));

  if (finding->fix != NULL && finding->fix[0] != '\0')
    {
      g_autofree char *fix = NULL;

      /* Translators: introduces the fix hint of a finding */
      fix = g_strdup_printf (_("What to do: %s"), finding->fix);
      gtk_box_append (GTK_BOX (texts), row_label (fix, NULL));
    }

  basis = basis_text (&finding->basis);
  if (basis != NULL)
    {
      line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      label = row_label (basis, "dim-label");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (line), label);
      if (finding->basis.url != NULL && finding->basis.url[0] != '\0')
        {
          GtkWidget *link = gtk_link_button_new_with_label (finding->basis.url, _("Source"));

          gtk_widget_set_valign (link, GTK_ALIGN_START);
          gtk_widget_set_tooltip_text (link, finding->basis.url);
          gtk_box_append (GTK_BOX (line), link);
        }
      gtk_box_append (GTK_BOX (texts), line);
    }

  if (finding->slot != NULL)
    {
      g_autofree char *slot_name = cr_check_text_slot_name (result, finding->slot);

      /* Translators: %s is the name of an upload slot, e.g. “Payment proof” */
      details = g_strdup_printf (_("Material: %s · rule %s"), slot_name, finding->rule);
    }
  else
    {
      /* Translators: %s is the id of a rule, e.g. “ORD36-PAY-001” */
      details = g_strdup_printf (_("Rule %s"), finding->rule);
    }
  gtk_box_append (GTK_BOX (texts), row_label (details, "caption"));
  gtk_widget_add_css_class (gtk_widget_get_last_child (texts), "dim-label");

  if (cr_finding_row_get_navigable (self))
    {
      icon = gtk_image_new_from_icon_name ("go-next-symbolic");
      gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Go to the field or material concerned"));
    }
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), cr_finding_row_get_navigable (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  finding->message, -1);

  return GTK_WIDGET (self);
}

CrSeverity
cr_finding_row_get_severity (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), CR_SEVERITY_INFO);

  return self->severity;
}

const char *
cr_finding_row_get_rule (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->rule;
}

const char *
cr_finding_row_get_message (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->message;
}

/**
 * cr_finding_row_get_pointer:
 *
 * Returns: (nullable): the JSON pointer of the field concerned, or of the
 * record when the finding names no field.
 */
const char *
cr_finding_row_get_pointer (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->pointer;
}

/**
 * cr_finding_row_get_field:
 *
 * Returns: (nullable): the JSON pointer of the field the finding names.
 */
const char *
cr_finding_row_get_field (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->field;
}

/**
 * cr_finding_row_get_slot_record:
 *
 * Returns: (nullable): the record whose slot the finding concerns; %NULL
 * for a slot of the whole case (or no slot).
 */
const char *
cr_finding_row_get_slot_record (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->slot_record;
}

const char *
cr_finding_row_get_record (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->record;
}

const char *
cr_finding_row_get_slot (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), NULL);

  return self->slot;
}

gboolean
cr_finding_row_get_verified (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), FALSE);

  return self->verified;
}

/**
 * cr_finding_row_get_navigable:
 *
 * Returns: whether the finding leads somewhere: a field, a record or an
 * upload slot.
 */
gboolean
cr_finding_row_get_navigable (CrFindingRow *self)
{
  g_return_val_if_fail (CR_IS_FINDING_ROW (self), FALSE);

  return self->pointer != NULL || self->slot != NULL;
}

static void
cr_finding_row_finalize (GObject *object)
{
  CrFindingRow *self = CR_FINDING_ROW (object);

  g_free (self->rule);
  g_free (self->message);
  g_free (self->field);
  g_free (self->pointer);
  g_free (self->record);
  g_free (self->slot);
  g_free (self->slot_record);

  G_OBJECT_CLASS (cr_finding_row_parent_class)->finalize (object);
}

static void
cr_finding_row_class_init (CrFindingRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cr_finding_row_finalize;
}

static void
cr_finding_row_init (CrFindingRow *self)
{
}
