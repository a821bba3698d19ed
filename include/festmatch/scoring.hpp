// festmatch — compatibility scoring (SPEC section 3): the score of every startup × investor pair,
// whether the pair may meet, why, and the best partners of everyone.
//
// Problem. For n startups and m investors, compute five components in [0,1] per pair —
//   sector    clip(sᵀ A v / (|s| |v|), 0, 1), A = I + R (R: symmetric related-sector affinities)
//   stage     max_b pref(b)·decay^|stage−b| / max_b pref(b); 1 when the investor lists no stages
//             or only preferences of 0
//   ticket    min(1, ask/min, max/ask) when the startup's ask and the investor's ticket are both
//             given (x/0 counts as +∞: a bound of 0 never binds); 0.5 otherwise
//   country   1 when the investor lists no countries or the startup's; else 0 (also 0 for a
//             startup without a country when the investor lists some)
//   language  1 when either side lists none or they share one; else 0
// — then base = Σ w_k·c_k / Σ w_k, score = base + request bonus (want 0.25 per side, so a mutual
// want is 0.5; must 1.0), and eligibility: not blocked, languages compatible (or option
// `interpreters`), modes compatible (online meets online or both), and a request on the pair or
// (sector > 0 and base ≥ min_score − 1e-9). The tolerance 1e-9 keeps a pair whose base equals
// min_score on paper but lands a rounding error below it.
//
// Method. Dense linear algebra over tiles of 64 startups × 512 investors: the sector component
// is one Eigen product of the row-normalised startup sector matrix (n × k) with A times the
// row-normalised investor sector matrix transposed (k × m); stage, country and mode come from
// small per-investor tables (stages × m, countries × m, 3 × m) gathered by each startup's key;
// languages are 64-bit bitsets of interned language codes; ticket, base and eligibility are
// Eigen array expressions; requests and blocks are sparse patches. Tiles are shared by threads
// (std::thread); a tile's rows and columns never depend on the thread count, so results are
// identical for any number of threads. Every path — the matrix, top-K, streaming blocks and
// explain() — computes through the same tile kernel (detail/scoring_model.hpp). The matrix path
// is bound by memory traffic (a Slush matrix is 300 MB), so it asks for huge pages and copies
// each tile out with non-temporal stores (detail::copy_tile_transposed).
//
// Complexity. O(n·m·k) time for the sector product plus O(n·m) for the rest; the matrix path
// holds 17 bytes per pair (score, base, eligible); top_k and for_each_block hold O((n+m)·k) and
// one block of rows. Building the tables: O((n+m)·k + stages²·m + |requests| log). explain() is
// one 1 × 1 tile, O(k), plus a binary search among the startup's own requests and blocks: it
// never scans the event's request or block lists.
//
// Preconditions (the readers check them; here they throw InputError): every index in range;
// the weights have a positive sum. A startup or investor whose sector weights are all 0 scores
// 0 on sector. The same side requesting the same pair twice is an InputError.
//
//   festmatch::Event e = festmatch::read_event("techfest.json");
//   auto matrix = festmatch::compatibility_matrix(e);       // Eigen n × m: score, base, eligible
//   auto best = festmatch::top_k(e, 10);                     // 10 best eligible per side
//   auto why = festmatch::explain(e, 3, 7);                  // components, rule, reason
//   std::cout << why.reason << '\n';                         // "base 0.21 is below min_score 0.30"
#pragma once

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "festmatch/detail/parallel.hpp"
#include "festmatch/detail/scoring_model.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event.hpp"

namespace festmatch {

struct CompatibilityMatrix {
  Eigen::MatrixXd score;  // startups × investors: base + request bonus (defined for every pair)
  Eigen::MatrixXd base;   // base score in [0,1]; empty (0 × 0) when asked for MatrixParts::scores
  Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> eligible;  // 1 = eligible
};

// Which matrices Scorer::matrix fills: all three, or only score and eligible (what the scheduler
// reads; on Slush that skips 145 MB of base scores).
enum class MatrixParts { all, scores };

// Why a pair may not meet; checked in this order, the first that applies is reported.
enum class Ineligibility { none, blocked, languages, modes, below_min_score, no_common_sector };

inline const char* to_string(Ineligibility r) {
  switch (r) {
    case Ineligibility::none: return "none";
    case Ineligibility::blocked: return "blocked";
    case Ineligibility::languages: return "languages";
    case Ineligibility::modes: return "modes";
    case Ineligibility::below_min_score: return "below_min_score";
    case Ineligibility::no_common_sector: return "no_common_sector";
  }
  return "none";
}

struct ScoreComponent {
  std::string name;  // sector, stage, ticket, country, language
  double value = 0.0;
  double weight = 0.0;        // as given in Event::weights
  double contribution = 0.0;  // weight · value / Σ weights
};

struct Explanation {
  Index startup = 0, investor = 0;
  std::vector<ScoreComponent> components;  // sector, stage, ticket, country, language
  double base = 0.0, bonus = 0.0, score = 0.0;
  bool eligible = false;
  Ineligibility rule = Ineligibility::none;  // none when eligible
  std::string reason;                        // a sentence naming the rule, empty when eligible
  std::vector<Request> requests;             // the requests on this pair
  std::string blocked_reason;                // the block's reason when rule == blocked
};

struct ScoredPair {
  Index startup = 0, investor = 0;
  double score = 0.0;
  friend bool operator==(const ScoredPair&, const ScoredPair&) = default;
};

// Best first; ties broken by the smaller index of the other side. Eligible pairs only.
struct TopK {
  std::vector<std::vector<ScoredPair>> per_startup, per_investor;
};

// One block of consecutive startups against every investor, column-major (row = startup
// first_startup + r, column = investor). Handed to Scorer::for_each_block's callback.
using ScoreBlock = detail::ScoringTile;

// The prepared model of one event: build once, then ask for the matrix, top-K, explanations.
// Keeps a reference to the event, which must outlive it and not change.
class Scorer {
 public:
  static constexpr Index tile_rows = 64;
  static constexpr Index tile_cols = 512;

  explicit Scorer(const Event& event) : event_(event), model_(event) {}

  [[nodiscard]] Index startups() const { return model_.n; }
  [[nodiscard]] Index investors() const { return model_.m; }
  [[nodiscard]] const Event& event() const { return event_; }

  // The dense n × m matrices. threads <= 0: one per hardware thread.
  [[nodiscard]] CompatibilityMatrix matrix(int threads = 0, MatrixParts parts = MatrixParts::all) const {
    CompatibilityMatrix out;
    const Index n = model_.n, m = model_.m;
    const bool with_base = parts == MatrixParts::all;
    out.score.resize(n, m);
    if (with_base) out.base.resize(n, m);
    out.eligible.resize(n, m);
    detail::advise_huge_pages(out.score.data(), std::size_t(out.score.size()) * sizeof(double));
    detail::advise_huge_pages(out.base.data(), std::size_t(out.base.size()) * sizeof(double));
    detail::advise_huge_pages(out.eligible.data(), std::size_t(out.eligible.size()));
    const Index row_blocks = (n + tile_rows - 1) / tile_rows;
    const Index col_blocks = (m + tile_cols - 1) / tile_cols;
    // beyond the last-level cache, write around the caches (a small matrix stays cached for
    // the caller, who reads it next)
    const bool stream = std::size_t(n) * std::size_t(m) * (with_base ? 17 : 9) > (std::size_t{32} << 20);
    run_parallel(row_blocks * col_blocks, threads, [&](Index block, detail::ScoringTile& t) {
      const Index r0 = (block / col_blocks) * tile_rows, c0 = (block % col_blocks) * tile_cols;
      const Index rows = std::min(tile_rows, n - r0), cols = std::min(tile_cols, m - c0);
      model_.compute(t, r0, rows, c0, cols, false);
      detail::copy_tile_transposed(t.score, out.score, r0, c0, stream);
      if (with_base) detail::copy_tile_transposed(t.base, out.base, r0, c0, stream);
      detail::copy_tile_transposed(t.eligible, out.eligible, r0, c0);
    });
    return out;
  }

  // Fills `block` with startups [first, first + rows) against every investor, every component.
  // Safe to call from several threads at once, each with its own block.
  void compute_block(ScoreBlock& block, Index first, Index rows) const {
    model_.compute(block, first, rows, 0, model_.m);
  }

  // Streams blocks of `rows` startups (all investors, every component) in startup order.
  // f(const ScoreBlock&) is called on this thread; the block is reused after f returns.
  void for_each_block(const std::function<void(const ScoreBlock&)>& f, Index rows = 16) const {
    detail::ScoringTile t;
    rows = std::max<Index>(1, rows);
    for (Index r0 = 0; r0 < model_.n; r0 += rows) {
      model_.compute(t, r0, std::min(rows, model_.n - r0), 0, model_.m);
      f(t);
    }
  }

  // The k best eligible partners of every startup and every investor (k >= 0), computed tile by
  // tile without the n × m matrix: per-row partial sorts and per-investor bounded heaps, merged
  // across threads. The same result for any number of threads.
  [[nodiscard]] TopK top_k(int k, int threads = 0) const {
    if (k < 0) throw InputError("top_k: k must be >= 0 (got " + std::to_string(k) + ")");
    const Index n = model_.n, m = model_.m;
    TopK out;
    out.per_startup.assign(std::size_t(n), {});
    out.per_investor.assign(std::size_t(m), {});
    if (k == 0 || n == 0 || m == 0) return out;
    const auto uk = std::size_t(k);
    const Index row_blocks = (n + tile_rows - 1) / tile_rows;
    const int workers = detail::worker_count(threads, row_blocks);
    // per worker, per investor: a heap whose front is the worst of the best k seen so far
    std::vector<std::vector<std::vector<ScoredPair>>> heaps(
        static_cast<std::size_t>(workers),
        std::vector<std::vector<ScoredPair>>(static_cast<std::size_t>(m)));
    // per worker, per investor: the score of the heap's front once it holds k pairs
    std::vector<std::vector<double>> floors(
        static_cast<std::size_t>(workers),
        std::vector<double>(static_cast<std::size_t>(m), -std::numeric_limits<double>::infinity()));
    run_parallel(
        row_blocks, workers,
        [&](Index block, detail::ScoringTile& t, int worker) {
          auto& mine = heaps[std::size_t(worker)];
          auto& investor_floor = floors[std::size_t(worker)];
          const Index r0 = block * tile_rows, rows = std::min(tile_rows, n - r0);
          std::vector<std::vector<ScoredPair>> cand(static_cast<std::size_t>(rows));
          std::vector<double> row_floor(std::size_t(rows),
                                        -std::numeric_limits<double>::infinity());
          for (Index c0 = 0; c0 < m; c0 += tile_cols) {
            const Index cols = std::min(tile_cols, m - c0);
            model_.compute(t, r0, rows, c0, cols, false);
            for (Index ii = 0; ii < rows; ++ii) {
              auto& c = cand[std::size_t(ii)];
              double& floor = row_floor[std::size_t(ii)];
              const auto eligible = t.eligible.row(ii);
              const auto score = t.score.row(ii);
              for (Index jj = 0; jj < cols; ++jj) {
                if (!eligible(jj)) continue;
                const ScoredPair p{r0 + ii, c0 + jj, score(jj)};
                if (p.score >= floor) {
                  c.push_back(p);
                  if (c.size() >= 2 * uk + 64) {
                    std::nth_element(c.begin(), c.begin() + std::ptrdiff_t(uk - 1), c.end(),
                                     better_for_startup);
                    c.resize(uk);
                    floor = c.back().score;  // the k-th best so far
                  }
                }
                // most pairs fail this one comparison against a contiguous array
                if (p.score < investor_floor[std::size_t(p.investor)]) continue;
                auto& heap = mine[std::size_t(p.investor)];
                if (heap.size() < uk) {
                  heap.push_back(p);
                  std::push_heap(heap.begin(), heap.end(), better_for_investor);
                } else if (better_for_investor(p, heap.front())) {
                  std::pop_heap(heap.begin(), heap.end(), better_for_investor);
                  heap.back() = p;
                  std::push_heap(heap.begin(), heap.end(), better_for_investor);
                }
                if (heap.size() == uk) investor_floor[std::size_t(p.investor)] = heap.front().score;
              }
            }
          }
          for (Index ii = 0; ii < rows; ++ii) {
            auto& c = cand[std::size_t(ii)];
            const std::size_t keep = std::min(uk, c.size());
            std::partial_sort(c.begin(), c.begin() + std::ptrdiff_t(keep), c.end(),
                              better_for_startup);
            c.resize(keep);
            out.per_startup[std::size_t(r0 + ii)] = std::move(c);
          }
        });
    for (Index j = 0; j < m; ++j) {
      auto& all = out.per_investor[std::size_t(j)];
      for (auto& h : heaps) {
        auto& part = h[std::size_t(j)];
        all.insert(all.end(), part.begin(), part.end());
        std::vector<ScoredPair>().swap(part);
      }
      const std::size_t keep = std::min(uk, all.size());
      std::partial_sort(all.begin(), all.begin() + std::ptrdiff_t(keep), all.end(),
                        better_for_investor);
      all.resize(keep);
    }
    return out;
  }

  // Every component of one pair, the bonus and its requests, eligibility and the rule.
  [[nodiscard]] Explanation explain(Index startup, Index investor) const {
    if (startup < 0 || startup >= model_.n) {
      throw InputError("explain: startup index " + std::to_string(startup) + " is out of range");
    }
    if (investor < 0 || investor >= model_.m) {
      throw InputError("explain: investor index " + std::to_string(investor) +
                       " is out of range");
    }
    detail::ScoringTile t;
    model_.compute(t, startup, 1, investor, 1);
    const auto& s = event_.startups[std::size_t(startup)];
    const auto& v = event_.investors[std::size_t(investor)];
    const auto& w = event_.weights;
    const double wsum = w.sector + w.stage + w.ticket + w.country + w.language;
    Explanation x;
    x.startup = startup;
    x.investor = investor;
    auto add = [&](const char* name, double value, double weight) {
      x.components.push_back({name, value, weight, weight * value / wsum});
    };
    add("sector", t.sector(0, 0), w.sector);
    add("stage", t.stage(0, 0), w.stage);
    add("ticket", t.ticket(0, 0), w.ticket);
    add("country", t.country(0, 0), w.country);
    add("language", t.language(0, 0), w.language);
    x.base = t.base(0, 0);
    x.bonus = t.bonus(0, 0);
    x.score = t.score(0, 0);
    x.eligible = t.eligible(0, 0) != 0;
    // the pair's requests and block, from the index built with the model (no scan of the event)
    const detail::ScoringPairEntry* entry = model_.find_entry(startup, investor);
    if (entry) {
      for (const std::int32_t r : entry->requests) {
        if (r >= 0) x.requests.push_back(event_.requests[std::size_t(r)]);
      }
    }
    if (entry && entry->blocked) {
      x.blocked_reason = event_.blocked[std::size_t(entry->block)].reason;
      x.rule = Ineligibility::blocked;
      x.reason = x.blocked_reason.empty() ? "blocked" : "blocked: " + x.blocked_reason;
    } else if (!event_.options.interpreters && t.language(0, 0) < 0.5) {
      x.rule = Ineligibility::languages;
      x.reason = "languages do not overlap: startup speaks " + join(s.languages) +
                 ", investor speaks " + join(v.languages);
    } else if (!detail::modes_compatible(s.mode, v.mode)) {
      x.rule = Ineligibility::modes;
      x.reason = std::string("modes do not match: startup is ") + mode_name(s.mode) +
                 ", investor is " + mode_name(v.mode) +
                 " (an online meeting needs the other side online or both)";
    } else if (!x.requests.empty()) {
      x.rule = Ineligibility::none;  // a request overrides the score rules
    } else if (!(t.sector(0, 0) > 0.0)) {
      x.rule = Ineligibility::no_common_sector;
      x.reason = "no common sector: startup is in " + sector_names(s.sectors) +
                 "; investor looks for " + sector_names(v.sectors);
    } else if (!(x.base >= model_.min_score_floor)) {
      x.rule = Ineligibility::below_min_score;
      const auto [b, ms] = distinct_decimals(x.base, event_.options.min_score);
      x.reason = "base " + b + " is below min_score " + ms;
    }
    return x;
  }

  // The model tables, for code that wants to run the kernel itself.
  [[nodiscard]] const detail::ScoringModel& model() const { return model_; }

  static bool better_for_startup(const ScoredPair& a, const ScoredPair& b) {
    return a.score > b.score || (a.score == b.score && a.investor < b.investor);
  }
  static bool better_for_investor(const ScoredPair& a, const ScoredPair& b) {
    return a.score > b.score || (a.score == b.score && a.startup < b.startup);
  }

 private:
  // Runs f(block, tile[, worker]) for blocks 0..count-1 on `threads` threads, each with its own
  // tile (detail/parallel.hpp).
  template <class F>
  void run_parallel(Index count, int threads, F&& f) const {
    detail::parallel_blocks<detail::ScoringTile>(count, threads, [&](Index b, detail::ScoringTile& tile, int worker) {
      if constexpr (std::is_invocable_v<F&, Index, detail::ScoringTile&, int>) {
        f(b, tile, worker);
      } else {
        f(b, tile);
      }
    });
  }

  static std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& s : items) out += (out.empty() ? "" : ", ") + s;
    return out.empty() ? "(none)" : out;
  }
  std::string sector_names(const std::vector<Weighted>& sectors) const {
    std::string out;
    for (const auto& w : sectors) {
      if (w.weight > 0.0) out += (out.empty() ? "" : ", ") + event_.sectors[std::size_t(w.index)];
    }
    return out.empty() ? "(none)" : out;
  }
  static const char* mode_name(Mode m) {
    switch (m) {
      case Mode::online: return "online";
      case Mode::both: return "both";
      case Mode::in_person: break;
    }
    return "in-person";
  }
  // Two numbers with 2 decimals, or as many more (up to 9) as their difference needs to show.
  static std::pair<std::string, std::string> distinct_decimals(double a, double b) {
    int d = 2;
    while (d < 9 && std::abs(a - b) < 0.99 * std::pow(10.0, -d)) ++d;
    return {fmt::format("{:.{}f}", a, d), fmt::format("{:.{}f}", b, d)};
  }

  const Event& event_;
  detail::ScoringModel model_;
};

// The dense score, base and eligibility matrices (startups × investors).
inline CompatibilityMatrix compatibility_matrix(const Event& event, int threads = 0,
                                                MatrixParts parts = MatrixParts::all) {
  return Scorer(event).matrix(threads, parts);
}

// One pair's components, bonus, eligibility and, when ineligible, the rule and a sentence.
inline Explanation explain(const Event& event, Index startup, Index investor) {
  return Scorer(event).explain(startup, investor);
}

// The k best eligible partners of every startup and investor; O((n+m)·k) memory.
inline TopK top_k(const Event& event, int k, int threads = 0) {
  return Scorer(event).top_k(k, threads);
}

}  // namespace festmatch
