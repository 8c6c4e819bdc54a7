// output_file.h - an output that appears at its path only on success.
//
// Content goes to a temporary file beside the final path; commit() renames it
// into place. Destroying an uncommitted OutputFile removes the temporary, so a
// failed run leaves nothing behind.
#pragma once

#include <string>

namespace genreflex {

class OutputFile {
 public:
  explicit OutputFile(std::string finalPath, std::string suffix = "");
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  const std::string& temporaryPath() const { return temporary_; }
  const std::string& finalPath() const { return final_; }
  // Writes content to the temporary file; false (and error set) on failure.
  bool write(const std::string& content, std::string& error);
  // Renames the temporary into place; false (and error set) on failure.
  bool commit(std::string& error);

 private:
  std::string final_;
  std::string temporary_;
  bool committed_ = false;
};

}  // namespace genreflex
