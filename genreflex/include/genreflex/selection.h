// selection.h - ROOT genreflex selection files (lcgdict XML): which classes,
// functions, variables, enums, typedefs and namespaces a dictionary holds.
//
//   <lcgdict>
//     <selection>
//       <class name="ns::Track"/>            exact name
//       <class pattern="ns::*"/>             wildcards: * any text (also ::), ? one character
//       <class name="std::vector<int>"/>     an instantiation genreflex makes itself
//       <class name="Hit"> <field name="cache" transient="true"/> </class>
//       <function name="ns::make"/>  <function proto_name="ns::make(int)"/>
//       <variable name="ns::g"/>  <enum name="ns::Color"/>  <typedef name="ns::Real"/>
//       <namespace name="ns"/>
//     </selection>
//     <exclusion>
//       <class name="ns::Internal"/>          the class is left out
//       <class name="ns::Track"> <method name="debug"/> <field name="raw"/> </class>
//     </exclusion>                            (a class with members: only those are left out)
//   </lcgdict>
//
// Semantics follow ROOT 6's genreflex: an exclusion wins over any selection; a
// selected class brings all its public members (a nested <method> in the
// selection section restricts nothing; <field transient="true"> concerns ROOT
// I/O, so the field stays); nested classes need their own rule. Names are
// compared in the dictionary's spelling (type_names.h: "std::vector<int>",
// no spaces after commas), so "std::vector<int, std::allocator<int> >" in a
// file names the same class.
//
// No clang type appears here: the parse stage asks by qualified name, and
// applyMemberRules() works on the finished Model.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "genreflex/model.h"

namespace genreflex {

enum class RuleKind { Class, Function, Variable, Enum, Typedef, Namespace, Method, Field };

// One element of the file. Counts how often it matched, so that a selection
// rule that matched nothing can be reported with its line.
struct SelectionRule {
  RuleKind kind = RuleKind::Class;
  bool excluded = false;            // in <exclusion>
  std::string name;                 // name=, in the dictionary's spelling ("" if none)
  std::string pattern;              // pattern=, spaces tidied
  std::string prototype;            // proto_name= ("f(int,double)") or proto_pattern=, spaces tidied
  bool prototypeIsPattern = false;  // proto_pattern= ("f(*)"): wildcards in the prototype
  // file_name=/file_pattern= as written: ROOT selects by declaring file
  // there; not supported here (such a rule matches nothing, with a warning).
  std::string fileAttribute;
  int line = 0;
  std::vector<SelectionRule> members;  // <field>/<method> inside a <class>
  mutable unsigned matches = 0;

  // What the file said, for messages: <class name="ns::Track">
  std::string describe() const;
};

class SelectionRules {
 public:
  // Reads a selection file. nullopt on malformed XML or an element or value
  // that makes no sense; error is then "FILE:LINE: what" (one line).
  static std::optional<SelectionRules> readFile(const std::string& path, std::string& error);
  // The same from text; fileName is only for messages.
  static std::optional<SelectionRules> readText(std::string_view xml, const std::string& fileName,
                                                std::string& error);

  // Whether the dictionary holds this entity: some selection rule matches it
  // and no exclusion does. patternsApply: false for what patterns do not
  // reach (the standard library, the C library's globals, implementation
  // names such as __gnu_cxx): only a name, or a pattern that spells a
  // template argument list, selects those, so pattern="*" does not take in
  // the standard library.
  bool selectsClass(const std::string& qualifiedName, bool patternsApply = true) const;
  bool selectsFunction(const std::string& qualifiedName, const std::string& prototype,
                       bool patternsApply = true) const;
  bool selectsVariable(const std::string& qualifiedName, bool patternsApply = true) const;
  bool selectsEnum(const std::string& qualifiedName, bool patternsApply = true) const;
  bool selectsTypedef(const std::string& qualifiedName, bool patternsApply = true) const;
  bool selectsNamespace(const std::string& qualifiedName, bool patternsApply = true) const;
  // Whether an exclusion rule leaves the entity out (for what comes with a
  // selected class, or what a selected declaration needs).
  bool excludesClass(const std::string& qualifiedName) const;
  bool excludesEnum(const std::string& qualifiedName) const;
  bool excludesTypedef(const std::string& qualifiedName) const;
  bool excludesVariable(const std::string& qualifiedName) const;

  // The class template instantiations the file names exactly
  // ("std::vector<int>"), with their lines: genreflex instantiates them, as
  // --instantiate does.
  struct NamedInstantiation {
    std::string name;
    int line = 0;
  };
  std::vector<NamedInstantiation> namedInstantiations() const;

  // "FILE:LINE: <class name=\"X\"> matched nothing" for each rule of the
  // selection section (and each member rule) that matched nothing.
  std::vector<std::string> unmatchedRules() const;

  // "FILE:LINE: <properties> concerns ROOT I/O; ignored" for what the file
  // holds that a dictionary without I/O has no use for (said under -v).
  const std::vector<std::string>& notes() const { return notes_; }

  const std::string& fileName() const { return fileName_; }
  const std::vector<SelectionRule>& rules() const { return rules_; }

 private:
  bool selects(RuleKind kind, const std::string& name, const std::string& prototype,
               bool patternsApply) const;
  bool excludes(RuleKind kind, const std::string& name, const std::string& prototype) const;

  friend class SelectionReader;
  std::string fileName_;
  std::vector<SelectionRule> rules_;
  std::vector<std::string> notes_;
};

// Removes the members that <exclusion> names (<method>, <field> inside a
// <class>) from every class they match, and counts the member rules of the
// selection section that find their member.
void applyMemberRules(const SelectionRules& rules, Model& model);

// Wildcard match of a whole name: * any text (also ::), ? one character.
bool wildcardMatch(std::string_view pattern, std::string_view name);

// The spelling names are compared in: no space except between two word
// characters ("std::map<int, double >" -> "std::map<int,double>").
std::string tidyName(std::string_view name);

}  // namespace genreflex
