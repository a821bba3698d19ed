#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <festmatch/export/html.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <festmatch/util/detail/text.hpp>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

using namespace festmatch;
namespace fs = std::filesystem;

namespace {

Event tricky_event() {
  Event e;
  e.name = "Techfest <Hải Phòng> & \"friends\"";
  e.sectors = {"logistics", "seaports", "tourism"};
  e.tables = {"T1", "T<2>"};
  e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
  e.slots.push_back({.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20});
  e.slots.push_back(
      {.id = "d2-0900", .start = "2023-09-19T09:00+07:00", .minutes = 20, .tables = 1});
  e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}});
  e.startups.push_back({.id = "s2", .name = "Tom & Jerry's <Logistics>", .sectors = {{1, 1.0}}});
  e.startups.push_back({.id = "s3", .name = "\"Quoted\" Tours", .sectors = {{2, 1.0}}});
  e.startups.push_back({.id = "s4", .name = "Idle Startup", .sectors = {{0, 0.5}, {2, 0.5}}});
  e.investors.push_back({.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}, {1, 0.3}}});
  e.investors.push_back(
      {.id = "i2", .name = "KiKai Factory", .sectors = {{1, 1.0}}, .mode = Mode::both});
  e.investors.push_back({.id = "i3", .name = "O'Brien Capital", .sectors = {{2, 1.0}}});
  e.reindex();
  return e;
}

Schedule tricky_schedule() {
  Schedule s;
  s.meetings.push_back({.startup = 0, .investor = 0, .slot = 0, .table = 0, .score = 0.9});
  s.meetings.push_back({.startup = 1, .investor = 1, .slot = 0, .table = 1, .score = 0.8});
  s.meetings.push_back({.startup = 2, .investor = 2, .slot = 1, .score = 0.7, .online = true});
  s.meetings.push_back({.startup = 1, .investor = 0, .slot = 1, .score = 0.6, .online = true});
  s.meetings.push_back(
      {.startup = 2, .investor = 0, .slot = 2, .table = 0, .score = 0.5, .pinned = true});
  s.unscheduled.push_back({.startup = 3,
                           .investor = 2,
                           .by = Side::startup,
                           .priority = Priority::must,
                           .reason = "no slot where both are free & <both> agree"});
  s.stats = {.meetings = 5,
             .objective = 8.5,
             .score_total = 3.5,
             .upper_bound = 9.0,
             .gap = 0.0556,
             .startups_below_min = 4,
             .stage_ms = {{"score", 1.25}}};
  return s;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("the page holds every participant's name, escaped, and its agenda anchor") {
  const Event e = tricky_event();
  const std::string html = export_html(e, tricky_schedule());
  CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"));
  CHECK(html.ends_with("</html>\n"));
  CHECK(html.find("<title>Techfest &lt;Hải Phòng&gt; &amp; &quot;friends&quot;: meeting "
                  "schedule</title>") != std::string::npos);
  for (const char* name :
       {"Cảng Xanh", "Tom &amp; Jerry&#39;s &lt;Logistics&gt;", "&quot;Quoted&quot; Tours",
        "Idle Startup", "Mekong Fund", "KiKai Factory", "O&#39;Brien Capital"}) {
    INFO(name);
    CHECK(html.find(name) != std::string::npos);
  }
  for (const char* raw :
       {"Tom & Jerry", "<Logistics>", "\"Quoted\"", "O'Brien", "T<2>", "& <both>"}) {
    CHECK(html.find(raw) == std::string::npos);
  }
  for (const char* anchor :
       {"<section id=s0>", "<section id=s3>", "<section id=i0>", "<section id=i2>"}) {
    CHECK(count(html, anchor) == 1);
  }
  CHECK(html.find("<h3>Idle Startup <small>s4 · startup 0 meetings</small></h3></section>") !=
        std::string::npos);
  // Mekong Fund's agenda: three meetings over two days, in time order, the pinned one marked.
  CHECK(html.find(
            "<section id=i0><h3>Mekong Fund <small>i1 · investor 3 meetings on 2 days, 0 slots "
            "idle</small></h3><ol>"
            "<li><b>09-18</b> 09:00 T1 <a href=#s0>Cảng Xanh</a> <i>0.9</i>"
            "<li>09:20 online <a href=#s1>Tom &amp; Jerry&#39;s &lt;Logistics&gt;</a> <i>0.6</i>"
            "<li><b>09-19</b> 09:00 T1 <a href=#s2>&quot;Quoted&quot; Tours</a> <i>0.5, "
            "pinned</i></ol>") != std::string::npos);
}

TEST_CASE("the page is self-contained: every link is an in-page anchor, nothing is fetched") {
  const std::string html = export_html(tricky_event(), tricky_schedule());
  CHECK(html.find("http") == std::string::npos);
  CHECK(html.find("url(") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  std::size_t links = 0;
  for (std::size_t at = html.find("href="); at != std::string::npos;
       at = html.find("href=", at + 1)) {
    ++links;
    const std::size_t v = at + 5 + (html[at + 5] == '"' ? 1 : 0);
    CHECK(html[v] == '#');
    const std::string target = html.substr(v + 1, html.find_first_of("\"> ", v) - v - 1);
    INFO(target);
    CHECK((html.find("id=" + target + ">") != std::string::npos ||
           html.find("id=\"" + target + "\"") != std::string::npos));
  }
  CHECK(links > 20);
}

TEST_CASE("one grid per day: a row per open table and an online row, a column per slot") {
  const std::string html = export_html(tricky_event(), tricky_schedule());
  CHECK(count(html, "<div class=\"grid\">") == 2);
  CHECK(html.find(
            "<h3>2023-09-18</h3>\n<div class=\"grid\"><table>\n<tr><th>table</th>"
            "<th title=\"d1-0900\">09:00</th><th title=\"d1-0920\">09:20</th></tr>\n"
            "<tr><th>T1</th><td><a href=#s0>Cảng Xanh</a> ↔ <a href=#i0>Mekong "
            "Fund</a></td><td></td></tr>\n"
            "<tr><th>T&lt;2&gt;</th><td><a href=#s1>Tom &amp; Jerry&#39;s &lt;Logistics&gt;</a> ↔ "
            "<a href=#i1>KiKai Factory</a></td><td></td></tr>\n"
            "<tr><th>online</th><td></td><td><a href=#s1>Tom &amp; Jerry&#39;s "
            "&lt;Logistics&gt;</a> ↔ "
            "<a href=#i0>Mekong Fund</a><br><a href=#s2>&quot;Quoted&quot; Tours</a> ↔ "
            "<a href=#i2>O&#39;Brien Capital</a></td></tr>\n</table></div>\n") !=
        std::string::npos);
  // Day two has one table open.
  CHECK(html.find("<h3>2023-09-19</h3>\n<div class=\"grid\"><table>\n<tr><th>table</th><th "
                  "title=\"d2-0900\">09:00</th></tr>\n"
                  "<tr><th>T1</th><td><a href=#s2>&quot;Quoted&quot; Tours</a> ↔ <a "
                  "href=#i0>Mekong Fund</a></td></tr>\n"
                  "<tr><th>online</th><td></td></tr>\n") != std::string::npos);
}

TEST_CASE("statistics, distributions and unmet requests") {
  const std::string html = export_html(tricky_event(), tricky_schedule());
  CHECK(html.find("<tr><td>Meetings</td><td>5 (3 in person, 2 online)</td></tr>") !=
        std::string::npos);
  CHECK(html.find("<tr><td>Gap</td><td>5.56 %</td></tr>") != std::string::npos);
  CHECK(html.find("<tr><td>Startups below their minimum</td><td>4</td></tr>") != std::string::npos);
  CHECK(html.find("<tr><td>Time: score</td><td>1.3 ms</td></tr>") ==
        std::string::npos);  // 1 decimal: 1.2 or 1.3
  CHECK(html.find("<tr><td>Time: score</td><td>1.2") != std::string::npos);
  // Startups have 1, 2, 2, 0 meetings: one with 0, one with 1, two with 2.
  CHECK(html.find("<title>Startups with 0 meetings: 1</title>") != std::string::npos);
  CHECK(html.find("<title>Startups with 1 meeting: 1</title>") != std::string::npos);
  CHECK(html.find("<title>Startups with 2 meetings: 2</title>") != std::string::npos);
  CHECK(html.find("<title>Investors with 3 meetings: 1</title>") != std::string::npos);
  CHECK(html.find("<td>must</td><td>no slot where both are free &amp; &lt;both&gt; agree</td>") !=
        std::string::npos);
}

TEST_CASE(
    "the heat map shows block means of the score matrix, sorted, and says when it downsamples") {
  Event e;
  e.name = "big";
  e.sectors = {"a", "b", "c", "d"};
  for (int k = 0; k < 37; ++k) {
    e.startups.push_back({.id = "s" + std::to_string(k),
                          .name = "S" + std::to_string(k),
                          .sectors = {{k % 4, 1.0}, {(k / 4) % 4, 0.5}},
                          .stage = k % 6});
  }
  for (int k = 0; k < 23; ++k) {
    e.investors.push_back({.id = "i" + std::to_string(k),
                           .name = "I" + std::to_string(k),
                           .sectors = {{k % 4, 1.0}, {(k + 1) % 4, double(k % 3)}}});
  }
  e.reindex();
  const int cells = 5;
  const std::string html = export_html(e, Schedule{}, {.heatmap_cells = cells});
  CHECK(
      html.find(
          "<p>37 startups (rows) × 23 investors (columns), each sorted by mean score, best first; "
          "shown as 5 × 5 blocks of consecutive rows and columns.") != std::string::npos);
  // Brute force: the largest block mean, which the page names as the top of its scale.
  const CompatibilityMatrix cm = compatibility_matrix(e);
  auto order = [](Eigen::VectorXd sums) {
    std::vector<Index> o(std::size_t(sums.size()));
    std::iota(o.begin(), o.end(), 0);
    std::stable_sort(o.begin(), o.end(), [&](Index a, Index b) { return sums(a) > sums(b); });
    return o;
  };
  const auto rows = order(cm.score.rowwise().sum()),
             cols = order(cm.score.colwise().sum().transpose());
  std::vector<double> sum(cells * cells, 0.0), n(cells * cells, 0.0);
  for (Index p = 0; p < 37; ++p) {
    for (Index q = 0; q < 23; ++q) {
      const std::size_t k = std::size_t(p * cells / 37) * cells + std::size_t(q * cells / 23);
      sum[k] += cm.score(rows[std::size_t(p)], cols[std::size_t(q)]);
      n[k] += 1;
    }
  }
  double top = 0;
  for (std::size_t k = 0; k < sum.size(); ++k) top = std::max(top, sum[k] / n[k]);
  CHECK(html.find("from 0 (pale) to " + detail::short_number(top, 2) + " (dark)") !=
        std::string::npos);
  // Every one of the 25 cells is drawn exactly once: runs per row cover the 5 columns.
  const std::size_t svg = html.find("<svg class=\"heat\" viewBox=\"0 0 5 5\"");
  REQUIRE(svg != std::string::npos);
  const std::string heat = html.substr(svg, html.find("</svg>", svg) - svg);
  int covered = 0;
  for (std::size_t at = heat.find('h'); at != std::string::npos; at = heat.find('h', at + 1)) {
    if (at > 0 && heat[at - 1] >= '0' && heat[at - 1] <= '9' && heat[at + 1] != '-') {
      covered += std::stoi(heat.substr(at + 1));
    }
  }
  CHECK(covered == 25);
  // A small event is drawn cell by cell, without blocks.
  const std::string small = export_html(tricky_event(), tricky_schedule());
  CHECK(small.find(
            "<p>4 startups (rows) × 3 investors (columns), each sorted by mean score, best first. "
            "Colour: the score, from 0 (pale) to ") != std::string::npos);
}

TEST_CASE("reruns are byte-identical and write_html is atomic") {
  const fs::path dir =
      fs::temp_directory_path() / ("festmatch-export-html-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const Event e = tricky_event();
  write_html(dir / "a.html", e, tricky_schedule());
  write_html(dir / "b.html", e, tricky_schedule());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  };
  CHECK(slurp(dir / "a.html") == slurp(dir / "b.html"));
  CHECK(slurp(dir / "a.html") == export_html(e, tricky_schedule()));
  CHECK_THROWS_AS(write_html(dir / "a.html" / "c.html", e, tricky_schedule()), OutputError);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 2);
  fs::remove_all(dir);
}
