/* cr-rule-set.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The loader is deliberately strict: unknown keys, wrong types, unknown
 * slots, bases or definitions, bad placeholders and unverified errors are
 * all refused, each with the origin, the item (rule, period, slot …) and the
 * JSON pointer of the offending field. A rule set that loads is one the
 * checker can evaluate without any further failure.
 *
 * An overlay is applied on top of its base: the base's documents are
 * applied again (they are known to be valid) and then the overlay's, whose
 * changes are compared with the state built so far. Anything that could let
 * an application through that the base would stop (a lower severity, a
 * disabled error rule without replacement, a changed condition of an error
 * rule, a shorter period, a dropped required slot) is CR_RULE_SET_ERROR_LOOSENS.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <stdlib.h>
#include <string.h>

#include "cr-date.h"
#include "cr-rule-set.h"
#include "cr-rule-set-private.h"
#include "cr-rules-resources.h"

#define RULES_FORMAT         "org.example.CreditRepair.rules"
#define RULES_FORMAT_VERSION 1
#define RULES_RESOURCE_PATH  "/org/example/CreditRepair/rules"
#define MAX_MONTHS           1200

G_DEFINE_QUARK (cr-rule-set-error-quark, cr_rule_set_error)

typedef struct
{
  char *text[CR_N_LANGUAGES];
} LocalText;

typedef struct
{
  CrRule    pub;
  JsonNode *when_node;   /* borrowed from its document */
  char     *replaced_by;
} RuleEntry;

struct _CrRuleSet
{
  GObject          parent_instance;

  char            *origin;
  CrRuleSetSource  source;
  char            *sha256;
  JsonNode        *root;
  CrRuleSet       *base;

  char            *id;
  char            *version;
  char            *regime;
  char            *jurisdiction;
  char            *extends;
  GDate            valid_from;
  GDate            valid_until;  /* cleared: open-ended */
  LocalText        title;
  LocalText        unverified_label;

  GHashTable      *class_names;  /* class id → LocalText* */
  GHashTable      *bases;        /* key → CrBasis* */
  GHashTable      *definitions;  /* name → CrCondition* */
  GPtrArray       *slots;        /* CrSlotDef* */
  GHashTable      *slots_by_id;  /* id → CrSlotDef* (borrowed) */
  GHashTable      *case_wide_slots;
  GPtrArray       *periods;      /* CrPeriod* */
  GPtrArray       *statuses;     /* CrStatusRow* */
  GPtrArray       *suggestions;  /* CrSuggestion* */
  GPtrArray       *rules;        /* RuleEntry* */
  GHashTable      *rules_by_id;  /* id → RuleEntry* (borrowed) */

  /* The calendar of working days; without one, Monday to Friday. */
  gboolean         has_calendar;
  GDate            calendar_from;
  GDate            calendar_until;
  GArray          *holidays;          /* guint32 Julian days, ascending */
  GArray          *working_weekends;  /* guint32 Julian days, ascending */
  GStrv            calendar_basis;
};

G_DEFINE_FINAL_TYPE (CrRuleSet, cr_rule_set, G_TYPE_OBJECT)

struct _CrRuleSetCollection
{
  GObject     parent_instance;
  GPtrArray  *sets;      /* CrRuleSet*, sorted by valid_from then id */
  GPtrArray  *warnings;  /* char* */
  char       *jurisdiction;
};

G_DEFINE_FINAL_TYPE (CrRuleSetCollection, cr_rule_set_collection, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */

static void
local_text_clear (LocalText *text)
{
  for (guint i = 0; i < CR_N_LANGUAGES; i++)
    g_clear_pointer (&text->text[i], g_free);
}

static void
local_text_free (LocalText *text)
{
  local_text_clear (text);
  g_free (text);
}

static void
basis_clear (CrBasis *basis)
{
  g_clear_pointer (&basis->title, g_free);
  g_clear_pointer (&basis->article, g_free);
  g_clear_pointer (&basis->url, g_free);
}

static void
basis_free (CrBasis *basis)
{
  basis_clear (basis);
  g_free (basis);
}

static void
basis_copy (CrBasis       *dest,
            const CrBasis *src)
{
  basis_clear (dest);
  dest->title = g_strdup (src->title);
  dest->article = g_strdup (src->article);
  dest->url = g_strdup (src->url);
}

static void
slot_def_free (CrSlotDef *slot)
{
  g_free (slot->id);
  for (guint i = 0; i < CR_N_LANGUAGES; i++)
    {
      g_free (slot->name[i]);
      g_free (slot->description[i]);
    }
  g_strfreev (slot->formats);
  g_free (slot);
}

static void
period_free (CrPeriod *period)
{
  g_free (period->id);
  g_clear_pointer (&period->when, cr_condition_unref);
  g_free (period);
}

static void
status_row_free (CrStatusRow *row)
{
  g_free (row->status);
  g_clear_pointer (&row->when, cr_condition_unref);
  g_free (row);
}

static void
suggestion_free (CrSuggestion *suggestion)
{
  g_free (suggestion->severity);
  g_clear_pointer (&suggestion->when, cr_condition_unref);
  g_free (suggestion);
}

static void
rule_entry_free (RuleEntry *entry)
{
  g_free (entry->pub.id);
  g_free (entry->pub.requires_slot);
  g_free (entry->pub.slot);
  g_free (entry->pub.field);
  for (guint i = 0; i < CR_N_LANGUAGES; i++)
    {
      g_free (entry->pub.message[i]);
      g_free (entry->pub.fix[i]);
    }
  basis_clear (&entry->pub.basis);
  g_clear_pointer (&entry->pub.when, cr_condition_unref);
  g_free (entry->replaced_by);
  g_free (entry);
}

static gboolean
is_identifier (const char *text,
               gboolean    allow_upper)
{
  if (text == NULL || !(g_ascii_islower (text[0]) || g_ascii_isdigit (text[0]) ||
                        (allow_upper && g_ascii_isupper (text[0]))))
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '-' || *p == '.' ||
            (allow_upper && g_ascii_isupper (*p))))
        return FALSE;
    }

  return TRUE;
}

/**
 * cr_language_get_default:
 *
 * The language of rule-set texts for the user: the first entry of
 * g_get_language_names() that is Chinese (zh*) gives %CR_LANGUAGE_ZH_CN;
 * English or the C locale first gives %CR_LANGUAGE_EN, as does anything else.
 */
CrLanguage
cr_language_get_default (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "zh"))
        return CR_LANGUAGE_ZH_CN;
      if (g_str_has_prefix (names[i], "en") || g_str_equal (names[i], "C") ||
          g_str_equal (names[i], "POSIX"))
        return CR_LANGUAGE_EN;
    }

  return CR_LANGUAGE_EN;
}

const char *
cr_language_to_string (CrLanguage language)
{
  return language == CR_LANGUAGE_ZH_CN ? "zh_CN" : "en";
}

const char *
cr_earliest_kind_to_string (CrEarliestKind kind)
{
  switch (kind)
    {
    case CR_EARLIEST_MONTHS: return "months";
    case CR_EARLIEST_NEVER: return "never";
    case CR_EARLIEST_NOT_PUBLISHED: return "not_published";
    default: g_assert_not_reached ();
    }
}

/**
 * cr_template_expand:
 * @out: (nullable): where the expanded text goes; NULL only checks
 * @bad_name: (out) (optional): the placeholder that @lookup refused
 *
 * Expands `{name}` placeholders; `{{` and `}}` stand for braces.
 */
gboolean
cr_template_expand (const char        *template_text,
                    CrTemplateLookup   lookup,
                    gpointer           user_data,
                    GString           *out,
                    char             **bad_name)
{
  const char *p = template_text;

  while (*p)
    {
      if (p[0] == '{' && p[1] == '{')
        {
          if (out)
            g_string_append_c (out, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          if (out)
            g_string_append_c (out, '}');
          p += 2;
        }
      else if (p[0] == '{')
        {
          const char *end = strchr (p + 1, '}');
          g_autofree char *name = NULL;
          const char *value;

          if (end == NULL)
            {
              if (bad_name)
                *bad_name = g_strdup (p);
              return FALSE;
            }
          name = g_strndup (p + 1, end - p - 1);
          value = lookup (name, user_data);
          if (value == NULL)
            {
              if (bad_name)
                *bad_name = g_steal_pointer (&name);
              return FALSE;
            }
          if (out)
            g_string_append (out, value);
          p = end + 1;
        }
      else if (p[0] == '}')
        {
          if (bad_name)
            *bad_name = g_strdup ("}");
          return FALSE;
        }
      else
        {
          const char *run = p;

          while (*p != '\0' && *p != '{' && *p != '}')
            p++;
          if (out)
            g_string_append_len (out, run, p - run);
        }
    }

  return TRUE;
}

/* ------------------------------------------------------------------------ */
/* The loader                                                               */

typedef struct
{
  CrRuleSet   *self;
  const char  *origin;
  gboolean     overlay;
  char        *item;      /* "rule “R1”", or NULL at the top level */
  GError     **error;
} Loader;

static gboolean loader_fail (Loader     *l,
                             int         code,
                             const char *pointer,
                             const char *format,
                             ...) G_GNUC_PRINTF (4, 5);

static gboolean
loader_fail (Loader     *l,
             int         code,
             const char *pointer,
             const char *format,
             ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  if (l->item != NULL)
    g_set_error (l->error, CR_RULE_SET_ERROR, code, "%s: %s, %s: %s",
                 l->origin, l->item, pointer[0] ? pointer : "/", detail);
  else
    g_set_error (l->error, CR_RULE_SET_ERROR, code, "%s: %s: %s",
                 l->origin, pointer[0] ? pointer : "/", detail);
  return FALSE;
}

/* Takes @item ("rule “R1”"), or NULL at the top level. */
static void
loader_take_item (Loader *l,
                  char   *item)
{
  g_free (l->item);
  l->item = item;
}

/* Wraps a condition-compiler error (whose message starts with the pointer). */
static gboolean
loader_fail_condition (Loader *l,
                       GError *condition_error)
{
  if (l->item != NULL)
    g_set_error (l->error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID, "%s: %s, %s",
                 l->origin, l->item, condition_error->message);
  else
    g_set_error (l->error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID, "%s: %s",
                 l->origin, condition_error->message);
  return FALSE;
}

static gboolean
check_keys (Loader             *l,
            JsonObject         *object,
            const char         *pointer,
            const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;

      if (g_str_equal (key, "$comment") || g_strv_contains (allowed, key))
        continue;

      {
        g_autofree char *p = cr_json_pointer_append (pointer, key);
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("unknown key “%s”"), key);
      }
    }

  return TRUE;
}

typedef enum
{
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  NULLABLE = 1 << 1,
} GetFlags;

/* Returns the member, NULL with *ok = TRUE when absent and optional. */
static JsonNode *
get_member (Loader     *l,
            JsonObject *object,
            const char *pointer,
            const char *key,
            GetFlags    flags,
            gboolean   *ok)
{
  JsonNode *node = json_object_get_member (object, key);

  *ok = TRUE;
  if (node == NULL)
    {
      if (flags & REQUIRED)
        {
          g_autofree char *p = cr_json_pointer_append (pointer, key);
          *ok = loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("the key “%s” is missing"), key);
        }
      return NULL;
    }

  if (JSON_NODE_HOLDS_NULL (node))
    {
      if (!(flags & NULLABLE))
        {
          g_autofree char *p = cr_json_pointer_append (pointer, key);
          *ok = loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("must not be null"));
        }
      return NULL;
    }

  return node;
}

static gboolean
get_string (Loader      *l,
            JsonObject  *object,
            const char  *pointer,
            const char  *key,
            GetFlags     flags,
            const char **out)
{
  gboolean ok;
  JsonNode *node = get_member (l, object, pointer, key, flags, &ok);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected a non-empty string"));
    }

  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_enum (Loader             *l,
          JsonObject         *object,
          const char         *pointer,
          const char         *key,
          GetFlags            flags,
          const char * const *values,
          const char        **out)
{
  if (!get_string (l, object, pointer, key, flags, out))
    return FALSE;

  if (*out != NULL && !g_strv_contains (values, *out))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      g_autofree char *allowed = g_strjoinv (", ", (char **) values);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("“%s” is not one of: %s"),
                          *out, allowed);
    }

  return TRUE;
}

static gboolean
get_object (Loader      *l,
            JsonObject  *object,
            const char  *pointer,
            const char  *key,
            GetFlags     flags,
            JsonObject **out)
{
  gboolean ok;
  JsonNode *node = get_member (l, object, pointer, key, flags, &ok);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
    }

  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
get_array (Loader      *l,
           JsonObject  *object,
           const char  *pointer,
           const char  *key,
           GetFlags     flags,
           JsonArray  **out)
{
  gboolean ok;
  JsonNode *node = get_member (l, object, pointer, key, flags, &ok);

  *out = NULL;
  if (node == NULL)
    return ok;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an array"));
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
get_boolean (Loader     *l,
             JsonObject *object,
             const char *pointer,
             const char *key,
             gboolean   *present,
             gboolean   *out)
{
  gboolean ok;
  JsonNode *node = get_member (l, object, pointer, key, OPTIONAL, &ok);

  *present = FALSE;
  if (node == NULL)
    return ok;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected true or false"));
    }

  *present = TRUE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_date (Loader     *l,
          JsonObject *object,
          const char *pointer,
          const char *key,
          GetFlags    flags,
          GDate      *out)
{
  const char *text;
  g_autoptr(GError) local_error = NULL;

  g_date_clear (out, 1);
  if (!get_string (l, object, pointer, key, flags, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!cr_date_parse (text, out, &local_error))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, "%s", local_error->message);
    }

  return TRUE;
}

static gboolean
get_local_text (Loader     *l,
                JsonObject *object,
                const char *pointer,
                const char *key,
                GetFlags    flags,
                LocalText  *out,
                gboolean   *present)
{
  static const char * const languages[] = { "en", "zh_CN", NULL };
  g_autofree char *p = cr_json_pointer_append (pointer, key);
  JsonObject *text;
  const char *en, *zh;

  if (present)
    *present = FALSE;
  if (!get_object (l, object, pointer, key, flags, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!check_keys (l, text, p, languages) ||
      !get_string (l, text, p, "en", REQUIRED, &en) ||
      !get_string (l, text, p, "zh_CN", REQUIRED, &zh))
    return FALSE;

  local_text_clear (out);
  out->text[CR_LANGUAGE_EN] = g_strdup (en);
  out->text[CR_LANGUAGE_ZH_CN] = g_strdup (zh);
  if (present)
    *present = TRUE;
  return TRUE;
}

static gboolean
get_months (Loader     *l,
            JsonNode   *node,
            const char *pointer,
            guint      *out)
{
  gint64 value;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pointer,
                        _("expected a whole number of months"));

  value = json_node_get_int (node);
  if (value < 0 || value > MAX_MONTHS)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pointer,
                          _("%s months is out of range (0 to %d)"), text, MAX_MONTHS);
    }

  *out = (guint) value;
  return TRUE;
}

static CrCondition *
compile_condition (Loader     *l,
                   JsonNode   *node,
                   const char *pointer,
                   CrScope     scope,
                   CrPhase     phase)
{
  CrConditionEnv env = {
    .scope = scope,
    .phase = phase,
    .definitions = l->self->definitions,
    .slots = l->self->slots_by_id,
  };
  g_autoptr(GError) local_error = NULL;
  CrCondition *condition = cr_condition_compile (node, &env, pointer, &local_error);

  if (condition == NULL)
    loader_fail_condition (l, local_error);

  return condition;
}

/* -- metadata ------------------------------------------------------------ */

static gboolean
load_metadata (Loader     *l,
               JsonObject *root)
{
  static const char * const base_keys[] = {
    "format", "format_version", "id", "version", "extends", "regime", "jurisdiction",
    "valid_from", "valid_until", "title", "labels", "class_names", "bases", "calendar",
    "definitions", "slots", "periods", "statuses", "severity_suggestions", "rules", NULL
  };
  static const char * const overlay_keys[] = {
    "format", "format_version", "id", "version", "extends", "regime", "jurisdiction",
    "valid_from", "valid_until", "title", "bases", "calendar", "definitions", "slots",
    "periods", "severity_suggestions", "rules", NULL
  };
  static const char * const base_only[] = { "labels", "class_names", "statuses", NULL };
  CrRuleSet *self = l->self;
  const char *format, *id, *version, *extends, *regime, *jurisdiction;
  JsonNode *format_version;
  GDate valid_from, valid_until;
  gboolean ok;

  if (!get_string (l, root, "", "format", REQUIRED, &format))
    return FALSE;
  if (!g_str_equal (format, RULES_FORMAT))
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/format",
                        _("not a rule set: the format must be “%s”"), RULES_FORMAT);

  format_version = get_member (l, root, "", "format_version", REQUIRED, &ok);
  if (!ok)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (format_version) ||
      json_node_get_value_type (format_version) != G_TYPE_INT64 ||
      json_node_get_int (format_version) != RULES_FORMAT_VERSION)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/format_version",
                        _("this program reads rule-set format version %d"), RULES_FORMAT_VERSION);

  if (l->overlay)
    {
      for (guint i = 0; base_only[i] != NULL; i++)
        {
          if (json_object_has_member (root, base_only[i]))
            {
              g_autofree char *p = cr_json_pointer_append ("", base_only[i]);
              return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                                  _("an overlay cannot replace “%s”; only its base defines it"),
                                  base_only[i]);
            }
        }
    }

  if (!check_keys (l, root, "", l->overlay ? overlay_keys : base_keys))
    return FALSE;

  if (!get_string (l, root, "", "id", REQUIRED, &id) ||
      !get_string (l, root, "", "version", REQUIRED, &version) ||
      !get_string (l, root, "", "extends", NULLABLE, &extends) ||
      !get_string (l, root, "", "regime", l->overlay ? OPTIONAL : REQUIRED, &regime) ||
      !get_string (l, root, "", "jurisdiction", REQUIRED, &jurisdiction) ||
      !get_date (l, root, "", "valid_from", REQUIRED, &valid_from) ||
      !get_date (l, root, "", "valid_until", REQUIRED | NULLABLE, &valid_until) ||
      !get_local_text (l, root, "", "title", REQUIRED, &self->title, NULL))
    return FALSE;

  if (!is_identifier (id, FALSE))
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/id",
                        _("“%s” is not an id (lower-case letters, digits, “-”, “_”, “.”)"), id);
  if (regime != NULL && !is_identifier (regime, FALSE))
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/regime",
                        _("“%s” is not an id (lower-case letters, digits, “-”, “_”, “.”)"), regime);
  if (g_date_valid (&valid_until) && g_date_compare (&valid_until, &valid_from) < 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/valid_until",
                        _("the rule set ends before it starts"));

  if (l->overlay)
    {
      if (g_strcmp0 (extends, self->id) != 0)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/extends",
                            _("the overlay extends “%s”, but its base is “%s”"),
                            extends ? extends : "", self->id);
      if (g_str_equal (id, self->id))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/id",
                            _("an overlay needs an id of its own"));
      if (regime != NULL && !g_str_equal (regime, self->regime))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/regime",
                            _("an overlay keeps the regime of its base (“%s”)"), self->regime);
      if (g_date_compare (&valid_from, &self->valid_from) < 0)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/valid_from",
                            _("an overlay’s validity must lie within that of its base"));
      if (g_date_valid (&self->valid_until) &&
          (!g_date_valid (&valid_until) || g_date_compare (&valid_until, &self->valid_until) > 0))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/valid_until",
                            _("an overlay’s validity must lie within that of its base"));
    }
  else if (extends != NULL)
    {
      return loader_fail (l, CR_RULE_SET_ERROR_BASE_NOT_FOUND, "/extends",
                          _("the base rule set “%s” is not loaded"), extends);
    }

  g_free (self->id);
  self->id = g_strdup (id);
  g_free (self->version);
  self->version = g_strdup (version);
  g_free (self->extends);
  self->extends = g_strdup (extends);
  if (regime != NULL)
    {
      g_free (self->regime);
      self->regime = g_strdup (regime);
    }
  g_free (self->jurisdiction);
  self->jurisdiction = g_strdup (jurisdiction);
  self->valid_from = valid_from;
  self->valid_until = valid_until;

  return TRUE;
}

static gboolean
load_labels (Loader     *l,
             JsonObject *root)
{
  static const char * const label_keys[] = { "unverified", NULL };
  JsonObject *labels, *class_names;
  const char * const *classes = cr_condition_get_classes ();

  if (l->overlay)
    return TRUE;

  if (!get_object (l, root, "", "labels", REQUIRED, &labels) ||
      !check_keys (l, labels, "/labels", label_keys) ||
      !get_local_text (l, labels, "/labels", "unverified", REQUIRED, &l->self->unverified_label, NULL))
    return FALSE;

  if (!get_object (l, root, "", "class_names", REQUIRED, &class_names) ||
      !check_keys (l, class_names, "/class_names", classes))
    return FALSE;

  for (guint i = 0; classes[i] != NULL; i++)
    {
      LocalText *text = g_new0 (LocalText, 1);

      g_hash_table_replace (l->self->class_names, g_strdup (classes[i]), text);
      if (!get_local_text (l, class_names, "/class_names", classes[i], REQUIRED, text, NULL))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_bases (Loader     *l,
            JsonObject *root)
{
  static const char * const keys[] = { "title", "article", "url", NULL };
  JsonObject *bases;
  g_autoptr(GList) members = NULL;

  if (!get_object (l, root, "", "bases", l->overlay ? OPTIONAL : REQUIRED, &bases))
    return FALSE;
  if (bases == NULL)
    return TRUE;

  members = json_object_get_members (bases);
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *key = m->data;
      g_autofree char *p = cr_json_pointer_append ("/bases", key);
      const char *title, *article, *url;
      JsonObject *object;
      CrBasis *basis;

      if (g_str_equal (key, "$comment"))
        continue;
      if (!is_identifier (key, TRUE))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("“%s” is not an id"), key);
      if (g_hash_table_contains (l->self->bases, key))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("the basis “%s” is already defined by the base rule set"), key);

      if (!get_object (l, bases, "/bases", key, REQUIRED, &object) ||
          !check_keys (l, object, p, keys) ||
          !get_string (l, object, p, "title", REQUIRED, &title) ||
          !get_string (l, object, p, "article", REQUIRED | NULLABLE, &article) ||
          !get_string (l, object, p, "url", REQUIRED, &url))
        return FALSE;

      if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
        {
          g_autofree char *pu = cr_json_pointer_append (p, "url");
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pu,
                              _("expected an http:// or https:// address"));
        }

      basis = g_new0 (CrBasis, 1);
      basis->title = g_strdup (title);
      basis->article = g_strdup (article);
      basis->url = g_strdup (url);
      g_hash_table_insert (l->self->bases, g_strdup (key), basis);
    }

  return TRUE;
}

/* -- the calendar of working days --------------------------------------- */

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

static int
compare_julian (gconstpointer a,
                gconstpointer b)
{
  guint32 ja = *(const guint32 *) a;
  guint32 jb = *(const guint32 *) b;

  return ja < jb ? -1 : ja > jb ? 1 : 0;
}

static gboolean
julian_list_contains (GArray  *days,
                      guint32  julian)
{
  return days != NULL && g_array_binary_search (days, &julian, compare_julian, NULL);
}

/* Reads the dates of /calendar/@key: ascending, each once, between the
 * calendar's first and last known days. */
static gboolean
load_calendar_dates (Loader      *l,
                     JsonObject  *calendar,
                     const char  *key,
                     GArray      *out)
{
  CrRuleSet *self = l->self;
  g_autofree char *pointer = cr_json_pointer_append ("/calendar", key);
  JsonArray *array;
  guint32 previous = 0;

  if (!get_array (l, calendar, "/calendar", key, REQUIRED, &array))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index (pointer, i);
      g_autoptr(GError) local_error = NULL;
      JsonNode *node = json_array_get_element (array, i);
      const char *text;
      GDate date;
      guint32 julian;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("expected a date written as YYYY-MM-DD"));
      text = json_node_get_string (node);
      if (!cr_date_parse (text, &date, &local_error))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, "%s", local_error->message);

      if (g_date_compare (&date, &self->calendar_from) < 0)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("%s is before the calendar’s known_from"), text);
      if (g_date_compare (&date, &self->calendar_until) > 0)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("%s is after the calendar’s known_until"), text);

      julian = g_date_get_julian (&date);
      if (i > 0 && julian <= previous)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("%s is out of order: list the dates in ascending order, each once"),
                            text);
      previous = julian;

      if (out == self->working_weekends)
        {
          if (!is_weekend (&date))
            return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                                _("%s is not a Saturday or Sunday: only a weekend day can be "
                                  "a make-up working day"), text);
          if (julian_list_contains (self->holidays, julian))
            return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                                _("%s is also listed as a holiday"), text);
        }

      g_array_append_val (out, julian);
    }

  return TRUE;
}

static void
calendar_clear (CrRuleSet *self)
{
  self->has_calendar = FALSE;
  g_date_clear (&self->calendar_from, 1);
  g_date_clear (&self->calendar_until, 1);
  g_array_set_size (self->holidays, 0);
  g_array_set_size (self->working_weekends, 0);
  g_clear_pointer (&self->calendar_basis, g_strfreev);
}

/* An overlay's calendar replaces its base's as a whole; an overlay without
 * one keeps the base's. */
static gboolean
load_calendar (Loader     *l,
               JsonObject *root)
{
  static const char * const keys[] = {
    "known_from", "known_until", "holidays", "working_weekends", "basis", NULL
  };
  CrRuleSet *self = l->self;
  g_autoptr(GStrvBuilder) basis_keys = NULL;
  JsonObject *calendar;
  JsonArray *basis;
  gboolean ok;

  if (!get_object (l, root, "", "calendar", OPTIONAL, &calendar))
    return FALSE;
  if (calendar == NULL)
    return TRUE;

  calendar_clear (self);
  loader_take_item (l, g_strdup (_("the calendar")));

  ok = check_keys (l, calendar, "/calendar", keys) &&
       get_date (l, calendar, "/calendar", "known_from", REQUIRED, &self->calendar_from) &&
       get_date (l, calendar, "/calendar", "known_until", REQUIRED, &self->calendar_until);
  if (!ok)
    return FALSE;
  if (g_date_compare (&self->calendar_until, &self->calendar_from) < 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/calendar/known_until",
                        _("the calendar ends before it starts"));

  if (!load_calendar_dates (l, calendar, "holidays", self->holidays) ||
      !load_calendar_dates (l, calendar, "working_weekends", self->working_weekends))
    return FALSE;

  if (!get_array (l, calendar, "/calendar", "basis", REQUIRED, &basis))
    return FALSE;
  if (json_array_get_length (basis) == 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/calendar/basis",
                        _("name at least one basis: where the holidays are announced"));

  basis_keys = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (basis); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/calendar/basis", i);
      JsonNode *node = json_array_get_element (basis, i);
      const char *key;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected a non-empty string"));
      key = json_node_get_string (node);
      if (!g_hash_table_contains (self->bases, key))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("“%s” is not a basis defined under /bases"), key);
      g_strv_builder_add (basis_keys, key);
    }

  self->calendar_basis = g_strv_builder_end (basis_keys);
  self->has_calendar = TRUE;
  loader_take_item (l, NULL);

  return TRUE;
}

static gboolean
load_limit (Loader      *l,
            JsonObject  *object,
            const char  *pointer,
            const char  *key,
            CrSlotLimit *out)
{
  static const char * const keys[] = { "value", "verified", NULL };
  g_autofree char *p = cr_json_pointer_append (pointer, key);
  g_autofree char *pv = cr_json_pointer_append (p, "value");
  JsonObject *limit;
  JsonNode *value;
  gboolean present, ok;

  if (!get_object (l, object, pointer, key, REQUIRED, &limit) ||
      !check_keys (l, limit, p, keys) ||
      !get_boolean (l, limit, p, "verified", &present, &out->verified))
    return FALSE;
  if (!present)
    {
      g_autofree char *pk = cr_json_pointer_append (p, "verified");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pk, _("the key “%s” is missing"),
                          "verified");
    }

  value = get_member (l, limit, p, "value", REQUIRED | NULLABLE, &ok);
  if (!ok)
    return FALSE;
  out->known = value != NULL;
  if (value == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
      json_node_get_int (value) <= 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pv,
                        _("expected a positive whole number or null"));

  out->value = json_node_get_int (value);
  return TRUE;
}

static gboolean
load_slot (Loader     *l,
           JsonObject *object,
           const char *pointer)
{
  static const char * const keys[] = {
    "id", "scope", "name", "description", "formats", "max_bytes", "max_pages", "min_dpi", NULL
  };
  static const char * const scopes[] = { "case", "record", NULL };
  static const char * const format_keys[] = { "value", "verified", NULL };
  CrRuleSet *self = l->self;
  g_autofree char *pf = cr_json_pointer_append (pointer, "formats");
  g_autofree char *pfv = cr_json_pointer_append (pf, "value");
  const char *id, *scope;
  JsonObject *formats;
  JsonArray *values;
  gboolean present;
  CrSlotDef *slot;

  if (!get_string (l, object, pointer, "id", REQUIRED, &id))
    return FALSE;
  loader_take_item (l, g_strdup_printf (_("slot “%s”"), id));

  if (!is_identifier (id, FALSE))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "id");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("“%s” is not an id"), id);
    }
  if (g_hash_table_contains (self->slots_by_id, id))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "id");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("the slot is defined twice"));
    }

  slot = g_new0 (CrSlotDef, 1);
  slot->id = g_strdup (id);
  g_ptr_array_add (self->slots, slot);
  g_hash_table_insert (self->slots_by_id, slot->id, slot);

  if (!check_keys (l, object, pointer, keys) ||
      !get_enum (l, object, pointer, "scope", REQUIRED, scopes, &scope))
    return FALSE;
  slot->case_wide = g_str_equal (scope, "case");
  if (slot->case_wide)
    g_hash_table_add (self->case_wide_slots, g_strdup (id));

  {
    LocalText name = { { NULL, } }, description = { { NULL, } };

    if (!get_local_text (l, object, pointer, "name", REQUIRED, &name, NULL) ||
        !get_local_text (l, object, pointer, "description", REQUIRED, &description, NULL))
      {
        local_text_clear (&name);
        local_text_clear (&description);
        return FALSE;
      }
    for (guint i = 0; i < CR_N_LANGUAGES; i++)
      {
        slot->name[i] = name.text[i];
        slot->description[i] = description.text[i];
      }
  }

  if (!get_object (l, object, pointer, "formats", REQUIRED, &formats) ||
      !check_keys (l, formats, pf, format_keys) ||
      !get_boolean (l, formats, pf, "verified", &present, &slot->formats_verified))
    return FALSE;
  if (!present)
    {
      g_autofree char *p = cr_json_pointer_append (pf, "verified");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("the key “%s” is missing"),
                          "verified");
    }
  if (!get_array (l, formats, pf, "value", REQUIRED, &values))
    return FALSE;
  if (json_array_get_length (values) == 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pfv, _("expected a non-empty array"));

  slot->formats = g_new0 (char *, json_array_get_length (values) + 1);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonNode *node = json_array_get_element (values, i);
      const char *ext = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                        ? json_node_get_string (node) : NULL;

      if (ext == NULL || !is_identifier (ext, FALSE))
        {
          g_autofree char *p = cr_json_pointer_append_index (pfv, i);
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                              _("expected a lower-case file extension such as “pdf”"));
        }
      slot->formats[i] = g_strdup (ext);
    }

  return load_limit (l, object, pointer, "max_bytes", &slot->max_bytes) &&
         load_limit (l, object, pointer, "max_pages", &slot->max_pages) &&
         load_limit (l, object, pointer, "min_dpi", &slot->min_dpi);
}

static gboolean
load_slots (Loader     *l,
            JsonObject *root)
{
  JsonArray *slots;

  if (!get_array (l, root, "", "slots", l->overlay ? OPTIONAL : REQUIRED, &slots))
    return FALSE;

  for (guint i = 0; slots != NULL && i < json_array_get_length (slots); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/slots", i);
      JsonNode *node = json_array_get_element (slots, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
      if (!load_slot (l, json_node_get_object (node), p))
        return FALSE;
    }
  loader_take_item (l, NULL);

  return TRUE;
}

static gboolean
load_definitions (Loader     *l,
                  JsonObject *root)
{
  JsonObject *definitions;
  g_autoptr(GList) members = NULL;

  if (!get_object (l, root, "", "definitions", OPTIONAL, &definitions))
    return FALSE;
  if (definitions == NULL)
    return TRUE;

  members = json_object_get_members (definitions);
  for (GList *m = members; m != NULL; m = m->next)
    {
      const char *name = m->data;
      g_autofree char *p = cr_json_pointer_append ("/definitions", name);
      CrCondition *condition;

      if (g_str_equal (name, "$comment"))
        continue;
      loader_take_item (l, g_strdup_printf (_("definition “%s”"), name));
      if (!is_identifier (name, FALSE))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("“%s” is not an id"), name);
      if (g_hash_table_contains (l->self->definitions, name))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                            _("the definition already exists in the base rule set"));

      condition = compile_condition (l, json_object_get_member (definitions, name), p,
                                     CR_SCOPE_RECORD, CR_PHASE_STATUS);
      if (condition == NULL)
        return FALSE;
      g_hash_table_insert (l->self->definitions, g_strdup (name), condition);
    }
  loader_take_item (l, NULL);

  return TRUE;
}

/* -- periods -------------------------------------------------------------- */

static int
earliest_rank (CrEarliestKind kind)
{
  /* Not published < some months < never repairable: the later in this order,
   * the stricter. */
  switch (kind)
    {
    case CR_EARLIEST_NOT_PUBLISHED: return 0;
    case CR_EARLIEST_MONTHS: return 1;
    case CR_EARLIEST_NEVER: return 2;
    default: g_assert_not_reached ();
    }
}

static gboolean
parse_earliest (Loader         *l,
                JsonNode       *node,
                const char     *pointer,
                CrEarliestKind *kind,
                guint          *months)
{
  *months = 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (node);

      if (g_str_equal (text, "never"))
        {
          *kind = CR_EARLIEST_NEVER;
          return TRUE;
        }
      if (g_str_equal (text, "not_published"))
        {
          *kind = CR_EARLIEST_NOT_PUBLISHED;
          return TRUE;
        }
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pointer,
                          _("expected a number of months, “never” or “not_published”"));
    }

  *kind = CR_EARLIEST_MONTHS;
  return get_months (l, node, pointer, months);
}

static CrPeriod *
lookup_period (CrRuleSet  *self,
               const char *id)
{
  for (guint i = 0; i < self->periods->len; i++)
    {
      CrPeriod *period = g_ptr_array_index (self->periods, i);

      if (g_str_equal (period->id, id))
        return period;
    }

  return NULL;
}

static gboolean
load_period (Loader     *l,
             JsonObject *object,
             const char *pointer)
{
  static const char * const keys[] = { "id", "when", "start", "earliest", "display_end", NULL };
  static const char * const starts[] = { "decision_date", "publication_date", NULL };
  g_autofree char *pw = cr_json_pointer_append (pointer, "when");
  g_autofree char *pe = cr_json_pointer_append (pointer, "earliest");
  g_autofree char *pd = cr_json_pointer_append (pointer, "display_end");
  g_autofree char *ps = cr_json_pointer_append (pointer, "start");
  const char *id, *start;
  JsonNode *when, *earliest, *display_end;
  CrPeriod *existing;
  gboolean ok;

  if (!get_string (l, object, pointer, "id", REQUIRED, &id))
    return FALSE;
  loader_take_item (l, g_strdup_printf (_("period “%s”"), id));
  if (!check_keys (l, object, pointer, keys))
    return FALSE;

  existing = lookup_period (l->self, id);
  if (existing != NULL && !l->overlay)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pointer, _("the period id is used twice"));

  if (!get_enum (l, object, pointer, "start", OPTIONAL, starts, &start))
    return FALSE;
  when = get_member (l, object, pointer, "when", existing ? OPTIONAL : REQUIRED, &ok);
  if (!ok)
    return FALSE;
  earliest = get_member (l, object, pointer, "earliest", existing ? OPTIONAL : REQUIRED, &ok);
  if (!ok)
    return FALSE;
  display_end = get_member (l, object, pointer, "display_end", existing ? OPTIONAL : REQUIRED, &ok);
  if (!ok)
    return FALSE;

  if (existing != NULL)
    {
      /* An overlay changing a period of its base: only longer. */
      if (when != NULL && !json_node_equal (when, existing->when_node))
        return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, pw,
                            _("an overlay cannot change which records a period applies to; "
                              "add a period of its own instead"));
      if (start != NULL && g_str_equal (start, "publication_date") != existing->from_publication)
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, ps,
                            _("an overlay cannot change where a period starts"));

      if (earliest != NULL)
        {
          CrEarliestKind kind;
          guint months;

          if (!parse_earliest (l, earliest, pe, &kind, &months))
            return FALSE;
          if (earliest_rank (kind) < earliest_rank (existing->earliest_kind) ||
              (kind == CR_EARLIEST_MONTHS && existing->earliest_kind == CR_EARLIEST_MONTHS &&
               months < existing->earliest_months))
            {
              g_autofree char *before = existing->earliest_kind == CR_EARLIEST_MONTHS
                ? g_strdup_printf ("%u", existing->earliest_months)
                : g_strdup (cr_earliest_kind_to_string (existing->earliest_kind));
              g_autofree char *after = kind == CR_EARLIEST_MONTHS
                ? g_strdup_printf ("%u", months)
                : g_strdup (cr_earliest_kind_to_string (kind));

              return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, pe,
                                  _("an overlay cannot shorten a period (earliest application: "
                                    "%s → %s)"), before, after);
            }
          existing->earliest_kind = kind;
          existing->earliest_months = months;
        }

      if (display_end != NULL)
        {
          guint months;

          if (!get_months (l, display_end, pd, &months))
            return FALSE;
          if (months < existing->display_end_months)
            return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, pd,
                                _("an overlay cannot shorten a period (end of publication: "
                                  "%u → %u months)"), existing->display_end_months, months);
          existing->display_end_months = months;
        }

      return TRUE;
    }

  {
    CrPeriod *period = g_new0 (CrPeriod, 1);

    period->id = g_strdup (id);
    g_ptr_array_add (l->self->periods, period);
    period->from_publication = g_strcmp0 (start, "publication_date") == 0;
    period->when_node = when;
    period->when = compile_condition (l, when, pw, CR_SCOPE_RECORD, CR_PHASE_FACTS);
    if (period->when == NULL)
      return FALSE;
    if (!parse_earliest (l, earliest, pe, &period->earliest_kind, &period->earliest_months) ||
        !get_months (l, display_end, pd, &period->display_end_months))
      return FALSE;
  }

  return TRUE;
}

static gboolean
load_periods (Loader     *l,
              JsonObject *root)
{
  JsonArray *periods;

  if (!get_array (l, root, "", "periods", l->overlay ? OPTIONAL : REQUIRED, &periods))
    return FALSE;

  for (guint i = 0; periods != NULL && i < json_array_get_length (periods); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/periods", i);
      JsonNode *node = json_array_get_element (periods, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
      if (!load_period (l, json_node_get_object (node), p))
        return FALSE;
    }
  loader_take_item (l, NULL);

  return TRUE;
}

/* -- statuses and suggestions -------------------------------------------- */

static gboolean
load_statuses (Loader     *l,
               JsonObject *root)
{
  static const char * const keys[] = { "status", "when", NULL };
  JsonArray *statuses;

  if (l->overlay)
    return TRUE;

  if (!get_array (l, root, "", "statuses", REQUIRED, &statuses))
    return FALSE;
  if (json_array_get_length (statuses) == 0)
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, "/statuses", _("expected a non-empty array"));

  for (guint i = 0; i < json_array_get_length (statuses); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/statuses", i);
      g_autofree char *pw = cr_json_pointer_append (p, "when");
      JsonNode *node = json_array_get_element (statuses, i);
      JsonObject *object;
      const char *status;
      CrStatusRow *row;
      gboolean ok;
      JsonNode *when;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
      object = json_node_get_object (node);
      if (!check_keys (l, object, p, keys) ||
          !get_enum (l, object, p, "status", REQUIRED, cr_condition_get_statuses (), &status))
        return FALSE;

      for (guint j = 0; j < l->self->statuses->len; j++)
        {
          CrStatusRow *other = g_ptr_array_index (l->self->statuses, j);

          if (g_str_equal (other->status, status))
            {
              g_autofree char *ps = cr_json_pointer_append (p, "status");
              return loader_fail (l, CR_RULE_SET_ERROR_INVALID, ps,
                                  _("the status “%s” is listed twice"), status);
            }
        }

      when = get_member (l, object, p, "when", REQUIRED, &ok);
      if (!ok)
        return FALSE;

      row = g_new0 (CrStatusRow, 1);
      row->status = g_strdup (status);
      g_ptr_array_add (l->self->statuses, row);
      row->when = compile_condition (l, when, pw, CR_SCOPE_RECORD, CR_PHASE_PERIOD);
      if (row->when == NULL)
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_suggestions (Loader     *l,
                  JsonObject *root)
{
  static const char * const keys[] = { "severity", "when", NULL };
  JsonArray *suggestions;

  if (!get_array (l, root, "", "severity_suggestions", OPTIONAL, &suggestions))
    return FALSE;

  for (guint i = 0; suggestions != NULL && i < json_array_get_length (suggestions); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/severity_suggestions", i);
      g_autofree char *pw = cr_json_pointer_append (p, "when");
      JsonNode *node = json_array_get_element (suggestions, i);
      CrSuggestion *suggestion;
      JsonObject *object;
      const char *severity;
      JsonNode *when;
      gboolean ok;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
      object = json_node_get_object (node);
      if (!check_keys (l, object, p, keys) ||
          !get_enum (l, object, p, "severity", REQUIRED, cr_condition_get_classes (), &severity))
        return FALSE;
      when = get_member (l, object, p, "when", REQUIRED, &ok);
      if (!ok)
        return FALSE;

      suggestion = g_new0 (CrSuggestion, 1);
      suggestion->severity = g_strdup (severity);
      g_ptr_array_add (l->self->suggestions, suggestion);
      suggestion->when = compile_condition (l, when, pw, CR_SCOPE_RECORD, CR_PHASE_FACTS);
      if (suggestion->when == NULL)
        return FALSE;
    }

  return TRUE;
}

/* -- rules ---------------------------------------------------------------- */

typedef struct
{
  CrScope   scope;
  gboolean  slot;
} PlaceholderScope;

static const char *
placeholder_allowed (const char *name,
                     gpointer    user_data)
{
  static const char * const case_names[] = { "on", "regime", "valid_from", NULL };
  static const char * const record_names[] = {
    "record", "decision_number", "decision_date", "publication_date", "severity",
    "suggested_severity", "earliest_application_date", "display_end_date", "fine_total",
    "fine_paid_amount", "fine_paid_date", NULL
  };
  static const char * const slot_names[] = { "slot", "slot_id", NULL };
  const PlaceholderScope *scope = user_data;

  if (g_strv_contains (case_names, name) ||
      (scope->scope == CR_SCOPE_RECORD && g_strv_contains (record_names, name)) ||
      (scope->slot && g_strv_contains (slot_names, name)))
    return "";

  return NULL;
}

static gboolean
check_templates (Loader          *l,
                 const CrRule    *rule,
                 const char      *pointer,
                 const char      *key,
                 char * const    *texts)
{
  PlaceholderScope scope = { rule->scope, rule->requires_slot != NULL || rule->slot != NULL };

  for (guint i = 0; i < CR_N_LANGUAGES; i++)
    {
      g_autofree char *bad = NULL;

      if (!cr_template_expand (texts[i], placeholder_allowed, &scope, NULL, &bad))
        {
          g_autofree char *pk = cr_json_pointer_append (pointer, key);
          g_autofree char *pl = cr_json_pointer_append (pk, cr_language_to_string (i));
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pl,
                              _("“{%s}” is not a placeholder this rule can use"), bad);
        }
    }

  return TRUE;
}

static gboolean
resolve_basis (Loader     *l,
               JsonObject *object,
               const char *pointer,
               CrBasis    *out)
{
  const char *key;
  CrBasis *basis;

  if (!get_string (l, object, pointer, "basis", OPTIONAL, &key))
    return FALSE;
  if (key == NULL)
    return TRUE;

  basis = g_hash_table_lookup (l->self->bases, key);
  if (basis == NULL)
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "basis");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                          _("“%s” is not a basis defined under /bases"), key);
    }

  basis_copy (out, basis);
  return TRUE;
}

static gboolean
check_slot_ref (Loader     *l,
                const char *slot,
                const char *pointer,
                const char *key)
{
  if (slot != NULL && !g_hash_table_contains (l->self->slots_by_id, slot))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, key);
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                          _("“%s” is not a slot defined by this rule set"), slot);
    }

  return TRUE;
}

static gboolean
check_field (Loader       *l,
             const CrRule *rule,
             const char   *pointer)
{
  g_autofree char *p = NULL;

  if (rule->field == NULL)
    return TRUE;

  p = cr_json_pointer_append (pointer, "field");
  if (rule->field[0] != '/')
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                        _("expected a JSON pointer into the case, such as "
                          "“/records/*/decision_date”"));
  if (rule->scope == CR_SCOPE_CASE &&
      (strstr (rule->field, "/*/") != NULL || g_str_has_suffix (rule->field, "/*")))
    return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                        _("“*” stands for the record and cannot be used in a case-wide rule"));

  return TRUE;
}

static gboolean
parse_severity (Loader     *l,
                JsonObject *object,
                const char *pointer,
                GetFlags    flags,
                gboolean   *present,
                CrSeverity *out)
{
  static const char * const severities[] = { "error", "warning", "info", NULL };
  const char *text;

  *present = FALSE;
  if (!get_enum (l, object, pointer, "severity", flags, severities, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *present = TRUE;
  return cr_severity_from_string (text, out);
}

static gboolean
parse_confidence (Loader     *l,
                  JsonObject *object,
                  const char *pointer,
                  GetFlags    flags,
                  gboolean   *present,
                  gboolean   *verified)
{
  static const char * const confidences[] = { "verified", "unverified", NULL };
  const char *text;

  *present = FALSE;
  if (!get_enum (l, object, pointer, "confidence", flags, confidences, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  *present = TRUE;
  *verified = g_str_equal (text, "verified");
  return TRUE;
}

static gboolean
check_unverified (Loader       *l,
                  const CrRule *rule,
                  const char   *pointer)
{
  if (!rule->verified && rule->severity == CR_SEVERITY_ERROR)
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "severity");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                          _("an unverified rule cannot be an error; make it a warning until the "
                            "official text is checked"));
    }

  return TRUE;
}

static gboolean
load_new_rule (Loader     *l,
               JsonObject *object,
               const char *pointer,
               const char *id)
{
  static const char * const keys[] = {
    "id", "scope", "severity", "confidence", "when", "requires_slot", "slot", "field",
    "message", "fix", "basis", NULL
  };
  static const char * const scopes[] = { "case", "record", NULL };
  g_autofree char *pw = cr_json_pointer_append (pointer, "when");
  RuleEntry *entry;
  CrRule *rule;
  const char *scope, *requires_slot, *slot, *field;
  LocalText message = { { NULL, } }, fix = { { NULL, } };
  gboolean present, ok;
  JsonNode *when;

  if (!check_keys (l, object, pointer, keys))
    return FALSE;

  entry = g_new0 (RuleEntry, 1);
  rule = &entry->pub;
  rule->id = g_strdup (id);
  g_ptr_array_add (l->self->rules, entry);
  g_hash_table_insert (l->self->rules_by_id, rule->id, entry);

  if (!get_enum (l, object, pointer, "scope", REQUIRED, scopes, &scope) ||
      !parse_severity (l, object, pointer, REQUIRED, &present, &rule->severity) ||
      !parse_confidence (l, object, pointer, REQUIRED, &present, &rule->verified) ||
      !get_string (l, object, pointer, "requires_slot", OPTIONAL, &requires_slot) ||
      !get_string (l, object, pointer, "slot", OPTIONAL, &slot) ||
      !get_string (l, object, pointer, "field", OPTIONAL, &field) ||
      !check_slot_ref (l, requires_slot, pointer, "requires_slot") ||
      !check_slot_ref (l, slot, pointer, "slot"))
    return FALSE;

  rule->scope = g_str_equal (scope, "case") ? CR_SCOPE_CASE : CR_SCOPE_RECORD;
  rule->requires_slot = g_strdup (requires_slot);
  rule->slot = g_strdup (slot);
  rule->field = g_strdup (field);

  if (rule->requires_slot != NULL && rule->scope != CR_SCOPE_RECORD)
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "scope");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                          _("a rule that requires a slot must have the scope “record”"));
    }
  if (!check_field (l, rule, pointer) || !check_unverified (l, rule, pointer))
    return FALSE;

  if (!get_local_text (l, object, pointer, "message", REQUIRED, &message, NULL) ||
      !get_local_text (l, object, pointer, "fix", REQUIRED, &fix, NULL))
    {
      local_text_clear (&message);
      local_text_clear (&fix);
      return FALSE;
    }
  memcpy (rule->message, message.text, sizeof rule->message);
  memcpy (rule->fix, fix.text, sizeof rule->fix);

  if (!check_templates (l, rule, pointer, "message", rule->message) ||
      !check_templates (l, rule, pointer, "fix", rule->fix))
    return FALSE;

  if (!json_object_has_member (object, "basis"))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "basis");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("the key “%s” is missing"), "basis");
    }
  if (!resolve_basis (l, object, pointer, &rule->basis))
    return FALSE;

  when = get_member (l, object, pointer, "when", REQUIRED, &ok);
  if (!ok)
    return FALSE;
  entry->when_node = when;
  rule->when = compile_condition (l, when, pw, rule->scope, CR_PHASE_STATUS);

  return rule->when != NULL;
}

typedef struct
{
  char *rule_id;
  char *pointer;
  char *replaced_by;
  char *requires_slot;
} PendingDisable;

static void
pending_disable_free (PendingDisable *pending)
{
  g_free (pending->rule_id);
  g_free (pending->pointer);
  g_free (pending->replaced_by);
  g_free (pending->requires_slot);
  g_free (pending);
}

static gboolean
modify_rule (Loader     *l,
             JsonObject *object,
             const char *pointer,
             RuleEntry  *entry,
             GPtrArray  *pending)
{
  static const char * const keys[] = {
    "id", "scope", "severity", "confidence", "when", "requires_slot", "slot", "field",
    "message", "fix", "basis", "disabled", "replaced_by", NULL
  };
  CrRule *rule = &entry->pub;
  gboolean was_error = rule->severity == CR_SEVERITY_ERROR && !rule->disabled;
  const char *scope, *slot, *field, *replaced_by;
  JsonNode *when, *requires_slot;
  CrSeverity severity;
  gboolean present, disabled, verified, ok;
  LocalText text = { { NULL, } };

  if (!check_keys (l, object, pointer, keys))
    return FALSE;

  if (!get_string (l, object, pointer, "scope", OPTIONAL, &scope))
    return FALSE;
  if (scope != NULL && !g_str_equal (scope, rule->scope == CR_SCOPE_CASE ? "case" : "record"))
    {
      g_autofree char *p = cr_json_pointer_append (pointer, "scope");
      return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                          _("an overlay cannot change the scope of a rule; add a rule of its own"));
    }

  if (!parse_severity (l, object, pointer, OPTIONAL, &present, &severity))
    return FALSE;
  if (present)
    {
      if (severity < rule->severity)
        {
          g_autofree char *p = cr_json_pointer_append (pointer, "severity");
          return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p,
                              _("an overlay cannot lower the severity of a rule (%s → %s)"),
                              cr_severity_to_string (rule->severity),
                              cr_severity_to_string (severity));
        }
      rule->severity = severity;
    }

  if (!parse_confidence (l, object, pointer, OPTIONAL, &present, &verified))
    return FALSE;
  if (present)
    rule->verified = verified;

  when = get_member (l, object, pointer, "when", OPTIONAL, &ok);
  if (!ok)
    return FALSE;
  if (when != NULL && !json_node_equal (when, entry->when_node))
    {
      g_autofree char *pw = cr_json_pointer_append (pointer, "when");
      CrCondition *condition;

      if (was_error)
        return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, pw,
                            _("an overlay cannot change the condition of an error rule (it could "
                              "loosen it); add a stricter rule of its own instead"));
      condition = compile_condition (l, when, pw, rule->scope, CR_PHASE_STATUS);
      if (condition == NULL)
        return FALSE;
      cr_condition_unref (rule->when);
      rule->when = condition;
      entry->when_node = when;
    }

  requires_slot = json_object_get_member (object, "requires_slot");
  if (requires_slot != NULL)
    {
      const char *new_slot = NULL;

      if (!JSON_NODE_HOLDS_NULL (requires_slot) &&
          !get_string (l, object, pointer, "requires_slot", OPTIONAL, &new_slot))
        return FALSE;
      if (g_strcmp0 (new_slot, rule->requires_slot) != 0)
        {
          g_autofree char *p = cr_json_pointer_append (pointer, "requires_slot");

          if (was_error && rule->requires_slot != NULL)
            return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p,
                                _("an overlay cannot drop the required slot “%s”"),
                                rule->requires_slot);
          if (!check_slot_ref (l, new_slot, pointer, "requires_slot"))
            return FALSE;
          if (new_slot != NULL && rule->scope != CR_SCOPE_RECORD)
            return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p,
                                _("a rule that requires a slot must have the scope “record”"));
          g_free (rule->requires_slot);
          rule->requires_slot = g_strdup (new_slot);
        }
    }

  if (!get_string (l, object, pointer, "slot", OPTIONAL, &slot) ||
      !check_slot_ref (l, slot, pointer, "slot") ||
      !get_string (l, object, pointer, "field", OPTIONAL, &field))
    return FALSE;
  if (slot != NULL)
    {
      g_free (rule->slot);
      rule->slot = g_strdup (slot);
    }
  if (field != NULL)
    {
      g_free (rule->field);
      rule->field = g_strdup (field);
      if (!check_field (l, rule, pointer))
        return FALSE;
    }

  if (!get_local_text (l, object, pointer, "message", OPTIONAL, &text, &present))
    return FALSE;
  if (present)
    {
      for (guint i = 0; i < CR_N_LANGUAGES; i++)
        {
          g_free (rule->message[i]);
          rule->message[i] = g_steal_pointer (&text.text[i]);
        }
    }
  if (!get_local_text (l, object, pointer, "fix", OPTIONAL, &text, &present))
    return FALSE;
  if (present)
    {
      for (guint i = 0; i < CR_N_LANGUAGES; i++)
        {
          g_free (rule->fix[i]);
          rule->fix[i] = g_steal_pointer (&text.text[i]);
        }
    }
  if (!check_templates (l, rule, pointer, "message", rule->message) ||
      !check_templates (l, rule, pointer, "fix", rule->fix) ||
      !resolve_basis (l, object, pointer, &rule->basis))
    return FALSE;

  if (!get_boolean (l, object, pointer, "disabled", &present, &disabled) ||
      !get_string (l, object, pointer, "replaced_by", OPTIONAL, &replaced_by))
    return FALSE;
  if (present)
    {
      if (disabled && was_error)
        {
          PendingDisable *p = g_new0 (PendingDisable, 1);

          p->rule_id = g_strdup (rule->id);
          p->pointer = cr_json_pointer_append (pointer, "disabled");
          p->replaced_by = g_strdup (replaced_by);
          p->requires_slot = g_strdup (rule->requires_slot);
          g_ptr_array_add (pending, p);
        }
      rule->disabled = disabled;
    }
  if (replaced_by != NULL)
    {
      g_free (entry->replaced_by);
      entry->replaced_by = g_strdup (replaced_by);
    }

  return check_unverified (l, rule, pointer);
}

static gboolean
check_replacements (Loader    *l,
                    GPtrArray *pending)
{
  for (guint i = 0; i < pending->len; i++)
    {
      PendingDisable *p = g_ptr_array_index (pending, i);
      RuleEntry *replacement;

      loader_take_item (l, g_strdup_printf (_("rule “%s”"), p->rule_id));
      if (p->replaced_by == NULL)
        {
          if (p->requires_slot != NULL)
            return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p->pointer,
                                _("an overlay cannot drop the required slot “%s” (disabling an "
                                  "error rule needs “replaced_by” naming a rule that requires "
                                  "the same slot)"), p->requires_slot);
          return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p->pointer,
                              _("an overlay cannot disable an error rule without a replacement "
                                "(give “replaced_by” naming an error rule of the overlay)"));
        }

      replacement = g_hash_table_lookup (l->self->rules_by_id, p->replaced_by);
      if (replacement == NULL || replacement->pub.disabled ||
          replacement->pub.severity != CR_SEVERITY_ERROR ||
          g_str_equal (p->replaced_by, p->rule_id))
        return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p->pointer,
                            _("the replacement “%s” must be an enabled error rule of its own"),
                            p->replaced_by);
      if (p->requires_slot != NULL &&
          g_strcmp0 (replacement->pub.requires_slot, p->requires_slot) != 0)
        return loader_fail (l, CR_RULE_SET_ERROR_LOOSENS, p->pointer,
                            _("an overlay cannot drop the required slot “%s”: the replacement "
                              "“%s” does not require it"), p->requires_slot, p->replaced_by);
    }

  return TRUE;
}

static gboolean
load_rules (Loader     *l,
            JsonObject *root)
{
  g_autoptr(GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_disable_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *rules;

  if (!get_array (l, root, "", "rules", l->overlay ? OPTIONAL : REQUIRED, &rules))
    return FALSE;

  for (guint i = 0; rules != NULL && i < json_array_get_length (rules); i++)
    {
      g_autofree char *p = cr_json_pointer_append_index ("/rules", i);
      JsonNode *node = json_array_get_element (rules, i);
      JsonObject *object;
      RuleEntry *existing;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return loader_fail (l, CR_RULE_SET_ERROR_INVALID, p, _("expected an object"));
      object = json_node_get_object (node);

      if (!get_string (l, object, p, "id", REQUIRED, &id))
        return FALSE;
      loader_take_item (l, g_strdup_printf (_("rule “%s”"), id));
      if (!is_identifier (id, TRUE))
        {
          g_autofree char *pi = cr_json_pointer_append (p, "id");
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pi, _("“%s” is not an id"), id);
        }

      existing = g_hash_table_lookup (l->self->rules_by_id, id);
      if (g_hash_table_contains (seen, id) || (existing != NULL && !l->overlay))
        {
          g_autofree char *pi = cr_json_pointer_append (p, "id");
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pi, _("the rule id is used twice"));
        }

      g_hash_table_add (seen, (gpointer) id);

      if (existing != NULL)
        {
          if (!modify_rule (l, object, p, existing, pending))
            return FALSE;
        }
      else if (json_object_has_member (object, "disabled") ||
               json_object_has_member (object, "replaced_by"))
        {
          g_autofree char *pi = cr_json_pointer_append (p, "id");
          return loader_fail (l, CR_RULE_SET_ERROR_INVALID, pi,
                              l->overlay ? _("there is no rule “%s” in the base rule set to change")
                                         : _("only an overlay can disable rules (rule “%s”)"),
                              id);
        }
      else if (!load_new_rule (l, object, p, id))
        return FALSE;
    }

  if (!check_replacements (l, pending))
    return FALSE;
  loader_take_item (l, NULL);

  return TRUE;
}

static gboolean
apply_document (CrRuleSet   *self,
                JsonObject  *root,
                const char  *origin,
                gboolean     overlay,
                GError     **error)
{
  Loader l = { self, origin, overlay, NULL, error };
  gboolean ok;

  ok = load_metadata (&l, root) &&
       load_labels (&l, root) &&
       load_bases (&l, root) &&
       load_calendar (&l, root) &&
       load_slots (&l, root) &&
       load_definitions (&l, root) &&
       load_periods (&l, root) &&
       load_statuses (&l, root) &&
       load_suggestions (&l, root) &&
       load_rules (&l, root);

  g_free (l.item);
  return ok;
}

static gboolean
apply_chain (CrRuleSet  *self,
             CrRuleSet  *from,
             GError    **error)
{
  if (from->base != NULL && !apply_chain (self, from->base, error))
    return FALSE;

  return apply_document (self, json_node_get_object (from->root), from->origin,
                         from->base != NULL, error);
}

/* ------------------------------------------------------------------------ */
/* CrRuleSet                                                                */

static void
cr_rule_set_finalize (GObject *object)
{
  CrRuleSet *self = CR_RULE_SET (object);

  /* Conditions keep pointers into the documents: free them first. */
  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->suggestions, g_ptr_array_unref);
  g_clear_pointer (&self->statuses, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->definitions, g_hash_table_unref);
  g_clear_pointer (&self->slots_by_id, g_hash_table_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->case_wide_slots, g_hash_table_unref);
  g_clear_pointer (&self->bases, g_hash_table_unref);
  g_clear_pointer (&self->class_names, g_hash_table_unref);
  g_clear_pointer (&self->holidays, g_array_unref);
  g_clear_pointer (&self->working_weekends, g_array_unref);
  g_strfreev (self->calendar_basis);
  local_text_clear (&self->title);
  local_text_clear (&self->unverified_label);
  g_free (self->id);
  g_free (self->version);
  g_free (self->regime);
  g_free (self->jurisdiction);
  g_free (self->extends);
  g_free (self->origin);
  g_free (self->sha256);
  g_clear_pointer (&self->root, json_node_unref);
  g_clear_object (&self->base);

  G_OBJECT_CLASS (cr_rule_set_parent_class)->finalize (object);
}

static void
cr_rule_set_class_init (CrRuleSetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cr_rule_set_finalize;
}

static void
cr_rule_set_init (CrRuleSet *self)
{
  g_date_clear (&self->valid_from, 1);
  g_date_clear (&self->valid_until, 1);
  self->class_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) local_text_free);
  self->bases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) basis_free);
  self->definitions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) cr_condition_unref);
  self->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_def_free);
  self->slots_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->case_wide_slots = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->periods = g_ptr_array_new_with_free_func ((GDestroyNotify) period_free);
  self->statuses = g_ptr_array_new_with_free_func ((GDestroyNotify) status_row_free);
  self->suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) suggestion_free);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_entry_free);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_date_clear (&self->calendar_from, 1);
  g_date_clear (&self->calendar_until, 1);
  self->holidays = g_array_new (FALSE, FALSE, sizeof (guint32));
  self->working_weekends = g_array_new (FALSE, FALSE, sizeof (guint32));
}

static JsonNode *
parse_document (GBytes      *bytes,
                const char  *origin,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonNode *root;

  if (!json_parser_load_from_data (parser, data, size, &local_error))
    {
      /* json-glib quotes the bad text, which may be a cut-off character. */
      g_autofree char *detail = g_utf8_make_valid (local_error->message, -1);

      g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_PARSE,
                   _("%s: not valid JSON: %s"), origin, detail);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_INVALID,
                   _("%s: /: a rule set is a JSON object"), origin);
      return NULL;
    }

  return json_node_ref (root);
}

static CrRuleSet *
rule_set_new (GBytes               *bytes,
              JsonNode             *root,
              const char           *origin,
              CrRuleSetSource       source,
              CrRuleSetCollection  *bases,
              GError              **error)
{
  g_autoptr(CrRuleSet) self = g_object_new (CR_TYPE_RULE_SET, NULL);
  JsonNode *extends = json_object_get_member (json_node_get_object (root), "extends");

  self->root = json_node_ref (root);
  self->origin = g_strdup (origin);
  self->source = source;
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  if (extends != NULL && JSON_NODE_HOLDS_VALUE (extends) &&
      json_node_get_value_type (extends) == G_TYPE_STRING)
    {
      const char *base_id = json_node_get_string (extends);
      CrRuleSet *base = bases ? cr_rule_set_collection_lookup (bases, base_id) : NULL;

      if (base == NULL)
        {
          g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_BASE_NOT_FOUND,
                       _("%s: /extends: the base rule set “%s” is not loaded"), origin, base_id);
          return NULL;
        }
      self->base = g_object_ref (base);
      if (!apply_chain (self, base, error))
        return NULL;
    }

  if (!apply_document (self, json_node_get_object (root), origin, self->base != NULL, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * cr_rule_set_new_from_bytes:
 * @origin: how messages name the document (a file name or resource path)
 * @bases: (nullable): where to find the base of an overlay
 *
 * Returns: (transfer full): the rule set, or %NULL with @error in
 * %CR_RULE_SET_ERROR naming @origin, the item and the JSON pointer.
 */
CrRuleSet *
cr_rule_set_new_from_bytes (GBytes               *bytes,
                            const char           *origin,
                            CrRuleSetSource       source,
                            CrRuleSetCollection  *bases,
                            GError              **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (bases == NULL || CR_IS_RULE_SET_COLLECTION (bases), NULL);

  root = parse_document (bytes, origin, error);
  if (root == NULL)
    return NULL;

  return rule_set_new (bytes, root, origin, source, bases, error);
}

CrRuleSet *
cr_rule_set_new_from_file (const char           *path,
                           CrRuleSetSource       source,
                           CrRuleSetCollection  *bases,
                           GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_PARSE, "%s", local_error->message);
      return NULL;
    }
  bytes = g_bytes_new_take (contents, length);

  return cr_rule_set_new_from_bytes (bytes, path, source, bases, error);
}

const char *
cr_rule_set_get_id (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->id;
}

const char *
cr_rule_set_get_version (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->version;
}

const char *
cr_rule_set_get_regime (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->regime;
}

const char *
cr_rule_set_get_jurisdiction (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->jurisdiction;
}

/**
 * cr_rule_set_get_extends:
 *
 * Returns: (nullable): the id of the base rule set of an overlay.
 */
const char *
cr_rule_set_get_extends (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->extends;
}

/**
 * cr_rule_set_get_base:
 *
 * Returns: (nullable) (transfer none): the base of an overlay.
 */
CrRuleSet *
cr_rule_set_get_base (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->base;
}

/**
 * cr_rule_set_get_sha256:
 *
 * Returns: the SHA-256 of the rule-set document's bytes (for an overlay, of
 * the overlay's own file), in lower-case hex.
 */
const char *
cr_rule_set_get_sha256 (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->sha256;
}

const char *
cr_rule_set_get_origin (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->origin;
}

CrRuleSetSource
cr_rule_set_get_source (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), CR_RULE_SET_SOURCE_RESOURCE);
  return self->source;
}

const char *
cr_rule_set_get_title (CrRuleSet  *self,
                       CrLanguage  language)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (language < CR_N_LANGUAGES, NULL);
  return self->title.text[language];
}

const GDate *
cr_rule_set_get_valid_from (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return &self->valid_from;
}

/**
 * cr_rule_set_get_valid_until:
 *
 * Returns: (nullable): the last application date covered, or %NULL if the
 * rule set has no end yet.
 */
const GDate *
cr_rule_set_get_valid_until (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return g_date_valid (&self->valid_until) ? &self->valid_until : NULL;
}

gboolean
cr_rule_set_covers (CrRuleSet   *self,
                    const GDate *date)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return g_date_compare (date, &self->valid_from) >= 0 &&
         (!g_date_valid (&self->valid_until) || g_date_compare (date, &self->valid_until) <= 0);
}

/**
 * cr_rule_set_has_calendar:
 * @self: (nullable): a rule set
 *
 * Returns: whether @self carries a calendar of public holidays and make-up
 * working days (`calendar` in the rule-set format).
 */
gboolean
cr_rule_set_has_calendar (CrRuleSet *self)
{
  g_return_val_if_fail (self == NULL || CR_IS_RULE_SET (self), FALSE);

  return self != NULL && self->has_calendar;
}

/**
 * cr_rule_set_get_calendar_known_from:
 *
 * Returns: (nullable): the first day the calendar knows, or %NULL without a
 * calendar.
 */
const GDate *
cr_rule_set_get_calendar_known_from (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->has_calendar ? &self->calendar_from : NULL;
}

/**
 * cr_rule_set_get_calendar_known_until:
 *
 * Returns: (nullable): the last day the calendar knows (the last year whose
 * holidays have been announced), or %NULL without a calendar.
 */
const GDate *
cr_rule_set_get_calendar_known_until (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->has_calendar ? &self->calendar_until : NULL;
}

/**
 * cr_rule_set_get_calendar_basis:
 *
 * Returns: (nullable) (transfer none): the keys of the bases the calendar
 * cites, or %NULL without a calendar.
 */
const char * const *
cr_rule_set_get_calendar_basis (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->has_calendar ? (const char * const *) self->calendar_basis : NULL;
}

GArray *
cr_rule_set_get_holidays (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->has_calendar ? self->holidays : NULL;
}

GArray *
cr_rule_set_get_working_weekends (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return self->has_calendar ? self->working_weekends : NULL;
}

static gboolean
calendar_knows (CrRuleSet   *self,
                const GDate *date)
{
  return self != NULL && self->has_calendar &&
         g_date_compare (date, &self->calendar_from) >= 0 &&
         g_date_compare (date, &self->calendar_until) <= 0;
}

/**
 * cr_rule_set_is_working_day:
 * @self: (nullable): a rule set, or %NULL for Monday to Friday
 * @date: a valid date
 * @known: (out) (optional): whether @self's calendar covers @date; when it
 *   does not, the answer is a guess (Monday to Friday)
 *
 * Returns: whether @date is a working day: a weekday that is not a public
 * holiday, or a weekend day made a working day (调休上班).
 */
gboolean
cr_rule_set_is_working_day (CrRuleSet   *self,
                            const GDate *date,
                            gboolean    *known)
{
  guint32 julian;

  g_return_val_if_fail (self == NULL || CR_IS_RULE_SET (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (!calendar_knows (self, date))
    {
      if (known != NULL)
        *known = FALSE;
      return !is_weekend (date);
    }

  if (known != NULL)
    *known = TRUE;
  julian = g_date_get_julian (date);
  if (is_weekend (date))
    return julian_list_contains (self->working_weekends, julian);
  return !julian_list_contains (self->holidays, julian);
}

/**
 * cr_rule_set_add_working_days:
 * @self: (nullable): the rule set whose calendar counts, or %NULL to count
 *   Monday to Friday only
 * @date: (inout): a valid date, moved forward
 * @days: how many working days to add
 *
 * Moves @date forward by @days working days (cr_rule_set_is_working_day()):
 * by the calendar of @self as far as it is known, and Monday to Friday
 * before and after that.
 *
 * Returns: %TRUE if every day counted lay within the calendar (so the date
 * is exact), %FALSE if the count went beyond it or there is no calendar
 * (then the date may be early by holidays not yet announced).
 */
gboolean
cr_rule_set_add_working_days (CrRuleSet *self,
                              GDate     *date,
                              guint      days)
{
  gboolean exact = cr_rule_set_has_calendar (self);

  g_return_val_if_fail (self == NULL || CR_IS_RULE_SET (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  while (days > 0)
    {
      gboolean known;

      g_date_add_days (date, 1);
      if (cr_rule_set_is_working_day (self, date, &known))
        days--;
      if (!known)
        exact = FALSE;
    }

  return exact;
}

/**
 * cr_rule_set_get_class_name:
 *
 * Returns: (nullable): the name of a class of dishonest act (minor, general,
 * serious, specific_serious) in @language, or %NULL for another id.
 */
const char *
cr_rule_set_get_class_name (CrRuleSet  *self,
                            const char *class_id,
                            CrLanguage  language)
{
  LocalText *text;

  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (language < CR_N_LANGUAGES, NULL);

  text = class_id ? g_hash_table_lookup (self->class_names, class_id) : NULL;
  return text ? text->text[language] : NULL;
}

guint
cr_rule_set_get_n_slots (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), 0);
  return self->slots->len;
}

const CrSlotDef *
cr_rule_set_get_slot (CrRuleSet *self,
                      guint      index)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (index < self->slots->len, NULL);
  return g_ptr_array_index (self->slots, index);
}

const CrSlotDef *
cr_rule_set_lookup_slot (CrRuleSet  *self,
                         const char *slot_id)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  return slot_id ? g_hash_table_lookup (self->slots_by_id, slot_id) : NULL;
}

guint
cr_rule_set_get_n_rules (CrRuleSet *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET (self), 0);
  return self->rules->len;
}

/**
 * cr_rule_set_get_rule:
 *
 * Returns: (transfer none): the rule at @index, in the order the checker
 * evaluates them (disabled rules included, with `disabled` set).
 */
const CrRule *
cr_rule_set_get_rule (CrRuleSet *self,
                      guint      index)
{
  RuleEntry *entry;

  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);
  g_return_val_if_fail (index < self->rules->len, NULL);

  entry = g_ptr_array_index (self->rules, index);
  return &entry->pub;
}

const CrRule *
cr_rule_set_lookup_rule (CrRuleSet  *self,
                         const char *rule_id)
{
  RuleEntry *entry;

  g_return_val_if_fail (CR_IS_RULE_SET (self), NULL);

  entry = rule_id ? g_hash_table_lookup (self->rules_by_id, rule_id) : NULL;
  return entry ? &entry->pub : NULL;
}

GPtrArray *
cr_rule_set_get_periods (CrRuleSet *self)
{
  return self->periods;
}

GPtrArray *
cr_rule_set_get_statuses (CrRuleSet *self)
{
  return self->statuses;
}

GPtrArray *
cr_rule_set_get_suggestions (CrRuleSet *self)
{
  return self->suggestions;
}

GHashTable *
cr_rule_set_get_case_wide_slots (CrRuleSet *self)
{
  return self->case_wide_slots;
}

const char *
cr_rule_set_get_unverified_label (CrRuleSet  *self,
                                  CrLanguage  language)
{
  return self->unverified_label.text[language];
}

/* ------------------------------------------------------------------------ */
/* CrRuleSetCollection                                                      */

static void
cr_rule_set_collection_finalize (GObject *object)
{
  CrRuleSetCollection *self = CR_RULE_SET_COLLECTION (object);

  g_clear_pointer (&self->sets, g_ptr_array_unref);
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  g_free (self->jurisdiction);

  G_OBJECT_CLASS (cr_rule_set_collection_parent_class)->finalize (object);
}

static void
cr_rule_set_collection_class_init (CrRuleSetCollectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cr_rule_set_collection_finalize;
}

static void
cr_rule_set_collection_init (CrRuleSetCollection *self)
{
  self->sets = g_ptr_array_new_with_free_func (g_object_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  self->jurisdiction = g_strdup ("CN");
}

/**
 * cr_rule_set_collection_new:
 *
 * Returns: (transfer full): an empty collection whose jurisdiction is "CN".
 */
CrRuleSetCollection *
cr_rule_set_collection_new (void)
{
  return g_object_new (CR_TYPE_RULE_SET_COLLECTION, NULL);
}

static int
compare_sets (gconstpointer a,
              gconstpointer b)
{
  CrRuleSet *sa = *(CrRuleSet **) a;
  CrRuleSet *sb = *(CrRuleSet **) b;
  int cmp = g_date_compare (&sa->valid_from, &sb->valid_from);

  return cmp != 0 ? cmp : strcmp (sa->id, sb->id);
}

/**
 * cr_rule_set_collection_add:
 *
 * Adds @rule_set, replacing one with the same id.
 */
void
cr_rule_set_collection_add (CrRuleSetCollection *self,
                            CrRuleSet           *rule_set)
{
  g_return_if_fail (CR_IS_RULE_SET_COLLECTION (self));
  g_return_if_fail (CR_IS_RULE_SET (rule_set));

  for (guint i = 0; i < self->sets->len; i++)
    {
      CrRuleSet *other = g_ptr_array_index (self->sets, i);

      if (g_str_equal (other->id, rule_set->id))
        {
          g_ptr_array_remove_index (self->sets, i);
          break;
        }
    }

  g_ptr_array_add (self->sets, g_object_ref (rule_set));
  g_ptr_array_sort (self->sets, compare_sets);
}

gboolean
cr_rule_set_collection_add_file (CrRuleSetCollection  *self,
                                 const char           *path,
                                 CrRuleSetSource       source,
                                 GError              **error)
{
  g_autoptr(CrRuleSet) rule_set = NULL;

  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), FALSE);

  rule_set = cr_rule_set_new_from_file (path, source, self, error);
  if (rule_set == NULL)
    return FALSE;

  cr_rule_set_collection_add (self, rule_set);
  return TRUE;
}

guint
cr_rule_set_collection_get_n_rule_sets (CrRuleSetCollection *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), 0);
  return self->sets->len;
}

/**
 * cr_rule_set_collection_get_rule_set:
 *
 * Returns: (transfer none): the rule set at @index, in order of validity.
 */
CrRuleSet *
cr_rule_set_collection_get_rule_set (CrRuleSetCollection *self,
                                     guint                index)
{
  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), NULL);
  g_return_val_if_fail (index < self->sets->len, NULL);
  return g_ptr_array_index (self->sets, index);
}

/**
 * cr_rule_set_collection_lookup:
 *
 * Returns: (transfer none) (nullable): the rule set with @id.
 */
CrRuleSet *
cr_rule_set_collection_lookup (CrRuleSetCollection *self,
                               const char          *id)
{
  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), NULL);

  for (guint i = 0; id != NULL && i < self->sets->len; i++)
    {
      CrRuleSet *rule_set = g_ptr_array_index (self->sets, i);

      if (g_str_equal (rule_set->id, id))
        return rule_set;
    }

  return NULL;
}

const char *
cr_rule_set_collection_get_jurisdiction (CrRuleSetCollection *self)
{
  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), NULL);
  return self->jurisdiction;
}

/**
 * cr_rule_set_collection_set_jurisdiction:
 *
 * Sets which jurisdiction cr_rule_set_collection_select() picks rule sets
 * for ("CN", national, by default; an overlay for a province names its own).
 */
void
cr_rule_set_collection_set_jurisdiction (CrRuleSetCollection *self,
                                         const char          *jurisdiction)
{
  g_return_if_fail (CR_IS_RULE_SET_COLLECTION (self));
  g_return_if_fail (jurisdiction != NULL);

  g_free (self->jurisdiction);
  self->jurisdiction = g_strdup (jurisdiction);
}

/**
 * cr_rule_set_collection_select:
 * @on: the application date
 *
 * Picks the rule set of the collection's jurisdiction whose validity covers
 * @on. Should several do so, the one that starts latest wins (then the
 * greatest id), so that the choice never depends on loading order.
 *
 * Returns: (transfer full): the rule set, or %NULL with
 * %CR_RULE_SET_ERROR_NOT_FOUND.
 */
CrRuleSet *
cr_rule_set_collection_select (CrRuleSetCollection  *self,
                               const GDate          *on,
                               GError              **error)
{
  CrRuleSet *best = NULL;
  CrRuleSet *first = NULL;
  g_autofree char *on_text = NULL;

  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), NULL);
  g_return_val_if_fail (on != NULL && g_date_valid (on), NULL);

  /* Sorted by valid_from then id: the last match is the wanted one. */
  for (guint i = 0; i < self->sets->len; i++)
    {
      CrRuleSet *rule_set = g_ptr_array_index (self->sets, i);

      if (!g_str_equal (rule_set->jurisdiction, self->jurisdiction))
        continue;
      if (first == NULL)
        first = rule_set;
      if (cr_rule_set_covers (rule_set, on))
        best = rule_set;
    }

  if (best != NULL)
    return g_object_ref (best);

  on_text = cr_date_format (on);
  if (first != NULL && g_date_compare (on, &first->valid_from) < 0)
    {
      g_autofree char *from = cr_date_format (&first->valid_from);

      g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_NOT_FOUND,
                   _("No rule set covers applications made on %s: the earliest rules apply "
                     "from %s"), on_text, from);
    }
  else
    {
      g_set_error (error, CR_RULE_SET_ERROR, CR_RULE_SET_ERROR_NOT_FOUND,
                   _("No rule set for the jurisdiction “%s” covers applications made on %s"),
                   self->jurisdiction, on_text);
    }

  return NULL;
}

/**
 * cr_rule_set_collection_get_warnings:
 *
 * Returns: (transfer full): what went wrong while loading the default
 * collection (rule-set files that were skipped, and why).
 */
GStrv
cr_rule_set_collection_get_warnings (CrRuleSetCollection *self)
{
  GStrv warnings;

  g_return_val_if_fail (CR_IS_RULE_SET_COLLECTION (self), NULL);

  warnings = g_new0 (char *, self->warnings->len + 1);
  for (guint i = 0; i < self->warnings->len; i++)
    warnings[i] = g_strdup (g_ptr_array_index (self->warnings, i));

  return warnings;
}

/* -- the default collection ------------------------------------------------ */

typedef struct
{
  GBytes          *bytes;
  JsonNode        *root;
  char            *origin;
  CrRuleSetSource  source;
  const char      *id;      /* borrowed from root */
  const char      *version;
  const char      *extends;
  gboolean         failed;
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_bytes_unref (candidate->bytes);
  json_node_unref (candidate->root);
  g_free (candidate->origin);
  g_free (candidate);
}

static const char *
peek_string (JsonObject *object,
             const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static void
add_candidate (CrRuleSetCollection *self,
               GPtrArray           *candidates,
               GBytes              *bytes,
               const char          *origin,
               CrRuleSetSource      source)
{
  g_autoptr(GError) error = NULL;
  JsonNode *root = parse_document (bytes, origin, &error);
  Candidate *candidate;
  JsonObject *object;

  if (root == NULL)
    {
      g_ptr_array_add (self->warnings, g_strdup (error->message));
      return;
    }

  object = json_node_get_object (root);
  candidate = g_new0 (Candidate, 1);
  candidate->bytes = g_bytes_ref (bytes);
  candidate->root = root;
  candidate->origin = g_strdup (origin);
  candidate->source = source;
  candidate->id = peek_string (object, "id");
  candidate->version = peek_string (object, "version");
  candidate->extends = peek_string (object, "extends");

  if (candidate->id == NULL || candidate->version == NULL)
    {
      g_ptr_array_add (self->warnings,
                       g_strdup_printf (_("%s: not a rule set (no id or version)"), origin));
      candidate_free (candidate);
      return;
    }

  g_ptr_array_add (candidates, candidate);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static gboolean
has_identical_candidate (GPtrArray *candidates,
                         GBytes    *bytes)
{
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (candidates, i);

      if (g_bytes_equal (c->bytes, bytes))
        return TRUE;
    }

  return FALSE;
}

/**
 * cr_rules_resource_get:
 *
 * The built-in rule sets. The resource that glib-compile-resources
 * generates is dropped by a destructor when the process exits, while a
 * worker thread may still be reading rule sets (the window quits without
 * waiting for them): a reference kept here for the life of the process
 * keeps it valid until the very end. Its data is static.
 *
 * Returns: (transfer none): the resource
 */
GResource *
cr_rules_resource_get (void)
{
  static GResource *resource;

  if (g_once_init_enter (&resource))
    g_once_init_leave (&resource, g_resource_ref (cr_rules_get_resource ()));

  return resource;
}

static void
add_resource_candidates (CrRuleSetCollection *self,
                         GPtrArray           *candidates)
{
  GResource *resource = cr_rules_resource_get ();
  g_auto(GStrv) names = NULL;

  names = g_resource_enumerate_children (resource, RULES_RESOURCE_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return;

  /* Sorted, so that loading never depends on enumeration order. */
  qsort (names, g_strv_length (names), sizeof (char *), compare_strings);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", RULES_RESOURCE_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *origin = NULL;

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      if (bytes == NULL)
        continue;
      /* The installed copy is normally this very file, and the installed
       * one wins a tie anyway: no need to parse it twice. */
      if (has_identical_candidate (candidates, bytes))
        continue;
      origin = g_strconcat ("resource://", path, NULL);
      add_candidate (self, candidates, bytes, origin, CR_RULE_SET_SOURCE_RESOURCE);
    }
}

static void
add_directory_candidates (CrRuleSetCollection *self,
                          GPtrArray           *candidates,
                          const char          *directory,
                          CrRuleSetSource      source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (directory, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    {
      /* A missing directory just means nothing is installed or cached there. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_ptr_array_add (self->warnings, g_strdup (error->message));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".json"))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (directory, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) read_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      char *contents;
      gsize length;

      if (!g_file_get_contents (path, &contents, &length, &read_error))
        {
          g_ptr_array_add (self->warnings, g_strdup (read_error->message));
          continue;
        }
      bytes = g_bytes_new_take (contents, length);
      add_candidate (self, candidates, bytes, path, source);
    }
}

/* Compares versions such as "2026.1" and "2026.10" part by part, numbers as
 * numbers (GLib 2.74 has no g_strverscmp()). */
static int
compare_versions (const char *a,
                  const char *b)
{
  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          guint64 na = g_ascii_strtoull (a, (char **) &a, 10);
          guint64 nb = g_ascii_strtoull (b, (char **) &b, 10);

          if (na != nb)
            return na < nb ? -1 : 1;
        }
      else if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      else
        {
          a++;
          b++;
        }
    }

  return *a ? 1 : *b ? -1 : 0;
}

/* Better first: a higher version, then a source of higher precedence. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *ca = *(const Candidate **) a;
  const Candidate *cb = *(const Candidate **) b;
  int cmp = strcmp (ca->id, cb->id);

  if (cmp != 0)
    return cmp;
  cmp = compare_versions (cb->version, ca->version);
  if (cmp != 0)
    return cmp;
  return (int) cb->source - (int) ca->source;
}

/* Loads, for each id, the best candidate that loads; bases before overlays.
 * A candidate that fails is reported and the next best one is tried, so a
 * broken file in the cache falls back to the installed or built-in one. */
static void
resolve_candidates (CrRuleSetCollection *self,
                    GPtrArray           *candidates)
{
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal); /* id → resolved? */
  gboolean progress = TRUE;

  g_ptr_array_sort (candidates, compare_candidates);

  while (progress)
    {
      progress = FALSE;

      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = g_ptr_array_index (candidates, i);
          g_autoptr(GError) error = NULL;
          g_autoptr(CrRuleSet) rule_set = NULL;

          if (c->failed || g_hash_table_contains (done, c->id))
            continue;

          if (c->extends != NULL && cr_rule_set_collection_lookup (self, c->extends) == NULL)
            {
              gboolean base_pending = FALSE;

              for (guint j = 0; j < candidates->len; j++)
                {
                  Candidate *other = g_ptr_array_index (candidates, j);

                  if (!other->failed && g_str_equal (other->id, c->extends) &&
                      !g_hash_table_contains (done, other->id))
                    base_pending = TRUE;
                }
              if (base_pending)
                continue;
            }

          rule_set = rule_set_new (c->bytes, c->root, c->origin, c->source, self, &error);
          progress = TRUE;
          if (rule_set == NULL)
            {
              c->failed = TRUE;
              g_ptr_array_add (self->warnings, g_strdup (error->message));
              continue;
            }

          g_hash_table_add (done, (gpointer) c->id);
          cr_rule_set_collection_add (self, rule_set);
        }
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = g_ptr_array_index (candidates, i);

      if (!c->failed && !g_hash_table_contains (done, c->id))
        g_ptr_array_add (self->warnings,
                         g_strdup_printf (_("%s: the base rule set “%s” could not be loaded"),
                                          c->origin, c->extends ? c->extends : ""));
    }
}

/**
 * cr_rule_set_collection_get_cache_dir:
 *
 * Returns: (transfer full): where fetched rule sets are kept.
 */
char *
cr_rule_set_collection_get_cache_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), "credit-repair", "rules", NULL);
}

/**
 * cr_rule_set_collection_get_installed_dir:
 *
 * Returns: (transfer full): `$CREDIT_REPAIR_RULES_DIR` if set (tests and
 * uninstalled runs), else pkgdatadir/rules.
 */
char *
cr_rule_set_collection_get_installed_dir (void)
{
  const char *dir = g_getenv ("CREDIT_REPAIR_RULES_DIR");

  if (dir != NULL && dir[0] != '\0')
    return g_strdup (dir);

  return g_build_filename (PKGDATADIR, "rules", NULL);
}

/**
 * cr_rule_set_collection_new_default:
 *
 * Loads every rule set the program knows: the ones compiled in, the
 * installed ones and the cached ones. For each id the highest version wins;
 * at equal versions the cache beats the installed files, which beat the
 * built-in copy. Files that do not load are skipped and reported by
 * cr_rule_set_collection_get_warnings(); the built-in copy always remains as
 * the last fallback.
 *
 * Returns: (transfer full): the collection.
 */
CrRuleSetCollection *
cr_rule_set_collection_new_default (void)
{
  CrRuleSetCollection *self = cr_rule_set_collection_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  g_autofree char *installed = cr_rule_set_collection_get_installed_dir ();
  g_autofree char *cache = cr_rule_set_collection_get_cache_dir ();

  add_directory_candidates (self, candidates, cache, CR_RULE_SET_SOURCE_CACHE);
  add_directory_candidates (self, candidates, installed, CR_RULE_SET_SOURCE_INSTALLED);
  add_resource_candidates (self, candidates);
  resolve_candidates (self, candidates);

  return self;
}
