// Helpers shared by the end-to-end tests that run the kg executable through a
// shell: captured output, shell quoting, reading a file back.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace kg::cli::testing {

struct Output {
  int code = -1;
  std::string out;
  std::string err;
};

// `s` as one single-quoted shell word.
inline std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// The whole file, or "" when it cannot be read.
inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace kg::cli::testing
