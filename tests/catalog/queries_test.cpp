// queries_test.cpp - what the catalog holds after writes, what its queries
// return for each kind of name, and that they are index searches touching a
// few pages whatever the catalog's size.
#include <thread>

#include "catalog_queries.h"
#include "catalog_test_support.h"

namespace {

using catalog_test::library;
using catalog_test::paths;
using catalog_test::RawDatabase;
using dictcatalog::Catalog;
using dictcatalog::CatalogError;
using dictcatalog::Name;

class QueriesTest : public catalog_test::ScratchDirectory {};

TEST_F(QueriesTest, ProvidersFindsEachKindWithItsLibrary) {
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  dictcatalog::Library shapes = library("/opt/lib/libShapesDict.so", "sha256:0123");
  shapes.generated = "2026-03-04T05:06:07Z";
  const std::vector<Name> names = {{"geo", "namespace"},
                                   {"geo::Shape", "class"},
                                   {"geo::Color", "enum"},
                                   {"geo::Real", "typedef"},
                                   {"geo::area", "function"},
                                   {"geo::origin", "variable"},
                                   {"std::vector<geo::Shape>", "template_instance"}};
  catalog.replaceLibrary(shapes, names);
  for (const Name& name : names) {
    SCOPED_TRACE(name.name);
    std::vector<dictcatalog::Provider> found = catalog.providers(name.name);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].name, name);
    const dictcatalog::Library& got = found[0].library;
    EXPECT_EQ(got.path, shapes.path);
    EXPECT_EQ(got.name, "libShapesDict");
    EXPECT_EQ(got.generator, "genreflex 0.1.0");
    EXPECT_EQ(got.abiMajor, 1);
    EXPECT_EQ(got.abiMinor, 2);
    EXPECT_EQ(got.contentHash, "sha256:0123");
    EXPECT_EQ(got.generated, "2026-03-04T05:06:07Z");
    EXPECT_EQ(got.origin, "genreflex");
  }
  EXPECT_TRUE(catalog.providers("geo::Circle").empty());
  EXPECT_TRUE(catalog.providers("Shape").empty()) << "names match exactly, qualified";
}

TEST_F(QueriesTest, InstanceProvidersFindTheInstantiationsOfATemplate) {
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  catalog.replaceLibrary(library("/b/libB.so"),
                         {{"ns::Box<int>", "template_instance"}, {"ns::Boxes", "class"}});
  catalog.replaceLibrary(
      library("/a/libA.so"),
      {{"ns::Box<double>", "template_instance"}, {"ns::Box", "namespace"}, {"ns::Bo", "class"}});
  std::vector<dictcatalog::Provider> found = catalog.instanceProviders("ns::Box");
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name.name, "ns::Box<double>");
  EXPECT_EQ(found[0].library.path, "/a/libA.so");
  EXPECT_EQ(found[1].name.name, "ns::Box<int>");
  EXPECT_TRUE(catalog.instanceProviders("ns::Bo").empty()) << "ns::Box<...> is not an instance of ns::Bo";
  EXPECT_TRUE(catalog.instanceProviders("Box").empty());
}

TEST_F(QueriesTest, ANameProvidedByTwoLibrariesListsBoth) {
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  catalog.replaceLibrary(library("/b/libB.so"), {{"ns", "namespace"}, {"ns::B", "class"}});
  catalog.replaceLibrary(library("/a/libA.so"), {{"ns", "namespace"}, {"ns::A", "class"}});
  EXPECT_EQ(paths(catalog.providers("ns")), (std::vector<std::string>{"/a/libA.so", "/b/libB.so"}));
  EXPECT_EQ(paths(catalog.providers("ns::B")), std::vector<std::string>{"/b/libB.so"});
}

TEST_F(QueriesTest, ReplaceLibraryReplacesItsRowsOnly) {
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  catalog.replaceLibrary(library("/a/libA.so", "sha256:aa"), {{"A1", "class"}, {"shared", "namespace"}});
  catalog.replaceLibrary(library("/b/libB.so", "sha256:bb"), {{"B1", "class"}, {"shared", "namespace"}});
  catalog.replaceLibrary(library("/a/libA.so", "sha256:a2"),
                         {{"A2", "class"}, {"A2", "class"}, {"f", "function"}});

  EXPECT_TRUE(catalog.providers("A1").empty()) << "the old rows of libA are gone";
  EXPECT_EQ(catalog.names("/a/libA.so"), (std::vector<Name>{{"A2", "class"}, {"f", "function"}}))
      << "a repeated name is stored once";
  EXPECT_EQ(catalog.names("/b/libB.so"), (std::vector<Name>{{"B1", "class"}, {"shared", "namespace"}}));
  EXPECT_EQ(paths(catalog.providers("shared")), std::vector<std::string>{"/b/libB.so"});
  std::vector<dictcatalog::Library> libraries = catalog.libraries();
  ASSERT_EQ(libraries.size(), 2u);
  EXPECT_EQ(libraries[0].contentHash, "sha256:a2");
  EXPECT_FALSE(libraries[0].generated.empty()) << "an empty generation time means now";
  EXPECT_TRUE(catalog.names("/c/libC.so").empty());

  EXPECT_TRUE(catalog.removeLibrary("/a/libA.so"));
  EXPECT_FALSE(catalog.removeLibrary("/a/libA.so"));
  EXPECT_TRUE(catalog.providers("A2").empty());
  EXPECT_EQ(catalog.libraries().size(), 1u);
  RawDatabase db(catalog.path());
  EXPECT_EQ(db.value("SELECT count(*) FROM names"), "2") << "no orphaned names";
}

TEST_F(QueriesTest, ABadRowIsRefusedAndWritesNothing) {
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  catalog.replaceLibrary(library("/a/libA.so"), {{"A", "class"}});
  try {
    catalog.replaceLibrary(library("/a/libA.so"), {{"B", "class"}, {"C", "struct"}});
    FAIL() << "kind 'struct' accepted";
  } catch (const CatalogError& e) {
    EXPECT_NE(std::string(e.what()).find("name 'C' has kind 'struct'"), std::string::npos) << e.what();
  }
  EXPECT_EQ(catalog.names("/a/libA.so"), (std::vector<Name>{{"A", "class"}}));
  dictcatalog::Library odd = library("/a/libA.so");
  odd.origin = "guess";
  EXPECT_THROW(catalog.replaceLibrary(odd, {}), CatalogError);
  EXPECT_THROW(catalog.replaceLibrary(library(""), {}), CatalogError);
}

TEST_F(QueriesTest, ACatalogOpenedForReadingRefusesWrites) {
  std::string path = file("c.sqlite");
  Catalog::openForWriting(path).replaceLibrary(library("/a/libA.so"), {{"A", "class"}});
  Catalog reader = Catalog::openForReading(path);
  EXPECT_EQ(reader.providers("A").size(), 1u);
  try {
    reader.replaceLibrary(library("/a/libA.so"), {});
    FAIL() << "a reader wrote";
  } catch (const CatalogError& e) {
    EXPECT_NE(std::string(e.what()).find("opened for reading"), std::string::npos) << e.what();
  }
  EXPECT_THROW(reader.removeLibrary("/a/libA.so"), CatalogError);
  EXPECT_EQ(reader.providers("A").size(), 1u);
}

// SQLite's plan for each look-up: searches through an index, no table scan.
TEST_F(QueriesTest, LookUpsAreIndexSearches) {
  std::string path = file("c.sqlite");
  Catalog::openForWriting(path).replaceLibrary(library("/a/libA.so"), {{"A", "class"}});
  RawDatabase db(path);
  for (const char* query : {dictcatalog::queries::kProviders, dictcatalog::queries::kInstanceProviders,
                            dictcatalog::queries::kNames, dictcatalog::queries::kDeleteNames,
                            dictcatalog::queries::kDeleteLibrary}) {
    SCOPED_TRACE(query);
    std::vector<std::string> plan = db.rows(std::string("EXPLAIN QUERY PLAN ") + query);
    ASSERT_FALSE(plan.empty());
    std::string text;
    for (const std::string& step : plan) text += step + "\n";
    EXPECT_EQ(text.find("SCAN"), std::string::npos) << text;
    EXPECT_NE(text.find("SEARCH"), std::string::npos) << text;
  }
  std::string providersPlan;
  for (const std::string& step :
       db.rows(std::string("EXPLAIN QUERY PLAN ") + dictcatalog::queries::kProviders))
    providersPlan += step + "\n";
  EXPECT_NE(providersPlan.find("SEARCH n USING PRIMARY KEY (name=?)"), std::string::npos) << providersPlan;
  std::string namesPlan;
  for (const std::string& step : db.rows(std::string("EXPLAIN QUERY PLAN ") + dictcatalog::queries::kNames))
    namesPlan += step + "\n";
  EXPECT_NE(namesPlan.find("names_by_library"), std::string::npos) << namesPlan;
}

// Opening and one look-up read a handful of pages of a catalog that has
// thousands: nothing is proportional to the catalog's size.
TEST_F(QueriesTest, OpeningAndLookingUpReadAFewPages) {
  std::string path = file("big.sqlite");
  {
    Catalog writer = Catalog::openForWriting(path);
    for (int lib = 0; lib < 20; ++lib) {
      std::vector<Name> names;
      for (int i = 0; i < 2500; ++i)
        names.push_back({"ns" + std::to_string(lib) + "::Class" + std::to_string(i), "class"});
      writer.replaceLibrary(library("/lib/lib" + std::to_string(lib) + ".so"), names);
    }
  }
  RawDatabase db(path);
  long pages = std::stol(db.value("PRAGMA page_count"));
  ASSERT_GT(pages, 500) << "the catalog should be large for this test";

  Catalog reader = Catalog::openForReading(path);
  long afterOpen = reader.pagesRead();
  std::vector<dictcatalog::Provider> found = reader.providers("ns7::Class1234");
  ASSERT_EQ(paths(found), std::vector<std::string>{"/lib/lib7.so"});
  EXPECT_TRUE(reader.providers("ns7::Class99999").empty());
  long afterLookUps = reader.pagesRead();
  EXPECT_LT(afterOpen, 10) << "of " << pages << " pages";
  EXPECT_LT(afterLookUps, 25) << "of " << pages << " pages";
}

TEST_F(QueriesTest, ThreadsShareOneCatalog) {
  std::string path = file("c.sqlite");
  {
    Catalog writer = Catalog::openForWriting(path);
    std::vector<Name> names;
    for (int i = 0; i < 100; ++i) names.push_back({"C" + std::to_string(i), "class"});
    writer.replaceLibrary(library("/a/libA.so"), names);
  }
  Catalog reader = Catalog::openForReading(path);
  std::vector<std::thread> threads;
  std::atomic<int> found{0};
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 100; ++i)
        found += static_cast<int>(reader.providers("C" + std::to_string(i)).size());
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(found.load(), 400);
}

}  // namespace
