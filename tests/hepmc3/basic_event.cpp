// basic_event.cpp - a HepMC3 event built step by step, written with
// WriterAscii, and a summary of any event file read back with ReaderAscii:
// the C++ side of the HepMC3 test (hepmc3_basic_event.py does the same steps
// from Python).
//
//   basic_event write FILE     builds the event and writes it to FILE
//   basic_event summary FILE   prints what FILE holds, one line per fact
#include <HepMC3/Attribute.h>
#include <HepMC3/FourVector.h>
#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/GenVertex.h>
#include <HepMC3/ReaderAscii.h>
#include <HepMC3/WriterAscii.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

using namespace HepMC3;

namespace {

// Two proton beams; a quark from one and an antiquark from the other make a Z,
// which decays to a muon pair; the beam remnants and a photon are final.
void buildEvent(GenEvent& event) {
  auto beam1 = std::make_shared<GenParticle>(FourVector(0.0, 0.0, 6500.0, 6500.0), 2212, 4);
  auto beam2 = std::make_shared<GenParticle>(FourVector(0.0, 0.0, -6500.0, 6500.0), 2212, 4);
  auto quark = std::make_shared<GenParticle>(FourVector(0.75, -1.5, 32.25, 32.3), 2, 3);
  auto antiquark = std::make_shared<GenParticle>(FourVector(-0.5, 1.25, -41.0, 41.05), -2, 3);
  auto remnant1 = std::make_shared<GenParticle>(FourVector(-0.75, 1.5, 6467.75, 6467.7), 2101, 1);
  auto remnant2 = std::make_shared<GenParticle>(FourVector(0.5, -1.25, -6459.0, 6458.95), 2101, 1);
  auto z = std::make_shared<GenParticle>(FourVector(0.25, -0.25, -8.75, 73.35), 23, 2);
  auto photon = std::make_shared<GenParticle>(FourVector(0.125, 0.5, 2.0, 2.125), 22, 1);
  auto muon = std::make_shared<GenParticle>(FourVector(30.5, 12.25, -20.0, 38.5), 13, 1);
  auto antimuon = std::make_shared<GenParticle>(FourVector(-30.375, -12.0, 9.25, 32.725), -13, 1);
  z->set_generated_mass(91.1876);

  auto split1 = std::make_shared<GenVertex>();
  split1->add_particle_in(beam1);
  split1->add_particle_out(quark);
  split1->add_particle_out(remnant1);
  auto split2 = std::make_shared<GenVertex>();
  split2->add_particle_in(beam2);
  split2->add_particle_out(antiquark);
  split2->add_particle_out(remnant2);
  auto hard = std::make_shared<GenVertex>(FourVector(0.0, 0.0, 0.5, 0.0));
  hard->add_particle_in(quark);
  hard->add_particle_in(antiquark);
  hard->add_particle_out(z);
  hard->add_particle_out(photon);
  auto decay = std::make_shared<GenVertex>(FourVector(0.001, 0.002, 0.75, 0.5));
  decay->add_particle_in(z);
  decay->add_particle_out(muon);
  decay->add_particle_out(antimuon);

  event.add_vertex(split1);
  event.add_vertex(split2);
  event.add_vertex(hard);
  event.add_vertex(decay);
  event.set_beam_particles(beam1, beam2);
  event.set_event_number(7);
  event.add_attribute("signal_process_id", std::make_shared<IntAttribute>(1));
  event.add_attribute("comment", std::make_shared<StringAttribute>("built by the dictloader test"));
}

std::string ids(const std::vector<ConstGenParticlePtr>& particles) {
  std::string out;
  for (const auto& p : particles) out += (out.empty() ? "" : ",") + std::to_string(p->id());
  return out.empty() ? "-" : out;
}

int summary(const char* path) {
  ReaderAscii reader(path);
  int events = 0;
  for (;;) {
    GenEvent event;
    if (!reader.read_event(event) || reader.failed()) break;
    ++events;
    std::printf("event %d particles %zu vertices %zu\n", event.event_number(), event.particles().size(),
                event.vertices().size());
    double px = 0, py = 0, pz = 0, e = 0;
    int final = 0;
    for (const auto& p : static_cast<const GenEvent&>(event).particles()) {
      std::printf("particle %d pid %d status %d parents %s children %s\n", p->id(), p->pid(), p->status(),
                  ids(p->parents()).c_str(), ids(p->children()).c_str());
      if (p->status() != 1) continue;
      ++final;
      px += p->momentum().px();
      py += p->momentum().py();
      pz += p->momentum().pz();
      e += p->momentum().e();
    }
    std::printf("final %d sum %.17g %.17g %.17g %.17g\n", final, px, py, pz, e);
    std::printf("signal_process_id %s\n", event.attribute_as_string("signal_process_id").c_str());
  }
  reader.close();
  std::printf("events %d\n", events);
  return events > 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "write") == 0) {
    GenEvent event(Units::GEV, Units::MM);
    buildEvent(event);
    WriterAscii writer(argv[2]);
    writer.write_event(event);
    writer.close();
    return writer.failed() ? 1 : 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "summary") == 0) return summary(argv[2]);
  std::fprintf(stderr, "usage: basic_event write FILE | basic_event summary FILE\n");
  return 2;
}
