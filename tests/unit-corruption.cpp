// Corruption through every command (issue #8): the bundled example event, as one JSON file and
// as a folder, is corrupted in seeded random ways (byte flips, truncation, lines deleted,
// duplicated or swapped, numbers replaced by -1, 1e308, NaN or a huge integer, empty strings, a
// CSV column header deleted, unknown ids), and every command runs on it through the tool with a
// time limit. None may crash or hang; each exits with a documented status; a failure names the
// file; an existing --output is left byte for byte as it was.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "festmatch/event/event_json.hpp"
#include "festmatch/event/read_event.hpp"
#include "festmatch/scheduler/schedule_json.hpp"
#include "festmatch/scheduler/scheduler.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/validator/schedule_validator.hpp"
#include "test_support.hpp"

using namespace festmatch;
using namespace festmatch::test;
namespace fs = std::filesystem;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int corruptions_per_form = 12;  // the sanitized tool is several times slower
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr int corruptions_per_form = 12;
#else
constexpr int corruptions_per_form = 40;
#endif
#else
constexpr int corruptions_per_form = 40;
#endif
constexpr int time_limit_seconds = 20;

// FESTMATCH_CORRUPTIONS=N runs N per form instead (a longer hunt; the seeds stay the same).
int corruption_count() {
  const char* n = std::getenv("FESTMATCH_CORRUPTIONS");
  return n && std::atoi(n) > 0 ? std::atoi(n) : corruptions_per_form;
}

const fs::path example = fs::path(source_dir()) / "examples" / "techfest-haiphong";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const auto end = text.find('\n', begin);
    if (end == std::string::npos) {
      out.push_back(text.substr(begin));
      break;
    }
    out.push_back(text.substr(begin, end - begin + 1));  // keeps its '\n'
    begin = end + 1;
  }
  return out;
}
std::string join(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l;
  return out;
}

// Spans [begin, end) of the text that look like numbers, and of quoted or CSV string values.
std::vector<std::pair<std::size_t, std::size_t>> numbers_in(const std::string& t) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t k = 0; k < t.size();) {
    const bool start =
        (t[k] >= '0' && t[k] <= '9') && (k == 0 || t[k - 1] == ' ' || t[k - 1] == ',' ||
                                         t[k - 1] == ':' || t[k - 1] == '[' || t[k - 1] == '\n');
    if (!start) {
      ++k;
      continue;
    }
    std::size_t e = k;
    while (e < t.size() && ((t[e] >= '0' && t[e] <= '9') || t[e] == '.')) ++e;
    out.emplace_back(k, e);
    k = e;
  }
  return out;
}
std::vector<std::pair<std::size_t, std::size_t>> strings_in(const std::string& t, bool csv) {
  std::vector<std::pair<std::size_t, std::size_t>> out;
  if (!csv) {
    for (std::size_t k = t.find('"'); k != std::string::npos;) {
      const auto e = t.find('"', k + 1);
      if (e == std::string::npos) break;
      out.emplace_back(k + 1, e);  // the text between the quotes
      k = t.find('"', e + 1);
    }
    return out;
  }
  std::size_t begin = 0;
  for (std::size_t k = 0; k <= t.size(); ++k) {
    if (k == t.size() || t[k] == ',' || t[k] == '\n' || t[k] == '\r') {
      if (k > begin) out.emplace_back(begin, k);
      begin = k + 1;
    }
  }
  return out;
}

// One seeded corruption of `text` (a JSON file or a CSV file); `ids` are ids of the event.
std::string corrupt(std::string text, bool csv, std::uint64_t seed, std::string& what) {
  Rng rng(seed);
  auto lines = split_lines(text);
  const int kind = rng.below(12);
  auto pick = [&](const auto& spans) { return spans[std::size_t(rng.below(int(spans.size())))]; };
  auto replace_number = [&](const std::string& with) {
    const auto spans = numbers_in(text);
    if (spans.empty()) return text + with;
    const auto [b, e] = pick(spans);
    what += " at byte " + std::to_string(b);
    return text.substr(0, b) + with + text.substr(e);
  };
  switch (kind) {
    case 0: {  // flip bits of 1 to 4 bytes
      what = "byte flips";
      const int n = 1 + rng.below(4);
      for (int k = 0; k < n && !text.empty(); ++k) {
        const auto at = std::size_t(rng.below(int(text.size())));
        text[at] = char(text[at] ^ char(1 + rng.below(255)));
        what += " " + std::to_string(at);
      }
      return text;
    }
    case 1: {
      const auto at = std::size_t(rng.below(int(text.size()) + 1));
      what = "truncated at byte " + std::to_string(at);
      return text.substr(0, at);
    }
    case 2:
    case 3:
    case 4: {
      if (lines.size() < 2) return text + "\n";
      const auto a = std::size_t(rng.below(int(lines.size())));
      auto b = std::size_t(rng.below(int(lines.size()) - 1));
      if (b >= a) ++b;
      if (kind == 2) {
        what = "line " + std::to_string(a + 1) + " deleted";
        lines.erase(lines.begin() + std::ptrdiff_t(a));
      } else if (kind == 3) {
        what = "line " + std::to_string(a + 1) + " duplicated";
        lines.insert(lines.begin() + std::ptrdiff_t(a), lines[a]);
      } else {
        what = "lines " + std::to_string(a + 1) + " and " + std::to_string(b + 1) + " swapped";
        std::swap(lines[a], lines[b]);
      }
      return join(lines);
    }
    case 5:
      what = "a number replaced by -1";
      return replace_number("-1");
    case 6:
      what = "a number replaced by 1e308";
      return replace_number("1e308");
    case 7:
      what = "a number replaced by NaN";
      return replace_number("NaN");
    case 8:
      what = "a number replaced by a huge integer";
      return replace_number("340282366920938463463374607431768211457");
    case 9: {
      const auto spans = strings_in(text, csv);
      if (spans.empty()) return text;
      const auto [b, e] = pick(spans);
      what = "the string at byte " + std::to_string(b) + " emptied";
      return text.substr(0, b) + text.substr(e);
    }
    case 10: {  // a CSV column header deleted; in JSON a field name misspelt
      if (csv) {
        auto header = lines.empty() ? std::string() : lines[0];
        std::vector<std::string> cells;
        std::size_t b = 0;
        for (std::size_t k = 0; k <= header.size(); ++k)
          if (k == header.size() || header[k] == ',') {
            cells.push_back(header.substr(b, k - b));
            b = k + 1;
          }
        const auto drop = std::size_t(rng.below(int(cells.size())));
        what = "header column " + std::to_string(drop + 1) + " deleted";
        std::string out;
        for (std::size_t k = 0; k < cells.size(); ++k)
          if (k != drop) out += (out.empty() ? "" : ",") + cells[k];
        if (drop + 1 == cells.size() && !header.empty() && header.back() == '\n') out += "\n";
        if (!lines.empty()) lines[0] = out;
        return join(lines);
      }
      const auto spans = strings_in(text, false);
      if (spans.empty()) return text;
      const auto [b, e] = pick(spans);
      what = "the string at byte " + std::to_string(b) + " misspelt";
      return text.substr(0, b) + "x" + text.substr(b, e - b) + "y" + text.substr(e);
    }
    default: {  // an id that is nowhere in the event
      const char* ids[] = {"s1", "i1", "d1-", "T1", "seed"};
      const std::string id = ids[rng.below(5)];
      std::vector<std::size_t> at;
      for (auto k = text.find(id); k != std::string::npos; k = text.find(id, k + 1))
        at.push_back(k);
      what = "an unknown id for " + id;
      if (at.empty()) return text;
      const auto k = at[std::size_t(rng.below(int(at.size())))];
      return text.substr(0, k) + "zz-unknown-" + text.substr(k);
    }
  }
}

// What every command is run with: the original event's first ids and a schedule of the original.
struct Fixture {
  TempDir dir{"corruption"};
  Event event;
  std::string schedule_file;
  std::map<std::string, std::string> folder;  // file name -> text
  std::string json;
  Fixture() {
    event = read_event(example);
    for (const auto& entry : fs::directory_iterator(example))
      if (entry.path().extension() == ".csv" || entry.path().filename() == "event.json")
        folder[entry.path().filename().string()] = slurp(entry.path());
    json = write_event_json(event);
    schedule_file = dir.file("schedule.json");
    write_file_atomically(schedule_file, write_schedule_json(event, schedule_meetings(event)));
  }
};

// Exit statuses seen, by command, so a run shows what it exercised.
using Tally = std::map<std::string, std::map<int, int>>;

std::string tally_text(const Tally& tally) {
  std::string out;
  for (const auto& [command, statuses] : tally) {
    out += "\n  " + command + ":";
    for (const auto& [status, n] : statuses)
      out += " exit " + std::to_string(status) + " x" + std::to_string(n);
  }
  return out;
}

// Runs every command on `input` (a file or a folder); checks the guarantees for each.
void run_every_command(const Fixture& fx, const TempDir& dir, const std::string& input,
                       const std::string& what, Tally& tally) {
  const std::string q = "'" + input + "'";
  const std::string keep = "an existing output, kept when the command fails\n";
  const std::string out = dir.file("out.file"), ics = dir.file("calendars");
  struct Command {
    std::string label, args;
    bool writes_file = false, writes_folder = false;
  };
  const std::string export_base =
      "export " + q + " --schedule '" + fx.schedule_file + "' --format ";
  const std::vector<Command> commands = {
      {"validate", "validate " + q},
      {"score", "score " + q + " --top 3 --output '" + out + "' --quiet", true},
      {"schedule", "schedule " + q + " --output '" + out + "' --quiet", true},
      {"explain", "explain " + q + " '" + fx.event.startups[0].id + "' '" +
                      fx.event.investors[0].id + "' --format json"},
      {"export csv", export_base + "csv --quiet --output '" + out + "'", true},
      {"export ics", export_base + "ics --quiet --output '" + ics + "'", false, true},
      {"export html", export_base + "html --quiet --output '" + out + "'", true},
  };
  for (const auto& c : commands) {
    write_text(out, keep);
    fs::remove_all(ics);
    fs::create_directories(ics);
    write_text(fs::path(ics) / "keep.ics", keep);
    const Run r = run_cli(dir, c.args, time_limit_seconds);
    ++tally[c.label][r.status];
    INFO("corruption: ", what);
    INFO("command: festmatch ", c.args);
    INFO("stderr: ", r.err.substr(0, 2000));
    CHECK_FALSE(r.timed_out);
    CHECK(r.signal == 0);
    CHECK((r.status >= 0 && r.status <= 4));
    if (r.status == 0 && c.label == "schedule") {
      // A corrupted input that still reads is an event like any other: its schedule keeps
      // every rule.
      const Event event = read_event(input);
      const Schedule plan = read_schedule(out, event);
      const auto check = check_schedule(event, plan);
      CHECK_MESSAGE(check.violations.empty(),
                    (check.violations.empty() ? "" : check.violations.front()));
      CHECK(check_shortfalls(event, plan).empty());
    }
    if (r.status == 0 || r.timed_out || r.signal != 0) continue;
    // A failure names the file it is about: the event (or a file of the folder) or the schedule.
    CHECK((r.err.find(input) != std::string::npos ||
           r.err.find(fx.schedule_file) != std::string::npos));
    if (c.writes_file) CHECK(slurp(out) == keep);
    if (c.writes_folder) {
      std::size_t files = 0;
      for ([[maybe_unused]] const auto& e : fs::directory_iterator(ics)) ++files;
      CHECK(files == 1);
      CHECK(slurp(fs::path(ics) / "keep.ics") == keep);
    }
  }
}

}  // namespace

TEST_CASE("corruption: the example as one JSON file, every command, no crash or hang") {
  const Fixture fx;
  const TempDir dir("corruption-json");
  const std::string file = dir.file("event.json");
  Tally tally;
  for (int k = 0; k < corruption_count(); ++k) {
    std::string what;
    write_text(file, corrupt(fx.json, false, 1000 + std::uint64_t(k), what));
    run_every_command(fx, dir, file, "event.json: " + what, tally);
  }
  MESSAGE("exit statuses on the corrupted JSON file:" << tally_text(tally));
  CHECK(tally["validate"][0] > 0);  // some corruptions keep the file valid,
  CHECK(tally["validate"][1] > 0);  // most do not
}

TEST_CASE("corruption: the example as a folder, every command, no crash or hang") {
  const Fixture fx;
  const TempDir dir("corruption-folder");
  const fs::path folder = dir.path / "event";
  std::vector<std::string> names;
  for (const auto& [name, text] : fx.folder) names.push_back(name);
  Tally tally;
  for (int k = 0; k < corruption_count(); ++k) {
    fs::remove_all(folder);
    fs::create_directories(folder);
    for (const auto& [name, text] : fx.folder) write_text(folder / name, text);
    Rng rng(2000 + std::uint64_t(k));
    const std::string& name = names[std::size_t(rng.below(int(names.size())))];
    std::string what;
    write_text(folder / name,
               corrupt(fx.folder.at(name), name.ends_with(".csv"), rng.next(), what));
    run_every_command(fx, dir, folder.string(), name + ": " + what, tally);
  }
  MESSAGE("exit statuses on the corrupted folder:" << tally_text(tally));
  CHECK(tally["validate"][0] > 0);
  CHECK(tally["validate"][1] > 0);
}
