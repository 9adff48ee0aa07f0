// SPDX-License-Identifier: GPL-2.0-only
// The last-resort handler of splicecheck and splicecheck-explore: an exception that escapes
// a command is a bug in splicecheck, not bad input (that is exit 2, said where it is read),
// so it gets its own exit code and a message instead of an abort. Header-only: the explorer
// is a separate program that does not link the CLI library.
#pragma once

#include <cstdlib>
#include <exception>
#include <iostream>
#include <ostream>

namespace sc::cli {

constexpr int kInternalError = 70;  // EX_SOFTWARE
constexpr const char *kInternalErrorHelp = "internal error (a bug in splicecheck: please report it)";

inline void print_internal_error(std::exception_ptr e, std::ostream &err) {
  try {
    std::rethrow_exception(e);
  } catch (const std::exception &x) {
    err << "splicecheck: internal error: " << x.what() << "\n";
  } catch (...) {
    err << "splicecheck: internal error: an exception that is not a std::exception\n";
  }
  err.flush();
}

// Runs the command; an exception escaping it is reported and becomes kInternalError.
template <class Command>
int run_guarded(Command &&command, std::ostream &err = std::cerr) {
  try {
    return command();
  } catch (...) {
    print_internal_error(std::current_exception(), err);
    return kInternalError;
  }
}

// For what run_guarded cannot catch: an exception leaving a noexcept function or a thread.
inline void install_terminate_handler() {
  std::set_terminate([] {
    if (auto e = std::current_exception())
      print_internal_error(e, std::cerr);
    else
      std::cerr << "splicecheck: internal error: terminate called without an exception\n";
    std::_Exit(kInternalError);
  });
}

}  // namespace sc::cli
