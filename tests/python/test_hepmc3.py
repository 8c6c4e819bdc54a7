"""Debian's HepMC3 (libhepmc3-dev), built on std::shared_ptr: a dictionary of
GenEvent.h, GenParticle.h and GenVertex.h (and FourVector.h) made with `genreflex ... -lHepMC3`
and nothing more (no --instantiate, no helper header; tests/python/CMakeLists.txt).
An event built from Python (particles and vertices made with make_shared) and
read back: particles are GenParticle proxies held by their shared_ptr."""
import os

import pytest

from conftest import client


@pytest.fixture(scope="module")
def hepmc3(cppyy, library):
    path = library("libHepMC3Dict.so")
    if not os.path.isfile(path):
        pytest.skip("HepMC3 (libhepmc3-dev) was not found at configure time")
    cppyy.load_reflection_info(path)
    return cppyy.gbl.HepMC3


def _event(gbl, hepmc3):
    """beam(2212) -> vertex -> two daughters (211, -211)."""
    make_shared = gbl.std.make_shared
    event = hepmc3.GenEvent()
    beam = make_shared[hepmc3.GenParticle](hepmc3.FourVector(0.0, 0.0, 7000.0, 7000.0), 2212, 4)
    vertex = make_shared[hepmc3.GenVertex](hepmc3.FourVector(0.0, 0.0, 0.0, 0.0))
    vertex.add_particle_in(beam)
    for pid, px in ((211, 1.5), (-211, -1.5)):
        vertex.add_particle_out(make_shared[hepmc3.GenParticle](hepmc3.FourVector(px, 0.0, 10.0, 10.2), pid, 1))
    event.add_vertex(vertex)
    return event


def test_event_built_from_python_reads_back(gbl, hepmc3):
    if client() == "_cppyy":
        pytest.skip("raw _cppyy: no std.make_shared")
    event = _event(gbl, hepmc3)
    particles = event.particles()
    assert len(particles) == 3
    assert particles[0].status() == 4 and particles[0].pid() == 2212
    assert [p.pid() for p in particles] == [2212, 211, -211]
    assert [p.status() for p in particles] == [4, 1, 1]
    assert particles[1].momentum().px() == 1.5
    assert len(event.vertices()) == 1


def test_vertices_parents_and_children(gbl, hepmc3):
    if client() == "_cppyy":
        pytest.skip("raw _cppyy: no std.make_shared")
    event = _event(gbl, hepmc3)
    beam, daughter = event.particles()[0], event.particles()[1]
    assert not daughter.end_vertex()  # an empty shared_ptr is a false proxy
    assert beam.end_vertex()
    vertex = daughter.production_vertex()
    assert vertex
    assert vertex.id() == event.vertices()[0].id()
    assert [p.pid() for p in vertex.particles_out()] == [211, -211]
    assert [p.pid() for p in beam.children()] == [211, -211]
    assert [p.pid() for p in daughter.parents()] == [2212]
    assert len(daughter.parent_event().particles()) == 3


def test_particles_outlive_the_event(gbl, hepmc3):
    if client() == "_cppyy":
        pytest.skip("raw _cppyy: no std.make_shared")
    particles = _event(gbl, hepmc3).particles()
    first = particles[0]
    del particles
    import gc
    gc.collect()
    assert first.pid() == 2212  # a copy of the shared_ptr keeps the particle alive
