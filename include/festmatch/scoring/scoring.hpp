// festmatch — compatibility scoring (docs/scoring.md): the score of every startup × investor pair,
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
// explain() — computes through the same tile kernel (scoring/detail/scoring_model.hpp). The matrix
// path is bound by memory traffic (a Slush matrix is 300 MB), so it copies each tile out with
// non-temporal stores (detail::scoring::copy_tile_transposed). It does not ask for huge pages
// (madvise MADV_HUGEPAGE): where free memory is fragmented or not yet backed by the host, their
// first touch stalls (Slush scores 0.3–1.5 s instead of 0.26 s on one thread of a shared VM).
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

#include <Eigen/Core>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "festmatch/config.hpp"
#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"

namespace festmatch {

namespace detail::scoring {
struct ScoringModel;
}

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

FESTMATCH_FUNC const char* to_string(Ineligibility r);

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

struct PairScore {
  double score = 0.0;
  bool eligible = false;
  friend bool operator==(const PairScore&, const PairScore&) = default;
};

// Best first; ties broken by the smaller index of the other side. Eligible pairs only.
struct TopK {
  std::vector<std::vector<ScoredPair>> per_startup, per_investor;
};

// One block of startups against a range of investors, every component, row-major: row r is
// startup first_startup + r, column c investor first_investor + c. `mode` is 1 where the modes
// are compatible; `hard_ok` is 1 where the pair passes the rules no score can override (not
// blocked, languages or interpreters, modes); `eligible` adds the score rule or a request.
// Filled by Scorer::compute_block and handed to Scorer::for_each_block's callback.
struct ScoreBlock {
  using Values = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using Flags = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  Index first_startup = 0, first_investor = 0, rows = 0, cols = 0;
  Values sector, stage, ticket, country, language, mode, base, bonus, score;
  Flags eligible, hard_ok;
};

// The prepared model of one event: build once, then ask for the matrix, top-K, explanations.
// Keeps a reference to the event, which must outlive it and not change.
class Scorer {
 public:
  static constexpr Index tile_rows = 64;
  static constexpr Index tile_cols = 512;

  FESTMATCH_FUNC explicit Scorer(const Event& event);

  [[nodiscard]] Index startups() const { return n_; }
  [[nodiscard]] Index investors() const { return m_; }
  [[nodiscard]] const Event& event() const { return event_; }

  // The dense n × m matrices. threads <= 0: one per hardware thread.
  [[nodiscard]] FESTMATCH_FUNC CompatibilityMatrix
  matrix(int threads = 0, MatrixParts parts = MatrixParts::all) const;

  // Fills `block` with startups [first, first + rows) against every investor, every component.
  // Safe to call from several threads at once, each with its own block.
  FESTMATCH_FUNC void compute_block(ScoreBlock& block, Index first, Index rows) const;

  // Streams blocks of `rows` startups (all investors, every component) in startup order.
  // f(const ScoreBlock&) is called on this thread; the block is reused after f returns.
  FESTMATCH_FUNC void for_each_block(const std::function<void(const ScoreBlock&)>& f,
                                     Index rows = 16) const;

  // The k best eligible partners of every startup and every investor (k >= 0), computed tile by
  // tile without the n × m matrix: per-row partial sorts and per-investor bounded heaps, merged
  // across threads. The same result for any number of threads.
  [[nodiscard]] FESTMATCH_FUNC TopK top_k(int k, int threads = 0) const;

  // Every component of one pair, the bonus and its requests, eligibility and the rule.
  [[nodiscard]] FESTMATCH_FUNC Explanation explain(Index startup, Index investor) const;

  // The score and eligibility of each given pair, in order, as matrix() has them: for some pairs
  // of a large event without the n × m matrix. O(pairs · sectors). threads <= 0: one per
  // hardware thread; the result is the same for any number.
  [[nodiscard]] FESTMATCH_FUNC std::vector<PairScore> pair_scores(
      const std::vector<std::pair<Index, Index>>& pairs, int threads = 0) const;

  // The model tables (scoring/detail/scoring_model.hpp), for code that runs the kernel itself.
  [[nodiscard]] const detail::scoring::ScoringModel& model() const { return *model_; }

  static bool better_for_startup(const ScoredPair& a, const ScoredPair& b) {
    return a.score > b.score || (a.score == b.score && a.investor < b.investor);
  }
  static bool better_for_investor(const ScoredPair& a, const ScoredPair& b) {
    return a.score > b.score || (a.score == b.score && a.startup < b.startup);
  }

 private:
  const Event& event_;
  std::shared_ptr<const detail::scoring::ScoringModel> model_;
  Index n_ = 0, m_ = 0;
};

// The dense score, base and eligibility matrices (startups × investors).
FESTMATCH_FUNC CompatibilityMatrix compatibility_matrix(const Event& event, int threads = 0,
                                                        MatrixParts parts = MatrixParts::all);

// One pair's components, bonus, eligibility and, when ineligible, the rule and a sentence.
FESTMATCH_FUNC Explanation explain(const Event& event, Index startup, Index investor);

// The k best eligible partners of every startup and investor; O((n+m)·k) memory.
FESTMATCH_FUNC TopK top_k(const Event& event, int k, int threads = 0);

}  // namespace festmatch

#ifdef FESTMATCH_HEADER_ONLY
#include "festmatch/scoring/scoring-inl.hpp"
#endif
