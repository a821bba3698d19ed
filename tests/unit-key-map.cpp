// The flat key map of the rule checks (util/detail/key_map.hpp) against std::unordered_map: the
// same answers to emplace and find on random keys, through every growth, with colliding and
// repeated keys; emplace keeps the first value of a key.
#include <doctest/doctest.h>

#include <cstdint>
#include <unordered_map>

#include "festmatch/util/detail/key_map.hpp"
#include "festmatch/util/detail/random.hpp"

using festmatch::detail::KeyMap;

TEST_CASE("KeyMap answers as std::unordered_map does, through every growth") {
  for (std::size_t expected : {0u, 10u, 5000u}) {
    INFO("sized for " << expected);
    KeyMap<int> map(expected);
    std::unordered_map<std::uint64_t, int> reference;
    festmatch::detail::SplitMix64 rng(expected + 1);
    for (int n = 0; n < 20000; ++n) {
      // Small keys repeat often; multiples of a power of two probe the same region.
      const std::uint64_t key = n % 3 == 0   ? rng.below(512)
                                : n % 3 == 1 ? (std::uint64_t(rng.below(4096)) << 32)
                                             : rng.next();
      const auto [value, fresh] = map.emplace(key, n);
      const auto [it, inserted] = reference.emplace(key, n);
      CHECK(fresh == inserted);
      REQUIRE(value != nullptr);
      CHECK(*value == it->second);  // the first value stays
      const std::uint64_t probe = rng.below(8192);
      const int* found = map.find(probe);
      const auto there = reference.find(probe);
      CHECK((found != nullptr) == (there != reference.end()));
      if (found && there != reference.end()) CHECK(*found == there->second);
    }
    CHECK(map.size() == reference.size());
    for (const auto& [key, value] : reference) {
      const int* found = map.find(key);
      REQUIRE(found != nullptr);
      CHECK(*found == value);
    }
  }
}
