// registry.h - the type registry behind libdictloader's C API.
//
// Dictionaries are found however they were loaded (our own dictloader_load,
// ctypes.CDLL, or linked into the program) by scanning the process's loaded
// objects for the entry symbol when a lookup misses. Registering a dictionary
// only records its scope, enum and typedef names; per-scope tables (methods,
// data, bases) are validated and built on first use. Every name lookup goes
// through findScope(), the one place where a catalog can hook in.
//
// Thread safety: all access to scopes goes through lock(); a Method never
// changes once made, so calls through it need no lock.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dictloader/dictionary_abi.h"

namespace dictloader {

struct Scope;

struct Dictionary {
  const DlDictionary* abi = nullptr;
  std::string origin;  // path of the library, or where it came from
  const char* str(std::uint32_t offset) const { return abi->strings + offset; }
  const char* name() const { return str(abi->name); }
};

// One callable function. Its address is the cppyy_method_t handle.
struct Method {
  DlStubFn stub = nullptr;
  std::uint32_t numArgs = 0;
  std::uint32_t requiredArgs = 0;
  std::uint32_t resultKind = DL_RESULT_VOID;
  std::uint32_t kind = DL_FUNC_METHOD;
  std::uint32_t flags = 0;
  void* fastAddress = nullptr;  // null unless the fast path may be used
  const Dictionary* dict = nullptr;
  const DlFunction* fn = nullptr;
  const DlArgument* args = nullptr;
  Scope* scope = nullptr;

  const char* name() const { return dict->str(fn->name); }
  const char* argType(std::uint32_t i) const { return dict->str(args[i].type); }
};

struct DataMember {
  const char* name = "";
  const char* type = "";
  std::uint32_t flags = 0;
  std::uint32_t numDims = 0;
  const std::uint32_t* dims = nullptr;
  std::intptr_t offset = 0;  // object offset, or absolute address when static
};

struct BaseClass {
  const Dictionary* dict = nullptr;
  const DlBase* base = nullptr;
  Scope* scope = nullptr;  // resolved on first use; may stay null
  const char* name() const { return dict->str(base->base_name); }
};

enum class ScopeKind { Namespace, Class, Enum };

struct ScopePart {
  const Dictionary* dict;
  std::uint32_t index;  // into dict->abi->scopes (or enums, for enum scopes)
};

struct Scope {
  std::string name;
  std::string qualifiedName;
  ScopeKind kind = ScopeKind::Namespace;
  std::vector<ScopePart> parts;  // namespaces may be spread over dictionaries
  std::vector<std::string> childNames;

  // class properties (from the defining dictionary)
  std::uint32_t flags = 0;
  std::uint64_t size = 0;
  DlStubFn deleteObject = nullptr;

  // built on first use
  size_t builtParts = 0;
  std::vector<std::unique_ptr<Method>> methods;  // destructors excluded
  std::unordered_map<std::string, std::vector<size_t>> methodsByName;
  std::vector<DataMember> data;
  std::unordered_map<std::string, size_t> dataByName;
  std::vector<BaseClass> bases;

  bool isClass() const { return kind == ScopeKind::Class; }
};

class Registry {
 public:
  static Registry& instance();

  std::unique_lock<std::recursive_mutex> lock() { return std::unique_lock(mutex_); }

  // dlopen + register. False with error set on any failure.
  bool load(const std::string& path, std::string& error);
  // Validates the header and registers names. False with error set if refused.
  bool add(const DlDictionary* dictionary, std::string origin, std::string& error);

  // The one name lookup: scopes, enums, typedefs; rescans loaded objects and
  // asks the autoloader (catalog) on a miss. Null if unknown.
  Scope* findScope(std::string_view name);
  // Typedef target if name is a typedef, else name itself.
  std::string resolveTypedef(std::string_view name);

  // Builds (or extends) a scope's tables. Call with the lock held.
  Scope& built(Scope& scope);
  // Lookups within a scope that rescan for new dictionaries on a miss.
  const std::vector<size_t>* findMethods(Scope& scope, const std::string& name);
  long findData(Scope& scope, const std::string& name);
  Scope* baseScope(BaseClass& base);

  // Called with a name that findScope could not resolve; returns true if it
  // made new dictionaries available (the catalog's autoload hook).
  void setAutoloader(std::function<bool(std::string_view)> autoloader) {
    autoloader_ = std::move(autoloader);
  }

  size_t numDictionaries() const { return dictionaries_.size(); }
  const Dictionary* dictionary(size_t i) const {
    return i < dictionaries_.size() ? dictionaries_[i].get() : nullptr;
  }

  // Looks for dictionaries among the loaded objects; true if it found new ones.
  bool scanLoadedObjects();

 private:
  Registry();
  Scope& scopeNamed(const std::string& qualified, ScopeKind kind, std::string name);
  void buildPart(Scope& scope, const ScopePart& part);
  void addEnumValues(Scope& scope, const Dictionary& dict, const DlEnum& en);

  std::recursive_mutex mutex_;
  std::vector<std::unique_ptr<Dictionary>> dictionaries_;
  std::unordered_map<const DlDictionary*, const Dictionary*> byAddress_;
  std::unordered_map<std::string, std::unique_ptr<Scope>> scopes_;
  std::unordered_map<std::string, std::string> typedefs_;
  std::function<bool(std::string_view)> autoloader_;
  unsigned long long seenAdds_ = 0;  // dl_iterate_phdr's load counter at the last scan
  std::unordered_set<std::uintptr_t> seenObjects_;
  int fastPathPolicy_ = 0;  // 0: functions that cannot throw, 1: all, -1: none
};

// Validation (validate.cpp): the header, and a scope's own records, before use.
bool validateHeader(const DlDictionary* dictionary, std::string& error);
bool validateScopeRecords(const DlDictionary* dictionary, std::uint32_t scope, std::string& error);

// The loader's own dictionary: namespace std and std::string.
const DlDictionary* builtinDictionary();

// This thread's last error (dictloader_last_error).
void setLastError(std::string message);
const std::string& lastError();

}  // namespace dictloader
