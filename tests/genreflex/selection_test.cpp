// selection_test.cpp - the selection-file reader and its matching rules, with
// no clang: each element and attribute, patterns, exclusions, member rules
// applied to a hand-built model, and the file:line of every error.
#include "genreflex/selection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "genreflex/standard_headers.h"

namespace {

using genreflex::Model;
using genreflex::SelectionRules;

SelectionRules read(const std::string& xml) {
  std::string error;
  std::optional<SelectionRules> rules = SelectionRules::readText(xml, "sel.xml", error);
  EXPECT_TRUE(rules.has_value()) << error;
  return rules ? *rules : SelectionRules{};
}

std::string readError(const std::string& xml) {
  std::string error;
  std::optional<SelectionRules> rules = SelectionRules::readText(xml, "sel.xml", error);
  EXPECT_FALSE(rules.has_value()) << xml;
  return error;
}

TEST(Wildcards, StarMatchesAnyTextIncludingScopesAndQuestionMarkOneCharacter) {
  using genreflex::wildcardMatch;
  EXPECT_TRUE(wildcardMatch("ns::*", "ns::Track"));
  EXPECT_TRUE(wildcardMatch("ns::*", "ns::inner::Track"));
  EXPECT_FALSE(wildcardMatch("ns::*", "other::Track"));
  EXPECT_TRUE(wildcardMatch("*", ""));
  EXPECT_TRUE(wildcardMatch("Box<*>", "Box<int>"));
  EXPECT_TRUE(wildcardMatch("Box<*>", "Box<std::vector<int>>"));
  EXPECT_FALSE(wildcardMatch("Box<*>", "Boxes<int>"));
  EXPECT_TRUE(wildcardMatch("Hit?", "Hit2"));
  EXPECT_FALSE(wildcardMatch("Hit?", "Hit"));
  EXPECT_FALSE(wildcardMatch("Hit?", "Hit22"));
  EXPECT_TRUE(wildcardMatch("*Track*Fit", "ns::TrackerFit"));
  EXPECT_FALSE(wildcardMatch("*Track*Fit", "ns::TrackerFits"));
}

TEST(TidyName, KeepsSpacesOnlyBetweenWords) {
  EXPECT_EQ(genreflex::tidyName(" std::map< int , double > "), "std::map<int,double>");
  EXPECT_EQ(genreflex::tidyName("unsigned  long"), "unsigned long");
  EXPECT_EQ(genreflex::tidyName("f(const int &) const"), "f(const int&)const");
}

TEST(SelectionFile, ClassByNameAndByPattern) {
  SelectionRules rules = read(R"(<lcgdict><selection>
      <class name="ns::Track"/>
      <class pattern="det::*"/>
    </selection></lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("ns::Track"));
  EXPECT_FALSE(rules.selectsClass("ns::Track2"));
  EXPECT_FALSE(rules.selectsClass("Track"));
  EXPECT_TRUE(rules.selectsClass("det::Hit"));
  EXPECT_TRUE(rules.selectsClass("det::inner::Cell"));
  // Patterns reach system headers' declarations only when they spell template arguments.
  EXPECT_FALSE(rules.selectsClass("det::Hit", /*patternsApply=*/false));
  EXPECT_TRUE(rules.selectsClass("ns::Track", /*patternsApply=*/false));
  // A class rule selects classes only.
  EXPECT_FALSE(rules.selectsFunction("ns::Track", "ns::Track()"));
  EXPECT_FALSE(rules.selectsEnum("det::Color"));
}

TEST(SelectionFile, RulesDirectlyUnderLcgdictSelect) {
  SelectionRules rules = read(R"(<lcgdict><class name="A"/></lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("A"));
}

TEST(SelectionFile, EachKindOfElementSelectsItsKind) {
  SelectionRules rules = read(R"xml(<?xml version="1.0"?>
    <!-- every kind once -->
    <lcgdict>
      <selection>
        <function name="ns::make"/>
        <function pattern="ns::build*"/>
        <function proto_name="ns::scale(double)"/>
        <variable name="ns::counter"/>
        <variable pattern="ns::g*"/>
        <enum name="ns::Color"/>
        <enum pattern="ns::E*"/>
        <typedef name="ns::Real"/>
        <namespace name="ns"/>
        <struct name="Plain"/>
      </selection>
    </lcgdict>)xml");
  EXPECT_TRUE(rules.selectsFunction("ns::make", "ns::make(int)"));
  EXPECT_TRUE(rules.selectsFunction("ns::buildAll", ""));
  EXPECT_TRUE(rules.selectsFunction("ns::scale", "ns::scale(double)"));
  EXPECT_FALSE(rules.selectsFunction("ns::scale", "ns::scale(float)"));
  EXPECT_FALSE(rules.selectsFunction("ns::other", "ns::other()"));
  EXPECT_TRUE(rules.selectsVariable("ns::counter"));
  EXPECT_TRUE(rules.selectsVariable("ns::gain"));
  EXPECT_FALSE(rules.selectsVariable("ns::offset"));
  EXPECT_TRUE(rules.selectsEnum("ns::Color"));
  EXPECT_TRUE(rules.selectsEnum("ns::Energy"));
  EXPECT_FALSE(rules.selectsEnum("ns::Shape"));
  EXPECT_TRUE(rules.selectsTypedef("ns::Real"));
  EXPECT_FALSE(rules.selectsTypedef("ns::Integer"));
  EXPECT_TRUE(rules.selectsNamespace("ns"));
  EXPECT_FALSE(rules.selectsNamespace("other"));
  EXPECT_TRUE(rules.selectsClass("Plain"));
  EXPECT_TRUE(rules.unmatchedRules().empty());
}

TEST(SelectionFile, PrototypesMayOmitTheQualifierAndSpaces) {
  SelectionRules rules = read(R"xml(<lcgdict>
      <function proto_name="scale( const std::string &amp; , int )"/>
    </lcgdict>)xml");
  EXPECT_TRUE(rules.selectsFunction("ns::scale", "ns::scale(const std::string&,int)"));
  EXPECT_FALSE(rules.selectsFunction("ns::scale", "ns::scale(const std::string&)"));
}

TEST(SelectionFile, ExclusionWinsOverAnySelection) {
  SelectionRules rules = read(R"(<lcgdict>
      <selection>
        <class pattern="ns::*"/>
        <class name="ns::Internal"/>
        <function pattern="*"/>
        <variable pattern="*"/>
        <enum pattern="*"/>
        <typedef pattern="*"/>
      </selection>
      <exclusion>
        <class name="ns::Internal"/>
        <class pattern="ns::detail::*"/>
        <function name="ns::hidden"/>
        <variable name="ns::secret"/>
        <enum name="ns::Private"/>
        <typedef name="ns::Opaque"/>
      </exclusion>
    </lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("ns::Track"));
  EXPECT_FALSE(rules.selectsClass("ns::Internal"));
  EXPECT_FALSE(rules.selectsClass("ns::detail::Impl"));
  EXPECT_TRUE(rules.excludesClass("ns::Internal"));
  EXPECT_FALSE(rules.excludesClass("ns::Track"));
  EXPECT_FALSE(rules.selectsFunction("ns::hidden", "ns::hidden()"));
  EXPECT_TRUE(rules.selectsFunction("ns::shown", "ns::shown()"));
  EXPECT_FALSE(rules.selectsVariable("ns::secret"));
  EXPECT_TRUE(rules.excludesVariable("ns::secret"));
  EXPECT_FALSE(rules.selectsEnum("ns::Private"));
  EXPECT_TRUE(rules.excludesEnum("ns::Private"));
  EXPECT_FALSE(rules.selectsTypedef("ns::Opaque"));
  EXPECT_TRUE(rules.excludesTypedef("ns::Opaque"));
}

TEST(SelectionFile, AnExcludedClassWithMembersKeepsTheClass) {
  SelectionRules rules = read(R"(<lcgdict>
      <selection><class name="A"/></selection>
      <exclusion><class name="A"><method name="debug"/></class></exclusion>
    </lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("A"));
  EXPECT_FALSE(rules.excludesClass("A"));
}

TEST(SelectionFile, TemplateNamesAreComparedInTheDictionarySpelling) {
  // '<' and '>' inside attribute values, as ROOT's files write them (not valid XML as such).
  SelectionRules rules = read(R"(<lcgdict>
      <class name="std::vector<int, std::allocator<int> >"/>
      <class name="vector<double>"/>
      <class pattern="Box<*>"/>
      <class name="ns::Holder<ns::Item>"/>
    </lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("std::vector<int>"));
  EXPECT_TRUE(rules.selectsClass("std::vector<double>"));
  EXPECT_TRUE(rules.selectsClass("Box<float>", /*patternsApply=*/false));  // spells template arguments
  EXPECT_FALSE(rules.selectsClass("Box"));
  std::vector<std::string> named;
  for (const SelectionRules::NamedInstantiation& instantiation : rules.namedInstantiations())
    named.push_back(instantiation.name + " at line " + std::to_string(instantiation.line));
  EXPECT_EQ(named, (std::vector<std::string>{"std::vector<int> at line 2", "std::vector<double> at line 3",
                                             "ns::Holder<ns::Item> at line 5"}));
}

TEST(SelectionFile, EscapedAndUnescapedAnglesReadTheSame) {
  SelectionRules rules = read(R"(<lcgdict><class name="std::map&lt;int,double&gt;"/></lcgdict>)");
  EXPECT_TRUE(rules.selectsClass("std::map<int,double>"));
}

TEST(SelectionFile, UnmatchedSelectionRulesAreReportedWithTheirLines) {
  SelectionRules rules = read(
      "<lcgdict>\n"                          // 1
      "  <selection>\n"                      // 2
      "    <class name=\"A\"/>\n"            // 3
      "    <class pattern=\"Nothing*\"/>\n"  // 4
      "    <function name=\"f\"/>\n"         // 5
      "  </selection>\n"                     // 6
      "  <exclusion>\n"                      // 7
      "    <class name=\"NotThere\"/>\n"     // 8
      "  </exclusion>\n"                     // 9
      "</lcgdict>\n");
  EXPECT_TRUE(rules.selectsClass("A"));
  EXPECT_FALSE(rules.selectsClass("B"));
  std::vector<std::string> unmatched = rules.unmatchedRules();
  EXPECT_EQ(unmatched, (std::vector<std::string>{"sel.xml:4: <class pattern=\"Nothing*\"> matched nothing",
                                                 "sel.xml:5: <function name=\"f\"> matched nothing"}));
}

Model modelWithClass() {
  Model model;
  model.scopes.resize(2);
  genreflex::Scope& track = model.scopes[1];
  track.name = track.qualifiedName = "Track";
  track.kind = genreflex::ScopeKind::Class;
  track.parent = 0;
  auto method = [](const char* name, std::vector<const char*> args, bool isConst) {
    genreflex::Function fn;
    fn.name = name;
    for (const char* arg : args)
      fn.arguments.push_back({"", genreflex::Type{arg, arg, {}, "", {}, false, ""}, ""});
    fn.isConst = isConst;
    return fn;
  };
  track.functions = {method("debug", {}, true), method("fit", {"int"}, false),
                     method("fit", {"double"}, false), method("size", {}, true)};
  for (const char* name : {"hits", "cache", "raw"}) {
    genreflex::DataMember data;
    data.name = name;
    track.data.push_back(data);
  }
  return model;
}

std::vector<std::string> functionNames(const genreflex::Scope& scope) {
  std::vector<std::string> out;
  for (const genreflex::Function& fn : scope.functions)
    out.push_back(fn.name + "(" + (fn.arguments.empty() ? "" : fn.arguments[0].type.name) + ")");
  return out;
}

TEST(MemberRules, ExcludedMethodsAndFieldsLeaveTheModelByNamePatternAndPrototype) {
  SelectionRules rules = read(R"xml(<lcgdict>
      <selection><class name="Track"/></selection>
      <exclusion>
        <class name="Track">
          <method name="debug"/>
          <method proto_name="fit(double)"/>
          <field pattern="ra?"/>
        </class>
      </exclusion>
    </lcgdict>)xml");
  Model model = modelWithClass();
  genreflex::applyMemberRules(rules, model);
  EXPECT_EQ(functionNames(model.scopes[1]), (std::vector<std::string>{"fit(int)", "size()"}));
  ASSERT_EQ(model.scopes[1].data.size(), 2u);
  EXPECT_EQ(model.scopes[1].data[0].name, "hits");
  EXPECT_EQ(model.scopes[1].data[1].name, "cache");
}

TEST(MemberRules, SelectedMembersRestrictNothingAndAreCheckedToExist) {
  // ROOT 6: a selected class brings all its members; transient concerns I/O.
  SelectionRules rules = read(
      "<lcgdict><selection>\n"
      "  <class name=\"Track\">\n"
      "    <field name=\"cache\" transient=\"true\"/>\n"
      "    <method name=\"size\"/>\n"
      "    <method name=\"sizee\"/>\n"
      "  </class>\n"
      "</selection></lcgdict>\n");
  EXPECT_TRUE(rules.selectsClass("Track"));
  Model model = modelWithClass();
  genreflex::applyMemberRules(rules, model);
  EXPECT_EQ(model.scopes[1].functions.size(), 4u);
  EXPECT_EQ(model.scopes[1].data.size(), 3u);
  EXPECT_EQ(rules.unmatchedRules(),
            (std::vector<std::string>{
                "sel.xml:5: <method name=\"sizee\"> in <class name=\"Track\"> matched nothing"}));
}

TEST(SelectionFile, ProtoPatternsMatchPrototypesWithWildcards) {
  SelectionRules rules = read(R"xml(<lcgdict>
      <function proto_pattern="ns::scale(double*)"/>
      <exclusion><class name="Track"><method proto_pattern="fit(*)"/></class></exclusion>
    </lcgdict>)xml");
  EXPECT_TRUE(rules.selectsFunction("ns::scale", "ns::scale(double)"));
  EXPECT_TRUE(rules.selectsFunction("ns::scale", "ns::scale(double, int)"));
  EXPECT_FALSE(rules.selectsFunction("ns::scale", "ns::scale(int)"));
  EXPECT_FALSE(rules.selectsFunction("ns::scale", "ns::scale(double)", /*patternsApply=*/false));
  Model model = modelWithClass();
  genreflex::applyMemberRules(rules, model);
  EXPECT_EQ(functionNames(model.scopes[1]), (std::vector<std::string>{"debug()", "size()"}));
  EXPECT_EQ(readError("<lcgdict>\n<class proto_pattern=\"f(*)\"/>\n</lcgdict>"),
            "sel.xml:2: proto_pattern= belongs to <function> and <method>, not <class>");
}

TEST(MemberRules, AConstPrototypeMatchesOnlyTheConstMethod) {
  SelectionRules rules = read(R"xml(<lcgdict><exclusion><class pattern="*">
      <method proto_name="Track::size() const"/>
      <method proto_name="debug()"/>
    </class></exclusion></lcgdict>)xml");
  Model model = modelWithClass();
  genreflex::applyMemberRules(rules, model);
  EXPECT_EQ(functionNames(model.scopes[1]), (std::vector<std::string>{"fit(int)", "fit(double)"}));
}

TEST(SelectionErrors, MalformedXmlNamesFileAndLine) {
  std::string error = readError("<lcgdict>\n<selection>\n  <class name=\"A\">\n</selection>\n</lcgdict>\n");
  EXPECT_EQ(error.rfind("sel.xml:4: malformed XML: ", 0), 0u) << error;
  error = readError("<lcgdict>\n  <class name=\"A/>\n</lcgdict>\n");
  EXPECT_EQ(error.rfind("sel.xml:", 0), 0u) << error;
  EXPECT_NE(error.find("malformed XML"), std::string::npos) << error;
  error = readError("");
  EXPECT_NE(error.find("malformed XML"), std::string::npos) << error;
}

TEST(SelectionErrors, WrongElementsAndAttributesNameTheirLine) {
  EXPECT_EQ(readError("<selection>\n<class name=\"A\"/>\n</selection>"),
            "sel.xml:1: the root element is <selection>; a selection file's is <lcgdict>");
  EXPECT_EQ(readError("<lcgdict>\n<selection>\n<clas name=\"A\"/>\n</selection>\n</lcgdict>"),
            "sel.xml:3: unknown element <clas> (expected <class>, <function>, <variable>, <enum>, <typedef>, "
            "<namespace>)");
  EXPECT_EQ(readError("<lcgdict>\n<class/>\n</lcgdict>"),
            "sel.xml:2: <class> needs a name= or pattern= attribute");
  EXPECT_EQ(readError("<lcgdict>\n\n<class name=\"A\" pattern=\"B*\"/>\n</lcgdict>"),
            "sel.xml:3: <class> has more than one of name=, pattern= and proto_name=");
  EXPECT_EQ(readError("<lcgdict>\n<method name=\"f\"/>\n</lcgdict>"),
            "sel.xml:2: <method> belongs inside a <class>");
  EXPECT_EQ(readError("<lcgdict>\n<class name=\"A\">\n<class name=\"B\"/>\n</class>\n</lcgdict>"),
            "sel.xml:3: <class> cannot be inside a <class> (only <field> and <method>)");
  EXPECT_EQ(readError("<lcgdict>\n<enum proto_name=\"f()\"/>\n</lcgdict>"),
            "sel.xml:2: proto_name= belongs to <function> and <method>, not <enum>");
  EXPECT_EQ(readError("<lcgdict>\n<variable name=\"\"/>\n</lcgdict>"),
            "sel.xml:2: <variable> has an empty name, pattern or proto_name");
}

TEST(SelectionErrors, EveryTruncationOfAFileIsReadOrRejectedWithALine) {
  // Cut anywhere (inside a tag, a quoted value, a comment): never a crash, and
  // every error names the file and a line.
  const std::string xml = R"xml(<?xml version="1.0"?>
<!-- comment with <class name="x"/> inside -->
<lcgdict>
  <selection>
    <class name="std::map<int, std::vector<double> >"/>
    <class pattern='ns::*'> <field name="f" transient="true"/> </class>
    <function proto_name="f(const A&, B&&)"/>
  </selection>
  <exclusion><class name="A"><method name="operator<"/></class></exclusion>
</lcgdict>
)xml";
  std::string error;
  ASSERT_TRUE(SelectionRules::readText(xml, "sel.xml", error).has_value()) << error;
  unsigned rejected = 0;
  for (size_t cut = 0; cut < xml.size(); ++cut) {
    error.clear();
    if (SelectionRules::readText(xml.substr(0, cut), "sel.xml", error)) continue;
    ++rejected;
    EXPECT_EQ(error.rfind("sel.xml:", 0), 0u) << cut << ": " << error;
  }
  EXPECT_GT(rejected, xml.size() / 2);
}

TEST(SelectionErrors, AMissingFileIsNamed) {
  std::string error;
  EXPECT_FALSE(SelectionRules::readFile("/no/such/selection.xml", error).has_value());
  EXPECT_EQ(error, "cannot read the selection file '/no/such/selection.xml' (check the path)");
}

TEST(SelectionFile, IoElementsAreNotedAndFileRulesMatchNothingWithAReason) {
  SelectionRules rules = read(
      "<lcgdict>\n"
      "<class name=\"A\" ClassVersion=\"3\">\n"
      "  <properties prop=\"x\"/>\n"
      "</class>\n"
      "<class file_name=\"A.h\"/>\n"
      "<ioread sourceClass=\"A\" version=\"[1-]\" targetClass=\"A\" source=\"\" target=\"\"/>\n"
      "</lcgdict>\n");
  EXPECT_EQ(rules.notes(), (std::vector<std::string>{"sel.xml:3: <properties> concerns ROOT I/O; ignored",
                                                     "sel.xml:6: <ioread> concerns ROOT I/O; ignored"}));
  EXPECT_TRUE(rules.selectsClass("A"));
  EXPECT_EQ(rules.unmatchedRules(),
            (std::vector<std::string>{"sel.xml:5: <class file_name=\"A.h\"> matched nothing (file_name= and "
                                      "file_pattern= are not supported)"}));
}

TEST(StandardHeaders, EachStdTemplateNamedGivesItsHeaderOnce) {
  using genreflex::standardHeadersNamedBy;
  EXPECT_EQ(standardHeadersNamedBy({"std::vector<int>", "std::map<int,std::vector<double>>", "ns::Box<int>"}),
            (std::vector<std::string>{"map", "vector"}));
  EXPECT_EQ(standardHeadersNamedBy({"std::pair<const std::string,std::shared_ptr<A>>"}),
            (std::vector<std::string>{"memory", "string", "utility"}));
  EXPECT_EQ(standardHeadersNamedBy({"mystd::vector<int>", "Track", "std::vectorish<int>"}),
            std::vector<std::string>{});
}

}  // namespace
