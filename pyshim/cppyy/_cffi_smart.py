"""The PyPy client's smart pointers (dictionary ABI 1.6): a std::shared_ptr<T>
or std::unique_ptr<T> result is a proxy of T (of its dynamic class, as for
pointers), whose _owner is the proxy of the smart pointer that keeps the
object alive (_cffi_objects.OWNS_SMART); that one lives in the smart pointer
class's storage (_cffi_calls.Storage: C++ heap storage destroyed in batches,
a shared_ptr's destructor has an effect). A shared_ptr reached by reference
(a std::vector's element) is copied, so the proxy keeps the object alive, not
the container; a unique_ptr reached by reference is borrowed.

Passing: an object held by a smart pointer goes where T&, T* or a smart
pointer is expected; a smart pointer of another class (shared_ptr<Derived>
for shared_ptr<Base>, shared_ptr<T> for shared_ptr<const T>, also of another
dictionary) is converted by libdictloader into a temporary for the call
(dictloader_smart_convert). An object Python owns is not held by one: make it
with std.make_shared[T](...).
"""
import _cffi_backend as _cffi

from . import _capi, _cffi_objects
from ._cffi_objects import Instance as _Instance, OWNS_SMART

ffi = _capi.ffi
SHARED, UNIQUE = 1, 2

_uint = _cffi.new_primitive_type("unsigned int")
_int = _cffi.new_primitive_type("int")
_size_t = _cffi.new_primitive_type("size_t")
_void_p = _cffi.new_pointer_type(_cffi.new_void_type())
_struct = _cffi.new_struct_type("dictloader_smart_pointer")
_cffi.complete_struct_or_union(_struct, [("kind", _int, -1), ("pointee_const", _int, -1), ("pointee", _size_t, -1),
                                         ("get", _void_p, -1), ("copy", _void_p, -1), ("adopt", _void_p, -1)])
_SmartPointer_p = _cffi.new_pointer_type(_struct)


class Info(object):
    """What a smart pointer class is: kind, T's class, and its functions; and,
    found at its first result, what its results need (the proxy classes, the
    storage of copies), so a result costs no lookups."""
    __slots__ = ("scope", "kind", "pointee", "pointee_const", "get", "copy", "adopt", "pointee_polymorphic",
                 "smart_cls", "pointee_cls", "storage")

    def prepare(self):
        """The proxy classes, found once (not when the Info is made: classes
        are made as results need them)."""
        self.smart_cls = _hooks["class_for"](self.scope)
        if self.pointee:
            self.pointee_cls = _hooks["class_for"](self.pointee)


_infos = {}
_c = None
_hooks = None  # _cffi_calls._hooks (class_for, instance_type, polymorphic)


def bind(capi, hooks):
    global _c, _hooks
    _c, _hooks = capi, hooks


def info(scope):
    """The Info of smart pointer class scope; None if it is not one."""
    found = _infos.get(scope)
    if found is None and scope not in _infos:
        out = _cffi.newp(_SmartPointer_p)
        if _c.dictloader_smart_pointer(scope, out):
            found = Info()
            found.scope, found.kind, found.pointee = scope, out.kind, out.pointee
            found.pointee_const = bool(out.pointee_const)
            found.get = ffi.cast("void*(*)(void*)", out.get)
            found.copy = ffi.cast("void(*)(void*, void*)", out.copy) if out.copy else None
            found.adopt = ffi.cast("int(*)(void*, void*)", out.adopt) if out.adopt else None
            # only a polymorphic T's object may be of a derived class: the others are not asked
            found.pointee_polymorphic = not out.pointee or _hooks["polymorphic"](out.pointee)
            found.smart_cls = found.pointee_cls = found.storage = None
        _infos[scope] = found
    return found


def held(smart_proxy):
    """The proxy of the object smart_proxy (a smart pointer proxy) holds."""
    return _held(info(type(smart_proxy)._cpp_scope), smart_proxy)


def _held(i, smart_proxy):
    pointer = smart_proxy._cpp
    raw = i.get(pointer) if pointer is not None else ffi.NULL
    klass = i.pointee
    if not klass:
        raise TypeError("%s points to a class no loaded dictionary describes" % type(smart_proxy).__cpp_name__)
    if raw == ffi.NULL:
        instance = _Instance.__new__(_hooks["class_for"](klass))
        instance._cpp = None
    elif not i.pointee_polymorphic:  # its own class: no question to C++
        cls = i.pointee_cls
        if cls is None:
            i.prepare()
            cls = i.pointee_cls
        instance = _Instance.__new__(cls)
        instance._cpp = raw
    else:
        actual = _c.cppyy_actual_class(klass, raw)
        if actual != klass:
            offset = _c.cppyy_base_offset(actual, klass, raw, -1)
            if offset:
                raw = ffi.cast("char*", raw) + offset
        instance = _Instance.__new__(_hooks["class_for"](actual))
        instance._cpp = ffi.cast("void*", raw)
    # shared_ptr<const T>: a const proxy, which prefers const overloads
    instance._owns, instance._owner, instance._const = OWNS_SMART, smart_proxy, i.pointee_const
    return instance


def new_result(scope, cdata, owns, owner):
    """The proxy of T for a new smart pointer object (by-value results)."""
    return new_result_of(info(scope), cdata, owns, owner)


def new_result_of(i, cdata, owns, owner):
    """new_result with the smart pointer class's Info (the overloads' fast lanes)."""
    cls = i.smart_cls
    if cls is None:
        i.prepare()
        cls = i.smart_cls
    smart = _Instance.__new__(cls)
    smart._cpp, smart._owns, smart._owner, smart._const = cdata, owns, owner, False
    return _held(i, smart)


def heap_result(scope, raw):
    """The proxy of T for a new smart pointer object that C++'s new made (stub results)."""
    return held(_cffi_objects.adopt(_hooks["class_for"](scope), raw))


def reference_result(scope, raw, owner):
    """The proxy of T for a reference to a smart pointer: a copy of a shared_ptr
    (it keeps the object alive, not what holds the reference), a unique_ptr borrowed."""
    return reference_result_of(info(scope), raw, owner)


def reference_result_of(i, raw, owner):
    """reference_result with the smart pointer class's Info (the overloads' fast lanes)."""
    if raw == ffi.NULL:
        raise ReferenceError("a C++ reference result is null")
    if i.copy is None:
        return _held(i, _cffi_objects.bind(_hooks["class_for"](i.scope), raw, False, owner))
    storage = i.storage
    if storage is None:
        storage = i.storage = _cffi_objects._storage_of(i.scope)
    out = storage.new()
    i.copy(raw, out)
    cdata, owns, owner = storage.owned(out)
    return new_result_of(i, cdata, owns, owner)


class Temporary(object):
    """A smart pointer made for one call (converted), destroyed after it."""
    __slots__ = ("storage", "pointer")

    def __init__(self, storage, pointer):
        self.storage, self.pointer = storage, pointer

    def release(self):
        self.storage.destroy(self.pointer)


def smart_of(value):
    """The smart pointer proxy behind value (an object a smart pointer holds,
    or a smart pointer proxy itself), None if there is none."""
    if getattr(value, "_owns", None) == OWNS_SMART:
        return value._owner
    scope = getattr(type(value), "_cpp_scope", 0)
    if scope and info(scope) is not None:
        return value
    return None


def argument(c, value, temps, mismatch):
    """The address of a smart pointer of class c.klass to pass for value
    (mismatch(why) is raised when it cannot be had)."""
    if not isinstance(value, _Instance):
        raise mismatch("an object held by a %s is required" % _name(c.klass))
    smart = smart_of(value)
    if smart is None:
        raise mismatch("a %s that Python owns is not held by a smart pointer: make it with "
                       "cppyy.gbl.std.make_shared[%s](...) (or make_unique) to pass it as %s" % (
                           type(value).__cpp_name__, type(value).__cpp_name__, _name(c.klass)))
    have = type(smart)._cpp_scope
    if smart._cpp is None:
        raise mismatch("a destroyed smart pointer cannot be passed")
    if have == c.klass:
        return smart._cpp
    i = info(c.klass)
    if i is None or i.kind != SHARED:
        raise mismatch("a std::unique_ptr cannot be passed by value (moved) from Python")
    storage = _cffi_objects._storage_of(c.klass)
    out = storage.new()
    if not _c.dictloader_smart_convert(have, smart._cpp, c.klass, out):
        storage.discard(out)
        raise mismatch("a %s cannot be passed as %s" % (_name(have), _name(c.klass)))
    temps.append(Temporary(storage, out))
    return out


def _name(scope):
    return _capi.take_text(_c.cppyy_scoped_final_name(scope))


def make(kind, klass, args):
    """std.make_shared[T](*args) / std.make_unique[T](*args): a T made by its
    constructor, moved to the C++ heap, owned by a new smart pointer."""
    scope = klass._cpp_scope
    smart_scope = _c.dictloader_smart_pointer_of(scope, kind, 0)
    what = "std::shared_ptr" if kind == SHARED else "std::unique_ptr"
    if not smart_scope:
        raise TypeError("%s<%s> is in no loaded dictionary: a dictionary describes the smart pointers its "
                        "declarations use" % (what, klass.__cpp_name__))
    i = info(smart_scope)
    if i is None or i.adopt is None:
        raise TypeError("%s<%s> cannot own a %s (no public destructor)" % (what, klass.__cpp_name__,
                                                                          klass.__cpp_name__))
    obj = klass(*args)
    heap = _cffi_objects.give_to_cpp(obj, obj._cpp, obj._owns)
    obj._cpp, obj._owns, obj._owner = None, _cffi_objects.BORROWED, None
    storage = _cffi_objects._storage_of(smart_scope)
    out = storage.new()
    if i.adopt(heap, out):
        storage.discard(out)
        raise MemoryError("%s<%s>: allocating its control block failed" % (what, klass.__cpp_name__))
    return new_result(smart_scope, *storage.owned(out))
