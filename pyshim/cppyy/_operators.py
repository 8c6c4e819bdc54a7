"""C++ operators as Python protocols: one description, used by every client.

What C++ finds for `a op b` becomes the special method Python calls for it:
  - the class's member operators: operator+(const T&) gives __add__,
    operator-() __neg__, operator[] __getitem__, operator() __call__;
  - free operators of the class's namespace and of the global one, with the
    class in either operand position: `operator*(const V&, double)` gives
    V.__mul__, `operator*(double, const V&)` V.__rmul__ (the reflected form
    Python calls when the left operand does not take the right one), and
    `operator<(double, const V&)` V.__gt__;
  - conversion operators: to bool __bool__ (explicit ones too), to an
    integer type __int__ and __index__, to a floating type __float__, to
    `const char*`, `char*` or std::string __str__; and the text that
    `std::ostream << obj` writes (STREAM_TEXT, a function genreflex adds to
    the class when C++ finds such an operator<<) __str__, before those.
    __repr__ is never changed.

A binary method tries its candidates in order (member operators, then free
ones, then what a base class's proxy has under that name) and calls the first
that takes the arguments; when none does it returns NotImplemented, so Python
tries the other operand's reflected method and in the end raises its own
TypeError, or for == and != falls back to identity. An in-place operator
(`+=`) returns the object itself. m[i, j] calls operator()(i, j) (as cppyy
maps it); m[i] calls operator[], or operator() when the class has no
operator[].

Clients describe a class's operators to protocols() as Operator records and
put what it returns into the class proxy: _scopes for the CPython module and
the _cffi_backend client, _pypy_operators for PyPy's raw _cppyy.
"""

# The function genreflex adds to a class whose objects C++ can write to a
# std::ostream (std::string, the text of `out << obj`).
STREAM_TEXT = "__cpp_str__"

# C++ binary operator -> (method when the class is the left operand, when it is the right one)
BINARY = {
    "+": ("__add__", "__radd__"), "-": ("__sub__", "__rsub__"), "*": ("__mul__", "__rmul__"),
    "/": ("__truediv__", "__rtruediv__"), "%": ("__mod__", "__rmod__"), "&": ("__and__", "__rand__"),
    "|": ("__or__", "__ror__"), "^": ("__xor__", "__rxor__"), "<<": ("__lshift__", "__rlshift__"),
    ">>": ("__rshift__", "__rrshift__"),
    "==": ("__eq__", "__eq__"), "!=": ("__ne__", "__ne__"), "<": ("__lt__", "__gt__"),
    "<=": ("__le__", "__ge__"), ">": ("__gt__", "__lt__"), ">=": ("__ge__", "__le__"),
}
INPLACE = {
    "+=": "__iadd__", "-=": "__isub__", "*=": "__imul__", "/=": "__itruediv__", "%=": "__imod__",
    "&=": "__iand__", "|=": "__ior__", "^=": "__ixor__", "<<=": "__ilshift__", ">>=": "__irshift__",
}
UNARY = {"-": "__neg__", "+": "__pos__", "~": "__invert__"}
# Operators kept as the member overload set itself, under cppyy's names:
# (C++ operator, its operands counting the object, or None for any) -> name
DIRECT = {
    ("[]", 2): "__getitem__", ("()", None): "__call__", ("*", 1): "__deref__", ("->", 1): "__follow__",
    ("++", 1): "__preinc__", ("++", 2): "__postinc__", ("--", 1): "__predec__", ("--", 2): "__postdec__",
    ("=", 2): "__assign__", (",", 2): "__comma__",
}

_INTEGERS = frozenset((  # (not char: clients give a character as str)
    "signed char", "unsigned char", "short", "unsigned short", "int", "unsigned int", "long",
    "unsigned long", "long long", "unsigned long long", "short int", "long int", "long long int",
    "unsigned", "short unsigned int", "long unsigned int", "long long unsigned int", "size_t", "ptrdiff_t",
    "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t", "uint32_t", "int64_t", "uint64_t"))
_FLOATS = frozenset(("float", "double", "long double"))
_STRINGS = frozenset(("std::string", "std::basic_string<char>", "std::__cxx11::basic_string<char>"))
# __str__ prefers what the object prints as to what it converts to
_STR_RANKS = {"stream": 0, "string": 1, "chars": 2}


class Operator(object):
    """One C++ operator of a class, as a client describes it.

    name      the C++ name: "operator+", "operator bool", or STREAM_TEXT
    operands  how many operands C++ applies it to, counting the object (a
              member's arguments and one; a free function's parameters;
              None for an operator() set of several arities)
    position  which operand the class's object is: 0 the left (or only) one,
              1 the right one (free operators only)
    result    its result type as the C API spells it ("int&", "const char*")
    function  what to call, with the operands in C++'s order: a member's
              overload set (the object first) or a free one
    member    True for a member's overload set: it binds as a method by itself
    """
    __slots__ = ("name", "operands", "position", "result", "function", "member")

    def __init__(self, name, operands, position, result, function, member):
        self.name, self.operands, self.position = name, operands, position
        self.result, self.function, self.member = result, function, member


def symbol(name):
    """The operator of a C++ function name ("operator+=" -> "+="), "" for a
    conversion ("operator int"), None for any other name."""
    if not name.startswith("operator") or len(name) == 8:
        return None
    rest = name[8:]
    if rest[0] in " \t":
        word = rest.strip()
        if not word or word.startswith(("new", "delete", "co_await", '"')):
            return None
        if word[0].isalpha() or word[0] == "_" or word.startswith("::"):
            return ""
        return word.replace(" ", "")
    if rest[0].isalnum() or rest[0] == "_":
        return None  # an ordinary name that starts with "operator"
    return rest.replace(" ", "")


def conversion_kind(result):
    """What a conversion to the result type gives: "bool", "int", "float",
    "string" (std::string), "chars" (char*, const char*) or None."""
    words = [w for w in result.replace("&", " ").replace("*", " * ").split() if w not in ("const", "volatile")]
    plain = " ".join(words)
    if plain == "bool":
        return "bool"
    if plain in _INTEGERS:
        return "int"
    if plain in _FLOATS:
        return "float"
    if plain == "char *":
        return "chars"
    if plain in _STRINGS:
        return "string"
    return None


def _text(value):
    """__str__'s str of what a text conversion returned."""
    if value is None:
        return ""
    if type(value) is bytes:
        return value.decode("utf-8", "replace")
    return value if type(value) is str else str(value)


def _made(method, name):
    method.__name__ = name
    method._cpp_protocol = True  # a base's protocol stays a candidate in a derived class's
    return method


# For a binary method that no C++ operator serves: the method Python asks of
# the other operand next (arithmetic: its reflected form; comparisons: the
# swapped one); a reflected method is Python's last try.
_COMPARISONS = ("==", "!=", "<", "<=", ">", ">=")
_NEXT_TRY = {left: right for sym, (left, right) in BINARY.items() if sym not in _COMPARISONS}
_NEXT_TRY.update({"__lt__": "__gt__", "__gt__": "__lt__", "__le__": "__ge__", "__ge__": "__le__"})


def _refused(name, self, other, reasons):
    """What a binary method gives when no C++ operator takes the operands:
    NotImplemented where Python asks the other operand next (== and !=
    always: identity or cppyy.nullptr answers them), else a TypeError saying
    why each operator refused."""
    if name in ("__eq__", "__ne__"):
        return NotImplemented
    next_try = _NEXT_TRY.get(name)
    # (through the classes' dicts: a proxy class's getattr may look a name up in C++)
    if next_try is not None and type(other) is not type(self) and any(
            next_try in vars(klass) for klass in type(other).__mro__):
        return NotImplemented
    raise TypeError("%s(%s, %s): no C++ operator takes these operands: %s" % (
        name, type(self).__name__, type(other).__name__, "; ".join(reasons)))


def _binary(name, candidates):
    """The method for a binary operator: candidates are (function, swapped);
    swapped: the object is C++'s right operand. A null object (ReferenceError)
    leaves == and != to the other operand: cppyy.nullptr answers them."""
    comparison = name in ("__eq__", "__ne__")

    def method(self, other):
        reasons = []
        for function, swapped in candidates:
            try:
                return function(other, self) if swapped else function(self, other)
            except TypeError as error:
                reasons.append(str(error))
            except ReferenceError:
                if comparison:
                    return NotImplemented
                raise
        return _refused(name, self, other, reasons)
    return _made(method, name)


def _inplace(name, candidates):
    functions = [function for function, _ in candidates]

    def method(self, other):
        for function in functions:
            try:
                function(self, other)
            except TypeError:
                continue
            return self  # C++ changed the object (and returns a reference to it)
        return NotImplemented
    return _made(method, name)


def _unary(name, candidates):
    """candidates: (function, is a member's overload set, which binds by itself)."""
    if len(candidates) == 1 and candidates[0][1]:
        return candidates[0][0]
    functions = [function for function, _ in candidates]

    def method(self):
        failures = []
        for function in functions:
            try:
                return function(self)
            except TypeError as error:
                failures.append(str(error))
        raise TypeError("%s: no C++ operator takes the object: %s" % (name, "; ".join(failures)))
    return _made(method, name)


def _converting(name, function, to):
    def method(self):
        return to(function(self))
    return _made(method, name)


def _truth(function):
    def __bool__(self):
        try:
            return bool(function(self))
        except ReferenceError:  # a null pointer result: false, as `if (p)` would test it
            return False
    return _made(__bool__, "__bool__")


def _indexing(subscript, call):
    """__getitem__ of a class with operator(): m[i, j] is operator()(i, j)."""
    def __getitem__(self, index):
        if type(index) is tuple:
            return call(self, *index)
        return subscript(self, index) if subscript is not None else call(self, index)
    return _made(__getitem__, "__getitem__")


def _inherited_protocol(inherited, name):
    value = inherited(name) if inherited is not None else None
    return value if getattr(value, "_cpp_protocol", False) else None


def protocols(operators, inherited=None):
    """{Python name: function} for a class's operators (a list of Operator).
    inherited(name) gives what the class's bases have under a name, or None:
    a protocol made here for a base stays a candidate after the class's own
    (C++ looks in the base's namespace too)."""
    binary, inplace, unary, direct = {}, {}, {}, {}
    conversions = {}  # kind -> (rank, function)
    for op in operators:
        if op.name == STREAM_TEXT:
            conversions["str"] = (_STR_RANKS["stream"], op.function)
            continue
        sym = symbol(op.name)
        if sym is None:
            continue
        if sym == "":
            kind = conversion_kind(op.result)
            if kind in ("string", "chars"):
                rank = _STR_RANKS[kind]
                if rank < conversions.get("str", (99, None))[0]:
                    conversions["str"] = (rank, op.function)
            elif kind is not None and kind not in conversions:
                conversions[kind] = (0, op.function)
            continue
        if op.operands == 2 and sym in BINARY:
            binary.setdefault(BINARY[sym][op.position], []).append((op.function, op.position == 1))
        elif op.operands == 2 and sym in INPLACE and op.position == 0:
            inplace.setdefault(INPLACE[sym], []).append((op.function, False))
        elif op.operands == 1 and sym in UNARY:
            unary.setdefault(UNARY[sym], []).append((op.function, op.member))
        elif op.member:
            for (key, operands), python_name in DIRECT.items():
                if key == sym and operands in (None, op.operands):
                    direct.setdefault(python_name, op.function)
    made = dict(direct)
    for kinds, make in ((binary, _binary), (inplace, _inplace), (unary, _unary)):
        for name, candidates in kinds.items():
            base = _inherited_protocol(inherited, name)
            if base is not None:
                candidates = candidates + [(base, make is _unary)]
            made[name] = make(name, candidates)
    if "__call__" in direct:  # m[i, j] through operator()
        made["__getitem__"] = _indexing(direct.get("__getitem__"), direct["__call__"])
    for kind, (_, function) in conversions.items():
        if kind == "bool":
            made["__bool__"] = _truth(function)
        elif kind == "int":
            made["__int__"] = _converting("__int__", function, int)
            made["__index__"] = _converting("__index__", function, int)
        elif kind == "float":
            made["__float__"] = _converting("__float__", function, float)
        else:
            made["__str__"] = _converting("__str__", function, _text)
    return made


def split_scope(qualified):
    """The parts of a qualified name, split at the `::` outside template arguments."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(qualified):
        c = qualified[i]
        if c == "<":
            depth += 1
        elif c == ">":
            depth -= 1
        elif c == ":" and depth == 0 and qualified.startswith("::", i):
            parts.append(qualified[start:i])
            start = i + 2
            i += 1
        i += 1
    parts.append(qualified[start:])
    return parts


def enclosing_names(qualified):
    """The scopes that enclose a class, innermost first, the global one ("") last."""
    parts = split_scope(qualified)
    return ["::".join(parts[:n]) for n in range(len(parts) - 1, 0, -1)] + [""]


def operand_type(type_name):
    """The class an operand's parameter type names ("const ns::V&" -> "ns::V"),
    None for pointers and builtins' spellings it cannot tell apart."""
    name = type_name.strip()
    if name.endswith("&&"):
        name = name[:-2]
    elif name.endswith("&"):
        name = name[:-1]
    name = name.strip()
    if name.endswith("*") or name.endswith("]"):
        return None
    words = name.split(" ")
    while words and words[0] in ("const", "volatile"):
        words = words[1:]
    while words and words[-1] in ("const", "volatile"):
        words = words[:-1]
    return " ".join(words)


# The free operators this maps (the others, such as operator&& or operator
# new, stay functions of their namespace)
FREE_SYMBOLS = frozenset(list(BINARY) + list(INPLACE) + ["~"])
# Operand types that never name a class (not looked up as scopes)
_BUILTIN_OPERANDS = _INTEGERS | _FLOATS | frozenset(("bool", "char", "wchar_t", "char16_t", "char32_t", "void",
                                                       "std::string", "std::nullptr_t"))

_signatures = {}  # method handle -> (result type, [argument types]): dictionaries are never unloaded
_namespace_operators = {}  # namespace handle -> (its number of functions, {name: [method handles]})


def _operators_of(client, ns):
    """{operator name: [method handles]} of a namespace's free operators,
    listed again only when the namespace has gained functions (a dictionary
    loaded since). Listing, not asking by name: a name no dictionary has
    would be asked of the catalogs (autoloading)."""
    count = client.function_count(ns)
    known = _namespace_operators.get(ns)
    if known is not None and known[0] == count:
        return known[1]
    found = {}
    for name, method in client.operator_functions(ns):
        if symbol(name) in FREE_SYMBOLS:
            found.setdefault(name, []).append(method)
    _namespace_operators[ns] = (count, found)
    return found


def _names_class(client, operand, handle, qualified):
    if operand == qualified:
        return True
    if operand in _BUILTIN_OPERANDS:
        return False
    return client.scope(operand) == handle  # another spelling: a typedef of the class


def free_operators(handle, qualified, client):
    """The Operator records of the free operators C++ finds for a class (its
    scope handle and qualified name): those of its innermost enclosing
    namespace and of the global one that take the class itself as an
    operand, in either position. Each record calls the overload set of every
    function of its name in that namespace, so that C++'s choice among them
    is made as for `a op b`.

    client gives: scope(name), a scope's handle (0 if unknown);
    is_namespace(handle); function_count(scope), how many functions a
    namespace has; operator_functions(scope), [(name, method handle)] of
    those whose name starts with "operator"; signature(method), (result
    type, [argument types]); overload(scope, name), the callable overload
    set of every function of that name."""
    namespaces = []
    for name in enclosing_names(qualified):
        scope = client.scope(name)
        if scope and (name == "" or client.is_namespace(scope)):
            namespaces.append(scope)
            if name != "":
                namespaces.append(client.scope(""))
            break
    records = []
    for ns in namespaces:
        for name, methods in _operators_of(client, ns).items():
            function, seen = None, set()
            for method in methods:
                described = _signatures.get(method)
                if described is None:
                    described = _signatures[method] = client.signature(method)
                result, arguments = described
                for position, argument in enumerate(arguments[:2]):
                    operand = operand_type(argument)
                    if operand is None or (len(arguments), position) in seen:
                        continue
                    if not _names_class(client, operand, handle, qualified):
                        continue
                    seen.add((len(arguments), position))
                    if function is None:
                        function = client.overload(ns, name)
                    records.append(Operator(name, len(arguments), position, result, function, False))
    return records
