// festmatch — scoring's definitions (declared in festmatch/scoring/scoring.hpp; the kernel is
// scoring/detail/scoring_model.hpp).
#pragma once

#include <fmt/format.h>

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scoring/detail/scoring_model.hpp"
#include "festmatch/scoring/scoring.hpp"
#include "festmatch/util/detail/parallel.hpp"
#include "festmatch/util/detail/text.hpp"

namespace festmatch {

namespace detail::scoring {

// Runs f(block, tile[, worker]) for blocks 0..count-1 on `threads` threads, each with its own
// tile (util/detail/parallel.hpp).
template <class F>
void run_parallel(Index count, int threads, F&& f) {
  detail::parallel_blocks<detail::scoring::ScoringTile>(
      count, threads, [&](Index b, detail::scoring::ScoringTile& tile, int worker) {
        if constexpr (std::is_invocable_v<F&, Index, detail::scoring::ScoringTile&, int>) {
          f(b, tile, worker);
        } else {
          f(b, tile);
        }
      });
}

inline std::string sector_names(const Event& event, const std::vector<Weighted>& sectors) {
  std::string out;
  for (const auto& w : sectors) {
    if (w.weight > 0.0) out += (out.empty() ? "" : ", ") + event.sectors[std::size_t(w.index)];
  }
  return out.empty() ? "(none)" : out;
}
// Two numbers with 2 decimals, or as many more (up to 9) as their difference needs to show.
inline std::pair<std::string, std::string> distinct_decimals(double a, double b) {
  int d = 2;
  while (d < 9 && std::abs(a - b) < 0.99 * std::pow(10.0, -d)) ++d;
  return {fmt::format("{:.{}f}", a, d), fmt::format("{:.{}f}", b, d)};
}

}  // namespace detail::scoring

FESTMATCH_FUNC const char* to_string(Ineligibility r) {
  switch (r) {
    case Ineligibility::none:
      return "none";
    case Ineligibility::blocked:
      return "blocked";
    case Ineligibility::languages:
      return "languages";
    case Ineligibility::modes:
      return "modes";
    case Ineligibility::below_min_score:
      return "below_min_score";
    case Ineligibility::no_common_sector:
      return "no_common_sector";
  }
  return "none";
}

FESTMATCH_FUNC Scorer::Scorer(const Event& event)
    : event_(event),
      model_(std::make_shared<const detail::scoring::ScoringModel>(event)),
      n_(model_->n),
      m_(model_->m) {}

FESTMATCH_FUNC CompatibilityMatrix Scorer::matrix(int threads, MatrixParts parts) const {
  CompatibilityMatrix out;
  const Index n = model_->n, m = model_->m;
  const bool with_base = parts == MatrixParts::all;
  out.score.resize(n, m);
  if (with_base) out.base.resize(n, m);
  out.eligible.resize(n, m);
  const Index row_blocks = (n + tile_rows - 1) / tile_rows;
  const Index col_blocks = (m + tile_cols - 1) / tile_cols;
  // beyond the last-level cache, write around the caches (a small matrix stays cached for
  // the caller, who reads it next)
  const bool stream =
      std::size_t(n) * std::size_t(m) * (with_base ? 17 : 9) > (std::size_t{32} << 20);
  detail::scoring::run_parallel(
      row_blocks * col_blocks, threads, [&](Index block, detail::scoring::ScoringTile& t) {
        const Index r0 = (block / col_blocks) * tile_rows, c0 = (block % col_blocks) * tile_cols;
        const Index rows = std::min(tile_rows, n - r0), cols = std::min(tile_cols, m - c0);
        model_->compute(t, r0, rows, c0, cols, false);
        detail::scoring::copy_tile_transposed(t.score, out.score, r0, c0, stream);
        if (with_base) detail::scoring::copy_tile_transposed(t.base, out.base, r0, c0, stream);
        detail::scoring::copy_tile_transposed(t.eligible, out.eligible, r0, c0);
      });
  return out;
}

FESTMATCH_FUNC void Scorer::compute_block(ScoreBlock& block, Index first, Index rows) const {
  model_->compute(block, first, rows, 0, model_->m);
}

FESTMATCH_FUNC void Scorer::for_each_block(const std::function<void(const ScoreBlock&)>& f,
                                           Index rows) const {
  detail::scoring::ScoringTile t;
  rows = std::max<Index>(1, rows);
  for (Index r0 = 0; r0 < model_->n; r0 += rows) {
    model_->compute(t, r0, std::min(rows, model_->n - r0), 0, model_->m);
    f(t);
  }
}

FESTMATCH_FUNC std::vector<PairScore> Scorer::pair_scores(
    const std::vector<std::pair<Index, Index>>& pairs, int threads) const {
  for (const auto& [s, i] : pairs)
    if (s < 0 || s >= model_->n || i < 0 || i >= model_->m)
      throw InputError("pair_scores: pair (" + std::to_string(s) + ", " + std::to_string(i) +
                       ") is out of range");
  std::vector<PairScore> out(pairs.size());
  constexpr std::size_t block = 2048;
  const auto blocks = Index((pairs.size() + block - 1) / block);
  detail::parallel_blocks<detail::scoring::ScoringTile>(
      blocks, threads, [&](Index b, detail::scoring::ScoringTile& t, int) {  // a 1 × 1 tile
        const std::size_t end = std::min(pairs.size(), std::size_t(b + 1) * block);
        for (std::size_t k = std::size_t(b) * block; k < end; ++k) {
          model_->compute(t, pairs[k].first, 1, pairs[k].second, 1, false);
          out[k] = {t.score(0, 0), t.eligible(0, 0) != 0};
        }
      });
  return out;
}

FESTMATCH_FUNC TopK Scorer::top_k(int k, int threads) const {
  if (k < 0) throw InputError("top_k: k must be >= 0 (got " + std::to_string(k) + ")");
  const Index n = model_->n, m = model_->m;
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
  detail::scoring::run_parallel(
      row_blocks, workers, [&](Index block, detail::scoring::ScoringTile& t, int worker) {
        auto& mine = heaps[std::size_t(worker)];
        auto& investor_floor = floors[std::size_t(worker)];
        const Index r0 = block * tile_rows, rows = std::min(tile_rows, n - r0);
        std::vector<std::vector<ScoredPair>> cand(static_cast<std::size_t>(rows));
        std::vector<double> row_floor(std::size_t(rows), -std::numeric_limits<double>::infinity());
        for (Index c0 = 0; c0 < m; c0 += tile_cols) {
          const Index cols = std::min(tile_cols, m - c0);
          model_->compute(t, r0, rows, c0, cols, false);
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

FESTMATCH_FUNC Explanation Scorer::explain(Index startup, Index investor) const {
  if (startup < 0 || startup >= model_->n) {
    throw InputError("explain: startup index " + std::to_string(startup) + " is out of range");
  }
  if (investor < 0 || investor >= model_->m) {
    throw InputError("explain: investor index " + std::to_string(investor) + " is out of range");
  }
  detail::scoring::ScoringTile t;
  model_->compute(t, startup, 1, investor, 1);
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
  const detail::scoring::ScoringPairEntry* entry = model_->find_entry(startup, investor);
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
    x.reason = "languages do not overlap: startup speaks " + detail::join_names(s.languages) +
               ", investor speaks " + detail::join_names(v.languages);
  } else if (!modes_can_meet(s.mode, v.mode)) {
    x.rule = Ineligibility::modes;
    x.reason = std::string("modes do not match: startup is ") + to_string(s.mode) +
               ", investor is " + to_string(v.mode) +
               " (an online meeting needs the other side online or both)";
  } else if (!x.requests.empty()) {
    x.rule = Ineligibility::none;  // a request overrides the score rules
  } else if (!(t.sector(0, 0) > 0.0)) {
    x.rule = Ineligibility::no_common_sector;
    x.reason = "no common sector: startup is in " +
               detail::scoring::sector_names(event_, s.sectors) + "; investor looks for " +
               detail::scoring::sector_names(event_, v.sectors);
  } else if (!(x.base >= model_->min_score_floor)) {
    x.rule = Ineligibility::below_min_score;
    const auto [b, ms] = detail::scoring::distinct_decimals(x.base, event_.options.min_score);
    x.reason = "base " + b + " is below min_score " + ms;
  }
  return x;
}

// The dense score, base and eligibility matrices (startups × investors).
FESTMATCH_FUNC CompatibilityMatrix compatibility_matrix(const Event& event, int threads,
                                                        MatrixParts parts) {
  return Scorer(event).matrix(threads, parts);
}

FESTMATCH_FUNC Explanation explain(const Event& event, Index startup, Index investor) {
  return Scorer(event).explain(startup, investor);
}

FESTMATCH_FUNC TopK top_k(const Event& event, int k, int threads) {
  return Scorer(event).top_k(k, threads);
}

}  // namespace festmatch
