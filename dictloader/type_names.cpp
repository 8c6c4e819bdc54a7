// type_names.cpp - canonical spellings of type names (see type_names.h).
#include "type_names.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

namespace dictloader {
namespace {

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Words, "::", "&&" and single punctuation; ">>" is two closing brackets.
bool tokenize(std::string_view text, std::vector<std::string>& tokens) {
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n') {
      ++i;
    } else if (isWordChar(c) || (c == '-' && i + 1 < text.size() && std::isdigit(text[i + 1]))) {
      size_t end = i + 1;
      while (end < text.size() && isWordChar(text[end])) ++end;
      tokens.emplace_back(text.substr(i, end - i));
      i = end;
    } else if (text.substr(i, 2) == "::" || text.substr(i, 2) == "&&") {
      tokens.emplace_back(text.substr(i, 2));
      i += 2;
    } else if (std::string_view("<>,*&[]").find(c) != std::string_view::npos) {
      tokens.emplace_back(1, c);
      ++i;
    } else {
      return false;  // function types, operators...: not a name this parser spells
    }
  }
  return true;
}

bool isBuiltinWord(const std::string& word) {
  static const char* const kWords[] = {"unsigned", "signed",  "short",    "long",    "int",
                                       "char",     "double",  "float",    "bool",    "void",
                                       "wchar_t",  "char8_t", "char16_t", "char32_t"};
  return std::find(std::begin(kWords), std::end(kWords), word) != std::end(kWords);
}

// "long unsigned int" -> "unsigned long"
std::string builtinName(const std::vector<std::string>& words) {
  auto count = [&](const char* w) { return std::count(words.begin(), words.end(), w); };
  for (const char* single : {"bool", "void", "wchar_t", "char8_t", "char16_t", "char32_t", "float"})
    if (count(single)) return single;
  if (count("double")) return count("long") ? "long double" : "double";
  std::string sign = count("unsigned") ? "unsigned " : "";
  if (count("char")) return (count("signed") ? "signed " : sign) + "char";
  if (count("short")) return sign + "short";
  if (count("long") >= 2) return sign + "long long";
  if (count("long")) return sign + "long";
  return sign + "int";
}

// The standard library names users write without "std::".
bool isStdName(const std::string& name) {
  static const char* const kNames[] = {"vector",
                                       "map",
                                       "multimap",
                                       "set",
                                       "multiset",
                                       "unordered_map",
                                       "list",
                                       "deque",
                                       "unordered_set",
                                       "array",
                                       "pair",
                                       "tuple",
                                       "string",
                                       "wstring",
                                       "basic_string",
                                       "allocator",
                                       "less",
                                       "greater",
                                       "hash",
                                       "equal_to",
                                       "char_traits",
                                       "complex",
                                       "shared_ptr",
                                       "unique_ptr",
                                       "weak_ptr",
                                       "forward_list",
                                       "unordered_multimap",
                                       "unordered_multiset",
                                       "default_delete",
                                       "stack",
                                       "queue",
                                       "valarray",
                                       "bitset",
                                       "string_view",
                                       "function"};
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Default arguments of the standard templates, by position, in canonical
// spelling with $0 and $1 for the first arguments.
const std::map<std::string, std::vector<std::string>>& stdDefaults() {
  static const std::map<std::string, std::vector<std::string>> table = {
      {"vector", {"", "std::allocator<$0>"}},
      {"list", {"", "std::allocator<$0>"}},
      {"forward_list", {"", "std::allocator<$0>"}},
      {"deque", {"", "std::allocator<$0>"}},
      {"set", {"", "std::less<$0>", "std::allocator<$0>"}},
      {"multiset", {"", "std::less<$0>", "std::allocator<$0>"}},
      {"map", {"", "", "std::less<$0>", "std::allocator<std::pair<const $0,$1>>"}},
      {"multimap", {"", "", "std::less<$0>", "std::allocator<std::pair<const $0,$1>>"}},
      {"unordered_set", {"", "std::hash<$0>", "std::equal_to<$0>", "std::allocator<$0>"}},
      {"unordered_multiset", {"", "std::hash<$0>", "std::equal_to<$0>", "std::allocator<$0>"}},
      {"unordered_map",
       {"", "", "std::hash<$0>", "std::equal_to<$0>", "std::allocator<std::pair<const $0,$1>>"}},
      {"unordered_multimap",
       {"", "", "std::hash<$0>", "std::equal_to<$0>", "std::allocator<std::pair<const $0,$1>>"}},
      {"basic_string", {"", "std::char_traits<$0>", "std::allocator<$0>"}},
      {"basic_ios", {"", "std::char_traits<$0>"}},
      {"basic_streambuf", {"", "std::char_traits<$0>"}},
      {"basic_istream", {"", "std::char_traits<$0>"}},
      {"basic_ostream", {"", "std::char_traits<$0>"}},
      {"basic_iostream", {"", "std::char_traits<$0>"}},
      {"basic_ifstream", {"", "std::char_traits<$0>"}},
      {"basic_ofstream", {"", "std::char_traits<$0>"}},
      {"basic_fstream", {"", "std::char_traits<$0>"}},
      {"basic_stringbuf", {"", "std::char_traits<$0>", "std::allocator<$0>"}},
      {"basic_istringstream", {"", "std::char_traits<$0>", "std::allocator<$0>"}},
      {"basic_ostringstream", {"", "std::char_traits<$0>", "std::allocator<$0>"}},
      {"basic_stringstream", {"", "std::char_traits<$0>", "std::allocator<$0>"}},
      {"basic_string_view", {"", "std::char_traits<$0>"}},
      {"unique_ptr", {"", "std::default_delete<$0>"}},
      {"stack", {"", "std::deque<$0>"}},
      {"queue", {"", "std::deque<$0>"}},
  };
  return table;
}

std::string substituted(const std::string& pattern, const std::vector<std::string>& args) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '$' && i + 1 < pattern.size()) {
      size_t n = static_cast<size_t>(pattern[++i] - '0');
      if (n >= args.size()) return "";  // no such argument: never equal
      out += args[n];
    } else {
      out += pattern[i];
    }
  }
  return out;
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) out += (i ? separator : "") + parts[i];
  return out;
}

struct Component {
  std::string word;
  bool templated = false;
  std::vector<std::string> args;
};

class Parser {
 public:
  Parser(const std::vector<std::string>& tokens, const TypedefResolver& resolve, UnqualifiedNames unqualified,
         int depth)
      : tokens_(tokens), resolve_(resolve), unqualified_(unqualified), depth_(depth) {}

  // The whole input as one type; false if some of it is not part of one.
  bool parseAll(std::string& out) {
    out = type();
    return ok_ && pos_ == tokens_.size() && !out.empty();
  }

 private:
  const std::string& peek() const {
    static const std::string end;
    return pos_ < tokens_.size() ? tokens_[pos_] : end;
  }

  static bool isValue(const std::string& token) {
    return !token.empty() && (std::isdigit(static_cast<unsigned char>(token[0])) || token[0] == '-');
  }

  // cv-qualifiers, a builtin or a name (or a value argument), then * & && [N].
  std::string type() {
    bool isConst = false, isVolatile = false;
    std::vector<std::string> words;
    std::string named;
    for (;;) {
      const std::string& token = peek();
      if (token == "const") {
        isConst = true;
        ++pos_;
      } else if (token == "volatile") {
        isVolatile = true;
        ++pos_;
      } else if (named.empty() && isBuiltinWord(token)) {
        words.push_back(token);
        ++pos_;
      } else if (named.empty() && words.empty() && isValue(token)) {
        named = integerLiteral(token);
        ++pos_;
      } else if (named.empty() && words.empty() &&
                 (token == "::" || (!token.empty() && isWordChar(token[0])))) {
        named = name(isConst);
        if (!ok_) return "";
      } else {
        break;
      }
    }
    if (named.empty() && words.empty()) {
      ok_ = false;
      return "";
    }
    std::string out = isConst ? "const " : "";
    if (isVolatile) out += "volatile ";
    out += words.empty() ? named : builtinName(words);
    for (;;) {
      const std::string& token = peek();
      if (token == "*" || token == "&" || token == "&&") {
        out += token;
      } else if (token == "const" || token == "volatile") {
        out += " " + token;
      } else if (token == "[") {
        out += "[";
        while (++pos_ < tokens_.size() && tokens_[pos_] != "]") out += tokens_[pos_];
        if (pos_ == tokens_.size()) ok_ = false;
        out += "]";
      } else {
        break;
      }
      ++pos_;
    }
    return out;
  }

  // "4u" -> "4": an argument's value, not its literal's type
  static std::string integerLiteral(std::string token) {
    if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) return token;
    while (token.size() > 1 && std::string_view("uUlL").find(token.back()) != std::string_view::npos)
      token.pop_back();
    return token;
  }

  // A qualified name with template arguments on any of its components.
  std::string name(bool isConst) {
    if (peek() == "::") ++pos_;
    std::vector<Component> parts;
    for (;;) {
      const std::string& token = peek();
      if (token.empty() || !isWordChar(token[0]) || isBuiltinWord(token) || token == "const" ||
          token == "volatile") {
        ok_ = false;
        return "";
      }
      Component part;
      part.word = token;
      ++pos_;
      if (peek() == "<") {
        part.templated = true;
        ++pos_;
        while (peek() != ">") {
          part.args.push_back(type());
          if (!ok_) return "";
          if (peek() == ",")
            ++pos_;
          else if (peek() != ">") {
            ok_ = false;
            return "";
          }
        }
        ++pos_;
      }
      if (part.word != "__cxx11" && part.word != "__1") parts.push_back(std::move(part));
      if (peek() != "::") break;
      ++pos_;
    }
    if (unqualified_ == UnqualifiedNames::MayBeStd && !parts.empty() && parts[0].word != "std" &&
        isStdName(parts[0].word) && (parts.size() == 1 || parts[0].templated || parts[0].word == "string"))
      parts.insert(parts.begin(), Component{"std", false, {}});
    if (parts.size() >= 2 && parts[0].word == "std" && !parts[0].templated) standardForm(parts[1]);
    std::string out;
    for (const Component& part : parts) {
      if (!out.empty()) out += "::";
      out += part.word;
      if (part.templated) out += "<" + joined(part.args, ",") + ">";
    }
    return resolvedTypedef(out, isConst);
  }

  // Drops default arguments and spells std::basic_string<char> as std::string.
  static void standardForm(Component& part) {
    if (!part.templated) return;
    auto defaults = stdDefaults().find(part.word);
    if (defaults != stdDefaults().end()) {
      while (!part.args.empty()) {
        size_t last = part.args.size() - 1;
        if (last >= defaults->second.size() || defaults->second[last].empty() ||
            part.args[last] != substituted(defaults->second[last], part.args))
          break;
        part.args.pop_back();
      }
    }
    // std::basic_X<char> is std::X (std::string, std::ostream...), <wchar_t> std::wX
    if (part.word.rfind("basic_", 0) == 0 && part.args.size() == 1 &&
        (part.args[0] == "char" || part.args[0] == "wchar_t") && defaults != stdDefaults().end()) {
      part.word = (part.args[0] == "char" ? "" : "w") + part.word.substr(6);
      part.templated = false;
      part.args.clear();
    }
  }

  std::string resolvedTypedef(const std::string& name, bool isConst) {
    if (!resolve_ || depth_ > 8) return name;
    std::string target = resolve_(name);
    if (target.empty() || target == name) return name;
    // "const P" of a pointer typedef P is "P const", which no text substitution spells
    if (isConst && target.find_first_of("*&") != std::string::npos) return name;
    std::vector<std::string> tokens;
    if (!tokenize(target, tokens)) return name;
    Parser inner(tokens, resolve_, unqualified_, depth_ + 1);
    std::string out;
    return inner.parseAll(out) ? out : name;
  }

  const std::vector<std::string>& tokens_;
  const TypedefResolver& resolve_;
  UnqualifiedNames unqualified_;
  int depth_;
  size_t pos_ = 0;
  bool ok_ = true;
};

std::string tidied(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.rfind("::", 0) == 0) out.erase(0, 2);
  return out;
}

}  // namespace

std::string canonicalTypeName(std::string_view name, const TypedefResolver& resolve,
                              UnqualifiedNames unqualified) {
  std::vector<std::string> tokens;
  if (!tokenize(name, tokens)) return tidied(name);
  Parser parser(tokens, resolve, unqualified, 0);
  std::string out;
  return parser.parseAll(out) ? out : tidied(name);
}

std::string templateOf(std::string_view canonical) {
  if (canonical.empty() || canonical.back() != '>') return "";
  int depth = 0;
  for (size_t i = canonical.size(); i-- > 0;) {
    if (canonical[i] == '>') ++depth;
    if (canonical[i] == '<' && --depth == 0) return std::string(canonical.substr(0, i));
  }
  return "";
}

}  // namespace dictloader
