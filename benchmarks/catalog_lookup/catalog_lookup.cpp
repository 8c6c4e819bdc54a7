// catalog_lookup.cpp - run_catalog_lookup: what a name that no loaded
// dictionary has costs when the registry asks a catalog, for a catalog of
// 10^3 names and one of 10^5, side by side in one run.
//
//   run_catalog_lookup [--rounds R] [--misses K]
//
// The catalogs (work/catalog-N.sqlite, made once with dictcatalog and kept)
// hold one real dictionary (CatalogSubject.h) and fake libraries of 100
// class names each, at paths that do not exist. Each round starts one fresh
// probe process per catalog (this program with --probe, DICTLOADER_CATALOG
// naming the catalog), alternating, and the probe measures, in microseconds:
//   registry      creating the registry (no catalog is opened)
//   first_miss    the first unknown name: opens the catalog, one query
//   autoload      benchreal::Thing: query, content hash, dlopen, register, found
//   listed_miss   a catalogued name whose library is missing: query + the error
//   unknown_miss  a name no catalog has: query, remembered as unknown
//   again_miss    the same unknown name again: answered without a query
//   which         dictloader_which of a catalogued name: the indexed query alone
// (the per-name figures are medians over K names), and the same misses with
// no catalog at all as the baseline. Printed: the median over rounds of each,
// for no catalog and both catalogs, and the ratio of the two catalogs.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "dictloader/cppyy_capi.h"
#include "dictloader/dictloader.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* const kFigures[] = {"registry",     "first_miss", "autoload", "listed_miss",
                                "unknown_miss", "again_miss", "which"};
constexpr int kNamesPerLibrary = 100;

double microsecondsSince(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0 : values[values.size() / 2];
}

std::string fakeName(int library, int index) {
  return "benchfake::lib" + std::to_string(library) + "::Class" + std::to_string(index);
}

// The catalog of about `names` names, made unless a current one is there.
std::string catalogOf(int names) {
  fs::create_directories(CATALOG_LOOKUP_WORKDIR);
  std::string path = std::string(CATALOG_LOOKUP_WORKDIR) + "/catalog-" + std::to_string(names) + ".sqlite";
  int fakeLibraries = names / kNamesPerLibrary;
  std::string realHash = dictcatalog::contentHash(CATALOG_LOOKUP_DICT);
  if (fs::exists(path)) {
    try {
      auto catalog = dictcatalog::Catalog::openForReading(path);
      auto real = catalog.providers("benchreal::Thing");
      if (catalog.libraries().size() == static_cast<size_t>(fakeLibraries) + 1 && real.size() == 1 &&
          real.front().library.contentHash == realHash)
        return path;
    } catch (const dictcatalog::CatalogError&) {
    }
    fs::remove(path);
  }
  auto start = Clock::now();
  auto catalog = dictcatalog::Catalog::openForWriting(path);
  dictcatalog::Library real;
  real.path = CATALOG_LOOKUP_DICT;
  real.name = "CatalogSubject";
  real.generator = "run_catalog_lookup";
  real.contentHash = realHash;
  catalog.replaceLibrary(
      real, {{"benchreal", "namespace"}, {"benchreal::Thing", "class"}, {"benchreal::Helper", "function"}});
  for (int l = 0; l < fakeLibraries; ++l) {
    dictcatalog::Library fake;
    fake.path = "/nonexistent/benchfake/libFake" + std::to_string(l) + ".so";
    fake.name = "Fake" + std::to_string(l);
    fake.generator = "run_catalog_lookup";
    std::vector<dictcatalog::Name> provided;
    for (int i = 0; i < kNamesPerLibrary; ++i) provided.push_back({fakeName(l, i), "class"});
    catalog.replaceLibrary(fake, provided);
  }
  std::printf("made %s (%d libraries, %d names) in %.1f s\n", path.c_str(), fakeLibraries + 1,
              fakeLibraries * kNamesPerLibrary + 3, microsecondsSince(start) / 1e6);
  return path;
}

int probe(int names, int misses, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> library(0, std::max(names / kNamesPerLibrary - 1, 0)),
      index(0, kNamesPerLibrary - 1);
  std::vector<std::string> listed, queried, unknown;
  for (int i = 0; i < misses; ++i) {
    listed.push_back(fakeName(library(random), index(random)));
    queried.push_back(fakeName(library(random), index(random)));
    unknown.push_back("benchunknown::Name" + std::to_string(i));
  }
  std::map<std::string, double> figures;
  auto start = Clock::now();
  dictloader_num_dictionaries();
  figures["registry"] = microsecondsSince(start);
  start = Clock::now();
  cppyy_scope_t none = cppyy_get_scope("benchunknown::First");
  figures["first_miss"] = microsecondsSince(start);
  start = Clock::now();
  cppyy_scope_t thing = cppyy_get_scope("benchreal::Thing");
  figures["autoload"] = microsecondsSince(start);
  if (names == 0) thing = 1;  // no catalog: nothing to autoload (the baseline of a miss)
  if (none != 0 || thing == 0) {
    std::fprintf(stderr, "run_catalog_lookup: benchreal::Thing was not autoloaded: %s\n",
                 dictloader_last_error());
    return 1;
  }
  auto timeEach = [](const std::vector<std::string>& names, auto lookup) {
    std::vector<double> times;
    for (const std::string& name : names) {
      auto start = Clock::now();
      lookup(name);
      times.push_back(microsecondsSince(start));
    }
    return median(times);
  };
  int wrong = 0;
  figures["listed_miss"] =
      timeEach(listed, [&](const std::string& n) { wrong += cppyy_get_scope(n.c_str()) != 0; });
  figures["unknown_miss"] =
      timeEach(unknown, [&](const std::string& n) { wrong += cppyy_get_scope(n.c_str()) != 0; });
  figures["again_miss"] =
      timeEach(unknown, [&](const std::string& n) { wrong += cppyy_get_scope(n.c_str()) != 0; });
  int expected = names == 0 ? 0 : 1;
  figures["which"] = timeEach(queried, [&](const std::string& n) {
    wrong += dictloader_which(n.c_str(), nullptr, nullptr) != expected;
  });
  if (wrong != 0) {
    std::fprintf(stderr, "run_catalog_lookup: %d look-ups gave the wrong answer\n", wrong);
    return 1;
  }
  for (const char* figure : kFigures) std::printf("%s %.3f ", figure, figures[figure]);
  std::printf("\n");
  return 0;
}

// One probe in a fresh process; false if it failed.
bool runProbe(const std::string& self, const std::string& catalog, int names, int misses, unsigned seed,
              std::map<std::string, std::vector<double>>& results) {
  if (catalog.empty())
    unsetenv("DICTLOADER_CATALOG");
  else
    setenv("DICTLOADER_CATALOG", catalog.c_str(), 1);
  setenv("XDG_DATA_HOME", (std::string(CATALOG_LOOKUP_WORKDIR) + "/no-default").c_str(), 1);
  // The fake libraries' errors go to stderr: not part of what is shown.
  std::string command = "'" + self + "' --probe " + std::to_string(names) + " " + std::to_string(misses) +
                        " " + std::to_string(seed) + " 2>/dev/null";
  FILE* out = popen(command.c_str(), "r");
  if (out == nullptr) return false;
  char name[64];
  double value;
  int read = 0;
  while (std::fscanf(out, "%63s %lf", name, &value) == 2) {
    results[name].push_back(value);
    ++read;
  }
  return pclose(out) == 0 && read == static_cast<int>(std::size(kFigures));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5 && std::strcmp(argv[1], "--probe") == 0)
    return probe(std::atoi(argv[2]), std::atoi(argv[3]), static_cast<unsigned>(std::atoi(argv[4])));
  int rounds = 7, misses = 200;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rounds") == 0) rounds = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--misses") == 0) misses = std::atoi(argv[i + 1]);
  }
  if (rounds < 1 || misses < 1 || argc % 2 == 0) {
    std::fprintf(stderr, "usage: run_catalog_lookup [--rounds R] [--misses K]\n");
    return 2;
  }
  std::string self = fs::read_symlink("/proc/self/exe").string();
  const int sizes[] = {0, 1000, 100000};  // 0: no catalog at all, the baseline of a miss
  std::map<int, std::string> catalogs;
  for (int size : sizes) catalogs[size] = size == 0 ? "" : catalogOf(size);
  std::map<int, std::map<std::string, std::vector<double>>> results;
  for (int round = 0; round < rounds; ++round)
    for (int size : sizes)
      if (!runProbe(self, catalogs[size], size, misses, 1000u + round, results[size])) {
        std::fprintf(stderr, "run_catalog_lookup: the probe of the %d-name catalog failed\n", size);
        return 1;
      }
  std::printf(
      "\nName look-ups through a catalog (microseconds; median of %d rounds, each a fresh process;\n"
      "per-name figures the median of %d names)\n\n",
      rounds, misses);
  std::printf("| %-13s | %10s | %10s | %10s | %11s |\n", "", "no catalog", "10^3 names", "10^5 names",
              "10^5 / 10^3");
  std::printf("|---------------|------------|------------|------------|-------------|\n");
  for (const char* figure : kFigures) {
    double none = median(results[0][figure]), small = median(results[1000][figure]),
           large = median(results[100000][figure]);
    char baseline[32] = "-";
    if (std::strcmp(figure, "autoload") != 0 && std::strcmp(figure, "listed_miss") != 0 &&
        std::strcmp(figure, "which") != 0)
      std::snprintf(baseline, sizeof baseline, "%.2f", none);
    std::printf("| %-13s | %10s | %10.2f | %10.2f | %10.2fx |\n", figure, baseline, small, large,
                small > 0 ? large / small : 0.0);
  }
  double resolved = median(results[100000]["listed_miss"]);
  std::printf("\nA miss resolved through the 10^5-name catalog: %.1f us (target: under 100 us): %s\n",
              resolved, resolved < 100 ? "met" : "NOT met");
  return 0;
}
