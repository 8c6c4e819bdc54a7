// emit_entries.h - the entries and object operations of a dictionary
// (dictionary ABI 1.4, DlEntry and DlObjectOps in dictionary_abi.h).
//
// Every function gets an entry a client calls in registers, of the shape
//   [void* self,] [void* out,] args..., [DlError* error]
// unless it cannot have one (DlEntryMissing says why): a noexcept wrapper
// that catches into a DlError (checked), or, for a function that cannot
// throw, its own symbol where that already has the shape, else a wrapper
// without the error parameter (plain). Every class gets its alignment,
// destructor flags and allocate/destroy/move_to_heap. Private to the emitter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>

#include "genreflex/model.h"

namespace genreflex {

struct EntryPlan {
  const char* kind = "DL_ENTRY_NONE";             // DlEntryKind
  const char* missing = "DL_ENTRY_MISSING_NONE";  // DlEntryMissing
  std::string signature;                          // "" when there is none
  bool checked = false;                           // takes the trailing DlError*
  bool ownSymbol = false;                         // the function's own symbol, no wrapper
  bool hasEntry() const { return !signature.empty(); }
};

EntryPlan planEntry(const Function& fn, const Scope& scope);

// What the entries and object operations need in the generated prologue
// (dl_catch, the one catch helper of every checked entry, among them).
const char* entriesPrologue();

// The wrapper `dl_entry_<id>` of fn, if its plan needs one.
void writeEntry(std::ostream& code, const Scope& scope, const Function& fn, std::size_t id,
                const EntryPlan& plan);

// The DlEntry row of fn (one line); signature: its string pool offset.
std::string entryRow(const Scope& scope, const Function& fn, std::size_t id, const EntryPlan& plan,
                     std::uint32_t signature);

// The DlObjectOps row of a scope (one line; zeros for a namespace).
std::string objectOpsRow(const Scope& scope);

}  // namespace genreflex
