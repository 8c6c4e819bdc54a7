// CrossBench.h - the cross-inheritance benchmark's class (run_cross.py): a
// virtual function that a Python subclass overrides, and C++ loops calling it
// and calling a plain function pointer.
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

// The floor of any C -> Python call: C calling a function pointer n times,
// which run_cross.py points at a Python function through cffi's callback.
// Defined here (the dictionary is the one unit that includes this header)
// and unmangled, so that run_cross.py finds it with dlopen.
extern "C" long crossbench_callback_loop(long (*step)(long), long n) {
  long total = 0;
  for (long i = 0; i < n; ++i) total += step(i);
  return total;
}
