// MapBench.h - a std::map<std::string,int> for the map benchmark (run_maps.py),
// and the C++ loops it is measured against.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

namespace mapbench {

// n entries "k000000" -> 0, "k000001" -> 1, ...
inline std::map<std::string, int> filled(int n) {
  std::map<std::string, int> out;
  char key[16];
  for (int i = 0; i < n; ++i) {
    std::snprintf(key, sizeof key, "k%06d", i);
    out.emplace(key, i);
  }
  return out;
}

// Best time of `rounds` passes over every item, in nanoseconds per item.
inline double iterateItemsNs(const std::map<std::string, int>& m, int rounds) {
  double best = 1e300;
  long long sink = 0;
  for (int r = 0; r < rounds; ++r) {
    auto start = std::chrono::steady_clock::now();
    for (const auto& [key, value] : m) sink += value + static_cast<long long>(key.size());
    std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count() / static_cast<double>(m.size()));
  }
  return sink == -1 ? 0 : best;
}

// The same for looking every key up (m.at), the keys given as std::strings.
inline double lookupNs(const std::map<std::string, int>& m, int rounds) {
  double best = 1e300;
  long long sink = 0;
  for (int r = 0; r < rounds; ++r) {
    auto start = std::chrono::steady_clock::now();
    for (const auto& entry : m) sink += m.at(entry.first);
    std::chrono::duration<double, std::nano> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count() / static_cast<double>(m.size()));
  }
  return sink == -1 ? 0 : best;
}

}  // namespace mapbench
