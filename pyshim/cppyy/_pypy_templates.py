"""Class templates by subscript (``std.vector['double']``) on PyPy 7.3.11.

_cppyy's CPPTemplate spells ``vector[float]`` as vector<float> where cppyy on
CPython gives vector<double> (a Python float is a C++ double), and reports a
missing instantiation as "vector<short> does not exist". Here float means
double, and the error names the instantiation and how to add it.
"""
import _cppyy


def _template_class():
    # pythonify.py's CPPTemplate is not exported; its module's functions know it.
    for name in dir(_cppyy):
        namespace = getattr(getattr(_cppyy, name), "__globals__", None)
        if namespace and "CPPTemplate" in namespace:
            return namespace["CPPTemplate"]
    return None


def install():
    template = _template_class()
    if template is None or getattr(template, "_dictloader_wrapped", False):
        return
    instantiate = template.__call__

    def __call__(self, *args):
        args = tuple("double" if arg is float else arg for arg in args)
        try:
            return instantiate(self, *args)
        except TypeError as error:
            if not str(error).endswith("does not exist"):
                raise
            name = "%s<%s>" % (self._name, ",".join(self._arg_to_str(arg) for arg in args))
            scope = getattr(self._scope, "__cpp_name__", "")
            name = scope + "::" + name if scope else name
            raise TypeError("%s is in no loaded dictionary: use it in a declaration of the dictionary's "
                            "headers, or add it with genreflex --instantiate \"%s\"" % (name, name)) from None

    template.__call__ = __call__
    template._dictloader_wrapped = True
