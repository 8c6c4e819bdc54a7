// declared_instantiations.h - functions whose signatures use class template
// instantiations that nothing in the header instantiates: every body is in
// subjects.cpp (the user's library), so clang sees only declarations and
// would leave std::vector<double> and the rest incomplete. genreflex keeps
// every one of them (methods, constructors, static and free functions) and
// describes the instantiations.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace declared {

class Calc {
 public:
  Calc();
  explicit Calc(const std::vector<double>& values);
  double mean(const std::vector<double>& v) const;
  double total() const;
  std::vector<double> scaled(const std::vector<double>& v, double factor) const;
  int lookup(const std::map<std::string, int>& counts, const std::string& key) const;
  std::pair<int, double> split(double x) const;
  static std::vector<int> range(int n);

 private:
  double total_;
};

std::map<std::string, int> tally(const std::vector<std::string>& words);
double join(const std::pair<int, double>& p);

namespace inner {
std::vector<float> halves(const std::vector<float>& v);
}  // namespace inner

}  // namespace declared

// At the global scope too.
double declaredSum(const std::vector<double>& v);

// A class the header only declares: std::vector<declared::Opaque> cannot be
// instantiated, so this function alone is left out, saying why.
namespace declared {
class Opaque;
int countOpaque(const std::vector<Opaque>& items);
}  // namespace declared
