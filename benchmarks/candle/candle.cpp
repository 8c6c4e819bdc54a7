// candle.cpp - the candle analysis in C++: the reference the Python script is timed against.
//
//   candle EVENTS WARMUP SEED
//
// Generates WARMUP + EVENTS events (candle_events.h; not timed), then for each:
// fills a std::vector<fastjet::PseudoJet>, clusters it with anti-kt R=0.4, takes
// the jets above 20 GeV sorted by pt, and histograms the mass of the two leading
// jets as CLHEP::HepLorentzVectors. The first WARMUP events are timed apart.
// Prints the lines candle.py prints (run_candle.py compares them):
//   digest <hex>          the generated events (candle_events.h's EventDigest)
//   jets <n>              inclusive jets above 20 GeV, summed over events
//   dijets <n>            events with two such jets
//   sum_mass <bits hex>   the dijet masses' sum, as the bits of the double
//   histogram <counts>    40 bins of 25 GeV from 0, then the overflow
//   warmup_seconds <s>, seconds <s>, generate_seconds <s>   (process CPU time)
#include <CLHEP/Vector/LorentzVector.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fastjet/ClusterSequence.hh>
#include <fastjet/JetDefinition.hh>
#include <fastjet/PseudoJet.hh>
#include <string>
#include <vector>

#include "candle_events.h"

namespace {

constexpr int kBins = 40;
constexpr double kBinWidth = 25.0;

struct Results {
  std::uint64_t jets = 0;
  std::uint64_t dijets = 0;
  double sumMass = 0.0;
  std::vector<std::uint64_t> histogram = std::vector<std::uint64_t>(kBins + 1, 0);
};

void analyse(const std::vector<candle::Particle>& event, const fastjet::JetDefinition& jetDefinition,
             std::vector<fastjet::PseudoJet>& particles, Results& results) {
  particles.clear();
  for (const candle::Particle& p : event) particles.emplace_back(p.px, p.py, p.pz, p.e);
  fastjet::ClusterSequence clustering(particles, jetDefinition);
  const std::vector<fastjet::PseudoJet> jets = fastjet::sorted_by_pt(clustering.inclusive_jets(20.0));
  results.jets += jets.size();
  if (jets.size() < 2) return;
  const CLHEP::HepLorentzVector first(jets[0].px(), jets[0].py(), jets[0].pz(), jets[0].E());
  const CLHEP::HepLorentzVector second(jets[1].px(), jets[1].py(), jets[1].pz(), jets[1].E());
  const double mass = (first + second).m();
  results.dijets += 1;
  results.sumMass += mass;
  int bin = static_cast<int>(mass / kBinWidth);
  if (bin < 0) bin = 0;
  if (bin > kBins) bin = kBins;
  results.histogram[bin] += 1;
}

// Process CPU time, as Python's time.process_time(): on a shared machine, time
// spent waiting for a core is not the analysis's.
double cpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

long parseCount(const char* text, const char* what) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (*text == '\0' || *end != '\0' || value < 0) {
    std::fprintf(stderr, "candle: error: %s must be a non-negative integer, got '%s'\n", what, text);
    std::exit(2);
  }
  return value;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: candle EVENTS WARMUP SEED\n");
    return 2;
  }
  const long events = parseCount(argv[1], "EVENTS");
  const long warmup = parseCount(argv[2], "WARMUP");
  const auto seed = static_cast<std::uint64_t>(parseCount(argv[3], "SEED"));
  fastjet::ClusterSequence::set_fastjet_banner_stream(nullptr);

  double start = cpuSeconds();
  candle::EventGenerator generator(seed);
  candle::EventDigest digest;
  std::vector<std::vector<candle::Particle>> generated(warmup + events);
  for (auto& event : generated) {
    generator.nextEvent(event);
    digest.add(event);
  }
  const double generateSeconds = cpuSeconds() - start;

  const fastjet::JetDefinition jetDefinition(fastjet::antikt_algorithm, 0.4);
  std::vector<fastjet::PseudoJet> particles;
  Results results;
  start = cpuSeconds();
  for (long i = 0; i < warmup; ++i) analyse(generated[i], jetDefinition, particles, results);
  const double warmupSeconds = cpuSeconds() - start;
  start = cpuSeconds();
  for (long i = warmup; i < warmup + events; ++i) analyse(generated[i], jetDefinition, particles, results);
  const double seconds = cpuSeconds() - start;

  std::uint64_t sumBits;
  std::memcpy(&sumBits, &results.sumMass, sizeof sumBits);
  std::printf("digest %016" PRIx64 "\n", digest.value());
  std::printf("jets %" PRIu64 "\n", results.jets);
  std::printf("dijets %" PRIu64 "\n", results.dijets);
  std::printf("sum_mass %016" PRIx64 "\n", sumBits);
  std::string histogram = "histogram";
  for (std::uint64_t count : results.histogram) histogram += " " + std::to_string(count);
  std::printf("%s\n", histogram.c_str());
  std::printf("generate_seconds %.9f\nwarmup_seconds %.9f\nseconds %.9f\n", generateSeconds, warmupSeconds,
              seconds);
  return 0;
}
