// The audit database's schema migrations: migrations/NNNN_name.sql, embedded into the binary at build
// time (embed_migrations.cmake) and applied in order by apply_migrations() (sqlite_db.hpp).
#pragma once

#include <span>

namespace inv::adapters::sqlite {

struct Migration {
  int version;        // NNNN of the file name
  const char* name;   // the file name without .sql
  const char* sql;
};

// Ascending by version.
std::span<const Migration> embedded_migrations();

}  // namespace inv::adapters::sqlite
