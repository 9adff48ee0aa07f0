// SPDX-License-Identifier: GPL-2.0-only
// `splicecheck oracle`: TLS scenarios on a real kernel under QEMU (or its stored results),
// the model and the kernel mirror held to what it did.
#pragma once

#include <api/bugs.h>
#include <cli/options.h>

#include <optional>
#include <ostream>
#include <string>

namespace sc::cli {

// Exit: 0 no disagreement (with --bug: the impl disagrees as the row says), 1 otherwise,
// 2 bad input, 77 the kernel could not be had (a skip for CTest), 4 the kernel run failed.
int oracle_command(const Options &o, std::ostream &out, std::ostream &err);

// The row --bug names for an oracle run of `component` (nullopt without --bug): *why is
// set when it is unknown, not of that component and `kind` (`kinds` says which the oracle
// takes), or not in `profile` (named `profile_name`).
std::optional<BugId> oracle_bug(const Options &o, Component component, BugKind kind, const std::string &kinds,
                                Profile profile, const std::string &profile_name, std::string *why);

// --component alloc (cli/oracle_alloc_cmd.cc): the same codes, and 5 headers that do not
// match the kernel, 6 the module does not build, 7 the kernel refuses it.
int oracle_alloc_command(const Options &o, std::ostream &out, std::ostream &err);

// --component splice (cli/oracle_splice_cmd.cc): the same codes; 77 also for 6.1, which
// has no skb_splice_from_iter().
int oracle_splice_command(const Options &o, std::ostream &out, std::ostream &err);

// `splicecheck reproducer ROW|TRACE --kernel K --out FILE.c` (cli/reproducer_cmd.cc): a
// standalone module source replaying an allocator trace (a row's: corpus/oracle/alloc/
// ROW.trace). Exit 0 written, 2 bad input.
int reproducer_command(const Options &o, std::ostream &out, std::ostream &err);

}  // namespace sc::cli
