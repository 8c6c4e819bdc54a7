// capi_calls.cpp - the cppyy C API: objects, calls and argument buffers.
//
// The call functions are the hot path: the method handle is the Method's
// address (no lookup), the argument buffer comes from a per-thread free list,
// and the call jumps straight into the generated stub after two checks (an
// object for a method, the argument count).
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <new>
#include <string>
#include <string_view>
#include <vector>

#include "capi_internal.h"
#include "dictloader/direct_calls.h"

namespace dictloader {
namespace {
using namespace capi;

// --- argument buffers -------------------------------------------------------
// A slot holds the value at offset 0 (up to a 16-byte long double) and the
// client's type code at kTypeOffset.
constexpr size_t kSlotSize = 32;
constexpr size_t kTypeOffset = 24;
constexpr size_t kStatusSize = 2 * sizeof(unsigned long);
constexpr size_t kHeaderSize = 16;  // keeps slots 16-byte aligned
constexpr int kPooledArgs = 8;
constexpr size_t kPooledBytes = kHeaderSize + kPooledArgs * kSlotSize + kStatusSize;

// Per-thread free list of argument buffers. Plain data in initial-exec TLS, so
// the hot path costs no TLS lookup call and no init guard; the releaser (with a
// destructor, hence a guard) is touched only when a buffer is first made.
struct BufferPool {
  static constexpr int kCapacity = 16;
  void* blocks[kCapacity];
  int count;
};
__attribute__((tls_model("initial-exec"))) thread_local BufferPool tlsPool;

struct PoolReleaser {
  ~PoolReleaser() {
    for (int i = 0; i < tlsPool.count; ++i) std::free(tlsPool.blocks[i]);
    tlsPool.count = 0;
  }
};
thread_local PoolReleaser tlsReleaser;

// The exception of this thread's last failed stub call (dictionary ABI 1.7),
// taken from its dictionary at once and held for
// dictloader_call_exception_object until the call's argument buffer is
// released: a client that never asks (PyPy's _cppyy) keeps no exception
// alive. Plain initial-exec TLS, as the pool: the buffer's release tests it.
__attribute__((tls_model("initial-exec"))) thread_local std::exception_ptr* tlsCallException;

struct CallExceptionReleaser {
  ~CallExceptionReleaser() {
    delete tlsCallException;
    tlsCallException = nullptr;
  }
};
thread_local CallExceptionReleaser tlsCallExceptionReleaser;

void holdCallException(const Method* m) {
  TakeStubExceptionFn take = takeStubException(*m->dict->abi);
  auto* caught = take ? static_cast<std::exception_ptr*>(take()) : nullptr;
  if (caught == nullptr && tlsCallException == nullptr) return;
  (void)&tlsCallExceptionReleaser;  // deletes what is still held when the thread ends
  delete tlsCallException;
  tlsCallException = caught;
}

// --- PyPy's retry pass -------------------------------------------------------
// PyPy's _cppyy (7.3.11) tries the overloads of a call in order, and when all
// failed it calls every one of them again to collect their messages: a C++
// function that threw would run twice, and an overload after it that the
// arguments also fit would run once with no reason (contract section 9).
// The loader keeps that from reaching C++: after a stub call from one of
// _cppyy's argument buffers throws, further calls of the same overload set on
// that thread are refused unrun, each remembered; when the retry pass asks for
// the thrower again it gets the stored message, and the refused ones are
// refused again, in order. Any other call ends this. Only _cppyy's buffers
// (cppyy_allocate_function_args) are guarded: other clients never retry.
std::atomic<bool> gRetryGuardEnabled{true};  // dictloader_set_retry_guard

struct LiveBuffers {
  static constexpr int kCapacity = 16;  // nested calls (callbacks) deeper than this are not guarded
  void* args[kCapacity];
  int count;
};
__attribute__((tls_model("initial-exec"))) thread_local LiveBuffers tlsLiveBuffers;

bool isClientBuffer(void* args) {
  for (int i = tlsLiveBuffers.count - 1; i >= 0; --i)
    if (tlsLiveBuffers.args[i] == args) return true;
  return false;
}

struct RetryGuard {
  enum class State { Idle, AwaitingRetry, Replaying } state = State::Idle;
  const Method* thrower = nullptr;
  void* self = nullptr;
  std::string message;                  // what the thrower reported
  std::vector<const Method*> refused;   // overloads refused after it, in order
  size_t replayed = 0;                  // how many of those the retry pass asked for again
};
thread_local RetryGuard tlsRetryGuard;

bool sameOverloadSet(const Method* a, const Method* b) {
  return a->scope == b->scope && a->name() == b->name();
}

std::string refusalMessage(const RetryGuard& guard) {
  const std::string& owner = guard.thrower->scope->qualifiedName;
  return "not called: " + (owner.empty() ? std::string() : owner + "::") + std::string(guard.thrower->name()) +
         " threw first (" + guard.message + "), and a C++ call runs once";
}

// Hands a failure to the client: into the status area that follows the
// arguments (PyPy raises it as an exception), and into the thread's last error.
void report(void* args, int nargs, const std::string& message) {
  setLastError(message);
  if (args == nullptr) {
    std::fprintf(stderr, "dictloader: %s\n", message.c_str());
    return;
  }
  auto* status = reinterpret_cast<unsigned long*>(static_cast<char*>(args) + nargs * kSlotSize);
  status[0] = 1;
  status[1] = reinterpret_cast<unsigned long>(copy(message));
}

union Result {
  bool b;
  char c;
  signed char sc;
  unsigned char uc;
  short s;
  unsigned short us;
  int i;
  unsigned int ui;
  long l;
  unsigned long ul;
  long long ll;
  unsigned long long ull;
  float f;
  double d;
  long double ld;
  wchar_t w;
  char16_t c16;
  char32_t c32;
  void* p;
};

std::string qualifiedName(const Method* m) {
  const std::string& owner = m->scope->qualifiedName;
  return owner.empty() ? std::string(m->name()) : owner + "::" + m->name();
}

// While the guard is armed: true if this call is one the retry pass repeats
// (refused, with its message reported), false if it ends the guard and runs.
bool refusedByRetryGuard(const Method* m, void* self, int nargs, void* args) {
  RetryGuard& guard = tlsRetryGuard;
  bool clientCall =
      args != nullptr && gRetryGuardEnabled.load(std::memory_order_relaxed) && isClientBuffer(args);
  if (clientCall && guard.state == RetryGuard::State::AwaitingRetry && sameOverloadSet(m, guard.thrower)) {
    if (m == guard.thrower && self == guard.self) {  // the retry pass reached the thrower again
      report(args, nargs, guard.message);
      guard.state = guard.refused.empty() ? RetryGuard::State::Idle : RetryGuard::State::Replaying;
      return true;
    }
    guard.refused.push_back(m);
    report(args, nargs, refusalMessage(guard));
    return true;
  }
  if (clientCall && guard.state == RetryGuard::State::Replaying && guard.replayed < guard.refused.size() &&
      guard.refused[guard.replayed] == m) {
    report(args, nargs, refusalMessage(guard));
    if (++guard.replayed == guard.refused.size()) guard.state = RetryGuard::State::Idle;
    return true;
  }
  guard.state = RetryGuard::State::Idle;  // another call: the Python call that threw is over
  return false;
}

bool invoke(const Method* m, void* self, int nargs, void* args, Result& result) {
  if (m == nullptr) {
    report(args, nargs < 0 ? 0 : nargs, "call through a null method handle");
    return false;
  }
  // A method called on a null object (an unbound call, a destroyed or null
  // instance) would crash in C++: refuse it here, whatever the client did.
  if (self == nullptr && m->kind == DL_FUNC_METHOD) {
    report(args, nargs < 0 ? 0 : nargs,
           "cannot call " + qualifiedName(m) +
               "() without an object: it is a non-static member function "
               "(call it on an instance)");
    return false;
  }
  if (nargs < static_cast<int>(m->requiredArgs) || nargs > static_cast<int>(m->numArgs) ||
      (nargs > 0 && args == nullptr)) {
    report(args, nargs < 0 ? 0 : nargs,
           std::string(m->name()) + "() takes " + std::to_string(m->requiredArgs) + " to " +
               std::to_string(m->numArgs) + " arguments (" + std::to_string(nargs) + " given)");
    return false;
  }
  // Each slot holds what the stub expects at args[i]: the value itself, or
  // for objects passed by address (DL_PASS_INDIRECT) the object's address.
  void* argv[64];
  char* slots = static_cast<char*>(args);
  for (int i = 0; i < nargs; ++i) argv[i] = slots + i * kSlotSize;
  if (tlsRetryGuard.state != RetryGuard::State::Idle && refusedByRetryGuard(m, self, nargs, args)) return false;
  char error[512];
  error[0] = '\0';
  if (m->stub(self, nargs, argv, &result, error, sizeof error) == 0) return true;
  holdCallException(m);
  std::string message(error);
  if (message.empty()) message = std::string("C++ exception in ") + m->name();
  if (args != nullptr && gRetryGuardEnabled.load(std::memory_order_relaxed) && isClientBuffer(args)) {
    RetryGuard& guard = tlsRetryGuard;
    guard.state = RetryGuard::State::AwaitingRetry;
    guard.thrower = m;
    guard.self = self;
    guard.message = message;
    guard.refused.clear();
    guard.replayed = 0;
  }
  report(args, nargs, message);
  return false;
}

template <class T>
T convert(const Result& r, std::uint32_t kind) {
  switch (kind) {
    case DL_RESULT_BOOL:
      return static_cast<T>(r.b);
    case DL_RESULT_CHAR:
      return static_cast<T>(r.c);
    case DL_RESULT_SCHAR:
      return static_cast<T>(r.sc);
    case DL_RESULT_UCHAR:
      return static_cast<T>(r.uc);
    case DL_RESULT_SHORT:
      return static_cast<T>(r.s);
    case DL_RESULT_USHORT:
      return static_cast<T>(r.us);
    case DL_RESULT_INT:
      return static_cast<T>(r.i);
    case DL_RESULT_UINT:
      return static_cast<T>(r.ui);
    case DL_RESULT_LONG:
      return static_cast<T>(r.l);
    case DL_RESULT_ULONG:
      return static_cast<T>(r.ul);
    case DL_RESULT_LLONG:
      return static_cast<T>(r.ll);
    case DL_RESULT_ULLONG:
      return static_cast<T>(r.ull);
    case DL_RESULT_FLOAT:
      return static_cast<T>(r.f);
    case DL_RESULT_DOUBLE:
      return static_cast<T>(r.d);
    case DL_RESULT_LDOUBLE:
      return static_cast<T>(r.ld);
    case DL_RESULT_WCHAR:
      return static_cast<T>(r.w);
    case DL_RESULT_CHAR16:
      return static_cast<T>(r.c16);
    case DL_RESULT_CHAR32:
      return static_cast<T>(r.c32);
    case DL_RESULT_POINTER:
    case DL_RESULT_NEW_OBJECT:
    case DL_RESULT_STRING:
      return static_cast<T>(reinterpret_cast<std::intptr_t>(r.p));
    default:
      return T{};
  }
}

template <class T>
T callAs(cppyy_method_t m, void* self, int nargs, void* args) {
  Result r;
  r.ull = 0;
  if (!invoke(method(m), self, nargs, args, r)) return T{};
  return convert<T>(r, method(m)->resultKind);
}

// PyPy 7.3.11 reads (for `x[i] = v`, writes) the value a reference to a
// builtin result refers to before it looks at the error status: a failed
// call (std::map::at of a missing key) hands it a zeroed scratch value, not
// null. A reference to a class may stay null: its executors only wrap it.
void* failedReferenceResult(const Method& m) {
  std::string_view type = m.dict->str(m.fn->result_type);
  if (type.empty() || type.back() != '&') return nullptr;
  type.remove_suffix(1);
  if (type.substr(0, 6) == "const ") type.remove_prefix(6);
  if (Scope* referred = Registry::instance().findScope(type); referred && referred->isClass()) return nullptr;
  alignas(16) static thread_local unsigned char scratch[16];
  std::memset(scratch, 0, sizeof scratch);
  return scratch;
}

void* callForPointer(cppyy_method_t m, void* self, int nargs, void* args) {
  Result r;
  r.p = nullptr;
  if (!invoke(method(m), self, nargs, args, r)) return nullptr;
  return r.p;
}

}  // namespace

std::exception_ptr* capi::takeCallException() {
  std::exception_ptr* caught = tlsCallException;
  tlsCallException = nullptr;
  return caught;
}

}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

// --- objects ------------------------------------------------------------------
void cppyy_destruct(cppyy_type_t type, cppyy_object_t obj) {
  Scope* s = classScope(type);
  if (s == nullptr || obj == nullptr) return;
  if (s->deleteObject == nullptr) {
    setLastError("cannot destroy an object of class '" + s->qualifiedName +
                 "': its destructor is not public");
    return;
  }
  char error[512];
  if (s->deleteObject(obj, 0, nullptr, nullptr, error, sizeof error) != 0)
    std::fprintf(stderr, "dictloader: exception in the destructor of '%s': %s\n", s->qualifiedName.c_str(),
                 error);
}

cppyy_object_t cppyy_allocate(cppyy_type_t type) {
  Scope* s = classScope(type);
  return s ? ::operator new(s->size, std::nothrow) : nullptr;
}

void cppyy_deallocate(cppyy_type_t, cppyy_object_t obj) { ::operator delete(obj); }

cppyy_object_t cppyy_construct(cppyy_type_t type) {
  Scope* s = classScope(type);
  if (s == nullptr) return nullptr;
  // The constructor runs without the registry lock: it is user code.
  for (Method* m : Registry::instance().findMethods(*s, s->name))
    if (m->kind == DL_FUNC_CONSTRUCTOR && m->requiredArgs == 0)
      return callForPointer(reinterpret_cast<cppyy_method_t>(m), nullptr, 0, nullptr);
  return nullptr;
}

void cppyy_destructor(cppyy_type_t type, cppyy_object_t obj) { cppyy_destruct(type, obj); }

// --- calls ----------------------------------------------------------------------
void cppyy_call_v(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  Result r;
  invoke(method(m), self, nargs, args, r);
}
unsigned char cppyy_call_b(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<bool>(m, self, nargs, args);
}
char cppyy_call_c(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<char>(m, self, nargs, args);
}
short cppyy_call_h(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<short>(m, self, nargs, args);
}
int cppyy_call_i(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<int>(m, self, nargs, args);
}
long cppyy_call_l(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long>(m, self, nargs, args);
}
long long cppyy_call_ll(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long long>(m, self, nargs, args);
}
float cppyy_call_f(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<float>(m, self, nargs, args);
}
double cppyy_call_d(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<double>(m, self, nargs, args);
}
long double cppyy_call_ld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return callAs<long double>(m, self, nargs, args);
}
double cppyy_call_nld(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  return static_cast<double>(callAs<long double>(m, self, nargs, args));
}
void* cppyy_call_r(cppyy_method_t m, cppyy_object_t self, int nargs, void* args) {
  Result r;
  r.p = nullptr;
  if (!invoke(method(m), self, nargs, args, r))
    return method(m) ? failedReferenceResult(*method(m)) : nullptr;
  return r.p;
}

char* cppyy_call_s(cppyy_method_t m, cppyy_object_t self, int nargs, void* args, size_t* length) {
  if (length) *length = 0;
  void* result = callForPointer(m, self, nargs, args);
  if (result == nullptr || method(m)->resultKind != DL_RESULT_STRING) return copy("");
  auto* text = static_cast<std::string*>(result);
  char* out = static_cast<char*>(std::malloc(text->size() + 1));
  if (out) {
    std::memcpy(out, text->data(), text->size());
    out[text->size()] = '\0';
    if (length) *length = text->size();
  }
  delete text;
  return out ? out : copy("");
}

cppyy_object_t cppyy_constructor(cppyy_method_t m, cppyy_type_t, int nargs, void* args) {
  return callForPointer(m, nullptr, nargs, args);
}

cppyy_object_t cppyy_call_o(cppyy_method_t m, cppyy_object_t self, int nargs, void* args, cppyy_type_t) {
  return callForPointer(m, self, nargs, args);
}

cppyy_funcaddr_t cppyy_function_address(cppyy_method_t m) {
  if (m == 0 || method(m)->fastAddress == nullptr) return nullptr;
  const Method* fast = method(m);
  if (gRetryGuardEnabled.load(std::memory_order_relaxed)) {
    // A direct call is beyond the retry guard: an overload set is fast only
    // when none of its members needs the stubs (may throw).
    for (const Method* other : Registry::instance().findMethods(*fast->scope, std::string(fast->name())))
      if (other->fastAddress == nullptr && other->kind != DL_FUNC_DESTRUCTOR) return nullptr;
  }
  return fast->fastAddress;
}

int dictloader_set_retry_guard(int enabled) {
  return gRetryGuardEnabled.exchange(enabled != 0) ? 1 : 0;
}

// --- argument buffers -------------------------------------------------------------
void* cppyy_allocate_function_args(int nargs) {
  if (nargs < 0) nargs = 0;
  char* block = nullptr;
  if (nargs <= kPooledArgs) {
    BufferPool& pool = tlsPool;
    if (pool.count > 0) {
      block = static_cast<char*>(pool.blocks[--pool.count]);
    } else {
      (void)&tlsReleaser;  // frees this thread's pool when the thread ends
      block = static_cast<char*>(std::malloc(kPooledBytes));
    }
    if (block == nullptr) return nullptr;
    *reinterpret_cast<int*>(block) = kPooledArgs;
  } else {
    block = static_cast<char*>(std::malloc(kHeaderSize + nargs * kSlotSize + kStatusSize));
    if (block == nullptr) return nullptr;
    *reinterpret_cast<int*>(block) = nargs;
  }
  LiveBuffers& live = tlsLiveBuffers;
  if (live.count < LiveBuffers::kCapacity) live.args[live.count++] = block + kHeaderSize;
  return block + kHeaderSize;
}

void cppyy_deallocate_function_args(void* args) {
  if (args == nullptr) return;
  LiveBuffers& live = tlsLiveBuffers;
  for (int i = live.count - 1; i >= 0; --i)
    if (live.args[i] == args) {
      live.args[i] = live.args[--live.count];
      break;
    }
  if (tlsCallException != nullptr) {
    delete tlsCallException;
    tlsCallException = nullptr;
  }
  char* block = static_cast<char*>(args) - kHeaderSize;
  BufferPool& pool = tlsPool;
  if (*reinterpret_cast<int*>(block) == kPooledArgs && pool.count < BufferPool::kCapacity) {
    pool.blocks[pool.count++] = block;
    return;
  }
  std::free(block);
}

size_t cppyy_function_arg_sizeof(void) { return kSlotSize; }
size_t cppyy_function_arg_typeoffset(void) { return kTypeOffset; }

}  // extern "C"
