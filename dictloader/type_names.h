// type_names.h - the one spelling of a C++ type name that dictionaries store
// and the registry looks up.
//
// The canonical form is the one cppyy uses for class template instantiations:
//   - fully qualified from the global scope, without a leading "::" and
//     without inline namespaces ("std::__cxx11::" is "std::");
//   - default template arguments of the standard containers dropped
//     ("std::vector<int>", "std::map<std::string,int>");
//   - std::basic_string<char> is "std::string";
//   - no spaces except between words ("unsigned int", "const int*"):
//     "std::map<std::string,int>", "std::vector<std::vector<double>>";
//   - builtins by their standard names ("unsigned" is "unsigned int",
//     "long int" is "long"), cv-qualifiers in front ("const int").
// genreflex writes scope names in this form and the loader turns what users
// write into it, so both sides share this unit.
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace dictloader {

// Returns the target of a typedef name ("MyInts" -> "std::vector<int>"), or ""
// if the name is not a typedef.
using TypedefResolver = std::function<std::string(const std::string&)>;

// Whether an unqualified "vector" or "string" means the standard library's.
// Users write them so; a compiler's fully qualified names never do (a global
// class may be called list).
enum class UnqualifiedNames { MayBeStd, AsWritten };

// The canonical spelling of a type name. Names of the standard library's
// class templates and std::string may be written without "std::" (they get
// it, unless AsWritten). Typedef names anywhere in the name are replaced
// through resolve when one is given. Text that is not a type name comes back
// with only its spaces tidied.
std::string canonicalTypeName(std::string_view name, const TypedefResolver& resolve = {},
                              UnqualifiedNames unqualified = UnqualifiedNames::MayBeStd);

// The template of a canonical instantiation name ("std::vector" for
// "std::vector<int>", "ns::Outer<int>::Inner" has none: ""), "" if none.
std::string templateOf(std::string_view canonical);

}  // namespace dictloader
