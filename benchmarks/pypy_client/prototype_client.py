"""The PyPy client's prototype (issue 13, item 1): proxies over _cffi_backend.

What the new client will do for every function, done here for the few the
prototype measures, from a table of (name, entry symbol, signature, kind)
instead of the dictionary's records:
  - a proxy class per C++ class, the object's address (or the memory holding
    the object) in one slot;
  - one Python function per method, generated from the entry's signature
    (exec'd source, constants in closure cells, so the JIT sees them as
    constants), that checks the argument types, calls the entry in registers
    and tests the error block;
  - results by value constructed into storage the client provides: ffi.new
    memory when the class's destructor has no effect (freed with the proxy,
    no finalizer), else C++ heap storage under ffi.gc(destroy).
"""
import _cffi_backend as _cffi
import threading

ffi = _cffi.FFI()

_uint32 = _cffi.new_primitive_type("uint32_t")
_char_p = _cffi.new_pointer_type(_cffi.new_primitive_type("char"))
_void_p = _cffi.new_pointer_type(_cffi.new_void_type())
DlError = _cffi.new_struct_type("DlError")
_cffi.complete_struct_or_union(DlError, [
    ("kind", _uint32, -1), ("reserved", _uint32, -1), ("exception", _void_p, -1),
    ("type_name", _cffi.new_array_type(_char_p, 256), -1), ("what", _cffi.new_array_type(_char_p, 1024), -1)])
DlError_p = _cffi.new_pointer_type(DlError)

C_TYPES = {"v": "void", "?": "_Bool", "c": "char", "b": "signed char", "B": "unsigned char", "h": "short",
           "H": "unsigned short", "i": "int", "I": "unsigned int", "l": "long", "L": "unsigned long",
           "q": "long long", "Q": "unsigned long long", "f": "float", "d": "double", "g": "long double",
           "p": "void*"}
INTEGERS = set("cbBhHiIlLqQ")
FLOATS = set("fdg")


class CppException(Exception):
    """A C++ exception: type name and what()."""


class Instance(object):
    """Base of every proxy: _cpp holds the object's address as a cdata
    (void*, possibly under ffi.gc) or the ffi.new memory that holds it."""
    __slots__ = ("_cpp",)


def raise_error(error, release):
    kind, type_name, what = error.kind, ffi.string(error.type_name), ffi.string(error.what)
    release(error)
    raise CppException("%s: %s" % (type_name.decode(), what.decode()))


class ErrorBlocks(threading.local):
    """One DlError per thread: cffi releases the GIL during a call, so a block
    shared by threads could hand one thread's exception to another."""

    def __init__(self):
        self.block = _cffi.newp(DlError_p)


def entry_type(signature, kind, method, constructor):
    result, args = signature[0], signature[1:]
    params = (["void*"] if method or constructor else []) + (["void*"] if result == "o" else [])
    params += [C_TYPES[a] for a in args]
    if kind == "checked":
        params.append("void*")
    ret = "void" if result in "ov" or constructor else C_TYPES[result]
    return ffi.typeof("%s(*)(%s)" % (ret, ", ".join(params) or "void"))


def _check(code, name):
    if code in INTEGERS:
        return "type(%s) is int" % name
    if code in FLOATS:
        return "(type(%s) is float or type(%s) is int)" % (name, name)
    if code == "?":
        return "type(%s) is bool" % name
    return "isinstance(%s, Instance)" % name


_sources = {}


def _maker(signature, kind, role, shared_errors):
    """A factory of functions with this entry shape (role: "method" or
    "constructor"), compiled once per shape."""
    key = (signature, kind, role, shared_errors)
    if key in _sources:
        return _sources[key]
    result, args = signature[0], signature[1:]
    names = ["a%d" % i for i in range(len(args))]
    first = "klass" if role == "constructor" else "self"
    params = "".join(", " + n for n in names)
    lines = ["def make(entry, release, result_class, storage, allocate, destroy, fallback, blocks):",
             "  def function(%s%s):" % (first, params)]
    checks = [_check(code, n) for code, n in zip(args, names)]
    lines.append("    if not (%s): return fallback(%s%s)" % (" and ".join(checks or ["True"]), first, params))
    call_args = [] if role == "constructor" else ["self._cpp"]
    if result == "o" or role == "constructor":
        lines.append("    out = newp(storage) if storage is not None else allocate()")
        call_args.append("out")
    call_args += [("%s._cpp" % n if code == "p" else n) for n, code in zip(names, args)]
    if kind == "checked":
        lines.append("    error = %s" % ("blocks" if shared_errors else "blocks.block"))
        call_args.append("error")
    call = "entry(%s)" % ", ".join(call_args)
    lines.append("    r = " + call if result not in "ov" else "    " + call)
    if kind == "checked":
        lines.append("    if error.kind: raise_error(error, release)")
    if result == "o" or role == "constructor":
        lines += ["    o = new_instance(%s)" % ("klass" if role == "constructor" else "result_class"),
                  "    o._cpp = out if storage is not None else gc(out, destroy)",
                  "    return o"]
    elif result != "v":
        lines.append("    return r")
    lines.append("  return function")
    namespace = {"raise_error": raise_error, "new_instance": object.__new__, "gc": ffi.gc, "newp": ffi.new,
                 "Instance": Instance}
    exec(compile("\n".join(lines), "<cppyy %s %s %s>" % (role, signature, kind), "exec"), namespace)
    _sources[key] = namespace["make"]
    return namespace["make"]


def _fallback(symbol):
    def fallback(self, *args):
        raise TypeError("no overload of %s takes %r" % (symbol, args))
    return fallback


def make_method(library, symbol, signature, kind, errors, result_class=None, shared_errors=False):
    entry = library.load_function(entry_type(signature, kind, True, False), symbol)
    release = library.load_function(ffi.typeof("void(*)(void*)"), "proto_error_release")
    storage, allocate, destroy = result_class._storage if result_class is not None else (None, None, None)
    make = _maker(signature, kind, "method", shared_errors)
    return make(entry, release, result_class, storage, allocate, destroy, _fallback(symbol), errors)


def make_constructor(cls, library, symbol, signature, errors):
    """cls(args) as __new__: placement new into ffi.new storage or C++ heap storage."""
    entry = library.load_function(entry_type(signature, "checked", False, True), symbol)
    release = library.load_function(ffi.typeof("void(*)(void*)"), "proto_error_release")
    storage, allocate, destroy = cls._storage
    make = _maker(signature, "checked", "constructor", False)
    return make(entry, release, cls, storage, allocate, destroy, _fallback(symbol), errors)


def make_class(name, library, size, destructor_has_effect, prefix):
    """A proxy class; objects of it live in ffi.new memory when destroying them
    changes nothing, else on the C++ heap (allocate/destroy entries)."""
    cls = type(name, (Instance,), {"__slots__": ()})
    if destructor_has_effect:
        allocate = library.load_function(ffi.typeof("void*(*)(void)"), prefix + "_allocate")
        destroy = library.load_function(ffi.typeof("void(*)(void*)"), prefix + "_destroy")
        cls._storage = (None, allocate, destroy)
    else:
        cls._storage = (ffi.typeof("char[%d]" % size), None, None)
    return cls
