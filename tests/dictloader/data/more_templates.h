// more_templates.h - a second dictionary that describes std::vector<int> too
// (tests/genreflex/data/templates.h has it): one instantiation, one scope.
#pragma once

#include <vector>

namespace more {

inline std::vector<int> numbers() { return {1, 2, 3, 4}; }

}  // namespace more
