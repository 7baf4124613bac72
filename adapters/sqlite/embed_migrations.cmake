# Build-time step: turns migrations/NNNN_name.sql into a C++ source with the SQL texts as raw string
# literals, so the binary does not depend on its working directory.
#   cmake -DOUT=<file.cpp> -DFILES="<a.sql>|<b.sql>" -P embed_migrations.cmake
string(REPLACE "|" ";" files "${FILES}")
list(SORT files)
set(body "")
foreach(f IN LISTS files)
  get_filename_component(name "${f}" NAME_WE)
  if(NOT name MATCHES "^([0-9]+)_[A-Za-z0-9_]+$")
    message(FATAL_ERROR "migration file name must be NNNN_name.sql: ${f}")
  endif()
  math(EXPR version "${CMAKE_MATCH_1}")
  file(READ "${f}" sql)
  if(sql MATCHES "\\)invsql\"")
    message(FATAL_ERROR "${f} contains the raw-string delimiter )invsql\"")
  endif()
  string(APPEND body "    {${version}, \"${name}\", R\"invsql(${sql})invsql\"},\n")
endforeach()
set(content "// Generated at build time from migrations/*.sql by embed_migrations.cmake. Do not edit.
#include \"adapters/sqlite/migrations.hpp\"

namespace inv::adapters::sqlite {

std::span<const Migration> embedded_migrations() {
  static const Migration kMigrations[] = {
${body}  };
  return kMigrations;
}

}  // namespace inv::adapters::sqlite
")
if(EXISTS "${OUT}")
  file(READ "${OUT}" old)
  if(old STREQUAL content)
    return()
  endif()
endif()
file(WRITE "${OUT}" "${content}")
