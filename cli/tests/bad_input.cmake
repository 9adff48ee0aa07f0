# SPDX-License-Identifier: GPL-2.0-only
# Bad input that must not reach a shell or run unbounded (issue 15): label bad-input, in
# the default and asan-ubsan builds, the whole group in well under a minute.
set(_bi ${CMAKE_CURRENT_SOURCE_DIR}/tests)

# No C++ source of the project runs a program through a shell.
add_test(NAME bad-input.no_shell_in_cxx COMMAND ${_bi}/no_shell.sh ${PROJECT_SOURCE_DIR})

# killmatrix refuses at once (before any detector runs) what would run unbounded or fail late.
function(sc_km_refuses name)
  cmake_parse_arguments(T "" "" "PATTERNS;ARGS" ${ARGN})
  add_test(NAME bad-input.killmatrix.${name} COMMAND ${SC_EXPECT} 2 ${T_PATTERNS} -- ${SC_BIN} killmatrix ${T_ARGS})
endfunction()
sc_km_refuses(rows_match_nothing PATTERNS "--rows '\\^nothing\\$': no bug row matches" ARGS --rows "^nothing$")
sc_km_refuses(rows_not_a_regex PATTERNS "--rows '\\(': not a regular expression" ARGS --rows "(")
# Exponential for a backtracking matcher on any 20-character id; glibc's regexec is not one.
sc_km_refuses(rows_backtracking PATTERNS "--rows .*: no bug row matches"
              ARGS --rows "^(.|_|[a-z])*(.|_)*([a-z]|.)*(.*)*(.*)*#$")
sc_km_refuses(rows_counted_repetition PATTERNS "--rows '\\(a\\*\\)\\{1,9\\}': counted repetition" ARGS --rows "(a*){1,9}")
sc_km_refuses(rows_back_reference PATTERNS "--rows '\\(a\\)\\\\1': back-references" ARGS --rows "(a)\\1")
sc_km_refuses(rows_empty PATTERNS "--rows needs a value, not an empty one" ARGS --rows=)
sc_km_refuses(detectors_empty PATTERNS "--detectors needs a value, not an empty one" ARGS --detectors=)
sc_km_refuses(detectors_unknown PATTERNS "--detectors: unknown detector ''" ARGS --detectors props,)
sc_km_refuses(budget_too_big PATTERNS "--budget 20001: at most 20000" ARGS --budget 20001)
foreach(_flag json markdown html sarif junit)
  sc_km_refuses(${_flag}_no_directory PATTERNS "--${_flag} '/nonexistent-sc-dir/out': '/nonexistent-sc-dir' is not a directory"
                ARGS --rows "^gfp_zero_reuse$" --${_flag} /nonexistent-sc-dir/out)
endforeach()
sc_km_refuses(json_under_a_file PATTERNS "--json '${_bi}/expect.sh/x': '${_bi}/expect.sh' is not a directory"
              ARGS --json ${_bi}/expect.sh/x)
sc_km_refuses(json_is_a_directory PATTERNS "--json '${_bi}': is a directory" ARGS --json ${_bi})

# A matrix stopped by SIGTERM or SIGINT takes its workers and scratch files with it.
add_test(NAME bad-input.killmatrix.interrupted COMMAND ${_bi}/killmatrix_interrupt.sh ${SC_BIN})

# Hostile paths (quotes, spaces, $(...), backticks, newlines, a leading dash) to every
# option that takes one: nothing runs, nothing outside the scratch directory is written.
foreach(_group oracle kernel-src tls files killmatrix gate run explore)
  add_test(NAME bad-input.paths.${_group} COMMAND ${_bi}/hostile_paths.sh ${_group} ${SC_BIN} ${PROJECT_SOURCE_DIR})
  set_tests_properties(bad-input.paths.${_group} PROPERTIES SKIP_RETURN_CODE 77)
endforeach()

get_property(_tests DIRECTORY PROPERTY TESTS)
foreach(_t IN LISTS _tests)
  if(_t MATCHES "^bad-input\\.")
    set_tests_properties(${_t} PROPERTIES LABELS "bad-input" TIMEOUT 120)
  endif()
endforeach()
