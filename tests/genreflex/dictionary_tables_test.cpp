// dictionary_tables_test.cpp - what a generated dictionary's tables say, checked
// against what the compiler knows about the same headers (sizeof, offsetof, &var).
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "builtins.h"
#include "dictionary_view.h"
#include "scopes.h"
#include "shapes.h"

namespace genreflex_test {
namespace {

class DictionaryTables : public ::testing::TestWithParam<Generated> {
 protected:
  const DictionaryView& dict() const { return generatedDictionary(GetParam()); }

  const DlDataMember& dataOf(std::string_view scope, std::string_view name) const {
    const DlDataMember* d = dict().data(scope, name);
    if (!d) throw std::runtime_error("no data member " + std::string(name) + " in " + std::string(scope));
    return *d;
  }

  const DlFunction& functionOf(std::string_view scope, std::string_view name,
                               const std::vector<std::string_view>& args) const {
    const DlFunction* fn = dict().function(scope, name, args);
    if (!fn) throw std::runtime_error("no function " + std::string(name) + " in " + std::string(scope));
    return *fn;
  }
};

// Offset of a member in a real object: offsetof is not defined for the
// non-standard-layout (polymorphic) classes.
template <class Object, class Member>
std::ptrdiff_t memberOffset(const Object& object, const Member& member) {
  return reinterpret_cast<const char*>(&member) - reinterpret_cast<const char*>(&object);
}

TEST_P(DictionaryTables, HeaderHasMagicVersionAndSize) {
  const DlDictionary& d = dict().raw();
  EXPECT_EQ(d.magic, DLDICT_MAGIC);
  EXPECT_EQ(d.abi_major, DLDICT_ABI_MAJOR);
  EXPECT_EQ(d.abi_minor, DLDICT_ABI_MINOR);
  EXPECT_EQ(d.header_size, sizeof(DlDictionary));
  ASSERT_GT(d.strings_size, 0u);
  EXPECT_EQ(d.strings[d.strings_size - 1], '\0');
  EXPECT_STREQ(dict().str(d.name), "shapes");  // the first header's stem
  EXPECT_EQ(std::string(dict().str(d.generator)).rfind("genreflex ", 0), 0u) << dict().str(d.generator);
}

TEST_P(DictionaryTables, FlagsSayWhetherFunctionAddressesArePresent) {
  bool flagged = (dict().raw().flags & DL_DICT_HAS_FUNCTION_ADDRESSES) != 0;
  EXPECT_EQ(flagged, GetParam() == Generated::WithAddresses);
}

TEST_P(DictionaryTables, EveryIndexAndStringOffsetIsInRange) {
  const DlDictionary& d = dict().raw();
  for (std::uint32_t s = 0; s < d.num_scopes; ++s) {
    const DlScope& scope = d.scopes[s];
    EXPECT_LT(scope.name, d.strings_size);
    EXPECT_LT(scope.qualified_name, d.strings_size);
    if (s > 0) {
      EXPECT_LT(scope.parent, s) << "a parent comes before its child: " << dict().str(scope.qualified_name);
    }
    EXPECT_LE(scope.first_function + scope.num_functions, d.num_functions);
    EXPECT_LE(scope.first_data + scope.num_data, d.num_data);
    EXPECT_LE(scope.first_base + scope.num_bases, d.num_bases);
    for (std::uint32_t f = scope.first_function; f < scope.first_function + scope.num_functions; ++f)
      EXPECT_EQ(d.functions[f].scope, s) << dict().str(d.functions[f].name);
  }
  for (std::uint32_t f = 0; f < d.num_functions; ++f) {
    const DlFunction& fn = d.functions[f];
    EXPECT_LE(fn.first_arg + fn.num_args, d.num_arguments);
    EXPECT_LE(fn.required_args, fn.num_args);
    EXPECT_LT(fn.result_kind, static_cast<std::uint32_t>(DL_RESULT_KIND_COUNT));
    EXPECT_NE(fn.stub, nullptr) << dict().str(fn.name);
  }
  for (std::uint32_t e = 0; e < d.num_enums; ++e)
    EXPECT_LE(d.enums[e].first_enumerator + d.enums[e].num_enumerators, d.num_enumerators);
  for (std::uint32_t t = 0; t < d.num_typedefs; ++t) EXPECT_LT(d.typedefs[t].parent, d.num_scopes);
}

TEST_P(DictionaryTables, GlobalNamespaceIsTheFirstScope) {
  const DlDictionary& d = dict().raw();
  ASSERT_GT(d.num_scopes, 0u);
  EXPECT_STREQ(dict().str(d.scopes[0].name), "");
  EXPECT_STREQ(dict().str(d.scopes[0].qualified_name), "");
  EXPECT_EQ(d.scopes[0].parent, DLDICT_NONE);
  EXPECT_EQ(d.scopes[0].kind, static_cast<std::uint32_t>(DL_SCOPE_NAMESPACE));
}

TEST_P(DictionaryTables, ScopesHaveNamesParentsAndKinds) {
  struct Expected {
    const char* qualified;
    const char* name;
    const char* parent;
    DlScopeKind kind;
  };
  const Expected expected[] = {
      {"shapes", "shapes", "", DL_SCOPE_NAMESPACE},
      {"shapes::Shape", "Shape", "shapes", DL_SCOPE_CLASS},
      {"shapes::Circle", "Circle", "shapes", DL_SCOPE_CLASS},
      {"shapes::Tag", "Tag", "shapes", DL_SCOPE_STRUCT},
      {"Builtins", "Builtins", "", DL_SCOPE_STRUCT},
      {"scopes::outer", "outer", "scopes", DL_SCOPE_NAMESPACE},
      {"scopes::outer::inner", "inner", "scopes::outer", DL_SCOPE_NAMESPACE},
      {"scopes::outer::inner::Leaf", "Leaf", "scopes::outer::inner", DL_SCOPE_STRUCT},
      {"scopes::Outer::Inner", "Inner", "scopes::Outer", DL_SCOPE_STRUCT},
      {"scopes::Outer::Deep", "Deep", "scopes::Outer", DL_SCOPE_CLASS},
      {"scopes::Outer::Deep::Deeper", "Deeper", "scopes::Outer::Deep", DL_SCOPE_STRUCT},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.qualified);
    const DlScope* scope = dict().scope(e.qualified);
    ASSERT_NE(scope, nullptr);
    EXPECT_STREQ(dict().str(scope->name), e.name);
    EXPECT_EQ(scope->kind, static_cast<std::uint32_t>(e.kind));
    ASSERT_LT(scope->parent, dict().raw().num_scopes);
    EXPECT_STREQ(dict().str(dict().scopeAt(scope->parent).qualified_name), e.parent);
  }
}

TEST_P(DictionaryTables, PrivateNestedClassIsLeftOut) {
  EXPECT_NE(dict().scope("scopes::Outer"), nullptr);
  EXPECT_EQ(dict().scope("scopes::Outer::Hidden"), nullptr);
}

TEST_P(DictionaryTables, ScopeSizesMatchSizeof) {
  struct Expected {
    const char* qualified;
    std::uint64_t size;
  };
  const Expected expected[] = {
      {"shapes::Shape", sizeof(shapes::Shape)},
      {"shapes::Circle", sizeof(shapes::Circle)},
      {"shapes::Rect", sizeof(shapes::Rect)},
      {"shapes::Tag", sizeof(shapes::Tag)},
      {"shapes::TaggedRect", sizeof(shapes::TaggedRect)},
      {"shapes::Left", sizeof(shapes::Left)},
      {"shapes::Diamond", sizeof(shapes::Diamond)},
      {"shapes::Vec2", sizeof(shapes::Vec2)},
      {"shapes::Counter", sizeof(shapes::Counter)},
      {"shapes::Grid", sizeof(shapes::Grid)},
      {"Builtins", sizeof(Builtins)},
      {"scopes::Outer::Deep::Deeper", sizeof(scopes::Outer::Deep::Deeper)},
      {"scopes::Outer", sizeof(scopes::Outer)},
      {"scopes", 0},
  };
  for (const Expected& e : expected) {
    const DlScope* scope = dict().scope(e.qualified);
    ASSERT_NE(scope, nullptr) << e.qualified;
    EXPECT_EQ(scope->size, e.size) << e.qualified;
  }
}

TEST_P(DictionaryTables, ClassFlagsDescribeAbstractPolymorphicAndHierarchy) {
  auto flags = [&](const char* name) {
    const DlScope* scope = dict().scope(name);
    if (!scope) throw std::runtime_error(std::string("no scope ") + name);
    return scope->flags;
  };
  EXPECT_TRUE(flags("shapes::Shape") & DL_SCOPE_ABSTRACT);
  EXPECT_TRUE(flags("shapes::Shape") & DL_SCOPE_VIRTUAL_DTOR);
  EXPECT_FALSE(flags("shapes::Shape") & DL_SCOPE_DEFAULT_CONSTRUCTIBLE);
  EXPECT_FALSE(flags("shapes::Circle") & DL_SCOPE_ABSTRACT);
  EXPECT_TRUE(flags("shapes::Circle") & DL_SCOPE_POLYMORPHIC);
  EXPECT_TRUE(flags("shapes::Circle") & DL_SCOPE_DEFAULT_CONSTRUCTIBLE);  // through its default argument
  EXPECT_FALSE(flags("shapes::Vec2") & DL_SCOPE_POLYMORPHIC);
  EXPECT_TRUE(flags("shapes::Grid") & DL_SCOPE_AGGREGATE);
  EXPECT_FALSE(flags("shapes::TaggedRect") & DL_SCOPE_DEFAULT_CONSTRUCTIBLE);
  EXPECT_TRUE(flags("shapes::TaggedRect") & DL_SCOPE_COMPLEX_HIERARCHY);
  EXPECT_TRUE(flags("shapes::Left") & DL_SCOPE_COMPLEX_HIERARCHY);
  EXPECT_FALSE(flags("shapes::Circle") & DL_SCOPE_COMPLEX_HIERARCHY);
}

TEST_P(DictionaryTables, AbstractClassListsNoConstructor) {
  EXPECT_TRUE(dict().functions("shapes::Shape", "Shape").empty());
  EXPECT_FALSE(dict().functions("shapes::Circle", "Circle").empty());
  const DlScope* shape = dict().scope("shapes::Shape");
  ASSERT_NE(shape, nullptr);
  EXPECT_NE(shape->delete_object, nullptr);  // public virtual destructor: deletable through a base
}

TEST_P(DictionaryTables, DataMemberOffsetsMatchTheCompiler) {
  struct Expected {
    const char* scope;
    const char* name;
    std::ptrdiff_t offset;
  };
  shapes::Tag tag;
  shapes::Circle circle;
  const Expected expected[] = {
      {"Builtins", "b", offsetof(Builtins, b)},
      {"Builtins", "c", offsetof(Builtins, c)},
      {"Builtins", "sc", offsetof(Builtins, sc)},
      {"Builtins", "uc", offsetof(Builtins, uc)},
      {"Builtins", "s", offsetof(Builtins, s)},
      {"Builtins", "us", offsetof(Builtins, us)},
      {"Builtins", "i", offsetof(Builtins, i)},
      {"Builtins", "u", offsetof(Builtins, u)},
      {"Builtins", "l", offsetof(Builtins, l)},
      {"Builtins", "ul", offsetof(Builtins, ul)},
      {"Builtins", "ll", offsetof(Builtins, ll)},
      {"Builtins", "ull", offsetof(Builtins, ull)},
      {"Builtins", "f", offsetof(Builtins, f)},
      {"Builtins", "d", offsetof(Builtins, d)},
      {"Builtins", "ld", offsetof(Builtins, ld)},
      {"shapes::Grid", "cells", offsetof(shapes::Grid, cells)},
      {"shapes::Grid", "weights", offsetof(shapes::Grid, weights)},
      {"shapes::Grid", "title", offsetof(shapes::Grid, title)},
      {"shapes::Grid", "origin", offsetof(shapes::Grid, origin)},
      {"shapes::Vec2", "y", offsetof(shapes::Vec2, y)},
      {"shapes::Tag", "label", memberOffset(tag, tag.label)},
      {"shapes::Tag", "tagId", memberOffset(tag, tag.tagId)},
      {"shapes::Circle", "radius", memberOffset(circle, circle.radius)},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(std::string(e.scope) + "::" + e.name);
    const DlDataMember* data = dict().data(e.scope, e.name);
    ASSERT_NE(data, nullptr);
    EXPECT_EQ(data->offset, e.offset);
    EXPECT_FALSE(data->flags & DL_DATA_STATIC);
    EXPECT_EQ(data->address, nullptr);
  }
}

TEST_P(DictionaryTables, DataMemberTypesSpellEveryBuiltin) {
  const std::pair<const char*, const char*> expected[] = {
      {"b", "bool"},         {"c", "char"},
      {"sc", "signed char"}, {"uc", "unsigned char"},
      {"s", "short"},        {"us", "unsigned short"},
      {"i", "int"},          {"u", "unsigned int"},
      {"l", "long"},         {"ul", "unsigned long"},
      {"ll", "long long"},   {"ull", "unsigned long long"},
      {"f", "float"},        {"d", "double"},
      {"ld", "long double"},
  };
  for (const auto& [name, type] : expected)
    EXPECT_STREQ(dict().str(dataOf("Builtins", name).type), type) << name;
}

TEST_P(DictionaryTables, ArrayMembersRecordEveryDimension) {
  const DlDataMember& cells = dataOf("shapes::Grid", "cells");
  EXPECT_STREQ(dict().str(cells.type), "int[3][4]");
  ASSERT_EQ(cells.num_dims, 2u);
  EXPECT_EQ(cells.dims[0], 3u);
  EXPECT_EQ(cells.dims[1], 4u);

  const DlDataMember& weights = dataOf("shapes::Grid", "weights");
  EXPECT_STREQ(dict().str(weights.type), "double[5]");
  ASSERT_EQ(weights.num_dims, 1u);
  EXPECT_EQ(weights.dims[0], 5u);

  const DlDataMember& title = dataOf("shapes::Grid", "title");
  EXPECT_STREQ(dict().str(title.type), "const char*");
  EXPECT_EQ(title.num_dims, 0u);
  EXPECT_STREQ(dict().str(dataOf("shapes::Grid", "origin").type), "shapes::Vec2*");
  EXPECT_STREQ(dict().str(dataOf("shapes::Counter", "limits").type), "int[5]");
}

TEST_P(DictionaryTables, StaticMemberAddressIsTheVariable) {
  const DlDataMember& instances = dataOf("shapes::Counter", "instances");
  EXPECT_TRUE(instances.flags & DL_DATA_STATIC);
  EXPECT_FALSE(instances.flags & DL_DATA_CONST);
  EXPECT_EQ(instances.address, static_cast<void*>(&shapes::Counter::instances));
}

TEST_P(DictionaryTables, InClassStaticConstIsReadableThroughItsAddress) {
  // No out-of-line definition exists: the dictionary holds a copy.
  const DlDataMember& n = dataOf("shapes::Counter", "N");
  EXPECT_TRUE(n.flags & DL_DATA_STATIC);
  EXPECT_TRUE(n.flags & DL_DATA_CONST);
  ASSERT_NE(n.address, nullptr);
  int expected = shapes::Counter::N;  // a copy: N itself has no definition to bind a reference to
  EXPECT_EQ(*static_cast<const int*>(n.address), expected);
}

TEST_P(DictionaryTables, ConstexprStaticMemberIsReadableThroughItsAddress) {
  const DlDataMember& scale = dataOf("shapes::Counter", "Scale");
  EXPECT_TRUE(scale.flags & DL_DATA_STATIC);
  EXPECT_TRUE(scale.flags & DL_DATA_CONST);
  ASSERT_NE(scale.address, nullptr);
  EXPECT_EQ(*static_cast<const double*>(scale.address), 2.5);
}

TEST_P(DictionaryTables, GlobalVariableAddressesAreTheVariables) {
  const DlDataMember& counter = dataOf("", "g_counter");
  EXPECT_STREQ(dict().str(counter.type), "int");
  EXPECT_TRUE(counter.flags & DL_DATA_STATIC);
  EXPECT_EQ(counter.address, static_cast<void*>(&g_counter));

  const DlDataMember& greeting = dataOf("", "g_greeting");
  EXPECT_STREQ(dict().str(greeting.type), "const char*");
  EXPECT_EQ(greeting.address, static_cast<void*>(&g_greeting));

  const DlDataMember& table = dataOf("", "g_table");
  EXPECT_STREQ(dict().str(table.type), "double[3]");
  EXPECT_EQ(table.num_dims, 1u);
  EXPECT_EQ(table.address, static_cast<void*>(&g_table));

  const DlDataMember& depth = dataOf("scopes::outer::inner", "g_depth");
  EXPECT_STREQ(dict().str(depth.type), "long");
  EXPECT_EQ(depth.address, static_cast<void*>(&scopes::outer::inner::g_depth));
}

TEST_P(DictionaryTables, NonVirtualBaseOffsetsMatchPointerConversion) {
  shapes::TaggedRect tagged(1, 2, "t");
  auto* derived = reinterpret_cast<char*>(&tagged);
  std::ptrdiff_t toTag = reinterpret_cast<char*>(static_cast<shapes::Tag*>(&tagged)) - derived;
  ASSERT_NE(toTag, 0) << "the test needs Tag at a non-zero offset";

  const DlBase* rect = dict().base("shapes::TaggedRect", "shapes::Rect");
  const DlBase* tag = dict().base("shapes::TaggedRect", "shapes::Tag");
  ASSERT_NE(rect, nullptr);
  ASSERT_NE(tag, nullptr);
  EXPECT_EQ(rect->is_virtual, 0u);
  EXPECT_EQ(tag->is_virtual, 0u);
  EXPECT_EQ(rect->offset, reinterpret_cast<char*>(static_cast<shapes::Rect*>(&tagged)) - derived);
  EXPECT_EQ(tag->offset, toTag);
  ASSERT_NE(tag->offset_fn, nullptr);
  EXPECT_EQ(tag->offset_fn(&tagged), toTag);

  shapes::Diamond diamond;
  const DlBase* right = dict().base("shapes::Diamond", "shapes::Right");
  ASSERT_NE(right, nullptr);
  EXPECT_EQ(right->offset, reinterpret_cast<char*>(static_cast<shapes::Right*>(&diamond)) -
                               reinterpret_cast<char*>(&diamond));
  EXPECT_EQ(dict().base("shapes::Diamond", "shapes::Node"), nullptr) << "only direct bases are listed";
}

TEST_P(DictionaryTables, VirtualBaseOffsetIsComputedFromTheObject) {
  const DlBase* node = dict().base("shapes::Left", "shapes::Node");
  ASSERT_NE(node, nullptr);
  EXPECT_EQ(node->is_virtual, 1u);
  ASSERT_NE(node->offset_fn, nullptr);

  auto offsetToNode = [](shapes::Left* left) {
    return reinterpret_cast<char*>(static_cast<shapes::Node*>(left)) - reinterpret_cast<char*>(left);
  };
  shapes::Left alone;
  shapes::Diamond diamond;
  shapes::Left* inDiamond = &diamond;
  ASSERT_NE(offsetToNode(&alone), offsetToNode(inDiamond)) << "the test needs the two layouts to differ";
  EXPECT_EQ(node->offset_fn(&alone), offsetToNode(&alone));
  EXPECT_EQ(node->offset_fn(inDiamond), offsetToNode(inDiamond));
}

TEST_P(DictionaryTables, EnumsHaveValuesUnderlyingTypesAndScoping) {
  struct Expected {
    const char* qualified;
    const char* underlying;
    bool scoped;
    std::vector<std::pair<const char*, std::int64_t>> values;
  };
  const Expected expected[] = {
      {"scopes::Color",
       "unsigned int",
       false,
       {{"Red", scopes::Red}, {"Green", scopes::Green}, {"Blue", scopes::Blue}}},
      {"scopes::Sign", "int", false, {{"Minus", -1}, {"Zero", 0}, {"Plus", 1}}},
      {"scopes::Mode",
       "unsigned char",
       true,
       {{"Off", 0}, {"On", 1}, {"Auto", static_cast<std::int64_t>(scopes::Mode::Auto)}}},
      {"scopes::Big",
       "long long",
       true,
       {{"Negative", static_cast<std::int64_t>(scopes::Big::Negative)},
        {"Huge", static_cast<std::int64_t>(scopes::Big::Huge)}}},
      {"scopes::Outer::Inner::Kind",
       "unsigned int",
       false,
       {{"First", scopes::Outer::Inner::First}, {"Second", scopes::Outer::Inner::Second}}},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(e.qualified);
    const DlEnum* en = dict().enumeration(e.qualified);
    ASSERT_NE(en, nullptr);
    EXPECT_STREQ(dict().str(en->underlying_type), e.underlying);
    EXPECT_EQ((en->flags & DL_ENUM_SCOPED) != 0, e.scoped);
    EXPECT_EQ(en->num_enumerators, e.values.size());
    for (const auto& [name, value] : e.values) {
      std::int64_t recorded = 0;
      ASSERT_TRUE(dict().enumerator(*en, name, recorded)) << name;
      EXPECT_EQ(recorded, value) << name;
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(scopes::Green),
            5);  // the header's values, so the table above means something
}

TEST_P(DictionaryTables, EnumInNestedClassHasThatClassAsParent) {
  const DlEnum* kind = dict().enumeration("scopes::Outer::Inner::Kind");
  const DlScope* inner = dict().scope("scopes::Outer::Inner");
  ASSERT_NE(kind, nullptr);
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(kind->parent, dict().scopeIndex(*inner));
  EXPECT_STREQ(dict().str(kind->name), "Kind");
}

TEST_P(DictionaryTables, TypedefTargetsAreFullyResolved) {
  const std::pair<const char*, const char*> expected[] = {
      {"GlobalInt", "int"},
      {"scopes::Size", "unsigned long"},
      {"scopes::Real", "double"},
      {"scopes::RealAgain", "double"},  // a typedef of a typedef
      {"scopes::Text", "std::string"},
      {"scopes::Index", "unsigned long"},
      {"scopes::LeafAlias", "scopes::outer::inner::Leaf"},
      {"scopes::ModeAlias", "unsigned char"},  // enums appear as their underlying type
      {"scopes::Outer::InnerAlias", "scopes::Outer::Inner"},
  };
  for (const auto& [name, target] : expected) {
    const DlTypedef* td = dict().typedefNamed(name);
    ASSERT_NE(td, nullptr) << name;
    EXPECT_STREQ(dict().str(td->target), target) << name;
  }
  const DlTypedef* alias = dict().typedefNamed("scopes::Outer::InnerAlias");
  EXPECT_STREQ(dict().str(alias->name), "InnerAlias");
  EXPECT_STREQ(dict().str(dict().scopeAt(alias->parent).qualified_name), "scopes::Outer");
}

TEST_P(DictionaryTables, FunctionSignaturesSpellArgumentAndResultTypes) {
  struct Expected {
    const char* scope;
    const char* name;
    std::vector<std::string_view> args;
    const char* result;
    DlResultKind kind;
  };
  const Expected expected[] = {
      {"", "add", {"int", "int"}, "int", DL_RESULT_INT},
      {"", "add", {"double", "double"}, "double", DL_RESULT_DOUBLE},
      {"", "greet", {"const std::string&"}, "std::string", DL_RESULT_STRING},
      {"", "shout", {"std::string"}, "std::string", DL_RESULT_STRING},
      {"", "appendTo", {"std::string&", "const char*"}, "void", DL_RESULT_VOID},
      {"", "addTo", {"int&", "int"}, "void", DL_RESULT_VOID},
      {"", "readThrough", {"const double*"}, "double", DL_RESULT_DOUBLE},
      {"", "secondOf", {"int*"}, "int*", DL_RESULT_POINTER},
      {"", "largest", {"const int&", "const int&"}, "const int&", DL_RESULT_POINTER},
      {"", "countChars", {"const char*"}, "std::size_t", DL_RESULT_ULONG},
      {"", "greeting", {}, "const char*", DL_RESULT_POINTER},
      {"shapes", "totalArea", {"const shapes::Shape&", "const shapes::Shape*"}, "double", DL_RESULT_DOUBLE},
      {"shapes", "normSquared", {"shapes::Vec2"}, "double", DL_RESULT_DOUBLE},
      {"shapes", "widest", {"shapes::Rect&", "shapes::Rect&"}, "shapes::Rect&", DL_RESULT_POINTER},
      {"shapes::Vec2", "operator+", {"const shapes::Vec2&"}, "shapes::Vec2", DL_RESULT_NEW_OBJECT},
      {"shapes::Vec2", "operator==", {"const shapes::Vec2&"}, "bool", DL_RESULT_BOOL},
      {"shapes::Rect", "resize", {"double"}, "void", DL_RESULT_VOID},
      {"shapes::Rect", "resize", {"double", "double"}, "void", DL_RESULT_VOID},
      {"shapes::Rect", "Rect", {"const shapes::Rect&"}, "shapes::Rect", DL_RESULT_NEW_OBJECT},
      {"scopes", "next", {"unsigned int"}, "unsigned int", DL_RESULT_UINT},  // enums as underlying
      // Narrow enums are named as promoted to int; the stub still writes the enum's own width.
      {"scopes", "toggle", {"int"}, "int", DL_RESULT_UCHAR},
      {"scopes::Outer", "make", {}, "scopes::Outer::Inner", DL_RESULT_NEW_OBJECT},
  };
  for (const Expected& e : expected) {
    SCOPED_TRACE(std::string(e.scope) + "::" + e.name);
    const DlFunction* fn = dict().function(e.scope, e.name, e.args);
    ASSERT_NE(fn, nullptr);
    EXPECT_STREQ(dict().str(fn->result_type), e.result);
    EXPECT_EQ(fn->result_kind, static_cast<std::uint32_t>(e.kind));
  }
}

// ABI 1.5: which enum an enum-typed argument, result or data member is, beside
// its builtin spelling; DLDICT_NONE for every other type.
TEST_P(DictionaryTables, EnumTypesNameTheirEnum) {
  const DlDictionary& d = dict().raw();
  ASSERT_NE(d.argument_enums, nullptr);
  ASSERT_NE(d.result_enums, nullptr);
  auto enumName = [&](std::uint32_t offset) {
    return offset == DLDICT_NONE ? std::string("(none)") : std::string(dict().str(offset));
  };
  auto indexOf = [&](const DlFunction& fn) { return static_cast<std::uint32_t>(&fn - d.functions); };
  const DlFunction& next = functionOf("scopes", "next", {"unsigned int"});
  EXPECT_EQ(enumName(d.argument_enums[next.first_arg]), "scopes::Color");
  EXPECT_EQ(enumName(d.result_enums[indexOf(next)]), "scopes::Color");
  const DlFunction& toggle = functionOf("scopes", "toggle", {"int"});
  EXPECT_EQ(enumName(d.argument_enums[toggle.first_arg]), "scopes::Mode");
  EXPECT_EQ(enumName(d.result_enums[indexOf(toggle)]), "scopes::Mode");
  const DlFunction& resize = functionOf("shapes::Rect", "resize", {"double"});
  EXPECT_EQ(d.argument_enums[resize.first_arg], DLDICT_NONE);
  EXPECT_EQ(d.result_enums[indexOf(resize)], DLDICT_NONE);
}

TEST_P(DictionaryTables, OperatorSubscriptHasConstAndNonConstOverloads) {
  std::vector<const DlFunction*> subscripts = dict().functions("shapes::Vec2", "operator[]");
  ASSERT_EQ(subscripts.size(), 2u);
  int constCount = 0;
  for (const DlFunction* fn : subscripts) {
    EXPECT_TRUE(fn->flags & DL_FUNC_OPERATOR);
    EXPECT_EQ(dict().argumentTypes(*fn), std::vector<std::string>{"int"});
    if (fn->flags & DL_FUNC_CONST) {
      ++constCount;
      EXPECT_STREQ(dict().str(fn->result_type), "double");
    } else {
      EXPECT_STREQ(dict().str(fn->result_type), "double&");
      EXPECT_EQ(fn->result_kind, static_cast<std::uint32_t>(DL_RESULT_POINTER));
    }
  }
  EXPECT_EQ(constCount, 1);
}

TEST_P(DictionaryTables, FunctionKindsAndFlags) {
  const DlFunction& shapeArea = functionOf("shapes::Shape", "area", {});
  EXPECT_EQ(shapeArea.kind, static_cast<std::uint32_t>(DL_FUNC_METHOD));
  EXPECT_TRUE(shapeArea.flags & DL_FUNC_VIRTUAL);
  EXPECT_TRUE(shapeArea.flags & DL_FUNC_PURE);
  EXPECT_TRUE(shapeArea.flags & DL_FUNC_CONST);

  const DlFunction& circleArea = functionOf("shapes::Circle", "area", {});
  EXPECT_TRUE(circleArea.flags & DL_FUNC_VIRTUAL);
  EXPECT_FALSE(circleArea.flags & DL_FUNC_PURE);

  const DlFunction& resize = functionOf("shapes::Rect", "resize", {"double"});
  EXPECT_EQ(resize.kind, static_cast<std::uint32_t>(DL_FUNC_METHOD));
  EXPECT_FALSE(resize.flags & DL_FUNC_CONST);
  EXPECT_FALSE(resize.flags & DL_FUNC_VIRTUAL);

  EXPECT_EQ(functionOf("shapes::Vec2", "unit", {}).kind, static_cast<std::uint32_t>(DL_FUNC_STATIC));
  EXPECT_EQ(functionOf("", "add", {"int", "int"}).kind, static_cast<std::uint32_t>(DL_FUNC_STATIC));
  EXPECT_EQ(functionOf("shapes::Circle", "Circle", {"double"}).kind,
            static_cast<std::uint32_t>(DL_FUNC_CONSTRUCTOR));
  EXPECT_EQ(functionOf("shapes::Circle", "~Circle", {}).kind, static_cast<std::uint32_t>(DL_FUNC_DESTRUCTOR));
  EXPECT_TRUE(functionOf("shapes::Vec2", "operator+", {"const shapes::Vec2&"}).flags & DL_FUNC_OPERATOR);
  EXPECT_FALSE(functionOf("shapes::Vec2", "dot", {"const shapes::Vec2&"}).flags & DL_FUNC_OPERATOR);
}

TEST_P(DictionaryTables, NothrowFlagFollowsNoexcept) {
  EXPECT_TRUE(functionOf("", "negate", {"int"}).flags & DL_FUNC_NOTHROW);
  EXPECT_FALSE(functionOf("", "checkedDivide", {"int", "int"}).flags & DL_FUNC_NOTHROW);
}

// The fast path needs functions that cannot throw; genreflex follows calls
// into the bodies it can see and assumes the worst of everything else.
TEST_P(DictionaryTables, NothrowFlagFollowsVisibleBodies) {
  auto nothrow = [&](std::string_view scope, std::string_view name, std::vector<std::string_view> args) {
    return (functionOf(scope, name, args).flags & DL_FUNC_NOTHROW) != 0;
  };
  EXPECT_TRUE(nothrow("throwing", "twice", {"int"}));
  EXPECT_FALSE(nothrow("throwing", "mayThrow", {"int"}));
  EXPECT_TRUE(nothrow("throwing", "factorial", {"int"}));
  EXPECT_FALSE(nothrow("throwing", "definedElsewhere", {"int"}));
  EXPECT_TRUE(nothrow("throwing::Probe", "callsNothrowHelper", {"int"}));
  EXPECT_FALSE(nothrow("throwing::Probe", "callsThrowingHelper", {"int"}));
  EXPECT_TRUE(nothrow("throwing::Probe", "callsLibm", {}));
  EXPECT_FALSE(nothrow("throwing::Probe", "allocates", {"int"}));
  EXPECT_FALSE(nothrow("throwing::Probe", "checkedAt", {"int"}));
  EXPECT_TRUE(nothrow("throwing::Probe", "unchecked", {"int"}));
  EXPECT_TRUE(nothrow("throwing::Probe", "recursive", {"int"}));
  EXPECT_TRUE(nothrow("throwing::Probe", "makesAThrowingLambda", {"int"}));
  EXPECT_FALSE(nothrow("throwing::Probe", "overridable", {}));
}

// Signatures keep typedef names as written; typedefs they use are recorded even
// when another header declares them, so clients can resolve the names.
TEST_P(DictionaryTables, TypedefsUsedBySignaturesAreRecordedFromAnyHeader) {
  EXPECT_EQ(dict().argumentTypes(functionOf("signatures", "widen", {"outside_ulong"})),
            std::vector<std::string>{"outside_ulong"});
  const DlTypedef* ulong = dict().typedefNamed("outside_ulong");
  ASSERT_NE(ulong, nullptr);
  EXPECT_STREQ(dict().str(ulong->target), "unsigned long");
  const DlTypedef* real = dict().typedefNamed("outside::Real");
  ASSERT_NE(real, nullptr);
  EXPECT_STREQ(dict().str(real->target), "double");
}

TEST_P(DictionaryTables, VaListFunctionsAreLeftOut) {
  EXPECT_TRUE(dict().functions("signatures", "formatList").empty());
  EXPECT_EQ(dict().functions("signatures", "half").size(), 1u);
}

TEST_P(DictionaryTables, ConstructorsIncludeDefaultCopyAndWithArguments) {
  EXPECT_NE(dict().function("shapes::Rect", "Rect", {}), nullptr);
  EXPECT_NE(dict().function("shapes::Rect", "Rect", {"double", "double"}), nullptr);
  EXPECT_NE(dict().function("shapes::Rect", "Rect", {"const shapes::Rect&"}), nullptr);
  EXPECT_NE(dict().function("shapes::TaggedRect", "TaggedRect", {"double", "double", "const std::string&"}),
            nullptr);
  EXPECT_EQ(dict().function("shapes::TaggedRect", "TaggedRect", {}), nullptr);  // none declared
}

TEST_P(DictionaryTables, DefaultArgumentsLowerRequiredArgs) {
  const DlFunction& sumOf = functionOf("", "sumOf", {"int", "int", "int"});
  EXPECT_EQ(sumOf.num_args, 3u);
  EXPECT_EQ(sumOf.required_args, 1u);
  EXPECT_STREQ(dict().str(dict().argument(sumOf, 0).default_value), "");
  EXPECT_STREQ(dict().str(dict().argument(sumOf, 1).default_value), "2");
  EXPECT_STREQ(dict().str(dict().argument(sumOf, 2).default_value), "3");

  const DlFunction& circle = functionOf("shapes::Circle", "Circle", {"double"});
  EXPECT_EQ(circle.required_args, 0u);
  EXPECT_STREQ(dict().str(dict().argument(circle, 0).default_value), "1.0");

  EXPECT_EQ(functionOf("shapes::Counter", "total", {"int", "int"}).required_args, 1u);
  EXPECT_EQ(functionOf("", "add", {"int", "int"}).required_args, 2u);
}

TEST_P(DictionaryTables, ArgumentsHaveNamesAndPassingConventions) {
  const DlFunction& greet = functionOf("", "greet", {"const std::string&"});
  EXPECT_STREQ(dict().str(dict().argument(greet, 0).name), "who");
  EXPECT_EQ(dict().argument(greet, 0).passing, static_cast<std::uint32_t>(DL_PASS_INDIRECT));

  const DlFunction& addTo = functionOf("", "addTo", {"int&", "int"});
  EXPECT_EQ(dict().argument(addTo, 0).passing, static_cast<std::uint32_t>(DL_PASS_VALUE));
  EXPECT_EQ(dict().argument(addTo, 1).passing, static_cast<std::uint32_t>(DL_PASS_VALUE));

  const DlFunction& total =
      functionOf("shapes", "totalArea", {"const shapes::Shape&", "const shapes::Shape*"});
  EXPECT_EQ(dict().argument(total, 0).passing, static_cast<std::uint32_t>(DL_PASS_INDIRECT));
  EXPECT_EQ(dict().argument(total, 1).passing, static_cast<std::uint32_t>(DL_PASS_VALUE));

  const DlFunction& norm = functionOf("shapes", "normSquared", {"shapes::Vec2"});
  EXPECT_EQ(dict().argument(norm, 0).passing, static_cast<std::uint32_t>(DL_PASS_INDIRECT));
  const DlFunction& shout = functionOf("", "shout", {"std::string"});
  EXPECT_EQ(dict().argument(shout, 0).passing, static_cast<std::uint32_t>(DL_PASS_INDIRECT));
}

TEST_P(DictionaryTables, EchoOverloadExistsForEveryArithmeticType) {
  const std::pair<const char*, DlResultKind> expected[] = {
      {"bool", DL_RESULT_BOOL},
      {"char", DL_RESULT_CHAR},
      {"signed char", DL_RESULT_SCHAR},
      {"unsigned char", DL_RESULT_UCHAR},
      {"short", DL_RESULT_SHORT},
      {"unsigned short", DL_RESULT_USHORT},
      {"int", DL_RESULT_INT},
      {"unsigned int", DL_RESULT_UINT},
      {"long", DL_RESULT_LONG},
      {"unsigned long", DL_RESULT_ULONG},
      {"long long", DL_RESULT_LLONG},
      {"unsigned long long", DL_RESULT_ULLONG},
      {"float", DL_RESULT_FLOAT},
      {"double", DL_RESULT_DOUBLE},
      {"long double", DL_RESULT_LDOUBLE},
  };
  EXPECT_EQ(dict().functions("Builtins", "echo").size(), std::size(expected));
  for (const auto& [type, kind] : expected) {
    const DlFunction* fn = dict().function("Builtins", "echo", {type});
    ASSERT_NE(fn, nullptr) << type;
    EXPECT_STREQ(dict().str(fn->result_type), type);
    EXPECT_EQ(fn->result_kind, static_cast<std::uint32_t>(kind)) << type;
    EXPECT_EQ(fn->kind, static_cast<std::uint32_t>(DL_FUNC_STATIC)) << type;
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, DictionaryTables,
                         ::testing::Values(Generated::WithAddresses, Generated::StubsOnly),
                         [](const ::testing::TestParamInfo<Generated>& info) {
                           return std::string(generatedLabel(info.param));
                         });

}  // namespace
}  // namespace genreflex_test
