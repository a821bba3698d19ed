// Baseline: building the id lookups of an event (every reader does this once).
#include <benchmark/benchmark.h>

#include <festmatch/event/event.hpp>

static void BM_EventReindex(benchmark::State& state) {
  festmatch::Event e;
  const auto n = static_cast<int>(state.range(0));
  for (int k = 0; k < n; ++k) e.startups.push_back({.id = "s" + std::to_string(k)});
  for (int k = 0; k < n / 2; ++k) e.investors.push_back({.id = "i" + std::to_string(k)});
  for (auto _ : state) {
    e.reindex();
    benchmark::DoNotOptimize(e.startup_index.size());
  }
  state.SetItemsProcessed(state.iterations() * (n + n / 2));
}
BENCHMARK(BM_EventReindex)->Arg(250)->Arg(5500)->Unit(benchmark::kMicrosecond);
