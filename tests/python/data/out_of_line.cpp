// out_of_line.cpp - the bodies of out_of_line.h, built as a library of their own.
#include "out_of_line.h"

#include <stdexcept>

namespace ool {
namespace {
int divideCalls = 0;
}  // namespace

Calculator::Calculator(int base) : base_(base) {}
Calculator::~Calculator() = default;

int Calculator::Divide(int divisor) const {
  ++divideCalls;
  if (divisor == 0) throw std::domain_error("ool::Calculator::Divide: division by zero");
  return base_ / divisor;
}

int Calculator::DivideCalls() { return divideCalls; }

int Calculator::Add(int a) const { return base_ + a; }

int Calculator::Checked(int value) const {
  if (value < 0) throw std::range_error("ool::Calculator::Checked: negative value");
  return value;
}

}  // namespace ool
