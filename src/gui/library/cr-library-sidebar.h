/* cr-library-sidebar.h: the searchable, sortable list of the library's cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cr-library.h"

G_BEGIN_DECLS

#define CR_TYPE_LIBRARY_SIDEBAR (cr_library_sidebar_get_type ())

G_DECLARE_FINAL_TYPE (CrLibrarySidebar, cr_library_sidebar, CR, LIBRARY_SIDEBAR, AdwBin)

typedef enum
{
  CR_LIBRARY_SORT_COMPANY,
  CR_LIBRARY_SORT_DATE,
} CrLibrarySort;

CrLibrary     *cr_library_sidebar_get_library      (CrLibrarySidebar *self);
void           cr_library_sidebar_set_library      (CrLibrarySidebar *self,
                                                    CrLibrary        *library);
CrLibraryItem *cr_library_sidebar_get_selected     (CrLibrarySidebar *self);
gboolean       cr_library_sidebar_select           (CrLibrarySidebar *self,
                                                    CrLibraryItem    *item);
CrLibrarySort  cr_library_sidebar_get_sort         (CrLibrarySidebar *self);
void           cr_library_sidebar_set_sort         (CrLibrarySidebar *self,
                                                    CrLibrarySort     sort);
gboolean       cr_library_sidebar_get_search_mode  (CrLibrarySidebar *self);
void           cr_library_sidebar_set_search_mode  (CrLibrarySidebar *self,
                                                    gboolean          search_mode);
void           cr_library_sidebar_set_key_capture_widget (CrLibrarySidebar *self,
                                                          GtkWidget        *widget);
void           cr_library_sidebar_set_search_text  (CrLibrarySidebar *self,
                                                    const char       *text);
guint          cr_library_sidebar_get_n_visible    (CrLibrarySidebar *self);
void           cr_library_sidebar_focus_list       (CrLibrarySidebar *self);

G_END_DECLS
