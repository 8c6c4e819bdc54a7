// selection.cpp - reading selection files with libxml2, and matching names
// against their rules.
#include "genreflex/selection.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>

#include "type_names.h"

namespace genreflex {

namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

// ROOT's own reader accepts '<' and '>' inside attribute values
// (name="std::vector<int>"), and years of selection files rely on it, while
// XML requires them escaped. So they (and a lone '&') are escaped inside
// quoted values before libxml2 parses the text; nothing else changes, so line
// numbers stay those of the file.
std::string escapeAttributeValues(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 64);
  size_t i = 0;
  auto skipTo = [&](std::string_view end) {
    size_t stop = text.find(end, i);
    stop = stop == std::string_view::npos ? text.size() : stop + end.size();
    out.append(text.substr(i, stop - i));
    i = stop;
  };
  while (i < text.size()) {
    if (text.compare(i, 4, "<!--") == 0) {
      skipTo("-->");
    } else if (text.compare(i, 9, "<![CDATA[") == 0) {
      skipTo("]]>");
    } else if (text.compare(i, 2, "<?") == 0 || text.compare(i, 2, "<!") == 0) {
      skipTo(">");
    } else if (text[i] == '<') {  // a tag: escape inside its quoted values
      out += text[i++];
      char quote = 0;
      for (; i < text.size(); ++i) {
        char c = text[i];
        if (quote == 0 && c == '>') break;
        if (quote == 0 && (c == '"' || c == '\'')) {
          quote = c;
        } else if (c == quote) {
          quote = 0;
        } else if (quote != 0 && c == '<') {
          out += "&lt;";
          continue;
        } else if (quote != 0 && c == '>') {
          out += "&gt;";
          continue;
        } else if (quote != 0 && c == '&') {
          size_t semi = text.find(';', i);
          bool entity = semi != std::string_view::npos && semi - i <= 8 && semi > i + 1 &&
                        std::all_of(text.begin() + i + 1, text.begin() + semi,
                                    [](char e) { return isWordChar(e) || e == '#'; });
          if (!entity) {
            out += "&amp;";
            continue;
          }
        }
        out += c;
      }
    } else {
      out += text[i++];
    }
  }
  return out;
}

// "ns::f(int)" -> "f(int)": the qualifier of a prototype's function name.
std::string_view unqualifiedPrototype(std::string_view prototype) {
  size_t paren = prototype.find('(');
  if (paren == std::string_view::npos) paren = prototype.size();
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i + 1 < paren; ++i) {
    if (prototype[i] == '<') ++depth;
    if (prototype[i] == '>') --depth;
    if (depth == 0 && prototype[i] == ':' && prototype[i + 1] == ':') start = i + 2;
  }
  return prototype.substr(start);
}

// A rule's prototype against a declaration's ("f(int)const" for a const
// method): with or without the qualifier; a rule without "const" matches both.
bool prototypeMatches(std::string_view rule, std::string_view candidate) {
  auto strip = [](std::string_view p) {
    if (p.size() > 5 && p.substr(p.size() - 5) == "const" && p[p.size() - 6] == ')') p.remove_suffix(5);
    return p;
  };
  bool ruleConst = strip(rule).size() != rule.size();
  if (!ruleConst) candidate = strip(candidate);
  return rule == candidate || unqualifiedPrototype(rule) == unqualifiedPrototype(candidate);
}

bool appliesTo(RuleKind rule, RuleKind asked) { return rule == asked; }

// Does rule name this entity? Patterns only where patternsApply, or where they
// spell a template argument list.
bool ruleMatches(const SelectionRule& rule, const std::string& name, const std::string& prototype,
                 bool patternsApply) {
  if (!rule.name.empty()) return rule.name == name;
  if (!rule.pattern.empty())
    return (patternsApply || rule.pattern.find('<') != std::string::npos) &&
           wildcardMatch(rule.pattern, name);
  if (!rule.prototype.empty() && rule.prototypeIsPattern)
    return patternsApply && !prototype.empty() &&
           (wildcardMatch(rule.prototype, prototype) ||
            wildcardMatch(rule.prototype, unqualifiedPrototype(prototype)));
  if (!rule.prototype.empty()) return !prototype.empty() && prototypeMatches(rule.prototype, prototype);
  return false;  // (file_name= rules: not supported, they match nothing)
}

const char* elementName(RuleKind kind) {
  switch (kind) {
    case RuleKind::Class:
      return "class";
    case RuleKind::Function:
      return "function";
    case RuleKind::Variable:
      return "variable";
    case RuleKind::Enum:
      return "enum";
    case RuleKind::Typedef:
      return "typedef";
    case RuleKind::Namespace:
      return "namespace";
    case RuleKind::Method:
      return "method";
    case RuleKind::Field:
      return "field";
  }
  return "?";
}

std::optional<RuleKind> ruleKindOf(std::string_view element) {
  if (element == "class" || element == "struct") return RuleKind::Class;
  if (element == "function") return RuleKind::Function;
  if (element == "variable") return RuleKind::Variable;
  if (element == "enum") return RuleKind::Enum;
  if (element == "typedef") return RuleKind::Typedef;
  if (element == "namespace") return RuleKind::Namespace;
  if (element == "method") return RuleKind::Method;
  if (element == "field") return RuleKind::Field;
  return std::nullopt;
}

// Elements that describe ROOT I/O (schema evolution, streamers): a dictionary
// without I/O has no use for them.
bool isIoElement(std::string_view element) {
  return element == "properties" || element == "ioread" || element == "ioreadraw" || element == "read" ||
         element == "readraw" || element == "version";
}

std::string attribute(const xmlNode* node, const char* name, bool& present) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  present = value != nullptr;
  if (!present) return "";
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

std::string nodeName(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

// libxml2 reports through a callback; the first error is the one to show.
struct CapturedError {
  bool seen = false;
  std::string message;
  int line = 0;
};

void captureError(void* data, xmlErrorPtr error) {
  auto* captured = static_cast<CapturedError*>(data);
  if (captured->seen || error == nullptr || error->level < XML_ERR_ERROR) return;
  captured->seen = true;
  captured->line = error->line;
  captured->message = error->message ? error->message : "malformed XML";
  while (!captured->message.empty() && std::isspace(static_cast<unsigned char>(captured->message.back())))
    captured->message.pop_back();
}

void ignoreGenericError(void*, const char*, ...) {}

}  // namespace

// Builds SelectionRules from libxml2's tree (a friend of SelectionRules).
class SelectionReader {
 public:
  SelectionReader(SelectionRules& rules, std::string& error) : rules_(rules), error_(error) {}

  bool readDocument(const xmlNode* root) {
    if (root == nullptr)
      return fail(1, "the file holds no XML element (a selection file is <lcgdict>...</lcgdict>)");
    if (nodeName(root) != "lcgdict")
      return fail(line(root),
                  "the root element is <" + nodeName(root) + ">; a selection file's is <lcgdict>");
    for (const xmlNode* child = root->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      std::string name = nodeName(child);
      if (name == "selection" || name == "exclusion") {
        for (const xmlNode* rule = child->children; rule; rule = rule->next)
          if (rule->type == XML_ELEMENT_NODE && !readRule(rule, name == "exclusion", rules_.rules_))
            return false;
      } else if (!readRule(child, false, rules_.rules_)) {  // <lcgdict><class .../>: a selection
        return false;
      }
    }
    return true;
  }

 private:
  bool readRule(const xmlNode* node, bool excluded, std::vector<SelectionRule>& into,
                const SelectionRule* owner = nullptr) {
    std::string element = nodeName(node);
    if (isIoElement(element)) {
      rules_.notes_.push_back(where(node) + "<" + element + "> concerns ROOT I/O; ignored");
      return true;
    }
    std::optional<RuleKind> kind = ruleKindOf(element);
    if (!kind) {
      std::string known =
          owner ? "<field>, <method>" : "<class>, <function>, <variable>, <enum>, <typedef>, <namespace>";
      return fail(line(node), "unknown element <" + element + "> (expected " + known + ")");
    }
    bool member = *kind == RuleKind::Method || *kind == RuleKind::Field;
    if (member && owner == nullptr) return fail(line(node), "<" + element + "> belongs inside a <class>");
    if (!member && owner != nullptr)
      return fail(line(node), "<" + element + "> cannot be inside a <class> (only <field> and <method>)");

    SelectionRule rule;
    rule.kind = *kind;
    rule.excluded = excluded;
    rule.line = line(node);
    bool hasName = false, hasPattern = false, hasPrototype = false, hasFile = false, present = false;
    std::string name = attribute(node, "name", hasName);
    std::string pattern = attribute(node, "pattern", hasPattern);
    std::string prototype = attribute(node, "proto_name", hasPrototype);
    if (!hasPrototype) {  // ROOT's proto_pattern="f(*)"
      prototype = attribute(node, "proto_pattern", hasPrototype);
      rule.prototypeIsPattern = hasPrototype;
    }
    for (const char* fileAttribute : {"file_name", "file_pattern"}) {
      std::string value = attribute(node, fileAttribute, present);
      if (present) rule.fileAttribute = std::string(fileAttribute) + "=\"" + value + "\"";
      hasFile = hasFile || present;
    }
    if (hasName + hasPattern + hasPrototype > 1)
      return fail(rule.line, "<" + element + "> has more than one of name=, pattern= and proto_name=");
    if (hasPrototype && *kind != RuleKind::Function && *kind != RuleKind::Method)
      return fail(rule.line, std::string(rule.prototypeIsPattern ? "proto_pattern" : "proto_name") +
                                 "= belongs to <function> and <method>, not <" + element + ">");
    if (!hasName && !hasPattern && !hasPrototype && !hasFile)
      return fail(rule.line, "<" + element + "> needs a name= or pattern= attribute");
    if ((hasName && name.empty()) || (hasPattern && pattern.empty()) || (hasPrototype && prototype.empty()))
      return fail(rule.line, "<" + element + "> has an empty name, pattern or proto_name");
    if (hasName) rule.name = spelling(name, *kind);
    if (hasPattern) rule.pattern = tidyName(pattern);
    if (hasPrototype) rule.prototype = tidyName(prototype);

    for (const xmlNode* child = node->children; child; child = child->next)
      if (child->type == XML_ELEMENT_NODE && !readRule(child, excluded, rule.members, &rule)) return false;
    into.push_back(std::move(rule));
    return true;
  }

  // Names are compared in the dictionary's spelling; members by their own name.
  static std::string spelling(const std::string& name, RuleKind kind) {
    std::string tidy = tidyName(name);
    if (tidy.rfind("::", 0) == 0) tidy.erase(0, 2);
    if (kind == RuleKind::Method || kind == RuleKind::Field || tidy.find('<') == std::string::npos)
      return tidy;
    return dictloader::canonicalTypeName(tidy);
  }

  int line(const xmlNode* node) const { return static_cast<int>(xmlGetLineNo(node)); }
  std::string where(const xmlNode* node) const {
    return rules_.fileName_ + ":" + std::to_string(line(node)) + ": ";
  }

  bool fail(int atLine, const std::string& what) {
    error_ = rules_.fileName_ + ":" + std::to_string(atLine) + ": " + what;
    return false;
  }

  SelectionRules& rules_;
  std::string& error_;
};

std::string SelectionRule::describe() const {
  std::string out = std::string("<") + elementName(kind);
  if (!name.empty()) out += " name=\"" + name + "\"";
  if (!pattern.empty()) out += " pattern=\"" + pattern + "\"";
  if (!prototype.empty())
    out += (prototypeIsPattern ? " proto_pattern=\"" : " proto_name=\"") + prototype + "\"";
  if (!fileAttribute.empty()) out += " " + fileAttribute;
  return out + ">";
}

std::optional<SelectionRules> SelectionRules::readFile(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read the selection file '" + path + "' (check the path)";
    return std::nullopt;
  }
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return readText(text, path, error);
}

std::optional<SelectionRules> SelectionRules::readText(std::string_view xml, const std::string& fileName,
                                                       std::string& error) {
  SelectionRules rules;
  rules.fileName_ = fileName;
  std::string escaped = escapeAttributeValues(xml);
  CapturedError captured;
  xmlSetStructuredErrorFunc(&captured, captureError);
  xmlSetGenericErrorFunc(nullptr, ignoreGenericError);
  // XML_PARSE_NONET: a selection file never fetches anything; no entity expansion either.
  xmlDocPtr doc = xmlReadMemory(escaped.data(), static_cast<int>(escaped.size()), fileName.c_str(), nullptr,
                                XML_PARSE_NONET | XML_PARSE_BIG_LINES);
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  xmlSetGenericErrorFunc(nullptr, nullptr);
  if (doc == nullptr || captured.seen) {
    if (doc) xmlFreeDoc(doc);
    error = fileName + ":" + std::to_string(captured.line) +
            ": malformed XML: " + (captured.seen ? captured.message : std::string("cannot be parsed"));
    return std::nullopt;
  }
  SelectionReader reader(rules, error);
  bool ok = reader.readDocument(xmlDocGetRootElement(doc));
  xmlFreeDoc(doc);
  if (!ok) return std::nullopt;
  return rules;
}

bool SelectionRules::selects(RuleKind kind, const std::string& name, const std::string& spelledPrototype,
                             bool patternsApply) const {
  std::string prototype = tidyName(spelledPrototype);
  bool selected = false, excluded = false;
  for (const SelectionRule& rule : rules_) {
    if (!appliesTo(rule.kind, kind)) continue;
    // An exclusion of a class with members leaves out only those members.
    if (rule.excluded && !rule.members.empty()) continue;
    if (!ruleMatches(rule, name, prototype, rule.excluded || patternsApply)) continue;
    ++rule.matches;
    (rule.excluded ? excluded : selected) = true;
  }
  return selected && !excluded;
}

bool SelectionRules::excludes(RuleKind kind, const std::string& name,
                              const std::string& spelledPrototype) const {
  std::string prototype = tidyName(spelledPrototype);
  for (const SelectionRule& rule : rules_) {
    if (!rule.excluded || !rule.members.empty() || !appliesTo(rule.kind, kind)) continue;
    if (ruleMatches(rule, name, prototype, true)) {
      ++rule.matches;
      return true;
    }
  }
  return false;
}

bool SelectionRules::selectsClass(const std::string& qualifiedName, bool patternsApply) const {
  return selects(RuleKind::Class, qualifiedName, "", patternsApply);
}
bool SelectionRules::selectsFunction(const std::string& qualifiedName, const std::string& prototype,
                                     bool patternsApply) const {
  return selects(RuleKind::Function, qualifiedName, prototype, patternsApply);
}
bool SelectionRules::selectsVariable(const std::string& qualifiedName, bool patternsApply) const {
  return selects(RuleKind::Variable, qualifiedName, "", patternsApply);
}
bool SelectionRules::selectsEnum(const std::string& qualifiedName, bool patternsApply) const {
  return selects(RuleKind::Enum, qualifiedName, "", patternsApply);
}
bool SelectionRules::selectsTypedef(const std::string& qualifiedName, bool patternsApply) const {
  return selects(RuleKind::Typedef, qualifiedName, "", patternsApply);
}
bool SelectionRules::selectsNamespace(const std::string& qualifiedName, bool patternsApply) const {
  return selects(RuleKind::Namespace, qualifiedName, "", patternsApply);
}
bool SelectionRules::excludesClass(const std::string& qualifiedName) const {
  return excludes(RuleKind::Class, qualifiedName, "");
}
bool SelectionRules::excludesEnum(const std::string& qualifiedName) const {
  return excludes(RuleKind::Enum, qualifiedName, "");
}
bool SelectionRules::excludesTypedef(const std::string& qualifiedName) const {
  return excludes(RuleKind::Typedef, qualifiedName, "");
}
bool SelectionRules::excludesVariable(const std::string& qualifiedName) const {
  return excludes(RuleKind::Variable, qualifiedName, "");
}

std::vector<SelectionRules::NamedInstantiation> SelectionRules::namedInstantiations() const {
  std::vector<NamedInstantiation> out;
  for (const SelectionRule& rule : rules_)
    if (rule.kind == RuleKind::Class && !rule.excluded && rule.name.find('<') != std::string::npos)
      out.push_back({rule.name, rule.line});
  return out;
}

std::vector<std::string> SelectionRules::unmatchedRules() const {
  std::vector<std::string> out;
  auto report = [&](const SelectionRule& rule, const std::string& context) {
    std::string why = rule.fileAttribute.empty() ? "" : " (file_name= and file_pattern= are not supported)";
    out.push_back(fileName_ + ":" + std::to_string(rule.line) + ": " + rule.describe() + context +
                  " matched nothing" + why);
  };
  for (const SelectionRule& rule : rules_) {
    if (rule.excluded) continue;  // as in ROOT: excluding what is absent is harmless
    if (rule.matches == 0) {
      report(rule, "");
      continue;
    }
    for (const SelectionRule& member : rule.members)
      if (member.matches == 0) report(member, " in " + rule.describe());
  }
  return out;
}

void applyMemberRules(const SelectionRules& rules, Model& model) {
  for (const SelectionRule& rule : rules.rules()) {
    if (rule.kind != RuleKind::Class || rule.members.empty()) continue;
    for (Scope& scope : model.scopes) {
      if (scope.kind == ScopeKind::Namespace || !ruleMatches(rule, scope.qualifiedName, "", true)) continue;
      if (rule.excluded) ++rule.matches;
      for (const SelectionRule& member : rule.members) {
        if (member.kind == RuleKind::Field) {
          auto named = [&](const DataMember& data) { return ruleMatches(member, data.name, "", true); };
          member.matches += static_cast<unsigned>(std::count_if(scope.data.begin(), scope.data.end(), named));
          if (rule.excluded) std::erase_if(scope.data, named);
          continue;
        }
        auto named = [&](const Function& fn) {
          std::string prototype = fn.name + "(";
          for (size_t i = 0; i < fn.arguments.size(); ++i)
            prototype += (i ? "," : "") + fn.arguments[i].type.name;
          prototype += fn.isConst ? ")const" : ")";
          return ruleMatches(member, fn.name, tidyName(prototype), true);
        };
        member.matches +=
            static_cast<unsigned>(std::count_if(scope.functions.begin(), scope.functions.end(), named));
        if (rule.excluded) std::erase_if(scope.functions, named);
      }
    }
  }
}

bool wildcardMatch(std::string_view pattern, std::string_view name) {
  // Iterative glob with backtracking to the last '*'.
  size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string tidyName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!std::isspace(static_cast<unsigned char>(c))) {
      out += c;
      continue;
    }
    size_t next = name.find_first_not_of(" \t\r\n", i);
    if (next == std::string_view::npos) break;
    if (!out.empty() && isWordChar(out.back()) && isWordChar(name[next])) out += ' ';
    i = next - 1;
  }
  return out;
}

}  // namespace genreflex
