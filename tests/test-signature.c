/* test-signature.c: minisign-format keys and signatures, with the real tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keys are made at run time: throwaway ones by cr_secret_key_generate(),
 * and, where /usr/bin/minisign exists, by minisign itself so that both
 * directions of the format are checked against the reference tool.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cr-signature.h"
#include "cr-test-util.h"

/* Small scrypt limits keep the encrypted-key tests fast; minisign reads the
 * limits from the key file, so its own keys still use its defaults. */
#define TEST_OPSLIMIT 32768
#define TEST_MEMLIMIT (8 * 1024 * 1024)

static const char *minisign_path;

static GPtrArray *
key_list (CrPublicKey *key)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify) cr_public_key_unref);

  if (key != NULL)
    g_ptr_array_add (keys, cr_public_key_ref (key));
  return keys;
}

/* Runs @argv with @input on stdin; returns the exit status. */
static int
run (const char * const *argv,
     const char         *input,
     char              **out,
     char              **err)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  proc = g_subprocess_newv (argv,
                            G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                            | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                            &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, input != NULL ? input : "", NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  return g_subprocess_get_exit_status (proc);
}

static gboolean
need_minisign (void)
{
  if (minisign_path == NULL)
    {
      g_test_skip ("minisign is not installed");
      return FALSE;
    }
  return TRUE;
}

static char *
write_file (const char *dir,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}


static void
test_round_trip (void)
{
  g_autoptr(CrSecretKey) sk = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (sk);
  g_autoptr(GPtrArray) keys = key_list (pk);
  g_autoptr(GBytes) data = g_bytes_new_static ("{\"id\": \"cn-national\"}\n", 22);
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *pub_text = NULL;
  g_autofree char *pub_b64 = NULL;
  g_autoptr(CrPublicKey) pk2 = NULL;
  g_autoptr(CrPublicKey) pk3 = NULL;

  g_assert_cmpuint (strlen (cr_public_key_get_id (pk)), ==, CR_KEY_ID_LENGTH);
  g_assert_cmpstr (cr_public_key_get_id (pk), ==, cr_secret_key_get_id (sk));

  sig = cr_secret_key_sign (sk, data, "timestamp:1\tfile:cn-national.json", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (sig, "untrusted comment: "));
  /* The signature line starts with base64 of "ED": prehashed. */
  g_assert_true (g_str_has_prefix (strchr (sig, '\n') + 1, "RU"));

  g_assert_true (cr_signature_verify (sig, -1, data, keys, &key_id, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (key_id, ==, cr_public_key_get_id (pk));
  g_assert_cmpstr (comment, ==, "timestamp:1\tfile:cn-national.json");

  /* Both public key forms read back to the same key. */
  pub_text = cr_public_key_to_string (pk);
  pub_b64 = cr_public_key_to_base64 (pk);
  g_assert_true (g_str_has_prefix (pub_text, "untrusted comment: minisign public key "));
  pk2 = cr_public_key_new_from_string (pub_text, &error);
  g_assert_no_error (error);
  pk3 = cr_public_key_new_from_string (pub_b64, &error);
  g_assert_no_error (error);
  g_assert_true (cr_public_key_equal (pk, pk2));
  g_assert_true (cr_public_key_equal (pk, pk3));
  g_assert_cmpstr (cr_public_key_get_id (pk2), ==, cr_public_key_get_id (pk));
}

static void
test_secret_key_files (void)
{
  g_autoptr(CrSecretKey) sk = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (sk);
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = cr_secret_key_to_string (sk, NULL, 0, 0);
  g_autofree char *encrypted = cr_secret_key_to_string (sk, "correct horse", TEST_OPSLIMIT,
                                                        TEST_MEMLIMIT);
  g_autoptr(CrSecretKey) back = NULL;
  g_autoptr(CrSecretKey) back2 = NULL;
  g_autoptr(CrSecretKey) none = NULL;
  g_autoptr(CrPublicKey) back_pk = NULL;
  gboolean is_encrypted = TRUE;

  g_assert_true (cr_secret_key_data_is_encrypted (plain, &is_encrypted, &error));
  g_assert_false (is_encrypted);
  g_assert_true (cr_secret_key_data_is_encrypted (encrypted, &is_encrypted, &error));
  g_assert_true (is_encrypted);

  back = cr_secret_key_new_from_string (plain, NULL, &error);
  g_assert_no_error (error);
  back_pk = cr_secret_key_get_public_key (back);
  g_assert_true (cr_public_key_equal (pk, back_pk));

  none = cr_secret_key_new_from_string (encrypted, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_PASSWORD_REQUIRED);
  g_clear_error (&error);

  none = cr_secret_key_new_from_string (encrypted, "wrong horse", &error);
  g_assert_null (none);
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_WRONG_PASSWORD);
  g_assert_nonnull (strstr (error->message, "Wrong password"));
  g_clear_error (&error);

  back2 = cr_secret_key_new_from_string (encrypted, "correct horse", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_secret_key_get_id (back2), ==, cr_secret_key_get_id (sk));

  none = cr_secret_key_new_from_string ("untrusted comment: x\nnot base64!\n", NULL, &error);
  g_assert_null (none);
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED);
}

static void
test_failures (void)
{
  g_autoptr(CrSecretKey) sk = cr_secret_key_generate ();
  g_autoptr(CrSecretKey) other = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (sk);
  g_autoptr(CrPublicKey) other_pk = cr_secret_key_get_public_key (other);
  g_autoptr(GPtrArray) keys = key_list (pk);
  g_autoptr(GPtrArray) other_keys = key_list (other_pk);
  g_autoptr(GPtrArray) no_keys = key_list (NULL);
  g_autoptr(GBytes) data = g_bytes_new_static ("version 2026.1", 14);
  g_autoptr(GBytes) tampered = g_bytes_new_static ("version 2026.2", 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *sig = cr_secret_key_sign (sk, data, "timestamp:1", &error);
  g_autoptr(GString) bad_comment = NULL;
  g_autofree char *bad = NULL;

  g_assert_no_error (error);

  /* A changed file. */
  g_assert_false (cr_signature_verify (sig, -1, tampered, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE);
  g_assert_nonnull (strstr (error->message, "changed after it was signed"));
  g_assert_nonnull (strstr (error->message, cr_public_key_get_id (pk)));
  g_clear_error (&error);

  /* Signed by a key that is not trusted: the message names that key. */
  g_assert_false (cr_signature_verify (sig, -1, data, other_keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNTRUSTED_KEY);
  g_assert_nonnull (strstr (error->message, cr_public_key_get_id (pk)));
  g_assert_nonnull (strstr (error->message, "not one of the trusted keys"));
  g_clear_error (&error);

  g_assert_false (cr_signature_verify (sig, -1, data, no_keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_UNTRUSTED_KEY);
  g_clear_error (&error);

  /* A changed trusted comment. */
  bad_comment = g_string_new (sig);
  g_string_replace (bad_comment, "timestamp:1", "timestamp:2", 1);
  g_assert_false (cr_signature_verify (bad_comment->str, -1, data, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_TRUSTED_COMMENT);
  g_assert_nonnull (strstr (error->message, "trusted comment"));
  g_clear_error (&error);

  /* Not a signature at all. */
  g_assert_false (cr_signature_verify ("{\"id\": 1}", -1, data, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A signature line with a character flipped no longer decodes or verifies. */
  bad = g_strdup (sig);
  *strchr (strchr (bad, '\n') + 1, '\n') = '\0';
  g_assert_false (cr_signature_verify (bad, -1, data, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_MALFORMED);
  g_clear_error (&error);

  /* A trusted comment must be one line. */
  g_assert_null (cr_secret_key_sign (sk, data, "two\nlines", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_project_key (void)
{
  CrPublicKey *key = cr_public_key_get_project_key ();
  g_autofree char *path = g_build_filename (g_getenv ("CREDIT_REPAIR_SOURCE_ROOT"), "data", "keys",
                                            "credit-repair.pub", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrPublicKey) from_file = cr_public_key_new_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_true (cr_public_key_equal (key, from_file));
  g_assert_true (cr_public_key_get_project_key () == key);
}

/* minisign signs (both formats), we verify. */
static void
test_minisign_signs (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *sec = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *legacy_path = NULL;
  g_autofree char *sig = NULL;
  g_autofree char *legacy = NULL;
  g_autofree char *comment = NULL;
  g_autoptr(CrPublicKey) pk = NULL;
  g_autoptr(CrSecretKey) sk = NULL;
  g_autoptr(CrPublicKey) sk_pk = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GBytes) data = g_bytes_new_static ("rules\n", 6);
  g_autoptr(GBytes) tampered = g_bytes_new_static ("rulez\n", 6);
  g_autoptr(GError) error = NULL;

  if (!need_minisign ())
    return;

  dir = g_dir_make_tmp ("cr-sig-XXXXXX", &error);
  g_assert_no_error (error);
  pub = g_build_filename (dir, "k.pub", NULL);
  sec = g_build_filename (dir, "k.key", NULL);
  msg = write_file (dir, "rules.json", "rules\n", 6);
  sig_path = g_build_filename (dir, "rules.json.minisig", NULL);
  legacy_path = g_build_filename (dir, "legacy.minisig", NULL);

  g_assert_cmpint (run ((const char *[]) { minisign_path, "-G", "-W", "-p", pub, "-s", sec, NULL },
                        NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-S", "-s", sec, "-m", msg,
                                           "-t", "trusted by the tool", NULL },
                        NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-S", "-l", "-s", sec, "-m", msg,
                                           "-x", legacy_path, NULL },
                        NULL, NULL, NULL), ==, 0);

  pk = cr_public_key_new_from_file (pub, &error);
  g_assert_no_error (error);
  keys = key_list (pk);
  sig = read_file (sig_path);
  legacy = read_file (legacy_path);

  g_assert_true (cr_signature_verify (sig, -1, data, keys, NULL, &comment, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comment, ==, "trusted by the tool");

  /* The legacy "Ed" algorithm signs the data itself. */
  g_assert_true (g_str_has_prefix (strchr (legacy, '\n') + 1, "RW"));
  g_assert_true (cr_signature_verify (legacy, -1, data, keys, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (cr_signature_verify (sig, -1, tampered, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);
  g_assert_false (cr_signature_verify (legacy, -1, tampered, keys, NULL, NULL, &error));
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_BAD_SIGNATURE);
  g_clear_error (&error);

  /* The secret key as `minisign -G -W` writes it loads, and is the same pair. */
  sk = cr_secret_key_new_from_file (sec, NULL, &error);
  g_assert_no_error (error);
  sk_pk = cr_secret_key_get_public_key (sk);
  g_assert_true (cr_public_key_equal (pk, sk_pk));

  cr_test_remove_tree (dir);
}

/* We sign (with our key files), minisign verifies. */
static void
test_minisign_verifies (void)
{
  g_autoptr(CrSecretKey) sk = cr_secret_key_generate ();
  g_autoptr(CrPublicKey) pk = cr_secret_key_get_public_key (sk);
  g_autoptr(GBytes) data = g_bytes_new_static ("{\"version\": \"2026.1\"}\n", 22);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pub_text = cr_public_key_to_string (pk);
  g_autofree char *sig = cr_secret_key_sign (sk, data, "timestamp:1\tfile:r.json", &error);
  g_autofree char *sk_plain = cr_secret_key_to_string (sk, NULL, 0, 0);
  g_autofree char *sk_enc = cr_secret_key_to_string (sk, "pw", TEST_OPSLIMIT, TEST_MEMLIMIT);
  g_autofree char *pub = NULL;
  g_autofree char *msg = NULL;
  g_autofree char *sig_path = NULL;
  g_autofree char *sec_plain = NULL;
  g_autofree char *sec_enc = NULL;
  g_autofree char *sig2_path = NULL;
  g_autofree char *sig3_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out2 = NULL;
  g_autofree char *err2 = NULL;

  if (!need_minisign ())
    return;

  dir = g_dir_make_tmp ("cr-sig-XXXXXX", &error);
  g_assert_no_error (error);
  pub = write_file (dir, "k.pub", pub_text, -1);
  msg = write_file (dir, "r.json", g_bytes_get_data (data, NULL), g_bytes_get_size (data));
  sig_path = write_file (dir, "r.json.minisig", sig, -1);
  sec_plain = write_file (dir, "plain.key", sk_plain, -1);
  sec_enc = write_file (dir, "enc.key", sk_enc, -1);
  sig2_path = g_build_filename (dir, "by-plain.minisig", NULL);
  sig3_path = g_build_filename (dir, "by-enc.minisig", NULL);

  g_assert_cmpint (run ((const char *[]) { minisign_path, "-V", "-p", pub, "-m", msg, NULL },
                        NULL, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Trusted comment: timestamp:1\tfile:r.json"));

  /* minisign refuses it once the file changes, so the test can fail. */
  g_free (msg);
  msg = write_file (dir, "r.json", "{}", 2);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-V", "-p", pub, "-m", msg,
                                           "-x", sig_path, NULL },
                        NULL, &out2, &err2), !=, 0);

  /* minisign signs with the secret key files we write, plain and encrypted. */
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-S", "-W", "-s", sec_plain, "-m", msg,
                                           "-x", sig2_path, NULL },
                        NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-S", "-s", sec_enc, "-m", msg,
                                           "-x", sig3_path, NULL },
                        "pw\n", NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-V", "-p", pub, "-m", msg,
                                           "-x", sig2_path, NULL },
                        NULL, NULL, NULL), ==, 0);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-V", "-p", pub, "-m", msg,
                                           "-x", sig3_path, NULL },
                        NULL, NULL, NULL), ==, 0);

  cr_test_remove_tree (dir);
}

/* A key that minisign encrypted with a password (its default scrypt cost). */
static void
test_minisign_encrypted_key (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *pub = NULL;
  g_autofree char *sec = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CrSecretKey) sk = NULL;
  g_autoptr(CrSecretKey) none = NULL;
  g_autoptr(CrPublicKey) pk = NULL;
  g_autoptr(CrPublicKey) sk_pk = NULL;

  if (!need_minisign ())
    return;

  dir = g_dir_make_tmp ("cr-sig-XXXXXX", &error);
  g_assert_no_error (error);
  pub = g_build_filename (dir, "k.pub", NULL);
  sec = g_build_filename (dir, "k.key", NULL);
  g_assert_cmpint (run ((const char *[]) { minisign_path, "-G", "-p", pub, "-s", sec, NULL },
                        "s3cret\ns3cret\n", NULL, NULL), ==, 0);

  none = cr_secret_key_new_from_file (sec, NULL, &error);
  g_assert_error (error, CR_SIGNATURE_ERROR, CR_SIGNATURE_ERROR_PASSWORD_REQUIRED);
  g_assert_true (g_str_has_prefix (error->message, sec));
  g_clear_error (&error);

  sk = cr_secret_key_new_from_file (sec, "s3cret", &error);
  g_assert_no_error (error);
  pk = cr_public_key_new_from_file (pub, &error);
  g_assert_no_error (error);
  sk_pk = cr_secret_key_get_public_key (sk);
  g_assert_true (cr_public_key_equal (pk, sk_pk));

  cr_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  minisign_path = g_find_program_in_path ("minisign");

  g_test_add_func ("/signature/round-trip", test_round_trip);
  g_test_add_func ("/signature/secret-key-files", test_secret_key_files);
  g_test_add_func ("/signature/failures", test_failures);
  g_test_add_func ("/signature/project-key", test_project_key);
  g_test_add_func ("/signature/minisign-signs", test_minisign_signs);
  g_test_add_func ("/signature/minisign-verifies", test_minisign_verifies);
  g_test_add_func ("/signature/minisign-encrypted-key", test_minisign_encrypted_key);

  return g_test_run ();
}
