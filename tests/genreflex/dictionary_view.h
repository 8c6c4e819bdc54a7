// dictionary_view.h - the tests' reader for a generated dictionary: dlopen, then look
// things up by name in the DlDictionary tables.
//
// Lookups return null (or throw, for whole-dictionary failures) so a test can
// ASSERT on presence before reading; nothing here knows what the test headers hold.
#pragma once

#include <dictloader/dictionary_abi.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace genreflex_test {

class DictionaryView {
 public:
  // Loads the library (RTLD_NOW | RTLD_LOCAL) and finds DLDICT_ENTRY_SYMBOL;
  // throws std::runtime_error with dlerror()'s text on failure. The library
  // stays loaded: objects made by its stubs may outlive the view.
  explicit DictionaryView(const std::string& path);

  const DlDictionary& raw() const { return *dict_; }
  const char* str(std::uint32_t offset) const;

  const DlScope* scope(std::string_view qualifiedName) const;
  std::uint32_t scopeIndex(const DlScope& scope) const;
  const DlScope& scopeAt(std::uint32_t index) const { return dict_->scopes[index]; }

  // Every function of a scope with this name, in table order.
  std::vector<const DlFunction*> functions(std::string_view scopeName, std::string_view name) const;
  // The one function whose argument types, as recorded, equal argTypes.
  const DlFunction* function(std::string_view scopeName, std::string_view name,
                             const std::vector<std::string_view>& argTypes) const;
  const DlArgument& argument(const DlFunction& fn, std::uint32_t i) const;
  std::vector<std::string> argumentTypes(const DlFunction& fn) const;

  const DlDataMember* data(std::string_view scopeName, std::string_view name) const;
  const DlBase* base(std::string_view derived, std::string_view baseName) const;
  const DlEnum* enumeration(std::string_view qualifiedName) const;
  // The enumerator's value; false if the enum has no enumerator of that name.
  bool enumerator(const DlEnum& en, std::string_view name, std::int64_t& value) const;
  const DlTypedef* typedefNamed(std::string_view qualifiedName) const;

 private:
  const DlDictionary* dict_ = nullptr;
};

// The two dictionaries the build generated from the same headers, loaded
// once per process: most tests run against both.
enum class Generated { WithAddresses, StubsOnly };
const DictionaryView& generatedDictionary(Generated which);
const char* generatedLabel(Generated which);

// Calls fn's stub. Returns its status; on failure error holds the stub's text.
int callStub(const DlFunction& fn, void* self, std::initializer_list<void*> args, void* result,
             std::string& error);
int callStub(const DlFunction& fn, void* self, std::initializer_list<void*> args, void* result);

}  // namespace genreflex_test
