// rootmap.cpp - the names a dictionary provides, and ROOT's rootmap text.
#include "genreflex/rootmap.h"

#include <algorithm>
#include <sstream>

namespace genreflex {

namespace {

void sortUnique(std::vector<std::string>& names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
}

bool isClass(const Scope& scope) { return scope.kind != ScopeKind::Namespace; }

// The outermost class around scope (itself if its parent is a namespace).
const Scope& outermostClass(const Model& model, const Scope& scope) {
  const Scope* s = &scope;
  while (s->parent > 0 && isClass(model.scopes[s->parent])) s = &model.scopes[s->parent];
  return *s;
}

// A namespace that holds only instantiations (std, for std::vector<int>) is
// not this dictionary's to provide; one that holds nothing at all is there
// because a selection file named it.
bool onlyInstantiations(const Model& model, int index) {
  const Scope& ns = model.scopes[index];
  if (!ns.functions.empty() || !ns.data.empty() || !ns.enums.empty() || !ns.typedefs.empty()) return false;
  bool any = false;
  for (size_t i = 0; i < model.scopes.size(); ++i) {
    const Scope& child = model.scopes[i];
    if (child.parent != index) continue;
    any = true;
    if (isClass(child) ? !child.isInstantiation : !onlyInstantiations(model, static_cast<int>(i)))
      return false;
  }
  return any;
}

// The standard library's implementation classes (__gnu_cxx::__normal_iterator,
// described as a container's iterators) are no name to look a library up by.
bool isImplementationDetail(const std::string& name) { return name.rfind("__", 0) == 0; }

// "namespace a { namespace b { struct X; } }"
std::string forwardDeclaration(const Model& model, const Scope& scope) {
  const char* keyword = scope.kind == ScopeKind::Struct  ? "struct"
                        : scope.kind == ScopeKind::Union ? "union"
                                                         : "class";
  std::string out = std::string(keyword) + " " + scope.name + ";";
  for (int p = scope.parent; p > 0; p = model.scopes[p].parent)
    out = "namespace " + model.scopes[p].name + " { " + out + " }";
  return out;
}

// A typedef, enum or variable whose qualified name is its scope's plus its
// own: declared there, not one recorded in the global scope because a
// signature uses it.
bool declaredIn(const Scope& scope, const std::string& name, const std::string& qualified) {
  return name.find("::") == std::string::npos &&
         qualified == (scope.qualifiedName.empty() ? name : scope.qualifiedName + "::" + name);
}

}  // namespace

ProvidedNames providedNames(const Model& model) {
  ProvidedNames out;
  for (size_t i = 0; i < model.scopes.size(); ++i) {
    const Scope& scope = model.scopes[i];
    if (isClass(scope)) {
      if (scope.isInstantiation) {
        if (!isImplementationDetail(scope.qualifiedName)) out.classes.push_back(scope.qualifiedName);
        continue;
      }
      const Scope& outer = outermostClass(model, scope);
      out.classes.push_back(outer.qualifiedName);
      if (&outer == &scope) out.declarations.push_back(forwardDeclaration(model, scope));
      continue;
    }
    if (i > 0 && !onlyInstantiations(model, static_cast<int>(i)))
      out.namespaces.push_back(scope.qualifiedName);
    std::string prefix = scope.qualifiedName.empty() ? "" : scope.qualifiedName + "::";
    for (const Typedef& td : scope.typedefs)
      if (declaredIn(scope, td.name, td.qualifiedName)) out.typedefs.push_back(td.qualifiedName);
    for (const Enum& en : scope.enums)
      if (!en.name.empty() && !en.qualifiedName.empty()) out.enums.push_back(en.qualifiedName);
    for (const DataMember& data : scope.data) out.variables.push_back(prefix + data.name);
    for (const Function& fn : scope.functions) out.functions.push_back(fn.qualifiedName);
  }
  for (auto* list : {&out.classes, &out.namespaces, &out.typedefs, &out.enums, &out.variables, &out.functions,
                     &out.declarations})
    sortUnique(*list);
  return out;
}

std::string rootmapText(const ProvidedNames& names, const std::string& library,
                        const std::vector<std::string>& headers) {
  std::ostringstream out;
  if (!names.declarations.empty()) {
    out << "{ decls }\n";
    for (const std::string& line : names.declarations) out << line << "\n";
    out << "\n";
  }
  out << "[ " << library << " ]\n";
  // A name that is already a class is not repeated as a typedef, enum or variable.
  std::vector<std::string> listed = names.classes;
  auto section = [&](const char* title, const char* keyword, const std::vector<std::string>& list,
                     bool unique) {
    bool titled = false;
    for (const std::string& name : list) {
      if (unique && std::find(listed.begin(), listed.end(), name) != listed.end()) continue;
      if (!titled) out << "# List of selected " << title << "\n";
      titled = true;
      out << keyword << " " << name << "\n";
      listed.push_back(name);
    }
  };
  section("classes", "class", names.classes, false);
  if (!names.classes.empty())
    for (const std::string& header : headers) out << "header " << header << "\n";
  section("namespaces", "namespace", names.namespaces, false);
  section("typedefs and outer classes", "typedef", names.typedefs, true);
  section("enums and outer classes", "enum", names.enums, true);
  section("vars", "var", names.variables, true);
  return out.str();
}

std::string rootmapLibraryName(const std::string& name) {
  auto endsWith = [&](const std::string& suffix) {
    return name.size() >= suffix.size() &&
           name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return endsWith(".so") || endsWith(".dylib") ? name : name + ".so";
}

}  // namespace genreflex
