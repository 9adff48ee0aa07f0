# SPDX-License-Identifier: GPL-2.0-only
# Bad input on the command line (issue 15, class 4): each command takes exactly its flags,
# each once, each with a value that is one; --help is the command's own. Label bad-input,
# in every build; included from cli/CMakeLists.txt (SC_EXPECT, SC_BIN, SC_TRACES, SC_SEEDS).

# sc_bad_input(name PATTERN args...): exit 2 with PATTERN.
function(sc_bad_input name pattern)
  add_test(NAME bad-input.flags.${name} COMMAND ${SC_EXPECT} 2 "${pattern}" -- ${SC_BIN} ${ARGN})
  set_tests_properties(bad-input.flags.${name} PROPERTIES LABELS "cli;bad-input")
endfunction()
# sc_bad_flag: the same for a parse error. The line ends in a flag no command takes, so a
# parser that wrongly takes it stops there (and fails the pattern) instead of running.
function(sc_bad_flag name pattern)
  sc_bad_input(${name} "${pattern}" ${ARGN} --no-command-takes-this)
endfunction()

# Every command with a flag of another command (help_flags.sh below tries every pair).
set(_trace ${SC_TRACES}/spec_1_11.trace)
sc_bad_flag(misplaced.run "--harness belongs to 'replay' and 'shrink', not 'run'" run --harness alloc_fuzz)
sc_bad_flag(misplaced.run_out "--out belongs to 'encode', 'shrink' and 'reproducer', not 'run'" run --out x)
sc_bad_flag(misplaced.series "--profile belongs to .*, not 'series'" series --profile p01)
sc_bad_flag(misplaced.kernel-src "--json belongs to .*, not 'kernel-src'" kernel-src --source 7.2 --json x)
sc_bad_flag(misplaced.tls "--kernel belongs to 'oracle' and 'reproducer', not 'tls'" tls --kernel 7.2 "x send:1")
sc_bad_flag(misplaced.tls_rows "--rows belongs to 'killmatrix', not 'tls'" tls --rows x "x send:1")
sc_bad_flag(misplaced.oracle "--wire belongs to 'tls', not 'oracle'" oracle --kernel 6.1 --random 1 --wire x)
sc_bad_flag(misplaced.replay "--seed belongs to .*, not 'replay'" replay ${_trace} --seed 1)
sc_bad_flag(misplaced.encode "--harness belongs to 'replay' and 'shrink', not 'encode'" encode ${_trace} --out x --harness alloc_fuzz)
sc_bad_flag(misplaced.shrink "--cases belongs to .*, not 'shrink'" shrink ${_trace} --cases 5)
sc_bad_flag(misplaced.killmatrix "--kernel belongs to 'oracle' and 'reproducer', not 'killmatrix'" killmatrix --kernel 7.2)
sc_bad_flag(misplaced.gate "--rows belongs to 'killmatrix', not 'gate'" gate --rows x)
sc_bad_flag(misplaced.bugs "--seed belongs to .*, not 'bugs'" bugs --seed 1)
sc_bad_flag(misplaced.profiles "--kernel belongs to 'oracle' and 'reproducer', not 'profiles'" profiles --kernel 7.2)
sc_bad_flag(misplaced.help "--seed belongs to .*, not 'help'" help --seed 1)
# Each flag once; a toggle and a positional too.
sc_bad_flag(twice.oracle "--kernel given twice" oracle --kernel 6.1 --kernel 7.2 --random 1)
sc_bad_flag(twice.toggle "--device given twice" tls --device --device "x send:1")
sc_bad_flag(twice.scenario "'tls' takes one scenario text" tls "x send:1" "y send:1")
sc_bad_flag(twice.scenario_flag "--scenario given twice" tls "x send:1" --scenario "y send:1")
sc_bad_flag(twice.file "'replay' takes one file, not also" replay ${_trace} ${_trace})
sc_bad_flag(twice.json "--json given twice" bugs --json --json)
sc_bad_flag(twice.rows "--rows given twice" killmatrix --rows a --rows b)
# A value that is empty or reads as a flag.
sc_bad_flag(empty.inline "--profile needs a value, not an empty one" run --profile=)
# (A function's ARGN drops an empty argument; add_test keeps it.)
add_test(NAME bad-input.flags.empty.separate
         COMMAND ${SC_EXPECT} 2 "--profile needs a value, not an empty one" -- ${SC_BIN} run --profile "")
add_test(NAME bad-input.flags.empty.detectors
         COMMAND ${SC_EXPECT} 2 "--detectors needs a value, not an empty one" -- ${SC_BIN} killmatrix --detectors "")
set_tests_properties(bad-input.flags.empty.separate bad-input.flags.empty.detectors PROPERTIES LABELS "cli;bad-input")
sc_bad_flag(value_is_a_flag "--out needs a value, not the flag '--harness'" shrink ${_trace} --out --harness alloc_fuzz)
sc_bad_flag(toggle_with_value "--device takes no value" tls --device=1 "x send:1")
# --bug of replay/shrink --harness: a row the raw input can run, named by the flag.
set(_raw ${SC_SEEDS}/zero_reuse)
sc_bad_input(replay_bug.race "--bug r1_shared_cache_unlocked is a race row" replay ${_raw} --harness alloc_fuzz --bug r1_shared_cache_unlocked)
sc_bad_input(replay_bug.observation "--bug obs_v61_splice_more_ignored is an observation row"
            replay ${_raw} --harness tls_fuzz --bug obs_v61_splice_more_ignored)
sc_bad_input(replay_bug.component "--bug mut_tls_room_strict is a tls row; --harness runs alloc" replay ${_raw} --harness alloc_fuzz --bug mut_tls_room_strict)
sc_bad_input(replay_bug.profile "--bug p01_drain_leak does not apply to --profile p05"
            shrink ${_raw} --harness alloc_fuzz --profile p05 --bug p01_drain_leak)
sc_bad_input(replay_bug.unknown "--bug nope is not a bug row" replay ${_raw} --harness alloc_fuzz --bug nope)
# help: the global list, a command's own, an unknown one.
add_test(NAME bad-input.help.global COMMAND ${SC_EXPECT} 0 "^  killmatrix  " "see 'splicecheck COMMAND --help'" -- ${SC_BIN} help)
add_test(NAME bad-input.help.command COMMAND ${SC_EXPECT} 0 "^usage: splicecheck tls " "^  --wire VALUE +write the byte"
                                             "^  70  internal error" -- ${SC_BIN} tls --kernel 7.2 --help)
sc_bad_input(help.unknown "unknown command 'nope'" help nope)
set_tests_properties(bad-input.help.global bad-input.help.command PROPERTIES LABELS "cli;bad-input")
# Every command's help against what its parser takes and refuses, with its exit codes
# (one test per command of commands.def, so that they run in parallel).
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/commands.def _commands REGEX "^COMMAND\\([a-z-]+,")
foreach(_c IN LISTS _commands)
  string(REGEX REPLACE "^COMMAND\\(([a-z-]+),.*" "\\1" _c "${_c}")
  add_test(NAME bad-input.help.flags.${_c}
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/tests/help_flags.sh ${SC_BIN} $<TARGET_FILE:splicecheck-explore>
                   ${CMAKE_CURRENT_SOURCE_DIR}/flags.def ${_c})
  set_tests_properties(bad-input.help.flags.${_c} PROPERTIES LABELS "cli;bad-input")
endforeach()

# The explorer's own parser: the same rules, and --save checked before any search (a
# billion schedules of a clean target: were it checked after, the test would not end).
function(sc_bad_explore name pattern)
  add_test(NAME bad-input.explore.${name} COMMAND ${SC_EXPECT} 2 "${pattern}" -- $<TARGET_FILE:splicecheck-explore> ${ARGN})
  # A regression to a check after the search would run for hours: fail it at two minutes.
  set_tests_properties(bad-input.explore.${name} PROPERTIES LABELS "explore;bad-input" TIMEOUT 120)
endfunction()
set(_search --scenario R1 --profile pre-series --fixed --schedules 1000000000)
sc_bad_explore(scenario_twice "--scenario given twice" --scenario R1 --scenario R2 --no-command-takes-this)
sc_bad_explore(misplaced "--kernel belongs to 'oracle' and 'reproducer', not 'explore'" --kernel 7.2 --no-command-takes-this)
sc_bad_explore(empty "--save needs a value, not an empty one" --save= --no-command-takes-this)
sc_bad_explore(value_is_a_flag "--scenario needs a value, not the flag '--list'" --scenario --list --no-command-takes-this)
sc_bad_explore(list_alone "--list takes no other flag" --list --seed 2)
sc_bad_explore(replay_alone "--replay .* drop --schedules" --replay R1:pre-series:racy:- --schedules 5)
sc_bad_explore(save_missing_dir "--save /nonexistent-dir: not a directory" ${_search} --save /nonexistent-dir)
sc_bad_explore(save_a_file "not a directory" ${_search} --save ${CMAKE_CURRENT_SOURCE_DIR}/CMakeLists.txt)
sc_bad_explore(save_unwritable "--save /proc: cannot write there" ${_search} --save /proc)

# The last-resort handler itself (exit 70, documented in every --help, checked above).
add_executable(cli_last_resort_test tests/last_resort_test.cc)
target_include_directories(cli_last_resort_test PRIVATE ${PROJECT_SOURCE_DIR})
target_link_libraries(cli_last_resort_test PRIVATE GTest::gtest GTest::gtest_main Threads::Threads)
# One test for the four cases: gtest_discover_tests of CMake 3.25 cannot give two labels.
add_test(NAME bad-input.last_resort COMMAND cli_last_resort_test)
set_tests_properties(bad-input.last_resort PROPERTIES LABELS "cli;bad-input")
