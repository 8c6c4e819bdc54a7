// standard_headers.cpp - which standard header declares a std template.
#include "genreflex/standard_headers.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

namespace genreflex {
namespace {

// template name -> header; the class templates a dictionary can describe.
constexpr std::pair<std::string_view, std::string_view> kTemplateHeaders[] = {
    {"vector", "vector"},
    {"map", "map"},
    {"multimap", "map"},
    {"set", "set"},
    {"multiset", "set"},
    {"unordered_map", "unordered_map"},
    {"unordered_multimap", "unordered_map"},
    {"unordered_set", "unordered_set"},
    {"unordered_multiset", "unordered_set"},
    {"list", "list"},
    {"forward_list", "forward_list"},
    {"deque", "deque"},
    {"queue", "queue"},
    {"priority_queue", "queue"},
    {"stack", "stack"},
    {"array", "array"},
    {"pair", "utility"},
    {"tuple", "tuple"},
    {"basic_string", "string"},
    {"string", "string"},
    {"complex", "complex"},
    {"valarray", "valarray"},
    {"bitset", "bitset"},
    {"shared_ptr", "memory"},
    {"unique_ptr", "memory"},
    {"weak_ptr", "memory"},
    {"optional", "optional"},
    {"function", "functional"},
};

bool isIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

std::vector<std::string> standardHeadersNamedBy(const std::vector<std::string>& names) {
  std::vector<std::string> headers;
  for (const std::string& name : names) {
    for (size_t at = name.find("std::"); at != std::string::npos; at = name.find("std::", at + 5)) {
      if (at > 0 && isIdentifierChar(name[at - 1])) continue;  // xstd::, not std::
      size_t end = at + 5;
      while (end < name.size() && isIdentifierChar(name[end])) ++end;
      std::string_view word(name.data() + at + 5, end - at - 5);
      for (const auto& [templateName, header] : kTemplateHeaders)
        if (word == templateName && std::find(headers.begin(), headers.end(), header) == headers.end())
          headers.emplace_back(header);
    }
  }
  std::sort(headers.begin(), headers.end());
  return headers;
}

}  // namespace genreflex
