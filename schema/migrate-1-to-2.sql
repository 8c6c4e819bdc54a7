-- migrate-1-to-2.sql - schema version 1 -> 2 (run inside one transaction).
--
-- Version 2 replaces "dictionaries" by "libraries" and records each library's
-- content hash, generation time and origin (genreflex or an imported rootmap);
-- names gain the kind 'template_instance'. SQLite cannot change a CHECK
-- constraint in place, so both tables are rebuilt and their rows copied; the
-- new tables are created with the very text of catalog-v2.sql.
ALTER TABLE names RENAME TO names_v1;

CREATE TABLE libraries (
  id           INTEGER PRIMARY KEY,
  path         TEXT NOT NULL UNIQUE,     -- absolute path; a bare name (libX.so) is for the dynamic loader to find
  name         TEXT NOT NULL,            -- dictionary name (the header's stem)
  generator    TEXT NOT NULL,            -- "genreflex 0.1.0", "rootmap /abs/X.rootmap"
  abi_major    INTEGER NOT NULL,         -- DLDICT_ABI_MAJOR/MINOR at generation; 0, 0 when unknown
  abi_minor    INTEGER NOT NULL,
  content_hash TEXT NOT NULL DEFAULT '', -- "sha256:<hex>" of the library's bytes; '' when unknown
  generated    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  origin       TEXT NOT NULL DEFAULT 'genreflex' CHECK (origin IN ('genreflex', 'rootmap'))
);

CREATE TABLE names (
  name       TEXT NOT NULL,              -- fully qualified, cppyy's spelling: "ns::MyClass", "std::vector<int>"
  kind       TEXT NOT NULL CHECK (kind IN ('namespace', 'class', 'enum', 'typedef', 'function', 'variable',
                                           'template_instance')),
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  PRIMARY KEY (name, kind, library_id)
) WITHOUT ROWID;

-- Version 1 had no hash (unknown: ''), and only genreflex wrote it.
INSERT INTO libraries (id, path, name, generator, abi_major, abi_minor, content_hash, generated, origin)
  SELECT id, path, name, generator, abi_major, abi_minor, '', created, 'genreflex' FROM dictionaries;
-- Version 1 did not make SQLite enforce its foreign key: names of a removed
-- dictionary are dropped here rather than failing the migration.
INSERT INTO names (name, kind, library_id)
  SELECT name, kind, dictionary_id FROM names_v1 WHERE dictionary_id IN (SELECT id FROM dictionaries);

DROP TABLE names_v1;  -- and its index names_by_name: the primary key now leads with name
DROP TABLE dictionaries;

CREATE INDEX names_by_library ON names(library_id);

PRAGMA user_version = 2;
