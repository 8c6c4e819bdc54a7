// autoload_test.cpp - names no loaded dictionary has, found through catalogs:
// each kind of name through the C API call a client makes first, catalogs
// from dictloader_add_catalog and DICTLOADER_CATALOG, a catalog that changes,
// the errors of a missing or changed library and of an unreadable catalog,
// dictloader_which and dictloader_list_catalog, and threads. Each test runs in
// its own process (a fresh registry); catalogs are written with dictcatalog.
#include <gmock/gmock.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "capi_support.h"
#include "catalog/catalog.h"

namespace dictloader_test {
namespace {

namespace fs = std::filesystem;
using testing::HasSubstr;

const std::vector<dictcatalog::Name> kAutoloadedNames = {
    {"autoloaded", "namespace"},   {"autoloaded::Gizmo", "class"},        {"autoloaded::Triple", "function"},
    {"autoloaded::Level", "enum"}, {"autoloaded::GizmoAlias", "typedef"}, {"autoloaded::counter", "variable"},
    {"Sprocket", "class"},         {"SprocketCount", "function"},         {"sprocket_stock", "variable"}};

class Autoload : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("dictloader-autoload-" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // No per-user default catalog: only the catalogs a test makes are asked.
    setenv("XDG_DATA_HOME", (dir_ / "no-default").c_str(), 1);
    unsetenv("DICTLOADER_CATALOG");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // A catalog at dir_/file naming library (as it is now) as the provider of names.
  std::string catalogOf(const std::string& library, const std::vector<dictcatalog::Name>& names,
                        const std::string& file = "autoload.catalog") {
    std::string path = (dir_ / file).string();
    dictcatalog::Library entry;
    entry.path = library;
    entry.name = "autoloaded";
    entry.generator = "autoload_test";
    entry.abiMajor = 1;
    entry.abiMinor = 2;
    entry.contentHash = dictcatalog::contentHash(library);
    dictcatalog::Catalog::openForWriting(path).replaceLibrary(entry, names);
    return path;
  }
  // A copy of the autoloaded dictionary that a test may delete or change.
  std::string copyOfDictionary() {
    std::string copy = (dir_ / "libAutoloadedCopy.so").string();
    fs::copy_file(DICTLOADER_TEST_AUTOLOADED_DICT, copy);
    return copy;
  }
  static size_t registrationsOf(const std::string& origin) {
    size_t found = 0;
    for (size_t i = 0; i < dictloader_num_dictionaries(); ++i)
      found += origin == dictloader_dictionary_origin(i);
    return found;
  }

  fs::path dir_;
};

TEST_F(Autoload, ClassFromAnAddedCatalogAfterAnEarlierMiss) {
  ASSERT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);  // no catalog yet: remembered as unknown
  std::string catalog = catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames);
  ASSERT_EQ(dictloader_add_catalog(catalog.c_str()), 1) << dictloader_last_error();
  cppyy_scope_t gizmo = cppyy_get_scope("autoloaded::Gizmo");  // a new catalog: asked again
  ASSERT_NE(gizmo, 0u);
  EXPECT_FALSE(cppyy_is_namespace(gizmo));
  EXPECT_EQ(registrationsOf(DICTLOADER_TEST_AUTOLOADED_DICT), 1u);
  EXPECT_EQ(dictloader_autoload_error("autoloaded::Gizmo"), nullptr);
  // The class works: its method can be called.
  cppyy_index_t* twice = cppyy_method_indices_from_name(gizmo, "Twice");
  ASSERT_NE(twice, nullptr);
  cppyy_method_t method = cppyy_get_method(gizmo, twice[0]);
  cppyy_free(twice);
  Args none(0);
  int object[1] = {21};  // a Gizmo is one int
  EXPECT_EQ(cppyy_call_i(method, object, 0, none.get()), 42);
}

// Each kind of name through the first call PyPy's _cppyy (or the CPython
// module) makes for it.
TEST_F(Autoload, FunctionThroughMethodLookupInTheGlobalNamespace) {
  ASSERT_EQ(dictloader_add_catalog(catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames).c_str()), 1);
  cppyy_index_t* indices = cppyy_method_indices_from_name(cppyy_get_scope(""), "SprocketCount");
  ASSERT_NE(indices, nullptr);
  EXPECT_NE(indices[0], static_cast<cppyy_index_t>(-1));
  cppyy_free(indices);
}

TEST_F(Autoload, VariableThroughDataLookupInTheGlobalNamespace) {
  ASSERT_EQ(dictloader_add_catalog(catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames).c_str()), 1);
  cppyy_scope_t global = cppyy_get_scope("");
  int index = cppyy_datamember_index(global, "sprocket_stock");
  ASSERT_GE(index, 0);
  EXPECT_EQ(*reinterpret_cast<int*>(cppyy_datamember_offset(global, index)), 3);
}

TEST_F(Autoload, EnumThroughIsEnumWithPyPysLeadingColons) {
  ASSERT_EQ(dictloader_add_catalog(catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames).c_str()), 1);
  EXPECT_TRUE(cppyy_is_enum("::autoloaded::Level"));
}

TEST_F(Autoload, TypedefThroughResolveName) {
  ASSERT_EQ(dictloader_add_catalog(catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames).c_str()), 1);
  EXPECT_EQ(take(cppyy_resolve_name("autoloaded::GizmoAlias")), "autoloaded::Gizmo");
}

TEST_F(Autoload, FromDictloaderCatalogPastAnUnreadableOne) {
  std::string catalog = catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames);
  std::string missing = (dir_ / "missing.catalog").string();
  setenv("DICTLOADER_CATALOG", (missing + "::" + catalog).c_str(), 1);
  testing::internal::CaptureStderr();
  EXPECT_NE(cppyy_get_scope("Sprocket"), 0u);
  std::string said = testing::internal::GetCapturedStderr();
  EXPECT_THAT(said, HasSubstr(missing)) << "the unreadable catalog is named";
}

TEST_F(Autoload, CatalogsAreNotOpenedBeforeTheFirstMiss) {
  std::string corrupt = (dir_ / "corrupt.catalog").string();
  std::ofstream(corrupt) << "this is not an SQLite database, and it is long enough to have a header......";
  setenv("DICTLOADER_CATALOG", corrupt.c_str(), 1);
  testing::internal::CaptureStderr();
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
  EXPECT_NE(cppyy_get_scope("api::Widget"), 0u);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "") << "a found name must not touch the catalogs";
  testing::internal::CaptureStderr();
  EXPECT_EQ(cppyy_get_scope("api::NoSuchClass"), 0u);  // never a crash
  std::string said = testing::internal::GetCapturedStderr();
  EXPECT_THAT(said, HasSubstr(corrupt));
  EXPECT_THAT(std::string(dictloader_last_error()), HasSubstr(corrupt));
  // Reported once, not at every miss.
  testing::internal::CaptureStderr();
  EXPECT_EQ(cppyy_get_scope("api::AnotherMissingClass"), 0u);
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST_F(Autoload, LockedCatalogIsSkippedWithAnErrorNamingIt) {
  std::string catalog = catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames);
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  pid_t holder = fork();
  if (holder == 0) {  // another process holds the catalog locked (and half rewritten)
    sqlite3* db = nullptr;
    sqlite3_open(catalog.c_str(), &db);
    int status = sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM names;",
                              nullptr, nullptr, nullptr);
    char done = status == SQLITE_OK ? 'y' : 'n';
    if (write(ready[1], &done, 1) != 1) _exit(1);
    pause();
    _exit(0);
  }
  char locked = 0;
  ASSERT_EQ(read(ready[0], &locked, 1), 1);
  ASSERT_EQ(locked, 'y');
  setenv("DICTLOADER_CATALOG", catalog.c_str(), 1);
  testing::internal::CaptureStderr();
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(cppyy_get_scope("Sprocket"), 0u);
  auto waited = std::chrono::steady_clock::now() - start;
  std::string said = testing::internal::GetCapturedStderr();
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  EXPECT_THAT(said, HasSubstr(catalog));
  EXPECT_THAT(said, HasSubstr("locked"));
  EXPECT_GE(waited, std::chrono::milliseconds(900)) << "it waited for the lock first";
  EXPECT_LT(waited, std::chrono::seconds(5)) << "a miss must not wait long";
}

TEST_F(Autoload, CorruptOrMissingCatalogCannotBeAdded) {
  std::string corrupt = (dir_ / "corrupt.catalog").string();
  std::ofstream(corrupt) << "this is not an SQLite database, and it is long enough to have a header......";
  EXPECT_EQ(dictloader_add_catalog(corrupt.c_str()), 0);
  EXPECT_THAT(std::string(dictloader_last_error()), HasSubstr(corrupt));
  std::string missing = (dir_ / "missing.catalog").string();
  EXPECT_EQ(dictloader_add_catalog(missing.c_str()), 0);
  EXPECT_THAT(std::string(dictloader_last_error()), HasSubstr(missing));
  EXPECT_EQ(dictloader_add_catalog(nullptr), 0);
  EXPECT_EQ(dictloader_add_catalog(""), 0);
  EXPECT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);
}

TEST_F(Autoload, MissingLibraryNamesTheNameAndTheLibrary) {
  std::string copy = copyOfDictionary();
  ASSERT_EQ(dictloader_add_catalog(catalogOf(copy, kAutoloadedNames).c_str()), 1);
  fs::remove(copy);
  testing::internal::CaptureStderr();
  EXPECT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);
  std::string said = testing::internal::GetCapturedStderr();
  const char* why = dictloader_autoload_error("autoloaded::Gizmo");
  ASSERT_NE(why, nullptr);
  EXPECT_THAT(std::string(why), HasSubstr("'autoloaded::Gizmo'"));
  EXPECT_THAT(std::string(why), HasSubstr(copy));
  EXPECT_THAT(std::string(why), HasSubstr("does not exist"));
  EXPECT_EQ(std::string(dictloader_last_error()), why);
  EXPECT_EQ(said, "") << "the client shows it, with the name";
  // Another name of the same library: the same reason, without trying again.
  EXPECT_EQ(cppyy_get_scope("Sprocket"), 0u);
  ASSERT_NE(dictloader_autoload_error("Sprocket"), nullptr);
  EXPECT_THAT(std::string(dictloader_autoload_error("Sprocket")), HasSubstr(copy));
  EXPECT_EQ(dictloader_autoload_error("autoloaded::NeverCatalogued"), nullptr);
}

TEST_F(Autoload, ChangedLibraryNamesTheNameAndTheLibrary) {
  std::string copy = copyOfDictionary();
  ASSERT_EQ(dictloader_add_catalog(catalogOf(copy, kAutoloadedNames).c_str()), 1);
  std::ofstream(copy, std::ios::app) << "appended after cataloguing";
  testing::internal::CaptureStderr();
  EXPECT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);
  testing::internal::GetCapturedStderr();
  const char* why = dictloader_autoload_error("::autoloaded::Gizmo");
  ASSERT_NE(why, nullptr);
  EXPECT_THAT(std::string(why), HasSubstr("'autoloaded::Gizmo'"));
  EXPECT_THAT(std::string(why), HasSubstr(copy));
  EXPECT_THAT(std::string(why), HasSubstr("changed since it was catalogued"));
  EXPECT_EQ(registrationsOf(copy), 0u) << "a changed library must not be loaded";
}

TEST_F(Autoload, UnknownNameIsFoundOnceTheCatalogChanges) {
  std::string catalog = catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, {{"Sprocket", "class"}});
  ASSERT_EQ(dictloader_add_catalog(catalog.c_str()), 1);
  EXPECT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);
  EXPECT_EQ(cppyy_get_scope("autoloaded::Gizmo"), 0u);
  catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames);  // the same file, rewritten
  // A remembered name: the files are checked for changes at most every 200 ms.
  std::this_thread::sleep_for(std::chrono::milliseconds(250));
  EXPECT_NE(cppyy_get_scope("autoloaded::Gizmo"), 0u);
}

TEST_F(Autoload, WhichAndListLoadNothing) {
  std::string catalog = catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames);
  ASSERT_EQ(dictloader_add_catalog(catalog.c_str()), 1);
  size_t before = dictloader_num_dictionaries();
  struct Seen {
    std::vector<std::string> rows;
  } seen;
  auto visit = [](void* context, const dictloader_provider* p) {
    static_cast<Seen*>(context)->rows.push_back(std::string(p->name) + "|" + p->kind + "|" + p->library +
                                                "|" + p->catalog);
    return 0;
  };
  ASSERT_EQ(dictloader_which("::autoloaded::Gizmo", visit, &seen), 1);
  EXPECT_EQ(seen.rows.front(),
            std::string("autoloaded::Gizmo|class|") + DICTLOADER_TEST_AUTOLOADED_DICT + "|" + catalog);
  EXPECT_EQ(dictloader_which("autoloaded::NoSuchThing", visit, &seen), 0);
  EXPECT_EQ(dictloader_which("", visit, &seen), -1);

  struct Listed {
    std::vector<std::string> libraries, states;
    size_t names = 0;
  } listed;
  auto library = [](void* context, const dictloader_catalog_library* l) {
    auto* out = static_cast<Listed*>(context);
    out->libraries.push_back(l->path);
    out->states.push_back(l->state);
    out->names += l->num_names;
    return 0;
  };
  ASSERT_EQ(dictloader_list_catalog(catalog.c_str(), DICTLOADER_VERIFY_FILES, library, &listed), 1);
  EXPECT_EQ(listed.libraries, std::vector<std::string>{DICTLOADER_TEST_AUTOLOADED_DICT});
  EXPECT_EQ(listed.states, std::vector<std::string>{"ok"});
  EXPECT_EQ(listed.names, kAutoloadedNames.size());
  EXPECT_EQ(dictloader_num_dictionaries(), before) << "which and list must not load libraries";

  std::string missing = (dir_ / "missing.catalog").string();
  EXPECT_EQ(dictloader_list_catalog(missing.c_str(), 0, library, &listed), -1);
  EXPECT_THAT(std::string(dictloader_last_error()), HasSubstr(missing));
}

TEST_F(Autoload, ThreadsMissTheSameNamesAtOnce) {
  ASSERT_EQ(dictloader_add_catalog(catalogOf(DICTLOADER_TEST_AUTOLOADED_DICT, kAutoloadedNames).c_str()), 1);
  const char* names[] = {"autoloaded::Gizmo", "Sprocket", "autoloaded::Level", "autoloaded"};
  std::atomic<int> found{0}, go{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      ++go;
      while (go < 8) std::this_thread::yield();
      for (int i = 0; i < 4; ++i) found += cppyy_get_scope(names[(t + i) % 4]) != 0;
      found += cppyy_get_scope("autoloaded::Unknown") == 0;
    });
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(found, 8 * 5);
  EXPECT_EQ(registrationsOf(DICTLOADER_TEST_AUTOLOADED_DICT), 1u);
}

}  // namespace
}  // namespace dictloader_test
