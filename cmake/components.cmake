# SPDX-License-Identifier: GPL-2.0-only
# SC_COMPONENTS: every component of api/components.def, in its order; per-component
# targets and tests (fuzz/CMakeLists.txt) loop over it.
file(STRINGS ${PROJECT_SOURCE_DIR}/api/components.def _component_rows REGEX "^COMPONENT\\(")
set(SC_COMPONENTS "")
foreach(_row IN LISTS _component_rows)
  string(REGEX MATCH "^COMPONENT\\(([a-z0-9_]+)," _ "${_row}")
  list(APPEND SC_COMPONENTS ${CMAKE_MATCH_1})
endforeach()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/api/components.def)
