// rootmap_reader.cpp - reads ROOT's rootmap files into library sections.
//
// ROOT 6 writes an optional "{ decls }" block of forward declarations, then
// for each library a "[ libX.so libDependency.so ]" line followed by
// "class NAME", "namespace NAME", "typedef NAME", "enum NAME", "header FILE"
// lines and "#" comments. ROOT 5 wrote one "Library.NAME: libX.so libDep.so"
// line per class, with "::" as "@@" and spaces as "-". Names are turned into
// the loader's spelling ("vector<int>" is "std::vector<int>").
#include <fstream>

#include "catalog/catalog.h"
#include "type_names.h"

namespace dictcatalog {
namespace {

std::string_view trimmed(std::string_view text) {
  const char* space = " \t\r\n";
  std::size_t first = text.find_first_not_of(space);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(space) - first + 1);
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = text.find_first_not_of(" \t", at)) != std::string_view::npos) {
    std::size_t end = text.find_first_of(" \t", at);
    out.emplace_back(text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    at = end;
  }
  return out;
}

// The kind of a rootmap entry keyword, "" for one that is not a name.
std::string kindOf(std::string_view keyword, const std::string& name) {
  if (keyword == "class" || keyword == "struct" || keyword == "union")
    return name.find('<') != std::string::npos ? "template_instance" : "class";
  if (keyword == "namespace") return "namespace";
  if (keyword == "typedef" || keyword == "using") return "typedef";
  if (keyword == "enum") return "enum";
  if (keyword == "var" || keyword == "variable") return "variable";
  if (keyword == "function") return "function";
  return "";
}

RootmapSection& sectionFor(std::vector<RootmapSection>& sections, const std::vector<std::string>& libraries) {
  for (RootmapSection& section : sections)
    if (section.library == libraries.front()) return section;
  RootmapSection& section = sections.emplace_back();
  section.library = libraries.front();
  section.dependencies.assign(libraries.begin() + 1, libraries.end());
  return section;
}

}  // namespace

std::vector<RootmapSection> readRootmap(const std::string& rootmapPath) {
  std::ifstream in(rootmapPath);
  if (!in) throw CatalogError(rootmapPath, "cannot read this rootmap: check the path");
  auto lineError = [&](int line, const std::string& message) {
    return CatalogError(rootmapPath, "line " + std::to_string(line) + ": " + message);
  };
  std::vector<RootmapSection> sections;
  RootmapSection* current = nullptr;
  bool inDeclarations = false;
  std::string raw;
  for (int lineNumber = 1; std::getline(in, raw); ++lineNumber) {
    std::string_view line = trimmed(raw);
    if (line.empty() || line.front() == '#') continue;
    if (line == "{ decls }") {
      inDeclarations = true;  // C++ forward declarations, up to the first library line
      continue;
    }
    if (line.front() == '[' && !(inDeclarations && line.rfind("[[", 0) == 0)) {  // not an attribute
      inDeclarations = false;
      if (line.back() != ']')
        throw lineError(lineNumber, "a library line must end with ']': " + std::string(line));
      std::vector<std::string> libraries = words(line.substr(1, line.size() - 2));
      if (libraries.empty()) throw lineError(lineNumber, "a library line names no library");
      current = &sectionFor(sections, libraries);
      continue;
    }
    if (inDeclarations) continue;
    if (line.rfind("Library.", 0) == 0) {  // ROOT 5
      std::size_t colon = line.find(':', 8);
      while (colon != std::string_view::npos && colon + 1 < line.size() && line[colon + 1] == ':')
        colon = line.find(':', colon + 2);
      std::vector<std::string> libraries =
          colon == std::string_view::npos ? std::vector<std::string>{} : words(line.substr(colon + 1));
      if (libraries.empty())
        throw lineError(lineNumber, "expected 'Library.NAME: libX.so', got: " + std::string(line));
      std::string name(line.substr(8, colon - 8));
      for (std::size_t at; (at = name.find("@@")) != std::string::npos;) name.replace(at, 2, "::");
      for (char& c : name)
        if (c == '-') c = ' ';
      name = dictloader::canonicalTypeName(trimmed(name));
      sectionFor(sections, libraries).names.push_back({name, kindOf("class", name)});
      current = nullptr;
      continue;
    }
    std::size_t space = line.find_first_of(" \t");
    std::string_view keyword = line.substr(0, space);
    std::string rest(space == std::string_view::npos ? std::string_view{} : trimmed(line.substr(space)));
    if (keyword != "header" && kindOf(keyword, "").empty())
      throw lineError(lineNumber,
                      "unknown entry '" + std::string(keyword) +
                          "' (expected class, namespace, typedef, enum, var, function or header)");
    if (rest.empty()) throw lineError(lineNumber, "'" + std::string(keyword) + "' names nothing");
    if (!current)
      throw lineError(lineNumber, "'" + std::string(line) + "' comes before any '[ libX.so ]' line");
    if (keyword == "header") {
      current->headers.push_back(rest);
      continue;
    }
    std::string name = dictloader::canonicalTypeName(rest);
    current->names.push_back({name, kindOf(keyword, name)});
  }
  if (in.bad()) throw CatalogError(rootmapPath, "reading this rootmap failed");
  return sections;
}

}  // namespace dictcatalog
