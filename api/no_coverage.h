// SPDX-License-Identifier: GPL-2.0-only
// SC_NO_COVERAGE, on a byte loop with no branch worth steering a fuzzer: no coverage
// instrumentation there, whose compare tracing per iteration costs more than the loop
// (clang's spelling; g++ builds have no coverage instrumentation).
#pragma once

#if defined(__clang__)
#define SC_NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define SC_NO_COVERAGE
#endif
