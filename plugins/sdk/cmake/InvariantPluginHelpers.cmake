# invariant_add_detector_plugin(<target> <sources>...): a detector plugin as a loadable module built on the
# plugin SDK. Only the two C entry points are exported (hidden visibility; symbols of static libraries
# linked in stay private), and -fno-gnu-unique lets the library really unload.
function(invariant_add_detector_plugin target)
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE Invariant::plugin_sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -fno-gnu-unique)
  endif()
  if(NOT APPLE)
    target_link_options(${target} PRIVATE -Wl,--exclude-libs,ALL)
  endif()
endfunction()
