// rejected_declarations.h - which declarations a failed compile of a
// dictionary points at, so genreflex can leave them out and compile again.
//
// Clang parsed the headers, the system C++ compiler builds the dictionary:
// where the two disagree about one declaration (or a linked library lacks a
// function that a header declares), that declaration's stub, wrapper or table
// row is what the compiler or linker names. An entry or a class's object
// operations (dictionary ABI 1.4) that do not compile are left out on their
// own: the function keeps its stub, the class its other records. This unit reads the diagnostics
// against the generated source (which definition or table row each line
// belongs to) and against the model (the demangled names the linker reports).
//
// What clang itself finds not to compile is marked in the model by the parse
// (Function::doesNotCompile...), before any source is written;
// declarationsClangRejects lists it, and it is reported and left out the same
// way. The compile-and-retry is then the last guard, for what only the
// system compiler rejects.
//
//   std::vector<RejectedDeclaration> r = findRejectedDeclarations(model, source, path, diagnostics);
//   for (auto& d : r) note(describe(model, d) + ": " + d.message);
//   removeRejectedDeclarations(model, r);
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "genreflex/model.h"

namespace genreflex {

struct RejectedDeclaration {
  // Entry: only the function's entry; ObjectOps: only the class's DlObjectOps;
  // ExceptionCopy: only the copy function of its DlExceptionClass record.
  // Dispatcher: the class's dispatcher (its Python subclasses then override nothing).
  enum class Kind { Function, DataMember, Base, Destructor, Entry, ObjectOps, ExceptionCopy, Dispatcher };
  Kind kind = Kind::Function;
  std::size_t scope = 0;  // index into Model::scopes
  std::size_t index = 0;  // into that scope's functions, data or bases
  std::string message;    // the first error about it, as the compiler or linker said it
};

// The declarations of model that the compiler's (or linker's) errors in
// diagnostics point at; source is the text emitted for model, compiled as
// sourcePath. Empty if no error can be tied to a declaration.
std::vector<RejectedDeclaration> findRejectedDeclarations(const Model& model, const std::string& source,
                                                          const std::string& sourcePath,
                                                          const std::string& diagnostics);

// "CLHEP::Hep3Vector::mag(double)" and the like, for notes.
std::string describe(const Model& model, const RejectedDeclaration& declaration);

// Removes the declarations (a rejected destructor: the scope's delete and
// destroy; an entry, object operations or an exception copy: marks them
// rejected).
void removeRejectedDeclarations(Model& model, std::vector<RejectedDeclaration> declarations);

// The first error line of a compiler's output ("file:line:col: error: ..."), or "".
std::string firstError(const std::string& diagnostics);

// What clang's Sema found, while parsing, not to compile in the code the
// dictionary would write (Function::doesNotCompile, Scope::...DoesNotCompile):
// left out before the source is written, in source mode as in library mode.
std::vector<RejectedDeclaration> declarationsClangRejects(const Model& model);

// Who rejected the declarations: the system compiler or linker (the
// compile-and-retry of library mode), or clang before writing.
enum class RejectedBy { Compiler, Clang };

// Whether each is a member of an instantiation genreflex chose to describe:
// no fault of the headers, so a note, not a warning (also under
// --fail_on_warnings).
bool onlyInstantiationMembers(const Model& model, const std::vector<RejectedDeclaration>& declarations);

// "genreflex: note: leaving out X: it does not compile for this
// instantiation: MESSAGE" (under verbose) for a member of an instantiation;
// a warning for anything else (unless quiet), an error when warnings are
// errors (--fail_on_warnings).
void reportRejectedDeclarations(const Model& model, const std::vector<RejectedDeclaration>& declarations,
                                RejectedBy by, bool verbose, bool quiet, bool warningsAreErrors,
                                std::ostream& out);

}  // namespace genreflex
