// festmatch — scheduler internals: the schedule being improved, shared by the improving stages.
//
// Holds the board (detail/placement.hpp), every participant's candidate pairs best score
// first, and the search budget that the placement's chains, the fill, the large-neighbourhood
// search and the table swaps draw from (iteration counts, never time: the result depends only on
// the input and the seed).
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "festmatch/scheduler/detail/placement.hpp"
#include "festmatch/scheduler/detail/problem.hpp"

namespace festmatch::detail::scheduler {

class Search {
 public:
  Search(const Problem& p, SlotBoard& board, long budget)
      : p(p), board(board), budget(budget), of_s(std::size_t(p.S)), of_i(std::size_t(p.I)) {
    for (std::size_t k = 0; k < p.candidates.size(); ++k) {
      of_s[std::size_t(p.candidates[k].startup)].push_back(k);
      of_i[std::size_t(p.candidates[k].investor)].push_back(k);
    }
    auto by_score = [this](std::size_t a, std::size_t b) { return better(a, b); };
    for (auto& v : of_s) std::sort(v.begin(), v.end(), by_score);
    for (auto& v : of_i) std::sort(v.begin(), v.end(), by_score);
  }

  const Problem& p;
  SlotBoard& board;
  long budget;                                       // chain steps and re-inserted candidates
  std::vector<std::vector<std::size_t>> of_s, of_i;  // candidates per participant, best first

  // Candidate a before b: the higher score, then the lower position.
  bool better(std::size_t a, std::size_t b) const {
    const double x = p.candidates[a].weight, y = p.candidates[b].weight;
    return x > y || (x == y && a < b);
  }
  // The candidates not in the schedule, best first.
  std::vector<std::size_t> unscheduled() const {
    std::vector<std::size_t> out;
    for (std::size_t k = 0; k < p.candidates.size(); ++k)
      if (!board.has_pair(p.candidates[k].startup, p.candidates[k].investor)) out.push_back(k);
    std::stable_sort(out.begin(), out.end(),
                     [this](std::size_t a, std::size_t b) { return better(a, b); });
    return out;
  }
  // Whether candidate k's startup is still below its minimum.
  bool below_min(std::size_t k) const {
    const auto s = std::size_t(p.candidates[k].startup);
    return board.deg_s(Index(s)) + p.pinned_s[s] < p.min_s[s];
  }
  // What adding candidate k gains: its score, plus the fairness bonus while below the minimum.
  double gain(std::size_t k) const {
    return p.candidates[k].weight + (below_min(k) ? p.fairness_weight : 0.0);
  }
  // Adds candidate k if both sides have room, in a free slot or by a chain of at most `depth`.
  bool try_add(std::size_t k, int depth) {
    const auto& c = p.candidates[k];
    if (!board.may_add(c)) return false;
    if ((depth <= 0 || budget <= 0) && !board.has_free_slot(c)) {  // neither a slot nor a chain
      board.add_dropped(c);
      return false;
    }
    const int id = board.add(c);
    if (const Index t = board.best_free_slot(id); t >= 0) {
      board.place(id, t);
      return true;
    }
    if (depth > 0 && budget > 0 && board.place_with_chain(id, depth, budget, true)) return true;
    board.drop(id);
    return false;
  }
};

}  // namespace festmatch::detail::scheduler
