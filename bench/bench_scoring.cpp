// Scoring benchmarks: the dense compatibility matrix for the three presets (pairs per second),
// and top-50 of a 100,000 × 10,000 population, both on two threads.
//
//   festmatch-bench --benchmark_filter=Scoring
#include <benchmark/benchmark.h>

#include <festmatch/generate/generate.hpp>
#include <festmatch/scoring/detail/scoring_model.hpp>
#include <festmatch/scoring/scoring.hpp>
#include <map>

namespace {

const festmatch::Event& preset_event(festmatch::Preset preset) {
  static std::map<festmatch::Preset, festmatch::Event> cache;
  auto it = cache.find(preset);
  if (it == cache.end()) it = cache.emplace(preset, festmatch::generate_event(preset, 1)).first;
  return it->second;
}

// The whole path a caller pays: build the tables, fill score, base and eligible (n × m).
void BM_ScoringMatrix(benchmark::State& state) {
  const auto preset = static_cast<festmatch::Preset>(state.range(0));
  const auto& event = preset_event(preset);
  const int threads = static_cast<int>(state.range(1));
  double eligible = 0;
  for (auto _ : state) {
    auto m = festmatch::compatibility_matrix(event, threads);
    benchmark::DoNotOptimize(m.score.data());
    eligible = m.eligible.cast<double>().mean();
  }
  const auto pairs = static_cast<std::int64_t>(event.startups.size() * event.investors.size());
  state.SetItemsProcessed(state.iterations() * pairs);
  state.counters["eligible_share"] = eligible;
  state.SetLabel(std::string(festmatch::preset_name(preset)));
}
BENCHMARK(BM_ScoringMatrix)
    ->ArgNames({"preset", "threads"})
    ->Args({int(festmatch::Preset::techfest), 2})
    ->Args({int(festmatch::Preset::websummit), 2})
    ->Args({int(festmatch::Preset::slush), 2})
    ->Args({int(festmatch::Preset::slush), 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The matrix kernel alone, without allocating the n × m outputs: tiles of a Slush event.
void BM_ScoringTiles(benchmark::State& state) {
  const auto& event = preset_event(festmatch::Preset::slush);
  const festmatch::Scorer scorer(event);
  festmatch::detail::scoring::ScoringTile tile;
  const auto& model = scorer.model();
  double sink = 0;
  for (auto _ : state) {
    for (festmatch::Index r0 = 0; r0 < model.n; r0 += festmatch::Scorer::tile_rows) {
      for (festmatch::Index c0 = 0; c0 < model.m; c0 += festmatch::Scorer::tile_cols) {
        model.compute(tile, r0, std::min(festmatch::Scorer::tile_rows, model.n - r0), c0,
                      std::min(festmatch::Scorer::tile_cols, model.m - c0), false);
        sink += tile.score(0, 0);
      }
    }
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * std::int64_t(model.n) * model.m);
}
BENCHMARK(BM_ScoringTiles)->Unit(benchmark::kMillisecond)->UseRealTime();

// top-50 of every startup and investor at 100,000 × 10,000 (a billion pairs), never holding
// the matrix.
void BM_ScoringTopK(benchmark::State& state) {
  static const festmatch::Event event = [] {
    auto o = festmatch::preset_options(festmatch::Preset::slush);
    o.startups = 100000;
    o.investors = 10000;
    o.pinned = 0;
    return festmatch::generate_event(o, 7);
  }();
  const int k = static_cast<int>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  for (auto _ : state) {
    auto t = festmatch::top_k(event, k, threads);
    benchmark::DoNotOptimize(t.per_startup.data());
  }
  state.SetItemsProcessed(state.iterations() * std::int64_t(event.startups.size()) *
                          std::int64_t(event.investors.size()));
}
BENCHMARK(BM_ScoringTopK)
    ->ArgNames({"k", "threads"})
    ->Args({50, 2})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
