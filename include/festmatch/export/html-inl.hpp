// festmatch — the definitions of festmatch/export/html.hpp.
#pragma once

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <map>
#include <numeric>
#include <string>
#include <string_view>
#include <vector>
#include "festmatch/event/event.hpp"
#include "festmatch/export/detail/meeting_order.hpp"
#include "festmatch/export/html.hpp"
#include "festmatch/scheduler/agenda.hpp"
#include "festmatch/scheduler/schedule.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/atomic_file.hpp"
#include "festmatch/util/detail/text.hpp"
#include "festmatch/util/detail/time_text.hpp"

namespace festmatch {

namespace detail::exports {

inline void html_escape_to(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

inline std::string html_escape(std::string_view text) {
  std::string out;
  html_escape_to(out, text);
  return out;
}

// A sequential colour scale (pale yellow → green → deep blue), t in [0, 1].
inline std::string heat_colour(double t) {
  static constexpr std::array<std::array<int, 3>, 5> stops = {
      {{255, 255, 217}, {199, 233, 180}, {65, 182, 196}, {34, 94, 168}, {8, 29, 88}}};
  t = std::clamp(t, 0.0, 1.0) * double(stops.size() - 1);
  const std::size_t k = std::min<std::size_t>(std::size_t(t), stops.size() - 2);
  const double f = t - double(k);
  int rgb[3];
  for (int c = 0; c < 3; ++c) {
    rgb[c] =
        int(std::lround(stops[k][std::size_t(c)] * (1 - f) + stops[k + 1][std::size_t(c)] * f));
  }
  return fmt::format("#{:02x}{:02x}{:02x}", rgb[0], rgb[1], rgb[2]);
}

// A bar chart of how many participants have 0, 1, 2, … meetings.
inline void html_histogram(std::string& out, const std::vector<int>& counts, const char* title) {
  int top = 0;
  for (int c : counts) top = std::max(top, c);
  std::vector<std::size_t> hist(std::size_t(top) + 1, 0);
  for (int c : counts) ++hist[std::size_t(c)];
  const std::size_t most =
      hist.empty() ? 1 : std::max<std::size_t>(1, *std::max_element(hist.begin(), hist.end()));
  const int bar = 22, height = 120, w = int(hist.size()) * bar + 10;
  fmt::format_to(std::back_inserter(out),
                 "<figure><svg viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
                 "aria-label=\"{}\">",
                 w, height + 36, w, height + 36, title);
  for (std::size_t k = 0; k < hist.size(); ++k) {
    const int h = int(std::lround(double(hist[k]) / double(most) * height));
    const int x = 5 + int(k) * bar;
    fmt::format_to(std::back_inserter(out),
                   "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2c7fb8\"><title>{} "
                   "with {} meeting{}: {}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
                   x + 1, 12 + height - h, bar - 2, h, title, k, k == 1 ? "" : "s", hist[k],
                   x + bar / 2, height + 26, k);
    if (hist[k] > 0) {
      fmt::format_to(std::back_inserter(out), "<text x=\"{}\" y=\"{}\" class=\"n\">{}</text>",
                     x + bar / 2, 10 + height - h, hist[k]);
    }
  }
  fmt::format_to(std::back_inserter(out),
                 "</svg><figcaption>{}: how many have 0, 1, 2, … meetings</figcaption></figure>\n",
                 title);
}

inline void html_heatmap(std::string& out, const Event& event, int max_cells) {
  const Index n = Index(event.startups.size()), m = Index(event.investors.size());
  if (n == 0 || m == 0) {
    out += "<p>No pairs to show.</p>\n";
    return;
  }
  const Scorer scorer(event);
  std::vector<double> row_sum(std::size_t(n), 0.0), col_sum(std::size_t(m), 0.0);
  scorer.for_each_block([&](const ScoreBlock& b) {
    for (Index r = 0; r < b.rows; ++r) {
      for (Index c = 0; c < b.cols; ++c) {
        const double s = b.score(r, c);
        row_sum[std::size_t(b.first_startup + r)] += s;
        col_sum[std::size_t(b.first_investor + c)] += s;
      }
    }
  });
  auto sorted = [](const std::vector<double>& sum) {
    std::vector<Index> order(sum.size());
    std::iota(order.begin(), order.end(), Index(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](Index a, Index b) { return sum[std::size_t(a)] > sum[std::size_t(b)]; });
    return order;
  };
  const std::vector<Index> rows = sorted(row_sum), cols = sorted(col_sum);
  const int cells = std::max(1, max_cells);
  const Index R = std::min<Index>(n, cells), C = std::min<Index>(m, cells);
  // Sorted position p goes to block p * R / n: blocks of consecutive sorted rows, sizes differ
  // by at most one.
  std::vector<Index> row_block(static_cast<std::size_t>(n)), col_block(static_cast<std::size_t>(m));
  for (Index p = 0; p < n; ++p) {
    row_block[std::size_t(rows[std::size_t(p)])] = Index(std::int64_t(p) * R / n);
  }
  for (Index p = 0; p < m; ++p) {
    col_block[std::size_t(cols[std::size_t(p)])] = Index(std::int64_t(p) * C / m);
  }
  std::vector<double> sum(std::size_t(R) * std::size_t(C), 0.0);
  std::vector<double> count(sum.size(), 0.0);
  scorer.for_each_block([&](const ScoreBlock& b) {
    for (Index r = 0; r < b.rows; ++r) {
      const std::size_t base =
          std::size_t(row_block[std::size_t(b.first_startup + r)]) * std::size_t(C);
      for (Index c = 0; c < b.cols; ++c) {
        const std::size_t k = base + std::size_t(col_block[std::size_t(b.first_investor + c)]);
        sum[k] += b.score(r, c);
        count[k] += 1.0;
      }
    }
  });
  double top = 0.0;
  for (std::size_t k = 0; k < sum.size(); ++k) {
    sum[k] = count[k] > 0 ? sum[k] / count[k] : 0.0;
    top = std::max(top, sum[k]);
  }
  constexpr int levels = 16;
  std::array<std::string, levels> paths;
  for (Index r = 0; r < R; ++r) {
    Index c = 0;
    while (c < C) {
      auto level_of = [&](Index cc) {
        const double t =
            top > 0 ? sum[std::size_t(r) * std::size_t(C) + std::size_t(cc)] / top : 0.0;
        return std::min(levels - 1, int(t * levels));
      };
      const int level = level_of(c);
      Index end = c + 1;
      while (end < C && level_of(end) == level) ++end;
      fmt::format_to(std::back_inserter(paths[std::size_t(level)]), "M{} {}h{}v1h-{}z", c, r,
                     end - c, end - c);
      c = end;
    }
  }
  const bool blocks = R < n || C < m;
  fmt::format_to(
      std::back_inserter(out),
      "<p>{} startups (rows) × {} investors (columns), each sorted by mean score, best "
      "first{}. Colour: the {}score, from 0 (pale) to {} (dark).</p>\n",
      n, m,
      blocks ? fmt::format("; shown as {} × {} blocks of consecutive rows and columns", R, C)
             : std::string(),
      blocks ? "block's mean " : "", short_number(top, 2));
  const int width = std::min(800, std::max(200, int(C) * 4)),
            height = int(std::lround(double(width) * double(R) / double(C)));
  fmt::format_to(std::back_inserter(out),
                 "<svg class=\"heat\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
                 "preserveAspectRatio=\"none\" shape-rendering=\"crispEdges\" role=\"img\" "
                 "aria-label=\"score heat map\">",
                 C, R, width, std::min(height, 1600));
  for (int l = 0; l < levels; ++l) {
    if (paths[std::size_t(l)].empty()) continue;
    fmt::format_to(std::back_inserter(out), "<path fill=\"{}\" d=\"{}\"/>",
                   heat_colour((l + 0.5) / levels), paths[std::size_t(l)]);
  }
  out += "</svg>\n<div class=\"legend\">";
  for (int l = 0; l < levels; ++l) {
    fmt::format_to(std::back_inserter(out), "<span style=\"background:{}\"></span>",
                   heat_colour((l + 0.5) / levels));
  }
  fmt::format_to(std::back_inserter(out), " 0 … {}</div>\n", short_number(top, 2));
}

}  // namespace detail::exports

FESTMATCH_FUNC std::string export_html(const Event& event, const Schedule& schedule,
                                       const HtmlOptions& options) {
  using detail::exports::html_escape;
  using detail::exports::html_escape_to;
  std::string out;
  out.reserve(4096 + schedule.meetings.size() * 300 +
              (event.startups.size() + event.investors.size()) * 120);
  auto app = std::back_inserter(out);
  const std::string title = html_escape(event.name.empty() ? "festmatch schedule" : event.name);

  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  fmt::format_to(app, "<title>{}: meeting schedule</title>\n", title);
  out += R"(<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1400px;padding:0 16px;color:#222}
nav a{margin-right:1em}h2{border-bottom:2px solid #2c7fb8;padding-bottom:2px;margin-top:2em}
table{border-collapse:collapse;font-size:12px}th,td{border:1px solid #ccc;padding:2px 4px;vertical-align:top}
th{background:#eef;position:sticky;top:0}.grid{overflow:auto;max-height:80vh;margin-bottom:1em}
.grid td{min-width:9em}.grid th:first-child{position:sticky;left:0;z-index:1}
.stats td:first-child{font-weight:600}figure{display:inline-block;margin:0 2em 1em 0}
svg text{font-size:10px;text-anchor:middle}svg text.n{fill:#444}
.agenda section{display:inline-block;vertical-align:top;width:22em;margin:0 1em 1em 0;
border:1px solid #ddd;padding:4px 8px}.agenda h3{font-size:14px;margin:2px 0}
.agenda ol{margin:0;padding-left:1.2em}.agenda i{color:#666;font-style:normal}small{color:#666}.heat{border:1px solid #ccc;max-width:100%}
.legend span{display:inline-block;width:14px;height:10px}#q{font-size:14px;padding:4px;width:20em}
</style>
</head>
<body>
)";
  fmt::format_to(app, "<h1>{}</h1>\n", title);
  out +=
      "<nav><a href=\"#stats\">Statistics</a><a href=\"#grid\">Grid</a>"
      "<a href=\"#agendas\">Agendas</a><a href=\"#unmet\">Unmet requests</a>";
  if (!schedule.shortfalls.empty()) out += "<a href=\"#short\">Left short</a>";
  out += "<a href=\"#heatmap\">Score heat map</a></nav>\n";

  // Statistics.
  const ScheduleStats& st = schedule.stats;
  std::vector<int> per_startup(event.startups.size(), 0), per_investor(event.investors.size(), 0);
  for (const Meeting& m : schedule.meetings) {
    ++per_startup.at(std::size_t(m.startup));
    ++per_investor.at(std::size_t(m.investor));
  }
  std::size_t online = 0;
  for (const Meeting& m : schedule.meetings) online += m.online ? 1 : 0;
  out += "<h2 id=\"stats\">Statistics</h2>\n<table class=\"stats\">\n";
  auto row = [&](std::string_view name, const std::string& value) {
    fmt::format_to(app, "<tr><td>{}</td><td>{}</td></tr>\n", name, value);
  };
  row("Meetings", fmt::format("{} ({} in person, {} online)", schedule.meetings.size(),
                              schedule.meetings.size() - online, online));
  row("Participants",
      fmt::format("{} startups, {} investors, {} slots, {} tables", event.startups.size(),
                  event.investors.size(), event.slots.size(), event.tables.size()));
  row("Objective", detail::short_number(st.objective, 3));
  row("Score total", detail::short_number(st.score_total, 3));
  row("Upper bound", detail::short_number(st.upper_bound, 3));
  row("Gap", std::isfinite(st.gap) ? detail::short_number(st.gap * 100.0, 2) + " %" : "unknown");
  row("Startups below their minimum", std::to_string(st.startups_below_min));
  row("Idle slots between meetings (mean per participant)", detail::short_number(st.idle_slots, 2));
  row("Days attended (mean per participant)", detail::short_number(st.days_attended, 2));
  row("Requests not met", std::to_string(schedule.unscheduled.size()));
  for (const auto& [stage, ms] : st.stage_ms) {
    std::string name = "Time: ";
    html_escape_to(name, stage);
    row(name, detail::short_number(ms, 1) + " ms");
  }
  out += "</table>\n";
  detail::exports::html_histogram(out, per_startup, "Startups");
  detail::exports::html_histogram(out, per_investor, "Investors");

  // Grids, one per local date.
  const std::vector<std::size_t> order = detail::exports::meetings_in_order(event, schedule);
  const std::vector<Slot>& times = event.slots;
  std::vector<Index> slot_order(event.slots.size());
  std::iota(slot_order.begin(), slot_order.end(), Index(0));
  std::stable_sort(slot_order.begin(), slot_order.end(), [&](Index a, Index b) {
    return times[std::size_t(a)].start_utc < times[std::size_t(b)].start_utc;
  });
  std::vector<std::pair<std::string, std::vector<Index>>> days;
  for (Index s : slot_order) {
    const std::string day = detail::local_date(times[std::size_t(s)].start_utc,
                                               times[std::size_t(s)].utc_offset_minutes);
    if (days.empty() || days.back().first != day) days.push_back({day, {}});
    days.back().second.push_back(s);
  }
  std::vector<std::vector<std::size_t>> in_slot(event.slots.size());
  for (std::size_t k : order) in_slot[std::size_t(schedule.meetings[k].slot)].push_back(k);
  auto link = [&](char kind, Index k) {
    const std::string& name = kind == 's' ? event.startups.at(std::size_t(k)).name
                                          : event.investors.at(std::size_t(k)).name;
    fmt::format_to(app, "<a href=#{}{}>", kind, k);
    html_escape_to(out, name);
    out += "</a>";
  };
  out += "<h2 id=\"grid\">Grid: tables × slots</h2>\n";
  if (days.empty()) out += "<p>The event has no slots.</p>\n";
  for (const auto& [day, slots] : days) {
    int tables = 0;
    for (Index s : slots) tables = std::max(tables, event.slot_tables(s));
    tables = std::min(tables, int(event.tables.size()));
    fmt::format_to(app, "<h3>{}</h3>\n<div class=\"grid\"><table>\n<tr><th>table</th>", day);
    for (Index s : slots) {
      const Slot& t = times[std::size_t(s)];
      out += "<th title=\"";
      html_escape_to(out, event.slots[std::size_t(s)].id);
      fmt::format_to(app, "\">{}</th>", detail::local_hhmm(t.start_utc, t.utc_offset_minutes));
    }
    out += "</tr>\n";
    // cell[table][slot column]: the meeting at that table; the last row collects online ones.
    std::vector<std::vector<std::vector<std::size_t>>> cell(
        std::size_t(tables) + 1, std::vector<std::vector<std::size_t>>(slots.size()));
    for (std::size_t col = 0; col < slots.size(); ++col) {
      for (std::size_t k : in_slot[std::size_t(slots[col])]) {
        const Meeting& m = schedule.meetings[k];
        const std::size_t r =
            m.table && *m.table < tables ? std::size_t(*m.table) : std::size_t(tables);
        cell[r][col].push_back(k);
      }
    }
    for (std::size_t r = 0; r <= std::size_t(tables); ++r) {
      out += "<tr><th>";
      html_escape_to(out, r < std::size_t(tables) ? event.tables[r] : std::string("online"));
      out += "</th>";
      for (std::size_t col = 0; col < slots.size(); ++col) {
        out += "<td>";
        bool first = true;
        for (std::size_t k : cell[r][col]) {
          const Meeting& m = schedule.meetings[k];
          if (!first) out += "<br>";
          link('s', m.startup);
          out += " ↔ ";
          link('i', m.investor);
          if (r == std::size_t(tables) && m.table) {  // a table beyond those open that day
            out += " <small>(";
            html_escape_to(out, event.tables.at(std::size_t(*m.table)));
            out += ")</small>";
          }
          first = false;
        }
        out += "</td>";
      }
      out += "</tr>\n";
    }
    out += "</table></div>\n";
  }

  // Agendas.
  std::vector<std::vector<std::size_t>> of_startup(event.startups.size()),
      of_investor(event.investors.size());
  for (std::size_t k : order) {
    of_startup[std::size_t(schedule.meetings[k].startup)].push_back(k);
    of_investor[std::size_t(schedule.meetings[k].investor)].push_back(k);
  }
  out +=
      "<h2 id=\"agendas\">Agendas</h2>\n<p><input id=\"q\" type=\"search\" "
      "placeholder=\"Filter by name or id\" oninput=\"filterAgendas(this.value)\"></p>\n"
      "<div class=\"agenda\">\n";
  const AgendaClock clock(event);
  auto agenda = [&](char kind, Index who, const std::string& id, const std::string& name,
                    const std::vector<std::size_t>& meetings) {
    fmt::format_to(app, "<section id={}{}><h3>", kind, who);
    html_escape_to(out, name);
    out += " <small>";
    html_escape_to(out, id);
    std::vector<Index> slots_met;
    for (std::size_t k : meetings) slots_met.push_back(schedule.meetings[k].slot);
    const AgendaOfOne shape = clock.agenda_of(slots_met);
    fmt::format_to(
        app, " · {} {}", kind == 's' ? "startup" : "investor",
        meetings.size() == 1 ? "1 meeting" : std::to_string(meetings.size()) + " meetings");
    if (!meetings.empty())
      fmt::format_to(app, " on {} day{}, {} idle", shape.days, shape.days == 1 ? "" : "s",
                     shape.idle == 1 ? "1 slot" : std::to_string(shape.idle) + " slots");
    out += "</small></h3>";
    if (meetings.empty()) {
      out += "</section>\n";
      return;
    }
    out += "<ol>";
    // Compact on purpose (a Slush-size page has 40,000+ entries): the date only where it
    // changes, no closing </li>.
    // A wait between two meetings of a day shows as "(2 idle)" before the later one.
    std::string day;
    Index previous = -1;
    for (std::size_t k : meetings) {
      const Meeting& m = schedule.meetings[k];
      const Slot& t = times[std::size_t(m.slot)];
      out += "<li>";
      if (std::string d = detail::local_date(t.start_utc, t.utc_offset_minutes); d != day) {
        fmt::format_to(app, "<b>{}</b> ", d.substr(5));
        day = std::move(d);
      } else if (previous >= 0) {
        if (const int idle = clock.agenda_of({previous, m.slot}).idle; idle > 0)
          fmt::format_to(app, "<i>({} idle)</i> ", idle);
      }
      previous = m.slot;
      fmt::format_to(app, "{} ", detail::local_hhmm(t.start_utc, t.utc_offset_minutes));
      html_escape_to(out, m.table ? event.tables.at(std::size_t(*m.table)) : std::string("online"));
      out += ' ';
      link(kind == 's' ? 'i' : 's', kind == 's' ? m.investor : m.startup);
      fmt::format_to(app, " <i>{}{}</i>", detail::short_number(m.score, 2),
                     m.pinned ? ", pinned" : "");
    }
    out += "</ol></section>\n";
  };
  for (std::size_t s = 0; s < event.startups.size(); ++s) {
    agenda('s', Index(s), event.startups[s].id, event.startups[s].name, of_startup[s]);
  }
  for (std::size_t i = 0; i < event.investors.size(); ++i) {
    agenda('i', Index(i), event.investors[i].id, event.investors[i].name, of_investor[i]);
  }
  out += "</div>\n";

  // Unmet requests.
  out += "<h2 id=\"unmet\">Requests not met</h2>\n";
  if (schedule.unscheduled.empty()) {
    out += "<p>Every eligible request is in the schedule.</p>\n";
  } else {
    out +=
        "<table>\n<tr><th>startup</th><th>investor</th><th>by</th><th>priority</th><th>reason</"
        "th></tr>\n";
    for (const UnmetRequest& u : schedule.unscheduled) {
      out += "<tr><td>";
      link('s', u.startup);
      out += "</td><td>";
      link('i', u.investor);
      fmt::format_to(app, "</td><td>{}</td><td>{}</td><td>", to_string(u.by),
                     to_string(u.priority));
      html_escape_to(out, u.reason);
      out += "</td></tr>\n";
    }
    out += "</table>\n";
  }

  // Participants left short.
  if (!schedule.shortfalls.empty()) {
    out += "<h2 id=\"short\">Participants left short</h2>\n";
    out +=
        "<table>\n<tr><th>participant</th><th>meetings</th><th>minimum</th><th>reason</th></tr>\n";
    for (const Shortfall& f : schedule.shortfalls) {
      out += "<tr><td>";
      link(f.side == Side::startup ? 's' : 'i', f.participant);
      fmt::format_to(app, "</td><td>{}</td><td>{}</td><td>", f.meetings,
                     f.side == Side::startup ? std::to_string(f.minimum) : std::string("—"));
      html_escape_to(out, f.reason);
      out += "</td></tr>\n";
    }
    out += "</table>\n";
  }

  // Heat map.
  out += "<h2 id=\"heatmap\">Score heat map</h2>\n";
  if (options.heatmap) {
    detail::exports::html_heatmap(out, event, options.heatmap_cells);
  } else {
    out += "<p>Left out of this page.</p>\n";
  }

  out += R"(<script>
function filterAgendas(q){q=q.toLowerCase();for(const s of document.querySelectorAll('.agenda section')){s.style.display=s.querySelector('h3').textContent.toLowerCase().includes(q)?'':'none';}}
</script>
<footer><small>Made by festmatch.</small></footer>
</body>
</html>
)";
  return out;
}

FESTMATCH_FUNC void write_html(const std::filesystem::path& file, const Event& event,
                               const Schedule& schedule, const HtmlOptions& options) {
  write_file_atomically(file, export_html(event, schedule, options));
}

}  // namespace festmatch
