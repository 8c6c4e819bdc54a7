// dispatchers.h - genreflex test subject: which classes get a dispatcher
// (dictionary ABI 1.8) and which virtual functions it overrides.
#pragma once

#include <string>

namespace dispatch {

enum Level : unsigned char { Low = 1, High = 2 };

class Plain {  // no virtual functions: no dispatcher
 public:
  int f() const { return 1; }

 protected:
  int hidden() const { return 2; }  // not described: nobody derives from Plain in Python
};

class Widget {
 public:
  Widget() = default;
  explicit Widget(int size) : m_size(size) {}
  virtual ~Widget() = default;
  virtual int size() const { return m_size; }
  virtual Level level(Level wanted) { return wanted; }
  virtual std::string name() const { return "widget"; }
  virtual int quiet() const noexcept { return 0; }
  virtual int moved(std::string&& text) { return static_cast<int>(text.size()); }  // no stub passes it
  virtual int last() final { return 9; }

 protected:
  Widget(const char*, int size) : m_size(size) {}
  virtual double protectedVirtual() const { return 1.5; }
  int protectedHelper(int x) const { return x + m_size; }
  static int protectedStatic() { return 3; }
  int m_size = 4;
  static int s_count;

 private:
  virtual int privateVirtual() const { return 5; }  // C++ of the class alone calls it
};
inline int Widget::s_count = 11;

// Abstract, with a private pure virtual function: overridden all the same.
class Interface {
 public:
  virtual ~Interface() = default;
  virtual int get() const = 0;
  int callPrivate() const { return privatePure(); }

 private:
  virtual int privatePure() const = 0;
};

// Two bases with the same virtual function: one override serves both.
class Left {
 public:
  virtual ~Left() = default;
  virtual int id() const { return 1; }
};
class Right {
 public:
  virtual ~Right() = default;
  virtual int id() const { return 2; }
};
class Both : public Left, public Right {
 public:
  int id() const override { return 3; }
};

class Sealed final {
 public:
  virtual ~Sealed() = default;
  virtual int f() { return 1; }
};

class PrivateDestructor {
 public:
  virtual int f() { return 1; }
  static void destroy(PrivateDestructor* p) { delete p; }

 private:
  virtual ~PrivateDestructor() = default;
};

class NoConstructor {
 public:
  virtual ~NoConstructor() = default;
  virtual int f() { return 1; }

 private:
  NoConstructor() = default;
  NoConstructor(const NoConstructor&) = default;
};

class PureRvalue {  // a pure virtual function no stub passes: no dispatcher
 public:
  virtual ~PureRvalue() = default;
  virtual int take(std::string&& text) = 0;
};

template <class T>
class Holder {
 public:
  virtual ~Holder() = default;
  virtual T held() const { return T{}; }
};
class IntHolder : public Holder<int> {};

}  // namespace dispatch
