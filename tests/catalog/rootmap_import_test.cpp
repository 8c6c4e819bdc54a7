// rootmap_import_test.cpp - rootmap files as ROOT 6 and ROOT 5 write them,
// read into sections and imported into a catalog.
#include "catalog_test_support.h"

namespace {

using dictcatalog::Catalog;
using dictcatalog::CatalogError;
using dictcatalog::Name;

// As ROOT 6's genreflex/rootcling writes one, for two libraries.
const char* kRoot6Rootmap = R"({ decls }
namespace geo { class Shape; }
namespace geo{template <typename T> class Box;}
typedef double Real;
[[deprecated]] void old();

[ libGeoDict.so libCore.so ]
# List of selected classes
class geo::Shape
class geo::Box<int>
class vector<geo::Shape>
# List of selected typedefs and outer classes
typedef Real
# List of selected enums and outer classes
enum geo::Color
# List of selected namespaces
namespace geo
header geo.h
header geo/box.h

[ libMathDict.so ]
class Matrix
namespace geo
)";

class RootmapImportTest : public catalog_test::ScratchDirectory {};

TEST_F(RootmapImportTest, ReadsRoot6Sections) {
  std::string rootmap = file("Geo.rootmap");
  catalog_test::writeText(rootmap, kRoot6Rootmap);
  std::vector<dictcatalog::RootmapSection> sections = dictcatalog::readRootmap(rootmap);
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].library, "libGeoDict.so");
  EXPECT_EQ(sections[0].dependencies, std::vector<std::string>{"libCore.so"});
  EXPECT_EQ(sections[0].names, (std::vector<Name>{{"geo::Shape", "class"},
                                                  {"geo::Box<int>", "template_instance"},
                                                  {"std::vector<geo::Shape>", "template_instance"},
                                                  {"Real", "typedef"},
                                                  {"geo::Color", "enum"},
                                                  {"geo", "namespace"}}));
  EXPECT_EQ(sections[0].headers, (std::vector<std::string>{"geo.h", "geo/box.h"}));
  EXPECT_EQ(sections[1].library, "libMathDict.so");
  EXPECT_EQ(sections[1].names, (std::vector<Name>{{"Matrix", "class"}, {"geo", "namespace"}}));
}

TEST_F(RootmapImportTest, ImportsEachLibraryWithOriginRootmap) {
  std::string rootmap = file("Geo.rootmap");
  catalog_test::writeText(rootmap, kRoot6Rootmap);
  catalog_test::writeText(file("libGeoDict.so"), "a library beside the rootmap");
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  std::vector<dictcatalog::Library> written = catalog.importRootmap(rootmap);
  ASSERT_EQ(written.size(), 2u);

  // A library beside the rootmap by its absolute path; one not there by its
  // bare name, for the dynamic loader's search.
  std::vector<dictcatalog::Provider> shape = catalog.providers("geo::Shape");
  ASSERT_EQ(shape.size(), 1u);
  EXPECT_EQ(shape[0].library.path, file("libGeoDict.so"));
  EXPECT_EQ(shape[0].library.name, "GeoDict");
  EXPECT_EQ(shape[0].library.origin, "rootmap");
  EXPECT_EQ(shape[0].library.generator, "rootmap " + rootmap);
  EXPECT_EQ(shape[0].library.contentHash, "") << "a rootmap does not fix the library's bytes";
  EXPECT_EQ(catalog_test::paths(catalog.providers("geo")),
            (std::vector<std::string>{file("libGeoDict.so"), "libMathDict.so"}));
  EXPECT_EQ(catalog.providers("std::vector<geo::Shape>").at(0).name.kind, "template_instance");
  EXPECT_EQ(catalog.providers("geo::Color").at(0).name.kind, "enum");
  EXPECT_EQ(catalog.providers("Real").at(0).name.kind, "typedef");
  EXPECT_TRUE(catalog.providers("geo.h").empty()) << "headers are not names";

  // Importing a changed rootmap again replaces the libraries' rows.
  catalog_test::writeText(rootmap, "[ libMathDict.so ]\nclass Tensor\n");
  catalog.importRootmap(rootmap);
  EXPECT_EQ(catalog.names("libMathDict.so"), (std::vector<Name>{{"Tensor", "class"}}));
  EXPECT_EQ(catalog.providers("geo::Shape").size(), 1u) << "libraries the rootmap no longer names stay";
}

TEST_F(RootmapImportTest, ReadsRoot5LibraryLines) {
  std::string rootmap = file("Old.rootmap");
  catalog_test::writeText(rootmap,
                          "Library.TH1F:                               libHist.so libMatrix.so\n"
                          "Library.ROOT@@Math@@Vector3D:                libMathCore.so\n"
                          "Library.vector<unsigned-int>:                libHist.so\n");
  std::vector<dictcatalog::RootmapSection> sections = dictcatalog::readRootmap(rootmap);
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0].library, "libHist.so");
  EXPECT_EQ(sections[0].dependencies, std::vector<std::string>{"libMatrix.so"});
  EXPECT_EQ(sections[0].names,
            (std::vector<Name>{{"TH1F", "class"}, {"std::vector<unsigned int>", "template_instance"}}));
  EXPECT_EQ(sections[1].names, (std::vector<Name>{{"ROOT::Math::Vector3D", "class"}}));
}

TEST_F(RootmapImportTest, AnUnreadableLineIsAnErrorWithItsNumberAndImportsNothing) {
  std::string rootmap = file("Bad.rootmap");
  catalog_test::writeText(rootmap, "[ libA.so ]\nclass A\nstruct\nclass B\n");
  Catalog catalog = Catalog::openForWriting(file("c.sqlite"));
  try {
    catalog.importRootmap(rootmap);
    FAIL() << "a bad rootmap imported";
  } catch (const CatalogError& e) {
    EXPECT_EQ(e.file(), rootmap);
    EXPECT_NE(std::string(e.what()).find(rootmap + ": line 3: 'struct' names nothing"), std::string::npos)
        << e.what();
  }
  catalog_test::writeText(rootmap, "class A\n");
  EXPECT_THROW(catalog.importRootmap(rootmap), CatalogError);
  catalog_test::writeText(rootmap, "[ libA.so ]\nmacro A\n");
  EXPECT_THROW(catalog.importRootmap(rootmap), CatalogError);
  catalog_test::writeText(rootmap, "[ libA.so \nclass A\n");
  EXPECT_THROW(catalog.importRootmap(rootmap), CatalogError);
  EXPECT_THROW(catalog.importRootmap(file("missing.rootmap")), CatalogError);
  EXPECT_TRUE(catalog.libraries().empty());
}

}  // namespace
