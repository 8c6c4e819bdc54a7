// dispatchers_emit_test.cpp - the dispatchers genreflex writes (dictionary
// ABI 1.8) for data/dispatchers.h, read from the generated tables: which
// classes get one, which virtual functions it overrides (its slots) and with
// which constructors its objects are made, the protected members described
// for its Python subclasses; a dispatcher object made by its constructor's
// stub, calling the dictionary's callback slot where its "client" overrides
// a slot, and its slots' stubs reaching the class's own implementation.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "dictionary_view.h"

namespace genreflex_test {
namespace {

const DictionaryView& dispatch() {
  static const DictionaryView dict(GENREFLEX_TEST_DICT_DISPATCH);
  return dict;
}

const DlDispatcher* dispatcherOf(std::string_view scopeName) {
  const DlScope* scope = dispatch().scope(scopeName);
  EXPECT_NE(scope, nullptr) << scopeName;
  if (scope == nullptr) return nullptr;
  const DlDictionary& d = dispatch().raw();
  for (std::uint32_t i = 0; i < d.num_dispatchers; ++i)
    if (d.dispatchers[i].scope == dispatch().scopeIndex(*scope)) return &d.dispatchers[i];
  return nullptr;
}

// "name(argument types) const" of each slot, in slot order.
std::vector<std::string> slotsOf(const DlDispatcher& r) {
  std::vector<std::string> out;
  const DlDictionary& d = dispatch().raw();
  for (std::uint32_t f = r.first_slot; f < r.first_slot + r.num_slots; ++f) {
    const DlFunction& fn = d.functions[f];
    std::string text = std::string(dispatch().str(fn.name)) + "(";
    std::vector<std::string> types = dispatch().argumentTypes(fn);
    for (size_t i = 0; i < types.size(); ++i) text += (i ? ", " : "") + types[i];
    out.push_back(text + ")" + ((fn.flags & DL_FUNC_CONST) ? " const" : ""));
  }
  return out;
}

TEST(Dispatchers, OnlyClassesThatCanBeDerivedFromWithVirtualFunctions) {
  EXPECT_EQ(dispatch().raw().abi_minor, DLDICT_ABI_MINOR);
  EXPECT_NE(dispatch().raw().dispatch_callback, nullptr);
  for (const char* without : {"dispatch::Plain", "dispatch::Sealed", "dispatch::PrivateDestructor",
                              "dispatch::NoConstructor", "dispatch::PureRvalue"})
    EXPECT_EQ(dispatcherOf(without), nullptr) << without;
  for (const char* with : {"dispatch::Widget", "dispatch::Interface", "dispatch::Both", "dispatch::IntHolder",
                           "dispatch::Holder<int>"})
    EXPECT_NE(dispatcherOf(with), nullptr) << with;
}

TEST(Dispatchers, SlotsAreTheVirtualFunctionsItCanOverride) {
  const DlDispatcher* widget = dispatcherOf("dispatch::Widget");
  ASSERT_NE(widget, nullptr);
  // not the final one, nor the private one that is not pure, nor one taking std::string&&
  EXPECT_EQ(slotsOf(*widget), (std::vector<std::string>{"size() const", "level(int)", "name() const",
                                                        "quiet() const", "protectedVirtual() const"}));
  const DlDictionary& d = dispatch().raw();
  const DlFunction& quiet = d.functions[widget->first_slot + 3];
  EXPECT_NE(quiet.flags & DL_FUNC_NOTHROW, 0u);
  const DlFunction& protectedVirtual = d.functions[widget->first_slot + 4];
  EXPECT_NE(protectedVirtual.flags & DL_FUNC_PROTECTED, 0u);
  for (std::uint32_t f = widget->first_slot; f < widget->first_slot + widget->num_slots; ++f) {
    EXPECT_EQ(d.functions[f].kind, DL_FUNC_METHOD);
    EXPECT_NE(d.functions[f].flags & DL_FUNC_VIRTUAL, 0u);
    EXPECT_EQ(d.entries[f].kind, DL_ENTRY_NONE);
  }

  const DlDispatcher* interface = dispatcherOf("dispatch::Interface");
  ASSERT_NE(interface, nullptr);
  EXPECT_EQ(slotsOf(*interface), (std::vector<std::string>{"get() const", "privatePure() const"}));
  for (std::uint32_t f = interface->first_slot; f < interface->first_slot + interface->num_slots; ++f)
    EXPECT_NE(d.functions[f].flags & DL_FUNC_PURE, 0u);
  const DlDispatcher* both = dispatcherOf("dispatch::Both");
  ASSERT_NE(both, nullptr);
  EXPECT_EQ(slotsOf(*both), (std::vector<std::string>{"id() const"}));
  EXPECT_EQ(slotsOf(*dispatcherOf("dispatch::IntHolder")), (std::vector<std::string>{"held() const"}));
}

TEST(Dispatchers, RecordsLieOutsideEveryScopesRange) {
  const DlDictionary& d = dispatch().raw();
  std::uint32_t inScopes = 0;
  for (std::uint32_t s = 0; s < d.num_scopes; ++s) inScopes += d.scopes[s].num_functions;
  for (std::uint32_t i = 0; i < d.num_dispatchers; ++i) {
    EXPECT_GE(d.dispatchers[i].first_constructor, inScopes);
    EXPECT_GE(d.dispatchers[i].first_slot, inScopes);
  }
  const DlDispatcher* widget = dispatcherOf("dispatch::Widget");
  ASSERT_NE(widget, nullptr);
  // (), (int), the copy constructor, and the protected (const char*, int)
  EXPECT_EQ(widget->num_constructors, 4u);
  for (std::uint32_t f = widget->first_constructor; f < widget->first_constructor + widget->num_constructors;
       ++f) {
    EXPECT_EQ(d.functions[f].kind, DL_FUNC_CONSTRUCTOR);
    EXPECT_EQ(d.functions[f].scope, widget->scope);
  }
  EXPECT_GT(widget->size, d.scopes[widget->scope].size);
}

TEST(Dispatchers, ProtectedMembersAreDescribedForPythonSubclasses) {
  const DlFunction* helper = dispatch().function("dispatch::Widget", "protectedHelper", {"int"});
  ASSERT_NE(helper, nullptr);
  EXPECT_NE(helper->flags & DL_FUNC_PROTECTED, 0u);
  ASSERT_NE(dispatch().function("dispatch::Widget", "protectedStatic", {}), nullptr);
  const DlDataMember* size = dispatch().data("dispatch::Widget", "m_size");
  ASSERT_NE(size, nullptr);
  EXPECT_NE(size->flags & DL_DATA_PROTECTED, 0u);
  const DlDataMember* count = dispatch().data("dispatch::Widget", "s_count");
  ASSERT_NE(count, nullptr);
  EXPECT_EQ(*static_cast<int*>(count->address), 11);
  // nor for a class without a dispatcher, nor private ones
  EXPECT_TRUE(dispatch().functions("dispatch::Plain", "hidden").empty());
  EXPECT_TRUE(dispatch().functions("dispatch::Widget", "privateVirtual").empty());

  // a protected member function's stub, on an object of the class
  const DlDispatcher* widget = dispatcherOf("dispatch::Widget");
  const DlFunction& byInt = dispatch().raw().functions[widget->first_constructor + 1];
  ASSERT_EQ(dispatch().argumentTypes(byInt), (std::vector<std::string>{"int"}));
  int six = 6, four = 4;
  void* object = nullptr;
  ASSERT_EQ(callStub(byInt, nullptr, {&six}, &object), 0);
  int result = 0;
  ASSERT_EQ(callStub(*helper, object, {&four}, &result), 0);
  EXPECT_EQ(result, 10);
  EXPECT_EQ(*reinterpret_cast<int*>(static_cast<char*>(object) + size->offset), 6);
  char error[128];
  EXPECT_EQ(widget->delete_object(object, 0, nullptr, nullptr, error, sizeof error), 0);
}

// The test's callback: the "Python class" overrides size() with 77.
std::vector<const DlFunction*> calls;
void callback(void* self, const DlFunction* slot, void* const*, void* result) {
  calls.push_back(slot);
  if (slot != nullptr) *static_cast<int*>(result) = 77 + *static_cast<int*>(self);
}

TEST(Dispatchers, AnObjectCallsTheCallbackSlotWhereItsClientOverrides) {
  const DlDictionary& d = dispatch().raw();
  const DlDispatcher* widget = dispatcherOf("dispatch::Widget");
  ASSERT_NE(widget, nullptr);
  DlDispatchCallback before = *d.dispatch_callback;
  *d.dispatch_callback = &callback;  // the loader's part
  const DlFunction& byInt = d.functions[widget->first_constructor + 1];
  int six = 6;
  void* object = nullptr;
  ASSERT_EQ(callStub(byInt, nullptr, {&six}, &object), 0);
  const DlFunction* size = dispatch().function("dispatch::Widget", "size", {});
  ASSERT_NE(size, nullptr);
  int result = 0;
  ASSERT_EQ(callStub(*size, object, {}, &result), 0);  // a virtual call, no client yet
  EXPECT_EQ(result, 6);

  int self = 1;
  unsigned char overridden[5] = {1, 0, 0, 0, 0};
  widget->set_self(object, &self, overridden);
  ASSERT_EQ(callStub(*size, object, {}, &result), 0);
  EXPECT_EQ(result, 78);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0], &d.functions[widget->first_slot]);
  // the slot's stub: Widget::size() itself
  ASSERT_EQ(callStub(d.functions[widget->first_slot], object, {}, &result), 0);
  EXPECT_EQ(result, 6);

  char error[128];
  EXPECT_EQ(widget->delete_object(object, 0, nullptr, nullptr, error, sizeof error), 0);
  ASSERT_EQ(calls.size(), 2u);
  EXPECT_EQ(calls[1], nullptr) << "told of the destruction";
  *d.dispatch_callback = before;
}

}  // namespace
}  // namespace genreflex_test
