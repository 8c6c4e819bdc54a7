// standard_headers.h - the standard library headers a requested class name
// needs: `--instantiate std::map<int,double>` or a selection file's
// <class name="std::vector<MyClass>"/> must work with headers that never
// include <map> or <vector>, as with ROOT's genreflex.
#pragma once

#include <string>
#include <vector>

namespace genreflex {

// The headers ("vector", "map"...) declaring the std templates that the
// names spell (std::vector<...>, std::map<...>, nested ones too), each once,
// in a fixed order.
std::vector<std::string> standardHeadersNamedBy(const std::vector<std::string>& names);

}  // namespace genreflex
