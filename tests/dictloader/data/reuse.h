// reuse.h - dictloader test subject: a dictionary mapped where another library
// (the same tables under another entry name, so not a dictionary) was unloaded.
#pragma once

namespace reuse {
struct Probe {
  int Answer() const { return 7; }
};
}  // namespace reuse
