/* cr-case-material.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "cr-case-private.h"
#include "cr-case-material.h"
#include "cr-case-types.h"

struct _CrCaseMaterial
{
  GObject     parent_instance;

  char       *slot;    /* NULL while unset */
  char       *record;  /* NULL: serves the whole case */
  char       *path;
  JsonObject *extra;   /* unknown keys, kept for the round trip */
};

G_DEFINE_FINAL_TYPE (CrCaseMaterial, cr_case_material, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SLOT,
  PROP_RECORD,
  PROP_PATH,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_string (CrCaseMaterial  *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
cr_case_material_finalize (GObject *object)
{
  CrCaseMaterial *self = (CrCaseMaterial *) object;

  g_free (self->slot);
  g_free (self->record);
  g_free (self->path);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (cr_case_material_parent_class)->finalize (object);
}

static void
cr_case_material_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  CrCaseMaterial *self = CR_CASE_MATERIAL (object);

  switch (prop_id)
    {
    case PROP_SLOT:
      g_value_set_string (value, self->slot);
      break;
    case PROP_RECORD:
      g_value_set_string (value, self->record);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_material_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  CrCaseMaterial *self = CR_CASE_MATERIAL (object);

  switch (prop_id)
    {
    case PROP_SLOT:
      cr_case_material_set_slot (self, g_value_get_string (value));
      break;
    case PROP_RECORD:
      cr_case_material_set_record (self, g_value_get_string (value));
      break;
    case PROP_PATH:
      cr_case_material_set_path (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cr_case_material_class_init (CrCaseMaterialClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = cr_case_material_finalize;
  object_class->get_property = cr_case_material_get_property;
  object_class->set_property = cr_case_material_set_property;

  properties[PROP_SLOT] = g_param_spec_string ("slot", NULL, NULL, NULL, flags);
  properties[PROP_RECORD] = g_param_spec_string ("record", NULL, NULL, NULL, flags);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cr_case_material_init (CrCaseMaterial *self)
{
  self->path = g_strdup ("");
}

/**
 * cr_case_material_new:
 * @slot: (nullable): a slot id (see cr_slot_id_is_valid())
 * @record: (nullable): the id of the record it serves, NULL for the case
 * @path: (nullable): the file, relative to the case's base directory
 */
CrCaseMaterial *
cr_case_material_new (const char *slot,
                 const char *record,
                 const char *path)
{
  CrCaseMaterial *self;

  g_return_val_if_fail (slot == NULL || cr_slot_id_is_valid (slot), NULL);

  self = g_object_new (CR_TYPE_CASE_MATERIAL, NULL);
  self->slot = g_strdup (slot);
  self->record = g_strdup (record);
  g_free (self->path);
  self->path = g_strdup (path != NULL ? path : "");

  return self;
}

/**
 * cr_case_material_get_slot:
 *
 * Returns: (nullable): the slot id, NULL while unset.
 */
const char *
cr_case_material_get_slot (CrCaseMaterial *self)
{
  g_return_val_if_fail (CR_IS_CASE_MATERIAL (self), NULL);

  return self->slot;
}

void
cr_case_material_set_slot (CrCaseMaterial *self,
                      const char *slot)
{
  g_return_if_fail (CR_IS_CASE_MATERIAL (self));
  g_return_if_fail (slot == NULL || cr_slot_id_is_valid (slot));

  set_string (self, &self->slot, slot, PROP_SLOT);
}

/**
 * cr_case_material_get_record:
 *
 * Returns: (nullable): the id of the record served, or NULL for the case.
 */
const char *
cr_case_material_get_record (CrCaseMaterial *self)
{
  g_return_val_if_fail (CR_IS_CASE_MATERIAL (self), NULL);

  return self->record;
}

void
cr_case_material_set_record (CrCaseMaterial *self,
                        const char *record)
{
  g_return_if_fail (CR_IS_CASE_MATERIAL (self));

  set_string (self, &self->record, record, PROP_RECORD);
}

const char *
cr_case_material_get_path (CrCaseMaterial *self)
{
  g_return_val_if_fail (CR_IS_CASE_MATERIAL (self), NULL);

  return self->path;
}

void
cr_case_material_set_path (CrCaseMaterial *self,
                      const char *path)
{
  g_return_if_fail (CR_IS_CASE_MATERIAL (self));

  set_string (self, &self->path, path != NULL ? path : "", PROP_PATH);
}

/* Private API for the reader and writer. */

JsonObject *
cr_case_material_get_extra (CrCaseMaterial *self)
{
  return self->extra;
}

void
cr_case_material_set_extra (CrCaseMaterial *self,
                       JsonObject *extra)
{
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = extra != NULL ? json_object_ref (extra) : NULL;
}
