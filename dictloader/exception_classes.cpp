// exception_classes.cpp - a caught C++ exception as an object of the class
// it is caught as (dictionary ABI 1.7, native API 7).
//
// Clients raise a C++ exception as the Python class of the most derived
// exception class that some loaded dictionary describes and that catches it.
// The exception arrives as a std::exception_ptr (a checked entry's DlError, or
// the one the stubs keep, held by capi_calls.cpp); each exception class
// record has a function that rethrows it, catches it as its class and copies
// it. The class of the thrown type itself is tried first; when no dictionary
// describes that type (a class of the user's library, a libstdc++ internal),
// every exception class is tried, the most derived first, and the answer is
// kept per thrown type until another dictionary is registered.
// See dictloader/docs/exceptions.md.
#include <algorithm>
#include <memory>
#include <mutex>

#include "capi_internal.h"
#include "dictloader/direct_calls.h"

namespace dictloader {
namespace {

constexpr int kMaxHierarchyDepth = 64;  // a guard, far beyond real class hierarchies

void* copyAs(const Scope& scope, const std::exception_ptr& caught) {
  return scope.exceptionClass->copy_caught(static_cast<const void*>(&caught));
}

}  // namespace

bool Registry::isExceptionClass(Scope& scope) {
  {
    std::lock_guard guard(mutex_);
    if (!scope.isClass()) return false;
    if (scope.raisedAsException > 0) return true;
    if (scope.exceptionClass != nullptr) {
      scope.raisedAsException = 1;
      return true;
    }
  }
  // Not remembered when false: a dictionary registered later may describe a base.
  for (const BaseStep& base : knownBases(scope)) {
    if (!isExceptionClass(*base.scope)) continue;
    std::lock_guard guard(mutex_);
    scope.raisedAsException = 1;
    return true;
  }
  return false;
}

// How far below its most distant described base a class is: a class always
// comes after the classes derived from it when sorted by this, descending.
int Registry::exceptionDepth(Scope& scope, int guard) {
  {
    std::lock_guard lock(mutex_);
    if (scope.exceptionDepth >= 0) return scope.exceptionDepth;
  }
  int depth = 0;
  if (guard < kMaxHierarchyDepth)
    for (const BaseStep& base : knownBases(scope))
      depth = std::max(depth, 1 + exceptionDepth(*base.scope, guard + 1));
  std::lock_guard lock(mutex_);
  scope.exceptionDepth = depth;
  return depth;
}

void* Registry::copyException(const std::exception_ptr& caught, Scope*& found) {
  found = nullptr;
  if (!caught) return nullptr;
  const std::type_info* thrown = caught.__cxa_exception_type();
  bool answered = false;
  {
    std::lock_guard guard(mutex_);
    auto known = thrown ? thrownTypes_.find(thrown) : thrownTypes_.end();
    if (known != thrownTypes_.end() && known->second.second == dictionaries_.size()) {
      answered = true;
      found = known->second.first;
    }
  }
  if (answered) {
    if (found == nullptr) return nullptr;
    void* copy = copyAs(*found, caught);  // records never change: no lock needed
    if (copy == nullptr) found = nullptr;
    return copy;
  }
  // The thrown type's own class (its dictionary may be autoloaded here), then
  // every exception class that can copy, the most derived first.
  std::vector<Scope*> candidates;
  if (thrown != nullptr)
    if (Scope* own = scopeOfDynamicType(*thrown); own != nullptr && own->exceptionClass != nullptr)
      candidates.push_back(own);
  std::vector<Scope*> all;
  size_t seen;
  {
    std::lock_guard guard(mutex_);
    all = exceptionScopes_;
    seen = dictionaries_.size();
  }
  std::vector<std::pair<int, Scope*>> ordered;
  for (Scope* scope : all)
    if (scope->exceptionClass->copy_caught != nullptr) ordered.emplace_back(exceptionDepth(*scope, 0), scope);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [depth, scope] : ordered) candidates.push_back(scope);

  void* copy = nullptr;
  for (Scope* scope : candidates) {
    if (scope->exceptionClass->copy_caught == nullptr) continue;
    copy = copyAs(*scope, caught);
    if (copy == nullptr) continue;
    found = scope;
    break;
  }
  if (thrown != nullptr) {
    std::lock_guard guard(mutex_);
    thrownTypes_[thrown] = {found, seen};
  }
  return copy;
}

}  // namespace dictloader

using namespace dictloader;
using namespace dictloader::capi;

namespace {

void* objectOf(const std::exception_ptr& caught, cppyy_scope_t* type) {
  try {
    Scope* scope = nullptr;
    void* copy = Registry::instance().copyException(caught, scope);
    if (copy != nullptr) *type = handle(scope);
    return copy;
  } catch (...) {  // out of memory while looking: the client raises its generic exception
    return nullptr;
  }
}

}  // namespace

extern "C" {

int dictloader_is_exception_class(cppyy_scope_t type) {
  Scope* scope = classScope(type);
  try {
    return scope != nullptr && Registry::instance().isExceptionClass(*scope) ? 1 : 0;
  } catch (...) {
    return 0;
  }
}

void* dictloader_error_object(cppyy_method_t method, const DlError* error, cppyy_scope_t* type) {
  if (type == nullptr) return nullptr;
  *type = 0;
  const Method* m = capi::method(method);
  if (m == nullptr || m->dict->abi->abi_minor < 7 || error == nullptr || error->exception == nullptr)
    return nullptr;
  return objectOf(*static_cast<const std::exception_ptr*>(error->exception), type);
}

void* dictloader_call_exception_object(cppyy_scope_t* type) {
  std::unique_ptr<std::exception_ptr> caught(takeCallException());
  if (type == nullptr) return nullptr;
  *type = 0;
  if (caught == nullptr) return nullptr;
  return objectOf(*caught, type);
}

}  // extern "C"
