// vector_sum_cpp.cpp - the C++ side of the vector-sum benchmark: the loop a
// C++ user writes over a std::vector<double> of N elements (VectorSum.h's
// ramp), timed as the Python routes are.
//
//   vector_sum_cpp N ROUNDS
// prints "cpp <best ns per element> <sum>".
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "VectorSum.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: vector_sum_cpp N ROUNDS\n");
    return 2;
  }
  const int n = std::atoi(argv[1]);
  const int rounds = std::atoi(argv[2]);
  if (n <= 0 || rounds <= 0) {
    std::fprintf(stderr, "vector_sum_cpp: error: N and ROUNDS must be positive (got %s %s)\n", argv[1],
                 argv[2]);
    return 2;
  }
  std::vector<double> values = bench::ramp(n);
  double best = 1e30, total = 0;
  for (int round = 0; round < rounds; ++round) {
    auto start = std::chrono::steady_clock::now();
    total = 0;
    for (double v : values) total += v;
    // The sum must be computed each round: neither hoisted nor dropped.
    asm volatile("" : "+x"(total) : "r"(values.data()) : "memory");
    double ns =
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / n;
    if (ns < best) best = ns;
  }
  std::printf("cpp %.4f %.1f\n", best, total);
  return 0;
}
