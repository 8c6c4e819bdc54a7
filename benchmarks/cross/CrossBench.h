// CrossBench.h - the cross-inheritance benchmark's class (run_cross.py): a
// virtual function that a Python subclass overrides, and C++ loops calling it.
#pragma once

namespace crossbench {

class Counter {
 public:
  virtual ~Counter() = default;
  virtual long step(long i) { return i; }
  // C++ calling the virtual function n times through a base reference.
  static long loop(Counter& counter, long n) {
    long total = 0;
    for (long i = 0; i < n; ++i) total += counter.step(i);
    return total;
  }
};

}  // namespace crossbench
