// festmatch-bench — read a NumPy .npy file holding a 2-D float64 matrix.
//
// Accepts format versions 1.0, 2.0 and 3.0, dtype '<f8' (little-endian float64; '|f8' and
// '=f8' on a little-endian machine too), C or Fortran order. Anything else is an InputError
// naming the file and what is wrong with it.
//
//   festmatch::RowMajorMatrix m = festmatch::bench::read_npy("cost.npy");
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <festmatch/assignment/linear_assignment.hpp>  // RowMajorMatrix
#include <festmatch/error.hpp>

namespace festmatch::bench {

namespace npy_detail {

[[noreturn]] inline void fail(const std::string& path, const std::string& message) {
  throw InputError(std::vector<Diagnostic>{Diagnostic{.file = path, .message = message}});
}

// The value after 'key': in the header dict, as raw text up to the next top-level ',' or '}'.
inline std::string dict_value(const std::string& header, const std::string& key,
                              const std::string& path) {
  const std::string quoted[] = {"'" + key + "'", "\"" + key + "\""};
  std::size_t at = std::string::npos;
  for (const auto& q : quoted) {
    if (at == std::string::npos) {
      at = header.find(q);
      if (at != std::string::npos) at += q.size();
    }
  }
  if (at == std::string::npos) fail(path, "npy header has no '" + key + "' field");
  at = header.find(':', at);
  if (at == std::string::npos) fail(path, "npy header: '" + key + "' has no value");
  ++at;
  int depth = 0;
  std::size_t end = at;
  for (; end < header.size(); ++end) {
    const char c = header[end];
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (depth == 0 && (c == ',' || c == '}')) break;
  }
  std::string v = header.substr(at, end - at);
  const auto first = v.find_first_not_of(" \t");
  const auto last = v.find_last_not_of(" \t");
  return first == std::string::npos ? std::string() : v.substr(first, last - first + 1);
}

}  // namespace npy_detail

inline RowMajorMatrix read_npy(const std::string& path) {
  using npy_detail::fail;
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the file");
  char magic[8];
  if (!in.read(magic, 8) || std::memcmp(magic, "\x93NUMPY", 6) != 0) {
    fail(path, "not a NumPy .npy file (bad magic)");
  }
  const int major = static_cast<unsigned char>(magic[6]);
  std::uint32_t header_len = 0;
  if (major == 1) {
    unsigned char b[2];
    if (!in.read(reinterpret_cast<char*>(b), 2)) fail(path, "truncated npy header");
    header_len = b[0] | (static_cast<std::uint32_t>(b[1]) << 8);
  } else if (major == 2 || major == 3) {
    unsigned char b[4];
    if (!in.read(reinterpret_cast<char*>(b), 4)) fail(path, "truncated npy header");
    header_len = b[0] | (static_cast<std::uint32_t>(b[1]) << 8) |
                 (static_cast<std::uint32_t>(b[2]) << 16) |
                 (static_cast<std::uint32_t>(b[3]) << 24);
  } else {
    fail(path, "unsupported npy format version " + std::to_string(major));
  }
  if (header_len > (1u << 20)) fail(path, "npy header is implausibly long");
  std::string header(header_len, '\0');
  if (!in.read(header.data(), static_cast<std::streamsize>(header_len)))
    fail(path, "truncated npy header");

  std::string descr = npy_detail::dict_value(header, "descr", path);
  if (descr.size() >= 2 && (descr.front() == '\'' || descr.front() == '"'))
    descr = descr.substr(1, descr.size() - 2);
  const bool little = std::endian::native == std::endian::little;
  if (!(descr == "<f8" || (little && (descr == "=f8" || descr == "|f8")))) {
    fail(path, "unsupported dtype '" + descr + "': need little-endian float64 ('<f8')");
  }
  if (!little) fail(path, "reading npy needs a little-endian machine");
  const std::string order = npy_detail::dict_value(header, "fortran_order", path);
  if (order != "False" && order != "True")
    fail(path, "npy header: fortran_order is '" + order + "'");
  const bool fortran = order == "True";
  const std::string shape = npy_detail::dict_value(header, "shape", path);
  std::vector<long long> dims;
  {
    std::size_t k = 0;
    while (k < shape.size()) {
      if (shape[k] >= '0' && shape[k] <= '9') {
        std::size_t used = 0;
        dims.push_back(std::stoll(shape.substr(k), &used));
        k += used;
      } else if (shape[k] == '(' || shape[k] == ')' || shape[k] == ',' || shape[k] == ' ' ||
                 shape[k] == 'L') {
        ++k;
      } else {
        fail(path, "npy header: cannot read shape " + shape);
      }
    }
  }
  if (dims.size() != 2) {
    fail(path, "need a 2-D matrix, got shape " + shape);
  }
  const long long rows = dims[0], cols = dims[1];
  if (rows > (1LL << 31) - 1 || cols > (1LL << 31) - 1 || rows * cols > (1LL << 34)) {
    fail(path, "matrix " + std::to_string(rows) + " x " + std::to_string(cols) + " is too large");
  }
  std::vector<double> raw(static_cast<std::size_t>(rows * cols));
  if (!raw.empty() && !in.read(reinterpret_cast<char*>(raw.data()),
                               static_cast<std::streamsize>(raw.size() * sizeof(double)))) {
    fail(path, "truncated data: expected " + std::to_string(rows) + " x " + std::to_string(cols) +
                   " float64 values");
  }
  if (in.peek() != std::char_traits<char>::eof())
    fail(path, "trailing bytes after the matrix data");
  RowMajorMatrix m(rows, cols);
  if (fortran) {
    for (long long j = 0; j < cols; ++j)
      for (long long i = 0; i < rows; ++i) m(i, j) = raw[static_cast<std::size_t>(j * rows + i)];
  } else if (!raw.empty()) {
    std::memcpy(m.data(), raw.data(), raw.size() * sizeof(double));
  }
  return m;
}

}  // namespace festmatch::bench
