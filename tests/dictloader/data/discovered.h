// discovered.h - dictloader test subject for a dictionary the loader must find by itself.
#pragma once

namespace found {
struct Probe {
  int Answer() const { return 42; }
};
}  // namespace found
