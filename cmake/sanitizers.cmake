# SPDX-License-Identifier: GPL-2.0-only
# One list of sanitizer modes; presets pick one through SC_SANITIZER.
set(SC_SANITIZER_MODES none asan-ubsan tsan fuzz)
set(SC_SANITIZER none CACHE STRING "Sanitizer mode: ${SC_SANITIZER_MODES}")
set_property(CACHE SC_SANITIZER PROPERTY STRINGS ${SC_SANITIZER_MODES})
if(NOT SC_SANITIZER IN_LIST SC_SANITIZER_MODES)
  message(FATAL_ERROR "SC_SANITIZER='${SC_SANITIZER}' is not one of ${SC_SANITIZER_MODES}; "
                      "pick a preset (cmake --list-presets) or pass -DSC_SANITIZER=<mode>")
endif()

if(SC_SANITIZER STREQUAL "asan-ubsan")
  set(_sc_san -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
elseif(SC_SANITIZER STREQUAL "tsan")
  set(_sc_san -fsanitize=thread)
elseif(SC_SANITIZER STREQUAL "fuzz")
  # Libraries get coverage instrumentation; fuzz targets add -fsanitize=fuzzer themselves.
  # Coverage feedback comes from the code under test only (cmake/fuzz-coverage-ignore.txt):
  # the checker's and the page supply's loops would cost most of an execution and tell
  # the fuzzer nothing.
  set(_sc_san -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
              -fsanitize-coverage-ignorelist=${CMAKE_CURRENT_LIST_DIR}/fuzz-coverage-ignore.txt)
endif()
# Kernel source built at run time (kernel-src/) gets the same instrumentation.
string(JOIN " " SC_SANITIZE_FLAGS ${_sc_san})
if(_sc_san)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SC_SANITIZER=${SC_SANITIZER} needs clang-14 (use the preset, it sets the compiler)")
  endif()
  add_compile_options(${_sc_san})
  add_link_options(${_sc_san})
endif()
