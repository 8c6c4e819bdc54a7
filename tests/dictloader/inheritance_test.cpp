// inheritance_test.cpp - bases, subtypes and base offsets against what the compiler does.
#include <cstddef>

#include "capi_support.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

// Derived -> base offset as static_cast computes it.
template <class Base, class Derived>
std::ptrdiff_t realOffset(Derived* object) {
  return reinterpret_cast<char*>(static_cast<Base*>(object)) - reinterpret_cast<char*>(object);
}

using Inheritance = LoaderTest;

TEST_F(Inheritance, BaseNamesAreFullyQualified) {
  cppyy_scope_t multi = scopeOf("api::Multi");
  ASSERT_EQ(cppyy_num_bases(multi), 2);
  EXPECT_EQ(take(cppyy_base_name(multi, 0)), "api::Base");
  EXPECT_EQ(take(cppyy_base_name(multi, 1)), "api::Other");
  ASSERT_EQ(cppyy_num_bases(scopeOf("api::Derived")), 1);
  EXPECT_EQ(take(cppyy_base_name(scopeOf("api::Derived"), 0)), "api::Base");
  EXPECT_EQ(cppyy_num_bases(scopeOf("api::Base")), 0);
  EXPECT_EQ(cppyy_num_bases(scopeOf("api::VDiamond")), 2);
}

TEST_F(Inheritance, SubtypesFollowEveryPath) {
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Derived"), scopeOf("api::Base")), 1);
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Multi"), scopeOf("api::Other")), 1);
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::VDiamond"), scopeOf("api::VBase")), 1);
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Widget"), scopeOf("api::Widget")), 1);
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Base"), scopeOf("api::Derived")), 0);  // not upwards
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Widget"), scopeOf("api::Base")), 0);
  EXPECT_EQ(cppyy_is_subtype(scopeOf("api::Multi"), scopeOf("api::VBase")), 0);
}

TEST_F(Inheritance, ComplexHierarchyWhereABaseIsNotAtOffsetZero) {
  EXPECT_EQ(cppyy_has_complex_hierarchy(scopeOf("api::Multi")), 1);
  EXPECT_EQ(cppyy_has_complex_hierarchy(scopeOf("api::VLeft")), 1);
  EXPECT_EQ(cppyy_has_complex_hierarchy(scopeOf("api::VDiamond")), 1);
  EXPECT_EQ(cppyy_has_complex_hierarchy(scopeOf("api::Derived")), 0);
  EXPECT_EQ(cppyy_has_complex_hierarchy(scopeOf("api::Widget")), 0);
}

TEST_F(Inheritance, SingleInheritanceOffsetIsZero) {
  api::Derived object;
  EXPECT_EQ(cppyy_base_offset(scopeOf("api::Derived"), scopeOf("api::Base"), &object, 1),
            (realOffset<api::Base>(&object)));
}

TEST_F(Inheritance, SecondBaseOfMultipleInheritance) {
  api::Multi object;
  cppyy_scope_t multi = scopeOf("api::Multi");
  cppyy_scope_t other = scopeOf("api::Other");
  std::ptrdiff_t real = realOffset<api::Other>(&object);
  ASSERT_NE(real, 0);  // otherwise the subject proves nothing
  EXPECT_EQ(cppyy_base_offset(multi, other, &object, 1), real);
  EXPECT_EQ(cppyy_base_offset(multi, scopeOf("api::Base"), &object, 1), (realOffset<api::Base>(&object)));
  // Down-cast: from the Other subobject back to the Multi.
  api::Other* sub = &object;
  EXPECT_EQ(cppyy_base_offset(multi, other, sub, -1), -real);
  // The offset locates the base's data: read Other::o through it.
  char* base = reinterpret_cast<char*>(&object) + cppyy_base_offset(multi, other, &object, 1);
  int o = cppyy_datamember_index(other, "o");
  ASSERT_GE(o, 0);
  EXPECT_EQ(*reinterpret_cast<double*>(base + cppyy_datamember_offset(other, o)), 33.0);
}

TEST_F(Inheritance, VirtualBaseOffsetComesFromTheObject) {
  cppyy_scope_t vleft = scopeOf("api::VLeft");
  cppyy_scope_t vbase = scopeOf("api::VBase");
  api::VLeft alone;
  api::VDiamond diamond;
  api::VLeft* inDiamond = &diamond;
  std::ptrdiff_t aloneOffset = realOffset<api::VBase>(&alone);
  std::ptrdiff_t diamondOffset = realOffset<api::VBase>(inDiamond);
  EXPECT_EQ(cppyy_base_offset(vleft, vbase, &alone, 1), aloneOffset);
  EXPECT_EQ(cppyy_base_offset(vleft, vbase, inDiamond, 1), diamondOffset);

  cppyy_scope_t vd = scopeOf("api::VDiamond");
  EXPECT_EQ(cppyy_base_offset(vd, vbase, &diamond, 1), (realOffset<api::VBase>(&diamond)));
  std::ptrdiff_t right = realOffset<api::VRight>(&diamond);
  ASSERT_NE(right, 0);
  EXPECT_EQ(cppyy_base_offset(vd, scopeOf("api::VRight"), &diamond, 1), right);
}

TEST_F(Inheritance, UnrelatedClassesHaveNoOffset) {
  api::Widget object;
  EXPECT_EQ(cppyy_base_offset(scopeOf("api::Widget"), scopeOf("api::Other"), &object, 1), 0);
  EXPECT_EQ(cppyy_base_offset(scopeOf("api::Multi"), scopeOf("api::Multi"), &object, 1), 0);
}

// Not in any dictionary: its objects keep the declared class.
struct Undescribed : api::Base {
  int extra = 7;
};

// An object seen through a base pointer, as PyPy's wrap_cppinstance sees it:
// actual_class, then base_offset(actual, declared, address, -1) added to the address.
char* downcast(cppyy_scope_t actual, cppyy_scope_t declared, void* address) {
  return static_cast<char*>(address) + cppyy_base_offset(actual, declared, address, -1);
}

TEST_F(Inheritance, ActualClassIsTheDynamicTypeWhenADictionaryDescribesIt) {
  cppyy_scope_t base = scopeOf("api::Base"), derived = scopeOf("api::Derived");
  api::Derived object;
  api::Base* seen = &object;
  EXPECT_EQ(cppyy_actual_class(base, seen), derived);
  EXPECT_EQ(downcast(derived, base, seen), reinterpret_cast<char*>(&object));
  EXPECT_EQ(cppyy_actual_class(derived, &object), derived);  // already exact
  api::Base plain;
  EXPECT_EQ(cppyy_actual_class(base, &plain), base);
}

TEST_F(Inheritance, ActualClassAdjustsThePointerUnderMultipleInheritance) {
  cppyy_scope_t other = scopeOf("api::Other"), multi = scopeOf("api::Multi");
  api::Multi object;
  api::Other* seen = &object;
  ASSERT_NE(static_cast<void*>(seen), static_cast<void*>(&object));  // the second base is not at offset 0
  EXPECT_EQ(cppyy_actual_class(other, seen), multi);
  EXPECT_EQ(downcast(multi, other, seen), reinterpret_cast<char*>(&object));
}

TEST_F(Inheritance, ActualClassThroughAVirtualBase) {
  cppyy_scope_t vbase = scopeOf("api::VBase"), diamond = scopeOf("api::VDiamond");
  api::VDiamond object;
  api::VBase* seen = &object;
  EXPECT_EQ(cppyy_actual_class(vbase, seen), diamond);
  EXPECT_EQ(downcast(diamond, vbase, seen), reinterpret_cast<char*>(&object));
  // To an intermediate class: the VLeft subobject of the same diamond.
  cppyy_scope_t left = scopeOf("api::VLeft");
  EXPECT_EQ(downcast(left, vbase, seen), reinterpret_cast<char*>(static_cast<api::VLeft*>(&object)));
}

TEST_F(Inheritance, ActualClassFallsBackToTheDeclaredClass) {
  cppyy_scope_t base = scopeOf("api::Base");
  Undescribed object;  // its dynamic type is in no dictionary
  EXPECT_EQ(cppyy_actual_class(base, static_cast<api::Base*>(&object)), base);
  EXPECT_EQ(cppyy_actual_class(base, nullptr), base);
  cppyy_scope_t widget = scopeOf("api::Widget");  // not polymorphic: no RTTI to read
  api::Widget w;
  EXPECT_EQ(cppyy_actual_class(widget, &w), widget);
}

}  // namespace
}  // namespace dictloader_test
