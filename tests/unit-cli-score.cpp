// `festmatch score` and `festmatch explain`: formats, values against the library, exit statuses.
#include <doctest/doctest.h>

#include <festmatch/event/read_event.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace festmatch;
using namespace festmatch::test;

namespace {

std::vector<std::string> fields(const std::string& line) {  // no quoted fields in these tests
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string f; std::getline(in, f, ',');) out.push_back(f);
  return out;
}

const char* event_text = R"({
  "format": "festmatch-event/1",
  "event": {"name": "Hải Phòng Demo Day"},
  "sectors": ["logistics", "seaports", "agriculture"],
  "related_sectors": [["logistics", "seaports", 0.5]],
  "tables": 3,
  "options": {"min_meetings": 1},
  "slots": [{"id": "d1-0900", "start": "2023-09-18T09:00+07:00", "minutes": 20}],
  "startups": [
    {"id": "s1", "name": "Cảng Xanh", "sectors": {"logistics": 1}, "stage": "seed",
     "ask": 500000, "country": "VN", "languages": ["vi"]},
    {"id": "s2", "name": "KiKai Factory", "sectors": {"seaports": 1, "logistics": 0.5},
     "stage": "idea", "languages": ["vi", "en"]},
    {"id": "s3", "name": "Đồ Sơn Farm", "sectors": {"agriculture": 1}, "stage": "series-a",
     "mode": "online"}
  ],
  "investors": [
    {"id": "i1", "name": "Mekong Fund", "sectors": {"seaports": 1},
     "stages": {"seed": 1, "series-a": 0.5}, "ticket": {"min": 200000, "max": 400000},
     "countries": ["VN", "SG"], "languages": ["ko", "en"]},
    {"id": "i2", "name": "Hanoi Angels", "sectors": {"logistics": 1, "agriculture": 1}}
  ],
  "requests": [{"startup": "s2", "investor": "i1", "by": "startup", "priority": "want"},
               {"startup": "s2", "investor": "i1", "by": "investor", "priority": "must"}],
  "blocked": [{"startup": "s3", "investor": "i2", "reason": "competitor"}]
})";

// Reads the event the way the tool does and returns the library's answer for comparison.
struct Expected {
  Event event;
  CompatibilityMatrix matrix;
};
Expected expected(const fs::path& file) {
  Expected x{read_event(file), {}};
  x.matrix = compatibility_matrix(x.event);
  return x;
}

}  // namespace

TEST_CASE("score: the CSV header, one row per pair, values from the library") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  const auto want = expected(file);
  const Run r = run_cli(dir, "score '" + file.string() + "'");
  REQUIRE(r.status == 0);
  CHECK(r.err.empty());
  const auto rows = lines(r.out);
  REQUIRE(rows.size() == 1 + 3 * 2);
  CHECK(rows[0] ==
        "startup,investor,eligible,score,base,sector,stage,ticket,country,language,bonus");
  const Scorer scorer(want.event);
  for (std::size_t k = 1; k < rows.size(); ++k) {
    const auto f = fields(rows[k]);
    REQUIRE(f.size() == 11);
    const Index s = Index((k - 1) / 2), i = Index((k - 1) % 2);
    CHECK(f[0] == want.event.startups[std::size_t(s)].id);
    CHECK(f[1] == want.event.investors[std::size_t(i)].id);
    CHECK(f[2] == (want.matrix.eligible(s, i) ? "true" : "false"));
    CHECK(std::stod(f[3]) == doctest::Approx(want.matrix.score(s, i)).epsilon(1e-9));
    CHECK(std::stod(f[4]) == doctest::Approx(want.matrix.base(s, i)).epsilon(1e-9));
    const auto x = scorer.explain(s, i);
    for (int c = 0; c < 5; ++c) {
      CHECK(std::abs(std::stod(f[std::size_t(5 + c)]) - x.components[std::size_t(c)].value) <=
            5e-10);
    }
    CHECK(std::stod(f[10]) == x.bonus);
  }
  // hand-checked rows: s2 × i1 has a mutual request (0.25 + 1.0); s3 × i2 is blocked
  CHECK(fields(rows[3])[10] == "1.25");
  CHECK(fields(rows[3])[2] == "true");
  CHECK(fields(rows[6])[2] == "false");
  // s1 × i1: sector 0.5 (related), stage 1, ticket min(1, 2.5, 0.8) = 0.8, country 1,
  // language 0: base 0.45·0.5 + 0.25 + 0.15·0.8 + 0.10 = 0.695
  CHECK(rows[1] == "s1,i1,false,0.695,0.695,0.5,1,0.8,1,0,0");
}

TEST_CASE("score --top K: the K best eligible investors of each startup, best first") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  const auto want = expected(file);
  const auto best = top_k(want.event, 1);
  const Run r = run_cli(dir, "score '" + file.string() + "' --top 1");
  REQUIRE(r.status == 0);
  const auto rows = lines(r.out);
  std::vector<std::string> expect_rows;
  for (const auto& list : best.per_startup) {
    for (const auto& p : list) {
      expect_rows.push_back(want.event.startups[std::size_t(p.startup)].id + "," +
                            want.event.investors[std::size_t(p.investor)].id);
    }
  }
  REQUIRE(rows.size() == 1 + expect_rows.size());
  for (std::size_t k = 0; k < expect_rows.size(); ++k) {
    const auto f = fields(rows[k + 1]);
    CHECK(f[0] + "," + f[1] == expect_rows[k]);
    CHECK(f[2] == "true");
  }
  CHECK(run_cli(dir, "score '" + file.string() + "' --top 0").status == 2);
}

TEST_CASE("score --format json: an array of objects with the same fields") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  const auto want = expected(file);
  const Run r = run_cli(dir, "score '" + file.string() + "' --format json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 6);
  for (std::size_t k = 0; k < j.size(); ++k) {
    const Index s = Index(k / 2), i = Index(k % 2);
    CHECK(j[k]["startup"] == want.event.startups[std::size_t(s)].id);
    CHECK(j[k]["investor"] == want.event.investors[std::size_t(i)].id);
    CHECK(j[k]["eligible"] == bool(want.matrix.eligible(s, i)));
    CHECK(j[k]["score"].get<double>() == doctest::Approx(want.matrix.score(s, i)).epsilon(1e-9));
    for (const char* key : {"base", "sector", "stage", "ticket", "country", "language", "bonus"}) {
      CHECK(j[k].contains(key));
    }
  }
  // no eligible pair at all with --top: an empty array
  const Run none = run_cli(dir, "score '" + file.string() + "' --format json --top 1");
  REQUIRE(none.status == 0);
  CHECK(nlohmann::json::parse(none.out).size() == 2);  // s3 has none
}

TEST_CASE("score --output writes the file atomically, failures leave nothing behind") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  const fs::path csv = dir.path / "scores.csv";
  Run r = run_cli(dir, "score '" + file.string() + "' --output '" + csv.string() + "' --quiet");
  CHECK(r.status == 0);
  CHECK(r.out.empty());
  CHECK(lines(slurp(csv)).size() == 7);
  r = run_cli(dir, "score '" + file.string() + "' --output '" +
                       (dir.path / "no/such/x.csv").string() + "'");
  CHECK(r.status == 4);
  CHECK(r.err.find("cannot write") != std::string::npos);
  r = run_cli(dir, "score '" + (dir.path / "missing.json").string() + "'");
  CHECK(r.status == 1);
  CHECK(r.err == (dir.path / "missing.json").string() + ": error: no such file or folder\n");
  CHECK(run_cli(dir, "score '" + file.string() + "' --format xml").status == 2);
  for (const auto& entry : fs::directory_iterator(dir.path)) {
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
}

TEST_CASE("score: ids with commas are quoted as RFC 4180 asks") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::string text = event_text;
  text.replace(text.find("\"id\": \"s1\""), 10, "\"id\": \"s,1\"");
  std::ofstream(file) << text;
  const Run r = run_cli(dir, "score '" + file.string() + "'");
  REQUIRE(r.status == 0);
  CHECK(lines(r.out)[1].rfind("\"s,1\",i1,false,", 0) == 0);
}

TEST_CASE("explain: the components table, the bonus and its requests, the rule in words") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  Run r = run_cli(dir, "explain '" + file.string() + "' s1 i1");
  REQUIRE(r.status == 0);
  CHECK(r.out ==
        "s1 (Cảng Xanh) x i1 (Mekong Fund)\n"
        "  component    value  weight  contribution\n"
        "  sector       0.500   0.450        0.2250\n"
        "  stage        1.000   0.250        0.2500\n"
        "  ticket       0.800   0.150        0.1200\n"
        "  country      1.000   0.100        0.1000\n"
        "  language     0.000   0.050        0.0000\n"
        "  base                              0.6950\n"
        "  bonus                             0.0000\n"
        "  score                             0.6950\n"
        "eligible: no \u2014 languages do not overlap: startup speaks vi, investor speaks ko, "
        "en\n");
  r = run_cli(dir, "explain '" + file.string() + "' s2 i1");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("    startup s2 wants to meet (+0.25)\n    investor i1 must meet (+1.00)\n") !=
        std::string::npos);
  CHECK(r.out.find("eligible: yes (requested, so min_score does not apply)\n") !=
        std::string::npos);
  r = run_cli(dir, "explain '" + file.string() + "' s3 i2");
  CHECK(r.out.find("eligible: no \u2014 blocked: competitor\n") != std::string::npos);
  // The rule's code ("modes") is data for --format json; the text says it in words only.
  r = run_cli(dir, "explain '" + file.string() + "' s3 i1");
  CHECK(r.out.find("eligible: no \u2014 modes do not match: startup is online, investor is "
                   "in-person") != std::string::npos);
  CHECK(r.out.find("(modes)") == std::string::npos);
}

TEST_CASE("explain --format json agrees with the library") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  const auto want = expected(file);
  const Run r = run_cli(dir, "explain '" + file.string() + "' s3 i1 --format json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  const auto x = explain(want.event, 2, 0);
  CHECK(j["startup"] == "s3");
  CHECK(j["eligible"] == x.eligible);
  CHECK(j["rule"] == "modes");
  CHECK(j["reason"] == x.reason);
  CHECK(j["score"].get<double>() == x.score);
  REQUIRE(j["components"].size() == 5);
  CHECK(j["components"][0]["name"] == "sector");
  CHECK(j["components"][0]["value"].get<double>() == x.components[0].value);
}

TEST_CASE("explain: unknown ids exit 1 and suggest the nearest known id") {
  TempDir dir;
  const fs::path file = dir.path / "event.json";
  std::ofstream(file) << event_text;
  Run r = run_cli(dir, "explain '" + file.string() + "' s1 i3");
  CHECK(r.status == 1);
  CHECK(r.err == file.string() + ": error: unknown investor 'i3'\n");  // not a numbered sibling
  r = run_cli(dir, "explain '" + file.string() + "' S2 i1");
  CHECK(r.status == 1);
  CHECK(r.err == file.string() + ": error: unknown startup 'S2'; did you mean 's2'?\n");
  r = run_cli(dir, "explain '" + file.string() + "' s1");
  CHECK(r.status == 2);
}

TEST_CASE("score and explain read the example event folder") {
  TempDir dir;
  const std::string folder = std::string(source_dir()) + "/examples/techfest-haiphong";
  const auto event = read_event(folder);
  Run r = run_cli(dir, "score '" + folder + "' --top 3");
  CHECK(r.status == 0);
  r = run_cli(dir, "explain '" + folder + "' '" + event.startups[0].id + "' '" +
                       event.investors[0].id + "'");
  CHECK(r.status == 0);
  CHECK(r.out.rfind(event.startups[0].id + " (", 0) == 0);
}
