"""C++ enums as Python classes, and how enums rank overloads: shared by every
client (dictloader/docs/enums.md has the rules).

Each C++ enum is one int subclass; its values (the enumerators, enum-typed
results and data) are its instances. The class carries the enum's scope
handle (_cpp_enum, the C API's) and whether it is an `enum class`
(_cpp_scoped_enum): an unscoped enum's values pass where C++ takes an int, a
scoped one's do not.
"""


def _enum_repr(value):
    cls = type(value)
    for name, member in cls.__dict__.items():
        if type(member) is cls and int(member) == int(value):
            return "<%s.%s: %d>" % (cls.__name__, name, value)
    return "<%s: %d>" % (cls.__name__, value)


def make_enum_class(handle, final, qualified, scoped, values):
    """The class of the enum `qualified` (scope handle, unqualified name
    final, its [(name, value)])."""
    namespace = {"__cpp_name__": qualified, "__module__": "cppyy.gbl", "__slots__": (),
                 "_cpp_enum": handle, "_cpp_scoped_enum": bool(scoped),
                 "__repr__": _enum_repr, "__str__": int.__repr__}
    cls = type(final, (int,), namespace)
    cls.__qualname__ = qualified
    for name, value in values:
        type.__setattr__(cls, name, cls(value))
    return cls


def enum_of(value):
    """The enum scope handle of a value of an enum class, else 0."""
    cls = type(value)
    return 0 if cls is int else getattr(cls, "_cpp_enum", 0)


def rank(parameter_enums, args):
    """How far a function whose parameters are of the enums parameter_enums
    (a scope handle each, 0 for a parameter of another type) is from what C++
    would prefer for args: 0 is best. For a value of an enum, a parameter of
    exactly that enum before any other (an integer one takes it by promotion);
    for a plain int, any other parameter before an enum one (C++ would not
    convert it at all). Sorting overloads by it, stably, keeps the order of
    declaration otherwise: a plain int where overloads differ only by enum
    type calls the first declared."""
    score = 0
    for wanted, value in zip(parameter_enums, args):
        cls = type(value)
        if cls is int:
            score += 1 if wanted else 0
        else:
            given = getattr(cls, "_cpp_enum", 0)
            if given:
                score += 0 if given == wanted else 1
    return score


def mismatch(wanted, target, value):
    """Why value does not pass for a parameter of enum wanted (0: not an
    enum) of type `target`, or None: a value of another enum is no enum
    parameter's (C++ converts no enum to another), and a scoped enum's is no
    other parameter's."""
    cls = type(value)
    given = 0 if cls is int else getattr(cls, "_cpp_enum", 0)
    if not given:
        return None
    if wanted:
        return None if given == wanted else "a value of C++ enum %s, not of %s" % (cls.__cpp_name__, target)
    if cls._cpp_scoped_enum:
        return "a value of the scoped enum %s does not convert to %s (C++ enum class): pass int(value)" % (
            cls.__cpp_name__, target)
    return None
