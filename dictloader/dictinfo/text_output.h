// text_output.h - dictinfo's human-readable output: the JSON of describe.h,
// printed as indented text.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace dictinfo {

void printDictionary(std::ostream& out, const nlohmann::json& dictionary);
void printClass(std::ostream& out, const nlohmann::json& klass);
void printProviders(std::ostream& out, const nlohmann::json& which);
void printCatalog(std::ostream& out, const nlohmann::json& catalog);

}  // namespace dictinfo
