// rootmap_test.cpp - the names a model provides and the rootmap text written
// from them, on a hand-built model.
#include "genreflex/rootmap.h"

#include <gtest/gtest.h>

namespace {

using namespace genreflex;

int addScope(Model& model, const std::string& name, ScopeKind kind, int parent, bool instantiation = false) {
  Scope scope;
  scope.name = name;
  const std::string& outer = model.scopes[parent].qualifiedName;
  scope.qualifiedName = outer.empty() ? name : outer + "::" + name;
  scope.kind = kind;
  scope.parent = parent;
  scope.isInstantiation = instantiation;
  model.scopes.push_back(scope);
  return static_cast<int>(model.scopes.size()) - 1;
}

// ns { class Track { struct Fit; }; struct Hit; enum Color; typedef Real; int counter; void make(); }
// std::vector<ns::Track> (an instantiation), a global class Plain, a
// global typedef recorded because a signature uses std::size_t.
Model sampleModel() {
  Model model;
  model.scopes.emplace_back();
  int ns = addScope(model, "ns", ScopeKind::Namespace, 0);
  int track = addScope(model, "Track", ScopeKind::Class, ns);
  addScope(model, "Fit", ScopeKind::Struct, track);
  addScope(model, "Hit", ScopeKind::Struct, ns);
  int stdScope = addScope(model, "std", ScopeKind::Namespace, 0);
  addScope(model, "vector<ns::Track>", ScopeKind::Class, stdScope, /*instantiation=*/true);
  int gnu = addScope(model, "__gnu_cxx", ScopeKind::Namespace, 0);  // a container's iterator: not listed
  addScope(model, "__normal_iterator<ns::Track*,std::vector<ns::Track>>", ScopeKind::Class, gnu, true);
  addScope(model, "selectedOnly", ScopeKind::Namespace, 0);  // <namespace name="selectedOnly"/>
  addScope(model, "Plain", ScopeKind::Class, 0);
  Scope& nsScope = model.scopes[ns];
  nsScope.enums.push_back(Enum{"Color", "ns::Color", "int", false, {}});
  nsScope.enums.push_back(Enum{"", "", "int", false, {}});  // anonymous: no name to list
  nsScope.typedefs.push_back(Typedef{"Real", "ns::Real", {}});
  DataMember counter;
  counter.name = "counter";
  nsScope.data.push_back(counter);
  Function make;
  make.name = "make";
  make.qualifiedName = "ns::make";
  nsScope.functions.push_back(make);
  model.scopes[track].typedefs.push_back(Typedef{"Size", "ns::Track::Size", {}});  // comes with its class
  model.scopes[0].typedefs.push_back(Typedef{"std::size_t", "std::size_t", {}});   // used, not declared here
  return model;
}

TEST(ProvidedNames, OutermostClassesInstantiationsAndNamespaceScopeNames) {
  ProvidedNames names = providedNames(sampleModel());
  EXPECT_EQ(names.classes,
            (std::vector<std::string>{"Plain", "ns::Hit", "ns::Track", "std::vector<ns::Track>"}));
  // std holds only an instantiation; an empty namespace is there because a rule named it
  EXPECT_EQ(names.namespaces, (std::vector<std::string>{"ns", "selectedOnly"}));
  EXPECT_EQ(names.typedefs, std::vector<std::string>{"ns::Real"});
  EXPECT_EQ(names.enums, std::vector<std::string>{"ns::Color"});
  EXPECT_EQ(names.variables, std::vector<std::string>{"ns::counter"});
  EXPECT_EQ(names.functions, std::vector<std::string>{"ns::make"});
  EXPECT_EQ(names.declarations, (std::vector<std::string>{"class Plain;", "namespace ns { class Track; }",
                                                          "namespace ns { struct Hit; }"}));
}

TEST(RootmapText, RootSixLayout) {
  std::string text = rootmapText(providedNames(sampleModel()), "libTrackDict.so", {"Track.h", "inc/Hit.h"});
  EXPECT_EQ(text,
            "{ decls }\n"
            "class Plain;\n"
            "namespace ns { class Track; }\n"
            "namespace ns { struct Hit; }\n"
            "\n"
            "[ libTrackDict.so ]\n"
            "# List of selected classes\n"
            "class Plain\n"
            "class ns::Hit\n"
            "class ns::Track\n"
            "class std::vector<ns::Track>\n"
            "header Track.h\n"
            "header inc/Hit.h\n"
            "# List of selected namespaces\n"
            "namespace ns\n"
            "namespace selectedOnly\n"
            "# List of selected typedefs and outer classes\n"
            "typedef ns::Real\n"
            "# List of selected enums and outer classes\n"
            "enum ns::Color\n"
            "# List of selected vars\n"
            "var ns::counter\n");
}

TEST(RootmapText, OnlyFunctionsGiveALibrarySectionWithNothingListed) {
  Model model;
  model.scopes.emplace_back();
  Function f;
  f.name = f.qualifiedName = "f";
  model.scopes[0].functions.push_back(f);
  EXPECT_EQ(rootmapText(providedNames(model), "libF.so", {"f.h"}), "[ libF.so ]\n");
}

TEST(RootmapText, ANameListedAsAClassIsNotRepeated) {
  ProvidedNames names;
  names.classes = {"ns::Track"};
  names.typedefs = {"ns::Track", "ns::Real"};
  std::string text = rootmapText(names, "libT.so", {});
  EXPECT_EQ(text.find("typedef ns::Track"), std::string::npos) << text;
  EXPECT_NE(text.find("typedef ns::Real"), std::string::npos) << text;
}

TEST(RootmapLibraryName, AddsTheSharedLibrarySuffixLikeRoot) {
  EXPECT_EQ(rootmapLibraryName("XDict"), "XDict.so");
  EXPECT_EQ(rootmapLibraryName("XDict.so"), "XDict.so");
  EXPECT_EQ(rootmapLibraryName("libX.dylib"), "libX.dylib");
}

}  // namespace
