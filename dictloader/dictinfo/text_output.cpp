// text_output.cpp - dictinfo's reports as text.
#include "text_output.h"

#include <string>

using nlohmann::json;

namespace dictinfo {
namespace {

// "[fast: wrapper]" or "[stubs: may throw ...]"
std::string fastPathMark(const json& fn) {
  return "[" +
         (fn["fast_path"].get<bool>() ? "fast: " + fn["address"].get<std::string>()
                                      : "stubs: " + fn["why_not"].get<std::string>()) +
         "]";
}

// "  [entry: checked iii]" or "  [entry: none: not callable ...]"
std::string entryMark(const json& fn) {
  const json& entry = fn["entry"];
  if (entry.is_null()) return "";
  std::string kind = entry["kind"];
  return "  [entry: " + kind +
         (kind == "none" ? ": " + entry["why_not"].get<std::string>()
                         : " " + entry["signature"].get<std::string>()) +
         "]";
}

// ", align 8, trivial destructor, no destructor effect"
std::string objectMark(const json& object) {
  if (object.is_null()) return "";
  if (object["align"].get<size_t>() == 0) return ", no object operations";  // ABI < 1.4
  std::string out = ", align " + std::to_string(object["align"].get<size_t>());
  for (const json& flag : object["flags"]) {
    std::string text = flag;
    for (char& c : text)
      if (c == '_') c = ' ';
    out += ", " + text;
  }
  return out;
}

// ", shared_ptr to const ns::T (adopts)"
std::string exceptionMark(const json& scope) {
  return scope.value("exception_class", false) ? ", exception class" : "";
}

std::string smartMark(const json& scope) {
  if (!scope.contains("smart_pointer")) return "";
  const json& smart = scope["smart_pointer"];
  return ", " + smart["kind"].get<std::string>() + "_ptr to " + smart["pointee"].get<std::string>() +
         (smart["adopts"].get<bool>() ? " (adopts new objects)" : "");
}

// ", Python subclasses override 11 virtual functions"
std::string dispatcherMark(const json& scope) {
  if (!scope.contains("dispatcher")) return "";
  size_t slots = scope["dispatcher"]["slots"].size();
  return ", Python subclasses override " + std::to_string(slots) +
         (slots == 1 ? " virtual function" : " virtual functions");
}

}  // namespace

void printDictionary(std::ostream& out, const json& dict) {
  out << "dictionary " << dict["name"].get<std::string>() << " (" << dict["origin"].get<std::string>()
      << ")\n  made by " << dict["generator"].get<std::string>() << ", ABI " << dict["abi"].get<std::string>()
      << (dict["fast_path_all"].get<bool>()        ? ", fast path for every function (--methptrgetter=all)\n"
          : dict["function_addresses"].get<bool>() ? ", with fast-path addresses\n"
                                                   : "\n");
  for (const json& scope : dict["scopes"]) {
    std::string name = scope["name"];
    out << "  " << scope["kind"].get<std::string>() << " " << (name.empty() ? "(global)" : name);
    if (scope.contains("size"))
      out << "  [size " << scope["size"].get<size_t>()
          << (scope.contains("object") ? objectMark(scope["object"]) : "") << smartMark(scope)
          << dispatcherMark(scope) << exceptionMark(scope) << "]";
    if (scope.contains("bases") && !scope["bases"].empty()) {
      out << "  : ";
      for (size_t b = 0; b < scope["bases"].size(); ++b)
        out << (b ? ", " : "") << scope["bases"][b].get<std::string>();
    }
    out << "\n";
    if (scope.contains("functions"))
      for (const json& fn : scope["functions"])
        out << "    " << fn["prototype"].get<std::string>() << "  " << fastPathMark(fn) << entryMark(fn)
            << "\n";
    if (scope.contains("data"))
      for (const json& member : scope["data"]) {
        out << "    " << (member["static"].get<bool>() ? "static " : "") << member["type"].get<std::string>()
            << " " << member["name"].get<std::string>();
        if (member.contains("offset")) out << "  [offset " << member["offset"].get<long>() << "]";
        out << "\n";
      }
  }
  for (const json& en : dict["enums"]) {
    out << "  enum " << (en["scoped"].get<bool>() ? "class " : "") << en["name"].get<std::string>() << " : "
        << en["type"].get<std::string>() << " {";
    bool first = true;
    for (const auto& [name, value] : en["values"].items()) {
      out << (first ? " " : ", ") << name << " = " << value.get<long long>();
      first = false;
    }
    out << " }\n";
  }
  for (const auto& [name, target] : dict["typedefs"].items())
    out << "  typedef " << name << " -> " << target.get<std::string>() << "\n";
}

void printClass(std::ostream& out, const json& klass) {
  out << klass["kind"].get<std::string>() << " " << klass["name"].get<std::string>() << "  [size "
      << klass["size"].get<size_t>() << objectMark(klass["object"]) << smartMark(klass)
      << dispatcherMark(klass) << (klass["polymorphic"].get<bool>() ? ", polymorphic" : "")
      << (klass["abstract"].get<bool>() ? ", abstract" : "") << exceptionMark(klass) << "]\n  from "
      << klass["dictionary"].get<std::string>() << "\n";
  out << "  bases:" << (klass["bases"].empty() ? " none\n" : "\n");
  for (const json& base : klass["bases"]) {
    out << "    " << (base["virtual"].get<bool>() ? "virtual " : "") << base["name"].get<std::string>()
        << "  [";
    if (base["offset"].is_null())
      out << "offset read from the object";
    else
      out << "offset " << base["offset"].get<long>();
    out << (base["described"].get<bool>() ? "" : "; no loaded dictionary describes it") << "]\n";
  }
  out << "  data members:" << (klass["data"].empty() ? " none\n" : "\n");
  for (const json& member : klass["data"]) {
    out << "    " << (member["static"].get<bool>() ? "static " : "") << member["type"].get<std::string>()
        << " " << member["name"].get<std::string>();
    if (member.contains("offset")) out << "  [offset " << member["offset"].get<long>() << "]";
    out << "\n";
  }
  out << "  methods:" << (klass["methods"].empty() ? " none\n" : "\n");
  for (const json& method : klass["methods"])
    out << "    " << method["prototype"].get<std::string>() << "  " << fastPathMark(method)
        << entryMark(method) << "\n";
}

void printProviders(std::ostream& out, const json& which) {
  for (const json& p : which["providers"])
    out << which["name"].get<std::string>() << ": " << p["kind"].get<std::string>() << " in "
        << p["library"].get<std::string>() << "  (catalog " << p["catalog"].get<std::string>() << ")\n";
}

void printCatalog(std::ostream& out, const json& catalog) {
  size_t names = 0;
  for (const json& library : catalog["libraries"]) names += library["names"].size();
  size_t libraries = catalog["libraries"].size();
  out << "catalog " << catalog["catalog"].get<std::string>() << ": " << libraries
      << (libraries == 1 ? " library, " : " libraries, ") << names << (names == 1 ? " name\n" : " names\n");
  for (const json& library : catalog["libraries"]) {
    out << "  " << library["path"].get<std::string>() << "  [" << library["state"].get<std::string>() << "]\n"
        << "    " << library["generator"].get<std::string>() << ", ABI " << library["abi"].get<std::string>()
        << ", " << library["origin"].get<std::string>() << ", generated "
        << library["generated"].get<std::string>() << "\n";
    for (const json& name : library["names"])
      out << "    " << name["kind"].get<std::string>() << " " << name["name"].get<std::string>() << "\n";
  }
}

}  // namespace dictinfo
