// The event file: round trips, JSON syntax errors with LINE:COLUMN, limits.
#include <doctest/doctest.h>

#include <festmatch/event/event_json.hpp>
#include <festmatch/event/validate.hpp>

#include <string>
#include <vector>

namespace {

using festmatch::Event;

festmatch::Slot slot(const char* id, const char* start, int minutes,
                     std::optional<int> tables = {}) {
  festmatch::Slot s{.id = id, .start = start, .minutes = minutes, .tables = tables};
  const auto t = festmatch::detail::parse_slot_start(start);
  REQUIRE(t.ok);
  s.start_utc = t.utc_seconds;
  s.utc_offset_minutes = t.offset_minutes;
  return s;
}

// Every field of the model set to something other than its default somewhere.
Event sample_event() {
  using namespace festmatch;
  Event e;
  e.name = "Techfest Hải Phòng 2023";
  e.timezone = "Asia/Ho_Chi_Minh";
  e.sectors = {"logistics", "seaports", "food and cuisine", "AI"};
  e.related_sectors = {{0, 1, 0.8}, {2, 3, 0.125}};
  e.stages = {"idea", "seed", "series-a"};
  e.tables = {"A1", "A2", "Bàn 3"};
  e.slots = {slot("d1-0900", "2023-09-18T09:00+07:00", 20),
             slot("d1-0920", "2023-09-18T09:20:00+07:00", 20, 2),
             slot("d2-1400", "2023-09-19T07:00Z", 30, 0)};
  e.startups.push_back({.id = "s1",
                        .name = "Công ty Cổ phần Cảng Xanh, \"Logistics\"",
                        .sectors = {{0, 1.0}, {1, 0.5}},
                        .stage = 1,
                        .ask = 1490000.0,
                        .country = "VN",
                        .languages = {"vi", "en"},
                        .max_meetings = 6,
                        .min_meetings = 2,
                        .availability = {Availability::Kind::available, {0, 2}},
                        .mode = Mode::both});
  e.startups.push_back({.id = "s2",
                        .name = "KiKai Factory",
                        .sectors = {{3, 0.3}},
                        .stage = 2,
                        .availability = {Availability::Kind::unavailable, {1}},
                        .mode = Mode::online});
  e.investors.push_back({.id = "i1",
                         .name = "Nguyễn Thị Lan",
                         .organisation = "Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng",
                         .sectors = {{1, 1.0}, {0, 0.25}},
                         .stages = {{1, 1.0}, {2, 0.5}},
                         .ticket = Ticket{200000.0, 2000000.5},
                         .countries = {"VN", "KR"},
                         .languages = {"vi"},
                         .max_meetings = 11,
                         .table = 2});
  e.investors.push_back({.id = "i2",
                         .name = "Remote Ventures",
                         .sectors = {{3, 1.0}},
                         .availability = {Availability::Kind::available, {}},
                         .mode = Mode::online});
  e.requests = {{0, 0, Side::startup, Priority::must},
                {0, 0, Side::investor, Priority::want},
                {1, 1, Side::investor, Priority::want}};
  e.blocked = {{1, 0, "conflict of interest"}, {0, 1, ""}};
  e.pinned = {{.startup = 0, .investor = 0, .slot = 0, .table = 2}};
  e.weights = {.sector = 0.5, .stage = 0.2, .ticket = 0.1, .country = 0.1, .language = 0.1};
  e.options = {.stage_decay = 0.25,
               .min_score = 0.1,
               .interpreters = true,
               .one_per_organisation = true,
               .fairness_weight = 0.75,
               .min_meetings = 2};
  e.reindex();
  return e;
}

std::vector<std::string> problems(std::string_view text) {
  try {
    festmatch::read_event_json(text, "event.json");
  } catch (const festmatch::Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

}  // namespace

TEST_CASE("a hand-built event is valid and survives a JSON round trip") {
  const Event e = sample_event();
  CHECK(festmatch::check_event(e).empty());
  const std::string text = festmatch::write_event_json(e);
  const Event back = festmatch::read_event_json(text, "event.json");
  CHECK(back == e);
  CHECK(festmatch::write_event_json(back) == text);  // deterministic
}

TEST_CASE("the written file keeps UTF-8 as is and uses the documented format") {
  const std::string text = festmatch::write_event_json(sample_event());
  CHECK(text.rfind("{\n  \"format\": \"festmatch-event/1\",\n  \"event\": {\n", 0) == 0);
  CHECK(text.find("\"name\": \"Nguyễn Thị Lan\"") != std::string::npos);
  CHECK(text.find("\"organisation\": \"Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng\"") !=
        std::string::npos);
  CHECK(text.find("\"tables\": [\n    \"A1\",") != std::string::npos);
  CHECK(text.find("\"available\": []") != std::string::npos);
  CHECK(text.back() == '\n');
  const Event back = festmatch::read_event_json(text, "event.json");
  CHECK(back.investors[0].organisation == "Quỹ Đầu tư Đổi mới Sáng tạo Hải Phòng");
  CHECK(back.tables[2] == "Bàn 3");
}

TEST_CASE("tables as a count mean T1..Tn and are written back as a count") {
  Event e = sample_event();
  e.tables = {"T1", "T2", "T3"};
  e.reindex();
  const std::string text = festmatch::write_event_json(e);
  CHECK(text.find("\"tables\": 3,") != std::string::npos);
  CHECK(festmatch::read_event_json(text, "event.json") == e);
}

TEST_CASE("defaults: a minimal file, nulls count as absent") {
  const Event e = festmatch::read_event_json(
      R"({"format": "festmatch-event/1", "sectors": ["a"], "weights": null,
          "startups": [{"id": "s1", "sectors": {"a": 2}, "stage": "seed", "ask": null}]})",
      "event.json");
  CHECK(e.stages == festmatch::default_stages());
  CHECK(e.startups[0].stage == 2);
  CHECK(!e.startups[0].ask);
  CHECK(e.startups[0].availability.kind == festmatch::Availability::Kind::all);
  CHECK(e.weights == festmatch::Weights{});
  CHECK(e.options == festmatch::Options{});
  CHECK(e.startup_index.at("s1") == 0);
}

// nlohmann-json reports the byte it stopped at: the end of the offending token.
TEST_CASE("JSON syntax errors carry LINE:COLUMN (byte column)") {
  CHECK(problems("{\n  \"format\": \"festmatch-event/1\",\n  \"sectors\": [\"a\" \"b\"]\n}") ==
        std::vector<std::string>{"event.json:3:21: error: invalid JSON: syntax error while parsing "
                                 "array - unexpected string literal; expected ']'"});
  CHECK(problems("") == std::vector<std::string>{
                            "event.json:1:1: error: invalid JSON: syntax error while parsing value "
                            "- unexpected end of input; expected '[', '{', or a literal"});
  CHECK(problems("{\"format\": \"festmatch-event/1\",}") ==
        std::vector<std::string>{"event.json:1:32: error: invalid JSON: syntax error while parsing "
                                 "object key - unexpected '}'; expected string literal"});
}

TEST_CASE("invalid UTF-8 is a syntax error with its position, and cannot be written") {
  const auto lines =
      problems("{\"format\": \"festmatch-event/1\",\n \"event\": {\"name\": \"H\xE1i\"}}");
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].rfind("event.json:2:23: error: invalid JSON: syntax error while parsing value - "
                       "invalid string: ill-formed UTF-8 byte",
                       0) == 0);
  CHECK(lines[0].find('\xE1') == std::string::npos);  // the bad byte is not echoed
  Event e = sample_event();
  e.startups[0].name = "bad \xFF name";
  CHECK_THROWS_WITH_AS(festmatch::write_event_json(e),
                       "<input>: error: cannot write the event: a name or id is not valid UTF-8",
                       festmatch::InputError);
}

TEST_CASE("deep nesting is refused before parsing") {
  std::string deep = "{\"format\": \"festmatch-event/1\", \"event\": ";
  for (int k = 0; k < 100000; ++k) deep += '[';
  CHECK(problems(deep) ==
        std::vector<std::string>{"event.json:1:105: error: JSON nested deeper than 64 levels"});
  std::string ok = "{\"format\": \"festmatch-event/1\", \"x\": ";
  for (int k = 0; k < 62; ++k) ok += '[';
  for (int k = 0; k < 62; ++k) ok += ']';
  ok += '}';
  CHECK(problems(ok) == std::vector<std::string>{"event.json:/x: error: unknown field 'x'"});
  // Brackets inside strings do not count.
  CHECK(problems("{\"format\": \"festmatch-event/1\", \"event\": {\"name\": \"" +
                 std::string(200, '[') + "\"}}")
            .empty());
}

TEST_CASE("not an object, wrong top-level types") {
  CHECK(problems("[1, 2]") ==
        std::vector<std::string>{"event.json: error: an event must be a JSON object, got array"});
  CHECK(problems(R"({"format": "festmatch-event/1", "sectors": "logistics", "tables": "many"})") ==
        std::vector<std::string>{
            "event.json:/sectors: error: 'sectors' must be a list, got \"logistics\"",
            "event.json:/tables: error: 'tables' must be a list of table ids or a count, got "
            "\"many\""});
}

TEST_CASE("too many problems are capped, never a flood") {
  std::string text = R"({"format": "festmatch-event/1", "sectors": ["a"], "startups": [)";
  for (int k = 0; k < 1000; ++k) text += std::string(k ? "," : "") + "{\"id\": \"s\", \"zz\": 1}";
  text += "]}";
  const auto lines = problems(text);
  REQUIRE(lines.size() == 51);  // at most 50 a file, then the count of the rest
  CHECK(lines.back() == "event.json: error: 3949 more errors in this file (at most 50 are shown)");
}

TEST_CASE("garbage input never crashes") {
  const std::string good = festmatch::write_event_json(sample_event());
  unsigned state = 7;
  int errors = 0;
  for (int round = 0; round < 300; ++round) {
    std::string text = good;
    for (int k = 0; k < 3; ++k) {
      state = state * 1103515245u + 12345u;
      const std::size_t at = (state >> 8) % text.size();
      const char junk[] = {'{', '}', '[', ']', '"', ',', ':', '0', '-', 'x', '\xFF', '\n'};
      text[at] = junk[(state >> 20) % sizeof junk];
    }
    try {
      festmatch::read_event_json(text, "event.json");
    } catch (const festmatch::Error& e) {
      ++errors;
      CHECK(!e.diagnostics().empty());
    }
  }
  CHECK(errors > 200);
}
