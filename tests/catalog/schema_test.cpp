// schema_test.cpp - new catalogs get schema version 2; catalogs of every
// earlier version migrate to it with their rows, to the same tables and
// indexes as a new one.
#include <map>

#include "catalog_test_support.h"

namespace {

using catalog_test::RawDatabase;
using dictcatalog::Catalog;
using dictcatalog::CatalogError;

const std::string kSchemaDir = CATALOG_TEST_SCHEMA_DIR;

std::vector<std::string> schemaOf(RawDatabase& db) {
  return db.rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name");
}

// Rows as a catalog of each earlier version held them; the migration test
// needs one entry per version below dictcatalog::kSchemaVersion.
const std::map<int, std::string> kRowsAtVersion = {
    {1,
     "INSERT INTO dictionaries (id, path, name, generator, abi_major, abi_minor, created) VALUES "
     "  (1, '/opt/lib/libShapesDict.so', 'Shapes', 'genreflex 0.1.0', 1, 0, '2026-01-02T03:04:05Z'), "
     "  (2, '/opt/lib/libMathDict.so', 'Math', 'genreflex 0.1.0', 1, 1, '2026-02-03T04:05:06Z');"
     "INSERT INTO names (name, kind, dictionary_id) VALUES "
     "  ('Shape', 'class', 1), ('geo', 'namespace', 1), ('geo::area', 'function', 1), "
     "  ('Color', 'enum', 1), ('Real', 'typedef', 2), ('math::pi', 'variable', 2), ('geo', 'namespace', 2), "
     "  ('Removed', 'class', 3);"},  // a name whose dictionary is gone: version 1 did not enforce it
};

// A catalog file at `version`: catalog.sql, then the released migrations up to it.
void createAtVersion(const std::string& path, int version) {
  RawDatabase db(path);
  db.exec(catalog_test::readText(kSchemaDir + "/catalog.sql"));
  for (int from = 1; from < version; ++from)
    db.exec(catalog_test::readText(kSchemaDir + "/migrate-" + std::to_string(from) + "-to-" +
                                   std::to_string(from + 1) + ".sql"));
  ASSERT_EQ(db.value("PRAGMA user_version"), std::to_string(version));
}

class SchemaTest : public catalog_test::ScratchDirectory {};

TEST_F(SchemaTest, NewCatalogHasTheCurrentSchemaInWalMode) {
  std::string path = file("new.sqlite");
  { Catalog catalog = Catalog::openForWriting(path); }
  RawDatabase db(path);
  EXPECT_EQ(db.value("PRAGMA user_version"), std::to_string(dictcatalog::kSchemaVersion));
  EXPECT_EQ(db.value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
  // The very schema of catalog-v2.sql.
  RawDatabase reference(":memory:");
  reference.exec(catalog_test::readText(kSchemaDir + "/catalog-v" +
                                        std::to_string(dictcatalog::kSchemaVersion) + ".sql"));
  EXPECT_EQ(schemaOf(db), schemaOf(reference));
  EXPECT_EQ(db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
            (std::vector<std::string>{"libraries", "names"}));
}

TEST_F(SchemaTest, EveryEarlierVersionHasRowsForTheMigrationTest) {
  for (int version = 1; version < dictcatalog::kSchemaVersion; ++version)
    EXPECT_TRUE(kRowsAtVersion.count(version)) << "add rows of a version-" << version << " catalog";
}

TEST_F(SchemaTest, MigratingFromEveryEarlierVersionKeepsTheRows) {
  RawDatabase reference(":memory:");
  reference.exec(catalog_test::readText(kSchemaDir + "/catalog-v" +
                                        std::to_string(dictcatalog::kSchemaVersion) + ".sql"));
  for (int version = 1; version < dictcatalog::kSchemaVersion; ++version) {
    SCOPED_TRACE("from version " + std::to_string(version));
    std::string path = file("v" + std::to_string(version) + ".sqlite");
    createAtVersion(path, version);
    {
      RawDatabase db(path);
      db.exec(kRowsAtVersion.at(version));
    }
    Catalog catalog = Catalog::openForWriting(path);
    RawDatabase db(path);
    EXPECT_EQ(db.value("PRAGMA user_version"), std::to_string(dictcatalog::kSchemaVersion));
    EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
    EXPECT_TRUE(db.rows("PRAGMA foreign_key_check").empty()) << "the orphaned name is dropped";
    EXPECT_TRUE(catalog.providers("Removed").empty());
    EXPECT_EQ(schemaOf(db), schemaOf(reference)) << "a migrated catalog must equal a new one";

    std::vector<dictcatalog::Library> libraries = catalog.libraries();
    ASSERT_EQ(libraries.size(), 2u);
    EXPECT_EQ(libraries[0].path, "/opt/lib/libMathDict.so");
    EXPECT_EQ(libraries[0].abiMinor, 1);
    EXPECT_EQ(libraries[1].path, "/opt/lib/libShapesDict.so");
    EXPECT_EQ(libraries[1].name, "Shapes");
    EXPECT_EQ(libraries[1].generated, "2026-01-02T03:04:05Z");
    EXPECT_EQ(libraries[1].origin, "genreflex");
    EXPECT_EQ(libraries[1].contentHash, "");
    EXPECT_EQ(catalog.names("/opt/lib/libShapesDict.so"),
              (std::vector<dictcatalog::Name>{
                  {"Color", "enum"}, {"Shape", "class"}, {"geo", "namespace"}, {"geo::area", "function"}}));
    EXPECT_EQ(catalog_test::paths(catalog.providers("geo")),
              (std::vector<std::string>{"/opt/lib/libMathDict.so", "/opt/lib/libShapesDict.so"}));
    EXPECT_EQ(catalog.providers("math::pi").at(0).name.kind, "variable");
    // And the migrated catalog takes the new version's rows.
    catalog.replaceLibrary(catalog_test::library("/opt/lib/libVecDict.so"),
                           {{"std::vector<int>", "template_instance"}});
    EXPECT_EQ(catalog.providers("std::vector<int>").size(), 1u);
  }
}

// A migration that fails (here: the version-1 file already has a table of
// that name) is rolled back whole: the catalog stays at version 1 with its rows.
TEST_F(SchemaTest, AFailedMigrationLeavesTheCatalogAsItWas) {
  std::string path = file("clash.sqlite");
  createAtVersion(path, 1);
  {
    RawDatabase db(path);
    db.exec(kRowsAtVersion.at(1));
    db.exec("CREATE TABLE libraries (mine TEXT)");
  }
  try {
    Catalog::openForWriting(path);
    FAIL() << "the migration succeeded";
  } catch (const CatalogError& e) {
    EXPECT_NE(std::string(e.what()).find("catalog " + path + ": "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("table libraries already exists"), std::string::npos) << e.what();
  }
  RawDatabase db(path);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
  EXPECT_EQ(db.value("SELECT count(*) FROM names"), "8");
  EXPECT_EQ(db.value("SELECT count(*) FROM dictionaries"), "2");
  EXPECT_EQ(db.rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"),
            (std::vector<std::string>{"dictionaries", "libraries", "names"}));
}

TEST_F(SchemaTest, ReadingAnOlderCatalogSaysHowToMigrateAndChangesNothing) {
  std::string path = file("old.sqlite");
  createAtVersion(path, 1);
  try {
    Catalog::openForReading(path);
    FAIL() << "an older catalog opened for reading";
  } catch (const CatalogError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("schema version 1, older"), std::string::npos) << e.what();
  }
  RawDatabase db(path);
  EXPECT_EQ(db.value("PRAGMA user_version"), "1");
}

TEST_F(SchemaTest, AnotherSqliteDatabaseIsNotTakenForACatalog) {
  std::string path = file("other.sqlite");
  {
    RawDatabase db(path);
    db.exec("CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT)");
  }
  for (bool writing : {false, true}) {
    try {
      writing ? Catalog::openForWriting(path) : Catalog::openForReading(path);
      FAIL() << "a foreign database opened as a catalog";
    } catch (const CatalogError& e) {
      EXPECT_NE(std::string(e.what()).find(path + ": is an SQLite database but not a dictionary catalog"),
                std::string::npos)
          << e.what();
    }
  }
  RawDatabase db(path);
  EXPECT_EQ(db.rows("SELECT name FROM sqlite_master"), std::vector<std::string>{"accounts"});
}

}  // namespace
