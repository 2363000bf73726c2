/* cr-money.h: exact amounts of money in yuan, stored as integer fen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CR_MONEY_ERROR (cr_money_error_quark ())

typedef enum
{
  CR_MONEY_ERROR_INVALID,
  CR_MONEY_ERROR_TOO_LARGE,
} CrMoneyError;

/* 10^15 fen = 10^13 yuan: far above any fine, far below G_MAXINT64. */
#define CR_MONEY_MAX_FEN G_GINT64_CONSTANT (1000000000000000)

GQuark   cr_money_error_quark (void);
gboolean cr_money_parse       (const char  *text,
                               gint64      *fen,
                               GError     **error);
char    *cr_money_format      (gint64       fen);

G_END_DECLS
