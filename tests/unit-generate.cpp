#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <festmatch/event/event_folder.hpp>
#include <festmatch/event/event_json.hpp>
#include <festmatch/event/read_event.hpp>
#include <festmatch/event/validate.hpp>
#include <festmatch/generate/generate.hpp>

#include "test_support.hpp"

using namespace festmatch;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh, empty folder for one test (per process: two builds may run the suite at once).
fs::path scratch(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("festmatch-generate-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int run_cli(const std::string& arguments) {
  const std::string command =
      "'" + std::string(test::cli_path()) + "' " + arguments + " 2>/dev/null";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::vector<std::string> messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(d.to_string());
  return out;
}

GeneratorOptions small_options() {
  auto o = preset_options(Preset::techfest);
  o.startups = 40;
  o.investors = 15;
  o.days = 2;
  o.slots_per_day = 6;
  o.tables = 10;
  return o;
}

bool languages_ok(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() || b.empty()) return true;
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) != b.end()) return true;
  }
  return false;
}

bool modes_ok(Mode a, Mode b) {
  if (a == Mode::online && b == Mode::in_person) return false;
  if (b == Mode::online && a == Mode::in_person) return false;
  return true;
}

// Every rule a pinned meeting must keep (docs/scheduler.md), checked from scratch.
std::vector<std::string> pin_problems(const Event& e) {
  std::vector<std::string> out;
  std::set<std::pair<Index, Index>> blocked, requested, pairs;
  for (const auto& b : e.blocked) blocked.insert({b.startup, b.investor});
  for (const auto& r : e.requests) requested.insert({r.startup, r.investor});
  std::set<std::pair<Index, Index>> startup_slot, investor_slot;
  std::set<std::pair<Index, std::string>> startup_org;
  std::map<Index, int> startup_count, investor_count, slot_in_person;
  for (const auto& p : e.pinned) {
    const auto& s = e.startups.at(std::size_t(p.startup));
    const auto& i = e.investors.at(std::size_t(p.investor));
    const std::string what = s.id + "/" + i.id + "@" + e.slots.at(std::size_t(p.slot)).id + ": ";
    if (blocked.count({p.startup, p.investor})) out.push_back(what + "blocked");
    if (!requested.count({p.startup, p.investor})) out.push_back(what + "not requested");
    if (!pairs.insert({p.startup, p.investor}).second) out.push_back(what + "pair pinned twice");
    if (!languages_ok(s.languages, i.languages)) out.push_back(what + "no shared language");
    if (!modes_ok(s.mode, i.mode)) out.push_back(what + "modes");
    if (!s.availability.allows(p.slot)) out.push_back(what + "startup not available");
    if (!i.availability.allows(p.slot)) out.push_back(what + "investor not available");
    if (!startup_slot.insert({p.startup, p.slot}).second) out.push_back(what + "startup twice");
    if (!investor_slot.insert({p.investor, p.slot}).second) out.push_back(what + "investor twice");
    if (++startup_count[p.startup] > s.max_meetings.value_or(1000)) out.push_back(what + "s cap");
    if (++investor_count[p.investor] > i.max_meetings.value_or(1000)) out.push_back(what + "i cap");
    const bool online = s.mode == Mode::online || i.mode == Mode::online;
    if (!online && ++slot_in_person[p.slot] > e.slot_tables(p.slot)) out.push_back(what + "tables");
    if (!online && i.table && *i.table >= e.slot_tables(p.slot)) out.push_back(what + "table gone");
    if (e.options.one_per_organisation && !i.organisation.empty() &&
        !startup_org.insert({p.startup, i.organisation}).second) {
      out.push_back(what + "organisation rule");
    }
  }
  return out;
}

// A fingerprint of everything the generator decides, with FNV-1a (stable everywhere).
std::uint64_t fingerprint(const Event& e) {
  std::uint64_t h = 1469598103934665603ULL;
  auto mix = [&](const std::string& text) {
    for (unsigned char c : text) h = (h ^ c) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
  };
  auto num = [&](double v) { mix(std::to_string(v)); };
  for (const auto& s : e.slots) mix(s.id + s.start + std::to_string(s.tables.value_or(-1)));
  for (const auto& s : e.startups) {
    mix(s.id + s.name + s.country + std::to_string(s.stage) + std::to_string(int(s.mode)));
    for (const auto& w : s.sectors) num(w.index + w.weight);
    for (const auto& l : s.languages) mix(l);
    num(s.ask.value_or(-1));
    num(s.max_meetings.value_or(-1));
    for (auto k : s.availability.slots) num(k + 1000 * int(s.availability.kind));
  }
  for (const auto& i : e.investors) {
    mix(i.id + i.name + i.organisation + std::to_string(int(i.mode)));
    for (const auto& w : i.sectors) num(w.index + w.weight);
    for (const auto& w : i.stages) num(w.index + w.weight);
    for (const auto& c : i.countries) mix(c);
    for (const auto& l : i.languages) mix(l);
    num(i.ticket ? i.ticket->min + i.ticket->max : -1);
    num(i.max_meetings.value_or(-1));
    num(i.table.value_or(-1));
    for (auto k : i.availability.slots) num(k + 1000 * int(i.availability.kind));
  }
  for (const auto& r : e.requests)
    num(r.startup * 1e4 + r.investor + int(r.by) * .5 + int(r.priority) * .25);
  for (const auto& b : e.blocked)
    mix(std::to_string(b.startup) + "/" + std::to_string(b.investor) + b.reason);
  for (const auto& p : e.pinned) num(p.startup * 1e6 + p.investor * 1e3 + p.slot);
  return h;
}

}  // namespace

TEST_CASE("the same seed gives the same event, another seed gives another") {
  const Event a = generate_event(Preset::techfest, 42);
  const Event b = generate_event(Preset::techfest, 42);
  const Event c = generate_event(Preset::techfest, 43);
  CHECK(a == b);
  CHECK(fingerprint(a) == fingerprint(b));
  CHECK_FALSE(a == c);
  CHECK(fingerprint(a) != fingerprint(c));
  CHECK(a.startups[0].name != "");
}

TEST_CASE("the generator's output is pinned, so a platform or library change shows up") {
  // xoshiro256** with splitmix64 seeding and integer-only distributions: this value must be
  // the same with every compiler and standard library. Update it only on purpose.
  const Event e = generate_event(small_options(), 2023);
  CHECK(fingerprint(e) == 4216124571631838126ULL);
}

TEST_CASE("preset sizes are exact") {
  struct Size {
    Preset preset;
    std::size_t startups, investors, days, per_day, tables;
    const char* offset;
  };
  for (const Size& s : {Size{Preset::techfest, 250, 60, 4, 14, 30, "+07:00"},
                        Size{Preset::websummit, 2000, 1500, 3, 24, 300, "+00:00"},
                        Size{Preset::slush, 5500, 3300, 2, 27, 500, "+02:00"}}) {
    CAPTURE(preset_name(s.preset));
    const Event e = generate_event(s.preset, 7);
    CHECK(e.startups.size() == s.startups);
    CHECK(e.investors.size() == s.investors);
    CHECK(e.slots.size() == s.days * s.per_day);
    CHECK(e.tables.size() == s.tables);
    CHECK(e.tables.front() == "T1");
    CHECK(e.tables.back() == "T" + std::to_string(s.tables));
    std::set<std::string> days;
    for (const auto& slot : e.slots) {
      CHECK(slot.start.substr(16) == s.offset);
      CHECK(slot.minutes >= 20);
      CHECK(slot.minutes <= 30);
      days.insert(slot.start.substr(0, 10));
    }
    CHECK(days.size() == s.days);
    CHECK(e.startup_index.size() == s.startups);  // reindexed, ids unique
    CHECK(e.investor_index.size() == s.investors);
    CHECK(e.slot_index.size() == e.slots.size());
    CHECK(pin_problems(e).empty());
    CHECK(e.pinned.size() >= 5);
  }
}

TEST_CASE("preset names parse, and unknown ones do not") {
  CHECK(parse_preset("techfest") == Preset::techfest);
  CHECK(parse_preset("websummit") == Preset::websummit);
  CHECK(parse_preset("slush") == Preset::slush);
  CHECK_FALSE(parse_preset("Slush").has_value());
  CHECK_FALSE(parse_preset("").has_value());
  CHECK(preset_name(Preset::websummit) == "websummit");
}

TEST_CASE("techfest slots: 09:00 start, 30 minutes, a lunch break, UTC seconds filled") {
  const Event e = generate_event(Preset::techfest, 1);
  CHECK(e.slots[0].id == "d1-0900");
  CHECK(e.slots[0].start == "2023-09-18T09:00+07:00");
  CHECK(e.slots[0].start_utc == 1695002400);  // 02:00 UTC
  CHECK(e.slots[0].utc_offset_minutes == 420);
  CHECK(e.slots[6].start == "2023-09-18T12:00+07:00");
  CHECK(e.slots[7].start == "2023-09-18T13:30+07:00");  // after an hour's lunch
  CHECK(e.slots[7].start_utc - e.slots[6].start_utc == 90 * 60);
  CHECK(e.slots[14].start == "2023-09-19T09:00+07:00");
  CHECK(e.slots.back().id == "d4-1630");
  CHECK(e.slots.back().start == "2023-09-21T16:30+07:00");
  CHECK(e.timezone == "Asia/Ho_Chi_Minh");
  for (std::size_t k = 1; k < e.slots.size(); ++k) {
    CHECK(e.slots[k].start_utc > e.slots[k - 1].start_utc);
  }
}

TEST_CASE("generated events look like real ones") {
  for (std::uint64_t seed : {1ULL, 2ULL, 99ULL}) {
    CAPTURE(seed);
    const Event e = generate_event(Preset::techfest, seed);
    const std::size_t ns = e.startups.size(), ni = e.investors.size();

    // Partial availability of both kinds, on both sides.
    int available = 0, unavailable = 0;
    for (const auto& s : e.startups) {
      available += s.availability.kind == Availability::Kind::available;
      unavailable += s.availability.kind == Availability::Kind::unavailable;
    }
    for (const auto& i : e.investors) {
      available += i.availability.kind == Availability::Kind::available;
      unavailable += i.availability.kind == Availability::Kind::unavailable;
    }
    CHECK(available > 5);
    CHECK(unavailable > 5);
    CHECK(available + unavailable < int(ns + ni) / 2);

    // Online and hybrid participants, and slots with fewer tables.
    int online = 0, both = 0, reduced = 0;
    for (const auto& s : e.startups) online += s.mode == Mode::online, both += s.mode == Mode::both;
    for (const auto& i : e.investors)
      online += i.mode == Mode::online, both += i.mode == Mode::both;
    for (const auto& s : e.slots) reduced += s.tables.has_value();
    CHECK(online > 5);
    CHECK(both > 3);
    CHECK(reduced > 0);

    // Requests: mutual ones, `must` ones, never the same side twice, never on a blocked pair.
    std::set<std::tuple<Index, Index, Side>> seen;
    std::set<std::pair<Index, Index>> by_startup, by_investor, blocked;
    int must = 0;
    for (const auto& b : e.blocked) {
      CHECK_FALSE(b.reason.empty());
      CHECK(blocked.insert({b.startup, b.investor}).second);
    }
    std::vector<int> received(ni);
    for (const auto& r : e.requests) {
      CHECK(seen.insert({r.startup, r.investor, r.by}).second);
      CHECK_FALSE(blocked.count({r.startup, r.investor}));
      (r.by == Side::startup ? by_startup : by_investor).insert({r.startup, r.investor});
      must += r.priority == Priority::must;
      if (r.by == Side::startup) ++received[std::size_t(r.investor)];
    }
    int mutual = 0;
    for (const auto& p : by_startup) mutual += by_investor.count(p) > 0;
    CHECK(mutual > 10);
    CHECK(must > 10);
    CHECK(!by_investor.empty());
    CHECK(!e.blocked.empty());

    // Skewed investor popularity: the most requested investor gets far more than the median.
    std::sort(received.begin(), received.end());
    CHECK(received.back() >= 4 * std::max(1, received[ni / 2]));

    // Organisations with several investors each, and fixed tables that are never shared and
    // exist in every slot.
    std::map<std::string, int> org_size;
    std::set<Index> fixed;
    int min_tables = int(e.tables.size());
    for (std::size_t k = 0; k < e.slots.size(); ++k) {
      min_tables = std::min(min_tables, e.slot_tables(Index(k)));
    }
    for (const auto& i : e.investors) {
      if (!i.organisation.empty()) ++org_size[i.organisation];
      if (i.table) {
        CHECK(fixed.insert(*i.table).second);
        CHECK(*i.table < min_tables);
        CHECK(i.mode == Mode::in_person);
      }
    }
    int big_orgs = 0;
    for (const auto& [name, size] : org_size) big_orgs += size >= 2;
    CHECK(big_orgs >= 5);
    CHECK(!fixed.empty());
    CHECK(e.options.one_per_organisation);

    // Languages that do not always overlap, and some people without English.
    int no_common = 0, no_english = 0;
    for (const auto& s : e.startups) {
      if (!s.languages.empty() &&
          std::find(s.languages.begin(), s.languages.end(), "en") == s.languages.end()) {
        ++no_english;
      }
      for (const auto& i : e.investors) no_common += !languages_ok(s.languages, i.languages);
    }
    CHECK(no_english > 10);
    CHECK(no_common > 100);

    // Stages skewed to early; asks that fit the stage; caps in realistic ranges.
    std::vector<int> stages(e.stages.size());
    for (const auto& s : e.startups) {
      ++stages[std::size_t(s.stage)];
      if (s.ask) {
        const double lo[] = {2e4, 1e5, 5e5, 2e6, 1e7, 3e7}, hi[] = {1e5, 5e5, 2e6, 1e7, 4e7, 1e8};
        CHECK(*s.ask >= lo[s.stage]);
        CHECK(*s.ask <= hi[s.stage]);
      }
      CHECK(s.max_meetings.value() >= 2);
      CHECK(s.max_meetings.value() <= 10);
      CHECK_FALSE(s.min_meetings.has_value());
      CHECK(!s.sectors.empty());
      CHECK(s.sectors.size() <= 3);
      CHECK(s.sectors[0].weight == 1.0);
    }
    CHECK(stages[0] + stages[1] + stages[2] > stages[3] + stages[4] + stages[5]);
    CHECK(stages[5] < stages[2]);
    for (const auto& i : e.investors) {
      CHECK(i.sectors.size() >= 1);
      CHECK(i.sectors.size() <= 4);
      CHECK(i.max_meetings.value() >= 4);
      CHECK(i.max_meetings.value() <= 16);
      if (i.ticket) CHECK(i.ticket->min < i.ticket->max);
    }

    // The seed's countries.
    std::set<std::string> countries;
    for (const auto& s : e.startups) countries.insert(s.country);
    CHECK(countries == std::set<std::string>{"CN", "IL", "KR", "NL", "SG", "VN"});

    CHECK(pin_problems(e) == std::vector<std::string>{});
    CHECK(e.pinned.size() == 6);
  }
}

TEST_CASE("the big presets reach beyond the seed's countries") {
  const Event e = generate_event(Preset::slush, 5);
  std::map<std::string, int> countries;
  for (const auto& s : e.startups) ++countries[s.country];
  CHECK(countries.size() >= 12);
  CHECK(countries["FI"] > countries["VN"]);
  CHECK(e.slots[0].start == "2024-11-20T09:00+02:00");
  CHECK(e.pinned.size() == 60);
}

TEST_CASE("tiny events work, down to one of everything") {
  GeneratorOptions o = small_options();
  o.startups = 1;
  o.investors = 1;
  o.days = 1;
  o.slots_per_day = 1;
  o.tables = 1;
  o.requests_per_startup = 3;
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    const Event e = generate_event(o, seed);
    CHECK(e.startups.size() == 1);
    CHECK(e.investors.size() == 1);
    CHECK(e.slots.size() == 1);
    CHECK(e.requests.size() <= 2);
    CHECK(pin_problems(e).empty());
  }
}

TEST_CASE("small events keep every pin valid over many seeds") {
  GeneratorOptions o = small_options();
  o.pinned = 25;
  o.partial_availability_rate = 0.6;
  o.online_rate = 0.3;
  o.reduced_tables_rate = 0.5;
  o.tables = 3;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    CAPTURE(seed);
    const Event e = generate_event(o, seed);
    CHECK(pin_problems(e) == std::vector<std::string>{});
    CHECK(e.pinned.size() >= 5);
  }
}

TEST_CASE("unusable options throw InputError naming the option") {
  GeneratorOptions o = small_options();
  o.startups = 0;
  o.first_day = "18/09/2023";
  o.must_rate = 1.5;
  try {
    (void)generate_event(o, 1);
    FAIL("expected InputError");
  } catch (const InputError& error) {
    std::vector<std::string> lines;
    for (const auto& d : error.diagnostics()) lines.push_back(d.to_string());
    CHECK(lines == std::vector<std::string>{
                       "generator options: error: 'startups' must be at least 1, not 0",
                       "generator options: error: 'first_day' must be a date YYYY-MM-DD, not "
                       "'18/09/2023'",
                       "generator options: error: 'must_rate' must be within 0..1"});
  }
  o = small_options();
  o.slots_per_day = 40;
  CHECK_THROWS_WITH_AS(generate_event(o, 1),
                       "generator options: error: the day does not fit in 24 hours: "
                       "'day_start_minutes' + 'slots_per_day' x 'slot_minutes' + "
                       "'lunch_minutes' must be at most 1440",
                       InputError);
}

TEST_CASE("generated events pass validation on every preset and several seeds") {
  for (std::uint64_t seed : {1ULL, 2ULL, 3ULL, 4ULL, 5ULL}) {
    CAPTURE(seed);
    CHECK(messages(check_event(generate_event(Preset::techfest, seed))) ==
          std::vector<std::string>{});
  }
  for (Preset preset : {Preset::websummit, Preset::slush}) {
    CAPTURE(preset_name(preset));
    CHECK(messages(check_event(generate_event(preset, 11))) == std::vector<std::string>{});
  }
  GeneratorOptions o = small_options();
  o.pinned = 25;
  o.tables = 3;
  o.online_rate = 0.3;
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    CAPTURE(seed);
    CHECK(messages(check_event(generate_event(o, seed))) == std::vector<std::string>{});
  }
}

TEST_CASE("generate -> write_event_json -> read_event_json gives the same event") {
  const Event e = generate_event(Preset::techfest, 42);
  const std::string json = write_event_json(e);
  CHECK(json == write_event_json(generate_event(Preset::techfest, 42)));  // byte for byte
  CHECK(json != write_event_json(generate_event(Preset::techfest, 41)));
  CHECK(read_event_json(json, "techfest.json") == e);
  const Event big = generate_event(Preset::websummit, 3);
  CHECK(read_event_json(write_event_json(big), "websummit.json") == big);
}

TEST_CASE("generate -> write_event_folder -> read_event_folder gives the same event") {
  const fs::path dir = scratch("folder");
  const Event e = generate_event(Preset::techfest, 8);
  write_event_folder(e, dir / "event");
  CHECK(read_event_folder(dir / "event") == e);
  fs::remove_all(dir);
}

TEST_CASE("the bundled example folder reads, validates and looks exported from a spreadsheet") {
  const fs::path folder = fs::path(test::source_dir()) / "examples" / "techfest-haiphong";
  const Event e = read_event(folder);
  CHECK(messages(check_event(e)) == std::vector<std::string>{});
  CHECK(e.name == "Techfest Hải Phòng 2023 — investor connection sessions");
  CHECK(e.startups.size() == 73);
  CHECK(e.investors.size() == 24);
  CHECK(e.slots.size() == 30);
  CHECK(e.tables.size() == 12);
  CHECK(e.slots.front().start == "2023-09-18T14:00+07:00");
  CHECK(e.slots.back().start == "2023-09-21T11:00+07:00");
  CHECK(e.options.one_per_organisation);

  // UTF-8 names exactly as written, including a quoted cell with a comma.
  const auto& s2 = e.startups[std::size_t(*find_index(e.startup_index, "S002"))];
  CHECK(s2.name == "Công ty TNHH Nông Sản Đồ Sơn, Chi nhánh Hải Phòng");
  CHECK(e.startups[std::size_t(*find_index(e.startup_index, "S041"))].name == "KiKai Factory");

  // The six countries of the seed, requests of both kinds, a blocked pair, a pinned meeting,
  // an investor with a fixed table, online participants, funds with several partners.
  std::set<std::string> countries;
  for (const auto& s : e.startups) countries.insert(s.country);
  CHECK(countries == std::set<std::string>{"CN", "IL", "KR", "NL", "SG", "VN"});
  std::set<std::pair<Index, Index>> by_startup, by_investor;
  for (const auto& r : e.requests) {
    (r.by == Side::startup ? by_startup : by_investor).insert({r.startup, r.investor});
  }
  int mutual = 0;
  for (const auto& p : by_startup) mutual += by_investor.count(p) > 0;
  CHECK(mutual > 3);
  CHECK(e.blocked.size() == 2);
  CHECK(e.pinned.size() == 1);
  CHECK(pin_problems(e) == std::vector<std::string>{});
  int fixed = 0, online = 0, partial = 0;
  std::map<std::string, int> funds;
  for (const auto& i : e.investors) {
    fixed += i.table.has_value();
    online += i.mode == Mode::online;
    partial += i.availability.kind != Availability::Kind::all;
    if (!i.organisation.empty()) ++funds[i.organisation];
  }
  for (const auto& s : e.startups) {
    online += s.mode == Mode::online;
    partial += s.availability.kind != Availability::Kind::all;
  }
  CHECK(fixed == 1);
  CHECK(online >= 3);
  CHECK(partial >= 5);
  CHECK(funds.size() == 9);

  // The spreadsheet's fingerprints: a byte order mark and CRLF line ends.
  const std::string startups = slurp(folder / "startups.csv");
  CHECK(startups.rfind("\xEF\xBB\xBFid,name,", 0) == 0);
  CHECK(startups.find("\r\n") != std::string::npos);
  CHECK(startups.find("\"Công ty TNHH Nông Sản Đồ Sơn, Chi nhánh Hải Phòng\"") !=
        std::string::npos);
}

TEST_CASE("festmatch generate writes the preset's event, byte for byte the library's") {
  const fs::path dir = scratch("cli");
  const fs::path file = dir / "techfest-42.json";
  REQUIRE(run_cli("generate --preset techfest --seed 42 --quiet --output " + file.string()) == 0);
  CHECK(slurp(file) == write_event_json(generate_event(Preset::techfest, 42)));

  REQUIRE(run_cli("generate --preset techfest --seed 5 --quiet --folder " + (dir / "f").string()) ==
          0);
  CHECK(read_event_folder(dir / "f") == generate_event(Preset::techfest, 5));

  // Usage errors (exit status 2) write nothing.
  const fs::path none = dir / "none.json";
  CHECK(run_cli("generate --preset slushy --seed 1 --output " + none.string()) == 2);
  CHECK(run_cli("generate --preset techfest --seed -1 --output " + none.string()) == 2);
  CHECK(run_cli("generate --preset techfest --seed 1") == 2);
  CHECK(run_cli("generate --preset techfest --output " + none.string()) == 2);
  CHECK(run_cli("generate --preset techfest --seed 1 --folder x --output " + none.string()) == 2);
  CHECK_FALSE(fs::exists(none));
  // An output that cannot be written: exit status 4.
  CHECK(run_cli("generate --preset techfest --seed 1 --output " +
                (dir / "no" / "x.json").string()) == 4);
  fs::remove_all(dir);
}
