// broken.h - dictloader test subject: source of the dictionaries that the tests damage.
#pragma once

namespace broken {
struct Thing {
  int x = 0;
};
}  // namespace broken
