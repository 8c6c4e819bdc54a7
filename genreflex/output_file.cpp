// output_file.cpp - write-to-temporary-then-rename outputs.
#include "genreflex/output_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace genreflex {

OutputFile::OutputFile(std::string finalPath, std::string suffix) : final_(std::move(finalPath)) {
  std::filesystem::path p(final_);
  std::string dir = p.parent_path().empty() ? "." : p.parent_path().string();
  temporary_ = dir + "/." + p.filename().string() + ".tmp" + std::to_string(::getpid()) + suffix;
}

OutputFile::~OutputFile() {
  if (!committed_) std::remove(temporary_.c_str());
}

bool OutputFile::write(const std::string& content, std::string& error) {
  std::ofstream out(temporary_, std::ios::binary | std::ios::trunc);
  if (out) out << content;
  if (out) out.close();
  if (!out) {
    error = "cannot write '" + temporary_ + "': " + std::strerror(errno);
    return false;
  }
  return true;
}

bool OutputFile::commit(std::string& error) {
  if (std::rename(temporary_.c_str(), final_.c_str()) != 0) {
    error = "cannot create '" + final_ + "': " + std::strerror(errno);
    return false;
  }
  committed_ = true;
  return true;
}

}  // namespace genreflex
