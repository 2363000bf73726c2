/* cr-signature.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything cryptographic is libsodium's: Ed25519 (crypto_sign_*),
 * BLAKE2b (crypto_generichash_*), scrypt (crypto_pwhash_scryptsalsa208sha256)
 * and strict base64. This file only lays the bytes out as minisign does.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "cr-project-key.h"
#include "cr-signature.h"

G_DEFINE_QUARK (cr-signature-error-quark, cr_signature_error)

#define ALG_LEN        2
#define KEYNUM_LEN     8
#define PK_LEN         crypto_sign_PUBLICKEYBYTES   /* 32 */
#define SK_LEN         crypto_sign_SECRETKEYBYTES   /* 64 */
#define SIG_LEN        crypto_sign_BYTES            /* 64 */
#define SALT_LEN       crypto_pwhash_scryptsalsa208sha256_SALTBYTES /* 32 */
#define CHK_LEN        crypto_generichash_BYTES     /* 32 */
#define PREHASH_LEN    crypto_generichash_BYTES_MAX /* 64 */

#define PUBKEY_LEN     (ALG_LEN + KEYNUM_LEN + PK_LEN)
#define KEYNUM_SK_LEN  (KEYNUM_LEN + SK_LEN + CHK_LEN)
#define SECKEY_LEN     (3 * ALG_LEN + SALT_LEN + 8 + 8 + KEYNUM_SK_LEN)
#define SIGLINE_LEN    (ALG_LEN + KEYNUM_LEN + SIG_LEN)

/* Offsets in the secret key structure. */
#define SK_OFF_KDF     2
#define SK_OFF_CHKALG  4
#define SK_OFF_SALT    6
#define SK_OFF_OPS     (SK_OFF_SALT + SALT_LEN)
#define SK_OFF_MEM     (SK_OFF_OPS + 8)
#define SK_OFF_KEYNUM  (SK_OFF_MEM + 8)

#define COMMENT_PREFIX         "untrusted comment: "
#define TRUSTED_COMMENT_PREFIX "trusted comment: "
#define TRUSTED_COMMENT_MAX    8192

/* minisign's scrypt parameters for new keys (crypto_pwhash_scryptsalsa208sha256
 * _OPSLIMIT_SENSITIVE and _MEMLIMIT_SENSITIVE). */
#define DEFAULT_OPSLIMIT G_GUINT64_CONSTANT (33554432)
#define DEFAULT_MEMLIMIT G_GUINT64_CONSTANT (1073741824)

struct _CrPublicKey
{
  gatomicrefcount ref_count;
  guint8          keynum[KEYNUM_LEN];
  guint8          pk[PK_LEN];
  char            id[CR_KEY_ID_LENGTH + 1];
  char           *comment;
};

struct _CrSecretKey
{
  guint8 keynum[KEYNUM_LEN];
  guint8 sk[SK_LEN];
  char   id[CR_KEY_ID_LENGTH + 1];
};

G_DEFINE_BOXED_TYPE (CrPublicKey, cr_public_key, cr_public_key_ref, cr_public_key_unref)

static void
ensure_sodium (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");
      g_once_init_leave (&initialized, 1);
    }
}

static guint64
load_le64 (const guint8 *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

static void
store_le64 (guint8  *p,
            guint64  v)
{
  for (int i = 0; i < 8; i++, v >>= 8)
    p[i] = v & 0xff;
}

/* minisign prints a key id as the little-endian 64-bit number in hex. */
static void
format_key_id (const guint8 *keynum,
               char         *out)
{
  g_snprintf (out, CR_KEY_ID_LENGTH + 1, "%016" G_GINT64_MODIFIER "X", load_le64 (keynum));
}

static gboolean
decode_base64 (const char  *text,
               gsize        text_len,
               guint8      *out,
               gsize        expected,
               const char  *what,
               GError     **error)
{
  gsize len = 0;

  if (sodium_base642bin (out, expected, text, text_len, NULL, &len, NULL,
                         sodium_base64_VARIANT_ORIGINAL) != 0
      || len != expected)
    {
      g_set_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                   /* Translators: %s is "public key", "secret key" or "signature". */
                   _("The %s is not valid base64 of the expected length"), what);
      return FALSE;
    }
  return TRUE;
}

static char *
encode_base64 (const guint8 *data,
               gsize         len)
{
  gsize out_len = sodium_base64_encoded_len (len, sodium_base64_VARIANT_ORIGINAL);
  char *out = g_malloc (out_len);

  sodium_bin2base64 (out, out_len, data, len, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

/* Splits @text into lines without their line ends ("\n" or "\r\n"). */
static GStrv
split_lines (const char *text,
             gsize       len)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = NULL;

      if (line_end > p && line_end[-1] == '\r')
        line_end--;
      line = g_strndup (p, line_end - p);
      g_strv_builder_add (builder, line);
      if (nl == NULL)
        break;
      p = nl + 1;
    }

  return g_strv_builder_end (builder);
}

/* Public keys */

static CrPublicKey *
public_key_new (const guint8 *keynum,
                const guint8 *pk,
                const char   *comment)
{
  CrPublicKey *key = g_new0 (CrPublicKey, 1);

  g_atomic_ref_count_init (&key->ref_count);
  memcpy (key->keynum, keynum, KEYNUM_LEN);
  memcpy (key->pk, pk, PK_LEN);
  format_key_id (keynum, key->id);
  key->comment = g_strdup (comment);
  return key;
}

/**
 * cr_public_key_new_from_string:
 * @text: a minisign public key file, or only its base64 line
 *
 * Returns: (transfer full): the key, or NULL with @error set.
 */
CrPublicKey *
cr_public_key_new_from_string (const char  *text,
                               GError     **error)
{
  g_auto(GStrv) lines = NULL;
  const char *comment = NULL;
  const char *b64 = NULL;
  guint8 raw[PUBKEY_LEN];

  g_return_val_if_fail (text != NULL, NULL);

  ensure_sodium ();

  lines = split_lines (text, strlen (text));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, COMMENT_PREFIX))
        {
          if (comment != NULL || b64 != NULL)
            break;
          comment = line + strlen (COMMENT_PREFIX);
          continue;
        }
      b64 = line;
      break;
    }

  if (b64 == NULL)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                           _("This is not a minisign public key: the key line is missing"));
      return NULL;
    }

  if (!decode_base64 (b64, strlen (b64), raw, sizeof raw, _("public key"), error))
    return NULL;

  if (memcmp (raw, "Ed", ALG_LEN) != 0)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                           _("The public key is not an Ed25519 minisign key"));
      return NULL;
    }

  return public_key_new (raw + ALG_LEN, raw + ALG_LEN + KEYNUM_LEN, comment);
}

/**
 * cr_public_key_new_from_file:
 *
 * Returns: (transfer full): the key in the file at @path, or NULL with
 *   @error set (prefixed with the file name).
 */
CrPublicKey *
cr_public_key_new_from_file (const char  *path,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  CrPublicKey *key;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  key = cr_public_key_new_from_string (contents, error);
  if (key == NULL)
    g_prefix_error (error, "%s: ", path);
  return key;
}

/**
 * cr_public_key_get_project_key:
 *
 * Returns: (transfer none): the project's own key, built into the library.
 */
CrPublicKey *
cr_public_key_get_project_key (void)
{
  static CrPublicKey *project_key = NULL;

  if (g_once_init_enter (&project_key))
    {
      g_autoptr(GError) error = NULL;
      CrPublicKey *key = cr_public_key_new_from_string (CR_PROJECT_PUBLIC_KEY, &error);

      if (key == NULL)
        g_error ("The built-in project key is broken: %s", error->message);
      g_free (key->comment);
      key->comment = g_strdup (CR_PROJECT_PUBLIC_KEY_COMMENT);
      g_once_init_leave (&project_key, key);
    }

  return project_key;
}

CrPublicKey *
cr_public_key_ref (CrPublicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_ref_count_inc (&key->ref_count);
  return key;
}

void
cr_public_key_unref (CrPublicKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_ref_count_dec (&key->ref_count))
    {
      g_free (key->comment);
      g_free (key);
    }
}

/**
 * cr_public_key_get_id:
 *
 * Returns: the key id as 16 upper-case hex digits, as minisign shows it.
 */
const char *
cr_public_key_get_id (CrPublicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->id;
}

const char *
cr_public_key_get_comment (CrPublicKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->comment;
}

char *
cr_public_key_to_base64 (CrPublicKey *key)
{
  guint8 raw[PUBKEY_LEN];

  g_return_val_if_fail (key != NULL, NULL);

  ensure_sodium ();
  memcpy (raw, "Ed", ALG_LEN);
  memcpy (raw + ALG_LEN, key->keynum, KEYNUM_LEN);
  memcpy (raw + ALG_LEN + KEYNUM_LEN, key->pk, PK_LEN);
  return encode_base64 (raw, sizeof raw);
}

char *
cr_public_key_to_string (CrPublicKey *key)
{
  g_autofree char *b64 = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  b64 = cr_public_key_to_base64 (key);
  return g_strdup_printf (COMMENT_PREFIX "minisign public key %s\n%s\n", key->id, b64);
}

gboolean
cr_public_key_equal (CrPublicKey *a,
                     CrPublicKey *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return memcmp (a->keynum, b->keynum, KEYNUM_LEN) == 0 && memcmp (a->pk, b->pk, PK_LEN) == 0;
}

/* Secret keys */

static void
compute_checksum (const guint8 *keynum,
                  const guint8 *sk,
                  guint8       *chk)
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, CHK_LEN);
  crypto_generichash_update (&state, (const guint8 *) "Ed", ALG_LEN);
  crypto_generichash_update (&state, keynum, KEYNUM_LEN);
  crypto_generichash_update (&state, sk, SK_LEN);
  crypto_generichash_final (&state, chk, CHK_LEN);
}

static gboolean
decode_secret_key (const char  *text,
                   guint8      *raw,
                   GError     **error)
{
  g_auto(GStrv) lines = NULL;
  guint i = 0;

  ensure_sodium ();

  lines = split_lines (text, strlen (text));
  if (lines[0] != NULL && g_str_has_prefix (lines[0], COMMENT_PREFIX))
    i = 1;
  if (lines[i] == NULL || *g_strstrip (lines[i]) == '\0')
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                           _("This is not a minisign secret key: the key line is missing"));
      return FALSE;
    }

  if (!decode_base64 (lines[i], strlen (lines[i]), raw, SECKEY_LEN, _("secret key"), error))
    {
      sodium_memzero (lines[i], strlen (lines[i]));
      return FALSE;
    }
  sodium_memzero (lines[i], strlen (lines[i]));

  if (memcmp (raw, "Ed", ALG_LEN) != 0)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                           _("The secret key is not an Ed25519 minisign key"));
      return FALSE;
    }
  if (memcmp (raw + SK_OFF_CHKALG, "B2", ALG_LEN) != 0)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                           _("The secret key uses an unknown checksum algorithm"));
      return FALSE;
    }
  if (memcmp (raw + SK_OFF_KDF, "Sc", ALG_LEN) != 0
      && memcmp (raw + SK_OFF_KDF, "\0\0", ALG_LEN) != 0)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                           _("The secret key is protected by an unknown key derivation function"));
      return FALSE;
    }

  return TRUE;
}

/**
 * cr_secret_key_data_is_encrypted:
 * @text: the contents of a secret key file
 * @encrypted: (out): whether a password is needed to use it
 */
gboolean
cr_secret_key_data_is_encrypted (const char  *text,
                                 gboolean    *encrypted,
                                 GError     **error)
{
  guint8 raw[SECKEY_LEN];
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (encrypted != NULL, FALSE);

  ok = decode_secret_key (text, raw, error);
  if (ok)
    *encrypted = memcmp (raw + SK_OFF_KDF, "Sc", ALG_LEN) == 0;
  sodium_memzero (raw, sizeof raw);
  return ok;
}

static CrSecretKey *
secret_key_new_from_raw (guint8      *raw,
                         const char  *password,
                         GError     **error)
{
  guint8 *keynum_sk = raw + SK_OFF_KEYNUM;
  guint8 *keynum = keynum_sk;
  guint8 *sk = keynum_sk + KEYNUM_LEN;
  guint8 *stored_chk = sk + SK_LEN;
  gboolean encrypted = memcmp (raw + SK_OFF_KDF, "Sc", ALG_LEN) == 0;
  guint8 chk[CHK_LEN];
  guint8 derived_pk[PK_LEN];
  CrSecretKey *key;

  if (encrypted)
    {
      guint8 stream[KEYNUM_SK_LEN];
      guint64 opslimit = load_le64 (raw + SK_OFF_OPS);
      guint64 memlimit = load_le64 (raw + SK_OFF_MEM);

      if (password == NULL)
        {
          g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_PASSWORD_REQUIRED,
                               _("The secret key is protected by a password"));
          return NULL;
        }

      /* A hostile key file must not make us allocate without bound:
       * minisign itself writes at most 1 GiB. */
      if (memlimit > G_GUINT64_CONSTANT (4294967296) || opslimit > G_GUINT64_CONSTANT (4294967296))
        {
          g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                               _("The secret key asks for unreasonable key derivation limits"));
          return NULL;
        }

      if (crypto_pwhash_scryptsalsa208sha256 (stream, sizeof stream, password, strlen (password),
                                              raw + SK_OFF_SALT, opslimit, memlimit) != 0)
        {
          g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                               _("Not enough memory to derive the key from the password"));
          return NULL;
        }
      for (gsize i = 0; i < KEYNUM_SK_LEN; i++)
        keynum_sk[i] ^= stream[i];
      sodium_memzero (stream, sizeof stream);
    }

  compute_checksum (keynum, sk, chk);

  /* minisign 0.11 leaves the checksum of an unencrypted (-W) key zeroed, so
   * there the key is checked by deriving its public half instead. */
  if (encrypted || !sodium_is_zero (stored_chk, CHK_LEN))
    {
      if (sodium_memcmp (chk, stored_chk, CHK_LEN) != 0)
        {
          sodium_memzero (chk, sizeof chk);
          if (encrypted)
            g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_WRONG_PASSWORD,
                                 _("Wrong password for this secret key"));
          else
            g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                                 _("The secret key is damaged: its checksum does not match"));
          return NULL;
        }
    }
  sodium_memzero (chk, sizeof chk);

  crypto_sign_ed25519_sk_to_pk (derived_pk, sk);
  if (memcmp (derived_pk, sk + SK_LEN - PK_LEN, PK_LEN) != 0)
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                           _("The secret key is damaged: its two halves do not match"));
      return NULL;
    }

  key = g_new0 (CrSecretKey, 1);
  memcpy (key->keynum, keynum, KEYNUM_LEN);
  memcpy (key->sk, sk, SK_LEN);
  format_key_id (keynum, key->id);
  return key;
}

/**
 * cr_secret_key_new_from_string:
 * @text: the contents of a minisign secret key file
 * @password: (nullable): its password, if it is encrypted
 *
 * Returns: (transfer full): the key, or NULL with @error set.
 */
CrSecretKey *
cr_secret_key_new_from_string (const char  *text,
                               const char  *password,
                               GError     **error)
{
  guint8 raw[SECKEY_LEN];
  CrSecretKey *key = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (decode_secret_key (text, raw, error))
    key = secret_key_new_from_raw (raw, password, error);
  sodium_memzero (raw, sizeof raw);
  return key;
}

CrSecretKey *
cr_secret_key_new_from_file (const char  *path,
                             const char  *password,
                             GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  CrSecretKey *key;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  key = cr_secret_key_new_from_string (contents, password, error);
  sodium_memzero (contents, len);
  if (key == NULL)
    g_prefix_error (error, "%s: ", path);
  return key;
}

/**
 * cr_secret_key_generate:
 *
 * Returns: (transfer full): a new random key pair.
 */
CrSecretKey *
cr_secret_key_generate (void)
{
  CrSecretKey *key = g_new0 (CrSecretKey, 1);
  guint8 pk[PK_LEN];

  ensure_sodium ();
  crypto_sign_keypair (pk, key->sk);
  randombytes_buf (key->keynum, KEYNUM_LEN);
  format_key_id (key->keynum, key->id);
  return key;
}

void
cr_secret_key_free (CrSecretKey *key)
{
  if (key == NULL)
    return;

  sodium_memzero (key, sizeof *key);
  g_free (key);
}

const char *
cr_secret_key_get_id (CrSecretKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->id;
}

/**
 * cr_secret_key_get_public_key:
 *
 * Returns: (transfer full): the public half of @key.
 */
CrPublicKey *
cr_secret_key_get_public_key (CrSecretKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return public_key_new (key->keynum, key->sk + SK_LEN - PK_LEN, NULL);
}

char *
cr_secret_key_to_string (CrSecretKey *key,
                         const char  *password,
                         guint64      opslimit,
                         guint64      memlimit)
{
  guint8 raw[SECKEY_LEN] = { 0 };
  guint8 *keynum_sk = raw + SK_OFF_KEYNUM;
  g_autofree char *b64 = NULL;
  char *text;

  g_return_val_if_fail (key != NULL, NULL);

  ensure_sodium ();

  memcpy (raw, "Ed", ALG_LEN);
  memcpy (raw + SK_OFF_CHKALG, "B2", ALG_LEN);
  memcpy (keynum_sk, key->keynum, KEYNUM_LEN);
  memcpy (keynum_sk + KEYNUM_LEN, key->sk, SK_LEN);
  compute_checksum (key->keynum, key->sk, keynum_sk + KEYNUM_LEN + SK_LEN);

  if (password != NULL)
    {
      guint8 stream[KEYNUM_SK_LEN];

      if (opslimit == 0)
        opslimit = DEFAULT_OPSLIMIT;
      if (memlimit == 0)
        memlimit = DEFAULT_MEMLIMIT;

      memcpy (raw + SK_OFF_KDF, "Sc", ALG_LEN);
      randombytes_buf (raw + SK_OFF_SALT, SALT_LEN);
      store_le64 (raw + SK_OFF_OPS, opslimit);
      store_le64 (raw + SK_OFF_MEM, memlimit);
      if (crypto_pwhash_scryptsalsa208sha256 (stream, sizeof stream, password, strlen (password),
                                              raw + SK_OFF_SALT, opslimit, memlimit) != 0)
        g_error ("Not enough memory to derive a key from the password");
      for (gsize i = 0; i < KEYNUM_SK_LEN; i++)
        keynum_sk[i] ^= stream[i];
      sodium_memzero (stream, sizeof stream);
    }

  b64 = encode_base64 (raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);
  text = g_strdup_printf (COMMENT_PREFIX "minisign %s secret key\n%s\n",
                          password != NULL ? "encrypted" : "unencrypted", b64);
  sodium_memzero (b64, strlen (b64));
  return text;
}

/* Signatures */

static void
prehash (GBytes *data,
         guint8 *out)
{
  gsize len = 0;
  const guint8 *bytes = g_bytes_get_data (data, &len);

  crypto_generichash (out, PREHASH_LEN, bytes, len, NULL, 0);
}

/**
 * cr_secret_key_sign:
 * @trusted_comment: (nullable): one line to sign along with @data
 *
 * Returns: (transfer full): the text of a .minisig file, or NULL if
 *   @trusted_comment holds a line break or is too long.
 */
char *
cr_secret_key_sign (CrSecretKey  *key,
                    GBytes       *data,
                    const char   *trusted_comment,
                    GError      **error)
{
  g_autofree char *default_comment = NULL;
  g_autofree char *sig_b64 = NULL;
  g_autofree char *global_b64 = NULL;
  g_autofree guint8 *global_msg = NULL;
  guint8 hash[PREHASH_LEN];
  guint8 sigline[SIGLINE_LEN];
  guint8 global_sig[SIG_LEN];
  gsize comment_len;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  ensure_sodium ();

  if (trusted_comment == NULL)
    trusted_comment = default_comment =
      g_strdup_printf ("timestamp:%" G_GINT64_FORMAT, g_get_real_time () / G_USEC_PER_SEC);

  comment_len = strlen (trusted_comment);
  if (strpbrk (trusted_comment, "\r\n") != NULL
      || comment_len + strlen (TRUSTED_COMMENT_PREFIX) >= TRUSTED_COMMENT_MAX)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A trusted comment must be a single line of less than 8 KB"));
      return NULL;
    }

  prehash (data, hash);
  memcpy (sigline, "ED", ALG_LEN);
  memcpy (sigline + ALG_LEN, key->keynum, KEYNUM_LEN);
  crypto_sign_detached (sigline + ALG_LEN + KEYNUM_LEN, NULL, hash, sizeof hash, key->sk);

  global_msg = g_malloc (SIG_LEN + comment_len);
  memcpy (global_msg, sigline + ALG_LEN + KEYNUM_LEN, SIG_LEN);
  memcpy (global_msg + SIG_LEN, trusted_comment, comment_len);
  crypto_sign_detached (global_sig, NULL, global_msg, SIG_LEN + comment_len, key->sk);

  sig_b64 = encode_base64 (sigline, sizeof sigline);
  global_b64 = encode_base64 (global_sig, sizeof global_sig);

  return g_strdup_printf (COMMENT_PREFIX "signature from credit-repair secret key %s\n"
                          "%s\n" TRUSTED_COMMENT_PREFIX "%s\n%s\n",
                          key->id, sig_b64, trusted_comment, global_b64);
}

/**
 * cr_signature_verify:
 * @signature: the text of a .minisig file
 * @signature_len: its length, or -1 if nul-terminated
 * @data: the signed data
 * @trusted_keys: (element-type CrPublicKey): the keys to accept
 * @out_key_id: (out) (optional): the id of the key that made the signature
 * @out_trusted_comment: (out) (optional): the verified trusted comment
 *
 * Error codes: MALFORMED and UNSUPPORTED for a file that is not a usable
 * signature, UNTRUSTED_KEY when none of @trusted_keys made it (the message
 * names the key id), BAD_SIGNATURE when @data was changed, and
 * BAD_TRUSTED_COMMENT when the trusted comment was.
 */
gboolean
cr_signature_verify (const char  *signature,
                     gsize        signature_len,
                     GBytes      *data,
                     GPtrArray   *trusted_keys,
                     char       **out_key_id,
                     char       **out_trusted_comment,
                     GError     **error)
{
  g_auto(GStrv) lines = NULL;
  g_autofree guint8 *global_msg = NULL;
  guint8 sigline[SIGLINE_LEN];
  guint8 global_sig[SIG_LEN];
  guint8 hash[PREHASH_LEN];
  char key_id[CR_KEY_ID_LENGTH + 1];
  CrPublicKey *key = NULL;
  const char *comment;
  const guint8 *msg;
  gsize msg_len;
  gsize comment_len;
  gboolean prehashed;

  g_return_val_if_fail (signature != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (trusted_keys != NULL, FALSE);

  ensure_sodium ();

  if (signature_len == (gsize) -1)
    signature_len = strlen (signature);

  lines = split_lines (signature, signature_len);
  if (g_strv_length (lines) < 4
      || !g_str_has_prefix (lines[0], COMMENT_PREFIX)
      || !g_str_has_prefix (lines[2], TRUSTED_COMMENT_PREFIX))
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED,
                           _("This is not a minisign signature: it needs an untrusted comment, "
                             "a signature line, a trusted comment and a global signature"));
      return FALSE;
    }

  g_strstrip (lines[1]);
  g_strstrip (lines[3]);
  if (!decode_base64 (lines[1], strlen (lines[1]), sigline, sizeof sigline, _("signature"), error)
      || !decode_base64 (lines[3], strlen (lines[3]), global_sig, sizeof global_sig,
                         _("signature"), error))
    return FALSE;

  if (memcmp (sigline, "ED", ALG_LEN) == 0)
    prehashed = TRUE;
  else if (memcmp (sigline, "Ed", ALG_LEN) == 0)
    prehashed = FALSE;
  else
    {
      g_set_error_literal (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNSUPPORTED,
                           _("The signature uses an unknown algorithm"));
      return FALSE;
    }

  format_key_id (sigline + ALG_LEN, key_id);
  for (guint i = 0; i < trusted_keys->len; i++)
    {
      CrPublicKey *candidate = g_ptr_array_index (trusted_keys, i);

      if (memcmp (candidate->keynum, sigline + ALG_LEN, KEYNUM_LEN) == 0)
        {
          key = candidate;
          break;
        }
    }
  if (key == NULL)
    {
      g_set_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNTRUSTED_KEY,
                   _("It was signed with key %s, which is not one of the trusted keys"), key_id);
      return FALSE;
    }

  if (prehashed)
    {
      prehash (data, hash);
      msg = hash;
      msg_len = sizeof hash;
    }
  else
    msg = g_bytes_get_data (data, &msg_len);

  if (crypto_sign_verify_detached (sigline + ALG_LEN + KEYNUM_LEN, msg, msg_len, key->pk) != 0)
    {
      g_set_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE,
                   _("The signature by key %s does not match the contents: "
                     "the file was changed after it was signed"), key_id);
      return FALSE;
    }

  /* The trusted comment is taken as it stands, minus the line end, like
   * minisign does. */
  comment = lines[2] + strlen (TRUSTED_COMMENT_PREFIX);
  comment_len = strlen (comment);
  global_msg = g_malloc (SIG_LEN + comment_len);
  memcpy (global_msg, sigline + ALG_LEN + KEYNUM_LEN, SIG_LEN);
  memcpy (global_msg + SIG_LEN, comment, comment_len);
  if (crypto_sign_verify_detached (global_sig, global_msg, SIG_LEN + comment_len, key->pk) != 0)
    {
      g_set_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_TRUSTED_COMMENT,
                   _("The trusted comment of the signature by key %s was changed "
                     "after it was signed"), key_id);
      return FALSE;
    }

  if (out_key_id != NULL)
    *out_key_id = g_strdup (key_id);
  if (out_trusted_comment != NULL)
    *out_trusted_comment = g_strdup (comment);
  return TRUE;
}
