// subjects.cpp - the one definition of loader_api.h's variables and out-of-line functions.
#include <stdexcept>

#include "loader_api.h"

namespace api {

int Widget::instances = 0;
double Widget::scale = 1.5;

namespace util {
int counter = 17;
int Sum(int a, int b) { return a + b; }
int Sum(int a, int b, int c) { return a + b + c; }
double Half(double x) { return x / 2; }
int Checked(int x) {
  if (x < 0) throw std::out_of_range("api::util::Checked: negative");
  return x;
}
}  // namespace util

}  // namespace api
