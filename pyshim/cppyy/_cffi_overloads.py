"""The PyPy client's overload sets: the Python function made for each set of
C++ overloads (a method, a static or free function, a class's constructors).

A fast lane per overload that has an entry and simple argument types is
generated as Python source, once per shape, and compiled into a real module
(its globals are constants to PyPy's JIT); constants (entries, classes,
storage) are closure cells. The lane tests the arguments' types exactly and
calls the entry; whatever it does not take goes to general_call, which tries
the overloads in order with full conversions and calls the first that
converts, once (_cffi_calls: conversions, entries, stubs, results).
"""
import _cffi_backend as _cffi

from . import _cffi_calls as _calls, _cffi_cross, _cffi_objects, _cffi_smart, _enums
from ._cffi_objects import OWNS_SMART
from ._cffi_calls import (ENTRY_CHECKED, _INTEGERS, _NO_LITERAL, Mismatch, _entry_call, _errors, _hooks, _release,
                          _stub_call, call, convert_all, ffi, raise_error, storage_for)


_this_offsets = {}  # (proxy class, declaring scope) -> offset, where it does not depend on the object


def this_pointer(self, fn):
    """The object of a method call, as fn's class (adjusted to that base)."""
    pointer = getattr(self, "_cpp", None)
    if pointer is None:
        raise ReferenceError("%s: the C++ object is null or was destroyed" % fn.prototype())
    actual = type(self)._cpp_scope
    if actual == fn.scope or not actual:
        return pointer
    key = (type(self), fn.scope)
    offset = _this_offsets.get(key)
    if offset is None:
        # an unbound call (Point.__add__(counted, p)), or an operator protocol, may give any object
        if not _calls._c.cppyy_is_subtype(actual, fn.scope):
            raise TypeError("%s needs a %s object, not %s" % (fn.prototype(), fn.owner_name, type(self).__name__))
        offset = _calls._c.cppyy_base_offset(actual, fn.scope, pointer, 1)
        if not _calls._c.cppyy_has_complex_hierarchy(actual):
            _this_offsets[key] = offset
    return ffi.cast("char*", pointer) + offset if offset else pointer


class _Failure(object):
    """Why each candidate refused the arguments."""

    def __init__(self):
        self.reasons = []
        self.sequence = ""
        self.value_error = False


def _count_reason(fn, n):
    if n < fn.required:
        return "takes at least %d arguments (%d given)" % (fn.required, n)
    return "takes at most %d arguments (%d given)" % (len(fn.args), n)


def _unbound(functions, name, self):
    fn = functions[0]
    owner = fn.owner_name.rsplit("::", 1)[-1] if fn.owner_name else ""
    got = "nothing" if self is _NO_SELF else type(self).__name__ + " instance"
    raise TypeError("unbound method %s.%s() needs a %s instance as its first argument (got %s)"
                    % (owner, name, owner, got))


_NO_SELF = object()


def general_call(functions, name, self, args, reference=False):
    """Tries the overloads in order; calls the first whose arguments convert.
    With reference, gives (the raw result, its converter) of a call of a
    function returning a reference, unconverted (assignment through it)."""
    if self is _NO_SELF or (self is not None and not isinstance(self, _hooks["instance_type"])):
        if not all(fn.is_static for fn in functions):
            _unbound(functions, name, self)
    dispatch = getattr(type(self), "_cpp_dispatch", None)
    if dispatch is not None and functions[0].is_constructor and functions[0].dispatcher is None:
        # Base.__init__(self) in a Python subclass: the dispatcher makes the object
        return dispatch.initializer(self, *args)
    failure = None
    # (an assignment through a reference wants the writable overload: never refused for constness)
    const_self = not reference and getattr(self, "_const", False)
    for fn in functions:
        if const_self and fn.const_twin:
            continue  # its const twin, later in the set, is the const object's
        if not fn.required <= len(args) <= len(fn.args):
            if failure is None:
                failure = _Failure()
            failure.reasons.append((fn, _count_reason(fn, len(args))))
            continue
        self_pointer = None
        target = fn
        if dispatch is not None and fn.is_virtual and not reference:
            # Base.f(self) in an override must not call the override again
            target = _cffi_cross.base_call(self, fn) or fn
        if not fn.is_static and not fn.is_constructor:
            self_pointer = this_pointer(self, target)
        try:
            if fn.is_constructor:
                if getattr(self, "_cpp", None) is not None:
                    raise TypeError("the C++ object is already constructed")
                self._cpp, self._owns, self._owner = construct(fn, args, self)
                self._const = False
                return None
            return call(target, self, self_pointer, args, reference)
        except Mismatch as mismatch:
            if failure is None:
                failure = _Failure()
            why = str(mismatch)
            argument = getattr(mismatch, "argument", 0)
            if why.startswith(("a list, ", "a tuple, ")):
                reason = "argument %d, %s" % (argument, why)
                if not failure.sequence:
                    failure.sequence = "%s%s: %s" % (fn.owner_name + "::" if fn.owner_name else "", name, reason)
            else:
                reason = "argument %d ('%s'): %s" % (argument, fn.args[argument - 1].type_name, why)
            failure.value_error = failure.value_error or mismatch.value_error
            failure.reasons.append((fn, reason))
    if len(functions) == 1:
        fn, reason = failure.reasons[0]
        if failure.sequence:
            raise TypeError(failure.sequence)
        raise (ValueError if failure.value_error else TypeError)("%s: %s" % (fn.prototype(), reason))
    text = "".join("\n  %s =>\n    %s" % (fn.prototype(), reason) for fn, reason in failure.reasons)
    raise TypeError("%s%snone of the %d overloads of %s takes these arguments:%s" % (
        failure.sequence, "\n" if failure.sequence else "", len(functions), name, text))


def _enum_ranked(functions, args):
    """The overloads in the order C++ prefers them where enums decide (_enums.rank)."""
    return sorted(functions, key=lambda fn: _enums.rank([c.enum for c in fn.args], args))


def construct(fn, args, instance=None):
    """(the _cpp cdata, _owns, _owner) of a new object made by constructor fn (Mismatch
    if the arguments do not convert); a dispatcher's constructor makes instance's object."""
    temps = []
    try:
        values = convert_all(fn, args, temps)
        if fn.dispatcher is not None:
            _cffi_cross.constructing(type(instance), fn)
        elif fn.entry is not None and len(args) == len(fn.args):
            return _entry_call(fn, None, None, values)
        raw = _stub_call(fn, None, values)
        if raw == ffi.NULL:
            raise MemoryError("%s: no object was made" % fn.prototype())
        if fn.dispatcher is not None:
            return _cffi_cross.made(instance, fn, raw)
        cls = _hooks["class_for"](fn.scope)
        _cffi_objects.note_made()
        return ffi.gc(raw, _cffi_objects._deleter(cls), _calls._c.cppyy_size_of_klass(fn.scope)), \
            _cffi_objects.OWNS_HEAP, None
    finally:
        _release(temps)


# Exact type tests of the fast lane, per argument kind: a value that passes
# converts, and in range (so cffi raises nothing before the call).
def _fast_test(c, name, cell, smart_set=False):
    kind = c.kind
    if c.enum:  # a value of exactly this enum (plain ints take the general lane: see _enum_ranked)
        if kind not in _INTEGERS or "char" in kind:
            return None
        low, high = c.range
        return "type(%s) is %s and %d <= %s <= %d" % (name, cell, low, name, high)
    if kind in _INTEGERS and kind not in ("char", "signed char", "unsigned char"):
        low, high = c.range
        return "type(%s) is int and %d <= %s <= %d" % (name, low, name, high)
    if kind in ("double", "float"):
        return "type(%s) is float" % name
    if kind == "bool":
        return "type(%s) is bool" % name
    if kind in ("class_ref", "class_value", "class_ptr"):
        # an object of the parameter's class itself (no base adjustment), alive;
        # where the set also takes smart pointers, not one a smart pointer
        # holds (the general lane gives it to the smart pointer overload)
        test = "getattr(type(%s), '_cpp_scope', 0) == %s and %s._cpp is not None" % (name, cell, name)
        return test + (" and %s._owns != %d" % (name, OWNS_SMART) if smart_set else "")
    return None


def _fast_result(fn, raw, cells):
    """An expression for the Python result of the entry's raw value, or None."""
    r = fn.result
    kind = r.kind
    if fn.signature[0] in "LQ" and not r.const_ref:  # the entry's type says signed (Function._entry_type)
        raw = "(%s if %s >= 0 else %s + %d)" % (raw, raw, raw, 1 << 64)
    if r.enum:
        if r.const_ref or kind not in _INTEGERS or "char" in kind:
            return None
        cells.append(("N", _hooks["enum_class"](r.enum)))
        return "N%d(%s)" % (len(cells) - 1, raw)
    if kind == "void":
        return "None"
    if r.const_ref:
        if kind in ("double", "float", "bool") or (kind in _INTEGERS and "char" not in kind):
            cells.append(("RT", ffi.typeof(r.ctype + "*")))
            return "cast(%s, %s)[0]" % ("RT%d" % (len(cells) - 1), raw)
        return None
    if kind in ("double", "float", "bool") or (kind in _INTEGERS and "char" not in kind):
        return raw  # cffi gives the C type's value: signed or unsigned as declared
    if kind in ("class_ptr", "class_ref"):
        cells.append(("K", _calls.ResultClass(r.klass)))
        return "borrowed(%s, %s, %s, %s)" % ("K%d" % (len(cells) - 1), raw, "None" if fn.is_static else "self",
                                             r.const_object)
    if kind == "smart_ref":
        cells.append(("K", _cffi_smart.info(r.klass)))
        return "smart_ref(%s, %s, %s)" % ("K%d" % (len(cells) - 1), raw, "None" if fn.is_static else "self")
    return None


_makers = {}


def _fast_lane(functions, role, shape_key):
    """The fast lanes of these overloads: ([(number of arguments given, tests,
    body)], cells, arities), or None when no overload can take one. A
    function whose trailing C++ default arguments are plain literals gets one
    lane per number of arguments a call may give."""
    lines = []
    cells = []
    arities = set()
    smart_set = any(c.kind in ("smart_value", "smart_ref") for fn in functions for c in fn.args)
    for fn in functions:
        if fn.entry is None or len(fn.args) > 6:
            continue
        if role == "constructor" and not fn.is_constructor:
            continue
        for given in range(len(fn.args), fn.required - 1, -1):
            if any(value is _NO_LITERAL for value in fn.defaults[given - fn.required:]):
                break
            lane = _lane(fn, given, cells, smart_set)
            if lane is not None:
                arities.add(given)
                lines.append(lane)
    if not lines:
        return None
    return lines, cells, arities


def _lane(fn, given, cells, smart_set=False):
    """(given, tests, body) of one lane of fn, or None if its types cannot take one."""
    names = ["a%d" % i for i in range(given)]
    tests = []
    for c, name in zip(fn.args, names):
        cell = None
        if c.kind.startswith("class_"):
            cells.append(("P", c.klass))
            cell = "P%d" % (len(cells) - 1)
        elif c.enum:
            cells.append(("N", _hooks["enum_class"](c.enum)))
            cell = "N%d" % (len(cells) - 1)
        test = _fast_test(c, name, cell, smart_set)
        if test is None:
            return None
        tests.append(test)
    out_storage = None
    if fn.is_constructor:
        out_storage = fn.scope
    elif fn.signature[0] == "o":
        out_storage = fn.result.klass
    result = None
    if not fn.is_constructor and out_storage is None:
        result = _fast_result(fn, "r", cells)
        if result is None:
            return None
    cells.append(("E", fn.entry))
    entry = "E%d" % (len(cells) - 1)
    call_args = []
    body = []
    if not fn.is_static and not fn.is_constructor:
        cells.append(("S", fn.scope))
        self_test = "getattr(type(self), '_cpp_scope', 0) == S%d and self._cpp is not None" % (len(cells) - 1)
        if fn.const_twin:  # a const proxy falls through to the twin's lane
            self_test += " and not self._const"
        if fn.is_virtual:  # a Python subclass's object calls its class's own implementation
            self_test += " and type(self)._cpp_dispatch is None"
        tests.insert(0, self_test)
        call_args.append("self._cpp")
    elif fn.is_constructor:  # a Python subclass's object is made by its dispatcher
        tests.insert(0, "type(self)._cpp_dispatch is None")
    store = None
    if out_storage is not None:
        storage = storage_for(out_storage)
        if not storage.in_memory and (storage.allocate is None or storage.destroy is None):
            return None
        cells.append(("T", storage))
        store = "T%d" % (len(cells) - 1)
        if storage.in_memory:
            cells.append(("M", storage.memory_type))
            body.append("out = newp(M%d)" % (len(cells) - 1))
        else:
            cells.append(("A", storage.allocate))
            body.append("out = A%d()" % (len(cells) - 1))
            body.append("if out == NULL: raise MemoryError('no memory for a C++ object')")
        call_args.append("out")
    call_args += ["%s._cpp" % n if c.kind.startswith("class_") else n for c, n in zip(fn.args, names)]
    for value in fn.defaults[given - fn.required:]:  # C++'s default arguments, as literals
        if value is None:
            call_args.append("NULL")
        else:
            cells.append(("D", value))
            call_args.append("D%d" % (len(cells) - 1))
    if fn.entry_kind == ENTRY_CHECKED:
        body.append("error = errors.block")
        call_args.append("error")
    body.append("r = %s(%s)" % (entry, ", ".join(call_args)))
    if fn.entry_kind == ENTRY_CHECKED:
        cells.append(("F", fn.method))
        method = "F%d" % (len(cells) - 1)
        if store is not None:
            body.append("if error[0]: %s.discard(out); raise_error(error, %s)" % (store, method))
        else:
            body.append("if error[0]: raise_error(error, %s)" % method)
    if fn.is_constructor:
        body.append("self._cpp, self._owns, self._owner = %s.owned(out)" % store)
        body.append("self._const = False")
        body.append("return None")
    elif store is not None:
        if fn.result.kind == "smart_value":
            cells.append(("R", _cffi_smart.info(fn.result.klass)))
            body.append("return smart_new(R%d, *%s.owned(out))" % (len(cells) - 1, store))
        else:
            cells.append(("R", _calls.ResultClass(fn.result.klass)))
            body.append("return new_proxy_of(R%d, *%s.owned(out))" % (len(cells) - 1, store))
    else:
        body.append("return " + result)
    return given, tests, body


def make_overload(functions, role, name):
    """The Python function for an overload set: role "method" (self first),
    "static" or "constructor" (__init__). It takes *args: calls with any count
    reach the general lane, which says what is wrong (an unbound call with no
    instance, too many or too few arguments) as C++ would."""
    static = role == "static"
    _calls.mark_const_twins(functions)
    lane = _fast_lane(functions, role, None)
    source = ["def make(general, cells):"]
    lines, cells = [], []
    if lane is not None:
        lines, cells, _ = lane
    for index, (kind, _) in enumerate(cells):
        source.append("    %s%d = cells[%d]" % (kind, index, index))
    source.append("    def function(*args):")
    skip = 0 if static else 1
    for arity, tests, body in lines:
        source.append("        if len(args) == %d:" % (arity + skip))
        if not static:
            source.append("            self = args[0]")
        for i in range(arity):
            source.append("            a%d = args[%d]" % (i, i + skip))
        source.append("            if %s:" % " and ".join(tests or ["True"]))
        for statement in body:
            source.append("                " + statement)
    if static:
        source.append("        return general(None, args)")
    else:
        source.append("        if not args: return general(NO_SELF, args)")
        source.append("        return general(args[0], args[1:])")
    source.append("    return function")
    text = "\n".join(source)
    maker = _makers.get(text)
    if maker is None:
        # compiled into a real module: its globals (and the builtins they
        # reach) are constants to PyPy's JIT, where a plain dict given to exec
        # is looked up on every call
        exec(compile(text, "<cppyy overload>", "exec"), _generated.__dict__)
        maker = _makers[text] = _generated.__dict__.pop("make")

    if len(functions) > 1 and any(fn.enum_args for fn in functions):
        def general(self, args):
            return general_call(_enum_ranked(functions, args), name, self, args)
    else:
        def general(self, args):
            return general_call(functions, name, self, args)

    function = maker(general, [value for _, value in cells])
    function.__name__ = name if role != "constructor" else "__init__"
    function.__doc__ = "\n".join(fn.prototype() for fn in functions)
    function._cpp_functions = functions
    return function


def _class_for_handle(handle):
    return _hooks["class_for"](handle)


_generated = type(_cffi)("cppyy._generated")  # the module the overload sets' code runs in
_generated.__dict__.update({"newp": ffi.new, "NULL": ffi.NULL, "errors": _errors, "raise_error": raise_error,
                            "new_proxy_of": _calls.new_proxy_of, "borrowed": _calls.borrowed_of,
                            "cast": ffi.cast, "smart_new": _cffi_smart.new_result_of,
                            "smart_ref": _cffi_smart.reference_result_of,
                            "NO_SELF": _NO_SELF, "class_for": _class_for_handle, "getattr": getattr, "len": len, "type": type})
