// declared.cpp - the bodies of declared.h, built as a library of their own.
#include "declared.h"

#include <cmath>

namespace decl {

Calc::Calc() : total_(0) {}

Calc::Calc(const std::vector<double>& values) : total_(0) {
  for (double v : values) total_ += v;
}

double Calc::mean(const std::vector<double>& v) const {
  double sum = 0;
  for (double x : v) sum += x;
  return v.empty() ? 0 : sum / static_cast<double>(v.size());
}

double Calc::total() const { return total_; }

std::vector<double> Calc::scaled(const std::vector<double>& v, double factor) const {
  std::vector<double> out;
  for (double x : v) out.push_back(x * factor);
  return out;
}

int Calc::lookup(const std::map<std::string, int>& counts, const std::string& key) const {
  auto found = counts.find(key);
  return found == counts.end() ? -1 : found->second;
}

std::pair<int, double> Calc::split(double x) const {
  int whole = static_cast<int>(x);
  return {whole, x - whole};
}

double Calc::join(const std::pair<int, double>& p) const { return p.first + p.second; }

std::vector<int> Calc::range(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) out.push_back(i);
  return out;
}

int Calc::sum(const std::vector<int>& v) {
  int out = 0;
  for (int x : v) out += x;
  return out;
}

std::vector<double> linspace(double low, double high, int n) {
  std::vector<double> out;
  for (int i = 0; i < n; ++i) out.push_back(n == 1 ? low : low + (high - low) * i / (n - 1));
  return out;
}

std::map<std::string, int> tally(const std::vector<std::string>& words) {
  std::map<std::string, int> out;
  for (const std::string& w : words) ++out[w];
  return out;
}

std::pair<int, double> divmod(double x, double y) {
  double whole = std::floor(x / y);
  return {static_cast<int>(whole), x - whole * y};
}

namespace inner {
double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double out = 0;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) out += a[i] * b[i];
  return out;
}
}  // namespace inner

}  // namespace decl

double declSum(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum;
}
