# SPDX-License-Identifier: GPL-2.0-only
# sc_fields(ROW NAME...): sets each NAME in the caller to ROW's field at its position, so a
# table of per-row tests ("a;b;c" "d;e;f") names its columns once.
function(sc_fields row)
  set(_i 0)
  foreach(_name IN LISTS ARGN)
    list(GET row ${_i} _value)
    set(${_name} "${_value}" PARENT_SCOPE)
    math(EXPR _i "${_i} + 1")
  endforeach()
endfunction()
