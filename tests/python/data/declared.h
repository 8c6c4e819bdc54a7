// declared.h - functions declared here and defined in their own library
// (declared.cpp), the common case, whose signatures take and return class
// template instantiations that nothing in the header instantiates:
// std::vector<double>, std::map<std::string,int>, std::pair<int,double>.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace decl {

class Calc {
 public:
  Calc();
  explicit Calc(const std::vector<double>& values);
  double mean(const std::vector<double>& v) const;
  double total() const;
  std::vector<double> scaled(const std::vector<double>& v, double factor) const;
  int lookup(const std::map<std::string, int>& counts, const std::string& key) const;
  std::pair<int, double> split(double x) const;
  double join(const std::pair<int, double>& p) const;
  static std::vector<int> range(int n);
  static int sum(const std::vector<int>& v);

 private:
  double total_;
};

std::vector<double> linspace(double low, double high, int n);
std::map<std::string, int> tally(const std::vector<std::string>& words);
std::pair<int, double> divmod(double x, double y);

namespace inner {
double dot(const std::vector<double>& a, const std::vector<double>& b);
}  // namespace inner

}  // namespace decl

double declSum(const std::vector<double>& v);
