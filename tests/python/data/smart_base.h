// smart_base.h - smart pointers for the Python tests: a class handed out as
// std::shared_ptr and std::unique_ptr (dictionary SmartBaseDict). Its derived
// class lives in smart_derived.h, a dictionary of its own.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace smart {

class Shape {
 public:
  explicit Shape(int id = 0) : id_(id) { ++alive; }
  Shape(const Shape& other) : id_(other.id_) { ++alive; }
  virtual ~Shape() { --alive; }
  virtual std::string kind() const { return "shape"; }
  int id() const { return id_; }
  void setId(int id) { id_ = id; }
  int value = 7;
  inline static int alive = 0;

 private:
  int id_;
};

inline std::shared_ptr<Shape> makeShape(int id) { return std::make_shared<Shape>(id); }
inline std::shared_ptr<const Shape> makeConstShape(int id) { return std::make_shared<const Shape>(id); }
inline std::shared_ptr<Shape> nullShape() { return nullptr; }
inline std::unique_ptr<Shape> makeUniqueShape(int id) { return std::make_unique<Shape>(id); }

inline int idOf(const std::shared_ptr<Shape>& shape) { return shape ? shape->id() : -1; }
inline int idByValue(std::shared_ptr<Shape> shape) { return shape ? shape->id() : -1; }
inline int idOfConst(std::shared_ptr<const Shape> shape) { return shape ? shape->id() : -1; }
inline int idOfRef(const Shape& shape) { return shape.id(); }
inline int idOfPointer(const Shape* shape) { return shape ? shape->id() : -1; }
inline long useCount(const std::shared_ptr<Shape>& shape) { return shape.use_count(); }
inline std::string kindOf(const std::shared_ptr<Shape>& shape) { return shape->kind(); }
inline int uniqueId(const std::unique_ptr<Shape>& shape) { return shape ? shape->id() : -1; }
inline int aliveShapes() { return Shape::alive; }

// Holds shapes: a std::vector<std::shared_ptr<Shape>> by reference.
class Holder {
 public:
  void add(std::shared_ptr<Shape> shape) { shapes_.push_back(std::move(shape)); }
  const std::vector<std::shared_ptr<Shape>>& shapes() const { return shapes_; }
  std::shared_ptr<Shape> first() const { return shapes_.empty() ? nullptr : shapes_.front(); }
  const std::shared_ptr<Shape>& firstRef() const { return shapes_.front(); }
  std::vector<std::shared_ptr<Shape>> copies() const { return shapes_; }
  void clear() { shapes_.clear(); }
  int size() const { return static_cast<int>(shapes_.size()); }

 private:
  std::vector<std::shared_ptr<Shape>> shapes_;
};

// Overloads on a raw pointer (declared first) and a shared_ptr: an object a
// shared_ptr holds goes to the shared_ptr one (as HepMC3's deprecated
// add_particle_in(GenParticle*), which would make a second owner).
struct Taker {
  int take(const Shape*) { return 1; }
  int take(std::shared_ptr<Shape>) { return 2; }
};

}  // namespace smart
