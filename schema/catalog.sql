-- catalog.sql - the SQLite dictionary catalog, schema version 1.
--
-- Maps C++ names to the dictionary that defines them, so the loader can
-- autoload a dictionary on the first lookup of one of its names. genreflex
-- writes it, libdictloader reads it, dictinfo queries it. The version lives in
-- PRAGMA user_version; a later version adds a migration file
-- (migrate-N-to-N+1.sql) and never edits this one.
PRAGMA user_version = 1;

CREATE TABLE IF NOT EXISTS dictionaries (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE,      -- absolute path of the dictionary library
  name        TEXT NOT NULL,             -- dictionary name (the header's stem)
  generator   TEXT NOT NULL,             -- "genreflex 0.1.0"
  abi_major   INTEGER NOT NULL,
  abi_minor   INTEGER NOT NULL,
  created     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE IF NOT EXISTS names (
  name          TEXT NOT NULL,           -- fully qualified C++ name: "ns::MyClass"
  kind          TEXT NOT NULL CHECK (kind IN ('namespace', 'class', 'enum', 'typedef', 'function', 'variable')),
  dictionary_id INTEGER NOT NULL REFERENCES dictionaries(id) ON DELETE CASCADE,
  PRIMARY KEY (name, kind, dictionary_id)
);

CREATE INDEX IF NOT EXISTS names_by_name ON names(name);
