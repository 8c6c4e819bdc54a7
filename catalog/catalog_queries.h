// catalog_queries.h - the SQL of the catalog's queries, here so that
// tests/catalog can show SQLite's plan for the very text catalog.cpp runs.
#pragma once

namespace dictcatalog::queries {

// names' primary key leads with name: one index search, then each library by rowid.
inline constexpr const char* kProviders =
    "SELECT n.name, n.kind, l.path, l.name, l.generator, l.abi_major, l.abi_minor, l.content_hash, "
    "l.generated, l.origin FROM names AS n JOIN libraries AS l ON l.id = n.library_id "
    "WHERE n.name = ?1 ORDER BY l.path, n.kind";

// The instances of a class template: a range of the same index ("T<" <= name < "T=").
inline constexpr const char* kInstanceProviders =
    "SELECT n.name, n.kind, l.path, l.name, l.generator, l.abi_major, l.abi_minor, l.content_hash, "
    "l.generated, l.origin FROM names AS n JOIN libraries AS l ON l.id = n.library_id "
    "WHERE n.name >= ?1 AND n.name < ?2 AND n.kind = 'template_instance' ORDER BY l.path, n.name";

inline constexpr const char* kLibraries =
    "SELECT path, name, generator, abi_major, abi_minor, content_hash, generated, origin "
    "FROM libraries ORDER BY path";

// The library by its unique path, its names through names_by_library.
inline constexpr const char* kNames =
    "SELECT n.name, n.kind FROM libraries AS l JOIN names AS n ON n.library_id = l.id "
    "WHERE l.path = ?1 ORDER BY n.name, n.kind";

inline constexpr const char* kDeleteNames =
    "DELETE FROM names WHERE library_id IN (SELECT id FROM libraries WHERE path = ?1)";
inline constexpr const char* kDeleteLibrary = "DELETE FROM libraries WHERE path = ?1";
inline constexpr const char* kInsertLibrary =
    "INSERT INTO libraries (path, name, generator, abi_major, abi_minor, content_hash, generated, origin) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, COALESCE(NULLIF(?7, ''), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), ?8)";
inline constexpr const char* kInsertName =
    "INSERT OR IGNORE INTO names (name, kind, library_id) VALUES (?1, ?2, ?3)";

}  // namespace dictcatalog::queries
