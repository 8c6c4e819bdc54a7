"""The PyPy client's C++ objects: proxies, who owns the object, where it lives.

A proxy holds its object in one slot, _cpp:
  - ffi.new memory holding the object (OWNS_MEMORY): the class's destructor
    has no effect, so the memory is freed with the proxy, with no finalizer;
  - C++ heap storage from the class's allocate (OWNS_BATCH), destroyed with
    its batch: _owner is the batch's table of addresses, under ffi.gc with a
    function that destroys the objects still in it (_cffi_calls.Storage);
  - an object C++'s new made, under ffi.gc with the class's delete
    (OWNS_HEAP): destroyed when the proxy dies;
  - a plain pointer (BORROWED): C++ owns the object;
  - the object a smart pointer holds (OWNS_SMART): _cpp is the raw pointer
    (None for an empty smart pointer), _owner the proxy of the smart pointer
    (std::shared_ptr<T>, std::unique_ptr<T>), which owns or borrows it as
    above; __smartptr__() returns it;
  - None: a null pointer, or an object destroyed with __destruct__.
_const is True for a proxy of an object reached through a `const T&` or
`const T*` result (or made const with const_view): its calls prefer the const
overload of a method that has a non-const twin. It is never a refusal: a
non-const method is still called on it, as cppyy does.
Objects whose address Python code or C++ may hand around (pointer and
reference results, bind_object, addressof) are kept in a table of weak
references, so one address gives one proxy while it lives; objects made by
constructors and by-value results enter it only when their address is first
asked for.
"""
from itertools import count as _count
from time import monotonic as _monotonic
from _weakref import ref as _ref  # the built-in module: `weakref` costs a PyPy start 2 ms

from . import _capi

ffi = _capi.ffi
_c = None
_VOID_P = ffi.typeof("void*")  # (a cast to a type named by a str looks the name up each time)

BORROWED, OWNS_MEMORY, OWNS_HEAP, OWNS_BATCH, OWNS_SMART = 0, 1, 2, 3, 4

# What objects on the C++ heap own (a ClusterSequence's vectors, a string's
# buffer) is memory PyPy's collector does not see: while their proxies wait
# for a major collection, the C++ heap grows, and the C++ code runs on cold
# memory (in the candle benchmark its clustering took 1.7x as long). So the C
# heap's growth is reported to the collector as memory pressure: looked at
# every _SAMPLE-th object Python comes to own on the heap (batches and
# OWNS_HEAP alike), and read at most every _READ_SECONDS, or less often when a
# read is slow (mallinfo2 walks malloc's free lists: from 3 us to 2 ms
# measured), so reading takes at most 1/_READ_SHARE of the time.
#
# Memory pressure only counts towards the next major collection, and PyPy
# decides to start one at a minor collection. Its nursery is half the CPU's
# last-level cache: 240 MB where that is 480 MB, which small proxies take a
# long time to fill, so no minor collection comes while their objects' C++
# heap grows by gigabytes (seen: 3 GB where a 4 MB nursery peaks at 500 MB).
# So after each _STEP_BYTES of growth that came from large objects (on
# average at least _LARGE_BYTES for each object Python came to own meanwhile)
# the client asks for a minor collection and a step of the major one
# (gc.collect_step). Not for many small objects (the candle benchmark: a
# ClusterSequence and 160 PseudoJets an event): their proxies fill the nursery
# soon enough, and the steps, each starting a major collection early, cost
# the candle 5-20% and saved no memory.
_SAMPLE = 16
_READ_SECONDS = 0.005
_READ_SHARE = 50
_STEP_BYTES = 32 << 20
_LARGE_BYTES = 16 << 10
try:
    from __pypy__ import add_memory_pressure as _add_memory_pressure
except ImportError:  # not PyPy: a collector that counts references needs no hint
    _add_memory_pressure = None
try:
    from gc import collect_step as _collect_step
except ImportError:  # not PyPy, or a PyPy before collect_step
    _collect_step = None
_made = _count(1)
_next_read = [0.0]
_grown = [0]  # bytes the C heap grew since the last step's decision
_made_at_decision = [0]  # the count of objects made then


def note_made():
    """Counts one object Python owns on the C++ heap; every _SAMPLE-th one
    reports the C heap's growth to the collector."""
    made = next(_made)
    if made % _SAMPLE or _add_memory_pressure is None:
        return
    now = _monotonic()
    if now < _next_read[0]:
        return
    grew = _c.dictloader_heap_growth()
    read = _monotonic()
    _next_read[0] = read + max(_READ_SECONDS, _READ_SHARE * (read - now))
    if grew:
        _add_memory_pressure(grew)
        _grown[0] += grew
        if _grown[0] >= _STEP_BYTES:
            if _collect_step is not None and _grown[0] >= _LARGE_BYTES * (made - _made_at_decision[0]):
                _collect_step()
            _grown[0] = 0
            _made_at_decision[0] = made


class Instance(object):
    """Base of every class proxy."""
    __slots__ = ("_cpp", "_owns", "_owner", "_const", "__weakref__")
    # a Python class deriving from a C++ class: its _cffi_cross.ClassDispatch
    _cpp_dispatch = None

    def __init__(self, *args):
        # a class that C++ cannot construct (abstract, no public constructor)
        dispatch = type(self)._cpp_dispatch
        if dispatch is not None:  # Base.__init__(self) of an abstract Base: its dispatcher makes it
            return dispatch.initializer(self, *args)
        raise TypeError("C++ class %s cannot be made from Python: it is abstract or has no public constructor"
                        % type(self).__cpp_name__)

    def __destruct__(self):
        """Destroys the C++ object now, if Python owns it."""
        pointer, owns = getattr(self, "_cpp", None), getattr(self, "_owns", BORROWED)
        self._cpp = None
        if pointer is None:
            return
        if owns == OWNS_SMART:  # this proxy lets go of the smart pointer
            self._owner = None
        elif owns == OWNS_HEAP:
            ffi.release(pointer)  # runs its destructor now
        elif owns == OWNS_BATCH:
            _release_from_batch(self._owner, pointer)
            self._owner = None
            _storage_of(type(self)._cpp_scope).destroy(pointer)

    def __smartptr__(self):
        """The smart pointer that holds this object (a std::shared_ptr or
        std::unique_ptr proxy), None if none does."""
        return self._owner if getattr(self, "_owns", BORROWED) == OWNS_SMART else None

    def _get_owns(self):
        return getattr(self, "_owns", BORROWED) != BORROWED

    def _set_owns(self, value):
        if type(getattr(self, "_owner", None)) is _dispatch_key_type:  # a dispatcher object
            _dispatch_set_owns(self, value)
            return
        pointer = getattr(self, "_cpp", None)
        owns = getattr(self, "_owns", BORROWED)
        if pointer is None:
            return
        if owns == OWNS_SMART:
            if not value:
                raise TypeError("a %s held by a smart pointer cannot be handed to C++: pass the object (or its "
                                "__smartptr__()) where a smart pointer is expected" % type(self).__cpp_name__)
            return
        if value and owns == BORROWED:
            self._cpp = ffi.gc(pointer, _deleter(type(self)))
            self._owns = OWNS_HEAP
            note_made()
        elif not value and owns != BORROWED:
            self._cpp = give_to_cpp(self, pointer, owns)
            self._owns = BORROWED
            if owns == OWNS_BATCH:
                self._owner = None

    __python_owns__ = property(_get_owns, _set_owns, doc="Whether Python destroys the C++ object")

    def __bool__(self):
        return getattr(self, "_cpp", None) is not None

    def __repr__(self):
        pointer = getattr(self, "_cpp", None)
        address = _capi.address(pointer) if pointer is not None else 0
        cls = type(self)
        if "__cpp_name__" not in vars(cls):  # a Python class deriving from the C++ one
            return "<%s object (C++ %s) at 0x%x>" % (cls.__name__, cls.__cpp_name__, address)
        return "<C++ %s object at 0x%x>" % (cls.__cpp_name__, address)


def give_to_cpp(instance, pointer, owns):
    """The object as C++ may own it: a heap object C++ can delete. An object in
    storage of the client's (ffi.new memory, or the class's allocate) is first
    moved to a new heap object (the class's move_to_heap) and the original
    destroyed as it was made; one that C++'s new made is released from its
    finalizer."""
    cls = type(instance)
    if owns in (OWNS_MEMORY, OWNS_BATCH):
        storage = _storage_of(cls._cpp_scope)
        move = storage.move_to_heap
        if move is None:
            raise TypeError("a %s that Python holds cannot be handed to C++: the class can be neither moved nor "
                            "copied to the C++ heap" % cls.__cpp_name__)
        moved = move(pointer)
        if moved == ffi.NULL:
            raise MemoryError("moving a %s to the C++ heap failed" % cls.__cpp_name__)
        if owns == OWNS_BATCH:  # the moved-from original, now
            _release_from_batch(instance._owner, pointer)
            storage.destroy(pointer)
        return moved
    plain = ffi.cast("void*", pointer)
    ffi.gc(pointer, None)  # no destructor any more: C++ owns it
    return plain


# set by _cffi_calls (which imports this module)
_storage_of = None  # _cffi_calls.storage_for
_release_from_batch = None  # _cffi_calls.release_from_batch
# set by _cffi_cross: the _owner of a dispatcher object's proxy, and its __python_owns__
_dispatch_key_type = None
_dispatch_set_owns = None


def _deleter(cls):
    scope = cls._cpp_scope
    destruct = _c.cppyy_destruct

    def delete(pointer):
        destruct(scope, pointer)
    return delete


# --- one proxy per address ------------------------------------------------------------
# Per C++ class, address -> a weak reference to the live proxy. No callback
# (on PyPy a weak reference with a callback costs ~0.6 us, one without ~60 ns):
# dead references are purged when the table has doubled since the last purge.
_tables = {}  # scope -> _LiveTable


class _LiveTable(object):
    __slots__ = ("refs", "limit")

    def __init__(self):
        self.refs = {}
        self.limit = 64

    def get(self, address):
        found = self.refs.get(address)
        if found is None:
            return None
        instance = found()
        if instance is None or getattr(instance, "_cpp", None) is None:
            return None
        return instance

    def put(self, address, instance):
        refs = self.refs
        refs[address] = _ref(instance)
        if len(refs) > self.limit:
            # Other threads may put and purge meanwhile: a snapshot (one step
            # under the GIL), and an entry goes only while it is still that
            # dead reference (CI saw a KeyError from two purges at once).
            for key, ref in list(refs.items()):
                if ref() is None and refs.get(key) is ref:
                    refs.pop(key, None)
            self.limit = max(64, 2 * len(refs))

    def pop(self, address):
        self.refs.pop(address, None)


def _table(scope):
    table = _tables.get(scope)
    if table is None:
        table = _tables[scope] = _LiveTable()
    return table


def _live_key(address, const):
    """Where the identity table keeps a proxy: a const view of an object is a
    proxy of its own, beside the plain one (~address, never an address)."""
    return ~address if const else address


def _remember(instance, address):
    type(instance)._cpp_live.put(_live_key(address, getattr(instance, "_const", False)), instance)


def bind(cls, pointer, owned=False, owner=None, const=False):
    """The proxy of the C++ object at pointer (a cdata or an int) as cls: the
    live one if there is one, else a new one (owning it if owned). With const,
    the object's const proxy (const T& and const T* results)."""
    address = pointer if isinstance(pointer, int) else _capi.address(pointer)
    if address == 0:
        instance = Instance.__new__(cls)
        instance._cpp, instance._owns, instance._owner, instance._const = None, BORROWED, None, const
        return instance
    table = cls._cpp_live
    key = _live_key(address, const)
    found = table.get(key)
    if found is not None and type(found) is cls or (found is not None and isinstance(found, cls)):
        if owner is not None and found._owner is None and found._owns == BORROWED:
            found._owner = owner
        return found
    if owned:
        instance = adopt(cls, address)
    else:
        instance = Instance.__new__(cls)
        instance._cpp, instance._owns = ffi.cast(_VOID_P, address), BORROWED
    instance._owner = owner
    instance._const = const
    table.put(key, instance)
    return instance


def adopt(cls, pointer):
    """The proxy of a new object C++'s new made (a stub's result by value, an
    exception's copy), which Python now owns. Not looked up: a dead object's
    proxy may still hold the same address, and would be handed back."""
    instance = Instance.__new__(cls)
    instance._owner, instance._const = None, False
    cdata = ffi.cast(_VOID_P, pointer)
    if cdata == ffi.NULL:
        instance._cpp, instance._owns = None, BORROWED
        return instance
    instance._cpp, instance._owns = ffi.gc(cdata, _deleter(cls)), OWNS_HEAP
    note_made()
    return instance


def is_const(instance):
    """Whether instance is a const proxy (its calls prefer const overloads)."""
    return bool(getattr(instance, "_const", False))


def const_view(instance):
    """The const proxy of instance's object: instance itself if it is one, else
    a proxy that prefers the const overloads, borrowing the object and keeping
    instance alive. The hook for what hands out const objects without a
    `const T&` result (a smart pointer to const T)."""
    if is_const(instance) or getattr(instance, "_cpp", None) is None:
        return instance
    return bind(type(instance), _capi.address(instance._cpp), False, instance, True)


def addressof(instance):
    """The address of the C++ object (an int), 0 if there is none."""
    pointer = getattr(instance, "_cpp", None)
    if pointer is None:
        return 0
    address = _capi.address(pointer)
    _remember(instance, address)  # its address is out: bind_object must find this proxy
    return address
