"""The PyPy client's calls: what each C++ type means for a call (libdictloader
decides), one C++ function's conversions, and calling it through its entry or
its stub; where objects Python makes are stored.

A function's entry (dictionary ABI 1.4) is called through cffi in registers: a
checked entry reports a C++ exception in the calling thread's DlError block,
tested after the call. Functions without an entry (older dictionaries,
DICTLOADER_FASTPATH=none, calls that leave non-literal default arguments to
C++) are called through their stubs (the cppyy C API's argument buffers).
The overload sets built on these calls are in _cffi_overloads.
"""
import _thread
from _weakref import ref as _ref
from itertools import count as _count

import _cffi_backend as _cffi

from . import _capi, _cffi_cross, _cffi_objects, _cffi_smart, _enums
from ._cffi_objects import Instance as _Instance

ffi = _capi.ffi
_c = None  # the C API, set by bind()


class CppException(Exception):
    """A C++ exception that escaped a call: its what() text."""


# --- the DlError block and the native API's structs ------------------------------------
_uint32 = _cffi.new_primitive_type("uint32_t")
_int = _cffi.new_primitive_type("int")
_size_t = _cffi.new_primitive_type("size_t")
_char_p = _cffi.new_pointer_type(_cffi.new_primitive_type("char"))
_void_p = _cffi.new_pointer_type(_cffi.new_void_type())


def _struct(name, fields):
    struct = _cffi.new_struct_type(name)
    _cffi.complete_struct_or_union(struct, [(field, ctype, -1) for field, ctype in fields])
    return _cffi.new_pointer_type(struct)


DlError_p = _struct("DlError", [("kind", _uint32), ("reserved", _uint32), ("exception", _void_p),
                                ("type_name", _cffi.new_array_type(_char_p, 256)),
                                ("what", _cffi.new_array_type(_char_p, 1024))])
_Entry_p = _struct("dictloader_entry", [("address", _void_p), ("kind", _int), ("missing", _int),
                                        ("signature", _char_p)])
_ObjectOps_p = _struct("dictloader_object_ops", [
    ("size", _size_t), ("align", _size_t), ("flags", _cffi.new_primitive_type("unsigned int")),
    ("allocate", _void_p), ("destroy", _void_p), ("move_to_heap", _void_p)])

ENTRY_NONE, ENTRY_PLAIN, ENTRY_CHECKED = 0, 1, 2
OBJECT_NO_DESTRUCTOR_EFFECT = 2
OBJECT_POLYMORPHIC = 1 << 16  # DICTLOADER_OBJECT_POLYMORPHIC, native API 11


_uint32_p = _cffi.new_pointer_type(_uint32)


class _ErrorBlocks(_thread._local):
    """One DlError per thread: cffi releases the GIL during a call, so a block
    shared by threads could give one thread's exception to another. The block
    is handed around as a uint32_t* to its first field, kind: testing
    block[0] after a call is one load for the JIT."""

    def __init__(self):
        self.owner = _cffi.newp(DlError_p)
        self.block = _cffi.cast(_uint32_p, self.owner)


_errors = _ErrorBlocks()


def raise_error(error, method):
    """Raises the C++ exception method's checked entry stored in error (a
    DlError, or a uint32_t* to one) and releases it: the Python exception
    itself where a Python override raised it, else as its exception class
    where a dictionary describes one that catches it, else as CppException."""
    error = _cffi.cast(DlError_p, error)
    original = _cffi_cross.python_exception(error, None)
    what = ffi.string(error.what).decode("utf-8", "replace")
    typed = None
    if _has_exception_classes:
        scope = ffi.new("size_t*")
        typed = _typed_exception(_c.dictloader_error_object(method, error, scope), scope[0], what)
    _c.dictloader_error_release(error)
    if original is not None:
        raise original
    if typed is not None:
        raise typed
    raise CppException(what)


def _stub_exception(what):
    """The exception to raise for a stub call of the C API that reported a C++
    exception (status words): typed, as raise_error, else CppException."""
    if _has_exception_classes:
        scope = ffi.new("size_t*")
        typed = _typed_exception(_c.dictloader_call_exception_object(scope), scope[0], what)
        if typed is not None:
            return typed
    return CppException(what)


def _typed_exception(copy, scope, what):
    """The exception of its class (_exceptions, through the factory _scopes
    sets) for copy, a new object of class scope that Python now owns; None if
    there is no copy."""
    if copy == ffi.NULL:
        return None
    proxy = _cffi_objects.adopt(_hooks["class_for"](scope), copy)
    factory = _hooks.get("exception_factory")
    return factory(proxy, what) if factory is not None else None


_has_entries = False
_has_enum_types = False
_has_exception_classes = False
_has_dispatchers = False
_DL_FUNC_VIRTUAL = 1 << 1


def _this_module():
    import sys
    return sys.modules[__name__]


def bind(capi):
    global _c, _has_entries, _has_enum_types, _has_exception_classes
    _c = capi
    _cffi_smart.bind(capi, _hooks)
    try:
        version = capi.dictloader_api_version()
    except AttributeError:
        version = 0
    global _knows_polymorphic
    _knows_polymorphic = version >= 11
    _has_entries = version >= 3
    _has_enum_types = version >= 5
    global _has_dispatchers
    _has_exception_classes = version >= 7
    _has_dispatchers = version >= 8
    if version >= 9:  # this client never calls an overload again after one threw: no guard, all fast paths
        capi.dictloader_set_retry_guard(0)
    _cffi_cross.bind(capi, _this_module())


# Type names with enums named (native API 5), else as the C API spells them.
def arg_type(method, index):
    if _has_enum_types:
        return _capi.take_text(_c.dictloader_method_arg_type(method, index))
    return _capi.take_text(_c.cppyy_method_arg_type(method, index))


def result_type(method):
    if _has_enum_types:
        return _capi.take_text(_c.dictloader_method_result_type(method))
    return _capi.take_text(_c.cppyy_method_result_type(method))


def datamember_type(scope, index):
    if _has_enum_types:
        return _capi.take_text(_c.dictloader_datamember_type(scope, index))
    return _capi.take_text(_c.cppyy_datamember_type(scope, index))


def entry_of(method):
    """(address cdata, kind, signature) of method's entry; kind ENTRY_NONE if none."""
    if not _has_entries:
        return None, ENTRY_NONE, ""
    out = _cffi.newp(_Entry_p)
    if not _c.dictloader_function_entry(method, out) or out.kind not in (ENTRY_PLAIN, ENTRY_CHECKED):
        return None, ENTRY_NONE, ""
    return out.address, out.kind, ffi.string(out.signature).decode()


def object_ops(scope):
    """(size, align, flags, allocate, destroy, move_to_heap) of a class; None if unknown."""
    if not _has_entries:
        return None
    out = _cffi.newp(_ObjectOps_p)
    if not _c.dictloader_object_ops(scope, out):
        return None
    cast = ffi.cast
    allocate = cast("void*(*)(void)", out.allocate) if out.allocate else None
    destroy = cast("void(*)(void*)", out.destroy) if out.destroy else None
    move = cast("void*(*)(void*)", out.move_to_heap) if out.move_to_heap else None
    return out.size, out.align, out.flags, allocate, destroy, move


# --- converters: what a C++ type name means ----------------------------------------------
# kind: (C type of the value, stub result call, (min, max) for integers)
_INTEGERS = {
    "char": ("char", "c", (-128, 255)), "signed char": ("signed char", "c", (-128, 127)),
    "unsigned char": ("unsigned char", "c", (0, 255)), "short": ("short", "h", (-2 ** 15, 2 ** 15 - 1)),
    "unsigned short": ("unsigned short", "h", (0, 2 ** 16 - 1)), "int": ("int", "i", (-2 ** 31, 2 ** 31 - 1)),
    "unsigned int": ("unsigned int", "i", (0, 2 ** 32 - 1)), "long": ("long", "l", (-2 ** 63, 2 ** 63 - 1)),
    "unsigned long": ("unsigned long", "l", (0, 2 ** 64 - 1)),
    "long long": ("long long", "ll", (-2 ** 63, 2 ** 63 - 1)),
    "unsigned long long": ("unsigned long long", "ll", (0, 2 ** 64 - 1)),
}
_FLOATS = {"float": "float", "double": "double", "long double": "long double"}


class Converter(object):
    """How one argument or result type crosses a call. An enum's converter is
    that of its integer kind, with enum set (the enum's scope handle)."""
    __slots__ = ("type_name", "kind", "ctype", "klass", "const_ref", "ref_result", "takes_sequence", "range",
                 "const_object", "enum", "scoped_enum")

    def __init__(self, type_name):
        self.type_name = type_name
        self.kind = "unsupported"
        self.ctype = None
        self.klass = 0
        self.const_ref = False  # a const T& of a builtin or std::string
        self.ref_result = False  # a T& result of a builtin: writable through __setitem__
        self.takes_sequence = False
        self.range = None
        self.const_object = False  # a const T& or const T* of a class: a result's proxy is const
        self.enum = 0
        self.scoped_enum = False


# dictloader_converter_kind (direct_calls.h) -> the kind names used here
_CONVERTER_KINDS = ("unsupported", "void", "bool", "char", "signed char", "unsigned char", "short",
                    "unsigned short", "int", "unsigned int", "long", "unsigned long", "long long",
                    "unsigned long long", "float", "double", "long double", "charp", "string", "class_ref",
                    "class_ptr", "class_value", "voidp", "builtin_ptr", "enum", "smart_value", "smart_ref")
_CONVERT_CONST_REF, _CONVERT_REF_RESULT, _CONVERT_TAKES_SEQUENCE = 1, 2, 4
_CONVERT_CONST_OBJECT, _CONVERT_SCOPED_ENUM = 8, 16
_Converter_p = _struct("dictloader_converter", [("kind", _int), ("flags", _cffi.new_primitive_type("unsigned int")),
                                                ("klass", _size_t)])


def converter_for(written, is_result):
    """The converter of a type as a function's record spells it ("const MyClass&"),
    as an argument (is_result False), a result (True) or data in place (2):
    libdictloader decides (dictloader_converter_for), as for the CPython module."""
    c = Converter(written)
    out = _cffi.newp(_Converter_p)
    _c.dictloader_converter_for(written.encode(), int(is_result), out)
    kind = _CONVERTER_KINDS[out.kind] if 0 <= out.kind < len(_CONVERTER_KINDS) else "unsupported"
    c.kind, c.klass = kind, out.klass
    c.const_ref = bool(out.flags & _CONVERT_CONST_REF)
    c.ref_result = bool(out.flags & _CONVERT_REF_RESULT)
    c.takes_sequence = bool(out.flags & _CONVERT_TAKES_SEQUENCE)
    c.const_object = bool(out.flags & _CONVERT_CONST_OBJECT)
    if kind == "enum":  # its integer kind, and which enum
        element = out.flags >> 8
        kind = _CONVERTER_KINDS[element] if 1 < element <= 13 else "unsupported"  # bool .. unsigned long long
        c.kind, c.klass, c.enum = kind, 0, out.klass
        c.scoped_enum = bool(out.flags & _CONVERT_SCOPED_ENUM)
    if kind == "builtin_ptr":
        element = out.flags >> 8
        c.ctype = _CONVERTER_KINDS[element] if 1 < element <= 16 else None  # bool .. long double
        if c.ctype == "bool":
            c.ctype = "_Bool"
    elif kind in _INTEGERS:
        c.ctype, c.range = _INTEGERS[kind][0], _INTEGERS[kind][2]
    elif kind in _FLOATS:
        c.ctype = _FLOATS[kind]
    elif kind == "bool":
        c.ctype = "_Bool"
    return c


def no_conversion(type_name):
    """Why a type has no conversion: when it is a class that no loaded
    dictionary describes (a header the user did not give genreflex), say so."""
    bare = type_name.replace("const ", "").replace("volatile ", "").rstrip("&*[]0123456789 ").strip()
    if bare and "(" not in bare and not _c.cppyy_is_builtin(bare.encode()) and not _c.cppyy_get_scope(bare.encode()):
        return ("no loaded dictionary describes %s: give genreflex the header that declares it too, or load a "
                "dictionary that describes it" % bare)
    return "no conversion for the C++ type %s" % type_name


# --- one C++ function --------------------------------------------------------------------
_NO_LITERAL = object()


def _literal(text, c):
    """The Python value of a default argument's C++ text when it is a plain
    literal the argument's converter takes (0, -1.5, 2.f, true, nullptr...),
    else _NO_LITERAL (the stub supplies it)."""
    text = text.strip()
    kind = c.kind
    if kind == "bool" and text in ("true", "false"):
        return text == "true"
    if kind in ("class_ptr", "voidp", "charp") and text in ("nullptr", "NULL", "0"):
        return None
    number = text.rstrip("uUlLfF") if not text.lower().startswith("0x") else text.rstrip("uUlL")
    try:
        if kind in _INTEGERS and "char" not in kind:
            value = int(number, 0)
            low, high = c.range
            return value if low <= value <= high else _NO_LITERAL
        if kind in ("double", "float"):
            return float(number)
    except ValueError:
        pass
    return _NO_LITERAL


class Function(object):
    """A C++ function with what its calls need, decided once."""

    def __init__(self, method, scope, owner_name):
        self.method = method
        self.scope = scope
        self.name = _capi.take_text(_c.cppyy_method_name(method))
        self.owner_name = owner_name
        self.is_constructor = bool(_c.cppyy_is_constructor(method))
        self.is_static = bool(_c.cppyy_is_staticmethod(method)) or _c.cppyy_is_namespace(scope)
        self.is_const = bool(_c.cppyy_is_const_method(method))
        # virtual: a Python subclass's object calls its C++ class's own
        # implementation (_cffi_cross.base_call), not its override
        self.is_virtual = _has_dispatchers and bool(_c.dictloader_method_flags(method) & _DL_FUNC_VIRTUAL)
        self.dispatcher = None  # a dispatcher's constructor: its _cffi_cross.Dispatcher
        # a non-const method with a const twin in its overload set (same
        # arguments): not the choice for a const proxy (set by mark_const_twins)
        self.const_twin = False
        n = _c.cppyy_method_num_args(method)
        self.args = [converter_for(arg_type(method, i), False) for i in range(n)]
        self.required = _c.cppyy_method_req_args(method)
        # the C++ default arguments the fast lane can supply itself (simple literals), else None
        self.defaults = [_literal(_capi.take_text(_c.cppyy_method_arg_default(method, i)), self.args[i])
                         for i in range(self.required, n)]
        self.result = None if self.is_constructor else converter_for(result_type(method), True)
        self.enum_args = any(a.enum for a in self.args)
        address, kind, signature = entry_of(method)
        if kind != ENTRY_NONE and not self._entry_usable(signature):
            kind = ENTRY_NONE
        self.entry_kind = kind
        self.signature = signature
        self.entry = None
        if kind != ENTRY_NONE:
            self.entry = ffi.cast(self._entry_type(signature, kind), address)

    def _entry_usable(self, signature):
        if len(signature) != 1 + len(self.args):
            return False
        if any(a.kind == "unsupported" for a in self.args):
            return False
        if self.result is not None and self.result.kind == "unsupported":
            return False
        if self.result is not None and signature[0] == "o" and self.result.kind not in ("class_value", "smart_value"):
            return False  # std::string by value: through the stub (no storage operations for it)
        return True

    def _entry_type(self, signature, kind):
        params = []
        if not self.is_static and not self.is_constructor:
            params.append("void*")
        if self.is_constructor or signature[0] == "o":
            params.append("void*")
        params += [_SIGNATURE_TYPES[code] for code in signature[1:]]
        if kind == ENTRY_CHECKED:
            params.append("void*")
        result = "void" if self.is_constructor or signature[0] in "ov" else _SIGNATURE_TYPES[signature[0]]
        # a 64-bit unsigned result as signed: PyPy's cffi makes a Python int of
        # an unsigned long through a call (~20 ns), of a long in line; the
        # results mask it back (result_value, _cffi_overloads._fast_result)
        result = _SIGNED_RESULTS.get(result, result)
        return "%s(*)(%s)" % (result, ", ".join(params) or "void")

    def prototype(self):
        return "%s%s(%s)%s" % (self.owner_name + "::" if self.owner_name else "", self.name,
                               ", ".join(a.type_name for a in self.args), " const" if self.is_const else "")


_SIGNATURE_TYPES = {"v": "void", "?": "_Bool", "c": "char", "b": "signed char", "B": "unsigned char",
                    "h": "short", "H": "unsigned short", "i": "int", "I": "unsigned int", "l": "long",
                    "L": "unsigned long", "q": "long long", "Q": "unsigned long long", "f": "float",
                    "d": "double", "g": "long double", "w": "wchar_t", "u": "char16_t", "U": "char32_t",
                    "p": "void*"}
_SIGNED_RESULTS = {"unsigned long": "long", "unsigned long long": "long long"}


# --- the general lane: conversions, entries or stubs, results -----------------------------
class Mismatch(Exception):
    """An argument that does not convert (why), before anything reached C++."""

    def __init__(self, why, value_error=False):
        Exception.__init__(self, why)
        self.value_error = value_error


_hooks = {}  # set by _cffi_ext: class_for, instance_type, nullptr, sequence_to_vector, this


def _enum_mismatch(c, value):
    return _enums.mismatch(c.enum, c.type_name, value)


def enum_value(c, value):
    """A result or data value of enum converter c: an instance of its enum's class."""
    if isinstance(value, bytes):  # a one-byte enum read in place
        value = value[0] - (256 if c.kind == "signed char" and value[0] > 127 else 0)
    return _hooks["enum_class"](c.enum)(value)


def _integer(c, value):
    if type(value) is not int and isinstance(value, int):
        why = _enum_mismatch(c, value)
        if why is not None:
            raise Mismatch(why)
    elif c.enum and not isinstance(value, int):
        raise Mismatch("a value of C++ enum %s, or an int, is required" % c.type_name)
    if c.kind in ("char", "signed char", "unsigned char"):
        if isinstance(value, bytes) and len(value) == 1:
            return value if c.ctype == "char" else value[0] - (256 if c.kind == "signed char" and value[0] > 127 else 0)
        if isinstance(value, str) and len(value) == 1:
            if ord(value) > 255:
                raise Mismatch("a character that fits in a C++ char is required")
            code = ord(value)
            return bytes([code]) if c.ctype == "char" else code
    if not isinstance(value, int):
        raise Mismatch("an integer is required")
    low, high = c.range
    if not low <= value <= high:
        raise Mismatch("integer out of range for this %sC++ type" % ("unsigned " if low == 0 else ""), True)
    if c.ctype == "char":
        return bytes([value & 0xff])
    return value


def _object_pointer(c, value, temps):
    """The address to pass for a class argument (adjusted to the parameter's class)."""
    nullable = c.kind == "class_ptr"
    if nullable and (value is None or value is _hooks["nullptr"] or (type(value) is int and value == 0)):
        return ffi.NULL
    if c.takes_sequence and isinstance(value, (list, tuple)):
        try:
            vector = _hooks["sequence_to_vector"](c.klass, value)
        except (TypeError, ValueError) as error:
            raise Mismatch(("a list, " if isinstance(value, list) else "a tuple, ") + str(error))
        temps.append(vector)
        return vector._cpp
    if not isinstance(value, _hooks["instance_type"]):
        # a C++ exception (_exceptions) passes as the object it carries
        value = getattr(value, "_cpp_object", None) if isinstance(value, CppException) else None
        if not isinstance(value, _hooks["instance_type"]):
            raise Mismatch("a C++ object of the parameter's class is required")
    pointer = value._cpp
    actual = type(value)._cpp_scope
    if actual != c.klass:
        if not actual or not _c.cppyy_is_subtype(actual, c.klass):
            raise Mismatch("an object of another class")
        if pointer is not None:
            offset = _c.cppyy_base_offset(actual, c.klass, pointer, 1)
            if offset:
                pointer = ffi.cast("char*", pointer) + offset
    if pointer is None:
        if nullable:
            return ffi.NULL
        raise Mismatch("a null or destroyed object cannot be passed by reference")
    return pointer


def convert(c, value, temps):
    """The value to pass for argument converter c (raises Mismatch)."""
    kind = c.kind
    if kind in _INTEGERS:
        return _integer(c, value)
    if kind in ("double", "float", "long double"):
        if isinstance(value, float):
            return value
        if isinstance(value, int):
            why = _enum_mismatch(c, value) if type(value) is not int else None
            if why is not None:
                raise Mismatch(why)
            try:
                return float(value)
            except OverflowError:
                raise Mismatch("a number that fits in a C++ double is required", True)
        raise Mismatch("a float is required")
    if kind == "bool":
        if value is True or value is False:
            return value
        if isinstance(value, int):
            why = _enum_mismatch(c, value) if type(value) is not int else None
            if why is not None:
                raise Mismatch(why)
            if value in (0, 1):
                return bool(value)
            raise Mismatch("a bool (or 0 or 1) is required", True)
        raise Mismatch("a bool is required")
    if kind == "charp":
        if value is None or value is _hooks["nullptr"]:
            return ffi.NULL
        if isinstance(value, str):
            try:
                value = value.encode("utf-8")
            except UnicodeError:
                raise Mismatch("text that cannot be encoded as UTF-8")
        if isinstance(value, bytes):
            text = ffi.new("char[]", value)  # NUL-terminated, alive for the call
            temps.append(text)
            return text
        raise Mismatch("a str is required")
    if kind == "string":
        if isinstance(value, str):
            try:
                encoded = value.encode("utf-8")
            except UnicodeError:
                raise Mismatch("text that cannot be encoded as UTF-8")
            temporary = _c.cppyy_charp2stdstring(encoded, len(encoded))
            temps.append(_TemporaryString(temporary))
            return temporary
        if isinstance(value, _hooks["instance_type"]) and type(value)._cpp_scope == _string_scope():
            if value._cpp is None:
                raise Mismatch("a null or destroyed object cannot be passed by reference")
            return value._cpp
        raise Mismatch("a str is required")
    if kind in ("class_ref", "class_value", "class_ptr"):
        return _object_pointer(c, value, temps)
    if kind in ("smart_value", "smart_ref"):
        return _cffi_smart.argument(c, value, temps, Mismatch)
    if kind == "builtin_ptr":  # a buffer of the elements (array.array, bytearray, memoryview...)
        if value is None or value is _hooks["nullptr"]:
            return ffi.NULL
        try:
            view = memoryview(value)
        except TypeError:
            raise Mismatch("a buffer of %s (array.array, bytearray, memoryview) or None is required" % c.ctype)
        if c.ctype and view.itemsize != ffi.sizeof(c.ctype):
            raise Mismatch("a buffer of %s (%d-byte items) is required, not of %d-byte items" % (
                c.ctype, ffi.sizeof(c.ctype), view.itemsize))
        pointer = ffi.from_buffer(value, require_writable=False)
        temps.append(pointer)
        return pointer
    if kind == "voidp":
        if value is None or value is _hooks["nullptr"]:
            return ffi.NULL
        if isinstance(value, _hooks["instance_type"]):
            return value._cpp if value._cpp is not None else ffi.NULL
        if isinstance(value, int):
            try:
                return ffi.cast("void*", value)
            except OverflowError:
                raise Mismatch("an address out of range")
        raise Mismatch("a C++ object, an address or None is required")
    raise Mismatch(no_conversion(c.type_name))


class _TemporaryString(object):
    """A std::string made for one call, destroyed after it."""
    __slots__ = ("pointer",)

    def __init__(self, pointer):
        self.pointer = pointer

    def release(self):
        _c.cppyy_destruct(_string_scope(), self.pointer)


def _release(temps):
    for temporary in temps:
        if type(temporary) is _TemporaryString or type(temporary) is _cffi_smart.Temporary:
            temporary.release()


_string_scope_handle = []


def _string_scope():
    if not _string_scope_handle:
        _string_scope_handle.append(_c.cppyy_get_scope(b"std::string"))
    return _string_scope_handle[0]


def _read(c, pointer):
    """The value of a builtin (or std::string) at pointer."""
    if pointer == ffi.NULL:
        raise ReferenceError("a C++ reference result is null")
    kind = c.kind
    if kind == "string":
        return _string_text(pointer)
    if kind == "long double":
        return _c.cppyy_longdouble2double(pointer)
    value = ffi.cast(c.ctype + "*", pointer)[0]
    if kind in ("signed char", "unsigned char"):
        return bytes([value & 0xff])
    return value


def _string_text(pointer):
    size = ffi.new("size_t*")
    text = _c.cppyy_stdstring2charp(pointer, size)
    return ffi.unpack(text, size[0]).decode("utf-8")


def result_value(fn, raw, owner):
    """The Python value of a result (raw as the entry or the stub gave it)."""
    r = fn.result
    if r.enum:
        return enum_value(r, _read(r, raw) if r.const_ref else _integer_result(r, raw))
    kind = r.kind
    if kind == "void":
        return None
    if r.const_ref:
        return _read(r, raw)
    if kind in _INTEGERS:
        if kind in ("char", "signed char", "unsigned char"):
            if isinstance(raw, bytes):
                return raw
            return bytes([raw & 0xff])
        low, high = r.range
        if low == 0:
            return raw & high
        return raw
    if kind == "bool":
        return bool(raw)
    if kind in ("double", "float"):
        return raw
    if kind == "long double":
        return float(raw)  # cffi gives a long double as a cdata
    if kind == "charp":
        return None if raw == ffi.NULL else ffi.string(ffi.cast("char*", raw)).decode("utf-8", "replace")
    if kind == "voidp":
        address = _capi.address(raw)
        return address or None
    if kind in ("class_ptr", "class_ref"):
        return borrowed_result(r.klass, raw, owner, r.const_object)
    if kind == "smart_ref":
        return _cffi_smart.reference_result(r.klass, raw, owner)
    raise TypeError("%s: its result: %s" % (fn.prototype(), no_conversion(r.type_name)))


def _integer_result(r, raw):
    low, high = r.range
    return raw & high if low == 0 else raw


_polymorphic = {}  # class scope -> whether its objects may be of a derived dynamic class
_knows_polymorphic = False  # the loader says so (native API 11): else every class is asked


def polymorphic(klass):
    """Whether an object of class klass may be of a derived dynamic class (it
    has a vtable): only those ask C++ for their dynamic class."""
    found = _polymorphic.get(klass)
    if found is None:
        found = True
        if _knows_polymorphic:
            out = _cffi.newp(_ObjectOps_p)
            if _c.dictloader_object_ops(klass, out):
                found = bool(out.flags & OBJECT_POLYMORPHIC)
        _polymorphic[klass] = found
    return found


_hooks["polymorphic"] = polymorphic


class ResultClass(object):
    """A class whose pointers or references an overload's fast lane returns:
    its proxy class (found at the first result: making classes when their
    lanes are made would make classes without end) and whether its objects
    are asked for their dynamic class."""
    __slots__ = ("klass", "cls", "polymorphic")

    def __init__(self, klass):
        self.klass, self.cls, self.polymorphic = klass, None, polymorphic(klass)

    def proxy_class(self):
        cls = self.cls
        if cls is None:
            cls = self.cls = _hooks["class_for"](self.klass)
        return cls


def borrowed_of(rc, raw, owner, const):
    """borrowed_result for a ResultClass (the overloads' fast lanes)."""
    if rc.polymorphic:
        return borrowed_result(rc.klass, raw, owner, const)
    return _cffi_objects.bind(rc.proxy_class(), _capi.address(raw), False, owner, const)


def borrowed_result(klass, raw, owner, const=False):
    """A pointer or reference result: a proxy of the object's dynamic class
    (as far as a dictionary knows it), keeping owner alive; a const one for
    const T& and const T*."""
    address = _capi.address(raw)
    actual = klass
    if address and polymorphic(klass):
        actual = _c.cppyy_actual_class(klass, raw)
        if actual != klass:
            address += _c.cppyy_base_offset(actual, klass, raw, -1)
    cls = _hooks["class_for"](actual)
    return _cffi_objects.bind(cls, address, False, owner, const)


def mark_const_twins(functions):
    """Marks each non-const method of an overload set that has a const twin
    (same arguments): a const proxy calls the twin instead. The loader lists
    the non-const one first, which a non-const object calls."""
    consts = [fn for fn in functions if fn.is_const and not fn.is_static and not fn.is_constructor]
    if not consts:
        return
    for fn in functions:
        if fn.is_const or fn.is_static or fn.is_constructor:
            continue
        types = [a.type_name for a in fn.args]
        fn.const_twin = any([a.type_name for a in other.args] == types for other in consts)


def _stub_call(fn, self_pointer, values, call=None):
    """Calls fn through its stub with converted values (through the C API's
    argument buffer): the raw result of call(buffer, nargs), by default the
    cppyy_call_* of fn's result kind. A C++ exception is raised as its
    exception class (_stub_exception), or CppException."""
    n = len(values)
    buffer = _c.cppyy_allocate_function_args(n)
    try:
        _fill(fn, buffer, values)
        status = ffi.cast("unsigned long*", ffi.cast("char*", buffer) + 32 * n)
        status[0] = status[1] = 0
        if call is not None:
            raw = call(buffer, n)
        elif fn.is_constructor:
            raw = _c.cppyy_constructor(fn.method, fn.scope, n, buffer)
        else:
            raw = _stub_result_call(fn, self_pointer, n, buffer)
        if status[0]:
            text = ffi.cast("char*", status[1])
            raw_message = ffi.string(text)
            _c.cppyy_free(text)
            status[0] = status[1] = 0
            original = _cffi_cross.python_exception(None, raw_message)
            if original is not None:
                raise original
            raise _stub_exception(raw_message.decode("utf-8", "replace"))
        return raw
    finally:
        _c.cppyy_deallocate_function_args(buffer)


def _fill(fn, buffer, values):
    """Writes converted values into a C API argument buffer."""
    slots = ffi.cast("char*", buffer)
    for i, (c, value) in enumerate(zip(fn.args, values)):
        slot = slots + 32 * i
        kind = c.kind
        if kind in ("class_ref", "class_value", "class_ptr", "voidp", "charp", "string", "builtin_ptr", "smart_value",
                    "smart_ref"):
            ffi.cast("void**", slot)[0] = ffi.cast("void*", value)
        elif kind == "long double":
            _c.cppyy_double2longdouble(value, slot)
        else:
            ffi.cast(c.ctype + "*", slot)[0] = value


def _stub_result_call(fn, self_pointer, n, buffer):
    r = fn.result
    kind = r.kind
    this = self_pointer if self_pointer is not None else ffi.NULL
    m = fn.method
    if r.const_ref or kind in ("class_ptr", "class_ref", "charp", "voidp", "smart_ref"):
        return _c.cppyy_call_r(m, this, n, buffer)
    if kind == "void":
        return _c.cppyy_call_v(m, this, n, buffer)
    if kind == "bool":
        return _c.cppyy_call_b(m, this, n, buffer)
    if kind in _INTEGERS:
        return getattr(_c, "cppyy_call_" + _INTEGERS[kind][1])(m, this, n, buffer)
    if kind == "float":
        return _c.cppyy_call_f(m, this, n, buffer)
    if kind == "double":
        return _c.cppyy_call_d(m, this, n, buffer)
    if kind == "long double":
        return _c.cppyy_call_nld(m, this, n, buffer)
    if kind == "string":
        size = ffi.new("size_t*")
        text = _c.cppyy_call_s(m, this, n, buffer, size)
        try:
            return ffi.unpack(text, size[0]).decode("utf-8") if text != ffi.NULL else ""
        finally:
            _c.cppyy_free(text)
    if kind in ("class_value", "smart_value"):
        return _c.cppyy_call_o(m, this, n, buffer, r.klass)
    raise TypeError("%s: its result: %s" % (fn.prototype(), no_conversion(r.type_name)))


def convert_all(fn, args, temps):
    """The values to pass for args to fn (Mismatch naming the argument if one does not convert)."""
    values = []
    for i, (c, value) in enumerate(zip(fn.args, args)):
        try:
            values.append(convert(c, value, temps))
        except Mismatch as mismatch:
            mismatch.argument = i + 1
            raise
    return values


def call(fn, self_object, self_pointer, args, reference=False):
    """The general lane's call of fn (the arguments convert, or Mismatch is
    raised before C++ is reached): through the entry when all arguments are
    given, else the stub. Returns the Python result."""
    if reference:
        return _reference_call(fn, self_pointer, args)
    temps = []
    try:
        values = convert_all(fn, args, temps)
        if fn.entry is not None and len(args) == len(fn.args) and not (
                fn.result is not None and fn.result.kind == "string" and fn.signature[0] == "o"):
            return _entry_call(fn, self_object, self_pointer, values)
        raw = _stub_call(fn, self_pointer, values)
        if fn.is_constructor:
            return raw
        if fn.result.kind == "string" and not fn.result.const_ref:
            return raw
        if fn.result.kind == "class_value":
            return _cffi_objects.adopt(_hooks["class_for"](fn.result.klass), raw)
        if fn.result.kind == "smart_value":
            return _cffi_smart.heap_result(fn.result.klass, raw)
        return result_value(fn, raw, self_object if not fn.is_static else None)
    finally:
        _release(temps)


def _reference_call(fn, self_pointer, args):
    """(address, result converter) of a call of fn, which returns a reference."""
    r = fn.result
    if not (r.const_ref or r.kind in ("class_ref",)):
        return None, r
    temps = []
    try:
        values = convert_all(fn, args, temps)
        return _c_pointer_call(fn, self_pointer, values), r
    finally:
        _release(temps)


def _c_pointer_call(fn, self_pointer, values):
    """The address fn returns (a pointer or a reference), through its stub."""
    this = self_pointer if self_pointer is not None else ffi.NULL
    return _stub_call(fn, this, values, lambda buffer, n: _c.cppyy_call_r(fn.method, this, n, buffer))


def store(c, address, value):
    """Writes value, converted for c (a builtin), at address (raises Mismatch)."""
    kind = c.kind
    if kind == "long double":
        _c.cppyy_double2longdouble(convert(c, value, []), address)
        return
    if c.ctype is None:
        raise Mismatch("assigning a C++ %s is not supported" % c.type_name)
    converted = convert(c, value, [])
    if kind in ("signed char", "unsigned char") and isinstance(converted, bytes):
        converted = converted[0]
    ffi.cast(c.ctype + "*", address)[0] = converted


def _entry_call(fn, self_object, self_pointer, values):
    params = []
    if not fn.is_static and not fn.is_constructor:
        params.append(self_pointer)
    storage = None
    if fn.is_constructor:
        storage = storage_for(fn.scope)
    elif fn.signature[0] == "o":
        storage = storage_for(fn.result.klass)
    if storage is not None:
        out = storage.new()
        params.append(out)
    params += values
    error = None
    if fn.entry_kind == ENTRY_CHECKED:
        error = _errors.block
        params.append(error)
    raw = fn.entry(*params)
    if error is not None and error[0]:
        if storage is not None:
            storage.discard(out)
        raise_error(error, fn.method)
    if fn.is_constructor:
        return storage.owned(out)
    if storage is not None:
        if fn.result.kind == "smart_value":
            return _cffi_smart.new_result(fn.result.klass, *storage.owned(out))
        return new_proxy(_hooks["class_for"](fn.result.klass), *storage.owned(out))
    return result_value(fn, raw, self_object if not fn.is_static else None)


def new_proxy_of(rc, cdata, owns, owner):
    """new_proxy for a ResultClass (the overloads' fast lanes)."""
    return new_proxy(rc.proxy_class(), cdata, owns, owner)


def new_proxy(cls, cdata, owns, owner):
    """A proxy of a new object Python owns (no identity table: nothing else knows it yet)."""
    instance = _Instance.__new__(cls)
    instance._cpp, instance._owns, instance._owner, instance._const = cdata, owns, owner, False
    return instance


_PROXY_BYTES = 128

# Objects whose destructor has an effect are made in C++ heap storage and
# destroyed in batches: each batch of up to _BATCH objects of one class, made
# one after another, shares one finalizer (ffi.gc on its table of addresses),
# run when the last proxy of the batch dies. On PyPy an object with a
# finalizer survives into the old generation and costs about 1 us to collect:
# one per object is what made Python-made objects cost ~10x their C++ work.
# The storage holds its open batch only weakly, so a batch not yet full is
# collected too. The price: an object's destructor runs when its whole batch
# is gone, so a proxy kept alive holds up to _BATCH - 1 dead neighbours of its
# class (and what they own) with it.
_BATCH = 32

class Storage(object):
    """Where objects of one class live when Python makes them (constructors,
    results by value): ffi.new memory when its destructor has no effect and its
    alignment is at most 16, else C++ heap storage from the class's allocate,
    destroyed by its destroy when its batch is collected."""

    def __init__(self, scope, ops):
        self.scope = scope
        size, align, flags, allocate, destroy, move = ops
        self.size = size
        self.in_memory = bool(flags & OBJECT_NO_DESTRUCTOR_EFFECT) and align <= 16 and size > 0
        self.memory_type = ffi.typeof("char[%d]" % max(size, 1)) if self.in_memory else None
        self.allocate, self.destroy, self.move_to_heap = allocate, destroy, move
        # PyPy's GC counts the proxy and its cdata (about 100 bytes) anyway:
        # the objects of a batch are reported to it as memory pressure, their
        # sizeof (what they own beyond, strings and vectors, is not known here)
        self.batch_pressure = _BATCH * size if size > _PROXY_BYTES else 0
        self.batch = _dead_batch

    def _new_batch(self):
        destroy = self.destroy

        def destroy_batch(table):
            for i in range(_BATCH):
                pointer = table[i]
                if pointer != ffi.NULL:
                    destroy(pointer)

        table = ffi.new(_BATCH_TABLE)
        if self.batch_pressure:
            table = ffi.gc(table, destroy_batch, self.batch_pressure)
        else:
            table = ffi.gc(table, destroy_batch)
        # itertools.count: taking a place is one atomic step, also with threads.
        # The maker takes its place before the batch is published: another
        # thread may fill the whole batch between the two steps (CI saw it).
        places = _count()
        place = next(places)
        self.batch = _ref(table), places
        return table, place

    def new(self):
        if self.in_memory:
            return ffi.new(self.memory_type)
        if self.allocate is None or self.destroy is None:
            raise TypeError("objects of this class cannot be made from Python (abstract, or no public destructor)")
        out = self.allocate()
        if out == ffi.NULL:
            raise MemoryError("no memory for a C++ object")
        return out

    def discard(self, out):
        """Storage from new() in which no object was made (the constructor threw)."""
        if not self.in_memory:
            _c.dictloader_object_deallocate(self.scope, out)

    def owned(self, out):
        """(the _cpp cdata, _owns, _owner) of a new object in out."""
        if self.in_memory:
            return out, _cffi_objects.OWNS_MEMORY, None
        table_ref, places = self.batch
        table = table_ref()
        place = next(places)
        if table is None or place >= _BATCH:
            table, place = self._new_batch()
        table[place] = out
        _cffi_objects.note_made()
        return out, _cffi_objects.OWNS_BATCH, table


_BATCH_TABLE = ffi.typeof("void*[%d]" % _BATCH)
_dead_batch = (lambda: None), _count(_BATCH)


def release_from_batch(table, pointer):
    """Takes an object out of its batch: the batch no longer destroys it."""
    for i in range(_BATCH):
        if table[i] == pointer:
            table[i] = ffi.NULL
            return


_storages = {}


def storage_for(scope):
    found = _storages.get(scope)
    if found is None:
        ops = object_ops(scope)
        if ops is None:
            raise TypeError("no storage operations for this class (a dictionary older than ABI 1.4)")
        found = _storages[scope] = Storage(scope, ops)
    return found


_cffi_objects._storage_of = storage_for
_cffi_objects._release_from_batch = release_from_batch
