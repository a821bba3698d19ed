// festmatch — diagnostics and the error types that carry them.
//
// Bad input is reported as a list of Diagnostic values, each naming where the problem is:
//   FILE:LINE:COLUMN: error: message        (CSV cells, JSON syntax)
//   FILE:/json/pointer: error: message      (JSON values)
// A warning has the same shape with "warning:" (valid input that cannot work as the organiser
// expects, e.g. a minimum above the slots); warnings never stop anything.
// Library calls that cannot go on throw festmatch::Error (or a subclass) carrying them all.
// Expected outcomes (infeasible assignment, unmatched rows) are values, never exceptions.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace festmatch {

// Exit statuses of the command-line tool.
enum class ExitStatus : int {
  ok = 0,
  invalid_input = 1,
  usage = 2,
  infeasible = 3,
  output_failed = 4,
};

enum class Severity { error, warning };

struct Diagnostic {
  std::string file;     // the file the problem is in (may be empty for in-memory input)
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string pointer;  // JSON pointer ("/startups/3/stage"), used when line is unknown
  std::string message;
  Severity severity = Severity::error;

  // "FILE:LINE:COLUMN: error: message" or "FILE:/pointer: error: message" ("warning:" for a
  // warning).
  [[nodiscard]] std::string to_string() const {
    std::string where = file.empty() ? std::string("<input>") : file;
    if (line > 0) {
      where += ':' + std::to_string(line) + ':' + std::to_string(column > 0 ? column : 1);
    } else if (!pointer.empty()) {
      where += ':' + pointer;
    }
    return where + (severity == Severity::warning ? ": warning: " : ": error: ") + message;
  }

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Base of every exception festmatch throws on bad input or a failed operation.
class Error : public std::runtime_error {
 public:
  Error(ExitStatus status, std::vector<Diagnostic> diagnostics)
      : std::runtime_error(join(diagnostics)),
        status_(status),
        diagnostics_(std::move(diagnostics)) {}
  Error(ExitStatus status, const std::string& message)
      : Error(status, std::vector<Diagnostic>{Diagnostic{.message = message}}) {}

  [[nodiscard]] ExitStatus status() const noexcept { return status_; }
  [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  static std::string join(const std::vector<Diagnostic>& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics) {
      if (!text.empty()) text += '\n';
      text += d.to_string();
    }
    return text;
  }

  ExitStatus status_;
  std::vector<Diagnostic> diagnostics_;
};

// The input is malformed or breaks a rule of the format (exit status 1).
class InputError : public Error {
 public:
  explicit InputError(std::vector<Diagnostic> d) : Error(ExitStatus::invalid_input, std::move(d)) {}
  explicit InputError(const std::string& m) : Error(ExitStatus::invalid_input, m) {}
};

// The constraints cannot all hold, e.g. pinned meetings that break a rule (exit status 3).
class InfeasibleError : public Error {
 public:
  explicit InfeasibleError(std::vector<Diagnostic> d)
      : Error(ExitStatus::infeasible, std::move(d)) {}
  explicit InfeasibleError(const std::string& m) : Error(ExitStatus::infeasible, m) {}
};

// An output could not be written (exit status 4).
class OutputError : public Error {
 public:
  explicit OutputError(const std::string& m) : Error(ExitStatus::output_failed, m) {}
  OutputError(const std::string& file, const std::string& m)
      : Error(ExitStatus::output_failed, {Diagnostic{.file = file, .message = m}}) {}
};

}  // namespace festmatch
