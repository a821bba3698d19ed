#include <doctest/doctest.h>

#include <festmatch/error.hpp>

using festmatch::Diagnostic;

TEST_CASE("a diagnostic with a line prints FILE:LINE:COLUMN") {
  Diagnostic d{.file = "startups.csv", .line = 4, .column = 3, .message = "bad stage"};
  CHECK(d.to_string() == "startups.csv:4:3: error: bad stage");
}

TEST_CASE("a diagnostic without a line prints the JSON pointer") {
  Diagnostic d{.file = "event.json", .pointer = "/startups/0/stage", .message = "unknown"};
  CHECK(d.to_string() == "event.json:/startups/0/stage: error: unknown");
}

TEST_CASE("an Error carries every diagnostic and its exit status") {
  festmatch::InputError e({Diagnostic{.file = "a", .line = 1, .message = "x"},
                           Diagnostic{.file = "b", .line = 2, .column = 5, .message = "y"}});
  CHECK(e.status() == festmatch::ExitStatus::invalid_input);
  CHECK(e.diagnostics().size() == 2);
  CHECK(std::string(e.what()) == "a:1:1: error: x\nb:2:5: error: y");
  CHECK(festmatch::InfeasibleError("p").status() == festmatch::ExitStatus::infeasible);
  CHECK(festmatch::OutputError("p").status() == festmatch::ExitStatus::output_failed);
}
