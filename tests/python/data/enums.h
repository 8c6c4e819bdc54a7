// enums.h - pytest subject: enums are types (test_enums.py). Overloads that
// differ only by enum type (after HepMC3::Units::name), an enum beside int,
// scoped enums, enum results, references and data, narrow enums.
#pragma once

#include <string>

namespace units {

// Two unscoped enums of the same underlying type and the same values.
enum Energy { eMeV, eGeV };
enum Length { lMM, lCM };
enum class Shade : short { Light = 1, Dark = -2 };
enum Tiny : unsigned char { tLow = 1, tHigh = 200 };

inline std::string name(Energy e) { return e == eMeV ? "MEV" : "GEV"; }
inline std::string name(Length l) { return l == lMM ? "MM" : "CM"; }
inline int code(Energy e) { return 10 + e; }
inline int code(Length l) { return 20 + l; }

// An enum beside an integer parameter: C++ takes f(int) for an int, f(Length)
// for a Length. Declared with the enum first, so declaration order alone
// would pick it for a plain int.
inline std::string which(Length) { return "Length"; }
inline std::string which(int) { return "int"; }
// ... and the other way round.
inline std::string other(int) { return "int"; }
inline std::string other(Energy) { return "Energy"; }

inline int plain(int v) { return v; }
inline double real(double v) { return v; }
inline int shadeValue(Shade s) { return static_cast<int>(s); }
inline Shade darker(Shade) { return Shade::Dark; }
inline Length longer(Length) { return lCM; }
inline Energy byReference(const Energy& e) { return e == eMeV ? eGeV : eMeV; }
inline const Length& favourite() {
  static const Length kFavourite = lCM;
  return kFavourite;
}
inline Tiny tiny(Tiny t) { return t == tLow ? tHigh : tLow; }

struct Gauge {
  Energy energy = eGeV;
  Shade shade = Shade::Dark;
  Tiny tinies[2] = {tLow, tHigh};
  static inline Length unit = lMM;
  Length unitOf() const { return unit; }
};

}  // namespace units
