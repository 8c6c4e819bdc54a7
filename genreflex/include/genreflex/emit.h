// emit.h - the emitter: Model -> dictionary source (one C++ file).
//
// The source holds the constant tables of dictionary_abi.h, one call stub per
// function, and with fast-path addresses on, one thin wrapper per function
// callable as `ret f(void* self, args...)`.
#pragma once

#include <string>

#include "genreflex/model.h"

namespace genreflex {

struct EmitOptions {
  bool functionAddresses = false;  // --methptrgetter
  std::string generator;           // "genreflex 0.1.0", recorded in the dictionary
};

std::string emitDictionarySource(const Model& model, const EmitOptions& options);

}  // namespace genreflex
