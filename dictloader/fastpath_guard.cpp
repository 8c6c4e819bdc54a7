// fastpath_guard.cpp - the fast-path addresses handed out, and the terminate
// handler that names the function an exception escaped from.
#include "fastpath_guard.h"

#include <dlfcn.h>
#include <elf.h>
#include <execinfo.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <string_view>
#include <unordered_map>

namespace dictloader {
namespace {

// Process-wide by nature, like the terminate handler it serves; never
// destroyed, so the handler can run during exit.
// What names a guarded function; the text is made only when it is needed
// (registering runs for every function of a class its first use builds).
struct Guarded {
  const DlDictionary* dict;
  const DlFunction* fn;
  const std::string* scope;  // the registry's scope name, never freed
};

struct Guard {
  std::mutex mutex;
  std::unordered_map<std::uintptr_t, Guarded> functions;  // by address
  std::terminate_handler previous = nullptr;
};

Guard& guard() {
  static Guard* instance = new Guard();
  return *instance;
}

// backtrace()'s first call dlopens the unwinder (libgcc_s). Done while
// libdictloader itself loads, so that it never happens later under the
// registry's lock, which must not wait on the dynamic linker (registry.h).
[[maybe_unused]] const bool unwinderLoaded = [] {
  void* frame[1];
  return backtrace(frame, 1) >= 0;
}();

// The name in the object's full symbol table (.symtab) of the function
// holding pc, "" if the object is stripped. Only .symtab knows the parts
// compilers split off a function ("f.cold": where a throw usually sits),
// which dladdr (exported symbols only) attributes to some other function.
std::string localSymbolAt(const char* path, std::uintptr_t bias, std::uintptr_t pc) {
  std::string name;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return name;
  struct stat st;
  void* map = fstat(fd, &st) == 0 ? mmap(nullptr, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
  close(fd);
  if (map == MAP_FAILED) return name;
  const auto* bytes = static_cast<const unsigned char*>(map);
  const auto size = static_cast<std::uint64_t>(st.st_size);
  const auto* header = static_cast<const ElfW(Ehdr)*>(map);
  bool sane = size >= sizeof(ElfW(Ehdr)) && std::memcmp(header->e_ident, ELFMAG, SELFMAG) == 0 &&
              header->e_shentsize == sizeof(ElfW(Shdr)) &&
              header->e_shoff + std::uint64_t{header->e_shnum} * sizeof(ElfW(Shdr)) <= size;
  const auto* sections = sane ? reinterpret_cast<const ElfW(Shdr)*>(bytes + header->e_shoff) : nullptr;
  for (unsigned i = 0; sane && i < header->e_shnum && name.empty(); ++i) {
    const ElfW(Shdr)& table = sections[i];
    if (table.sh_type != SHT_SYMTAB || table.sh_link >= header->e_shnum) continue;
    const ElfW(Shdr)& strings = sections[table.sh_link];
    if (table.sh_offset + table.sh_size > size || strings.sh_offset + strings.sh_size > size) continue;
    const auto* symbols = reinterpret_cast<const ElfW(Sym)*>(bytes + table.sh_offset);
    for (std::uint64_t k = 0; k < table.sh_size / sizeof(ElfW(Sym)); ++k) {
      const ElfW(Sym)& sym = symbols[k];
      if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_name >= strings.sh_size) continue;
      if (pc < bias + sym.st_value || pc >= bias + sym.st_value + sym.st_size) continue;
      const char* text = reinterpret_cast<const char*>(bytes + strings.sh_offset + sym.st_name);
      name.assign(text, strnlen(text, strings.sh_size - sym.st_name));
      break;
    }
  }
  munmap(map, st.st_size);
  return name;
}

// The guarded function whose code holds pc, or null.
const Guarded* guardedAt(Guard& g, std::uintptr_t pc) {
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(pc), &info) == 0) return nullptr;  // JIT code
  auto it = g.functions.find(reinterpret_cast<std::uintptr_t>(info.dli_saddr));
  if (info.dli_saddr != nullptr && it != g.functions.end()) return &it->second;
  if (info.dli_fname == nullptr) return nullptr;
  std::string local = localSymbolAt(info.dli_fname, reinterpret_cast<std::uintptr_t>(info.dli_fbase), pc);
  std::string_view parent = std::string_view(local).substr(0, local.find('.'));  // "f.cold" -> "f"
  if (parent.empty()) return nullptr;
  for (const auto& [address, guarded] : g.functions) {
    Dl_info own;
    if (dladdr(reinterpret_cast<void*>(address), &own) != 0 && own.dli_sname && parent == own.dli_sname)
      return &guarded;
  }
  return nullptr;
}

// "ns::Widget::Add(int) const": how the message names a function.
std::string functionText(const Guarded& guarded) {
  const DlDictionary& dict = *guarded.dict;
  const DlFunction& fn = *guarded.fn;
  std::string text = guarded.scope->empty() ? "" : *guarded.scope + "::";
  text += dict.strings + fn.name;
  text += "(";
  for (std::uint32_t a = 0; a < fn.num_args; ++a) {
    if (a) text += ", ";
    text += dict.strings + dict.arguments[fn.first_arg + a].type;
  }
  return text + ((fn.flags & DL_FUNC_CONST) ? ") const" : ")");
}

// The outermost guarded function on the stack: the one the client called.
// Phase 1 of unwinding stopped at the client's frames (PyPy's JIT code has no
// unwind tables, and no frame above the call catches), so std::terminate runs
// with the frames that threw still on the stack.
const Guarded* escapedFrom(Guard& g) {
  void* frames[256];
  int count = backtrace(frames, 256);
  const Guarded* found = nullptr;
  std::lock_guard<std::mutex> lock(g.mutex);
  for (int i = 1; i < count; ++i) {
    // a return address may lie just past its function (a call to a noreturn function)
    if (const Guarded* guarded = guardedAt(g, reinterpret_cast<std::uintptr_t>(frames[i]) - 1))
      found = guarded;
  }
  return found;
}

[[noreturn]] void onTerminate() {
  Guard& g = guard();
  if (std::exception_ptr exception = std::current_exception()) {
    if (const Guarded* guarded = escapedFrom(g)) {
      std::string what = "unknown C++ exception";
      try {
        std::rethrow_exception(exception);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      std::fprintf(stderr, "dictloader: fatal: C++ exception escaped the fast-path call of %s: %s\n",
                   functionText(*guarded).c_str(), what.c_str());
      std::abort();
    }
  }
  if (g.previous) g.previous();
  std::abort();
}

}  // namespace

void* handOutFastPath(const DlDictionary& dict, const DlFunction& fn, const std::string& scope, int policy) {
  if (policy < 0 || fn.address == nullptr || fn.kind == DL_FUNC_CONSTRUCTOR) return nullptr;
  bool nothrow = (fn.flags & DL_FUNC_NOTHROW) != 0;
  bool handOut = false;
  switch (fn.fast_path) {
    case DL_FAST_UNRECORDED:  // ABI 1.0: the address is a wrapper that lets exceptions through
      handOut = nothrow || policy > 0;
      break;
    case DL_FAST_GIVEN:
      handOut = true;
      break;
    case DL_FAST_MAY_THROW:
      handOut = policy > 0;
      break;
    default:  // no address, or a decision this loader does not know
      break;
  }
  if (!handOut) return nullptr;
  // A wrapper made for a function that may throw catches for itself.
  if (!nothrow && (fn.flags & DL_FUNC_DIRECT_ADDRESS)) guardFastPath(dict, fn, scope);
  return fn.address;
}

void guardFastPath(const DlDictionary& dict, const DlFunction& fn, const std::string& scope) {
  Guard& g = guard();
  std::lock_guard<std::mutex> lock(g.mutex);
  if (g.previous == nullptr) {
    g.previous = std::set_terminate(onTerminate);
    if (g.previous == nullptr) g.previous = std::abort;
  }
  g.functions.emplace(reinterpret_cast<std::uintptr_t>(fn.address), Guarded{&dict, &fn, &scope});
}

}  // namespace dictloader
