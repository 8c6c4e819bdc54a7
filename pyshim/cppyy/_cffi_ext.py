"""The PyPy client: the functions the shared scope layer (_scopes) asks of a
client, written over _cffi_backend (the CPython module _cppyy_cpython gives
the same names in C++).

Classes are Python classes of the metaclass ClassProxy deriving from
Instance; overload sets are Python functions made by _cffi_calls; data
members are DataMember descriptors reading and writing in place.
"""
import os

from . import _capi, _cffi_calls, _cffi_cross, _cffi_objects, _cffi_overloads, _cffi_smart
from ._cffi_objects import Instance

ffi = _capi.ffi
_c = None
CppException = _cffi_calls.CppException


class DictionaryError(RuntimeError):
    """A dictionary could not be loaded (missing, not a dictionary, incompatible or damaged)."""


def open_backend(path):
    global _c
    _c = _capi.open_backend(path)
    _cffi_calls.bind(_c)
    _cffi_objects._c = _c


def _text(value):
    return value.encode("utf-8") if isinstance(value, str) else value


# --- loading ---------------------------------------------------------------------------
def load_reflection_info(path):
    if "\0" in path:
        raise ValueError("embedded null character in the dictionary's path")
    if _c.dictloader_load(os.fsencode(path)) != 1:
        raise DictionaryError(ffi.string(_c.dictloader_last_error()).decode("utf-8", "replace"))


def add_catalog(path):
    if _c.dictloader_add_catalog(os.fsencode(path)) != 1:
        raise DictionaryError(ffi.string(_c.dictloader_last_error()).decode("utf-8", "replace"))


def autoload_error(name):
    why = _c.dictloader_autoload_error(_text(name))
    return ffi.string(why).decode("utf-8", "replace") if why != ffi.NULL else None


# --- names and scopes --------------------------------------------------------------------
def get_scope(name):
    return _c.cppyy_get_scope(_text(name))


def resolve_name(name):
    return _capi.take_text(_c.cppyy_resolve_name(_text(name)))


def is_template(name):
    return bool(_c.cppyy_is_template(_text(name)))


def is_enum(name):
    return bool(_c.cppyy_is_enum(_text(name)))


def has_method_template(scope, name):
    return bool(_c.cppyy_exists_method_template(scope, _text(name)))


def scope_info(scope):
    """(final name, scoped name, is namespace, [base names], {name: [methods]}, [data indices])"""
    is_namespace = bool(_c.cppyy_is_namespace(scope))
    bases, methods, data = [], {}, []
    if not is_namespace:
        bases = [_capi.take_text(_c.cppyy_base_name(scope, b)) for b in range(_c.cppyy_num_bases(scope))]
        for i in range(_c.cppyy_num_methods(scope)):
            method = _c.cppyy_get_method(scope, i)
            if _c.cppyy_is_protected_method(method):  # Python subclasses' (dispatcher classes, _cross)
                continue
            name = "__init__" if _c.cppyy_is_constructor(method) else _capi.take_text(_c.cppyy_method_name(method))
            methods.setdefault(name, []).append(method)
        data = [i for i in range(_c.cppyy_num_datamembers(scope)) if _c.cppyy_is_publicdata(scope, i)]
    return (_capi.take_text(_c.cppyy_final_name(scope)), _capi.take_text(_c.cppyy_scoped_final_name(scope)),
            is_namespace, bases, methods, data)


def is_namespace(scope):
    return bool(_c.cppyy_is_namespace(scope))


def method_signature(method):
    """(result type, [argument types]) as the C API spells them."""
    return (_capi.take_text(_c.cppyy_method_result_type(method)),
            [_capi.take_text(_c.cppyy_method_arg_type(method, i)) for i in range(_c.cppyy_method_num_args(method))])


def protected_members(scope):
    """({name: [methods]}, [data indices]) of scope's protected members, which
    only Python subclasses reach."""
    methods = {}
    for i in range(_c.cppyy_num_methods(scope)):
        method = _c.cppyy_get_method(scope, i)
        if _c.cppyy_is_protected_method(method) and not _c.cppyy_is_constructor(method):
            methods.setdefault(_capi.take_text(_c.cppyy_method_name(method)), []).append(method)
    data = [i for i in range(_c.cppyy_num_datamembers(scope)) if not _c.cppyy_is_publicdata(scope, i)]
    return methods, data


# --- Python subclasses of C++ classes (_cross, _cffi_cross) ----------------------------------
dispatcher = _cffi_cross.dispatcher
register_dispatcher = _cffi_cross.register
dispatcher_slots = _cffi_cross.slots_of
set_overrides = _cffi_cross.set_overrides
_derivation_hooks = []  # (bases, finish) from _cross


def set_class_attribute(cls, name, value):
    """Puts value in cls's own dict (the metaclass writes static data in C++ instead)."""
    type.__setattr__(cls, name, value)


def set_derivation_hooks(bases, finish, describe):
    _derivation_hooks[:] = [bases, finish]
    _cffi_cross._describe[:] = [describe]


def datamember_name(scope, index):
    return _capi.take_text(_c.cppyy_datamember_name(scope, index))


def enum_values(scope, name):
    handle = _c.cppyy_get_enum(scope, _text(name))
    if handle == ffi.NULL:
        return None
    return [(_capi.take_text(_c.cppyy_get_enum_data_name(handle, i)), _c.cppyy_get_enum_data_value(handle, i))
            for i in range(_c.cppyy_get_num_enum_data(handle))]


# --- functions ---------------------------------------------------------------------------
class _StaticFunction(object):
    """A static member function in a class: called without an object."""
    __slots__ = ("function",)

    def __init__(self, function):
        self.function = function

    @property
    def __doc__(self):
        return self.function.__doc__

    def __get__(self, obj, cls=None):
        return self.function

    def __call__(self, *args):
        return self.function(*args)


def _functions(scope, methods):
    owner = _capi.take_text(_c.cppyy_scoped_final_name(scope)) if scope else ""
    functions = [_cffi_calls.Function(m, scope, owner) for m in methods]
    # smart pointer parameters first: an object a smart pointer holds also
    # converts to T*, and C++ must not get a second owner (HepMC3's deprecated
    # add_particle_in(GenParticle*) beside add_particle_in(GenParticlePtr))
    functions.sort(key=lambda fn: not any(c.kind in ("smart_value", "smart_ref") for c in fn.args))
    _cffi_calls.mark_const_twins(functions)
    return functions


def overload(scope, name, methods):
    """A class's overload set called name ("__init__": its constructors), made
    on first use: a class's first use pays only for the methods it calls."""
    return _LazyOverload(scope, name, methods)


class _LazyOverload(object):
    """Stands in a class's dict for an overload set until the set has been
    used a few times; then the set (its generated function) replaces it
    there. Until then calls take the general lane: a script that calls a
    method once or twice (a first use) compiles no code for it, which costs
    PyPy a few milliseconds at its first compile."""
    __slots__ = ("scope", "name", "methods", "functions", "made", "uses")

    COLD_USES = 8  # uses through the general lane before the set is made

    def __init__(self, scope, name, methods):
        self.scope, self.name, self.methods = scope, name, methods
        self.functions = self.made = None
        self.uses = 0

    def analysed(self):
        if self.functions is None:
            self.functions = _functions(self.scope, self.methods)
        return self.functions

    def real(self):
        if self.made is None:
            self.made = _overload_of(self.analysed(), self.name, True)
        return self.made

    def _cold(self):
        """The general lane as this set's callable, while it is cold (None once hot)."""
        if self.made is not None or self.uses >= self.COLD_USES:
            return None
        self.uses += 1
        functions, name = self.analysed(), self.name
        if all(fn.is_static for fn in functions) and name != "__init__":
            def function(*args):
                return _cffi_overloads.general_call(functions, name, None, args)
        else:
            def function(self_object=_cffi_overloads._NO_SELF, *args):
                return _cffi_overloads.general_call(functions, name, self_object, args)
        function.__name__ = name
        function.__doc__ = "\n".join(fn.prototype() for fn in functions)
        function._cpp_functions = functions
        return function

    def __get__(self, obj, cls=None):
        cold = self._cold()
        if cold is not None:
            if obj is None or all(fn.is_static for fn in self.analysed()) and self.name != "__init__":
                return cold
            return cold.__get__(obj, cls)
        made = self.real()
        # every name the set stands under in the classes ("operator+" is also
        # __add__, operator[] also _getitem_unchecked...) becomes the set itself,
        # deleted, then set: an attribute PyPy sees replaced becomes a mutable
        # cell that the JIT reads on every call; a new one is a constant of the class
        for klass in (cls or type(obj)).__mro__:
            for name in [name for name, value in vars(klass).items() if value is self]:
                type.__delattr__(klass, name)
                type.__setattr__(klass, name, made)
        return made.__get__(obj, cls) if hasattr(made, "__get__") else made

    def __call__(self, *args):
        cold = self._cold()
        return cold(*args) if cold is not None else self.real()(*args)

    def __getattr__(self, name):
        if name == "_cpp_functions":
            return self.analysed()
        return getattr(self.real(), name)


def _overload_of(functions, name, in_class):
    if name == "__init__":
        return _cffi_overloads.make_overload(functions, "constructor", name)
    if all(fn.is_static for fn in functions):
        function = _cffi_overloads.make_overload(functions, "static", name)
        return _StaticFunction(function) if in_class else function
    return _cffi_overloads.make_overload(functions, "method", name)


def _methods_named(scope, name):
    """The method handles of scope's functions called name, None if there are none."""
    indices = _c.cppyy_method_indices_from_name(scope, _text(name))
    if indices == ffi.NULL:
        return None
    methods = []
    try:
        i = 0
        while indices[i] != _INDEX_END:
            method = _c.cppyy_get_method(scope, indices[i])
            if not _c.cppyy_is_protected_method(method):  # (Python subclasses reach those)
                methods.append(method)
            i += 1
    finally:
        _c.cppyy_free(indices)
    return methods or None


_INDEX_END = (1 << (8 * ffi.sizeof("size_t"))) - 1


def function_count(scope):
    return _c.cppyy_num_methods(scope)


def operator_functions(scope):
    """[(name, method handle)] of the scope's functions whose name starts with "operator"."""
    found = []
    for i in range(_c.cppyy_num_methods(scope)):
        method = _c.cppyy_get_method(scope, i)
        name = _capi.take_text(_c.cppyy_method_name(method))
        if name.startswith("operator"):
            found.append((name, method))
    return found


def namespace_function(scope, name):
    """The functions of a namespace called name, or None."""
    methods = _methods_named(scope, name)
    if methods is None:
        return None
    # a namespace's functions, or (f['int'] of a class) a method template's instances
    return _overload_of(_functions(scope, methods), name, False)


def fast_path_addresses(scope, name):
    methods = _methods_named(scope, name)
    if methods is None:
        return None
    return [_capi.address(_c.cppyy_function_address(method)) for method in methods]


def method_descriptor(cls, name, value):
    return value


def assign_result(getitem, obj, index, value):
    """obj[index] = value where operator[] (getitem, an overload set) returns a
    reference: the value is written where the reference points."""
    functions = getattr(getitem, "_cpp_functions", None)
    if functions is None:
        raise TypeError("cannot assign through %r: not a C++ overload set" % (getitem,))
    pointer, converter = _cffi_overloads.general_call(functions, getitem.__name__, obj, tuple(index), reference=True)
    if converter.kind == "string":
        if not isinstance(value, str):
            raise TypeError("a str is required to assign a std::string")
        _assign_string(pointer, value)
        return
    if not converter.ref_result:
        raise TypeError("cannot assign: %s returns %s, not a reference to a builtin" % (
            getitem.__name__, converter.type_name))
    _cffi_calls.store(converter, pointer, value)


# --- classes -----------------------------------------------------------------------------
_class_factory = None
_class_lookup = None
_classes = {}


class ClassProxy(type):
    """The metaclass of class proxies: nested names looked up on first use,
    static data written in C++."""

    def __new__(meta, name, bases, namespace):
        derived = "__cpp_name__" not in namespace  # a Python class deriving from proxies
        if derived and _derivation_hooks:  # a C++ class with a dispatcher: its dispatcher class
            bases = _derivation_hooks[0](bases)
        cls = type.__new__(meta, name, bases, namespace)
        if derived:
            scopes = [getattr(base, "_cpp_scope", 0) for base in cls.__mro__[1:]]
            scopes = [s for s in scopes if s]
            if scopes:
                own = scopes[0]
                for other in scopes[1:]:
                    if other != own and not _c.cppyy_is_subtype(own, other):
                        raise TypeError(
                            "class %s: C++ classes %s and %s are unrelated, and a Python class stands for one C++ "
                            "object (derive from one of them, or from a C++ class that derives from both)" % (
                                name, _capi.take_text(_c.cppyy_scoped_final_name(own)),
                                _capi.take_text(_c.cppyy_scoped_final_name(other))))
            if _derivation_hooks:
                _derivation_hooks[1](cls)
        return cls

    def __getattr__(cls, name):
        if name.startswith("__") and name.endswith("__") or _class_lookup is None:
            raise AttributeError(name)
        if "_cpp_scope" not in type.__getattribute__(cls, "__dict__") and not any(
                "_cpp_scope" in vars(base) for base in cls.__mro__):
            raise AttributeError(name)
        return _class_lookup(cls, name)

    def __setattr__(cls, name, value):
        for klass in cls.__mro__:
            found = vars(klass).get(name)
            if found is not None:
                if type(found) is DataMember and found.is_static:
                    found.__set__(None, value)
                    return
                break
        type.__setattr__(cls, name, value)


def set_class_factory(factory):
    global _class_factory
    _class_factory = factory
    _cffi_calls._hooks["class_for"] = factory


def set_enum_class_factory(factory):
    _cffi_calls._hooks["enum_class"] = factory


def is_scoped_enum(handle):
    return _cffi_calls.converter_for(_capi.take_text(_c.cppyy_scoped_final_name(handle)), False).scoped_enum


def set_class_lookup(lookup):
    global _class_lookup
    _class_lookup = lookup


def set_sequence_to_vector(convert):
    _cffi_calls._hooks["sequence_to_vector"] = convert


def set_nullptr(value):
    _cffi_calls._hooks["nullptr"] = value


_cffi_calls._hooks["instance_type"] = Instance


def set_exception_factory(factory):
    """factory(proxy, what) -> the exception to raise for a C++ exception
    copied as proxy's object (_exceptions.Exceptions.raised)."""
    _cffi_calls._hooks["exception_factory"] = factory


def is_exception_class(scope):
    """Does the C++ class raise as an exception class of its own (native API 7)?"""
    return _cffi_calls._has_exception_classes and bool(_c.dictloader_is_exception_class(scope))


def register_class(cls, scope, constructors):
    type.__setattr__(cls, "_cpp_scope", scope)
    type.__setattr__(cls, "_cpp_live", _cffi_objects._table(scope))
    # A class without public constructors (abstract ones among them) refuses to
    # be made, rather than inherit its base class's constructors.
    type.__setattr__(cls, "__init__", constructors if constructors is not None else Instance.__init__)
    _classes.setdefault(scope, cls)


def scope_of_class(cls):
    return getattr(cls, "_cpp_scope", 0) if isinstance(cls, type) else 0


def addressof(obj):
    if not isinstance(obj, Instance):
        try:  # a view of C++ memory (memoryview of a std::vector)
            return _capi.address(ffi.from_buffer(obj))
        except TypeError:
            pass
        raise TypeError("addressof() needs a C++ object, not %s" % type(obj).__name__)
    return _cffi_objects.addressof(obj)


def make_smart(kind, cls, args):
    return _cffi_smart.make(kind, cls, args)


def bind_object(address, cls, owned=False):
    if address is None:
        address = 0
    return _cffi_objects.bind(cls, address, owned)


def const_view(obj):
    if not isinstance(obj, Instance):
        raise TypeError("const_view() needs a C++ object, not %s" % type(obj).__name__)
    return _cffi_objects.const_view(obj)


is_const = _cffi_objects.is_const


class _KeepAlive(object):
    """ffi.gc's destructor for a buffer's pointer: holds the vector's proxy for as
    long as that pointer (and so any memoryview of the buffer) lives."""
    __slots__ = ("vector",)

    def __init__(self, vector):
        self.vector = vector

    def __call__(self, _pointer):
        self.vector = None


def enable_vector_buffer(cls, fmt, itemsize):
    """memoryview(v) of cls's objects (PyPy's __buffer__ hook): the elements in
    place, writable, keeping the vector alive. False if cls has no data() and
    size() to view them by."""
    def without_arguments(overload):
        found = [fn for fn in getattr(overload, "_cpp_functions", ()) if not fn.args]
        return ([fn for fn in found if not fn.is_const] or found or [None])[0]
    data, size = without_arguments(cls.__dict__.get("data")), without_arguments(cls.__dict__.get("size"))
    if data is None or size is None:
        return False
    pointer_call = _cffi_calls._c_pointer_call

    def __buffer__(self, flags):
        if getattr(self, "_cpp", None) is None:
            raise BufferError("the std::vector is null or was destroyed")
        count = _capi.address(pointer_call(size, self._cpp, []))  # size_t read as a pointer-sized word
        address = pointer_call(data, self._cpp, []) if count else ffi.NULL
        if address == ffi.NULL:
            return memoryview(bytearray()).cast(fmt)
        pointer = ffi.gc(ffi.cast("char*", address), _KeepAlive(self))
        return memoryview(ffi.buffer(pointer, count * itemsize)).cast(fmt)

    type.__setattr__(cls, "__buffer__", __buffer__)
    return True


def std_string_text(obj):
    if not isinstance(obj, Instance) or getattr(type(obj), "__cpp_name__", "") != "std::string":
        raise TypeError("a std::string is required, not %s" % type(obj).__name__)
    if obj._cpp is None:
        raise ReferenceError("not a live std::string")
    return _cffi_calls._string_text(obj._cpp)


def vector_bool_item(vector, index, *value):
    if not isinstance(vector, Instance) or vector._cpp is None:
        raise ReferenceError("not a live std::vector<bool>")
    if not value:
        return bool(_c.cppyy_vectorbool_getitem(vector._cpp, index))
    _c.cppyy_vectorbool_setitem(vector._cpp, index, 1 if value[0] else 0)


# --- data members and variables -------------------------------------------------------------
class DataMember(object):
    """A data member (read and written in the object), static data or a variable."""
    __slots__ = ("name", "scope", "converter", "offset", "is_static", "is_const", "length")

    def __init__(self, scope, index):
        self.scope = scope
        self.name = _capi.take_text(_c.cppyy_datamember_name(scope, index))
        type_name = _cffi_calls.datamember_type(scope, index)
        self.length = 0
        if type_name.endswith("]"):
            type_name = type_name[:type_name.index("[")]
            self.length = _c.cppyy_get_dimension_size(scope, index, 0)
        self.converter = _cffi_calls.converter_for(type_name, 2)  # in place (as a result is, an enum its own width)
        self.offset = _c.cppyy_datamember_offset(scope, index)
        self.is_static = bool(_c.cppyy_is_staticdata(scope, index))
        self.is_const = bool(_c.cppyy_is_const_data(scope, index))

    def _address(self, obj):
        if self.is_static:
            return ffi.cast("char*", self.offset)
        pointer = getattr(obj, "_cpp", None)
        if pointer is None:
            raise ReferenceError("%s: the C++ object is null or was destroyed" % self.name)
        actual = type(obj)._cpp_scope
        base = ffi.cast("char*", pointer)
        if actual != self.scope and actual:
            if not _c.cppyy_is_subtype(actual, self.scope):
                raise TypeError("%s is a data member of another class, not of %s" % (self.name, type(obj).__name__))
            base += _c.cppyy_base_offset(actual, self.scope, pointer, 1)
        return base + self.offset

    def __get__(self, obj, cls=None):
        if not self.is_static and obj is None:
            raise AttributeError("%s is a C++ data member: read it from an instance" % self.name)
        address = self._address(obj)
        c = self.converter
        kind = c.kind
        if self.length > 0:
            return _ArrayView(c, address, self.length, obj)
        if kind in ("class_value", "class_ref"):
            return _cffi_objects.bind(_class_factory(c.klass), address, False, None if self.is_static else obj)
        if kind == "class_ptr":
            pointer = ffi.cast("void**", address)[0]
            if pointer == ffi.NULL:
                return None
            return _cffi_objects.bind(_class_factory(c.klass), pointer, False)
        if kind == "charp":
            text = ffi.cast("char**", address)[0]
            return None if text == ffi.NULL else ffi.string(text).decode("utf-8", "replace")
        if kind == "voidp":
            return _capi.address(ffi.cast("void**", address)[0]) or None
        if kind == "unsupported":
            raise TypeError("%s: %s" % (self.name, _cffi_calls.no_conversion(c.type_name)))
        if c.enum:
            return _cffi_calls.enum_value(c, _cffi_calls._read(c, address))
        return _cffi_calls._read(c, address)

    def __set__(self, obj, value):
        if self.is_const:
            raise TypeError("%s is const: it cannot be assigned" % self.name)
        address = self._address(obj)
        c = self.converter
        kind = c.kind
        if kind == "string":
            if not isinstance(value, str):
                raise TypeError("%s: a str is required" % self.name)
            _assign_string(address, value)
            return
        if kind == "class_ptr" and self.length <= 0:  # T*: points at the object (Python keeps owning it)
            try:
                pointer = _cffi_calls._object_pointer(c, value, [])
            except _cffi_calls.Mismatch as mismatch:
                raise TypeError("%s: %s" % (self.name, mismatch))
            if pointer != ffi.NULL:
                _cffi_objects.addressof(value)  # its address is out: reading the member gives this proxy back
            ffi.cast("void**", address)[0] = pointer
            return
        try:
            _cffi_calls.store(c, address, value)
        except _cffi_calls.Mismatch as mismatch:
            raise (ValueError if mismatch.value_error else TypeError)("%s: %s" % (self.name, mismatch))


class _ArrayView(object):
    """A fixed-size array member of builtins: its elements in place (keeps the object alive)."""

    def __init__(self, converter, address, length, owner):
        self._converter, self._address, self._length, self._owner = converter, address, length, owner
        self._step = ffi.sizeof(converter.ctype) if converter.ctype else 0

    def __len__(self):
        return self._length

    def _at(self, index):
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("C++ array index out of range: %d of %d" % (index, self._length))
        return self._address + index * self._step

    def __getitem__(self, index):
        value = _cffi_calls._read(self._converter, self._at(index))
        return _cffi_calls.enum_value(self._converter, value) if self._converter.enum else value

    def __setitem__(self, index, value):
        ffi.cast(self._converter.ctype + "*", self._at(index))[0] = _cffi_calls.convert(self._converter, value, [])

    def __iter__(self):
        for i in range(self._length):
            yield self[i]


def _assign_string(address, text):
    """Assigns text to the std::string at address (its operator=, through the C API)."""
    assign = _string_assign()
    if assign is None:
        raise TypeError("cannot assign a std::string: no operator= of std::string in the loaded dictionaries")
    _cffi_calls.call(assign, None, address, (text,))


_string_assign_function = []


def _string_assign():
    if not _string_assign_function:
        scope = _c.cppyy_get_scope(b"std::string")
        found = None
        for name, methods in scope_info(scope)[4].items() if scope else ():
            if name != "operator=":
                continue
            for fn in _functions(scope, methods):
                if len(fn.args) == 1 and fn.args[0].kind == "string":
                    found = fn
                    break
        _string_assign_function.append(found)
    return _string_assign_function[0]


def data_member(scope, index):
    return DataMember(scope, index)


def namespace_variable(scope, name):
    index = _c.cppyy_datamember_index(scope, _text(name))
    if index < 0:
        return None
    return DataMember(scope, index)


_libraries = []  # libraries load_library opened: kept for the life of the process


def load_library(path):
    """dlopen(path, RTLD_NOW | RTLD_GLOBAL), never closed."""
    import _cffi_backend
    try:
        _libraries.append(_cffi_backend.load_library(os.fsencode(path),
                                                     _cffi_backend.RTLD_NOW | _cffi_backend.RTLD_GLOBAL))
    except OSError as error:
        raise DictionaryError("cannot load %r: %s" % (path, error)) from None
