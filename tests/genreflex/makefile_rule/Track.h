// Track.h - a class whose methods live in Track.cxx, for the Makefile rule test.
#pragma once

#include <string>
#include <vector>

namespace demo {

class Track {
 public:
  explicit Track(int hits);
  int hits() const;
  double scaled(double factor) const;
  std::string label() const;
  void reset();  // left out by Track.xml

 private:
  int hits_;
};

class Unlisted {  // not in Track.xml
 public:
  int value() const { return 1; }
};

}  // namespace demo
