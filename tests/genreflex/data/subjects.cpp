// subjects.cpp - the out-of-line definitions behind the test headers, in a
// shared library that both the test and the dictionaries link: one copy of
// every global, so addresses can be compared across the two.
#include <cstring>
#include <stdexcept>

#include "builtins.h"
#include "declared_instantiations.h"
#include "scopes.h"
#include "shapes.h"
#include "throwing.h"
#include "undefined_symbols.h"

namespace shapes {

Shape::~Shape() = default;

Rect::Rect(double width, double height) : Shape(4), width(width), height(height) {
  if (width < 0 || height < 0) throw std::invalid_argument("Rect: negative size");
}

void Rect::resize(double w, double h) {
  width = w;
  height = h;
}

void Rect::resize(double factor) {
  width *= factor;
  height *= factor;
}

TaggedRect::TaggedRect(double width, double height, const std::string& text) : Rect(width, height) {
  label = text;
  tagId = 99;
}

std::string TaggedRect::describe() const { return label + ":" + name(); }

int Counter::instances = 0;

double totalArea(const Shape& first, const Shape* second) {
  return first.area() + (second ? second->area() : 0.0);
}

double normSquared(Vec2 v) { return v.dot(v); }

Rect* grow(Rect* rect, double factor) {
  rect->resize(factor);
  return rect;
}

Rect& widest(Rect& a, Rect& b) { return a.width >= b.width ? a : b; }

}  // namespace shapes

int add(int a, int b) { return a + b; }
double add(double a, double b) { return a + b + 0.5; }  // + 0.5: tells the overloads apart
int sumOf(int a, int b, int c) { return a * 100 + b * 10 + c; }
int negate(int v) noexcept { return -v; }
void addTo(int& target, int amount) { target += amount; }
double readThrough(const double* value) { return *value; }
int* secondOf(int* values) { return values + 1; }
const int& largest(const int& a, const int& b) { return a >= b ? a : b; }
std::size_t countChars(const char* text) { return std::strlen(text); }
const char* greeting() { return g_greeting; }

std::string greet(const std::string& who) { return "hello, " + who; }
std::string shout(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}
void appendTo(std::string& text, const char* suffix) { text += suffix; }
std::size_t lengthOf(const std::string& text) { return text.size(); }

int checkedDivide(int dividend, int divisor) {
  if (divisor == 0) throw std::runtime_error("checkedDivide: division by zero");
  return dividend / divisor;
}

int g_counter = 42;
const char* g_greeting = "hello";
double g_table[3] = {1.5, 2.5, 3.5};

namespace scopes {
namespace outer::inner {
int depth() { return 2; }
long g_depth = 2;
}  // namespace outer::inner

Color next(Color c) { return c == Red ? Green : Blue; }
Mode toggle(Mode m) { return m == Mode::On ? Mode::Off : Mode::On; }
Real half(Real value) { return value / 2; }
}  // namespace scopes

int throwing::definedElsewhere(int x) { return x; }

namespace linkage {

int defined(int x) { return x + 1; }
int Gadget::size() const { return fromDependency(1); }
int Gadget::instances = 2;

}  // namespace linkage

namespace declared {

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
std::vector<int> Calc::range(int n) {
  std::vector<int> out;
  for (int i = 0; i < n; ++i) out.push_back(i);
  return out;
}

std::map<std::string, int> tally(const std::vector<std::string>& words) {
  std::map<std::string, int> out;
  for (const std::string& w : words) ++out[w];
  return out;
}
double join(const std::pair<int, double>& p) { return p.first + p.second; }

namespace inner {
std::vector<float> halves(const std::vector<float>& v) {
  std::vector<float> out;
  for (float x : v) out.push_back(x / 2);
  return out;
}
}  // namespace inner

}  // namespace declared

double declaredSum(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum;
}
