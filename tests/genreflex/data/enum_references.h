// enum_references.h - genreflex test subject: enums passed and returned by
// reference, which clients see as references to the enum's underlying
// builtin (cppyy's datatypes.h: get_enum_r, set_enum_cr, std::byte&).
#pragma once

#include <cstddef>

namespace enumrefs {

enum class Level : unsigned char { Low = 1, High = 2 };
enum Mood { Calm = 6, Lively = 111 };

struct Dial {
  Level level = Level::Low;
  Mood mood = Calm;
  std::byte raw{7};
  const Level& levelRef() const { return level; }
  Mood& moodRef() { return mood; }
  std::byte& rawRef() { return raw; }
  void setLevel(const Level& value) { level = value; }
  void setMood(Mood& value) { mood = value; }
};

}  // namespace enumrefs
