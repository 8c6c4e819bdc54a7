// builtin_std.cpp - the loader's own dictionary: namespace std and std::string.
//
// Clients need std::string as a class even before any user dictionary is
// loaded: PyPy's _cppyy builds std::string arguments through
// cppyy_charp2stdstring and wraps `std::string&` results, and its Python
// class needs c_str(). These tables follow dictionary_abi.h like any
// generated dictionary.
#include <cstring>
#include <exception>
#include <string>

#include "registry.h"

namespace dictloader {
namespace {

using String = std::string;

int fail(char* error, size_t size, const char* text) {
  if (size == 0) return 1;
  std::strncpy(error, text, size - 1);
  error[size - 1] = '\0';
  return 1;
}

template <class F>
int guarded(char* error, size_t size, F&& body) {
  try {
    body();
    return 0;
  } catch (const std::exception& e) {
    return fail(error, size, e.what());
  } catch (...) {
    return fail(error, size, "unknown C++ exception");
  }
}

int newEmpty(void*, int, void* const*, void* result, char* e, size_t n) {
  return guarded(e, n, [&] { *static_cast<void**>(result) = new String(); });
}
int newFromChars(void*, int, void* const* args, void* result, char* e, size_t n) {
  return guarded(e, n,
                 [&] { *static_cast<void**>(result) = new String(*static_cast<const char**>(args[0])); });
}
int newCopy(void*, int, void* const* args, void* result, char* e, size_t n) {
  return guarded(e, n, [&] { *static_cast<void**>(result) = new String(**static_cast<String**>(args[0])); });
}
int cStr(void* self, int, void* const*, void* result, char* e, size_t n) {
  return guarded(e, n, [&] { *static_cast<const void**>(result) = static_cast<String*>(self)->c_str(); });
}
int size(void* self, int, void* const*, void* result, char* e, size_t n) {
  return guarded(e, n, [&] { *static_cast<unsigned long*>(result) = static_cast<String*>(self)->size(); });
}
int empty(void* self, int, void* const*, void* result, char* e, size_t n) {
  return guarded(e, n, [&] { *static_cast<bool*>(result) = static_cast<String*>(self)->empty(); });
}
int equals(void* self, int, void* const* args, void* result, char* e, size_t n) {
  return guarded(e, n, [&] {
    *static_cast<bool*>(result) = *static_cast<String*>(self) == **static_cast<String**>(args[0]);
  });
}
int assign(void* self, int, void* const* args, void* result, char* e, size_t n) {
  return guarded(e, n, [&] {
    *static_cast<String*>(self) = **static_cast<String**>(args[0]);
    *static_cast<void**>(result) = self;
  });
}
int deleteString(void* self, int, void* const*, void*, char* e, size_t n) {
  return guarded(e, n, [&] { delete static_cast<String*>(self); });
}

// Offsets into kStrings below.
enum : std::uint32_t {
  sEmpty = 0,
  sStd = 1,
  sString = 5,
  sStdString = 12,
  sCStr = 24,
  sConstCharP = 30,
  sSize = 42,
  sUlong = 47,
  sLength = 61,
  sEmptyFn = 68,
  sBool = 74,
  sOpEq = 79,
  sConstStringRef = 90,
  sText = 109,
  sOther = 114,
  sBasic = 120,
  sBasicFull = 144,
  sCxx11 = 214,
  sName = 247,
  sOpAssign = 262,
  sStringRef = 272
};
const char kStrings[] =
    "\0"                                                                       // 0
    "std\0"                                                                    // 1
    "string\0"                                                                 // 5
    "std::string\0"                                                            // 12
    "c_str\0"                                                                  // 24
    "const char*\0"                                                            // 30
    "size\0"                                                                   // 42
    "unsigned long\0"                                                          // 47
    "length\0"                                                                 // 61
    "empty\0"                                                                  // 68
    "bool\0"                                                                   // 74
    "operator==\0"                                                             // 79
    "const std::string&\0"                                                     // 90
    "text\0"                                                                   // 109
    "other\0"                                                                  // 114
    "std::basic_string<char>\0"                                                // 120
    "std::basic_string<char, std::char_traits<char>, std::allocator<char>>\0"  // 144
    "std::__cxx11::basic_string<char>\0"  // 214 (inline namespace spelling)
    "dictloader-std\0"                    // 247
    "operator=\0"                         // 262 (_cppyy writes data members through it)
    "std::string&\0";                     // 272

const DlArgument kArguments[] = {
    {sText, sConstCharP, sEmpty, DL_PASS_VALUE},
    {sOther, sConstStringRef, sEmpty, DL_PASS_INDIRECT},
    {sOther, sConstStringRef, sEmpty, DL_PASS_INDIRECT},
};

const DlFunction kFunctions[] = {
    {sString, 2, DL_FUNC_CONSTRUCTOR, 0, sStdString, DL_RESULT_NEW_OBJECT, 0, 0, 0, 0, newEmpty, nullptr},
    {sString, 2, DL_FUNC_CONSTRUCTOR, 0, sStdString, DL_RESULT_NEW_OBJECT, 0, 1, 1, 0, newFromChars, nullptr},
    {sString, 2, DL_FUNC_CONSTRUCTOR, 0, sStdString, DL_RESULT_NEW_OBJECT, 1, 1, 1, 0, newCopy, nullptr},
    {sCStr, 2, DL_FUNC_METHOD, DL_FUNC_CONST | DL_FUNC_NOTHROW, sConstCharP, DL_RESULT_POINTER, 0, 0, 0, 0,
     cStr, nullptr},
    {sSize, 2, DL_FUNC_METHOD, DL_FUNC_CONST | DL_FUNC_NOTHROW, sUlong, DL_RESULT_ULONG, 0, 0, 0, 0, size,
     nullptr},
    {sLength, 2, DL_FUNC_METHOD, DL_FUNC_CONST | DL_FUNC_NOTHROW, sUlong, DL_RESULT_ULONG, 0, 0, 0, 0, size,
     nullptr},
    {sEmptyFn, 2, DL_FUNC_METHOD, DL_FUNC_CONST | DL_FUNC_NOTHROW, sBool, DL_RESULT_BOOL, 0, 0, 0, 0, empty,
     nullptr},
    {sOpEq, 2, DL_FUNC_METHOD, DL_FUNC_CONST | DL_FUNC_OPERATOR, sBool, DL_RESULT_BOOL, 2, 1, 1, 0, equals,
     nullptr},
    {sOpAssign, 2, DL_FUNC_METHOD, DL_FUNC_OPERATOR, sStringRef, DL_RESULT_POINTER, 1, 1, 1, 0, assign,
     nullptr},
};

const DlScope kScopes[] = {
    {sEmpty, sEmpty, DLDICT_NONE, DL_SCOPE_NAMESPACE, 0, 0, 0, 0, 0, 0, 0, 0, nullptr},
    {sStd, sStd, 0, DL_SCOPE_NAMESPACE, 0, 0, 0, 0, 0, 0, 0, 0, nullptr},
    {sString, sStdString, 1, DL_SCOPE_CLASS, DL_SCOPE_DEFAULT_CONSTRUCTIBLE, 0,
     sizeof(kFunctions) / sizeof(kFunctions[0]), 0, 0, 0, 0, sizeof(String), deleteString},
};

const DlTypedef kTypedefs[] = {
    {sBasic, sBasic, 1, sStdString},
    {sBasicFull, sBasicFull, 1, sStdString},
    {sCxx11, sCxx11, 1, sStdString},
};

const DlDictionary kDictionary = {
    DLDICT_MAGIC,
    DLDICT_ABI_MAJOR,
    DLDICT_ABI_MINOR,
    sizeof(DlDictionary),
    0,
    kStrings,
    sizeof(kStrings),
    sName,
    sName,
    0,
    kScopes,
    3,
    0,
    kFunctions,
    sizeof(kFunctions) / sizeof(kFunctions[0]),
    0,
    kArguments,
    sizeof(kArguments) / sizeof(kArguments[0]),
    0,
    nullptr,
    0,
    0,
    nullptr,
    0,
    0,
    nullptr,
    0,
    0,
    nullptr,
    0,
    0,
    kTypedefs,
    sizeof(kTypedefs) / sizeof(kTypedefs[0]),
    0,
    nullptr,  // no entries: clients call std::string through the stubs
    nullptr,
    nullptr,  // no enum types
    nullptr,
    nullptr,
    nullptr,  // no smart pointers
    0,
    0,
    nullptr,  // no exception classes (the standard ones are std_exceptions.h's)
    0,
    0,
    nullptr,  // its stubs keep no exception
    nullptr,  // no dispatchers
    0,
    0,
    nullptr,
};

}  // namespace

const DlDictionary* builtinDictionary() { return &kDictionary; }

}  // namespace dictloader
