// robustness_test.cpp - several processes writing one catalog at once, a
// writer killed mid-transaction, and files that are not usable catalogs
// (missing, garbage, corrupt, locked, too new, empty): each a CatalogError
// naming the file, never a crash, and nothing changed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>

#include "catalog_test_support.h"

namespace {

using catalog_test::library;
using catalog_test::RawDatabase;
using dictcatalog::Catalog;
using dictcatalog::CatalogError;
using dictcatalog::Name;

// A child process running `body`; exits 0 if it returns, 1 (message on
// stderr) if it throws. Never returns in the child.
pid_t spawn(const std::function<void()>& body) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  int status = 0;
  try {
    body();
  } catch (const std::exception& e) {
    fprintf(stderr, "child %d: %s\n", getpid(), e.what());
    status = 1;
  }
  _exit(status);
}

int waitFor(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A pipe a child writes one byte to when it has reached some point.
struct Signal {
  int fds[2];
  Signal() { EXPECT_EQ(pipe(fds), 0); }
  ~Signal() {
    close(fds[0]);
    close(fds[1]);
  }
  void raise() { EXPECT_EQ(write(fds[1], "x", 1), 1); }
  bool wait() {
    char c;
    return read(fds[0], &c, 1) == 1;
  }
};

std::vector<Name> generation(const std::string& prefix, int count) {
  std::vector<Name> names;
  for (int i = 0; i < count; ++i) names.push_back({prefix + "::C" + std::to_string(i), "class"});
  std::sort(names.begin(), names.end(), [](const Name& a, const Name& b) { return a.name < b.name; });
  return names;
}

std::string errorOf(const std::function<void()>& action) {
  try {
    action();
  } catch (const CatalogError& e) {
    return e.what();
  }
  return "(no CatalogError)";
}

class RobustnessTest : public catalog_test::ScratchDirectory {};

// 8 processes create one catalog at the same moment, then each replaces its
// own libraries 10 times over: every library and name is there at the end.
TEST_F(RobustnessTest, EightWritersAtOnceLoseNothing) {
  constexpr int kWriters = 8, kRounds = 10, kNames = 300;
  std::string path = file("shared.sqlite");
  Signal go;
  std::vector<pid_t> children;
  for (int writer = 0; writer < kWriters; ++writer)
    children.push_back(spawn([&, writer] {
      close(go.fds[1]);
      char c;
      if (read(go.fds[0], &c, 1) != 0) throw std::runtime_error("bad start signal");
      // What is tested is that nothing is lost, not the default busy timeout
      // (10 s), which eight writers under a sanitizer on two loaded cores can
      // exceed while they queue (ALockedCatalogIsAnErrorAfterTheBusyTimeout
      // tests the timeout).
      Catalog catalog = Catalog::openForWriting(path, std::chrono::minutes(5));
      std::string w = "w" + std::to_string(writer);
      for (int round = 0; round < kRounds; ++round) {
        catalog.replaceLibrary(library("/" + w + "/lib" + std::to_string(round) + ".so"),
                               generation(w + "::r" + std::to_string(round), kNames));
        std::vector<Name> main = generation(w + "::main" + std::to_string(round), kNames);
        main.push_back({"shared", "namespace"});
        catalog.replaceLibrary(library("/" + w + "/libMain.so"), main);
      }
    }));
  close(go.fds[1]);  // all start now
  go.fds[1] = -1;
  for (pid_t child : children) EXPECT_EQ(waitFor(child), 0);

  Catalog catalog = Catalog::openForReading(path);
  EXPECT_EQ(catalog.libraries().size(), static_cast<std::size_t>(kWriters * (kRounds + 1)));
  for (int writer = 0; writer < kWriters; ++writer) {
    std::string w = "w" + std::to_string(writer);
    for (int round = 0; round < kRounds; ++round)
      EXPECT_EQ(catalog.names("/" + w + "/lib" + std::to_string(round) + ".so"),
                generation(w + "::r" + std::to_string(round), kNames));
    std::vector<Name> main = catalog.names("/" + w + "/libMain.so");
    EXPECT_EQ(main.size(), static_cast<std::size_t>(kNames + 1));
    EXPECT_EQ(catalog.providers(w + "::main" + std::to_string(kRounds - 1) + "::C7").size(), 1u)
        << "the last round's names";
    EXPECT_TRUE(catalog.providers(w + "::main0::C7").empty()) << "earlier rounds replaced";
  }
  EXPECT_EQ(catalog.providers("shared").size(), static_cast<std::size_t>(kWriters));
  RawDatabase db(path);
  EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
}

// A writer replacing one library over and over is killed at random moments:
// the library then holds exactly one complete generation of its names.
TEST_F(RobustnessTest, AWriterKilledMidReplaceLeavesOneWholeGeneration) {
  std::string path = file("killed.sqlite");
  const std::vector<Name> first = generation("first", 4000), second = generation("second", 4000);
  std::mt19937 random(12345);
  for (int attempt = 0; attempt < 4; ++attempt) {
    SCOPED_TRACE("attempt " + std::to_string(attempt));
    Signal started;
    pid_t child = spawn([&] {
      Catalog catalog = Catalog::openForWriting(path);
      for (long round = 0;; ++round) {
        catalog.replaceLibrary(library("/lib/libX.so"), round % 2 ? second : first);
        if (round == 0) started.raise();
      }
    });
    ASSERT_TRUE(started.wait());
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(5, 120)(random)));
    kill(child, SIGKILL);
    EXPECT_EQ(waitFor(child), 128 + SIGKILL);

    Catalog reader = Catalog::openForReading(path);
    std::vector<Name> names = reader.names("/lib/libX.so");
    EXPECT_TRUE(names == first || names == second) << names.size() << " names, a mix or a part";
    RawDatabase db(path);
    EXPECT_EQ(db.value("PRAGMA integrity_check"), "ok");
  }
  // The dead writer holds no lock: a writer proceeds at once.
  Catalog writer = Catalog::openForWriting(path, std::chrono::milliseconds(500));
  writer.replaceLibrary(library("/lib/libY.so"), {{"Y", "class"}});
  EXPECT_EQ(writer.providers("Y").size(), 1u);
}

// A child takes the write lock, deletes and inserts, and is killed before
// committing: none of it is in the catalog.
TEST_F(RobustnessTest, AWriterKilledInsideATransactionChangesNothing) {
  std::string path = file("killed.sqlite");
  Catalog::openForWriting(path).replaceLibrary(library("/lib/libX.so"),
                                               {{"X", "class"}, {"ns", "namespace"}});
  Signal inside;
  pid_t child = spawn([&] {
    RawDatabase db(path);
    db.exec(
        "BEGIN IMMEDIATE; DELETE FROM names; DELETE FROM libraries;"
        "INSERT INTO libraries (path, name, generator, abi_major, abi_minor) VALUES ('/half.so', 'h', 'g', "
        "1, 0);");
    inside.raise();
    pause();
  });
  ASSERT_TRUE(inside.wait());
  kill(child, SIGKILL);
  EXPECT_EQ(waitFor(child), 128 + SIGKILL);
  Catalog reader = Catalog::openForReading(path);
  EXPECT_EQ(reader.names("/lib/libX.so"), (std::vector<Name>{{"X", "class"}, {"ns", "namespace"}}));
  EXPECT_EQ(reader.libraries().size(), 1u);
  Catalog writer = Catalog::openForWriting(path, std::chrono::milliseconds(500));
  writer.replaceLibrary(library("/lib/libX.so"), {{"X2", "class"}});
  EXPECT_EQ(writer.names("/lib/libX.so"), (std::vector<Name>{{"X2", "class"}}));
}

TEST_F(RobustnessTest, AMissingFileIsAnErrorForReadingAndIsNotCreated) {
  std::string path = file("absent.sqlite");
  std::string error = errorOf([&] { Catalog::openForReading(path); });
  EXPECT_NE(error.find("catalog " + path + ": does not exist"), std::string::npos) << error;
  EXPECT_FALSE(std::filesystem::exists(path));
  error = errorOf([&] { Catalog::openForWriting(file("no/such/dir/c.sqlite")); });
  EXPECT_NE(error.find("does not exist: create it first"), std::string::npos) << error;
}

TEST_F(RobustnessTest, GarbageIsAnErrorAndIsLeftAlone) {
  std::string path = file("garbage.sqlite");
  std::string garbage;
  std::mt19937 random(7);
  for (int i = 0; i < 8192; ++i) garbage += static_cast<char>(random());
  catalog_test::writeText(path, garbage);
  for (bool writing : {false, true}) {
    std::string error =
        errorOf([&] { writing ? Catalog::openForWriting(path) : Catalog::openForReading(path); });
    EXPECT_NE(error.find("catalog " + path + ": is not an SQLite database"), std::string::npos) << error;
  }
  EXPECT_EQ(catalog_test::readText(path), garbage);
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

// A real catalog whose pages past the first are overwritten: the header
// still reads, so the damage shows at the first look-up, as an error.
TEST_F(RobustnessTest, ACorruptCatalogIsAnErrorAtItsFirstLookUp) {
  std::string path = file("corrupt.sqlite");
  {
    Catalog writer = Catalog::openForWriting(path);
    writer.replaceLibrary(library("/lib/libX.so"), generation("x", 3000));
  }
  {
    RawDatabase db(path);
    db.exec("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE");  // everything in the main file
  }
  std::string bytes = catalog_test::readText(path);
  ASSERT_GT(bytes.size(), 20000u);
  for (std::size_t i = 4096; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 131 % 251);
  catalog_test::writeText(path, bytes);
  std::string error = errorOf([&] {
    Catalog reader = Catalog::openForReading(path);
    reader.providers("x::C17");
    reader.libraries();
  });
  EXPECT_NE(error.find("catalog " + path + ": "), std::string::npos) << error;
  EXPECT_TRUE(error.find("is corrupt") != std::string::npos ||
              error.find("not an SQLite") != std::string::npos)
      << error;
}

TEST_F(RobustnessTest, ALockedCatalogIsAnErrorAfterTheBusyTimeout) {
  std::string path = file("locked.sqlite");
  Catalog::openForWriting(path).replaceLibrary(library("/lib/libX.so"), {{"X", "class"}});
  Signal locked;
  pid_t child = spawn([&] {
    RawDatabase db(path);
    db.exec("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; DELETE FROM names;");
    locked.raise();
    pause();
  });
  ASSERT_TRUE(locked.wait());
  auto timeout = std::chrono::milliseconds(200);
  for (bool writing : {false, true}) {
    auto start = std::chrono::steady_clock::now();
    std::string error = errorOf([&] {
      Catalog catalog =
          writing ? Catalog::openForWriting(path, timeout) : Catalog::openForReading(path, timeout);
      catalog.providers("X");
    });
    EXPECT_NE(error.find("catalog " + path + ": is locked by another process (waited 0.2 s)"),
              std::string::npos)
        << error;
    EXPECT_GE(std::chrono::steady_clock::now() - start, timeout) << "it waited for the lock first";
  }
  kill(child, SIGKILL);
  waitFor(child);
  EXPECT_EQ(Catalog::openForReading(path).providers("X").size(), 1u)
      << "the lock holder's change never committed";
}

TEST_F(RobustnessTest, ANewerSchemaIsAnErrorAndIsLeftAlone) {
  std::string path = file("future.sqlite");
  Catalog::openForWriting(path).replaceLibrary(library("/lib/libX.so"), {{"X", "class"}});
  {
    RawDatabase db(path);
    db.exec("PRAGMA user_version = 99");
  }
  for (bool writing : {false, true}) {
    std::string error =
        errorOf([&] { writing ? Catalog::openForWriting(path) : Catalog::openForReading(path); });
    EXPECT_NE(error.find("catalog " + path + ": has schema version 99, newer than this build's 2"),
              std::string::npos)
        << error;
  }
  RawDatabase db(path);
  EXPECT_EQ(db.value("PRAGMA user_version"), "99");
}

TEST_F(RobustnessTest, AnEmptyFileIsNoCatalogToReadButOneToWrite) {
  std::string path = file("empty.sqlite");
  catalog_test::writeText(path, "");
  std::string error = errorOf([&] { Catalog::openForReading(path); });
  EXPECT_NE(error.find("catalog " + path + ": is empty"), std::string::npos) << error;
  Catalog::openForWriting(path).replaceLibrary(library("/lib/libX.so"), {{"X", "class"}});
  EXPECT_EQ(Catalog::openForReading(path).providers("X").size(), 1u);
}

}  // namespace
