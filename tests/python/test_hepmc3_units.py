"""The issue's real case: HepMC3::Units of Debian's libhepmc3-dev, whose
name(MomentumUnit) and name(LengthUnit) both take an unsigned int.
The dictionary is built by tests/python/CMakeLists.txt (libHepMC3UnitsDict.so).
"""
import os

import pytest


@pytest.fixture(scope="module")
def hepmc3(cppyy, library):
    path = library("libHepMC3UnitsDict.so")
    if not os.path.isfile(path):
        pytest.fail("%s was not built: install Debian's libhepmc3-dev (scripts/install-deps.sh) and reconfigure"
                    % path)
    cppyy.load_reflection_info(path)
    return cppyy.gbl.HepMC3


def test_name_of_each_unit(hepmc3):
    units = hepmc3.Units
    assert units.name(units.MM) == "MM"
    assert units.name(units.GEV) == "GEV"
    assert units.name(units.CM) == "CM"
    assert units.name(units.MEV) == "MEV"
    assert type(units.MM) is units.LengthUnit and type(units.GEV) is units.MomentumUnit


def test_units_by_name(hepmc3):
    units = hepmc3.Units
    assert units.length_unit("CM") == units.CM and units.momentum_unit("MEV") == units.MEV
    assert type(units.length_unit("CM")) is units.LengthUnit
    assert units.name(units.momentum_unit("GEV")) == "GEV"

