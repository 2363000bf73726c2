/* cr-company-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every keystroke goes to the case model at once (so the checks and the
 * autosave follow); the model's notifications come back to the rows only
 * when the case changed from elsewhere (a paste filled the company in, a
 * reload), so the cursor never jumps while typing.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cr-case-page.h"
#include "cr-company-page.h"
#include "cr-uscc.h"

struct _CrCompanyPage
{
  AdwPreferencesPage    parent_instance;

  CrCase               *kase;
  gboolean              updating;  /* rows are being filled from the model */

  /* Template widgets */
  AdwPreferencesGroup  *company_group;
  AdwEntryRow          *name_row;
  AdwEntryRow          *uscc_row;
  GtkImage             *uscc_icon;
  GtkWidget            *uscc_message_row;
  GtkLabel             *uscc_message;
  AdwEntryRow          *legal_representative_row;
  AdwEntryRow          *address_row;
  AdwEntryRow          *company_phone_row;
  AdwPreferencesGroup  *applicant_group;
  AdwComboRow          *role_row;
  AdwEntryRow          *applicant_name_row;
  AdwEntryRow          *id_number_row;
  AdwEntryRow          *applicant_phone_row;
  AdwEntryRow          *email_row;
};

static void cr_company_page_case_page_init (CrCasePageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrCompanyPage, cr_company_page, ADW_TYPE_PREFERENCES_PAGE,
                               G_IMPLEMENT_INTERFACE (CR_TYPE_CASE_PAGE,
                                                      cr_company_page_case_page_init))

enum {
  PROP_0,
  PROP_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The text fields: the row, the case property and the JSON pointer. */
typedef struct
{
  gsize       row_offset;
  const char *property;
  const char *pointer;
} Field;

static const Field fields[] = {
  { G_STRUCT_OFFSET (CrCompanyPage, name_row), "company-name", "/company/name" },
  { G_STRUCT_OFFSET (CrCompanyPage, uscc_row), "company-uscc", "/company/uscc" },
  { G_STRUCT_OFFSET (CrCompanyPage, legal_representative_row), "company-legal-representative",
    "/company/legal_representative" },
  { G_STRUCT_OFFSET (CrCompanyPage, address_row), "company-address", "/company/address" },
  { G_STRUCT_OFFSET (CrCompanyPage, company_phone_row), "company-phone", "/company/phone" },
  { G_STRUCT_OFFSET (CrCompanyPage, applicant_name_row), "applicant-name", "/applicant/name" },
  { G_STRUCT_OFFSET (CrCompanyPage, id_number_row), "applicant-id-number",
    "/applicant/id_number" },
  { G_STRUCT_OFFSET (CrCompanyPage, applicant_phone_row), "applicant-phone", "/applicant/phone" },
  { G_STRUCT_OFFSET (CrCompanyPage, email_row), "applicant-email", "/applicant/email" },
};

static GtkEditable *
field_row (CrCompanyPage *self,
           const Field   *field)
{
  return G_STRUCT_MEMBER (GtkEditable *, self, field->row_offset);
}

/* USCC feedback, on every change */

static void
update_uscc_feedback (CrCompanyPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->uscc_row));
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  if (stripped[0] == '\0')
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->uscc_row), "error");
      gtk_widget_set_visible (GTK_WIDGET (self->uscc_icon), FALSE);
      gtk_widget_set_visible (self->uscc_message_row, FALSE);
      return;
    }

  normalized = cr_uscc_normalize_and_validate (text, &error);
  gtk_widget_set_visible (GTK_WIDGET (self->uscc_icon), TRUE);
  if (normalized == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->uscc_row), "error");
      gtk_image_set_from_icon_name (self->uscc_icon, "dialog-error-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->uscc_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->uscc_icon), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->uscc_icon), error->message);
      gtk_label_set_label (self->uscc_message, error->message);
      gtk_widget_set_visible (self->uscc_message_row, TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->uscc_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->uscc_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->uscc_row), "error");
      gtk_image_set_from_icon_name (self->uscc_icon, "emblem-ok-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->uscc_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->uscc_icon), "success");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->uscc_icon),
                                   _("The check characters are correct"));
      gtk_widget_set_visible (self->uscc_message_row, FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->uscc_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->uscc_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
update_applicant_description (CrCompanyPage *self)
{
  CrApplicantRole role = adw_combo_row_get_selected (self->role_row) == 1
                           ? CR_APPLICANT_ROLE_AGENT
                           : CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE;

  if (role == CR_APPLICANT_ROLE_AGENT)
    adw_preferences_group_set_description (
      self->applicant_group,
      _("An agent applies with a letter of authorisation (授权委托书) signed by the legal "
        "representative and sealed by the company."));
  else
    adw_preferences_group_set_description (
      self->applicant_group,
      _("The legal representative applies with a certificate of legal representative "
        "(法定代表人身份证明书). The ID number stays on this computer and is shown "
        "only when you reveal it."));
}

/* Rows → model */

static void
set_field (CrCompanyPage *self,
           const char    *property,
           GtkEditable   *row,
           gboolean       trim)
{
  g_autofree char *text = NULL;

  if (self->updating || self->kase == NULL)
    return;

  text = g_strdup (gtk_editable_get_text (row));
  if (trim)
    g_strstrip (text);

  self->updating = TRUE;
  g_object_set (self->kase, property, text[0] != '\0' ? text : NULL, NULL);
  self->updating = FALSE;
}

static void
name_changed_cb (CrCompanyPage *self,
                 GtkEditable   *row)
{
  set_field (self, "company-name", row, FALSE);
}

static void
uscc_changed_cb (CrCompanyPage *self,
                 GtkEditable   *row)
{
  update_uscc_feedback (self);

  if (!self->updating && self->kase != NULL)
    {
      /* Stored trimmed and upper-cased (full-width folded), as checked. */
      g_autofree char *normalized = cr_uscc_normalize (gtk_editable_get_text (row));

      self->updating = TRUE;
      cr_case_set_company_uscc (self->kase,
                                normalized != NULL && normalized[0] != '\0' ? normalized : NULL);
      self->updating = FALSE;
    }
}

static void
legal_representative_changed_cb (CrCompanyPage *self,
                                 GtkEditable   *row)
{
  set_field (self, "company-legal-representative", row, FALSE);
}

static void
address_changed_cb (CrCompanyPage *self,
                    GtkEditable   *row)
{
  set_field (self, "company-address", row, FALSE);
}

static void
company_phone_changed_cb (CrCompanyPage *self,
                          GtkEditable   *row)
{
  set_field (self, "company-phone", row, TRUE);
}

static void
applicant_name_changed_cb (CrCompanyPage *self,
                           GtkEditable   *row)
{
  set_field (self, "applicant-name", row, FALSE);
}

static void
id_number_changed_cb (CrCompanyPage *self,
                      GtkEditable   *row)
{
  set_field (self, "applicant-id-number", row, TRUE);
}

static void
applicant_phone_changed_cb (CrCompanyPage *self,
                            GtkEditable   *row)
{
  set_field (self, "applicant-phone", row, TRUE);
}

static void
email_changed_cb (CrCompanyPage *self,
                  GtkEditable   *row)
{
  set_field (self, "applicant-email", row, TRUE);
}

static void
role_changed_cb (CrCompanyPage *self)
{
  update_applicant_description (self);

  if (self->updating || self->kase == NULL)
    return;

  self->updating = TRUE;
  cr_case_set_applicant_role (self->kase,
                              adw_combo_row_get_selected (self->role_row) == 1
                                ? CR_APPLICANT_ROLE_AGENT
                                : CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE);
  self->updating = FALSE;
}

/* Model → rows */

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
fill_rows (CrCompanyPage *self)
{
  self->updating = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *value = NULL;

      if (self->kase != NULL)
        g_object_get (self->kase, fields[i].property, &value, NULL);
      set_row_text (field_row (self, &fields[i]), value);
    }

  adw_combo_row_set_selected (self->role_row,
                              self->kase != NULL &&
                              cr_case_get_applicant_role (self->kase) == CR_APPLICANT_ROLE_AGENT
                                ? 1 : 0);

  self->updating = FALSE;

  update_uscc_feedback (self);
  update_applicant_description (self);
}

static void
case_notify_cb (CrCompanyPage *self,
                GParamSpec    *pspec,
                CrCase        *kase)
{
  if (self->updating)
    return;

  if (!g_str_has_prefix (pspec->name, "company-") && !g_str_has_prefix (pspec->name, "applicant-"))
    return;

  fill_rows (self);
}

/* CrCasePage */

static void
case_page_set_case (CrCasePage *page,
                    CrCase     *kase)
{
  cr_company_page_set_case (CR_COMPANY_PAGE (page), kase);
}

static gboolean
case_page_focus_pointer (CrCasePage *page,
                         const char *pointer)
{
  return cr_company_page_focus_pointer (CR_COMPANY_PAGE (page), pointer);
}

static void
cr_company_page_case_page_init (CrCasePageInterface *iface)
{
  iface->set_case = case_page_set_case;
  iface->focus_pointer = case_page_focus_pointer;
}

/* GObject */

static void
cr_company_page_dispose (GObject *object)
{
  CrCompanyPage *self = CR_COMPANY_PAGE (object);

  cr_company_page_set_case (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CR_TYPE_COMPANY_PAGE);

  G_OBJECT_CLASS (cr_company_page_parent_class)->dispose (object);
}

static void
cr_company_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrCompanyPage *self = CR_COMPANY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, self->kase);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_company_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrCompanyPage *self = CR_COMPANY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      cr_company_page_set_case (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_company_page_class_init (CrCompanyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cr_company_page_dispose;
  object_class->get_property = cr_company_page_get_property;
  object_class->set_property = cr_company_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL, CR_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/case/cr-company-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, uscc_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, uscc_icon);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, uscc_message_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, uscc_message);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, legal_representative_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, company_phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, applicant_group);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, applicant_name_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, applicant_phone_row);
  gtk_widget_class_bind_template_child (widget_class, CrCompanyPage, email_row);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, uscc_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, legal_representative_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, address_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, company_phone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, applicant_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, id_number_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, applicant_phone_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
}

static void
cr_company_page_init (CrCompanyPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In the enumeration's order: legal representative, agent. */
  self->updating = TRUE;
  gtk_string_list_append (roles, cr_applicant_role_get_label (CR_APPLICANT_ROLE_LEGAL_REPRESENTATIVE));
  gtk_string_list_append (roles, cr_applicant_role_get_label (CR_APPLICANT_ROLE_AGENT));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  self->updating = FALSE;

  update_applicant_description (self);
}

/**
 * cr_company_page_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown.
 */
CrCase *
cr_company_page_get_case (CrCompanyPage *self)
{
  g_return_val_if_fail (CR_IS_COMPANY_PAGE (self), NULL);

  return self->kase;
}

void
cr_company_page_set_case (CrCompanyPage *self,
                          CrCase        *kase)
{
  g_return_if_fail (CR_IS_COMPANY_PAGE (self));
  g_return_if_fail (kase == NULL || CR_IS_CASE (kase));

  if (self->kase == kase)
    return;

  if (self->kase != NULL)
    g_signal_handlers_disconnect_by_func (self->kase, case_notify_cb, self);
  g_set_object (&self->kase, kase);
  if (kase != NULL)
    g_signal_connect_object (kase, "notify", G_CALLBACK (case_notify_cb), self,
                             G_CONNECT_SWAPPED);

  /* Not while disposing: the template children are gone then. */
  if (self->name_row != NULL)
    fill_rows (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/**
 * cr_company_page_focus_pointer:
 * @pointer: a JSON pointer such as "/company/uscc" or "/applicant"
 *
 * Returns: whether the field is on this page (it then has the focus).
 */
gboolean
cr_company_page_focus_pointer (CrCompanyPage *self,
                               const char    *pointer)
{
  GtkWidget *target = NULL;

  g_return_val_if_fail (CR_IS_COMPANY_PAGE (self), FALSE);
  g_return_val_if_fail (pointer != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (fields) && target == NULL; i++)
    {
      const char *field = fields[i].pointer;
      gsize length = strlen (field);

      /* The field itself, or something inside it. */
      if (g_str_has_prefix (pointer, field) && (pointer[length] == '\0' || pointer[length] == '/'))
        target = GTK_WIDGET (field_row (self, &fields[i]));
    }

  if (target == NULL)
    {
      if (g_str_equal (pointer, "/company") || g_str_equal (pointer, ""))
        target = GTK_WIDGET (self->name_row);
      else if (g_str_equal (pointer, "/applicant") || g_str_has_prefix (pointer, "/applicant/"))
        target = GTK_WIDGET (self->role_row);
      else if (g_str_has_prefix (pointer, "/company/"))
        target = GTK_WIDGET (self->name_row);
    }

  if (target == NULL)
    return FALSE;

  cr_case_page_focus_widget (target);
  return TRUE;
}
