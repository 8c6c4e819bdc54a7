// templates_test.cpp - the instantiations a dictionary describes
// (data/templates.h, generated with --instantiate "std::map<std::string,int>"):
// which there are, their one name, their tables checked against the compiler,
// and their members called through the stubs.
#include "templates.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "dictionary_view.h"
#include "function_templates.h"

namespace genreflex_test {
namespace {

const DictionaryView& templates() {
  static const DictionaryView dict(GENREFLEX_TEST_DICT_TEMPLATES);
  return dict;
}

const DlFunction& only(std::string_view scope, std::string_view name,
                       const std::vector<std::string_view>& args) {
  const DlFunction* fn = templates().function(scope, name, args);
  if (fn == nullptr) throw std::runtime_error("no " + std::string(scope) + "::" + std::string(name));
  return *fn;
}

template <class R>
R call(const DlFunction& fn, void* self, std::initializer_list<void*> args) {
  R result{};
  std::string error;
  if (callStub(fn, self, args, &result, error) != 0) throw std::runtime_error("stub failed: " + error);
  return result;
}

TEST(Templates, InstantiationsUsedBySignaturesDataBasesAndTypedefsAreDescribed) {
  for (const char* name :
       {"std::vector<double>", "std::vector<int>", "std::map<std::string,int>", "std::pair<int,double>",
        "std::vector<std::vector<double>>", "std::vector<float>", "tmpl::Histogram<double,4>",
        "tmpl::Box<int>", "tmpl::Box<bool>", "tmpl::Box<long>"})
    EXPECT_NE(templates().scope(name), nullptr) << name;
}

TEST(Templates, AGlobalClassWithAStandardNameStaysItself) {
  EXPECT_NE(templates().scope("std::vector<queue>"), nullptr);
  EXPECT_EQ(templates().scope("std::vector<std::queue>"), nullptr);
  EXPECT_STREQ(templates().str(only("tmpl", "queues", {}).result_type), "std::vector<queue>");
}

TEST(Templates, EachInstantiationHasOneNameInItsNamespace) {
  const DlScope* vector = templates().scope("std::vector<double>");
  ASSERT_NE(vector, nullptr);
  EXPECT_STREQ(templates().str(vector->name), "vector<double>");
  EXPECT_STREQ(templates().str(templates().scopeAt(vector->parent).qualified_name), "std");
  EXPECT_EQ(vector->size, sizeof(std::vector<double>));
  for (const char* other :
       {"std::vector<double, std::allocator<double> >", "std::vector<double,std::allocator<double>>",
        "std::__cxx11::basic_string<char>", "std::basic_string<char>"})
    EXPECT_EQ(templates().scope(other), nullptr) << other;
}

TEST(Templates, AllocatorsComparatorsAndReverseIteratorsAreNotDescribed) {
  for (const char* name : {"std::allocator<int>", "std::allocator<double>", "std::less<std::string>",
                           "std::initializer_list<int>",
                           "std::reverse_iterator<__gnu_cxx::__normal_iterator<int*,std::vector<int>>>",
                           "std::pair<std::_Rb_tree_iterator<std::pair<const std::string,int>>,bool>"})
    EXPECT_EQ(templates().scope(name), nullptr) << name;
  EXPECT_TRUE(templates().functions("std::vector<int>", "get_allocator").empty());
  EXPECT_TRUE(templates().functions("std::vector<int>", "rbegin").empty());
}

constexpr const char* kMapIterator = "std::_Rb_tree_iterator<std::pair<const std::string,int>>";

TEST(Templates, ContainersDescribeTheIteratorClassesTheirMembersReturn) {
  struct Expected {
    const char* container;
    const char* iterator;
    const char* constIterator;
  };
  for (const Expected& e : {
           Expected{"std::map<std::string,int>", kMapIterator,
                    "std::_Rb_tree_const_iterator<std::pair<const std::string,int>>"},
           Expected{"std::vector<int>", "__gnu_cxx::__normal_iterator<int*,std::vector<int>>",
                    "__gnu_cxx::__normal_iterator<const int*,std::vector<int>>"},
           Expected{"std::set<int>", "std::_Rb_tree_const_iterator<int>",
                    "std::_Rb_tree_const_iterator<int>"},
           Expected{"std::map<int,tmpl::Label>", "std::_Rb_tree_iterator<std::pair<const int,tmpl::Label>>",
                    "std::_Rb_tree_const_iterator<std::pair<const int,tmpl::Label>>"},
       }) {
    // PyPy tests iterability by looking up <container>::iterator as a scope
    const DlTypedef* iterator = templates().typedefNamed(std::string(e.container) + "::iterator");
    const DlTypedef* constIterator = templates().typedefNamed(std::string(e.container) + "::const_iterator");
    ASSERT_NE(iterator, nullptr) << e.container;
    ASSERT_NE(constIterator, nullptr) << e.container;
    EXPECT_STREQ(templates().str(iterator->target), e.iterator);
    EXPECT_STREQ(templates().str(constIterator->target), e.constIterator);
    EXPECT_NE(templates().scope(e.iterator), nullptr) << e.iterator;
    EXPECT_NE(templates().scope(e.constIterator), nullptr) << e.constIterator;
    std::set<std::string> results;  // std::set has only a const begin()
    for (const DlFunction* begin : templates().functions(e.container, "begin"))
      results.insert(templates().str(begin->result_type));
    EXPECT_EQ(results, (std::set<std::string>{e.iterator, e.constIterator})) << e.container;
  }
  EXPECT_EQ(templates().scope("std::_Rb_tree_iterator<std::pair<const std::string,int>>")->size,
            sizeof(std::map<std::string, int>::iterator));
  EXPECT_EQ(templates().functions("std::map<std::string,int>", "find").size(), 2u);  // and its const overload
}

TEST(Templates, AnIteratorClassHasOnlyWhatPythonIteratesWith) {
  std::vector<std::string> names;
  const DlScope* iterator = templates().scope(kMapIterator);
  ASSERT_NE(iterator, nullptr);
  for (std::uint32_t f = 0; f < iterator->num_functions; ++f) {
    const DlFunction& fn = templates().raw().functions[iterator->first_function + f];
    names.push_back(templates().str(fn.name) + std::string("/") + std::to_string(fn.num_args));
  }
  EXPECT_EQ(names, (std::vector<std::string>{"operator*/0", "operator++/0",
                                             "~_Rb_tree_iterator<std::pair<const "
                                             "std::string,int>>/0",
                                             "operator==/1", "operator!=/1"}));
  EXPECT_EQ(iterator->num_data, 0u);  // not even libstdc++'s public _M_node
  EXPECT_STREQ(templates().str(only(kMapIterator, "operator*", {}).result_type),
               "std::pair<const std::string,int>&");
  EXPECT_EQ(templates().typedefNamed(std::string(kMapIterator) + "::value_type"), nullptr);
  // the value type: its data only (swap and assignment of a pair<const K, V> do not compile)
  const DlScope* pair = templates().scope("std::pair<const std::string,int>");
  ASSERT_NE(pair, nullptr);
  using Entry = std::pair<const std::string, int>;
  const DlDataMember* first = templates().data("std::pair<const std::string,int>", "first");
  const DlDataMember* second = templates().data("std::pair<const std::string,int>", "second");
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_STREQ(templates().str(first->type), "const std::string");
  EXPECT_EQ(second->offset, offsetof(Entry, second));
  EXPECT_TRUE(templates().functions("std::pair<const std::string,int>", "swap").empty());
  // a pair the headers use themselves keeps its members
  EXPECT_FALSE(templates().functions("std::pair<int,double>", "swap").empty());
}

TEST(Templates, IteratorEqualityFoundOnlyByLookupInItsNamespaceIsAConstMember) {
  // std::_Rb_tree_iterator's == is a hidden friend, __normal_iterator's a
  // function template in __gnu_cxx: both reach clients as members
  for (const char* iterator : {kMapIterator, "__gnu_cxx::__normal_iterator<int*,std::vector<int>>"}) {
    std::string argument = std::string("const ") + iterator + "&";
    for (const char* op : {"operator==", "operator!="}) {
      const DlFunction* fn = templates().function(iterator, op, {argument});
      ASSERT_NE(fn, nullptr) << iterator << " " << op;
      EXPECT_STREQ(templates().str(fn->result_type), "bool");
      EXPECT_EQ(fn->kind, DL_FUNC_METHOD);
      EXPECT_TRUE(fn->flags & DL_FUNC_CONST);
      EXPECT_TRUE(fn->flags & DL_FUNC_NOTHROW);  // libstdc++'s are noexcept
      EXPECT_EQ(fn->fast_path, DL_FAST_GIVEN);
      EXPECT_NE(fn->address, nullptr);
    }
  }
}

TEST(Templates, IteratorStubsWalkARealMapInOrder) {
  std::map<std::string, int> ages{{"carol", 35}, {"alice", 30}, {"bob", 25}};
  auto pick = [](const char* scope, const char* name, bool isConst) -> const DlFunction& {
    for (const DlFunction* fn : templates().functions(scope, name))
      if (bool(fn->flags & DL_FUNC_CONST) == isConst) return *fn;
    throw std::runtime_error(std::string("no ") + name);
  };
  auto* it = call<void*>(pick("std::map<std::string,int>", "begin", false), &ages, {});
  auto* end = call<void*>(pick("std::map<std::string,int>", "end", false), &ages, {});
  ASSERT_NE(it, nullptr);
  ASSERT_NE(end, nullptr);
  const DlFunction& differs = only(kMapIterator, "operator!=", {std::string("const ") + kMapIterator + "&"});
  const DlFunction& equals = only(kMapIterator, "operator==", {std::string("const ") + kMapIterator + "&"});
  std::string walked;
  int steps = 0;
  while (call<bool>(differs, it, {&end}) && steps++ < 10) {
    auto* entry = call<std::pair<const std::string, int>*>(only(kMapIterator, "operator*", {}), it, {});
    walked += entry->first + "=" + std::to_string(entry->second) + ";";
    EXPECT_EQ(call<void*>(only(kMapIterator, "operator++", {}), it, {}), it);  // prefix: itself
  }
  EXPECT_EQ(walked, "alice=30;bob=25;carol=35;");
  EXPECT_TRUE(call<bool>(equals, it, {&end}));
  // the fast path compares the same way
  auto* fastDiffers =
      reinterpret_cast<bool (*)(void*, const std::map<std::string, int>::iterator&)>(differs.address);
  EXPECT_FALSE(fastDiffers(it, *static_cast<std::map<std::string, int>::iterator*>(end)));
  const DlScope* scope = templates().scope(kMapIterator);
  char error[64] = "";
  EXPECT_EQ(scope->delete_object(it, 0, nullptr, nullptr, error, sizeof error), 0) << error;
  EXPECT_EQ(scope->delete_object(end, 0, nullptr, nullptr, error, sizeof error), 0) << error;
}

TEST(Templates, SignaturesSpellInstantiationsByTheirOneName) {
  EXPECT_EQ(templates().argumentTypes(only("tmpl::Store", "sum", {"const std::vector<double>&"})),
            std::vector<std::string>{"const std::vector<double>&"});
  EXPECT_STREQ(templates().str(only("tmpl::Store", "counts", {"int"}).result_type), "std::vector<int>");
  EXPECT_STREQ(templates().str(only("tmpl::Store", "firstPair", {}).result_type), "std::pair<int,double>");
  const DlTypedef* floats = templates().typedefNamed("tmpl::Floats");
  ASSERT_NE(floats, nullptr);
  EXPECT_STREQ(templates().str(floats->target), "std::vector<float>");
  const DlBase* base = templates().base("tmpl::Counter", "tmpl::Box<long>");
  EXPECT_NE(base, nullptr);
  const DlDataMember* table = templates().data("tmpl::Store", "table");
  ASSERT_NE(table, nullptr);
  EXPECT_STREQ(templates().str(table->type), "std::map<std::string,int>");
}

TEST(Templates, MembersOfAnInstantiationAreWrittenResolved) {
  // value_type, size_type and reference are typedefs of the instantiation: clients see what they are
  EXPECT_NE(templates().function("std::vector<int>", "push_back", {"const int&"}), nullptr);
  EXPECT_STREQ(templates().str(only("std::vector<int>", "size", {}).result_type), "unsigned long");
  EXPECT_EQ(templates().functions("std::vector<int>", "operator[]").size(), 2u);  // and its const overload
  EXPECT_NE(templates().function("std::map<std::string,int>", "operator[]", {"const std::string&"}), nullptr);
  const DlDataMember* second = templates().data("std::pair<int,double>", "second");
  ASSERT_NE(second, nullptr);
  EXPECT_STREQ(templates().str(second->type), "double");
  using IntDouble = std::pair<int, double>;
  EXPECT_EQ(second->offset, offsetof(IntDouble, second));
}

TEST(Templates, AnInstantiationNamesItsValueAndSizeTypes) {
  // PyPy's std::vector iteration resolves <vector>::value_type
  const DlTypedef* valueType = templates().typedefNamed("std::vector<double>::value_type");
  ASSERT_NE(valueType, nullptr);
  EXPECT_STREQ(templates().str(valueType->target), "double");
  const DlTypedef* sizeType = templates().typedefNamed("std::vector<double>::size_type");
  ASSERT_NE(sizeType, nullptr);
  EXPECT_STREQ(templates().str(sizeType->target), "unsigned long");
  const DlTypedef* mapped = templates().typedefNamed("std::map<std::string,int>::mapped_type");
  ASSERT_NE(mapped, nullptr);
  EXPECT_STREQ(templates().str(mapped->target), "int");
  EXPECT_EQ(templates().typedefNamed("std::vector<bool>::iterator"),
            nullptr);  // std::_Bit_iterator: not described
}

TEST(Templates, UserTemplatesWithTypeAndValueParametersAndASpecialization) {
  EXPECT_NE(templates().function("tmpl::Histogram<double,4>", "fill", {"int", "double"}), nullptr);
  EXPECT_EQ(templates().scope("tmpl::Histogram<double,4>")->size, sizeof(tmpl::Histogram<double, 4>));
  EXPECT_NE(templates().function("tmpl::Box<bool>", "describe", {}), nullptr);
  EXPECT_TRUE(templates().functions("tmpl::Box<bool>", "get").empty());  // the specialization's own members
  EXPECT_NE(templates().function("tmpl::Box<int>", "before", {"const tmpl::Box<int>&"}), nullptr);
}

TEST(Templates, StubsOfAVectorWorkOnARealVector) {
  auto* made = call<void*>(only("std::vector<int>", "vector<int>", {}), nullptr, {});
  ASSERT_NE(made, nullptr);
  auto* vector = static_cast<std::vector<int>*>(made);
  for (int value : {4, 5, 6})
    EXPECT_EQ(callStub(only("std::vector<int>", "push_back", {"const int&"}), made, {&value}, nullptr), 0);
  EXPECT_EQ(*vector, (std::vector<int>{4, 5, 6}));
  EXPECT_EQ(call<unsigned long>(only("std::vector<int>", "size", {}), made, {}), 3u);
  unsigned long index = 1;
  const DlFunction* subscript = nullptr;  // the non-const one of the two overloads
  for (const DlFunction* fn : templates().functions("std::vector<int>", "operator[]"))
    if (!(fn->flags & DL_FUNC_CONST)) subscript = fn;
  ASSERT_NE(subscript, nullptr);
  EXPECT_STREQ(templates().str(subscript->result_type), "int&");
  auto* element = call<int*>(*subscript, made, {&index});
  EXPECT_EQ(element, &(*vector)[1]);
  const DlScope* scope = templates().scope("std::vector<int>");
  char error[64] = "";
  EXPECT_EQ(scope->delete_object(made, 0, nullptr, nullptr, error, sizeof error), 0) << error;
}

TEST(Templates, ConstructorsKeepTheirLeadingArgumentsWhenAnAllocatorFollows) {
  // vector(size_type n, const allocator_type& = allocator_type()): callable with n alone
  unsigned long n = 5;
  auto* made = call<void*>(only("std::vector<double>", "vector<double>", {"unsigned long"}), nullptr, {&n});
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(static_cast<std::vector<double>*>(made)->size(), 5u);
  char error[64] = "";
  EXPECT_EQ(
      templates().scope("std::vector<double>")->delete_object(made, 0, nullptr, nullptr, error, sizeof error),
      0);
}

TEST(Templates, ResultsByValueAreNewObjectsOfTheInstantiation) {
  tmpl::Store store;
  int n = 3;
  auto* counts =
      static_cast<std::vector<int>*>(call<void*>(only("tmpl::Store", "counts", {"int"}), &store, {&n}));
  ASSERT_NE(counts, nullptr);
  EXPECT_EQ(*counts, (std::vector<int>{7, 7, 7}));
  delete counts;
  std::vector<double> values{1.0, 2.0};
  std::vector<double>* argument = &values;
  EXPECT_EQ(call<double>(only("tmpl::Store", "sum", {"const std::vector<double>&"}), &store, {&argument}),
            3.0);
}

// --- function templates (data/function_templates.h) -----------------------

TEST(FunctionTemplates, SpecializationsTheHeaderMakesAreDescribed) {
  const DlFunction& twice = only("ftmpl::Summer", "twice<int>", {"int"});  // instantiated by useTwice()
  EXPECT_TRUE(twice.flags & DL_FUNC_TEMPLATE_INSTANCE);
  EXPECT_TRUE(templates().functions("ftmpl::Summer", "twice<double>").empty());
  for (const char* name : {"width<int>", "width<double>"}) {  // explicit specializations
    const DlFunction& width = only("ftmpl::Summer", name, {});
    EXPECT_EQ(width.kind, DL_FUNC_STATIC);
    EXPECT_TRUE(width.flags & DL_FUNC_TEMPLATE_INSTANCE);
  }
  int five = 5;
  EXPECT_EQ(call<int>(only("ftmpl", "scaled<3>", {"int"}), nullptr, {&five}), 15);  // used by tripled()
  EXPECT_TRUE(templates().functions("ftmpl", "unused").empty());                    // instantiated by nothing
}

TEST(FunctionTemplates, SpecializationsTheDictionarysTypesDeduceAreDescribed) {
  ftmpl::Event event;
  std::vector<ftmpl::Particle> particles = event.particles();
  std::vector<ftmpl::Particle>* argument = &particles;
  const DlFunction& constructor = only("ftmpl::Summer", "Summer", {"const std::vector<ftmpl::Particle>&"});
  EXPECT_EQ(constructor.kind, DL_FUNC_CONSTRUCTOR);
  auto* made = static_cast<ftmpl::Summer*>(call<void*>(constructor, nullptr, {&argument}));
  ASSERT_NE(made, nullptr);
  EXPECT_EQ(made->total, 3.5);
  delete made;
  ftmpl::Summer summer;
  EXPECT_EQ(
      call<double>(only("ftmpl::Summer", "sum<ftmpl::Particle>", {"const std::vector<ftmpl::Particle>&"}),
                   &summer, {&argument}),
      3.5);
  std::vector<double> energies = event.energies();
  std::vector<double>* values = &energies;
  EXPECT_EQ(
      call<double>(only("ftmpl", "largest<double>", {"const std::vector<double>&"}), nullptr, {&values}),
      5.0);
}

TEST(FunctionTemplates, ASpecializationWhoseBodyDoesNotCompileIsLeftOutNotTheDictionary) {
  // largest<Particle> needs Particle's operator<, which there is not
  EXPECT_TRUE(templates().functions("ftmpl", "largest<ftmpl::Particle>").empty());
  EXPECT_FALSE(templates().functions("ftmpl", "largest<double>").empty());
}

}  // namespace
}  // namespace genreflex_test
