// exceptions_typed.h - C++ exceptions that reach Python as their own classes
// (dictionary ABI 1.7): test_typed_exceptions.py, and the loader's gtest
// (tests/dictloader/exceptions_test.cpp, also on this header made as ABI 1.6).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace typed {

// How many MyError objects live: a caught exception Python holds is a copy
// that Python frees.
inline int& liveErrors() {
  static int live = 0;
  return live;
}

class MyError : public std::runtime_error {
 public:
  explicit MyError(const std::string& what, int code = 0) : std::runtime_error(what), code_(code) {
    ++liveErrors();
  }
  MyError(const MyError& other) : std::runtime_error(other), detail(other.detail), code_(other.code_) {
    ++liveErrors();
  }
  ~MyError() override { --liveErrors(); }
  int code() const { return code_; }
  std::string detail = "none";

 private:
  int code_;
};

class DerivedError : public MyError {
 public:
  DerivedError(const std::string& what, int code, const std::string& extra)
      : MyError(what, code), extra_(extra) {}
  std::string extra() const { return extra_; }

 private:
  std::string extra_;
};

// Abstract: an exception class that cannot be copied as itself. Its derived
// class can, and `except typed.AbstractError` catches it.
class AbstractError : public std::exception {
 public:
  virtual int severity() const = 0;
};

class ConcreteError : public AbstractError {
 public:
  explicit ConcreteError(int severity) : severity_(severity) {}
  const char* what() const noexcept override { return "concrete"; }
  int severity() const override { return severity_; }

 private:
  int severity_;
};

// Movable, not copyable: caught as its base class, which can be copied.
class MoveOnlyError : public std::logic_error {
 public:
  explicit MoveOnlyError(const char* what) : std::logic_error(what) {}
  MoveOnlyError(MoveOnlyError&&) = default;
  MoveOnlyError(const MoveOnlyError&) = delete;
};

// Thrown by value, derived from nothing: an exception class because the
// header's code throws it.
struct Problem {
  int code;
  std::string where;
};

inline void throwMyError(const std::string& what, int code) { throw MyError(what, code); }
inline void throwDerived(const std::string& what, int code) { throw DerivedError(what, code, "more"); }
inline void throwConcrete(int severity) { throw ConcreteError(severity); }
inline void throwMoveOnly() { throw MoveOnlyError("move only"); }
inline void throwProblem(int code) { throw Problem{code, "throwProblem"}; }
inline void throwRuntime(const std::string& what) { throw std::runtime_error(what); }
inline int outOfRange(int index) { return std::vector<int>{1, 2, 3}.at(index); }
inline void throwInt() { throw 42; }
// A class no dictionary describes (local to the function), derived from
// MyError: caught as MyError, the most derived class described.
inline void throwHidden(int code) {
  struct Hidden : MyError {
    explicit Hidden(int c) : MyError("hidden", c) {}
  };
  throw Hidden(code);
}
// A default argument that is no plain literal: a call that leaves it to C++
// goes through the stub, whatever the client's entries.
inline int throwWithDefault(int code, const std::string& what = std::string("by default")) {
  if (code != 0) throw MyError(what, code);
  return 0;
}
// A value, not an exception: a result of an exception class.
inline MyError makeError(const std::string& what, int code) { return MyError(what, code); }
// An exception class passed to C++.
inline std::string describe(const std::exception& error) { return std::string("described: ") + error.what(); }
inline int codeOf(const MyError& error) { return error.code(); }

class Thrower {
 public:
  explicit Thrower(int limit) : limit_(limit) {
    if (limit < 0) throw std::invalid_argument("negative limit");
  }
  int check(int value) const {
    if (value > limit_) throw DerivedError("over the limit", value, "limit " + std::to_string(limit_));
    return value;
  }

 private:
  int limit_;
};

}  // namespace typed
