# SPDX-License-Identifier: GPL-2.0-only
# Clang source-based coverage, applied only to the targets under measurement (model/, impl/).
option(SC_COVERAGE "Instrument model/ and impl/ for clang source-based coverage" OFF)
function(sc_measure_coverage target)
  if(SC_COVERAGE)
    target_compile_options(${target} PRIVATE -fprofile-instr-generate -fcoverage-mapping)
  endif()
endfunction()
if(SC_COVERAGE)
  add_link_options(-fprofile-instr-generate)
endif()
