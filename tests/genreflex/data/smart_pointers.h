// smart_pointers.h - std::shared_ptr and std::unique_ptr in signatures, for
// smart_pointers_emit_test.cpp: what genreflex describes of them without
// --instantiate (dictionary ABI 1.6).
#pragma once

#include <memory>
#include <vector>

namespace sp {

struct Item {
  explicit Item(int v = 0) : value(v) { ++alive; }
  Item(const Item& other) : value(other.value) { ++alive; }
  ~Item() { --alive; }
  int value;
  inline static int alive = 0;
};

struct Closer {
  void operator()(Item* item) const { delete item; }
};

using ConstItemPtr = std::shared_ptr<const Item>;

inline std::shared_ptr<Item> shared(int v) { return std::make_shared<Item>(v); }
inline std::unique_ptr<Item> unique(int v) { return std::make_unique<Item>(v); }
// a typedef seen only inside a template argument
inline std::vector<ConstItemPtr> constItems() { return {std::make_shared<const Item>(1)}; }
// a custom deleter: a plain class, no smart pointer record
inline std::unique_ptr<Item, Closer> closed(int v) { return std::unique_ptr<Item, Closer>(new Item(v)); }

}  // namespace sp
