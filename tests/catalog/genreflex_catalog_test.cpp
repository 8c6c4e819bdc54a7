// genreflex_catalog_test.cpp - genreflex --catalog and --import-rootmap end
// to end: a real dictionary built from a small header, its rows in the
// catalog with the library's absolute path and a hash that sha256sum agrees
// with; a rebuild replaces them; an unusable catalog stops the run with
// nothing written; 8 genreflex processes import into one catalog at once.
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "catalog_test_support.h"

namespace {

using dictcatalog::Catalog;
using dictcatalog::Name;

struct Outcome {
  int status = -1;
  std::string err;
};

class GenreflexCatalogTest : public catalog_test::ScratchDirectory {
 protected:
  // Starts genreflex with args, stderr to a file; returns its pid.
  pid_t start(const std::vector<std::string>& args, const std::string& errFile) {
    pid_t pid = fork();
    if (pid == 0) {
      int fd = open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      dup2(fd, 2);
      std::vector<std::string> all = {GENREFLEX_EXECUTABLE_PATH};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (std::string& a : all) argv.push_back(a.data());
      argv.push_back(nullptr);
      if (chdir(dir_.c_str()) != 0) _exit(126);
      execv(argv[0], argv.data());
      _exit(127);
    }
    return pid;
  }
  Outcome finish(pid_t pid, const std::string& errFile) {
    int status = 0;
    waitpid(pid, &status, 0);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, catalog_test::readText(errFile)};
  }
  Outcome genreflex(const std::vector<std::string>& args) {
    std::string errFile = file("stderr.txt");
    return finish(start(args, errFile), errFile);
  }
};

const char* kHeader = R"(#pragma once
#include <vector>
namespace geo {
enum Color { Red, Green };
typedef double Real;
class Shape {
 public:
  enum class Kind { Round, Square };
  using Size = int;
  virtual ~Shape() {}
  virtual Real area() const { return 0; }
};
class Square : public Shape {
 public:
  Real side = 1;
  Real area() const override { return side * side; }
};
inline double total(const std::vector<int>& sides) { double t = 0; for (int s : sides) t += s; return t; }
template <typename T> T twice(T t) { return t + t; }
template <> inline int twice<int>(int t) { return 2 * t; }
inline int counter = 0;
}
inline int freeFunction() { return 1; }
)";

std::string sha256sum(const std::string& path) {
  std::string command = "sha256sum '" + path + "'";
  FILE* pipe = popen(command.c_str(), "r");
  char buffer[128] = {};
  std::string out = fgets(buffer, sizeof buffer, pipe) ? buffer : "";
  pclose(pipe);
  return "sha256:" + out.substr(0, out.find(' '));
}

TEST_F(GenreflexCatalogTest, RecordsTheBuiltLibraryAndReplacesItOnRebuild) {
  catalog_test::writeText(file("geo.h"), kHeader);
  Outcome outcome = genreflex({"geo.h", "-o", "libGeoDict.so", "--catalog=cat.sqlite"});
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  ASSERT_TRUE(std::filesystem::exists(file("libGeoDict.so")));

  Catalog catalog = Catalog::openForReading(file("cat.sqlite"));
  std::vector<dictcatalog::Library> libraries = catalog.libraries();
  ASSERT_EQ(libraries.size(), 1u);
  const dictcatalog::Library& library = libraries[0];
  EXPECT_EQ(library.path, file("libGeoDict.so")) << "the absolute path";
  EXPECT_EQ(library.name, "geo");
  EXPECT_EQ(library.generator.rfind("genreflex ", 0), 0u) << library.generator;
  EXPECT_EQ(library.abiMajor, 1);
  EXPECT_EQ(library.origin, "genreflex");
  EXPECT_EQ(library.contentHash, sha256sum(file("libGeoDict.so")));
  EXPECT_EQ(library.contentHash, dictcatalog::contentHash(file("libGeoDict.so")));

  std::vector<Name> names = catalog.names(library.path);
  for (const Name& expected : std::vector<Name>{{"geo", "namespace"},
                                                {"geo::Shape", "class"},
                                                {"geo::Square", "class"},
                                                {"geo::Color", "enum"},
                                                {"geo::Shape::Kind", "enum"},
                                                {"geo::Real", "typedef"},
                                                {"geo::Shape::Size", "typedef"},
                                                {"geo::total", "function"},
                                                {"geo::twice", "function"},
                                                {"freeFunction", "function"},
                                                {"geo::counter", "variable"},
                                                {"std::vector<int>", "template_instance"}})
    EXPECT_NE(std::find(names.begin(), names.end(), expected), names.end())
        << expected.name << " (" << expected.kind << ") missing";
  EXPECT_EQ(std::count(names.begin(), names.end(), Name{"geo::twice", "function"}), 1);
  for (const Name& name : names) EXPECT_NE(name.name, "geo::Shape::area") << "members come with their class";
  EXPECT_EQ(catalog.providers("geo::Square").at(0).library.path, library.path);

  // A rebuild from a changed header replaces the rows and the hash.
  std::string changed = kHeader;
  for (std::size_t at; (at = changed.find("Square")) != std::string::npos;) changed.replace(at, 6, "Cube");
  catalog_test::writeText(file("geo.h"), changed);
  outcome = genreflex({"geo.h", "-o", "libGeoDict.so", "--catalog=cat.sqlite"});
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  EXPECT_EQ(catalog.libraries().size(), 1u);
  EXPECT_TRUE(catalog.providers("geo::Square").empty());
  EXPECT_EQ(catalog.providers("geo::Cube").size(), 1u);
  EXPECT_EQ(catalog.libraries().at(0).contentHash, sha256sum(file("libGeoDict.so")));
}

TEST_F(GenreflexCatalogTest, AnUnusableCatalogStopsTheRunWithNothingWritten) {
  catalog_test::writeText(file("geo.h"), kHeader);
  catalog_test::writeText(file("garbage.sqlite"), std::string(4096, '\x5a'));
  Outcome outcome = genreflex({"geo.h", "-o", "libGeoDict.so", "--catalog=garbage.sqlite"});
  EXPECT_EQ(outcome.status, 1);
  EXPECT_NE(outcome.err.find("genreflex: error: catalog garbage.sqlite: is not an SQLite database"),
            std::string::npos)
      << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(file("libGeoDict.so")));

  // A source output needs the library's name for the catalog (no guess).
  outcome = genreflex({"geo.h", "-o", "geo_rflx.cpp", "--catalog=cat.sqlite"});
  EXPECT_NE(outcome.status, 0);
  EXPECT_NE(outcome.err.find("needs the name of the library it will be built into: add --rootmap-lib=LIB"),
            std::string::npos)
      << outcome.err;
  EXPECT_FALSE(std::filesystem::exists(file("geo_rflx.cpp")));

  outcome = genreflex({"--import-rootmap=x.rootmap"});
  EXPECT_EQ(outcome.status, 2);
  EXPECT_NE(outcome.err.find("--import-rootmap needs the catalog to import into: --catalog=DB"),
            std::string::npos)
      << outcome.err;
}

// The Makefile rule's first step (source only, --rootmap-lib): the library
// to be built beside the source is recorded, without a hash; the rootmap
// genreflex writes imports to the same classes.
TEST_F(GenreflexCatalogTest, ASourceOutputRecordsTheRootmapLibraryBesideIt) {
  catalog_test::writeText(file("geo.h"), kHeader);
  Outcome outcome = genreflex({"geo.h", "-o", "geo_rflx.cpp", "--rootmap=geoDict.rootmap",
                               "--rootmap-lib=geoDict.so", "--catalog=cat.sqlite"});
  ASSERT_EQ(outcome.status, 0) << outcome.err;
  ASSERT_TRUE(std::filesystem::exists(file("geo_rflx.cpp")));
  Catalog catalog = Catalog::openForReading(file("cat.sqlite"));
  std::vector<dictcatalog::Provider> square = catalog.providers("geo::Square");
  ASSERT_EQ(square.size(), 1u);
  EXPECT_EQ(square[0].library.path, file("geoDict.so"));
  EXPECT_EQ(square[0].library.contentHash, "") << "the library is not built yet";

  Catalog imported = Catalog::openForWriting(file("imported.sqlite"));
  imported.importRootmap(file("geoDict.rootmap"));
  for (const char* name : {"geo::Shape", "geo::Square"}) {
    SCOPED_TRACE(name);
    ASSERT_EQ(imported.providers(name).size(), 1u);
    EXPECT_EQ(imported.providers(name)[0].library.path, "geoDict.so") << "not built yet: a bare name";
  }
}

// 8 genreflex processes import 8 rootmaps into one new catalog at once.
TEST_F(GenreflexCatalogTest, EightProcessesImportingAtOnceLoseNothing) {
  constexpr int kProcesses = 8, kClasses = 2000;
  for (int p = 0; p < kProcesses; ++p) {
    std::string text = "{ decls }\nnamespace p" + std::to_string(p) + " { class C0; }\n\n[ libP" +
                       std::to_string(p) + "Dict.so ]\n# List of selected classes\n";
    for (int c = 0; c < kClasses; ++c)
      text += "class p" + std::to_string(p) + "::C" + std::to_string(c) + "\n";
    text += "namespace p" + std::to_string(p) + "\nheader p.h\n";
    catalog_test::writeText(file("p" + std::to_string(p) + ".rootmap"), text);
  }
  std::vector<pid_t> pids;
  for (int p = 0; p < kProcesses; ++p)
    pids.push_back(
        start({"--catalog=shared.sqlite", "--import-rootmap=p" + std::to_string(p) + ".rootmap", "-v"},
              file("err" + std::to_string(p))));
  for (int p = 0; p < kProcesses; ++p) {
    Outcome outcome = finish(pids[p], file("err" + std::to_string(p)));
    EXPECT_EQ(outcome.status, 0) << outcome.err;
    EXPECT_NE(outcome.err.find("imported 1 library from p" + std::to_string(p) + ".rootmap"),
              std::string::npos)
        << outcome.err;
  }
  Catalog catalog = Catalog::openForReading(file("shared.sqlite"));
  ASSERT_EQ(catalog.libraries().size(), static_cast<std::size_t>(kProcesses));
  for (int p = 0; p < kProcesses; ++p) {
    std::string library = "libP" + std::to_string(p) + "Dict.so";
    EXPECT_EQ(catalog.names(library).size(), static_cast<std::size_t>(kClasses + 1)) << library;
    EXPECT_EQ(catalog.providers("p" + std::to_string(p) + "::C1999").at(0).library.path, library);
  }
}

}  // namespace
