/* cr-case-private.h: what the case reader and writer share with the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each object of the format keeps the members it did not understand, in
 * their original order, so that writing the case back loses nothing.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "cr-case.h"

G_BEGIN_DECLS

typedef enum
{
  CR_CASE_EXTRA_ROOT,
  CR_CASE_EXTRA_COMPANY,
  CR_CASE_EXTRA_APPLICANT,
  CR_CASE_N_EXTRAS,
} CrCaseExtra;

CrPenalty  *cr_penalty_new_full  (const char      *type,
                                  gint64           amount,
                                  JsonObject      *extra);
JsonObject *cr_penalty_get_extra (const CrPenalty *penalty);

void        cr_case_record_take_penalty          (CrCaseRecord *self,
                                                  CrPenalty    *penalty);
JsonObject *cr_case_record_get_extra             (CrCaseRecord *self);
void        cr_case_record_set_extra             (CrCaseRecord *self,
                                                  JsonObject   *extra);
JsonObject *cr_case_record_get_performance_extra (CrCaseRecord *self);
void        cr_case_record_set_performance_extra (CrCaseRecord *self,
                                                  JsonObject   *extra);

JsonObject *cr_case_material_get_extra (CrCaseMaterial *self);
void        cr_case_material_set_extra (CrCaseMaterial *self,
                                        JsonObject     *extra);

JsonObject *cr_case_get_extra (CrCase      *self,
                               CrCaseExtra  which);
void        cr_case_set_extra (CrCase      *self,
                               CrCaseExtra  which,
                               JsonObject  *extra);

G_END_DECLS
