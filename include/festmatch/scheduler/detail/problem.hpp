// festmatch — scheduler internals: the problem as the scheduler sees it.
//
// From an Event and its pair scores this builds, once: each participant's free slots (available
// and not taken by a pinned meeting) as bit masks, the slots where an investor can hold an
// in-person meeting (tables exist, its fixed table exists and is not taken by a pin), the pinned
// meetings checked against every hard rule (a broken one throws InfeasibleError naming the rule),
// each participant's remaining capacity, and the candidate pairs (eligible, mode-compatible, not
// pinned, organisation rule, at least one common free slot) as one bit per pair. Only a working
// set of them is materialised: all on small events, each side's best 2·cap + 4 on large ones
// (Slush: 147 k of 7.7 M), so memory stays O(S·I/8) beyond the score matrix; the bound and the
// selection's pricing scan the bits. Cost O(S·I·W) on `threads` threads (W = ⌈slots/64⌉).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <tuple>
#include <vector>

#include <Eigen/Core>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/util/detail/key_map.hpp"
#include "festmatch/util/detail/pair_key.hpp"
#include "festmatch/util/detail/parallel.hpp"
#include "festmatch/util/detail/random.hpp"

namespace festmatch::detail::scheduler {

using EligibleMatrix = Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;

struct Candidate {
  Index startup = 0;
  Index investor = 0;
  double weight = 0.0;  // the pair's score
  bool online = false;
};

// One candidate pair seen from one side: the other side's index, the mode, the score.
struct PairRef {
  Index other = 0;
  bool online = false;
  double weight = 0.0;
};

// The k best pairs offered (best: higher weight, then lower index), kept in a heap whose top is
// the worst kept, so that most offers cost one comparison.
class BestPairs {
 public:
  static bool better(const PairRef& a, const PairRef& b) {
    return a.weight > b.weight || (a.weight == b.weight && a.other < b.other);
  }
  void reset(std::size_t k) {
    k_ = k;
    heap_.clear();
    floor_ =
        k == 0 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  }
  void offer(const PairRef& x) {
    if (x.weight < floor_) return;  // below the worst kept of a full heap: most offers
    if (heap_.size() < k_) {
      heap_.push_back(x);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(x, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = x;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
    if (heap_.size() == k_) floor_ = heap_.front().weight;
  }
  const std::vector<PairRef>& kept() const { return heap_; }  // in no particular order

 private:
  std::size_t k_ = 0;
  double floor_ = std::numeric_limits<double>::infinity();  // the worst kept weight once full
  std::vector<PairRef> heap_;
};

struct PlacedPin {
  Index startup = 0, investor = 0, slot = 0;
  int fixed_table = -1;  // in person: the table it must use (explicit or the investor's fixed
                         // table); -1 when online or chosen later
  bool online = false;
  double score = 0.0;
};

// A table in use in a slot by a meeting the problem does not contain (a re-schedule's history and
// kept meetings, scheduler/reschedule.hpp). In person, nothing else sits at it at that instant,
// and it counts against the slot's tables like a pinned in-person meeting (a closed slot, with
// no tables, has none to count against). `fixed`: it is the meeting investor's fixed table, so
// the investors who share that table do not meet at that instant, online or not.
struct HeldTable {
  Index slot = 0;
  Index table = 0;
  bool in_person = true;
  bool fixed = false;
};

// A meeting the problem does not contain in the agenda of a participant it does (a re-schedule's
// history and kept meetings): compaction packs that participant's meetings around it. A side
// not in the problem is -1.
struct OutsideMeeting {
  Index startup = -1, investor = -1;
  Index slot = 0;
};

struct Problem {
  const Event* event = nullptr;
  Index S = 0, I = 0, T = 0;
  int n_tables = 0;
  int W = 1;  // 64-bit words per slot mask
  double fairness_weight = 1.0;

  std::vector<std::uint64_t> available_s, available_i;  // S·W, I·W: availability alone
  std::vector<std::uint64_t> free_s, free_i;            // S·W, I·W: available and not pinned
  std::vector<std::uint64_t> inperson_i;  // I·W: slots an in-person meeting of i may use
  std::vector<int> slot_tables;           // k_t
  // Clock time (docs/scheduler.md): instant[t] is slot t followed by every other slot sharing an
  // instant with it. `overlaps` is false when no two slots do; then every rule is per slot and
  // only fixed tables are held during the search. With overlaps every in-person meeting holds
  // its table while placed, since a per-slot count no longer proves that tables can be assigned.
  std::vector<std::vector<Index>> instant;
  bool overlaps = false;
  std::vector<Index> by_end;            // slots by end time, then start, then index
  std::vector<char> someones_table;     // per table: some investor's fixed table
  std::vector<int> pinned_inperson;     // per slot
  std::vector<int> min_s;               // min_meetings per startup
  std::vector<int> pinned_s, pinned_i;  // pinned meetings per participant
  std::vector<int> cap_s, cap_i;        // remaining capacity for new meetings
  std::vector<int> bonus_s;             // meetings still earning the fairness bonus
  std::vector<int> org_of;              // investor -> organisation id, -1 none
  int n_orgs = 0;
  std::vector<PlacedPin> pins;
  std::vector<HeldTable> held_tables;
  // In-person meetings outside the problem whose slot is open (a re-schedule's kept meetings
  // where they may move): each takes a table somewhere, which only the total capacity knows.
  int inperson_anywhere = 0;
  double pinned_value = 0.0;               // Σ pinned score + fairness on pinned meetings
  const Eigen::MatrixXd* score = nullptr;  // startups × investors (the caller's)
  std::vector<Mode> s_mode, i_mode;
  int threads = 1;  // for the scans below; results never depend on it

  // Every candidate pair (eligible, modes compatible, not pinned together, not blocked, the
  // organisation free, a common free slot, capacity left on both sides) as one bit: investor i's
  // bits for startups [64b, 64b + 64) are the word pair_bits[i · blocks + b].
  Index blocks = 0;  // ⌈S / 64⌉
  std::vector<std::uint64_t> pair_bits;
  std::size_t pair_count = 0;
  double max_abs_weight = 0.0;  // ≥ every candidate pair's |score| (taken before the exclusions)
  // The working set the selection starts from: every candidate pair, or on large events
  // (`pruned`) each side's most promising ones; sorted by startup, then investor. The
  // selection's pricing appends the pairs it finds worth adding.
  std::vector<Candidate> candidates;
  bool pruned = false;

  bool online(Index s, Index i) const {
    return meets_online(s_mode[std::size_t(s)], i_mode[std::size_t(i)]);
  }
  Candidate candidate(Index s, Index i) const { return {s, i, (*score)(s, i), online(s, i)}; }

  // The startups [first, last) of block b (the pair bits' word b of every investor).
  std::pair<Index, Index> block_startups(Index b) const {
    return {b * 64, std::min(S, b * 64 + 64)};
  }
  // Calls f(s, i) for every pair of block b whose bit is set in `bits` (laid out like
  // pair_bits), investors ascending. Blocks are independent: scans run them in parallel
  // (parallel_blocks over `blocks`), and see each startup's pairs in the same order on any
  // number of threads.
  template <class F>
  void for_pairs_of_block(const std::vector<std::uint64_t>& bits, Index b, F&& f) const {
    for (Index i = 0; i < I; ++i)
      for (std::uint64_t word = bits[std::size_t(i) * std::size_t(blocks) + std::size_t(b)];
           word != 0; word &= word - 1)
        f(Index(b * 64 + __builtin_ctzll(word)), i);
  }
  // The pairs whose bit is set in `bits`, sorted by startup, then investor.
  std::vector<Candidate> pairs_in(const std::vector<std::uint64_t>& bits) const {
    std::vector<std::size_t> next(std::size_t(S) + 1, 0);  // counts, then each startup's next entry
    for (Index b = 0; b < blocks; ++b)
      for_pairs_of_block(bits, b, [&](Index s, Index) { ++next[std::size_t(s) + 1]; });
    for (std::size_t s = 0; s < std::size_t(S); ++s) next[s + 1] += next[s];
    std::vector<Candidate> out(next.back());
    parallel_blocks<char>(blocks, threads, [&](Index b, char&, int) {
      for_pairs_of_block(bits, b,
                         [&](Index s, Index i) { out[next[std::size_t(s)]++] = candidate(s, i); });
    });
    return out;
  }

  const std::uint64_t* fs(Index s) const { return &free_s[std::size_t(s) * std::size_t(W)]; }
  const std::uint64_t* fi(Index i) const { return &free_i[std::size_t(i) * std::size_t(W)]; }
  const std::uint64_t* ip(Index i) const { return &inperson_i[std::size_t(i) * std::size_t(W)]; }

  // Slots where the pair could meet given only the pins (bit t set = possible).
  void common_slots(Index s, Index i, bool online, std::uint64_t* out) const {
    const auto* a = fs(s);
    const auto* b = fi(i);
    const auto* c = ip(i);
    for (int w = 0; w < W; ++w) out[w] = a[w] & b[w] & (online ? ~0ull : c[w]);
  }
  bool has_common_slot(Index s, Index i, bool online) const {
    const auto* a = fs(s);
    const auto* b = fi(i);
    const auto* c = ip(i);
    for (int w = 0; w < W; ++w)
      if ((a[w] & b[w] & (online ? ~0ull : c[w])) != 0) return true;
    return false;
  }
};

// Bit t of a word array (slot masks, and the pair bits: startup s of investor i's column).
inline void set_bit(std::uint64_t* m, std::size_t t) {
  m[t / 64] |= 1ull << (t % 64);
}
inline void clear_bit(std::uint64_t* m, std::size_t t) {
  m[t / 64] &= ~(1ull << (t % 64));
}
inline bool test_bit(const std::uint64_t* m, std::size_t t) {
  return (m[t / 64] >> (t % 64)) & 1ull;
}
// Sets the bits of the slots t < T that `a` allows: O(T + listed slots).
inline void set_available(const Availability& a, std::size_t T, std::uint64_t* mask) {
  if (a.kind != Availability::Kind::available)
    for (std::size_t t = 0; t < T; ++t) set_bit(mask, t);
  for (const Index t : a.slots)
    if (t >= 0 && std::size_t(t) < T) {
      if (a.kind == Availability::Kind::available)
        set_bit(mask, std::size_t(t));
      else if (a.kind == Availability::Kind::unavailable)
        clear_bit(mask, std::size_t(t));
    }
}

inline int popcount_mask(const std::uint64_t* m, int W) {
  int n = 0;
  for (int w = 0; w < W; ++w) n += __builtin_popcountll(m[w]);
  return n;
}

// most_disjoint_slots (event/event.hpp) over the problem's slots.
template <class In>
int most_disjoint_slots(const Problem& p, In&& in) {
  return festmatch::most_disjoint_slots(p.event->slots, p.by_end, std::forward<In>(in));
}

// The table a new in-person meeting in slot t takes: the lowest that `free(k)` allows, tables
// that are nobody's fixed table first (they stay for their investors); -1 when none is free.
template <class Free>
int choose_table(const Problem& p, Index t, Free&& free) {
  for (const bool anyones : {false, true})
    for (int k = 0; k < p.slot_tables[std::size_t(t)]; ++k)
      if ((anyones || !p.someones_table[std::size_t(k)]) && free(k)) return k;
  return -1;
}

// Whether a held table (HeldTable) is at `table` in slot t or a slot overlapping it: an in-person
// one (`in_person`), or one of an investor whose fixed table it is (`fixed`).
inline bool table_held(const Problem& p, Index t, int table, bool in_person, bool fixed) {
  const auto& slots = p.event->slots;
  for (const HeldTable& h : p.held_tables)
    if (h.table == table && ((in_person && h.in_person) || (fixed && h.fixed)) &&
        (h.slot == t || slots_overlap(slots[std::size_t(h.slot)], slots[std::size_t(t)])))
      return true;
  return false;
}

inline std::string pin_text(const Event& e, const PinnedMeeting& p) {
  return "pinned meeting " + e.startups[std::size_t(p.startup)].id + " with " +
         e.investors[std::size_t(p.investor)].id + " in slot " + e.slots[std::size_t(p.slot)].id;
}

// Pins on overlapping slots: pins of one person, or holding one table, must not share an
// instant (the same slot is checked per slot), nor a pin and a held table; each in-person pin
// without a table gets the lowest one free at its instant, preferring tables that are nobody's
// fixed table; earlier slots choose first. `conflict(k, message)` reports pin k.
template <class Conflict>
void assign_pin_tables(Problem& p, Conflict&& conflict) {
  const Event& e = *p.event;
  auto clash = [&](const PlacedPin& a, const PlacedPin& b) {
    return a.slot != b.slot &&
           slots_overlap(e.slots[std::size_t(a.slot)], e.slots[std::size_t(b.slot)]);
  };
  std::vector<std::size_t> order(p.pins.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return e.slots[std::size_t(p.pins[a].slot)].start_utc <
           e.slots[std::size_t(p.pins[b].slot)].start_utc;
  });
  std::map<Index, std::vector<std::size_t>> of_s, of_i;
  std::vector<std::vector<std::size_t>> at_table(std::size_t(p.n_tables)), of_fixed(at_table);
  auto text_of = [&](std::size_t k) { return pin_text(e, e.pinned[k]); };
  for (const std::size_t k : order) {
    const PlacedPin& pin = p.pins[k];
    auto check_person = [&](std::vector<std::size_t>& list, const std::string& who) {
      for (const std::size_t other : list)
        if (clash(p.pins[other], pin))
          conflict(k,
                   who + " is double-booked (also " + text_of(other) + ", which overlaps in time)");
      list.push_back(k);
    };
    check_person(of_s[pin.startup], "startup " + e.startups[std::size_t(pin.startup)].id);
    check_person(of_i[pin.investor], "investor " + e.investors[std::size_t(pin.investor)].id);
    // Investors who share a fixed table do not meet at once, online or not.
    if (const auto& inv = e.investors[std::size_t(pin.investor)]; inv.table) {
      for (const std::size_t other : of_fixed[std::size_t(*inv.table)])
        if (p.pins[other].investor != pin.investor && clash(p.pins[other], pin))
          conflict(k, "investor " + inv.id + " shares fixed table " +
                          e.tables[std::size_t(*inv.table)] + " with " + text_of(other) +
                          ", which overlaps in time");
      of_fixed[std::size_t(*inv.table)].push_back(k);
    }
    int h = pin.fixed_table;
    if (h < 0 && !pin.online) {
      auto free_at = [&](int table) {
        for (const std::size_t other : at_table[std::size_t(table)])
          if (p.pins[other].slot == pin.slot || clash(p.pins[other], pin)) return false;
        return !table_held(p, pin.slot, table, true, false);
      };
      h = choose_table(p, pin.slot, free_at);
      if (h < 0) {
        conflict(k, "slot " + e.slots[std::size_t(pin.slot)].id +
                        " has too few tables for its pinned in-person meetings and those of the "
                        "slots overlapping it");
        continue;
      }
      p.pins[k].fixed_table = h;
    } else if (h >= 0) {
      for (const std::size_t other : at_table[std::size_t(h)])
        if (clash(p.pins[other], pin))
          conflict(k, "table " + e.tables[std::size_t(h)] + " is also used by " + text_of(other) +
                          ", which overlaps in time");
    }
    if (h >= 0) at_table[std::size_t(h)].push_back(k);
  }
}

// The problem without its candidate pairs: slots, tables, availability, the pinned meetings
// checked against every hard rule (their scores are left 0) and the capacities. O((S + I)·T +
// pins); it needs no scores, so a re-schedule checks its kept meetings with it alone.
// Throws InputError for out-of-range indices, InfeasibleError for pinned meetings that break a
// hard rule.
inline Problem problem_frame(const Event& e, double fairness_weight,
                             std::vector<HeldTable> held_tables = {}) {
  Problem p;
  p.event = &e;
  p.S = Index(e.startups.size());
  p.I = Index(e.investors.size());
  p.T = Index(e.slots.size());
  p.n_tables = int(e.tables.size());
  p.W = std::max(1, int((p.T + 63) / 64));
  p.fairness_weight = fairness_weight;
  const auto S = std::size_t(p.S), I = std::size_t(p.I), T = std::size_t(p.T);
  const auto W = std::size_t(p.W);

  std::vector<Diagnostic> bad;
  auto input_error = [&](const std::string& pointer, const std::string& m) {
    bad.push_back({.pointer = pointer, .message = m});
  };
  for (std::size_t t = 0; t < T; ++t)
    if (e.slot_tables(Index(t)) < 0 || e.slot_tables(Index(t)) > p.n_tables)
      input_error("/slots/" + std::to_string(t) + "/tables",
                  "slot " + e.slots[t].id + " has " + std::to_string(e.slot_tables(Index(t))) +
                      " tables but the event has " + std::to_string(p.n_tables));
  for (std::size_t i = 0; i < I; ++i) {
    const auto& inv = e.investors[i];
    if (inv.table && (*inv.table < 0 || *inv.table >= p.n_tables))
      input_error("/investors/" + std::to_string(i) + "/table",
                  "investor " + inv.id + " has a table index out of range");
  }
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    const auto& pin = e.pinned[k];
    if (pin.startup < 0 || std::size_t(pin.startup) >= S || pin.investor < 0 ||
        std::size_t(pin.investor) >= I || pin.slot < 0 || std::size_t(pin.slot) >= T ||
        (pin.table && (*pin.table < 0 || *pin.table >= p.n_tables)))
      input_error("/pinned/" + std::to_string(k), "pinned meeting refers to an unknown index");
  }
  for (std::size_t k = 0; k < e.blocked.size(); ++k) {
    const auto& b = e.blocked[k];
    if (b.startup < 0 || std::size_t(b.startup) >= S || b.investor < 0 ||
        std::size_t(b.investor) >= I)
      input_error("/blocked/" + std::to_string(k), "blocked pair refers to an unknown index");
  }
  if (!bad.empty()) throw InputError(bad);

  p.slot_tables.resize(T);
  for (std::size_t t = 0; t < T; ++t) p.slot_tables[t] = e.slot_tables(Index(t));
  p.instant = slot_instants(e.slots);
  for (const auto& at : p.instant) p.overlaps = p.overlaps || at.size() > 1;
  p.by_end = slots_by_end(e.slots);
  p.someones_table.assign(std::size_t(p.n_tables), 0);
  for (const auto& inv : e.investors)
    if (inv.table) p.someones_table[std::size_t(*inv.table)] = 1;
  p.s_mode.resize(S);
  p.i_mode.resize(I);
  for (std::size_t s = 0; s < S; ++s) p.s_mode[s] = e.startups[s].mode;
  for (std::size_t i = 0; i < I; ++i) p.i_mode[i] = e.investors[i].mode;
  p.min_s.resize(S);
  for (std::size_t s = 0; s < S; ++s) p.min_s[s] = std::max(0, e.startup_min_meetings(Index(s)));

  // Organisations.
  p.org_of.assign(I, -1);
  if (e.options.one_per_organisation) {
    std::map<std::string, int> ids;
    for (std::size_t i = 0; i < I; ++i) {
      const auto& o = e.investors[i].organisation;
      if (o.empty()) continue;
      auto [it, inserted] = ids.emplace(o, int(ids.size()));
      p.org_of[i] = it->second;
    }
    p.n_orgs = int(ids.size());
  }

  // Availability masks.
  p.available_s.assign(S * W, 0);
  p.available_i.assign(I * W, 0);
  p.inperson_i.assign(I * W, 0);
  for (std::size_t s = 0; s < S; ++s)
    set_available(e.startups[s].availability, T, &p.available_s[s * W]);
  for (std::size_t i = 0; i < I; ++i)
    set_available(e.investors[i].availability, T, &p.available_i[i * W]);
  p.free_s = p.available_s;
  p.free_i = p.available_i;

  // Pinned meetings: check every hard rule among themselves.
  std::vector<Diagnostic> conflicts;
  auto conflict = [&](std::size_t k, const std::string& m) {
    conflicts.push_back({.pointer = "/pinned/" + std::to_string(k),
                         .message = pin_text(e, e.pinned[k]) + ": " + m});
  };
  KeyMap<const std::string*> blocked(e.blocked.size());  // pair -> reason (the first block's)
  for (const auto& b : e.blocked) blocked.emplace(pair_key(b.startup, b.investor), &b.reason);
  // Keyed by pair_key: (who, slot), (startup, investor), (slot, table) -> pin.
  const std::size_t P = e.pinned.size();
  KeyMap<std::size_t> busy_s(P), busy_i(P), pair_seen(P), table_owner(P), fixed_owner(P);
  p.held_tables = std::move(held_tables);
  KeyMap<std::size_t> startup_org(P);  // (startup, org) -> pin
  p.pinned_s.assign(S, 0);
  p.pinned_i.assign(I, 0);
  p.pinned_inperson.assign(T, 0);
  for (std::size_t k = 0; k < e.pinned.size(); ++k) {
    const auto& pin = e.pinned[k];
    const auto& st = e.startups[std::size_t(pin.startup)];
    const auto& inv = e.investors[std::size_t(pin.investor)];
    const std::string& sid = st.id;
    const std::string& iid = inv.id;
    PlacedPin placed{.startup = pin.startup,
                     .investor = pin.investor,
                     .slot = pin.slot,
                     .online = meets_online(st.mode, inv.mode)};
    if (const auto* b = blocked.find(pair_key(pin.startup, pin.investor)))
      conflict(k, "the pair is blocked" + ((*b)->empty() ? "" : ": " + **b));
    if (!modes_can_meet(st.mode, inv.mode))
      conflict(k, "the modes are incompatible (one side is online, the other in-person only)");
    if (!st.availability.allows(pin.slot)) conflict(k, "startup " + sid + " is not available");
    if (!inv.availability.allows(pin.slot)) conflict(k, "investor " + iid + " is not available");
    if (auto [first, ok] = busy_s.emplace(pair_key(pin.startup, pin.slot), k); !ok)
      conflict(k,
               "startup " + sid + " is double-booked (also " + pin_text(e, e.pinned[*first]) + ")");
    if (auto [first, ok] = busy_i.emplace(pair_key(pin.investor, pin.slot), k); !ok)
      conflict(
          k, "investor " + iid + " is double-booked (also " + pin_text(e, e.pinned[*first]) + ")");
    if (auto [first, ok] = pair_seen.emplace(pair_key(pin.startup, pin.investor), k); !ok)
      conflict(k, "the pair is pinned twice (one meeting per pair)");
    if (p.org_of[std::size_t(pin.investor)] >= 0) {
      if (auto [first, ok] =
              startup_org.emplace(pair_key(pin.startup, p.org_of[std::size_t(pin.investor)]), k);
          !ok)
        conflict(k, "organisation rule: startup " + sid + " already meets " +
                        e.investors[std::size_t(e.pinned[*first].investor)].id + " of " +
                        inv.organisation);
    }
    if (placed.online) {
      if (pin.table) conflict(k, "an online meeting takes no table");
    } else {
      const int kt = p.slot_tables[std::size_t(pin.slot)];
      if (inv.table) placed.fixed_table = int(*inv.table);
      if (pin.table) {
        if (inv.table && *inv.table != *pin.table)
          conflict(k, "investor " + iid + " has fixed table " + e.tables[std::size_t(*inv.table)] +
                          " but the pin names table " + e.tables[std::size_t(*pin.table)]);
        placed.fixed_table = int(*pin.table);
      }
      if (++p.pinned_inperson[std::size_t(pin.slot)] > kt)
        conflict(k, "slot " + e.slots[std::size_t(pin.slot)].id + " has too few tables (" +
                        std::to_string(kt) + ") for its pinned in-person meetings");
      if (placed.fixed_table >= kt)
        conflict(k, "table " + e.tables[std::size_t(placed.fixed_table)] +
                        " does not exist in slot " + e.slots[std::size_t(pin.slot)].id +
                        " (it has " + std::to_string(kt) + " tables)");
    }
    // An in-person meeting holds its table for the slot; an online one takes none. Investors who
    // share a fixed table do not meet in the same slot, online or not.
    if (const int hold = placed.fixed_table; hold >= 0) {
      if (auto [first, ok] = table_owner.emplace(pair_key(pin.slot, hold), k); !ok)
        conflict(k, "table " + e.tables[std::size_t(hold)] + " is also used by " +
                        pin_text(e, e.pinned[*first]));
      if (table_held(p, pin.slot, hold, true, false))
        conflict(k, "table " + e.tables[std::size_t(hold)] +
                        " is in use at that time by a meeting that stays as it is");
    }
    if (inv.table) {
      if (auto [first, ok] = fixed_owner.emplace(pair_key(pin.slot, *inv.table), k);
          !ok && e.pinned[*first].investor != pin.investor)
        conflict(k, "investor " + iid + " shares fixed table " + e.tables[std::size_t(*inv.table)] +
                        " with " + pin_text(e, e.pinned[*first]) + ", in the same slot");
      if (table_held(p, pin.slot, int(*inv.table), false, true))
        conflict(k, "investor " + iid + " shares fixed table " + e.tables[std::size_t(*inv.table)] +
                        " with an investor whose meeting at that time stays as it is");
    }
    ++p.pinned_s[std::size_t(pin.startup)];
    ++p.pinned_i[std::size_t(pin.investor)];
    p.pins.push_back(placed);
  }
  for (const HeldTable& h : p.held_tables)
    if (h.in_person && p.slot_tables[std::size_t(h.slot)] > 0)
      ++p.pinned_inperson[std::size_t(h.slot)];
  if (p.overlaps) assign_pin_tables(p, conflict);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& m = e.startups[s].max_meetings;
    if (m && p.pinned_s[s] > *m)
      conflicts.push_back({.pointer = "/startups/" + std::to_string(s) + "/max_meetings",
                           .message = "startup " + e.startups[s].id + " has " +
                                      std::to_string(p.pinned_s[s]) +
                                      " pinned meetings but max_meetings " + std::to_string(*m)});
  }
  for (std::size_t i = 0; i < I; ++i) {
    const auto& m = e.investors[i].max_meetings;
    if (m && p.pinned_i[i] > *m)
      conflicts.push_back({.pointer = "/investors/" + std::to_string(i) + "/max_meetings",
                           .message = "investor " + e.investors[i].id + " has " +
                                      std::to_string(p.pinned_i[i]) +
                                      " pinned meetings but max_meetings " + std::to_string(*m)});
  }
  if (!conflicts.empty()) throw InfeasibleError(conflicts);

  for (const auto& pin : p.pins)
    for (const Index u : p.instant[std::size_t(pin.slot)]) {
      clear_bit(&p.free_s[std::size_t(pin.startup) * W], std::size_t(u));
      clear_bit(&p.free_i[std::size_t(pin.investor) * W], std::size_t(u));
    }
  // Slots where investor i may hold an in-person meeting.
  // held[t · n_tables + table]: held by a pin or a held table at slot t's instant.
  const auto NT = std::size_t(p.n_tables);
  std::vector<char> held(T * NT, 0);
  auto hold = [&](Index t, int table) {
    if (table >= 0 && std::size_t(table) < NT) held[std::size_t(t) * NT + std::size_t(table)] = 1;
  };
  auto is_held = [&](std::size_t t, int table) { return held[t * NT + std::size_t(table)] != 0; };
  for (const auto& pin : p.pins) {
    const auto& inv = e.investors[std::size_t(pin.investor)];
    if (const int h = inv.table ? int(*inv.table) : pin.fixed_table; h >= 0)
      for (const Index u : p.instant[std::size_t(pin.slot)]) hold(u, h);
  }
  for (const HeldTable& h : p.held_tables)
    for (const Index u : p.instant[std::size_t(h.slot)]) hold(u, int(h.table));
  for (std::size_t i = 0; i < I; ++i) {
    const auto& inv = e.investors[i];
    for (std::size_t t = 0; t < T; ++t) {
      const int kt = p.slot_tables[t];
      if (kt - p.pinned_inperson[t] <= 0) continue;
      if (inv.table && (int(*inv.table) >= kt || is_held(t, int(*inv.table)))) continue;
      set_bit(&p.inperson_i[i * W], t);
    }
    // A fixed table held by a pin of another investor also rules out online meetings there.
    if (inv.table)
      for (std::size_t t = 0; t < T; ++t)
        if (is_held(t, int(*inv.table)) && test_bit(&p.free_i[i * W], t))
          clear_bit(&p.free_i[i * W], t);
  }

  // Capacities.
  auto slots_of = [&](const std::uint64_t* m) {
    return most_disjoint_slots(p, [&](Index t) { return test_bit(m, std::size_t(t)); });
  };
  p.cap_s.resize(S);
  p.cap_i.resize(I);
  p.bonus_s.resize(S);
  for (std::size_t s = 0; s < S; ++s) {
    const auto& m = e.startups[s].max_meetings;
    int cap = slots_of(&p.free_s[s * W]);
    if (m) cap = std::min(cap, *m - p.pinned_s[s]);
    p.cap_s[s] = std::max(0, cap);
    p.bonus_s[s] = std::min(p.cap_s[s], std::max(0, p.min_s[s] - p.pinned_s[s]));
  }
  for (std::size_t i = 0; i < I; ++i) {
    const auto& m = e.investors[i].max_meetings;
    int cap = slots_of(&p.free_i[i * W]);
    if (m) cap = std::min(cap, *m - p.pinned_i[i]);
    p.cap_i[i] = std::max(0, cap);
  }
  return p;
}

// Builds the problem: problem_frame, then the pinned meetings' scores and the candidate pairs.
// Throws InputError for score matrices of the wrong shape, and as problem_frame does.
// Events with more than `prune_above` candidate pairs get a pruned working set.
inline Problem build_problem(const Event& e, const Eigen::MatrixXd& score,
                             const EligibleMatrix& eligible, double fairness_weight, int threads,
                             std::size_t prune_above = std::numeric_limits<std::size_t>::max(),
                             std::vector<HeldTable> held_tables = {}) {
  const auto S = e.startups.size(), I = e.investors.size();
  if (std::size_t(score.rows()) != S || std::size_t(score.cols()) != I ||
      std::size_t(eligible.rows()) != S || std::size_t(eligible.cols()) != I) {
    throw InputError("schedule: the score matrix is " + std::to_string(score.rows()) + "x" +
                     std::to_string(score.cols()) + " but the event has " + std::to_string(S) +
                     " startups and " + std::to_string(I) + " investors");
  }
  Problem p = problem_frame(e, fairness_weight, std::move(held_tables));
  p.pinned_value = 0.0;
  for (auto& pin : p.pins) {
    pin.score = score(pin.startup, pin.investor);
    p.pinned_value += pin.score;
  }
  for (std::size_t s = 0; s < S; ++s)
    p.pinned_value += fairness_weight * std::min(p.pinned_s[s], p.min_s[s]);

  // Candidate pairs as bits, one investor column at a time (the eligibility matrix is
  // column-major), in parallel; then the working set.
  p.score = &score;
  p.threads = threads;
  p.blocks = Index((S + 63) / 64);
  std::vector<std::pair<Index, Index>> excluded;  // (investor, startup): blocked, pinned, taken org
  for (const auto& b : e.blocked) excluded.push_back({b.investor, b.startup});
  std::vector<std::vector<Index>> of_org(std::size_t(p.n_orgs));
  for (std::size_t i = 0; i < I; ++i)
    if (p.org_of[i] >= 0) of_org[std::size_t(p.org_of[i])].push_back(Index(i));
  for (const auto& pin : p.pins) {
    excluded.push_back({pin.investor, pin.startup});
    if (const int o = p.org_of[std::size_t(pin.investor)]; o >= 0)
      for (Index i : of_org[std::size_t(o)]) excluded.push_back({i, pin.startup});
  }
  std::sort(excluded.begin(), excluded.end());
  // Large events (more than prune_above pairs) start from a working set: each startup's best
  // 2·cap_s + 4 and each investor's best 2·cap_i + 4 pairs (ties: lower index first), which
  // the selection's pricing completes. The investors' part is taken in the same pass as the
  // bits, and dropped when the event turns out small.
  const auto blocks = std::size_t(p.blocks);
  p.pair_bits.assign(I * blocks, 0);
  std::vector<std::uint64_t> keep(I * blocks, 0);
  std::vector<double> column_max(I, 0.0);
  std::vector<std::size_t> column_count(I, 0);
  parallel_blocks<BestPairs>(Index(I), threads, [&](Index ii, BestPairs& best, int) {
    const auto i = std::size_t(ii);
    if (p.cap_i[i] == 0) return;
    std::uint64_t* column = p.pair_bits.data() + i * blocks;  // no startups: no words
    for (std::size_t s = 0; s < S; ++s) {
      if (!eligible(Index(s), ii) || p.cap_s[s] == 0 || !modes_can_meet(p.s_mode[s], p.i_mode[i]) ||
          !p.has_common_slot(Index(s), ii, meets_online(p.s_mode[s], p.i_mode[i])))
        continue;
      set_bit(column, s);
      column_max[i] = std::max(column_max[i], std::abs(score(Index(s), ii)));
    }
    const auto mine =
        std::equal_range(excluded.begin(), excluded.end(), std::pair{ii, Index(0)},
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = mine.first; it != mine.second; ++it) clear_bit(column, std::size_t(it->second));
    best.reset(std::size_t(2 * p.cap_i[i] + 4));
    for (std::size_t b = 0; b < blocks; ++b)
      for (std::uint64_t word = column[b]; word != 0; word &= word - 1) {
        const Index s = Index(b * 64 + std::size_t(__builtin_ctzll(word)));
        best.offer({s, false, score(s, ii)});
        ++column_count[i];
      }
    for (const auto& x : best.kept()) set_bit(&keep[i * blocks], std::size_t(x.other));
  });
  for (const double m : column_max) p.max_abs_weight = std::max(p.max_abs_weight, m);
  for (const auto n : column_count) p.pair_count += n;

  if (p.pair_count <= prune_above) {
    p.threads = 1;  // small: the scans take less than starting threads for them
    p.candidates = p.pairs_in(p.pair_bits);
    return p;
  }
  p.pruned = true;
  parallel_blocks<std::vector<BestPairs>>(
      p.blocks, threads, [&](Index b, std::vector<BestPairs>& best, int) {
        const Index s0 = p.block_startups(b).first, s1 = p.block_startups(b).second;
        best.resize(std::size_t(s1 - s0));
        for (Index s = s0; s < s1; ++s)
          best[std::size_t(s - s0)].reset(std::size_t(2 * p.cap_s[std::size_t(s)] + 4));
        p.for_pairs_of_block(p.pair_bits, b, [&](Index s, Index i) {
          best[std::size_t(s - s0)].offer({i, false, score(s, i)});
        });
        for (Index s = s0; s < s1; ++s)  // only this block's words of each column
          for (const auto& x : best[std::size_t(s - s0)].kept())
            set_bit(&keep[std::size_t(x.other) * blocks], std::size_t(s));
      });
  p.candidates = p.pairs_in(keep);
  return p;
}

}  // namespace festmatch::detail::scheduler
