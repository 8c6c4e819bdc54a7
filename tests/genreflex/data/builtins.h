// builtins.h - genreflex test subject: every arithmetic type, pointers, references,
// strings, free functions, globals and a throwing function.
#pragma once

#include <cstddef>
#include <string>

// One member per builtin arithmetic type, and one echo overload per type:
// overload resolution by argument type is exercised for all of them.
struct Builtins {
  bool b;
  char c;
  signed char sc;
  unsigned char uc;
  short s;
  unsigned short us;
  int i;
  unsigned u;
  long l;
  unsigned long ul;
  long long ll;
  unsigned long long ull;
  float f;
  double d;
  long double ld;

  static bool echo(bool v) { return v; }
  static char echo(char v) { return v; }
  static signed char echo(signed char v) { return v; }
  static unsigned char echo(unsigned char v) { return v; }
  static short echo(short v) { return v; }
  static unsigned short echo(unsigned short v) { return v; }
  static int echo(int v) { return v; }
  static unsigned echo(unsigned v) { return v; }
  static long echo(long v) { return v; }
  static unsigned long echo(unsigned long v) { return v; }
  static long long echo(long long v) { return v; }
  static unsigned long long echo(unsigned long long v) { return v; }
  static float echo(float v) { return v; }
  static double echo(double v) { return v; }
  static long double echo(long double v) { return v; }
};

// Free functions in the global namespace.
int add(int a, int b);
double add(double a, double b);
int sumOf(int a, int b = 2, int c = 3);
int negate(int v) noexcept;
void addTo(int& target, int amount);
double readThrough(const double* value);
int* secondOf(int* values);
const int& largest(const int& a, const int& b);
std::size_t countChars(const char* text);
const char* greeting();

std::string greet(const std::string& who);
std::string shout(std::string text);
void appendTo(std::string& text, const char* suffix);
std::size_t lengthOf(const std::string& text);

// Throws std::runtime_error("checkedDivide: division by zero") when divisor is 0.
int checkedDivide(int dividend, int divisor);

// Defined in subjects.cpp so the test and the dictionary see one object each.
extern int g_counter;
extern const char* g_greeting;
extern double g_table[3];
