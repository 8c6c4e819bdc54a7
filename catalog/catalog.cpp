// catalog.cpp - opening a catalog (creating, migrating, checking it), its
// indexed queries and its one-transaction writes.
#include "catalog/catalog.h"

#include <algorithm>
#include <filesystem>
#include <initializer_list>
#include <mutex>
#include <set>
#include <thread>

#include "catalog_queries.h"
#include "catalog_schema.h"  // generated from schema/*.sql
#include "sqlite_statement.h"

namespace dictcatalog {

bool operator==(const Name& a, const Name& b) { return a.name == b.name && a.kind == b.kind; }

CatalogError::CatalogError(std::string file, const std::string& message)
    : std::runtime_error("catalog " + file + ": " + message), file_(std::move(file)) {}

namespace {

constexpr std::string_view kKinds[] = {"namespace",        "class", "enum", "typedef", "function", "variable",
                                       "template_instance"};

std::string seconds(std::chrono::milliseconds timeout) {
  std::string text = std::to_string(timeout.count() / 1000.0);
  text.erase(text.find_last_not_of('0') + 1);
  if (text.back() == '.') text.pop_back();
  return text + " s";
}

// What an SQLite failure means for the user of a catalog, and what to do.
std::string explain(int code, const std::string& sqliteMessage, std::chrono::milliseconds timeout) {
  switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "is locked by another process (waited " + seconds(timeout) +
             "): try again when that process has finished";
    case SQLITE_NOTADB:
      return "is not an SQLite database (" + sqliteMessage + "): remove it, or name another catalog file";
    case SQLITE_CORRUPT:
      return "is corrupt (" + sqliteMessage +
             "): remove it and record the dictionaries again (genreflex --catalog)";
    case SQLITE_CANTOPEN:
      return "cannot be opened (" + sqliteMessage + "): check the path and its permissions";
    case SQLITE_READONLY:
      return "cannot be written (" + sqliteMessage + "): check the permissions of the file and its directory";
    default:
      return "SQLite error: " + sqliteMessage;
  }
}

// SQLite does not call its busy handler where waiting could deadlock (a
// connection with a read lock that needs the write lock, a switch to WAL, a
// WAL being recovered): that BUSY comes at once. Whatever can meet it is
// retried whole until the busy timeout has passed.
class Busy : public CatalogError {
 public:
  using CatalogError::CatalogError;
};

bool isBusy(int code) { return (code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED; }

}  // namespace

struct Catalog::Impl {
  std::string path;
  sqlite3* db = nullptr;
  bool writable = false;
  std::chrono::milliseconds timeout{};
  std::mutex mutex;  // one statement use at a time on the one connection
  Statement providers, instanceProviders, libraries, names;
  Statement deleteNames, deleteLibrary, insertLibrary, insertName;

  ~Impl() {
    // Statements are finalised after this body; close_v2 waits for them.
    sqlite3_close_v2(db);
  }

  [[noreturn]] void fail(int code) const {
    if (isBusy(code)) throw Busy(path, explain(code, sqlite3_errmsg(db), timeout));
    throw CatalogError(path, explain(code, sqlite3_errmsg(db), timeout));
  }
  [[noreturn]] void fail(const std::string& message) const { throw CatalogError(path, message); }
  void check(int code) const {
    if (code != SQLITE_OK && code != SQLITE_DONE && code != SQLITE_ROW) fail(code);
  }

  void exec(std::string_view sql) const {
    char* message = nullptr;
    int code = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (code == SQLITE_OK) return;
    std::string text = message ? message : sqlite3_errstr(code);
    sqlite3_free(message);
    if (isBusy(code)) throw Busy(path, explain(code, text, timeout));
    throw CatalogError(path, explain(sqlite3_extended_errcode(db), text, timeout));
  }

  Statement prepare(std::string_view sql) const {
    sqlite3_stmt* stmt = nullptr;
    check(sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                             nullptr));
    return Statement(stmt);
  }

  // Runs action, again while it meets a lock SQLite would not wait for, until
  // the busy timeout has passed.
  template <typename Action>
  auto whileBusy(Action&& action) const {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    for (int attempt = 0;; ++attempt) {
      try {
        return action();
      } catch (const Busy&) {
        if (std::chrono::steady_clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(1 + attempt % 8));
      }
    }
  }

  // Steps once; true if a row is there.
  bool step(sqlite3_stmt* stmt) const {
    int code = sqlite3_step(stmt);
    if (code == SQLITE_ROW) return true;
    if (code == SQLITE_DONE) return false;
    fail(sqlite3_extended_errcode(db));
  }

  int userVersion() const {
    Statement statement = prepare("PRAGMA user_version");
    StatementUse use(statement);
    return step(use.get()) ? sqlite3_column_int(use.get(), 0) : 0;
  }

  // The version and whether the file holds any schema, read in one statement
  // (one snapshot): a writer creating the catalog meanwhile commits both.
  struct SchemaState {
    int version = 0;
    bool hasTables = false;
  };
  SchemaState schemaState() const {
    Statement statement = prepare(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)");
    StatementUse use(statement);
    if (!step(use.get())) return {};
    return {sqlite3_column_int(use.get(), 0), sqlite3_column_int(use.get(), 1) != 0};
  }

  void open(int flags) {
    int code = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (code != SQLITE_OK) {
      std::string message = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
      throw CatalogError(path, explain(code, message, timeout));
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, static_cast<int>(timeout.count()));
  }

  void checkVersion(SchemaState state, bool forWriting) const {
    int version = state.version;
    if (version > kSchemaVersion)
      fail("has schema version " + std::to_string(version) + ", newer than this build's " +
           std::to_string(kSchemaVersion) + ": use the dictloader that wrote it, or a newer one");
    if (version == 0 && state.hasTables)
      fail(
          "is an SQLite database but not a dictionary catalog (user_version 0 and tables of its own): "
          "name another file");
    if (forWriting) return;
    if (version == 0)
      fail("is empty, not yet a catalog: record a dictionary in it first (genreflex --catalog=" + path + ")");
    if (version < kSchemaVersion)
      fail("has schema version " + std::to_string(version) + ", older than this build's " +
           std::to_string(kSchemaVersion) +
           ": open it once for writing to migrate it (genreflex --catalog=" + path + " ...)");
  }

  void prepareQueries() {
    providers = prepare(queries::kProviders);
    instanceProviders = prepare(queries::kInstanceProviders);
    libraries = prepare(queries::kLibraries);
    names = prepare(queries::kNames);
  }

  void prepareWrites() {
    deleteNames = prepare(queries::kDeleteNames);
    deleteLibrary = prepare(queries::kDeleteLibrary);
    insertLibrary = prepare(queries::kInsertLibrary);
    insertName = prepare(queries::kInsertName);
  }

  // BEGIN IMMEDIATE: the write lock is taken (waiting up to the busy
  // timeout) before anything is read, so a writer never has to give up on a
  // snapshot another writer made stale. Rolls back unless committed.
  class Transaction {
   public:
    explicit Transaction(const Impl& impl) : impl_(impl) { impl_.exec("BEGIN IMMEDIATE"); }
    ~Transaction() {
      if (!committed_) sqlite3_exec(impl_.db, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    void commit() {
      impl_.exec("COMMIT");
      committed_ = true;
    }

   private:
    const Impl& impl_;
    bool committed_ = false;
  };

  // Brings the schema to kSchemaVersion: a new file gets catalog-v2.sql, an
  // older one each migration in order, all in one transaction.
  void upgrade() {
    Transaction transaction(*this);
    SchemaState state = schemaState();  // again, now that no other writer can change it under us
    checkVersion(state, true);
    int version = state.version;
    if (version == kSchemaVersion) return;
    if (version == 0) {
      exec(schema::kCurrent);
    } else {
      for (int from = version; from < kSchemaVersion; ++from) {
        exec(schema::kMigrations[from - 1]);
        if (userVersion() != from + 1)
          fail("migration from schema version " + std::to_string(from) + " did not reach version " +
               std::to_string(from + 1) + " (a defect of this build's schema files)");
      }
    }
    transaction.commit();
  }

  void replaceRows(const Library& library, const std::vector<Name>& libraryNames) {
    for (const Statement* statement : {&deleteNames, &deleteLibrary}) {
      StatementUse use(*statement);
      check(bindText(use.get(), 1, library.path));
      step(use.get());
    }
    {
      StatementUse use(insertLibrary);
      sqlite3_stmt* stmt = use.get();
      check(bindText(stmt, 1, library.path));
      check(bindText(stmt, 2, library.name));
      check(bindText(stmt, 3, library.generator));
      check(sqlite3_bind_int(stmt, 4, library.abiMajor));
      check(sqlite3_bind_int(stmt, 5, library.abiMinor));
      check(bindText(stmt, 6, library.contentHash));
      check(bindText(stmt, 7, library.generated));
      check(bindText(stmt, 8, library.origin));
      step(stmt);
    }
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    for (const Name& name : libraryNames) {
      StatementUse use(insertName);
      check(bindText(use.get(), 1, name.name));
      check(bindText(use.get(), 2, name.kind));
      check(sqlite3_bind_int64(use.get(), 3, id));
      step(use.get());
    }
  }

  void checkWritable() const {
    if (!writable) fail("was opened for reading: open it with Catalog::openForWriting to change it");
  }

  void checkRows(const Library& library, const std::vector<Name>& libraryNames) const {
    if (library.path.empty()) fail("a library needs a path");
    if (library.origin != "genreflex" && library.origin != "rootmap")
      fail("library " + library.path + ": origin '" + library.origin + "' is neither genreflex nor rootmap");
    for (const Name& name : libraryNames) {
      if (name.name.empty()) fail("library " + library.path + ": an empty name");
      if (std::find(std::begin(kKinds), std::end(kKinds), name.kind) == std::end(kKinds))
        fail("library " + library.path + ": name '" + name.name + "' has kind '" + name.kind +
             "' (one of namespace, class, enum, typedef, function, variable, template_instance)");
    }
  }
};

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::Catalog(Catalog&&) noexcept = default;
Catalog& Catalog::operator=(Catalog&&) noexcept = default;
Catalog::~Catalog() = default;

const std::string& Catalog::path() const { return impl_->path; }

long Catalog::pagesRead() const {
  std::lock_guard lock(impl_->mutex);
  int current = 0, highwater = 0;
  sqlite3_db_status(impl_->db, SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 0);
  return current;
}

Catalog Catalog::openForReading(const std::string& path, std::chrono::milliseconds busyTimeout) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->timeout = busyTimeout;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    throw CatalogError(path,
                       "does not exist: check the path, or record a dictionary in it first "
                       "(genreflex --catalog=" +
                           path + ")");
  if (std::filesystem::is_directory(path, ec)) throw CatalogError(path, "is a directory, not a catalog file");
  impl->open(SQLITE_OPEN_READONLY);
  // Reads the header and the schema only: nothing proportional to the rows.
  impl->whileBusy([&] {
    impl->checkVersion(impl->schemaState(), false);
    impl->prepareQueries();
  });
  return Catalog(std::move(impl));
}

Catalog Catalog::openForWriting(const std::string& path, std::chrono::milliseconds busyTimeout) {
  auto impl = std::make_unique<Impl>();
  impl->path = path;
  impl->timeout = busyTimeout;
  impl->writable = true;
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw CatalogError(path, "is a directory, not a catalog file");
  std::filesystem::path parent = std::filesystem::absolute(path, ec).parent_path();
  if (!std::filesystem::is_directory(parent, ec))
    throw CatalogError(path, "its directory " + parent.string() + " does not exist: create it first");
  impl->open(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  impl->whileBusy([&] {
    impl->exec("PRAGMA foreign_keys = ON");
    // WAL with synchronous=NORMAL: a killed process loses nothing committed;
    // only a power cut may lose the last commits, never consistency.
    impl->exec("PRAGMA synchronous = NORMAL");
    // Garbage and newer schemas are refused before anything is changed.
    impl->checkVersion(impl->schemaState(), true);
    Statement wal = impl->prepare("PRAGMA journal_mode = WAL");
    StatementUse use(wal);
    if (!impl->step(use.get()) || columnText(use.get(), 0) != "wal")
      impl->fail("cannot be switched to WAL mode (is it on a network file system?)");
  });
  impl->whileBusy([&] { impl->upgrade(); });
  impl->whileBusy([&] {
    impl->prepareQueries();
    impl->prepareWrites();
  });
  return Catalog(std::move(impl));
}

namespace {

// A library's columns, from `first` on, in the order of queries::kLibraries.
Library libraryAt(sqlite3_stmt* stmt, int first) {
  Library library;
  library.path = columnText(stmt, first);
  library.name = columnText(stmt, first + 1);
  library.generator = columnText(stmt, first + 2);
  library.abiMajor = sqlite3_column_int(stmt, first + 3);
  library.abiMinor = sqlite3_column_int(stmt, first + 4);
  library.contentHash = columnText(stmt, first + 5);
  library.generated = columnText(stmt, first + 6);
  library.origin = columnText(stmt, first + 7);
  return library;
}

}  // namespace

namespace {

// The rows of a provider query (kProviders, kInstanceProviders), its ?1, ?2...
// bound to texts. (Impl: Catalog's own, deduced.)
template <class Impl>
std::vector<Provider> providerRows(Impl& impl, Statement& query,
                                   std::initializer_list<std::string_view> texts) {
  std::lock_guard lock(impl.mutex);
  return impl.whileBusy([&] {
    StatementUse use(query);
    sqlite3_stmt* stmt = use.get();
    int index = 0;
    for (std::string_view text : texts) impl.check(bindText(stmt, ++index, text));
    std::vector<Provider> out;
    while (impl.step(stmt)) out.push_back({{columnText(stmt, 0), columnText(stmt, 1)}, libraryAt(stmt, 2)});
    return out;
  });
}

}  // namespace

std::vector<Provider> Catalog::providers(std::string_view name) const {
  return providerRows(*impl_, impl_->providers, {name});
}

std::vector<Provider> Catalog::instanceProviders(std::string_view templateName) const {
  std::string first = std::string(templateName) + "<",
              end = std::string(templateName) + "=";  // '=' follows '<'
  return providerRows(*impl_, impl_->instanceProviders, {first, end});
}

std::vector<Library> Catalog::libraries() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->whileBusy([&] {
    StatementUse use(impl_->libraries);
    std::vector<Library> out;
    while (impl_->step(use.get())) out.push_back(libraryAt(use.get(), 0));
    return out;
  });
}

std::vector<Name> Catalog::names(const std::string& libraryPath) const {
  std::lock_guard lock(impl_->mutex);
  return impl_->whileBusy([&] {
    StatementUse use(impl_->names);
    sqlite3_stmt* stmt = use.get();
    impl_->check(bindText(stmt, 1, libraryPath));
    std::vector<Name> out;
    while (impl_->step(stmt)) out.push_back({columnText(stmt, 0), columnText(stmt, 1)});
    return out;
  });
}

void Catalog::replaceLibrary(const Library& library, const std::vector<Name>& names) {
  std::lock_guard lock(impl_->mutex);
  impl_->checkWritable();
  impl_->checkRows(library, names);
  impl_->whileBusy([&] {
    Impl::Transaction transaction(*impl_);
    impl_->replaceRows(library, names);
    transaction.commit();
  });
}

bool Catalog::removeLibrary(const std::string& libraryPath) {
  std::lock_guard lock(impl_->mutex);
  impl_->checkWritable();
  return impl_->whileBusy([&] {
    Impl::Transaction transaction(*impl_);
    for (const Statement* statement : {&impl_->deleteNames, &impl_->deleteLibrary}) {
      StatementUse use(*statement);
      impl_->check(bindText(use.get(), 1, libraryPath));
      impl_->step(use.get());
    }
    bool removed = sqlite3_changes(impl_->db) > 0;
    transaction.commit();
    return removed;
  });
}

std::vector<Library> Catalog::importRootmap(const std::string& rootmapPath) {
  std::vector<RootmapSection> sections = readRootmap(rootmapPath);
  std::error_code ec;
  std::filesystem::path rootmap = std::filesystem::absolute(rootmapPath, ec);
  // One library may have several sections (ROOT 5 has one line per class).
  std::vector<std::pair<Library, std::vector<Name>>> rows;
  for (RootmapSection& section : sections) {
    std::filesystem::path written(section.library);
    std::filesystem::path beside = rootmap.parent_path() / written;
    std::string path = written.is_absolute()                 ? written.lexically_normal().string()
                       : std::filesystem::exists(beside, ec) ? beside.lexically_normal().string()
                                                             : section.library;
    auto existing =
        std::find_if(rows.begin(), rows.end(), [&](const auto& row) { return row.first.path == path; });
    if (existing == rows.end()) {
      Library library;
      library.path = path;
      std::string stem = written.stem().string();
      library.name = stem.rfind("lib", 0) == 0 ? stem.substr(3) : stem;
      library.generator = "rootmap " + rootmap.lexically_normal().string();
      library.origin = "rootmap";
      rows.push_back({std::move(library), {}});
      existing = std::prev(rows.end());
    }
    existing->second.insert(existing->second.end(), section.names.begin(), section.names.end());
  }
  std::lock_guard lock(impl_->mutex);
  impl_->checkWritable();
  for (const auto& [library, libraryNames] : rows) impl_->checkRows(library, libraryNames);
  impl_->whileBusy([&] {
    Impl::Transaction transaction(*impl_);
    for (const auto& [library, libraryNames] : rows) impl_->replaceRows(library, libraryNames);
    transaction.commit();
  });
  std::vector<Library> written;
  for (auto& row : rows) written.push_back(std::move(row.first));
  return written;
}

}  // namespace dictcatalog
