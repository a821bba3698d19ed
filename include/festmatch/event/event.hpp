// festmatch — the event model.
//
// Plain data. Everything refers to everything else by dense index (`Index`, 0-based position in
// the owning vector); the string ids are kept for input and output. Readers (event_json.hpp,
// event_folder.hpp) fill an Event and call `Event::reindex()`; code that builds an Event by hand
// does the same.
//
//   festmatch::Event e;
//   e.sectors = {"logistics", "seaports"};
//   e.tables = {"T1", "T2"};
//   e.slots.push_back({.id = "d1-0900", .start = "2023-09-18T09:00+07:00", .minutes = 20});
//   e.startups.push_back({.id = "s1", .name = "Cảng Xanh", .sectors = {{0, 1.0}}, .stage = 2});
//   e.investors.push_back({.id = "i1", .name = "Mekong Fund", .sectors = {{0, 1.0}, {1, 0.5}}});
//   e.reindex();
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "festmatch/index.hpp"
#include "festmatch/util/detail/iso_time.hpp"

namespace festmatch {

inline constexpr const char* event_format = "festmatch-event/1";

// A sector (or stage) index with a weight >= 0.
struct Weighted {
  Index index = 0;
  double weight = 0.0;
  friend bool operator==(const Weighted&, const Weighted&) = default;
};

struct RelatedSectors {
  Index a = 0;
  Index b = 0;
  double affinity = 0.0;  // in [0, 1]
  friend bool operator==(const RelatedSectors&, const RelatedSectors&) = default;
};

enum class Mode { in_person, online, both };

// A meeting is online when either side is online; it then needs the other side online or both.
[[nodiscard]] inline bool meets_online(Mode startup, Mode investor) {
  return startup == Mode::online || investor == Mode::online;
}
[[nodiscard]] inline bool modes_can_meet(Mode startup, Mode investor) {
  if (startup == Mode::online) return investor != Mode::in_person;
  if (investor == Mode::online) return startup != Mode::in_person;
  return true;
}

// `available` lists the only slots a participant can meet in; `unavailable` the slots they
// cannot. `all` (the default) means every slot.
struct Availability {
  enum class Kind { all, available, unavailable };
  Kind kind = Kind::all;
  std::vector<Index> slots;  // slot indices, meaning depends on kind

  [[nodiscard]] bool allows(Index slot) const {
    bool listed = false;
    for (Index s : slots) listed = listed || s == slot;
    switch (kind) {
      case Kind::available:
        return listed;
      case Kind::unavailable:
        return !listed;
      case Kind::all:
        break;
    }
    return true;
  }
  friend bool operator==(const Availability&, const Availability&) = default;
};

struct Ticket {
  double min = 0.0;
  double max = 0.0;
  friend bool operator==(const Ticket&, const Ticket&) = default;
};

// A participant's status: a cancelled one gets no meetings from now on; its past meetings stay
// history, and its requests, blocks and pins stay valid input, reported as cancelled.
enum class Status { active, cancelled };

struct Startup {
  std::string id;
  std::string name;
  std::vector<Weighted> sectors;       // sector index -> weight >= 0, at least one > 0
  Index stage = 0;                     // index into Event::stages
  std::optional<double> ask;           // amount sought
  std::string country;                 // ISO 3166-1 alpha-2; empty = absent
  std::vector<std::string> languages;  // ISO 639-1; empty = absent
  std::optional<int> max_meetings;     // absent = no cap but the slots
  std::optional<int> min_meetings;     // absent = Options::min_meetings
  Availability availability;
  Mode mode = Mode::in_person;
  Status status = Status::active;
  friend bool operator==(const Startup&, const Startup&) = default;
};

struct Investor {
  std::string id;
  std::string name;
  std::string organisation;       // fund; empty = none
  std::vector<Weighted> sectors;  // preference weights
  std::vector<Weighted> stages;   // stage index -> preference; empty = any stage
  std::optional<Ticket> ticket;
  std::vector<std::string> countries;  // empty = any
  std::vector<std::string> languages;  // empty = absent
  std::optional<int> max_meetings;     // absent = no cap but the slots
  Availability availability;
  std::optional<Index> table;  // fixed table, index into Event::tables
  Mode mode = Mode::in_person;
  Status status = Status::active;
  friend bool operator==(const Investor&, const Investor&) = default;
};

struct Slot {
  std::string id;
  std::string start;  // ISO 8601 local time with UTC offset, as given
  int minutes = 0;
  std::optional<int> tables;  // in-person capacity; absent = all of Event::tables
  // Derived from `start` by the readers and by Event::reindex(): start in UTC seconds since
  // the epoch, and the UTC offset in minutes of the original text.
  std::int64_t start_utc = 0;
  int utc_offset_minutes = 0;
  [[nodiscard]] std::int64_t end_utc() const { return start_utc + 60 * std::int64_t(minutes); }
  friend bool operator==(const Slot&, const Slot&) = default;
};

// Whether two slots share an instant of clock time. Overlapping slots are one instant for a
// person and for a table: nobody and no table is in two overlapping meetings (docs/scheduler.md).
// A slot without a `start` (an Event built in code; the readers require one) has no clock time
// and overlaps no other slot.
[[nodiscard]] inline bool slots_overlap(const Slot& a, const Slot& b) {
  return !a.start.empty() && !b.start.empty() && a.start_utc < b.end_utc() &&
         b.start_utc < a.end_utc();
}

// Per slot t, its instant: t first, then every other slot that overlaps it (ascending). A
// person or a table in slot t is taken in all of them.
[[nodiscard]] inline std::vector<std::vector<Index>> slot_instants(const std::vector<Slot>& slots) {
  std::vector<std::vector<Index>> instant(slots.size());
  for (std::size_t t = 0; t < slots.size(); ++t) {
    instant[t].push_back(Index(t));
    for (std::size_t u = 0; u < slots.size(); ++u)
      if (u != t && slots_overlap(slots[t], slots[u])) instant[t].push_back(Index(u));
  }
  return instant;
}

// The slots ordered by end time, then start, then index: the order most_disjoint_slots reads.
[[nodiscard]] inline std::vector<Index> slots_by_end(const std::vector<Slot>& slots) {
  std::vector<Index> order(slots.size());
  for (std::size_t t = 0; t < order.size(); ++t) order[t] = Index(t);
  std::sort(order.begin(), order.end(), [&](Index a, Index b) {
    const Slot &x = slots[std::size_t(a)], &y = slots[std::size_t(b)];
    return std::tuple(x.end_utc(), x.start_utc, a) < std::tuple(y.end_utc(), y.start_utc, b);
  });
  return order;
}

// The most meetings one person (or one table) can hold in the slots `in(t)` accepts: the most
// pairwise disjoint ones, taken earliest end first (optimal for intervals); `by_end` is
// slots_by_end(slots). Without overlaps that is their count.
template <class In>
[[nodiscard]] int most_disjoint_slots(const std::vector<Slot>& slots,
                                      const std::vector<Index>& by_end, In&& in) {
  int n = 0;
  std::int64_t free_from = std::numeric_limits<std::int64_t>::min();
  for (const Index t : by_end) {
    const Slot& slot = slots[std::size_t(t)];
    if (!in(t)) continue;
    if (!slot.start.empty()) {  // a slot without a start overlaps nothing
      if (slot.start_utc < free_from) continue;
      free_from = slot.end_utc();
    }
    ++n;
  }
  return n;
}

enum class Side { startup, investor };
enum class Priority { want, must };

// The names the files, the messages and the exports use, indexed by the enums above.
inline constexpr std::string_view mode_names[] = {"in-person", "online", "both"};
inline constexpr std::string_view side_names[] = {"startup", "investor"};
inline constexpr std::string_view priority_names[] = {"want", "must"};
inline constexpr std::string_view status_names[] = {"active", "cancelled"};
[[nodiscard]] inline std::string to_string(Mode m) {
  return std::string(mode_names[int(m)]);
}
[[nodiscard]] inline std::string to_string(Side s) {
  return std::string(side_names[int(s)]);
}
[[nodiscard]] inline std::string to_string(Priority p) {
  return std::string(priority_names[int(p)]);
}
[[nodiscard]] inline std::string to_string(Status s) {
  return std::string(status_names[int(s)]);
}

struct Request {
  Index startup = 0;
  Index investor = 0;
  Side by = Side::startup;
  Priority priority = Priority::want;
  friend bool operator==(const Request&, const Request&) = default;
};

struct BlockedPair {
  Index startup = 0;
  Index investor = 0;
  std::string reason;
  friend bool operator==(const BlockedPair&, const BlockedPair&) = default;
};

struct PinnedMeeting {
  Index startup = 0;
  Index investor = 0;
  Index slot = 0;
  std::optional<Index> table;  // absent = any free table (or none when online)
  friend bool operator==(const PinnedMeeting&, const PinnedMeeting&) = default;
};

struct Weights {
  double sector = 0.45;
  double stage = 0.25;
  double ticket = 0.15;
  double country = 0.10;
  double language = 0.05;
  friend bool operator==(const Weights&, const Weights&) = default;
};

struct Options {
  double stage_decay = 0.5;
  double min_score = 0.3;
  bool interpreters = false;
  bool one_per_organisation = false;
  double fairness_weight = 1.0;
  int min_meetings = 3;
  friend bool operator==(const Options&, const Options&) = default;
};

inline std::vector<std::string> default_stages() {
  return {"idea", "pre-seed", "seed", "series-a", "series-b", "growth"};
}

struct Event {
  std::string name;
  std::string timezone;  // for display only, e.g. "Asia/Ho_Chi_Minh"

  std::vector<std::string> sectors;
  std::vector<RelatedSectors> related_sectors;
  std::vector<std::string> stages = default_stages();
  std::vector<std::string> tables;  // table ids; a count n in the files means T1..Tn
  std::vector<Slot> slots;
  std::vector<Startup> startups;
  std::vector<Investor> investors;
  std::vector<Request> requests;
  std::vector<BlockedPair> blocked;
  std::vector<PinnedMeeting> pinned;
  Weights weights;
  Options options;

  // id -> index lookups and slot times, rebuilt by reindex().
  std::unordered_map<std::string, Index> sector_index, stage_index, table_index, slot_index,
      startup_index, investor_index;

  void reindex() {
    auto build = [](auto& map, const auto& items, auto id_of) {
      map.clear();
      map.reserve(items.size());
      for (std::size_t k = 0; k < items.size(); ++k) map.emplace(id_of(items[k]), Index(k));
    };
    auto self = [](const std::string& s) -> const std::string& { return s; };
    auto id = [](const auto& x) -> const std::string& { return x.id; };
    build(sector_index, sectors, self);
    build(stage_index, stages, self);
    build(table_index, tables, self);
    build(slot_index, slots, id);
    build(startup_index, startups, id);
    build(investor_index, investors, id);
    for (Slot& slot : slots) {
      const detail::ParsedTime t = detail::parse_slot_start(slot.start);
      if (t.ok) {
        slot.start_utc = t.utc_seconds;
        slot.utc_offset_minutes = t.offset_minutes;
      }
    }
  }

  [[nodiscard]] int slot_tables(Index slot) const {
    const auto& t = slots[static_cast<std::size_t>(slot)].tables;
    return t ? *t : static_cast<int>(tables.size());
  }
  [[nodiscard]] int startup_min_meetings(Index s) const {
    const auto& m = startups[static_cast<std::size_t>(s)].min_meetings;
    return m ? *m : options.min_meetings;
  }

  friend bool operator==(const Event&, const Event&) = default;
};

template <class Map>
std::optional<Index> find_index(const Map& map, const std::string& id) {
  auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

}  // namespace festmatch
