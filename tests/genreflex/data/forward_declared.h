// forward_declared.h - a class the headers only declare, used inside an
// instantiation: genreflex must say which header is missing, not --instantiate.
#pragma once

#include <vector>

class OnlyDeclared;

struct ForwardHolder {
  std::vector<OnlyDeclared*> items;
};
