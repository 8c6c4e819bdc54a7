"""The PyPy client's Python subclasses of C++ classes (dictionary ABI 1.8,
native API 8; the shared part is _cross): dispatcher objects, the handler
libdictloader calls when C++ calls a virtual function that the Python class
overrides, who keeps whom alive, and Python exceptions that leave an override
and come back.

A dispatcher object knows its Python object by a number (its key), never by a
reference: _selves maps the key to a weak reference while Python owns the
object (so the object does not keep itself alive, and dies with its proxy),
and to the proxy itself while C++ owns it (__python_owns__ = False), until
C++ deletes it (the dispatcher's destructor tells the handler). Before
Python's finalizer deletes an object it tells the object it has no Python
self any more, so the destructor calls no one.

The handler is a cffi callback (PyPy takes its GIL for it). It reads the C++
arguments as a stub's arguments are laid out, calls the Python method, and
writes the result where the override copies it from; what it wrote stays
alive until its next call in the thread. A Python exception is kept (per
thread, by a number, its token) and reported; libdictloader throws a C++
exception for it, and when that comes back through a call
(dictloader_override_exception) the original exception object is raised.
"""
import _thread
from _weakref import ref as _ref
from itertools import count as _count

import _cffi_backend as _cffi

from . import _capi, _cffi_objects
from ._cffi_objects import BORROWED, OWNS_HEAP

ffi = _capi.ffi
_c = None
_calls = None  # _cffi_calls, set by bind (it imports this module)

_int = _cffi.new_primitive_type("int")
_size_t = _cffi.new_primitive_type("size_t")
_void_p = _cffi.new_pointer_type(_cffi.new_void_type())
_intptr_p = _cffi.new_pointer_type(_cffi.new_primitive_type("intptr_t"))
_struct = _cffi.new_struct_type("dictloader_dispatcher")
_cffi.complete_struct_or_union(_struct, [
    ("klass", _size_t, -1), ("size", _size_t, -1), ("num_constructors", _int, -1), ("constructors", _intptr_p, -1),
    ("num_slots", _int, -1), ("slots", _intptr_p, -1), ("delete_object", _void_p, -1), ("set_self", _void_p, -1)])
_Dispatcher_p = _cffi.new_pointer_type(_struct)
_DL_FUNC_VIRTUAL, _DL_FUNC_PURE = 1 << 1, 1 << 2


def bind(capi, calls):
    global _c, _calls
    _c, _calls = capi, calls
    if hasattr(capi, "dictloader_set_override_handler") and _api_version() >= 8:
        capi.dictloader_set_override_handler(_handler)


def _api_version():
    try:
        return _c.dictloader_api_version()
    except AttributeError:
        return 0


class Dispatcher(object):
    """A C++ class's dispatcher: its functions, and its slots (_cross.Slot)."""
    __slots__ = ("scope", "size", "delete", "set_self", "slots", "base_calls")

    def __init__(self, scope, out):
        self.scope = scope
        self.size = out.size
        self.delete = ffi.cast("int(*)(void*, int, void*, void*, char*, size_t)", out.delete_object)
        self.set_self = ffi.cast("void(*)(void*, void*, unsigned char*)", out.set_self)
        self.slots = []
        self.base_calls = None


class ClassDispatch(object):
    """What a Python class deriving from a C++ class is: its dispatcher, the
    slots it overrides (one byte each, C memory set_self points at) and the
    pure virtual functions it leaves without an override."""
    __slots__ = ("dispatcher", "overridden", "missing", "initializer")

    def __init__(self, dispatcher, overridden, missing, initializer):
        self.dispatcher = dispatcher
        self.overridden = ffi.new("unsigned char[]", list(overridden) or [0])
        self.missing = missing
        self.initializer = initializer


_dispatchers = {}  # scope -> Dispatcher, or None: it has none
_records = {}  # scope -> what dispatcher() gives _cross


def dispatcher(scope):
    """(constructor handles, slot records) of scope's dispatcher; None if it has none."""
    if scope in _records:
        return _records[scope]
    found = None
    out = _cffi.newp(_Dispatcher_p)
    if _api_version() >= 8 and _c.dictloader_dispatcher(scope, out):
        d = _dispatchers[scope] = Dispatcher(scope, out)
        constructors = [out.constructors[i] for i in range(out.num_constructors)]
        slots = []
        owner = _capi.take_text(_c.cppyy_scoped_final_name(scope))
        for i in range(out.num_slots):
            handle = out.slots[i]
            name = _capi.take_text(_c.cppyy_method_name(handle))
            arity = _c.cppyy_method_num_args(handle)
            pure = bool(_c.dictloader_method_flags(handle) & _DL_FUNC_PURE)
            text = "%s::%s%s%s" % (owner, name, _capi.take_text(_c.cppyy_method_signature(handle, 0)),
                                   " const" if _c.cppyy_is_const_method(handle) else "")
            slots.append((handle, name, arity, pure, text))
        found = (constructors, slots)  # (register gives d its _cross.Slot objects)
    else:
        _dispatchers[scope] = None
    _records[scope] = found
    return found


def register(cls, scope, initializer, slots):
    """The dispatcher class of scope's proxy (made by _cross): it constructs
    dispatcher objects, and is a class a Python class overrides nothing of."""
    d = _dispatchers[scope]
    d.slots = slots
    for slot in slots:
        _slot_names[slot.handle] = slot
    type.__setattr__(cls, "_cpp_scope", scope)
    type.__setattr__(cls, "_cpp_live", _cffi_objects._table(scope))
    type.__setattr__(cls, "__init__", initializer)
    type.__setattr__(cls, "_cpp_dispatch", ClassDispatch(d, b"\0" * len(slots), "", initializer))
    for function in initializer._cpp_functions:
        function.dispatcher = d


def slots_of(cls):
    return cls._cpp_dispatch.dispatcher.slots


def set_overrides(cls, overridden, missing):
    base = cls._cpp_dispatch
    type.__setattr__(cls, "_cpp_dispatch", ClassDispatch(base.dispatcher, overridden, missing, base.initializer))


def constructing(cls, fn):
    """Before a dispatcher constructor makes an object of Python class cls."""
    missing = cls._cpp_dispatch.missing
    if missing:
        raise TypeError("cannot make a %s: C++ class %s is abstract, and %s does not override its pure virtual "
                        "function%s %s" % (cls.__name__, cls.__cpp_name__, cls.__name__,
                                           "s" if "," in missing else "", missing))


# --- one Python object per dispatcher object -------------------------------------------
_selves = {}  # key -> weak reference (Python owns the object) or the proxy (C++ owns it)
_keys = _count(1)


class SelfKey(object):
    """A dispatcher object's key, in its proxy's _owner."""
    __slots__ = ("key", "dispatcher")

    def __init__(self, key, dispatcher):
        self.key, self.dispatcher = key, dispatcher


def _deleter(d, key, dispatch):
    error = ffi.new("char[512]")

    # (the object reads its class's bytes until it is told otherwise: they live as long)
    def delete(pointer, _overridden=dispatch.overridden):
        _selves.pop(key, None)
        d.set_self(pointer, ffi.NULL, ffi.NULL)  # destroyed by Python: nobody to tell
        if d.delete(pointer, 0, ffi.NULL, ffi.NULL, error, 512):
            print("cppyy: exception in the destructor of a %s: %s"
                  % (_capi.take_text(_c.cppyy_scoped_final_name(d.scope)), ffi.string(error).decode("utf-8", "replace")))
    return delete


def made(instance, fn, raw):
    """(_cpp, _owns, _owner) of instance, whose dispatcher object fn (a
    dispatcher constructor) made at raw: Python owns it; it knows instance."""
    d = fn.dispatcher
    key = next(_keys)
    _selves[key] = _ref(instance)
    d.set_self(raw, ffi.cast("void*", key), type(instance)._cpp_dispatch.overridden)
    pointer = ffi.gc(raw, _deleter(d, key, type(instance)._cpp_dispatch), d.size)
    _cffi_objects.note_made()
    type(instance)._cpp_live.put(_capi.address(raw), instance)  # C++ may hand it back
    return pointer, OWNS_HEAP, SelfKey(key, d)


def is_dispatched(instance):
    return type(getattr(instance, "_owner", None)) is SelfKey


def set_owns(instance, value):
    """__python_owns__ of a dispatcher object's proxy: given to C++, the
    proxy lives until C++ deletes the object."""
    state = instance._owner
    pointer = instance._cpp
    if pointer is None:
        return
    if not value and instance._owns == OWNS_HEAP:
        ffi.gc(pointer, None)
        instance._cpp = ffi.cast("void*", pointer)
        instance._owns = BORROWED
        _selves[state.key] = instance
    elif value and instance._owns == BORROWED:
        instance._cpp = ffi.gc(pointer, _deleter(state.dispatcher, state.key, type(instance)._cpp_dispatch),
                               state.dispatcher.size)
        instance._owns = OWNS_HEAP
        _selves[state.key] = _ref(instance)


def _destroyed(key):
    """C++ deleted the dispatcher object of key: its proxy lets go of it."""
    found = _selves.pop(key, None)
    instance = found() if type(found) is _ref else found
    if instance is None:
        return
    pointer = instance._cpp
    if pointer is not None and instance._owns == OWNS_HEAP:
        ffi.gc(pointer, None)  # C++ deleted it: no second delete
    if pointer is not None:
        type(instance)._cpp_live.pop(_capi.address(pointer))
    instance._cpp, instance._owns = None, BORROWED


# --- Python exceptions across C++ ----------------------------------------------------------
class _Pending(_thread._local):
    def __init__(self):
        self.exceptions = {}  # token -> the exception an override raised, newest last
        self.kept = []  # what the last call's result points at, kept until the next call


_pending = _Pending()
_tokens = _count(1)
_KEPT_EXCEPTIONS = 8  # C++ may catch and drop some: the oldest go


def _keep_exception(error):
    token = next(_tokens)
    exceptions = _pending.exceptions
    exceptions[token] = error
    if len(exceptions) > _KEPT_EXCEPTIONS:
        del exceptions[min(exceptions)]
    return token


def python_exception(error_block, message):
    """The Python exception an override raised, if the C++ exception of a
    call that failed (a DlError, or a stub's message as bytes) is its; else None.
    Those kept from before it were dropped by C++ (a traceback keeps the
    frames of the calls that led to the override, and their objects): they go."""
    if _api_version() < 8:
        return None
    token = _c.dictloader_override_exception(error_block if error_block is not None else ffi.NULL,
                                             message if message is not None else ffi.NULL)
    if not token:
        return None
    exceptions = _pending.exceptions
    for older in [t for t in exceptions if t < token]:
        del exceptions[older]
    return exceptions.pop(token, None)


_describe = []  # _cross.describe: "ValueError: bad value (module.py:12)", the frames let go


# --- the handler ------------------------------------------------------------------------------
_slot_names = {}  # slot handle -> _cross.Slot
_slot_calls = {}  # slot handle -> _SlotCall, or _fast_call's


class Reference(object):
    """A builtin passed to an override by reference (`int&`, `const double&`):
    .value reads it (and writes it, unless const), as cppyy gives it."""
    __slots__ = ("_converter", "_address", "_writable")

    def __init__(self, converter, address, writable):
        self._converter, self._address, self._writable = converter, address, writable

    def _get(self):
        value = _calls._read(self._converter, self._address)
        return _calls.enum_value(self._converter, value) if self._converter.enum else value

    def _set(self, value):
        if not self._writable:
            raise TypeError("a const reference (%s) cannot be assigned" % self._converter.type_name)
        _calls.store(self._converter, self._address, value)

    value = property(_get, _set)

    def __repr__(self):
        return "<C++ reference %s to %r>" % (self._converter.type_name, self._get())


class _SlotCall(object):
    """How one slot's arguments reach Python and its result C++."""
    __slots__ = ("name", "text", "args", "result", "argument_result")

    def __init__(self, slot):
        method = slot.handle
        self.name, self.text = slot.python_name, slot.text
        n = _c.cppyy_method_num_args(method)
        self.args = [_calls.converter_for(_calls.arg_type(method, i), 1) for i in range(n)]
        result_type = _calls.result_type(method)
        self.result = _calls.converter_for(result_type, 1)
        self.argument_result = _calls.converter_for(result_type.rstrip("&") if self.result.ref_result else result_type,
                                                    0)

    def argument(self, c, pointer):
        kind = c.kind
        if kind in ("class_ref", "class_value", "class_ptr"):
            address = ffi.cast("void**", pointer)[0]
            if address == ffi.NULL:
                return None
            return _calls.borrowed_result(c.klass, address, None, c.const_object)
        if kind == "string":
            return _calls._string_text(ffi.cast("void**", pointer)[0])
        if kind == "charp":
            text = ffi.cast("char**", pointer)[0]
            return None if text == ffi.NULL else ffi.string(text).decode("utf-8", "replace")
        if kind == "voidp":
            return _capi.address(ffi.cast("void**", pointer)[0]) or None
        if c.ctype is None and kind != "long double":
            raise TypeError("%s: a C++ %s cannot be passed to Python" % (self.text, c.type_name))
        if c.const_ref:  # int&, const int&: a reference object, as cppyy gives it
            return Reference(c, pointer, c.ref_result)
        value = _calls._read(c, pointer)
        return _calls.enum_value(c, value) if c.enum else value

    def store(self, value, result, kept):
        r = self.result
        kind = r.kind
        if kind == "void":
            return
        c = self.argument_result
        try:
            if kind in ("class_ref", "class_value", "class_ptr"):
                kept.append(value)
                ffi.cast("void**", result)[0] = _calls._object_pointer(c, value, kept)
            elif kind == "string":
                if isinstance(value, str):
                    encoded = value.encode("utf-8")
                    made = _c.cppyy_charp2stdstring(encoded, len(encoded))
                    kept.append(_calls._TemporaryString(made))
                    ffi.cast("void**", result)[0] = made
                else:
                    ffi.cast("void**", result)[0] = _calls.convert(c, value, kept)
            elif kind == "charp":
                pointer = _calls.convert(c, value, kept)
                ffi.cast("char**", result)[0] = pointer
            elif kind == "voidp":
                ffi.cast("void**", result)[0] = _calls.convert(c, value, kept)
            elif kind == "long double":
                _c.cppyy_double2longdouble(_calls.convert(c, value, kept), result)
            elif r.ctype is not None:
                converted = _calls.convert(c, value, kept)
                if kind in ("signed char", "unsigned char") and isinstance(converted, bytes):
                    converted = converted[0]
                ffi.cast(r.ctype + "*", result)[0] = converted
            else:
                raise TypeError("%s: a C++ %s result cannot come from Python" % (self.text, r.type_name))
        except _calls.Mismatch as mismatch:
            raise TypeError("%s returned %r (%s), which is no C++ %s: %s" % (
                self.text, value, type(value).__name__, r.type_name, mismatch)) from None

    def __call__(self, instance, args, result):
        kept = _pending.kept
        _pending.kept = []
        _calls._release(kept)
        values = [self.argument(c, args[i]) for i, c in enumerate(self.args)]
        value = getattr(instance, self.name)(*values)
        self.store(value, result, _pending.kept)


def _instance_of(key):
    found = _selves.get(key)
    instance = found() if type(found) is _ref else found
    if instance is None:
        raise ReferenceError("the Python object of this C++ object is gone")
    return instance


# Plain numbers (no enum, not by reference, not a char, which Python sees as
# bytes) cross without the general code: one typed read per argument, the
# result through the converter's check and one typed write. About half of an
# override's cost on PyPy went to the general code (benchmarks/cross).
def _plain(c):
    plain = c.kind in ("double", "float", "bool") or c.kind in _calls._INTEGERS and "char" not in c.kind
    return plain and not c.enum and not c.const_ref and c.ctype is not None


def _fast_call(slot_call):
    """A call for a slot whose arguments and result are plain numbers (the
    result may be void), else None."""
    result = slot_call.result
    void = result.kind == "void"
    if not all(_plain(c) for c in slot_call.args) or not (void or _plain(result)):
        return None
    name, cast, convert, mismatch = slot_call.name, ffi.cast, _calls.convert, _calls.Mismatch
    argument_types = [ffi.typeof(c.ctype + "*") for c in slot_call.args]
    result_type = None if void else ffi.typeof(result.ctype + "*")
    result_converter = slot_call.argument_result

    def store(value, out):
        if result_type is None:
            return
        try:
            cast(result_type, out)[0] = convert(result_converter, value, None)
        except mismatch:
            slot_call.store(value, out, [])  # raises the TypeError that names the slot

    if len(argument_types) == 1:
        only = argument_types[0]

        def call(instance, args, out):
            store(getattr(instance, name)(cast(only, args[0])[0]), out)
    else:
        def call(instance, args, out):
            store(getattr(instance, name)(*[cast(t, args[i])[0] for i, t in enumerate(argument_types)]), out)
    return call


def _run(key, slot, args, result):
    call = _slot_calls.get(slot)
    if call is None:
        general = _SlotCall(_slot_names[slot])
        call = _slot_calls[slot] = _fast_call(general) or general
    call(_instance_of(key), args, result)


def _handle(self_handle, slot, args, result, token, text, text_size):
    key = _capi.address(self_handle)
    if slot == 0:
        _destroyed(key)
        return 0
    try:
        # (in a frame of its own: the object is on no stack of this running
        # frame, which the exception's traceback keeps)
        _run(key, slot, args, result)
        return 0
    except BaseException as error:  # a KeyboardInterrupt leaves too, and comes back as itself
        message = _describe[0](error).encode("utf-8", "replace")[:max(0, text_size - 1)]
        token[0] = _keep_exception(error)
        ffi.memmove(text, message, len(message))
        text[len(message)] = b"\0"
        return 1


_handler = ffi.callback("int(*)(void*, intptr_t, void**, void*, unsigned long long*, char*, size_t)", _handle)


# --- calls of the C++ implementation from Python --------------------------------------------
def base_call(instance, fn):
    """The slot function that runs fn (a virtual function of a C++ class)
    without virtual dispatch, for a Python object whose dispatcher overrides
    it (else its override would call itself); None where no slot has fn's
    signature."""
    d = type(instance)._cpp_dispatch.dispatcher
    calls = d.base_calls
    if calls is None:
        calls = {}
        owner = _capi.take_text(_c.cppyy_scoped_final_name(d.scope))
        for slot in d.slots:
            function = _calls.Function(slot.handle, d.scope, owner)
            calls[(function.name, tuple(c.type_name for c in function.args), function.is_const)] = function
        d.base_calls = calls
    return calls.get((fn.name, tuple(c.type_name for c in fn.args), fn.is_const))


_cffi_objects._dispatch_key_type = SelfKey
_cffi_objects._dispatch_set_owns = set_owns
