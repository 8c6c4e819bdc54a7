// run_catalog_queries.cpp - what opening a catalog and looking a name up cost
// through dictcatalog, for a small and a large catalog side by side.
//
//   run_catalog_queries [DIR]   (catalogs are built in DIR, default a new temporary directory)
//
// Catalogs of 10^3 and 10^5 names (100 libraries, names spread evenly) are
// written once; then, on fresh cold-process-like connections, each is opened
// for reading (median of 200 opens), and a hit and a miss are looked up
// (median of 20000 each, after a warm-up). Prints microseconds per operation,
// pages read, and the large/small ratios: start-up and look-ups should not grow
// with the catalog (target from issue 8: a miss well under 100 us).
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "catalog/catalog.h"

namespace {

using Clock = std::chrono::steady_clock;

double median(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

double microseconds(Clock::time_point start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

struct Figures {
  double open = 0, hit = 0, miss = 0;
  long pagesAfterOpen = 0, pagesPerLookUp = 0, pages = 0;
};

std::string build(const std::filesystem::path& dir, int names) {
  std::string path = (dir / ("catalog-" + std::to_string(names) + ".sqlite")).string();
  std::filesystem::remove(path);
  dictcatalog::Catalog writer = dictcatalog::Catalog::openForWriting(path);
  constexpr int kLibraries = 100;
  for (int lib = 0; lib < kLibraries; ++lib) {
    dictcatalog::Library library;
    library.path = "/opt/dicts/lib" + std::to_string(lib) + "Dict.so";
    library.name = std::to_string(lib);
    library.generator = "run_catalog_queries";
    std::vector<dictcatalog::Name> rows;
    for (int i = lib; i < names; i += kLibraries)
      rows.push_back({"ns" + std::to_string(lib) + "::Class" + std::to_string(i), "class"});
    writer.replaceLibrary(library, rows);
  }
  return path;
}

Figures measure(const std::string& path, int names) {
  Figures figures;
  std::vector<double> opens;
  for (int i = 0; i < 200; ++i) {
    Clock::time_point start = Clock::now();
    dictcatalog::Catalog reader = dictcatalog::Catalog::openForReading(path);
    opens.push_back(microseconds(start));
    figures.pagesAfterOpen = reader.pagesRead();
  }
  figures.open = median(opens);
  dictcatalog::Catalog reader = dictcatalog::Catalog::openForReading(path);
  long before = reader.pagesRead();
  int probe = names / 2 + 7;
  std::string hit = "ns" + std::to_string(probe % 100) + "::Class" + std::to_string(probe);
  if (reader.providers(hit).size() != 1)
    std::fprintf(stderr, "run_catalog_queries: %s not found\n", hit.c_str());
  figures.pagesPerLookUp = reader.pagesRead() - before;
  std::vector<double> hits, misses;
  for (int i = 0; i < 20000; ++i) {
    Clock::time_point start = Clock::now();
    std::size_t found = reader.providers(hit).size();
    hits.push_back(microseconds(start));
    start = Clock::now();
    found += reader.providers("ns1::NoSuchClass").size();
    misses.push_back(microseconds(start));
    if (found != 1) std::fprintf(stderr, "run_catalog_queries: wrong result\n");
  }
  figures.hit = median(hits);
  figures.miss = median(misses);
  figures.pages = static_cast<long>(std::filesystem::file_size(path) / 4096);
  return figures;
}

}  // namespace

int main(int argc, char** argv) {
  std::filesystem::path dir;
  if (argc > 1) {
    dir = argv[1];
  } else {
    std::string pattern = (std::filesystem::temp_directory_path() / "catalog-bench-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return 1;
    dir = pattern;
  }
  const int sizes[] = {1000, 100000};
  Figures figures[2];
  for (int i = 0; i < 2; ++i) figures[i] = measure(build(dir, sizes[i]), sizes[i]);
  std::printf("%-10s %10s %12s %12s %12s %14s %16s\n", "names", "~pages", "open (us)", "hit (us)",
              "miss (us)", "pages at open", "pages per look-up");
  for (int i = 0; i < 2; ++i)
    std::printf("%-10d %10ld %12.1f %12.2f %12.2f %14ld %16ld\n", sizes[i], figures[i].pages, figures[i].open,
                figures[i].hit, figures[i].miss, figures[i].pagesAfterOpen, figures[i].pagesPerLookUp);
  std::printf("10^5 / 10^3: open %.2fx, hit %.2fx, miss %.2fx\n", figures[1].open / figures[0].open,
              figures[1].hit / figures[0].hit, figures[1].miss / figures[0].miss);
  if (argc <= 1) std::filesystem::remove_all(dir);
  return 0;
}
