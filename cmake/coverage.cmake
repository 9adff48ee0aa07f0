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

# After the tests ran with LLVM_PROFILE_FILE pointing into build/coverage/profiles (the
# coverage test preset sets it), merge the profiles and report line and branch coverage
# of model/ and impl/ only. Call once every test binary is defined.
function(sc_coverage_report)
  if(NOT SC_COVERAGE)
    return()
  endif()
  find_program(SC_LLVM_PROFDATA NAMES llvm-profdata-14 llvm-profdata REQUIRED)
  find_program(SC_LLVM_COV NAMES llvm-cov-14 llvm-cov REQUIRED)
  set(objects)
  foreach(t IN LISTS ARGN)
    list(APPEND objects -object $<TARGET_FILE:${t}>)
  endforeach()
  set(dir ${CMAKE_BINARY_DIR}/profiles)
  add_custom_target(coverage-report
    COMMAND sh -c "${SC_LLVM_PROFDATA} merge -sparse ${dir}/*.profraw -o ${CMAKE_BINARY_DIR}/coverage.profdata"
    COMMAND ${SC_LLVM_COV} report ${objects} -instr-profile=${CMAKE_BINARY_DIR}/coverage.profdata
            -ignore-filename-regex=/\(api|shim|props|cli|bench\)/ -ignore-filename-regex=^/usr/
    # Raw profiles are consumed: the next report covers the next test run only.
    COMMAND sh -c "rm -f ${dir}/*.profraw"
    COMMENT "Line and branch coverage of model/ and impl/"
    VERBATIM)
endfunction()
