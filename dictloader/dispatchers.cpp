// dispatchers.cpp - Python subclasses of C++ classes (dictionary ABI 1.8,
// native API 8): the dispatchers a client backs them with
// (dictloader_dispatcher), the callback every dictionary's overrides call
// (dispatchToClient, which the registry writes into each dictionary's
// callback slot) and the client's handler it forwards to, and the C++
// exception that carries a Python exception out of an override.
//
// A Python exception crosses C++ as PythonOverrideError, thrown here, never
// by generated code: a dictionary catches it like any other exception (its
// stubs keep what(), its checked entries the exception itself), and
// dictloader_override_exception tells the client which of its exceptions it
// is, so the client raises the original object again. Where no C++ caller
// can take an exception (a noexcept function, a destructor, a raw fast-path
// address) the process ends: the fast path's wrapper says so in one line,
// and for the others this unit's terminate handler does.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>

#include "capi_internal.h"
#include "dictloader/direct_calls.h"

namespace dictloader {
namespace {
using namespace capi;

std::atomic<dictloader_override_handler> clientHandler{nullptr};

class PythonOverrideError : public std::exception {
 public:
  PythonOverrideError(std::string what, unsigned long long token) : what_(std::move(what)), token_(token) {}
  const char* what() const noexcept override { return what_.c_str(); }
  unsigned long long token() const { return token_; }

 private:
  std::string what_;
  unsigned long long token_;
};

// The exceptions thrown in this thread lately, by what(): a stub reports an
// exception by its text only. A few suffice: a client asks right after the
// call that failed, and C++ code may have caught (and dropped) some since.
struct Thrown {
  std::string what;
  unsigned long long token;
};
constexpr size_t kRememberedThrows = 16;
thread_local std::deque<Thrown> recentThrows;

// Texts reach clients cut to the buffers of stubs (512 bytes) and DlError
// (1024): what() is kept shorter than the smallest.
constexpr size_t kMaxWhat = 500;

std::terminate_handler previousTerminate = nullptr;

[[noreturn]] void onTerminate() {
  if (std::exception_ptr current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const PythonOverrideError& error) {
      std::fprintf(stderr,
                   "dictloader: fatal: %s, where no C++ caller can take an exception (a noexcept function, a "
                   "destructor, or a call through a raw fast-path address)\n",
                   error.what());
      std::abort();
    } catch (...) {
    }
  }
  if (previousTerminate != nullptr) previousTerminate();
  std::abort();
}

// Installed when the first Python exception is thrown, so that a process
// that never sees one keeps its terminate handler untouched; any other
// exception still goes to the handler that was there.
void installTerminateHandler() {
  static std::once_flag once;
  std::call_once(once, [] { previousTerminate = std::set_terminate(onTerminate); });
}

std::string slotText(const Method& m) {
  std::string text = m.scope->qualifiedName + "::" + m.name() + "(";
  for (std::uint32_t i = 0; i < m.numArgs; ++i) text += std::string(i ? ", " : "") + m.argType(i);
  return text + ")" + ((m.flags & DL_FUNC_CONST) ? " const" : "");
}

}  // namespace

void dispatchToClient(void* self, const DlFunction* slot, void* const* args, void* result) {
  dictloader_override_handler handler = clientHandler.load(std::memory_order_acquire);
  if (slot == nullptr) {  // the object is being destroyed: never throws
    if (handler != nullptr) handler(self, 0, nullptr, nullptr, nullptr, nullptr, 0);
    return;
  }
  Method* m = nullptr;
  {
    Registry& registry = Registry::instance();
    auto guard = registry.lock();
    m = registry.slotMethod(slot);
  }
  if (handler == nullptr || m == nullptr)
    throw std::logic_error("dictloader: a dispatcher called a Python override, but no client handles them");
  unsigned long long token = 0;
  char text[512];
  text[0] = '\0';
  if (handler(self, reinterpret_cast<cppyy_method_t>(m), args, result, &token, text, sizeof text) == 0)
    return;
  text[sizeof text - 1] = '\0';
  std::string what = "Python override of " + slotText(*m) + " raised " + (*text ? text : "an exception");
  if (what.size() > kMaxWhat) what = what.substr(0, kMaxWhat - 3) + "...";
  if (recentThrows.size() == kRememberedThrows) recentThrows.pop_front();
  recentThrows.push_back({what, token});
  installTerminateHandler();
  throw PythonOverrideError(std::move(what), token);
}

}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

int dictloader_dispatcher(cppyy_scope_t type, struct dictloader_dispatcher* out) {
  Scope* s = classScope(type);
  if (s == nullptr || out == nullptr) return 0;
  Registry& registry = Registry::instance();
  auto guard = registry.lock();
  const Scope::Dispatcher* dispatcher = registry.dispatcherOf(*s);
  if (dispatcher == nullptr) return 0;
  const DlDispatcher& record = *s->dispatcherRecord;
  out->klass = type;
  out->size = static_cast<size_t>(record.size);
  out->num_constructors = static_cast<int>(dispatcher->constructorHandles.size());
  out->constructors = dispatcher->constructorHandles.data();
  out->num_slots = static_cast<int>(dispatcher->slotHandles.size());
  out->slots = dispatcher->slotHandles.data();
  out->delete_object = record.delete_object;
  out->set_self = record.set_self;
  return 1;
}

unsigned dictloader_method_flags(cppyy_method_t m) { return m ? method(m)->flags : 0u; }

void dictloader_set_override_handler(dictloader_override_handler handler) {
  clientHandler.store(handler, std::memory_order_release);
}

unsigned long long dictloader_override_exception(const DlError* error, const char* what) {
  if (error != nullptr && error->kind != DL_ERROR_NONE && error->exception != nullptr) {
    try {
      std::rethrow_exception(*static_cast<const std::exception_ptr*>(error->exception));
    } catch (const PythonOverrideError& e) {
      for (auto it = recentThrows.begin(); it != recentThrows.end(); ++it)
        if (it->token == e.token()) {
          recentThrows.erase(it);
          break;
        }
      return e.token();
    } catch (...) {
      return 0;
    }
  }
  if (what == nullptr) return 0;
  for (auto it = recentThrows.rbegin(); it != recentThrows.rend(); ++it) {
    if (it->what != what) continue;
    unsigned long long token = it->token;
    recentThrows.erase(std::next(it).base());
    return token;
  }
  return 0;
}

}  // extern "C"
