// candle_events.h - the candle benchmark's event generator, C++ side.
//
// The same generator is written in candle_events.py; both must produce the
// same doubles bit for bit, so that the C++ analysis and the Python one see the
// same events. Hence: a 64-bit integer generator (SplitMix64), doubles made
// from 53 of its bits (exact), and only +, -, *, / and sqrt on them (IEEE
// correctly rounded everywhere), each random draw in a statement of its own
// (C++ leaves the order of a call's arguments unspecified; Python does not).
// No libm transcendental function: two sides might call two different libms.
//
// An event: 150-170 particles with the pion mass. Two to four hard directions,
// each with an energy of 40-200 GeV shared among 12 particles around it; the
// rest soft, up to 0.8 GeV per momentum component.
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace candle {

struct Particle {
  double px, py, pz, e;
};

class EventGenerator {
 public:
  explicit EventGenerator(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    state_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  // In [0, 1): 53 random bits times 2^-53, exact.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1p-53; }

  // Fills `event` (cleared first) with the next event's particles.
  void nextEvent(std::vector<Particle>& event) {
    event.clear();
    const std::uint64_t count = 150 + next() % 21;
    const std::uint64_t directions = 2 + next() % 3;
    double axes[4][3];
    double energies[4];
    for (std::uint64_t j = 0; j < directions; ++j) {
      double x, y, z, r2;
      do {  // a direction uniform on the sphere: a point in the unit ball, away from its centre
        x = 2.0 * uniform() - 1.0;
        y = 2.0 * uniform() - 1.0;
        z = 2.0 * uniform() - 1.0;
        r2 = x * x + y * y + z * z;
      } while (r2 > 1.0 || r2 < 0.01);
      const double norm = std::sqrt(r2);
      axes[j][0] = x / norm;
      axes[j][1] = y / norm;
      axes[j][2] = z / norm;
      energies[j] = 40.0 + 160.0 * uniform();
    }
    const std::uint64_t hard = 12 * directions;
    for (std::uint64_t i = 0; i < count; ++i) {
      double px, py, pz;
      if (i < hard) {
        const std::uint64_t j = i % directions;
        const double fraction = 0.02 + 0.13 * uniform();
        const double p = energies[j] * fraction;
        px = axes[j][0] * p + (uniform() - 0.5);
        py = axes[j][1] * p + (uniform() - 0.5);
        pz = axes[j][2] * p + (uniform() - 0.5);
      } else {
        px = 1.6 * uniform() - 0.8;
        py = 1.6 * uniform() - 0.8;
        pz = 1.6 * uniform() - 0.8;
      }
      const double e = std::sqrt(px * px + py * py + pz * pz + kPionMass2);
      event.push_back(Particle{px, py, pz, e});
    }
  }

 private:
  static constexpr double kPionMass2 = 0.13957 * 0.13957;
  std::uint64_t state_;
};

// FNV-1a over the bits of every double: equal digests mean equal events.
class EventDigest {
 public:
  void add(const std::vector<Particle>& event) {
    for (const Particle& particle : event) {
      for (double value : {particle.px, particle.py, particle.pz, particle.e}) {
        std::uint64_t bits;
        std::memcpy(&bits, &value, sizeof bits);
        digest_ = (digest_ ^ bits) * 0x100000001B3ULL;
      }
    }
  }
  std::uint64_t value() const { return digest_; }

 private:
  std::uint64_t digest_ = 0xCBF29CE484222325ULL;
};

}  // namespace candle
