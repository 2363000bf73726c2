/* cr-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "cr-test-util.h"

/**
 * cr_test_remove_tree:
 * @path: a folder a test made (or a file)
 *
 * Removes @path and everything in it; symbolic links are removed, never
 * followed.
 *
 * Returns: whether @path is gone
 */
gboolean
cr_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_SYMLINK) || !g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_unlink (path) == 0 || !g_file_test (path, G_FILE_TEST_EXISTS);

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      cr_test_remove_tree (child);
    }

  return g_rmdir (path) == 0;
}
