// emit_calls.h - how the generated code calls a function and how its types
// cross to clients: shared by the stubs and fast-path wrappers (emit.cpp) and
// the entries (emit_entries.cpp). Private to the emitter.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "genreflex/model.h"

namespace genreflex {

// A reference to a builtin or an enum (which stubs and clients pass as values).
bool isReferenceToValue(const Type& type);
bool isReferenceToEnum(const Type& type);

// "int" for the builtins C++ promotes to it (bool, char types, short),
// "unsigned int" for char32_t, else builtin itself: how an enum of that
// underlying type reaches clients.
std::string promotedBuiltin(const std::string& builtin);

// The type name clients see. Enums appear as their (promoted) underlying
// builtin: PyPy's _cppyy converts builtins, and knows enums only as scopes of values.
std::string clientTypeName(const Type& type);

// Could the function's own symbol be called as a C function at all: no
// virtual dispatch, no body the dictionary would inline anyway, and (for a
// method) a symbol name to bind to. The caller checks the argument shapes.
bool ownSymbolMayServe(const Function& fn);

// The function's own symbol as a void* expression (id: the function's
// number in the dictionary; a method's symbol is bound by an asm label to
// dl_direct_<id>, which the emitter declares).
std::string ownSymbolAddress(const Function& fn, const Scope& scope, size_t id);

// ", int, const std::string&": the argument types after the result type.
std::string typeList(const Function& fn);

// The callee as an unambiguous expression: an overloaded name is resolved by
// casting its address to the exact signature. A method is called on `self`.
// A protected member's address is taken through `access`, a class derived
// from the scope's that makes it public (emit.cpp); "" for the scope itself.
std::string callee(const Function& fn, const Scope& scope, const std::string& access = "");

// The call of fn with the given argument expressions.
std::string invocation(const Function& fn, const Scope& scope, const std::vector<std::string>& args,
                       const std::string& access = "");

}  // namespace genreflex
