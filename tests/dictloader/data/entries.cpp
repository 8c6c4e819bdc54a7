#include "entries.h"
namespace entries {
int calls = 0, destroyed = 0, liveCounted = 0;
Calc::Calc(int base) : base_(base) {}
Calc::Calc(int base, const std::string& label) : base_(base), label_(label) {
  if (label.empty()) throw std::invalid_argument("empty label");
}
int Calc::addOutOfLine(int x) const {
  ++calls;
  return base_ + x;
}
int Calc::addNoexcept(int x) const noexcept {
  ++calls;
  return base_ + x;
}
long long Calc::widened(short s, unsigned char c, bool flag) const noexcept {
  return flag ? s * 1000LL + c : -1;
}
std::string Calc::join(const std::string& a, std::string b) const {
  ++calls;
  return a + "+" + b;
}
void Calc::split(int value, int& q, int& r) const {
  ++calls;
  q = value / base_;
  r = value % base_;
}
int Calc::divide(int a, int b) const {
  if (b == 0) throw std::runtime_error("division by zero");
  ++calls;
  return a / b;
}
int Calc::outOfLineStatic(int x) {
  ++calls;
  return x * 3;
}
DeclaredOnly::~DeclaredOnly() {}
namespace util {
int sum(int a, int b, int c) {
  ++calls;
  return a + b + c;
}
void fill(int& out, long long value) noexcept {
  ++calls;
  out = static_cast<int>(value);
}
double mean(const double* v, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += v[i];
  return n ? s / n : 0;
}
}  // namespace util
}  // namespace entries
