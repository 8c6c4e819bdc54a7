"""basic_event.cpp's steps from Python through cppyy, on a dictionary of
Debian's HepMC3 headers made with nothing but `genreflex ... -lHepMC3`.

    basic_event.py DICTIONARY write FILE
    basic_event.py DICTIONARY summary FILE
"""
import sys

import cppyy


def build_event(event):
    HepMC3, std = cppyy.gbl.HepMC3, cppyy.gbl.std
    make_particle = std.make_shared[HepMC3.GenParticle]
    make_vertex = std.make_shared[HepMC3.GenVertex]
    FourVector = HepMC3.FourVector
    beam1 = make_particle(FourVector(0.0, 0.0, 6500.0, 6500.0), 2212, 4)
    beam2 = make_particle(FourVector(0.0, 0.0, -6500.0, 6500.0), 2212, 4)
    quark = make_particle(FourVector(0.75, -1.5, 32.25, 32.3), 2, 3)
    antiquark = make_particle(FourVector(-0.5, 1.25, -41.0, 41.05), -2, 3)
    remnant1 = make_particle(FourVector(-0.75, 1.5, 6467.75, 6467.7), 2101, 1)
    remnant2 = make_particle(FourVector(0.5, -1.25, -6459.0, 6458.95), 2101, 1)
    z = make_particle(FourVector(0.25, -0.25, -8.75, 73.35), 23, 2)
    photon = make_particle(FourVector(0.125, 0.5, 2.0, 2.125), 22, 1)
    muon = make_particle(FourVector(30.5, 12.25, -20.0, 38.5), 13, 1)
    antimuon = make_particle(FourVector(-30.375, -12.0, 9.25, 32.725), -13, 1)
    z.set_generated_mass(91.1876)

    split1 = make_vertex()
    split1.add_particle_in(beam1)
    split1.add_particle_out(quark)
    split1.add_particle_out(remnant1)
    split2 = make_vertex()
    split2.add_particle_in(beam2)
    split2.add_particle_out(antiquark)
    split2.add_particle_out(remnant2)
    hard = make_vertex(FourVector(0.0, 0.0, 0.5, 0.0))
    hard.add_particle_in(quark)
    hard.add_particle_in(antiquark)
    hard.add_particle_out(z)
    hard.add_particle_out(photon)
    decay = make_vertex(FourVector(0.001, 0.002, 0.75, 0.5))
    decay.add_particle_in(z)
    decay.add_particle_out(muon)
    decay.add_particle_out(antimuon)

    for vertex in (split1, split2, hard, decay):
        event.add_vertex(vertex)
    event.set_beam_particles(beam1, beam2)
    event.set_event_number(7)
    event.add_attribute("signal_process_id", std.make_shared[HepMC3.IntAttribute](1))
    event.add_attribute("comment", std.make_shared[HepMC3.StringAttribute]("built by the dictloader test"))


def ids(particles):
    return ",".join(str(p.id()) for p in particles) or "-"


def summary(path):
    HepMC3 = cppyy.gbl.HepMC3
    reader = HepMC3.ReaderAscii(path)
    events = 0
    lines = []
    while True:
        event = HepMC3.GenEvent()
        if not reader.read_event(event) or reader.failed():
            break
        events += 1
        particles = event.particles()
        lines.append("event %d particles %d vertices %d" % (event.event_number(), len(particles),
                                                           len(event.vertices())))
        px = py = pz = e = 0.0
        final = 0
        for p in particles:
            lines.append("particle %d pid %d status %d parents %s children %s" % (
                p.id(), p.pid(), p.status(), ids(p.parents()), ids(p.children())))
            if p.status() != 1:
                continue
            final += 1
            momentum = p.momentum()
            px += momentum.px()
            py += momentum.py()
            pz += momentum.pz()
            e += momentum.e()
        lines.append("final %d sum %s %s %s %s" % (final, _g17(px), _g17(py), _g17(pz), _g17(e)))
        lines.append("signal_process_id %s" % event.attribute_as_string("signal_process_id"))
    reader.close()
    lines.append("events %d" % events)
    print("\n".join(lines))
    return 0 if events else 1


def _g17(value):
    return "%.17g" % value


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("write", "summary"):
        sys.exit("usage: basic_event.py DICTIONARY write|summary FILE")
    cppyy.load_reflection_info(sys.argv[1])
    if sys.argv[2] == "write":
        HepMC3 = cppyy.gbl.HepMC3
        event = HepMC3.GenEvent(HepMC3.Units.GEV, HepMC3.Units.MM)
        build_event(event)
        writer = HepMC3.WriterAscii(sys.argv[3])
        writer.write_event(event)
        writer.close()
        return 1 if writer.failed() else 0
    return summary(sys.argv[3])


if __name__ == "__main__":
    sys.exit(main())
