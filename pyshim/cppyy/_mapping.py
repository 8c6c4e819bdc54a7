"""What std::map and std::set look like from Python, on either interpreter:
the views m.keys() / m.values() / m.items() and membership through count().
Each backend (_pypy_containers, _cpython) supplies how to walk a container."""


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
