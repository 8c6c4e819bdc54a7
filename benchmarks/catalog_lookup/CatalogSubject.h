// CatalogSubject.h - the one real library of the catalog benchmark: a miss of
// benchreal::Thing is resolved by loading its dictionary through the catalog.
#pragma once

namespace benchreal {
class Thing {
 public:
  int Value() const { return 7; }
};
inline int Helper(int x) { return x + 1; }
}  // namespace benchreal
