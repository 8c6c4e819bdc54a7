"""What std::map and std::set look like from Python, on either interpreter:
the mapping protocol over a map's entries (entry.first, entry.second), the
views m.keys() / m.values() / m.items() and membership through count(). Each
backend (_pypy_containers, _cpython) supplies how to walk a container, read a
present key's value and assign one."""


class MappingView(object):
    """m.keys(), m.values(), m.items(): iterable again and again, with len()."""
    __slots__ = ("_mapping", "_project", "_walk")

    def __init__(self, mapping, project, walk):
        self._mapping, self._project, self._walk = mapping, project, walk

    def __iter__(self):
        project = self._project
        for entry in self._walk(self._mapping):
            yield project(entry)

    def __len__(self):
        return len(self._mapping)

    def __repr__(self):
        return "%s(%r)" % (type(self).__name__, list(self))


def contains(container, key):
    """`key in m` / `value in s`: a key C++ cannot take is in no container."""
    try:
        return container.count(key) != 0
    except (TypeError, ValueError):
        return False


def _same(value):
    return value


def install_mapping(cls, walk, read, assign, erase, convert=_same):
    """Makes cls (a std::map-like class) a Python mapping: `for k in m` in C++ order,
    m[k] (KeyError for a missing key, never C++'s inserting operator[]), m[k] = v
    (an entry it inserted is erased again if the assignment fails), del m[k], `in`,
    get, keys, values, items. read(m, k) gives a present key's value or None if
    the class has no way to; convert turns keys and values into what Python sees."""

    def __getitem__(self, key):
        if not contains(self, key):
            raise KeyError(key)
        return convert(read(self, key))

    def get(self, key, default=None):
        return self[key] if contains(self, key) else default

    def __setitem__(self, key, value):
        inserted = not contains(self, key)
        try:
            assign(self, key, value)
        except BaseException:
            if inserted and erase is not None:  # leave the map as it was
                erase(self, key)
            raise

    def __delitem__(self, key):
        if not contains(self, key) or erase is None:
            raise KeyError(key)
        erase(self, key)

    def __iter__(self):
        for entry in walk(self):
            yield convert(entry.first)

    cls.__iter__ = __iter__
    cls.__contains__ = contains
    views = (("keys", lambda self: MappingView(self, lambda e: convert(e.first), walk)),
             ("values", lambda self: MappingView(self, lambda e: convert(e.second), walk)),
             ("items", lambda self: MappingView(self, lambda e: (convert(e.first), convert(e.second)), walk)),
             ("get", get))
    for name, method in views:
        if name not in cls.__dict__:  # a C++ member of that name stays itself
            setattr(cls, name, method)
    if read is not None:
        cls.__getitem__ = __getitem__
    cls.__setitem__ = __setitem__
    cls.__delitem__ = __delitem__
