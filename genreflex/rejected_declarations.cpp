// rejected_declarations.cpp - ties a failed dictionary compile's errors to the
// declarations of the model they are about.
//
// It reads the generated source by the names emit.cpp gives its definitions
// (dl_stub_N, dl_fast_N, dl_entry_N and dl_access_N for function N, counted
// over all scopes in order, then the dispatchers' records; dl_delete_S,
// dl_base_S_B, dl_copy_S_D, dl_access_data_S_D; dl_dispatch_S and what
// follows it for scope S's dispatcher) and by the rows of its tables (one
// row per line: dl_functions, dl_entries, dl_data, dl_bases, dl_objects,
// dl_exception_classes, dl_dispatchers). A change to those names
// must be made here too; genreflex_cli_tests' compiler-rejection tests fail
// if the two drift apart.
#include "genreflex/rejected_declarations.h"

#include <cxxabi.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <tuple>

namespace genreflex {
namespace {

using Kind = RejectedDeclaration::Kind;

struct Owner {
  Kind kind;
  std::size_t scope;
  std::size_t index;
};

// Global function, data and base numbers -> (scope, index in the scope).
class ModelIndex {
 public:
  explicit ModelIndex(const Model& model) {
    for (std::size_t s = 0; s < model.scopes.size(); ++s) {
      for (std::size_t i = 0; i < model.scopes[s].functions.size(); ++i)
        functions_.push_back({Kind::Function, s, i});
      for (std::size_t i = 0; i < model.scopes[s].data.size(); ++i) data_.push_back({Kind::DataMember, s, i});
      for (std::size_t i = 0; i < model.scopes[s].bases.size(); ++i) bases_.push_back({Kind::Base, s, i});
      if (model.scopes[s].isExceptionClass) exceptions_.push_back({Kind::ExceptionCopy, s, 0});
    }
    // the dispatchers' constructors and slots follow every scope's functions
    for (std::size_t s = 0; s < model.scopes.size(); ++s) {
      const Scope& scope = model.scopes[s];
      if (!scope.hasDispatcher) continue;
      dispatchers_.push_back({Kind::Dispatcher, s, 0});
      std::size_t records = scope.dispatcher.constructors.size() + scope.dispatcher.slots.size();
      for (std::size_t i = 0; i < records; ++i) functions_.push_back({Kind::Dispatcher, s, 0});
    }
  }
  std::optional<Owner> function(std::size_t n) const { return at(functions_, n); }
  std::optional<Owner> entry(std::size_t n) const {
    std::optional<Owner> owner = at(functions_, n);
    if (owner && owner->kind == Kind::Function) owner->kind = Kind::Entry;
    return owner;
  }
  std::optional<Owner> dispatcher(std::size_t n) const { return at(dispatchers_, n); }
  std::optional<Owner> data(std::size_t n) const { return at(data_, n); }
  std::optional<Owner> base(std::size_t n) const { return at(bases_, n); }
  std::optional<Owner> exception(std::size_t n) const { return at(exceptions_, n); }

 private:
  static std::optional<Owner> at(const std::vector<Owner>& v, std::size_t n) {
    if (n < v.size()) return v[n];
    return std::nullopt;
  }
  std::vector<Owner> functions_, data_, bases_, exceptions_, dispatchers_;
};

bool startsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// The number(s) after a prefix: "dl_base_3_1(" -> {3, 1}.
std::vector<std::size_t> numbersAfter(const std::string& line, std::size_t from) {
  std::vector<std::size_t> out;
  std::size_t i = from;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) {
    std::size_t value = 0;
    while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i])))
      value = value * 10 + (line[i++] - '0');
    out.push_back(value);
    if (i < line.size() && line[i] == '_') ++i;
  }
  return out;
}

// For each line of the generated source (1-based), the declaration it belongs to.
std::vector<std::optional<Owner>> lineOwners(const Model& model, const std::string& source) {
  ModelIndex index(model);
  std::vector<std::optional<Owner>> owners(1);
  enum class Table { None, Functions, Entries, Data, Bases, Objects, Exceptions, Dispatchers } table = Table::None;
  std::size_t row = 0;
  std::optional<Owner> current;
  std::istringstream in(source);
  for (std::string line; std::getline(in, line);) {
    if (table != Table::None) {
      if (startsWith(line, "};")) {
        table = Table::None;
        owners.push_back(std::nullopt);
        continue;
      }
      owners.push_back(table == Table::Functions     ? index.function(row)
                       : table == Table::Entries     ? index.entry(row)
                       : table == Table::Data        ? index.data(row)
                       : table == Table::Bases       ? index.base(row)
                       : table == Table::Exceptions  ? index.exception(row)
                       : table == Table::Dispatchers ? index.dispatcher(row)
                       : row < model.scopes.size()   ? std::optional<Owner>(Owner{Kind::ObjectOps, row, 0})
                                                     : std::nullopt);
      ++row;
      continue;
    }
    std::size_t at = 0;
    if (startsWith(line, "int dl_stub_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("int dl_stub_").size());
      current = n.size() == 1 ? index.function(n[0]) : std::nullopt;
    } else if (startsWith(line, "auto dl_fast_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("auto dl_fast_").size());
      current = n.size() == 1 ? index.function(n[0]) : std::nullopt;
    } else if (startsWith(line, "auto dl_entry_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("auto dl_entry_").size());
      current = n.size() == 1 ? index.entry(n[0]) : std::nullopt;
    } else if (startsWith(line, "int dl_delete_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("int dl_delete_").size());
      current = n.size() == 1 ? std::optional<Owner>(Owner{Kind::Destructor, n[0], 0}) : std::nullopt;
    } else if (startsWith(line, "ptrdiff_t dl_base_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("ptrdiff_t dl_base_").size());
      current = n.size() == 2 ? std::optional<Owner>(Owner{Kind::Base, n[0], n[1]}) : std::nullopt;
    } else if (startsWith(line, "const dl_t<") && (at = line.find("> dl_copy_")) != std::string::npos) {
      std::vector<std::size_t> n = numbersAfter(line, at + std::string("> dl_copy_").size());
      current = n.size() == 2 ? std::optional<Owner>(Owner{Kind::DataMember, n[0], n[1]}) : std::nullopt;
    } else if (startsWith(line, "struct dl_access_data_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("struct dl_access_data_").size());
      current = n.size() == 2 ? std::optional<Owner>(Owner{Kind::DataMember, n[0], n[1]}) : std::nullopt;
    } else if (startsWith(line, "struct dl_access_")) {
      std::vector<std::size_t> n = numbersAfter(line, std::string("struct dl_access_").size());
      current = n.size() == 1 ? index.function(n[0]) : std::nullopt;
    } else if (startsWith(line, "class dl_dispatch_") || startsWith(line, "int dl_dispatch_delete_") ||
               startsWith(line, "void dl_dispatch_set_")) {
      std::size_t digits = line.find_first_of("0123456789");
      std::vector<std::size_t> n = numbersAfter(line, digits == std::string::npos ? line.size() : digits);
      current = !n.empty() ? std::optional<Owner>(Owner{Kind::Dispatcher, n[0], 0}) : std::nullopt;
    } else if (startsWith(line, "const DlDispatcher dl_dispatchers[]")) {
      table = Table::Dispatchers;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlFunction dl_functions[]")) {
      table = Table::Functions;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlEntry dl_entries[]")) {
      table = Table::Entries;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlObjectOps dl_objects[]")) {
      table = Table::Objects;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlExceptionClass dl_exception_classes[]")) {
      table = Table::Exceptions;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlDataMember dl_data[]")) {
      table = Table::Data;
      row = 0;
      current.reset();
    } else if (startsWith(line, "const DlBase dl_bases[]")) {
      table = Table::Bases;
      row = 0;
      current.reset();
    } else if (!line.empty() && line[0] != ' ' && line[0] != '}' && line[0] != '#' && line[0] != '/') {
      current.reset();  // some other top-level code (the prologue, other tables)
    }
    owners.push_back(current);
    if (startsWith(line, "}")) current.reset();  // a definition ends
  }
  return owners;
}

std::string demangled(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> text(abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status),
                                              std::free);
  return status == 0 && text ? std::string(text.get()) : symbol;
}

std::string withoutSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

// A parameter type as a demangled name spells it: no spaces, no top-level
// const (it is not part of the function's type).
std::string parameterSpelling(const std::string& type) {
  std::string out = withoutSpaces(type);
  if (out.rfind("const", 0) == 0 && out.find_first_of("*&") == std::string::npos) out.erase(0, 5);
  return out;
}

// "ns::C::f(int, ns::T*) const" -> name "ns::C::f", parameters {"int", "ns::T*"}.
bool splitPrototype(const std::string& text, std::string& name, std::vector<std::string>& parameters) {
  std::size_t open = text.find('(');
  if (open == std::string::npos) {
    name = text;
    return false;
  }
  name = text.substr(0, open);
  int depth = 0;
  std::string current;
  for (std::size_t i = open + 1; i < text.size(); ++i) {
    char c = text[i];
    if (depth == 0 && c == ')') break;
    if (c == '(' || c == '<' || c == '[') ++depth;
    if (c == ')' || c == '>' || c == ']') --depth;
    if (depth == 0 && c == ',') {
      parameters.push_back(withoutSpaces(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (!withoutSpaces(current).empty() && withoutSpaces(current) != "void")
    parameters.push_back(withoutSpaces(current));
  return true;
}

std::string qualifiedMember(const Scope& scope, const std::string& name) {
  return scope.qualifiedName.empty() ? name : scope.qualifiedName + "::" + name;
}

// The declarations an undefined symbol of the linker's message can be: the
// functions (or static data) of that name, narrowed by their argument types.
std::vector<Owner> ownersOfSymbol(const Model& model, const std::string& symbol) {
  std::string text = demangled(symbol);
  std::string name;
  std::vector<std::string> parameters;
  bool isFunction = splitPrototype(text, name, parameters);
  std::vector<Owner> byCount, exact;
  for (std::size_t s = 0; s < model.scopes.size(); ++s) {
    const Scope& scope = model.scopes[s];
    if (!isFunction) {
      for (std::size_t d = 0; d < scope.data.size(); ++d)
        if (scope.data[d].isStatic && qualifiedMember(scope, scope.data[d].name) == name)
          exact.push_back({Kind::DataMember, s, d});
      continue;
    }
    for (std::size_t f = 0; f < scope.functions.size(); ++f) {
      const Function& fn = scope.functions[f];
      if (qualifiedMember(scope, fn.name) != name || fn.arguments.size() != parameters.size()) continue;
      byCount.push_back({Kind::Function, s, f});
      bool same = true;
      for (std::size_t a = 0; a < parameters.size() && same; ++a)
        same = parameterSpelling(fn.arguments[a].type.canonical) == parameters[a] ||
               parameterSpelling(fn.arguments[a].type.name) == parameters[a];
      if (same) exact.push_back({Kind::Function, s, f});
    }
  }
  return exact.empty() ? byCount : exact;
}

// "PATH:LINE:COL: ..." -> LINE when PATH is the generated source.
std::optional<std::size_t> sourceLine(const std::string& line, const std::string& sourcePath) {
  if (line.compare(0, sourcePath.size(), sourcePath) != 0 || line.size() <= sourcePath.size() ||
      line[sourcePath.size()] != ':')
    return std::nullopt;
  std::size_t i = sourcePath.size() + 1;
  std::size_t value = 0, digits = 0;
  while (i < line.size() && std::isdigit(static_cast<unsigned char>(line[i]))) {
    value = value * 10 + (line[i++] - '0');
    ++digits;
  }
  if (digits == 0) return std::nullopt;
  return value;
}

std::string afterMarker(const std::string& line, const char* marker) {
  std::size_t at = line.find(marker);
  return at == std::string::npos ? line : line.substr(at + std::string(marker).size());
}

}  // namespace

std::string firstError(const std::string& diagnostics) {
  std::istringstream in(diagnostics);
  for (std::string line; std::getline(in, line);)
    if (line.find(" error: ") != std::string::npos ||
        line.find("undefined reference to") != std::string::npos ||
        line.find("cannot find -l") != std::string::npos || line.find("fatal error:") != std::string::npos)
      return line;
  return "";
}

std::vector<RejectedDeclaration> findRejectedDeclarations(const Model& model, const std::string& source,
                                                          const std::string& sourcePath,
                                                          const std::string& diagnostics) {
  std::vector<std::optional<Owner>> owners = lineOwners(model, source);
  ModelIndex index(model);
  std::map<std::tuple<int, std::size_t, std::size_t>, RejectedDeclaration> found;
  auto reject = [&](const Owner& owner, const std::string& message) {
    auto key = std::make_tuple(static_cast<int>(owner.kind), owner.scope, owner.index);
    if (found.count(key)) return;
    found[key] = RejectedDeclaration{owner.kind, owner.scope, owner.index, message};
  };
  auto ownerOfLine = [&](std::size_t line) -> std::optional<Owner> {
    return line < owners.size() ? owners[line] : std::nullopt;
  };

  // Compiler diagnostics come in groups: context lines ("In instantiation
  // of", "required from here", g++) before an error, notes ("requested
  // here", clang) after it. Every line of the generated source a group names
  // points at the declaration that line belongs to.
  static const std::regex linkerFunction(
      R"(in function `(?:\(anonymous namespace\)::)?dl_(?:stub|fast|entry)_(\d+)\()");
  static const std::regex undefinedReference(R"(undefined reference to `([^']+)')");
  // a dispatcher's own code: its constructor, destructor, overrides, base calls
  static const std::regex linkerDispatcher(
      R"(in function `(?:\(anonymous namespace\)::)?dl_dispatch_(\d+)::)");
  std::vector<std::size_t> context;
  std::optional<std::string> groupError;
  std::optional<Owner> linkerContext;
  std::istringstream in(diagnostics);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_search(line, match, linkerFunction)) {
      linkerContext = index.function(std::stoul(match[1]));
      continue;
    }
    if (std::regex_search(line, match, linkerDispatcher)) {
      linkerContext = Owner{Kind::Dispatcher, std::stoul(match[1]), 0};
      continue;
    }
    if (std::regex_search(line, match, undefinedReference)) {
      std::string message = "undefined reference to '" + demangled(match[1]) +
                            "' (the header declares it; no linked library defines it)";
      if (linkerContext) {
        reject(*linkerContext, message);
      } else {
        for (const Owner& owner : ownersOfSymbol(model, match[1])) reject(owner, message);
      }
      continue;
    }
    if (line.find("/ld: ") != std::string::npos || line.find("collect2") != std::string::npos) {
      linkerContext.reset();
      continue;
    }
    std::optional<std::size_t> at = sourceLine(line, sourcePath);
    bool isError =
        line.find(": error: ") != std::string::npos || line.find(": fatal error: ") != std::string::npos;
    bool isWarning = line.find(": warning: ") != std::string::npos;
    bool isNote = line.find(": note: ") != std::string::npos;
    if (isError) {
      groupError = afterMarker(line, "error: ");
      for (std::size_t l : context)
        if (auto owner = ownerOfLine(l)) reject(*owner, *groupError);
      context.clear();
      if (at)
        if (auto owner = ownerOfLine(*at)) reject(*owner, *groupError);
    } else if (isWarning) {
      groupError.reset();
      context.clear();
    } else if (isNote) {
      if (groupError && at)
        if (auto owner = ownerOfLine(*at)) reject(*owner, *groupError);
    } else {
      if (groupError && (line.find("In instantiation of") != std::string::npos ||
                         line.find("In function") != std::string::npos ||
                         line.find("In member function") != std::string::npos ||
                         line.find("In file included from") != std::string::npos))
        groupError.reset();  // a new group starts
      if (at) context.push_back(*at);
    }
  }
  std::vector<RejectedDeclaration> out;
  for (auto& [key, declaration] : found) {
    // An entry goes with its function when that is left out too.
    if (declaration.kind == Kind::Entry &&
        found.count(std::make_tuple(static_cast<int>(Kind::Function), declaration.scope, declaration.index)))
      continue;
    out.push_back(std::move(declaration));
  }
  return out;
}

std::string describe(const Model& model, const RejectedDeclaration& declaration) {
  if (declaration.scope >= model.scopes.size()) return "?";
  const Scope& scope = model.scopes[declaration.scope];
  switch (declaration.kind) {
    case Kind::Function: {
      if (declaration.index >= scope.functions.size()) return "?";
      const Function& fn = scope.functions[declaration.index];
      std::string out = qualifiedMember(scope, fn.name) + "(";
      for (std::size_t a = 0; a < fn.arguments.size(); ++a)
        out += (a ? ", " : "") + fn.arguments[a].type.name;
      return out + ")" + (fn.isConst ? " const" : "");
    }
    case Kind::DataMember:
      return declaration.index < scope.data.size()
                 ? qualifiedMember(scope, scope.data[declaration.index].name)
                 : "?";
    case Kind::Base:
      return declaration.index < scope.bases.size()
                 ? "base class '" + scope.bases[declaration.index].qualifiedName + "' of " +
                       scope.qualifiedName
                 : "?";
    case Kind::Destructor:
      return "deleting a " + scope.qualifiedName;
    case Kind::Entry: {
      RejectedDeclaration function = declaration;
      function.kind = Kind::Function;
      return "the entry of " + describe(model, function);
    }
    case Kind::ObjectOps:
      return "the object operations (allocate, destroy, move) of " + scope.qualifiedName;
    case Kind::ExceptionCopy:
      return "copying a caught " + scope.qualifiedName + " (its exception class record)";
    case Kind::Dispatcher:
      return "the dispatcher of " + scope.qualifiedName +
             " (Python subclasses overriding its virtual functions)";
  }
  return "?";
}

std::vector<RejectedDeclaration> declarationsClangRejects(const Model& model) {
  std::vector<RejectedDeclaration> out;
  for (std::size_t s = 0; s < model.scopes.size(); ++s) {
    const Scope& scope = model.scopes[s];
    for (std::size_t f = 0; f < scope.functions.size(); ++f)
      if (!scope.functions[f].doesNotCompile.empty())
        out.push_back({Kind::Function, s, f, scope.functions[f].doesNotCompile});
    if (!scope.destructorDoesNotCompile.empty() && scope.hasPublicDestructor)
      out.push_back({Kind::Destructor, s, 0, scope.destructorDoesNotCompile});
    if (!scope.objectOpsDoNotCompile.empty() && !scope.objectOpsRejected)
      out.push_back({Kind::ObjectOps, s, 0, scope.objectOpsDoNotCompile});
    if (!scope.exceptionCopyDoesNotCompile.empty() && scope.exceptionCopyable && !scope.exceptionCopyRejected)
      out.push_back({Kind::ExceptionCopy, s, 0, scope.exceptionCopyDoesNotCompile});
  }
  return out;
}

bool onlyInstantiationMembers(const Model& model, const std::vector<RejectedDeclaration>& declarations) {
  return std::all_of(declarations.begin(), declarations.end(), [&](const RejectedDeclaration& declaration) {
    return declaration.scope < model.scopes.size() && model.scopes[declaration.scope].isInstantiation;
  });
}

void reportRejectedDeclarations(const Model& model, const std::vector<RejectedDeclaration>& declarations,
                                RejectedBy by, bool verbose, bool quiet, bool warningsAreErrors,
                                std::ostream& out) {
  for (const RejectedDeclaration& declaration : declarations) {
    bool isNote = declaration.scope < model.scopes.size() && model.scopes[declaration.scope].isInstantiation;
    if (isNote ? !verbose : quiet && !warningsAreErrors) continue;
    const char* level = isNote ? "note" : warningsAreErrors ? "error" : "warning";
    const char* why = isNote                    ? "it does not compile for this instantiation: "
                      : by == RejectedBy::Clang ? "it does not compile (clang found, before writing the source): "
                                                : "clang accepted it, the C++ compiler or linker did not: ";
    out << "genreflex: " << level << ": leaving out " << describe(model, declaration) << ": " << why
        << declaration.message << "\n";
  }
}

void removeRejectedDeclarations(Model& model, std::vector<RejectedDeclaration> declarations) {
  // From the back, so the indices of what is still to remove stay valid.
  std::sort(declarations.begin(), declarations.end(), [](const auto& a, const auto& b) {
    return std::tie(a.scope, a.index) > std::tie(b.scope, b.index);
  });
  // Marks first, while every index still names what it named in the source.
  for (const RejectedDeclaration& d : declarations) {
    if (d.scope >= model.scopes.size()) continue;
    Scope& scope = model.scopes[d.scope];
    if (d.kind == Kind::Entry && d.index < scope.functions.size())
      scope.functions[d.index].entryRejected = true;
    if (d.kind == Kind::ObjectOps) scope.objectOpsRejected = true;
    if (d.kind == Kind::ExceptionCopy) scope.exceptionCopyRejected = true;
    if (d.kind == Kind::Dispatcher) {
      scope.hasDispatcher = false;
      scope.dispatcher = Dispatcher{};
    }
  }
  std::set<std::size_t> touched;
  for (const RejectedDeclaration& d : declarations) {
    if (d.scope >= model.scopes.size()) continue;
    Scope& scope = model.scopes[d.scope];
    switch (d.kind) {
      case Kind::Function:
        if (d.index < scope.functions.size()) scope.functions.erase(scope.functions.begin() + d.index);
        touched.insert(d.scope);
        break;
      case Kind::DataMember:
        if (d.index < scope.data.size()) scope.data.erase(scope.data.begin() + d.index);
        break;
      case Kind::Base:
        if (d.index < scope.bases.size()) scope.bases.erase(scope.bases.begin() + d.index);
        break;
      case Kind::Destructor:
        scope.hasPublicDestructor = false;
        break;
      case Kind::Entry:
      case Kind::ObjectOps:
      case Kind::ExceptionCopy:
      case Kind::Dispatcher:
        break;  // marked above
    }
  }
  // Default-constructible only while a constructor callable with no arguments is left.
  for (std::size_t s : touched) {
    Scope& scope = model.scopes[s];
    if (scope.kind == ScopeKind::Namespace) continue;
    scope.isDefaultConstructible = std::any_of(
        scope.functions.begin(), scope.functions.end(),
        [](const Function& fn) { return fn.kind == FunctionKind::Constructor && fn.requiredArguments == 0; });
  }
}

}  // namespace genreflex
