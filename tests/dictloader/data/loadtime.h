// loadtime.h - dictloader test subject: a dictionary whose library calls into the
// loader while it is being loaded (see load_time_calls.cpp).
#pragma once

namespace loadtime {
struct Thing {
  int value = 5;
  int Get() const { return value; }
};
int Answer();  // defined in load_time_calls.cpp, which the dictionary links

}  // namespace loadtime
