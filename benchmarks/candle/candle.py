"""The candle analysis in Python, through cppyy and a genreflex dictionary of FastJet and CLHEP.

    candle.py [--explicit-lifetimes] libCandleDict.so EVENTS WARMUP SEED

The same analysis as candle.cpp, on the same events (candle_events.py), with
the same output lines (run_candle.py compares them): fill a
std::vector<fastjet::PseudoJet> from Python, cluster it with anti-kt R=0.4,
sort the jets above 20 GeV by pt, and histogram the mass of the two leading
jets as CLHEP::HepLorentzVectors. The first WARMUP events (while the JIT
compiles) are timed apart; times are process CPU time, as in candle.cpp.

analyse() is the script as a physicist writes it. With --explicit-lifetimes,
analyse_explicit_lifetimes() does the same with no C++ object left for the
garbage collector: on PyPy a C++ object that Python owns lives until the next
major collection, and making and collecting one costs about 1 us.
"""
import os
import struct
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import candle_events  # noqa: E402

import cppyy  # noqa: E402

BINS = 40
BIN_WIDTH = 25.0


class Results:
    def __init__(self):
        self.jets = 0
        self.dijets = 0
        self.sum_mass = 0.0
        self.histogram = [0] * (BINS + 1)

    def add_dijet(self, mass):
        self.dijets += 1
        self.sum_mass += mass
        self.histogram[min(max(int(mass / BIN_WIDTH), 0), BINS)] += 1


def analyse(event, jet_definition, particles, results):
    fastjet = cppyy.gbl.fastjet
    PseudoJet = fastjet.PseudoJet
    particles.clear()
    for i in range(0, len(event), 4):
        particles.push_back(PseudoJet(event[i], event[i + 1], event[i + 2], event[i + 3]))
    clustering = fastjet.ClusterSequence(particles, jet_definition)
    jets = fastjet.sorted_by_pt(clustering.inclusive_jets(20.0))
    results.jets += len(jets)
    if len(jets) < 2:
        return
    HepLorentzVector = cppyy.gbl.CLHEP.HepLorentzVector
    leading, subleading = jets[0], jets[1]
    first = HepLorentzVector(leading.px(), leading.py(), leading.pz(), leading.E())
    second = HepLorentzVector(subleading.px(), subleading.py(), subleading.pz(), subleading.E())
    mass = (first + second).m()
    results.add_dijet(mass)


def analyse_explicit_lifetimes(event, jet_definition, particles, results, reused):
    """analyse(), filling the vector through one reused PseudoJet (reset()) and
    destroying each C++ object the event makes at its end."""
    fastjet = cppyy.gbl.fastjet
    particles.clear()
    for i in range(0, len(event), 4):
        reused.reset(event[i], event[i + 1], event[i + 2], event[i + 3])
        particles.push_back(reused)
    clustering = fastjet.ClusterSequence(particles, jet_definition)
    inclusive = clustering.inclusive_jets(20.0)
    jets = fastjet.sorted_by_pt(inclusive)
    results.jets += len(jets)
    if len(jets) >= 2:
        HepLorentzVector = cppyy.gbl.CLHEP.HepLorentzVector
        leading, subleading = jets[0], jets[1]
        first = HepLorentzVector(leading.px(), leading.py(), leading.pz(), leading.E())
        second = HepLorentzVector(subleading.px(), subleading.py(), subleading.pz(), subleading.E())
        dijet = first + second
        mass = dijet.m()
        results.add_dijet(mass)
        for vector in (first, second, dijet):
            vector.__destruct__()
    for owned in (jets, inclusive, clustering):
        owned.__destruct__()


def main():
    arguments = sys.argv[1:]
    explicit = arguments[:1] == ["--explicit-lifetimes"]
    if explicit:
        arguments = arguments[1:]
    if len(arguments) != 4:
        sys.exit("usage: candle.py [--explicit-lifetimes] libCandleDict.so EVENTS WARMUP SEED")
    dictionary = arguments[0]
    events, warmup, seed = (int(argument) for argument in arguments[1:])
    cppyy.load_reflection_info(dictionary)
    fastjet = cppyy.gbl.fastjet
    fastjet.ClusterSequence.set_fastjet_banner_stream(cppyy.nullptr)

    start = time.process_time()
    generator = candle_events.EventGenerator(seed)
    digest = candle_events.EventDigest()
    generated = []
    for _ in range(warmup + events):
        event = generator.next_event()
        digest.add(event)
        generated.append(event)
    generate_seconds = time.process_time() - start

    jet_definition = fastjet.JetDefinition(fastjet.antikt_algorithm, 0.4)
    analyse_event = analyse
    if explicit:
        reused = fastjet.PseudoJet()
        analyse_event = lambda *arguments: analyse_explicit_lifetimes(*arguments, reused)  # noqa: E731
    particles = cppyy.gbl.std.vector[fastjet.PseudoJet]()
    results = Results()
    start = time.process_time()
    for event in generated[:warmup]:
        analyse_event(event, jet_definition, particles, results)
    warmup_seconds = time.process_time() - start
    start = time.process_time()
    for event in generated[warmup:]:
        analyse_event(event, jet_definition, particles, results)
    seconds = time.process_time() - start

    print("digest %016x" % digest.value)
    print("jets %d" % results.jets)
    print("dijets %d" % results.dijets)
    print("sum_mass %016x" % struct.unpack("<Q", struct.pack("<d", results.sum_mass))[0])
    print("histogram " + " ".join(str(count) for count in results.histogram))
    print("generate_seconds %.9f\nwarmup_seconds %.9f\nseconds %.9f" % (generate_seconds, warmup_seconds, seconds))


if __name__ == "__main__":
    main()
