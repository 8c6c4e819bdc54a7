// dependency.cpp - a library that genreflex_test_subjects depends on: what it
// defines is there at run time for a dictionary linked against the subjects only.
#include "undefined_symbols.h"

int linkage::fromDependency(int x) { return 3 * x; }
