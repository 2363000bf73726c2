/* cr-pack-names.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Names are built from an allow-list (letters and digits of any script,
 * marks after them, "-", "_", ".") rather than by removing what Windows
 * forbids: whatever the case file holds (paths, control characters, bidi
 * overrides, emoji, 300-character ids), what comes out is a plain name.
 */

#include "config.h"

#include <string.h>

#include "cr-pack-names.h"

struct _CrPackNamer
{
  GHashTable *taken;    /* case-folded names */
  GHashTable *counters; /* "slot\x1frecord" → last n (GUINT_TO_POINTER) */
};

static const char * const reserved_stems[] = {
  "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
};

static gboolean
is_separator (char c)
{
  return c == '_' || c == '-' || c == '.';
}

/* Cuts @text to at most @max_bytes without splitting a character. */
static void
truncate_utf8 (GString *text,
               gsize    max_bytes)
{
  const char *end;

  if (text->len <= max_bytes)
    return;

  end = text->str + max_bytes;
  /* Step back to the start of the character that the cut falls in, unless
   * the cut is exactly on a boundary. */
  while (end > text->str && (*end & 0xC0) == 0x80)
    end--;
  g_string_truncate (text, end - text->str);
}

static void
trim_separators (GString *text)
{
  gsize start = 0;

  while (text->len > 0 && is_separator (text->str[text->len - 1]))
    g_string_truncate (text, text->len - 1);
  while (start < text->len && is_separator (text->str[start]))
    start++;
  g_string_erase (text, 0, start);
}

/**
 * cr_pack_name_sanitize:
 * @text: any text, even invalid UTF-8
 * @max_bytes: the longest result in bytes
 *
 * Keeps letters and digits of any script, combining marks that follow
 * them, "-", "_" and "."; every run of anything else becomes one "_".
 * Separators at either end are dropped (no hidden files, no trailing dot
 * that Windows would strip), and the result is cut on a character
 * boundary.
 *
 * Returns: (transfer full): the NFC-normalised name part; may be empty
 */
char *
cr_pack_name_sanitize (const char *text,
                       gsize       max_bytes)
{
  g_autofree char *valid = NULL;
  g_autofree char *nfc = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean after_alnum = FALSE;

  if (text == NULL)
    return g_strdup ("");

  valid = g_utf8_make_valid (text, -1);
  nfc = g_utf8_normalize (valid, -1, G_NORMALIZE_NFC);

  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || (after_alnum && g_unichar_ismark (c)))
        {
          g_string_append_unichar (out, c);
          after_alnum = TRUE;
        }
      else if (c == '-' || c == '.')
        {
          g_string_append_c (out, (char) c);
          after_alnum = FALSE;
        }
      else
        {
          /* "_" itself and anything else: one "_" per run */
          if (out->len == 0 || out->str[out->len - 1] != '_')
            g_string_append_c (out, '_');
          after_alnum = FALSE;
        }
    }

  trim_separators (out);
  truncate_utf8 (out, max_bytes);
  trim_separators (out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
extension_for_format (const char *format)
{
  static const struct { const char *format, *extension; } table[] = {
    { "pdf", "pdf" }, { "jpeg", "jpg" }, { "png", "png" }, { "gif", "gif" },
    { "tiff", "tif" }, { "bmp", "bmp" }, { "webp", "webp" }, { "heif", "heic" },
  };

  for (guint i = 0; format != NULL && i < G_N_ELEMENTS (table); i++)
    {
      if (g_str_equal (format, table[i].format))
        return table[i].extension;
    }

  return NULL;
}

/**
 * cr_pack_name_extension:
 * @file_name: the material's path, as the case gives it
 * @format: (nullable): the format found in its content ("pdf" …)
 *
 * The extension of the last path component (either slash), lower-cased,
 * if it is 1 to CR_PACK_NAME_MAX_EXTENSION ASCII letters and digits;
 * otherwise the usual extension of @format, if any.
 *
 * Returns: (transfer full) (nullable): the extension without the dot
 */
char *
cr_pack_name_extension (const char *file_name,
                        const char *format)
{
  const char *base = file_name;
  const char *dot;
  gsize len;

  g_return_val_if_fail (file_name != NULL, NULL);

  for (const char *p = file_name; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '\\')
        base = p + 1;
    }

  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    {
      gboolean plain = TRUE;

      len = strlen (dot + 1);
      for (gsize i = 0; i < len; i++)
        plain = plain && g_ascii_isalnum (dot[1 + i]);

      if (plain && len >= 1 && len <= CR_PACK_NAME_MAX_EXTENSION)
        return g_ascii_strdown (dot + 1, -1);
    }

  return g_strdup (extension_for_format (format));
}

/**
 * cr_pack_name_is_reserved:
 *
 * Returns: %TRUE if Windows reads @name as a device (CON, NUL.pdf,
 * com1.txt, LPT¹ …), whatever the case and the extension
 */
gboolean
cr_pack_name_is_reserved (const char *name)
{
  g_autofree char *stem = NULL;
  const char *dot;
  gsize len;

  g_return_val_if_fail (name != NULL, FALSE);

  dot = strchr (name, '.');
  stem = g_strndup (name, dot != NULL ? (gsize) (dot - name) : strlen (name));
  /* Windows ignores trailing spaces before the extension too. */
  g_strchomp (stem);
  len = strlen (stem);

  for (guint i = 0; i < G_N_ELEMENTS (reserved_stems); i++)
    {
      if (g_ascii_strcasecmp (stem, reserved_stems[i]) == 0)
        return TRUE;
    }

  if (len >= 4 && (g_ascii_strncasecmp (stem, "COM", 3) == 0 ||
                   g_ascii_strncasecmp (stem, "LPT", 3) == 0))
    {
      const char *digit = stem + 3;

      if (len == 4 && g_ascii_isdigit (*digit))
        return TRUE;
      /* superscript one, two, three */
      if (g_str_equal (digit, "\u00B9") || g_str_equal (digit, "\u00B2") ||
          g_str_equal (digit, "\u00B3"))
        return TRUE;
    }

  return FALSE;
}

/**
 * cr_pack_name_is_safe:
 *
 * The test every packed name passes: non-empty NFC UTF-8 of at most
 * CR_PACK_NAME_MAX_BYTES bytes, without path separators, characters that
 * Windows forbids (`<>:"/\|?*`), control or invisible format characters,
 * a leading dot, a trailing dot or space, or a device name.
 *
 * Returns: %TRUE if @name is safe to use as is
 */
gboolean
cr_pack_name_is_safe (const char *name)
{
  g_autofree char *nfc = NULL;
  gsize len;

  if (name == NULL || *name == '\0')
    return FALSE;

  len = strlen (name);
  if (len > CR_PACK_NAME_MAX_BYTES || !g_utf8_validate (name, len, NULL))
    return FALSE;

  nfc = g_utf8_normalize (name, len, G_NORMALIZE_NFC);
  if (nfc == NULL || !g_str_equal (nfc, name))
    return FALSE;

  if (name[0] == '.' || name[len - 1] == '.' || name[len - 1] == ' ')
    return FALSE;

  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (c < 0x20 || (c < 0x80 && strchr ("<>:\"/\\|?*", (int) c) != NULL))
        return FALSE;
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
          type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
          type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR)
        return FALSE;
    }

  return !cr_pack_name_is_reserved (name);
}

/**
 * cr_pack_namer_new:
 *
 * Returns: (transfer full): a namer that hands out unique names
 */
CrPackNamer *
cr_pack_namer_new (void)
{
  CrPackNamer *namer = g_new0 (CrPackNamer, 1);

  namer->taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  namer->counters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return namer;
}

void
cr_pack_namer_free (CrPackNamer *namer)
{
  if (namer == NULL)
    return;

  g_hash_table_unref (namer->taken);
  g_hash_table_unref (namer->counters);
  g_free (namer);
}

static char *
fold (const char *name)
{
  g_autofree char *nfc = g_utf8_normalize (name, -1, G_NORMALIZE_NFC);

  return g_utf8_casefold (nfc != NULL ? nfc : name, -1);
}

/**
 * cr_pack_namer_reserve:
 * @name: a name that materials may not take ("manifest.json")
 *
 * Returns: %FALSE if @name (ignoring case) was already taken
 */
gboolean
cr_pack_namer_reserve (CrPackNamer *namer,
                       const char  *name)
{
  g_return_val_if_fail (namer != NULL, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return g_hash_table_add (namer->taken, fold (name));
}

/**
 * cr_pack_namer_name:
 * @slot: the slot id
 * @record: (nullable): the record id, %NULL for the whole case
 * @extension: (nullable): the extension, as cr_pack_name_extension() gives
 *
 * Gives the next name for a file of @slot and @record. The record part is
 * shortened first when the name would be too long.
 *
 * Returns: (transfer full): a name that passes cr_pack_name_is_safe() and
 * was not given before, ignoring case
 */
char *
cr_pack_namer_name (CrPackNamer *namer,
                    const char  *slot,
                    const char  *record,
                    const char  *extension)
{
  g_autofree char *slot_part = NULL;
  g_autofree char *record_part = NULL;
  g_autofree char *ext = NULL;
  g_autofree char *key = NULL;
  guint n;

  g_return_val_if_fail (namer != NULL, NULL);
  g_return_val_if_fail (slot != NULL, NULL);

  slot_part = cr_pack_name_sanitize (slot, 40);
  if (*slot_part == '\0')
    {
      g_free (slot_part);
      slot_part = g_strdup ("material");
    }

  if (record != NULL)
    {
      record_part = cr_pack_name_sanitize (record, CR_PACK_NAME_MAX_BYTES);
      if (*record_part == '\0')
        {
          g_free (record_part);
          record_part = g_strdup ("record");
        }
    }

  if (extension != NULL)
    ext = cr_pack_name_sanitize (extension, CR_PACK_NAME_MAX_EXTENSION);

  key = g_strdup_printf ("%s\x1f%s", slot_part, record_part != NULL ? record_part : "");
  n = GPOINTER_TO_UINT (g_hash_table_lookup (namer->counters, key));

  for (;;)
    {
      g_autofree char *suffix = NULL;
      g_autoptr(GString) name = g_string_new (slot_part);

      n++;
      suffix = g_strdup_printf ("-%u%s%s", n, ext != NULL && *ext != '\0' ? "." : "",
                                ext != NULL ? ext : "");

      if (record_part != NULL)
        {
          g_autoptr(GString) part = g_string_new (record_part);
          gsize fixed = name->len + 1 + strlen (suffix);

          truncate_utf8 (part, CR_PACK_NAME_MAX_BYTES > fixed ? CR_PACK_NAME_MAX_BYTES - fixed : 0);
          trim_separators (part);
          if (part->len == 0)
            g_string_assign (part, "r");
          g_string_append_c (name, '-');
          g_string_append (name, part->str);
        }

      g_string_append (name, suffix);
      if (cr_pack_name_is_reserved (name->str))
        g_string_prepend_c (name, '_');

      g_assert (cr_pack_name_is_safe (name->str));

      if (cr_pack_namer_reserve (namer, name->str))
        {
          g_hash_table_insert (namer->counters, g_steal_pointer (&key), GUINT_TO_POINTER (n));
          return g_string_free (g_steal_pointer (&name), FALSE);
        }
    }
}
