// outside_typedefs.h - typedefs from a header genreflex is not asked about
// (signatures.h uses them; the dictionary must still resolve them).
#pragma once

typedef unsigned long outside_ulong;
namespace outside {
using Real = double;
}
