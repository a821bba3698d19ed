// festmatch — internals of scoring.hpp: the per-event tables the score model is computed from,
// and the kernel that fills one tile (a block of startups × a block of investors) of every
// component with Eigen products and array expressions.
//
// Every score festmatch reports (the matrix, top-K, CSV rows, explanations) comes out of
// `ScoringModel::compute`, so the paths agree with one another to the last bit whenever the tile
// shape is the same, and to ~1e-15 otherwise (the sector product may sum in another order).
#pragma once

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event/event.hpp"
#include "festmatch/scoring/scoring.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace festmatch::detail::scoring {

// Row-major: a row (one startup against consecutive investors) is contiguous, so per-startup
// keys (stage, country, mode, ask, languages) select contiguous table rows instead of gathers.
using RowArrayXXd = Eigen::Array<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowArrayXXu8 = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ArrayXu8 = Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>;
using ArrayXu64 = Eigen::Array<std::uint64_t, Eigen::Dynamic, 1>;

// What a startup has on one investor beyond the dense model: requests and a block, with their
// positions in the event (so explain() finds them without scanning the event's lists).
struct ScoringPairEntry {
  Index investor = 0;
  double bonus = 0.0;  // Σ request bonuses
  bool requested = false;
  bool blocked = false;
  // Event::requests positions of the pair's requests, in event order; -1 when absent (one side
  // may request a pair only once, so a pair has at most two)
  std::int32_t requests[2] = {-1, -1};
  std::int32_t block = -1;  // Event::blocked position of the pair's first block, or -1
};

// One tile of every component: the public ScoreBlock (festmatch/scoring/scoring.hpp).
using ScoringTile = ScoreBlock;

inline constexpr double min_score_tolerance = 1e-9;

// dst.block(r0, c0, src.rows(), src.cols()) = src for a row-major tile and a column-major
// matrix, eight source columns (one cache line of each source row) at a time. Eigen's
// assignment walks the destination's columns and so reads the tile 4 KiB apart (its row stride),
// which defeats the cache; this reads each tile line once, whole. With `stream` (for a matrix
// far larger than the caches) on SSE2, doubles at even rows of a 16-byte aligned destination go
// out as 2 × 2 transposes with non-temporal stores, which skip reading each line before writing
// it (a third less memory traffic); a fence ends the copy, so a thread that joins this one sees
// every value. The values are the same either way.
template <class Tile, class Matrix>
void copy_tile_transposed(const Tile& src, Matrix& dst, Index r0, Index c0, bool stream = false) {
  (void)stream;
  const Index rows = Index(src.rows()), cols = Index(src.cols());
  const auto ld = std::ptrdiff_t(dst.outerStride());
  const auto sld = std::ptrdiff_t(src.outerStride());
  constexpr Index width = 8;
#if defined(__SSE2__)
  using Scalar = std::remove_cv_t<std::remove_reference_t<decltype(*dst.data())>>;
  if constexpr (std::is_same_v<Scalar, double> &&
                std::is_same_v<std::remove_cv_t<std::remove_reference_t<decltype(*src.data())>>,
                               double>) {
    const bool aligned = stream &&
                         ((reinterpret_cast<std::uintptr_t>(dst.data()) | std::uintptr_t(ld) |
                           std::uintptr_t(r0) | std::uintptr_t(rows)) &
                          1) == 0 &&
                         (reinterpret_cast<std::uintptr_t>(dst.data()) & 15) == 0;
    if (aligned) {
      const Index full = cols - cols % width;
      for (Index j0 = 0; j0 < full; j0 += width) {
        double* out = dst.data() + std::ptrdiff_t(c0 + j0) * ld + r0;
        const double* in = src.data() + j0;
        for (Index ii = 0; ii < rows; ii += 2, in += 2 * sld) {
          for (Index j = 0; j < width; j += 2) {
            const __m128d a = _mm_loadu_pd(in + j), b = _mm_loadu_pd(in + sld + j);
            _mm_stream_pd(out + std::ptrdiff_t(j) * ld + ii, _mm_unpacklo_pd(a, b));
            _mm_stream_pd(out + std::ptrdiff_t(j + 1) * ld + ii, _mm_unpackhi_pd(a, b));
          }
        }
      }
      _mm_sfence();
      for (Index j = full; j < cols; ++j) {
        double* out = dst.data() + std::ptrdiff_t(c0 + j) * ld + r0;
        for (Index ii = 0; ii < rows; ++ii) out[ii] = src.data()[std::ptrdiff_t(ii) * sld + j];
      }
      return;
    }
  }
#endif
  for (Index j0 = 0; j0 < cols; j0 += width) {
    const Index jn = std::min(width, cols - j0);
    auto* out = dst.data() + std::ptrdiff_t(c0 + j0) * ld + r0;
    const auto* in = src.data() + j0;
    if (jn == width) {
      for (Index ii = 0; ii < rows; ++ii, in += sld) {
        for (Index j = 0; j < width; ++j) out[std::ptrdiff_t(j) * ld + ii] = in[j];
      }
    } else {
      for (Index ii = 0; ii < rows; ++ii, in += sld) {
        for (Index j = 0; j < jn; ++j) out[std::ptrdiff_t(j) * ld + ii] = in[j];
      }
    }
  }
}

inline double bonus_of(Priority p) {
  return p == Priority::must ? 1.0 : 0.25;
}

struct ScoringModel {
  // Above this many entries (distinct startup language sets × investors) the language table is
  // not built and the language component is read from the bitsets pair by pair.
  static constexpr std::ptrdiff_t default_language_table_limit = std::ptrdiff_t{1} << 22;

  Index n = 0, m = 0;
  // sector: startups × sectors with unit rows, and A · (investors with unit rows)ᵀ.
  Eigen::MatrixXd startup_sectors;    // n × k
  Eigen::MatrixXd investor_affinity;  // k × m
  // Tables keyed by a startup attribute (rows) × investors (columns); a startup reads its row.
  RowArrayXXd stage_table;     // stages × m
  RowArrayXXd country_table;   // (countries + 1) × m; the last row is "startup has no country"
  RowArrayXXd language_table;  // distinct startup language sets × m (empty when too big)
  RowArrayXXd mode_table;      // 3 × m, indexed by Mode
  Eigen::ArrayXi startup_stage, startup_country, startup_language_set, startup_mode;
  std::vector<std::string> countries;  // interned country ids
  // language bitsets over interned codes, `words` 64-bit words per participant
  int words = 1;
  std::vector<std::string> languages;
  std::vector<std::uint64_t> startup_lang, investor_lang;         // n·words, m·words
  std::vector<std::uint8_t> startup_lang_any, investor_lang_any;  // 1 = lists no language
  // ticket = min(1, ask·inv_min + min_free, max·inv_ask + ask_free): a bound of 0 gets
  // inv = 0, free = 1 (x/0 = +∞ never binds); an investor without a ticket gets inv_min = 0,
  // min_free = 0.5 and max = DBL_MAX, so the formula yields 0.5 without a branch.
  Eigen::ArrayXd ask, inv_ask, ask_free;  // per startup
  std::vector<std::uint8_t> has_ask;
  Eigen::ArrayXd inv_min, min_free, ticket_max;  // per investor
  // weights divided by their sum
  double w_sector = 0, w_stage = 0, w_ticket = 0, w_country = 0, w_language = 0;
  double min_score_floor = 0.3 - min_score_tolerance;
  bool interpreters = false;
  std::vector<std::vector<ScoringPairEntry>> entries;  // per startup, sorted by investor

  explicit ScoringModel(const Event& e,
                        std::ptrdiff_t language_table_limit = default_language_table_limit) {
    build(e, language_table_limit);
  }

  // Fills `t` with rows [r0, r0+rows) × cols [c0, c0+cols): sector, base, score and eligible
  // always; with `components`, also stage, ticket, country, language, mode, bonus and hard_ok
  // (the values are the same either way, bit for bit: the same operations in the same order).
  void compute(ScoringTile& t, Index r0, Index rows, Index c0, Index cols,
               bool components = true) const {
    t.first_startup = r0;
    t.first_investor = c0;
    t.rows = rows;
    t.cols = cols;
    t.sector.resize(rows, cols);
    t.base.resize(rows, cols);
    t.score.resize(rows, cols);
    t.eligible.resize(rows, cols);
    if (components) {
      for (auto* a : {&t.stage, &t.ticket, &t.country, &t.language, &t.mode, &t.bonus}) {
        a->resize(rows, cols);
      }
      t.hard_ok.resize(rows, cols);
    } else if (language_table.rows() == 0) {
      t.language.resize(rows, cols);
    }
    if (rows == 0 || cols == 0) return;
    t.sector.matrix().noalias() =
        startup_sectors.middleRows(r0, rows) * investor_affinity.middleCols(c0, cols);
    const auto v_inv_min = inv_min.segment(c0, cols).transpose();
    const auto v_min_free = min_free.segment(c0, cols).transpose();
    const auto v_max = ticket_max.segment(c0, cols).transpose();
    for (Index ii = 0; ii < rows; ++ii) {
      const Index s = r0 + ii;
      t.sector.row(ii) = t.sector.row(ii).max(0.0).min(1.0);
      const auto stage = stage_table.row(startup_stage(s)).segment(c0, cols);
      const auto country = country_table.row(startup_country(s)).segment(c0, cols);
      const auto mode = mode_table.row(startup_mode(s)).segment(c0, cols);
      const double a = ask(s), ia = inv_ask(s), af = ask_free(s);
      const auto ticket = (a * v_inv_min + v_min_free).min(v_max * ia + af).min(1.0);
      const bool asked = has_ask[std::size_t(s)] != 0;
      if (language_table.rows() == 0) {
        for (Index jj = 0; jj < cols; ++jj) {
          t.language(ii, jj) = languages_overlap(s, c0 + jj) ? 1.0 : 0.0;
        }
      }
      const double* language_row = language_table.rows() > 0
                                       ? &language_table(startup_language_set(s), c0)
                                       : &t.language(ii, 0);
      const Eigen::Map<const Eigen::Array<double, 1, Eigen::Dynamic>> language(language_row, cols);
      if (components) {
        t.stage.row(ii) = stage;
        t.country.row(ii) = country;
        t.mode.row(ii) = mode;
        if (asked) {
          t.ticket.row(ii) = ticket;
        } else {
          t.ticket.row(ii).setConstant(0.5);
        }
        if (language_table.rows() > 0) t.language.row(ii) = language;
      }
      if (asked) {
        t.base.row(ii) = w_sector * t.sector.row(ii) + w_stage * stage + w_ticket * ticket +
                         w_country * country + w_language * language;
      } else {
        t.base.row(ii) = w_sector * t.sector.row(ii) + w_stage * stage + w_ticket * 0.5 +
                         w_country * country + w_language * language;
      }
      apply_rules(t, ii, &mode_table(startup_mode(s), c0), language_row, components);
    }
    if (components) {
      t.score = t.base + t.bonus;
    }
  }

  // The requests and block of pair (s, i), or nullptr when it has none: a binary search in
  // startup s's entries, O(log entries of s) whatever the number of requests in the event.
  [[nodiscard]] const ScoringPairEntry* find_entry(Index s, Index i) const {
    if (s < 0 || s >= n) return nullptr;
    const auto& row = entries[std::size_t(s)];
    auto it = std::lower_bound(row.begin(), row.end(), i,
                               [](const ScoringPairEntry& e, Index j) { return e.investor < j; });
    return it != row.end() && it->investor == i ? &*it : nullptr;
  }

  [[nodiscard]] bool hard_rules_hold(double mode, double language) const {
    return mode > 0.5 && (interpreters || language > 0.5);
  }

 private:
  // Eligibility of row ii (a plain branch-free loop: Eigen 3.4 has no byte-valued comparisons),
  // then the sparse requests and blocks of that row; score = base + bonus.
  void apply_rules(ScoringTile& t, Index ii, const double* mode, const double* language,
                   bool components) const {
    const Index cols = t.cols;
    const double* sector = &t.sector(ii, 0);
    const double* base = &t.base(ii, 0);
    std::uint8_t* eligible = &t.eligible(ii, 0);
    const double floor = min_score_floor;
    const double lang_floor = interpreters ? -1.0 : 0.5;
    for (Index jj = 0; jj < cols; ++jj) {
      // bitwise &, not &&: no branches to mispredict
      eligible[jj] = std::uint8_t((mode[jj] > 0.5) & (language[jj] > lang_floor) &
                                  (sector[jj] > 0.0) & (base[jj] >= floor));
    }
    if (components) {
      std::uint8_t* hard = &t.hard_ok(ii, 0);
      for (Index jj = 0; jj < cols; ++jj) {
        hard[jj] = std::uint8_t((mode[jj] > 0.5) & (language[jj] > lang_floor));
      }
      t.bonus.row(ii).setZero();
    } else {
      t.score.row(ii) = t.base.row(ii);
    }
    const Index c0 = t.first_investor;
    const auto& row = entries[static_cast<std::size_t>(t.first_startup + ii)];
    auto it = std::lower_bound(row.begin(), row.end(), c0,
                               [](const ScoringPairEntry& e, Index j) { return e.investor < j; });
    for (; it != row.end() && it->investor < c0 + cols; ++it) {
      const Index jj = it->investor - c0;
      const bool hard = !it->blocked && hard_rules_hold(mode[jj], language[jj]);
      if (components) {
        t.bonus(ii, jj) = it->bonus;
        t.hard_ok(ii, jj) = hard ? 1 : 0;
      } else {
        t.score(ii, jj) = t.base(ii, jj) + it->bonus;
      }
      if (it->blocked) {
        t.eligible(ii, jj) = 0;
      } else if (it->requested) {
        t.eligible(ii, jj) = hard ? 1 : 0;
      }
    }
  }

 public:
  [[nodiscard]] bool languages_overlap(Index s, Index i) const {
    if (startup_lang_any[std::size_t(s)] || investor_lang_any[std::size_t(i)]) return true;
    const std::uint64_t* a = startup_lang.data() + std::ptrdiff_t(s) * words;
    const std::uint64_t* b = investor_lang.data() + std::ptrdiff_t(i) * words;
    for (int w = 0; w < words; ++w) {
      if ((a[w] & b[w]) != 0) return true;
    }
    return false;
  }

 private:
  void build(const Event& e, std::ptrdiff_t language_table_limit) {
    n = static_cast<Index>(e.startups.size());
    m = static_cast<Index>(e.investors.size());
    const auto k = static_cast<Index>(e.sectors.size());
    const auto stages = static_cast<Index>(e.stages.size());
    const double wsum = e.weights.sector + e.weights.stage + e.weights.ticket + e.weights.country +
                        e.weights.language;
    if (!(wsum > 0.0) || !std::isfinite(wsum)) {
      throw InputError(std::vector<Diagnostic>{
          {.pointer = "/weights",
           .message = "the score weights must have a positive, finite sum (got " +
                      std::to_string(wsum) + ")"}});
    }
    w_sector = e.weights.sector / wsum;
    w_stage = e.weights.stage / wsum;
    w_ticket = e.weights.ticket / wsum;
    w_country = e.weights.country / wsum;
    w_language = e.weights.language / wsum;
    min_score_floor = e.options.min_score - min_score_tolerance;
    interpreters = e.options.interpreters;

    // `where()` builds the JSON pointer only when an index is out of range
    auto check_index = [](Index v, Index size, auto&& where) {
      if (v < 0 || v >= size) {
        throw InputError(std::vector<Diagnostic>{
            {.pointer = std::string(where()),
             .message = "index " + std::to_string(v) + " is out of range"}});
      }
    };

    // --- sector
    auto unit_rows = [&](auto const& people, Index rows, const char* what) {
      Eigen::MatrixXd x = Eigen::MatrixXd::Zero(rows, k);
      for (Index r = 0; r < rows; ++r) {
        Index c = 0;
        for (const auto& w : people[std::size_t(r)].sectors) {
          check_index(w.index, k, [&] {
            return std::string("/") + what + "/" + std::to_string(r) + "/sectors/" +
                   std::to_string(c);
          });
          ++c;
          x(r, w.index) += w.weight;
        }
        const double norm = x.row(r).norm();
        if (norm > 0.0) x.row(r) /= norm;  // a zero vector scores 0 on sector
      }
      return x;
    };
    startup_sectors = unit_rows(e.startups, n, "startups");
    Eigen::MatrixXd affinity = Eigen::MatrixXd::Identity(k, k);
    for (const auto& r : e.related_sectors) {
      check_index(r.a, k, [] { return "/related_sectors"; });
      check_index(r.b, k, [] { return "/related_sectors"; });
      if (r.a == r.b) continue;  // a sector's affinity with itself is 1
      affinity(r.a, r.b) = r.affinity;
      affinity(r.b, r.a) = r.affinity;
    }
    investor_affinity = affinity * unit_rows(e.investors, m, "investors").transpose();

    // --- stage
    stage_table.resize(stages, m);
    startup_stage.resize(n);
    for (Index s = 0; s < n; ++s) {
      check_index(e.startups[std::size_t(s)].stage, stages,
                  [&] { return "/startups/" + std::to_string(s) + "/stage"; });
      startup_stage(s) = e.startups[std::size_t(s)].stage;
    }
    const double decay = e.options.stage_decay;
    Eigen::ArrayXd decay_pow(std::max<Index>(stages, 1));  // decay^d, one pow per distance
    for (Index d = 0; d < decay_pow.size(); ++d) decay_pow(d) = std::pow(decay, d);
    Eigen::ArrayXd pref(stages);
    for (Index i = 0; i < m; ++i) {
      pref.setZero();
      Index c = 0;
      for (const auto& w : e.investors[std::size_t(i)].stages) {
        check_index(w.index, stages, [&] {
          return "/investors/" + std::to_string(i) + "/stages/" + std::to_string(c);
        });
        ++c;
        pref(w.index) = std::max(pref(w.index), w.weight);
      }
      const double top = stages > 0 ? pref.maxCoeff() : 0.0;
      for (Index a = 0; a < stages; ++a) {
        if (!(top > 0.0)) {  // no stages listed, or all with preference 0: any stage
          stage_table(a, i) = 1.0;
          continue;
        }
        double best = 0.0;
        for (Index b = 0; b < stages; ++b) {
          best = std::max(best, pref(b) * decay_pow(std::abs(a - b)));
        }
        stage_table(a, i) = best / top;
      }
    }

    // --- country
    std::unordered_map<std::string, Index> country_id;
    auto intern_country = [&](const std::string& c) {
      auto [it, added] = country_id.emplace(c, Index(countries.size()));
      if (added) countries.push_back(c);
      return it->second;
    };
    startup_country.resize(n);
    for (Index s = 0; s < n; ++s) {
      const auto& c = e.startups[std::size_t(s)].country;
      startup_country(s) = c.empty() ? -1 : intern_country(c);
    }
    const auto nc = static_cast<Index>(countries.size());
    for (Index s = 0; s < n; ++s) {
      if (startup_country(s) < 0) startup_country(s) = nc;  // the "no country" row
    }
    country_table = RowArrayXXd::Zero(nc + 1, m);
    for (Index i = 0; i < m; ++i) {
      const auto& list = e.investors[std::size_t(i)].countries;
      if (list.empty()) {
        country_table.col(i).setOnes();
        continue;
      }
      for (const auto& c : list) {
        auto it = country_id.find(c);
        if (it != country_id.end()) country_table(it->second, i) = 1.0;
      }
    }

    // --- language
    std::unordered_map<std::string, int> language_id;
    for (const auto& s : e.startups)
      for (const auto& l : s.languages)
        if (language_id.emplace(l, int(languages.size())).second) languages.push_back(l);
    for (const auto& v : e.investors)
      for (const auto& l : v.languages)
        if (language_id.emplace(l, int(languages.size())).second) languages.push_back(l);
    words = std::max<int>(1, int((languages.size() + 63) / 64));
    auto bits = [&](const auto& people, Index rows, std::vector<std::uint64_t>& out,
                    std::vector<std::uint8_t>& any) {
      out.assign(std::size_t(rows) * std::size_t(words), 0);
      any.assign(std::size_t(rows), 0);
      for (Index r = 0; r < rows; ++r) {
        const auto& list = people[std::size_t(r)].languages;
        any[std::size_t(r)] = list.empty() ? 1 : 0;
        for (const auto& l : list) {
          const int id = language_id.at(l);
          out[std::size_t(r) * std::size_t(words) + std::size_t(id / 64)] |= std::uint64_t{1}
                                                                             << (id % 64);
        }
      }
    };
    bits(e.startups, n, startup_lang, startup_lang_any);
    bits(e.investors, m, investor_lang, investor_lang_any);
    // distinct startup language sets (a set is its bitset; "none" is its own set)
    std::map<std::vector<std::uint64_t>, Index> set_id;
    std::vector<Index> set_owner;  // a startup with that set
    startup_language_set.resize(n);
    for (Index s = 0; s < n; ++s) {
      std::vector<std::uint64_t> key(startup_lang.begin() + std::ptrdiff_t(s) * words,
                                     startup_lang.begin() + std::ptrdiff_t(s + 1) * words);
      if (startup_lang_any[std::size_t(s)]) key.assign(std::size_t(words), ~std::uint64_t{0});
      auto [it, added] = set_id.emplace(std::move(key), Index(set_owner.size()));
      if (added) set_owner.push_back(s);
      startup_language_set(s) = it->second;
    }
    const auto sets = static_cast<std::ptrdiff_t>(set_owner.size());
    if (sets * m <= language_table_limit && language_table_limit > 0) {
      language_table.resize(sets, m);
      for (std::ptrdiff_t d = 0; d < sets; ++d) {
        for (Index i = 0; i < m; ++i) {
          language_table(d, i) = languages_overlap(set_owner[std::size_t(d)], i) ? 1.0 : 0.0;
        }
      }
    } else {
      language_table.resize(0, 0);
    }

    // --- mode
    mode_table.resize(3, m);
    startup_mode.resize(n);
    for (Index s = 0; s < n; ++s) startup_mode(s) = int(e.startups[std::size_t(s)].mode);
    for (Index i = 0; i < m; ++i) {
      for (int a = 0; a < 3; ++a) {
        mode_table(a, i) = modes_can_meet(Mode(a), e.investors[std::size_t(i)].mode) ? 1 : 0;
      }
    }

    // --- ticket
    ask.resize(n);
    inv_ask.resize(n);
    ask_free.resize(n);
    has_ask.assign(std::size_t(n), 0);
    for (Index s = 0; s < n; ++s) {
      const auto& a = e.startups[std::size_t(s)].ask;
      has_ask[std::size_t(s)] = a ? 1 : 0;
      ask(s) = a ? *a : 1.0;
      inv_ask(s) = (a && *a > 0.0) ? 1.0 / *a : 0.0;
      ask_free(s) = (a && *a > 0.0) ? 0.0 : 1.0;  // max/0 is +inf: the term never binds
    }
    inv_min.resize(m);
    min_free.resize(m);
    ticket_max.resize(m);
    for (Index i = 0; i < m; ++i) {
      const auto& t = e.investors[std::size_t(i)].ticket;
      if (!t) {  // 0.5 whatever the ask
        inv_min(i) = 0.0;
        min_free(i) = 0.5;
        ticket_max(i) = std::numeric_limits<double>::max();
        continue;
      }
      inv_min(i) = t->min > 0.0 ? 1.0 / t->min : 0.0;
      min_free(i) = t->min > 0.0 ? 0.0 : 1.0;  // ask/0 is +inf: the term never binds
      ticket_max(i) = t->max;
    }

    // --- requests and blocks
    std::map<std::pair<Index, Index>, ScoringPairEntry> sparse;  // ordered: (startup, investor)
    for (std::size_t r = 0; r < e.requests.size(); ++r) {
      const auto& q = e.requests[r];
      auto where = [r] { return "/requests/" + std::to_string(r); };
      check_index(q.startup, n, [&] { return where() + "/startup"; });
      check_index(q.investor, m, [&] { return where() + "/investor"; });
      auto& x = sparse[{q.startup, q.investor}];
      // a third request on a pair repeats a side, so checking the stored ones finds every repeat
      const bool twice = std::any_of(std::begin(x.requests), std::end(x.requests), [&](auto k) {
        return k >= 0 && e.requests[std::size_t(k)].by == q.by;
      });
      if (twice) {
        const bool by_startup = q.by == Side::startup;
        throw InputError(std::vector<Diagnostic>{
            {.pointer = where(),
             .message = std::string(by_startup ? "startup '" : "investor '") +
                        (by_startup ? e.startups[std::size_t(q.startup)].id
                                    : e.investors[std::size_t(q.investor)].id) +
                        "' requests the pair (" + e.startups[std::size_t(q.startup)].id + ", " +
                        e.investors[std::size_t(q.investor)].id + ") twice"}});
      }
      x.investor = q.investor;
      x.requested = true;
      x.bonus += bonus_of(q.priority);
      x.requests[x.requests[0] < 0 ? 0 : 1] = std::int32_t(r);
    }
    for (std::size_t r = 0; r < e.blocked.size(); ++r) {
      const auto& b = e.blocked[r];
      check_index(b.startup, n, [r] { return "/blocked/" + std::to_string(r) + "/startup"; });
      check_index(b.investor, m, [r] { return "/blocked/" + std::to_string(r) + "/investor"; });
      auto& x = sparse[{b.startup, b.investor}];
      x.investor = b.investor;
      x.blocked = true;
      if (x.block < 0) x.block = std::int32_t(r);
    }
    entries.assign(std::size_t(n), {});
    for (const auto& [key, x] : sparse) entries[std::size_t(key.first)].push_back(x);
  }
};

}  // namespace festmatch::detail::scoring
