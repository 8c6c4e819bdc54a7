"""libdictloader's C API and native API for the PyPy client, through _cffi_backend.

The functions are declared by their C types (the backend's own small parser:
no cdef, no pycparser, nothing to slow the import) and looked up on first use.
The handles: cppyy_scope_t is size_t, cppyy_method_t intptr_t.
"""
import _cffi_backend as _cffi

ffi = _cffi.FFI()

# name: C function type (without the name)
_SIGNATURES = {
    # native API (dictloader.h, direct_calls.h)
    "dictloader_load": "int(*)(char*)",
    "dictloader_last_error": "char*(*)(void)",
    "dictloader_autoload_error": "char*(*)(char*)",
    "dictloader_add_catalog": "int(*)(char*)",
    "dictloader_api_version": "int(*)(void)",
    "dictloader_set_retry_guard": "int(*)(int)",
    "dictloader_add_rootmaps": "int(*)(char*)",
    "dictloader_set_debug": "int(*)(int)",
    "dictloader_delete_function": "void*(*)(size_t)",
    "dictloader_function_entry": "int(*)(intptr_t, void*)",
    "dictloader_object_ops": "int(*)(size_t, void*)",
    "dictloader_error_release": "void(*)(void*)",
    "dictloader_object_deallocate": "void(*)(size_t, void*)",
    "dictloader_converter_for": "int(*)(char*, int, void*)",
    "dictloader_heap_growth": "size_t(*)(void)",
    "dictloader_method_arg_type": "char*(*)(intptr_t, int)",
    "dictloader_method_result_type": "char*(*)(intptr_t)",
    "dictloader_datamember_type": "char*(*)(size_t, int)",
    "dictloader_smart_pointer": "int(*)(size_t, void*)",
    "dictloader_smart_pointer_of": "size_t(*)(size_t, int, int)",
    "dictloader_smart_convert": "int(*)(size_t, void*, size_t, void*)",
    "dictloader_is_exception_class": "int(*)(size_t)",
    "dictloader_error_object": "void*(*)(intptr_t, void*, size_t*)",
    "dictloader_call_exception_object": "void*(*)(size_t*)",
    "cppyy_is_smartptr": "int(*)(size_t)",
    "dictloader_dispatcher": "int(*)(size_t, void*)",
    "dictloader_set_override_handler": "void(*)(void*)",
    "dictloader_override_exception": "unsigned long long(*)(void*, char*)",
    "dictloader_method_flags": "unsigned int(*)(intptr_t)",
    "cppyy_is_protected_method": "int(*)(intptr_t)",
    "cppyy_is_publicdata": "int(*)(size_t, int)",
    # cppyy C API (cppyy_capi.h)
    "cppyy_free": "void(*)(void*)",
    "cppyy_resolve_name": "char*(*)(char*)",
    "cppyy_resolve_enum": "char*(*)(char*)",
    "cppyy_get_scope": "size_t(*)(char*)",
    "cppyy_is_builtin": "int(*)(char*)",
    "cppyy_actual_class": "size_t(*)(size_t, void*)",
    "cppyy_size_of_klass": "size_t(*)(size_t)",
    "cppyy_size_of_type": "size_t(*)(char*)",
    "cppyy_destruct": "void(*)(size_t, void*)",
    "cppyy_call_v": "void(*)(intptr_t, void*, int, void*)",
    "cppyy_call_b": "unsigned char(*)(intptr_t, void*, int, void*)",
    "cppyy_call_c": "char(*)(intptr_t, void*, int, void*)",
    "cppyy_call_h": "short(*)(intptr_t, void*, int, void*)",
    "cppyy_call_i": "int(*)(intptr_t, void*, int, void*)",
    "cppyy_call_l": "long(*)(intptr_t, void*, int, void*)",
    "cppyy_call_ll": "long long(*)(intptr_t, void*, int, void*)",
    "cppyy_call_f": "float(*)(intptr_t, void*, int, void*)",
    "cppyy_call_d": "double(*)(intptr_t, void*, int, void*)",
    "cppyy_call_nld": "double(*)(intptr_t, void*, int, void*)",
    "cppyy_call_r": "void*(*)(intptr_t, void*, int, void*)",
    "cppyy_call_s": "char*(*)(intptr_t, void*, int, void*, size_t*)",
    "cppyy_constructor": "void*(*)(intptr_t, size_t, int, void*)",
    "cppyy_call_o": "void*(*)(intptr_t, void*, int, void*, size_t)",
    "cppyy_function_address": "void*(*)(intptr_t)",
    "cppyy_allocate_function_args": "void*(*)(int)",
    "cppyy_deallocate_function_args": "void(*)(void*)",
    "cppyy_function_arg_sizeof": "size_t(*)(void)",
    "cppyy_function_arg_typeoffset": "size_t(*)(void)",
    "cppyy_is_namespace": "int(*)(size_t)",
    "cppyy_is_template": "int(*)(char*)",
    "cppyy_is_abstract": "int(*)(size_t)",
    "cppyy_is_enum": "int(*)(char*)",
    "cppyy_final_name": "char*(*)(size_t)",
    "cppyy_scoped_final_name": "char*(*)(size_t)",
    "cppyy_num_bases": "int(*)(size_t)",
    "cppyy_base_name": "char*(*)(size_t, int)",
    "cppyy_is_subtype": "int(*)(size_t, size_t)",
    "cppyy_has_complex_hierarchy": "int(*)(size_t)",
    "cppyy_base_offset": "ptrdiff_t(*)(size_t, size_t, void*, int)",
    "cppyy_num_methods": "int(*)(size_t)",
    "cppyy_method_indices_from_name": "size_t*(*)(size_t, char*)",
    "cppyy_get_method": "intptr_t(*)(size_t, size_t)",
    "cppyy_method_name": "char*(*)(intptr_t)",
    "cppyy_method_result_type": "char*(*)(intptr_t)",
    "cppyy_method_num_args": "int(*)(intptr_t)",
    "cppyy_method_req_args": "int(*)(intptr_t)",
    "cppyy_method_arg_type": "char*(*)(intptr_t, int)",
    "cppyy_method_arg_default": "char*(*)(intptr_t, int)",
    "cppyy_method_signature": "char*(*)(intptr_t, int)",
    "cppyy_method_prototype": "char*(*)(size_t, intptr_t, int)",
    "cppyy_is_const_method": "int(*)(intptr_t)",
    "cppyy_exists_method_template": "int(*)(size_t, char*)",
    "cppyy_is_constructor": "int(*)(intptr_t)",
    "cppyy_is_staticmethod": "int(*)(intptr_t)",
    "cppyy_num_datamembers": "int(*)(size_t)",
    "cppyy_datamember_name": "char*(*)(size_t, int)",
    "cppyy_datamember_type": "char*(*)(size_t, int)",
    "cppyy_datamember_offset": "intptr_t(*)(size_t, int)",
    "cppyy_datamember_index": "int(*)(size_t, char*)",
    "cppyy_is_staticdata": "int(*)(size_t, int)",
    "cppyy_is_const_data": "int(*)(size_t, int)",
    "cppyy_is_enum_data": "int(*)(size_t, int)",
    "cppyy_get_dimension_size": "int(*)(size_t, int, int)",
    "cppyy_get_enum": "void*(*)(size_t, char*)",
    "cppyy_get_num_enum_data": "size_t(*)(void*)",
    "cppyy_get_enum_data_name": "char*(*)(void*, size_t)",
    "cppyy_get_enum_data_value": "long long(*)(void*, size_t)",
    "cppyy_charp2stdstring": "void*(*)(char*, size_t)",
    "cppyy_stdstring2charp": "char*(*)(void*, size_t*)",
    "cppyy_longdouble2double": "double(*)(void*)",
    "cppyy_double2longdouble": "void(*)(double, void*)",
    "cppyy_vectorbool_getitem": "int(*)(void*, int)",
    "cppyy_vectorbool_setitem": "void(*)(void*, int, int)",
    "cppyy_get_all_cpp_names": "char**(*)(size_t, size_t*)",
}


class _Functions(object):
    """The functions above, looked up in the library on first use."""

    def __init__(self, library):
        self._library = library

    def __getattr__(self, name):
        function = self._library.load_function(ffi.typeof(_SIGNATURES[name]), name)
        setattr(self, name, function)
        return function


c = None  # set by open_backend


def open_backend(path):
    """Binds libdictloader at path (the C API's functions are looked up as used)."""
    global c
    try:
        c = _Functions(_cffi.load_library(path, _cffi.RTLD_NOW))
    except OSError as error:
        raise ImportError("cppyy: cannot load the backend %r: %s" % (path, error)) from None
    return c


NULL = ffi.NULL
string = ffi.string


def take_text(pointer):
    """The text of a malloc'ed char* result (freed), as str."""
    try:
        return ffi.string(pointer).decode("utf-8", "replace")
    finally:
        c.cppyy_free(pointer)


_INTPTR = ffi.typeof("intptr_t")  # (a cast to a type named by a str looks the name up each time)


def address(cdata):
    """The address a cdata pointer or array holds, as an int."""
    return int(ffi.cast(_INTPTR, cdata))
