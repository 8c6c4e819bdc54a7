// registry.cpp - finds, validates and indexes dictionaries.
#include "registry.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "catalog_autoloader.h"
#include "fastpath_guard.h"
#include "loaded_objects.h"
#include "type_names.h"

namespace dictloader {
namespace {

thread_local std::string tlsLastError;

std::string_view normalized(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.substr(0, 2) == "::") name.remove_prefix(2);
  return name;
}

// "f<std::vector<int>>" -> "f": a name without its trailing template argument list.
std::string_view withoutTemplateArguments(std::string_view name) {
  if (name.empty() || name.back() != '>') return name;
  int depth = 0;
  for (size_t i = name.size(); i-- > 0;) {
    if (name[i] == '>') ++depth;
    if (name[i] == '<' && --depth == 0) return name.substr(0, i);
  }
  return name;
}

// PyPy 7.3.11's _cppyy strips "const" out of a type name before looking up
// its class (helper.clean_type), also from inside identifiers: the result
// type std::_Rb_tree_const_iterator<int> (std::set<int>::begin()) becomes
// std::_Rb_tree__iterator<int>, and it would find no class. That spelling is
// registered as an alias of the class's name. Only the part before the
// template arguments is stripped, as PyPy does.
std::string constStrippedSpelling(const std::string& qualified) {
  size_t arguments = qualified.back() == '>' ? qualified.find('<') : std::string::npos;
  std::string head = qualified.substr(0, arguments);
  for (size_t at = head.find("const"); at != std::string::npos; at = head.find("const", at))
    head.erase(at, 5);
  return arguments == std::string::npos ? head : head + qualified.substr(arguments);
}

int fastPathPolicyFromEnvironment() {
  const char* policy = std::getenv("DICTLOADER_FASTPATH");
  if (policy == nullptr) return 0;
  if (std::strcmp(policy, "all") == 0) return 1;
  if (std::strcmp(policy, "none") == 0) return -1;
  return 0;
}

}  // namespace

void setLastError(std::string message) { tlsLastError = std::move(message); }
const std::string& lastError() { return tlsLastError; }

Registry& Registry::instance() {
  static Registry* registry = new Registry();  // never destroyed: handles outlive exit handlers
  return *registry;
}

Registry::Registry() : fastPathPolicy_(fastPathPolicyFromEnvironment()) {
  scopeNamed("", ScopeKind::Namespace, "");  // the global namespace, "" to clients
  std::string error;
  if (!addLocked(builtinDictionary(), "<dictloader>", nullptr, error))
    std::fprintf(stderr, "dictloader: internal error: built-in dictionary refused: %s\n", error.c_str());
  if (!addLocked(&dlstd_exceptions_dictionary, "<dictloader: standard exceptions>", nullptr, error))
    std::fprintf(stderr, "dictloader: internal error: standard exceptions' dictionary refused: %s\n",
                 error.c_str());
  // The catalogs are opened by the first name no dictionary has, not here.
  autoloader_ = [](std::string_view name) { return CatalogAutoloader::instance().autoload(name); };
  templateAutoloader_ = [](std::string_view name) {
    return CatalogAutoloader::instance().autoloadTemplate(name);
  };
}

Scope& Registry::scopeNamed(const std::string& qualified, ScopeKind kind, std::string name) {
  auto it = scopes_.find(qualified);
  if (it != scopes_.end()) return *it->second;
  auto scope = std::make_unique<Scope>();
  scope->name = std::move(name);
  scope->qualifiedName = qualified;
  scope->kind = kind;
  Scope& ref = *scope;
  scopes_.emplace(qualified, std::move(scope));
  if (std::string of = templateOf(qualified); !of.empty()) templates_.insert(std::move(of));
  return ref;
}

std::string Registry::canonicalLocked(const std::string& name) const {
  return canonicalTypeName(name, [this](const std::string& typedefName) {
    auto td = typedefs_.find(typedefName);
    return td == typedefs_.end() ? std::string() : td->second;
  });
}

bool Registry::load(const std::string& path, std::string& error) {
  // A bare file name means the file in the current directory if there is one
  // (as users expect); otherwise dlopen searches the library path.
  std::string target = path;
  if (path.find('/') == std::string::npos && access(path.c_str(), F_OK) == 0) target = "./" + path;
  std::string truncation;
  if (isTruncatedElf(target, truncation)) {
    error = "cannot load '" + path + "': " + truncation;
    return false;
  }
  void* handle = dlopen(target.c_str(), RTLD_NOW | RTLD_GLOBAL);
  if (handle == nullptr) {
    const char* why = dlerror();
    error = "cannot load '" + path + "': " + (why ? why : "unknown dlopen error");
    if (const char* undefined = why ? std::strstr(why, "undefined symbol: ") : nullptr) {
      std::string symbol(undefined + std::strlen("undefined symbol: "));
      symbol = symbol.substr(0, symbol.find_first_of(", \t"));
      int status = 0;
      char* readable = abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status);
      if (status == 0 && readable) error += std::string(" = ") + readable;
      std::free(readable);
      error +=
          " (the headers declare it but no loaded library defines it: build the dictionary "
          "with genreflex -l LIB -L DIR, or load that library first with RTLD_GLOBAL)";
    }
    return false;
  }
  void* symbol = dlsym(handle, DLDICT_ENTRY_SYMBOL);
  if (symbol == nullptr) {
    error = "'" + path +
            "' is not a dictionary: it has no " DLDICT_ENTRY_SYMBOL
            " symbol (make one with genreflex, or regenerate it if it is from an older genreflex)";
    dlclose(handle);
    return false;
  }
  bool added;
  {
    std::lock_guard guard(mutex_);
    // The handle stays open: registered tables point into the library.
    added = addLocked(static_cast<const DlDictionary*>(symbol), path, handle, error);
  }
  if (added) return true;
  // A refused library left mapped would be what dlopen returns even after the
  // file is regenerated, and every later scan would refuse it again.
  dlclose(handle);
  return false;
}

bool Registry::add(const DlDictionary* abi, std::string origin, std::string& error) {
  // A reference on the library that holds the tables, taken before they are
  // registered (and outside the lock: dladdr and dlopen take the linker's).
  void* library = referenceObjectContaining(abi);
  bool added;
  {
    std::lock_guard guard(mutex_);
    added = addLocked(abi, std::move(origin), library, error);
    if (added && library != nullptr) {
      auto it = byAddress_.find(abi);
      if (it->second->library == library) library = nullptr;  // kept by the registry
    }
  }
  if (library != nullptr) dlclose(library);  // refused, or already referenced
  return added;
}

bool Registry::addLocked(const DlDictionary* abi, std::string origin, void* library, std::string& error) {
  if (byAddress_.count(abi)) return true;
  if (!validateHeader(abi, error)) {
    error = "refused dictionary '" + origin + "': " + error;
    return false;
  }
  auto dict = std::make_unique<Dictionary>();
  dict->abi = abi;
  dict->origin = std::move(origin);
  dict->library = library;
  const Dictionary& d = *dict;
  byAddress_.emplace(abi, dict.get());
  dictionaries_.push_back(std::move(dict));

  const DlObjectOps* objectOps = objectOpsTable(*abi);
  for (std::uint32_t i = 0; i < abi->num_scopes; ++i) {
    const DlScope& s = abi->scopes[i];
    std::string qualified = d.str(s.qualified_name);
    bool isNamespace = s.kind == DL_SCOPE_NAMESPACE;
    bool existed = scopes_.count(qualified) != 0;
    Scope& scope =
        scopeNamed(qualified, isNamespace ? ScopeKind::Namespace : ScopeKind::Class, d.str(s.name));
    if (!isNamespace && existed && !scope.parts.empty()) continue;  // first definition wins
    if (!isNamespace) {
      if (std::string alias = constStrippedSpelling(qualified); alias != qualified && !scopes_.count(alias))
        typedefs_.emplace(std::move(alias), qualified);
      scope.flags = s.flags;
      scope.size = s.size;
      scope.deleteObject = s.delete_object;
      scope.objectOps = objectOps ? &objectOps[i] : nullptr;
    }
    scope.parts.push_back({&d, i});
    if (!existed && i > 0) {
      Scope* parent = scopes_[d.str(abi->scopes[s.parent].qualified_name)].get();
      parent->childNames.push_back(scope.name);
    }
  }
  for (std::uint32_t i = 0, n = smartPointerCount(*abi); i < n; ++i) {
    const DlSmartPointer& sp = abi->smart_pointers[i];
    if (!smartPointerUsable(*abi, sp)) continue;
    Scope& scope = *scopes_[d.str(abi->scopes[sp.scope].qualified_name)];
    if (scope.parts.empty() || scope.parts.front().dict != &d || scope.smart)
      continue;  // first definition wins
    scope.smart = &sp;
    scope.pointeeName = d.str(sp.pointee);
  }
  for (std::uint32_t i = 0, n = exceptionClassCount(*abi); i < n; ++i) {
    const DlExceptionClass& record = abi->exception_classes[i];
    Scope& scope = *scopes_[d.str(abi->scopes[record.scope].qualified_name)];
    if (scope.parts.empty() || scope.parts.front().dict != &d || scope.exceptionClass)
      continue;  // first definition wins
    scope.exceptionClass = &record;
    exceptionScopes_.push_back(&scope);
  }
  if (std::uint32_t n = dispatcherCount(*abi); n > 0) {
    // the dictionary's overrides call Python through the loader (dispatchers.cpp)
    *abi->dispatch_callback = &dispatchToClient;
    for (std::uint32_t i = 0; i < n; ++i) {
      const DlDispatcher& record = abi->dispatchers[i];
      if (record.scope == 0 || record.scope >= abi->num_scopes) continue;  // refused when asked for
      Scope& scope = *scopes_[d.str(abi->scopes[record.scope].qualified_name)];
      if (scope.parts.empty() || scope.parts.front().dict != &d || scope.dispatcherRecord)
        continue;  // first definition wins
      scope.dispatcherRecord = &record;
      scope.dispatcherDict = &d;
    }
  }
  for (std::uint32_t i = 0; i < abi->num_enums; ++i) {
    const DlEnum& e = abi->enums[i];
    std::string qualified = d.str(e.qualified_name);
    if (qualified.empty() || scopes_.count(qualified)) continue;  // anonymous, or known
    Scope& scope = scopeNamed(qualified, ScopeKind::Enum, d.str(e.name));
    scope.parts.push_back({&d, i});
    scopes_[d.str(abi->scopes[e.parent].qualified_name)]->childNames.push_back(scope.name);
  }
  for (std::uint32_t i = 0; i < abi->num_typedefs; ++i) {
    const DlTypedef& t = abi->typedefs[i];
    typedefs_.emplace(d.str(t.qualified_name), d.str(t.target));
  }
  return true;
}

bool Registry::scanLoadedObjects() {
  // Cheap check first: the linker's counts of objects loaded and unloaded.
  LoaderCounters now = loaderCounters();
  std::unordered_set<std::uintptr_t> seen;
  {
    std::lock_guard guard(mutex_);
    if (now.adds == scannedAdds_ && now.subs == scannedSubs_) return false;
    // After an unload another object may sit at a remembered address.
    if (now.subs == scannedSubs_) seen = seenObjects_;
  }
  ObjectScan scan = scanObjects(seen);
  if (scan.counters.subs != now.subs && !seen.empty()) {  // an unload raced the check above
    for (FoundDictionary& found : scan.found) dlclose(found.handle);
    scan = scanObjects({});
  }

  bool added = false;
  std::vector<void*> unused;
  std::vector<std::string> errors;
  {
    std::lock_guard guard(mutex_);
    for (FoundDictionary& found : scan.found) {
      if (byAddress_.count(found.abi)) {
        unused.push_back(found.handle);
        continue;
      }
      std::string error;
      if (addLocked(found.abi, found.origin, found.handle, error)) {
        added = true;
      } else {
        unused.push_back(found.handle);
        errors.push_back(std::move(error));
      }
    }
    // Scans may overlap; the newest snapshot wins.
    if (scan.counters.adds >= scannedAdds_ || scannedAdds_ == ~0ull) {
      scannedAdds_ = scan.counters.adds;
      scannedSubs_ = scan.counters.subs;
      seenObjects_ = std::move(scan.visited);
    }
  }
  for (void* handle : unused) dlclose(handle);
  for (const std::string& error : errors) {
    std::fprintf(stderr, "dictloader: %s\n", error.c_str());
    setLastError(error);
  }
  return added;
}

void Registry::setAutoloader(std::function<bool(std::string_view)> autoloader) {
  std::lock_guard guard(mutex_);
  autoloader_ = std::move(autoloader);
}

size_t Registry::numDictionaries() {
  std::lock_guard guard(mutex_);
  return dictionaries_.size();
}

const Dictionary* Registry::dictionary(size_t i) {
  std::lock_guard guard(mutex_);
  return i < dictionaries_.size() ? dictionaries_[i].get() : nullptr;
}

int Registry::lookupLocked(const std::string& name, Scope*& scope) {
  auto it = scopes_.find(name);
  if (it != scopes_.end()) {
    scope = it->second.get();
    return 1;
  }
  auto td = typedefs_.find(name);
  if (td != typedefs_.end()) {
    auto target = scopes_.find(td->second);
    if (target == scopes_.end()) target = scopes_.find(canonicalLocked(td->second));
    scope = target != scopes_.end() ? target->second.get() : nullptr;
    return 1;
  }
  // Another spelling of a name ("vector<int>", "std::vector<int, std::allocator<int> >").
  it = scopes_.find(canonicalLocked(name));
  if (it == scopes_.end()) return 0;
  scope = it->second.get();
  return 1;
}

bool Registry::mayFindAfterMiss(int attempt, std::string_view name,
                                const std::function<bool(std::string_view)>& autoloader, size_t seen) {
  if (attempt == 0 && scanLoadedObjects()) return true;
  // Also look again if a dictionary was registered meanwhile: another
  // thread's autoload of this very name may have finished.
  if (attempt > 1 || !autoloader || !(autoloader(name) || numDictionaries() != seen)) return false;
  scanLoadedObjects();
  return true;
}

// A miss asks the catalogs for a library with an instance of the template,
// as findScope asks them for a name.
bool Registry::isTemplate(std::string_view rawName) {
  std::string name(normalized(rawName));
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::function<bool(std::string_view)> autoloader;
    size_t seen;
    {
      std::lock_guard guard(mutex_);
      if (templates_.count(name) || templates_.count(canonicalLocked(name))) return true;
      autoloader = templateAutoloader_;
      seen = dictionaries_.size();
    }
    if (mayFindAfterMiss(attempt, name, autoloader, seen)) continue;
    break;
  }
  return false;
}

Scope* Registry::findScope(std::string_view rawName) {
  std::string name(normalized(rawName));
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::function<bool(std::string_view)> autoloader;
    size_t seen;
    {
      std::lock_guard guard(mutex_);
      Scope* scope = nullptr;
      if (lookupLocked(name, scope)) return scope;
      autoloader = autoloader_;
      seen = dictionaries_.size();
    }
    if (mayFindAfterMiss(attempt, name, autoloader, seen)) continue;
    break;
  }
  return nullptr;
}
std::string Registry::resolveTypedef(std::string_view rawName) {
  std::string name(normalized(rawName));
  // A plain name may be a typedef of a library not loaded yet (clients
  // resolve a name before looking it up); a compound type ("const T&") is
  // resolved through its base name below.
  static const std::unordered_set<std::string_view> kNotTypedefs = {
      "bool", "char", "short", "int", "long", "float", "double", "void", "unsigned", "signed", "wchar_t",
      "char16_t", "char32_t", "constructor" /* PyPy's result type of constructors */};
  bool plain = !name.empty() && name.find_first_of(" *&[(") == std::string::npos && !kNotTypedefs.count(name);
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::function<bool(std::string_view)> autoloader;
    size_t seen;
    {
      std::lock_guard guard(mutex_);
      autoloader = autoloader_;
      seen = dictionaries_.size();
      auto td = typedefs_.find(name);
      if (td != typedefs_.end()) return td->second;
      if (scopes_.count(name)) break;
      // another spelling of a known scope resolves to the scope's own name
      if (std::string canonical = canonicalLocked(name); canonical != name && scopes_.count(canonical))
        return canonical;
    }
    if (mayFindAfterMiss(attempt, name, plain ? autoloader : nullptr, seen)) continue;
    break;
  }
  std::lock_guard guard(mutex_);
  // A compound type resolves through its base name: "const Name&" must become
  // "const std::string&", because PyPy, resolving the base name by itself,
  // drops the const and picks the converter of a non-const reference.
  std::string_view core = name;
  std::string prefix = core.substr(0, 6) == "const " ? "const " : "";
  core.remove_prefix(prefix.size());
  size_t compound = core.find_first_of("*&[");
  if (compound == std::string_view::npos) return std::string(rawName);
  std::string_view suffix = core.substr(compound);
  core = core.substr(0, compound);
  while (!core.empty() && core.back() == ' ') core.remove_suffix(1);
  auto td = typedefs_.find(std::string(core));
  // "const P&" of a pointer typedef P is P const&, which no text substitution spells
  if (td == typedefs_.end() || (!prefix.empty() && td->second.find('*') != std::string::npos))
    return std::string(rawName);
  return prefix + td->second + std::string(suffix);
}

void Registry::addEnumValues(Scope& scope, const Dictionary& d, const DlEnum& en) {
  // The values are stored as int64; clients read them with the promoted type.
  std::string_view underlying = d.str(en.underlying_type);
  const char* type = underlying == "long" || underlying == "unsigned long" || underlying == "long long" ||
                             underlying == "unsigned long long" || underlying == "unsigned int"
                         ? d.str(en.underlying_type)
                         : "int";
  const char* enumName = *d.str(en.qualified_name) ? d.str(en.qualified_name) : nullptr;
  for (std::uint32_t v = 0; v < en.num_enumerators; ++v) {
    const DlEnumerator& e = d.abi->enumerators[en.first_enumerator + v];
    DataMember m;
    m.name = d.str(e.name);
    m.type = type;
    m.enumName = enumName;
    m.flags = DL_DATA_STATIC | DL_DATA_CONST | DL_DATA_ENUM;
    // Little-endian: the low bytes of the int64 hold the value in the enum's own width.
    m.offset = reinterpret_cast<std::intptr_t>(&e.value);
    scope.dataByName.emplace(m.name, scope.data.size());
    scope.data.push_back(m);
  }
}

// What dictloader_function_entry hands out for m: the entry as recorded,
// none under DICTLOADER_FASTPATH=none (the stubs stay in use, and tested),
// none where this loader cannot call it (entryUsable).
void Registry::setEntry(Method& m, const DlDictionary& abi, const DlEntry& entry) const {
  m.entrySignature = abi.strings + entry.signature;
  m.entryMissing = entry.missing;
  if (entry.kind == DL_ENTRY_NONE) return;
  if (!entryUsable(abi, *m.fn, entry)) {
    // A kind this loader does not know is a record it cannot read; a known
    // one with a bad signature cannot be called.
    bool knownKind = entry.kind == DL_ENTRY_PLAIN || entry.kind == DL_ENTRY_CHECKED;
    m.entryMissing = knownKind ? DL_ENTRY_MISSING_SIGNATURE : DL_ENTRY_MISSING_UNRECORDED;
    return;
  }
  if (fastPathPolicy_ < 0) return;
  m.entryKind = entry.kind;
  m.entryAddress = entry.address;
}

namespace {

// A method and its const twin (same name and argument types, `int f();`
// beside `int f() const;`) are listed non-const first: clients that try
// overloads in order (PyPy's _cppyy, ours for objects not known to be const)
// then call on a non-const object what C++ calls. The rest keep the
// dictionary's order.
void listNonConstBeforeConstTwins(std::vector<std::unique_ptr<Method>>& methods, size_t first) {
  auto sameSignature = [](const Method& a, const Method& b) {
    if (a.numArgs != b.numArgs || std::strcmp(a.name(), b.name()) != 0) return false;
    for (std::uint32_t i = 0; i < a.numArgs; ++i)
      if (std::strcmp(a.argType(i), b.argType(i)) != 0) return false;
    return true;
  };
  auto isConstMethod = [](const Method& m) { return m.kind == DL_FUNC_METHOD && (m.flags & DL_FUNC_CONST); };
  bool any = false;
  for (size_t i = first; i < methods.size() && !any; ++i) any = isConstMethod(*methods[i]);
  if (!any) return;
  std::vector<std::unique_ptr<Method>> ordered;
  ordered.reserve(methods.size() - first);
  for (size_t i = first; i < methods.size(); ++i) {
    if (methods[i] == nullptr) continue;  // moved up before its const twin
    if (isConstMethod(*methods[i])) {
      for (size_t j = i + 1; j < methods.size(); ++j) {
        if (methods[j] == nullptr || methods[j]->kind != DL_FUNC_METHOD || isConstMethod(*methods[j]) ||
            !sameSignature(*methods[i], *methods[j]))
          continue;
        ordered.push_back(std::move(methods[j]));
        break;
      }
    }
    ordered.push_back(std::move(methods[i]));
  }
  for (size_t i = 0; i < ordered.size(); ++i) {
    methods[first + i] = std::move(ordered[i]);
    methods[first + i]->index = first + i;
  }
}

}  // namespace

std::unique_ptr<Method> Registry::methodOf(Scope& scope, const Dictionary& d, std::uint32_t f) const {
  const DlDictionary* abi = d.abi;
  const DlFunction& fn = abi->functions[f];
  const DlEntry* entries = entryTable(*abi);
  const EnumTables enums = enumTables(*abi);
  auto m = std::make_unique<Method>();
  m->stub = fn.stub;
  m->numArgs = fn.num_args;
  m->requiredArgs = fn.required_args;
  m->resultKind = fn.result_kind;
  m->kind = fn.kind;
  m->flags = fn.flags;
  m->dict = &d;
  m->fn = &fn;
  m->args = abi->arguments + fn.first_arg;
  m->scope = &scope;
  m->fastAddress = handOutFastPath(*abi, fn, scope.qualifiedName, fastPathPolicy_);
  if (fn.kind == DL_FUNC_CONSTRUCTOR && abi->abi_minor >= 3 && fastPathPolicy_ >= 0)
    m->newAddress = fn.address;
  if (entries != nullptr) setEntry(*m, *abi, entries[f]);
  if (enums.arguments != nullptr) m->argEnums = enums.arguments + fn.first_arg;
  if (enums.results != nullptr) m->resultEnum = enums.results[f];
  m->baseNameLength = static_cast<std::uint32_t>(std::strlen(m->name()));
  return m;
}

const Scope::Dispatcher* Registry::dispatcherOf(Scope& scope) {
  if (scope.dispatcherBuilt) return scope.dispatcher.get();
  scope.dispatcherBuilt = true;
  if (scope.dispatcherRecord == nullptr) return nullptr;
  const Dictionary& d = *scope.dispatcherDict;
  const DlDictionary* abi = d.abi;
  std::uint32_t index = static_cast<std::uint32_t>(scope.dispatcherRecord - abi->dispatchers);
  std::string error;
  if (!validateDispatcher(abi, index, error)) {
    error =
        "refused the dispatcher of '" + scope.qualifiedName + "' of dictionary '" + d.origin + "': " + error;
    std::fprintf(stderr, "dictloader: %s\n", error.c_str());
    setLastError(error);
    return nullptr;
  }
  const DlDispatcher& record = *scope.dispatcherRecord;
  auto dispatcher = std::make_unique<Scope::Dispatcher>();
  for (std::uint32_t f = record.first_constructor; f < record.first_constructor + record.num_constructors;
       ++f) {
    dispatcher->constructors.push_back(methodOf(scope, d, f));
    dispatcher->constructorHandles.push_back(
        reinterpret_cast<cppyy_method_t>(dispatcher->constructors.back().get()));
  }
  for (std::uint32_t f = record.first_slot; f < record.first_slot + record.num_slots; ++f) {
    dispatcher->slots.push_back(methodOf(scope, d, f));
    dispatcher->slots.back()->index = f - record.first_slot;
    dispatcher->slotHandles.push_back(reinterpret_cast<cppyy_method_t>(dispatcher->slots.back().get()));
    slotMethods_[&abi->functions[f]] = dispatcher->slots.back().get();
  }
  scope.dispatcher = std::move(dispatcher);
  return scope.dispatcher.get();
}

Method* Registry::slotMethod(const DlFunction* record) const {
  auto it = slotMethods_.find(record);
  return it == slotMethods_.end() ? nullptr : it->second;
}

void Registry::buildPart(Scope& scope, const ScopePart& part) {
  const Dictionary& d = *part.dict;
  const DlDictionary* abi = d.abi;
  if (scope.kind == ScopeKind::Enum) {
    addEnumValues(scope, d, abi->enums[part.index]);
    return;
  }
  std::string error;
  if (!validateScopeRecords(abi, part.index, error)) {
    error = "refused scope '" + scope.qualifiedName + "' of dictionary '" + d.origin + "': " + error;
    std::fprintf(stderr, "dictloader: %s\n", error.c_str());
    setLastError(error);
    return;
  }
  const DlScope& s = abi->scopes[part.index];
  const EnumTables enums = enumTables(*abi);
  size_t builtMethods = scope.methods.size();
  for (std::uint32_t f = s.first_function; f < s.first_function + s.num_functions; ++f) {
    if (abi->functions[f].kind == DL_FUNC_DESTRUCTOR) continue;  // clients destroy through cppyy_destruct
    std::unique_ptr<Method> m = methodOf(scope, d, f);
    m->index = scope.methods.size();
    scope.methods.push_back(std::move(m));
  }
  listNonConstBeforeConstTwins(scope.methods, builtMethods);
  nameTemplateInstances(scope, builtMethods);
  for (size_t i = builtMethods; i < scope.methods.size(); ++i) {
    const Method& m = *scope.methods[i];
    scope.methodsByName[std::string(m.baseName())].push_back(i);
    if (m.baseName().size() != std::strlen(m.name())) scope.methodsByName[m.name()].push_back(i);
  }
  for (std::uint32_t i = s.first_data; i < s.first_data + s.num_data; ++i) {
    const DlDataMember& dm = abi->data[i];
    DataMember m;
    m.name = d.str(dm.name);
    m.type = d.str(dm.type);
    m.flags = dm.flags;
    m.numDims = dm.num_dims;
    m.dims = dm.dims;
    m.offset = (dm.flags & DL_DATA_STATIC) ? reinterpret_cast<std::intptr_t>(dm.address) : dm.offset;
    if (enums.data != nullptr && enums.data[i] != DLDICT_NONE) m.enumName = d.str(enums.data[i]);
    scope.dataByName.emplace(m.name, scope.data.size());
    scope.data.push_back(m);
  }
  // values of unscoped enums are also names of the enclosing scope
  for (std::uint32_t e = 0; e < abi->num_enums; ++e) {
    const DlEnum& en = abi->enums[e];
    if (en.parent == part.index && !(en.flags & DL_ENUM_SCOPED)) addEnumValues(scope, d, en);
  }
  for (std::uint32_t b = s.first_base; b < s.first_base + s.num_bases; ++b)
    scope.bases.push_back({&d, &abi->bases[b], nullptr});
}

namespace {

// Does every template argument of "f<A,B>" show in the parameter types
// (so a call's arguments can deduce them)?
bool templateArgumentsInParameters(const Method& m) {
  std::string_view full = m.name(), base = withoutTemplateArguments(full);
  if (base.size() + 2 > full.size()) return true;  // a constructor: its class's name
  std::string_view list = full.substr(base.size() + 1, full.size() - base.size() - 2);
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= list.size(); ++i) {
    if (i < list.size() && (list[i] == '<' || list[i] == '(')) ++depth;
    if (i < list.size() && (list[i] == '>' || list[i] == ')')) --depth;
    if (i < list.size() && !(list[i] == ',' && depth == 0)) continue;
    std::string_view argument = list.substr(start, i - start);
    start = i + 1;
    bool shown = false;
    for (std::uint32_t a = 0; a < m.numArgs && !shown; ++a)
      shown = std::string_view(m.argType(a)).find(argument) != std::string_view::npos;
    if (!shown) return false;
  }
  return true;
}

}  // namespace

// A function template instance joins the overloads of its template's name
// ("f<double>" is one of f's), where the arguments of a call choose among
// them. Instances the arguments cannot choose (`width<int>()` beside
// `width<double>()`, `scaled<3>(int)`) keep their full names, and the
// template's name becomes a placeholder that clients index by template
// arguments (PyPy: Summer.width['int'](), scaled[3](5)).
void Registry::nameTemplateInstances(Scope& scope, size_t first) {
  auto sameArguments = [](const Method& a, const Method& b) {
    if (a.numArgs != b.numArgs) return false;
    for (std::uint32_t i = 0; i < a.numArgs; ++i)
      if (std::strcmp(a.argType(i), b.argType(i)) != 0) return false;
    return true;
  };
  std::vector<Method*> instances;
  for (size_t i = first; i < scope.methods.size(); ++i)
    if (scope.methods[i]->flags & DL_FUNC_TEMPLATE_INSTANCE) instances.push_back(scope.methods[i].get());
  for (Method* m : instances) {
    std::string_view full = m->name(), base = withoutTemplateArguments(full);
    bool chosenByArguments = templateArgumentsInParameters(*m);
    for (const Method* other : instances)
      if (other != m && withoutTemplateArguments(other->name()) == base && sameArguments(*m, *other))
        chosenByArguments = false;
    if (chosenByArguments) {
      m->baseNameLength = static_cast<std::uint32_t>(base.size());
    } else if (std::find(scope.templatePlaceholders.begin(), scope.templatePlaceholders.end(), base) ==
               scope.templatePlaceholders.end()) {
      scope.templatePlaceholders.emplace_back(base);
    }
  }
}

Scope& Registry::built(Scope& scope) {
  while (scope.builtParts < scope.parts.size()) {
    ScopePart part = scope.parts[scope.builtParts++];
    buildPart(scope, part);
  }
  return scope;
}

bool Registry::moreDictionariesFor(const Scope& scope, const std::string& member, size_t seen) {
  if (scanLoadedObjects()) return true;
  std::function<bool(std::string_view)> autoloader;
  {
    std::lock_guard guard(mutex_);
    autoloader = autoloader_;
  }
  std::string qualified = scope.qualifiedName.empty() ? member : scope.qualifiedName + "::" + member;
  if (!autoloader || (!autoloader(qualified) && numDictionaries() == seen)) return false;
  scanLoadedObjects();
  return true;
}

std::vector<Method*> Registry::findMethods(Scope& scope, const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    size_t seen;
    {
      std::lock_guard guard(mutex_);
      seen = dictionaries_.size();
      built(scope);
      auto it = scope.methodsByName.find(name);
      if (it != scope.methodsByName.end()) {
        std::vector<Method*> found;
        for (size_t i : it->second) found.push_back(scope.methods[i].get());
        return found;
      }
    }
    // Namespaces may grow with any dictionary (or a catalog's); a class has one definition.
    if (scope.kind != ScopeKind::Namespace || attempt == 1 || !moreDictionariesFor(scope, name, seen)) break;
  }
  return {};
}

std::vector<Method*> Registry::findTemplateInstances(Scope& scope, std::string_view name) {
  std::string canonical;
  {
    std::lock_guard guard(mutex_);
    canonical = canonicalLocked(std::string(name));
  }
  std::vector<Method*> found = findMethods(scope, canonical);
  if (found.empty() && canonical != name) found = findMethods(scope, std::string(name));
  std::erase_if(found, [](const Method* m) { return !(m->flags & DL_FUNC_TEMPLATE_INSTANCE); });
  return found;
}

long Registry::findData(Scope& scope, const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    size_t seen;
    {
      std::lock_guard guard(mutex_);
      seen = dictionaries_.size();
      built(scope);
      auto it = scope.dataByName.find(name);
      if (it != scope.dataByName.end()) return static_cast<long>(it->second);
    }
    if (scope.kind != ScopeKind::Namespace || attempt == 1 || !moreDictionariesFor(scope, name, seen)) break;
  }
  return -1;
}

std::vector<BaseStep> Registry::knownBases(Scope& scope) {
  std::vector<std::string> unresolved;
  {
    std::lock_guard guard(mutex_);
    for (BaseClass& b : built(scope).bases)
      if (b.scope == nullptr) unresolved.emplace_back(b.name());
  }
  // Names are looked up without the lock: a lookup may scan the loaded objects.
  std::unordered_map<std::string, Scope*> resolved;
  for (const std::string& name : unresolved) resolved[name] = findScope(name);
  std::vector<BaseStep> known;
  std::lock_guard guard(mutex_);
  for (BaseClass& b : scope.bases) {
    if (b.scope == nullptr) {
      auto it = resolved.find(b.name());
      if (it != resolved.end()) b.scope = it->second;
    }
    if (b.scope != nullptr && b.scope->isClass()) known.push_back({b.base, b.scope});
  }
  return known;
}

Scope* Registry::scopeOfDynamicType(const std::type_info& type) {
  {
    std::lock_guard guard(mutex_);
    auto it = dynamicTypes_.find(&type);
    if (it != dynamicTypes_.end() &&
        (it->second.first != nullptr || it->second.second == dictionaries_.size()))
      return it->second.first;
  }
  // The demangled RTTI name is the class's qualified C++ name.
  int status = 0;
  char* readable = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  Scope* scope = nullptr;
  if (status == 0 && readable != nullptr) scope = findScope(readable);
  std::free(readable);
  if (scope != nullptr && !scope->isClass()) scope = nullptr;
  std::lock_guard guard(mutex_);
  dynamicTypes_[&type] = {scope, dictionaries_.size()};
  if (scope != nullptr && scope->rttiName.empty()) scope->rttiName = type.name();
  return scope;
}

}  // namespace dictloader
