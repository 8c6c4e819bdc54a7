// std_exceptions.h - the standard library's exception classes, which the
// loader describes itself (std_exceptions.xml selects them): genreflex makes
// their dictionary when libdictloader is built, and it is compiled in and
// registered with the loader's built-in one, so a C++ exception of one of
// these classes reaches Python as that class with no dictionary of the user's
// describing it (dictionary ABI 1.7, docs/exceptions.md).
#include <any>
#include <exception>
#include <functional>
#include <memory>
#include <new>
#include <optional>
#include <stdexcept>
#include <typeinfo>
#include <variant>
