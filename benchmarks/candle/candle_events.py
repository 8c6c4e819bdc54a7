"""The candle benchmark's event generator, Python side.

The same generator as candle_events.h, statement for statement: it must give
the same doubles bit for bit (SplitMix64 with explicit 64-bit masking, doubles
from 53 of its bits, only +, -, *, / and sqrt on them, no libm transcendental).
An event is a flat list [px, py, pz, e, px, py, pz, e, ...].
"""
import math
import struct

MASK64 = 0xFFFFFFFFFFFFFFFF
TWO_TO_MINUS_53 = 1.0 / 9007199254740992.0  # 2**-53, exact
PION_MASS2 = 0.13957 * 0.13957


class EventGenerator:
    def __init__(self, seed):
        self.state = seed & MASK64

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK64
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)

    def uniform(self):
        return float(self.next() >> 11) * TWO_TO_MINUS_53

    def next_event(self):
        """The next event's particles as a flat list of four-momenta."""
        uniform = self.uniform
        count = 150 + self.next() % 21
        directions = 2 + self.next() % 3
        axes = []
        energies = []
        for _ in range(directions):
            while True:
                x = 2.0 * uniform() - 1.0
                y = 2.0 * uniform() - 1.0
                z = 2.0 * uniform() - 1.0
                r2 = x * x + y * y + z * z
                if not (r2 > 1.0 or r2 < 0.01):
                    break
            norm = math.sqrt(r2)
            axes.append((x / norm, y / norm, z / norm))
            energies.append(40.0 + 160.0 * uniform())
        hard = 12 * directions
        event = []
        for i in range(count):
            if i < hard:
                j = i % directions
                fraction = 0.02 + 0.13 * uniform()
                p = energies[j] * fraction
                axis = axes[j]
                px = axis[0] * p + (uniform() - 0.5)
                py = axis[1] * p + (uniform() - 0.5)
                pz = axis[2] * p + (uniform() - 0.5)
            else:
                px = 1.6 * uniform() - 0.8
                py = 1.6 * uniform() - 0.8
                pz = 1.6 * uniform() - 0.8
            e = math.sqrt(px * px + py * py + pz * pz + PION_MASS2)
            event.extend((px, py, pz, e))
        return event


class EventDigest:
    """FNV-1a over the bits of every double: equal digests mean equal events."""

    def __init__(self):
        self.value = 0xCBF29CE484222325

    def add(self, event):
        digest = self.value
        for bits in struct.unpack("<%dQ" % len(event), struct.pack("<%dd" % len(event), *event)):
            digest = ((digest ^ bits) * 0x100000001B3) & MASK64
        self.value = digest
