# SPDX-License-Identifier: GPL-2.0-only
# sc_bug_rows(OUT): the rows of api/bugs.def as a list of "id:component:detectors"
# (detectors space-separated), so a new row gets its per-detector tests without an edit
# to any CMakeLists.
function(sc_bug_rows out)
  file(READ ${PROJECT_SOURCE_DIR}/api/bugs.def _def)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/api/bugs.def)
  string(REGEX MATCHALL "\nBUG\\(([a-z0-9_]+), [a-z]+, [a-z]+,[ \n]*\"[^\"]*\",[ \n]*\"[^\"]*\",[ \n]*\"[^\"]*\"" _rows "${_def}")
  list(LENGTH _rows _n)
  if(_n LESS 10)
    message(FATAL_ERROR "read only ${_n} rows from api/bugs.def: the pattern no longer matches the table")
  endif()
  set(_out "")
  foreach(_row IN LISTS _rows)
    string(REGEX REPLACE "\nBUG\\(([a-z0-9_]+), ([a-z]+),.*\"([^\"]*)\"$" "\\1:\\2:\\3" _entry "${_row}")
    list(APPEND _out "${_entry}")
  endforeach()
  set(${out} "${_out}" PARENT_SCOPE)
endfunction()
