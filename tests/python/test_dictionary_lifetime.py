"""A dictionary stays mapped while the registry uses it, whatever the client does
with its own handle: PyPy's ctypes calls dlclose when a CDLL object is
collected, and the raw session of the README drops that object at once."""
import pytest

from test_loading import backend_library, raw_env  # noqa: F401 (a fixture)

DROPPED_HANDLE_SESSION = r'''
import ctypes, gc, sys, _cppyy
_cppyy._post_import_startup()
ctypes.CDLL("./%(library)s", ctypes.RTLD_GLOBAL)   # the handle is dropped at once
inst = _cppyy.gbl.MyClass(7)
gc.collect(); gc.collect()                         # ... and its dlclose has run
# The library is still mapped: the registry holds its own reference.
probe = ctypes.CDLL("./%(library)s", mode=4)       # RTLD_NOLOAD: fails if unmapped
del probe
gc.collect()
total = 0
for i in range(1000000):
    total += inst.AddInt(1)
print(total, inst.MyFunc())
'''


@pytest.mark.parametrize("dictionary", ["libMyClassDict.so", "libMyClassStubDict.so"])
def test_raw_session_survives_the_dropped_handle(run_pypy, dict_dir, backend_library, dictionary):
    result = run_pypy(DROPPED_HANDLE_SESSION % {"library": dictionary},
                      env=raw_env(backend_library), cwd=dict_dir)
    assert result.returncode == 0, "exit %d\n%s" % (result.returncode, result.stderr)
    assert result.stdout.split() == [str(8 * 1000000), "7"]
