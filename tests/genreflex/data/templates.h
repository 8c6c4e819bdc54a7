// templates.h - class templates and standard containers in signatures: the
// dictionary describes the instantiations these declarations use.
#pragma once

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

// A global class with a standard library's name: never std::queue.
struct queue {
  int depth = 2;
};

namespace tmpl {

// A type and a non-type parameter.
template <class T, int N>
class Histogram {
 public:
  void fill(int bin, T weight) {
    if (bin >= 0 && bin < N) bins_[bin] += weight;
  }
  T bin(int i) const { return bins_[i]; }
  int size() const { return N; }
  static int capacity() { return N; }

 private:
  T bins_[N] = {};
};

template <class T>
struct Box {
  T value{};
  T get() const { return value; }
  // Compiles only for a T with operator< (template_rejection.h has one without).
  bool before(const Box& other) const { return value < other.value; }
};

// An explicit specialization, with members of its own.
template <>
struct Box<bool> {
  bool value = false;
  const char* describe() const { return value ? "yes" : "no"; }
};

class Store {
 public:
  std::vector<double> values() const { return {1.5, 2.5, 3.0}; }
  double sum(const std::vector<double>& values) const {
    double total = 0;
    for (double v : values) total += v;
    return total;
  }
  std::vector<int> counts(int n) const { return std::vector<int>(n > 0 ? n : 0, 7); }
  int total(const std::map<std::string, int>& m) const {
    int out = 0;
    for (const auto& [key, value] : m) out += value;
    return out;
  }
  std::pair<int, double> firstPair() const { return {3, 0.25}; }
  std::vector<std::vector<double>> grid() const { return {{1.0}, {2.0, 3.0}}; }
  Histogram<double, 4> histogram() const {
    Histogram<double, 4> h;
    h.fill(1, 2.5);
    return h;
  }
  Box<int> boxed(int v) const { return Box<int>{v}; }
  Box<bool> flag() const { return Box<bool>{true}; }
  std::vector<unsigned> ids() const { return {1u, 2u}; }
  std::vector<long int> longs() const { return {-1L}; }
  std::vector<std::string> names() const { return {"ab", "cd"}; }
  std::vector<bool> bits() const { return {true, false, true}; }

  std::map<std::string, int> table;
};

inline std::vector<Store> twoStores() { return std::vector<Store>(2); }
inline std::vector<::queue> queues() { return std::vector<::queue>(1); }

using Floats = std::vector<float>;
using Real = double;
inline Floats someFloats() { return {0.5f}; }

class Counter : public Box<long> {};

// Maps and sets: described with their iterator classes and value types.
struct Label {
  std::string text;
  int weight = 0;
  int twice() const { return 2 * weight; }
};

inline std::map<std::string, int> ages() { return {{"carol", 35}, {"alice", 30}, {"bob", 25}}; }
inline std::map<int, Label> labels() { return {{3, {"three", 30}}, {1, {"one", 10}}, {2, {"two", 20}}}; }
inline std::map<std::string, std::string> capitals() { return {{"France", "Paris"}}; }
inline std::set<int> primes() { return {7, 2, 5, 3}; }
inline std::unordered_map<std::string, double> prices() { return {{"tea", 2.5}}; }
// A container of its own whose iterators count themselves: iterating from
// Python must leave none alive.
inline int liveIterators = 0;

template <class T>
class CountedIterator {
 public:
  explicit CountedIterator(T* at) : at_(at) { ++liveIterators; }
  CountedIterator(const CountedIterator& other) : at_(other.at_) { ++liveIterators; }
  ~CountedIterator() { --liveIterators; }
  T& operator*() const { return *at_; }
  CountedIterator& operator++() {
    ++at_;
    return *this;
  }
  friend bool operator==(const CountedIterator& a, const CountedIterator& b) { return a.at_ == b.at_; }
  friend bool operator!=(const CountedIterator& a, const CountedIterator& b) { return a.at_ != b.at_; }

 private:
  T* at_;
};

template <class T>
class Shelf {
 public:
  using iterator = CountedIterator<T>;
  using const_iterator = CountedIterator<T>;
  void put(const T& item) { items_.push_back(item); }
  iterator begin() { return iterator(items_.data()); }
  iterator end() { return iterator(items_.data() + items_.size()); }
  unsigned long size() const { return items_.size(); }

 private:
  std::vector<T> items_;
};

inline Shelf<double> shelf(int n) {
  Shelf<double> out;
  for (int i = 0; i < n; ++i) out.put(0.5 * i);
  return out;
}
inline int countedIterators() { return liveIterators; }

// What C++ sees of a map filled from Python.
inline std::string joined(const std::map<std::string, int>& m) {
  std::string out;
  for (const auto& [key, value] : m) out += key + "=" + std::to_string(value) + ";";
  return out;
}
inline std::string joinedLabels(const std::map<int, Label>& m) {
  std::string out;
  for (const auto& [key, label] : m) out += std::to_string(key) + "=" + label.text + ";";
  return out;
}

}  // namespace tmpl
