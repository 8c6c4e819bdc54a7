// data_test.cpp - data members, static data, arrays, namespace variables and enum values.
#include <cstddef>
#include <cstdint>
#include <string>

#include "capi_support.h"
#include "loader_api.h"

namespace dictloader_test {
namespace {

class Data : public LoaderTest {
 protected:
  void SetUp() override {
    LoaderTest::SetUp();
    widget_ = scopeOf("api::Widget");
  }
  // Index of a member that must exist.
  int indexOf(cppyy_scope_t scope, const char* name) {
    int i = dataIndexOf(scope, name);
    EXPECT_GE(i, 0) << "no data member " << name;
    return i;
  }
  cppyy_scope_t widget_ = 0;
};

TEST_F(Data, MemberOffsetsMatchTheCompiler) {
  struct Expected {
    const char* name;
    const char* type;
    size_t offset;
  };
  const Expected expected[] = {
      {"value", "int", offsetof(api::Widget, value)},
      {"ratio", "double", offsetof(api::Widget, ratio)},
      {"table", "int[4]", offsetof(api::Widget, table)},
      {"grid", "short[2][3]", offsetof(api::Widget, grid)},
  };
  for (const Expected& e : expected) {
    int i = indexOf(widget_, e.name);
    if (i < 0) continue;
    EXPECT_EQ(take(cppyy_datamember_type(widget_, i)), e.type) << e.name;
    EXPECT_EQ(cppyy_datamember_offset(widget_, i), static_cast<intptr_t>(e.offset)) << e.name;
    EXPECT_EQ(cppyy_is_staticdata(widget_, i), 0) << e.name;
    EXPECT_EQ(cppyy_is_publicdata(widget_, i), 1) << e.name;
    EXPECT_EQ(cppyy_datamember_index(widget_, e.name), i) << e.name;
  }
}

TEST_F(Data, MemberReadThroughItsOffset) {
  api::Widget object(31);
  object.ratio = 0.25;
  char* base = reinterpret_cast<char*>(&object);
  EXPECT_EQ(*reinterpret_cast<int*>(base + cppyy_datamember_offset(widget_, indexOf(widget_, "value"))), 31);
  EXPECT_EQ(*reinterpret_cast<double*>(base + cppyy_datamember_offset(widget_, indexOf(widget_, "ratio"))),
            0.25);
}

TEST_F(Data, ArrayDimensions) {
  int table = indexOf(widget_, "table");
  EXPECT_EQ(cppyy_get_dimension_size(widget_, table, 0), 4);
  EXPECT_EQ(cppyy_get_dimension_size(widget_, table, 1), -1);
  int grid = indexOf(widget_, "grid");
  EXPECT_EQ(cppyy_get_dimension_size(widget_, grid, 0), 2);
  EXPECT_EQ(cppyy_get_dimension_size(widget_, grid, 1), 3);
  EXPECT_EQ(cppyy_get_dimension_size(widget_, grid, 2), -1);
  EXPECT_EQ(cppyy_get_dimension_size(widget_, indexOf(widget_, "value"), 0), -1);  // not an array
}

TEST_F(Data, StaticDataOffsetIsItsAddress) {
  int instances = indexOf(widget_, "instances");
  EXPECT_EQ(cppyy_is_staticdata(widget_, instances), 1);
  intptr_t address = cppyy_datamember_offset(widget_, instances);
  EXPECT_EQ(address, reinterpret_cast<intptr_t>(&api::Widget::instances));
  api::Widget one, two;  // the counter moves, and the address sees it
  EXPECT_EQ(*reinterpret_cast<int*>(address), api::Widget::instances);
  EXPECT_GE(*reinterpret_cast<int*>(address), 2);

  int scale = indexOf(widget_, "scale");
  EXPECT_EQ(cppyy_is_staticdata(widget_, scale), 1);
  EXPECT_EQ(take(cppyy_datamember_type(widget_, scale)), "double");
  EXPECT_EQ(*reinterpret_cast<double*>(cppyy_datamember_offset(widget_, scale)), 1.5);
}

TEST_F(Data, NamespaceVariableByName) {
  cppyy_scope_t util = scopeOf("api::util");
  int counter = cppyy_datamember_index(util, "counter");
  ASSERT_GE(counter, 0);
  EXPECT_EQ(take(cppyy_datamember_name(util, counter)), "counter");
  EXPECT_EQ(take(cppyy_datamember_type(util, counter)), "int");
  EXPECT_EQ(cppyy_is_staticdata(util, counter), 1);
  EXPECT_EQ(cppyy_is_const_data(util, counter), 0);
  auto* address = reinterpret_cast<int*>(cppyy_datamember_offset(util, counter));
  ASSERT_EQ(address, &api::util::counter);
  int saved = api::util::counter;
  *address = 1234;  // PyPy writes globals through the same address
  EXPECT_EQ(api::util::counter, 1234);
  api::util::counter = saved;
  EXPECT_EQ(cppyy_datamember_index(util, "no_such_variable"), -1);
  EXPECT_EQ(cppyy_datamember_index(util, "Sum"), -1);  // a function is no variable
}

TEST_F(Data, UnscopedEnumValuesAreStaticConstDataOfTheEnclosingNamespace) {
  cppyy_scope_t api = scopeOf("api");
  int green = cppyy_datamember_index(api, "Green");
  ASSERT_GE(green, 0);
  EXPECT_EQ(cppyy_is_staticdata(api, green), 1);
  EXPECT_EQ(cppyy_is_const_data(api, green), 1);
  EXPECT_EQ(cppyy_is_enum_data(api, green), 1);
  EXPECT_EQ(take(cppyy_datamember_type(api, green)), "unsigned int");
  EXPECT_EQ(*reinterpret_cast<const unsigned*>(cppyy_datamember_offset(api, green)),
            static_cast<unsigned>(api::Green));
  EXPECT_EQ(cppyy_datamember_index(api, "Auto"), -1);  // scoped values stay in their enum
}

TEST_F(Data, ScopedEnumValuesReadAsTheReportedType) {
  cppyy_scope_t mode = scopeOf("api::Mode");
  const struct {
    const char* name;
    api::Mode value;
  } expected[] = {{"Off", api::Mode::Off}, {"On", api::Mode::On}, {"Auto", api::Mode::Auto}};
  for (const auto& e : expected) {
    int i = cppyy_datamember_index(mode, e.name);
    ASSERT_GE(i, 0) << e.name;
    EXPECT_EQ(cppyy_is_staticdata(mode, i), 1) << e.name;
    // Declared short, reported as the promoted int: PyPy reads an int at the address.
    EXPECT_EQ(take(cppyy_datamember_type(mode, i)), "int") << e.name;
    EXPECT_EQ(*reinterpret_cast<const int*>(cppyy_datamember_offset(mode, i)), static_cast<int>(e.value))
        << e.name;
  }
}

}  // namespace
}  // namespace dictloader_test
