-- catalog-v2.sql - the SQLite dictionary catalog, schema version 2, in full.
--
-- What a new catalog is created from. A catalog of an earlier version reaches
-- the same schema through the migrations (migrate-1-to-2.sql...), applied in
-- order; tests/catalog checks that both give identical tables and indexes.
-- Like every released schema file, this one is never edited: version 3 comes
-- as migrate-2-to-3.sql plus catalog-v3.sql.
PRAGMA user_version = 2;

-- One row per dictionary library (or library named by an imported rootmap).
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

-- Every name a library provides. The primary key is the name index that
-- look-ups search; names_by_library serves listing and replacing a library.
CREATE TABLE names (
  name       TEXT NOT NULL,              -- fully qualified, cppyy's spelling: "ns::MyClass", "std::vector<int>"
  kind       TEXT NOT NULL CHECK (kind IN ('namespace', 'class', 'enum', 'typedef', 'function', 'variable',
                                           'template_instance')),
  library_id INTEGER NOT NULL REFERENCES libraries(id) ON DELETE CASCADE,
  PRIMARY KEY (name, kind, library_id)
) WITHOUT ROWID;

CREATE INDEX names_by_library ON names(library_id);
