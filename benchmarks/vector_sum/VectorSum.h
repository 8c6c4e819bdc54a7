// VectorSum.h - the subject of the vector-sum benchmark: a std::vector<double>
// made in C++, and C++'s own sum of one, called once from Python.
#pragma once

#include <vector>

namespace bench {

// 0, 1, ..., n-1: exact in a double, so every route gives the same sum.
inline std::vector<double> ramp(int n) {
  std::vector<double> out(n > 0 ? n : 0);
  for (int i = 0; i < n; ++i) out[i] = i;
  return out;
}

inline double sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}

}  // namespace bench
