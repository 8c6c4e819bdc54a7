// direct_calls.cpp - dictloader/direct_calls.h: what clients that call C++
// through function pointers of their own need (constructor addresses, delete
// stubs, entries, object operations, stored exceptions).
#include "dictloader/direct_calls.h"

#include <atomic>
#include <cstddef>
#include <exception>
#include <new>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "capi_internal.h"

using namespace dictloader;
using namespace dictloader::capi;

extern "C" {

void* dictloader_constructor_address(cppyy_method_t m) { return m ? method(m)->newAddress : nullptr; }

DlStubFn dictloader_delete_function(cppyy_scope_t type) {
  Scope* s = classScope(type);
  return s ? s->deleteObject : nullptr;
}

int dictloader_function_entry(cppyy_method_t m, dictloader_entry* out) {
  if (m == 0 || out == nullptr) return 0;
  const Method& fn = *method(m);
  out->address = fn.entryAddress;
  out->kind = static_cast<int>(fn.entryKind);
  out->missing = static_cast<int>(fn.entryMissing);
  out->signature = fn.entrySignature;
  return 1;
}

int dictloader_object_ops(cppyy_scope_t type, struct dictloader_object_ops* out) {
  Scope* s = classScope(type);
  if (s == nullptr || out == nullptr) return 0;
  *out = {};
  out->size = static_cast<size_t>(s->size);
  if (const DlObjectOps* ops = s->objectOps) {
    out->align = static_cast<size_t>(ops->align);
    out->flags = ops->flags;
    out->allocate = ops->allocate;
    out->destroy = ops->destroy;
    out->move_to_heap = ops->move_to_heap;
  }
  if (s->flags & DL_SCOPE_POLYMORPHIC) out->flags |= DICTLOADER_OBJECT_POLYMORPHIC;
  return 1;
}

void dictloader_object_deallocate(cppyy_scope_t type, void* storage) {
  Scope* s = classScope(type);
  if (s == nullptr || storage == nullptr || s->objectOps == nullptr || s->objectOps->allocate == nullptr)
    return;
  // the counterpart of the dictionary's allocate (dictionary_abi.h, DlObjectOps)
  ::operator delete(storage, std::align_val_t(static_cast<std::size_t>(s->objectOps->align)));
}

void dictloader_error_release(DlError* error) {
  if (error == nullptr) return;
  delete static_cast<std::exception_ptr*>(error->exception);
  error->exception = nullptr;
  error->kind = DL_ERROR_NONE;
}

size_t dictloader_heap_growth(void) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  static std::atomic<size_t> last{0};
  const struct mallinfo2 heap = mallinfo2();
  const size_t inUse = heap.uordblks + heap.hblkhd;  // small chunks in use + mmapped chunks
  const size_t before = last.exchange(inUse, std::memory_order_relaxed);
  // the first call reports nothing: what the heap held then is not news
  return before != 0 && inUse > before ? inUse - before : 0;
#else
  return 0;
#endif
}

}  // extern "C"
