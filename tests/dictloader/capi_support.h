// capi_support.h - what the dictloader tests share: the loaded test dictionary, and the
// C API's strings, index arrays and argument buffers held the way PyPy's _cppyy holds them.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictloader.h"

namespace dictloader_test {

// Takes a malloc'ed char* result and frees it with cppyy_free, as PyPy's charp2str_free does.
// A null result would crash PyPy, so it is recorded as a failure here.
inline std::string take(char* text) {
  EXPECT_NE(text, nullptr) << "a cppyy char* result must never be NULL";
  if (text == nullptr) return "<NULL>";
  std::string out(text);
  cppyy_free(text);
  return out;
}

// A PyPy-style argument buffer: n slots of cppyy_function_arg_sizeof() bytes, each
// value at offset 0, then the two status words. Status is cleared before each call.
class Args {
 public:
  explicit Args(int n) : n_(n), buffer_(static_cast<char*>(cppyy_allocate_function_args(n))) {
    EXPECT_NE(buffer_, nullptr);
    if (buffer_ != nullptr) std::memset(buffer_, 0, n * stride() + 2 * sizeof(unsigned long));
  }
  ~Args() { cppyy_deallocate_function_args(buffer_); }
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

  static size_t stride() { return cppyy_function_arg_sizeof(); }
  template <class T>
  Args& set(int i, T value) {
    std::memcpy(buffer_ + i * stride(), &value, sizeof value);
    return *this;
  }
  // bool goes in as a long 0/1, like PyPy's BoolConverter writes it.
  Args& setBool(int i, bool value) { return set<long>(i, value ? 1 : 0); }
  Args& setPointer(int i, const void* value) { return set<const void*>(i, value); }

  void* get() { return buffer_; }
  // The status words sit after the n slots the call was made with.
  unsigned long* status(int nargs) { return reinterpret_cast<unsigned long*>(buffer_ + nargs * stride()); }
  unsigned long* status() { return status(n_); }
  void clearStatus(int nargs) {
    status(nargs)[0] = 0;
    status(nargs)[1] = 0;
  }
  void clearStatus() { clearStatus(n_); }
  // The reported exception text (freed here), "" if none was reported.
  std::string takeError(int nargs) {
    unsigned long* s = status(nargs);
    if (s[0] == 0) return "";
    char* text = reinterpret_cast<char*>(s[1]);
    std::string out = text ? text : "<NULL message>";
    cppyy_free(text);
    s[0] = 0;
    s[1] = 0;
    return out;
  }
  std::string takeError() { return takeError(n_); }

 private:
  int n_;
  char* buffer_;
};

// Loads the test dictionary once per process (loading again is a no-op).
class LoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
  }

  static cppyy_scope_t scopeOf(const char* name) {
    cppyy_scope_t s = cppyy_get_scope(name);
    EXPECT_NE(s, 0u) << "no scope " << name;
    return s;
  }

  // The one method of scope called name whose signature (no formal args) is sig;
  // 0 (and a failure) if there is no such overload. Walks num_methods/get_method
  // as PyPy's _build_overloads does for classes.
  static cppyy_method_t methodOf(cppyy_scope_t scope, const std::string& name, const std::string& sig) {
    cppyy_method_t found = 0;
    int n = cppyy_num_methods(scope);
    for (int i = 0; i < n; ++i) {
      cppyy_method_t m = cppyy_get_method(scope, i);
      if (take(cppyy_method_name(m)) != name || take(cppyy_method_signature(m, 0)) != sig) continue;
      EXPECT_EQ(found, 0) << name << sig << " listed twice";
      found = m;
    }
    EXPECT_NE(found, 0) << "no method " << name << sig;
    return found;
  }

  // Index of the data member called name, walking the members like _find_datamembers; -1 if none.
  static int dataIndexOf(cppyy_scope_t scope, const std::string& name) {
    int n = cppyy_num_datamembers(scope);
    for (int i = 0; i < n; ++i)
      if (take(cppyy_datamember_name(scope, i)) == name) return i;
    return -1;
  }

  // Indices from method_indices_from_name, up to the (size_t)-1 end; the array is freed.
  static std::vector<cppyy_index_t> indicesOf(cppyy_scope_t scope, const char* name) {
    std::vector<cppyy_index_t> out;
    cppyy_index_t* raw = cppyy_method_indices_from_name(scope, name);
    if (raw == nullptr) return out;
    for (size_t i = 0; raw[i] != static_cast<cppyy_index_t>(-1); ++i) {
      out.push_back(raw[i]);
      if (i > 1000) {
        ADD_FAILURE() << "index array of " << name << " is not terminated";
        break;
      }
    }
    cppyy_free(raw);
    return out;
  }
};

}  // namespace dictloader_test
