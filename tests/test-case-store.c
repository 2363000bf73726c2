/* test-case-store.c: the case library on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cr-case-store.h"

typedef struct
{
  char        *tmp;
  char        *root;
  CrCaseStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = g_dir_make_tmp ("test-case-store-XXXXXX", NULL);
  g_assert_nonnull (fixture->tmp);
  fixture->root = g_build_filename (fixture->tmp, "library", NULL);
  fixture->store = cr_case_store_new (fixture->root);
}

static void
delete_recursively (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        delete_recursively (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_assert_finalize_object (fixture->store);
  delete_recursively (fixture->tmp);
  g_free (fixture->root);
  g_free (fixture->tmp);
}

static CrCase *
make_case (const char *company,
           guint       n_records)
{
  CrCase *kase = cr_case_new ();

  cr_case_set_company_name (kase, company);
  cr_case_set_company_uscc (kase, "91320206MA1N2P3Q0J");
  cr_case_set_applicant_role (kase, CR_APPLICANT_ROLE_AGENT);
  cr_case_set_applicant_name (kase, "李娜");

  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i + 1);
      g_autofree char *number = g_strdup_printf ("锡惠市监处罚〔2025〕%u号", 100 + i);
      g_autoptr(CrCaseRecord) record = cr_case_record_new (id);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 10, 3, 2025);
      cr_case_record_set_decision_number (record, number);
      cr_case_record_set_authority (record, "无锡市惠山区市场监督管理局");
      cr_case_record_set_decision_date (record, &date);
      cr_case_record_set_domain (record, "market_regulation");
      cr_case_record_set_severity (record, CR_SEVERITY_CLASS_GENERAL);
      cr_case_record_add_penalty (record, "fine", 500000);
      cr_case_add_record (kase, record);
    }

  return kase;
}

static char *
read_file (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;

  return contents;
}

static void
write_file (const char *folder,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static gboolean
exists (const char *folder,
        const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static guint
file_mode (const char *folder,
           const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static guint64
file_inode (const char *folder,
            const char *name)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_ino;
}

static CrCaseSummary *
find_summary (GPtrArray  *summaries,
              const char *name)
{
  for (guint i = 0; i < summaries->len; i++)
    {
      CrCaseSummary *summary = g_ptr_array_index (summaries, i);

      if (g_str_equal (cr_case_summary_get_name (summary), name))
        return summary;
    }

  return NULL;
}

static void
test_create_list_load (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("无锡/示例:机械*有限公司", 2);
  g_autoptr(CrCase) created = NULL;
  g_autoptr(CrCase) second = NULL;
  g_autoptr(CrCase) empty = NULL;
  g_autoptr(CrCase) loaded = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *broken = NULL;
  g_autofree char *not_a_case = NULL;
  g_autofree char *only_backup = NULL;
  g_autofree char *expected_folder = NULL;
  CrCaseSummary *summary;
  const char *folder;

  /* No root yet: an empty library, not an error. */
  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 0);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  created = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  g_assert_true (created == initial);
  g_assert_false (cr_case_get_modified (created));
  folder = cr_case_get_base_dir (created);
  expected_folder = g_build_filename (fixture->root, "无锡_示例_机械_有限公司", NULL);
  g_assert_cmpstr (folder, ==, expected_folder);

  /* Private data: folders 0700, files 0600. */
  g_assert_cmpuint (file_mode (fixture->root, "."), ==, 0700);
  g_assert_cmpuint (file_mode (folder, "."), ==, 0700);
  g_assert_cmpuint (file_mode (folder, "case.json"), ==, 0600);
  g_assert_cmpuint (file_mode (folder, "attachments"), ==, 0700);

  second = cr_case_store_create (fixture->store, "无锡_示例_机械_有限公司", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (cr_case_get_base_dir (second), "无锡_示例_机械_有限公司 (2)"));
  empty = cr_case_store_create (fixture->store, " ..hidden/.. ", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (cr_case_get_base_dir (empty), G_DIR_SEPARATOR_S "hidden_"));

  /* A folder whose case is broken is listed with its error; folders that
   * are no case, hidden ones and files are not listed. */
  broken = g_build_filename (fixture->root, "broken", NULL);
  g_assert_cmpint (g_mkdir (broken, 0700), ==, 0);
  write_file (broken, "case.json", "{\"format\": \"org.example.CreditRepair.case\", ");
  not_a_case = g_build_filename (fixture->root, "not a case", NULL);
  g_assert_cmpint (g_mkdir (not_a_case, 0700), ==, 0);
  only_backup = g_build_filename (fixture->root, "only backup", NULL);
  g_assert_cmpint (g_mkdir (only_backup, 0700), ==, 0);
  write_file (only_backup, "case.json.bak", "{}");
  write_file (fixture->root, "stray file.txt", "x");

  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summaries->len, ==, 5);

  summary = find_summary (summaries, "无锡_示例_机械_有限公司");
  g_assert_nonnull (summary);
  g_assert_cmpstr (cr_case_summary_get_folder (summary), ==, folder);
  g_assert_cmpstr (cr_case_summary_get_company_name (summary), ==, "无锡/示例:机械*有限公司");
  g_assert_cmpstr (cr_case_summary_get_uscc (summary), ==, "91320206MA1N2P3Q0J");
  g_assert_cmpuint (cr_case_summary_get_n_records (summary), ==, 2);
  g_assert_cmpstr (cr_case_summary_get_decision_numbers (summary)[1], ==, "锡惠市监处罚〔2025〕101号");
  g_assert_null (cr_case_summary_get_decision_numbers (summary)[2]);
  g_assert_nonnull (cr_case_summary_get_modified (summary));
  g_assert_null (cr_case_summary_get_error (summary));
  g_assert_false (cr_case_summary_get_has_recovery (summary));

  summary = find_summary (summaries, "broken");
  g_assert_nonnull (summary);
  g_assert_error ((GError *) cr_case_summary_get_error (summary), CR_CASE_ERROR,
                  CR_CASE_ERROR_PARSE);
  g_assert_null (cr_case_summary_get_company_name (summary));

  summary = find_summary (summaries, "only backup");
  g_assert_nonnull (summary);
  g_assert_error ((GError *) cr_case_summary_get_error (summary), CR_CASE_STORE_ERROR,
                  CR_CASE_STORE_ERROR_NOT_FOUND);
  g_assert_null (find_summary (summaries, "not a case"));

  /* Listing again reuses what did not change, and rereads what did. */
  {
    g_autoptr(GPtrArray) again = NULL;
    g_autoptr(CrCase) edited = cr_case_store_load (fixture->store, "hidden_", NULL, &error);

    g_assert_no_error (error);
    cr_case_set_company_name (edited, "Renamed company");
    g_assert_true (cr_case_store_save (fixture->store, edited, &error));
    g_assert_no_error (error);

    again = cr_case_store_list (fixture->store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (again->len, ==, 5);
    g_assert_true (find_summary (again, "无锡_示例_机械_有限公司") ==
                   find_summary (summaries, "无锡_示例_机械_有限公司"));
    g_assert_true (find_summary (again, "hidden_") != find_summary (summaries, "hidden_"));
    g_assert_cmpstr (cr_case_summary_get_company_name (find_summary (again, "hidden_")), ==,
                     "Renamed company");
  }

  loaded = cr_case_store_load (fixture->store, "无锡_示例_机械_有限公司", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_case_equal (loaded, created));
  g_assert_cmpstr (cr_case_get_base_dir (loaded), ==, folder);
  g_assert_false (cr_case_get_modified (loaded));
  g_assert_false (cr_case_store_has_changed_on_disk (fixture->store, loaded));

  g_assert_null (cr_case_store_load (fixture->store, "not a case", NULL, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (cr_case_store_load (fixture->store, "broken", NULL, &error));
  g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "broken"));
}

static void
test_save_backup (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("A", 1);
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCase) reloaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *on_disk = NULL;
  g_autofree char *folder = NULL;
  guint64 inode;

  kase = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (kase));
  first = read_file (folder, "case.json");
  g_assert_false (exists (folder, "case.json.bak"));

  cr_case_set_company_name (kase, "B");
  g_assert_true (cr_case_get_modified (kase));
  inode = file_inode (folder, "case.json");
  g_assert_true (cr_case_store_save (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_false (cr_case_get_modified (kase));
  /* Replaced by rename(2), never rewritten in place: a kill mid-write
   * cannot leave half a file. */
  g_assert_cmpuint (file_inode (folder, "case.json"), !=, inode);

  second = read_file (folder, "case.json");
  backup = read_file (folder, "case.json.bak");
  g_assert_cmpstr (backup, ==, first);
  g_assert_cmpstr (second, !=, first);
  g_assert_cmpuint (file_mode (folder, "case.json"), ==, 0600);
  g_assert_cmpuint (file_mode (folder, "case.json.bak"), ==, 0600);

  /* Saving unchanged data keeps the real previous version as backup. */
  g_assert_true (cr_case_store_save (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_clear_pointer (&backup, g_free);
  backup = read_file (folder, "case.json.bak");
  g_assert_cmpstr (backup, ==, first);

  reloaded = cr_case_store_load (fixture->store, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (reloaded), ==, "B");

  /* An incomplete case (a record still being typed in) saves and loads. */
  {
    g_autoptr(CrCaseRecord) blank = cr_case_record_new (NULL);
    g_autoptr(CrCase) incomplete = NULL;

    cr_case_add_record (kase, blank);
    g_assert_true (cr_case_store_save (fixture->store, kase, &error));
    g_assert_no_error (error);
    incomplete = cr_case_store_load (fixture->store, folder, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (cr_case_equal (incomplete, kase));
  }

  /* A case without a folder cannot be saved. */
  {
    g_autoptr(CrCase) loose = cr_case_new ();

    g_assert_false (cr_case_store_save (fixture->store, loose, &error));
    g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_IN_STORE);
    g_clear_error (&error);
  }

  on_disk = read_file (folder, "case.json");
  g_assert_nonnull (strstr (on_disk, "\"B\""));
}

static void
test_conflict (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("Ours", 1);
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCase) theirs = NULL;
  g_autoptr(CrCase) reloaded = NULL;
  g_autoptr(CrCase) copy_loaded = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *original = NULL;
  g_autofree char *external = NULL;
  g_autofree char *copy_folder = NULL;
  g_autofree char *after = NULL;
  g_autofree char *case_path = NULL;

  kase = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (kase));
  original = read_file (folder, "case.json");
  write_file (folder, "attachments/receipt.pdf", "%PDF-1.4 receipt");

  /* Touching the file (same bytes, new time) is no conflict. */
  case_path = g_build_filename (folder, "case.json", NULL);
  g_usleep (20000);
  write_file (folder, "case.json", original);
  g_assert_false (cr_case_store_has_changed_on_disk (fixture->store, kase));
  cr_case_set_applicant_name (kase, "王五");
  g_assert_true (cr_case_store_save (fixture->store, kase, &error));
  g_assert_no_error (error);

  /* Another program (a sync tool, another window) writes the file. */
  theirs = cr_case_store_load (fixture->store, folder, NULL, &error);
  g_assert_no_error (error);
  cr_case_set_company_name (theirs, "Theirs");
  external = cr_case_to_data (theirs, NULL);
  write_file (folder, "case.json", external);
  g_assert_true (cr_case_store_has_changed_on_disk (fixture->store, kase));

  cr_case_set_company_name (kase, "Ours, edited");
  g_assert_false (cr_case_store_save (fixture->store, kase, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "case.json"));
  g_clear_error (&error);
  after = read_file (folder, "case.json");
  g_assert_cmpstr (after, ==, external);
  g_assert_true (cr_case_get_modified (kase));

  /* Keep both: ours goes to a copy, with the attachments. */
  write_file (folder, "case.json.autosave", "unsaved edits of ours");
  copy_folder = cr_case_store_save_as_conflict_copy (fixture->store, kase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (copy_folder, "Ours (conflicted copy "));
  g_assert_cmpstr (cr_case_get_base_dir (kase), ==, copy_folder);
  g_assert_false (cr_case_get_modified (kase));
  g_assert_true (exists (copy_folder, "attachments/receipt.pdf"));
  g_assert_false (exists (copy_folder, "case.json.bak"));
  g_assert_false (exists (folder, "case.json.autosave"));
  g_assert_cmpuint (file_mode (copy_folder, "case.json"), ==, 0600);
  copy_loaded = cr_case_store_load (fixture->store, copy_folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (copy_loaded), ==, "Ours, edited");
  g_assert_false (cr_case_store_has_changed_on_disk (fixture->store, kase));

  /* Editing goes on in the copy. */
  cr_case_set_company_phone (kase, "0510-1");
  g_assert_true (cr_case_store_save (fixture->store, kase, &error));
  g_assert_no_error (error);

  /* Or take theirs. */
  cr_case_set_base_dir (theirs, folder);
  reloaded = cr_case_store_reload (fixture->store, theirs, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (reloaded), ==, "Theirs");

  /* A case never read from disk does not overwrite an existing file. */
  {
    g_autoptr(CrCase) stranger = make_case ("Stranger", 0);

    cr_case_set_base_dir (stranger, folder);
    g_assert_true (cr_case_store_has_changed_on_disk (fixture->store, stranger));
    g_assert_false (cr_case_store_save (fixture->store, stranger, &error));
    g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* A deleted case.json is written again. */
  g_assert_cmpint (g_unlink (case_path), ==, 0);
  g_assert_true (cr_case_store_has_changed_on_disk (fixture->store, reloaded));
  g_assert_true (cr_case_store_save (fixture->store, reloaded, &error));
  g_assert_no_error (error);
  g_assert_true (exists (folder, "case.json"));
}

static void
test_recovery (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("Saved", 1);
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCase) reopened = NULL;
  g_autoptr(CrCase) recovered = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *saved = NULL;

  kase = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (kase));
  g_assert_false (cr_case_store_has_recovery (fixture->store, folder));
  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cr_case_summary_get_has_recovery (g_ptr_array_index (summaries, 0)));
  g_clear_pointer (&summaries, g_ptr_array_unref);

  /* Edits, autosaved, then the app dies without saving. */
  cr_case_set_company_name (kase, "Unsaved edits");
  g_assert_true (cr_case_store_write_autosave (fixture->store, kase, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (file_mode (folder, "case.json.autosave"), ==, 0600);
  g_clear_object (&kase);

  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cr_case_summary_get_has_recovery (g_ptr_array_index (summaries, 0)));

  g_assert_true (cr_case_store_has_recovery (fixture->store, folder));
  reopened = cr_case_store_load (fixture->store, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (reopened), ==, "Saved");

  recovered = cr_case_store_recover (fixture->store, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (recovered), ==, "Unsaved edits");
  g_assert_true (cr_case_get_modified (recovered));
  cr_case_set_company_phone (recovered, "1");
  g_assert_true (cr_case_get_modified (recovered));

  g_assert_true (cr_case_store_save (fixture->store, recovered, &error));
  g_assert_no_error (error);
  g_assert_false (exists (folder, "case.json.autosave"));
  g_assert_false (cr_case_store_has_recovery (fixture->store, folder));
  g_clear_pointer (&summaries, g_ptr_array_unref);
  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (cr_case_summary_get_has_recovery (g_ptr_array_index (summaries, 0)));
  g_assert_cmpstr (cr_case_summary_get_company_name (g_ptr_array_index (summaries, 0)), ==,
                   "Unsaved edits");
  saved = read_file (folder, "case.json");
  g_assert_nonnull (strstr (saved, "Unsaved edits"));

  /* Discarding. */
  cr_case_set_company_name (recovered, "Edits to drop");
  g_assert_true (cr_case_store_write_autosave (fixture->store, recovered, &error));
  g_assert_true (cr_case_store_has_recovery (fixture->store, folder));
  g_assert_true (cr_case_store_discard_recovery (fixture->store, folder, &error));
  g_assert_no_error (error);
  g_assert_false (cr_case_store_has_recovery (fixture->store, folder));
  g_assert_true (cr_case_store_discard_recovery (fixture->store, folder, &error));
  g_assert_null (cr_case_store_recover (fixture->store, folder, NULL, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An autosave identical to case.json (a crash right after saving) is no
   * recovery, and is cleaned up. */
  write_file (folder, "case.json.autosave", saved);
  g_assert_false (cr_case_store_has_recovery (fixture->store, folder));
  g_assert_false (exists (folder, "case.json.autosave"));

  /* Stale temporaries of a crashed write are removed when opening. */
  {
    g_autofree char *stale = g_build_filename (folder, "case.json.Ab3dE9", NULL);
    g_autofree char *fresh = g_build_filename (folder, "case.json.Zz9yY8", NULL);
    g_autoptr(GDateTime) old = g_date_time_new_now_utc ();
    g_autoptr(GFile) file = NULL;
    g_autoptr(CrCase) opened = NULL;

    write_file (folder, "case.json.Ab3dE9", "partial");
    write_file (folder, "case.json.Zz9yY8", "partial");
    file = g_file_new_for_path (stale);
    g_assert_true (g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                g_date_time_to_unix (old) - 3600,
                                                G_FILE_QUERY_INFO_NONE, NULL, &error));
    g_assert_no_error (error);
    opened = cr_case_store_load (fixture->store, folder, NULL, &error);
    g_assert_no_error (error);
    g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  }
}

static void
test_duplicate_rename_delete (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("Client", 1);
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCase) other = NULL;
  g_autoptr(GPtrArray) summaries = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *trashed = NULL;
  g_autofree char *trashed2 = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *restored2 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *outside = NULL;
  char *path;

  kase = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (kase));
  write_file (folder, "attachments/commitment.pdf", "%PDF-1.4 commitment");
  cr_case_set_company_name (kase, "Client v2");
  g_assert_true (cr_case_store_save (fixture->store, kase, NULL));
  write_file (folder, "case.json.autosave", "edits");

  /* Duplicate: the case and its attachments, not backups or autosaves. */
  copy = cr_case_store_duplicate (fixture->store, "Client", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (copy, G_DIR_SEPARATOR_S "Client (copy)"));
  g_assert_true (exists (copy, "case.json"));
  g_assert_true (exists (copy, "attachments/commitment.pdf"));
  g_assert_false (exists (copy, "case.json.bak"));
  g_assert_false (exists (copy, "case.json.autosave"));
  g_assert_cmpuint (file_mode (copy, "."), ==, 0700);
  g_assert_cmpuint (file_mode (copy, "attachments/commitment.pdf"), ==, 0600);
  other = cr_case_store_load (fixture->store, copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cr_case_get_company_name (other), ==, "Client v2");
  path = cr_case_store_duplicate (fixture->store, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (path, "Client (copy) (2)"));
  g_free (path);

  /* Rename. */
  renamed = cr_case_store_rename (fixture->store, copy, "Client/2025", &error);
  g_assert_no_error (error);
  expected = g_build_filename (fixture->root, "Client_2025", NULL);
  g_assert_cmpstr (renamed, ==, expected);
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_true (exists (renamed, "attachments/commitment.pdf"));

  path = cr_case_store_rename (fixture->store, renamed, "Client_2025", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, renamed);
  g_free (path);

  g_assert_null (cr_case_store_rename (fixture->store, renamed, "Client", &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (cr_case_store_rename (fixture->store, renamed, " ... ", &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_INVALID_NAME);
  g_clear_error (&error);

  outside = g_build_filename (fixture->tmp, "outside", NULL);
  g_assert_cmpint (g_mkdir (outside, 0700), ==, 0);
  g_assert_null (cr_case_store_delete (fixture->store, outside, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_IN_STORE);
  g_clear_error (&error);
  g_assert_null (cr_case_store_rename (fixture->store, "missing", "x", &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Delete moves to the trash; restore undoes it. */
  trashed = cr_case_store_delete (fixture->store, "Client", &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_true (exists (trashed, "case.json"));
  g_assert_true (strstr (trashed, G_DIR_SEPARATOR_S ".trash" G_DIR_SEPARATOR_S) != NULL);

  summaries = cr_case_store_list (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (find_summary (summaries, "Client"));
  g_assert_cmpuint (summaries->len, ==, 2);
  g_clear_pointer (&summaries, g_ptr_array_unref);

  restored = cr_case_store_restore (fixture->store, trashed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (restored, ==, folder);
  g_assert_true (exists (folder, "attachments/commitment.pdf"));
  g_assert_false (g_file_test (trashed, G_FILE_TEST_EXISTS));

  /* The same name deleted twice; the second restore finds the name taken. */
  g_clear_pointer (&trashed, g_free);
  trashed = cr_case_store_delete (fixture->store, "Client", &error);
  g_assert_no_error (error);
  g_clear_object (&other);
  other = cr_case_store_create (fixture->store, "Client", NULL, &error);
  g_assert_no_error (error);
  trashed2 = cr_case_store_delete (fixture->store, "Client", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (trashed, !=, trashed2);
  g_free (restored);
  restored = cr_case_store_restore (fixture->store, trashed, &error);
  g_assert_no_error (error);
  restored2 = cr_case_store_restore (fixture->store, trashed2, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (restored2, "Client (2)"));

  g_assert_null (cr_case_store_restore (fixture->store, folder, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Emptying the trash. */
  g_clear_pointer (&trashed, g_free);
  trashed = cr_case_store_delete (fixture->store, restored2, &error);
  g_assert_no_error (error);
  g_assert_true (cr_case_store_empty_trash (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_false (exists (fixture->root, ".trash"));
  g_assert_true (cr_case_store_empty_trash (fixture->store, &error));
}

static const char import_doc[] =
  "{\"format\": \"org.example.CreditRepair.case\", \"format_version\": 1,"
  " \"x-crm-id\": \"C-0042\","
  " \"company\": {\"name\": \"苏州示例食品有限公司\", \"uscc\": \"91320505MA1W8K3D1C\"},"
  " \"applicant\": {\"role\": \"agent\", \"id_number\": \"\"},"
  " \"records\": [{\"id\": \"r1\", \"kind\": \"administrative_penalty\","
  "   \"decision_number\": \"苏虎市监处罚〔2025〕215号\", \"authority\": \"a\","
  "   \"decision_date\": \"2025-06-18\", \"domain\": \"food\","
  "   \"penalties\": [{\"type\": \"fine\", \"amount\": \"50000\"}], \"severity\": \"general\"}],"
  " \"materials\": ["
  "   {\"slot\": \"payment_proof\", \"record\": \"r1\", \"path\": \"attachments/receipt.pdf\"},"
  "   {\"slot\": \"commitment\", \"record\": \"r1\", \"path\": \"@ABS@\"},"
  "   {\"slot\": \"identity_proof\", \"path\": \"../elsewhere/receipt.pdf\"},"
  "   {\"slot\": \"other\", \"path\": \"attachments/receipt.pdf\"},"
  "   {\"slot\": \"other\", \"path\": \"attachments/missing.pdf\"}"
  " ]}";

static gboolean
has_problem (GPtrArray  *problems,
             const char *code,
             const char *pointer)
{
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const CrProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->code, code) == 0 && g_strcmp0 (problem->pointer, pointer) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = cr_problem_list_new ();
  g_autoptr(GPtrArray) export_warnings = cr_problem_list_new ();
  g_autoptr(GString) doc = g_string_new (import_doc);
  g_autoptr(CrCase) imported = NULL;
  g_autoptr(CrCase) exported = NULL;
  g_autofree char *source = g_build_filename (fixture->tmp, "source", "client", NULL);
  g_autofree char *elsewhere = g_build_filename (fixture->tmp, "source", "elsewhere", NULL);
  g_autofree char *absolute = g_build_filename (fixture->tmp, "commitment signed.pdf", NULL);
  g_autofree char *source_case = g_build_filename (source, "case.json", NULL);
  g_autofree char *source_attachments = g_build_filename (source, "attachments", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *dest = g_build_filename (fixture->tmp, "export", NULL);
  g_autofree char *dest_case = g_build_filename (dest, "case.json", NULL);
  g_autofree char *exported_data = NULL;
  const char *folder;

  g_assert_cmpint (g_mkdir_with_parents (source, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (source_attachments, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (elsewhere, 0700), ==, 0);
  write_file (fixture->tmp, "commitment signed.pdf", "%PDF commitment");
  write_file (source, "attachments/receipt.pdf", "%PDF receipt");
  write_file (elsewhere, "receipt.pdf", "%PDF identity");
  g_string_replace (doc, "@ABS@", absolute, 1);
  write_file (source, "case.json", doc->str);

  imported = cr_case_store_import (fixture->store, source_case, warnings, &error);
  g_assert_no_error (error);
  folder = cr_case_get_base_dir (imported);
  g_assert_true (g_str_has_suffix (folder, G_DIR_SEPARATOR_S "苏州示例食品有限公司"));
  g_assert_false (cr_case_get_modified (imported));

  /* Inside paths keep their place, outside files come into attachments/
   * (with distinct names), a file used twice is copied once. */
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (imported, 0)), ==,
                   "attachments/receipt.pdf");
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (imported, 1)), ==,
                   "attachments/commitment signed.pdf");
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (imported, 2)), ==,
                   "attachments/receipt-2.pdf");
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (imported, 3)), ==,
                   "attachments/receipt.pdf");
  g_assert_cmpstr (cr_case_material_get_path (cr_case_get_material (imported, 4)), ==,
                   "attachments/missing.pdf");
  g_clear_pointer (&saved, g_free);
  saved = read_file (folder, "attachments/receipt-2.pdf");
  g_assert_cmpstr (saved, ==, "%PDF identity");
  g_clear_pointer (&saved, g_free);
  saved = read_file (folder, "attachments/commitment signed.pdf");
  g_assert_cmpstr (saved, ==, "%PDF commitment");
  g_assert_cmpuint (file_mode (folder, "attachments/receipt.pdf"), ==, 0600);
  g_assert_cmpuint (file_mode (folder, "case.json"), ==, 0600);

  g_assert_true (has_problem (warnings, "case-unknown-key", "/x-crm-id"));
  g_assert_true (has_problem (warnings, "material-not-copied", "/materials/4/path"));
  g_assert_cmpuint (warnings->len, ==, 2);

  /* Unknown keys survive the import. */
  g_clear_pointer (&saved, g_free);
  saved = read_file (folder, "case.json");
  g_assert_nonnull (strstr (saved, "C-0042"));

  /* Export: a self-contained folder in interchange v1 exactly. */
  g_assert_true (cr_case_store_export (fixture->store, imported, dest, export_warnings, &error));
  g_assert_no_error (error);
  g_assert_true (has_problem (export_warnings, "material-not-copied", "/materials/4/path"));
  g_assert_cmpuint (export_warnings->len, ==, 1);
  exported_data = read_file (dest, "case.json");
  g_assert_null (strstr (exported_data, "C-0042"));
  g_assert_true (exists (dest, "attachments/receipt.pdf"));
  g_assert_true (exists (dest, "attachments/receipt-2.pdf"));
  g_assert_true (exists (dest, "attachments/commitment signed.pdf"));

  g_ptr_array_set_size (warnings, 0);
  exported = cr_case_load_from_file (dest_case, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, ==, 0);
  g_assert_cmpstr (cr_case_get_company_uscc (exported), ==, "91320505MA1W8K3D1C");
  g_assert_cmpuint (cr_case_get_n_materials (exported), ==, 5);

  /* Not into a folder with files in it. */
  g_assert_false (cr_case_store_export (fixture->store, imported, dest, NULL, &error));
  g_assert_error (error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_EMPTY);
  g_clear_error (&error);

  /* An incomplete case exports with a warning. */
  {
    g_autoptr(CrCaseRecord) blank = cr_case_record_new ("r2");
    g_autofree char *dest2 = g_build_filename (fixture->tmp, "export2", NULL);

    cr_case_add_record (imported, blank);
    g_ptr_array_set_size (export_warnings, 0);
    g_assert_true (cr_case_store_export (fixture->store, imported, dest2, export_warnings,
                                         &error));
    g_assert_no_error (error);
    g_assert_true (has_problem (export_warnings, "export-incomplete", NULL));
  }

  /* Malformed files are not imported. */
  write_file (source, "case.json", "{\"format\": \"org.example.CreditRepair.case\", "
                                   "\"format_version\": 1, \"company\": 3}");
  g_assert_null (cr_case_store_import (fixture->store, source_case, NULL, &error));
  g_assert_error (error, CR_CASE_ERROR, CR_CASE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/company"));
}

/* Async */

typedef struct
{
  GMainLoop *loop;
  guint      pending;
  GPtrArray *summaries;
  CrCase    *kase;
  GPtrArray *warnings;
  GError    *error;
} AsyncState;

static void
done (AsyncState *state)
{
  if (--state->pending == 0)
    g_main_loop_quit (state->loop);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->summaries = cr_case_store_list_finish (CR_CASE_STORE (object), result, &state->error);
  done (state);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;

  state->kase = cr_case_store_load_finish (CR_CASE_STORE (object), result, &state->warnings,
                                           &state->error);
  done (state);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncState *state = user_data;
  GError *error = NULL;

  if (!cr_case_store_save_finish (CR_CASE_STORE (object), result, &error))
    g_propagate_error (&state->error, error);
  done (state);
}

static void
autosave_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncState *state = user_data;
  GError *error = NULL;

  if (!cr_case_store_write_autosave_finish (CR_CASE_STORE (object), result, &error))
    g_propagate_error (&state->error, error);
  done (state);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = make_case ("Async", 3);
  g_autoptr(CrCase) created = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncState state = { loop, };
  g_autofree char *folder = NULL;
  g_autofree char *on_disk = NULL;

  created = cr_case_store_create (fixture->store, NULL, initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (created));

  state.pending = 2;
  cr_case_store_list_async (fixture->store, NULL, list_cb, &state);
  cr_case_store_load_async (fixture->store, "Async", NULL, load_cb, &state);
  g_main_loop_run (loop);
  g_assert_no_error (state.error);
  g_assert_cmpuint (state.summaries->len, ==, 1);
  g_assert_cmpuint (cr_case_summary_get_n_records (g_ptr_array_index (state.summaries, 0)), ==, 3);
  g_assert_nonnull (state.kase);
  g_assert_cmpuint (state.warnings->len, ==, 0);
  g_assert_true (cr_case_equal (state.kase, created));

  /* Autosaves and saves land in the order they were asked for: the save
   * after an autosave always removes it. */
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("Async %u", i);

      cr_case_set_company_name (state.kase, name);
      state.pending = 3;
      cr_case_store_write_autosave_async (fixture->store, state.kase, NULL, autosave_cb, &state);
      cr_case_store_save_async (fixture->store, state.kase, NULL, save_cb, &state);
      cr_case_set_company_phone (state.kase, name);
      cr_case_store_write_autosave_async (fixture->store, state.kase, NULL, autosave_cb, &state);
      g_assert_true (cr_case_get_modified (state.kase));
      g_main_loop_run (loop);
      g_assert_no_error (state.error);
      /* The phone change came after the save. */
      g_assert_true (cr_case_get_modified (state.kase));
      g_assert_true (cr_case_store_has_recovery (fixture->store, folder));

      state.pending = 1;
      cr_case_store_save_async (fixture->store, state.kase, NULL, save_cb, &state);
      g_main_loop_run (loop);
      g_assert_no_error (state.error);
      g_assert_false (cr_case_get_modified (state.kase));
      g_assert_false (exists (folder, "case.json.autosave"));
    }

  on_disk = read_file (folder, "case.json");
  g_assert_nonnull (strstr (on_disk, "Async 19"));

  /* Errors arrive through the callback. */
  state.pending = 1;
  g_clear_object (&state.kase);
  g_clear_pointer (&state.warnings, g_ptr_array_unref);
  cr_case_store_load_async (fixture->store, "nothing here", NULL, load_cb, &state);
  g_main_loop_run (loop);
  g_assert_error (state.error, CR_CASE_STORE_ERROR, CR_CASE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&state.error);
  g_assert_null (state.kase);

  g_clear_pointer (&state.summaries, g_ptr_array_unref);

  /* Worker threads drop their task (and its reference to the store) just
   * after the result was delivered. */
  for (guint i = 0; i < 500 && G_OBJECT (fixture->store)->ref_count > 1; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Crash safety: a writer process saves two versions in turn and is killed
 * with SIGKILL at random moments; case.json (and its backup) must always be
 * exactly one of the two versions. */

#define CRASH_ITERATIONS 250
/* On a loaded machine or under ASan, stop after the minimum once this long. */
#define CRASH_MIN_ITERATIONS 200
#define CRASH_TIME_BUDGET_S 12.0
#define CRASH_MAX_DELAY_USEC 3000

static void
writer (const char *root,
        const char *folder,
        int         fd,
        const char *name_a,
        const char *name_b)
{
  g_autoptr(CrCaseStore) store = cr_case_store_new (root);
  g_autoptr(CrCase) kase = cr_case_store_load (store, folder, NULL, NULL);

  if (kase == NULL)
    _exit (3);

  for (;;)
    {
      gboolean is_a = g_str_equal (cr_case_get_company_name (kase), name_a);
      char byte = 1;

      cr_case_set_company_name (kase, is_a ? name_b : name_a);
      if (!cr_case_store_save (store, kase, NULL))
        _exit (4);
      if (write (fd, &byte, 1) != 1)
        _exit (5);
    }
}

static void
test_crash_safety (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrCase) initial = NULL;
  g_autoptr(CrCase) kase = NULL;
  g_autoptr(CrCaseStore) store = NULL;
  g_autofree char *template = NULL;
  g_autofree char *root = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *version_a = NULL;
  g_autofree char *version_b = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint saves = 0, mid_write = 0, kills = 0;

  if (!g_test_subprocess ())
    {
      /* Forking wants a process without other threads: run in a fresh one. */
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  /* A kill does not lose the page cache, so what is tested here is the
   * order of write and rename, not fsync: a tmpfs keeps each save short
   * (no fsync wait), so that kills land all over the writes. */
  template = g_build_filename (g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir (),
                               "test-case-store-crash-XXXXXX", NULL);
  root = g_mkdtemp (g_strdup (template));
  g_assert_nonnull (root);
  store = cr_case_store_new (root);

  /* About 8 KB: a realistic large case. */
  initial = make_case ("Version A", 20);
  kase = cr_case_store_create (store, "crash", initial, &error);
  g_assert_no_error (error);
  folder = g_strdup (cr_case_get_base_dir (kase));
  version_a = cr_case_to_data (kase, NULL);
  cr_case_set_company_name (kase, "Version B");
  version_b = cr_case_to_data (kase, NULL);
  g_assert_cmpuint (strlen (version_a), >, 6000);

  for (guint i = 0; i < CRASH_ITERATIONS; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *backup = NULL;
      g_autoptr(CrCase) check = NULL;
      int fds[2];
      pid_t pid;
      char buffer[4096];
      ssize_t n;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          writer (root, folder, fds[1], "Version A", "Version B");
        }
      close (fds[1]);

      /* Wait for the first save, then kill at a random moment. */
      n = read (fds[0], buffer, 1);
      g_assert_cmpint (n, ==, 1);
      g_usleep (g_test_rand_int_range (0, CRASH_MAX_DELAY_USEC));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL);
      saves++;
      kills++;
      while ((n = read (fds[0], buffer, sizeof buffer)) > 0)
        saves += n;
      close (fds[0]);

      contents = read_file (folder, "case.json");
      g_assert_nonnull (contents);
      if (!g_str_equal (contents, version_a) && !g_str_equal (contents, version_b))
        g_error ("iteration %u: case.json is neither version (%zu bytes)", i, strlen (contents));

      backup = read_file (folder, "case.json.bak");
      if (backup != NULL && !g_str_equal (backup, version_a) && !g_str_equal (backup, version_b))
        g_error ("iteration %u: case.json.bak is neither version", i);

      /* Both versions parse; opening it through the store now and then
       * also covers its fingerprint and temporary-file handling. */
      if (i % 10 == 0 || i == CRASH_ITERATIONS - 1 || i == CRASH_MIN_ITERATIONS - 1)
        {
          check = cr_case_store_load (store, folder, NULL, &error);
          g_assert_no_error (error);
        }

      /* Count the kills that hit a write in progress. */
      {
        g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (dir)) != NULL)
          {
            const char *dot = strrchr (name, '.');

            /* g_file_set_contents_full()'s temporary files: NAME.XXXXXX */
            if (g_str_has_prefix (name, "case.json.") && strlen (dot) == 7)
              {
                g_autofree char *path = g_build_filename (folder, name, NULL);

                mid_write++;
                g_unlink (path);
              }
          }
      }

      if (kills >= CRASH_MIN_ITERATIONS && g_timer_elapsed (timer, NULL) > CRASH_TIME_BUDGET_S)
        break;
    }

  /* Standard output belongs to the parent's TAP stream. */
  g_printerr ("# crash safety in %s: %u kills, %u saves, %u kills during a write, %.1f s\n",
              root, kills, saves, mid_write, g_timer_elapsed (timer, NULL));
  g_assert_cmpuint (kills, >=, CRASH_MIN_ITERATIONS);
  g_assert_cmpuint (saves, >=, kills);

  delete_recursively (root);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/case-store/create-list-load", test_create_list_load);
  ADD ("/case-store/save-backup", test_save_backup);
  ADD ("/case-store/conflict", test_conflict);
  ADD ("/case-store/recovery", test_recovery);
  ADD ("/case-store/duplicate-rename-delete", test_duplicate_rename_delete);
  ADD ("/case-store/import-export", test_import_export);
  ADD ("/case-store/async", test_async);
  ADD ("/case-store/crash-safety", test_crash_safety);

#undef ADD

  return g_test_run ();
}
