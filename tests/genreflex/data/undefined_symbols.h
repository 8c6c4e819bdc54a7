// undefined_symbols.h - genreflex test subject: declarations that the library
// behind the header (genreflex_test_subjects) does not define. Linked with -l,
// the dictionary leaves them out instead of failing to load.
#pragma once

namespace linkage {

int defined(int x);
int neverDefined(int x);    // defined nowhere
int fromDependency(int x);  // defined in a library the subjects depend on

struct Gadget {
  int size() const;
  int weight() const;  // defined nowhere
  static int instances;
  static int missingCount;  // defined nowhere
};

}  // namespace linkage
