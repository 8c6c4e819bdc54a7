// loaded_objects.h - what the dynamic linker has loaded, seen from the registry.
//
// Everything here calls into the dynamic linker (dl_iterate_phdr, dlopen,
// dladdr), so the registry calls it only without its own lock held: a thread
// inside dlopen holds the linker's lock while a library's static initializers
// run, and those may call into the loader.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "dictloader/dictionary_abi.h"

namespace dictloader {

// The dynamic linker's counts of objects ever loaded and unloaded.
struct LoaderCounters {
  unsigned long long adds = 0;
  unsigned long long subs = 0;
  bool operator==(const LoaderCounters&) const = default;
};
LoaderCounters loaderCounters();

// A dictionary found in a loaded object, with a reference on that object
// (a dlopen handle) that keeps it mapped until released.
struct FoundDictionary {
  const DlDictionary* abi = nullptr;
  std::string origin;      // the object's path, "<program>" for the program itself
  void* handle = nullptr;  // release with dlclose, or keep for as long as abi is used
};

// One pass over the loaded objects. Objects whose program-header address is in
// `seen` are skipped; that address identifies an object only until the next
// unload, so the result says which counters the pass saw and the caller starts
// from an empty `seen` once counters.subs has changed.
struct ObjectScan {
  LoaderCounters counters;
  std::unordered_set<std::uintptr_t> visited;  // every object of this pass
  std::vector<FoundDictionary> found;          // dictionaries in objects not seen before
};
ObjectScan scanObjects(const std::unordered_set<std::uintptr_t>& seen);

// A reference on the object that contains address (dlopen with RTLD_NOLOAD),
// or null if no loaded object contains it (e.g. tables on the heap).
void* referenceObjectContaining(const void* address);

// glibc maps a file cut short inside its segments and then dies of SIGBUS
// within dlopen, so such a file is refused before dlopen sees it. True (with
// why set) if path is a native ELF file shorter than its headers describe.
bool isTruncatedElf(const std::string& path, std::string& why);

}  // namespace dictloader
