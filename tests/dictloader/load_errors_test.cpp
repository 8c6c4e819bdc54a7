// load_errors_test.cpp - files that are not usable dictionaries are refused with a clear
// reason, leave the registry as it was, and do not stay loaded.
#include <dlfcn.h>
#include <elf.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "capi_support.h"

namespace dictloader_test {
namespace {

// Loads path, expecting a refusal whose text contains every one of parts.
void expectRefused(const std::string& path, std::initializer_list<const char*> parts) {
  size_t before = dictloader_num_dictionaries();
  EXPECT_EQ(dictloader_load(path.c_str()), 0) << path;
  std::string error = dictloader_last_error();
  for (const char* part : parts)
    EXPECT_NE(error.find(part), std::string::npos) << "'" << part << "' not in: " << error;
  EXPECT_EQ(dictloader_num_dictionaries(), before) << error;
}

// A file in the test's temporary directory, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& name, const std::vector<char>& bytes)
      : path_(::testing::TempDir() + std::to_string(getpid()) + "_" + name) {
    std::ofstream out(path_, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    EXPECT_TRUE(out.good()) << path_;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::vector<char> readAll(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool stillLoaded(const char* path) {
  void* handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD);
  if (handle != nullptr) dlclose(handle);
  return handle != nullptr;
}

TEST(LoadErrors, NoPath) {
  EXPECT_EQ(dictloader_load(nullptr), 0);
  EXPECT_NE(std::string(dictloader_last_error()).find("no path"), std::string::npos)
      << dictloader_last_error();
  EXPECT_EQ(dictloader_load(""), 0);
  EXPECT_NE(std::string(dictloader_last_error()).find("no path"), std::string::npos)
      << dictloader_last_error();
}

TEST(LoadErrors, MissingFile) {
  expectRefused("/nonexistent/dir/libNoSuchDict.so", {"cannot load", "/nonexistent/dir/libNoSuchDict.so"});
}

TEST(LoadErrors, FileThatIsNotELF) {
  std::string garbage = "this is not a shared library, just text\n";
  std::vector<char> bytes;
  for (int i = 0; i < 64; ++i) bytes.insert(bytes.end(), garbage.begin(), garbage.end());
  TempFile file("dictloader_garbage.so", bytes);
  expectRefused(file.path(), {"cannot load", file.path().c_str()});
}

TEST(LoadErrors, TruncatedDictionary) {
  cppyy_scope_t known = cppyy_get_scope("api::Widget");  // 0 unless another test loaded it here
  std::vector<char> whole = readAll(DICTLOADER_TEST_API_DICT);
  ASSERT_GT(whole.size(), 4096u);
  TempFile file("dictloader_truncated.so",
                std::vector<char>(whole.begin(), whole.begin() + whole.size() / 2));
  expectRefused(file.path(), {"cannot load", "truncated", file.path().c_str()});
  EXPECT_EQ(cppyy_get_scope("api::Widget"), known);
}

// Where the loadable segments of an ELF image end in the file.
size_t loadedExtent(const std::vector<char>& image) {
  Elf64_Ehdr header;
  std::memcpy(&header, image.data(), sizeof header);
  size_t end = 0;
  for (int i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    std::memcpy(&segment, image.data() + header.e_phoff + i * sizeof segment, sizeof segment);
    if (segment.p_type == PT_LOAD) end = std::max<size_t>(end, segment.p_offset + segment.p_filesz);
  }
  return end;
}

TEST(LoadErrors, DictionaryTruncatedInsideItsSegments) {
  cppyy_scope_t known = cppyy_get_scope("api::Widget");  // 0 unless another test loaded it here
  // glibc would map this and die of SIGBUS inside dlopen: the loader must not get that far.
  std::vector<char> whole = readAll(DICTLOADER_TEST_API_DICT);
  ASSERT_GT(whole.size(), sizeof(Elf64_Ehdr));
  size_t cut = loadedExtent(whole) * 3 / 4;
  ASSERT_GT(cut, 4096u);
  TempFile file("dictloader_cut_segments.so", std::vector<char>(whole.begin(), whole.begin() + cut));
  expectRefused(file.path(), {"cannot load", "truncated"});
  EXPECT_EQ(cppyy_get_scope("api::Widget"), known);
}

TEST(LoadErrors, TooShortForAnElfHeader) {
  std::vector<char> whole = readAll(DICTLOADER_TEST_API_DICT);
  TempFile file("dictloader_stub.so", std::vector<char>(whole.begin(), whole.begin() + 20));
  expectRefused(file.path(), {"cannot load", file.path().c_str()});
}

TEST(LoadErrors, OrdinarySharedLibrary) {
  expectRefused(DICTLOADER_TEST_PLAIN_LIB, {"not a dictionary", DICTLOADER_TEST_PLAIN_LIB});
  EXPECT_FALSE(stillLoaded(DICTLOADER_TEST_PLAIN_LIB));
}

TEST(LoadErrors, BadMagicNumber) {
  expectRefused(DICTLOADER_TEST_BAD_MAGIC_DICT, {"not a dictionary", "magic"});
  EXPECT_EQ(cppyy_get_scope("broken::Thing"), 0u);
}

TEST(LoadErrors, IncompatibleAbiMajor) {
  expectRefused(DICTLOADER_TEST_BAD_ABI_DICT, {"incompatible", "99", "regenerate"});
  EXPECT_EQ(cppyy_get_scope("broken::Thing"), 0u);
}

TEST(LoadErrors, UnterminatedStringPool) {
  expectRefused(DICTLOADER_TEST_DAMAGED_DICT, {"damaged", "string pool"});
  EXPECT_EQ(cppyy_get_scope("broken::Thing"), 0u);
}

TEST(LoadErrors, RefusedDictionaryIsNotLeftLoaded) {
  // A refused library left mapped would be returned again by dlopen after the user
  // regenerates it, and would be refused again by every later scan.
  for (const char* path :
       {DICTLOADER_TEST_BAD_ABI_DICT, DICTLOADER_TEST_DAMAGED_DICT, DICTLOADER_TEST_BAD_MAGIC_DICT}) {
    ASSERT_EQ(dictloader_load(path), 0) << path;
    EXPECT_FALSE(stillLoaded(path)) << path;
  }
}

TEST(LoadErrors, RefusalLeavesTheRegistryUsable) {
  EXPECT_EQ(dictloader_load(DICTLOADER_TEST_BAD_ABI_DICT), 0);
  EXPECT_EQ(dictloader_load(DICTLOADER_TEST_DAMAGED_DICT), 0);
  ASSERT_EQ(dictloader_load(DICTLOADER_TEST_API_DICT), 1) << dictloader_last_error();
  EXPECT_STREQ(dictloader_last_error(), "");
  EXPECT_NE(cppyy_get_scope("api::Widget"), 0u);
  EXPECT_EQ(cppyy_get_scope("broken::Thing"), 0u);
}

TEST(LoadErrors, RegisterRefusesWhatIsNotADictionary) {
  EXPECT_EQ(dictloader_register(nullptr, "null"), 0);
  EXPECT_NE(std::string(dictloader_last_error()), "");
  alignas(16) static const unsigned char zeros[512] = {};
  EXPECT_EQ(dictloader_register(zeros, "zeros"), 0);
  EXPECT_NE(std::string(dictloader_last_error()).find("not a dictionary"), std::string::npos)
      << dictloader_last_error();
}

TEST(LoadErrors, UndefinedSymbolNamesTheFunctionAndTheFix) {
  expectRefused(DICTLOADER_TEST_UNDEFINED_DICT, {"undefined symbol", "lost::nowhere(int)", "genreflex -l"});
}

}  // namespace
}  // namespace dictloader_test
