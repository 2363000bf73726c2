/* cr-signature.h: Ed25519 signatures in minisign's format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rule sets and their index are signed so that a tampered file, or one
 * signed by a key the user does not trust, is never put in force. The file
 * formats are minisign's (https://jedisct1.github.io/minisign/), so that
 * publishers can sign with Debian's `minisign` tool as well as with
 * `credit-repair-cli rules publish`:
 *
 *  - public key: "untrusted comment: …" line, then base64 of
 *    "Ed" ‖ key id (8 bytes) ‖ Ed25519 public key (32 bytes);
 *  - secret key: "untrusted comment: …" line, then base64 of
 *    "Ed" ‖ kdf ("Sc" scrypt, or "\0\0" for none) ‖ "B2" ‖ salt (32) ‖
 *    opslimit (8, LE) ‖ memlimit (8, LE) ‖ [key id (8) ‖ secret key (64) ‖
 *    BLAKE2b-256 checksum (32)], the bracket XORed with the scrypt stream
 *    when encrypted;
 *  - signature: "untrusted comment: …", base64 of algorithm ("Ed": the data
 *    itself is signed; "ED": its BLAKE2b-512 hash is, minisign's default
 *    since 0.10) ‖ key id ‖ signature (64), "trusted comment: …", and base64
 *    of the global signature over signature ‖ trusted comment.
 *
 * Verification accepts both algorithms; signing always writes "ED".
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CR_SIGNATURE_ERROR (cr_signature_error_quark ())

typedef enum
{
  CR_SIGNATURE_ERROR_MALFORMED,           /* not a minisign key or signature */
  CR_SIGNATURE_ERROR_UNSUPPORTED,         /* unknown algorithm or key derivation */
  CR_SIGNATURE_ERROR_UNTRUSTED_KEY,       /* made with a key that is not trusted */
  CR_SIGNATURE_ERROR_BAD_SIGNATURE,       /* the data does not match the signature */
  CR_SIGNATURE_ERROR_BAD_TRUSTED_COMMENT, /* the trusted comment was altered */
  CR_SIGNATURE_ERROR_PASSWORD_REQUIRED,   /* the secret key is encrypted */
  CR_SIGNATURE_ERROR_WRONG_PASSWORD,      /* or its checksum does not match */
} CrSignatureError;

/* The length of a key id as text: 16 upper-case hex digits, as minisign
 * prints it. */
#define CR_KEY_ID_LENGTH 16

typedef struct _CrPublicKey CrPublicKey;
typedef struct _CrSecretKey CrSecretKey;

#define CR_TYPE_PUBLIC_KEY (cr_public_key_get_type ())

GQuark       cr_signature_error_quark        (void);

GType        cr_public_key_get_type          (void) G_GNUC_CONST;
/* @text is a whole .pub file or just its base64 line. */
CrPublicKey *cr_public_key_new_from_string   (const char         *text,
                                              GError            **error);
CrPublicKey *cr_public_key_new_from_file     (const char         *path,
                                              GError            **error);
/* The key shipped with the application (data/keys/), which signs the
 * project's own rule sets. */
CrPublicKey *cr_public_key_get_project_key   (void);
CrPublicKey *cr_public_key_ref               (CrPublicKey        *key);
void         cr_public_key_unref             (CrPublicKey        *key);
const char  *cr_public_key_get_id            (CrPublicKey        *key);
/* The untrusted comment of the file it was read from, or NULL. */
const char  *cr_public_key_get_comment       (CrPublicKey        *key);
/* The one-line base64 form (what `minisign -P` takes, and what the
 * trusted-keys setting stores). */
char        *cr_public_key_to_base64         (CrPublicKey        *key);
/* A whole .pub file, ending with a newline. */
char        *cr_public_key_to_string         (CrPublicKey        *key);
gboolean     cr_public_key_equal             (CrPublicKey        *a,
                                              CrPublicKey        *b);

/* Whether a secret key file is protected by a password. */
gboolean     cr_secret_key_data_is_encrypted (const char         *text,
                                              gboolean           *encrypted,
                                              GError            **error);
/* @password may be NULL for a key written by `minisign -G -W`; an
 * encrypted key then fails with CR_SIGNATURE_ERROR_PASSWORD_REQUIRED. */
CrSecretKey *cr_secret_key_new_from_string   (const char         *text,
                                              const char         *password,
                                              GError            **error);
CrSecretKey *cr_secret_key_new_from_file     (const char         *path,
                                              const char         *password,
                                              GError            **error);
CrSecretKey *cr_secret_key_generate          (void);
void         cr_secret_key_free              (CrSecretKey        *key);
const char  *cr_secret_key_get_id            (CrSecretKey        *key);
CrPublicKey *cr_secret_key_get_public_key    (CrSecretKey        *key);
/* A secret key file; encrypted with scrypt when @password is not NULL.
 * @opslimit and @memlimit of 0 take minisign's defaults. */
char        *cr_secret_key_to_string         (CrSecretKey        *key,
                                              const char         *password,
                                              guint64             opslimit,
                                              guint64             memlimit);
/* A whole .minisig file for @data. @trusted_comment (one line, no
 * newline) defaults to "timestamp:<now>" like minisign's. */
char        *cr_secret_key_sign              (CrSecretKey        *key,
                                              GBytes             *data,
                                              const char         *trusted_comment,
                                              GError            **error);

/* Verifies the .minisig text @signature for @data against @trusted_keys
 * (CrPublicKey *). On success returns TRUE with the key id and trusted
 * comment; on failure the error code says why. */
gboolean     cr_signature_verify             (const char         *signature,
                                              gsize               signature_len,
                                              GBytes             *data,
                                              GPtrArray          *trusted_keys,
                                              char              **out_key_id,
                                              char              **out_trusted_comment,
                                              GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrPublicKey, cr_public_key_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrSecretKey, cr_secret_key_free)

G_END_DECLS
