// catalog_test_support.h - a scratch directory per test, and raw SQLite
// access for setting up and inspecting catalog files beside the library.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace dictcatalog {
// gtest prints a Name as "ns::X (class)".
inline void PrintTo(const Name& name, std::ostream* out) { *out << name.name << " (" << name.kind << ")"; }
}  // namespace dictcatalog

namespace catalog_test {

class ScratchDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "dictcatalog-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    if (!HasFailure()) std::filesystem::remove_all(dir_, ec);  // kept for a look when a test fails
  }
  std::string file(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

inline std::string readText(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void writeText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

// A raw connection to a catalog file, for what the library does not offer.
class RawDatabase {
 public:
  explicit RawDatabase(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) ADD_FAILURE() << sqlite3_errmsg(db_);
    sqlite3_busy_timeout(db_, 10000);
  }
  ~RawDatabase() { sqlite3_close(db_); }
  RawDatabase(const RawDatabase&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      ADD_FAILURE() << "SQL failed: " << (message ? message : "?") << "\n  in: " << sql;
      sqlite3_free(message);
    }
  }
  // Each row's columns joined with '|'.
  std::vector<std::string> rows(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "SQL failed: " << sqlite3_errmsg(db_) << "\n  in: " << sql;
      return out;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        const unsigned char* text = sqlite3_column_text(stmt, i);
        row += (i ? "|" : "") + std::string(text ? reinterpret_cast<const char*>(text) : "NULL");
      }
      out.push_back(row);
    }
    sqlite3_finalize(stmt);
    return out;
  }
  std::string value(const std::string& sql) {
    std::vector<std::string> r = rows(sql);
    return r.empty() ? "" : r.front();
  }
  sqlite3* get() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

inline dictcatalog::Library library(const std::string& path, const std::string& hash = "") {
  dictcatalog::Library out;
  out.path = path;
  out.name = std::filesystem::path(path).stem().string();
  out.generator = "genreflex 0.1.0";
  out.abiMajor = 1;
  out.abiMinor = 2;
  out.contentHash = hash;
  return out;
}

inline std::vector<std::string> paths(const std::vector<dictcatalog::Provider>& providers) {
  std::vector<std::string> out;
  for (const dictcatalog::Provider& provider : providers) out.push_back(provider.library.path);
  return out;
}

}  // namespace catalog_test
