// vectors.h - pytest subject: std::vector of every builtin (buffers and
// memoryviews), functions taking vectors that Python lists and tuples must
// reach, and vectors returned by value in bulk (the memory tests).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace vec {

using Weights = std::vector<float>;

// One vector of each builtin, holding 1, 2, 3 (and true, false, true).
struct Kinds {
  std::vector<char> chars() const { return {'a', 'b', 'c'}; }
  std::vector<signed char> signedChars() const { return {1, -2, 3}; }
  std::vector<unsigned char> unsignedChars() const { return {1, 2, 255}; }
  std::vector<short> shorts() const { return {1, -2, 3}; }
  std::vector<unsigned short> unsignedShorts() const { return {1, 2, 65535}; }
  std::vector<int> ints() const { return {1, -2, 3}; }
  std::vector<unsigned int> unsignedInts() const { return {1, 2, 4000000000u}; }
  std::vector<long> longs() const { return {1, -2, 3}; }
  std::vector<unsigned long> unsignedLongs() const { return {1, 2, 3}; }
  std::vector<long long> longLongs() const { return {1, -2, 3}; }
  std::vector<unsigned long long> unsignedLongLongs() const { return {1, 2, 3}; }
  std::vector<float> floats() const { return {1.5f, -2.5f, 3.0f}; }
  std::vector<double> doubles() const { return {1.5, -2.5, 3.0}; }
  std::vector<bool> bools() const { return {true, false, true}; }
  std::vector<long double> longDoubles() const { return {1.5L}; }
  std::vector<std::string> strings() const { return {"ab", "cd"}; }
};

// A vector owned by a C++ object: Python sees it by reference.
class Holder {
 public:
  std::vector<double>& values() { return values_; }
  double total() const {
    double sum = 0;
    for (double v : values_) sum += v;
    return sum;
  }

 private:
  std::vector<double> values_{0.5, 1.5};
};

struct Point {
  double x = 0, y = 0;
};

// n points, the i-th at (i, -i).
inline std::vector<Point> points(int n) {
  std::vector<Point> out(n > 0 ? n : 0);
  for (int i = 0; i < n; ++i) out[i] = Point{double(i), -double(i)};
  return out;
}

inline double sumX(const std::vector<Point>& points) {
  double total = 0;
  for (const Point& p : points) total += p.x;
  return total;
}

// 0, 1, ..., n-1 as doubles.
inline std::vector<double> ramp(int n) {
  std::vector<double> out(n > 0 ? n : 0);
  for (int i = 0; i < n; ++i) out[i] = i;
  return out;
}

// A fresh 16-element vector per call: a leak of one per call shows in RSS.
inline std::vector<double> sixteen(double first) {
  std::vector<double> out(16, 1.0);
  out[0] = first;
  return out;
}

inline double sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}

inline double sumByValue(std::vector<double> values) { return sum(values); }

inline long long sumInts(const std::vector<int>& values) {
  long long total = 0;
  for (int v : values) total += v;
  return total;
}

inline double weighted(const std::vector<double>& values, const Weights& weights) {
  double total = 0;
  for (std::size_t i = 0; i < values.size() && i < weights.size(); ++i) total += values[i] * weights[i];
  return total;
}

inline std::size_t totalLength(const std::vector<std::string>& words) {
  std::size_t total = 0;
  for (const auto& w : words) total += w.size();
  return total;
}

inline int countRows(const std::vector<std::vector<double>>& rows) { return static_cast<int>(rows.size()); }

// The same name for two element types: the list goes to the overload whose
// element type takes all its items.
inline std::string kind(const std::vector<int>&) { return "int"; }
inline std::string kind(const std::vector<std::string>&) { return "string"; }

// A non-const reference means the caller wants the changes back: a list is
// not accepted there.
inline void doubleAll(std::vector<double>& values) {
  for (double& v : values) v *= 2;
}

class Accumulator {
 public:
  Accumulator() = default;
  explicit Accumulator(const std::vector<double>& start) : total_(sum(start)) {}
  void add(const std::vector<double>& values) { total_ += sum(values); }
  static double peak(const std::vector<double>& values) {
    double best = values.empty() ? 0 : values[0];
    for (double v : values) best = v > best ? v : best;
    return best;
  }
  double total() const { return total_; }

 private:
  double total_ = 0;
};

}  // namespace vec
