// strings.h - pytest subject: std::string in every place the cppyy package
// turns it into str (results by value and by const reference, data members,
// static members, namespace functions and variables, operators, typedefs),
// next to functions that must stay untouched.
#pragma once

#include <string>

namespace text {

using Text = std::string;

class Label {
 public:
  Label() : m_name("valued") {}
  explicit Label(const std::string& name) : m_name(name) {}

  std::string Name() const { return m_name; }
  const std::string& NameRef() const { return m_name; }
  std::string& MutableName() { return m_name; }  // a mutable reference stays a std::string
  Text Alias() const { return m_name; }
  const char* CName() const { return m_name.c_str(); }
  int Size() const { return static_cast<int>(m_name.size()); }

  // One overload set, two result types.
  std::string Describe(int times) const {
    std::string out;
    for (int i = 0; i < times; ++i) out += m_name;
    return out;
  }
  int Describe() const { return 42; }

  std::string operator+(const std::string& tail) const { return m_name + tail; }
  std::string operator[](int i) const { return std::string(1, m_name.at(i)); }
  std::string operator()(int from) const { return m_name.substr(from); }

  static std::string Join(const std::string& a, const std::string& b) { return a + "/" + b; }
  static const std::string& Default() {
    static const std::string value("default");
    return value;
  }

  std::string m_name;
  Text m_alias = "alias";
  int m_count = 3;
  static inline std::string s_prefix = "prefix";
};

class Caption : public Label {
 public:
  Caption() : Label("caption") {}
  int Extra() const { return 7; }
};

inline std::string echo(const std::string& s) { return s; }
inline std::string withNul() { return std::string("x\0y", 3); }
inline std::string notUtf8() { return std::string("\xff\xfe", 2); }
inline const std::string& motto() {
  static const std::string value("carpe diem");
  return value;
}
inline std::string g_greeting = "hello";

}  // namespace text

inline std::string globalEcho(const std::string& s) { return s; }
