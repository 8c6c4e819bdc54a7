// fastpath_guard.cpp - the fast-path addresses handed out, and the terminate
// handler that names the function an exception escaped from.
#include "fastpath_guard.h"

#include <dlfcn.h>
#include <execinfo.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <unordered_map>

namespace dictloader {
namespace {

// Process-wide by nature, like the terminate handler it serves; never
// destroyed, so the handler can run during exit.
struct Guard {
  std::mutex mutex;
  std::unordered_map<std::uintptr_t, std::string> functions;  // address -> "ns::C::f(int)"
  std::terminate_handler previous = nullptr;
};

Guard& guard() {
  static Guard* instance = new Guard();
  return *instance;
}

// The outermost guarded function on the stack: the one the client called.
// Phase 1 of unwinding stopped at the client's frames (PyPy's JIT code has no
// unwind tables), so the frames that threw are all still here.
const std::string* escapedFrom(Guard& g) {
  void* frames[256];
  int count = backtrace(frames, 256);
  const std::string* found = nullptr;
  std::lock_guard<std::mutex> lock(g.mutex);
  for (int i = 1; i < count; ++i) {
    Dl_info info;
    // a return address may lie just past its function (a call to a noreturn function)
    if (dladdr(static_cast<char*>(frames[i]) - 1, &info) == 0 || info.dli_saddr == nullptr) continue;
    auto it = g.functions.find(reinterpret_cast<std::uintptr_t>(info.dli_saddr));
    if (it != g.functions.end()) found = &it->second;
  }
  return found;
}

[[noreturn]] void onTerminate() {
  Guard& g = guard();
  if (std::exception_ptr exception = std::current_exception()) {
    if (const std::string* function = escapedFrom(g)) {
      try {
        std::rethrow_exception(exception);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "dictloader: fatal: C++ exception escaped the fast-path call of %s: %s\n",
                     function->c_str(), e.what());
      } catch (...) {
        std::fprintf(stderr, "dictloader: fatal: C++ exception escaped the fast-path call of %s: %s\n",
                     function->c_str(), "unknown C++ exception");
      }
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
  if (!nothrow && (fn.flags & DL_FUNC_DIRECT_ADDRESS)) {
    std::string function = scope.empty() ? "" : scope + "::";
    function += dict.strings + fn.name;
    function += "(";
    for (std::uint32_t a = 0; a < fn.num_args; ++a) {
      if (a) function += ", ";
      function += dict.strings + dict.arguments[fn.first_arg + a].type;
    }
    function += (fn.flags & DL_FUNC_CONST) ? ") const" : ")";
    guardFastPath(fn.address, function);
  }
  return fn.address;
}

void guardFastPath(void* address, const std::string& function) {
  Guard& g = guard();
  std::lock_guard<std::mutex> lock(g.mutex);
  if (g.previous == nullptr) {
    void* warmUp[1];
    backtrace(warmUp, 1);  // loads the unwinder now, not inside the handler
    g.previous = std::set_terminate(onTerminate);
    if (g.previous == nullptr) g.previous = std::abort;
  }
  g.functions.emplace(reinterpret_cast<std::uintptr_t>(address), function);
}

}  // namespace dictloader
