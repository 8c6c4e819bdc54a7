"""Namespaces and class proxies, built lazily from libdictloader's registry:
what a C++ name becomes in Python, decided once per name, for every client.

The client (_client.ext) holds everything on the per-call path (overload sets
with their converters, instances, data-member descriptors): on CPython the
extension module _cppyy_cpython (pyshim/cpython/), on PyPy _cffi_ext over
_cffi_backend. This module only asks it the names of the functions both give.
"""
# the built-in modules, not their pure-Python wrappers: a PyPy start pays for those
from _operator import index as _index
from _struct import calcsize as _calcsize

from . import _enums, _operators, _pythonization
from ._client import ext as _ext
from ._exceptions import Exceptions as _Exceptions, _ExceptionClass
from ._mapping import contains as _contains, install_mapping

CppException = _ext.CppException
DictionaryError = _ext.DictionaryError
addressof = _ext.addressof
# A proxy whose calls prefer const overloads: what `const T&` and `const T*`
# results give. const_view(obj) is the const proxy of obj's object (the hook
# for what hands out const objects otherwise, such as smart pointers to const).
const_view = _ext.const_view
is_const = _ext.is_const
load_reflection_info = _ext.load_reflection_info
add_catalog = _ext.add_catalog

def _template_argument(arg):
    if isinstance(arg, str):
        return arg
    if arg is float:
        return "double"
    if arg is int:
        return "int"
    if arg is str:
        return "std::string"
    if arg is bool:
        return "bool"
    cpp_name = getattr(arg, "__cpp_name__", None)
    if cpp_name is not None:
        return cpp_name
    return str(arg)


def _element_type(template, values):
    """The C++ type a Python sequence's values deduce, as C++17 deduces an
    initializer list's: all of one kind, bool, int, float (or ints and floats:
    double), str (std::string), or one C++ class."""
    values = list(values)
    if not values:
        raise TypeError("%s(): cannot deduce the template arguments from no values: name them, e.g. %s['int']"
                        % (template, template))
    kinds = set(type(v) for v in values)
    if kinds == {bool}:
        return "bool"
    if kinds <= {int}:
        return "int"
    if kinds <= {int, float}:
        return "double"
    if kinds <= {str}:
        return "std::string"
    if len(kinds) == 1:
        name = getattr(kinds.pop(), "__cpp_name__", None)
        if name is not None:
            return name
    raise TypeError("%s(): cannot deduce one C++ type from values of types %s: name the template arguments"
                    % (template, ", ".join(sorted(k.__name__ for k in kinds))))


class _Template(object):
    """std.vector: indexed by template arguments, std.vector['double'] is the instantiation's class."""

    def __init__(self, scope, name):
        self._scope, self._name = scope, name

    def __getitem__(self, args):
        if not isinstance(args, tuple):
            args = (args,)
        full = "%s<%s>" % (self._name, ",".join(_template_argument(a) for a in args))
        qualified = (self._scope.__cpp_name__ + "::" + full) if self._scope.__cpp_name__ else full
        handle = _ext.get_scope(qualified)
        if not handle:
            raise TypeError("%s is in no loaded dictionary: use it in a declaration of the dictionary's headers, "
                            'or add it with genreflex --instantiate "%s"' % (qualified, qualified))
        return _python_class(handle)

    def __call__(self, *args):
        if args and all(isinstance(a, (str, type)) for a in args):
            return self[args]  # cppyy's older spelling: std.vector(int) is std.vector[int]
        if len(args) == 1 and isinstance(args[0], (list, tuple, set, frozenset, dict)):
            return self._deduced(args[0])
        raise TypeError("%s is a class template: name its arguments, e.g. %s['int']" % (self._name, self._name))

    def _deduced(self, values):
        """C++17's deduction from an initializer list: std.vector([1.0, 2.0]) is a std::vector<double>
        holding them; std.map({'a': 1}) a std::map<std::string,int>."""
        if isinstance(values, dict):
            cls = self[(_element_type(self._name, values.keys()), _element_type(self._name, values.values()))]
            made = cls()
            for key, value in values.items():
                made[key] = value
            return made
        made = self[_element_type(self._name, values)]()
        for value in values:
            if hasattr(made, "push_back"):
                made.push_back(value)
            else:  # a set: insert(value) returns a std::pair the dictionary may not describe
                made.insert(made.end(), value)
        return made

    def __repr__(self):
        return "<C++ class template %s>" % self._name


class _FunctionTemplate(object):
    """f of a function template: called, it chooses among the instances by the
    arguments; f['int'] (or f[int], f[3]) is the instance of those template arguments."""

    def __init__(self, handle, owner_name, name, plain, obj=None):
        self._handle, self._owner_name, self._name, self._plain, self._obj = handle, owner_name, name, plain, obj

    def __get__(self, obj, cls=None):
        return self if obj is None else _FunctionTemplate(self._handle, self._owner_name, self._name, self._plain, obj)

    def _bind(self, overload):
        return overload if self._obj is None else overload.__get__(self._obj, type(self._obj))

    def __call__(self, *args):
        if self._plain is None:
            raise TypeError("%s::%s is a function template: name its template arguments, e.g. %s['int']"
                            % (self._owner_name, self._name, self._name))
        try:
            return self._bind(self._plain)(*args)
        except TypeError as error:  # no instance takes them: as PyPy's _cppyy says it
            raise AttributeError("failed to instantiate %s::%s for arguments '%s' (instances: %s)" % (
                self._owner_name, self._name, ", ".join(type(a).__name__ for a in args), error)) from None

    def __getitem__(self, arguments):
        if not isinstance(arguments, tuple):
            arguments = (arguments,)
        full = "%s<%s>" % (self._name, ",".join(_template_argument(a) for a in arguments))
        overload = _ext.namespace_function(self._handle, full)
        if overload is None:
            raise AttributeError("failed to instantiate %s::%s: the dictionary has no such instance (the headers "
                                 "must instantiate it, or a type of the dictionary deduce it)" % (self._owner_name, full))
        return self._bind(overload)

    def __repr__(self):
        return "<C++ function template %s::%s>" % (self._owner_name, self._name)


class _Namespace(object):
    """A C++ namespace: its names are looked up on first use."""

    def __init__(self, handle, cpp_name):
        object.__setattr__(self, "_handle", handle)
        object.__setattr__(self, "__cpp_name__", cpp_name)

    def __getattr__(self, name):
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        value = _lookup(self, self._handle, self.__cpp_name__, name)
        if isinstance(value, _Variable):
            return value.get()
        return value

    def __setattr__(self, name, value):
        if name.startswith("__") and name.endswith("__"):  # what the import system writes on a module
            object.__setattr__(self, name, value)
            return
        found = _lookup(self, self._handle, self.__cpp_name__, name)
        if not isinstance(found, _Variable):
            raise AttributeError("%s::%s is not a C++ variable" % (self.__cpp_name__, name))
        found.set(value)

    def __call__(self, *args, **kwargs):
        raise TypeError("%s is a C++ namespace: it cannot be called or instantiated" % (self.__cpp_name__ or
                                                                                        "the global namespace"))

    def __repr__(self):
        return "<C++ namespace %s>" % (self.__cpp_name__ or "(global)")

    def __dir__(self):  # what was looked up, and every name the loaded dictionaries give the namespace
        from . import _queries
        return sorted(set(self.__dict__) | set(_queries.all_cpp_names(self._handle)))


class _Variable(object):
    __slots__ = ("_descriptor",)

    def __init__(self, descriptor):
        self._descriptor = descriptor

    def get(self):
        return self._descriptor.__get__(None, _Variable)  # no object: static data

    def set(self, value):
        self._descriptor.__set__(None, value)


_BUILTIN_TYPES = {"int": int, "long": int, "short": int, "unsigned int": int, "unsigned long": int,
                  "long long": int, "unsigned long long": int, "unsigned short": int, "signed char": int,
                  "unsigned char": int, "double": float, "float": float, "bool": bool, "char": str,
                  "std::string": None}


_enum_classes = {}  # enum scope handle -> its Python class


def _enum_class_for(handle):
    """The Python class of a C++ enum (its scope handle): an int subclass whose
    values (the enumerators, and enum-typed results and data) are instances of
    it. An unscoped enum's values pass where C++ takes an int; a scoped one's
    (`enum class`) do not. A Python int passes for either."""
    cls = _enum_classes.get(handle)
    if cls is not None:
        return cls
    final, qualified = _ext.scope_info(handle)[:2]
    parent = qualified.rpartition("::")[0]
    values = _ext.enum_values(_ext.get_scope(parent), final) or ()
    cls = _enums.make_enum_class(handle, final, qualified, _ext.is_scoped_enum(handle), values)
    _enum_classes[handle] = cls
    return cls


_ext.set_enum_class_factory(_enum_class_for)


def _cache(owner, name, value):
    if isinstance(owner, _Namespace):
        object.__setattr__(owner, name, value)
    else:
        setattr(owner, name, value)


def _lookup(owner, handle, cpp_name, name):
    qualified = (cpp_name + "::" + name) if cpp_name else name
    if _ext.is_enum(qualified):
        value = _enum_class_for(_ext.get_scope(qualified))
        _cache(owner, name, value)
        return value
    resolved = _ext.resolve_name(qualified)
    if resolved != qualified and resolved in _BUILTIN_TYPES:  # a typedef of a builtin is its Python type
        value = _BUILTIN_TYPES[resolved] or _class_for(_ext.get_scope("std::string"))
        _cache(owner, name, value)
        return value
    scope = _ext.get_scope(qualified)
    if scope:
        info = _ext.scope_info(scope)
        value = _Namespace(scope, info[1]) if info[2] else _python_class(scope)
        _cache(owner, name, value)
        return value
    function = _ext.namespace_function(handle, name)
    if function is not None or _ext.has_method_template(handle, name):
        if _ext.has_method_template(handle, name):
            function = _FunctionTemplate(handle, cpp_name, name, function)
        _cache(owner, name, function)
        return function
    variable = _ext.namespace_variable(handle, name)
    if variable is not None:
        return _Variable(variable)  # not cached: its value is read each time
    if "<" not in name and _is_template(qualified):
        template = _Template(owner, name)
        object.__setattr__(owner, name, template)
        return template
    if qualified in _SMART_MAKERS:
        maker = _SmartMaker(qualified)
        _cache(owner, name, maker)
        return maker
    why = _ext.autoload_error(qualified)  # a catalog names a library that could not be loaded
    raise AttributeError("C++ %s has no name '%s'%s" % ("namespace " + cpp_name if cpp_name else "global namespace",
                                                        name, ": " + why if why else ""))


_SMART_MAKERS = {"std::make_shared": 1, "std::make_unique": 2}  # DlSmartPointerKind


class _SmartMaker(object):
    """std.make_shared and std.make_unique: std.make_shared[T](args...) makes a T
    with these constructor arguments, owned by a new std::shared_ptr<T> (one
    that a loaded dictionary describes), and returns it as the T it holds."""

    def __init__(self, qualified):
        self._name, self._kind = qualified, _SMART_MAKERS[qualified]

    def __getitem__(self, cls):
        if isinstance(cls, str):
            handle = _ext.get_scope(cls)
            if not handle or _ext.scope_info(handle)[2]:
                raise TypeError("%s[%r]: no C++ class of that name in the loaded dictionaries" % (self._name, cls))
            cls = _class_for(handle)
        if isinstance(cls, _ExceptionClass):
            cls = cls._cpp_class
        if not _ext.scope_of_class(cls):
            raise TypeError("%s[]: a C++ class is required, not %r" % (self._name, cls))
        kind = self._kind

        def make(*args):
            return _ext.make_smart(kind, cls, args)
        make.__name__ = "%s<%s>" % (self._name, cls.__cpp_name__)
        return make

    def __repr__(self):
        return "<C++ function template %s>" % self._name


def _is_template(qualified):
    # a class template is known through its instantiations
    return _ext.is_template(qualified)


def _class_attribute(cls, name):
    """What a class proxy finds for a name not in it: nested classes, enums, typedefs (first use)."""
    handle = _ext.scope_of_class(cls)
    try:
        value = _lookup(cls, handle, cls.__cpp_name__, name)
        return value.get() if isinstance(value, _Variable) else value
    except AttributeError:
        raise AttributeError("C++ class %s has no member '%s'" % (cls.__cpp_name__, name)) from None


_ext.set_class_lookup(_class_attribute)

class _OperatorLookup(object):
    """What _operators.free_operators asks of the client."""
    scope = staticmethod(_ext.get_scope)
    is_namespace = staticmethod(_ext.is_namespace)
    function_count = staticmethod(_ext.function_count)
    operator_functions = staticmethod(_ext.operator_functions)
    signature = staticmethod(_ext.method_signature)
    overload = staticmethod(_ext.namespace_function)


def _member_operators(handle, name, handles, overload):
    """The _operators.Operator records of a class's member operator `name`:
    one per number of arguments (operator- is __neg__ and __sub__), except
    operator(), whose overloads of every arity are __call__."""
    signatures = [_ext.method_signature(method) for method in handles]
    if name == "operator()":
        return [_operators.Operator(name, None, 0, signatures[0][0], overload, True)]
    by_arity = {}
    for method, (_, arguments) in zip(handles, signatures):
        by_arity.setdefault(len(arguments), []).append(method)
    records = []
    for arity, group in by_arity.items():
        function = overload if len(by_arity) == 1 else _ext.overload(handle, name, group)
        result = signatures[handles.index(group[0])][0]
        records.append(_operators.Operator(name, arity + 1, 0, result, function, True))
    return records


def _inherited(bases, name):
    """What the bases have under a (special) name, found in their dicts."""
    for base in bases:
        for klass in base.__mro__:
            value = vars(klass).get(name)
            if value is not None:
                return value
    return None


_classes = {}
_DataMemberType = _ext.DataMember
_MethodOverloadType = None  # set below, from the first overload made


def _class_for(handle):
    cls = _classes.get(handle)
    if cls is not None:
        return cls
    final, scoped, is_namespace, base_names, methods, data = _ext.scope_info(handle)
    bases = []
    for base_name in base_names:
        base_handle = _ext.get_scope(base_name)
        if base_handle:
            bases.append(_class_for(base_handle))
    bases = tuple(b for b in bases if not any(issubclass(o, b) for o in bases if o is not b)) or (_ext.Instance,)
    namespace = {"__cpp_name__": scoped, "__module__": "cppyy.gbl", "__slots__": ()}
    global _MethodOverloadType
    operators = []
    for name, handles in methods.items():
        overload = _ext.overload(handle, name, handles)
        if _MethodOverloadType is None and type(overload).__name__ == "CPPOverload":
            _MethodOverloadType = type(overload)
        namespace[name] = overload  # operators too, under their C++ names ("operator[]")
        if name.startswith("operator") or name == _operators.STREAM_TEXT:
            operators += _member_operators(handle, name, handles, overload)
    operators += _operators.free_operators(handle, scoped, _OperatorLookup)
    namespace.update(_operators.protocols(operators, lambda name: _inherited(bases, name)))
    for name in list(namespace):  # function templates: callable and indexed by template arguments
        if not name.startswith("__") and "<" not in name and _ext.has_method_template(handle, name):
            namespace[name] = _FunctionTemplate(handle, scoped, name, namespace[name])
    for full in [n for n in namespace if "<" in n and not n.startswith("operator")]:
        base = full[:full.index("<")]
        if base not in namespace and _ext.has_method_template(handle, base):
            namespace[base] = _FunctionTemplate(handle, scoped, base, None)
    for index in data:
        name = _ext.datamember_name(handle, index)
        namespace[name] = _ext.data_member(handle, index)
    # constructors are called by the class itself (its vectorcall), not through __init__
    constructors = namespace.pop("__init__", None)
    cls = _ext.ClassProxy(final, bases, namespace)
    cls.__qualname__ = scoped
    _ext.register_class(cls, handle, constructors)
    _classes[handle] = cls
    _pythonize(cls, scoped, constructors)
    # member functions left as they are become method descriptors: CPython's
    # fastest call (the pythonizations above keep the overloads they wrap)
    for name, value in list(cls.__dict__.items()):
        if type(value) is _MethodOverloadType:
            setattr(cls, name, _ext.method_descriptor(cls, name, value))
    if _pythonization._pythonizors:  # the user's (cppyy.py.add_pythonization), last
        parts = _operators.split_scope(scoped)
        _pythonization.apply(cls, "::".join(parts[:-1]), parts[-1])
    return cls


_ext.set_class_factory(_class_for)

# C++ exception classes are Python exception classes (_exceptions): what a
# namespace or class gives for one, while C++ objects of it (results) keep
# its class proxy.
_exceptions = _Exceptions(_ext, _class_for)
_python_class = _exceptions.python_class

_ITEM_KINDS = dict.fromkeys(("double", "float", "long double"), ", is not a float")
_ITEM_KINDS.update(dict.fromkeys(("int", "unsigned int", "long", "unsigned long", "long long", "unsigned long long",
                                  "short", "unsigned short", "signed char", "unsigned char"), ", is not an int"))
_ITEM_KINDS.update({"std::string": ", is not a str", "bool": ", is not a bool", "char": ", is not a char"})


def _sequence_to_vector(handle, items):
    """A list or tuple given for a std::vector parameter: a new vector of its items."""
    cls = _class_for(handle)
    vector = cls()
    push_back = vector.push_back
    for index, item in enumerate(items):
        try:
            push_back(item)
        except (TypeError, ValueError) as error:
            value_type = _ext.resolve_name(cls.__cpp_name__ + "::value_type")
            reason = _ITEM_KINDS.get(value_type) or ", is not a %s: %s" % (value_type, error)
            raise TypeError("cannot become %s: item %d, %r (%s)%s"
                            % (cls.__cpp_name__, index, item, type(item).__name__, reason)) from None
    return vector


_ext.set_sequence_to_vector(_sequence_to_vector)


# --- pythonizations by class shape -------------------------------------------
def fast_path_addresses(scope, name):
    handle = _ext.get_scope(scope)
    if not handle:
        raise LookupError("no C++ scope %r" % scope)
    addresses = _ext.fast_path_addresses(handle, name)
    if addresses is None:
        raise LookupError("no function %r in %r" % (name, scope))
    return addresses


def load_library(path):
    if hasattr(_ext, "load_library"):
        return _ext.load_library(path)
    import ctypes
    try:
        ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
    except OSError as error:
        raise DictionaryError("cannot load '%s': %s" % (path, error)) from None


def _vector_getitem(self, index):
    size = self.size()
    if isinstance(index, slice):  # a new vector, as a slice of a list is a list
        return type(self)([self[i] for i in range(*index.indices(size))])
    index = _index(index)
    if index < 0:
        index += size
    if not 0 <= index < size:
        raise IndexError("%s index out of range: %d of %d" % (type(self).__cpp_name__, index, size))
    return self._getitem_unchecked(index)


def _vector_iter(self):
    get = self._getitem_unchecked
    for i in range(self.size()):
        yield get(i)


def _assigning(getitem, call=None):
    """__setitem__ through the reference operator[] (getitem) returns; m[i, j] = x
    through operator() (call), as m[i, j] reads."""
    def __setitem__(self, index, value):
        if isinstance(value, _ext.Instance):
            raise TypeError("v[i] = x is not supported for elements that are C++ objects: change the element "
                            "in place (v[i].member = ...)")
        if type(index) is tuple and call is not None:
            _ext.assign_result(call, self, index, value)
        else:
            _ext.assign_result(getitem if getitem is not None else call,
                               self, index if isinstance(index, tuple) else (index,), value)
    return __setitem__


# --- containers: iteration, std::map as a mapping, std::set as a set -----------------
def _member_type(cpp_name, member):
    scoped = cpp_name + "::" + member
    resolved = _ext.resolve_name(scoped)
    return None if resolved == scoped else resolved


def _walk(container):
    """What the container's iterators dereference to, from begin() to end(), in C++ order."""
    it, end = container.begin(), container.end()
    not_equal = type(it).__dict__.get("operator!=")  # C++'s own, not the __ne__ protocol around it
    try:
        if not_equal is not None:
            while not_equal(it, end):
                yield it.__deref__()
                it.__preinc__()
        else:  # no usable !=: as many steps as there are elements
            for _ in range(container.size()):
                yield it.__deref__()
                it.__preinc__()
    finally:  # the iterators now, not when a garbage collector gets to them
        it.__destruct__()
        end.__destruct__()


def _indexed_iter(container):
    """c[0] ... c[len(c) - 1]: a class with size() and operator[] but no iterators C++ can compare."""
    for index in range(len(container)):
        yield container[index]


def _plain(value):
    """A std::string element as str, as PyPy's containers give it; anything else as it is."""
    if isinstance(value, _ext.Instance) and getattr(type(value), "__cpp_name__", "") == "std::string":
        return _ext.std_string_text(value)
    return value


def _pythonize_mapping(cls, cpp_name, mapped_type, d):
    at, find = d.get("at"), d.get("find")
    inserting = d.get("operator[]")  # C++'s, which inserts

    def read(self, key):
        return at(self, key) if at is not None else find(self, key).__deref__().second

    def assign(self, key, value):
        if inserting is None:
            raise TypeError("cannot assign to %s: its operator[] is not in the dictionary" % cpp_name)
        if isinstance(value, _ext.Instance) or mapped_type not in _BUFFER_FORMATS:  # through operator=
            assign_to = getattr(inserting(self, key), "__assign__", None)
            if assign_to is None:
                raise TypeError("cannot assign a value to %s[...]: %s has no operator= in a loaded "
                                "dictionary" % (cpp_name, mapped_type))
            assign_to(value)
        else:
            _ext.assign_result(inserting, self, (key,), value)

    install_mapping(cls, _walk, read if at is not None or find is not None else None, assign, d.get("erase"),
                    _plain)


def _pythonize_container(cls, name, d):
    if name.startswith("std::vector<") or "begin" not in d or "end" not in d:
        return False
    if not (_ext.get_scope(name + "::iterator") or _ext.get_scope(name + "::const_iterator")):
        return False
    cls.__iter__ = _walk
    if "count" in d and _member_type(name, "key_type") is not None:
        mapped_type = _member_type(name, "mapped_type")
        if mapped_type is not None:
            _pythonize_mapping(cls, name, mapped_type, d)
        else:
            cls.__contains__ = _contains
    return True


def _string_eq(self, other):
    if isinstance(other, str):
        return _ext.std_string_text(self) == other
    if isinstance(other, _ext.Instance) and type(other) is type(self):
        return _ext.std_string_text(self) == _ext.std_string_text(other)
    return NotImplemented


def _string_concatenation(cls, reflected):
    """std::string + std::string (or a str, on either side): a new std::string, as C++'s operator+."""
    def concatenate(self, other):
        if isinstance(other, str):
            other_text = other
        elif type(other) is cls:
            other_text = _ext.std_string_text(other)
        else:
            return NotImplemented
        text = _ext.std_string_text(self)
        return cls(other_text + text if reflected else text + other_text)
    concatenate.__name__ = "__radd__" if reflected else "__add__"
    return concatenate


# std::vector<T> of these T views its elements through the buffer protocol
_BUFFER_FORMATS = {"char": "c", "signed char": "b", "unsigned char": "B", "short": "h", "unsigned short": "H",
                   "int": "i", "unsigned int": "I", "long": "l", "unsigned long": "L", "long long": "q",
                   "unsigned long long": "Q", "float": "f", "double": "d"}


def _is_python_sequence(value):
    """An iterable of items for a container (a list, tuple, range, generator...), not text or a C++ object."""
    return (not isinstance(value, (str, bytes, _ext.Instance, dict))
            and (hasattr(value, "__iter__") or hasattr(value, "__getitem__")))


def _filling(cls, constructors, push_back):
    """__init__ and __iadd__ of a sequence container: from a Python sequence, item by item (push_back)."""
    def __init__(self, *args):
        if len(args) == 1 and _is_python_sequence(args[0]):
            constructors(self)
            for item in args[0]:
                push_back(self, item)
        else:
            constructors(self, *args)

    def __iadd__(self, items):
        if not _is_python_sequence(items):
            return NotImplemented
        for item in items:
            push_back(self, item)
        return self
    cls.__init__ = __init__
    cls.__iadd__ = __iadd__


class _Npos(int):
    """std::string::npos: size_t(-1) (what find() returns for no match), which
    also equals -1, as cppyy's npos does."""

    def __eq__(self, other):
        return int.__eq__(self, other) is True or (isinstance(other, int) and other == -1)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = int.__hash__


_NPOS = _Npos((1 << 64) - 1)  # LP64


def _pythonize_string(cls, constructors):
    """std::string compares and prints as str (its repr is that of its bytes, as cppyy's); text with
    NUL characters is kept whole."""
    cls.__str__ = lambda self: _ext.std_string_text(self)
    cls.__repr__ = lambda self: repr(_ext.std_string_text(self).encode())
    if "npos" not in cls.__dict__:  # the loader's own std::string has no static members
        _ext.set_class_attribute(cls, "npos", _NPOS)
    assign = cls.__dict__.get("operator=")
    if constructors is not None and assign is not None:
        def __init__(self, *args):
            if len(args) == 1 and isinstance(args[0], str) and "\0" in args[0]:
                constructors(self)  # not through const char*, which ends at the first NUL
                assign(self, args[0])
            else:
                constructors(self, *args)
        cls.__init__ = __init__


def _pythonize(cls, name, constructors):
    d = cls.__dict__
    if name == "std::string":  # compares and prints as str
        _pythonize_string(cls, constructors)
        cls.__eq__ = _string_eq
        cls.__ne__ = lambda self, other: not (_string_eq(self, other) is True)
        cls.__hash__ = lambda self: hash(_ext.std_string_text(self))
        cls.__len__ = lambda self: len(_ext.std_string_text(self).encode())
        cls.__add__ = _string_concatenation(cls, False)
        cls.__radd__ = _string_concatenation(cls, True)
        return
    if "size" in d:
        cls.__len__ = lambda self: self.size()
    if "empty" in d and ("begin" in d or "size" in d):  # a container: false when empty, as cppyy's
        empty = d["empty"]
        cls.__bool__ = lambda self: bool(_ext.addressof(self)) and not empty(self)
    push_back = d.get("push_back")
    if constructors is not None and push_back is not None and name.startswith("std::"):
        _filling(cls, constructors, push_back)
    if _pythonize_container(cls, name, d):
        return
    getitem, call = d.get("operator[]"), d.get("operator()")
    if (getitem is not None or call is not None) and "__setitem__" not in d:  # returning T&
        cls.__setitem__ = _assigning(getitem, call)
    if getitem is not None and "size" in d:  # iterates over its size, as cppyy's, not until [] throws
        cls.__iter__ = _indexed_iter
    if name.startswith("std::vector<"):
        value_type = _ext.resolve_name(name + "::value_type")
        fmt = _BUFFER_FORMATS.get(value_type)
        if fmt is not None and _ext.enable_vector_buffer(cls, fmt, _calcsize(fmt)):
            cls.data = lambda self: memoryview(self)  # sized to the vector, writable, keeps it alive
    if name.startswith("std::vector<") and getitem is not None:
        if name == "std::vector<std::string>":  # elements read as str, as on PyPy
            element = getitem
            getitem = lambda self, index: _ext.std_string_text(element(self, index))  # noqa: E731
            assign = _assigning(element)
        elif name == "std::vector<bool>":  # packed bits: no element references
            getitem = lambda self, index: _ext.vector_bool_item(self, index)  # noqa: E731
            assign = lambda self, index, value: _ext.vector_bool_item(self, index, value)  # noqa: E731
        else:
            assign = _assigning(getitem)
        cls._getitem_unchecked = getitem
        cls.__getitem__ = _vector_getitem
        cls.__iter__ = _vector_iter


        def __setitem__(self, index, value):
            size = self.size()
            index = _index(index)
            if index < 0:
                index += size
            if not 0 <= index < size:
                raise IndexError("%s index out of range: %d of %d" % (name, index, size))
            assign(self, index, value)
        cls.__setitem__ = __setitem__
    if name.startswith("std::pair<") and "first" in d and "second" in d:
        cls.__iter__ = lambda self: iter((self.first, self.second))
        cls.__len__ = lambda self: 2


# --- the package's API ------------------------------------------------------------
gbl = _Namespace(_ext.get_scope(""), "")


class _NullPtr(object):
    """cppyy.nullptr: passes for any pointer; equal to every null pointer result
    (a proxy of address 0, a null void* as None or 0), as C++'s p == nullptr.
    Python asks it when the other operand's == does not take it."""

    def __bool__(self):
        return False

    def __repr__(self):
        return "nullptr"

    def __eq__(self, other):
        if other is self or other is None:
            return True
        if isinstance(other, _ext.Instance):
            return _ext.addressof(other) == 0
        if type(other) is int:
            return other == 0
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self):
        return 0


nullptr = _NullPtr()
_ext.set_nullptr(nullptr)



from . import _cross  # noqa: E402,F401  (Python classes deriving from C++ classes)


def bind_object(address, cls, owned=False):
    """The Python object for the C++ object at address, of class cls (a class or its C++ name)."""
    if isinstance(cls, str):
        handle = _ext.get_scope(cls)
        if not handle or _ext.scope_info(handle)[2]:
            raise TypeError("bind_object(): no C++ class %r in the loaded dictionaries" % cls)
        cls = _class_for(handle)
    if isinstance(cls, _ExceptionClass):
        cls = cls._cpp_class
    if address is nullptr:
        address = None
    return _ext.bind_object(address, cls, owned)
