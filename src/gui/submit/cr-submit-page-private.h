/* cr-submit-page-private.h: what the tests drive and look at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "cr-submit-page.h"

G_BEGIN_DECLS

gboolean    cr_submit_page_get_inspecting    (CrSubmitPage *self);
gboolean    cr_submit_page_get_packing       (CrSubmitPage *self);
double      cr_submit_page_get_progress      (CrSubmitPage *self);
gboolean    cr_submit_page_get_ready         (CrSubmitPage *self);
guint       cr_submit_page_get_n_files       (CrSubmitPage *self);
const char *cr_submit_page_get_file_name     (CrSubmitPage *self,
                                              guint         index);
GFile      *cr_submit_page_get_last_package  (CrSubmitPage *self);
const char *cr_submit_page_get_last_error    (CrSubmitPage *self);
const char *cr_submit_page_get_verdict_title (CrSubmitPage *self);
/* The value a row shows (masked until revealed), by key and record. */
const char *cr_submit_page_get_shown_value   (CrSubmitPage *self,
                                              const char   *key,
                                              const char   *record);
/* The index "submit.copy" takes for a value, or -1. */
int         cr_submit_page_find_value        (CrSubmitPage *self,
                                              const char   *key,
                                              const char   *record);
/* What the folder chooser of "Export as Folder" does with its answer. */
void        cr_submit_page_export_to         (CrSubmitPage *self,
                                              GFile        *parent);

G_END_DECLS
