// undefined.h - dictloader test subject: a function the headers declare and no library defines.
#pragma once

namespace lost {
int nowhere(int x);
inline int here(int x) { return x; }
}  // namespace lost
