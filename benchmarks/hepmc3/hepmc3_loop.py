"""The HepMC3 benchmark's Python side: hepmc3_loop.cpp's read-and-loop through
cppyy, on a dictionary of Debian's HepMC3 headers.

    hepmc3_loop.py DICTIONARY FILE PASSES

Reads every event of FILE (ReaderAscii) into a list, then loops over their
particles PASSES times, as a physicist writes it: the momenta of the final
particles summed, each particle's production vertex visited. Prints the same
lines as the C++ program; the times are process CPU time, the loop's the best
pass (the first ones are the JIT's warm-up on PyPy).
"""
import sys
import time

import cppyy


def read_events(path):
    HepMC3 = cppyy.gbl.HepMC3
    reader = HepMC3.ReaderAscii(path)
    events = []
    while True:
        event = HepMC3.GenEvent()
        if not reader.read_event(event) or reader.failed():
            break
        events.append(event)
    reader.close()
    return events


def loop_over(events):
    particles = final = vertices = incoming = 0
    px = py = pz = e = 0.0
    for event in events:
        for p in event.particles():
            particles += 1
            if p.status() == 1:
                momentum = p.momentum()
                final += 1
                px += momentum.px()
                py += momentum.py()
                pz += momentum.pz()
                e += momentum.e()
            vertex = p.production_vertex()
            if vertex:
                vertices += 1
                incoming += len(vertex.particles_in())
    return particles, final, vertices, incoming, (px, py, pz, e)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: hepmc3_loop.py DICTIONARY FILE PASSES")
    cppyy.load_reflection_info(sys.argv[1])
    passes = int(sys.argv[3])
    start = time.process_time()
    events = read_events(sys.argv[2])
    read_seconds = time.process_time() - start
    if not events:
        sys.exit("hepmc3_loop.py: no events in %s" % sys.argv[2])
    best, found = float("inf"), None
    for _ in range(passes):
        start = time.process_time()
        found = loop_over(events)
        best = min(best, time.process_time() - start)
    particles, final, vertices, incoming, sums = found
    print("events %d\nparticles %d\nfinal %d\nvertices %d\nincoming %d" % (
        len(events), particles, final, vertices, incoming))
    print("sum " + " ".join("%.17g" % value for value in sums))
    print("read_us_per_event %.3f\nloop_us_per_event %.3f" % (1e6 * read_seconds / len(events),
                                                              1e6 * best / len(events)))


if __name__ == "__main__":
    main()
