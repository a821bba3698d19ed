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
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "festmatch/error.hpp"
#include "festmatch/event.hpp"

namespace festmatch::detail {

using ArrayXXu8 = Eigen::Array<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic>;
using ArrayXu8 = Eigen::Array<std::uint8_t, Eigen::Dynamic, 1>;

// What a startup has on one investor beyond the dense model: requests and a block.
struct ScoringPairEntry {
  Index investor = 0;
  double bonus = 0.0;   // Σ request bonuses
  bool requested = false;
  bool blocked = false;
};

// The components of one tile, column-major, rows = startups, cols = investors.
struct ScoringTile {
  Index first_startup = 0, first_investor = 0, rows = 0, cols = 0;
  Eigen::ArrayXXd sector, stage, ticket, country, language, base, bonus, score;
  ArrayXXu8 eligible;
  ArrayXXu8 hard_ok;  // language (or interpreters) and mode rules hold, not blocked

  void resize(Index r, Index c) {
    rows = r;
    cols = c;
    for (auto* a : {&sector, &stage, &ticket, &country, &language, &base, &bonus, &score}) {
      a->resize(r, c);
    }
    eligible.resize(r, c);
    hard_ok.resize(r, c);
  }
};

inline constexpr double min_score_tolerance = 1e-9;

inline bool modes_compatible(Mode a, Mode b) {
  // A meeting is online when either side is online; the other side must then accept online.
  return !((a == Mode::online && b == Mode::in_person) ||
           (a == Mode::in_person && b == Mode::online));
}

inline double bonus_of(Priority p) { return p == Priority::must ? 1.0 : 0.25; }

struct ScoringModel {
  Index n = 0, m = 0;
  // sector: startups × sectors with unit rows, and A · (investors with unit rows)ᵀ.
  Eigen::MatrixXd startup_sectors;    // n × k
  Eigen::MatrixXd investor_affinity;  // k × m
  // stage: stages × investors; startups gather a row.
  Eigen::ArrayXXd stage_table;
  Eigen::ArrayXi startup_stage;
  // country: (countries + 1) × investors, 1 = compatible; the last row is "no country".
  ArrayXXu8 country_table;
  Eigen::ArrayXi startup_country;
  std::vector<std::string> countries;  // interned ids
  // language: bitsets over interned languages, `words` 64-bit words per participant.
  int words = 1;
  std::vector<std::string> languages;
  std::vector<std::uint64_t> startup_lang, investor_lang;  // n·words, m·words
  ArrayXu8 startup_lang_any, investor_lang_any;  // 1 = lists no language
  // mode: 3 × investors, 1 = compatible, gathered by the startup's mode.
  ArrayXXu8 mode_table;
  Eigen::ArrayXi startup_mode;
  // ticket: min(1, ask/min, max/ask) = min(1, ask·inv_min + min_free, max·inv_ask + ask_free).
  Eigen::ArrayXd ask, inv_ask, ask_free;  // per startup
  ArrayXu8 has_ask;
  Eigen::ArrayXd inv_min, min_free, ticket_max;  // per investor
  ArrayXu8 has_ticket;
  // weights divided by their sum
  double w_sector = 0, w_stage = 0, w_ticket = 0, w_country = 0, w_language = 0;
  double min_score_floor = 0.3 - min_score_tolerance;
  bool interpreters = false;
  std::vector<std::vector<ScoringPairEntry>> entries;  // per startup, sorted by investor

  explicit ScoringModel(const Event& e) { build(e); }

  // Fills `t` with rows [r0, r0+rows) × cols [c0, c0+cols).
  void compute(ScoringTile& t, Index r0, Index rows, Index c0, Index cols) const {
    t.resize(rows, cols);
    t.first_startup = r0;
    t.first_investor = c0;
    if (rows == 0 || cols == 0) return;
    t.sector = (startup_sectors.middleRows(r0, rows) * investor_affinity.middleCols(c0, cols))
                   .array()
                   .max(0.0)
                   .min(1.0);
    const auto stage_idx = startup_stage.segment(r0, rows);
    const auto country_idx = startup_country.segment(r0, rows);
    const auto mode_idx = startup_mode.segment(r0, rows);
    const auto s_ask = ask.segment(r0, rows);
    const auto s_inv_ask = inv_ask.segment(r0, rows);
    const auto s_ask_free = ask_free.segment(r0, rows);
    const auto s_has_ask = has_ask.segment(r0, rows);
    const auto s_lang_any = startup_lang_any.segment(r0, rows);
    for (Index jj = 0; jj < cols; ++jj) {
      const Index j = c0 + jj;
      t.stage.col(jj) = stage_table.col(j)(stage_idx);
      t.country.col(jj) = country_table.col(j)(country_idx).cast<double>();
      if (has_ticket(j)) {
        const auto ratio = (s_ask * inv_min(j) + min_free(j))
                               .min(ticket_max(j) * s_inv_ask + s_ask_free)
                               .min(1.0);
        t.ticket.col(jj) = (s_has_ask != 0).select(ratio, 0.5);
      } else {
        t.ticket.col(jj).setConstant(0.5);
      }
      if (investor_lang_any(j)) {
        t.language.col(jj).setOnes();
      } else if (words == 1) {
        const std::uint64_t w = investor_lang[static_cast<std::size_t>(j)];
        const auto bits = Eigen::Map<const Eigen::Array<std::uint64_t, Eigen::Dynamic, 1>>(
            startup_lang.data() + r0, rows);
        t.language.col(jj) =
            bits.unaryExpr([w](std::uint64_t b) { return (b & w) != 0 ? 1.0 : 0.0; }).max(
                s_lang_any.cast<double>());
      } else {
        for (Index ii = 0; ii < rows; ++ii) {
          t.language(ii, jj) = languages_overlap(r0 + ii, j) ? 1.0 : 0.0;
        }
      }
      t.hard_ok.col(jj) = mode_table.col(j)(mode_idx);
    }
    t.base = w_sector * t.sector + w_stage * t.stage + w_ticket * t.ticket +
             w_country * t.country + w_language * t.language;
    if (!interpreters) {
      t.hard_ok = (t.hard_ok != 0 && t.language > 0.5).cast<std::uint8_t>();
    }
    t.eligible = (t.hard_ok != 0 && t.sector > 0.0 && t.base >= min_score_floor)
                     .cast<std::uint8_t>();
    t.bonus.setZero();
    // Requests and blocks are sparse: patch them in.
    for (Index ii = 0; ii < rows; ++ii) {
      const auto& row = entries[static_cast<std::size_t>(r0 + ii)];
      auto it = std::lower_bound(row.begin(), row.end(), c0,
                                 [](const ScoringPairEntry& e, Index j) { return e.investor < j; });
      for (; it != row.end() && it->investor < c0 + cols; ++it) {
        const Index jj = it->investor - c0;
        t.bonus(ii, jj) = it->bonus;
        if (it->blocked) {
          t.hard_ok(ii, jj) = 0;
          t.eligible(ii, jj) = 0;
        } else if (it->requested) {
          t.eligible(ii, jj) = t.hard_ok(ii, jj);
        }
      }
    }
    t.score = t.base + t.bonus;
  }

  [[nodiscard]] bool languages_overlap(Index s, Index i) const {
    if (startup_lang_any(s) || investor_lang_any(i)) return true;
    const std::uint64_t* a = startup_lang.data() + std::size_t(s) * std::size_t(words);
    const std::uint64_t* b = investor_lang.data() + std::size_t(i) * std::size_t(words);
    for (int w = 0; w < words; ++w) {
      if ((a[w] & b[w]) != 0) return true;
    }
    return false;
  }

 private:
  void build(const Event& e) {
    n = static_cast<Index>(e.startups.size());
    m = static_cast<Index>(e.investors.size());
    const auto k = static_cast<Index>(e.sectors.size());
    const auto stages = static_cast<Index>(e.stages.size());
    const double wsum = e.weights.sector + e.weights.stage + e.weights.ticket +
                        e.weights.country + e.weights.language;
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

    auto check_index = [](Index v, Index size, const std::string& where) {
      if (v < 0 || v >= size) {
        throw InputError(std::vector<Diagnostic>{
            {.pointer = where, .message = "index " + std::to_string(v) + " is out of range"}});
      }
    };

    // --- sector
    auto unit_rows = [&](auto const& people, Index rows, const char* what) {
      Eigen::MatrixXd x = Eigen::MatrixXd::Zero(rows, k);
      for (Index r = 0; r < rows; ++r) {
        Index c = 0;
        for (const auto& w : people[std::size_t(r)].sectors) {
          check_index(w.index, k,
                      std::string("/") + what + "/" + std::to_string(r) + "/sectors/" +
                          std::to_string(c++));
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
      check_index(r.a, k, "/related_sectors");
      check_index(r.b, k, "/related_sectors");
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
                  "/startups/" + std::to_string(s) + "/stage");
      startup_stage(s) = e.startups[std::size_t(s)].stage;
    }
    const double decay = e.options.stage_decay;
    Eigen::ArrayXd pref(stages);
    for (Index i = 0; i < m; ++i) {
      pref.setZero();
      Index c = 0;
      for (const auto& w : e.investors[std::size_t(i)].stages) {
        check_index(w.index, stages,
                    "/investors/" + std::to_string(i) + "/stages/" + std::to_string(c++));
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
          best = std::max(best, pref(b) * std::pow(decay, std::abs(a - b)));
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
    country_table = ArrayXXu8::Zero(nc + 1, m);
    for (Index i = 0; i < m; ++i) {
      const auto& list = e.investors[std::size_t(i)].countries;
      if (list.empty()) {
        country_table.col(i).setOnes();
        continue;
      }
      for (const auto& c : list) {
        auto it = country_id.find(c);
        if (it != country_id.end()) country_table(it->second, i) = 1;
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
                    ArrayXu8& any) {
      out.assign(std::size_t(rows) * std::size_t(words), 0);
      any.resize(rows);
      for (Index r = 0; r < rows; ++r) {
        const auto& list = people[std::size_t(r)].languages;
        any(r) = list.empty() ? 1 : 0;
        for (const auto& l : list) {
          const int id = language_id.at(l);
          out[std::size_t(r) * std::size_t(words) + std::size_t(id / 64)] |=
              std::uint64_t{1} << (id % 64);
        }
      }
    };
    bits(e.startups, n, startup_lang, startup_lang_any);
    bits(e.investors, m, investor_lang, investor_lang_any);

    // --- mode
    mode_table.resize(3, m);
    startup_mode.resize(n);
    for (Index s = 0; s < n; ++s) startup_mode(s) = int(e.startups[std::size_t(s)].mode);
    for (Index i = 0; i < m; ++i) {
      for (int a = 0; a < 3; ++a) {
        mode_table(a, i) = modes_compatible(Mode(a), e.investors[std::size_t(i)].mode) ? 1 : 0;
      }
    }

    // --- ticket
    ask.resize(n);
    inv_ask.resize(n);
    ask_free.resize(n);
    has_ask.resize(n);
    for (Index s = 0; s < n; ++s) {
      const auto& a = e.startups[std::size_t(s)].ask;
      has_ask(s) = a ? 1 : 0;
      ask(s) = a ? *a : 1.0;
      inv_ask(s) = (a && *a > 0.0) ? 1.0 / *a : 0.0;
      ask_free(s) = (a && *a > 0.0) ? 0.0 : 1.0;  // max/0 is +inf: the term never binds
    }
    inv_min.resize(m);
    min_free.resize(m);
    ticket_max.resize(m);
    has_ticket.resize(m);
    for (Index i = 0; i < m; ++i) {
      const auto& t = e.investors[std::size_t(i)].ticket;
      has_ticket(i) = t ? 1 : 0;
      const double lo = t ? t->min : 0.0;
      inv_min(i) = lo > 0.0 ? 1.0 / lo : 0.0;
      min_free(i) = lo > 0.0 ? 0.0 : 1.0;  // ask/0 is +inf: the term never binds
      ticket_max(i) = t ? t->max : 0.0;
    }

    // --- requests and blocks
    std::map<std::pair<Index, Index>, ScoringPairEntry> sparse;  // ordered: (startup, investor)
    std::map<std::pair<Index, Index>, int> sides_seen;           // bit 1 startup, bit 2 investor
    for (std::size_t r = 0; r < e.requests.size(); ++r) {
      const auto& q = e.requests[r];
      const std::string where = "/requests/" + std::to_string(r);
      check_index(q.startup, n, where + "/startup");
      check_index(q.investor, m, where + "/investor");
      int& sides = sides_seen[{q.startup, q.investor}];
      const int bit = q.by == Side::startup ? 1 : 2;
      if (sides & bit) {
        const bool by_startup = q.by == Side::startup;
        throw InputError(std::vector<Diagnostic>{
            {.pointer = where,
             .message = std::string(by_startup ? "startup '" : "investor '") +
                        (by_startup ? e.startups[std::size_t(q.startup)].id
                                    : e.investors[std::size_t(q.investor)].id) +
                        "' requests the pair (" + e.startups[std::size_t(q.startup)].id + ", " +
                        e.investors[std::size_t(q.investor)].id + ") twice"}});
      }
      sides |= bit;
      auto& x = sparse[{q.startup, q.investor}];
      x.investor = q.investor;
      x.requested = true;
      x.bonus += bonus_of(q.priority);
    }
    for (std::size_t r = 0; r < e.blocked.size(); ++r) {
      const auto& b = e.blocked[r];
      const std::string where = "/blocked/" + std::to_string(r);
      check_index(b.startup, n, where + "/startup");
      check_index(b.investor, m, where + "/investor");
      auto& x = sparse[{b.startup, b.investor}];
      x.investor = b.investor;
      x.blocked = true;
    }
    entries.assign(std::size_t(n), {});
    for (const auto& [key, x] : sparse) entries[std::size_t(key.first)].push_back(x);
  }
};

}  // namespace festmatch::detail
