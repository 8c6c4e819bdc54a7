// emit.h - the emitter: Model -> dictionary source (one C++ file).
//
// The source holds the constant tables of dictionary_abi.h, one call stub per
// function, and with fast-path addresses on, an address per function callable
// as `ret f(void* self, args...)`: the function's own symbol where the Itanium
// C++ ABI gives it that shape (non-virtual, out of line, arguments and result
// passed as the client passes them), else a thin generated wrapper. Every
// function also gets an entry (dictionary ABI 1.4: a C function of a fixed
// shape; checked entries report an exception through a DlError) and every
// class its object operations (DlObjectOps), with or without --methptrgetter.
#pragma once

#include <string>

#include "genreflex/model.h"

namespace genreflex {

struct EmitOptions {
  bool functionAddresses = false;  // --methptrgetter
  // --methptrgetter=all: every address is handed out; an exception escaping
  // a fast-path call ends the process with one line (as noexcept does).
  bool fastPathAll = false;
  std::string generator;  // "genreflex 0.1.0", recorded in the dictionary
};

std::string emitDictionarySource(const Model& model, const EmitOptions& options);

}  // namespace genreflex
