# SPDX-License-Identifier: GPL-2.0-only
# Label bad-input (every build): files that are malformed, out of range, cut short or
# saved with CRLF, read by the subcommand that takes them (issue 15, classes 2, 4, 5, 6).
# Bad input is exit 2 with the file, line and column; exit 1 is only ever a finding.
set(_bi ${CMAKE_CURRENT_LIST_DIR})
set(_bi_build ${CMAKE_CURRENT_BINARY_DIR}/bad-input)
function(sc_bad_input name status)
  cmake_parse_arguments(T "" "" "PATTERNS;COMMAND" ${ARGN})
  add_test(NAME bad_input.${name} COMMAND ${SC_EXPECT} ${status} ${T_PATTERNS} -- ${T_COMMAND})
  set_tests_properties(bad_input.${name} PROPERTIES LABELS "bad-input")
endfunction()
set(_oracle ${SC_BIN} oracle --kernel 6.1)

# Class 2: every number has a range, checked where it is read; a scenario and a trace
# have caps on the whole; no exception or sanitizer report.
sc_bad_input(iovec_wrap 2 PATTERNS "iovec_wrap.scenarios: line 3, column 18: the iovecs add up to more than 16777216 bytes"
             COMMAND ${SC_BIN} tls --file ${_bi}/iovec_wrap.scenarios)
sc_bad_input(scenario_total 2 PATTERNS "line 3, column 38: the ops ask to send more than 33554432 bytes"
             COMMAND ${SC_BIN} tls --file ${_bi}/huge_total.scenarios)
sc_bad_input(scenario_number_overflow 2
             PATTERNS "line 2, column 23: '99999999999999999999999' is not a whole number from 0 to 16777216"
             COMMAND ${SC_BIN} tls --file ${_bi}/number_overflow.scenarios)
sc_bad_input(oracle_int64_min 2 PATTERNS "guest output line 2, column 15: bad return 'E-9223372036854775808'"
             COMMAND ${_oracle} --results ${_bi}/int64_min.results --file ${_bi}/one.scenarios)
sc_bad_input(oracle_return_overflow 2 PATTERNS "guest output line 2, column 15: bad return '99999999999999999999'"
             COMMAND ${_oracle} --results ${_bi}/return_overflow.results --file ${_bi}/one.scenarios)
sc_bad_input(alloc_number_overflow 2
             PATTERNS "line 3, column 20: fragsz: '99999999999999999999' is not a whole number from 0 to 65536"
             COMMAND ${SC_BIN} replay ${_bi}/number_overflow.trace)
sc_bad_input(splice_number_overflow 2
             PATTERNS "line 4, column 25: offset: '18446744073709551616' is not a whole number from 0 to 32767"
             COMMAND ${SC_BIN} replay ${_bi}/splice_overflow.trace)
# One op past the cap, written here rather than committed (4097 lines).
set(_many "# splicecheck alloc series\n")
foreach(_i RANGE 4096)
  string(APPEND _many "Drain cpu=0\n")
endforeach()
file(WRITE ${_bi_build}/too_many_ops.trace "${_many}")
sc_bad_input(trace_too_many_ops 2 PATTERNS "line 4098, column 1: more than 4096 ops"
             COMMAND ${SC_BIN} replay ${_bi_build}/too_many_ops.trace)
sc_bad_input(schedule_number_overflow 2 PATTERNS "bad schedule token '0\\*99999999999999999999' at column 1"
             COMMAND $<TARGET_FILE:splicecheck-explore> --replay R1:pre-series:racy:0*99999999999999999999)

# Class 4, in files: an empty gfp=, a trace header naming a race row or another
# component's row.
sc_bad_input(gfp_empty 2 PATTERNS "line 3, column 28: gfp: gfp= needs flags" COMMAND ${SC_BIN} replay ${_bi}/gfp_empty.trace)
sc_bad_input(header_race_row 2 PATTERNS "line 1, column 32: 'r1_shared_cache_unlocked' is a race row"
             COMMAND ${SC_BIN} replay ${_bi}/race_header.trace)
sc_bad_input(header_other_component 2 PATTERNS "line 1, column 28: unknown alloc bug 'mut_slab_spliced'"
             COMMAND ${SC_BIN} replay ${_bi}/other_component_header.trace)

# Class 5: a JUnit file gate cannot read is exit 2 naming it, never missing detections.
foreach(_c "overflow-seed;line 9: the seed in 'row.gfp_zero_reuse.seed99999999999999999999999' is not a number"
           "overflow-tests;line 5: <testsuite> needs tests=\"N\", N from 0 to 1000000, not \"99999999999999999999\""
           "overflow-time;line 9: time=\"1e999\" is not a number of seconds"
           "cut-short;line 15: a tag that never closes"
           "garbage;line 2: a tag that never closes"
           "empty;line 1: no <testsuite> element")
  list(GET _c 0 _n)
  list(GET _c 1 _p)
  sc_bad_input(junit_${_n} 2 PATTERNS "cannot read '.*/junit/${_n}/default/junit.xml': ${_p}"
               COMMAND ${SC_BIN} gate --builds ${_bi}/junit/${_n})
endforeach()
file(MAKE_DIRECTORY ${_bi_build}/unreadable/default/junit.xml)
sc_bad_input(junit_unreadable 2 PATTERNS "cannot read '.*/unreadable/default/junit.xml': it is a directory"
             COMMAND ${SC_BIN} gate --builds ${_bi_build}/unreadable)
sc_bad_input(oracle_no_scenarios 2 PATTERNS "no scenario to judge: '.*empty.scenarios' holds none"
             COMMAND ${_oracle} --results ${PROJECT_SOURCE_DIR}/corpus/oracle/6.1.txt --file ${_bi}/empty.scenarios)

# Class 6: CRLF and a last line without '\n' read as LF everywhere.
sc_bad_input(crlf_alloc_trace 0 PATTERNS "replay: alloc/series, 3 ops" "verdict: as expected"
             COMMAND ${SC_BIN} replay ${_bi}/crlf_alloc.trace)
sc_bad_input(crlf_splice_trace 0 PATTERNS "replay: splice/series" "verdict: as expected"
             COMMAND ${SC_BIN} replay ${_bi}/crlf_splice.trace)
sc_bad_input(crlf_tls_trace 0 PATTERNS "x v12 send:100:more splice:5000  \\(device\\)" "verdict: as expected"
             COMMAND ${SC_BIN} replay ${_bi}/crlf_tls.trace)
sc_bad_input(crlf_scenarios 0 PATTERNS "^c v12 send:1000:more send:1000:more send:1000  \\(tls/newest sw\\)" "agree" COMMAND ${SC_BIN} tls --file ${_bi}/crlf.scenarios)
sc_bad_input(crlf_oracle_results 0 PATTERNS "3 scenarios" "the model disagrees on 0, the impl on 0"
             COMMAND ${_oracle} --results ${_bi}/crlf.results --file ${_bi}/crlf.scenarios)
sc_bad_input(crlf_junit 1 PATTERNS "p01_abandon_leak: not found by stateful \\(row.p01_abandon_leak.seed1 failed"
             COMMAND ${SC_BIN} gate --builds ${_bi}/junit/crlf)
add_test(NAME bad_input.crlf_schedule
         COMMAND ${PROJECT_SOURCE_DIR}/explore/tests/schedule.sh $<TARGET_FILE:splicecheck-explore> ${_bi}/crlf.schedule)
set_tests_properties(bad_input.crlf_schedule PROPERTIES LABELS "bad-input")
sc_bad_input(no_final_newline_trace 0 PATTERNS "replay: alloc/series, 2 ops" COMMAND ${SC_BIN} replay ${_bi}/no_final_newline.trace)
sc_bad_input(no_final_newline_scenarios 0 PATTERNS "^b v12 send:20000  \\(tls/newest sw\\)" "agree" COMMAND ${SC_BIN} tls --file ${_bi}/no_final_newline.scenarios)
