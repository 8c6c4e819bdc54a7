// Startup.h - the class the start-up benchmark loads, constructs and calls
// once: the first use a script makes of a dictionary.
#pragma once

#include <string>

class Greeter {
 public:
  explicit Greeter(int times) : m_times(times) {}
  int Times() const { return m_times; }
  std::string Name() const { return "greeter"; }

 private:
  int m_times;
};
