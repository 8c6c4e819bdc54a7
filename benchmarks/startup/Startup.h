// Startup.h - the class the start-up benchmark loads, constructs and calls
// once (the first use a script makes of a dictionary), and that
// string_calls.py calls in loops: what turning std::string into str costs.
#pragma once

#include <string>

class Greeter {
 public:
  explicit Greeter(int times) : m_name("greeter"), m_times(times) {}
  int Times() const { return m_times; }
  std::string Name() const { return m_name; }
  const std::string& NameRef() const { return m_name; }

  std::string m_name;

 private:
  int m_times;
};
