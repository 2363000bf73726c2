/* cr-cli-commands.h: the subcommands of credit-repair-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each subcommand gets its arguments with argv[0] being the subcommand's
 * name and returns the exit status of spec/cli.md.
 */

#pragma once

int cr_cli_check (int argc, char **argv);
int cr_cli_pack (int argc, char **argv);
int cr_cli_rules (int argc, char **argv);
int cr_cli_uscc (int argc, char **argv);
