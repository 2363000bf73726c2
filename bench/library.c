/* library.c: listing a large case library, against reading its bytes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates N cases (default 2,000) in a temporary library, then measures
 * in the same run, alternating:
 *   list     cr_case_store_list() of a new store: every case.json read,
 *            parsed and summarised (company, USCC, decision numbers, record
 *            count), as when the app starts
 *   relist   cr_case_store_list() again on the same store, as after a save:
 *            summaries of unchanged files come from the store's cache
 *   baseline the same directory walk reading the same case.json bytes,
 *            without parsing
 * and prints the medians, the ratios to the baseline and the peak RSS
 * (VmHWM).
 *
 * Usage: bench-library [N_CASES] [ROUNDS]
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "cr-case-store.h"
#include "cr-test-util.h"

static const char * const domains[] = { "market_regulation", "food", "work_safety", "tax" };

static CrCase *
make_case (guint index)
{
  CrCase *kase = cr_case_new ();
  g_autofree char *name = g_strdup_printf ("无锡示例第%u精密机械有限公司", index);
  guint n_records = 1 + index % 3;

  cr_case_set_company_name (kase, name);
  cr_case_set_company_uscc (kase, "91320206MA1N2P3Q0J");
  cr_case_set_company_legal_representative (kase, "张伟");
  cr_case_set_company_address (kase, "无锡市惠山区示例路 1 号");
  cr_case_set_applicant_role (kase, CR_APPLICANT_ROLE_AGENT);
  cr_case_set_applicant_name (kase, "李娜");
  cr_case_set_applicant_phone (kase, "13800000000");

  for (guint i = 0; i < n_records; i++)
    {
      g_autofree char *id = g_strdup_printf ("r%u", i + 1);
      g_autofree char *number = g_strdup_printf ("锡惠市监处罚〔2025〕%u号", index * 3 + i);
      g_autoptr(CrCaseRecord) record = cr_case_record_new (id);
      g_autoptr(CrCaseMaterial) receipt = NULL;
      g_autoptr(CrCaseMaterial) commitment = NULL;
      g_autofree char *receipt_path = g_strdup_printf ("attachments/receipt-%s.pdf", id);
      g_autofree char *commitment_path = g_strdup_printf ("attachments/commitment-%s.pdf", id);
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1 + index % 28, 1 + i, 2025);
      cr_case_record_set_decision_number (record, number);
      cr_case_record_set_authority (record, "无锡市惠山区市场监督管理局");
      cr_case_record_set_decision_date (record, &date);
      cr_case_record_set_domain (record, domains[index % G_N_ELEMENTS (domains)]);
      cr_case_record_set_severity (record, CR_SEVERITY_CLASS_GENERAL);
      cr_case_record_add_penalty (record, "fine", 500000 + index);
      cr_case_record_add_penalty (record, "warning", -1);
      cr_case_record_set_fine_paid_amount (record, 500000 + index);
      g_date_add_days (&date, 8);
      cr_case_record_set_fine_paid_date (record, &date);
      cr_case_add_record (kase, record);

      receipt = cr_case_material_new ("payment_proof", id, receipt_path);
      commitment = cr_case_material_new ("commitment", id, commitment_path);
      cr_case_add_material (kase, receipt);
      cr_case_add_material (kase, commitment);
    }

  return kase;
}

/* Written directly (no fsync): the benchmark is about listing. */
static gsize
generate (const char *root,
          guint       n_cases)
{
  gsize total = 0;

  if (g_mkdir_with_parents (root, 0700) != 0)
    g_error ("Cannot create %s: %s", root, g_strerror (errno));

  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(CrCase) kase = make_case (i);
      g_autofree char *name = g_strdup_printf ("client-%04u", i);
      g_autofree char *folder = g_build_filename (root, name, NULL);
      g_autofree char *attachments = g_build_filename (folder, "attachments", NULL);
      g_autofree char *path = g_build_filename (folder, "case.json", NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (g_mkdir_with_parents (attachments, 0700) != 0)
        g_error ("Cannot create %s: %s", attachments, g_strerror (errno));
      data = cr_case_to_data (kase, &length);
      if (!g_file_set_contents (path, data, length, &error))
        g_error ("%s", error->message);
      total += length;
    }

  return total;
}

/* The baseline: the same walk, the same bytes, no parsing. */
static guint
read_bytes (const char *root,
            gsize      *total)
{
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;
  guint n = 0;

  *total = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = NULL;
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (name[0] == '.')
        continue;
      folder = g_build_filename (root, name, NULL);
      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        continue;
      path = g_build_filename (folder, "case.json", NULL);
      if (g_file_get_contents (path, &contents, &length, NULL))
        {
          *total += length;
          n++;
        }
    }

  return n;
}

static long
vm_hwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? strtol (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}


int
main (int   argc,
      char *argv[])
{
  guint n_cases = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  guint rounds = argc > 2 ? (guint) atoi (argv[2]) : 5;
  g_autofree char *tmp = g_dir_make_tmp ("bench-library-XXXXXX", NULL);
  g_autofree char *root = g_build_filename (tmp, "cases", NULL);
  g_autoptr(GArray) list_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) relist_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) read_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GTimer) timer = g_timer_new ();
  gsize generated, read_total = 0;
  long rss_before, rss_after;
  double list_median, relist_median, read_median;

  if (n_cases == 0 || rounds == 0)
    {
      g_printerr ("Usage: %s [N_CASES] [ROUNDS]\n", argv[0]);
      return 2;
    }

  generated = generate (root, n_cases);
  g_print ("library: %u cases, %.1f MB of case.json, %u rounds (warm cache)\n",
           n_cases, generated / 1e6, rounds);

  /* One unmeasured pass of each warms the page cache and the type system. */
  {
    g_autoptr(CrCaseStore) store = cr_case_store_new (root);

    g_ptr_array_unref (cr_case_store_list (store, NULL, NULL));
    read_bytes (root, &read_total);
  }
  rss_before = vm_hwm_kib ();

  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(CrCaseStore) store = cr_case_store_new (root);
      g_autoptr(GPtrArray) summaries = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GError) error = NULL;
      double elapsed;
      guint n_read;

      g_timer_start (timer);
      summaries = cr_case_store_list (store, NULL, &error);
      elapsed = g_timer_elapsed (timer, NULL);
      g_assert_no_error (error);
      g_assert_cmpuint (summaries->len, ==, n_cases);
      for (guint i = 0; i < summaries->len; i++)
        g_assert_null (cr_case_summary_get_error (g_ptr_array_index (summaries, i)));
      g_array_append_val (list_times, elapsed);

      g_timer_start (timer);
      again = cr_case_store_list (store, NULL, &error);
      elapsed = g_timer_elapsed (timer, NULL);
      g_assert_no_error (error);
      g_assert_cmpuint (again->len, ==, n_cases);
      g_array_append_val (relist_times, elapsed);

      g_timer_start (timer);
      n_read = read_bytes (root, &read_total);
      elapsed = g_timer_elapsed (timer, NULL);
      g_assert_cmpuint (n_read, ==, n_cases);
      g_assert_cmpuint (read_total, ==, generated);
      g_array_append_val (read_times, elapsed);
    }

  rss_after = vm_hwm_kib ();
  list_median = median (list_times);
  relist_median = median (relist_times);
  read_median = median (read_times);

  g_print ("list with summaries: %8.1f ms  (%6.1f us per case)\n",
           list_median * 1e3, list_median * 1e6 / n_cases);
  g_print ("list again (cached): %8.1f ms  (%6.1f us per case)\n",
           relist_median * 1e3, relist_median * 1e6 / n_cases);
  g_print ("read bytes only:     %8.1f ms  (%6.1f us per case)\n",
           read_median * 1e3, read_median * 1e6 / n_cases);
  g_print ("ratio list/read:     %8.2f\n", list_median / read_median);
  g_print ("ratio relist/read:   %8.2f\n", relist_median / read_median);
  g_print ("peak RSS (VmHWM):    %8.1f MiB (%.1f MiB before the measured rounds)\n",
           rss_after / 1024.0, rss_before / 1024.0);

  cr_test_remove_tree (tmp);
  return 0;
}
