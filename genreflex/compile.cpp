// compile.cpp - invokes the system C++ compiler on a dictionary source.
#include "genreflex/compile.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

extern char** environ;

namespace genreflex {

std::string abiIncludeDir(const std::string& executablePath) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path exe = fs::canonical(executablePath, ec);
  if (!ec) {
    fs::path installed = exe.parent_path().parent_path() / "include";
    if (fs::exists(installed / "dictloader" / "dictionary_abi.h", ec)) return installed.string();
  }
  return GENREFLEX_SOURCE_ABI_INCLUDE;  // build tree: dictloader/include in the sources
}

std::vector<std::string> dictionaryCppflags(const Options& options, const std::string& abiInclude) {
  std::vector<std::string> flags = {"-std=" + options.standard, "-fPIC", "-I" + abiInclude};
  for (const std::string& dir : options.includeDirs) flags.push_back("-I" + dir);
  for (const std::string& d : options.defines) flags.push_back("-D" + d);
  for (const std::string& u : options.undefines) flags.push_back("-U" + u);
  return flags;
}

int compileDictionary(const Options& options, const std::string& abiInclude, const std::string& source,
                      const std::string& library, bool everySymbolDefined, std::string& diagnostics,
                      std::string& error) {
  const char* cxxEnv = std::getenv("CXX");
  std::string cxx = cxxEnv && *cxxEnv ? cxxEnv : "c++";
  std::vector<std::string> args;
  {
    std::istringstream words(cxx);  // $CXX may carry flags ("ccache g++")
    for (std::string w; words >> w;) args.push_back(w);
  }
  for (const std::string& f : dictionaryCppflags(options, abiInclude)) args.push_back(f);
  args.insert(args.end(), {"-O2", "-shared", "-x", "c++", source, "-x", "none", "-o", library});
  for (const std::string& dir : options.libraryDirs) args.push_back("-L" + dir);
  // The loader binds every symbol when it loads a dictionary: one a linked
  // library lacks is better named now, by the linker. What a linked library's
  // own dependencies define is there at run time too, so the linker looks
  // there as well (the flag acts on the libraries after it).
  if (everySymbolDefined) args.insert(args.end(), {"-Wl,-z,defs", "-Wl,--copy-dt-needed-entries"});
  for (const std::string& lib : options.libraries) args.push_back("-l" + lib);

  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  // The compiler's output is kept for the caller, who decides what of it to show.
  std::string log = library + ".log";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  struct LogRemover {
    const std::string& path;
    ~LogRemover() { std::remove(path.c_str()); }
  } removeLog{log};
  if (rc != 0) {
    error = "cannot run the C++ compiler '" + args[0] + "': " + std::strerror(rc) +
            " (set CXX to a C++ compiler)";
    return -1;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      error = std::string("waiting for the C++ compiler failed: ") + std::strerror(errno);
      return -1;
    }
  }
  {
    std::ifstream in(log, std::ios::binary);
    diagnostics.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return 0;
  error = "the C++ compiler '" + args[0] + "' failed to build the dictionary (" +
          (WIFEXITED(status) ? "exit status " + std::to_string(WEXITSTATUS(status))
                             : std::string("killed by a signal")) +
          ")";
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace genreflex
