// builtins.h - pytest subject: every builtin arithmetic type, std::string and
// const char* through function arguments and results.
#pragma once

#include <cstring>
#include <string>

class Builtins {
 public:
  static bool passBool(bool v) { return v; }
  static char passChar(char v) { return v; }
  static signed char passSChar(signed char v) { return v; }
  static unsigned char passUChar(unsigned char v) { return v; }
  static short passShort(short v) { return v; }
  static unsigned short passUShort(unsigned short v) { return v; }
  static int passInt(int v) { return v; }
  static unsigned int passUInt(unsigned int v) { return v; }
  static long passLong(long v) { return v; }
  static unsigned long passULong(unsigned long v) { return v; }
  static long long passLongLong(long long v) { return v; }
  static unsigned long long passULongLong(unsigned long long v) { return v; }
  static float passFloat(float v) { return v; }
  static double passDouble(double v) { return v; }
  static long double passLongDouble(long double v) { return v; }

  static int passIntRef(const int& v) { return v; }
  static double passDoubleRef(const double& v) { return v; }
  static long long passLongLongRef(const long long& v) { return v; }

  // Values that only survive if every byte of the type is carried.
  static long long bigLongLong() { return -(1LL << 62) - 3; }
  static unsigned long long bigULongLong() { return ~0ULL - 1; }
  static unsigned int bigUInt() { return 4000000000U; }
  static double tinyDouble() { return 1e-300; }
};

class Text {
 public:
  static std::string concat(std::string a, const std::string& b) { return a + b; }
  static unsigned long length(const std::string& s) { return s.size(); }
  static std::string withNul() { return std::string("a\0b", 3); }
  static const char* greeting() { return "hello from C++"; }
  static int countChars(const char* s) { return static_cast<int>(std::strlen(s)); }

  Text() : m_text("member") {}
  const std::string& text() const { return m_text; }
  std::string m_text;
};
