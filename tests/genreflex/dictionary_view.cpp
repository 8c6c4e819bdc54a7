// dictionary_view.cpp - dlopen and table lookups for the genreflex tests.
#include "dictionary_view.h"

#include <dlfcn.h>

#include <stdexcept>

namespace genreflex_test {

DictionaryView::DictionaryView(const std::string& path) {
  void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw std::runtime_error("dlopen " + path + ": " + ::dlerror());
  void* symbol = ::dlsym(handle, DLDICT_ENTRY_SYMBOL);
  if (!symbol) throw std::runtime_error("dlsym " DLDICT_ENTRY_SYMBOL " in " + path + ": " + ::dlerror());
  dict_ = static_cast<const DlDictionary*>(symbol);
}

const char* DictionaryView::str(std::uint32_t offset) const {
  if (offset >= dict_->strings_size) throw std::out_of_range("string offset outside the pool");
  return dict_->strings + offset;
}

const DlScope* DictionaryView::scope(std::string_view qualifiedName) const {
  for (std::uint32_t i = 0; i < dict_->num_scopes; ++i)
    if (str(dict_->scopes[i].qualified_name) == qualifiedName) return &dict_->scopes[i];
  return nullptr;
}

std::uint32_t DictionaryView::scopeIndex(const DlScope& scope) const {
  return static_cast<std::uint32_t>(&scope - dict_->scopes);
}

std::vector<const DlFunction*> DictionaryView::functions(std::string_view scopeName,
                                                         std::string_view name) const {
  std::vector<const DlFunction*> found;
  const DlScope* s = scope(scopeName);
  if (!s) return found;
  for (std::uint32_t i = s->first_function; i < s->first_function + s->num_functions; ++i)
    if (str(dict_->functions[i].name) == name) found.push_back(&dict_->functions[i]);
  return found;
}

const DlFunction* DictionaryView::function(std::string_view scopeName, std::string_view name,
                                           const std::vector<std::string_view>& argTypes) const {
  std::vector<std::string> wanted(argTypes.begin(), argTypes.end());
  const DlFunction* match = nullptr;
  for (const DlFunction* fn : functions(scopeName, name)) {
    if (argumentTypes(*fn) != wanted) continue;
    if (match) throw std::logic_error("two functions " + std::string(name) + " with one signature");
    match = fn;
  }
  return match;
}

const DlArgument& DictionaryView::argument(const DlFunction& fn, std::uint32_t i) const {
  if (i >= fn.num_args || fn.first_arg + i >= dict_->num_arguments) throw std::out_of_range("argument index");
  return dict_->arguments[fn.first_arg + i];
}

std::vector<std::string> DictionaryView::argumentTypes(const DlFunction& fn) const {
  std::vector<std::string> types;
  for (std::uint32_t i = 0; i < fn.num_args; ++i) types.emplace_back(str(argument(fn, i).type));
  return types;
}

const DlDataMember* DictionaryView::data(std::string_view scopeName, std::string_view name) const {
  const DlScope* s = scope(scopeName);
  if (!s) return nullptr;
  for (std::uint32_t i = s->first_data; i < s->first_data + s->num_data; ++i)
    if (str(dict_->data[i].name) == name) return &dict_->data[i];
  return nullptr;
}

const DlBase* DictionaryView::base(std::string_view derived, std::string_view baseName) const {
  const DlScope* s = scope(derived);
  if (!s) return nullptr;
  for (std::uint32_t i = s->first_base; i < s->first_base + s->num_bases; ++i)
    if (str(dict_->bases[i].base_name) == baseName) return &dict_->bases[i];
  return nullptr;
}

const DlEnum* DictionaryView::enumeration(std::string_view qualifiedName) const {
  for (std::uint32_t i = 0; i < dict_->num_enums; ++i)
    if (str(dict_->enums[i].qualified_name) == qualifiedName) return &dict_->enums[i];
  return nullptr;
}

bool DictionaryView::enumerator(const DlEnum& en, std::string_view name, std::int64_t& value) const {
  for (std::uint32_t i = en.first_enumerator; i < en.first_enumerator + en.num_enumerators; ++i) {
    if (str(dict_->enumerators[i].name) != name) continue;
    value = dict_->enumerators[i].value;
    return true;
  }
  return false;
}

const DlTypedef* DictionaryView::typedefNamed(std::string_view qualifiedName) const {
  for (std::uint32_t i = 0; i < dict_->num_typedefs; ++i)
    if (str(dict_->typedefs[i].qualified_name) == qualifiedName) return &dict_->typedefs[i];
  return nullptr;
}

const DictionaryView& generatedDictionary(Generated which) {
  if (which == Generated::WithAddresses) {
    static const DictionaryView withAddresses(GENREFLEX_TEST_DICT_ADDRESSES);
    return withAddresses;
  }
  static const DictionaryView stubsOnly(GENREFLEX_TEST_DICT_STUBS);
  return stubsOnly;
}

const char* generatedLabel(Generated which) {
  return which == Generated::WithAddresses ? "WithAddresses" : "StubsOnly";
}

int callStub(const DlFunction& fn, void* self, std::initializer_list<void*> args, void* result,
             std::string& error) {
  std::vector<void*> slots(args);
  char text[256] = "";
  int status = fn.stub(self, static_cast<int>(slots.size()), slots.data(), result, text, sizeof text);
  error = text;
  return status;
}

int callStub(const DlFunction& fn, void* self, std::initializer_list<void*> args, void* result) {
  std::string ignored;
  return callStub(fn, self, args, result, ignored);
}

}  // namespace genreflex_test
