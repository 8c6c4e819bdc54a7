// type_names_test.cpp - the spellings users write and the one canonical name
// each must become (dictloader/type_names.h).
#include "type_names.h"

#include <gtest/gtest.h>

#include <map>
#include <ostream>

namespace {

using dictloader::canonicalTypeName;
using dictloader::templateOf;

struct Spelling {
  const char* written;
  const char* canonical;
};

void PrintTo(const Spelling& spelling, std::ostream* out) { *out << '"' << spelling.written << '"'; }

class CanonicalName : public testing::TestWithParam<Spelling> {};

TEST_P(CanonicalName, IsTheOneSpelling) {
  EXPECT_EQ(canonicalTypeName(GetParam().written), GetParam().canonical) << "written: " << GetParam().written;
}

INSTANTIATE_TEST_SUITE_P(
    Spellings, CanonicalName,
    testing::Values(
        Spelling{"std::vector<int>", "std::vector<int>"}, Spelling{"vector<int>", "std::vector<int>"},
        Spelling{"::std::vector<int>", "std::vector<int>"},
        Spelling{"std::vector<int, std::allocator<int> >", "std::vector<int>"},
        Spelling{"std::vector<int,std::allocator<int>>", "std::vector<int>"},
        Spelling{"  std :: vector < int >  ", "std::vector<int>"},
        Spelling{"std::vector<unsigned>", "std::vector<unsigned int>"},
        Spelling{"std::vector<unsigned int>", "std::vector<unsigned int>"},
        Spelling{"std::vector<long int>", "std::vector<long>"},
        Spelling{"std::vector<long unsigned int>", "std::vector<unsigned long>"},
        Spelling{"std::vector<signed char>", "std::vector<signed char>"},
        Spelling{"std::vector<short int>", "std::vector<short>"},
        Spelling{"std::vector<long long int>", "std::vector<long long>"},
        Spelling{"std::vector<std::vector<double> >", "std::vector<std::vector<double>>"},
        Spelling{"vector<vector<double>>", "std::vector<std::vector<double>>"},
        Spelling{"std::vector<double, std::allocator<double>>", "std::vector<double>"},
        Spelling{"std::vector<int, MyAllocator<int>>", "std::vector<int,MyAllocator<int>>"},
        Spelling{"std::basic_string<char>", "std::string"},
        Spelling{"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >",
                 "std::string"},
        Spelling{"string", "std::string"}, Spelling{"std::string", "std::string"},
        Spelling{"std::basic_string<wchar_t>", "std::wstring"},
        Spelling{"std::basic_ostream<char, std::char_traits<char> >", "std::ostream"},
        Spelling{"std::basic_ostringstream<char>", "std::ostringstream"},
        Spelling{"std::basic_ostream<char, MyTraits>", "std::basic_ostream<char,MyTraits>"},
        Spelling{"std::basic_string_view<char>", "std::string_view"},
        Spelling{"std::map<std::string, int>", "std::map<std::string,int>"},
        Spelling{"map<string,int>", "std::map<std::string,int>"},
        Spelling{"std::map<std::basic_string<char>, int, std::less<std::basic_string<char> >, "
                 "std::allocator<std::pair<const std::basic_string<char>, int> > >",
                 "std::map<std::string,int>"},
        Spelling{"std::map<int, double, std::greater<int> >", "std::map<int,double,std::greater<int>>"},
        Spelling{"std::pair<int, double>", "std::pair<int,double>"},
        Spelling{"pair<const std::string, int>", "std::pair<const std::string,int>"},
        Spelling{"std::pair<int const, double>", "std::pair<const int,double>"},
        Spelling{"std::vector<const char *>", "std::vector<const char*>"},
        Spelling{"std::vector<MyClass*>", "std::vector<MyClass*>"},
        Spelling{"std::vector<ns::Point>", "std::vector<ns::Point>"},
        Spelling{"std::set<int, std::less<int>, std::allocator<int>>", "std::set<int>"},
        Spelling{"std::unordered_map<int, int, std::hash<int>, std::equal_to<int>, "
                 "std::allocator<std::pair<const int, int>>>",
                 "std::unordered_map<int,int>"},
        Spelling{"std::unique_ptr<int, std::default_delete<int> >", "std::unique_ptr<int>"},
        Spelling{"std::array<int, 4ul>", "std::array<int,4>"},
        Spelling{"ns::Histogram<int, 4>", "ns::Histogram<int,4>"},
        Spelling{"ns::Histogram<int,4U>", "ns::Histogram<int,4>"}, Spelling{"ns::Grid<-1>", "ns::Grid<-1>"},
        Spelling{"std::vector<int>::size_type", "std::vector<int>::size_type"},
        Spelling{"const std::vector<double> &", "const std::vector<double>&"},
        Spelling{"unsigned", "unsigned int"}, Spelling{"MyClass", "MyClass"},
        Spelling{"ns::Outer::Inner", "ns::Outer::Inner"}, Spelling{"ns::vector<int>", "ns::vector<int>"}));

TEST(CanonicalName, TidiesWhatIsNotATypeName) {
  EXPECT_EQ(canonicalTypeName("  void (*)(int)"), "void (*)(int)");
  EXPECT_EQ(canonicalTypeName("std::vector<int"), "std::vector<int");
  EXPECT_EQ(canonicalTypeName("::MyClass "), "MyClass");
}

TEST(CanonicalName, ResolvesTypedefNamesEverywhere) {
  std::map<std::string, std::string> typedefs = {
      {"Ints", "std::vector<int, std::allocator<int> >"}, {"ns::Real", "double"}, {"IntPtr", "int*"}};
  auto resolve = [&](const std::string& name) {
    auto it = typedefs.find(name);
    return it == typedefs.end() ? std::string() : it->second;
  };
  EXPECT_EQ(canonicalTypeName("Ints", resolve), "std::vector<int>");
  EXPECT_EQ(canonicalTypeName("std::vector<ns::Real>", resolve), "std::vector<double>");
  EXPECT_EQ(canonicalTypeName("std::map<std::string, Ints>", resolve),
            "std::map<std::string,std::vector<int>>");
  EXPECT_EQ(canonicalTypeName("const Ints&", resolve), "const std::vector<int>&");
  EXPECT_EQ(canonicalTypeName("std::vector<IntPtr>", resolve), "std::vector<int*>");
  EXPECT_EQ(canonicalTypeName("const IntPtr", resolve), "const IntPtr");  // is int* const
}

TEST(CanonicalName, ACompilersNamesNeverMeanStdUnqualified) {
  using dictloader::UnqualifiedNames;
  // a global class called list, as clang writes it: no std:: to add
  EXPECT_EQ(canonicalTypeName("std::vector<list, std::allocator<list> >", {}, UnqualifiedNames::AsWritten),
            "std::vector<list>");
  EXPECT_EQ(canonicalTypeName("pair<int, double>", {}, UnqualifiedNames::AsWritten), "pair<int,double>");
  EXPECT_EQ(canonicalTypeName("std::basic_string<char>", {}, UnqualifiedNames::AsWritten), "std::string");
}

TEST(TemplateOf, NamesTheTemplateOfAnInstantiation) {
  EXPECT_EQ(templateOf("std::vector<int>"), "std::vector");
  EXPECT_EQ(templateOf("std::map<std::string,std::vector<int>>"), "std::map");
  EXPECT_EQ(templateOf("ns::Outer<int>::Inner"), "");
  EXPECT_EQ(templateOf("MyClass"), "");
}

}  // namespace
