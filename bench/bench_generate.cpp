// Generating the preset events: the Slush preset should take about a second
// at most, since tests and demos generate events on the fly.
#include <benchmark/benchmark.h>

#include <festmatch/generate/generate.hpp>

static void BM_GenerateEvent(benchmark::State& state) {
  const auto preset = static_cast<festmatch::Preset>(state.range(0));
  std::uint64_t seed = 1;
  std::size_t requests = 0;
  for (auto _ : state) {
    festmatch::Event e = festmatch::generate_event(preset, seed++);
    requests = e.requests.size();
    benchmark::DoNotOptimize(e.startups.data());
  }
  const auto options = festmatch::preset_options(preset);
  state.SetLabel(std::string(festmatch::preset_name(preset)));
  state.counters["participants"] = options.startups + options.investors;
  state.counters["requests"] = static_cast<double>(requests);
  state.SetItemsProcessed(state.iterations() * (options.startups + options.investors));
}
BENCHMARK(BM_GenerateEvent)
    ->Arg(static_cast<int>(festmatch::Preset::techfest))
    ->Arg(static_cast<int>(festmatch::Preset::websummit))
    ->Arg(static_cast<int>(festmatch::Preset::slush))
    ->Unit(benchmark::kMillisecond);
