/* cr-checked-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The base of the case pages that show the case together with the
 * checker's verdict on it (Materials, Submit): the "case", "check-result"
 * and "controller" properties, following the case view's check controller,
 * and watching the case for edits. A subclass answers in its class
 * functions; the state it keeps for a case is its own.
 */

#include "config.h"

#include "cr-case-page.h"
#include "cr-checked-page.h"

typedef struct
{
  CrCase            *case_;
  CrCheckResult     *result;
  CrCheckController *controller;
  GBinding          *case_binding;
  GBinding          *result_binding;
  gulong             changed_id;
} CrCheckedPagePrivate;

static void cr_checked_page_case_page_init (CrCasePageInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (CrCheckedPage, cr_checked_page, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (CrCheckedPage)
                                  G_IMPLEMENT_INTERFACE (CR_TYPE_CASE_PAGE,
                                                         cr_checked_page_case_page_init))

enum {
  PROP_0,
  PROP_CASE,
  PROP_CHECK_RESULT,
  PROP_CONTROLLER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
case_changed_cb (CrCase        *case_,
                 CrCheckedPage *self)
{
  CrCheckedPageClass *klass = CR_CHECKED_PAGE_GET_CLASS (self);

  if (klass->case_edited != NULL)
    klass->case_edited (self);
}

/**
 * cr_checked_page_get_case:
 *
 * Returns: (transfer none) (nullable): the case shown
 */
CrCase *
cr_checked_page_get_case (CrCheckedPage *self)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  g_return_val_if_fail (CR_IS_CHECKED_PAGE (self), NULL);

  return priv->case_;
}

void
cr_checked_page_set_case (CrCheckedPage *self,
                          CrCase        *case_)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);
  CrCheckedPageClass *klass;

  g_return_if_fail (CR_IS_CHECKED_PAGE (self));
  g_return_if_fail (case_ == NULL || CR_IS_CASE (case_));

  if (priv->case_ == case_)
    return;

  g_clear_signal_handler (&priv->changed_id, priv->case_);
  g_set_object (&priv->case_, case_);
  if (case_ != NULL)
    priv->changed_id = g_signal_connect (case_, "changed", G_CALLBACK (case_changed_cb), self);

  klass = CR_CHECKED_PAGE_GET_CLASS (self);
  if (klass->case_changed != NULL)
    klass->case_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CASE]);
}

/**
 * cr_checked_page_get_check_result:
 *
 * Returns: (transfer none) (nullable): the verdict shown
 */
CrCheckResult *
cr_checked_page_get_check_result (CrCheckedPage *self)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  g_return_val_if_fail (CR_IS_CHECKED_PAGE (self), NULL);

  return priv->result;
}

/**
 * cr_checked_page_set_check_result:
 * @result: (nullable): the checker's verdict on the case
 */
void
cr_checked_page_set_check_result (CrCheckedPage *self,
                                  CrCheckResult *result)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);
  CrCheckedPageClass *klass;

  g_return_if_fail (CR_IS_CHECKED_PAGE (self));
  g_return_if_fail (result == NULL || CR_IS_CHECK_RESULT (result));

  if (!g_set_object (&priv->result, result))
    return;

  klass = CR_CHECKED_PAGE_GET_CLASS (self);
  if (klass->result_changed != NULL)
    klass->result_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECK_RESULT]);
}

/**
 * cr_checked_page_get_controller:
 *
 * Returns: (transfer none) (nullable): the check controller followed
 */
CrCheckController *
cr_checked_page_get_controller (CrCheckedPage *self)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  g_return_val_if_fail (CR_IS_CHECKED_PAGE (self), NULL);

  return priv->controller;
}

static void
unbind_controller (CrCheckedPage *self)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  if (priv->case_binding != NULL)
    g_binding_unbind (priv->case_binding);
  g_clear_object (&priv->case_binding);
  if (priv->result_binding != NULL)
    g_binding_unbind (priv->result_binding);
  g_clear_object (&priv->result_binding);
  g_clear_object (&priv->controller);
}

/**
 * cr_checked_page_set_controller:
 * @controller: (nullable): the check controller of the case view
 *
 * Follows the controller's case and result, so the page changes as soon as
 * the controller has re-checked an edit.
 */
void
cr_checked_page_set_controller (CrCheckedPage     *self,
                                CrCheckController *controller)
{
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  g_return_if_fail (CR_IS_CHECKED_PAGE (self));
  g_return_if_fail (controller == NULL || CR_IS_CHECK_CONTROLLER (controller));

  if (priv->controller == controller)
    return;

  unbind_controller (self);
  if (controller != NULL)
    {
      priv->controller = g_object_ref (controller);
      /* The bindings are held, so that unbinding is safe even after the
       * controller is gone. */
      priv->case_binding = g_object_ref (g_object_bind_property (controller, "case", self, "case",
                                                                 G_BINDING_SYNC_CREATE));
      priv->result_binding = g_object_ref (g_object_bind_property (controller, "result",
                                                                   self, "check-result",
                                                                   G_BINDING_SYNC_CREATE));
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTROLLER]);
}

/* CrCasePage */

static void
cr_checked_page_case_page_set_case (CrCasePage *page,
                                    CrCase     *kase)
{
  cr_checked_page_set_case (CR_CHECKED_PAGE (page), kase);
}

static gboolean
cr_checked_page_case_page_focus_pointer (CrCasePage *page,
                                         const char *pointer)
{
  CrCheckedPageClass *klass = CR_CHECKED_PAGE_GET_CLASS (page);

  if (klass->focus_pointer == NULL)
    return FALSE;

  return klass->focus_pointer (CR_CHECKED_PAGE (page), pointer);
}

static void
cr_checked_page_case_page_init (CrCasePageInterface *iface)
{
  iface->set_case = cr_checked_page_case_page_set_case;
  iface->focus_pointer = cr_checked_page_case_page_focus_pointer;
}

/* GObject */

static void
cr_checked_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrCheckedPage *self = CR_CHECKED_PAGE (object);
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_CASE:
      g_value_set_object (value, priv->case_);
      break;

    case PROP_CHECK_RESULT:
      g_value_set_object (value, priv->result);
      break;

    case PROP_CONTROLLER:
      g_value_set_object (value, priv->controller);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_checked_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrCheckedPage *self = CR_CHECKED_PAGE (object);

  switch (prop_id)
    {
    case PROP_CASE:
      cr_checked_page_set_case (self, g_value_get_object (value));
      break;

    case PROP_CHECK_RESULT:
      cr_checked_page_set_check_result (self, g_value_get_object (value));
      break;

    case PROP_CONTROLLER:
      cr_checked_page_set_controller (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Runs after the subclass's dispose, which has stopped its own work. */
static void
cr_checked_page_dispose (GObject *object)
{
  CrCheckedPage *self = CR_CHECKED_PAGE (object);
  CrCheckedPagePrivate *priv = cr_checked_page_get_instance_private (self);

  unbind_controller (self);
  g_clear_signal_handler (&priv->changed_id, priv->case_);
  g_clear_object (&priv->case_);
  g_clear_object (&priv->result);

  G_OBJECT_CLASS (cr_checked_page_parent_class)->dispose (object);
}

static void
cr_checked_page_class_init (CrCheckedPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cr_checked_page_dispose;
  object_class->get_property = cr_checked_page_get_property;
  object_class->set_property = cr_checked_page_set_property;

  properties[PROP_CASE] =
    g_param_spec_object ("case", NULL, NULL,
                         CR_TYPE_CASE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHECK_RESULT] =
    g_param_spec_object ("check-result", NULL, NULL,
                         CR_TYPE_CHECK_RESULT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CrCheckedPage:controller:
   *
   * The check controller whose case and result the page shows.
   */
  properties[PROP_CONTROLLER] =
    g_param_spec_object ("controller", NULL, NULL,
                         CR_TYPE_CHECK_CONTROLLER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cr_checked_page_init (CrCheckedPage *self)
{
}
