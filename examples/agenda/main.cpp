// An event built in code, scheduled, and every participant's agenda printed.
//
// Five startups and three investors at a morning of Techfest Hai Phong: three 20-minute slots,
// two tables. The scheduler picks the meetings; the program prints, for each startup and each
// investor, when, where and whom they meet, with the pair's score.
#include <festmatch/scheduler/scheduler.hpp>

#include <cstdio>
#include <string>
#include <vector>

int main() {
  using namespace festmatch;
  Event e;
  e.name = "Techfest Hải Phòng 2023 — morning session";
  e.sectors = {"logistics", "seaports", "agriculture", "tourism"};
  e.tables = {"T1", "T2"};
  e.slots = {{.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20},
             {.id = "d1-0920", .start = "2023-09-18T09:20+07:00", .minutes = 20},
             {.id = "d1-0940", .start = "2023-09-18T09:40+07:00", .minutes = 20}};
  e.startups = {{.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}, {1, 0.5}}, .stage = 2},
                {.id = "s2", .name = "KiKai Factory", .sectors = {{0, 1.0}}, .stage = 1},
                {.id = "s3", .name = "Lúa Vàng Agritech", .sectors = {{2, 1.0}}, .stage = 2},
                {.id = "s4", .name = "Hạ Long Trips", .sectors = {{3, 1.0}}, .stage = 3},
                {.id = "s5", .name = "Port Flow", .sectors = {{1, 1.0}, {0, 0.3}}, .stage = 2}};
  e.investors = {{.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}, {1, 1.0}}},
                 {.id = "i2",
                  .name = "Red River Ventures",
                  .sectors = {{2, 1.0}, {3, 0.5}},
                  .mode = Mode::both},
                 {.id = "i3", .name = "Seaport Capital", .sectors = {{1, 1.0}}, .max_meetings = 2}};
  e.requests = {{.startup = 3, .investor = 1, .by = Side::startup, .priority = Priority::must}};
  e.reindex();

  const Schedule plan = schedule_meetings(e);
  std::printf("%s: %zu meetings, objective %.3f, upper bound %.3f\n", e.name.c_str(),
              plan.meetings.size(), plan.stats.objective, plan.stats.upper_bound);

  // Pads to `width` characters (UTF-8 code points, not bytes), so "Cảng Xanh" lines up.
  auto padded = [](const std::string& text, std::size_t width) {
    std::size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return text + std::string(chars < width ? width - chars : 0, ' ');
  };
  auto agenda = [&](const std::string& who, auto involves, auto other) {
    std::printf("\n%s\n", who.c_str());
    int count = 0;
    for (const Meeting& m : plan.meetings) {  // sorted by slot
      if (!involves(m)) continue;
      const Slot& slot = e.slots[std::size_t(m.slot)];
      const std::string where = m.table ? e.tables[std::size_t(*m.table)] : "online";
      std::printf("  %s  %s  %s score %.2f\n", slot.start.substr(11, 5).c_str(),
                  padded(where, 6).c_str(), padded(other(m), 24).c_str(), m.score);
      ++count;
    }
    if (count == 0) std::printf("  (no meetings)\n");
  };
  for (std::size_t s = 0; s < e.startups.size(); ++s) {
    agenda(
        e.startups[s].name + " (startup " + e.startups[s].id + ")",
        [&](const Meeting& m) { return m.startup == Index(s); },
        [&](const Meeting& m) { return e.investors[std::size_t(m.investor)].name; });
  }
  for (std::size_t i = 0; i < e.investors.size(); ++i) {
    agenda(
        e.investors[i].name + " (investor " + e.investors[i].id + ")",
        [&](const Meeting& m) { return m.investor == Index(i); },
        [&](const Meeting& m) { return e.startups[std::size_t(m.startup)].name; });
  }
  for (const UnmetRequest& u : plan.unscheduled) {
    std::printf("\nnot met: %s -> %s: %s\n", e.startups[std::size_t(u.startup)].name.c_str(),
                e.investors[std::size_t(u.investor)].name.c_str(), u.reason.c_str());
  }
  return plan.meetings.empty() ? 1 : 0;
}
