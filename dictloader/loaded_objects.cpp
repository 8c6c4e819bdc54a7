// loaded_objects.cpp - finds dictionaries among the loaded objects.
#include "loaded_objects.h"

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <utility>

namespace dictloader {
namespace {

// A loaded object not looked at before: where it is, and its loaded segments.
struct LoadedObject {
  std::string name;  // "" for the program itself
  std::vector<std::pair<std::uintptr_t, std::uintptr_t>> segments;
};

struct VisitState {
  const std::unordered_set<std::uintptr_t>* seen;
  ObjectScan* scan;
  std::vector<LoadedObject> fresh;
};

// Runs under the dynamic linker's lock: only records, never calls dlopen.
int visitObject(dl_phdr_info* info, size_t, void* data) {
  auto* state = static_cast<VisitState*>(data);
  state->scan->counters = {info->dlpi_adds, info->dlpi_subs};
  // The program-header address tells objects apart (dlpi_addr ^ dlpi_phdr would
  // be e_phoff, the same for nearly every library).
  auto key = reinterpret_cast<std::uintptr_t>(info->dlpi_phdr);
  state->scan->visited.insert(key);
  if (state->seen->count(key)) return 0;
  LoadedObject object{info->dlpi_name ? info->dlpi_name : "", {}};
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type == PT_LOAD)
      object.segments.emplace_back(info->dlpi_addr + ph.p_vaddr, info->dlpi_addr + ph.p_vaddr + ph.p_memsz);
  }
  state->fresh.push_back(std::move(object));
  return 0;
}

// The object's own entry symbol, if it has one, with a reference on the object
// (dlsym on a handle also searches the object's dependencies, hence the address check).
FoundDictionary entryOf(const LoadedObject& object) {
  void* handle = dlopen(object.name.empty() ? nullptr : object.name.c_str(), RTLD_LAZY | RTLD_NOLOAD);
  if (handle == nullptr) return {};  // linux-vdso and friends: a name but no file
  auto symbol = reinterpret_cast<std::uintptr_t>(dlsym(handle, DLDICT_ENTRY_SYMBOL));
  for (const auto& [start, end] : object.segments)
    if (symbol >= start && symbol < end)
      return {reinterpret_cast<const DlDictionary*>(symbol), object.name.empty() ? "<program>" : object.name,
              handle};
  dlclose(handle);
  return {};
}

// offset + length lies beyond size, without overflowing on garbage headers.
bool beyond(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
  return offset > size || length > size - offset;
}

}  // namespace

LoaderCounters loaderCounters() {
  LoaderCounters counters;
  dl_iterate_phdr(
      [](dl_phdr_info* info, size_t, void* data) {
        *static_cast<LoaderCounters*>(data) = {info->dlpi_adds, info->dlpi_subs};
        return 1;
      },
      &counters);
  return counters;
}

ObjectScan scanObjects(const std::unordered_set<std::uintptr_t>& seen) {
  ObjectScan scan;
  VisitState state{&seen, &scan, {}};
  dl_iterate_phdr(visitObject, &state);
  for (const LoadedObject& object : state.fresh)
    if (FoundDictionary found = entryOf(object); found.abi != nullptr) scan.found.push_back(std::move(found));
  return scan;
}

void* referenceObjectContaining(const void* address) {
  Dl_info info;
  if (address == nullptr || dladdr(address, &info) == 0 || info.dli_fname == nullptr) return nullptr;
  void* handle = dlopen(info.dli_fname, RTLD_LAZY | RTLD_NOLOAD);
  if (handle == nullptr) return nullptr;
  // A name may lead dlopen to another object of that name (the program, say):
  // keep the handle only if it is the object that holds address. The program
  // itself is never unloaded, so a miss there costs nothing.
  link_map* map = nullptr;
  if (dlinfo(handle, RTLD_DI_LINKMAP, &map) != 0 || map == nullptr ||
      map->l_addr != reinterpret_cast<ElfW(Addr)>(info.dli_fbase)) {
    dlclose(handle);
    return nullptr;
  }
  return handle;
}

bool isTruncatedElf(const std::string& path, std::string& why) {
  int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  ElfW(Ehdr) header;
  bool truncated = false;
  if (fstat(fd, &st) == 0 && pread(fd, &header, sizeof header, 0) == static_cast<ssize_t>(sizeof header) &&
      std::memcmp(header.e_ident, ELFMAG, SELFMAG) == 0 &&
      header.e_ident[EI_CLASS] == (sizeof(void*) == 8 ? ELFCLASS64 : ELFCLASS32)) {
    auto size = static_cast<std::uint64_t>(st.st_size);
    std::vector<ElfW(Phdr)> segments(header.e_phentsize == sizeof(ElfW(Phdr)) ? header.e_phnum : 0);
    std::uint64_t segmentBytes = segments.size() * sizeof(ElfW(Phdr));
    truncated = beyond(header.e_phoff, segmentBytes, size) ||
                (header.e_shoff != 0 &&
                 beyond(header.e_shoff, std::uint64_t{header.e_shnum} * header.e_shentsize, size));
    if (!truncated && !segments.empty() &&
        pread(fd, segments.data(), segmentBytes, header.e_phoff) == static_cast<ssize_t>(segmentBytes))
      for (const ElfW(Phdr) & segment : segments)
        if (segment.p_type == PT_LOAD && beyond(segment.p_offset, segment.p_filesz, size)) truncated = true;
    if (truncated)
      why = "the file is truncated (" + std::to_string(size) + " bytes, less than its ELF headers describe)";
  }
  close(fd);
  return truncated;
}

}  // namespace dictloader
