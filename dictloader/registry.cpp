// registry.cpp - finds, validates and indexes dictionaries.
#include "registry.h"

#include <cxxabi.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_set>

#include "fastpath_guard.h"

namespace dictloader {
namespace {

thread_local std::string tlsLastError;

std::string_view normalized(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.substr(0, 2) == "::") name.remove_prefix(2);
  return name;
}

int fastPathPolicyFromEnvironment() {
  const char* policy = std::getenv("DICTLOADER_FASTPATH");
  if (policy == nullptr) return 0;
  if (std::strcmp(policy, "all") == 0) return 1;
  if (std::strcmp(policy, "none") == 0) return -1;
  return 0;
}

// A loaded object not looked at before: where it is, and its loaded segments.
struct LoadedObject {
  std::string name;  // "" for the program itself
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> segments;
};

struct ScanState {
  const std::unordered_set<std::uintptr_t>* seen;
  std::unordered_set<std::uintptr_t> visited;
  std::vector<LoadedObject> fresh;
  unsigned long long adds = 0;
};

// Runs under the dynamic loader's lock: only records, never calls dlopen.
int visitObject(dl_phdr_info* info, size_t, void* data) {
  auto* state = static_cast<ScanState*>(data);
  state->adds = info->dlpi_adds;
  // The program-header address tells objects apart (dlpi_addr ^ dlpi_phdr would
  // be e_phoff, the same for nearly every library).
  auto key = reinterpret_cast<std::uintptr_t>(info->dlpi_phdr);
  state->visited.insert(key);
  if (state->seen->count(key)) return 0;
  LoadedObject object{info->dlpi_name ? info->dlpi_name : "", {}};
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD)
      object.segments.emplace_back(info->dlpi_addr + ph.p_vaddr, info->dlpi_addr + ph.p_vaddr + ph.p_memsz);
  }
  state->fresh.push_back(std::move(object));
  return 0;
}

// The object's own entry symbol, if it has one (dlsym on a handle also searches
// the object's dependencies, hence the address check).
const DlDictionary* entryOf(const LoadedObject& object) {
  void* handle = dlopen(object.name.empty() ? nullptr : object.name.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (handle == nullptr) return nullptr;  // linux-vdso and friends: a name but no file
  auto symbol = reinterpret_cast<std::uintptr_t>(dlsym(handle, DLDICT_ENTRY_SYMBOL));
  dlclose(handle);
  for (const auto& [start, end] : object.segments)
    if (symbol >= start && symbol < end) return reinterpret_cast<const DlDictionary*>(symbol);
  return nullptr;
}

// offset + length lies beyond size, without overflowing on garbage headers.
bool beyond(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset > size || length > size - offset;
}

// glibc maps a file cut short inside its segments and then dies of SIGBUS within
// dlopen, so a truncated file is refused before dlopen sees it. Files that are
// not native ELF, or cannot be read, are left to dlopen to refuse.
bool isTruncatedElf(const std::string& path, std::string& why) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  ElfW(Ehdr) header;
  bool truncated = false;
  if (fstat(fd, &st) == 0 && pread(fd, &header, sizeof header, 0) == static_cast<ssize_t>(sizeof header) &&
      std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0 &&
      header.e_ident[EI_CLASS] == (sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32)) {
    auto size = static_cast<std::uint64_t>(st.st_size);
    std::vector<ElfW(Phdr)> segments(header.e_phentsize == sizeof(ElfW(Phdr)) ? header.e_phnum : 0);
    std::uint64_t segmentBytes = segments.size() * sizeof(ElfW(Phdr));
    truncated = beyond(header.e_phoff, segmentBytes, size) ||
                (header.e_shoff != 0 &&
                 beyond(header.e_shoff, std::uint64_t{header.e_shnum} * header.e_shentsize, size));
    if (!truncated && !segments.empty() &&
        pread(fd, segments.data(), segmentBytes, header.e_phoff) == static_cast<ssize_t>(segmentBytes))
      for (const ElfW(Phdr) & segment : segments)
        if (segment.p_type == PT_LOAD && beyond(segment.p_offset, segment.p_filesz, size)) truncated = true;
    if (truncated)
      why = "the file is truncated (" + std::to_string(size) + " bytes, less than its ELF headers describe)";
  }
  close(fd);
  return truncated;
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
  if (!add(builtinDictionary(), "<dictloader>", error))
    std::fprintf(stderr, "dictloader: internal error: built-in dictionary refused: %s\n", error.c_str());
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
  return ref;
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
  // The handle stays open: registered tables point into the library.
  if (add(static_cast<const DlDictionary*>(symbol), path, error)) return true;
  // A refused library left mapped would be what dlopen returns even after the
  // file is regenerated, and every later scan would refuse it again.
  dlclose(handle);
  return false;
}

bool Registry::add(const DlDictionary* abi, std::string origin, std::string& error) {
  if (byAddress_.count(abi)) return true;
  if (!validateHeader(abi, error)) {
    error = "refused dictionary '" + origin + "': " + error;
    return false;
  }
  auto dict = std::make_unique<Dictionary>();
  dict->abi = abi;
  dict->origin = std::move(origin);
  const Dictionary& d = *dict;
  byAddress_.emplace(abi, dict.get());
  dictionaries_.push_back(std::move(dict));

  for (std::uint32_t i = 0; i < abi->num_scopes; ++i) {
    const DlScope& s = abi->scopes[i];
    std::string qualified = d.str(s.qualified_name);
    bool isNamespace = s.kind == DL_SCOPE_NAMESPACE;
    bool existed = scopes_.count(qualified) != 0;
    Scope& scope =
        scopeNamed(qualified, isNamespace ? ScopeKind::Namespace : ScopeKind::Class, d.str(s.name));
    if (!isNamespace && existed && !scope.parts.empty()) continue;  // first definition wins
    if (!isNamespace) {
      scope.flags = s.flags;
      scope.size = s.size;
      scope.deleteObject = s.delete_object;
    }
    scope.parts.push_back({&d, i});
    if (!existed && i > 0) {
      Scope* parent = scopes_[d.str(abi->scopes[s.parent].qualified_name)].get();
      parent->childNames.push_back(scope.name);
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
  // Cheap check first: the dynamic loader's count of objects ever loaded.
  unsigned long long adds = 0;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        *static_cast<unsigned long long*>(data) = info->dlpi_adds;
        return 1;
      },
      &adds);
  if (adds == seenAdds_) return false;

  ScanState state{&seenObjects_, {}, {}, 0};
  dl_iterate_phdr(visitObject, &state);
  seenAdds_ = state.adds;
  seenObjects_ = std::move(state.visited);
  bool added = false;
  for (const LoadedObject& object : state.fresh) {
    const DlDictionary* dictionary = entryOf(object);
    if (dictionary == nullptr || byAddress_.count(dictionary)) continue;
    std::string error;
    if (add(dictionary, object.name.empty() ? "<program>" : object.name, error)) {
      added = true;
    } else {
      std::fprintf(stderr, "dictloader: %s\n", error.c_str());
      setLastError(error);
    }
  }
  return added;
}

Scope* Registry::findScope(std::string_view rawName) {
  std::string name(normalized(rawName));
  for (int attempt = 0; attempt < 3; ++attempt) {
    auto it = scopes_.find(name);
    if (it != scopes_.end()) return it->second.get();
    auto td = typedefs_.find(name);
    if (td != typedefs_.end()) {
      auto target = scopes_.find(td->second);
      return target != scopes_.end() ? target->second.get() : nullptr;
    }
    if (attempt == 0 && scanLoadedObjects()) continue;
    if (attempt <= 1 && autoloader_ && autoloader_(name)) {
      scanLoadedObjects();
      continue;
    }
    break;
  }
  return nullptr;
}

std::string Registry::resolveTypedef(std::string_view rawName) {
  std::string name(normalized(rawName));
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto td = typedefs_.find(name);
    if (td != typedefs_.end()) return td->second;
    if (scopes_.count(name) || attempt == 1 || !scanLoadedObjects()) break;
  }
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
  for (std::uint32_t v = 0; v < en.num_enumerators; ++v) {
    const DlEnumerator& e = d.abi->enumerators[en.first_enumerator + v];
    DataMember m;
    m.name = d.str(e.name);
    m.type = type;
    m.flags = DL_DATA_STATIC | DL_DATA_CONST | DL_DATA_ENUM;
    // Little-endian: the low bytes of the int64 hold the value in the enum's own width.
    m.offset = reinterpret_cast<std::intptr_t>(&e.value);
    scope.dataByName.emplace(m.name, scope.data.size());
    scope.data.push_back(m);
  }
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
  for (std::uint32_t f = s.first_function; f < s.first_function + s.num_functions; ++f) {
    const DlFunction& fn = abi->functions[f];
    if (fn.kind == DL_FUNC_DESTRUCTOR) continue;  // clients destroy through cppyy_destruct
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
    scope.methodsByName[m->name()].push_back(scope.methods.size());
    scope.methods.push_back(std::move(m));
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

Scope& Registry::built(Scope& scope) {
  while (scope.builtParts < scope.parts.size()) {
    ScopePart part = scope.parts[scope.builtParts++];
    buildPart(scope, part);
  }
  return scope;
}

const std::vector<size_t>* Registry::findMethods(Scope& scope, const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    built(scope);
    auto it = scope.methodsByName.find(name);
    if (it != scope.methodsByName.end()) return &it->second;
    if (scope.kind != ScopeKind::Namespace || attempt == 1 || !scanLoadedObjects()) break;
  }
  return nullptr;
}

long Registry::findData(Scope& scope, const std::string& name) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    built(scope);
    auto it = scope.dataByName.find(name);
    if (it != scope.dataByName.end()) return static_cast<long>(it->second);
    if (scope.kind != ScopeKind::Namespace || attempt == 1 || !scanLoadedObjects()) break;
  }
  return -1;
}

Scope* Registry::baseScope(BaseClass& base) {
  if (base.scope == nullptr) base.scope = findScope(base.name());
  return base.scope;
}

}  // namespace dictloader
