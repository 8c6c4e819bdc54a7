// hepmc3_loop.cpp - the HepMC3 benchmark's C++ side: makes a file of events
// and times the read-and-loop that hepmc3_loop.py does through cppyy.
//
//   hepmc3_loop generate FILE EVENTS SEED   writes EVENTS events (WriterAscii)
//   hepmc3_loop loop FILE PASSES            reads FILE (ReaderAscii), then loops
//                                           over its particles PASSES times
//
// The loop: for every particle, sum the momenta of the final ones (status 1)
// and visit its production vertex (count it and its incoming particles). It
// prints what it found (run_hepmc3.py compares it with Python's, bit for bit)
// and the process CPU time per event of the read and of the best pass.
#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/GenVertex.h>
#include <HepMC3/ReaderAscii.h>
#include <HepMC3/WriterAscii.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

using namespace HepMC3;

namespace {

double cpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

struct SplitMix64 {  // a small deterministic generator: the same file on every machine
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// A particle of status 2 decays at a vertex into two or three daughters that
// share its momentum, down to a depth; the rest are final (status 1).
void decay(GenEvent& event, const GenParticlePtr& parent, SplitMix64& random, int depth) {
  auto vertex = std::make_shared<GenVertex>(FourVector(random.uniform(), random.uniform(), random.uniform(), 0.0));
  vertex->add_particle_in(parent);
  event.add_vertex(vertex);
  const FourVector& p = parent->momentum();
  int daughters = 2 + static_cast<int>(random.next() % 2);
  double left = 1.0;
  for (int i = 0; i < daughters; ++i) {
    double share = i + 1 == daughters ? left : left * (0.2 + 0.6 * random.uniform());
    left -= share;
    bool decays = depth > 1 && random.uniform() < 0.7;
    auto child = std::make_shared<GenParticle>(FourVector(share * p.px() + random.uniform() - 0.5,
                                                          share * p.py() + random.uniform() - 0.5,
                                                          share * p.pz(), share * p.e()),
                                               static_cast<int>(random.next() % 400) - 200, decays ? 2 : 1);
    vertex->add_particle_out(child);
    if (decays) decay(event, child, random, depth - 1);
  }
}

int generate(const char* path, int events, std::uint64_t seed) {
  SplitMix64 random{seed};
  WriterAscii writer(path);
  for (int n = 0; n < events; ++n) {
    GenEvent event(Units::GEV, Units::MM);
    event.set_event_number(n);
    auto beam1 = std::make_shared<GenParticle>(FourVector(0, 0, 6500, 6500), 2212, 4);
    auto beam2 = std::make_shared<GenParticle>(FourVector(0, 0, -6500, 6500), 2212, 4);
    auto collision = std::make_shared<GenVertex>();
    collision->add_particle_in(beam1);
    collision->add_particle_in(beam2);
    event.add_vertex(collision);
    for (int jet = 0; jet < 12; ++jet) {
      double phi = 6.283185307179586 * random.uniform(), pt = 5 + 60 * random.uniform();
      double px = pt * (1 - phi * phi / 2), py = pt * phi / 4, pz = 200 * (random.uniform() - 0.5);
      auto parton = std::make_shared<GenParticle>(FourVector(px, py, pz, pt + std::abs(pz) + 1), 21, 2);
      collision->add_particle_out(parton);
      decay(event, parton, random, 5);
    }
    writer.write_event(event);
  }
  writer.close();
  return writer.failed() ? 1 : 0;
}

struct Found {
  long particles = 0, final = 0, vertices = 0, incoming = 0;
  double px = 0, py = 0, pz = 0, e = 0;
};

void loopOver(const std::vector<std::unique_ptr<GenEvent>>& events, Found& found) {
  for (const auto& event : events) {
    for (const GenParticlePtr& p : event->particles()) {
      ++found.particles;
      if (p->status() == 1) {
        const FourVector& momentum = p->momentum();
        ++found.final;
        found.px += momentum.px();
        found.py += momentum.py();
        found.pz += momentum.pz();
        found.e += momentum.e();
      }
      if (GenVertexPtr vertex = p->production_vertex()) {
        ++found.vertices;
        found.incoming += static_cast<long>(vertex->particles_in().size());
      }
    }
  }
}

int loop(const char* path, int passes) {
  double start = cpuSeconds();
  std::vector<std::unique_ptr<GenEvent>> events;
  ReaderAscii reader(path);
  for (;;) {
    auto event = std::make_unique<GenEvent>();
    if (!reader.read_event(*event) || reader.failed()) break;
    events.push_back(std::move(event));
  }
  reader.close();
  double readSeconds = cpuSeconds() - start;
  if (events.empty()) {
    std::fprintf(stderr, "hepmc3_loop: no events in %s\n", path);
    return 1;
  }
  Found found;
  double best = 1e300;
  for (int pass = 0; pass < passes; ++pass) {
    Found thisPass;
    start = cpuSeconds();
    loopOver(events, thisPass);
    double seconds = cpuSeconds() - start;
    if (seconds < best) best = seconds;
    found = thisPass;
  }
  std::printf("events %zu\nparticles %ld\nfinal %ld\nvertices %ld\nincoming %ld\n", events.size(), found.particles,
              found.final, found.vertices, found.incoming);
  std::printf("sum %.17g %.17g %.17g %.17g\n", found.px, found.py, found.pz, found.e);
  std::printf("read_us_per_event %.3f\nloop_us_per_event %.3f\n", 1e6 * readSeconds / events.size(),
              1e6 * best / events.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "generate") == 0)
    return generate(argv[2], std::atoi(argv[3]), std::strtoull(argv[4], nullptr, 10));
  if (argc == 4 && std::strcmp(argv[1], "loop") == 0) return loop(argv[2], std::atoi(argv[3]));
  std::fprintf(stderr, "usage: hepmc3_loop generate FILE EVENTS SEED | hepmc3_loop loop FILE PASSES\n");
  return 2;
}
